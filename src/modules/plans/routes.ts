/** JSON API of plans (/api/v1/plans…): import (preview or commit), plans, tasks and their corrections. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { errors, paged, typed } from '../../platform/api.js';
import { requirePermission } from '../../platform/auth/permissions.js';
import { IMPORT_LIMITS, planImportErrors } from './errors.js';
import { detectFormat } from './import.js';
import { importPlanFile, previewPlanImport, type ImportRequest } from './import-service.js';
import {
  createPlanInput,
  importBody,
  importCommitted,
  importQuery,
  listPlansQuery,
  planImportPreview,
  planView,
  taskView,
  updatePlanInput,
  updateTaskInput,
} from './schema.js';
import { createPlan, getPlan, getTask, listPlans, listTasks, updatePlan, updateTask } from './service.js';

const idParams = z.object({ id: z.uuid() });
const taskParams = z.object({ id: z.uuid(), taskId: z.uuid() });

/** Headroom over the file limit for base64 (4/3) and the multipart or JSON envelope. */
export const IMPORT_BODY_LIMIT = Math.ceil((IMPORT_LIMITS.maxBytes * 4) / 3) + 256 * 1024;

const EXAMPLE_TEXT =
  'PHỤ LỤC\nTT\tNhiệm vụ\tCơ quan chủ trì\tCơ quan phối hợp\tSản phẩm\tThời gian\n' +
  '1\tTổ chức tập huấn về bảo vệ quyền lợi người tiêu dùng\tSở Công Thương\tSở Tư pháp\tLớp tập huấn\tQuý III/2026\n' +
  '2\tTuyên truyền Ngày Quyền của người tiêu dùng Việt Nam\tSở Văn hóa, Thể thao và Du lịch\tUBND xã, phường\tTin bài\tHằng năm\n';

/** Reads the upload: one `file` part (DOCX, XLSX or .txt), with optional `format` and `sheet` fields, or a `content` text field. */
export async function readImportUpload(req: FastifyRequest): Promise<ImportRequest> {
  const fields: Record<string, string> = {};
  let bytes: Buffer | undefined;
  let fileName: string | undefined;
  try {
    for await (const part of req.parts({
      limits: { fileSize: IMPORT_LIMITS.maxBytes, files: 1, fields: 10, fieldSize: IMPORT_LIMITS.maxBytes },
    })) {
      if (part.type === 'file') {
        bytes = await part.toBuffer();
        fileName = part.filename;
      } else if (typeof part.value === 'string') {
        fields[part.fieldname] = part.value;
      }
    }
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE' || code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT')
      throw planImportErrors.tooLarge(IMPORT_LIMITS.maxBytes);
    throw e;
  }
  const sheet = fields.sheet?.trim()
    ? /^\d{1,4}$/.test(fields.sheet.trim())
      ? Number(fields.sheet.trim())
      : fields.sheet.trim()
    : undefined;
  if (bytes && bytes.length > 0) {
    if (bytes.length > IMPORT_LIMITS.maxBytes) throw planImportErrors.tooLarge(IMPORT_LIMITS.maxBytes);
    const format = fields.format?.trim() || detectFormat(fileName, bytes);
    if (!format) throw planImportErrors.unsupportedFormat(fileName ?? 'tệp');
    return { format, content: bytes, sheet, fileName };
  }
  const text = fields.content ?? fields.text;
  if (text && text.trim() !== '') return { format: fields.format?.trim() || 'text', content: text, sheet };
  throw planImportErrors.empty();
}

