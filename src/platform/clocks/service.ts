/**
 * Statutory clocks: start, pause, resume, extend, stop, meet (recomputation: recompute.ts; reads:
 * view.ts). Every state change and its audit row commit in one transaction; all instants come from
 * `ctx.now()`; due dates come from the database calendar (getCalendar) through compute.ts, never
 * from adding milliseconds.
 *
 * Who may call what: pause, resume and extend are staff decisions ('clocks.manage'); start, stop
 * and meet are steps of the owning module's use cases (a consumer's online submission starts
 * `request.forward_to_business` as an anonymous actor), so those modules check their own
 * permissions and these functions do not.
 */
import { recordAudit } from '../audit.js';
import { requirePermission } from '../auth/permissions.js';
import { getCalendar } from '../calendar/load.js';
import { inTransaction, type Ctx } from '../context.js';
import { AppError, invalid, notFound } from '../errors.js';
import { computeDue, PAUSE_REASONS, stateAt, type PauseReason } from './compute.js';
import { assertTransition, computeFor, duePatch, toSpans, UUID } from './lifecycle.js';
import {
  activeClockOf,
  closeOpenPause,
  findClock,
  insertClock,
  insertPause,
  pausesOf,
  updateClock,
  type ClockPatch,
  type ClockRow,
} from './repo.js';
import { defaultClockRegistry, type ClockRegistry, type ClockRuleCode } from './registry.js';
import { view, viewOf, type ClockView } from './view.js';

export interface ClockNotify {
  /** Users notified by e-mail (resolved through app_user when the message is enqueued). */
  userIds?: string[];
  emails?: string[];
}

export interface StartClockInput {
  entityType: string;
  entityId: string;
  /** Human code of the entity (YC-2026-000123), quoted in messages. */
  entityLabel?: string | null;
  rule: ClockRuleCode;
  /** The triggering event (receipt, request, discovery): day-based limits count from the next day. */
  startedAt: Date;
  notify?: ClockNotify;
  /** Applies that province's local days off. */
  provinceCode?: string | null;
  /** Only for rules with `amountFromRecord` (a deadline set by the record itself). */
  amount?: number;
}

export interface ClockOptions {
  registry?: ClockRegistry;
}

const EMAIL = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]+$/;
const PROVINCE = /^\d{2}$/;

function actorId(ctx: Ctx): string | null {
  return ctx.actor.type === 'user' ? ctx.actor.userId : null;
}

async function lockClock(ctx: Ctx, id: string): Promise<ClockRow> {
  if (!UUID.test(id)) throw notFound('clock.not_found', 'Không tìm thấy thời hạn.');
  const row = await findClock(ctx.db, id, { lock: true });
  if (!row) throw notFound('clock.not_found', 'Không tìm thấy thời hạn.');
  return row;
}

function checkNotify(n: ClockNotify | undefined): { userIds: string[]; emails: string[] } {
  const userIds = [...new Set(n?.userIds ?? [])];
  const emails = [...new Set((n?.emails ?? []).map((e) => e.trim().toLowerCase()))];
  const bad = [...userIds.filter((u) => !UUID.test(u)), ...emails.filter((e) => !EMAIL.test(e) || e.length > 254)];
  if (bad.length > 0) throw invalid('clock.invalid_recipient', 'Người nhận thông báo không hợp lệ.');
  return { userIds, emails };
}

/**
 * Starts a clock for an entity under a registry rule. The due date follows Civil Code Arts. 147–148
 * (see compute.ts) on the calendar of `provinceCode`. Audited as `clock.start`.
 */
