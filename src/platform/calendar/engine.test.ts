import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { AppError } from '../errors.js';
import {
  Calendar,
  CalendarDataError,
  CalendarInputError,
  civilFromDays,
  createCalendar,
  daysFromCivil,
  deriveStatutoryDays,
  formatIso,
  loadOfficialCalendar,
  loadOfficialDays,
  localizeName,
  OFFICIAL_HOLIDAYS_FILE,
  parseIsoDate,
  parseOfficialCalendar,
  weekdayOf,
  type CalendarDay,
} from './index.js';

const cal = createCalendar();

function errorCode(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof CalendarInputError || e instanceof CalendarDataError) return e.code;
    throw e;
  }
  return 'no error';
}

const rawJson = (): Record<string, any> => JSON.parse(readFileSync(OFFICIAL_HOLIDAYS_FILE, 'utf8'));

describe('date arithmetic and input validation', () => {
  test('day numbers round-trip and weekdays are right for known dates', () => {
    assert.equal(daysFromCivil(1970, 1, 1), 0);
    assert.equal(daysFromCivil(2000, 3, 1), 11017);
    assert.deepEqual(civilFromDays(daysFromCivil(1900, 2, 28) + 1), { y: 1900, m: 3, d: 1 });
    assert.deepEqual(civilFromDays(daysFromCivil(2024, 2, 28) + 1), { y: 2024, m: 2, d: 29 });
    assert.equal(weekdayOf(daysFromCivil(2025, 4, 30)), 3); // Wednesday
    assert.equal(weekdayOf(daysFromCivil(1900, 1, 1)), 1); // Monday
    assert.equal(formatIso(daysFromCivil(2199, 12, 31)), '2199-12-31');
  });

  test('parseIsoDate accepts real dates and rejects impossible ones with stable codes', () => {
    assert.deepEqual(parseIsoDate('2024-02-29'), { y: 2024, m: 2, d: 29 });
    assert.equal(
      errorCode(() => parseIsoDate('2025-02-29')),
      'calendar.invalid_date',
    );
    assert.equal(
      errorCode(() => parseIsoDate('2025-02-30')),
      'calendar.invalid_date',
    );
    assert.equal(
      errorCode(() => parseIsoDate('2025-13-01')),
      'calendar.invalid_date',
    );
    assert.equal(
      errorCode(() => parseIsoDate('2025-04-31')),
      'calendar.invalid_date',
    );
    assert.equal(
      errorCode(() => parseIsoDate('2025-4-3')),
      'calendar.invalid_date',
    );
    assert.equal(
      errorCode(() => parseIsoDate('2025/04/03')),
      'calendar.invalid_date',
    );
    assert.equal(
      errorCode(() => parseIsoDate('2025-04-3x')),
      'calendar.invalid_date',
    );
    assert.equal(
      errorCode(() => parseIsoDate('1899-12-31')),
      'calendar.year_out_of_range',
    );
    assert.equal(
      errorCode(() => parseIsoDate('2200-01-01')),
      'calendar.year_out_of_range',
    );
    // Bad input is an AppError of kind 'validation', so routes answer 400 without special-casing.
    assert.throws(
      () => parseIsoDate('2025-02-30'),
      (e: unknown) => e instanceof AppError && e.kind === 'validation' && e.code === 'calendar.invalid_date',
    );
  });

  test('deadline lengths outside the allowed range are rejected', () => {
    assert.equal(
      errorCode(() => cal.addWorkingDays('2025-04-28', -1)),
      'calendar.days_out_of_range',
    );
    assert.equal(
      errorCode(() => cal.addWorkingDays('2025-04-28', 401)),
      'calendar.days_out_of_range',
    );
    assert.equal(
      errorCode(() => cal.addWorkingDays('2025-04-28', 2.5)),
      'calendar.days_out_of_range',
    );
    assert.equal(
      errorCode(() => cal.addWorkingDays('2025-04-28', Number.NaN)),
      'calendar.days_out_of_range',
    );
    assert.equal(cal.addWorkingDays('2025-04-28', 400).days, 400);
    assert.equal(
      errorCode(() => cal.addDays('2025-04-28', 3661)),
      'calendar.days_out_of_range',
    );
    assert.equal(
      errorCode(() => cal.addWorkingDays('2025-02-30', 3)),
      'calendar.invalid_date',
    );
    assert.equal(
      errorCode(() => cal.holidays(2200)),
      'calendar.year_out_of_range',
    );
  });

  test('a deadline running past 2199-12-31 is refused instead of wrapping', () => {
    assert.equal(
      errorCode(() => cal.addWorkingDays('2199-12-20', 30)),
      'calendar.year_out_of_range',
    );
    assert.equal(
      errorCode(() => cal.addDays('2199-12-20', 30)),
      'calendar.year_out_of_range',
    );
  });
});

