/**
 * Statutory clocks (LAW.md §18 A; issue 3): deadlines attached to entities, counted on the
 * database calendar, paused, extended, recomputed after calendar edits, swept for due-soon and
 * overdue notifications. Tables owned: clock, clock_pause. Uses platform/calendar (load.ts).
 * Modules start/meet/stop clocks from their use cases; the worker runs `clockSweep`.
 */
export {
  CLOCK_RULE_CODES,
  createClockRegistry,
  defaultClockRegistry,
  type ClockRegistry,
  type ClockRule,
  type ClockRuleCode,
  type ClockRuleOverride,
  type ClockUnit,
} from './registry.js';
export { localDateOf, PAUSE_REASONS, PAUSE_REASON_VI, type ClockState, type PauseReason } from './compute.js';
export {
  extendClock,
  findActiveClockId,
  meetClock,
  pauseClock,
  resumeClock,
  startClock,
  stopClock,
  type ClockNotify,
  type ClockOptions,
  type StartClockInput,
} from './service.js';
export { recomputeClocks, type RecomputeScope } from './recompute.js';
export { clocksFor, getClock, readEntityClocks, type ClockView } from './view.js';
export { clockSweep, sweepClocks, type SweepClocksResult } from './sweep.js';