export async function startClock(ctx: Ctx, input: StartClockInput, opts: ClockOptions = {}): Promise<ClockView> {
  const registry = opts.registry ?? defaultClockRegistry;
  const rule = registry.get(input.rule);
  if (!rule) throw invalid('clock.unknown_rule', `Không có quy tắc thời hạn "${String(input.rule)}".`);
  if (!(input.startedAt instanceof Date) || Number.isNaN(input.startedAt.getTime())) {
    throw invalid('calendar.invalid_instant', 'Thời điểm bắt đầu không hợp lệ.');
  }
  if (!input.entityType || input.entityType.length > 64 || !input.entityId || input.entityId.length > 100) {
    throw invalid('clock.invalid_entity', 'Đối tượng của thời hạn không hợp lệ.');
  }
  const provinceCode = input.provinceCode ?? null;
  if (provinceCode !== null && !PROVINCE.test(provinceCode)) throw invalid('calendar.invalid_province', 'Mã tỉnh phải gồm 2 chữ số.');
  const notify = checkNotify(input.notify);
  if (input.amount !== undefined && !rule.amountFromRecord)
    throw invalid('clock.amount_not_allowed', `Thời hạn "${rule.label}" do luật hoặc cấu hình ấn định, không nhập được.`);
  if (input.amount !== undefined && (!Number.isInteger(input.amount) || input.amount < 0 || input.amount > 3650))
    throw invalid('clock.invalid_amount', 'Số ngày của thời hạn không hợp lệ.');
  const amount = input.amount ?? rule.amount;
  return inTransaction(ctx, async (tx) => {
    const now = tx.now();
    const cal = await getCalendar(tx, provinceCode);
    const dueSoon = rule.dueSoon;
    const comp = computeDue(cal, {
      unit: rule.unit,
      amount,
      extensionAmount: 0,
      startedAt: input.startedAt,
      dueSoon,
      pauses: [],
    });
    const row = await insertClock(tx.db, {
      entity_type: input.entityType,
      entity_id: input.entityId,
      entity_label: input.entityLabel ?? null,
      rule: rule.code,
      unit: rule.unit,
      amount,
      legal_basis: rule.legalBasis,
      started_at: input.startedAt,
      start_date: comp.startDate,
      due_at: comp.dueAt,
      due_date: comp.dueDate,
      due_soon_at: comp.dueSoonAt,
      due_soon_unit: dueSoon.unit,
      due_soon_amount: dueSoon.amount,
      state: stateAt(now, comp),
      met_at: null,
      stopped_at: null,
      stopped_reason: null,
      paused_at: null,
      paused_reason: null,
      extension_times: rule.extendable?.times ?? 0,
      extension_max_amount: rule.extendable?.maxAmount ?? null,
      extension_count: 0,
      extension_amount: 0,
      extension_reason: null,
      notify,
      notified_due_soon_at: null,
      notified_overdue_at: null,
      province_code: provinceCode,
      created_at: now,
      updated_at: now,
    });
    await recordAudit(tx, {
      action: 'clock.start',
      entityType: 'clock',
      entityId: row.id,
      summary: {
        entityType: row.entity_type,
        entityId: row.entity_id,
        rule: row.rule,
        startedAt: row.started_at,
        dueAt: row.due_at,
        dueDate: row.due_date,
      },
    });
    return view(tx, row, [], cal, registry);
  });
}

/**
 * Pauses a running clock with a typed reason (waiting for the consumer's supplement, another
 * agency, a lab test …): paused time does not count (LAW.md §18 A; Decree 55 Art. 9(2), Form 03).
 * Audited as `clock.pause`.
 */
export async function pauseClock(ctx: Ctx, id: string, input: { reason: PauseReason; note?: string | null }): Promise<ClockView> {
  requirePermission(ctx, 'clocks.manage');
  if (!PAUSE_REASONS.includes(input.reason)) throw invalid('clock.invalid_pause_reason', 'Lý do tạm dừng không hợp lệ.');
  const note = input.note?.trim() || null;
  if (input.reason === 'other' && !note) throw invalid('clock.note_required', 'Cần ghi rõ lý do tạm dừng.');
  return inTransaction(ctx, async (tx) => {
    const row = await lockClock(tx, id);
    assertTransition(row, 'pause');
    const now = tx.now();
    await insertPause(tx.db, { clock_id: row.id, reason: input.reason, note, paused_at: now, paused_by: actorId(tx) });
    const next = await updateClock(tx.db, row.id, { state: 'paused', paused_at: now, paused_reason: input.reason, updated_at: now });
    await recordAudit(tx, {
      action: 'clock.pause',
      entityType: 'clock',
      entityId: row.id,
      summary: { rule: row.rule, reason: input.reason, note, from: row.state, dueAtBefore: row.due_at },
    });
    return viewOf(tx, next);
  });
}

/**
 * Resumes a paused clock: the pause is closed and the due date recomputed with the paused
 * working days (or days, or hours) given back. Audited as `clock.resume`.
 */
export async function resumeClock(ctx: Ctx, id: string, input: { note?: string | null } = {}): Promise<ClockView> {
  requirePermission(ctx, 'clocks.manage');
  return inTransaction(ctx, async (tx) => {
    const row = await lockClock(tx, id);
    assertTransition(row, 'resume');
    const now = tx.now();
    await closeOpenPause(tx.db, row.id, now, actorId(tx));
    const spans = toSpans(await pausesOf(tx.db, [row.id]));
    const cal = await getCalendar(tx, row.province_code);
    const comp = computeFor(cal, row, spans);
    const next = await updateClock(tx.db, row.id, { ...duePatch(row, comp, now), paused_at: null, paused_reason: null, updated_at: now });
    const credit = comp.credits.at(-1);
    await recordAudit(tx, {
      action: 'clock.resume',
      entityType: 'clock',
      entityId: row.id,
      summary: {
        rule: row.rule,
        note: input.note?.trim() || null,
        pausedAt: row.paused_at,
        credited: credit?.amount ?? 0,
        unit: row.unit === 'hours' ? 'ms' : row.unit,
        dueAtBefore: row.due_at,
        dueAtAfter: next.due_at,
        state: next.state,
      },
    });
    return view(tx, next, spans, cal, defaultClockRegistry);
  });
}

/**
 * Extends a clock once, where its rule allows it (e.g. Decree 55 Art. 10(1): review of a
 * standard-form contract, once by at most 30 days; request.decide, once by at most 15 working
 * days). The reason is required and recorded. Audited as `clock.extend`.
 */
