/**
 * `npm run bench:requests [-- --only intake|search] [--duration 5] [--connections 20] [--rows 1000000]
 *  [--queries 200] [--seqscan 20]`: consumer requests (issue 4). Prints figures, never asserts.
 *
 * (a) Intake: throughput and latency of POST /api/v1/requests (unique Idempotency-Key and body per
 *     request, 16 different realistic bodies) against the bare route, on the embedded database and on
 *     PostgreSQL (own database, dropped after). The app runs in-process (buildApp), the load in one
 *     autocannon worker thread, as in bench/run.ts.
 * (b) Search: the officers' inbox (`listInbox`) over 1,000,000 synthetic cases on PostgreSQL. The
 *     cases live in the database `bvntd_bench_search`, seeded on the first run (several minutes) and
 *     reused while its row count is right; drop it to reseed. ~200 realistic queries (accent-free
 *     words, filters by status, sector, commune, scopes of different officers): p50/p95/p99, the same
 *     queries with index scans off (a sample), and EXPLAIN ANALYZE of the slowest query.
 * Only talks to 127.0.0.1. See bench/README.md.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Kysely, PostgresDialect, sql, type LogEvent } from 'kysely';
import pg from 'pg';
import { pino } from 'pino';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openDatabase, type Database, type Db } from '../src/db/connection.js';
import { migrateToLatest } from '../src/db/migrate.js';
import type { DB } from '../src/db/schema.js';
import { inTransaction, makeCtx, systemCtx, type Ctx, type Deps, type UserActor } from '../src/platform/context.js';
import { loadCorpus, sectors } from '../src/modules/classify/index.js';
import { seedDemoDirectory, todayInVietnam } from '../src/modules/directory/index.js';
import { listInbox } from '../src/modules/requests/index.js';
import { inboxQuery } from '../src/modules/requests/schema.js';
import { ensureAgencies, prng, seedSynthetic, stripDiacritics } from '../src/modules/requests/synthetic.js';

// autocannon ships no types; the part used here.
interface CannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  '2xx': number;
}
interface CannonInstance extends PromiseLike<CannonResult> {
  stop(): void;
}
interface CannonRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}
type Autocannon = (opts: {
  url: string;
  connections: number;
  duration: number;
  workers?: number;
  idReplacement?: boolean;
  requests?: CannonRequest[];
}) => CannonInstance;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const root = new URL('..', import.meta.url).pathname;
const PG_ADMIN = 'postgres://postgres@127.0.0.1:5432/postgres';
const SEARCH_DB = 'bvntd_bench_search';
const BARE = '/bench/bare';

function arg(name: string, def: number, max: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : def;
  return Number.isFinite(v) && v > 0 ? Math.min(v, max) : def;
}
function only(): 'intake' | 'search' | undefined {
  const i = process.argv.indexOf('--only');
  const v = i >= 0 ? process.argv[i + 1] : undefined;
  return v === 'intake' || v === 'search' ? v : undefined;
}
const DURATION_S = arg('duration', 5, 30);
const CONNECTIONS = Math.round(arg('connections', 20, 200));
const ROWS = Math.round(arg('rows', 1_000_000, 5_000_000));
const QUERIES = Math.round(arg('queries', 200, 2000));
/** Queries repeated with index scans off (`--seqscan 0` skips them: a sequential scan of 1M rows takes seconds). */
const SEQ_SAMPLE =
  process.argv.includes('--seqscan') && Number(process.argv[process.argv.indexOf('--seqscan') + 1]) === 0
    ? 0
    : Math.round(arg('seqscan', 12, 200));
const WARMUP_S = 1;
/** `--work-mem 32MB`: work_mem of the search connections (default: the server's setting). */
const WORK_MEM = (() => {
  const i = process.argv.indexOf('--work-mem');
  const v = i >= 0 ? process.argv[i + 1] : undefined;
  return v && /^\d+(kB|MB|GB)$/.test(v) ? v : undefined;
})();
/** The search runs at one instant, so that "overdue" means the same in every query. */
const SEARCH_NOW = new Date();

