/**
 * Acceptance point 1 on the real app (child process): a fresh data directory serves /health
 * within 10 s (measured and printed; fails only beyond 60 s), the login page is Vietnamese,
 * a restart on the same directory keeps the data and does not seed the demo users again, and
 * a second process on a directory in use exits non-zero with a clear message.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DEMO_PASSWORD, apiLogin, startApp, tempDir, type AppProcess } from './support.js';

const TARGET_MS = 10_000;
const FAIL_MS = 60_000;
const SEEDED_BANNER = 'Dữ liệu mẫu đã được tạo';
const created = {
  username: 'dn.khoidonglai',
  displayName: 'Công ty TNHH Thử nghiệm Khởi động lại',
  password: 'mat-khau-doanh-nghiep-9',
  role: 'business',
  businessTaxCode: '0100000099',
};

function timeoutAfter<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: no result within ${ms} ms`)), ms);
    }),
  ]);
}

describe('start-up on a fresh data directory', { timeout: 240_000 }, () => {
  const dir = tempDir('e2e-start');
  const procs: AppProcess[] = [];
  let first: AppProcess;

  before(async () => {
    first = await startApp({ dataDir: dir.path });
    procs.push(first);
  });

  after(async () => {
    for (const p of procs) await p.stop();
    dir.remove();
  });

  it(`serves /health 200 (target ≤ ${TARGET_MS / 1000} s)`, async (t) => {
    const ms = await first.waitForHealth(FAIL_MS);
    t.diagnostic(`fresh data dir: spawn → /health 200 in ${ms} ms (target ≤ ${TARGET_MS} ms${ms > TARGET_MS ? ', MISSED' : ''})`);
    assert.ok(first.output().includes(SEEDED_BANNER), `demo data seeded on first start:\n${first.output()}`);
    const ready = await fetch(`${first.baseUrl}/ready`);
    assert.equal(ready.status, 200);
    assert.deepEqual(await ready.json(), { status: 'ready', database: 'pglite' });
  });

  it('serves the login page in Vietnamese', async () => {
    const r = await fetch(`${first.baseUrl}/login`);
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type') ?? '', /^text\/html; charset=utf-8/);
    const body = await r.text();
    assert.match(body, /<html lang="vi">/);
    assert.match(body, /<h1>Đăng nhập<\/h1>/);
    assert.match(body, /Tên đăng nhập/);
  });

  it('creates a user through the API as admin', async () => {
    const cookie = await apiLogin(first.baseUrl, 'admin', DEMO_PASSWORD);
    const r = await fetch(`${first.baseUrl}/api/v1/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify(created),
    });
    assert.equal(r.status, 201, await r.clone().text());
    const u = (await r.json()) as { username: string; displayName: string };
    assert.equal(u.username, created.username);
    assert.equal(u.displayName, created.displayName);
  });

  it('refuses a second process on the same data directory', async (t) => {
    const second = await startApp({ dataDir: dir.path });
    procs.push(second);
    const code = await timeoutAfter(second.exited, 30_000, 'second process');
    t.diagnostic(`second process exited with ${code}: ${second.output().trim().split('\n')[0]}`);
    assert.notEqual(code, 0);
    assert.match(second.output(), /đang được tiến trình \d+ sử dụng/);
    // The first one is unharmed.
    assert.equal((await fetch(`${first.baseUrl}/health`)).status, 200);
  });

  it('keeps the data across a restart and does not seed again', async (t) => {
    assert.equal(await first.stop(), 0, `clean exit on SIGTERM:\n${first.output()}`);
    assert.equal(existsSync(join(dir.path, 'pgdata.lock')), false, 'the lock is released');
    // A different DEMO_PASSWORD on restart: if the demo users were seeded again it would apply.
    const again = await startApp({ dataDir: dir.path, demoPassword: 'mat-khau-demo-khac-2' });
    procs.push(again);
    const ms = await again.waitForHealth(FAIL_MS);
    t.diagnostic(`restart on the same data dir: spawn → /health 200 in ${ms} ms`);
    assert.ok(!again.output().includes(SEEDED_BANNER), `no second seeding:\n${again.output()}`);

    await apiLogin(again.baseUrl, 'admin', DEMO_PASSWORD);
    await assert.rejects(apiLogin(again.baseUrl, 'admin', 'mat-khau-demo-khac-2'), /: 401 /);

    const cookie = await apiLogin(again.baseUrl, created.username, created.password);
    const me = await fetch(`${again.baseUrl}/api/v1/auth/me`, { headers: { cookie } });
    assert.equal(me.status, 200);
    const body = (await me.json()) as { username: string; displayName: string; role: string };
    assert.equal(body.username, created.username);
    assert.equal(body.displayName, created.displayName);
    assert.equal(body.role, 'business');
    assert.equal(await again.stop(), 0);
  });
});
