/**
 * `npm run bench [-- --duration 5 --connections 20]`: HTTP throughput of the app, started
 * in-process with buildApp() on 127.0.0.1, on the embedded database and (when one answers on
 * 127.0.0.1:5432) on PostgreSQL. Prints req/s, p50/p99 latency and the ratio to a bare route.
 * Never asserts; bounded in time; talks only to 127.0.0.1. See bench/README.md.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import pg from 'pg';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openDatabase, type Database } from '../src/db/connection.js';
import { migrateToLatest } from '../src/db/migrate.js';
import type { Deps } from '../src/platform/context.js';
import { buildUser, loginCookie } from '../test/factories.js';

// autocannon ships no types; the part used here.
interface CannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}
interface CannonInstance extends PromiseLike<CannonResult> {
  stop(): void;
}
type Autocannon = (opts: {
  url: string;
  connections: number;
  duration: number;
  headers?: Record<string, string>;
  workers?: number;
}) => CannonInstance;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const root = new URL('..', import.meta.url).pathname;
const PG_ADMIN = 'postgres://postgres@127.0.0.1:5432/postgres';
const BARE = '/bench/bare';

function arg(name: string, def: number, max: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : def;
  return Number.isFinite(v) && v > 0 ? Math.min(v, max) : def;
}
const DURATION_S = arg('duration', 5, 30);
const CONNECTIONS = Math.round(arg('connections', 20, 200));
const WARMUP_S = 1;

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

interface Row {
  route: string;
  rps: number;
  p50: number;
  p99: number;
  bad: number;
}

/**
 * buildApp() finishes with app.ready(), after which Fastify refuses new routes
 * (FST_ERR_INSTANCE_ALREADY_LISTENING). So the bare route is answered by the app's own HTTP
 * server, in front of Fastify's handler: it is the floor of Node's HTTP stack plus the load
 * generator on this machine, with no framework work at all.
 */
function installBareRoute(server: Server): void {
  const fastifyHandlers = server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (req.method === 'GET' && req.url === BARE) {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end('{"ok":true}');
      return;
    }
    for (const h of fastifyHandlers) h.call(server, req, res);
  });
}

async function cannon(url: string, headers: Record<string, string>, duration: number): Promise<CannonResult> {
  // One worker thread generates the load, so it does not share the server's event loop.
  current = autocannon({ url, connections: CONNECTIONS, duration, headers, workers: 1 });
  try {
    return await current;
  } finally {
    current = undefined;
  }
}

async function benchDatabase(label: string, database: Database): Promise<Row[]> {
  const config = loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', MAIL_URL: 'file:///tmp/bvntd-bench-mail' });
  const deps: Deps = {
    config,
    mail: { send: async () => ({ messageId: 'bench' }), close: () => {} },
    sms: { send: async () => ({ id: 'bench' }) },
    now: () => new Date(),
    dbKind: database.kind,
  };
  const app = await buildApp({ database, deps, logger: false });
  try {
    const user = await buildUser(database.db, { role: 'case_officer' });
    const cookie = await loginCookie(app, user.username);
    await app.listen({ host: '127.0.0.1', port: 0 });
    installBareRoute(app.server);
    const addr = app.server.address();
    const base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    const routes: { name: string; path: string; headers: Record<string, string> }[] = [
      { name: `GET ${BARE} (node http, no framework)`, path: BARE, headers: {} },
      { name: 'GET /health', path: '/health', headers: {} },
      { name: 'GET /api/v1/auth/me (session cookie)', path: '/api/v1/auth/me', headers: { cookie } },
    ];
    const rows: Row[] = [];
    for (const r of routes) {
      if (interrupted) break;
      const probe = await fetch(base + r.path, { headers: r.headers });
      if (probe.status !== 200) console.log(`  ! ${r.path} answered ${probe.status} before the run: ${(await probe.text()).slice(0, 200)}`);
      await cannon(base + r.path, r.headers, WARMUP_S);
      if (interrupted) break;
      const res = await cannon(base + r.path, r.headers, DURATION_S);
      rows.push({
        route: r.name,
        rps: res.requests.average,
        p50: res.latency.p50,
        p99: res.latency.p99,
        bad: res.non2xx + res.errors + res.timeouts,
      });
      console.log(`  ${label.padEnd(10)} ${r.name.padEnd(44)} ${Math.round(res.requests.average)} req/s`);
    }
    return rows;
  } finally {
    await app.close();
  }
}