let current: CannonInstance | undefined;
let interrupted = false;
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    console.error(`\n${sig}: stopping the current run and cleaning up (again to force)…`);
    current?.stop();
  });
}

const silent = pino({ level: 'silent' });
function benchDeps(kind: 'pglite' | 'postgres', env: Record<string, string> = {}): Deps {
  return {
    config: loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', MAIL_URL: 'file:///tmp/bvntd-bench-mail', ...env }),
    mail: { send: async () => ({ messageId: 'bench' }), close: () => {} },
    sms: { send: async () => ({ id: 'bench' }) },
    now: () => new Date(),
    dbKind: kind,
  };
}

const pct = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
const ms = (x: number): string => (x >= 100 ? x.toFixed(0) : x.toFixed(1));

// ── PostgreSQL administration ───────────────────────────────────────────────

async function adminQuery(text: string, params: unknown[] = []): Promise<pg.QueryResult> {
  const c = new pg.Client({ connectionString: PG_ADMIN, connectionTimeoutMillis: 5000 });
  await c.connect();
  try {
    return await c.query(text, params);
  } finally {
    await c.end();
  }
}
async function postgresReachable(): Promise<boolean> {
  try {
    await adminQuery('select 1');
    return true;
  } catch {
    return false;
  }
}
/** Waits (up to 5 s) until the server sees no connection to `name`, then drops it (see bench/run.ts). */
async function dropWhenIdle(name: string): Promise<void> {
  for (let i = 0; i < 50; i++) {
    const r = await adminQuery('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
    if ((r.rows[0] as { n: number }).n === 0) break;
    await new Promise((res) => setTimeout(res, 100));
  }
  await adminQuery(`drop database if exists ${name} with (force)`);
}
const dbUrl = (name: string): string => PG_ADMIN.replace(/\/postgres$/, `/${name}`);

// ── (a) intake ──────────────────────────────────────────────────────────────

interface Row {
  route: string;
  rps: number;
  p50: number;
  p99: number;
  ok: number;
  bad: number;
}

/**
 * The bare routes are answered by the app's own HTTP server in front of Fastify (see bench/run.ts):
 * GET returns {"ok":true}; POST reads the whole body first, like a JSON route must.
 */
function installBareRoute(server: Server): void {
  const fastifyHandlers = server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (req.url === BARE && (req.method === 'GET' || req.method === 'POST')) {
      const done = () => {
        res.writeHead(req.method === 'POST' ? 201 : 200, { 'content-type': 'application/json; charset=utf-8' });
        res.end('{"ok":true}');
      };
      if (req.method === 'GET') done();
      else req.resume().on('end', done);
      return;
    }
    for (const h of fastifyHandlers) h.call(server, req, res);
  });
}

/** 16 realistic intake bodies over the corpus' sectors; `[<id>]` makes every request unique. */
function intakeBodies(): string[] {
  const corpus = loadCorpus();
  const r = prng(11);
  const today = todayInVietnam(new Date());
  const day = (back: number) => todayInVietnam(new Date(Date.now() - back * 86_400_000));
  const out: string[] = [];
  for (let i = 0; i < 16; i++) {
    const sector = sectors[i % sectors.length]!;
    const items = corpus.filter((c) => c.sector === sector);
    const item = items[Math.floor(r() * items.length)]!;
    out.push(
      JSON.stringify({
        kind: (['complaint', 'request', 'feedback'] as const)[i % 3],
        channel: i % 4 === 3 ? 'api' : 'web',
        consumer: {
          fullName: ['Nguyễn Thị Lan', 'Trần Văn Hùng', 'Lê Minh Anh', 'Ma Thị Hoa'][i % 4],
          phone: `09${String(10_000_000 + i * 7919).slice(0, 8)}`,
          ...(i % 2 ? { email: `nguoi${i}@example.test` } : {}),
          birthYear: 1950 + ((i * 7) % 55),
          address: { line: `Số ${i + 1}, tổ ${i + 3}`, communeCode: '02215' },
        },
        business: {
          name: `Cửa hàng Bình An ${i}`,
          address: '12 Đường Tân Trào, phường Minh Xuân',
          ...(i % 2 ? { taxCode: '5000123456' } : {}),
        },
        transaction: { date: day(3 + i), amountVnd: 150_000 + i * 95_000, productOrService: 'sản phẩm', place: { communeCode: '02215' } },
        description: `${item.text} (mã tham chiếu [<id>])`,
        desiredOutcome: 'Hoàn lại tiền',
        priorContact: { date: today, businessReply: 'refused' },
        consents: { privacyNoticeVersion: '2026-11', publishNarrative: false },
      }),
    );
  }
  return out;
}