describe('official schedule 2024–2026', () => {
  test('3 working days from 28/04/2025 end on 06/05/2025, skipping 30/4, 1/5, the swapped 2/5 and the weekend', () => {
    const r = cal.addWorkingDays('2025-04-28', 3);
    assert.equal(r.due, '2025-05-06');
    assert.deepEqual(
      r.skipped.map((s) => s.date),
      ['2025-04-30', '2025-05-01', '2025-05-02', '2025-05-03', '2025-05-04'],
    );
    assert.equal(r.skipped[0]?.reason, 'Ngày Chiến thắng');
    assert.equal(r.skipped[3]?.reason, 'Thứ Bảy');
  });

  test('make-up Saturdays 04/05/2024, 26/04/2025, 10/01/2026 and 22/08/2026 are working days', () => {
    for (const date of ['2024-05-04', '2025-04-26', '2026-01-10', '2026-08-22']) {
      const info = cal.isWorkingDay(date);
      assert.equal(info.working, true, date);
      assert.equal(info.kind, 'makeup_workday', date);
      assert.equal(info.provisional, false, date);
      assert.equal(weekdayOf(daysFromCivil(+date.slice(0, 4), +date.slice(5, 7), +date.slice(8))), 6, `${date} is a Saturday`);
    }
    assert.equal(cal.isWorkingDay('2025-05-03').working, false); // an ordinary Saturday
  });

  test('a make-up Saturday counts as a working day in a deadline', () => {
    assert.equal(cal.addWorkingDays('2025-04-25', 1).due, '2025-04-26');
    assert.equal(cal.addWorkingDays('2024-05-03', 1).due, '2024-05-04');
  });

  test('swapped weekdays 29/04/2024, 02/05/2025, 02/01/2026 and 31/08/2026 are days off', () => {
    for (const date of ['2024-04-29', '2025-05-02', '2026-01-02', '2026-08-31']) {
      const info = cal.isWorkingDay(date);
      assert.equal(info.working, false, date);
      assert.equal(info.kind, 'swap_off', date);
    }
    // 30/4/2024 Tue and 1/5/2024 Wed plus the swapped Monday: from Fri 26/4 the next working day is Thu 2/5.
    assert.equal(cal.addWorkingDays('2024-04-26', 1).due, '2024-05-02');
  });

  test('Tết 2024 closes 08/02 to 14/02 (two compensatory days for the Saturday and Sunday)', () => {
    const r = cal.addWorkingDays('2024-02-07', 1);
    assert.equal(r.due, '2024-02-15');
    assert.deepEqual(
      r.skipped.map((s) => s.date),
      ['2024-02-08', '2024-02-09', '2024-02-10', '2024-02-11', '2024-02-12', '2024-02-13', '2024-02-14'],
    );
    assert.equal(cal.isWorkingDay('2024-02-13').kind, 'compensatory');
  });

  test('Tết 2025 closes 25/01 to 02/02 and Tết 2026 closes 14/02 to 22/02', () => {
    assert.equal(cal.addWorkingDays('2025-01-24', 1).due, '2025-02-03');
    assert.equal(cal.addWorkingDays('2025-01-24', 1).skipped.length, 9);
    assert.equal(cal.addWorkingDays('2026-02-13', 1).due, '2026-02-23');
    assert.equal(cal.addWorkingDays('2026-02-13', 1).skipped.length, 9);
    assert.equal(cal.isWorkingDay('2026-02-20').reason, 'Tết Âm lịch (mùng 4)');
  });

  test('Giỗ Tổ on Sunday 26/04/2026 gives Monday 27/04/2026 off', () => {
    assert.equal(cal.isWorkingDay('2026-04-26').working, false);
    const mon = cal.isWorkingDay('2026-04-27');
    assert.equal(mon.working, false);
    assert.equal(mon.kind, 'compensatory');
    assert.equal(cal.addWorkingDays('2026-04-24', 1).due, '2026-04-28');
  });

  test('counting across New Year 2026 skips 1/1, the swapped 2/1 and the weekend', () => {
    const r = cal.addWorkingDays('2025-12-31', 1);
    assert.equal(r.due, '2026-01-05');
    assert.deepEqual(
      r.skipped.map((s) => s.date),
      ['2026-01-01', '2026-01-02', '2026-01-03', '2026-01-04'],
    );
  });

  test('Quốc khánh 2025 takes Monday 1/9 and Tuesday 2/9 off', () => {
    assert.equal(cal.addWorkingDays('2025-08-29', 1).due, '2025-09-03');
    assert.equal(cal.isWorkingDay('2025-09-03').working, true);
  });

  test('the pending 24/11/2026 Vietnamese Culture Day is not treated as a holiday', () => {
    const info = cal.isWorkingDay('2026-11-24');
    assert.equal(info.working, true);
    assert.equal(info.reason, null);
    const official = loadOfficialCalendar();
    assert.deepEqual(
      official.pending.map((p) => p.date),
      ['2026-11-24'],
    );
    assert.ok(!official.rows.some((r) => r.date === '2026-11-24'));
  });

  test('holidays(2025) lists the twelve non-working weekdays and the make-up Saturday with their sources', () => {
    const rows = cal.holidays(2025);
    assert.deepEqual(
      rows.map((r) => `${r.date} ${r.kind}`),
      [
        '2025-01-01 holiday',
        '2025-01-27 holiday',
        '2025-01-28 holiday',
        '2025-01-29 holiday',
        '2025-01-30 holiday',
        '2025-01-31 holiday',
        '2025-04-07 holiday',
        '2025-04-26 makeup_workday',
        '2025-04-30 holiday',
        '2025-05-01 holiday',
        '2025-05-02 swap_off',
        '2025-09-01 holiday',
        '2025-09-02 holiday',
      ],
    );
    assert.ok(rows.every((r) => r.provisional === false));
    assert.match(rows.find((r) => r.date === '2025-05-02')?.source ?? '', /6150\/TB-BLĐTBXH/);
  });

  test('an ordinary weekday has no reason and no kind', () => {
    assert.deepEqual(cal.isWorkingDay('2025-06-10'), { date: '2025-06-10', working: true, reason: null });
  });
});

