/** JSON API of negotiation support (issue 5): the officer's forward, the business side, the consumer side. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { errors, paged, typed } from '../../platform/api.js';
import type { Deps } from '../../platform/context.js';
import {
  businessAcknowledge,
  businessReport,
  businessRespond,
  consumerFeedback,
  forwardToBusiness,
  getBusinessRequest,
  listBusinessRequests,
  remedyReceived,
  reopenRequest,
  settlementStats,
} from './negotiation.js';
import {
  businessReportInput,
  businessResponseInput,
  caseView,
  feedbackInput,
  forwardInput,
  negotiationOut,
  reopenInput,
  trackQuery,
} from './schema.js';

const idParams = z.object({ id: z.uuid() });
const codeParams = z.object({ code: z.string().max(20) });
const clockOut = z.object({
  rule: z.string(),
  label: z.string(),
  startedAt: z.string(),
  dueAt: z.string(),
  dueDate: z.string(),
  state: z.string(),
  legalBasis: z.string(),
  explanation: z.string(),
});
const businessCaseView = z.object({
  id: z.string(),
  code: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  receivedAt: z.string(),
  consumer: z.object({ fullName: z.string(), phone: z.string().nullable(), email: z.string().nullable() }),
  transaction: z.record(z.string(), z.unknown()).nullable(),
  description: z.string(),
  desiredOutcome: z.string().nullable(),
  negotiation: negotiationOut,
  clocks: z.array(clockOut),
  can: z.object({ acknowledge: z.boolean(), respond: z.boolean(), report: z.boolean() }),
});
const businessListItem = z.object({
  id: z.string(),
  code: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  receivedAt: z.string(),
  forwardedAt: z.string(),
  acknowledgedAt: z.string().nullable(),
  outcome: z.string().nullable(),
  productOrService: z.string().nullable(),
  nextDueAt: z.string().nullable(),
});

export function registerNegotiationRoutes(root: FastifyInstance, deps: Deps): void {
  const app = typed(root);
  const publicLimit = { rateLimit: { max: deps.config.RATE_LIMIT_PUBLIC_PER_MIN, timeWindow: 60_000 } };
  const tags = ['negotiation'];
  const btags = ['business'];

  app.post(
    '/api/v1/requests/:id/forward-to-business',
    {
      schema: {
        tags,
        summary: 'Chuyển yêu cầu cho doanh nghiệp thương lượng (Điều 57 khoản 4); bắt đầu thời hạn của doanh nghiệp',
        params: idParams,
        body: forwardInput,
        response: { 200: caseView, ...errors },
      },
    },
    async (req) => forwardToBusiness(req.ctx, req.params.id, req.body),
  );
  app.get(
    '/api/v1/requests/stats/settlement',
    {
      schema: {
        tags,
        summary: 'Tuân thủ thỏa thuận: biện pháp khắc phục được người tiêu dùng xác nhận',
        response: {
          200: z.object({
            forwarded: z.number(),
            acknowledged: z.number(),
            accepted: z.number(),
            remedies: z.number(),
            confirmed: z.number(),
            complianceRate: z.number(),
            averageRating: z.number().nullable(),
          }),
          ...errors,
        },
      },
    },
    async (req) => settlementStats(req.ctx),
  );

  // ── business (session or API token of a user of that business) ─────────────
  app.get(
    '/api/v1/business/requests',
    {
      schema: {
        tags: btags,
        summary: 'Hồ sơ được chuyển cho doanh nghiệp (chỉ của doanh nghiệp mình)',
        querystring: z.strictObject({
          page: z.coerce.number().int().min(1).max(100000).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(50),
          open: z
            .enum(['true', 'false'])
            .transform((v) => v === 'true')
            .optional(),
        }),
        response: { 200: paged(businessListItem), ...errors },
      },
    },
    async (req) => listBusinessRequests(req.ctx, req.query),
  );
  app.get(
    '/api/v1/business/requests/:id',
    {
      schema: {
        tags: btags,
        summary: 'Một hồ sơ được chuyển cho doanh nghiệp (thông tin liên hệ của người tiêu dùng: truy cập được ghi nhật ký)',
        params: idParams,
        response: { 200: businessCaseView, ...errors },
      },
    },
    async (req) => getBusinessRequest(req.ctx, req.params.id),
  );
  app.post(
    '/api/v1/requests/:id/business/acknowledge',
    {
      schema: {
        tags: btags,
        summary: 'Doanh nghiệp xác nhận đã tiếp nhận (trong 3 ngày làm việc, Điều 31 khoản 2)',
        params: idParams,
        response: { 200: businessCaseView, ...errors },
      },
    },
    async (req) => businessAcknowledge(req.ctx, req.params.id),
  );
  app.post(
    '/api/v1/requests/:id/business/response',
    {
      schema: {
        tags: btags,
        summary: 'Doanh nghiệp trả lời: kết quả, giải thích, biện pháp khắc phục, trả lời công khai',
        description:
          'Kết quả (outcome): explained, monetary_relief, non_monetary_relief, refused_with_reason, incorrect_business (trả hồ sơ về cơ quan), in_progress. Ví dụ: {"outcome":"monetary_relief","explanation":"Cửa hàng đồng ý hoàn tiền do sản phẩm lỗi.","remedy":{"description":"Hoàn tiền qua chuyển khoản","amountVnd":1250000,"dueDate":"2026-12-05"},"publicResponse":"responded_to_consumer"}',
        params: idParams,
        body: businessResponseInput,
        response: {
          200: z.union([businessCaseView, z.object({ id: z.string(), status: z.string(), returnedToAgency: z.boolean() })]),
          ...errors,
        },
      },
      config: {
        openapiExamples: {
          body: [
            {
              outcome: 'monetary_relief',
              explanation: 'Cửa hàng đồng ý hoàn tiền do sản phẩm bị lỗi kỹ thuật.',
              remedy: { description: 'Hoàn tiền qua chuyển khoản', amountVnd: 1250000, dueDate: '2026-12-05' },
              publicResponse: 'responded_to_consumer',
            },
            { outcome: 'incorrect_business', explanation: 'Công ty chúng tôi không kinh doanh sản phẩm này.' },
          ],
        },
      },
    },
    async (req) => businessRespond(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/v1/requests/:id/business/report',
    {
      schema: {
        tags: btags,
        summary: 'Doanh nghiệp báo cáo kết quả thương lượng bằng văn bản (5 ngày làm việc, Điều 57 khoản 5)',
        params: idParams,
        body: businessReportInput,
        response: { 200: businessCaseView, ...errors },
      },
      config: {
        openapiExamples: { body: [{ summary: 'Hai bên đã thống nhất hoàn tiền 1.250.000 đồng; đã chuyển khoản ngày 02/12/2026.' }] },
      },
    },
    async (req) => businessReport(req.ctx, req.params.id, req.body),
  );

  // ── consumer (tracking secret) ──────────────────────────────────────────────
  const consumerOut = z.object({ code: z.string(), status: z.string() });
  app.post(
    '/api/v1/requests/track/:code/feedback',
    {
      schema: {
        tags,
        summary: 'Người tiêu dùng đồng ý hoặc không với trả lời của doanh nghiệp, đánh giá 1–5',
        security: [],
        params: codeParams,
        querystring: trackQuery,
        body: feedbackInput,
        response: { 200: consumerOut, ...errors },
      },
      config: publicLimit,
    },
    async (req) => consumerFeedback(req.ctx, req.params.code, req.query.secret, req.body),
  );
  app.post(
    '/api/v1/requests/track/:code/remedy-received',
    {
      schema: {
        tags,
        summary: 'Người tiêu dùng xác nhận đã nhận biện pháp khắc phục',
        security: [],
        params: codeParams,
        querystring: trackQuery,
        response: { 200: z.object({ code: z.string(), remedyReceivedAt: z.string() }), ...errors },
      },
      config: publicLimit,
    },
    async (req) => remedyReceived(req.ctx, req.params.code, req.query.secret),
  );
  app.post(
    '/api/v1/requests/track/:code/reopen',
    {
      schema: {
        tags,
        summary: 'Người tiêu dùng mở lại hồ sơ đã giải quyết (trong thời hạn cấu hình)',
        security: [],
        params: codeParams,
        querystring: trackQuery,
        body: reopenInput,
        response: { 200: consumerOut, ...errors },
      },
      config: publicLimit,
    },
    async (req) => reopenRequest(req.ctx, req.params.code, req.query.secret, req.body),
  );
}
