/**
 * The clock lifecycle: which action may start from which state (one transition table, one
 * assertTransition), and the recomputation of due fields from a clock's stored facts.
 */
import type { Calendar } from '../calendar/engine.js';
import { AppError } from '../errors.js';
import { computeDue, stateAt, type ClockState, type DueComputation, type PauseReason, type PauseSpan } from './compute.js';
import type { ClockPauseRow, ClockRow } from './repo.js';

export type Action = 'pause' | 'resume' | 'extend' | 'stop' | 'meet';

/** The lifecycle: which states each action may start from. Sweeps move running → due_soon → overdue. */
export const TRANSITIONS: Record<Action, readonly ClockState[]> = {
  pause: ['running', 'due_soon'],
  resume: ['paused'],
  extend: ['running', 'due_soon', 'paused'],
  stop: ['running', 'due_soon', 'overdue', 'paused'],
  meet: ['running', 'due_soon', 'overdue', 'paused'],
};

export function assertTransition(row: ClockRow, action: Action): void {
  if (!TRANSITIONS[action].includes(row.state)) {
    throw new AppError(
      'invalid_state',
      'clock.invalid_transition',
      `Không thể ${ACTION_VI[action]} thời hạn đang ở trạng thái "${row.state}".`,
    );
  }
}

const ACTION_VI: Record<Action, string> = {
  pause: 'tạm dừng',
  resume: 'tiếp tục',
  extend: 'gia hạn',
  stop: 'ngừng theo dõi',
  meet: 'ghi nhận hoàn thành',
};

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function toSpans(rows: readonly ClockPauseRow[]): PauseSpan[] {
  return rows.map((p) => ({ pausedAt: p.paused_at, resumedAt: p.resumed_at, reason: p.reason as PauseReason, note: p.note }));
}

export function computeFor(
  cal: Calendar,
  row: Pick<ClockRow, 'unit' | 'amount' | 'extension_amount' | 'started_at' | 'due_soon_unit' | 'due_soon_amount'>,
  pauses: readonly PauseSpan[],
): DueComputation {
  return computeDue(cal, {
    unit: row.unit,
    amount: row.amount,
    extensionAmount: row.extension_amount,
    startedAt: row.started_at,
    dueSoon: { unit: row.due_soon_unit, amount: row.due_soon_amount },
    pauses,
  });
}

/**
 * The due fields and running-family state after a recomputation. A notification already sent for a
 * state the clock has now left (the due moved later) is cleared, so the next transition notifies again.
 */
export interface DuePatch {
  due_at: Date;
  due_date: string;
  due_soon_at: Date;
  state: 'running' | 'due_soon' | 'overdue';
  notified_overdue_at: Date | null;
  notified_due_soon_at: Date | null;
}

export function duePatch(row: ClockRow, comp: DueComputation, now: Date): DuePatch {
  const state = stateAt(now, comp);
  return {
    due_at: comp.dueAt,
    due_date: comp.dueDate,
    due_soon_at: comp.dueSoonAt,
    state,
    notified_overdue_at: state === 'overdue' ? row.notified_overdue_at : null,
    notified_due_soon_at: state === 'running' ? null : row.notified_due_soon_at,
  };
}
