/**
 * Legal-time engine (LAW.md §18 A, rules 1–3).
 *
 *  - Days are counted from the day AFTER the triggering event (Civil Code 2015 Art. 147(2)–(3)) and
 *    a limit ends at 24:00 of its last day (Art. 148(1)).
 *  - If the last day is a Saturday, Sunday or public holiday, the limit ends at the end of the next
 *    working day (Art. 148(5)).
 *  - "ngày làm việc" skips Saturdays, Sundays, public holidays and official compensatory/swapped
 *    days, and counts make-up Saturdays (rule 3; weekly rest per Decision 188/1999/QĐ-TTg).
 *  - Limits in hours run from the exact timestamp (Art. 147(1)).
 *
 * Row precedence when a Calendar is built (LAW rule 3: the table is admin-maintained):
 *  1. National rows of a year that has at least one official (provisional: false) row: only the
 *     official rows of that year are used; provisional and derived rows of that year are dropped.
 *  2. Otherwise: rows derived by deriveStatutoryDays (if deriveMissingYears), overridden date by
 *     date by provisional rows from the input.
 *  3. Local rows (provinceCode set) apply only when the calendar is built for that province, and
 *     override national rows on the same date.
 *
 * Speed: each year is materialised once into a status byte per day (working / non-working) plus
 * cached ISO strings and reasons, so addWorkingDays is a tight loop over a Uint8Array.
 */
import {
  assertDayInRange,
  civilFromDays,
  daysFromCivil,
  formatIso,
  isoToDay,
  MAX_DAY,
  MAX_YEAR,
  MIN_DAY,
  MIN_YEAR,
  weekdayOf,
  type IsoDate,
} from './dates.js';
import { CalendarDataError, CalendarInputError } from './errors.js';
import { explainDeadline } from './explain.js';
import { loadOfficialDays } from './official.js';
import { deriveStatutoryDays, WEEKDAY_NAMES_VI } from './statutory.js';
import { CALENDAR_DAY_KINDS, type CalendarDay, type DeadlineResult, type SkippedDay, type WorkingDayInfo } from './types.js';

/** Working-day limits accepted by addWorkingDays (0..400). */
export const MAX_WORKING_DAYS = 400;
/** Calendar-day limits accepted by addDays (0..3660, i.e. up to ten years written in days). */
export const MAX_CALENDAR_DAYS = 3660;
/** Hour limits accepted by addHours (0..87 600, i.e. ten years). */
export const MAX_HOURS = 87_600;

const SPAN = MAX_DAY - MIN_DAY + 1;
const WORKING = 1;
const OFF = 2;
const MS_PER_DAY = 86_400_000;
/** Asia/Ho_Chi_Minh is UTC+7 all year (no DST since 1975). */
const VN_OFFSET_MS = 7 * 3_600_000;

export interface CalendarOptions {
  /** Province whose local rows apply; null/undefined = national calendar only. */
  provinceCode?: string | null;
  /** Derive provisional statutory rows for years with no official row (default true). */
  deriveMissingYears?: boolean;
}

function checkCount(n: number, max: number): void {
  if (!Number.isInteger(n) || n < 0 || n > max) {
    throw new CalendarInputError('calendar.days_out_of_range', `Số ngày phải là số nguyên từ 0 đến ${max}: ${String(n)}`);
  }
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new CalendarInputError('calendar.year_out_of_range', `Năm ${String(year)} nằm ngoài phạm vi ${MIN_YEAR}–${MAX_YEAR}.`);
  }
}

function byDate(a: CalendarDay, b: CalendarDay): number {
  return a.date < b.date ? -1 : a.date > b.date ? 1 : 0;
}

export class Calendar {
  readonly provinceCode: string | null;
  private readonly derive: boolean;
  private readonly official = new Map<number, CalendarDay[]>();
  private readonly provisional = new Map<number, CalendarDay[]>();
  private readonly local = new Map<number, CalendarDay[]>();
  /** 0 = year not materialised yet, WORKING, OFF; index = day − MIN_DAY. */
  private readonly status = new Uint8Array(SPAN);
  private readonly iso: string[] = new Array<string>(SPAN);
  private readonly reason: string[] = new Array<string>(SPAN);
  private readonly rowAt = new Map<number, CalendarDay>();
  private readonly effective = new Map<number, CalendarDay[]>();

  constructor(rows: readonly CalendarDay[], options: CalendarOptions = {}) {
    this.provinceCode = options.provinceCode ?? null;
    this.derive = options.deriveMissingYears ?? true;
    for (const row of rows) {
      if (!CALENDAR_DAY_KINDS.includes(row.kind)) throw new CalendarDataError(`Loại ngày không hợp lệ: ${String(row.kind)}`);
      let day: number;
      try {
        day = isoToDay(row.date);
      } catch {
        throw new CalendarDataError(`Ngày không hợp lệ trong bảng lịch: ${String(row.date)}`);
      }
      const year = civilFromDays(day).y;
      const target = row.provinceCode
        ? row.provinceCode === this.provinceCode
          ? this.local
          : null
        : row.provisional
          ? this.provisional
          : this.official;
      if (target === null) continue;
      const list = target.get(year);
      if (list) list.push(row);
      else target.set(year, [row]);
    }
  }

