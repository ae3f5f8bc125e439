/**
 * The outbox worker: claims due `job` rows with `FOR UPDATE SKIP LOCKED`, runs the handler
 * registered for each kind, and marks the row done. A failure is retried with exponential
 * backoff and ends `failed` after `max_attempts`; a sweep requeues rows left `running` by a
 * worker that died. Modules add job kinds (handlers) and periodic sweeps (deadline clocks)
 * as plain objects: there is no global registry.
 *
 * Time comes from `deps.now()` and is passed to SQL as a parameter, never SQL `now()`, so
 * tests move the clock instead of sleeping. On PGlite (one session) one job is claimed at a
 * time; on PostgreSQL any number of workers, in any number of processes, share the table.
 * Delivery is at least once: a crash between a handler's side effect and marking the row done
 * runs the job again after the stuck sweep, so handlers must tolerate a repeat.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { FastifyBaseLogger } from 'fastify';
import { sql, type ExpressionBuilder } from 'kysely';
import type { Db } from '../db/connection.js';
import type { DB } from '../db/schema.js';
import { makeCtx, type Ctx, type Deps } from './context.js';
import type { JobKind, JobPayloads } from './outbox.js';

/** What a handler learns about the job it runs (never logged with the payload). */
export interface JobInfo {
  readonly id: string;
  readonly kind: JobKind;
  /** 1 on the first run. */
  readonly attempts: number;
  readonly maxAttempts: number;
}

/**
 * Runs one job. `ctx` is a system context (actor `system:worker`, request id `job-<id>`) on
 * the database, outside any transaction: a handler that changes data opens its own with
 * `inTransaction`. Throw to retry later; throw `PermanentJobError` to fail without retrying.
 */
export type JobHandler<K extends JobKind = JobKind> = (ctx: Ctx, payload: JobPayloads[K], job: JobInfo) => Promise<void>;

/** Handlers by job kind. A worker claims only the kinds it has a handler for. */
export type JobHandlers = { [K in JobKind]?: JobHandler<K> };

/** Periodic work run by the worker loop (e.g. deadline clocks scanning `due_at` columns). */
export interface Sweep {
  /** Stable name, used in logs. */
  readonly name: string;
  readonly everyMs: number;
  run(ctx: Ctx): Promise<void>;
}

/** A failure that retrying cannot fix (e.g. a payload that no longer makes sense). */
export class PermanentJobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentJobError';
  }
}

export interface WorkerOptions {
  db: Db;
  deps: Deps;
  log: FastifyBaseLogger;
  /** Module handlers; merged over the built-in `mail.send` and `sms.send`. */
  handlers?: JobHandlers;
  sweeps?: readonly Sweep[];
  /** Shown in `job.locked_by`; defaults to host:pid:random. */
  id?: string;
  /** Jobs claimed per query on PostgreSQL (PGlite always claims one). Default 10. */
  batchSize?: number;
  /** A job `running` longer than this is presumed abandoned and requeued. Default 15 min. */
  stuckAfterMs?: number;
  /** First retry delay; doubles per attempt up to `maxBackoffMs`. Defaults 30 s and 1 h. */
  backoffBaseMs?: number;
  maxBackoffMs?: number;
  /** Upper bound of jobs one `runOnce` call runs, so a burst cannot starve the sweeps. Default 500. */
  maxJobsPerRun?: number;
}

export interface Worker {
  readonly id: string;
  /** Claims and runs every due job (up to `maxJobsPerRun`); resolves to the number run. */
  runOnce(): Promise<number>;
  /** Runs the sweeps that are due (all of them with `all: true`); resolves to their names. */
  runSweeps(opts?: { all?: boolean }): Promise<string[]>;
  /** Requeues (or fails, when out of attempts) jobs stuck in `running`; resolves to the count. */
  requeueStuck(): Promise<number>;
  /** Starts the poll loop: sweeps, then jobs, every WORKER_POLL_MS (at once again after a busy round). */
  start(): void;
  /** Stops polling and waits for the job in hand to finish. */
  stop(): Promise<void>;
}

/** `mail.send` and `sms.send`: delivery through the senders in `deps`. */
export const builtinHandlers: JobHandlers = {
  'mail.send': async (ctx, p) => {
    await ctx.deps.mail.send({ to: p.to, subject: p.subject, text: p.text, ...(p.html ? { html: p.html } : {}) });
  },
  'sms.send': async (ctx, p) => {
    await ctx.deps.sms.send(p.to, p.text);
  },
};