describe('calendar-day limits and the roll-forward rule (Civil Code Art. 147–148)', () => {
  test('a limit whose last day is a holiday moves to the next working day', () => {
    const r = cal.addDays('2025-04-20', 10);
    assert.equal(r.due, '2025-05-05');
    assert.deepEqual(
      r.skipped.map((s) => s.date),
      ['2025-04-30', '2025-05-01', '2025-05-02', '2025-05-03', '2025-05-04'],
    );
  });

  test('a limit ending on a working day does not move', () => {
    const r = cal.addDays('2025-03-01', 30);
    assert.equal(r.due, '2025-03-31');
    assert.deepEqual(r.skipped, []);
  });

  test('a limit ending on a Sunday moves to Monday', () => {
    assert.equal(cal.addDays('2025-06-01', 7).due, '2025-06-09');
  });

  test('with N = 0 the limit ends on the event day, or on the next working day if that is a day off', () => {
    assert.equal(cal.addWorkingDays('2025-06-10', 0).due, '2025-06-10');
    assert.deepEqual(cal.addWorkingDays('2025-06-10', 0).skipped, []);
    assert.equal(cal.addWorkingDays('2025-05-03', 0).due, '2025-05-05');
    assert.equal(cal.addDays('2025-04-30', 0).due, '2025-05-05');
  });

  test('the event day itself is never counted', () => {
    // Tuesday 10/06/2025 + 1 working day is Wednesday, not Tuesday.
    assert.equal(cal.addWorkingDays('2025-06-10', 1).due, '2025-06-11');
    assert.equal(cal.addDays('2025-06-10', 1).due, '2025-06-11');
  });

  test('a limit in hours runs from the exact instant', () => {
    const t = new Date('2025-04-29T10:15:30+07:00');
    assert.equal(cal.addHours(t, 72).toISOString(), '2025-05-02T03:15:30.000Z');
    assert.equal(cal.addHours(t, 24).toISOString(), '2025-04-30T03:15:30.000Z');
    assert.equal(
      errorCode(() => cal.addHours(new Date('nope'), 1)),
      'calendar.invalid_instant',
    );
    assert.equal(
      errorCode(() => cal.addHours(t, -1)),
      'calendar.hours_out_of_range',
    );
  });

  test('the end of a day is 24:00 in Vietnam, i.e. 17:00 UTC', () => {
    assert.equal(cal.endOfDayInstant('2025-05-06').toISOString(), '2025-05-06T17:00:00.000Z');
    assert.equal(cal.endOfDayInstant('2025-12-31').toISOString(), '2025-12-31T17:00:00.000Z');
  });
});

