import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { silentLog, testEnv, usingPostgres, type TestEnv } from '../../test/harness.js';
import { enqueue } from './outbox.js';
import { backoffMs, createWorker, PermanentJobError, type JobHandlers } from './worker.js';

// Test-only job kinds, added the way a module adds its own.
declare module './outbox.js' {
  interface JobPayloads {
    'test.flaky': { label: string };
    'test.count': { n: number };
    'test.other': { label: string };
  }
}

describe('the outbox worker', () => {
  let t: TestEnv;
  before(async () => {
    t = await testEnv();
  });
  after(() => t.close());

  const jobRow = (id: string) => t.database.db.selectFrom('job').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const later = (ms: number) => t.setNow(new Date(t.deps.now().getTime() + ms));

  it('runs the built-in mail and SMS handlers through the senders in deps', async () => {
    const worker = createWorker({ db: t.database.db, deps: t.deps, log: silentLog });
    await enqueue(t.sysCtx(), 'mail.send', { to: 'a@example.test', subject: 'Tiêu đề', text: 'Nội dung' });
    await enqueue(t.sysCtx(), 'sms.send', { to: '0912345678', text: 'Mã tra cứu YC-2026-000001' });
    assert.equal(await worker.runOnce(), 2);
    assert.deepEqual(t.deps.mail.sent.at(-1), { to: 'a@example.test', subject: 'Tiêu đề', text: 'Nội dung' });
    assert.deepEqual(t.deps.sms.sent.at(-1), { to: '0912345678', text: 'Mã tra cứu YC-2026-000001' });
  });

  it('waits for run_at on the injected clock', async () => {
    const worker = createWorker({ db: t.database.db, deps: t.deps, log: silentLog });
    const id = await enqueue(
      t.sysCtx(),
      'mail.send',
      { to: 'b@example.test', subject: 'Sau', text: 'x' },
      { runAt: new Date(t.deps.now().getTime() + 60_000) },
    );
    assert.equal(await worker.runOnce(), 0);
    later(60_000);
    assert.equal(await worker.runOnce(), 1);
    assert.equal((await jobRow(id)).status, 'done');
  });

  it('retries a failing handler with exponential backoff and marks it failed after max_attempts', async () => {
    let calls = 0;
    const handlers: JobHandlers = {
      'test.flaky': async () => {
        calls++;
        throw new Error('gateway timeout while calling +84 912 345 678');
      },
    };
    const worker = createWorker({ db: t.database.db, deps: t.deps, log: silentLog, handlers });
    const id = await enqueue(t.sysCtx(), 'test.flaky', { label: 'x' }, { maxAttempts: 3 });

    assert.equal(await worker.runOnce(), 1);
    let job = await jobRow(id);
    assert.equal(job.status, 'queued');
    assert.equal(job.attempts, 1);
    assert.equal(job.run_at.getTime(), t.deps.now().getTime() + 30_000);
    assert.match(job.last_error ?? '', /gateway timeout/);
    assert.ok(!/912/.test(job.last_error ?? ''), 'no phone number in last_error');

    assert.equal(await worker.runOnce(), 0, 'not before the backoff has passed');
    later(30_000);
    assert.equal(await worker.runOnce(), 1);
    job = await jobRow(id);
    assert.equal(job.attempts, 2);
    assert.equal(job.run_at.getTime(), t.deps.now().getTime() + 60_000);

    later(60_000);
    assert.equal(await worker.runOnce(), 1);
    job = await jobRow(id);
    assert.equal(job.status, 'failed');
    assert.equal(job.attempts, 3);
    assert.match(job.last_error ?? '', /gateway timeout/);
    later(3_600_000);
    assert.equal(await worker.runOnce(), 0, 'a failed job stays failed');
    assert.equal(calls, 3);
  });

  it('caps the backoff', () => {
    assert.equal(backoffMs(1), 30_000);
    assert.equal(backoffMs(2), 60_000);
    assert.equal(backoffMs(4), 240_000);
    assert.equal(backoffMs(20), 3_600_000);
  });

  it('fails at once on a PermanentJobError', async () => {
    const worker = createWorker({
      db: t.database.db,
      deps: t.deps,
      log: silentLog,
      handlers: {
        'test.flaky': async () => {
          throw new PermanentJobError('payload refers to a deleted record');
        },
      },
    });
    const id = await enqueue(t.sysCtx(), 'test.flaky', { label: 'perm' });
    assert.equal(await worker.runOnce(), 1);
    const job = await jobRow(id);
    assert.equal(job.status, 'failed');
    assert.equal(job.attempts, 1);
  });

  it('claims only the kinds it has a handler for', async () => {
    const worker = createWorker({ db: t.database.db, deps: t.deps, log: silentLog });
    const id = await enqueue(t.sysCtx(), 'test.other', { label: 'for another worker' });
    assert.equal(await worker.runOnce(), 0);
    assert.equal((await jobRow(id)).status, 'queued');
    await t.database.db.updateTable('job').set({ status: 'done' }).where('id', '=', id).execute();
  });

  it('requeues a job stuck in running, and fails it when it has no attempts left', async () => {
    const worker = createWorker({ db: t.database.db, deps: t.deps, log: silentLog, stuckAfterMs: 15 * 60_000 });
    const stuck = await enqueue(t.sysCtx(), 'mail.send', { to: 'stuck@example.test', subject: 'Kẹt', text: 'x' });
    const spent = await enqueue(t.sysCtx(), 'mail.send', { to: 'spent@example.test', subject: 'Hết lượt', text: 'x' }, { maxAttempts: 2 });
    const fresh = await enqueue(t.sysCtx(), 'mail.send', { to: 'fresh@example.test', subject: 'Đang chạy', text: 'x' });
    const now = t.deps.now().getTime();
    await t.database.db
      .updateTable('job')
      .set({ status: 'running', attempts: 1, locked_by: 'dead-worker', locked_at: new Date(now - 20 * 60_000) })
      .where('id', '=', stuck)
      .execute();
    await t.database.db
      .updateTable('job')
      .set({ status: 'running', attempts: 2, locked_by: 'dead-worker', locked_at: new Date(now - 20 * 60_000) })
      .where('id', '=', spent)
      .execute();
    await t.database.db
      .updateTable('job')
      .set({ status: 'running', attempts: 1, locked_by: 'live-worker', locked_at: new Date(now - 60_000) })
      .where('id', '=', fresh)
      .execute();

    assert.equal(await worker.requeueStuck(), 2);
    assert.equal((await jobRow(stuck)).status, 'queued');
    assert.equal((await jobRow(spent)).status, 'failed');
    assert.equal((await jobRow(fresh)).status, 'running', 'a job still within its time is left alone');

    const before = t.deps.mail.sent.length;
    assert.equal(await worker.runOnce(), 1);
    assert.equal(t.deps.mail.sent.length, before + 1);
    assert.equal(t.deps.mail.sent.at(-1)!.to, 'stuck@example.test');
    const row = await jobRow(stuck);
    assert.equal(row.status, 'done');
    assert.equal(row.attempts, 2);
    await t.database.db.updateTable('job').set({ status: 'done' }).where('id', '=', fresh).execute();
  });

  it('runs periodic sweeps when due, and the stuck-job sweep is one of them', async () => {
    const runs: string[] = [];
    const worker = createWorker({
      db: t.database.db,
      deps: t.deps,
      log: silentLog,
      sweeps: [
        {
          name: 'test.deadlines',
          everyMs: 5 * 60_000,
          run: async (ctx) => {
            assert.equal(ctx.actor.type, 'system');
            runs.push(ctx.now().toISOString());
          },
        },
        {
          name: 'test.broken',
          everyMs: 60_000,
          run: async () => {
            throw new Error('a broken sweep does not stop the others');
          },
        },
      ],
    });
    assert.deepEqual(await worker.runSweeps(), ['job.requeue_stuck', 'test.deadlines']);
    assert.deepEqual(await worker.runSweeps(), [], 'nothing is due again at once');
    later(60_000);
    assert.deepEqual(await worker.runSweeps(), ['job.requeue_stuck']);
    later(4 * 60_000);
    assert.deepEqual(await worker.runSweeps(), ['job.requeue_stuck', 'test.deadlines']);
    assert.equal(runs.length, 2);
    assert.deepEqual(await worker.runSweeps({ all: true }), ['job.requeue_stuck', 'test.deadlines']);
  });

  it('polls with start() and finishes the job in hand on stop()', async () => {
    const started: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const worker = createWorker({
      db: t.database.db,
      deps: { ...t.deps, config: { ...t.deps.config, WORKER_POLL_MS: 10 } },
      log: silentLog,
      handlers: {
        'test.count': async (_ctx, p, job) => {
          started.push(String(p.n));
          if (p.n === 1) await gate;
          assert.equal(job.kind, 'test.count');
        },
      },
    });
    const first = await enqueue(t.sysCtx(), 'test.count', { n: 1 });
    const second = await enqueue(t.sysCtx(), 'test.count', { n: 2 });
    worker.start();
    while (started.length === 0) await new Promise((r) => setTimeout(r, 5));
    const stopped = worker.stop();
    release();
    await stopped;
    assert.equal((await jobRow(first)).status, 'done', 'the job in hand finished');
    assert.deepEqual(started, ['1'], 'no new job started after stop()');
    assert.equal((await jobRow(second)).status, 'queued');
    assert.equal((await jobRow(second)).attempts, 0);
    assert.equal(await worker.runOnce(), 1, 'runOnce still works after stop()');
  });

  it(
    'never runs a job twice when two workers claim at the same time (PostgreSQL)',
    { skip: !usingPostgres && 'PGlite is one session: one worker' },
    async () => {
      const runs = new Map<number, number>();
      const handlers: JobHandlers = {
        'test.count': async (_ctx, p) => {
          runs.set(p.n, (runs.get(p.n) ?? 0) + 1);
          await new Promise((r) => setTimeout(r, 2));
        },
      };
      const a = createWorker({ db: t.database.db, deps: t.deps, log: silentLog, handlers, id: 'worker-a', batchSize: 3 });
      const b = createWorker({ db: t.database.db, deps: t.deps, log: silentLog, handlers, id: 'worker-b', batchSize: 3 });
      const n = 60;
      for (let i = 0; i < n; i++) await enqueue(t.sysCtx(), 'test.count', { n: i });
      const [ra, rb] = await Promise.all([a.runOnce(), b.runOnce()]);
      assert.equal(ra + rb, n);
      assert.equal(runs.size, n);
      assert.ok(
        [...runs.values()].every((c) => c === 1),
        'every job ran exactly once',
      );
      assert.ok(ra > 0 && rb > 0, `both workers took jobs (${ra}/${rb})`);
    },
  );
});