export async function extendClock(ctx: Ctx, id: string, input: { amount: number; reason: string }): Promise<ClockView> {
  requirePermission(ctx, 'clocks.manage');
  const reason = input.reason?.trim() ?? '';
  return inTransaction(ctx, async (tx) => {
    const row = await lockClock(tx, id);
    if (row.extension_times === 0) throw new AppError('invalid_state', 'clock.not_extendable', 'Thời hạn này không được gia hạn.');
    if (row.extension_count >= row.extension_times)
      throw new AppError('invalid_state', 'clock.extension_used', 'Thời hạn này đã được gia hạn một lần.');
    assertTransition(row, 'extend');
    const max = row.extension_max_amount ?? 0;
    if (!Number.isInteger(input.amount) || input.amount < 1 || input.amount > max) {
      throw invalid('clock.extension_out_of_range', `Số ${row.unit === 'hours' ? 'giờ' : 'ngày'} gia hạn phải từ 1 đến ${max}.`);
    }
    if (reason.length === 0) throw invalid('clock.reason_required', 'Cần ghi rõ lý do gia hạn.');
    const now = tx.now();
    const spans = toSpans(await pausesOf(tx.db, [row.id]));
    const cal = await getCalendar(tx, row.province_code);
    const extended = { ...row, extension_amount: row.extension_amount + input.amount };
    const comp = computeFor(cal, extended, spans);
    const due = duePatch(row, comp, now);
    const next = await updateClock(tx.db, row.id, {
      ...due,
      // A paused clock stays paused; its due date is final only on resume.
      state: row.state === 'paused' ? 'paused' : due.state,
      extension_count: row.extension_count + 1,
      extension_amount: extended.extension_amount,
      extension_reason: reason,
      updated_at: now,
    });
    await recordAudit(tx, {
      action: 'clock.extend',
      entityType: 'clock',
      entityId: row.id,
      summary: { rule: row.rule, amount: input.amount, unit: row.unit, reason, dueAtBefore: row.due_at, dueAtAfter: next.due_at },
    });
    return view(tx, next, spans, cal, defaultClockRegistry);
  });
}

/** Stops watching a clock (the case was withdrawn, closed or refused). Audited as `clock.stop`. */
export async function stopClock(ctx: Ctx, id: string, input: { reason?: string | null } = {}): Promise<ClockView> {
  return inTransaction(ctx, async (tx) => {
    const row = await lockClock(tx, id);
    assertTransition(row, 'stop');
    const now = tx.now();
    if (row.state === 'paused') await closeOpenPause(tx.db, row.id, now, actorId(tx));
    const reason = input.reason?.trim() || null;
    const next = await updateClock(tx.db, row.id, {
      state: 'stopped',
      stopped_at: now,
      stopped_reason: reason,
      paused_at: null,
      paused_reason: null,
      updated_at: now,
    });
    await recordAudit(tx, {
      action: 'clock.stop',
      entityType: 'clock',
      entityId: row.id,
      summary: { rule: row.rule, from: row.state, reason },
    });
    return viewOf(tx, next);
  });
}

/**
 * Records that the duty was done now. Meeting it after the due instant is still recorded, with
 * `late = met_at > due_at` (LAW.md §18: met late stays late). A paused clock is first resumed
 * at the same instant, so the paused time is given back before lateness is judged.
 * Audited as `clock.meet`.
 */
export async function meetClock(ctx: Ctx, id: string): Promise<ClockView> {
  return inTransaction(ctx, async (tx) => {
    const row = await lockClock(tx, id);
    assertTransition(row, 'meet');
    const now = tx.now();
    let dueAt = row.due_at;
    let patch: ClockPatch = { updated_at: now };
    if (row.state === 'paused') {
      await closeOpenPause(tx.db, row.id, now, actorId(tx));
      const cal = await getCalendar(tx, row.province_code);
      const comp = computeFor(cal, row, toSpans(await pausesOf(tx.db, [row.id])));
      dueAt = comp.dueAt;
      patch = {
        due_at: comp.dueAt,
        due_date: comp.dueDate,
        due_soon_at: comp.dueSoonAt,
        paused_at: null,
        paused_reason: null,
        updated_at: now,
      };
    }
    const late = now.getTime() > dueAt.getTime();
    const next = await updateClock(tx.db, row.id, { ...patch, state: 'met', met_at: now, late });
    await recordAudit(tx, {
      action: 'clock.meet',
      entityType: 'clock',
      entityId: row.id,
      summary: { rule: row.rule, from: row.state, metAt: now, dueAt: next.due_at, late },
    });
    return viewOf(tx, next);
  });
}

/**
 * The id of the entity's unfinished clock under a rule, for the owning module's use cases (e.g.
 * meet `request.forward_to_business` when the request is forwarded). No permission: internal.
 */
export async function findActiveClockId(ctx: Ctx, entityType: string, entityId: string, rule: ClockRuleCode): Promise<string | null> {
  return (await activeClockOf(ctx.db, entityType, entityId, rule))?.id ?? null;
}