describe('derived (provisional) years', () => {
  test('the derivation rule reproduces the official 2024–2026 schedules apart from swaps', () => {
    for (const year of [2024, 2025, 2026]) {
      const official = loadOfficialDays()
        .filter((r) => r.date.startsWith(`${year}-`) && r.kind !== 'swap_off' && r.kind !== 'makeup_workday')
        .map((r) => `${r.date} ${r.kind}`);
      const derived = deriveStatutoryDays(year).map((r) => `${r.date} ${r.kind}`);
      assert.deepEqual(derived, official, String(year));
    }
  });

  test('years without an official schedule (2027, 2030) are derived and marked provisional', () => {
    const y2027 = cal.holidays(2027);
    assert.ok(y2027.length >= 10);
    assert.ok(y2027.every((r) => r.provisional === true));
    assert.deepEqual(
      y2027.filter((r) => r.date.startsWith('2027-02')).map((r) => r.date),
      ['2027-02-04', '2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10'],
    );
    const info = cal.isWorkingDay('2030-02-05');
    assert.equal(info.working, false);
    assert.equal(info.kind, 'compensatory');
    assert.equal(info.provisional, true);
    assert.equal(cal.isWorkingDay('2030-04-12').reason, 'Giỗ Tổ Hùng Vương (10/3 ÂL)');
  });

  test('derived compensatory days follow Art. 111(3), e.g. 30/4/2028 on Sunday gives Tuesday 2/5 off', () => {
    const rows = deriveStatutoryDays(2028);
    assert.equal(rows.find((r) => r.date === '2028-05-01')?.kind, 'holiday');
    assert.equal(rows.find((r) => r.date === '2028-05-02')?.kind, 'compensatory');
    assert.equal(rows.find((r) => r.date === '2028-01-03')?.kind, 'compensatory'); // 1/1/2028 is a Saturday
  });

  test('two holidays on one weekend are compensated on consecutive working days (2023: 29/4 and 30/4)', () => {
    const rows = deriveStatutoryDays(2023).filter((r) => r.date >= '2023-04-28' && r.date <= '2023-05-05');
    assert.deepEqual(
      rows.map((r) => `${r.date} ${r.kind}`),
      ['2023-05-01 holiday', '2023-05-02 compensatory', '2023-05-03 compensatory'],
    );
  });

  test('Quốc khánh picks the adjacent day that bridges to a weekend', () => {
    const qk = (y: number): string[] =>
      deriveStatutoryDays(y)
        .filter((r) => r.date.slice(5, 7) === '09')
        .map((r) => r.date.slice(5));
    assert.deepEqual(qk(2021), ['09-02', '09-03']); // Thu → Fri 3/9
    assert.deepEqual(qk(2022), ['09-01', '09-02']); // Fri → Thu 1/9
    assert.deepEqual(qk(2029), ['09-03', '09-04']); // Sun → Mon 3/9 + compensatory Tue
  });
});

