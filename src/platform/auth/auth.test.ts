import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { testApp, type TestApp } from '../../../test/harness.js';
import { buildUser, loginCookie, TEST_PASSWORD } from '../../../test/factories.js';

describe('identity and sessions', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp({ LOGIN_MAX_FAILURES: 3, LOGIN_LOCKOUT_MINUTES: 15 });
  });
  after(() => t.close());

  it('logs in with the right password and opens a database session', async () => {
    const u = await buildUser(t.database.db, { role: 'case_officer' });
    const cookie = await loginCookie(t.app, u.username);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
    assert.equal(me.statusCode, 200);
    assert.equal(me.json().username, u.username);
    const sessions = await t.database.db.selectFrom('user_session').select('id').where('user_id', '=', u.id).execute();
    assert.equal(sessions.length, 1);
    assert.notEqual(sessions[0]!.id, cookie.match(/bvntd_sid=([^;]+)/)![1], 'the session id at rest is a hash, not the cookie value');
  });

  it('answers one generic error for a wrong password and for an unknown user', async () => {
    const u = await buildUser(t.database.db);
    const a = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: u.username, password: 'sai-mat-khau' },
    });
    const b = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'khong-ton-tai', password: 'x' } });
    assert.equal(a.statusCode, 401);
    assert.equal(b.statusCode, 401);
    assert.equal(a.json().error.code, 'auth.invalid_credentials');
    assert.equal(b.json().error.code, 'auth.invalid_credentials');
  });

  it('locks the account after repeated failures, even for the right password', async () => {
    const u = await buildUser(t.database.db);
    for (let i = 0; i < 3; i++) {
      await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: u.username, password: 'sai' } });
    }
    const r = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: u.username, password: TEST_PASSWORD } });
    assert.equal(r.statusCode, 429);
    assert.equal(r.json().error.code, 'auth.locked');
    t.setNow(new Date(t.deps.now().getTime() + 16 * 60_000));
    const later = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: u.username, password: TEST_PASSWORD },
    });
    assert.equal(later.statusCode, 200);
  });

  it('closes the session on logout', async () => {
    const u = await buildUser(t.database.db);
    const cookie = await loginCookie(t.app, u.username);
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie } });
    assert.equal(out.statusCode, 204);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
    assert.equal(me.statusCode, 401);
  });

  it('shows an API token once, stores only its hash, and refuses it after revocation', async () => {
    const u = await buildUser(t.database.db, { role: 'business' });
    const cookie = await loginCookie(t.app, u.username);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/tokens',
      headers: { cookie },
      payload: { name: 'Hệ thống CRM' },
    });
    assert.equal(created.statusCode, 201);
    const token: string = created.json().token;
    assert.match(token, /^bvntd_/);
    const stored = await t.database.db.selectFrom('api_token').selectAll().where('user_id', '=', u.id).executeTakeFirstOrThrow();
    assert.notEqual(stored.token_hash, token);
    assert.ok(!JSON.stringify(stored).includes(token));
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/auth/tokens', headers: { cookie } });
    assert.ok(!list.body.includes(token), 'the secret is never shown again');
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${token}` } });
    assert.equal(me.json().username, u.username);
    await t.app.inject({ method: 'POST', url: `/api/v1/auth/tokens/${stored.id}/revoke`, headers: { cookie } });
    const again = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${token}` } });
    assert.equal(again.statusCode, 401);
    assert.equal(again.json().error.code, 'auth.invalid_token');
  });

  it('refuses a form post without the page CSRF token', async () => {
    const r = await t.app.inject({
      method: 'POST',
      url: '/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'username=a&password=b',
    });
    assert.equal(r.statusCode, 403);
    assert.equal(r.json().error.code, 'auth.csrf_failed');
  });

  it('logs in through the login form with the CSRF token of the page', async () => {
    const u = await buildUser(t.database.db);
    const page = await t.app.inject({ method: 'GET', url: '/login' });
    assert.match(page.body, /Đăng nhập/);
    const csrf = page.body.match(/name="_csrf" value="([^"]+)"/)![1]!;
    const csrfCookie = page.cookies.find((c) => c.name === 'bvntd_csrf')!;
    const r = await t.app.inject({
      method: 'POST',
      url: '/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `bvntd_csrf=${csrfCookie.value}` },
      payload: new URLSearchParams({ username: u.username, password: TEST_PASSWORD, _csrf: csrf }).toString(),
    });
    assert.equal(r.statusCode, 303);
    assert.equal(r.headers.location, '/home');
  });

  it('shows the staff home with the user’s agency and scope', async () => {
    const row = await sql<{ id: string }>`
      insert into agency (name, kind, level, province_code)
      values ('Sở Xây dựng (thử nghiệm)', 'so-xay-dung', 'province', (select min(code) from province))
      returning id`.execute(t.database.db);
    const u = await buildUser(t.database.db, { role: 'case_officer', agencyId: row.rows[0]!.id });
    const cookie = await loginCookie(t.app, u.username);
    const home = await t.app.inject({ method: 'GET', url: '/home', headers: { cookie, accept: 'text/html' } });
    assert.equal(home.statusCode, 200);
    assert.match(home.body, /<dt>Cơ quan<\/dt><dd>Sở Xây dựng \(thử nghiệm\)<\/dd>/);
    assert.match(home.body, /Toàn tỉnh/);
  });
});
