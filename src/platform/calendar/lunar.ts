/**
 * Vietnamese lunisolar calendar (âm lịch), computed astronomically for UTC+7.
 *
 * Why astronomy and not a table: Labour Code 2019 Art. 112(1) fixes Tết (5 days) and Giỗ Tổ Hùng
 * Vương (10/3 lunar) by the lunar calendar, and the engine must propose provisional holidays for
 * years the Government has not announced yet.
 *
 * Rules of the Vietnamese calendar (the same rules as the Chinese one, but evaluated at the
 * meridian 105°E, UTC+7, which Vietnam has used since 1968; that is why e.g. Tết 2007 and 1985
 * differ from China's):
 *  1. A lunar month starts on the local day containing a new moon (conjunction).
 *  2. Month 11 is the month containing the winter solstice (sun's apparent longitude 270°).
 *  3. If 13 new moons start between the starts of two consecutive months 11, the year has a leap
 *     month: the first month after month 11 that contains no major solar term (trung khí, a sun
 *     longitude multiple of 30°). It takes the number of the month before it.
 *
 * New moons: J. Meeus, Astronomical Algorithms (2nd ed.), ch. 49 (mean phase plus periodic and
 * planetary terms, error well under a minute for 1900–2200). Sun longitude: Meeus ch. 25 low
 * accuracy (~0.01°, ~15 min of time), which is ample because major terms are only compared with
 * day boundaries. ΔT (TT − UT): Espenak & Meeus polynomials (NASA, 2006).
 *
 * Dates before 1968 follow the UTC+7 rule too; historical North/South Vietnamese almanacs of that
 * era used UTC+8 and may differ by a day in some months. Only 1900–2199 is supported.
 */
import { CalendarInputError } from './errors.js';
import { civilFromDays, daysFromCivil, daysInMonth, MAX_YEAR, MIN_YEAR, type YMD } from './dates.js';

export interface LunarDate {
  day: number;
  month: number;
  year: number;
  /** true for the intercalary month (tháng nhuận). */
  leap: boolean;
}

const RAD = Math.PI / 180;
const TZ_HOURS = 7;
/** Julian Date of 1970-01-01 00:00 UT. */
const JD_UNIX_EPOCH = 2440587.5;
const SYNODIC_MONTH = 29.530588861;
/** Day number (days since 1970-01-01) of 2000-01-06, near Meeus's k = 0 new moon. */
const K0_DAY = 10962;

/** ΔT = TT − UT in seconds (Espenak & Meeus polynomial fits; 2005+ are predictions). */
function deltaTSeconds(yearFraction: number): number {
  const y = yearFraction;
  if (y < 1920) {
    const t = y - 1900;
    return -2.79 + 1.494119 * t - 0.0598939 * t ** 2 + 0.0061966 * t ** 3 - 0.000197 * t ** 4;
  }
  if (y < 1941) {
    const t = y - 1920;
    return 21.2 + 0.84493 * t - 0.0761 * t ** 2 + 0.0020936 * t ** 3;
  }
  if (y < 1961) {
    const t = y - 1950;
    return 29.07 + 0.407 * t - t ** 2 / 233 + t ** 3 / 2547;
  }
  if (y < 1986) {
    const t = y - 1975;
    return 45.45 + 1.067 * t - t ** 2 / 260 - t ** 3 / 718;
  }
  if (y < 2005) {
    const t = y - 2000;
    return 63.86 + 0.3345 * t - 0.060374 * t ** 2 + 0.0017275 * t ** 3 + 0.000651814 * t ** 4 + 0.00002373599 * t ** 5;
  }
  if (y < 2050) {
    const t = y - 2000;
    return 62.92 + 0.32217 * t + 0.005589 * t ** 2;
  }
  if (y < 2150) {
    return -20 + 32 * ((y - 1820) / 100) ** 2 - 0.5628 * (2150 - y);
  }
  return -20 + 32 * ((y - 1820) / 100) ** 2;
}

function deltaTDays(jd: number): number {
  return deltaTSeconds(2000 + (jd - 2451545) / 365.25) / 86400;
}

