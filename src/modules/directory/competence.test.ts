import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, type TestApp } from '../../../test/harness.js';
import { buildUser, loginCookie, type BuiltUser } from '../../../test/factories.js';
import { findCompetentKinds, listExpiringCompetenceRules, warnExpiringCompetenceRules } from './competence.js';

describe('competence table', () => {
  let t: TestApp;
  let admin: BuiltUser;
  let adminCookie: string;
  let officer: BuiltUser;
  let officerCookie: string;
  before(async () => {
    t = await testApp();
    admin = await buildUser(t.database.db, { role: 'admin' });
    adminCookie = await loginCookie(t.app, admin.username);
    officer = await buildUser(t.database.db, { role: 'case_officer' });
    officerCookie = await loginCookie(t.app, officer.username);
  });
  after(() => t.close());

  const mailJobs = () => t.database.db.selectFrom('job').select(['payload']).where('kind', '=', 'mail.send').execute();

  it('is seeded with the 2025 rules and their legal bases', async () => {
    const r = await t.app.inject({
      method: 'GET',
      url: '/api/v1/competence-rules?sector=any&violationType=negotiation-support',
      headers: { cookie: officerCookie },
    });
    assert.equal(r.statusCode, 200);
    const [rule] = r.json().data;
    assert.equal(rule.level, 'province');
    assert.equal(rule.agencyKind, 'so-cong-thuong');
    assert.equal(rule.validFrom, '2025-07-01');
    assert.equal(rule.validUntil, '2027-03-01');
    assert.match(rule.legalBasis, /146\/2025\/NĐ-CP Điều 46\(1\)/);
    const commune = await t.app.inject({
      method: 'GET',
      url: '/api/v1/competence-rules?level=commune&on=2026-11-26',
      headers: { cookie: officerCookie },
    });
    assert.ok(commune.json().data.some((x: { legalBasis: string }) => /139\/2025\/NĐ-CP Điều 18/.test(x.legalBasis)));
  });

  it('keeps the decree rows out of force from 1 March 2027', async () => {
    const before = await findCompetentKinds(t.sysCtx(), {
      sector: 'any',
      violationType: 'negotiation-support',
      on: '2027-02-28',
    });
    assert.deepEqual(
      before.map((r) => r.agencyKind),
      ['so-cong-thuong'],
    );
    const afterSunset = await findCompetentKinds(t.sysCtx(), {
      sector: 'any',
      violationType: 'negotiation-support',
      on: '2027-03-01',
    });
    // No negotiation-support row after the decree: only the rows for everything answer (focal agency, association).
    assert.ok(afterSunset.every((r) => r.violationType === 'any'));
    assert.deepEqual(afterSunset.map((r) => r.agencyKind).sort(), ['hoi-bvqlntd', 'so-cong-thuong']);
    const sector = await findCompetentKinds(t.sysCtx(), { sector: 'food', violationType: 'poor-quality', on: '2026-11-26' });
    assert.deepEqual(
      sector.map((r) => r.agencyKind),
      ['so-y-te'],
      'a sector-wide row answers any matter of that sector',
    );
  });

  it('lets staff read the table, and refuses anonymous callers and businesses', async () => {
    const anon = await t.app.inject({ method: 'GET', url: '/api/v1/competence-rules' });
    assert.equal(anon.statusCode, 401);
    const biz = await loginCookie(t.app, (await buildUser(t.database.db, { role: 'business' })).username);
    const r = await t.app.inject({ method: 'GET', url: '/api/v1/competence-rules', headers: { cookie: biz } });
    assert.equal(r.statusCode, 403);
  });

  it('lets only administrators add and change rules, with 400 codes for bad bodies', async () => {
    const body = {
      sector: 'ecommerce',
      violationType: 'price-listing',
      level: 'commune',
      agencyKind: 'ubnd-xa',
      validFrom: '2026-01-01',
      legalBasis: 'Quy chế phối hợp của UBND tỉnh (Luật 19/2023/QH15, Điều 77 khoản 1 điểm b)',
    };
    const denied = await t.app.inject({
      method: 'POST',
      url: '/api/v1/competence-rules',
      payload: body,
      headers: { cookie: officerCookie },
    });
    assert.equal(denied.statusCode, 403);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/competence-rules',
      payload: body,
      headers: { cookie: adminCookie },
    });
    assert.equal(created.statusCode, 201, created.body);
    assert.equal(created.json().validUntil, null);
    const badPeriod = await t.app.inject({
      method: 'POST',
      url: '/api/v1/competence-rules',
      payload: { ...body, validUntil: '2025-12-31' },
      headers: { cookie: adminCookie },
    });
    assert.equal(badPeriod.statusCode, 400);
    assert.equal(badPeriod.json().error.code, 'competence_rule.invalid_period');
    const badDate = await t.app.inject({
      method: 'POST',
      url: '/api/v1/competence-rules',
      payload: { ...body, validFrom: '2026-02-30' },
      headers: { cookie: adminCookie },
    });
    assert.equal(badDate.json().error.code, 'request.invalid');
    const unknown = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/competence-rules/${created.json().id}`,
      payload: { owner: 'x' },
      headers: { cookie: adminCookie },
    });
    assert.equal(unknown.statusCode, 400);
    assert.equal(unknown.json().error.code, 'request.invalid');
    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/competence-rules/${created.json().id}`,
      payload: { validUntil: '2027-12-31' },
      headers: { cookie: adminCookie },
    });
    assert.equal(patched.statusCode, 200);
    assert.equal(patched.json().validUntil, '2027-12-31');
    const audit = await t.database.db.selectFrom('audit_event').select('action').where('entity_id', '=', created.json().id).execute();
    assert.deepEqual(
      audit.map((a) => a.action),
      ['competence_rule.create', 'competence_rule.update'],
    );
  });

  it('lists nothing as expiring on 26 Nov 2026, and the decree rows from 60 days before 1 Mar 2027', async () => {
    t.setNow('2026-11-26T03:00:00Z');
    assert.deepEqual(await listExpiringCompetenceRules(t.sysCtx()), []);
    t.setNow('2026-12-31T03:00:00Z'); // 60 days before 2027-03-01
    const rows = await listExpiringCompetenceRules(t.sysCtx());
    // negotiation support, small local disputes, markets, standard-form contracts (Decrees 139, 146/2025)
    assert.ok(rows.length >= 4, `${rows.length} rows`);
    assert.ok(rows.every((r) => r.validUntil === '2027-03-01' && r.expiring && r.expiresInDays === 60));
    t.setNow('2026-12-30T03:00:00Z');
    assert.deepEqual(await listExpiringCompetenceRules(t.sysCtx()), []);
  });

  it('enqueues one mail per administrator with an email, and does not repeat it on a second call', async () => {
    const second = await buildUser(t.database.db, { role: 'admin' });
    const noEmail = await buildUser(t.database.db, { role: 'admin' });
    await t.database.db.updateTable('app_user').set({ email: null }).where('id', '=', noEmail.id).execute();
    t.setNow('2026-11-26T03:00:00Z');
    assert.deepEqual(await warnExpiringCompetenceRules(t.sysCtx()), { rules: 0, mails: 0 });
    t.setNow('2027-01-05T03:00:00Z');
    const first = await warnExpiringCompetenceRules(t.sysCtx());
    assert.equal(first.mails, 2);
    const jobs = await mailJobs();
    assert.equal(jobs.length, 2);
    const recipients = jobs.map((j) => (j.payload as { to: string }).to).sort();
    assert.deepEqual(recipients, [`${admin.username}@example.test`, `${second.username}@example.test`].sort());
    assert.match((jobs[0]!.payload as { text: string }).text, /146\/2025\/NĐ-CP/);
    assert.match((jobs[0]!.payload as { text: string }).text, /01\/03\/2027/);
    const again = await warnExpiringCompetenceRules(t.sysCtx());
    assert.deepEqual(again, { rules: 0, mails: 0 });
    assert.equal((await mailJobs()).length, 2, 'no new mail on the second call');
  });

  it('warns again about a rule whose end date was moved', async () => {
    t.setNow('2027-01-05T03:00:00Z');
    adminCookie = await loginCookie(t.app, admin.username); // sessions last 12 hours
    const [rule] = await listExpiringCompetenceRules(t.sysCtx());
    assert.ok(rule);
    const r = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/competence-rules/${rule.id}`,
      payload: { validUntil: '2027-02-15' },
      headers: { cookie: adminCookie },
    });
    assert.equal(r.statusCode, 200);
    const before = (await mailJobs()).length;
    const again = await warnExpiringCompetenceRules(t.sysCtx());
    assert.equal(again.rules, 1);
    assert.equal((await mailJobs()).length - before, again.mails);
  });

  it('shows the expiry banner on the admin page and keeps the page from other roles', async () => {
    t.setNow('2027-01-05T03:00:00Z');
    adminCookie = await loginCookie(t.app, admin.username);
    const page = await t.app.inject({ method: 'GET', url: '/admin/competence', headers: { cookie: adminCookie, accept: 'text/html' } });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /hết hiệu lực trong 60 ngày tới/);
    assert.match(page.body, /name="_csrf"/);
    assert.match(page.body, /<th scope="col">Căn cứ pháp lý<\/th>/);
    t.setNow('2026-11-26T03:00:00Z');
    adminCookie = await loginCookie(t.app, admin.username);
    officerCookie = await loginCookie(t.app, officer.username);
    const calm = await t.app.inject({ method: 'GET', url: '/admin/competence', headers: { cookie: adminCookie, accept: 'text/html' } });
    assert.doesNotMatch(calm.body, /hết hiệu lực trong 60 ngày tới/);
    const denied = await t.app.inject({ method: 'GET', url: '/admin/competence', headers: { cookie: officerCookie, accept: 'text/html' } });
    assert.equal(denied.statusCode, 403);
  });

  it('adds a rule through the form without JavaScript, and shows field errors for a bad one', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/admin/competence', headers: { cookie: adminCookie, accept: 'text/html' } });
    const csrf = page.body.match(/name="_csrf" value="([^"]+)"/)![1]!;
    const form = (fields: Record<string, string>) =>
      t.app.inject({
        method: 'POST',
        url: '/admin/competence',
        headers: { cookie: adminCookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
        payload: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
      });
    const bad = await form({
      sector: 'Bảo vệ NTD',
      violationType: 'x',
      level: 'province',
      agencyKind: 'so-cong-thuong',
      validFrom: '31/02/2026',
      legalBasis: '',
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /class="error-summary"/);
    assert.match(bad.body, /href="#sector"/);
    assert.match(bad.body, /href="#validFrom"/);
    assert.match(bad.body, /value="Bảo vệ NTD"/, 'the form keeps what was typed');
    const ok = await form({
      sector: 'e-commerce',
      violationType: 'platform-complaint',
      level: 'province',
      agencyKind: 'so-cong-thuong',
      validFrom: '01/07/2025',
      validUntil: '',
      legalBasis: 'Luật Thương mại điện tử (chưa xác nhận điều khoản)',
      note: '',
    });
    assert.equal(ok.statusCode, 303, ok.body.slice(0, 300));
    const row = await t.database.db
      .selectFrom('competence_rule')
      .select(['sector'])
      .where('violation_type', '=', 'platform-complaint')
      .executeTakeFirst();
    assert.equal(row?.sector, 'e-commerce');
  });
});
