/** JSON API for the audit trail: the filtered listing and the chain check. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { errors, paged, typed } from '../../platform/api.js';
import { auditQuery, listAuditEvents, verifyAuditTrail } from '../../platform/audit-trail.js';

const auditEvent = z.object({
  seq: z.string(),
  at: z.date(),
  actorId: z.string().nullable(),
  actorLabel: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  summary: z.record(z.string(), z.unknown()),
  requestId: z.string().nullable(),
});

const verification = z.object({
  checked: z.number().int(),
  broken: z.object({ seq: z.string(), reason: z.enum(['hash_mismatch', 'prev_hash_mismatch', 'gap']) }).nullable(),
  verifiedAt: z.date(),
});

export function registerAdminRoutes(root: FastifyInstance): void {
  const app = typed(root);
  app.get(
    '/api/v1/audit-events',
    {
      schema: {
        tags: ['audit'],
        summary: 'Nhật ký kiểm toán, mới nhất trước (lọc theo hành động, đối tượng, người thực hiện, khoảng ngày)',
        description: 'from/to: dd/mm/yyyy hoặc yyyy-mm-dd, tính theo ngày ở Asia/Ho_Chi_Minh, gồm cả hai đầu.',
        querystring: auditQuery,
        response: { 200: paged(auditEvent), ...errors },
      },
    },
    async (req) => listAuditEvents(req.ctx, req.query),
  );
  app.post(
    '/api/v1/audit-events/verify',
    {
      schema: {
        tags: ['audit'],
        summary: 'Kiểm tra chuỗi băm của toàn bộ nhật ký; trả về dòng đầu tiên bị thay đổi, nếu có',
        response: { 200: verification, ...errors },
      },
    },
    async (req) => verifyAuditTrail(req.ctx),
  );
}
