/**
 * What the case use cases share (receive, tracking, status, reroute, actions, negotiation): the
 * entity name and closed states, the common errors, the timeline actor, the statutory-clock helpers
 * that keep `next_due_at` in step with the running clocks, and the messages to the consumer and
 * the agency's handlers (outbox, sent after commit).
 */
import { enqueue } from '../../platform/outbox.js';
import { findActiveClockId, meetClock, readEntityClocks, stopClock, type ClockView } from '../../platform/clocks/index.js';
import type { Actor, Ctx } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { RequestRow } from './repo.js';
import type { RequestStatus } from './schema.js';

export const ENTITY = 'request';
export const CLOSED: readonly RequestStatus[] = ['resolved', 'refused', 'closed'];

export const caseNotFound = () => notFound('request.not_found', 'Không tìm thấy hồ sơ.');
export const caseClosed = () => new AppError('invalid_state', 'request.closed', 'Hồ sơ đã kết thúc, không thể thực hiện thao tác này.');

/** Who a timeline event names: the user, the system, or else the consumer (public pages). */
export function actorOf(a: Actor): { actorId: string | null; actorLabel: string } {
  if (a.type === 'user') return { actorId: a.userId, actorLabel: a.displayName };
  if (a.type === 'system') return { actorId: null, actorLabel: 'Hệ thống' };
  return { actorId: null, actorLabel: 'Người tiêu dùng' };
}

/**
 * Keeps `next_due_at` (the inbox order) equal to the earliest due instant of the running clocks,
 * from the case's clocks (read unless given: all of them). Whether a case is overdue is decided at
 * reading time against this instant, never stored.
 */
export async function syncDue(tx: Ctx, id: string, opts: { known?: ClockView[] } = {}): Promise<ClockView[]> {
  const clocks = opts.known ?? (await readEntityClocks(tx, ENTITY, id));
  const running = clocks.filter((c) => c.state !== 'met' && c.state !== 'stopped' && c.state !== 'paused');
  const next = running.reduce<Date | null>((m, c) => (m === null || c.dueAt < m ? c.dueAt : m), null);
  await tx.db.updateTable('request').set({ next_due_at: next, updated_at: tx.now() }).where('id', '=', id).execute();
  return clocks;
}

export async function meetIfRunning(tx: Ctx, id: string, rule: string): Promise<void> {
  const clockId = await findActiveClockId(tx, ENTITY, id, rule as never);
  if (clockId) await meetClock(tx, clockId);
}

export async function stopAll(tx: Ctx, id: string, reason: string): Promise<void> {
  const clocks = await readEntityClocks(tx, ENTITY, id);
  for (const c of clocks) if (c.state !== 'met' && c.state !== 'stopped') await stopClock(tx, c.id, { reason });
}

// ── notifications (outbox) ──────────────────────────────────────────────────

/** Mail and SMS to the consumer, to whichever contact the case holds. */
export async function toConsumer(tx: Ctx, r: RequestRow, subject: string, text: string): Promise<void> {
  if (r.consumer_email) await enqueue(tx, 'mail.send', { to: r.consumer_email, subject, text });
  if (r.consumer_phone) await enqueue(tx, 'sms.send', { to: r.consumer_phone, text: `${subject}. ${text}`.slice(0, 300) });
}

/** Alert to the agency's handlers (e-mail): a new case, a re-routed one, a supplement. */
export async function alertAgency(tx: Ctx, r: Pick<RequestRow, 'id' | 'code' | 'agency_id' | 'commune_code'>, what: string): Promise<void> {
  if (!r.agency_id) return;
  const users = await tx.db
    .selectFrom('app_user')
    .select(['email'])
    .where('agency_id', '=', r.agency_id)
    .where('active', '=', true)
    .where('role', 'in', ['agency_manager', 'case_officer'])
    .where('email', 'is not', null)
    .execute();
  const base = tx.deps.config.APP_BASE_URL.replace(/\/$/, '');
  for (const u of users)
    await enqueue(tx, 'mail.send', { to: u.email!, subject: `${what}: ${r.code}`, text: `${what} ${r.code}: ${base}/requests/${r.id}` });
}
