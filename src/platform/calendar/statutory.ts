/**
 * Provisional holiday rows for years without an official announcement.
 *
 * Legal basis: Labour Code 45/2019/QH14 Art. 112(1) lists 11 paid holiday days: 1/1; Tết Âm lịch
 * 5 days; Giỗ Tổ Hùng Vương 10/3 lunar; 30/4; 1/5; Quốc khánh 2/9 plus one adjacent day (1/9 or
 * 3/9). Art. 112(3) lets the Prime Minister fix the exact Tết and Quốc khánh days each year, so
 * those are guesses until announced; every row produced here has provisional: true.
 * Art. 111(3): a holiday falling on the weekly rest day (Saturday or Sunday for civil servants,
 * Decision 188/1999/QĐ-TTg) gives a compensatory day on the next working day.
 *
 * Choices (each reproduces the official schedules of 2024–2026 in the vendored JSON, and, as far
 * as we know, those of 2020–2023):
 *  - Tết: of the two usual 5-day windows, A = last day of the lunar year + mùng 1–4 (2026) and
 *    B = last two days of the year + mùng 1–3 (2024, 2025), take the one with fewer days on a
 *    Saturday/Sunday (fewer compensatory days); on a tie take B, as in 2020, 2021, 2023 and 2024.
 *  - Quốc khánh: the adjacent day is the one that joins 2/9 to a weekend (a Monday 1/9 or a Friday
 *    3/9: 2021, 2025); failing that 1/9 if it is a weekday (2022, 2023, 2026), else 3/9.
 *  - Giỗ Tổ is 10/3 of the regular (non-leap) third month.
 *  - Swaps (hoán đổi / làm bù) are a yearly Government decision and are never derived.
 *  - Two holidays on one date (possible for Giỗ Tổ and 30/4) count once; no extra day is given,
 *    since Art. 111(3) only compensates rest days, not overlapping holidays.
 * Only non-working weekdays and working weekend days are returned (the JSON's convention): a
 * holiday on a Saturday/Sunday shows up through its compensatory row.
 */
import { civilFromDays, daysFromCivil, formatIso, formatVn, MAX_YEAR, MIN_YEAR, weekdayOf } from './dates.js';
import { CalendarInputError } from './errors.js';
import { lunarToSolar, solarToLunar } from './lunar.js';
import type { CalendarDay } from './types.js';

const SRC_112 = 'Bộ luật Lao động 45/2019/QH14, Điều 112 (dự kiến, chưa có thông báo chính thức)';
const SRC_111 = 'Bộ luật Lao động 45/2019/QH14, Điều 111 khoản 3 (dự kiến, chưa có thông báo chính thức)';

export const WEEKDAY_NAMES_VI = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'] as const;

function isWeekend(day: number): boolean {
  const w = weekdayOf(day);
  return w === 0 || w === 6;
}

interface Holiday {
  day: number;
  name: string;
  /** Short form used inside a compensatory day's name, e.g. "mùng 1 Tết". */
  short: string;
}

function tetHoliday(day: number): Holiday {
  const { y, m, d } = civilFromDays(day);
  const l = solarToLunar(y, m, d);
  const short = l.month === 12 ? `${l.day} Chạp` : `mùng ${l.day} Tết`;
  return { day, name: `Tết Âm lịch (${l.month === 12 ? short : `mùng ${l.day}`})`, short };
}

function plain(day: number, name: string): Holiday {
  return { day, name, short: name };
}

function weekendCount(days: readonly number[]): number {
  let n = 0;
  for (const d of days) if (isWeekend(d)) n++;
  return n;
}

/** The 5 Tết days for the lunar new year falling in solar year `year` (see the module comment). */
export function tetDays(year: number): number[] {
  const t = lunarToSolar(1, 1, year, false);
  const tet = daysFromCivil(t.y, t.m, t.d);
  const a = [tet - 1, tet, tet + 1, tet + 2, tet + 3];
  const b = [tet - 2, tet - 1, tet, tet + 1, tet + 2];
  return weekendCount(a) < weekendCount(b) ? a : b;
}

/** The adjacent Quốc khánh day (1/9 or 3/9) for a year (see the module comment). */
export function quocKhanhAdjacentDay(year: number): number {
  const sep1 = daysFromCivil(year, 9, 1);
  const sep3 = daysFromCivil(year, 9, 3);
  if (weekdayOf(sep1) === 1) return sep1;
  if (weekdayOf(sep3) === 5) return sep3;
  return isWeekend(sep1) ? sep3 : sep1;
}

/** Provisional statutory rows (national) for one year. */
export function deriveStatutoryDays(year: number): CalendarDay[] {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new CalendarInputError('calendar.year_out_of_range', `Năm ${year} nằm ngoài phạm vi ${MIN_YEAR}–${MAX_YEAR}.`);
  }
  const list: Holiday[] = [plain(daysFromCivil(year, 1, 1), 'Tết Dương lịch')];
  for (const day of tetDays(year)) list.push(tetHoliday(day));
  const gioTo = lunarToSolar(10, 3, year, false);
  list.push({ day: daysFromCivil(gioTo.y, gioTo.m, gioTo.d), name: 'Giỗ Tổ Hùng Vương (10/3 ÂL)', short: 'Giỗ Tổ Hùng Vương' });
  list.push(plain(daysFromCivil(year, 4, 30), 'Ngày Chiến thắng'));
  list.push(plain(daysFromCivil(year, 5, 1), 'Quốc tế Lao động'));
  const sep2 = daysFromCivil(year, 9, 2);
  const adj = quocKhanhAdjacentDay(year);
  list.push(plain(sep2, 'Quốc khánh'));
  list.push({ day: adj, name: `Quốc khánh (ngày liền kề ${adj < sep2 ? 'trước' : 'sau'})`, short: 'Quốc khánh' });

  // Merge holidays sharing a date (Art. 111(3) compensates rest days, not overlapping holidays).
  const byDay = new Map<number, Holiday>();
  for (const h of list) {
    const prev = byDay.get(h.day);
    byDay.set(h.day, prev === undefined ? h : { day: h.day, name: `${prev.name}; ${h.name}`, short: `${prev.short}, ${h.short}` });
  }
  const holidays = [...byDay.values()].sort((x, y) => x.day - y.day);

  const rows: CalendarDay[] = [];
  const taken = new Set<number>(byDay.keys());
  for (const h of holidays) {
    if (!isWeekend(h.day)) {
      rows.push({ date: formatIso(h.day), kind: 'holiday', name: h.name, source: SRC_112, provisional: true });
      continue;
    }
    // Art. 111(3): next working day, skipping weekends, holidays and compensatory days already given.
    let c = h.day + 1;
    while (isWeekend(c) || taken.has(c)) c++;
    taken.add(c);
    const when = `${WEEKDAY_NAMES_VI[weekdayOf(h.day)]} ${formatVn(h.day)}`;
    rows.push({
      date: formatIso(c),
      kind: 'compensatory',
      name: `nghỉ bù (${h.short} trùng ${when})`,
      source: SRC_111,
      provisional: true,
    });
  }
  return rows.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
}
