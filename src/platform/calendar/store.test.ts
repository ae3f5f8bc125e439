import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildUser, type BuiltUser } from '../../../test/factories.js';
import { testEnv, type TestEnv } from '../../../test/harness.js';
import { inTransaction } from '../context.js';
import { AppError } from '../errors.js';
import { createCalendar, loadOfficialDays } from './index.js';
import { addCalendarDay, getCalendar, listCalendarDays, removeCalendarDay, updateCalendarDay } from './store.js';

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
  return 'no error';
}

describe('the database calendar', () => {
  let t: TestEnv;
  let admin: BuiltUser;
  let officer: BuiltUser;

  before(async () => {
    t = await testEnv();
    admin = await buildUser(t.database.db, { role: 'admin' });
    officer = await buildUser(t.database.db, { role: 'case_officer' });
  });
  after(() => t.close());

  test('the migration seeds the official 2024–2026 schedules, and the database calendar agrees with the file', async () => {
    const rows = await listCalendarDays(t.ctxAs(admin.actor));
    assert.equal(rows.length, loadOfficialDays().length);
    const fromDb = await getCalendar(t.sysCtx());
    const fromFile = createCalendar();
    for (const year of [2024, 2025, 2026]) assert.deepEqual(fromDb.holidays(year), fromFile.holidays(year), String(year));
    assert.equal(fromDb.isWorkingDay('2026-01-10').working, true, 'make-up Saturday 10/1/2026');
    assert.equal(fromDb.isWorkingDay('2026-08-22').working, true, 'make-up Saturday 22/8/2026');
  });

  test('only administrators list and edit the rows', async () => {
    const ctx = t.ctxAs(officer.actor);
    assert.equal(await codeOf(listCalendarDays(ctx)), 'auth.forbidden');
    assert.equal(await codeOf(addCalendarDay(ctx, { date: '2031-01-02', kind: 'holiday', name: 'x', source: 'y' })), 'auth.forbidden');
  });

  test('the calendar is cached until the table changes, even when two edits share one instant', async () => {
    const ctx = t.ctxAs(admin.actor);
    const a = await getCalendar(ctx);
    assert.equal(await getCalendar(ctx), a, 'no rebuild without a change');
    const row = await addCalendarDay(ctx, { date: '2031-05-06', kind: 'holiday', name: 'Tên một', source: 'Nguồn', provisional: true });
    const b = await getCalendar(ctx);
    assert.notEqual(b, a);
    assert.equal(b.isWorkingDay('2031-05-06').reason, 'Tên một');
    await updateCalendarDay(ctx, row.id, { name: 'Tên hai' }); // same ctx.now() as the insert
    assert.equal((await getCalendar(ctx)).isWorkingDay('2031-05-06').reason, 'Tên hai');
    await removeCalendarDay(ctx, row.id);
    assert.equal((await getCalendar(ctx)).isWorkingDay('2031-05-06').working, true);
  });

  test('an edit rolled back inside its transaction leaves no trace in the cache', async () => {
    const ctx = t.ctxAs(admin.actor);
    await assert.rejects(
      inTransaction(ctx, async (tx) => {
        await addCalendarDay(tx, { date: '2031-05-07', kind: 'holiday', name: 'Sẽ hủy', source: 'Nguồn', provisional: true });
        assert.equal((await getCalendar(tx)).isWorkingDay('2031-05-07').working, false, 'seen inside the transaction');
        throw new Error('rollback');
      }),
      /rollback/,
    );
    assert.equal((await getCalendar(ctx)).isWorkingDay('2031-05-07').working, true);
  });

  test('a year without rows uses derived provisional days until its first official row replaces them', async () => {
    const ctx = t.ctxAs(admin.actor);
    const derived = (await getCalendar(ctx)).holidays(2027);
    assert.ok(derived.length >= 10);
    assert.ok(derived.every((d) => d.provisional));
    await addCalendarDay(ctx, { date: '2027-01-01', kind: 'holiday', name: 'Tết Dương lịch', source: 'Thông báo (thử)' });
    const official = (await getCalendar(ctx)).holidays(2027);
    assert.deepEqual(
      official.map((d) => [d.date, d.provisional]),
      [['2027-01-01', false]],
    );
  });

  test('rows are checked like the official file: weekday kinds, make-up weekends, local scope', async () => {
    const ctx = t.ctxAs(admin.actor);
    assert.equal(
      await codeOf(addCalendarDay(ctx, { date: '2031-05-10', kind: 'holiday', name: 'x', source: 'y' })),
      'calendar.kind_weekday_mismatch',
    );
    assert.equal(
      await codeOf(addCalendarDay(ctx, { date: '2031-05-12', kind: 'makeup_workday', name: 'x', source: 'y' })),
      'calendar.kind_weekday_mismatch',
    );
    assert.equal(
      await codeOf(addCalendarDay(ctx, { date: '2031-05-12', kind: 'local_holiday', name: 'x', source: 'y' })),
      'calendar.province_required',
    );
    assert.equal(
      await codeOf(addCalendarDay(ctx, { date: '2031-05-12', kind: 'holiday', name: ' ', source: 'y' })),
      'calendar.invalid_name',
    );
    assert.equal(
      await codeOf(addCalendarDay(ctx, { date: '2200-01-01', kind: 'holiday', name: 'x', source: 'y' })),
      'calendar.year_out_of_range',
    );
    assert.equal(await codeOf(updateCalendarDay(ctx, '00000000-0000-4000-8000-000000000000', { name: 'x' })), 'calendar.day_not_found');
  });
});