async function cannon(url: string, requests: CannonRequest[], duration: number): Promise<CannonResult> {
  current = autocannon({ url, connections: CONNECTIONS, duration, workers: 1, idReplacement: true, requests });
  try {
    return await current;
  } finally {
    current = undefined;
  }
}

async function benchIntake(label: string, database: Database): Promise<Row[]> {
  const deps = benchDeps(database.kind, { RATE_LIMIT_PUBLIC_PER_MIN: '1000000' });
  await seedDemoDirectory(systemCtx(database.db, deps, silent, 'bench'), deps.config.PROVINCE_CODE);
  const app = await buildApp({ database, deps, logger: false });
  try {
    await app.listen({ host: '127.0.0.1', port: 0 });
    installBareRoute(app.server);
    const addr = app.server.address();
    const base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    const bodies = intakeBodies();
    const json = { 'content-type': 'application/json' };
    const post = (path: string): CannonRequest[] =>
      bodies.map((body) => ({ method: 'POST', path, headers: { ...json, 'idempotency-key': 'bench-[<id>]' }, body }));
    // The first submission trains the classifier: not part of the measure.
    const probe = await fetch(`${base}/api/v1/requests`, {
      method: 'POST',
      headers: { ...json, 'idempotency-key': `probe-${randomBytes(6).toString('hex')}` },
      body: bodies[0]!.replace('[<id>]', 'probe'),
    });
    if (probe.status !== 201)
      console.log(`  ! POST /api/v1/requests answered ${probe.status} before the run: ${(await probe.text()).slice(0, 300)}`);
    const routes: { name: string; requests: CannonRequest[] }[] = [
      { name: `GET ${BARE} (node http, no framework)`, requests: [{ method: 'GET', path: BARE }] },
      { name: `POST ${BARE} (same bodies, read and dropped)`, requests: post(BARE) },
      { name: 'POST /api/v1/requests (unique key and body)', requests: post('/api/v1/requests') },
    ];
    const before = Number(
      (
        await database.db
          .selectFrom('request')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const rows: Row[] = [];
    let created = 0;
    for (const r of routes) {
      if (interrupted) break;
      await cannon(base, r.requests, WARMUP_S);
      if (interrupted) break;
      const res = await cannon(base, r.requests, DURATION_S);
      if (r.name.startsWith('POST /api')) created = res['2xx'];
      rows.push({
        route: r.name,
        rps: res.requests.average,
        p50: res.latency.p50,
        p99: res.latency.p99,
        ok: res['2xx'],
        bad: res.non2xx + res.errors + res.timeouts,
      });
      console.log(`  ${label.padEnd(10)} ${r.name.padEnd(48)} ${Math.round(res.requests.average)} req/s`);
    }
    const after = Number(
      (
        await database.db
          .selectFrom('request')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    console.log(`  ${label.padEnd(10)} cases in the database: ${after - before} new (warm-up + measured run; measured 2xx: ${created})`);
    return rows;
  } finally {
    await app.close();
  }
}

function printIntake(label: string, rows: Row[]): void {
  const bareGet = rows[0]?.rps ?? 0;
  const barePost = rows[1]?.rps ?? 0;
  console.log(`\n${label}`);
  console.log(
    `  ${'route'.padEnd(48)} ${'req/s'.padStart(7)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'2xx'.padStart(7)} ${'non-2xx/err'.padStart(12)} ${'vs GET bare'.padStart(12)} ${'vs POST bare'.padStart(13)}`,
  );
  for (const r of rows) {
    const ratio = (b: number) => (b > 0 ? `${((100 * r.rps) / b).toFixed(1)} %` : '–');
    console.log(
      `  ${r.route.padEnd(48)} ${Math.round(r.rps).toString().padStart(7)} ${String(r.p50).padStart(7)} ${String(r.p99).padStart(7)} ${String(r.ok).padStart(7)} ${String(r.bad).padStart(12)} ${ratio(bareGet).padStart(12)} ${ratio(barePost).padStart(13)}`,
    );
  }
  const intake = rows[2];
  if (intake && rows[0] && intake.p99 > 0)
    console.log(`  p99 of intake / p99 of GET bare: ${(intake.p99 / Math.max(1, rows[0].p99)).toFixed(1)}×`);
}

async function intakePglite(): Promise<Row[]> {
  const dir = join(root, '.tmp', `bench-requests-pglite-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  try {
    const database = await openDatabase(`pglite://${join(dir, 'pgdata')}`);
    try {
      await migrateToLatest(database.db);
      return await benchIntake('pglite', database);
    } finally {
      await database.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function intakePostgres(): Promise<Row[]> {
  const name = `bvntd_bench_${process.pid}_${randomBytes(3).toString('hex')}`;
  await adminQuery(`create database ${name}`);
  try {
    const database = await openDatabase(dbUrl(name));
    try {
      await migrateToLatest(database.db);
      return await benchIntake('postgres', database);
    } finally {
      await database.close();
    }
  } finally {
    await dropWhenIdle(name);
  }
}

// ── (b) search ──────────────────────────────────────────────────────────────

/** The search database: reused when it holds exactly `ROWS` synthetic cases, else (re)seeded. */
async function searchDatabase(): Promise<{ db: Db; close(): Promise<void>; log: LogEvent[] }> {
  const exists = (await adminQuery('select 1 from pg_database where datname = $1', [SEARCH_DB])).rowCount === 1;
  if (!exists) await adminQuery(`create database ${SEARCH_DB}`);
  const log: LogEvent[] = [];
  const pool = new pg.Pool({ connectionString: dbUrl(SEARCH_DB), max: 10, ...(WORK_MEM ? { options: `-c work_mem=${WORK_MEM}` } : {}) });
  pool.on('error', () => {});
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), log: (e) => void log.push(e) });
  await migrateToLatest(db);
  const count = async () =>
    Number(
      (
        await db
          .selectFrom('request')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const n = await count();
  if (n !== ROWS) {
    console.log(`  ${SEARCH_DB}: ${n} cases, ${ROWS} wanted: reseeding (several minutes for 1,000,000)…`);
    await db.destroy();
    await dropWhenIdle(SEARCH_DB);
    await adminQuery(`create database ${SEARCH_DB}`);
    return seedSearchDatabase();
  }
  console.log(`  ${SEARCH_DB}: ${n} synthetic cases, reused (drop the database to reseed)`);
  return { db, close: () => db.destroy(), log };
}

async function seedSearchDatabase(): Promise<{ db: Db; close(): Promise<void>; log: LogEvent[] }> {
  const log: LogEvent[] = [];
  // Queries are logged for the measurements only: the seeding statements carry ~6 KB of parameters
  // per case, which kept in the log exhausted the heap at ~700,000 cases.
  let recording = false;
  const pool = new pg.Pool({ connectionString: dbUrl(SEARCH_DB), max: 10, ...(WORK_MEM ? { options: `-c work_mem=${WORK_MEM}` } : {}) });
  pool.on('error', () => {});
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), log: (e) => void (recording && log.push(e)) });
  await migrateToLatest(db);
  const ctx = systemCtx(db, benchDeps('postgres'), silent, 'bench-seed');
  await ensureAgencies(ctx);
  let last = 0;
  const r = await seedSynthetic(ctx, {
    requests: ROWS,
    seed: 1,
    rebuildIndexes: true,
    onProgress: (done, total) => {
      if (performance.now() - last > 15_000 || done === total) {
        last = performance.now();
        console.log(`    ${done}/${total}`);
      }
    },
  });
  console.log(`  seeded ${r.inserted} cases in ${(r.ms / 1000).toFixed(0)} s; vacuum…`);
  await sql`vacuum (analyze) request`.execute(db);
  recording = true;
  return { db, close: () => db.destroy(), log };
}

interface SearchCase {
  who: string;
  actor: UserActor;
  query: Record<string, string>;
}

const WORDS = [
  'hang gia',
  'sua bot',
  'bao hanh',
  'dien thoai',
  'lua dao',
  'hoa don',
  'phan bon',
  'xang',
  'bao hiem',
  'khoa hoc',
  'ngo doc',
  'hoan tien',
  'tu lanh',
  'thuc pham chuc nang',
  'tai nghe',
  'shopee',
  'giao hang',
  'chung cu',
  'thuoc tru sau',
  'nha khoa',
];

async function searchCases(db: Db): Promise<SearchCase[]> {
  const agencies = await db.selectFrom('agency').select(['id', 'kind', 'commune_code']).where('active', '=', true).execute();
  const agencyOf = (kind: string) => agencies.find((a) => a.kind === kind && a.commune_code === null)?.id ?? null;
  const communeAgency = agencies.find((a) => a.kind === 'ubnd-xa' && a.commune_code !== null);
  const user = (role: UserActor['role'], agencyId: string | null, communeCode: string | null = null): UserActor => ({
    type: 'user',
    userId: '00000000-0000-4000-8000-000000000001',
    username: `bench-${role}`,
    displayName: 'Bench',
    role,
    userKind: 'staff',
    agencyId,
    communeCode,
    businessTaxCode: null,
    via: 'session',
  });
  const who: [string, UserActor][] = [
    ['admin (all cases)', user('admin', agencyOf('so-cong-thuong'))],
    ['officer, Dept. of Industry and Trade', user('case_officer', agencyOf('so-cong-thuong'))],
    ['officer, Dept. of Health', user('case_officer', agencyOf('so-y-te'))],
    ['officer, police', user('case_officer', agencyOf('cong-an'))],
    ...(communeAgency
      ? [['commune officer', user('case_officer', communeAgency.id, communeAgency.commune_code)] as [string, UserActor]]
      : []),
  ];
  const communes = (await db.selectFrom('commune').select('code').where('province_code', '=', '08').orderBy('code').execute()).map(
    (c) => c.code,
  );
  const names = (await sql<{ n: string }>`select consumer_name as n from request tablesample system (0.1) limit 50`.execute(db)).rows.map(
    (r) => stripDiacritics(r.n).toLowerCase(),
  );
  const businesses = (
    await sql<{ n: string }>`select business_name as n from request tablesample system (0.1) limit 50`.execute(db)
  ).rows.map((r) => stripDiacritics(r.n).toLowerCase());
  const codes = (await sql<{ c: string }>`select code as c from request tablesample system (0.1) limit 20`.execute(db)).rows.map(
    (r) => r.c,
  );
  const r = prng(2026);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const out: SearchCase[] = [];
  for (let i = 0; i < QUERIES; i++) {
    const [label, actor] = who[i % who.length]!;
    const q: Record<string, string> = {};
    const x = r();
    if (x < 0.45) q.q = pick(WORDS);
    else if (x < 0.55) q.q = pick(names);
    else if (x < 0.62) q.q = pick(businesses);
    else if (x < 0.67) q.q = pick(codes);
    // filters
    if (r() < 0.25) q.sector = pick(sectors);
    if (r() < 0.2) q.commune = pick(communes);
    const s = r();
    if (s < 0.15) q.status = pick(['received', 'in_progress', 'awaiting_supplement', 'forwarded']);
    else if (s < 0.35) q.includeClosed = 'true';
    else if (s < 0.4) q.status = pick(['resolved', 'closed']);
    if (r() < 0.1) q.vulnerable = 'true';
    if (r() < 0.1) q.overdue = 'true';
    if (r() < 0.05) q.channel = pick(['hotline', 'web']);
    if (r() < 0.15) q.page = String(2 + Math.floor(r() * 4));
    out.push({ who: label, actor, query: q });
  }
  return out;
}

interface Timed {
  c: SearchCase;
  ms: number;
  total: number;
  statements: { sql: string; parameters: readonly unknown[]; ms: number }[];
}

async function runSearch(db: Db, c: SearchCase, log: LogEvent[], seqscan = false): Promise<Timed> {
  const deps = { ...benchDeps('postgres'), now: () => new Date(SEARCH_NOW) };
  const ctx: Ctx = makeCtx({ db, actor: c.actor, requestId: 'bench', log: silent, deps });
  const q = inboxQuery.parse(c.query);
  log.length = 0;
  const t0 = performance.now();
  const res = seqscan
    ? await inTransaction(ctx, async (tx) => {
        await sql`set local enable_indexscan = off`.execute(tx.db);
        await sql`set local enable_bitmapscan = off`.execute(tx.db);
        await sql`set local enable_indexonlyscan = off`.execute(tx.db);
        return listInbox(tx, q);
      })
    : await listInbox(ctx, q);
  const elapsed = performance.now() - t0;
  const statements = log
    .filter((e) => e.level === 'query' && /^select/i.test(e.query.sql))
    .map((e) => ({ sql: e.query.sql, parameters: e.query.parameters, ms: e.queryDurationMillis }));
  return { c, ms: elapsed, total: res.page.total, statements };
}

const describeCase = (c: SearchCase): string =>
  `${c.who}: ${Object.entries(c.query)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(' ')}`;

async function benchSearch(): Promise<void> {
  console.log(`\n== search: listInbox over ${ROWS.toLocaleString('en')} synthetic cases (PostgreSQL, database ${SEARCH_DB})`);
  const started = performance.now();
  const { db, close, log } = await searchDatabase();
  try {
    const size = (
      await sql<{
        t: string;
        h: string;
      }>`select pg_size_pretty(pg_total_relation_size('request')) t, pg_size_pretty(pg_relation_size('request')) h`.execute(db)
    ).rows[0]!;
    const wm = (await sql<{ work_mem: string }>`show work_mem`.execute(db)).rows[0]!.work_mem;
    console.log(
      `  table request: ${size.t} with indexes (heap ${size.h}); work_mem ${wm}${WORK_MEM ? ' (--work-mem)' : ' (server default)'}; ready in ${((performance.now() - started) / 1000).toFixed(0)} s`,
    );
    const cases = await searchCases(db);
    // Warm-up: the first 20 queries, not measured.
    for (const c of cases.slice(0, 20)) await runSearch(db, c, log);
    const timed: Timed[] = [];
    for (const c of cases) {
      if (interrupted) return;
      timed.push(await runSearch(db, c, log));
    }
    const sorted = timed.map((t) => t.ms).sort((a, b) => a - b);
    console.log(`\n  ${timed.length} inbox queries (page of 50 + total count), sequential, warm cache:`);
    console.log(
      `    p50 ${ms(pct(sorted, 50))} ms   p95 ${ms(pct(sorted, 95))} ms   p99 ${ms(pct(sorted, 99))} ms   max ${ms(sorted[sorted.length - 1] ?? NaN)} ms   (target p95 ≤ 100 ms)`,
    );
    const withQ = timed
      .filter((t) => t.c.query.q !== undefined)
      .map((t) => t.ms)
      .sort((a, b) => a - b);
    const noQ = timed
      .filter((t) => t.c.query.q === undefined)
      .map((t) => t.ms)
      .sort((a, b) => a - b);
    console.log(`    with a search word (${withQ.length}): p50 ${ms(pct(withQ, 50))} ms, p95 ${ms(pct(withQ, 95))} ms`);
    console.log(`    filters only (${noQ.length}):        p50 ${ms(pct(noQ, 50))} ms, p95 ${ms(pct(noQ, 95))} ms`);
    const slowest = [...timed].sort((a, b) => b.ms - a.ms).slice(0, 5);
    console.log('  slowest:');
    for (const t of slowest) console.log(`    ${ms(t.ms).padStart(7)} ms  ${t.total.toString().padStart(7)} matches  ${describeCase(t.c)}`);

    if (SEQ_SAMPLE > 0) await seqScanComparison(db, timed, log);
    if (interrupted) return;

    // EXPLAIN of the slowest query's statements.
    const worst = slowest[0];
    if (worst) {
      console.log(`\n  EXPLAIN (ANALYZE, BUFFERS) of the slowest: ${describeCase(worst.c)}`);
      for (const st of worst.statements) {
        const plan = await sql<{ 'QUERY PLAN': string }>`explain (analyze, buffers) ${sql.raw(inline(st.sql, st.parameters))}`.execute(db);
        console.log(`  -- ${st.sql.includes('count(') ? 'count' : 'page'} statement (${ms(st.ms)} ms in the run)`);
        for (const line of plan.rows) console.log(`    ${line['QUERY PLAN']}`);
      }
    }
  } finally {
    await close();
  }
}

/** The same queries with index scans off, on a sample (a sequential scan of 1M rows takes seconds). */
async function seqScanComparison(db: Db, timed: Timed[], log: LogEvent[]): Promise<void> {
  const step = Math.max(1, Math.floor(timed.length / Math.max(1, SEQ_SAMPLE)));
  const sample = timed.filter((_, i) => i % step === 0).slice(0, SEQ_SAMPLE);
  const ratios: number[] = [];
  const seqTimes: number[] = [];
  for (const t of sample) {
    if (interrupted) return;
    const s = await runSearch(db, t.c, log, true);
    if (s.total !== t.total) console.log(`  ! seq scan found ${s.total}, index ${t.total}: ${describeCase(t.c)}`);
    seqTimes.push(s.ms);
    ratios.push(s.ms / t.ms);
  }
  seqTimes.sort((a, b) => a - b);
  ratios.sort((a, b) => a - b);
  const idxSample = sample.map((t) => t.ms).sort((a, b) => a - b);
  console.log(`\n  sequential scan (enable_indexscan/bitmapscan/indexonlyscan off), ${sample.length} of the queries:`);
  console.log(
    `    seq scan p50 ${ms(pct(seqTimes, 50))} ms, p95 ${ms(pct(seqTimes, 95))} ms; indexed p50 ${ms(pct(idxSample, 50))} ms on the same sample`,
  );
  console.log(
    `    speed-up (seq / indexed) per query: median ${pct(ratios, 50).toFixed(1)}×, min ${ratios[0]?.toFixed(1)}×, max ${ratios[ratios.length - 1]?.toFixed(1)}×`,
  );
}

/** Inlines $n parameters as literals (for EXPLAIN of a logged statement; bench data only). */
function inline(text: string, params: readonly unknown[]): string {
  const lit = (v: unknown): string => {
    if (v === null || v === undefined) return 'null';
    if (typeof v === 'number' || typeof v === 'bigint') return String(v);
    if (typeof v === 'boolean') return v ? 'true' : 'false';
    if (v instanceof Date) return `'${v.toISOString()}'::timestamptz`;
    if (Array.isArray(v)) return `array[${v.map(lit).join(',')}]`;
    return `'${String(v).replace(/'/g, "''")}'`;
  };
  return text.replace(/\$(\d+)/g, (_, n: string) => lit(params[Number(n) - 1]));
}

async function main(): Promise<void> {
  const started = performance.now();
  const part = only();
  console.log(
    `bench:requests: ${part ?? 'intake + search'}; intake ${DURATION_S} s per route (+${WARMUP_S} s warm-up), ${CONNECTIONS} connections; 127.0.0.1 only, node ${process.version}`,
  );
  const pgUp = await postgresReachable();
  if (part !== 'search') {
    const results: [string, Row[]][] = [];
    results.push(['Intake, embedded PGlite (directory under .tmp/)', await intakePglite()]);
    if (!interrupted && pgUp) results.push(['Intake, PostgreSQL 127.0.0.1:5432 (own database, dropped after)', await intakePostgres()]);
    else if (!pgUp) console.log('\n(PostgreSQL not reachable on 127.0.0.1:5432: intake on PostgreSQL skipped)');
    for (const [label, rows] of results) printIntake(label, rows);
  }
  if (part !== 'intake' && !interrupted) {
    if (pgUp) await benchSearch();
    else console.log('\n(PostgreSQL not reachable on 127.0.0.1:5432: search skipped)');
  }
  console.log(`\nbench:requests: done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error('bench:requests failed:', e);
    process.exit(1);
  },
);
