/**
 * Test harness: every test file gets a fresh, migrated database quickly.
 * - Embedded (default): one PGlite is migrated once and dumped to .tmp/; each file loads the dump.
 * - PostgreSQL (DATABASE_URL=postgres://…): a template database is migrated once; each file
 *   gets `create database … template …` and drops it at the end.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { loadConfig, type Config } from '../src/config.js';
import { openDatabase, type Database } from '../src/db/connection.js';
import { migrateToLatest, migrationsDir } from '../src/db/migrate.js';
import { buildApp } from '../src/app.js';
import { makeCtx, systemCtx, type Actor, type Ctx, type Deps } from '../src/platform/context.js';
import type { MailMessage, MailSender } from '../src/platform/mail.js';
import type { SmsSender } from '../src/platform/sms.js';

const root = new URL('..', import.meta.url).pathname;
export const envConfig = loadConfig(process.env);
export const usingPostgres = envConfig.DATABASE_URL.startsWith('postgres');

function migrationsKey(): string {
  const h = createHash('sha256');
  for (const f of readdirSync(migrationsDir).sort()) {
    h.update(f);
    h.update(readFileSync(join(migrationsDir, f)));
  }
  return h.digest('hex').slice(0, 12);
}

async function pgliteTemplate(): Promise<Blob> {
  const dir = join(root, '.tmp');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `pglite-template-${migrationsKey()}.tar.gz`);
  if (!existsSync(file)) {
    const d = await openDatabase('memory://');
    await migrateToLatest(d.db);
    const dump = await d.lite!.dumpDataDir('gzip');
    await d.close();
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, Buffer.from(await dump.arrayBuffer()));
    renameSync(tmp, file);
  }
  return new Blob([readFileSync(file)]);
}

function withDb(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function postgresTemplate(): Promise<string> {
  const name = `bvntd_tpl_${migrationsKey()}`;
  const admin = new pg.Client({ connectionString: envConfig.DATABASE_URL });
  await admin.connect();
  try {
    await admin.query('select pg_advisory_lock(7301002)');
    const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (exists.rowCount === 0) {
      await admin.query(`create database ${name}`);
      const d = await openDatabase(withDb(envConfig.DATABASE_URL, name));
      try {
        await migrateToLatest(d.db);
      } catch (e) {
        await d.close();
        await admin.query(`drop database ${name}`);
        throw e;
      }
      await d.close();
    }
    await admin.query('select pg_advisory_unlock(7301002)');
  } finally {
    await admin.end();
  }
  return name;
}

/** A fresh migrated database for one test file. Close it in `after()`. */
export async function testDatabase(): Promise<Database> {
  if (!usingPostgres) return openDatabase('memory://', { loadDataDir: await pgliteTemplate() });
  const template = await postgresTemplate();
  const name = `bvntd_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: envConfig.DATABASE_URL });
  await admin.connect();
  await admin.query(`create database ${name} template ${template}`);
  await admin.end();
  const d = await openDatabase(withDb(envConfig.DATABASE_URL, name), { poolMax: 4 });
  return {
    ...d,
    close: async () => {
      await d.close();
      const a = new pg.Client({ connectionString: envConfig.DATABASE_URL });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

/** Records messages instead of sending them; the SMTP path has its own test with a real server. */
export class RecordingMail implements MailSender {
  readonly sent: MailMessage[] = [];
  async send(msg: MailMessage) {
    this.sent.push(msg);
    return { messageId: `test-${this.sent.length}` };
  }
  close(): void {}
}
export class RecordingSms implements SmsSender {
  readonly sent: { to: string; text: string }[] = [];
  async send(to: string, text: string) {
    this.sent.push({ to, text });
    return { id: `sms-${this.sent.length}` };
  }
}

export const silentLog = pino({ level: 'silent' });

export interface TestEnv {
  database: Database;
  deps: Deps & { mail: RecordingMail; sms: RecordingSms };
  config: Config;
  /** Moves the test clock. */
  setNow(d: Date | string): void;
  sysCtx(): Ctx;
  ctxAs(actor: Actor): Ctx;
  close(): Promise<void>;
}

export async function testEnv(overrides: Partial<Config> = {}): Promise<TestEnv> {
  const database = await testDatabase();
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', MAIL_URL: 'file:///tmp/bvntd-test-mail' }, overrides);
  let now = new Date('2026-11-26T03:00:00Z');
  const deps = { config, mail: new RecordingMail(), sms: new RecordingSms(), now: () => new Date(now), dbKind: database.kind };
  return {
    database,
    deps,
    config,
    setNow: (d) => {
      now = new Date(d);
    },
    sysCtx: () => systemCtx(database.db, deps, silentLog, 'test'),
    ctxAs: (actor) => makeCtx({ db: database.db, actor, requestId: `t-${randomBytes(4).toString('hex')}`, log: silentLog, deps }),
    close: () => database.close(),
  };
}

export interface TestApp extends TestEnv {
  app: FastifyInstance;
}

export async function testApp(overrides: Partial<Config> = {}): Promise<TestApp> {
  const env = await testEnv(overrides);
  const app = await buildApp({ database: env.database, deps: env.deps, logger: false });
  return {
    ...env,
    app,
    close: async () => {
      await app.close();
      await env.database.close();
    },
  };
}
