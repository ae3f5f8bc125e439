/**
 * Report periods from a plan's reporting calendar (issue 6 point 2): a period ends on an agencies'
 * deadline ("trước ngày 10/11 hằng năm" → 10/11 of each year) and starts the day after the one
 * before (the first starts when the plan does). Which tasks owe a report for a period follows
 * from their timing: a one-off task until its due date, a range while it runs, recurring,
 * continuous and unparsed tasks always, a conditional task once its triggering event happened.
 * Dates are local calendar dates (`YYYY-MM-DD`); arithmetic goes through platform/calendar.
 */
import { formatIso, isoToDay } from '../../platform/calendar/index.js';
import type { ReportingDay, Timing } from './schema.js';

export interface Period {
  /** The agencies' deadline that closes the period: the period's key. */
  deadline: string;
  /** First day the period covers. */
  start: string;
}

const pad = (n: number): string => String(n).padStart(2, '0');
const addDays = (iso: string, n: number): string => formatIso(isoToDay(iso) + n);

/** The calendar's days for one audience as dates between `from` and `to` (inclusive), in order. */
export function deadlinesBetween(
  calendar: readonly ReportingDay[],
  audience: ReportingDay['audience'],
  from: string,
  to: string,
): string[] {
  const days = calendar.filter((d) => d.audience === audience);
  const out = new Set<string>();
  for (let y = +from.slice(0, 4); y <= +to.slice(0, 4); y++) {
    for (const d of days) {
      const iso = `${y}-${pad(d.month)}-${pad(d.day)}`;
      if (iso >= from && iso <= to) out.add(iso);
    }
  }
  return [...out].sort();
}

/** The periods of a plan that started on `planStart`, up to and including the first deadline on or after `until`. */
export function planPeriods(calendar: readonly ReportingDay[], planStart: string, until: string): Period[] {
  const deadlines = deadlinesBetween(calendar, 'agencies', planStart, addDays(until, 400));
  const out: Period[] = [];
  let start = planStart;
  for (const deadline of deadlines) {
    out.push({ deadline, start });
    start = addDays(deadline, 1);
    if (deadline >= until) break;
  }
  return out;
}

/** The period a deadline closes, or undefined when the calendar has no such deadline. */
export function periodOf(calendar: readonly ReportingDay[], planStart: string, deadline: string): Period | undefined {
  return planPeriods(calendar, planStart, deadline).find((p) => p.deadline === deadline);
}

/** The focal agency's own deadline after an agencies' deadline (e.g. 25/11 after 10/11), if the calendar has one. */
export function focalDeadlineAfter(calendar: readonly ReportingDay[], deadline: string): string | undefined {
  return deadlinesBetween(calendar, 'focal', deadline, addDays(deadline, 366))[0];
}

/** The day a reminder goes out: `days` calendar days before the deadline. */
export function reminderDay(deadline: string, days: number): string {
  return addDays(deadline, -days);
}

export interface ReportableTask {
  isSection: boolean;
  timing: Pick<Timing, 'kind' | 'due' | 'from' | 'until'>;
  conditionMetOn: string | null;
}

/** Whether a task owes a report for a period. Sections never do (their tasks do). */
export function taskActiveIn(task: ReportableTask, p: Period): boolean {
  if (task.isSection) return false;
  const t = task.timing;
  switch (t.kind) {
    case 'once':
      return !t.due || t.due >= p.start;
    case 'range':
      return (!t.from || t.from <= p.deadline) && (!t.until || t.until >= p.start);
    case 'conditional':
      return !!task.conditionMetOn && task.conditionMetOn <= p.deadline;
    default:
      return true;
  }
}

/**
 * Who reports when, from the deadlines read in a plan's text: a sentence that sends reports "qua
 * Sở Công Thương" or to "UBND tỉnh" is the agencies' deadline; one where the focal department
 * consolidates for the Ministry ("Sở Công Thương … tổng hợp, báo cáo Bộ Công Thương") is its own.
 * With several and no clue, the earliest in the year is the agencies'.
 */
export function calendarFromDeadlines(deadlines: readonly { text: string; month: number; day: number }[]): ReportingDay[] {
  const fold = (s: string) =>
    s
      .normalize('NFD')
      .replace(/\p{Mn}/gu, '')
      .replace(/đ/g, 'd')
      .replace(/Đ/g, 'D')
      .toLowerCase();
  const sorted = [...deadlines].sort((a, b) => a.month - b.month || a.day - b.day);
  const out: ReportingDay[] = sorted.map((d) => {
    const f = fold(d.text);
    const focal = /^so cong thuong\b/.test(f.trim()) && !/\bqua so cong thuong\b/.test(f);
    return { month: d.month, day: d.day, audience: focal ? 'focal' : 'agencies', text: d.text };
  });
  if (out.length > 1 && !out.some((d) => d.audience === 'focal')) {
    for (const d of out.slice(1)) d.audience = 'focal';
  }
  return out;
}
