/** JSON API of consumer requests (issue 4): intake, preview, tracking, inbox, case actions, attachments. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { errors, pageInfo, typed } from '../../platform/api.js';
import type { Deps } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { addAttachment, MAX_ATTACHMENT_BYTES, readAttachment } from './attachments.js';
import { casesByPhone, listInbox } from './inbox.js';
import {
  assignInput,
  bounceInput,
  caseView,
  correctionInput,
  inboxItemView,
  inboxQuery,
  mergeInput,
  noteInput,
  previewInput,
  previewView,
  receiptView,
  refuseInput,
  requestInput,
  rerouteInput,
  statusInput,
  supplementInput,
  trackQuery,
  trackView,
} from './schema.js';
import { previewRouting, receiveRequest } from './receive.js';
import { supplementRequest, trackRequest } from './tracking.js';
import { getRequest } from './case-view.js';
import { changeStatus, mergeRequest, refuseRequest } from './status.js';
import { addNote, assignRequests, bounceRequest, correctClassification, rerouteRequest, routingStats } from './actions.js';

const idParams = z.object({ id: z.uuid() });
const idemKey = z
  .string()
  .trim()
  .min(8)
  .max(100)
  .regex(/^[\x21-\x7e]+$/, 'Khóa gồm ký tự ASCII in được');
const phoneQuery = z.strictObject({
  phone: z
    .string()
    .trim()
    .transform((s) => s.replace(/[\s.()-]/g, ''))
    .pipe(z.string().regex(/^(\+84|0)\d{8,10}$/, 'Số điện thoại Việt Nam không hợp lệ'))
    .transform((s) => (s.startsWith('+84') ? `0${s.slice(3)}` : s)),
});

export function registerRequestRoutes(root: FastifyInstance, deps: Deps): void {
  const app = typed(root);
  const publicLimit = { rateLimit: { max: deps.config.RATE_LIMIT_PUBLIC_PER_MIN, timeWindow: 60_000 } };
  const tags = ['requests'];

  app.post(
    '/api/v1/requests',
    {
      schema: {
        tags,
        summary: 'Gửi yêu cầu, phản ánh, khiếu nại (công khai; cán bộ ghi nhận qua tổng đài, trực tiếp…)',
        security: [],
        headers: z.object({ 'idempotency-key': idemKey.optional() }).passthrough(),
        body: requestInput,
        response: { 200: receiptView, 201: receiptView, ...errors },
      },
      config: publicLimit,
    },
    async (req, reply) => {
      const key = req.headers['idempotency-key'];
      const { created, receipt } = await receiveRequest(req.ctx, req.body, typeof key === 'string' ? { idempotencyKey: key } : {});
      if (!created) reply.header('idempotent-replayed', 'true');
      return reply.status(created ? 201 : 200).send(receipt);
    },
  );

  app.post(
    '/api/v1/requests/preview-routing',
    {
      schema: {
        tags,
        summary: 'Xem trước phân loại và cơ quan có thẩm quyền (công khai)',
        security: [],
        body: previewInput,
        response: { 200: previewView, ...errors },
      },
      config: publicLimit,
    },
    async (req) => previewRouting(req.ctx, req.body),
  );

  app.get(
    '/api/v1/requests/track/:code',
    {
      schema: {
        tags,
        summary: 'Theo dõi hồ sơ bằng mã và mã bí mật (công khai, không có dữ liệu cá nhân)',
        security: [],
        params: z.object({ code: z.string().max(20) }),
        querystring: trackQuery,
        response: { 200: trackView, ...errors },
      },
      config: publicLimit,
    },
    async (req) => trackRequest(req.ctx, req.params.code, req.query.secret),
  );

  app.post(
    '/api/v1/requests/track/:code/supplement',
    {
      schema: {
        tags,
        summary: 'Người tiêu dùng bổ sung thông tin còn thiếu (bằng mã bí mật theo dõi)',
        security: [],
        params: z.object({ code: z.string().max(20) }),
        querystring: trackQuery,
        body: supplementInput,
        response: {
          200: z.object({
            code: z.string(),
            status: z.string(),
            statusLabel: z.string(),
            missing: z.array(z.object({ code: z.string(), label: z.string() })),
          }),
          ...errors,
        },
      },
      config: publicLimit,
    },
    async (req) => supplementRequest(req.ctx, req.params.code, req.query.secret, req.body),
  );

  app.get(
    '/api/v1/requests',
    {
      schema: {
        tags,
        summary: 'Hộp hồ sơ của cơ quan (theo phạm vi)',
        querystring: inboxQuery,
        response: {
          200: z.object({
            data: z.array(inboxItemView),
            page: pageInfo.extend({
              /** False when more cases match than were counted (INBOX_COUNT_CAP): `total` is then a lower bound. */
              totalExact: z.boolean(),
            }),
          }),
          ...errors,
        },
      },
    },
    async (req) => listInbox(req.ctx, req.query),
  );

  app.get(
    '/api/v1/requests/stats/routing',
    {
      schema: {
        tags,
        summary: 'Tỷ lệ chuyển lại và trả về cơ quan đầu mối',
        response: {
          200: z.object({ total: z.number(), rerouted: z.number(), bounced: z.number(), rerouteRate: z.number(), bounceRate: z.number() }),
          ...errors,
        },
      },
    },
    async (req) => routingStats(req.ctx),
  );

  app.get(
    '/api/v1/requests/by-phone',
    {
      schema: {
        tags,
        summary: 'Hồ sơ trước đây của người gọi (tổng đài)',
        querystring: phoneQuery,
        response: {
          200: z.object({
            data: z.array(
              z.object({
                id: z.string(),
                code: z.string(),
                kind: z.string(),
                status: z.string(),
                statusLabel: z.string(),
                receivedAt: z.string(),
                businessName: z.string(),
                consumerName: z.string(),
                agencyName: z.string().nullable(),
              }),
            ),
          }),
          ...errors,
        },
      },
    },
    async (req) => ({ data: await casesByPhone(req.ctx, req.query.phone) }),
  );

  app.get(
    '/api/v1/requests/:id',
    {
      schema: {
        tags,
        summary: 'Một hồ sơ (có dữ liệu cá nhân; truy cập được ghi nhật ký)',
        params: idParams,
        response: { 200: caseView, ...errors },
      },
    },
    async (req) => getRequest(req.ctx, req.params.id),
  );

  const action = z.object({ id: z.string(), code: z.string(), status: z.string() }).passthrough();
  app.post(
    '/api/v1/requests/:id/status',
    { schema: { tags, summary: 'Chuyển trạng thái hồ sơ', params: idParams, body: statusInput, response: { 200: action, ...errors } } },
    async (req) => changeStatus(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/v1/requests/:id/refuse',
    {
      schema: {
        tags,
        summary: 'Từ chối hỗ trợ thương lượng theo một căn cứ của Điều 58',
        params: idParams,
        body: refuseInput,
        response: { 200: action, ...errors },
      },
    },
    async (req) => refuseRequest(req.ctx, req.params.id, req.body),
  );
  const moved = z.object({ id: z.string(), code: z.string(), agency: z.object({ id: z.string(), kind: z.string(), name: z.string() }) });
  app.post(
    '/api/v1/requests/:id/reroute',
    {
      schema: {
        tags,
        summary: 'Chuyển cơ quan khác xử lý (có lý do)',
        params: idParams,
        body: rerouteInput,
        response: { 200: moved, ...errors },
      },
    },
    async (req) => rerouteRequest(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/v1/requests/:id/bounce',
    {
      schema: {
        tags,
        summary: 'Không thuộc thẩm quyền: trả về cơ quan đầu mối',
        params: idParams,
        body: bounceInput,
        response: { 200: moved, ...errors },
      },
    },
    async (req) => bounceRequest(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/v1/requests/assign',
    {
      schema: {
        tags,
        summary: 'Giao hàng loạt hồ sơ cho cán bộ',
        body: assignInput,
        response: { 200: z.object({ assigned: z.number(), ids: z.array(z.string()), assigneeId: z.string().nullable() }), ...errors },
      },
    },
    async (req) => assignRequests(req.ctx, req.body),
  );
  app.post(
    '/api/v1/requests/:id/notes',
    {
      schema: {
        tags,
        summary: 'Ghi chú nội bộ',
        params: idParams,
        body: noteInput,
        response: { 201: z.object({ id: z.string(), body: z.string(), author: z.string(), createdAt: z.string() }), ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await addNote(req.ctx, req.params.id, req.body)),
  );
  app.post(
    '/api/v1/requests/:id/classification',
    {
      schema: {
        tags,
        summary: 'Sửa phân loại (lưu để huấn luyện lại)',
        params: idParams,
        body: correctionInput,
        response: { 200: z.object({ id: z.string(), sector: z.string(), violations: z.array(z.string()) }), ...errors },
      },
    },
    async (req) => correctClassification(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/v1/requests/:id/merge',
    {
      schema: { tags, summary: 'Gộp hồ sơ trùng vào hồ sơ khác', params: idParams, body: mergeInput, response: { 200: action, ...errors } },
    },
    async (req) => mergeRequest(req.ctx, req.params.id, req.body),
  );

  app.post(
    '/api/v1/requests/:id/attachments',
    {
      schema: {
        tags,
        summary: 'Đính kèm tài liệu (multipart; JPEG, PNG, PDF, DOCX; ≤ 10 MB; ≤ 20 tệp)',
        security: [],
        params: idParams,
        querystring: z.object({ secret: z.string().max(100).optional() }),
        response: {
          201: z.object({
            id: z.string(),
            filename: z.string(),
            mediaType: z.string(),
            sizeBytes: z.number(),
            sha256: z.string(),
            createdAt: z.string(),
          }),
          ...errors,
        },
      },
      config: publicLimit,
    },
    async (req, reply) => {
      if (!req.isMultipart())
        throw new AppError('unsupported_media_type', 'attachment.not_multipart', 'Gửi tệp theo dạng multipart/form-data.');
      const part = await req.file({ limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1 } });
      if (!part) throw new AppError('validation', 'attachment.missing_file', 'Chưa có tệp đính kèm.');
      const bytes = await part.toBuffer().catch((e: unknown) => {
        if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
          throw new AppError('payload_too_large', 'attachment.too_large', 'Mỗi tệp tối đa 10 MB.');
        throw e;
      });
      const secretHeader = req.headers['x-tracking-secret'];
      const secret = req.query.secret ?? (typeof secretHeader === 'string' ? secretHeader : undefined);
      const out = await addAttachment(req.ctx, req.params.id, { filename: part.filename, bytes }, secret ? { trackingSecret: secret } : {});
      return reply.status(201).send(out);
    },
  );
  app.get(
    '/api/v1/requests/:id/attachments/:attachmentId',
    {
      schema: { tags, summary: 'Tải tệp đính kèm (truy cập được ghi nhật ký)', params: z.object({ id: z.uuid(), attachmentId: z.uuid() }) },
    },
    async (req, reply) => {
      const f = await readAttachment(req.ctx, req.params.id, req.params.attachmentId);
      return reply
        .header('content-type', f.mediaType)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.filename)}`)
        .header('cache-control', 'no-store')
        .send(f.bytes);
    },
  );
}