/** Periodic-term table for the new moon: [coefficient, power of E, mult. of M, M', F, Ω]. */
const NEW_MOON_TERMS: ReadonlyArray<readonly [number, number, number, number, number, number]> = [
  [-0.4072, 0, 0, 1, 0, 0],
  [0.17241, 1, 1, 0, 0, 0],
  [0.01608, 0, 0, 2, 0, 0],
  [0.01039, 0, 0, 0, 2, 0],
  [0.00739, 1, -1, 1, 0, 0],
  [-0.00514, 1, 1, 1, 0, 0],
  [0.00208, 2, 2, 0, 0, 0],
  [-0.00111, 0, 0, 1, -2, 0],
  [-0.00057, 0, 0, 1, 2, 0],
  [0.00056, 1, 1, 2, 0, 0],
  [-0.00042, 0, 0, 3, 0, 0],
  [0.00042, 1, 1, 0, 2, 0],
  [0.00038, 1, 1, 0, -2, 0],
  [-0.00024, 1, -1, 2, 0, 0],
  [-0.00017, 0, 0, 0, 0, 1],
  [-0.00007, 0, 2, 1, 0, 0],
  [0.00004, 0, 0, 2, -2, 0],
  [0.00004, 0, 3, 0, 0, 0],
  [0.00003, 0, 1, 1, -2, 0],
  [0.00003, 0, 0, 2, 2, 0],
  [-0.00003, 0, 1, 1, 2, 0],
  [0.00003, 0, -1, 1, 2, 0],
  [-0.00002, 0, -1, 1, -2, 0],
  [-0.00002, 0, 1, 3, 0, 0],
  [0.00002, 0, 0, 4, 0, 0],
];

/** Planetary arguments A1..A14: [constant, rate per lunation, coefficient]. A1 also has a T² term. */
const PLANETARY_TERMS: ReadonlyArray<readonly [number, number, number]> = [
  [299.77, 0.107408, 0.000325],
  [251.88, 0.016321, 0.000165],
  [251.83, 26.651886, 0.000164],
  [349.42, 36.412478, 0.000126],
  [84.66, 18.206239, 0.00011],
  [141.74, 53.303771, 0.000062],
  [207.14, 2.453732, 0.00006],
  [154.84, 7.30686, 0.000056],
  [34.52, 27.261239, 0.000047],
  [207.19, 0.121824, 0.000042],
  [291.34, 1.844379, 0.00004],
  [161.72, 24.198154, 0.000037],
  [239.56, 25.513099, 0.000035],
  [331.55, 3.592518, 0.000023],
];

/** Julian Date (UT) of the k-th new moon counted from the one of 6 January 2000 (k = 0). */
export function newMoonJd(k: number): number {
  const t = k / 1236.85;
  const t2 = t * t;
  const t3 = t2 * t;
  const t4 = t3 * t;
  let jde = 2451550.09766 + 29.530588861 * k + 0.00015437 * t2 - 0.00000015 * t3 + 0.00000000073 * t4;
  const e = 1 - 0.002516 * t - 0.0000074 * t2;
  const m = (2.5534 + 29.1053567 * k - 0.0000014 * t2 - 0.00000011 * t3) * RAD;
  const mp = (201.5643 + 385.81693528 * k + 0.0107582 * t2 + 0.00001238 * t3 - 0.000000058 * t4) * RAD;
  const f = (160.7108 + 390.67050284 * k - 0.0016118 * t2 - 0.00000227 * t3 + 0.000000011 * t4) * RAD;
  const om = (124.7746 - 1.56375588 * k + 0.0020672 * t2 + 0.00000215 * t3) * RAD;
  for (const [c, ePow, cm, cmp, cf, com] of NEW_MOON_TERMS) {
    jde += c * e ** ePow * Math.sin(cm * m + cmp * mp + cf * f + com * om);
  }
  let first = true;
  for (const [a, rate, c] of PLANETARY_TERMS) {
    const arg = a + rate * k + (first ? -0.009173 * t2 : 0);
    first = false;
    jde += c * Math.sin(arg * RAD);
  }
  return jde - deltaTDays(jde);
}

