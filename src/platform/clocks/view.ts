/**
 * What callers see of a clock: its dates, state, legal basis, the Vietnamese explanation and what
 * the current user may do with it (`can`, from the same permission and transition table the
 * service enforces).
 */
import { can, requirePermission } from '../auth/permissions.js';
import type { Calendar } from '../calendar/engine.js';
import { getCalendar } from '../calendar/load.js';
import type { Ctx } from '../context.js';
import { notFound } from '../errors.js';
import { explainClock, type ClockState, type PauseReason, type PauseSpan } from './compute.js';
import { computeFor, toSpans, TRANSITIONS, UUID } from './lifecycle.js';
import { clocksOfEntity, findClock, pausesOf, type ClockRow } from './repo.js';
import { defaultClockRegistry, type ClockRegistry, type ClockUnit } from './registry.js';

export interface ClockView {
  id: string;
  entityType: string;
  entityId: string;
  entityLabel: string | null;
  rule: string;
  label: string;
  unit: ClockUnit;
  amount: number;
  legalBasis: string;
  /** A [CONFIG] service level of the agency, not a statutory limit: label it so in the UI. */
  internalSla: boolean;
  startedAt: Date;
  dueAt: Date;
  dueDate: string;
  state: ClockState;
  late: boolean;
  metAt: Date | null;
  stoppedAt: Date | null;
  pausedAt: Date | null;
  pausedReason: PauseReason | null;
  extensionCount: number;
  extensionAmount: number;
  extensionReason: string | null;
  provinceCode: string | null;
  /** Vietnamese: start, rule, legal basis, extension, pauses, skipped days and why, the end. */
  explanation: string;
  can: { pause: boolean; resume: boolean; extend: boolean };
}

export function view(ctx: Ctx, row: ClockRow, pauses: readonly PauseSpan[], cal: Calendar, registry: ClockRegistry): ClockView {
  const rule = registry.get(row.rule);
  const comp = computeFor(cal, row, pauses);
  const manage = can(ctx.actor, 'clocks.manage');
  const extendable = row.extension_times > 0 && row.extension_count < row.extension_times;
  return {
    id: row.id,
    entityType: row.entity_type,
    entityId: row.entity_id,
    entityLabel: row.entity_label,
    rule: row.rule,
    label: rule?.label ?? row.rule,
    unit: row.unit,
    amount: row.amount,
    legalBasis: row.legal_basis,
    internalSla: rule?.internalSla ?? false,
    startedAt: row.started_at,
    dueAt: row.due_at,
    dueDate: row.due_date,
    state: row.state,
    late: row.late,
    metAt: row.met_at,
    stoppedAt: row.stopped_at,
    pausedAt: row.paused_at,
    pausedReason: row.paused_reason as PauseReason | null,
    extensionCount: row.extension_count,
    extensionAmount: row.extension_amount,
    extensionReason: row.extension_reason,
    provinceCode: row.province_code,
    explanation: explainClock(
      {
        label: rule?.label ?? row.rule,
        legalBasisVi: rule?.legalBasisVi ?? row.legal_basis,
        unit: row.unit,
        amount: row.amount,
        extensionAmount: row.extension_amount,
        extensionReason: row.extension_reason,
        startedAt: row.started_at,
        pauses,
        state: row.state,
        metAt: row.met_at,
        late: row.late,
        stoppedAt: row.stopped_at,
      },
      comp,
    ),
    can: {
      pause: manage && TRANSITIONS.pause.includes(row.state),
      resume: manage && TRANSITIONS.resume.includes(row.state),
      extend: manage && extendable && TRANSITIONS.extend.includes(row.state),
    },
  };
}

export async function viewOf(ctx: Ctx, row: ClockRow, registry: ClockRegistry = defaultClockRegistry): Promise<ClockView> {
  const [cal, pauses] = await Promise.all([getCalendar(ctx, row.province_code), pausesOf(ctx.db, [row.id])]);
  return view(ctx, row, toSpans(pauses), cal, registry);
}

/** The clocks of one entity, oldest first, each with its Vietnamese explanation. Staff only. */
export async function clocksFor(ctx: Ctx, entityType: string, entityId: string): Promise<ClockView[]> {
  requirePermission(ctx, 'staff.home');
  return readEntityClocks(ctx, entityType, entityId);
}

/**
 * The same, without a permission check: for the owning module's use cases that have already
 * authorised access to the entity (e.g. a consumer's tracking page opened with code and secret).
 * Never expose it on a route of its own.
 */
export async function readEntityClocks(ctx: Ctx, entityType: string, entityId: string): Promise<ClockView[]> {
  const rows = await clocksOfEntity(ctx.db, entityType, entityId);
  const pauses = await pausesOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  const out: ClockView[] = [];
  for (const row of rows) {
    const cal = await getCalendar(ctx, row.province_code);
    out.push(view(ctx, row, toSpans(pauses.filter((p) => p.clock_id === row.id)), cal, defaultClockRegistry));
  }
  return out;
}

/** One clock. Staff only. */
export async function getClock(ctx: Ctx, id: string): Promise<ClockView> {
  requirePermission(ctx, 'staff.home');
  if (!UUID.test(id)) throw notFound('clock.not_found', 'Không tìm thấy thời hạn.');
  const row = await findClock(ctx.db, id);
  if (!row) throw notFound('clock.not_found', 'Không tìm thấy thời hạn.');
  return viewOf(ctx, row);
}
