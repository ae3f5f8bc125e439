import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildUser, loginCookie } from '../../../test/factories.js';
import { testApp, type TestApp } from '../../../test/harness.js';
import { seedDemoDirectory } from '../directory/index.js';
import { receiveRequest } from './index.js';

const csrfOf = (body: string) => body.match(/name="_csrf" value="([^"]+)"/)![1]!;
const html = { accept: 'text/html' };
const TAX = '0300000077';

describe('officer pages: group suggestions, a group, a business', () => {
  let t: TestApp;
  let officer: string;
  let viewer: string;
  let sctId: string;
  let n = 0;
  let groupId = '';

  const get = (url: string, cookie = officer) => t.app.inject({ method: 'GET', url, headers: { ...html, cookie } });
  const submit = async (page: string, url: string, form: [string, string][], cookie = officer) => {
    const q = new URLSearchParams([['_csrf', csrfOf((await get(page, cookie)).body)], ...form]);
    return t.app.inject({
      method: 'POST',
      url,
      payload: q.toString(),
      headers: { ...html, cookie, 'content-type': 'application/x-www-form-urlencoded' },
    });
  };
  const fileCase = async (name: string, tax?: string) => {
    n += 1;
    const { receipt } = await receiveRequest(t.sysCtx(), {
      kind: 'request',
      channel: 'web',
      consumer: { fullName: `Người tiêu dùng ${n}`, phone: `09124${String(n).padStart(5, '0')}`, birthYear: 1980 },
      business: { name, address: 'Phường Minh Xuân', ...(tax ? { taxCode: tax } : {}) },
      transaction: { date: '2026-11-20', amountVnd: 3_000_000, productOrService: 'điện thoại', place: { communeCode: '02215' } },
      description: 'Điện thoại mua mới bị lỗi màn hình sau hai ngày, cửa hàng không đổi, đề nghị hỗ trợ thương lượng với doanh nghiệp.',
      consents: { privacyNoticeVersion: '2026-11' },
    });
    await t.database.db
      .updateTable('request')
      .set({
        agency_id: sctId,
        agency_kind: 'so-cong-thuong',
        commune_code: null,
        sector: 'electronics-appliances',
        violations: ['poor-quality'],
      })
      .where('id', '=', receipt.id)
      .execute();
    return receipt;
  };

  before(async () => {
    t = await testApp({ RATE_LIMIT_PUBLIC_PER_MIN: 1_000_000, RATE_LIMIT_LOGIN_PER_MIN: 1_000_000 });
    await seedDemoDirectory(t.sysCtx(), '08');
    const db = t.database.db;
    sctId = (
      await db
        .selectFrom('agency')
        .select('id')
        .where('kind', '=', 'so-cong-thuong')
        .where('level', '=', 'province')
        .executeTakeFirstOrThrow()
    ).id;
    officer = await loginCookie(t.app, (await buildUser(db, { role: 'case_officer', agencyId: sctId })).username);
    viewer = await loginCookie(t.app, (await buildUser(db, { role: 'viewer', agencyId: sctId })).username);
    await fileCase('Công ty TNHH Điện tử Hải Âu', TAX);
    await fileCase('CTY Hải Âu', TAX);
    await fileCase('Cửa hàng khác hẳn');
  });
  after(() => t.close());

  test('the suggestions page lists the two cases of the business with a create button (not for viewers)', async () => {
    const r = await get('/requests/groups');
    assert.equal(r.statusCode, 200, r.body.slice(0, 300));
    assert.match(r.body, /Gợi ý nhóm hồ sơ/);
    assert.match(r.body, /MST 0300000077/);
    assert.match(r.body, /Lập nhóm 2 hồ sơ/);
    assert.doesNotMatch(r.body, /Cửa hàng khác hẳn/);
    const v = await get('/requests/groups', viewer);
    assert.equal(v.statusCode, 200);
    assert.doesNotMatch(v.body, /Lập nhóm/);
    assert.equal((await t.app.inject({ method: 'GET', url: '/requests/groups', headers: html })).statusCode, 302);
  });

  test('creating a group from the page, then a collective note and a refused status change', async () => {
    const page = (await get('/requests/groups')).body;
    const ids = [...page.matchAll(/name="requestIds" value="([0-9a-f-]{36})"/g)].map((m) => m[1]!);
    assert.equal(ids.length, 2);
    const bad = await submit('/requests/groups', '/requests/groups', [['requestIds', ids[0]!]]);
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Một nhóm cần ít nhất hai hồ sơ/);
    const ok = await submit(
      '/requests/groups',
      '/requests/groups',
      ids.map((id) => ['requestIds', id]),
    );
    assert.equal(ok.statusCode, 303, ok.body.slice(0, 500));
    const m = String(ok.headers.location).match(/^\/requests\/groups\/([0-9a-f-]{36})\?done=created$/);
    assert.ok(m, String(ok.headers.location));
    groupId = m[1]!;
    const g = await get(`/requests/groups/${groupId}?done=created`);
    assert.equal(g.statusCode, 200);
    assert.match(g.body, /Đã lập nhóm hồ sơ/);
    assert.match(g.body, /Hồ sơ trong nhóm/);
    assert.equal([...g.body.matchAll(/href="\/requests\/[0-9a-f-]{36}">YC-/g)].length, 2);

    const note = await submit(`/requests/groups/${groupId}`, `/requests/groups/${groupId}/note`, [['body', 'Đã liên hệ doanh nghiệp.']]);
    assert.equal(note.statusCode, 303, note.body.slice(0, 300));
    const notes = await t.database.db.selectFrom('request_note').select('body').where('body', '=', 'Đã liên hệ doanh nghiệp.').execute();
    assert.equal(notes.length, 2, 'one note on each member');

    const empty = await submit(`/requests/groups/${groupId}`, `/requests/groups/${groupId}/note`, [['body', '']]);
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Nhập nội dung ghi chú/);

    const close = await submit(`/requests/groups/${groupId}`, `/requests/groups/${groupId}/status`, [['to', 'closed']]);
    assert.equal(close.statusCode, 400, close.body.slice(0, 300));
    assert.match(close.body, /Cần chọn kết quả giải quyết trước khi đóng hồ sơ/);
    assert.equal(
      (await submit(`/requests/groups/${groupId}`, `/requests/groups/${groupId}/note`, [['body', 'x']], viewer)).statusCode,
      403,
    );
  });

  test('the business page lists its cases and the group', async () => {
    const r = await get(`/requests/businesses/${TAX}`);
    assert.equal(r.statusCode, 200, r.body.slice(0, 300));
    assert.match(r.body, /Công ty TNHH Điện tử Hải Âu/);
    assert.match(r.body, new RegExp(`href="/requests/groups/${groupId}"`));
    assert.equal((await get('/requests/businesses/123')).statusCode, 400);
  });
});
