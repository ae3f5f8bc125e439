import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { envConfig, usingPostgres } from '../../test/harness.js';
import { openDatabase } from './connection.js';

describe('database connections', () => {
  it('sets work_mem on every PostgreSQL connection when asked (PG_WORK_MEM)', { skip: !usingPostgres && 'PostgreSQL only' }, async () => {
    const d = await openDatabase(envConfig.DATABASE_URL, { workMem: '24MB', poolMax: 2 });
    try {
      const [a, b] = await Promise.all([
        sql<{ work_mem: string }>`show work_mem`.execute(d.db),
        sql<{ work_mem: string }>`show work_mem`.execute(d.db),
      ]);
      assert.deepEqual([a.rows[0]!.work_mem, b.rows[0]!.work_mem], ['24MB', '24MB']);
    } finally {
      await d.close();
    }
  });

  it('ignores a malformed work_mem rather than passing it to the server', { skip: !usingPostgres && 'PostgreSQL only' }, async () => {
    const show = async (workMem?: string) => {
      const d = await openDatabase(envConfig.DATABASE_URL, { poolMax: 1, ...(workMem ? { workMem } : {}) });
      try {
        return (await sql<{ work_mem: string }>`show work_mem`.execute(d.db)).rows[0]!.work_mem;
      } finally {
        await d.close();
      }
    };
    assert.equal(await show('16MB -c statement_timeout=1'), await show());
  });
});