/** Apparent geometric longitude of the sun in degrees [0, 360) at a Julian Date (UT). */
export function sunLongitude(jdUt: number): number {
  const jde = jdUt + deltaTDays(jdUt);
  const t = (jde - 2451545) / 36525;
  const t2 = t * t;
  const m = (357.52911 + 35999.05029 * t - 0.0001537 * t2) * RAD;
  const l0 = 280.46646 + 36000.76983 * t + 0.0003032 * t2;
  const c =
    (1.914602 - 0.004817 * t - 0.000014 * t2) * Math.sin(m) + (0.019993 - 0.000101 * t) * Math.sin(2 * m) + 0.000289 * Math.sin(3 * m);
  const omega = (125.04 - 1934.136 * t) * RAD;
  const lambda = l0 + c - 0.00569 - 0.00478 * Math.sin(omega);
  return ((lambda % 360) + 360) % 360;
}

/** Julian Date (UT) of 00:00 local time (UTC+7) at the start of a day number. */
function localMidnightJd(day: number): number {
  return JD_UNIX_EPOCH + day - TZ_HOURS / 24;
}

/** Sun longitude sector (0..11, 30° each) at the start of a local day. */
function sectorAt(day: number): number {
  return Math.floor(sunLongitude(localMidnightJd(day)) / 30);
}

const newMoonDayCache = new Map<number, number>();

/** Local (UTC+7) day number on which the k-th new moon falls: the first day of a lunar month. */
function newMoonDay(k: number): number {
  let v = newMoonDayCache.get(k);
  if (v === undefined) {
    v = Math.floor(newMoonJd(k) + TZ_HOURS / 24 - JD_UNIX_EPOCH);
    newMoonDayCache.set(k, v);
  }
  return v;
}

/** Index k of the lunar month that contains the given day. */
function monthIndexOf(day: number): number {
  let k = Math.floor((day - K0_DAY) / SYNODIC_MONTH);
  while (newMoonDay(k + 1) <= day) k++;
  while (newMoonDay(k) > day) k--;
  return k;
}

const month11Cache = new Map<number, number>();

/** Index k of month 11 of solar year y: the lunar month containing that December's winter solstice. */
function month11Index(y: number): number {
  let k = month11Cache.get(y);
  if (k === undefined) {
    // The solstice falls on 20–23 December; find the local day during which the sun reaches 270°.
    let day = daysFromCivil(y, 12, 18);
    while (sunLongitude(localMidnightJd(day + 1)) < 270) day++;
    k = monthIndexOf(day);
    month11Cache.set(y, k);
  }
  return k;
}

/**
 * For a lunar year running from month 11 at index ka to the next month 11 at kb: the offset
 * (1..12) of the leap month from ka, or 0 when there are only 12 months.
 */
function leapOffset(ka: number, kb: number): number {
  if (kb - ka !== 13) return 0;
  for (let i = 1; i <= 12; i++) {
    // No major term inside month i ⇔ the sector is the same at its start and at the next month's start.
    if (sectorAt(newMoonDay(ka + i)) === sectorAt(newMoonDay(ka + i + 1))) return i;
  }
  // Unreachable astronomically (13 lunations always miss a major term); keep month numbering sane.
  return 0;
}

function assertYear(y: number, what: string): void {
  if (!Number.isInteger(y) || y < MIN_YEAR || y > MAX_YEAR) {
    throw new CalendarInputError('calendar.year_out_of_range', `${what} ${y} nằm ngoài phạm vi ${MIN_YEAR}–${MAX_YEAR}.`);
  }
}

