/**
 * `npm run bench:kill [-- --requests 300 --kill-after-ms 1500 --concurrency 16 --database pglite|postgres --strict]`:
 * durability of intake (issue 4). Starts the real app (`node --import tsx src/main.ts`, as
 * test/e2e/support.ts does) on a fresh data directory, fires submissions of POST /api/v1/requests
 * concurrently, each with its own Idempotency-Key, records every acknowledged case (201 with id and
 * code), SIGKILLs the server in the middle of the load, restarts it on the same data, and checks:
 *   1. every acknowledged case exists (GET /api/v1/requests/{id} as the demo admin, same code);
 *   2. retrying an acknowledged key returns the same case (200, same id and code);
 *   3. retrying a submission that was in flight at the kill ends with exactly one case for its key
 *      (counted in the database after a clean stop); duplicates are reported, and fail with --strict.
 * Prints the counts; exits 1 on a lost or changed acknowledged case (or a duplicate with --strict),
 * 2 when the run could not be set up. `--database postgres` runs the app on a fresh database of the
 * server on 127.0.0.1:5432 (dropped after) instead of the embedded one.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase } from '../src/db/connection.js';
import { todayInVietnam } from '../src/modules/directory/index.js';
import { apiLogin, DEMO_PASSWORD, startApp, tempDir, type AppProcess } from '../test/e2e/support.js';

function arg(name: string, def: number, max: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : def;
  return Number.isFinite(v) && v > 0 ? Math.min(Math.round(v), max) : def;
}
const REQUESTS = arg('requests', 300, 100_000);
const KILL_AFTER_MS = arg('kill-after-ms', 1500, 600_000);
const CONCURRENCY = arg('concurrency', 16, 256);
const STRICT = process.argv.includes('--strict');
const DATABASE = process.argv[process.argv.indexOf('--database') + 1] === 'postgres' ? 'postgres' : 'pglite';
const PG_ADMIN = 'postgres://postgres@127.0.0.1:5432/postgres';

const run = randomBytes(4).toString('hex');
const marker = (i: number) => `kill-${run}-${i}`;
const key = (i: number) => `kill-${run}-${String(i).padStart(6, '0')}`;

function body(i: number): string {
  const day = (back: number) => todayInVietnam(new Date(Date.now() - back * 86_400_000));
  return JSON.stringify({
    kind: (['complaint', 'request', 'feedback'] as const)[i % 3],
    channel: 'web',
    consumer: { fullName: 'Nguyễn Thị Lan', phone: '0912345678', birthYear: 1980 + (i % 30), address: { communeCode: '02215' } },
    business: { name: `Cửa hàng Hoa Mai ${i % 50}`, address: '12 Đường Tân Trào, phường Minh Xuân', taxCode: '5000123456' },
    transaction: {
      date: day(2 + (i % 20)),
      amountVnd: 100_000 + i * 1_000,
      productOrService: 'kem dưỡng da',
      place: { communeCode: '02215' },
    },
    description: `Tôi mua kem dưỡng da tại cửa hàng, về dùng thì phát hiện là hàng giả, không có tem chống hàng giả (${marker(i)}).`,
    desiredOutcome: 'Hoàn lại tiền',
    consents: { privacyNoticeVersion: '2026-11' },
  });
}

interface Ack {
  id: string;
  code: string;
}

async function submit(base: string, i: number): Promise<{ status: number; ack?: Ack }> {
  const r = await fetch(`${base}/api/v1/requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': key(i) },
    body: body(i),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await r.text();
  if (r.status !== 201 && r.status !== 200) return { status: r.status };
  const b = JSON.parse(text) as Ack;
  return { status: r.status, ack: { id: b.id, code: b.code } };
}

async function pool<T>(items: readonly T[], n: number, fn: (x: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

async function pgAdmin(text: string): Promise<void> {
  const c = new pg.Client({ connectionString: PG_ADMIN, connectionTimeoutMillis: 5000 });
  await c.connect();
  try {
    await c.query(text);
  } finally {
    await c.end();
  }
}

async function main(): Promise<number> {
  const started = performance.now();
  const dir = tempDir('kill');
  const pgName = `bvntd_kill_${process.pid}_${run}`;
  const databaseUrl = DATABASE === 'postgres' ? PG_ADMIN.replace(/\/postgres$/, `/${pgName}`) : `pglite://${join(dir.path, 'pgdata')}`;
  if (DATABASE === 'postgres') await pgAdmin(`create database ${pgName}`);
  const env = { DATABASE_URL: databaseUrl, RATE_LIMIT_PUBLIC_PER_MIN: '1000000', LOG_LEVEL: 'error' };
  let app: AppProcess | undefined;
  try {
    console.log(
      `bench:kill: ${REQUESTS} submissions, ${CONCURRENCY} at a time, SIGKILL after ${KILL_AFTER_MS} ms of load; ${DATABASE} (${DATABASE === 'postgres' ? pgName : dir.path})`,
    );
    app = await startApp({ dataDir: dir.path, env });
    const bootMs = await app.waitForHealth(120_000);
    // The first submission trains the classifier; the kill timer starts after it.
    const acked = new Map<number, Ack>();
    const first = await submit(app.baseUrl, 0);
    if (!first.ack) throw new Error(`first submission answered ${first.status}:\n${app.output()}`);
    acked.set(0, first.ack);

    const attempted = new Set<number>([0]);
    const refused = new Map<number, number>(); // i → HTTP status other than 201/200
    let failed = 0; // no answer (connection reset or refused: the kill)
    let stop = false;
    const loadStart = performance.now();
    const killed = app;
    let killAt = 0;
    const timer = setTimeout(() => {
      stop = true;
      killAt = performance.now() - loadStart;
      killed.child.kill('SIGKILL');
    }, KILL_AFTER_MS);
    const items = Array.from({ length: REQUESTS - 1 }, (_, k) => k + 1);
    await pool(items, CONCURRENCY, async (i) => {
      if (stop) return;
      attempted.add(i);
      try {
        const r = await submit(killed.baseUrl, i);
        if (r.ack) acked.set(i, r.ack);
        else refused.set(i, r.status);
      } catch {
        failed++;
      }
    });
    const loadMs = performance.now() - loadStart;
    const finishedBeforeKill = !stop;
    clearTimeout(timer);
    if (finishedBeforeKill) {
      killAt = loadMs;
      killed.child.kill('SIGKILL');
    }
    const exit = await killed.exited;
    app = undefined;
    const inFlight = [...attempted].filter((i) => !acked.has(i) && !refused.has(i));
    console.log(
      `  load: ${attempted.size} sent in ${(loadMs / 1000).toFixed(1)} s, ${acked.size} acknowledged, ${refused.size} refused (${[...new Set(refused.values())].join(', ') || '–'}), ${failed} without answer; killed at ${(killAt / 1000).toFixed(1)} s (${exit})`,
    );
    if (finishedBeforeKill) console.log('  ! the load ended before the kill: raise --requests or lower --kill-after-ms to kill mid-load');

    // Restart on the same data.
    const restarted = await startApp({ dataDir: dir.path, env });
    app = restarted;
    const restartMs = await restarted.waitForHealth(120_000);
    const cookie = await apiLogin(restarted.baseUrl, 'admin', DEMO_PASSWORD);

    const lost: number[] = [];
    const changed: number[] = [];
    await pool([...acked], 8, async ([i, a]) => {
      const r = await fetch(`${restarted.baseUrl}/api/v1/requests/${a.id}`, { headers: { cookie } });
      if (r.status !== 200) {
        lost.push(i);
        return;
      }
      const b = (await r.json()) as { code: string };
      if (b.code !== a.code) lost.push(i);
    });
    await pool([...acked], 8, async ([i, a]) => {
      const r = await submit(restarted.baseUrl, i);
      if (r.status !== 200 || r.ack?.id !== a.id || r.ack.code !== a.code) changed.push(i);
    });
    // Submissions in flight at the kill: the consumer retries them with the same key.
    let retriedReplayed = 0;
    let retriedCreated = 0;
    await pool(inFlight, 8, async (i) => {
      const r = await submit(restarted.baseUrl, i);
      if (r.status === 200) retriedReplayed++;
      else if (r.status === 201) retriedCreated++;
    });
    await restarted.stop();
    app = undefined;

    // Exactly one case per key, counted in the database after a clean stop.
    const database = await openDatabase(databaseUrl);
    let cases = 0;
    let duplicates: { k: string; n: number }[] = [];
    try {
      const rows = await sql<{ k: string; n: number }>`
        select substring(description from ${`kill-${run}-[0-9]+`}) as k, count(*)::int as n
        from request where description like ${`%kill-${run}-%`} group by 1`.execute(database.db);
      cases = rows.rows.reduce((s, r) => s + r.n, 0);
      duplicates = rows.rows.filter((r) => r.n > 1);
    } finally {
      await database.close();
    }

    console.log(
      `  restart: ${(bootMs / 1000).toFixed(1)} s first boot, ${(restartMs / 1000).toFixed(1)} s after the kill; in flight at the kill: ${inFlight.length} (on retry: ${retriedReplayed} had been kept, ${retriedCreated} created now)`,
    );
    console.log(`  acknowledged: ${acked.size}; found after restart: ${acked.size - lost.length}; lost: ${lost.length}`);
    console.log(`  retry of an acknowledged key: ${acked.size - changed.length} same case, ${changed.length} different or failed`);
    console.log(
      `  cases in the database for this run: ${cases} for ${acked.size + retriedCreated} keys; keys with more than one case: ${duplicates.length}`,
    );
    if (lost.length) console.log(`  ! lost: ${lost.slice(0, 20).map(key).join(', ')}`);
    if (changed.length) console.log(`  ! retry answered another case: ${changed.slice(0, 20).map(key).join(', ')}`);
    if (duplicates.length)
      console.log(
        `  ! duplicated after a retry: ${duplicates
          .slice(0, 20)
          .map((d) => `${d.k} ×${d.n}`)
          .join(', ')}`,
      );
    const ok = lost.length === 0 && changed.length === 0 && (!STRICT || duplicates.length === 0);
    console.log(`bench:kill: ${ok ? 'no acknowledged case lost' : 'FAILED'} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return ok ? 0 : 1;
  } finally {
    if (app) await app.stop(5000).catch(() => {});
    dir.remove();
    if (DATABASE === 'postgres') await pgAdmin(`drop database if exists ${pgName} with (force)`).catch(() => {});
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error('bench:kill could not run:', e);
    process.exit(2);
  },
);
