import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildUser, type BuiltUser } from '../../../test/factories.js';
import { silentLog, testEnv, type TestEnv } from '../../../test/harness.js';
import { makeCtx, type Ctx } from '../context.js';
import { AppError } from '../errors.js';
import { addCalendarDay, removeCalendarDay } from '../calendar/store.js';
import { createWorker } from '../worker.js';
import {
  clockSweep,
  clocksFor,
  createClockRegistry,
  extendClock,
  findActiveClockId,
  meetClock,
  pauseClock,
  readEntityClocks,
  resumeClock,
  startClock,
  stopClock,
  sweepClocks,
} from './index.js';

/** 10:00 in Vietnam on a local date. */
const at10 = (date: string): Date => new Date(`${date}T03:00:00Z`);

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
  return 'no error';
}

describe('statutory clocks', () => {
  let t: TestEnv;
  let admin: BuiltUser;
  let officer: BuiltUser;
  let viewer: BuiltUser;
  let n = 0;
  const entity = () => `e-${++n}`;

  before(async () => {
    t = await testEnv();
    admin = await buildUser(t.database.db, { role: 'admin' });
    officer = await buildUser(t.database.db, { role: 'case_officer' });
    viewer = await buildUser(t.database.db, { role: 'viewer' });
  });
  after(() => t.close());

  const as = (u: BuiltUser): Ctx => t.ctxAs(u.actor);

  async function mailJobs(): Promise<{ to: string; subject: string }[]> {
    const rows = await t.database.db.selectFrom('job').select('payload').where('kind', '=', 'mail.send').orderBy('id').execute();
    return rows.map((r) => r.payload as unknown as { to: string; subject: string });
  }

  test('a working-day clock starts the day after the event and skips 30/4, 1/5 and the swapped 2/5/2025', async () => {
    t.setNow(at10('2025-04-28'));
    const c = await startClock(t.sysCtx(), {
      entityType: 'request',
      entityId: entity(),
      rule: 'request.forward_to_business',
      startedAt: at10('2025-04-28'),
    });
    assert.equal(c.dueDate, '2025-05-12');
    assert.equal(c.dueAt.toISOString(), '2025-05-12T17:00:00.000Z', 'ends at 24:00 Vietnam time');
    assert.equal(c.state, 'running');
    assert.equal(c.legalBasis, 'Law 19/2023 Art. 57(4)');
    assert.match(c.explanation, /Điều 57 khoản 4/);
    assert.match(c.explanation, /29\/04\/2025/);
    assert.match(c.explanation, /02\/05\/2025 \(.*\)/);
    assert.match(c.explanation, /Ngày Chiến thắng|30\/04\/2025/);
  });

  test('a calendar-day limit whose last day falls in Tết moves to the next working day', async () => {
    t.setNow(at10('2025-01-01'));
    const c = await startClock(t.sysCtx(), {
      entityType: 'contract',
      entityId: entity(),
      rule: 'contract.review',
      startedAt: at10('2025-01-01'),
    });
    // 1/1 + 30 days = Fri 31/1/2025 (Tết), then Sat 1/2 and Sun 2/2 → Mon 3/2 (Civil Code Art. 148(5)).
    assert.equal(c.dueDate, '2025-02-03');
    assert.match(c.explanation, /31\/01\/2025/);
  });

  test('an hour limit runs from the exact instant, holidays included, and a pause adds its exact duration', async () => {
    t.setNow(new Date('2025-04-30T01:15:00Z'));
    const c = await startClock(t.sysCtx(), {
      entityType: 'recall',
      entityId: entity(),
      rule: 'recall.stop_supply',
      startedAt: new Date('2025-04-30T01:15:00Z'),
    });
    assert.equal(c.dueAt.toISOString(), '2025-05-01T01:15:00.000Z');
    assert.equal(c.legalBasis, 'Decree 55/2024 Art. 17');
    t.setNow(new Date('2025-04-30T05:00:00Z'));
    await pauseClock(as(officer), c.id, { reason: 'lab_test' });
    t.setNow(new Date('2025-04-30T07:30:00Z'));
    const r = await resumeClock(as(officer), c.id);
    assert.equal(r.dueAt.toISOString(), '2025-05-01T03:45:00.000Z');
    assert.match(r.explanation, /2 giờ 30 phút/);
  });

  test('pause and resume move the due date by the working days that elapsed while paused', async () => {
    t.setNow(at10('2025-06-02'));
    const c = await startClock(t.sysCtx(), {
      entityType: 'request',
      entityId: entity(),
      rule: 'request.decide',
      startedAt: at10('2025-06-02'),
    });
    assert.equal(c.dueDate, '2025-06-23');
    t.setNow(at10('2025-06-04'));
    const p = await pauseClock(as(officer), c.id, { reason: 'awaiting_consumer_supplement', note: 'Thiếu hóa đơn' });
    assert.equal(p.state, 'paused');
    assert.equal(p.can.resume, true);
    assert.equal(p.can.pause, false);
    assert.equal(await codeOf(pauseClock(as(officer), c.id, { reason: 'lab_test' })), 'clock.invalid_transition');
    // Resumed on Monday 9/6: Thu 5/6, Fri 6/6 and Mon 9/6 do not count (the weekend never did).
    t.setNow(at10('2025-06-09'));
    const r = await resumeClock(as(officer), c.id);
    assert.equal(r.state, 'running');
    assert.equal(r.dueDate, '2025-06-26');
    assert.match(r.explanation, /không tính 3 ngày làm việc \(05\/06\/2025, 06\/06\/2025, 09\/06\/2025\)/);
    assert.match(r.explanation, /Thiếu hóa đơn/);

    const audit = await t.database.db
      .selectFrom('audit_event')
      .select(['action', 'actor_id', 'summary'])
      .where('entity_type', '=', 'clock')
      .where('entity_id', '=', c.id)
      .orderBy('seq')
      .execute();
    assert.deepEqual(
      audit.map((a) => a.action),
      ['clock.start', 'clock.pause', 'clock.resume'],
    );
    assert.equal(audit[1]?.actor_id, officer.id);
    assert.equal((audit[1]?.summary as { reason?: string }).reason, 'awaiting_consumer_supplement');
  });

  test('only staff who manage clocks may pause them, and "other" needs a note', async () => {
    t.setNow(at10('2025-06-02'));
    const c = await startClock(t.sysCtx(), {
      entityType: 'request',
      entityId: entity(),
      rule: 'request.decide',
      startedAt: at10('2025-06-02'),
    });
    assert.equal(await codeOf(pauseClock(as(viewer), c.id, { reason: 'lab_test' })), 'auth.forbidden');
    const anonymous = t.ctxAs({ type: 'anonymous' });
    assert.equal(await codeOf(clocksFor(anonymous, 'request', c.entityId)), 'auth.unauthenticated');
    const forOwner = await readEntityClocks(anonymous, 'request', c.entityId);
    assert.deepEqual(
      forOwner.map((x) => [x.id, x.can.pause]),
      [[c.id, false]],
    );
    assert.equal(await codeOf(pauseClock(as(officer), c.id, { reason: 'other' })), 'clock.note_required');
    assert.equal(await codeOf(pauseClock(as(officer), '00000000-0000-4000-8000-000000000000', { reason: 'lab_test' })), 'clock.not_found');
  });

  test('an extension is allowed once, only where the rule allows it, and within its maximum', async () => {
    t.setNow(at10('2025-06-02'));
    const decide = await startClock(t.sysCtx(), {
      entityType: 'request',
      entityId: entity(),
      rule: 'request.decide',
      startedAt: at10('2025-06-02'),
    });
    const [seenByViewer] = await clocksFor(as(viewer), 'request', decide.entityId);
    const [seenByOfficer] = await clocksFor(as(officer), 'request', decide.entityId);
    assert.equal(seenByViewer?.can.extend, false, 'records tell the UI what this user may do');
    assert.equal(seenByOfficer?.can.extend, true);
    assert.equal(await codeOf(extendClock(as(officer), decide.id, { amount: 16, reason: 'Phức tạp' })), 'clock.extension_out_of_range');
    assert.equal(await codeOf(extendClock(as(officer), decide.id, { amount: 5, reason: '  ' })), 'clock.reason_required');
    const e = await extendClock(as(officer), decide.id, { amount: 5, reason: 'Vụ việc phức tạp, cần xác minh' });
    assert.equal(e.dueDate, '2025-06-30');
    assert.equal(e.extensionCount, 1);
    assert.match(e.explanation, /Gia hạn một lần thêm 5 ngày làm việc/);
    assert.equal(await codeOf(extendClock(as(officer), decide.id, { amount: 1, reason: 'Lần hai' })), 'clock.extension_used');

    const forward = await startClock(t.sysCtx(), {
      entityType: 'request',
      entityId: entity(),
      rule: 'request.forward_to_business',
      startedAt: at10('2025-06-02'),
    });
    assert.equal(await codeOf(extendClock(as(officer), forward.id, { amount: 1, reason: 'x' })), 'clock.not_extendable');

    const review = await startClock(t.sysCtx(), {
      entityType: 'contract',
      entityId: entity(),
      rule: 'contract.review',
      startedAt: at10('2025-06-02'),
    });
    assert.equal(review.dueDate, '2025-07-02');
    const ext = await extendClock(as(admin), review.id, { amount: 30, reason: 'Hợp đồng phức tạp (Điều 10 khoản 1)' });
    assert.equal(ext.dueDate, '2025-08-01');
  });

  test('meeting a clock after its due instant is recorded as late; before it, as on time', async () => {
    t.setNow(at10('2025-04-28'));
    const late = await startClock(t.sysCtx(), {
      entityType: 'request',
      entityId: entity(),
      rule: 'request.forward_to_business',
      startedAt: at10('2025-04-28'),
    });
    const onTime = await startClock(t.sysCtx(), {
      entityType: 'request',
      entityId: entity(),
      rule: 'request.forward_to_business',
      startedAt: at10('2025-04-28'),
    });
    t.setNow(new Date('2025-05-12T16:59:59Z')); // 23:59:59 on the last day
    const m1 = await meetClock(t.sysCtx(), onTime.id);
    assert.equal(m1.state, 'met');
    assert.equal(m1.late, false);
    t.setNow(new Date('2025-05-13T02:00:00Z'));
    const m2 = await meetClock(t.sysCtx(), late.id);
    assert.equal(m2.state, 'met');
    assert.equal(m2.late, true);
    assert.match(m2.explanation, /trễ hạn/);
    assert.equal(await codeOf(meetClock(t.sysCtx(), late.id)), 'clock.invalid_transition');
    assert.equal(await codeOf(stopClock(t.sysCtx(), late.id)), 'clock.invalid_transition');
  });

  test('editing the calendar recomputes a running clock (and the edit and recomputation are audited)', async () => {
    t.setNow(at10('2025-04-28'));
    const id = entity();
    const c = await startClock(t.sysCtx(), {
      entityType: 'request',
      entityId: id,
      rule: 'request.forward_to_business',
      startedAt: at10('2025-04-28'),
    });
    assert.equal(c.dueDate, '2025-05-12');
    const day = await addCalendarDay(as(admin), {
      date: '2025-05-07',
      kind: 'holiday',
      name: 'Ngày nghỉ đặc biệt (thử nghiệm)',
      source: 'Quyết định thử nghiệm',
    });
    let [now] = await clocksFor(as(officer), 'request', id);
    assert.equal(now?.dueDate, '2025-05-13');
    assert.match(now?.explanation ?? '', /Ngày nghỉ đặc biệt/);
    const recompute = await t.database.db
      .selectFrom('audit_event')
      .select(['action', 'summary'])
      .where('entity_id', '=', c.id)
      .where('action', '=', 'clock.recompute')
      .execute();
    assert.equal(recompute.length, 1);
    const edit = await t.database.db.selectFrom('audit_event').select(['action', 'actor_id']).where('entity_id', '=', day.id).execute();
    assert.deepEqual(
      edit.map((e) => [e.action, e.actor_id]),
      [['calendar_day.add', admin.id]],
    );

    await removeCalendarDay(as(admin), day.id);
    [now] = await clocksFor(as(officer), 'request', id);
    assert.equal(now?.dueDate, '2025-05-12');
    assert.equal(await findActiveClockId(t.sysCtx(), 'request', id, 'request.forward_to_business'), c.id);
  });

  test('a local day off moves only the clocks of that province', async () => {
    t.setNow(at10('2025-06-02'));
    const local = await startClock(t.sysCtx(), {
      entityType: 'request',
      entityId: entity(),
      rule: 'request.forward_to_business',
      startedAt: at10('2025-06-02'),
      provinceCode: '08',
    });
    const other = await startClock(t.sysCtx(), {
      entityType: 'request',
      entityId: entity(),
      rule: 'request.forward_to_business',
      startedAt: at10('2025-06-02'),
      provinceCode: '01',
    });
    assert.equal(local.dueDate, '2025-06-11');
    await addCalendarDay(as(admin), {
      date: '2025-06-05',
      kind: 'local_holiday',
      name: 'Ngày nghỉ của tỉnh',
      source: 'Quyết định của UBND tỉnh',
      provinceCode: '08',
    });
    const [l] = await clocksFor(as(officer), 'request', local.entityId);
    const [o] = await clocksFor(as(officer), 'request', other.entityId);
    assert.equal(l?.dueDate, '2025-06-12');
    assert.equal(o?.dueDate, '2025-06-11');
  });

  test('an overdue clock produces exactly one notification per recipient, however often the sweep runs', async () => {
    t.setNow(at10('2025-04-28'));
    const c = await startClock(t.sysCtx(), {
      entityType: 'request',
      entityId: entity(),
      entityLabel: 'YC-2025-000001',
      rule: 'request.forward_to_business',
      startedAt: at10('2025-04-28'),
      notify: { userIds: [officer.id], emails: ['lanhdao@example.test'] },
    });
    const before = (await mailJobs()).length;
    t.setNow(new Date('2025-05-12T17:00:00Z')); // 24:00 of the last day: the limit is over
    const first = await sweepClocks(t.sysCtx());
    const second = await sweepClocks(t.sysCtx());
    assert.ok(first.overdue >= 1); // clocks of earlier tests end on the same day, without recipients
    assert.equal(first.messages, 2);
    assert.deepEqual(second, { dueSoon: 0, overdue: 0, messages: 0 });
    const jobs = (await mailJobs()).slice(before);
    assert.deepEqual(jobs.map((j) => j.to).sort(), [`${officer.username}@example.test`, 'lanhdao@example.test'].sort());
    assert.ok(jobs.every((j) => j.subject.includes('Quá hạn') && j.subject.includes('YC-2025-000001')));
    const row = await t.database.db
      .selectFrom('clock')
      .select(['state', 'notified_overdue_at'])
      .where('id', '=', c.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.state, 'overdue');
    assert.ok(row.notified_overdue_at);
    const audit = await t.database.db
      .selectFrom('audit_event')
      .select('action')
      .where('entity_id', '=', c.id)
      .where('action', '=', 'clock.overdue')
      .execute();
    assert.equal(audit.length, 1);
  });

  test('a clock entering its due-soon window is notified once, two working days before the end', async () => {
    t.setNow(at10('2025-06-02'));
    const c = await startClock(t.sysCtx(), {
      entityType: 'request',
      entityId: entity(),
      rule: 'request.forward_to_business',
      startedAt: at10('2025-06-02'),
      notify: { emails: ['canbo@example.test'] },
    });
    assert.equal(c.dueDate, '2025-06-11'); // Wednesday
    const before = (await mailJobs()).length;
    t.setNow(new Date('2025-06-09T16:59:00Z')); // Monday 23:59: three working days left
    await sweepClocks(t.sysCtx());
    assert.equal((await mailJobs()).length, before);
    t.setNow(new Date('2025-06-09T17:00:00Z')); // Tuesday 00:00: two working days left
    const r = await sweepClocks(t.sysCtx());
    await sweepClocks(t.sysCtx());
    assert.ok(r.dueSoon >= 1);
    const jobs = (await mailJobs()).slice(before);
    assert.equal(jobs.length, 1);
    assert.match(jobs[0]?.subject ?? '', /Sắp đến hạn/);
    const [v] = await clocksFor(as(officer), 'request', c.entityId);
    assert.equal(v?.state, 'due_soon');
  });

  test('concurrent sweeps still notify each overdue clock exactly once', async () => {
    t.setNow(at10('2024-02-01'));
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) {
      const c = await startClock(t.sysCtx(), {
        entityType: 'request',
        entityId: entity(),
        rule: 'business.acknowledge',
        startedAt: at10('2024-02-01'),
        notify: { emails: [`nhan${i}@example.test`] },
      });
      ids.push(c.id);
    }
    const before = (await mailJobs()).length;
    t.setNow(at10('2024-03-01'));
    const ctxs = [0, 1, 2, 3].map((i) =>
      makeCtx({
        db: t.database.db,
        actor: { type: 'system', label: `sweep-${i}` },
        requestId: `sweep-${i}`,
        log: t.sysCtx().log,
        deps: t.deps,
      }),
    );
    const results = await Promise.all(ctxs.map((ctx) => sweepClocks(ctx, { batchSize: 3 })));
    assert.equal(
      results.reduce((s, r) => s + r.overdue, 0),
      ids.length,
    );
    const jobs = (await mailJobs()).slice(before);
    assert.equal(jobs.length, ids.length);
    assert.equal(new Set(jobs.map((j) => j.to)).size, ids.length);
  });

  test('the worker runs the clock sweep and delivers its mail after commit', async () => {
    t.setNow(at10('2023-03-01'));
    await startClock(t.sysCtx(), {
      entityType: 'request',
      entityId: entity(),
      entityLabel: 'YC-2023-000009',
      rule: 'business.report_result',
      startedAt: at10('2023-03-01'),
      notify: { emails: ['worker@example.test'] },
    });
    t.setNow(at10('2023-04-03'));
    const worker = createWorker({ db: t.database.db, deps: t.deps, log: silentLog, sweeps: [clockSweep] });
    assert.ok((await worker.runSweeps({ all: true })).includes('clocks.sweep'));
    await worker.runOnce();
    const sent = t.deps.mail.sent.filter((m) => m.to === 'worker@example.test');
    assert.equal(sent.length, 1);
    assert.match(sent[0]?.subject ?? '', /Quá hạn: .*YC-2023-000009/);
    assert.match(sent[0]?.text ?? '', /Điều 57 khoản 5/);
  });

  test('the registry refuses to configure a statutory amount but accepts a [CONFIG] one', () => {
    assert.throws(() => createClockRegistry({ 'request.forward_to_business': { amount: 10 } }), /statutory/);
    const r = createClockRegistry({ 'request.decide': { amount: 20 } });
    assert.equal(r.get('request.decide')?.amount, 20);
    assert.equal(r.get('request.forward_to_business')?.amount, 7);
  });
});
