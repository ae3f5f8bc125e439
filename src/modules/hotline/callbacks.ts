/**
 * The call-back queue (issue 4 point 9: "so that no caller is left unanswered"): one open
 * call-back per number, due under CALLBACK_POLICY, attempts recorded until the caller is reached
 * or given up on. Every use case needs `requests.intake` and writes its audit row (no phone numbers).
 */
import { recordAudit } from '../../platform/audit.js';
import { can, requirePermission } from '../../platform/auth/permissions.js';
import type { Calendar } from '../../platform/calendar/index.js';
import { getCalendar } from '../../platform/calendar/store.js';
import { localDateOf } from '../../platform/clocks/index.js';
import { inTransaction, isUser, type Actor, type Ctx } from '../../platform/context.js';
import { enqueue } from '../../platform/outbox.js';
import type { CallbackAttemptEntry } from '../../db/schema.js';
import { hotlineErrors as E } from './errors.js';
import {
  attachCallToCallback,
  attemptLogJson,
  findCall,
  findCallback,
  insertCallback,
  listCallbacks as listCallbackRows,
  lockCallback,
  openCallbackOf,
  updateCallback,
  type CallbackRow,
} from './repo.js';
import type { AttemptInput, CallbackListQuery, CallbackStatus, CallbackView } from './schema.js';
import { callbackStatusLabel, resultLabel } from './texts.js';

const CALLBACK = 'callback';

/**
 * [CONFIG] Call-back service level (no statute sets one; LAW.md §15.1: the national hotline
 * answered only 70 % of calls). A missed call is called back by 17:00 Asia/Ho_Chi_Minh on the
 * next working day after the day it was missed, counted on the province's working calendar
 * (weekends, public holidays and compensatory days skipped). It shows "due soon" in the last two
 * hours; after three unanswered attempts it is closed as unreachable and the caller gets an SMS.
 * Kept here until config.ts grows HOTLINE_* settings.
 */
export const CALLBACK_POLICY = { workingDays: 1, dueLocalTime: '17:00', dueSoonMinutes: 120, maxAttempts: 3 } as const;

/** When the call-back of a call missed at `missedAt` is due (see CALLBACK_POLICY). */
export function callbackDueBy(cal: Calendar, missedAt: Date): Date {
  const day = cal.addWorkingDays(localDateOf(missedAt), CALLBACK_POLICY.workingDays).due;
  return new Date(`${day}T${CALLBACK_POLICY.dueLocalTime}:00+07:00`);
}

/** Call-back lifecycle: open until the caller is reached or given up on; closed states are final. */
const transitions: Record<CallbackStatus, readonly CallbackStatus[]> = { open: ['open', 'done', 'failed'], done: [], failed: [] };
function assertTransition(from: CallbackStatus, to: CallbackStatus): void {
  if (!transitions[from].includes(to)) throw E.callbackClosed();
}

export const operatorOf = (id: string | null, name: string | null) => (id ? { id, name: name ?? '' } : null);

export const operatorId = (ctx: Ctx) => (isUser(ctx.actor) ? ctx.actor.userId : null);
export const operatorName = (ctx: Ctx) => (isUser(ctx.actor) ? ctx.actor.displayName : ctx.actor.type === 'system' ? ctx.actor.label : '');

export function callbackView(r: CallbackRow, actor: Actor, now: Date): CallbackView {
  const open = r.status === 'open';
  const overdue = open && r.due_by.getTime() < now.getTime();
  const log = (r.attempt_log ?? []) as CallbackAttemptEntry[];
  return {
    id: r.id,
    phone: r.phone,
    missedAt: r.missed_at.toISOString(),
    lastMissedAt: r.last_missed_at.toISOString(),
    missedCount: r.missed_count,
    dueBy: r.due_by.toISOString(),
    overdue,
    dueSoon: open && !overdue && r.due_by.getTime() - now.getTime() <= CALLBACK_POLICY.dueSoonMinutes * 60_000,
    status: r.status,
    statusLabel: callbackStatusLabel(r.status),
    attempts: r.attempts,
    lastAttemptAt: r.last_attempt_at ? r.last_attempt_at.toISOString() : null,
    lastResult: r.last_result,
    lastResultLabel: r.last_result ? resultLabel(r.last_result) : null,
    outcome: r.outcome,
    doneAt: r.done_at ? r.done_at.toISOString() : null,
    operator: operatorOf(r.operator_id, r.operator_name),
    attemptLog: log.map((e) => ({ at: e.at, result: e.result, note: e.note, operatorName: e.operatorName })),
    can: { recordAttempt: open && can(actor, 'requests.intake') },
  };
}

export async function loadCallbackView(ctx: Ctx, id: string): Promise<CallbackView> {
  const row = await findCallback(ctx.db, id);
  if (!row) throw E.callbackNotFound();
  return callbackView(row, ctx.actor, ctx.now());
}

export async function calendarOf(ctx: Ctx): Promise<Calendar> {
  return getCalendar(ctx, ctx.deps.config.PROVINCE_CODE);
}

export async function createCallback(
  tx: Ctx,
  phone: string,
  missedAt: Date,
  dueBy: Date,
  source: 'missed_call' | 'requeue',
): Promise<string> {
  const id = await insertCallback(tx.db, {
    phone,
    missed_at: missedAt,
    last_missed_at: missedAt,
    due_by: dueBy,
    created_by: operatorId(tx),
    province_code: tx.deps.config.PROVINCE_CODE,
  });
  await recordAudit(tx, {
    action: 'hotline.callback.create',
    entityType: CALLBACK,
    entityId: id,
    summary: { source, dueBy: dueBy.toISOString() },
  });
  return id;
}

