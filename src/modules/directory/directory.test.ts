import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, type TestApp } from '../../../test/harness.js';
import { buildUser, loginCookie } from '../../../test/factories.js';

describe('administrative units', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp({ RATE_LIMIT_PUBLIC_PER_MIN: 1_000_000 });
  });
  after(() => t.close());

  it('lists the 34 provinces publicly, with current names and types', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/v1/provinces' });
    assert.equal(r.statusCode, 200);
    const body = r.json() as { data: { code: string; name: string; type: string }[]; page: { total: number } };
    assert.equal(body.data.length, 34);
    assert.equal(body.page.total, 34);
    assert.deepEqual(body.data[0], { code: '01', name: 'Thành phố Hà Nội', type: 'thanh_pho' });
    const bacNinh = body.data.find((p) => p.code === '24');
    assert.deepEqual(bacNinh, { code: '24', name: 'Thành phố Bắc Ninh', type: 'thanh_pho' }, 'Bắc Ninh became a city on 2026-09-20');
    assert.equal(body.data.filter((p) => p.type === 'thanh_pho').length, 9);
  });

  it('has 3,321 communes across the provinces, 99 in Lào Cai and 124 in Tuyên Quang', async () => {
    const provinces = (await t.app.inject({ method: 'GET', url: '/api/v1/provinces' })).json().data as { code: string }[];
    let total = 0;
    const counts = new Map<string, number>();
    for (const p of provinces) {
      const r = await t.app.inject({ method: 'GET', url: `/api/v1/provinces/${p.code}/communes` });
      assert.equal(r.statusCode, 200);
      const body = r.json() as { data: unknown[]; page: { total: number } };
      assert.equal(body.page.total, body.data.length);
      counts.set(p.code, body.data.length);
      total += body.data.length;
    }
    assert.equal(total, 3321);
    assert.equal(counts.get('15'), 99);
    assert.equal(counts.get('08'), 124);
  });

  it('counts 2,599 xã, 709 phường and 13 đặc khu after the 2026 amendments', async () => {
    const rows = await t.database.db.selectFrom('commune').select(['type_current', 'type']).execute();
    const by = (k: 'type' | 'type_current', v: string) => rows.filter((r) => r[k] === v).length;
    assert.deepEqual([by('type_current', 'xa'), by('type_current', 'phuong'), by('type_current', 'dac_khu')], [2599, 709, 13]);
    assert.deepEqual([by('type', 'xa'), by('type', 'phuong'), by('type', 'dac_khu')], [2621, 687, 13]);
  });

  it('stores every unit name in Unicode NFC', async () => {
    const rows = await t.database.db.selectFrom('commune').select(['name', 'name_current']).execute();
    const bad = rows.filter((r) => r.name !== r.name.normalize('NFC') || r.name_current !== r.name_current.normalize('NFC'));
    assert.deepEqual(bad, []);
    const r = await t.app.inject({ method: 'GET', url: '/api/v1/provinces/08/communes' });
    assert.ok(r.body === r.body.normalize('NFC'));
    assert.ok((r.json().data as { name: string }[]).some((c) => c.name === 'Phường Minh Xuân'));
  });

  it('shows a Bắc Ninh xã that became a phường under its current name, and its 2025 name in the detail', async () => {
    const list = (await t.app.inject({ method: 'GET', url: '/api/v1/provinces/24/communes' })).json().data as { code: string }[];
    assert.deepEqual(
      list.find((c) => c.code === '07294'),
      { code: '07294', name: 'Phường Bố Hạ', type: 'phuong' },
    );
    const r = await t.app.inject({ method: 'GET', url: '/api/v1/communes/07294' });
    assert.equal(r.statusCode, 200);
    const c = r.json();
    assert.equal(c.name, 'Phường Bố Hạ');
    assert.equal(c.name2025, 'Xã Bố Hạ');
    assert.equal(c.type2025, 'xa');
    assert.equal(c.amendedOn, '2026-09-20');
    assert.equal(c.amendedBasis, '388/NQ-UBTVQH16');
    assert.equal(c.provinceName, 'Thành phố Bắc Ninh');
  });

  it('lists the pre-reform units a commune was formed from', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/v1/communes/00004' });
    assert.equal(r.statusCode, 200);
    const sources = r.json().sources as { oldCode: string; oldName: string; note: string }[];
    assert.ok(sources.some((s) => s.oldCode === '00013' && s.oldName === 'Phường Quán Thánh' && s.note === 'Nhập toàn bộ'));
  });

  it('resolves an old commune code to the current commune, and a split one to several', async () => {
    const whole = await t.app.inject({ method: 'GET', url: '/api/v1/communes/resolve-legacy?oldCode=00013' });
    assert.equal(whole.statusCode, 200);
    assert.equal(whole.json().split, false);
    assert.deepEqual(
      whole.json().matches.map((m: { code: string; name: string }) => [m.code, m.name]),
      [['00004', 'Phường Ba Đình']],
    );
    const split = await t.app.inject({ method: 'GET', url: '/api/v1/communes/resolve-legacy?oldCode=00016' });
    assert.equal(split.json().split, true);
    const codes = split.json().matches.map((m: { code: string }) => m.code);
    assert.ok(codes.includes('00004') && codes.includes('00008'), codes.join(','));
    const unknown = await t.app.inject({ method: 'GET', url: '/api/v1/communes/resolve-legacy?oldCode=99999' });
    assert.equal(unknown.statusCode, 404);
    assert.equal(unknown.json().error.code, 'commune.legacy_not_found');
  });

  it('answers 404 province.not_found for an unknown province and 400 for a malformed code', async () => {
    const unknown = await t.app.inject({ method: 'GET', url: '/api/v1/provinces/99/communes' });
    assert.equal(unknown.statusCode, 404);
    assert.equal(unknown.json().error.code, 'province.not_found');
    const malformed = await t.app.inject({ method: 'GET', url: '/api/v1/provinces/8x/communes' });
    assert.equal(malformed.statusCode, 400);
    assert.equal(malformed.json().error.code, 'request.invalid');
    const commune = await t.app.inject({ method: 'GET', url: '/api/v1/communes/12345' });
    assert.equal(commune.statusCode, 404);
    assert.equal(commune.json().error.code, 'commune.not_found');
  });

  it('lists the units in the OpenAPI document with their response schemas', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const op = doc.paths['/api/v1/provinces/{code}/communes'].get;
    assert.ok(op.responses['200'].content['application/json'].schema);
    assert.ok(doc.paths['/api/v1/agencies'].post.requestBody);
  });

  it('shows the units to administrators only', async () => {
    const admin = await loginCookie(t.app, (await buildUser(t.database.db, { role: 'admin' })).username);
    const officer = await loginCookie(t.app, (await buildUser(t.database.db, { role: 'case_officer' })).username);
    const list = await t.app.inject({ method: 'GET', url: '/admin/units', headers: { cookie: admin, accept: 'text/html' } });
    assert.equal(list.statusCode, 200);
    assert.equal((list.body.match(/<tr>/g) ?? []).length, 35, 'a header row and 34 provinces');
    assert.match(list.body, /<th scope="col">/);
    const laoCai = await t.app.inject({ method: 'GET', url: '/admin/units/15?page=2', headers: { cookie: admin, accept: 'text/html' } });
    assert.equal(laoCai.statusCode, 200);
    assert.match(laoCai.body, /\(99\)/);
    assert.equal((laoCai.body.match(/<tr>/g) ?? []).length, 50, 'page 2 of 99 holds 49 rows and the header');
    const denied = await t.app.inject({ method: 'GET', url: '/admin/units', headers: { cookie: officer, accept: 'text/html' } });
    assert.equal(denied.statusCode, 403);
    const anonymous = await t.app.inject({ method: 'GET', url: '/admin/units', headers: { accept: 'text/html' } });
    assert.equal(anonymous.statusCode, 302);
    assert.match(String(anonymous.headers.location), /^\/login/);
  });
});