describe('building a calendar from rows', () => {
  const row = (date: string, kind: CalendarDay['kind'], extra: Partial<CalendarDay> = {}): CalendarDay => ({
    date,
    kind,
    name: `test ${date}`,
    source: 'test',
    provisional: false,
    ...extra,
  });

  test('official rows replace derived and provisional rows for their year only', () => {
    const c = new Calendar([
      ...loadOfficialDays(),
      row('2025-06-03', 'holiday', { provisional: true }),
      row('2027-06-01', 'holiday', { provisional: true }),
    ]);
    assert.equal(c.isWorkingDay('2025-06-03').working, true); // 2025 has official rows
    assert.equal(c.isWorkingDay('2027-06-01').working, false); // 2027 has none: admin row applies
    assert.equal(c.isWorkingDay('2027-04-30').working, false); // and derived rows are kept
  });

  test('without derivation a year with no rows has only weekends off', () => {
    const c = new Calendar(loadOfficialDays(), { deriveMissingYears: false });
    assert.equal(c.isWorkingDay('2027-04-30').working, true);
    assert.deepEqual(c.holidays(2027), []);
  });

  test('local holidays apply only to the calendar of their province', () => {
    const rows = [...loadOfficialDays(), row('2025-06-10', 'local_holiday', { provinceCode: '01' })];
    const hanoi = new Calendar(rows, { provinceCode: '01' });
    const hcm = new Calendar(rows, { provinceCode: '79' });
    const national = new Calendar(rows);
    assert.equal(hanoi.isWorkingDay('2025-06-10').working, false);
    assert.equal(hanoi.isWorkingDay('2025-06-10').kind, 'local_holiday');
    assert.equal(hcm.isWorkingDay('2025-06-10').working, true);
    assert.equal(national.isWorkingDay('2025-06-10').working, true);
    assert.equal(hanoi.addWorkingDays('2025-06-09', 1).due, '2025-06-11');
  });

  test('rows with an unknown kind or an impossible date are refused', () => {
    assert.equal(
      errorCode(() => new Calendar([row('2025-02-30', 'holiday')])),
      'calendar.invalid_data',
    );
    assert.equal(
      errorCode(() => new Calendar([row('2025-06-10', 'party' as CalendarDay['kind'])])),
      'calendar.invalid_data',
    );
  });
});

