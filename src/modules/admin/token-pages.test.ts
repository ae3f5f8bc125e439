import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { testApp, type TestApp } from '../../../test/harness.js';
import { buildUser, loginCookie } from '../../../test/factories.js';

const html = { accept: 'text/html' };
const csrfOf = (body: string) => body.match(/name="_csrf" value="([^"]+)"/)![1]!;

describe('the API tokens page', () => {
  let t: TestApp;
  let cookie: string;
  let csrf: string;

  before(async () => {
    t = await testApp();
    const u = await buildUser(t.database.db, { role: 'business' });
    cookie = await loginCookie(t.app, u.username);
  });
  after(() => t.close());

  const get = (url: string, c = cookie) => t.app.inject({ method: 'GET', url, headers: { ...html, cookie: c } });
  const postForm = (url: string, fields: Record<string, string>, c = cookie) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { ...html, cookie: c, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(fields).toString(),
    });

  it('sends an anonymous browser to the login page and answers 403 to a viewer', async () => {
    const anon = await t.app.inject({ method: 'GET', url: '/account/tokens', headers: html });
    assert.equal(anon.statusCode, 302);
    assert.equal(anon.headers.location, '/login?next=%2Faccount%2Ftokens');
    const viewer = await buildUser(t.database.db, { role: 'viewer' });
    const r = await get('/account/tokens', await loginCookie(t.app, viewer.username));
    assert.equal(r.statusCode, 403);
  });

  it('shows an empty list with the create form', async () => {
    const r = await get('/account/tokens');
    assert.equal(r.statusCode, 200);
    assert.match(r.body, /Bạn chưa có khóa API nào/);
    assert.match(r.body, /<form method="post" action="\/account\/tokens"/);
    csrf = csrfOf(r.body);
  });

  it('refuses the create form without the CSRF token', async () => {
    const r = await postForm('/account/tokens', { name: 'Không có CSRF' });
    assert.equal(r.statusCode, 403);
    const n = await t.database.db.selectFrom('api_token').select('id').where('name', '=', 'Không có CSRF').execute();
    assert.equal(n.length, 0);
  });

  it('shows an error summary for a blank name or an expiry not offered', async () => {
    const r = await postForm('/account/tokens', { _csrf: csrf, name: '   ', expiresInDays: '7' });
    assert.equal(r.statusCode, 400);
    assert.match(r.body, /<a href="#name">Nhập tên khóa/);
    assert.match(r.body, /<a href="#expiresInDays">Chọn thời hạn trong danh sách/);
  });

  it('shows the secret once after creating it; the list never shows it again; revoking stops it working', async () => {
    const created = await postForm('/account/tokens', { _csrf: csrf, name: 'Hệ thống CRM', expiresInDays: '90' });
    assert.equal(created.statusCode, 201);
    assert.equal(created.headers['cache-control'], 'no-store');
    const secret = created.body.match(/<code id="token-secret">([^<]+)<\/code>/)![1]!;
    assert.match(secret, /^bvntd_/);
    assert.match(created.body, /Khóa sẽ không được hiển thị lại/);
    assert.match(created.body, /Hệ thống CRM/);
    assert.match(created.body, /24\/02\/2027/, 'expires 90 days after 26/11/2026');

    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${secret}` } });
    assert.equal(me.statusCode, 200);

    const list = await get('/account/tokens');
    assert.ok(!list.body.includes(secret), 'the secret is not shown again');
    assert.match(list.body, /Hệ thống CRM/);
    assert.match(list.body, new RegExp(`<code>${secret.slice(0, 12)}…</code>`));
    assert.match(list.body, /Đang dùng/);

    const row = await t.database.db.selectFrom('api_token').select('id').where('name', '=', 'Hệ thống CRM').executeTakeFirstOrThrow();
    const noCsrf = await postForm(`/account/tokens/${row.id}/revoke`, {});
    assert.equal(noCsrf.statusCode, 403);
    const revoked = await postForm(`/account/tokens/${row.id}/revoke`, { _csrf: csrf });
    assert.equal(revoked.statusCode, 303);
    assert.equal(revoked.headers.location, '/account/tokens?done=revoked');
    const after = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${secret}` } });
    assert.equal(after.statusCode, 401);
    const shown = await get('/account/tokens?done=revoked');
    assert.match(shown.body, /Đã thu hồi khóa/);
    assert.match(shown.body, /<span class="tag err">Đã thu hồi<\/span>/);
    assert.doesNotMatch(shown.body, new RegExp(`/account/tokens/${row.id}/revoke`), 'no revoke button on a revoked token');
  });

  it('answers 404 when revoking a token that is not the caller’s', async () => {
    const other = await buildUser(t.database.db, { role: 'case_officer' });
    const otherCookie = await loginCookie(t.app, other.username);
    const otherPage = await get('/account/tokens', otherCookie);
    const mine = await t.database.db.selectFrom('api_token').select('id').where('name', '=', 'Hệ thống CRM').executeTakeFirstOrThrow();
    const r = await postForm(`/account/tokens/${mine.id}/revoke`, { _csrf: csrfOf(otherPage.body) }, otherCookie);
    assert.equal(r.statusCode, 404);
    assert.equal((await postForm(`/account/tokens/${randomUUID()}/revoke`, { _csrf: csrf })).statusCode, 404);
  });
});
