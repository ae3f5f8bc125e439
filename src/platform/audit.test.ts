import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { RecordingMail, RecordingSms, silentLog, testEnv, type TestEnv } from '../../test/harness.js';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/connection.js';
import { migrateToLatest } from '../db/migrate.js';
import { GENESIS_HASH, recordAudit, verifyAuditChain } from './audit.js';
import { inTransaction, systemCtx, type Deps } from './context.js';

const root = new URL('../../', import.meta.url).pathname;

describe('the audit trail', () => {
  let t: TestEnv;
  before(async () => {
    t = await testEnv();
    for (let i = 1; i <= 4; i++) {
      await recordAudit(t.sysCtx(), {
        action: 'test.event',
        entityType: 'thing',
        entityId: `T-${i}`,
        summary: { i, note: 'Ghi chú số ' + i },
      });
    }
  });
  after(() => t.close());

  const rows = () => t.database.db.selectFrom('audit_event').selectAll().orderBy('seq').execute();

  it('chains each row to the previous one, and the intact chain verifies', async () => {
    const all = await rows();
    assert.ok(all.length >= 4);
    assert.equal(all[0]!.prev_hash, GENESIS_HASH);
    for (let i = 1; i < all.length; i++) {
      assert.equal(all[i]!.prev_hash, all[i - 1]!.hash);
      assert.equal(BigInt(all[i]!.seq), BigInt(all[i - 1]!.seq) + 1n);
    }
    assert.deepEqual(await verifyAuditChain(t.database.db), { checked: all.length, broken: null });
    assert.equal((await verifyAuditChain(t.database.db, 1)).checked, all.length, 'the same result when read in small batches');
  });

  it('names the row whose summary was edited by SQL', async () => {
    const row = (await rows())[1]!;
    await sql`update audit_event set summary = ${JSON.stringify({ i: 99 })}::jsonb where seq = ${row.seq}`.execute(t.database.db);
    try {
      const r = await verifyAuditChain(t.database.db);
      assert.deepEqual(r.broken, { seq: row.seq, reason: 'hash_mismatch' });
      assert.equal(r.checked, 1);
    } finally {
      await sql`update audit_event set summary = ${JSON.stringify(row.summary)}::jsonb where seq = ${row.seq}`.execute(t.database.db);
    }
    assert.equal((await verifyAuditChain(t.database.db)).broken, null, 'restoring the content restores the chain');
  });

  it('reports a deleted middle row as a gap at its seq', async () => {
    const row = (await rows())[2]!;
    await t.database.db.deleteFrom('audit_event').where('seq', '=', row.seq).execute();
    try {
      const r = await verifyAuditChain(t.database.db);
      assert.deepEqual(r.broken, { seq: row.seq, reason: 'gap' });
    } finally {
      await t.database.db
        .insertInto('audit_event')
        .values({ ...row, summary: JSON.stringify(row.summary) })
        .execute();
    }
    assert.equal((await verifyAuditChain(t.database.db)).broken, null);
  });

  it('scrubs secret-looking keys at any depth before storing the summary', async () => {
    await recordAudit(t.sysCtx(), {
      action: 'test.scrub',
      entityType: 'thing',
      summary: {
        username: 'nguyen.van.a',
        password: 'mat-khau-bi-mat',
        nested: { apiToken: 'bvntd_secret', otpCode: '123456' },
        list: [{ passwordHash: '$argon2id$abc' }, { clientSecret: 's3cr3t' }],
      },
    });
    const row = await t.database.db.selectFrom('audit_event').selectAll().where('action', '=', 'test.scrub').executeTakeFirstOrThrow();
    const stored = JSON.stringify(row.summary);
    for (const s of ['mat-khau-bi-mat', 'bvntd_secret', '123456', '$argon2id$abc', 's3cr3t'])
      assert.ok(!stored.includes(s), `${s} was scrubbed`);
    assert.deepEqual(row.summary, {
      username: 'nguyen.van.a',
      password: '[ẩn]',
      nested: { apiToken: '[ẩn]', otpCode: '[ẩn]' },
      list: [{ passwordHash: '[ẩn]' }, { clientSecret: '[ẩn]' }],
    });
    assert.equal((await verifyAuditChain(t.database.db)).broken, null);
  });

  it('writes nothing when the transaction that recorded the row rolls back', async () => {
    const before = (await rows()).length;
    await assert.rejects(
      inTransaction(t.sysCtx(), async (tx) => {
        await recordAudit(tx, { action: 'test.rolled_back', entityType: 'thing', entityId: 'R-1' });
        throw new Error('the change failed');
      }),
      /the change failed/,
    );
    const n = await t.database.db.selectFrom('audit_event').select('seq').where('action', '=', 'test.rolled_back').execute();
    assert.equal(n.length, 0);
    assert.equal((await rows()).length, before);
    await recordAudit(t.sysCtx(), { action: 'test.after_rollback', entityType: 'thing' });
    assert.equal((await verifyAuditChain(t.database.db)).broken, null, 'the next row continues the chain without a gap');
  });
});

function runVerifyScript(databaseUrl: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    // Only what the script needs: no inherited DATABASE_URL can point it elsewhere.
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/audit-verify.ts'], {
      cwd: root,
      env: { DATABASE_URL: databaseUrl, TZ: 'UTC' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm run audit:verify', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bvntd-audit-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('exits 0 on an intact chain and 1 naming the seq of a tampered row', async () => {
    const url = `pglite://${join(dir, 'pgdata')}`;
    const deps: Deps = {
      config: loadConfig({ NODE_ENV: 'test', DATABASE_URL: url }),
      mail: new RecordingMail(),
      sms: new RecordingSms(),
      now: () => new Date(),
      dbKind: 'pglite',
    };

    let database = await openDatabase(url);
    try {
      await migrateToLatest(database.db);
      const ctx = systemCtx(database.db, deps, silentLog, 'audit-test');
      for (let i = 1; i <= 3; i++) await recordAudit(ctx, { action: 'test.event', entityType: 'thing', entityId: `S-${i}` });
    } finally {
      await database.close();
    }

    const ok = await runVerifyScript(url);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /3 dòng/);

    database = await openDatabase(url);
    try {
      await sql`update audit_event set entity_id = 'S-2-edited' where seq = 2`.execute(database.db);
    } finally {
      await database.close();
    }

    const bad = await runVerifyScript(url);
    assert.equal(bad.code, 1, bad.stderr);
    assert.match(bad.stderr, /seq=2\b/);
  });
});
