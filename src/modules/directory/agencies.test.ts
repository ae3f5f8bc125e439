import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, type TestApp } from '../../../test/harness.js';
import { buildUser, loginCookie } from '../../../test/factories.js';
import { seedDemoDirectory } from './demo.js';

describe('agencies API', () => {
  let t: TestApp;
  let admin: string;
  let officer: string;
  before(async () => {
    t = await testApp({ RATE_LIMIT_PUBLIC_PER_MIN: 1_000_000 });
    await seedDemoDirectory(t.sysCtx(), '08');
    admin = await loginCookie(t.app, (await buildUser(t.database.db, { role: 'admin' })).username);
    officer = await loginCookie(t.app, (await buildUser(t.database.db, { role: 'case_officer' })).username);
  });
  after(() => t.close());

  const validBody = (o: Record<string, unknown> = {}) => ({
    name: 'Sở Công Thương tỉnh Lào Cai',
    kind: 'so-cong-thuong',
    level: 'province',
    provinceCode: '15',
    email: 'sct@laocai.gov.vn',
    aliases: ['Sở Công Thương'],
    ...o,
  });

  it('lists agencies publicly with their kind, and filters by kind and level', async () => {
    const all = await t.app.inject({ method: 'GET', url: '/api/v1/agencies?pageSize=200' });
    assert.equal(all.statusCode, 200);
    const body = all.json();
    assert.equal(body.page.total, 21, '18 provincial agencies and 3 commune People’s Committees');
    assert.ok(body.data.every((a: { kind: string }) => typeof a.kind === 'string'));
    const qltt = (await t.app.inject({ method: 'GET', url: '/api/v1/agencies?kind=qltt' })).json();
    assert.equal(qltt.page.total, 1);
    assert.equal(qltt.data[0].name, 'Chi cục Quản lý thị trường tỉnh Tuyên Quang');
    const sct = body.data.find((a: { kind: string }) => a.kind === 'so-cong-thuong');
    assert.equal(qltt.data[0].parentId, sct.id, 'QLTT sits under the Department of Industry and Trade');
    const communes = (await t.app.inject({ method: 'GET', url: '/api/v1/agencies?level=commune' })).json();
    assert.equal(communes.page.total, 3);
    assert.ok(communes.data.every((a: { communeCode: string | null }) => /^\d{5}$/.test(a.communeCode ?? '')));
    const paged = (await t.app.inject({ method: 'GET', url: '/api/v1/agencies?pageSize=5&page=2' })).json();
    assert.equal(paged.data.length, 5);
    assert.deepEqual(paged.page, { page: 2, pageSize: 5, total: 21 });
  });

  it('returns the so-khcn agency first for q=Sở KH&CN', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/v1/agencies?q=S%E1%BB%9F%20KH%26CN' });
    assert.equal(r.statusCode, 200);
    const first = r.json().data[0];
    assert.equal(first.kind, 'so-khcn');
    assert.equal(first.match.kind, 'so-khcn');
    assert.ok(first.match.confidence >= 0.9);
  });

  it('matches accent-free and abbreviated queries to the consumer association', async () => {
    const r = await t.app.inject({ method: 'GET', url: `/api/v1/agencies?q=${encodeURIComponent('hoi bvql ntd tinh')}` });
    assert.equal(r.json().data[0].kind, 'hoi-bvqlntd');
  });

  it('refuses writes to anonymous callers with 401 and to non-administrators with 403', async () => {
    const anon = await t.app.inject({ method: 'POST', url: '/api/v1/agencies', payload: validBody() });
    assert.equal(anon.statusCode, 401);
    assert.equal(anon.json().error.code, 'auth.unauthenticated');
    const staff = await t.app.inject({ method: 'POST', url: '/api/v1/agencies', payload: validBody(), headers: { cookie: officer } });
    assert.equal(staff.statusCode, 403);
    assert.equal(staff.json().error.code, 'auth.forbidden');
    const any = (await t.app.inject({ method: 'GET', url: '/api/v1/agencies?pageSize=1' })).json().data[0];
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/agencies/${any.id}`,
      payload: { phone: '0207 3822 222' },
      headers: { cookie: officer },
    });
    assert.equal(patch.statusCode, 403);
    const alias = await t.app.inject({ method: 'POST', url: `/api/v1/agencies/${any.id}/aliases`, payload: { alias: 'X' } });
    assert.equal(alias.statusCode, 401);
  });

  it('creates an agency with its aliases and writes an audit row in the same transaction', async () => {
    const r = await t.app.inject({ method: 'POST', url: '/api/v1/agencies', payload: validBody(), headers: { cookie: admin } });
    assert.equal(r.statusCode, 201, r.body);
    const a = r.json();
    assert.equal(a.kind, 'so-cong-thuong');
    assert.deepEqual(a.aliases, ['Sở Công Thương']);
    assert.equal(a.can.edit, true);
    const audit = await t.database.db.selectFrom('audit_event').selectAll().where('entity_id', '=', a.id).execute();
    assert.equal(audit.length, 1);
    assert.equal(audit[0]!.action, 'agency.create');
    assert.equal(audit[0]!.entity_type, 'agency');
    const got = await t.app.inject({ method: 'GET', url: `/api/v1/agencies/${a.id}` });
    assert.equal(got.json().can.edit, false, 'the public sees no edit right');
  });

  it('answers 400 with stable codes for bad bodies', async () => {
    const post = (payload: unknown) =>
      t.app.inject({ method: 'POST', url: '/api/v1/agencies', payload: payload as object, headers: { cookie: admin } });
    const unknownField = await post(validBody({ name: 'Sở Y tế tỉnh Lào Cai', kind: 'so-y-te', secret: 1 }));
    assert.equal(unknownField.statusCode, 400);
    assert.equal(unknownField.json().error.code, 'request.invalid');
    const badKind = await post(validBody({ kind: 'so-khong-co' }));
    assert.equal(badKind.json().error.code, 'request.invalid');
    const provinceUbnd = await post(validBody({ name: 'UBND xã Bảo Ái', kind: 'ubnd-xa' }));
    assert.equal(provinceUbnd.json().error.code, 'agency.kind_needs_commune_level');
    const noCommune = await post(validBody({ name: 'UBND xã Bảo Ái', kind: 'ubnd-xa', level: 'commune' }));
    assert.equal(noCommune.statusCode, 400);
    assert.equal(noCommune.json().error.code, 'agency.commune_required');
    const wrongProvince = await post(
      validBody({ name: 'UBND phường Minh Xuân (sai tỉnh)', kind: 'ubnd-xa', level: 'commune', communeCode: '02215' }),
    );
    assert.equal(wrongProvince.statusCode, 400);
    assert.equal(wrongProvince.json().error.code, 'agency.commune_not_in_province');
    const provinceWithCommune = await post(validBody({ name: 'Sở Tư pháp tỉnh Lào Cai', kind: 'so-tu-phap', communeCode: '04750' }));
    assert.equal(provinceWithCommune.json().error.code, 'agency.commune_not_allowed');
    const unknownProvince = await post(validBody({ name: 'Sở Tư pháp', provinceCode: '03' }));
    assert.equal(unknownProvince.json().error.code, 'agency.province_unknown');
    const badEmail = await post(validBody({ name: 'Sở Nội vụ tỉnh Lào Cai', kind: 'so-noi-vu', email: 'khong-phai-email' }));
    assert.equal(badEmail.json().error.code, 'request.invalid');
  });

  it('answers 409 agency.duplicate_name for the same name in the same province, whatever the accents', async () => {
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/agencies',
      payload: { name: 'SO Y TE TINH TUYEN QUANG', kind: 'so-y-te', level: 'province', provinceCode: '08' },
      headers: { cookie: admin },
    });
    assert.equal(r.statusCode, 409);
    assert.equal(r.json().error.code, 'agency.duplicate_name');
  });

  it('creates a commune-level People’s Committee for a commune of its province', async () => {
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/agencies',
      payload: { name: 'Ủy ban nhân dân xã Bảo Ái', kind: 'ubnd-xa', level: 'commune', provinceCode: '15', communeCode: '04750' },
      headers: { cookie: admin },
    });
    assert.equal(r.statusCode, 201, r.body);
    assert.equal(r.json().communeCode, '04750');
  });

  it('updates an agency, deactivates it, and hides it from the public list', async () => {
    const list = (await t.app.inject({ method: 'GET', url: '/api/v1/agencies?kind=so-gddt' })).json();
    const id = list.data[0].id as string;
    const r = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/agencies/${id}`,
      payload: { phone: '0207 3822 333', active: false },
      headers: { cookie: admin },
    });
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.json().phone, '0207 3822 333');
    assert.equal(r.json().active, false);
    const pub = (await t.app.inject({ method: 'GET', url: '/api/v1/agencies?kind=so-gddt' })).json();
    assert.equal(pub.page.total, 0);
    const withInactive = await t.app.inject({
      method: 'GET',
      url: '/api/v1/agencies?kind=so-gddt&includeInactive=true',
      headers: { cookie: admin },
    });
    assert.equal(withInactive.json().page.total, 1);
    const notAllowed = await t.app.inject({ method: 'GET', url: '/api/v1/agencies?includeInactive=true' });
    assert.equal(notAllowed.statusCode, 401);
    const empty = await t.app.inject({ method: 'PATCH', url: `/api/v1/agencies/${id}`, payload: {}, headers: { cookie: admin } });
    assert.equal(empty.statusCode, 400);
    assert.equal(empty.json().error.code, 'request.empty_patch');
    const audit = await t.database.db.selectFrom('audit_event').select('action').where('entity_id', '=', id).execute();
    assert.ok(audit.some((a) => a.action === 'agency.update'));
  });

  it('adds an alias once, refuses the same alias written differently with 409, and matches by it', async () => {
    const a = (await t.app.inject({ method: 'GET', url: '/api/v1/agencies?kind=cong-an' })).json().data[0];
    const add = (alias: string) =>
      t.app.inject({ method: 'POST', url: `/api/v1/agencies/${a.id}/aliases`, payload: { alias }, headers: { cookie: admin } });
    const r = await add('Phòng Cảnh sát kinh tế');
    assert.equal(r.statusCode, 201);
    assert.ok(r.json().aliases.includes('Phòng Cảnh sát kinh tế'));
    const dup = await add('PHONG CANH SAT KINH TE');
    assert.equal(dup.statusCode, 409);
    assert.equal(dup.json().error.code, 'agency.alias_duplicate');
    const found = (await t.app.inject({ method: 'GET', url: `/api/v1/agencies?q=${encodeURIComponent('phòng cảnh sát kinh tế')}` })).json();
    assert.equal(found.data[0].id, a.id);
    const missing = await t.app.inject({
      method: 'POST',
      url: '/api/v1/agencies/00000000-0000-4000-8000-000000000000/aliases',
      payload: { alias: 'x' },
      headers: { cookie: admin },
    });
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.json().error.code, 'agency.not_found');
  });
});
