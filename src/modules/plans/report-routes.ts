/** JSON API of plan progress (/api/v1/plans/:id/…): reports per task and period, evidence, the board, urging, the DOCX report. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { errors, typed } from '../../platform/api.js';
import { requirePermission } from '../../platform/auth/permissions.js';
import { planErrors } from './errors.js';
import { INDICATORS, planIndicators, setTaskIndicators } from './indicators.js';
import { planReportFile } from './report-doc.js';
import { planReportXlsxFile } from './report-xlsx.js';
import { addEvidence, listTaskReports, MAX_EVIDENCE_BYTES, planBoard, readEvidence, submitReport, urgeAgency } from './reports.js';
import { boardView, indicatorValue, noticeView, periodQuery, reportDocQuery, reportInput, reportView, urgeInput } from './schema.js';

const idParams = z.object({ id: z.uuid() });
const taskParams = z.object({ id: z.uuid(), taskId: z.uuid() });
const reportParams = z.object({ id: z.uuid(), reportId: z.uuid() });

const attachment = (name: string): string => `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(name)}`;

export function registerPlanReportRoutes(root: FastifyInstance): void {
  const app = typed(root);
  const tags = ['plans'];

  app.get(
    '/api/v1/plans/:id/tasks/:taskId/reports',
    {
      schema: {
        tags,
        summary: 'Báo cáo tiến độ của một nhiệm vụ theo kỳ',
        params: taskParams,
        response: { 200: z.object({ data: z.array(reportView) }), ...errors },
      },
    },
    async (req) => listTaskReports(req.ctx, req.params.id, req.params.taskId),
  );

  app.post(
    '/api/v1/plans/:id/tasks/:taskId/reports',
    {
      schema: {
        tags,
        summary:
          'Cơ quan chủ trì (hoặc phối hợp) báo cáo tiến độ nhiệm vụ cho một kỳ: tình trạng (not_started, on_track, at_risk, done, overdue) và nội dung; gửi lại thì thay báo cáo cũ',
        params: taskParams,
        body: reportInput,
        response: { 200: reportView, 201: reportView, ...errors },
      },
      config: {
        openapiExamples: {
          body: [{ period: '2026-11-10', status: 'on_track', narrative: 'Đã tổ chức 2 lớp tập huấn cho 120 tiểu thương.' }],
        },
      },
    },
    async (req, reply) => {
      const { created, report } = await submitReport(req.ctx, req.params.id, req.params.taskId, req.body);
      return reply.status(created ? 201 : 200).send(report);
    },
  );

  app.post(
    '/api/v1/plans/:id/reports/:reportId/evidence',
    {
      schema: {
        tags,
        summary: 'Thêm tệp minh chứng cho báo cáo (multipart `file`; JPEG, PNG, PDF, DOCX; ≤ 10 MB; ≤ 10 tệp)',
        consumes: ['multipart/form-data'],
        params: reportParams,
        response: { 201: reportView, ...errors },
      },
    },
    async (req, reply) => {
      requirePermission(req.ctx, 'plans.report');
      if (!req.isMultipart()) throw planErrors.notMultipart();
      const part = await req.file({ limits: { fileSize: MAX_EVIDENCE_BYTES, files: 1 } });
      if (!part) throw planErrors.missingFile();
      const bytes = await part.toBuffer().catch((e: unknown) => {
        if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw planErrors.evidenceTooLarge();
        throw e;
      });
      return reply.status(201).send(await addEvidence(req.ctx, req.params.id, req.params.reportId, { filename: part.filename, bytes }));
    },
  );

  app.get(
    '/api/v1/plans/:id/reports/:reportId/evidence/:evidenceId',
    { schema: { tags, summary: 'Tải tệp minh chứng', params: z.object({ id: z.uuid(), reportId: z.uuid(), evidenceId: z.uuid() }) } },
    async (req, reply) => {
      const f = await readEvidence(req.ctx, req.params.id, req.params.reportId, req.params.evidenceId);
      return reply
        .header('content-type', f.mediaType)
        .header('content-disposition', attachment(f.filename))
        .header('cache-control', 'no-store')
        .send(f.bytes);
    },
  );

  app.get(
    '/api/v1/plans/:id/board',
    {
      schema: {
        tags,
        summary: 'Bảng tổng hợp của cơ quan đầu mối cho một kỳ: theo cơ quan, theo mục, dòng thời gian (báo cáo, nhắc, quá hạn, đôn đốc)',
        params: idParams,
        querystring: periodQuery,
        response: { 200: boardView, ...errors },
      },
    },
    async (req) => planBoard(req.ctx, req.params.id, req.query.period),
  );

  app.post(
    '/api/v1/plans/:id/urge',
    {
      schema: {
        tags,
        summary: 'Đôn đốc một cơ quan về một kỳ báo cáo (ghi nhật ký, gửi thư qua hàng đợi)',
        params: idParams,
        body: urgeInput,
        response: { 201: noticeView, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await urgeAgency(req.ctx, req.params.id, req.body)),
  );

  app.get(
    '/api/v1/plans/:id/report',
    {
      schema: {
        tags,
        summary: 'Báo cáo tổng hợp định kỳ theo thể thức Nghị định 30/2020/NĐ-CP (DOCX, hoặc PDF với format=pdf) cho một kỳ',
        params: idParams,
        querystring: reportDocQuery,
        response: { 200: z.any().describe('Tệp DOCX hoặc PDF'), ...errors },
      },
    },
    async (req, reply) => {
      const f = await planReportFile(req.ctx, req.params.id, req.query.period, req.query.format);
      return reply
        .header('content-type', f.contentType)
        .header('content-disposition', attachment(f.filename))
        .header('cache-control', 'no-store')
        .send(f.body);
    },
  );

  app.get(
    '/api/v1/plans/:id/report.xlsx',
    {
      schema: {
        tags,
        summary: 'Phụ lục XLSX: bảng nhiệm vụ và tiến độ của một kỳ',
        params: idParams,
        querystring: z.object({ period: reportDocQuery.shape.period }),
        response: { 200: z.any().describe('Tệp XLSX'), ...errors },
      },
    },
    async (req, reply) => {
      const f = await planReportXlsxFile(req.ctx, req.params.id, req.query.period);
      return reply
        .header('content-type', f.contentType)
        .header('content-disposition', attachment(f.filename))
        .header('cache-control', 'no-store')
        .send(f.body);
    },
  );

  const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
  app.get(
    '/api/v1/plans/:id/indicators',
    {
      schema: {
        tags,
        summary: 'Chỉ số trực tuyến tính từ dữ liệu hệ thống cho khoảng [from, to) trong tỉnh của kế hoạch',
        params: idParams,
        querystring: z.object({
          from: day,
          to: day,
          /** Comma-separated codes; default all. */
          codes: z
            .string()
            .max(2000)
            .optional()
            .transform((s) =>
              s
                ? s
                    .split(',')
                    .map((c) => c.trim())
                    .filter(Boolean)
                : undefined,
            ),
        }),
        response: { 200: z.object({ from: z.string(), to: z.string(), data: z.array(indicatorValue) }), ...errors },
      },
    },
    async (req) => planIndicators(req.ctx, req.params.id, { from: req.query.from, to: req.query.to }, req.query.codes),
  );

  app.get(
    '/api/v1/plans/indicators',
    {
      schema: {
        tags,
        summary: 'Danh mục chỉ số trực tuyến có thể gắn vào nhiệm vụ',
        response: { 200: z.object({ data: z.array(z.object({ code: z.string(), label: z.string(), unit: z.string() })) }), ...errors },
      },
    },
    async (req) => {
      requirePermission(req.ctx, 'plans.read');
      return { data: INDICATORS.map((i) => ({ code: i.code, label: i.label, unit: i.unit })) };
    },
  );

  app.put(
    '/api/v1/plans/:id/tasks/:taskId/indicators',
    {
      schema: {
        tags,
        summary: 'Gắn chỉ số trực tuyến vào nhiệm vụ',
        params: taskParams,
        body: z.object({ indicators: z.array(z.string().max(80)).max(20) }),
        response: { 200: z.object({ taskId: z.string(), indicators: z.array(z.string()) }), ...errors },
      },
    },
    async (req) => setTaskIndicators(req.ctx, req.params.id, req.params.taskId, req.body.indicators),
  );
}
