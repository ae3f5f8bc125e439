/**
 * Use cases behind the public calendar API and the holiday admin page. The counting itself is the
 * platform engine's (Civil Code 2015 Arts. 147–148); this file parses the public inputs into the
 * engine's stable error codes and picks the province calendar from the database.
 */
import { requirePermission } from '../../platform/auth/permissions.js';
import {
  CalendarInputError,
  MAX_YEAR,
  MIN_YEAR,
  type Calendar,
  type CalendarDay,
  type DeadlineResult,
  type WorkingDayInfo,
} from '../../platform/calendar/index.js';
import { getCalendar, listCalendarDays, type CalendarDayRecord } from '../../platform/calendar/store.js';
import { localDateOf } from '../../platform/clocks/index.js';
import type { Ctx } from '../../platform/context.js';

export interface DeadlineAnswer {
  from: string;
  days: number;
  due: string;
  skipped: { date: string; reason: string }[];
  explanation: string;
}

function parseCount(s: string): number {
  if (!/^\d{1,6}$/.test(s)) throw new CalendarInputError('calendar.days_out_of_range', `Số ngày phải là số nguyên không âm: ${s}`);
  return Number(s);
}

/** Year from a query string; absent → the current year in Vietnam. */
export function parseYear(ctx: Ctx, s: string | undefined): number {
  if (s === undefined || s === '') return Number(localDateOf(ctx.now()).slice(0, 4));
  if (!/^\d{1,6}$/.test(s) || Number(s) < MIN_YEAR || Number(s) > MAX_YEAR) {
    throw new CalendarInputError('calendar.year_out_of_range', `Năm phải từ ${MIN_YEAR} đến ${MAX_YEAR}: ${s}`);
  }
  return Number(s);
}

function answer(cal: Calendar, r: DeadlineResult): DeadlineAnswer {
  return { from: r.from, days: r.days, due: r.due, skipped: r.skipped, explanation: cal.explain(r) };
}

/** "N ngày làm việc" from the day of the event (counting starts the next day), N = 0..400. Public. */
export async function workingDaysDeadline(ctx: Ctx, q: { from: string; days: string; province?: string }): Promise<DeadlineAnswer> {
  const cal = await getCalendar(ctx, q.province ?? null);
  return answer(cal, cal.addWorkingDays(q.from, parseCount(q.days)));
}

/** "N ngày" (calendar days), moved to the next working day if the last day is off (Art. 148(5)). Public. */
export async function calendarDaysDeadline(ctx: Ctx, q: { from: string; days: string; province?: string }): Promise<DeadlineAnswer> {
  const cal = await getCalendar(ctx, q.province ?? null);
  return answer(cal, cal.addDays(q.from, parseCount(q.days)));
}

/** Every non-working weekday and working weekend day of a year, with kind, name, source, provisional. Public. */
export async function holidaysOfYear(
  ctx: Ctx,
  q: { year?: string; province?: string },
): Promise<{ year: number; data: (CalendarDay & { working: boolean; provinceCode: string | null })[] }> {
  const year = parseYear(ctx, q.year);
  const cal = await getCalendar(ctx, q.province ?? null);
  return {
    year,
    data: cal.holidays(year).map((d) => ({ ...d, provinceCode: d.provinceCode ?? null, working: d.kind === 'makeup_workday' })),
  };
}

/** Whether a date is a working day, and why not. Public. */
export async function workingDay(ctx: Ctx, q: { date: string; province?: string }): Promise<WorkingDayInfo> {
  const cal = await getCalendar(ctx, q.province ?? null);
  return cal.isWorkingDay(q.date);
}

/** Rows of the holiday table, optionally of one year and province ('calendar.manage'). */
export async function calendarDays(ctx: Ctx, q: { year?: string; province?: string }): Promise<CalendarDayRecord[]> {
  requirePermission(ctx, 'calendar.manage');
  return listCalendarDays(ctx, { ...(q.year !== undefined ? { year: parseYear(ctx, q.year) } : {}), provinceCode: q.province ?? null });
}

export interface HolidayAdminView {
  year: number;
  provinceCode: string | null;
  calendar: Calendar;
  /** The days in effect for this calendar (official, derived provisional, local). */
  effective: CalendarDay[];
  /** Rows of the table in this year (national, and local rows of every province). */
  rows: CalendarDayRecord[];
}

/** Everything the admin page shows for a year ('calendar.manage'). */
export async function holidayAdminView(ctx: Ctx, q: { year?: string; province?: string }): Promise<HolidayAdminView> {
  requirePermission(ctx, 'calendar.manage');
  const year = parseYear(ctx, q.year);
  const rows = await listCalendarDays(ctx, { year });
  const calendar = await getCalendar(ctx, q.province ?? null);
  return { year, provinceCode: q.province ?? null, calendar, effective: calendar.holidays(year), rows };
}
