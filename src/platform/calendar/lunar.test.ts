import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { civilFromDays, daysFromCivil } from './dates.js';
import { CalendarInputError } from './errors.js';
import { leapMonthOf, lunarMonthLength, lunarToSolar, solarToLunar } from './lunar.js';

const iso = (r: { y: number; m: number; d: number }): string => `${r.y}-${String(r.m).padStart(2, '0')}-${String(r.d).padStart(2, '0')}`;

describe('Vietnamese lunar calendar (UTC+7)', () => {
  test('Tết 2024, 2025 and 2026 fall on the published Vietnamese dates', () => {
    assert.equal(iso(lunarToSolar(1, 1, 2024, false)), '2024-02-10');
    assert.equal(iso(lunarToSolar(1, 1, 2025, false)), '2025-01-29');
    assert.equal(iso(lunarToSolar(1, 1, 2026, false)), '2026-02-17');
  });

  test('Giỗ Tổ Hùng Vương (10/3 lunar) 2024, 2025 and 2026 fall on the published dates', () => {
    assert.equal(iso(lunarToSolar(10, 3, 2024, false)), '2024-04-18');
    assert.equal(iso(lunarToSolar(10, 3, 2025, false)), '2025-04-07');
    assert.equal(iso(lunarToSolar(10, 3, 2026, false)), '2026-04-26');
  });

  test('Tết 1985 is 21 January in Vietnam, and China’s Tết date (20 February) is the first day of month 2', () => {
    assert.equal(iso(lunarToSolar(1, 1, 1985, false)), '1985-01-21');
    assert.deepEqual(solarToLunar(1985, 1, 21), { day: 1, month: 1, year: 1985, leap: false });
    assert.deepEqual(solarToLunar(1985, 2, 20), { day: 1, month: 2, year: 1985, leap: false });
    // Vietnam put the 1985 leap month after month 2 (China had its leap month in late 1984).
    assert.equal(leapMonthOf(1985), 2);
  });

  test('the UTC+7 meridian gives Tết 2007 on 17 February and Tết 1968 on 29 January, a day before China', () => {
    // New moon 2007-02-17 16:14 UTC is 23:14 in Hanoi but 00:14 on the 18th in Beijing.
    assert.equal(iso(lunarToSolar(1, 1, 2007, false)), '2007-02-17');
    assert.equal(iso(lunarToSolar(1, 1, 1968, false)), '1968-01-29');
  });

  test('solarToLunar gives the lunar new-year eve and the first days of Tết', () => {
    assert.deepEqual(solarToLunar(2024, 2, 9), { day: 30, month: 12, year: 2023, leap: false });
    assert.deepEqual(solarToLunar(2025, 1, 28), { day: 29, month: 12, year: 2024, leap: false });
    assert.deepEqual(solarToLunar(2026, 2, 20), { day: 4, month: 1, year: 2026, leap: false });
  });

  test('leap months of 2020, 2023 and 2025 start on the published dates', () => {
    assert.equal(leapMonthOf(2020), 4);
    assert.equal(iso(lunarToSolar(1, 4, 2020, true)), '2020-05-23');
    assert.equal(leapMonthOf(2023), 2);
    assert.equal(iso(lunarToSolar(1, 2, 2023, true)), '2023-03-22');
    assert.equal(leapMonthOf(2025), 6);
    assert.equal(iso(lunarToSolar(1, 6, 2025, true)), '2025-07-25');
    assert.deepEqual(solarToLunar(2025, 7, 25), { day: 1, month: 6, year: 2025, leap: true });
    assert.equal(leapMonthOf(2024), 0);
  });

  test('a leap 10/3 year still puts Giỗ Tổ in the regular third month (2023: 29 April)', () => {
    assert.equal(iso(lunarToSolar(10, 3, 2023, false)), '2023-04-29');
  });

  test('every day of 2019–2031 converts to lunar and back to the same solar date', () => {
    const first = daysFromCivil(2019, 1, 1);
    const last = daysFromCivil(2031, 12, 31);
    let previous = solarToLunar(2018, 12, 31);
    for (let day = first; day <= last; day++) {
      const s = civilFromDays(day);
      const l = solarToLunar(s.y, s.m, s.d);
      assert.deepEqual(lunarToSolar(l.day, l.month, l.year, l.leap), s, `round trip of ${iso(s)}`);
      // Lunar days advance by one, or restart at 1 after day 29 or 30.
      assert.ok(l.day === previous.day + 1 || (l.day === 1 && (previous.day === 29 || previous.day === 30)), iso(s));
      previous = l;
    }
  });

  test('lunar months have 29 or 30 days, and the last month of Ất Tỵ (2025) has 29', () => {
    assert.equal(lunarMonthLength(12, 2025, false), 29);
    assert.equal(lunarMonthLength(12, 2023, false), 30);
    for (let m = 1; m <= 12; m++) assert.ok([29, 30].includes(lunarMonthLength(m, 2027, false)));
  });

  test('impossible lunar dates are rejected with calendar.invalid_lunar_date', () => {
    const code = (fn: () => unknown): string => {
      try {
        fn();
      } catch (e) {
        assert.ok(e instanceof CalendarInputError);
        return e.code;
      }
      return 'no error';
    };
    assert.equal(
      code(() => lunarToSolar(1, 5, 2025, true)),
      'calendar.invalid_lunar_date',
    );
    assert.equal(
      code(() => lunarToSolar(30, 12, 2025, false)),
      'calendar.invalid_lunar_date',
    );
    assert.equal(
      code(() => lunarToSolar(0, 1, 2025, false)),
      'calendar.invalid_lunar_date',
    );
    assert.equal(
      code(() => lunarToSolar(1, 13, 2025, false)),
      'calendar.invalid_lunar_date',
    );
    assert.equal(
      code(() => lunarToSolar(1, 1, 2200, false)),
      'calendar.year_out_of_range',
    );
    assert.equal(
      code(() => solarToLunar(2025, 2, 29)),
      'calendar.invalid_date',
    );
    assert.equal(
      code(() => solarToLunar(1899, 12, 31)),
      'calendar.year_out_of_range',
    );
  });

  test('Tết always falls between 21 January and 20 February across 1900–2199', () => {
    for (let y = 1900; y <= 2199; y++) {
      const t = lunarToSolar(1, 1, y, false);
      const day = daysFromCivil(t.y, t.m, t.d);
      assert.ok(day >= daysFromCivil(y, 1, 21) && day <= daysFromCivil(y, 2, 20), `Tết ${y} = ${iso(t)}`);
    }
  });
});
