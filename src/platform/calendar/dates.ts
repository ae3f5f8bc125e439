/**
 * Pure integer date arithmetic on "day numbers" (days since 1970-01-01 in the proleptic Gregorian
 * calendar). A legal date in Vietnam is a local calendar date (Asia/Ho_Chi_Minh, UTC+7 with no
 * daylight saving since 1975), so dates are handled as plain Y-M-D values and never through `Date`,
 * whose local-time behaviour depends on the server's time zone.
 */
import { CalendarInputError } from './errors.js';

/** A local date written 'YYYY-MM-DD'. */
export type IsoDate = string;

export interface YMD {
  y: number;
  m: number;
  d: number;
}

/** Supported range. The lunar algorithm and the holiday rules are only meaningful here. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2199;

/** Days since 1970-01-01 of a Gregorian date (H. Hinnant's days_from_civil, integer only). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = m > 2 ? m - 3 : m + 9;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Inverse of {@link daysFromCivil}. */
export function civilFromDays(z: number): YMD {
  const zz = z + 719468;
  const era = Math.floor(zz / 146097);
  const doe = zz - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: era * 400 + yoe + (m <= 2 ? 1 : 0), m, d };
}

/** 0 = Sunday … 6 = Saturday. 1970-01-01 was a Thursday. */
export function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

export const MIN_DAY = daysFromCivil(MIN_YEAR, 1, 1);
export const MAX_DAY = daysFromCivil(MAX_YEAR, 12, 31);

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

export function formatIso(day: number): IsoDate {
  const { y, m, d } = civilFromDays(day);
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

/** dd/mm/yyyy, the form used in Vietnamese administrative documents. */
export function formatVn(day: number): string {
  const { y, m, d } = civilFromDays(day);
  return `${pad2(d)}/${pad2(m)}/${y}`;
}

/** Parses 'YYYY-MM-DD' strictly to Y-M-D; rejects impossible dates (2025-02-30) and years outside 1900–2199. */
export function parseIsoDate(s: string): YMD {
  // charCode parsing instead of a RegExp: this runs on every addWorkingDays call.
  if (typeof s !== 'string' || s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) {
    throw new CalendarInputError('calendar.invalid_date', `Ngày không hợp lệ (cần dạng YYYY-MM-DD): ${String(s)}`);
  }
  const y = digits(s, 0, 4);
  const m = digits(s, 5, 7);
  const d = digits(s, 8, 10);
  if (y < 0 || m < 0 || d < 0) {
    throw new CalendarInputError('calendar.invalid_date', `Ngày không hợp lệ (cần dạng YYYY-MM-DD): ${s}`);
  }
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) {
    throw new CalendarInputError('calendar.invalid_date', `Ngày không tồn tại: ${s}`);
  }
  if (y < MIN_YEAR || y > MAX_YEAR) {
    throw new CalendarInputError('calendar.year_out_of_range', `Năm ${y} nằm ngoài phạm vi hỗ trợ ${MIN_YEAR}–${MAX_YEAR}: ${s}`);
  }
  return { y, m, d };
}

/** Decimal value of s[from, to), or -1 if any character is not a digit. */
function digits(s: string, from: number, to: number): number {
  let v = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** Validated 'YYYY-MM-DD' → day number. */
export function isoToDay(s: string): number {
  const { y, m, d } = parseIsoDate(s);
  return daysFromCivil(y, m, d);
}

/** Throws year_out_of_range when a computed day leaves the supported range. */
export function assertDayInRange(day: number): void {
  if (day < MIN_DAY || day > MAX_DAY) {
    throw new CalendarInputError('calendar.year_out_of_range', `Kết quả nằm ngoài phạm vi hỗ trợ ${MIN_YEAR}–${MAX_YEAR}.`);
  }
}
