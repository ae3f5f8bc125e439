/**
 * Prints Tết and Giỗ Tổ dates and the derived (provisional) holiday rows for years without an
 * official schedule, for human review before they are entered in the admin holiday table.
 * Usage: npx tsx scripts/lunar-preview.ts [fromYear] [toYear]   (default 2027 2030)
 */
import {
  daysFromCivil,
  deriveStatutoryDays,
  formatVn,
  isoToDay,
  leapMonthOf,
  lunarMonthLength,
  lunarToSolar,
  weekdayOf,
} from '../src/platform/calendar/index.js';

const WEEKDAYS = ['CN', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7'];
const fromYear = Number(process.argv[2] ?? 2027);
const toYear = Number(process.argv[3] ?? 2030);

function show(y: number, m: number, d: number): string {
  const day = daysFromCivil(y, m, d);
  return `${WEEKDAYS[weekdayOf(day)]} ${formatVn(day)}`;
}

for (let year = fromYear; year <= toYear; year++) {
  const tet = lunarToSolar(1, 1, year, false);
  const gioTo = lunarToSolar(10, 3, year, false);
  const leap = leapMonthOf(year);
  const chap = lunarMonthLength(12, year - 1, false);
  console.log(`\n=== ${year} (dự kiến) ===`);
  console.log(`Tết Nguyên đán (1/1 ÂL):  ${show(tet.y, tet.m, tet.d)}   (tháng Chạp năm trước có ${chap} ngày)`);
  console.log(`Giỗ Tổ Hùng Vương (10/3): ${show(gioTo.y, gioTo.m, gioTo.d)}`);
  console.log(`Tháng nhuận:              ${leap === 0 ? 'không có' : `tháng ${leap} nhuận`}`);
  console.log('Ngày nghỉ / ngày làm bù dự kiến (BLLĐ 2019 Điều 111–112):');
  for (const r of deriveStatutoryDays(year)) {
    const day = isoToDay(r.date);
    console.log(`  ${WEEKDAYS[weekdayOf(day)]} ${formatVn(day)}  ${r.kind.padEnd(13)} ${r.name}`);
  }
}
