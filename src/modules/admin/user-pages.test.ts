import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { testApp, type TestApp } from '../../../test/harness.js';
import { buildUser, loginCookie, type BuiltUser } from '../../../test/factories.js';
import { setUserActive, unlockUser } from '../../platform/auth/service.js';

const html = { accept: 'text/html' };
const csrfOf = (body: string) => body.match(/name="_csrf" value="([^"]+)"/)![1]!;

describe('the user administration pages', () => {
  let t: TestApp;
  let admin: BuiltUser;
  let adminCookie: string;
  let csrf: string;
  let agencyId: string;

  before(async () => {
    t = await testApp();
    admin = await buildUser(t.database.db, { role: 'admin', username: 'quantri.users' });
    adminCookie = await loginCookie(t.app, admin.username);
    const page = await t.app.inject({ method: 'GET', url: '/admin/users/new', headers: { ...html, cookie: adminCookie } });
    csrf = csrfOf(page.body);
  });
  after(() => t.close());

  const get = (url: string, cookie = adminCookie) => t.app.inject({ method: 'GET', url, headers: { ...html, cookie } });
  const postForm = (url: string, fields: Record<string, string>, cookie = adminCookie) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { ...html, cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(fields).toString(),
    });

  it('sends an anonymous browser to the login page', async () => {
    for (const url of ['/admin/users', '/admin/users/new', `/admin/users/${admin.id}`]) {
      const r = await t.app.inject({ method: 'GET', url, headers: html });
      assert.equal(r.statusCode, 302, url);
      assert.match(String(r.headers.location), /^\/login\?next=/);
    }
  });

  it('answers 403 to roles without the permission, and lets a case officer only read', async () => {
    const business = await buildUser(t.database.db, { role: 'business' });
    assert.equal((await get('/admin/users', await loginCookie(t.app, business.username))).statusCode, 403);
    const officer = await buildUser(t.database.db, { role: 'case_officer' });
    const officerCookie = await loginCookie(t.app, officer.username);
    const list = await get('/admin/users', officerCookie);
    assert.equal(list.statusCode, 200);
    assert.doesNotMatch(list.body, /href="\/admin\/users\/new"/, 'no create button without users.manage');
    assert.equal((await get('/admin/users/new', officerCookie)).statusCode, 403);
    const detail = await get(`/admin/users/${admin.id}`, officerCookie);
    assert.equal(detail.statusCode, 200);
    assert.doesNotMatch(detail.body, /\/deactivate"/, 'no action buttons without users.manage');
    const officerCsrf = csrfOf(list.body);
    const create = await postForm('/admin/users', { _csrf: officerCsrf, username: 'khong.duoc' }, officerCookie);
    assert.equal(create.statusCode, 403);
    const deactivate = await postForm(`/admin/users/${admin.id}/deactivate`, { _csrf: officerCsrf }, officerCookie);
    assert.equal(deactivate.statusCode, 403);
  });

  it('refuses the create form without the CSRF token', async () => {
    const r = await postForm('/admin/users', {
      username: 'khong.csrf',
      displayName: 'X',
      password: 'mat-khau-du-dai',
      role: 'viewer',
      agencyId: randomUUID(),
    });
    assert.equal(r.statusCode, 403);
    const n = await t.database.db.selectFrom('app_user').select('id').where('username', '=', 'khong.csrf').execute();
    assert.equal(n.length, 0);
  });

  it('asks for the agency id while the directory has no agencies, and offers a select once it has', async () => {
    const bare = await get('/admin/users/new');
    assert.match(bare.body, /<input type="text" id="agencyId" name="agencyId"/);
    // Straight into the directory's table: this test needs one agency, not the directory's rules.
    const row = await sql<{ id: string }>`
      insert into agency (name, kind, level, province_code)
      values ('Sở Công Thương (thử nghiệm)', 'so-cong-thuong', 'province', (select min(code) from province))
      returning id`.execute(t.database.db);
    agencyId = row.rows[0]!.id;
    const page = await get('/admin/users/new');
    assert.match(page.body, /<select id="agencyId" name="agencyId"/);
    assert.match(page.body, new RegExp(`<option value="${agencyId}">Sở Công Thương \\(thử nghiệm\\)</option>`));
  });

  it('shows a GOV.UK error summary with every problem and keeps what was typed, except the password', async () => {
    const r = await postForm('/admin/users', {
      _csrf: csrf,
      username: 'Tên Có Dấu',
      displayName: '',
      email: 'not-an-email',
      password: 'ngan',
      role: 'case_officer',
      agencyId: '',
    });
    assert.equal(r.statusCode, 400);
    assert.match(r.body, /class="error-summary"/);
    for (const field of ['username', 'displayName', 'email', 'password', 'agencyId']) {
      assert.match(r.body, new RegExp(`<a href="#${field}">`), field);
      assert.match(r.body, new RegExp(`id="${field}-error"`), field);
    }
    assert.doesNotMatch(r.body, /<a href="#role">/);
    assert.match(r.body, /value="Tên Có Dấu"/);
    assert.doesNotMatch(r.body, /value="ngan"/);
    assert.match(r.body, /<option value="case_officer" selected/);
  });

  it('creates a user, records it in the audit trail, and answers 409 for a taken username', async () => {
    const fields = {
      _csrf: csrf,
      username: 'nguyen.thi.hoa',
      displayName: 'Nguyễn Thị Hoa',
      email: 'hoa@socongthuong.gov.vn',
      phone: '',
      password: 'mat-khau-ban-dau',
      role: 'case_officer',
      agencyId,
      communeCode: '',
      businessTaxCode: '',
    };
    const r = await postForm('/admin/users', fields);
    assert.equal(r.statusCode, 303);
    const row = await t.database.db.selectFrom('app_user').selectAll().where('username', '=', 'nguyen.thi.hoa').executeTakeFirstOrThrow();
    assert.equal(r.headers.location, `/admin/users/${row.id}?done=created`);
    assert.equal(row.display_name, 'Nguyễn Thị Hoa');
    assert.equal(row.agency_id, agencyId);
    assert.equal(row.commune_code, null);
    assert.notEqual(row.password_hash, 'mat-khau-ban-dau');
    const audit = await t.database.db
      .selectFrom('audit_event')
      .selectAll()
      .where('action', '=', 'user.create')
      .where('entity_id', '=', row.id)
      .executeTakeFirstOrThrow();
    assert.equal(audit.actor_label, admin.username);
    assert.ok(!JSON.stringify(audit.summary).includes('mat-khau-ban-dau'));

    const detail = await get(r.headers.location as string);
    assert.equal(detail.statusCode, 200);
    assert.match(detail.body, /Đã tạo người dùng/);
    assert.match(detail.body, /Nguyễn Thị Hoa \(nguyen\.thi\.hoa\)/);
    assert.match(detail.body, /<dd>Sở Công Thương \(thử nghiệm\)<\/dd>/, 'the agency is shown by name');

    const again = await postForm('/admin/users', { ...fields, displayName: 'Người khác' });
    assert.equal(again.statusCode, 409);
    assert.match(again.body, /<a href="#username">Tên đăng nhập này đã được sử dụng/);
  });

  it('lists users with search, role filter and pagination', async () => {
    for (let i = 0; i < 3; i++) await buildUser(t.database.db, { role: 'mediator', username: `hoa.giai.vien${i}` });
    const search = await get('/admin/users?q=nguyễn thị hoa');
    assert.equal(search.statusCode, 200);
    assert.match(search.body, /nguyen\.thi\.hoa/);
    assert.doesNotMatch(search.body, /hoa\.giai\.vien0/);
    const folded = await get('/admin/users?q=NGUYEN THI');
    assert.match(folded.body, /nguyen\.thi\.hoa/, 'search ignores accents and case');

    const mediators = await get('/admin/users?role=mediator');
    assert.match(mediators.body, /Trang 1\/1 \(3 bản ghi\)/);
    assert.match(mediators.body, /<option value="mediator" selected/);
    assert.doesNotMatch(mediators.body, /nguyen\.thi\.hoa/);

    for (let i = 0; i < 30; i++) await buildUser(t.database.db, { role: 'viewer', username: `nguoi.xem${String(i).padStart(2, '0')}` });
    const p1 = await get('/admin/users?role=viewer');
    assert.match(p1.body, /Trang 1\/2 \(30 bản ghi\)/);
    assert.match(p1.body, /href="\/admin\/users\?role=viewer&amp;page=2"/);
    const p2 = await get('/admin/users?role=viewer&page=2');
    assert.match(p2.body, /Trang 2\/2/);

    const empty = await get('/admin/users?q=khong-ai-ca');
    assert.match(empty.body, /Không có người dùng nào khớp/);
    assert.equal((await get('/admin/users?role=vua')).statusCode, 400);
  });

  it('deactivates a user, closing their sessions, and reactivates them; both are audited', async () => {
    const u = await buildUser(t.database.db, { role: 'hotline_operator' });
    const userCookie = await loginCookie(t.app, u.username);
    const detail = await get(`/admin/users/${u.id}`);
    assert.match(detail.body, new RegExp(`action="/admin/users/${u.id}/deactivate"`));

    const off = await postForm(`/admin/users/${u.id}/deactivate`, { _csrf: csrf });
    assert.equal(off.statusCode, 303);
    assert.equal(off.headers.location, `/admin/users/${u.id}?done=deactivated`);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: userCookie } });
    assert.equal(me.statusCode, 401, 'the open session no longer works');
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: u.username, password: 'mat-khau-thu-nghiem' },
    });
    assert.equal(login.statusCode, 401);
    const shown = await get(`/admin/users/${u.id}?done=deactivated`);
    assert.match(shown.body, /Đã khóa tài khoản\. Các phiên/);
    assert.match(shown.body, new RegExp(`action="/admin/users/${u.id}/activate"`));

    const on = await postForm(`/admin/users/${u.id}/activate`, { _csrf: csrf });
    assert.equal(on.statusCode, 303);
    assert.ok(await loginCookie(t.app, u.username));
    const actions = await t.database.db
      .selectFrom('audit_event')
      .select('action')
      .where('entity_id', '=', u.id)
      .where('action', 'like', 'user.%')
      .orderBy('seq')
      .execute();
    assert.deepEqual(
      actions.map((a) => a.action),
      ['user.deactivate', 'user.activate'],
    );
  });

  it('refuses to let an admin deactivate their own account', async () => {
    const r = await postForm(`/admin/users/${admin.id}/deactivate`, { _csrf: csrf });
    assert.equal(r.statusCode, 409);
    const row = await t.database.db.selectFrom('app_user').select('active').where('id', '=', admin.id).executeTakeFirstOrThrow();
    assert.equal(row.active, true);
    const page = await get(`/admin/users/${admin.id}`);
    assert.doesNotMatch(page.body, /\/deactivate"/);
  });

  it('lifts a sign-in lock from the detail page', async () => {
    const u = await buildUser(t.database.db, { role: 'mediator' });
    const until = new Date(t.deps.now().getTime() + 10 * 60_000);
    await t.database.db.updateTable('app_user').set({ locked_until: until, failed_logins: 2 }).where('id', '=', u.id).execute();
    const detail = await get(`/admin/users/${u.id}`);
    assert.match(detail.body, /Tạm khóa đăng nhập đến/);
    assert.match(detail.body, new RegExp(`action="/admin/users/${u.id}/unlock"`));
    const r = await postForm(`/admin/users/${u.id}/unlock`, { _csrf: csrf });
    assert.equal(r.statusCode, 303);
    const row = await t.database.db
      .selectFrom('app_user')
      .select(['locked_until', 'failed_logins'])
      .where('id', '=', u.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, { locked_until: null, failed_logins: 0 });
    assert.ok(await loginCookie(t.app, u.username));
    const audit = await t.database.db
      .selectFrom('audit_event')
      .select('summary')
      .where('action', '=', 'user.unlock')
      .where('entity_id', '=', u.id)
      .executeTakeFirstOrThrow();
    assert.equal(audit.summary.wasLocked, true);
  });

  it('answers 404 for an unknown user and 400 for a malformed id', async () => {
    assert.equal((await get(`/admin/users/${randomUUID()}`)).statusCode, 404);
    assert.equal((await get('/admin/users/khong-phai-uuid')).statusCode, 400);
    assert.equal((await postForm(`/admin/users/${randomUUID()}/unlock`, { _csrf: csrf })).statusCode, 404);
  });

  it('keeps a commune-scoped admin to their own commune in the service', async () => {
    const communeAdmin = await buildUser(t.database.db, { role: 'admin', communeCode: '02200' });
    const elsewhere = await buildUser(t.database.db, { role: 'case_officer', communeCode: '02203' });
    const ctx = t.ctxAs(communeAdmin.actor);
    await assert.rejects(setUserActive(ctx, elsewhere.id, false), { code: 'user.not_found' });
    await assert.rejects(unlockUser(ctx, elsewhere.id), { code: 'user.not_found' });
    const officer = await buildUser(t.database.db, { role: 'case_officer' });
    await assert.rejects(setUserActive(t.ctxAs(officer.actor), elsewhere.id, false), { code: 'auth.forbidden' });
  });
});
