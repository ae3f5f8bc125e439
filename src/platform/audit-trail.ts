/**
 * Reading the audit trail (audit_event is owned by platform/audit): a filtered, paged listing,
 * newest first, and an on-demand check of the hash chain. Both need 'audit.read'.
 * Dates are entered dd/mm/yyyy or yyyy-mm-dd and mean whole days in Asia/Ho_Chi_Minh.
 */
import { z } from 'zod';
import { recordAudit, verifyAuditChain, type ChainBreak } from './audit.js';
import type { Ctx } from './context.js';
import { requirePermission } from './auth/permissions.js';

/** yyyy-mm-dd from "dd/mm/yyyy", "d/m/yyyy" or "yyyy-mm-dd"; undefined when not a real date. */
export function parseDateInput(s: string): string | undefined {
  let y: number, m: number, d: number;
  const vn = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (vn) [d, m, y] = [Number(vn[1]), Number(vn[2]), Number(vn[3])];
  else if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else return undefined;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d || y < 2000) return undefined;
  return date.toISOString().slice(0, 10);
}

// Empty strings come from blank fields of a GET form: they mean "no filter".
const filterText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((s) => (s === '' ? undefined : s.normalize('NFC')))
    .optional();
const dateFilter = z
  .string()
  .trim()
  .max(10)
  .refine((s) => s === '' || parseDateInput(s) !== undefined, 'Ngày theo dạng dd/mm/yyyy (hoặc yyyy-mm-dd)')
  .transform((s) => (s === '' ? undefined : parseDateInput(s)))
  .optional();

const auditFilters = {
  action: filterText(100),
  entityType: filterText(100),
  entityId: filterText(200),
  /** The actor's username (or `system:<label>`), case-insensitive. */
  actor: filterText(100),
  from: dateFilter,
  to: dateFilter,
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
};
const rangeInOrder = (q: { from?: string | undefined; to?: string | undefined }) => !q.from || !q.to || q.from <= q.to;
const rangeIssue = { message: 'Ngày bắt đầu phải trước ngày kết thúc', path: ['to'] };

/** Query of `GET /api/v1/audit-events` (unknown parameters refused). */
export const auditQuery = z.strictObject(auditFilters).refine(rangeInOrder, rangeIssue);
/** The same filters for the HTML page, which also carries `lang`. */
export const auditPageQuery = z.object(auditFilters).refine(rangeInOrder, rangeIssue);
export type AuditQuery = z.output<typeof auditQuery>;

export interface AuditEventView {
  seq: string;
  at: Date;
  actorId: string | null;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string | null;
  summary: Record<string, unknown>;
  requestId: string | null;
}

// Vietnam keeps UTC+7 all year: a day there is [00:00+07, next 00:00+07).
const dayStart = (isoDate: string) => new Date(`${isoDate}T00:00:00+07:00`);

/** Audit rows matching the filters, newest first. */
export async function listAuditEvents(
  ctx: Ctx,
  q: AuditQuery,
): Promise<{ data: AuditEventView[]; page: { page: number; pageSize: number; total: number } }> {
  requirePermission(ctx, 'audit.read');
  let base = ctx.db.selectFrom('audit_event');
  if (q.action) base = base.where('action', '=', q.action);
  if (q.entityType) base = base.where('entity_type', '=', q.entityType);
  if (q.entityId) base = base.where('entity_id', '=', q.entityId);
  if (q.actor) {
    const actor = q.actor.toLowerCase();
    base = base.where((eb) => eb(eb.fn('lower', ['actor_label']), '=', actor));
  }
  if (q.from) base = base.where('at', '>=', dayStart(q.from));
  if (q.to) base = base.where('at', '<', new Date(dayStart(q.to).getTime() + 86_400_000));
  const [rows, total] = await Promise.all([
    base
      .selectAll()
      .orderBy('seq', 'desc')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    data: rows.map((r) => ({
      seq: r.seq,
      at: r.at,
      actorId: r.actor_id,
      actorLabel: r.actor_label,
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      summary: r.summary,
      requestId: r.request_id,
    })),
    page: { page: q.page, pageSize: q.pageSize, total: Number(total.n) },
  };
}

export interface AuditVerification {
  checked: number;
  broken: ChainBreak | null;
  verifiedAt: Date;
}

/**
 * Walks the whole hash chain and records that it was checked, with the outcome: a broken
 * chain is evidence of tampering, and who looked and when is part of that evidence.
 */
export async function verifyAuditTrail(ctx: Ctx): Promise<AuditVerification> {
  requirePermission(ctx, 'audit.read');
  const r = await verifyAuditChain(ctx.db);
  await recordAudit(ctx, {
    action: 'audit.verify',
    entityType: 'audit_event',
    summary: { checked: r.checked, brokenSeq: r.broken?.seq ?? null, reason: r.broken?.reason ?? null },
  });
  return { ...r, verifiedAt: ctx.now() };
}
