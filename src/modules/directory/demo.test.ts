import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { silentLog, testApp, testEnv, type TestApp } from '../../../test/harness.js';
import { buildUser, loginCookie } from '../../../test/factories.js';
import { seedDemo } from '../../demo/seed.js';
import { seedDemoDirectory } from './demo.js';

describe('demo directory', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp({ DEMO_PASSWORD: 'mat-khau-demo-1' });
  });
  after(() => t.close());

  it('seeds the Tuyên Quang agencies on first start and gives every demo staff user an agency', async () => {
    const seeded = await seedDemo(t.database.db, t.deps, silentLog);
    assert.ok(seeded);
    const users = await t.database.db
      .selectFrom('app_user as u')
      .leftJoin('agency as a', 'a.id', 'u.agency_id')
      .select(['u.username', 'u.commune_code', 'a.kind', 'a.level', 'a.name', 'a.commune_code as agency_commune'])
      .execute();
    const by = new Map(users.map((u) => [u.username, u]));
    assert.equal(by.get('admin')?.kind, 'so-cong-thuong');
    assert.equal(by.get('admin')?.name, 'Sở Công Thương tỉnh Tuyên Quang');
    assert.equal(by.get('hoagiai')?.kind, 'hoi-bvqlntd');
    assert.equal(by.get('thanhtra')?.kind, 'qltt');
    assert.equal(by.get('sxd.canbo')?.kind, 'so-xay-dung');
    assert.equal(by.get('doanhnghiep')?.kind, null);
    const xa = by.get('xa.canbo');
    assert.equal(xa?.kind, 'ubnd-xa');
    assert.equal(xa?.level, 'commune');
    assert.equal(xa?.commune_code, '02215');
    assert.equal(xa?.agency_commune, '02215');
    assert.equal(xa?.name, 'Ủy ban nhân dân phường Minh Xuân');
    const names = (await t.database.db.selectFrom('agency').select('name').execute()).map((r) => r.name);
    for (const n of [
      'Chi cục Hải quan khu vực XVI',
      'Báo và Phát thanh, truyền hình Tuyên Quang',
      'Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Tuyên Quang',
    ]) {
      assert.ok(names.includes(n), n);
    }
  });

  it('does nothing on a second start', async () => {
    const before = await t.database.db.selectFrom('agency').select('id').execute();
    assert.equal(await seedDemo(t.database.db, t.deps, silentLog), undefined);
    const after = await t.database.db.selectFrom('agency').select('id').execute();
    assert.equal(after.length, before.length);
  });

  it('reuses existing agencies when the directory seeding runs again', async () => {
    const again = await seedDemoDirectory(t.sysCtx(), '08');
    assert.equal(again.created, 0);
    const sct = await again.resolveAgency('so-cong-thuong', false);
    assert.ok(sct?.id);
  });

  it('seeds generic names for another province chosen with DEMO_PROVINCE_CODE', async () => {
    const env = await testEnv({ DEMO_PROVINCE_CODE: '15', DEMO_PASSWORD: 'mat-khau-demo-1' });
    try {
      await seedDemo(env.database.db, env.deps, silentLog);
      const rows = await env.database.db.selectFrom('agency').select(['name', 'province_code', 'level', 'commune_code']).execute();
      assert.ok(rows.every((r) => r.province_code === '15'));
      assert.ok(rows.some((r) => r.name === 'Sở Công Thương tỉnh Lào Cai'));
      assert.ok(rows.some((r) => r.name === 'Hải quan Lào Cai'));
      const xa = await env.database.db
        .selectFrom('app_user')
        .innerJoin('agency', 'agency.id', 'app_user.agency_id')
        .select(['app_user.commune_code', 'agency.kind', 'agency.province_code'])
        .where('username', '=', 'xa.canbo')
        .executeTakeFirstOrThrow();
      assert.equal(xa.kind, 'ubnd-xa');
      assert.equal(xa.province_code, '15');
      assert.match(xa.commune_code ?? '', /^\d{5}$/);
    } finally {
      await env.close();
    }
  });

  it('manages agencies through the admin pages without JavaScript', async () => {
    const admin = await loginCookie(t.app, (await buildUser(t.database.db, { role: 'admin' })).username);
    const html = { cookie: admin, accept: 'text/html' };
    const list = await t.app.inject({ method: 'GET', url: '/admin/agencies?kind=so-khcn', headers: html });
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /Sở Khoa học và Công nghệ tỉnh Tuyên Quang/);
    assert.match(list.body, /<label for="f-kind">/);
    const empty = await t.app.inject({ method: 'GET', url: `/admin/agencies?q=${encodeURIComponent('Nhà máy thủy điện')}`, headers: html });
    assert.match(empty.body, /Chưa có dữ liệu/);
    const csrf = list.body.match(/name="_csrf" value="([^"]+)"/)![1]!;
    const post = (url: string, fields: Record<string, string>) =>
      t.app.inject({
        method: 'POST',
        url,
        headers: { ...html, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
      });
    const bad = await post('/admin/agencies', {
      name: 'UBND xã Đồng Văn (thiếu mã)',
      kind: 'ubnd-xa',
      level: 'commune',
      provinceCode: '08',
      communeCode: '',
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /href="#communeCode"/);
    const created = await post('/admin/agencies', {
      name: 'Trung tâm Khuyến công và Tư vấn phát triển công nghiệp',
      kind: 'other',
      level: 'province',
      provinceCode: '08',
      aliases: 'Trung tâm Khuyến công\nTTKC',
    });
    assert.equal(created.statusCode, 303);
    const id = String(created.headers.location).match(/\/admin\/agencies\/([0-9a-f-]{36})/)![1]!;
    const edit = await t.app.inject({ method: 'GET', url: `/admin/agencies/${id}?done=created`, headers: html });
    assert.match(edit.body, /<li>TTKC<\/li>/);
    const saved = await post(`/admin/agencies/${id}`, {
      name: 'Trung tâm Khuyến công tỉnh Tuyên Quang',
      kind: 'other',
      level: 'province',
      provinceCode: '08',
      phone: '0207 3822 000',
      active: 'on',
    });
    assert.equal(saved.statusCode, 303);
    const alias = await post(`/admin/agencies/${id}/aliases`, { alias: 'TT Khuyến công' });
    assert.equal(alias.statusCode, 303);
    const dup = await post(`/admin/agencies/${id}/aliases`, { alias: 'tt khuyen cong' });
    assert.equal(dup.statusCode, 409);
    const row = await t.database.db.selectFrom('agency').select(['name', 'phone', 'active']).where('id', '=', id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { name: 'Trung tâm Khuyến công tỉnh Tuyên Quang', phone: '0207 3822 000', active: true });
    const officer = await loginCookie(t.app, (await buildUser(t.database.db, { role: 'agency_manager' })).username);
    const denied = await t.app.inject({ method: 'GET', url: '/admin/agencies', headers: { cookie: officer, accept: 'text/html' } });
    assert.equal(denied.statusCode, 403);
  });
});