/** Gregorian date → Vietnamese lunar date. */
export function solarToLunar(y: number, m: number, d: number): LunarDate {
  assertYear(y, 'Năm');
  if (!Number.isInteger(m) || !Number.isInteger(d) || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) {
    throw new CalendarInputError('calendar.invalid_date', `Ngày dương lịch không tồn tại: ${d}/${m}/${y}`);
  }
  const day = daysFromCivil(y, m, d);
  const k = monthIndexOf(day);
  // Which "month 11 → month 11" span holds k: the one starting in December of y−1 or of y.
  let startYear = y - 1;
  let ka = month11Index(y - 1);
  let kb = month11Index(y);
  if (k >= kb) {
    startYear = y;
    ka = kb;
    kb = month11Index(y + 1);
  }
  const diff = k - ka;
  const leapAt = leapOffset(ka, kb);
  let idx = diff; // 0 = month 11, 1 = month 12, 2 = month 1, …
  let leap = false;
  if (leapAt !== 0 && diff >= leapAt) {
    idx = diff - 1;
    leap = diff === leapAt;
  }
  return {
    day: day - newMoonDay(k) + 1,
    month: ((idx + 10) % 12) + 1,
    year: idx < 2 ? startYear : startYear + 1,
    leap,
  };
}

/** Vietnamese lunar date → Gregorian date. Throws if the month is not leap that year or day 30 does not exist. */
export function lunarToSolar(lunarDay: number, lunarMonth: number, lunarYear: number, leap: boolean): YMD {
  assertYear(lunarYear, 'Năm âm lịch');
  if (!Number.isInteger(lunarMonth) || lunarMonth < 1 || lunarMonth > 12 || !Number.isInteger(lunarDay) || lunarDay < 1 || lunarDay > 30) {
    throw new CalendarInputError('calendar.invalid_lunar_date', `Ngày âm lịch không hợp lệ: ${lunarDay}/${lunarMonth}/${lunarYear}`);
  }
  // Months 11 and 12 of lunar year Y start in solar year Y; months 1..10 follow month 11 of Y−1.
  const startYear = lunarMonth >= 11 ? lunarYear : lunarYear - 1;
  const ka = month11Index(startYear);
  const kb = month11Index(startYear + 1);
  const idx = (lunarMonth + 1) % 12; // month 11 → 0, 12 → 1, 1 → 2, …, 10 → 11
  const leapAt = leapOffset(ka, kb);
  let diff = idx;
  if (leap) {
    if (leapAt === 0 || idx !== leapAt - 1) {
      throw new CalendarInputError('calendar.invalid_lunar_date', `Năm âm lịch ${lunarYear} không có tháng ${lunarMonth} nhuận.`);
    }
    diff = leapAt;
  } else if (leapAt !== 0 && idx >= leapAt) {
    diff = idx + 1;
  }
  const start = newMoonDay(ka + diff);
  const length = newMoonDay(ka + diff + 1) - start;
  if (lunarDay > length) {
    throw new CalendarInputError(
      'calendar.invalid_lunar_date',
      `Tháng ${lunarMonth}${leap ? ' nhuận' : ''} năm âm lịch ${lunarYear} chỉ có ${length} ngày.`,
    );
  }
  return civilFromDays(start + lunarDay - 1);
}

/** Number of days (29 or 30) of a lunar month. */
export function lunarMonthLength(lunarMonth: number, lunarYear: number, leap: boolean): number {
  const first = lunarToSolar(1, lunarMonth, lunarYear, leap);
  const d = daysFromCivil(first.y, first.m, first.d);
  const k = monthIndexOf(d);
  return newMoonDay(k + 1) - newMoonDay(k);
}

/** The leap month (1..12) of a lunar year, or 0 when the year has none. */
export function leapMonthOf(lunarYear: number): number {
  assertYear(lunarYear, 'Năm âm lịch');
  // A leap month may fall in either span that overlaps the lunar year; check both.
  for (const startYear of [lunarYear - 1, lunarYear]) {
    const ka = month11Index(startYear);
    const at = leapOffset(ka, month11Index(startYear + 1));
    if (at === 0) continue;
    const idx = at - 1;
    const month = ((idx + 10) % 12) + 1;
    const year = idx < 2 ? startYear : startYear + 1;
    if (year === lunarYear) return month;
  }
  return 0;
}