/** Delay before the retry that follows failed attempt number `attempts` (1-based). */
export function backoffMs(attempts: number, baseMs = 30_000, maxMs = 3_600_000): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, Math.min(attempts - 1, 30)));
}

const EMAIL = /[^\s<>()"',;:]+@[^\s<>()"',;:]+/g;
const LONG_NUMBER = /\+?\d[\d .-]{6,}\d/g;

/**
 * A short description of an error for `job.last_error` and logs: name, code and message with
 * email addresses and phone-like numbers masked (SMTP errors quote the recipient), no stack.
 */
export function describeJobError(e: unknown): string {
  const err = e as { name?: unknown; code?: unknown; message?: unknown } | null;
  const name = typeof err?.name === 'string' ? err.name : 'Error';
  const code = typeof err?.code === 'string' || typeof err?.code === 'number' ? ` [${String(err.code)}]` : '';
  const message = typeof err?.message === 'string' ? err.message : String(e);
  const masked = message.replace(EMAIL, '[email]').replace(LONG_NUMBER, '[số]');
  return `${name}${code}: ${masked}`.replace(/\s+/g, ' ').slice(0, 500);
}

interface ClaimedJob {
  id: string;
  kind: string;
  payload: unknown;
  attempts: number;
  max_attempts: number;
  run_at: Date;
}

// RETURNING does not keep the subquery's order: run the batch oldest first, as claimed.
function byDueOrder(a: ClaimedJob, b: ClaimedJob): number {
  const d = a.run_at.getTime() - b.run_at.getTime();
  return d !== 0 ? d : Number(BigInt(a.id) - BigInt(b.id));
}

export function createWorker(opts: WorkerOptions): Worker {
  const { db, deps } = opts;
  const log = opts.log.child({ component: 'worker' });
  const id = opts.id ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const handlers: JobHandlers = { ...builtinHandlers, ...(opts.handlers ?? {}) };
  const kinds = Object.keys(handlers).filter((k) => handlers[k as JobKind]);
  const batch = deps.dbKind === 'pglite' ? 1 : Math.max(1, opts.batchSize ?? 10);
  const stuckAfterMs = opts.stuckAfterMs ?? 15 * 60_000;
  const baseMs = opts.backoffBaseMs ?? 30_000;
  const maxMs = opts.maxBackoffMs ?? 3_600_000;
  const maxJobsPerRun = opts.maxJobsPerRun ?? 500;
  const requeueSweep: Sweep = { name: 'job.requeue_stuck', everyMs: 60_000, run: async () => void (await requeueStuck()) };
  const sweeps: readonly Sweep[] = [requeueSweep, ...(opts.sweeps ?? [])];
  const lastSweepAt = new Map<string, number>();

  let running = false;
  // Set by stop(): the loop finishes the job in hand and hands the rest of its batch back.
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<unknown> = Promise.resolve();

  async function claim(now: Date): Promise<ClaimedJob[]> {
    if (kinds.length === 0) return [];
    return db
      .updateTable('job')
      .set({ status: 'running', attempts: sql<number>`attempts + 1`, locked_by: id, locked_at: now })
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('job')
          .select('id')
          .where('status', '=', 'queued')
          .where('run_at', '<=', now)
          .where('kind', 'in', kinds)
          .orderBy('run_at')
          .orderBy('id')
          .limit(batch)
          .forUpdate()
          .skipLocked(),
      )
      .returning(['id', 'kind', 'payload', 'attempts', 'max_attempts', 'run_at'])
      .execute()
      .then((jobs) => jobs.sort(byDueOrder));
  }

  async function finish(job: ClaimedJob): Promise<void> {
    await db
      .updateTable('job')
      .set({ status: 'done', done_at: deps.now(), last_error: null })
      .where('id', '=', job.id)
      .where('locked_by', '=', id)
      .where('status', '=', 'running')
      .execute();
  }

  async function fail(job: ClaimedJob, e: unknown): Promise<void> {
    const error = describeJobError(e);
    const final = e instanceof PermanentJobError || job.attempts >= job.max_attempts;
    const now = deps.now();
    await db
      .updateTable('job')
      .set(
        final
          ? { status: 'failed', last_error: error, locked_at: null, done_at: now }
          : {
              status: 'queued',
              last_error: error,
              locked_by: null,
              locked_at: null,
              run_at: new Date(now.getTime() + backoffMs(job.attempts, baseMs, maxMs)),
            },
      )
      .where('id', '=', job.id)
      .where('locked_by', '=', id)
      .where('status', '=', 'running')
      .execute();
    const fields = { jobId: job.id, kind: job.kind, attempts: job.attempts, error };
    if (final) log.error(fields, 'job failed for good');
    else log.warn(fields, 'job failed; will retry');
  }

  async function runJob(job: ClaimedJob): Promise<void> {
    const handler = handlers[job.kind as JobKind] as JobHandler | undefined;
    const info: JobInfo = { id: job.id, kind: job.kind as JobKind, attempts: job.attempts, maxAttempts: job.max_attempts };
    const ctx = makeCtx({ db, actor: { type: 'system', label: 'worker' }, requestId: `job-${job.id}`, log, deps });
    try {
      if (!handler) throw new PermanentJobError(`no handler for ${job.kind}`);
      await handler(ctx, job.payload as JobPayloads[JobKind], info);
    } catch (e) {
      await fail(job, e);
      return;
    }
    await finish(job);
    log.debug({ jobId: job.id, kind: job.kind, attempts: job.attempts }, 'job done');
  }

  async function runOnce(): Promise<number> {
    let count = 0;
    while (count < maxJobsPerRun && !stopping) {
      const jobs = await claim(deps.now());
      if (jobs.length === 0) break;
      for (const [i, job] of jobs.entries()) {
        if (stopping) {
          await release(jobs.slice(i));
          return count;
        }
        await runJob(job);
        count++;
      }
    }
    return count;
  }

  /** Hands claimed but unstarted jobs back to the queue, undoing their attempt. */
  async function release(jobs: ClaimedJob[]): Promise<void> {
    await db
      .updateTable('job')
      .set({ status: 'queued', attempts: sql<number>`attempts - 1`, locked_by: null, locked_at: null })
      .where(
        'id',
        'in',
        jobs.map((j) => j.id),
      )
      .where('locked_by', '=', id)
      .where('status', '=', 'running')
      .execute();
  }

  async function requeueStuck(): Promise<number> {
    const now = deps.now();
    const cutoff = new Date(now.getTime() - stuckAfterMs);
    const error = 'worker stopped responding (stuck in running)';
    const stuck = (eb: ExpressionBuilder<DB, 'job'>) => eb.and([eb('status', '=', 'running'), eb('locked_at', '<', cutoff)]);
    const failed = await db
      .updateTable('job')
      .set({ status: 'failed', last_error: error, locked_at: null, done_at: now })
      .where(stuck)
      .where((eb) => eb('attempts', '>=', eb.ref('max_attempts')))
      .executeTakeFirst();
    const requeued = await db
      .updateTable('job')
      .set({ status: 'queued', last_error: error, locked_by: null, locked_at: null, run_at: now })
      .where(stuck)
      .executeTakeFirst();
    const n = Number(failed.numUpdatedRows) + Number(requeued.numUpdatedRows);
    if (n > 0) log.warn({ requeued: Number(requeued.numUpdatedRows), failed: Number(failed.numUpdatedRows) }, 'stuck jobs swept');
    return n;
  }

  async function runSweeps(o: { all?: boolean } = {}): Promise<string[]> {
    const ran: string[] = [];
    for (const s of sweeps) {
      const now = deps.now().getTime();
      const last = lastSweepAt.get(s.name);
      if (!o.all && last !== undefined && now - last < s.everyMs) continue;
      lastSweepAt.set(s.name, now);
      const ctx = makeCtx({ db, actor: { type: 'system', label: 'worker' }, requestId: `sweep-${s.name}-${now.toString(36)}`, log, deps });
      try {
        await s.run(ctx);
        ran.push(s.name);
      } catch (e) {
        log.error({ sweep: s.name, error: describeJobError(e) }, 'sweep failed');
      }
    }
    return ran;
  }

  async function tick(): Promise<number> {
    await runSweeps();
    return runOnce();
  }

  function schedule(delay: number): void {
    if (!running) return;
    timer = setTimeout(() => {
      timer = undefined;
      const round = tick().then(
        (n) => schedule(n > 0 ? 0 : deps.config.WORKER_POLL_MS),
        (e: unknown) => {
          log.error({ error: describeJobError(e) }, 'worker round failed');
          schedule(deps.config.WORKER_POLL_MS);
        },
      );
      inFlight = round;
    }, delay);
  }

  return {
    id,
    runOnce,
    runSweeps,
    requeueStuck,
    start() {
      if (running) return;
      running = true;
      log.info({ workerId: id, kinds, sweeps: sweeps.map((s) => s.name) }, 'worker started');
      schedule(0);
    },
    async stop() {
      if (!running) return;
      running = false;
      stopping = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await inFlight;
      stopping = false;
      log.info({ workerId: id }, 'worker stopped');
    },
  };
}
