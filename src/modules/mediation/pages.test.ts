import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildUser, loginCookie } from '../../../test/factories.js';
import { testApp, type TestApp } from '../../../test/harness.js';
import { seedDemoDirectory } from '../directory/index.js';
import { changeStatus, receiveRequest, requestInput } from '../requests/index.js';
import { seedDemoMediation } from './index.js';

const csrfOf = (body: string) => body.match(/name="_csrf" value="([^"]+)"/)![1]!;
const html = { accept: 'text/html' };

describe('mediation pages', () => {
  let t: TestApp;
  let officer: string;
  let mediator: string; // hoagiai: a mediator of the consumer association
  let inspector: string;
  let caseCode: string;
  let mediationUrl: string;

  const get = (url: string, cookie?: string) => t.app.inject({ method: 'GET', url, headers: { ...html, ...(cookie ? { cookie } : {}) } });
  const submit = async (page: string, url: string, cookie: string, form: Record<string, string>) => {
    const q = new URLSearchParams({ _csrf: csrfOf((await get(page, cookie)).body), ...form });
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
    const agencies: Record<string, string> = {};
    for (const a of await t.database.db.selectFrom('agency').select(['id', 'kind', 'commune_code']).execute())
      if (!a.commune_code) agencies[a.kind] = a.id;
    const db = t.database.db;
    officer = await loginCookie(t.app, (await buildUser(db, { role: 'case_officer', agencyId: agencies['so-cong-thuong'] })).username);
    mediator = await loginCookie(
      t.app,
      (await buildUser(db, { role: 'mediator', agencyId: agencies['hoi-bvqlntd'], username: 'hoagiai' })).username,
    );
    inspector = await loginCookie(t.app, (await buildUser(db, { role: 'inspector' })).username);
    await seedDemoMediation(t.sysCtx());
    await seedDemoMediation(t.sysCtx()); // once only
    const { receipt } = await receiveRequest(
      t.sysCtx(),
      requestInput.parse({
        kind: 'complaint',
        channel: 'web',
        consumer: { fullName: 'Hoàng Thị Nhung', email: 'nhung@example.test', vulnerable: ['ethnic_minority'], preferredLanguage: 'Tày' },
        business: { name: 'Công ty TNHH Điện máy Sao Việt', taxCode: '5000765432', website: 'https://saoviet.example.vn' },
        transaction: { date: '2026-11-18', amountVnd: 6_990_000, productOrService: 'máy giặt', place: { online: true } },
        description:
          'Tôi mua máy giặt trên trang thương mại điện tử, máy bị hỏng sau một tuần, người bán từ chối bảo hành và không hoàn tiền.',
        consents: { privacyNoticeVersion: '2026-11' },
      }),
    );
    await changeStatus(t.sysCtx(), receipt.id, { to: 'accepted' });
    caseCode = receipt.code;
  });
  after(() => t.close());

  test('the demo register: three organisations; a mediator lacking an attestation is not listed', async () => {
    const r = await get('/mediation/organisations', mediator);
    assert.equal(r.statusCode, 200);
    assert.match(r.body, /Tổ chức xã hội tham gia bảo vệ quyền lợi người tiêu dùng \(Điều 63 khoản 1 điểm a\)/);
    assert.match(r.body, /điểm b\)/);
    assert.match(r.body, /điểm c\)/);
    assert.match(r.body, /Nguyễn Văn Bình<\/th>.*?Chưa đủ điều kiện.*?án tích.*?Chưa công bố/s);
    assert.equal((await get('/mediation/organisations', inspector)).statusCode, 403);
  });

  test('signed-out visitors go to the login page; the nav shows the link to mediators', async () => {
    const r = await get('/mediation');
    assert.equal(r.statusCode, 302);
    assert.match(String(r.headers.location), /^\/login/);
    const page = await get('/mediation', mediator);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<a href="\/mediation" aria-current="page">Hòa giải<\/a>/);
    assert.doesNotMatch(page.body, /Mở hòa giải<\/button>/, 'a mediator does not open mediations');
  });

  test('the officer opens a mediation: missing consents are shown next to their fields', async () => {
    const page = await get(`/mediation?code=${caseCode}`, officer);
    assert.match(page.body, new RegExp(`value="${caseCode}"`));
    const org = /<option value="([0-9a-f-]{36})"[^>]*>Hội Bảo vệ/.exec(page.body)![1]!;
    const bad = await submit('/mediation', '/mediation/open', officer, { requestCode: caseCode, organisationId: org });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /<a href="#open-consumerConsentOn">Nhập ngày người tiêu dùng đồng ý hòa giải/);
    assert.match(bad.body, /<a href="#open-businessConsentOn">/);
    const ok = await submit('/mediation', '/mediation/open', officer, {
      requestCode: caseCode,
      organisationId: org,
      consumerConsentOn: '2026-11-25',
      businessConsentOn: '26/11/2026',
      businessEmail: 'cskh@saoviet.example.vn',
    });
    assert.equal(ok.statusCode, 303, ok.body.slice(0, 500));
    mediationUrl = String(ok.headers.location).split('?')[0]!;
    assert.match(String(ok.headers.location), /^\/mediation\/[0-9a-f-]{36}\?done=opened$/);
  });

  test('the mediator schedules: blocked until an interpreter is recorded (Art. 64(3)), then the session is set', async () => {
    const page = await get(mediationUrl, mediator);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Chưa thể xếp lịch hòa giải/);
    const hoa = /<option value="([0-9a-f-]{36})"[^>]*>Hoàng Văn Hòa<\/option>/.exec(page.body)![1]!;
    assert.equal((await submit(mediationUrl, `${mediationUrl}/actions/appoint`, mediator, { mediatorId: hoa })).statusCode, 303);
    const session = { date: '2026-12-03', time: '9:00', mode: 'in_person', place: 'Trụ sở Hội, số 5 đường Tân Trào' };
    const blocked = await submit(mediationUrl, `${mediationUrl}/actions/session`, mediator, session);
    assert.equal(blocked.statusCode, 409);
    assert.match(blocked.body, /class="error-summary"[^]*người dân tộc thiểu số[^]*tiếng Tày[^]*Điều 64 khoản 3/);
    assert.match(blocked.body, /value="Trụ sở Hội, số 5 đường Tân Trào"/, 'what was typed is kept');
    const i = await submit(mediationUrl, `${mediationUrl}/actions/interpreter`, mediator, { fullName: 'Hà Thị Mai', language: 'Tày' });
    assert.equal(i.statusCode, 303);
    const s = await submit(mediationUrl, `${mediationUrl}/actions/session`, mediator, session);
    assert.equal(s.statusCode, 303);
    const after = await get(String(s.headers.location), mediator);
    assert.match(after.body, /03\/12\/2026 09:00/);
    assert.match(after.body, /Đã đáp ứng/);
  });

  test('the mediator records success; the record and the deadline to perform are shown', async () => {
    const missing = await submit(mediationUrl, `${mediationUrl}/actions/success`, mediator, { heldDate: '2026-11-26', heldTime: '09:00' });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /Biên bản chỉ có giá trị khi có chữ ký hoặc điểm chỉ của các bên/);
    const r = await submit(mediationUrl, `${mediationUrl}/actions/success`, mediator, {
      heldDate: '2026-11-26',
      heldTime: '09:00',
      place: 'Trụ sở Hội',
      businessRepresentative: 'Trần Văn Nam',
      disputeContent: 'Máy giặt hỏng sau một tuần.',
      consumerOpinion: 'Đề nghị đổi máy.',
      businessOpinion: 'Đồng ý đổi máy.',
      solution: 'Đổi máy giặt mới cùng loại.',
      performBy: '2026-12-10',
      otherTerms: 'Không có',
      partiesSigned: 'on',
      mediatorSigned: 'on',
    });
    assert.equal(r.statusCode, 303, r.body.slice(0, 300));
    const page = await get(String(r.headers.location), mediator);
    assert.match(page.body, /Biên bản hòa giải thành/);
    assert.match(page.body, /Hạn: <strong>10\/12\/2026<\/strong>/);
    assert.match(page.body, /Ghi nhận việc thực hiện/);
  });
});
