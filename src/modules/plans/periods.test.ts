import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { calendarFromDeadlines, deadlinesBetween, planPeriods, reminderDay, taskActiveIn } from './periods.js';
import type { ReportingDay } from './schema.js';

const CAL: ReportingDay[] = [
  { month: 11, day: 10, audience: 'agencies' },
  { month: 11, day: 25, audience: 'focal' },
];

describe('report periods', () => {
  it('reads who reports when from the plan’s sentences', () => {
    assert.deepEqual(
      calendarFromDeadlines([
        { text: 'Các sở, ngành … báo cáo UBND tỉnh (qua Sở Công Thương) trước ngày 10 tháng 11 hằng năm.', month: 11, day: 10 },
        {
          text: 'Sở Công Thương theo dõi, đôn đốc …; tổng hợp, báo cáo Bộ Công Thương trước ngày 25 tháng 11 hằng năm.',
          month: 11,
          day: 25,
        },
      ]).map((d) => [d.day, d.month, d.audience]),
      [
        [10, 11, 'agencies'],
        [25, 11, 'focal'],
      ],
    );
    assert.deepEqual(
      calendarFromDeadlines([
        { text: 'Trước ngày 10/12 hằng năm báo cáo kết quả qua Sở Công Thương để tổng hợp.', month: 12, day: 10 },
      ]).map((d) => d.audience),
      ['agencies'],
    );
    assert.deepEqual(
      calendarFromDeadlines([
        { text: 'Báo cáo trước ngày 30/6 hằng năm.', month: 6, day: 30 },
        { text: 'Báo cáo trước ngày 15/12 hằng năm.', month: 12, day: 15 },
      ]).map((d) => d.audience),
      ['agencies', 'focal'],
      'without a clue, the earliest is the agencies’',
    );
    assert.deepEqual(calendarFromDeadlines([]), []);
  });

  it('cuts periods at the agencies’ deadlines, up to the current one', () => {
    assert.deepEqual(deadlinesBetween(CAL, 'agencies', '2026-04-20', '2028-01-01'), ['2026-11-10', '2027-11-10']);
    assert.deepEqual(planPeriods(CAL, '2026-04-20', '2027-11-10'), [
      { deadline: '2026-11-10', start: '2026-04-20' },
      { deadline: '2027-11-10', start: '2026-11-11' },
    ]);
    assert.deepEqual(
      planPeriods(CAL, '2026-04-20', '2026-11-11').map((p) => p.deadline),
      ['2026-11-10', '2027-11-10'],
      'the day after a deadline, the next period is current',
    );
    assert.deepEqual(
      planPeriods([{ month: 11, day: 25, audience: 'focal' }], '2026-01-01', '2027-01-01'),
      [],
      'no agencies’ deadline: no periods',
    );
    assert.equal(reminderDay('2027-11-10', 7), '2027-11-03');
    assert.equal(reminderDay('2027-03-02', 7), '2027-02-23', 'counted on the calendar, across months');
  });

  it('asks a task for a report while its timing runs', () => {
    const p = { deadline: '2027-11-10', start: '2026-11-11' };
    const t = (timing: Record<string, string>, extra: { isSection?: boolean; conditionMetOn?: string | null } = {}) =>
      taskActiveIn({ isSection: extra.isSection ?? false, timing: timing as never, conditionMetOn: extra.conditionMetOn ?? null }, p);
    assert.equal(t({ kind: 'once', due: '2026-12-20' }), true, 'due inside the period');
    assert.equal(t({ kind: 'once', due: '2026-11-10' }), false, 'due before the period started');
    assert.equal(t({ kind: 'range', from: '2026-01-01' }), true, 'an open range');
    assert.equal(t({ kind: 'range', from: '2028-01-01' }), false, 'a range not started');
    assert.equal(t({ kind: 'range', from: '2026-01-01', until: '2026-06-30' }), false, 'a range over');
    assert.equal(t({ kind: 'recurring' }), true);
    assert.equal(t({ kind: 'continuous' }), true);
    assert.equal(t({ kind: 'unparsed' }), true, 'an unreadable timing is still followed up');
    assert.equal(t({ kind: 'conditional' }), false, 'waiting for its event');
    assert.equal(t({ kind: 'conditional' }, { conditionMetOn: '2027-02-01' }), true);
    assert.equal(t({ kind: 'recurring' }, { isSection: true }), false, 'sections report through their tasks');
  });
});
