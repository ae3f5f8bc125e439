import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildUser, loginCookie } from '../../../test/factories.js';
import { testApp, type TestApp } from '../../../test/harness.js';
import { seedDemoDirectory } from '../directory/index.js';
import { receiveRequest } from './index.js';

const csrfOf = (body: string) => body.match(/name="_csrf" value="([^"]+)"/)![1]!;
const html = { accept: 'text/html' };

describe('officer case page: related cases (sub-cases)', () => {
  let t: TestApp;
  let cookie: string;
  let caseId: string;

  const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { ...html, cookie } });
  const submit = async (page: string, url: string, form: Record<string, string>) => {
    const q = new URLSearchParams({ _csrf: csrfOf((await get(page)).body), ...form });
    return t.app.inject({
      method: 'POST',
      url,
      payload: q.toString(),
      headers: { ...html, cookie, 'content-type': 'application/x-www-form-urlencoded' },
    });
  };

  before(async () => {
    t = await testApp({ RATE_LIMIT_PUBLIC_PER_MIN: 1_000_000 });
    await seedDemoDirectory(t.sysCtx(), '08');
    const agency = await t.database.db.selectFrom('agency').select('id').where('kind', '=', 'so-cong-thuong').executeTakeFirstOrThrow();
    const o = await buildUser(t.database.db, { role: 'case_officer', agencyId: agency.id });
    cookie = await loginCookie(t.app, o.username);
    const { receipt } = await receiveRequest(t.sysCtx(), {
      kind: 'request',
      channel: 'web',
      consumer: { fullName: 'Trần Văn Bình', phone: '0912000111', email: 'binh@example.test', birthYear: 1980 },
      business: { name: 'Cửa hàng Điện máy Phú Cường', taxCode: '5000111222', website: 'https://phucuong.example.vn' },
      transaction: {
        date: '2026-11-20',
        amountVnd: 2_500_000,
        productOrService: 'máy xay sinh tố',
        place: { online: true, url: 'https://phucuong.example.vn' },
      },
      description: 'Máy xay sinh tố mua trên trang web bị hỏng động cơ sau một tuần, cửa hàng từ chối bảo hành và không đổi máy mới.',
      consents: { privacyNoticeVersion: '2026-11' },
    });
    caseId = receipt.id;
    const r = await submit(`/requests/${caseId}`, `/requests/${caseId}/actions/status`, { to: 'accepted' });
    assert.equal(r.statusCode, 303, r.body.slice(0, 500));
  });
  after(() => t.close());

  test('the panel shows no children and the sub-case form', async () => {
    const r = await get(`/requests/${caseId}`);
    assert.equal(r.statusCode, 200);
    assert.match(r.body, /Hồ sơ liên quan/);
    assert.match(r.body, /Chưa có hồ sơ con/);
    assert.match(r.body, /action="\/requests\/[^"]+\/actions\/sub-case"/);
    assert.match(r.body, /Tranh chấp dân sự/);
  });

  test('a bad form shows the error in Vietnamese', async () => {
    const r = await submit(`/requests/${caseId}`, `/requests/${caseId}/actions/sub-case`, { note: 'thiếu loại' });
    assert.equal(r.statusCode, 400);
    assert.match(r.body, /Chọn loại hồ sơ con\./);
    assert.match(r.body, /thiếu loại/);
  });

  test('creating a sub-case through the page lists it with the roll-up', async () => {
    const r = await submit(`/requests/${caseId}`, `/requests/${caseId}/actions/sub-case`, { kind: 'civil_dispute' });
    assert.equal(r.statusCode, 303, r.body.slice(0, 1000));
    assert.equal(r.headers.location, `/requests/${caseId}?done=subCase#related`);
    const page = await get(`/requests/${caseId}?done=subCase`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Đã tạo hồ sơ con\./);
    assert.match(page.body, /Trạng thái tổng hợp/);
    assert.match(page.body, /YC-\d{4}-\d{6}<\/a><\/td><td>Tranh chấp dân sự/);
    const child = page.body.match(/href="\/requests\/([0-9a-f-]{36})">YC-/)![1]!;
    const cp = await get(`/requests/${child}`);
    assert.equal(cp.statusCode, 200);
    assert.match(cp.body, /Hồ sơ con của/);
  });
});