/** The caller rang again and was served: their open call-back is done (no second call needed). */
export async function closeServedCallback(tx: Ctx, phone: string): Promise<string[]> {
  const open = await openCallbackOf(tx.db, phone);
  if (!open) return [];
  const now = tx.now();
  const entry: CallbackAttemptEntry = {
    at: now.toISOString(),
    result: 'served_on_new_call',
    note: null,
    operatorId: operatorId(tx),
    operatorName: operatorName(tx),
  };
  await updateCallback(tx.db, open.id, {
    status: 'done',
    done_at: now,
    last_result: 'served_on_new_call',
    outcome: resultLabel('served_on_new_call'),
    operator_id: operatorId(tx),
    attempt_log: attemptLogJson([...((open.attempt_log ?? []) as CallbackAttemptEntry[]), entry]),
    updated_at: now,
  });
  await recordAudit(tx, {
    action: 'hotline.callback.close',
    entityType: CALLBACK,
    entityId: open.id,
    summary: { result: 'served_on_new_call' },
  });
  return [open.id];
}

// ── use cases ───────────────────────────────────────────────────────────────

/** The queue: open call-backs first, the earliest due-by first; then closed ones. */
export async function listCallbacks(
  ctx: Ctx,
  q: CallbackListQuery,
): Promise<{ data: CallbackView[]; page: { page: number; pageSize: number; total: number } }> {
  requirePermission(ctx, 'requests.intake');
  const { rows, total } = await listCallbackRows(ctx.db, { status: q.status, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  const now = ctx.now();
  return { data: rows.map((r) => callbackView(r, ctx.actor, now)), page: { page: q.page, pageSize: q.pageSize, total } };
}

/**
 * Queues a call-back for a missed call that has none waiting (logging a missed call queues one
 * already; this re-opens the promise after a call-back ended, e.g. unreachable). Due-by is counted
 * from now, under the same service level.
 */
export async function queueCallback(ctx: Ctx, input: { callId: string }): Promise<CallbackView> {
  requirePermission(ctx, 'requests.intake');
  return inTransaction(ctx, async (tx) => {
    const call = await findCall(tx.db, input.callId);
    if (!call) throw E.callNotFound();
    if (call.outcome !== 'missed' || !call.phone) throw E.callNotMissed();
    if (await openCallbackOf(tx.db, call.phone)) throw E.callbackOpenExists();
    const now = tx.now();
    const id = await createCallback(tx, call.phone, call.started_at, callbackDueBy(await calendarOf(tx), now), 'requeue');
    await attachCallToCallback(tx.db, call.id, id);
    return loadCallbackView(tx, id);
  });
}

/**
 * Records one call-back attempt. Reached → done (the outcome is required); wrong number → failed;
 * no answer or busy → still open, until the third attempt closes it as unreachable and the caller
 * is told by SMS how to reach us (CALLBACK_POLICY). The row is locked so that two operators cannot
 * both record the last attempt.
 */
export async function recordCallbackAttempt(ctx: Ctx, id: string, input: AttemptInput): Promise<CallbackView> {
  requirePermission(ctx, 'requests.intake');
  return inTransaction(ctx, async (tx) => {
    const row = await lockCallback(tx.db, id);
    if (!row) throw E.callbackNotFound();
    if (row.status !== 'open') throw E.callbackClosed();
    if (input.result === 'reached' && !input.note) throw E.outcomeRequired();
    const attempts = row.attempts + 1;
    const to: CallbackStatus =
      input.result === 'reached' ? 'done' : input.result === 'wrong_number' || attempts >= CALLBACK_POLICY.maxAttempts ? 'failed' : 'open';
    assertTransition(row.status, to);
    const now = tx.now();
    const entry: CallbackAttemptEntry = {
      at: now.toISOString(),
      result: input.result,
      note: input.note ?? null,
      operatorId: operatorId(tx),
      operatorName: operatorName(tx),
    };
    await updateCallback(tx.db, id, {
      status: to,
      attempts,
      last_attempt_at: now,
      last_result: input.result,
      outcome: input.note ?? (to === 'open' ? row.outcome : resultLabel(input.result)),
      attempt_log: attemptLogJson([...((row.attempt_log ?? []) as CallbackAttemptEntry[]), entry]),
      done_at: to === 'open' ? null : now,
      operator_id: operatorId(tx),
      updated_at: now,
    });
    if (to === 'failed' && input.result !== 'wrong_number') {
      const base = tx.deps.config.APP_BASE_URL.replace(/\/$/, '');
      await enqueue(tx, 'sms.send', {
        to: row.phone,
        text: `Tổng đài bảo vệ quyền lợi người tiêu dùng đã gọi lại số của bạn ${attempts} lần nhưng chưa liên lạc được. Bạn có thể gọi lại tổng đài hoặc gửi yêu cầu trực tuyến tại ${base}`,
      });
    }
    await recordAudit(tx, {
      action: 'hotline.callback.attempt',
      entityType: CALLBACK,
      entityId: id,
      summary: { result: input.result, status: to, attempts },
    });
    return loadCallbackView(tx, id);
  });
}