function printTable(label: string, rows: Row[]): void {
  const bare = rows[0]?.rps ?? 0;
  console.log(`\n${label}`);
  console.log(
    `  ${'route'.padEnd(44)} ${'req/s'.padStart(9)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'non-2xx/err'.padStart(12)} ${'vs bare'.padStart(8)}`,
  );
  for (const r of rows) {
    const ratio = bare > 0 ? `${(r.rps / bare).toFixed(2)}×` : '–';
    console.log(
      `  ${r.route.padEnd(44)} ${Math.round(r.rps).toString().padStart(9)} ${String(r.p50).padStart(7)} ${String(r.p99).padStart(7)} ${String(r.bad).padStart(12)} ${ratio.padStart(8)}`,
    );
  }
}

async function withPglite(): Promise<Row[]> {
  const dir = join(root, '.tmp', `bench-pglite-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  try {
    const database = await openDatabase(`pglite://${join(dir, 'pgdata')}`);
    try {
      await migrateToLatest(database.db);
      return await benchDatabase('pglite', database);
    } finally {
      await database.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function postgresReachable(): Promise<boolean> {
  const c = new pg.Client({ connectionString: PG_ADMIN, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => {});
  }
}

async function adminQuery(sql: string, params: unknown[] = []): Promise<pg.QueryResult> {
  const c = new pg.Client({ connectionString: PG_ADMIN, connectionTimeoutMillis: 5000 });
  await c.connect();
  try {
    return await c.query(sql, params);
  } finally {
    await c.end();
  }
}

/**
 * pg-pool's end() resolves before its sockets are closed. A `drop … with (force)` at that
 * moment kills the closing backends, and the FATAL reaches a client no longer attached to
 * the pool's error handler. So wait (up to 5 s) until the server sees no connection left.
 */
async function dropWhenIdle(name: string): Promise<void> {
  for (let i = 0; i < 50; i++) {
    const r = await adminQuery('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
    if ((r.rows[0] as { n: number }).n === 0) break;
    await new Promise((res) => setTimeout(res, 100));
  }
  await adminQuery(`drop database if exists ${name} with (force)`);
}

async function withPostgres(): Promise<Row[]> {
  const name = `bvntd_bench_${process.pid}_${randomBytes(3).toString('hex')}`;
  await adminQuery(`create database ${name}`);
  try {
    const database = await openDatabase(PG_ADMIN.replace(/\/postgres$/, `/${name}`));
    try {
      await migrateToLatest(database.db);
      return await benchDatabase('postgres', database);
    } finally {
      await database.close();
    }
  } finally {
    await dropWhenIdle(name);
  }
}

/** bench/calendar.ts belongs to the calendar work; run it when it exists, bounded in time. */
function runCalendarBench(): Promise<void> {
  const file = join(root, 'bench', 'calendar.ts');
  if (!existsSync(file)) {
    console.log('\n(bench/calendar.ts not present: skipped)');
    return Promise.resolve();
  }
  console.log('\n== bench/calendar.ts');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', file], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
    const timer = setTimeout(() => {
      console.log('  bench/calendar.ts still running after 180 s: stopped');
      child.kill('SIGTERM');
    }, 180_000);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code !== 0) console.log(`  bench/calendar.ts ended with ${code ?? signal}`);
      resolve();
    });
  });
}

async function main(): Promise<void> {
  const started = performance.now();
  console.log(
    `bench: ${DURATION_S} s per route (+${WARMUP_S} s warm-up), ${CONNECTIONS} connections, 127.0.0.1 only, node ${process.version}`,
  );
  const results: [string, Row[]][] = [];
  results.push(['Embedded PGlite (directory under .tmp/)', await withPglite()]);
  if (interrupted) return;
  if (await postgresReachable()) results.push(['PostgreSQL 127.0.0.1:5432 (own database, dropped after)', await withPostgres()]);
  else console.log('\n(PostgreSQL not reachable on 127.0.0.1:5432: skipped)');
  for (const [label, rows] of results) printTable(label, rows);
  if (!interrupted) await runCalendarBench();
  console.log(`\nbench: done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error('bench failed:', e);
    process.exit(1);
  },
);