  /** Builds status bytes, ISO strings and reasons for one year. */
  private materialize(year: number): void {
    const merged = new Map<string, CalendarDay>();
    const official = this.official.get(year);
    if (official) {
      for (const r of official) merged.set(r.date, r);
    } else {
      if (this.derive) for (const r of deriveStatutoryDays(year)) merged.set(r.date, r);
      for (const r of this.provisional.get(year) ?? []) merged.set(r.date, r);
    }
    for (const r of this.local.get(year) ?? []) merged.set(r.date, r);

    const first = daysFromCivil(year, 1, 1);
    const last = daysFromCivil(year, 12, 31);
    for (let day = first; day <= last; day++) {
      const i = day - MIN_DAY;
      const wd = weekdayOf(day);
      this.iso[i] = formatIso(day);
      if (wd === 0 || wd === 6) {
        this.status[i] = OFF;
        this.reason[i] = WEEKDAY_NAMES_VI[wd] ?? '';
      } else {
        this.status[i] = WORKING;
        this.reason[i] = '';
      }
    }
    for (const r of merged.values()) {
      const day = isoToDay(r.date);
      const i = day - MIN_DAY;
      this.status[i] = r.kind === 'makeup_workday' ? WORKING : OFF;
      this.reason[i] = r.name;
      this.rowAt.set(day, r);
    }
    this.effective.set(year, [...merged.values()].sort(byDate));
  }

  /** Status byte of an index, materialising its year on first use. */
  private statusAt(i: number): number {
    const s = this.status[i] ?? 0;
    if (s !== 0) return s;
    this.materialize(civilFromDays(i + MIN_DAY).y);
    return this.status[i] ?? 0;
  }

  isWorkingDay(date: IsoDate): WorkingDayInfo {
    const day = isoToDay(date);
    const working = this.statusAt(day - MIN_DAY) === WORKING;
    const row = this.rowAt.get(day);
    const reason = this.reason[day - MIN_DAY] || null;
    const info: WorkingDayInfo = { date: formatIso(day), working, reason };
    if (row) {
      info.kind = row.kind;
      info.source = row.source;
      info.provisional = row.provisional;
    }
    return info;
  }

  /**
   * Adds n working days (0..400). Counting starts the day after `from` (Art. 147); the due date is
   * the n-th working day. n = 0 means the limit ends on `from` itself; if `from` is not a working
   * day it moves to the next working day (Art. 148(5)).
   */
  addWorkingDays(from: IsoDate, n: number): DeadlineResult {
    const start = isoToDay(from);
    checkCount(n, MAX_WORKING_DAYS);
    const status = this.status;
    const skipped: SkippedDay[] = [];
    let i = start - MIN_DAY;
    if (n === 0) {
      i = this.rollForward(i, skipped);
    } else {
      let count = 0;
      while (count < n) {
        i++;
        if (i >= SPAN) assertDayInRange(i + MIN_DAY);
        let s = status[i];
        if (s === 0) s = this.statusAt(i);
        if (s === WORKING) count++;
        else skipped.push({ date: this.iso[i] as string, reason: this.reason[i] as string });
      }
    }
    return { unit: 'working_days', from, days: n, due: this.iso[i] as string, skipped };
  }

  /**
   * Adds n calendar days (0..3660), starting the day after `from` (Art. 147); if the last day is not
   * a working day the limit moves to the next working day (Art. 148(5)); `skipped` lists the days
   * the end moved over.
   */
  addDays(from: IsoDate, n: number): DeadlineResult {
    const start = isoToDay(from);
    checkCount(n, MAX_CALENDAR_DAYS);
    assertDayInRange(start + n);
    const skipped: SkippedDay[] = [];
    const i = this.rollForward(start + n - MIN_DAY, skipped);
    return { unit: 'calendar_days', from, days: n, due: this.iso[i] as string, skipped };
  }

  private rollForward(index: number, skipped: SkippedDay[]): number {
    let i = index;
    while (this.statusAt(i) !== WORKING) {
      skipped.push({ date: this.iso[i] as string, reason: this.reason[i] as string });
      i++;
      if (i >= SPAN) assertDayInRange(i + MIN_DAY);
    }
    return i;
  }

  /** Effective rows of a year: non-working weekdays and working weekend days, with their basis. */
  holidays(year: number): CalendarDay[] {
    checkYear(year);
    if (!this.effective.has(year)) this.materialize(year);
    return (this.effective.get(year) ?? []).map((r) => ({ ...r }));
  }

  /** Limit in hours: runs from the exact instant (Civil Code Art. 147(1)); no working-day rules apply. */
  addHours(instant: Date, hours: number): Date {
    if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) {
      throw new CalendarInputError('calendar.invalid_instant', 'Thời điểm không hợp lệ.');
    }
    if (typeof hours !== 'number' || !Number.isFinite(hours) || hours < 0 || hours > MAX_HOURS) {
      throw new CalendarInputError('calendar.hours_out_of_range', `Số giờ phải từ 0 đến ${MAX_HOURS}: ${String(hours)}`);
    }
    return new Date(instant.getTime() + Math.round(hours * 3_600_000));
  }

  /** UTC instant of 24:00 (Asia/Ho_Chi_Minh) at the end of `date`, i.e. `date` 17:00Z (Art. 148(1)). */
  endOfDayInstant(date: IsoDate): Date {
    return new Date((isoToDay(date) + 1) * MS_PER_DAY - VN_OFFSET_MS);
  }

  /** Vietnamese explanation of a result from addWorkingDays/addDays; `rule` names the legal limit. */
  explain(result: DeadlineResult, rule?: string): string {
    return explainDeadline(result, rule);
  }
}

/** Calendar from the vendored official schedule plus extra rows (e.g. the admin-maintained table). */
export function createCalendar(options: CalendarOptions & { extraRows?: readonly CalendarDay[] } = {}): Calendar {
  const { extraRows = [], ...rest } = options;
  return new Calendar([...loadOfficialDays(), ...extraRows], rest);
}
