/**
 * One code path for both databases: the embedded PGlite (real Postgres 18 in WASM) and a
 * PostgreSQL server (15+). Both are reached through `pg` and Kysely's PostgresDialect, so
 * result types are identical (count → string, numeric → string, timestamptz → Date).
 *
 * DATABASE_URL = pglite://<dir> | memory:// | postgres://…
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.js';

export type Db = Kysely<DB>;

export interface Database {
  readonly db: Db;
  readonly kind: 'pglite' | 'postgres';
  /** The embedded instance, when there is one (tests dump and load it). */
  readonly lite?: PGlite;
  close(): Promise<void>;
}

export class DatabaseLockedError extends Error {
  readonly code = 'db.locked';
}

// timestamptz stays a Date; int8 (bigint) arrives as string: money and counts are parsed explicitly.
const liteExtensions = { pg_trgm, unaccent, pgcrypto };

/** Options for the embedded database; `loadDataDir` restores a dump (fast test databases). */
export interface OpenOptions {
  loadDataDir?: Blob | File;
  poolMax?: number;
  /** PostgreSQL server only: work_mem of each connection (e.g. '16MB'); the server default otherwise. */
  workMem?: string;
}

export async function openDatabase(url: string, opts: OpenOptions = {}): Promise<Database> {
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    const pool = new pg.Pool({
      connectionString: url,
      max: opts.poolMax ?? 10,
      ...(opts.workMem && /^\d+(kB|MB|GB)$/.test(opts.workMem) ? { options: `-c work_mem=${opts.workMem}` } : {}),
    });
    // An idle connection dropped by the server (restart, admin kill) must not crash the process;
    // the pool replaces it on the next query.
    pool.on('error', () => {});
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  let dir: string | undefined;
  let release = (): void => {};
  if (url.startsWith('pglite://')) {
    const path = url.slice('pglite://'.length);
    if (path !== 'memory' && path !== '') dir = resolve(path);
  } else if (url !== 'memory://') {
    throw new Error(`DATABASE_URL không được hỗ trợ: ${url.split(':')[0]}`);
  }
  if (dir) {
    mkdirSync(dirname(dir), { recursive: true });
    release = acquireLock(`${dir}.lock`);
  }
  try {
    const lite = await PGlite.create(dir ?? 'memory://', {
      extensions: liteExtensions,
      ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}),
    });
    // PGlite is one session: the shim's pool has one connection. Using `db` inside an
    // open transaction therefore deadlocks — which is also a bug on a real server.
    const pool = new pg.Pool(createPgConfig(lite) as pg.PoolConfig);
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      kind: 'pglite',
      lite,
      close: async () => {
        await db.destroy();
        await lite.close();
        release();
      },
    };
  } catch (e) {
    release();
    throw e;
  }
}

/**
 * PGlite has no cross-process lock: a second process on the same directory silently loses
 * writes. An O_EXCL lockfile holding our PID refuses a second owner; a lock left by a dead
 * process is taken over.
 */
function acquireLock(lockPath: string): () => void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      const release = (): void => {
        if (released) return;
        released = true;
        rmSync(lockPath, { force: true });
      };
      process.once('exit', release);
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(readFileSync(lockPath, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
        throw new DatabaseLockedError(
          `Thư mục dữ liệu ${lockPath.replace(/\.lock$/, '')} đang được tiến trình ${pid} sử dụng. ` +
            `Hãy dừng tiến trình đó trước (the embedded database is in use by another process).`,
        );
      }
      rmSync(lockPath, { force: true }); // stale lock from a dead process
    }
  }
  throw new DatabaseLockedError(`Không lấy được khóa ${lockPath}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