export function registerPlanRoutes(root: FastifyInstance): void {
  const app = typed(root);
  const tags = ['plans'];

  app.post(
    '/api/v1/plans/import',
    {
      schema: {
        tags,
        summary:
          'Nhập kế hoạch từ tệp (multipart `file`: DOCX, XLSX, .txt) hoặc JSON { format, content }: ?dryRun=true trả bản xem trước { plan, tasks, warnings }, không ghi; nếu không, tạo kế hoạch trong một giao dịch',
        consumes: ['application/json', 'multipart/form-data'],
        querystring: importQuery,
        body: importBody.nullish(),
        response: { 200: planImportPreview, 201: importCommitted, ...errors },
      },
      bodyLimit: IMPORT_BODY_LIMIT,
      config: { openapiExamples: { body: [{ format: 'text', content: EXAMPLE_TEXT }] } },
      // Permission first, then size: a 50 MB upload is refused before it is read, with the import's own code.
      onRequest: async (req) => {
        requirePermission(req.ctx, 'plans.manage');
        const length = Number(req.headers['content-length'] ?? 0);
        if (length > IMPORT_BODY_LIMIT) throw planImportErrors.tooLarge(IMPORT_LIMITS.maxBytes);
      },
    },
    async (req, reply) => {
      let input: ImportRequest;
      if (req.isMultipart()) input = await readImportUpload(req);
      else if (req.body) input = { ...req.body };
      else throw planImportErrors.empty();
      if (input.sheet === undefined && req.query.sheet) input.sheet = req.query.sheet;
      if (req.query.dryRun) return reply.status(200).send(await previewPlanImport(req.ctx, input));
      return reply.status(201).send(await importPlanFile(req.ctx, input));
    },
  );

  app.get(
    '/api/v1/plans',
    {
      schema: {
        tags,
        summary: 'Danh sách kế hoạch của tỉnh, có điểm "6 rõ"',
        querystring: listPlansQuery,
        response: { 200: paged(planView), ...errors },
      },
    },
    async (req) => listPlans(req.ctx, req.query),
  );

  app.post(
    '/api/v1/plans',
    {
      schema: {
        tags,
        summary: 'Tạo kế hoạch từ bản xem trước đã chỉnh sửa (nhiệm vụ, cơ quan đã chọn, thời gian)',
        body: createPlanInput,
        response: { 201: importCommitted, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await createPlan(req.ctx, req.body)),
  );

  app.get(
    '/api/v1/plans/:id',
    {
      schema: {
        tags,
        summary: 'Một kế hoạch: thông tin, lịch báo cáo, cơ quan đầu mối, điểm "6 rõ"',
        params: idParams,
        response: { 200: planView, ...errors },
      },
    },
    async (req) => getPlan(req.ctx, req.params.id),
  );

  app.patch(
    '/api/v1/plans/:id',
    {
      schema: {
        tags,
        summary: 'Sửa kế hoạch: thông tin, cơ quan đầu mối, lịch báo cáo, số ngày nhắc trước hạn, lưu trữ',
        params: idParams,
        body: updatePlanInput,
        response: { 200: planView, ...errors },
      },
    },
    async (req) => updatePlan(req.ctx, req.params.id, req.body),
  );

  app.get(
    '/api/v1/plans/:id/tasks',
    {
      schema: {
        tags,
        summary:
          'Nhiệm vụ của kế hoạch theo thứ tự (mục lớn là nhiệm vụ cha), với cơ quan chủ trì/phối hợp, thời gian đã phân tích và "6 rõ"',
        params: idParams,
        response: { 200: z.object({ data: z.array(taskView) }), ...errors },
      },
    },
    async (req) => listTasks(req.ctx, req.params.id),
  );

  app.get(
    '/api/v1/plans/:id/tasks/:taskId',
    { schema: { tags, summary: 'Một nhiệm vụ', params: taskParams, response: { 200: taskView, ...errors } } },
    async (req) => getTask(req.ctx, req.params.id, req.params.taskId),
  );

  app.patch(
    '/api/v1/plans/:id/tasks/:taskId',
    {
      schema: {
        tags,
        summary:
          'Sửa nhiệm vụ: chọn cơ quan cho tên chưa khớp, sửa thời gian (giữ nguyên văn), người chịu trách nhiệm, sản phẩm, thẩm quyền, ngày sự kiện điều kiện',
        params: taskParams,
        body: updateTaskInput,
        response: { 200: taskView, ...errors },
      },
    },
    async (req) => updateTask(req.ctx, req.params.id, req.params.taskId, req.body),
  );
}
