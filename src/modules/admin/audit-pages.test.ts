import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { testApp, type TestApp } from '../../../test/harness.js';
import { buildUser, loginCookie, type BuiltUser } from '../../../test/factories.js';
import { recordAudit } from '../../platform/audit.js';

const html = { accept: 'text/html' };
const csrfOf = (body: string) => body.match(/name="_csrf" value="([^"]+)"/)![1]!;

describe('the audit trail pages and API', () => {
  let t: TestApp;
  let admin: BuiltUser;
  let adminCookie: string;
  let officerCookie: string;

  before(async () => {
    t = await testApp();
    admin = await buildUser(t.database.db, { role: 'admin', username: 'quantri.audit' });
    const officer = await buildUser(t.database.db, { role: 'case_officer', username: 'canbo.audit' });
    adminCookie = await loginCookie(t.app, admin.username);
    officerCookie = await loginCookie(t.app, officer.username);
    // 20/11/2026 17:30 UTC is 21/11/2026 00:30 in Hà Nội: the day boundary is in Vietnam time.
    t.setNow('2026-11-20T17:30:00Z');
    await recordAudit(t.ctxAs(officer.actor), {
      action: 'request.receive',
      entityType: 'request',
      entityId: 'YC-2026-000001',
      summary: { channel: 'web' },
    });
    t.setNow('2026-11-20T16:30:00Z');
    await recordAudit(t.ctxAs(officer.actor), { action: 'request.forward', entityType: 'request', entityId: 'YC-2026-000002' });
    t.setNow('2026-11-25T02:00:00Z');
    await recordAudit(t.ctxAs(admin.actor), {
      action: 'request.forward',
      entityType: 'request',
      entityId: 'YC-2026-000001',
      summary: { to: 'Sở Y tế' },
    });
    t.setNow('2026-11-26T03:00:00Z');
  });
  after(() => t.close());

  const api = (query: string, cookie = adminCookie) =>
    t.app.inject({ method: 'GET', url: `/api/v1/audit-events${query}`, headers: { cookie } });

  it('answers 401 to an anonymous API caller and sends an anonymous browser to the login page', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/v1/audit-events' });
    assert.equal(r.statusCode, 401);
    assert.equal(r.json().error.code, 'auth.unauthenticated');
    const page = await t.app.inject({ method: 'GET', url: '/admin/audit', headers: html });
    assert.equal(page.statusCode, 302);
    assert.equal(page.headers.location, '/login?next=%2Fadmin%2Faudit');
  });

  it('answers 403 to a case officer, on the page and in the API', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/admin/audit', headers: { ...html, cookie: officerCookie } });
    assert.equal(page.statusCode, 403);
    assert.match(page.headers['content-type'] as string, /text\/html/);
    const r = await api('', officerCookie);
    assert.equal(r.statusCode, 403);
    assert.equal(r.json().error.code, 'auth.forbidden');
    const v = await t.app.inject({ method: 'POST', url: '/api/v1/audit-events/verify', headers: { cookie: officerCookie } });
    assert.equal(v.statusCode, 403);
  });

  it('lists events newest first and filters by action, entity and actor', async () => {
    const all = await api('?pageSize=200');
    assert.equal(all.statusCode, 200);
    const seqs = all.json().data.map((e: { seq: string }) => Number(e.seq));
    assert.deepEqual(
      seqs,
      [...seqs].sort((a, b) => b - a),
    );

    const forwarded = (await api('?action=request.forward')).json();
    assert.equal(forwarded.page.total, 2);
    assert.ok(forwarded.data.every((e: { action: string }) => e.action === 'request.forward'));

    const one = (await api('?entityType=request&entityId=YC-2026-000001')).json();
    assert.deepEqual(
      one.data.map((e: { action: string }) => e.action),
      ['request.forward', 'request.receive'],
    );
    assert.deepEqual(one.data[0].summary, { to: 'Sở Y tế' });

    const byActor = (await api('?actor=CANBO.AUDIT&entityType=request')).json();
    assert.equal(byActor.page.total, 2, 'the actor filter ignores case');
    assert.ok(byActor.data.every((e: { actorLabel: string }) => e.actorLabel === 'canbo.audit'));
  });

  it('reads date ranges as whole days in Vietnam time, in dd/mm/yyyy or yyyy-mm-dd', async () => {
    const day21 = (await api('?entityType=request&from=21/11/2026&to=21/11/2026')).json();
    assert.deepEqual(
      day21.data.map((e: { entityId: string; action: string }) => `${e.action} ${e.entityId}`),
      ['request.receive YC-2026-000001'],
    );
    const day20 = (await api('?entityType=request&from=2026-11-20&to=2026-11-20')).json();
    assert.deepEqual(
      day20.data.map((e: { entityId: string }) => e.entityId),
      ['YC-2026-000002'],
    );
    const since = (await api('?entityType=request&from=25/11/2026')).json();
    assert.equal(since.page.total, 1);
  });

  it('pages the results', async () => {
    const p1 = (await api('?entityType=request&pageSize=2')).json();
    const p2 = (await api('?entityType=request&pageSize=2&page=2')).json();
    assert.deepEqual(p1.page, { page: 1, pageSize: 2, total: 3 });
    assert.equal(p1.data.length, 2);
    assert.equal(p2.data.length, 1);
    assert.ok(Number(p2.data[0].seq) < Number(p1.data[1].seq));
  });

  it('refuses impossible dates, a reversed range and unknown parameters with 400', async () => {
    for (const q of ['?from=31/02/2026', '?to=2026-13-01', '?from=hôm qua', '?from=26/11/2026&to=25/11/2026', '?sort=seq']) {
      const r = await api(q);
      assert.equal(r.statusCode, 400, q);
      assert.equal(r.json().error.code, 'request.invalid', q);
    }
  });

  it('renders the page with filters kept, rows, a pager and an empty state', async () => {
    const r = await t.app.inject({
      method: 'GET',
      url: '/admin/audit?entityType=request&entityId=YC-2026-000001',
      headers: { ...html, cookie: adminCookie },
    });
    assert.equal(r.statusCode, 200);
    assert.equal(r.headers['cache-control'], 'no-store');
    assert.match(r.body, /<h1>Nhật ký kiểm toán<\/h1>/);
    assert.match(r.body, /name="entityId" value="YC-2026-000001"/);
    assert.match(r.body, /request\.receive/);
    assert.match(r.body, /Sở Y tế/);
    assert.match(r.body, /Trang 1\/1 \(2 bản ghi\)/);
    assert.match(r.body, /21\/11\/2026 00:30/, 'times are shown in Vietnam time');

    const none = await t.app.inject({ method: 'GET', url: '/admin/audit?action=khong.co', headers: { ...html, cookie: adminCookie } });
    assert.equal(none.statusCode, 200);
    assert.match(none.body, /Không có dòng nhật ký nào khớp với bộ lọc/);
    assert.doesNotMatch(none.body, /<table>/);
  });

  it('shows an error summary for a bad date on the page', async () => {
    const r = await t.app.inject({
      method: 'GET',
      url: '/admin/audit?from=32/01/2026&to=01/01/2026',
      headers: { ...html, cookie: adminCookie },
    });
    assert.equal(r.statusCode, 400);
    assert.match(r.body, /class="error-summary"/);
    assert.match(r.body, /<a href="#from">Nhập ngày theo dạng dd\/mm\/yyyy/);
    assert.match(r.body, /name="from" value="32\/01\/2026"/);
    const reversed = await t.app.inject({
      method: 'GET',
      url: '/admin/audit?from=02/01/2026&to=01/01/2026',
      headers: { ...html, cookie: adminCookie },
    });
    assert.equal(reversed.statusCode, 400);
    assert.match(reversed.body, /<a href="#to">Ngày kết thúc phải bằng hoặc sau ngày bắt đầu/);
  });

  it('verifies the chain from the page only with the CSRF token, and names a tampered row', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/admin/audit', headers: { ...html, cookie: adminCookie } });
    const csrf = csrfOf(page.body);
    const post = (body: string) =>
      t.app.inject({
        method: 'POST',
        url: '/admin/audit/verify',
        headers: { ...html, cookie: adminCookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: body,
      });

    const noToken = await post('');
    assert.equal(noToken.statusCode, 403);

    const ok = await post(`_csrf=${encodeURIComponent(csrf)}`);
    assert.equal(ok.statusCode, 200);
    assert.match(ok.body, /Nhật ký nguyên vẹn: đã kiểm tra \d+ dòng/);
    const recorded = await t.database.db.selectFrom('audit_event').select('summary').where('action', '=', 'audit.verify').execute();
    assert.equal(recorded.length, 1, 'the check itself is audited');

    const target = await t.database.db
      .selectFrom('audit_event')
      .select('seq')
      .where('entity_id', '=', 'YC-2026-000002')
      .executeTakeFirstOrThrow();
    await sql`update audit_event set summary = '{"forged":true}'::jsonb where seq = ${target.seq}`.execute(t.database.db);
    const broken = await post(`_csrf=${encodeURIComponent(csrf)}`);
    assert.equal(broken.statusCode, 200);
    assert.match(broken.body, /Nhật ký đã bị thay đổi/);
    assert.match(broken.body, new RegExp(`Dòng số ${target.seq}: nội dung dòng đã bị sửa`));

    const json = await t.app.inject({ method: 'POST', url: '/api/v1/audit-events/verify', headers: { cookie: adminCookie } });
    assert.equal(json.statusCode, 200);
    assert.deepEqual(json.json().broken, { seq: target.seq, reason: 'hash_mismatch' });
  });
});