describe('loading the vendored JSON', () => {
  test('the loader reads 2024–2026 as official rows with Vietnamese names', () => {
    const rows = loadOfficialDays();
    assert.ok(rows.every((r) => r.provisional === false));
    assert.deepEqual([...new Set(rows.map((r) => r.date.slice(0, 4)))], ['2024', '2025', '2026']);
    assert.equal(rows.find((r) => r.date === '2024-02-13')?.name, 'nghỉ bù (ngày Tết trùng Thứ Bảy 10/02)');
    assert.equal(rows.filter((r) => r.kind === 'makeup_workday').length, 4);
  });

  test('English glosses in the JSON names are rendered in Vietnamese', () => {
    assert.equal(localizeName('hoán đổi (worked on Sat 04/5)'), 'hoán đổi (làm bù vào Thứ Bảy 04/5)');
    assert.equal(localizeName('làm bù for Fri 02/5'), 'làm bù cho Thứ Sáu 02/5');
    assert.equal(localizeName('nghỉ bù (Giỗ Tổ on Sun 26/4)'), 'nghỉ bù (Giỗ Tổ trùng Chủ nhật 26/4)');
    assert.equal(localizeName('Quốc khánh'), 'Quốc khánh');
  });

  test('a weekday label that contradicts the date is rejected', () => {
    const json = rawJson();
    json.years['2025'].non_working_weekdays[0].weekday = 'Thu';
    assert.equal(
      errorCode(() => parseOfficialCalendar(json)),
      'calendar.invalid_data',
    );
  });

  test('a non-working entry on a weekend or a make-up day on a weekday is rejected', () => {
    const a = rawJson();
    a.years['2025'].non_working_weekdays.push({ date: '2025-06-07', weekday: 'Sat', name: 'x', kind: 'holiday', sources: ['BLLD112'] });
    assert.equal(
      errorCode(() => parseOfficialCalendar(a)),
      'calendar.invalid_data',
    );
    const b = rawJson();
    b.years['2025'].working_weekends.push({ date: '2025-06-06', weekday: 'Fri', name: 'x', sources: ['BLLD112'] });
    assert.equal(
      errorCode(() => parseOfficialCalendar(b)),
      'calendar.invalid_data',
    );
  });

  test('an entry citing an unknown source is rejected', () => {
    const json = rawJson();
    json.years['2024'].non_working_weekdays[0].sources = ['NOPE'];
    assert.equal(
      errorCode(() => parseOfficialCalendar(json)),
      'calendar.invalid_data',
    );
  });
});

describe('explanations', () => {
  test('the explanation names the start day, counted days, skipped days with reasons, and the end', () => {
    const text = cal.explain(cal.addWorkingDays('2025-04-28', 3), 'Luật Bảo vệ quyền lợi người tiêu dùng 2023, Điều 31 khoản 2');
    assert.match(text, /Thời hạn 3 ngày làm việc theo Luật Bảo vệ quyền lợi người tiêu dùng 2023/);
    assert.match(text, /bắt đầu tính từ ngày 29\/04\/2025 \(ngày tiếp theo sau ngày 28\/04\/2025\)/);
    assert.match(text, /Các ngày làm việc được tính \(3\): 29\/04\/2025, 05\/05\/2025, 06\/05\/2025\./);
    assert.match(text, /Bỏ qua 5 ngày không làm việc: 30\/04\/2025 \(Ngày Chiến thắng\), 01\/05\/2025 \(Quốc tế Lao động\)/);
    assert.match(text, /03\/05\/2025 \(Thứ Bảy\), 04\/05\/2025 \(Chủ nhật\)/);
    assert.match(text, /Hạn cuối: hết 24:00 ngày 06\/05\/2025/);
  });

  test('a rolled-forward calendar-day limit explains why it moved', () => {
    const text = cal.explain(cal.addDays('2025-04-20', 10));
    assert.match(text, /Ngày thứ 10 là ngày 30\/04\/2025\./);
    assert.match(text, /không phải ngày làm việc nên thời hạn chuyển sang ngày làm việc tiếp theo \(Điều 148 khoản 5/);
    assert.match(text, /Hạn cuối: hết 24:00 ngày 05\/05\/2025/);
  });

  test('long working-day limits are summarised as a range', () => {
    const text = cal.explain(cal.addWorkingDays('2025-06-10', 60));
    assert.match(text, /Các ngày làm việc được tính: 60 ngày, từ 11\/06\/2025 đến /);
  });
});
