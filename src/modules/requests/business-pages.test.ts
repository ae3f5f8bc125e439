import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { docxText, flat, pdfText } from '../../platform/documents/testing.js';
import { sha256 } from '../../platform/auth/secrets.js';
import { buildUser, loginCookie } from '../../../test/factories.js';
import { testApp, type TestApp } from '../../../test/harness.js';
import { complaint } from '../../../test/request-fixtures.js';
import { seedDemoDirectory } from '../directory/index.js';
import { parseDong, responseFromForm } from './business-pages.js';
import { sweepBusinessDeadlines } from './negotiation.js';

const TAX = '5000123456';
const NEW_TAX = '5000555666';
const csrfOf = (body: string) => body.match(/name="_csrf" value="([^"]+)"/)![1]!;

const fridge = (over: Record<string, unknown> = {}) =>
  complaint({
    kind: 'request',
    business: { name: 'Công ty TNHH Điện máy Minh Phát', address: 'Phường Minh Xuân', taxCode: TAX },
    transaction: { date: '2026-11-02', amountVnd: 12500000, productOrService: 'tủ lạnh' },
    description:
      'Tủ lạnh mua được ba tuần thì không làm lạnh, còn bảo hành nhưng cửa hàng hẹn mãi không sửa. Tôi đề nghị hỗ trợ thương lượng với doanh nghiệp.',
    desiredOutcome: 'Hoàn lại tiền',
    priorContact: { date: '2026-11-05', businessReply: 'none' },
    ...over,
  });

interface Receipt {
  id: string;
  code: string;
  trackingSecret: string;
}

describe('business portal, invitations and the consumer’s answer on the tracking page', () => {
  let t: TestApp;
  let officer: string;
  let biz: string;
  let otherBiz: string;
  let officerName: string;
  let bizName: string;
  let otherBizName: string;
  let bizEmail: string;
  const cases = {} as Record<'main' | 'wrong' | 'late' | 'fresh', Receipt>;

  const moveTo = async (iso: string) => {
    t.setNow(iso);
    officer = await loginCookie(t.app, officerName);
    biz = await loginCookie(t.app, bizName);
    otherBiz = await loginCookie(t.app, otherBizName);
  };
  const get = (url: string, cookie?: string) =>
    t.app.inject({ method: 'GET', url, headers: { accept: 'text/html', ...(cookie ? { cookie } : {}) } });
  const api = (method: 'GET' | 'POST', url: string, cookie?: string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      ...(payload !== undefined ? { payload: payload as object } : {}),
      headers: { accept: 'application/json', ...(cookie ? { cookie } : {}) },
    });
  const form = (url: string, cookie: string, fields: Record<string, string>) =>
    t.app.inject({
      method: 'POST',
      url,
      payload: new URLSearchParams(fields).toString(),
      headers: { accept: 'text/html', cookie, 'content-type': 'application/x-www-form-urlencoded' },
    });
  /** Posts a form with the CSRF token of the page it is on (signed in). */
  const submit = async (page: string, url: string, cookie: string, fields: Record<string, string>) =>
    form(url, cookie, { _csrf: csrfOf((await get(page, cookie)).body), ...fields });
  /** An anonymous visitor: the CSRF cookie of the page they opened goes back with the form. */
  const anonymous = async (page: string, url: string, fields: Record<string, string>) => {
    const r = await get(page);
    const cookie = r.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    return form(url, cookie, { _csrf: csrfOf(r.body), ...fields });
  };
  const fileCase = async (body = fridge()): Promise<Receipt> => {
    const r = await api('POST', '/api/v1/requests', undefined, body);
    assert.equal(r.statusCode, 201, r.body);
    return r.json() as Receipt;
  };
  const track = (r: Receipt) => `/tra-cuu/${r.code}?secret=${encodeURIComponent(r.trackingSecret)}`;
  const mailsTo = async (to: string) =>
    (await t.database.db.selectFrom('job').select('payload').where('kind', '=', 'mail.send').orderBy('created_at').execute())
      .map((j) => j.payload as unknown as { to: string; subject: string; text: string })
      .filter((m) => m.to === to);

  before(async () => {
    t = await testApp({ RATE_LIMIT_PUBLIC_PER_MIN: 1_000_000, RATE_LIMIT_LOGIN_PER_MIN: 1_000_000 });
    await seedDemoDirectory(t.sysCtx(), '08');
    const db = t.database.db;
    const sct = (await db.selectFrom('agency').select('id').where('kind', '=', 'so-cong-thuong').executeTakeFirstOrThrow()).id;
    officerName = (await buildUser(db, { role: 'case_officer', agencyId: sct })).username;
    bizName = (await buildUser(db, { role: 'business', taxCode: TAX })).username;
    bizEmail = `${bizName}@example.test`;
    otherBizName = (await buildUser(db, { role: 'business', taxCode: '5000999999' })).username;
    await moveTo('2026-11-26T03:00:00Z');
    // The consumer asked the business two days ago and got no answer: forwarding warns (Art. 57(2)).
    cases.main = await fileCase(fridge({ priorContact: { date: '2026-11-24', businessReply: 'none' } }));
    cases.wrong = await fileCase();
    cases.late = await fileCase();
    cases.fresh = await fileCase(fridge({ business: { name: 'Công ty CP Điện lạnh Hoàng Hà', taxCode: NEW_TAX } }));
  });
  after(() => t.close());

  describe('the officer forwards from the case page', () => {
    test('the forward form has the case’s tax code; a bad tax code is explained next to the field', async () => {
      const page = `/requests/${cases.main.id}`;
      const r = await get(page, officer);
      assert.match(r.body, /<summary>Chuyển doanh nghiệp thương lượng<\/summary>/);
      assert.match(r.body, /id="forward-taxCode" name="taxCode" value="5000123456"/);
      assert.match(r.body, /id="forward-confidential"/);
      const bad = await submit(page, `${page}/actions/forward`, officer, { taxCode: '12ab' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /href="#forward-taxCode">Nhập mã số thuế gồm 10 chữ số/);
      assert.match(bad.body, /<details class="action" id="forward-form" open/);
    });

    test('forwarding shows the business’s clocks and the eligibility warning, then the negotiation panel', async () => {
      const page = `/requests/${cases.main.id}`;
      const ok = await submit(page, `${page}/actions/forward`, officer, { businessEmail: 'CSKH@minhphat.example.vn' });
      assert.equal(ok.statusCode, 303, ok.body);
      assert.equal(ok.headers.location, `${page}?done=forwarded#negotiation`, 'the business has a user: no invitation');
      const after = await get(`${page}?done=forwarded`, officer);
      assert.match(after.body, /role="status">Đã chuyển hồ sơ cho Công ty TNHH Điện máy Minh Phát \(MST 5000123456\)/);
      assert.match(after.body, /Lưu ý: Người tiêu dùng đề nghị doanh nghiệp ngày 24\/11\/2026/);
      assert.match(after.body, /<h2 id="negotiation-h">Thương lượng với doanh nghiệp<\/h2>/);
      assert.match(after.body, /Doanh nghiệp xác nhận tiếp nhận<\/dt><dd>Chưa/);
      assert.ok(!after.body.includes('/actions/forward"'), 'no second forward');
      assert.match(after.body, /Doanh nghiệp thông báo đã tiếp nhận khiếu nại/, 'the business clocks are listed');
      for (const c of [cases.wrong, cases.late])
        assert.equal((await submit(`/requests/${c.id}`, `/requests/${c.id}/actions/forward`, officer, {})).statusCode, 303);
    });
  });

  describe('the business', () => {
    test('a business user’s home is the portal, and the navigation says so', async () => {
      const home = await get('/home', biz);
      assert.equal(home.statusCode, 302);
      assert.equal(home.headers.location, '/doanh-nghiep');
      const portal = await get('/doanh-nghiep', biz);
      assert.ok(portal.body.includes('href="/doanh-nghiep"'));
      assert.ok(!portal.body.includes('href="/home"'), 'no link to the staff home');
    });
    test('an anonymous visitor is sent to log in; staff are refused', async () => {
      const r = await get('/doanh-nghiep');
      assert.equal(r.statusCode, 302);
      assert.equal(r.headers.location, '/login?next=%2Fdoanh-nghiep');
      assert.equal((await get('/doanh-nghiep', officer)).statusCode, 403);
      assert.equal((await get(`/doanh-nghiep/ho-so/${cases.main.id}`, officer)).statusCode, 403);
    });

    test('sees only its own cases, with what to do next and the next due date', async () => {
      const r = await get('/doanh-nghiep', biz);
      assert.equal(r.statusCode, 200);
      assert.equal(r.headers['cache-control'], 'no-store');
      for (const c of [cases.main, cases.wrong, cases.late]) assert.ok(r.body.includes(`href="/doanh-nghiep/ho-so/${c.id}"`), c.code);
      assert.match(r.body, /Xác nhận đã tiếp nhận/);
      assert.match(r.body, /<td data-label="Hạn tiếp theo">01\/12\/2026/, 'acknowledge within 3 working days: Thu 26/11 → Tue 1/12');
      assert.ok(!r.body.includes('Quá hạn</span>'));
      const other = await get('/doanh-nghiep', otherBiz);
      assert.ok(!other.body.includes(cases.main.code));
      assert.match(other.body, /Không có hồ sơ nào đang chờ doanh nghiệp/);
      assert.equal((await get(`/doanh-nghiep/ho-so/${cases.main.id}`, otherBiz)).statusCode, 404);
    });

    test('the case page shows the request, the clocks with their due dates and the forms allowed', async () => {
      const r = await get(`/doanh-nghiep/ho-so/${cases.main.id}`, biz);
      assert.equal(r.statusCode, 200);
      assert.match(r.body, new RegExp(`<h1>Hồ sơ ${cases.main.code}</h1>`));
      assert.match(r.body, /Nguyễn Thị Lan/);
      assert.match(r.body, /0912345678/);
      assert.match(r.body, /tủ lạnh · ngày 02\/11\/2026 · 12\.500\.000 đ/);
      assert.match(r.body, /Hạn: <strong>01\/12\/2026<\/strong>/);
      assert.match(r.body, /Căn cứ: Điều 31 khoản 2 Luật Bảo vệ quyền lợi người tiêu dùng 2023/);
      for (const a of ['xac-nhan', 'tra-loi', 'khong-lien-quan'])
        assert.ok(r.body.includes(`action="/doanh-nghiep/ho-so/${cases.main.id}/${a}"`), a);
      assert.ok(!r.body.includes('/bao-cao"'), 'nothing to report yet');
      assert.equal((r.body.match(/name="outcome"/g) ?? []).length, 5, 'five outcomes; "not our case" has its own form');
      assert.equal(
        (
          r.body.match(
            /<option value="(responded_to_consumer|acted_in_good_faith|disputes_facts|improved_practices|no_public_response)"/g,
          ) ?? []
        ).length,
        5,
      );
    });

    test('acknowledging redirects with a notice and the form goes away', async () => {
      const page = `/doanh-nghiep/ho-so/${cases.main.id}`;
      const ok = await submit(page, `${page}/xac-nhan`, biz, {});
      assert.equal(ok.statusCode, 303);
      const after = await get(ok.headers.location as string, biz);
      assert.match(after.body, /role="status">Đã xác nhận tiếp nhận\. Người tiêu dùng đã được thông báo\./);
      assert.ok(!after.body.includes('/xac-nhan"'));
      const again = await submit(page, `${page}/xac-nhan`, biz, {});
      assert.equal(again.statusCode, 409);
      assert.match(again.body, /Doanh nghiệp đã xác nhận tiếp nhận hồ sơ này/);
    });

    test('the answer form explains each mistake and keeps what was typed', async () => {
      const page = `/doanh-nghiep/ho-so/${cases.main.id}`;
      const bad = await submit(page, `${page}/tra-loi`, biz, {
        explanation: 'Ngắn',
        remedyDescription: 'Hoàn tiền',
        remedyAmount: 'một triệu',
        remedyDueDate: '31/02/2026',
      });
      assert.equal(bad.statusCode, 400);
      for (const f of ['outcome', 'explanation', 'remedyAmount', 'remedyDueDate']) assert.match(bad.body, new RegExp(`href="#${f}"`), f);
      assert.match(bad.body, /value="một triệu"/);
      const past = await submit(page, `${page}/tra-loi`, biz, {
        outcome: 'monetary_relief',
        explanation: 'Công ty đồng ý hoàn tiền vì tủ lạnh lỗi máy nén.',
        remedyDescription: 'Hoàn tiền qua chuyển khoản',
        remedyAmount: '12.500.000',
        remedyDueDate: '01/01/2026',
      });
      assert.equal(past.statusCode, 400);
      assert.match(past.body, /href="#remedyDueDate">Hạn thực hiện biện pháp khắc phục không được trước hôm nay/);
      const noAmount = await submit(page, `${page}/tra-loi`, biz, {
        outcome: 'monetary_relief',
        explanation: 'Công ty đồng ý hoàn tiền vì tủ lạnh lỗi máy nén.',
      });
      assert.match(noAmount.body, /href="#remedyAmount">Nhập số tiền bồi hoàn/);
    });

    test('a refund typed with dots and a dd/mm/yyyy date reaches the consumer', async () => {
      await moveTo('2026-11-27T03:00:00Z');
      const page = `/doanh-nghiep/ho-so/${cases.main.id}`;
      const ok = await submit(page, `${page}/tra-loi`, biz, {
        outcome: 'monetary_relief',
        explanation: 'Công ty đồng ý hoàn tiền vì tủ lạnh lỗi máy nén.',
        remedyDescription: 'Hoàn tiền qua chuyển khoản',
        remedyAmount: '12.500.000',
        remedyDueDate: '04/12/2026',
        publicResponse: 'responded_to_consumer',
      });
      assert.equal(ok.statusCode, 303, ok.body);
      const after = await get(ok.headers.location as string, biz);
      assert.match(after.body, /Đã gửi trả lời/);
      assert.match(after.body, /Bồi hoàn bằng tiền/);
      assert.match(after.body, /Hoàn tiền qua chuyển khoản, 12\.500\.000 đ, trước hết ngày 04\/12\/2026/);
      assert.match(after.body, /<summary>Sửa câu trả lời<\/summary>/, 'the answer can be corrected, folded away');
      assert.match(after.body, /id="remedyAmount" name="remedyAmount" value="12\.500\.000"/, 'starting from the current answer');
      assert.match(after.body, /id="remedyDueDate" name="remedyDueDate" value="04\/12\/2026"/);
      const n = await t.database.db
        .selectFrom('negotiation')
        .select(['remedy'])
        .where('request_id', '=', cases.main.id)
        .executeTakeFirstOrThrow();
      assert.deepEqual(n.remedy, { description: 'Hoàn tiền qua chuyển khoản', amountVnd: 12_500_000, dueDate: '2026-12-04' });
    });
  });

  describe('the consumer on the tracking page', () => {
    test('sees the answer and is asked to accept or reject it with a 1–5 rating', async () => {
      const r = await get(track(cases.main));
      assert.equal(r.statusCode, 200);
      assert.match(r.body, /<h2 id="negotiation-title">Thương lượng với doanh nghiệp<\/h2>/);
      assert.match(r.body, /Bồi hoàn bằng tiền/);
      assert.match(r.body, /Hoàn tiền qua chuyển khoản, số tiền 12\.500\.000 đ, thực hiện trước hết ngày 04\/12\/2026/);
      assert.match(r.body, new RegExp(`action="/tra-cuu/${cases.main.code}/y-kien"`));
      assert.equal((r.body.match(/type="radio" id="rating[^"]*" name="rating"/g) ?? []).length, 5);
      assert.ok(!r.body.includes('/da-nhan"'), 'nothing to confirm before accepting');
    });

    test('an answer without a choice is explained; a wrong secret answers 404', async () => {
      const bad = await anonymous(track(cases.main), `/tra-cuu/${cases.main.code}/y-kien`, {
        secret: cases.main.trackingSecret,
        rating: '4',
      });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /href="#accepted">Chọn bạn đồng ý hay không đồng ý/);
      assert.match(bad.body, /id="rating-4"[^>]*checked|checked[^>]*id="rating-4"/, 'the rating is kept');
      const wrong = await anonymous(track(cases.main), `/tra-cuu/${cases.main.code}/y-kien`, { secret: 'sai-ma', accepted: 'yes' });
      assert.equal(wrong.statusCode, 404);
    });

    test('accepts with a rating of 4, then confirms that the refund arrived', async () => {
      const ok = await anonymous(track(cases.main), `/tra-cuu/${cases.main.code}/y-kien`, {
        secret: cases.main.trackingSecret,
        accepted: 'yes',
        rating: '4',
        comment: 'Doanh nghiệp hợp tác.',
      });
      assert.equal(ok.statusCode, 303, ok.body);
      assert.match(String(ok.headers.location), /done=feedback#negotiation$/);
      const after = await get(String(ok.headers.location).replace(/#.*$/, ''));
      assert.match(after.body, /Cảm ơn bạn\. Ý kiến của bạn đã được gửi/);
      assert.match(after.body, /Bạn đã đồng ý với trả lời này\. Bạn đánh giá 4\/5\./);
      assert.match(after.body, new RegExp(`action="/tra-cuu/${cases.main.code}/da-nhan"`));
      assert.match(after.body, /<summary>Mở lại hồ sơ<\/summary>/, 'reopening is offered within the window');
      const again = await anonymous(track(cases.main), `/tra-cuu/${cases.main.code}/y-kien`, {
        secret: cases.main.trackingSecret,
        accepted: 'no',
      });
      assert.equal(again.statusCode, 409, 'a stale form: already answered');
      assert.match(again.body, /Chưa có câu trả lời của doanh nghiệp để đánh giá/);
    });

    test('a short reopening reason is explained; the remedy is confirmed once', async () => {
      const short = await anonymous(track(cases.main), `/tra-cuu/${cases.main.code}/mo-lai`, {
        secret: cases.main.trackingSecret,
        reason: 'Hỏng',
      });
      assert.equal(short.statusCode, 400);
      assert.match(short.body, /href="#reason">Nhập lý do mở lại/);
      assert.match(short.body, /<details class="rq-details" open/);
      const got = await anonymous(track(cases.main), `/tra-cuu/${cases.main.code}/da-nhan`, { secret: cases.main.trackingSecret });
      assert.equal(got.statusCode, 303);
      const after = await get(String(got.headers.location).replace(/#.*$/, ''));
      assert.match(after.body, /Đã ghi nhận: bạn đã nhận được/);
      assert.match(after.body, /Bạn đã xác nhận nhận được ngày 27\/11\/2026/);
      assert.ok(!after.body.includes('/da-nhan"'));
    });
  });

  describe('the result, the record and closing', () => {
    test('the business reports the result; the record downloads as DOCX and PDF for both sides', async () => {
      const page = `/doanh-nghiep/ho-so/${cases.main.id}`;
      const short = await submit(page, `${page}/bao-cao`, biz, { summary: 'Ok' });
      assert.equal(short.statusCode, 400);
      assert.match(short.body, /href="#summary">Nhập kết quả thương lượng/);
      const ok = await submit(page, `${page}/bao-cao`, biz, { summary: 'Đã hoàn tiền 12.500.000 đồng cho khách hàng ngày 27/11/2026.' });
      assert.equal(ok.statusCode, 303);
      const after = await get(ok.headers.location as string, biz);
      assert.match(after.body, /Đã gửi báo cáo kết quả thương lượng/);
      assert.match(after.body, /negotiation-record\?format=docx/);

      const url = `/api/v1/requests/${cases.main.id}/negotiation-record`;
      const docx = await api('GET', `${url}?format=docx`, biz);
      assert.equal(docx.statusCode, 200, docx.body);
      assert.match(String(docx.headers['content-type']), /wordprocessingml/);
      assert.match(String(docx.headers['content-disposition']), new RegExp(`bien-ban-thuong-luong-${cases.main.code}\\.docx`));
      const text = flat(docxText(docx.rawPayload).body);
      for (const s of [
        'BIÊN BẢN THƯƠNG LƯỢNG',
        'Công ty TNHH Điện máy Minh Phát',
        'Nguyễn Thị Lan',
        '12.500.000',
        'Thương lượng thành',
        'Đã hoàn tiền 12.500.000 đồng',
      ])
        assert.ok(text.includes(s), s);
      const pdf = await api('GET', `${url}?format=pdf`, officer);
      assert.equal(pdf.statusCode, 200);
      assert.match(flat((await pdfText(pdf.rawPayload)).text), /BIÊN BẢN THƯƠNG LƯỢNG/);
      assert.equal((await api('GET', url, otherBiz)).statusCode, 404);
      assert.equal((await api('GET', url)).statusCode, 401);
      const early = await api('GET', `/api/v1/requests/${cases.late.id}/negotiation-record`, officer);
      assert.equal(early.statusCode, 409);
      assert.equal((early.json() as { error: { code: string } }).error.code, 'negotiation.record_not_ready');
    });

    test('the officer sees the answer and the feedback, and must choose an outcome to close', async () => {
      const page = `/requests/${cases.main.id}`;
      const r = await get(page, officer);
      assert.match(r.body, /Đồng ý; đánh giá 4\/5/);
      assert.match(r.body, /Hoàn tiền qua chuyển khoản, 12\.500\.000 đ, trước hết ngày 04\/12\/2026/);
      assert.match(r.body, /Biên bản thương lượng \(Điều 60\)/);
      assert.match(r.body, /<summary>Đóng hồ sơ<\/summary>/);
      assert.equal(
        (
          r.body.match(
            /<option value="(resolved_by_negotiation|resolved_by_mediation|resolved_by_agency|refused|withdrawn|referred|no_agreement|duplicate)"/g,
          ) ?? []
        ).length,
        8,
      );
      assert.ok(!/name="to" value="closed"/.test(r.body), 'the status form does not close without an outcome');
      const none = await submit(page, `${page}/actions/close`, officer, { publicNote: 'Đã giải quyết.' });
      assert.equal(none.statusCode, 400);
      assert.match(none.body, /href="#close-outcome">Chọn kết quả giải quyết trước khi đóng hồ sơ\./);
      await moveTo('2026-12-01T03:00:00Z');
      const ok = await submit(page, `${page}/actions/close`, officer, { outcome: 'resolved_by_negotiation' });
      assert.equal(ok.statusCode, 303);
      const closed = await get(ok.headers.location as string, officer);
      assert.match(closed.body, /Đã đóng hồ sơ: Giải quyết bằng thương lượng/);
      assert.match(closed.body, /<h2 id="closing-h">Kết quả giải quyết<\/h2>/);
      assert.match(closed.body, /Tổng thời gian<\/dt><dd>5 ngày/);
      assert.match(closed.body, /Chuyển doanh nghiệp → Doanh nghiệp trả lời/);
      const tracking = await get(track(cases.main));
      assert.match(tracking.body, /<h2 id="closing-title">Kết quả giải quyết<\/h2>/);
      assert.match(tracking.body, /Giải quyết bằng thương lượng/);
      assert.match(tracking.body, /thủ tục rút gọn/);
    });

    test('"not our case" returns the case to the agency and it leaves the business’s list', async () => {
      const page = `/doanh-nghiep/ho-so/${cases.wrong.id}`;
      const short = await submit(page, `${page}/khong-lien-quan`, biz, { reason: 'Không' });
      assert.equal(short.statusCode, 400);
      assert.match(short.body, /<details class="action" id="incorrect-form" open/);
      const ok = await submit(page, `${page}/khong-lien-quan`, biz, { reason: 'Chúng tôi không bán sản phẩm này cho khách hàng.' });
      assert.equal(ok.statusCode, 303);
      assert.equal(ok.headers.location, '/doanh-nghiep?done=returned');
      const list = await get('/doanh-nghiep?done=returned', biz);
      assert.match(list.body, /Đã trả hồ sơ về cơ quan/);
      assert.ok(!list.body.includes(cases.wrong.code));
      assert.equal((await get(page, biz)).statusCode, 404);
    });

    test('a missed acknowledgement: the business sees "overdue", the officer the potential violation with its fine range', async () => {
      await moveTo('2026-12-03T03:00:00Z');
      assert.ok((await sweepBusinessDeadlines(t.sysCtx())) >= 1);
      const list = await get('/doanh-nghiep', biz);
      const row = list.body.slice(list.body.indexOf(cases.late.code));
      assert.match(row.slice(0, row.indexOf('</tr>')), /Quá hạn<\/span>/);
      const r = await get(`/requests/${cases.late.id}`, officer);
      assert.match(r.body, /<h2 id="violations-h">Dấu hiệu vi phạm của doanh nghiệp<\/h2>/);
      assert.match(r.body, /Không thông báo đã tiếp nhận trong 3 ngày làm việc/);
      assert.match(r.body, /Nghị định 98\/2020\/NĐ-CP Điều 61/);
      assert.match(r.body, /20\.000\.000 đ – 40\.000\.000 đ/);
    });
  });

  describe('business accounts', () => {
    let token = '';

    test('forwarding to a business without an account sends a one-time link; only its hash is stored', async () => {
      await moveTo('2026-11-26T03:00:00Z');
      const page = `/requests/${cases.fresh.id}`;
      const ok = await submit(page, `${page}/actions/forward`, officer, { businessEmail: 'ketoan@hoangha.example.vn' });
      assert.equal(ok.statusCode, 303);
      assert.equal(ok.headers.location, `${page}?done=forwardedInvited#negotiation`);
      const after = await get(`${page}?done=forwardedInvited`, officer);
      assert.match(after.body, /đã gửi kèm thư mời tạo tài khoản/);
      const mail = (await mailsTo('ketoan@hoangha.example.vn')).find((m) => m.subject.startsWith('Mời tạo tài khoản'));
      assert.ok(mail, 'the invitation is mailed through the outbox');
      assert.match(mail.text, /Công ty CP Điện lạnh Hoàng Hà \(mã số thuế 5000555666\)/);
      token = /kich-hoat\?token=([A-Za-z0-9_-]+)/.exec(mail.text)![1]!;
      const row = await t.database.db
        .selectFrom('business_invitation')
        .selectAll()
        .where('business_tax_code', '=', NEW_TAX)
        .executeTakeFirstOrThrow();
      assert.equal(row.token_hash, sha256(token));
      assert.equal(row.expires_at.toISOString(), '2026-12-03T03:00:00.000Z', '7 days');
      const audit = await t.database.db.selectFrom('audit_event').select('summary').where('action', '=', 'business.invite').execute();
      assert.ok(audit.length > 0 && audit.every((a) => !JSON.stringify(a.summary).includes('@')), 'no e-mail address in the audit');
    });

    test('the link asks for a name and a password, creates a business user of that tax code, and works once', async () => {
      const page = `/doanh-nghiep/kich-hoat?token=${token}`;
      const r = await get(page);
      assert.equal(r.statusCode, 200);
      assert.equal(r.headers['referrer-policy'], 'no-referrer');
      assert.match(r.body, /Công ty CP Điện lạnh Hoàng Hà/);
      assert.match(r.body, /ketoan@hoangha\.example\.vn/);
      assert.match(r.body, /name="username" value="ketoan\.5666"/, 'a username is suggested');
      const bad = await anonymous(page, '/doanh-nghiep/kich-hoat', {
        token,
        displayName: 'Trần Thị Hà',
        username: 'ketoan.hoangha',
        password: 'ngan',
      });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /href="#password">Mật khẩu cần từ 10 đến 200 ký tự/);
      assert.match(bad.body, /value="Trần Thị Hà"/);
      const taken = await anonymous(page, '/doanh-nghiep/kich-hoat', {
        token,
        displayName: 'Trần Thị Hà',
        username: bizName,
        password: 'mat-khau-du-dai-1',
      });
      assert.equal(taken.statusCode, 409);
      assert.match(taken.body, /href="#username">Tên đăng nhập đã được sử dụng/);
      const ok = await anonymous(page, '/doanh-nghiep/kich-hoat', {
        token,
        displayName: 'Trần Thị Hà',
        username: 'ketoan.hoangha',
        password: 'mat-khau-du-dai-1',
      });
      assert.equal(ok.statusCode, 303, ok.body);
      assert.equal(ok.headers.location, '/doanh-nghiep/kich-hoat/xong');
      const user = await t.database.db
        .selectFrom('app_user')
        .selectAll()
        .where('username', '=', 'ketoan.hoangha')
        .executeTakeFirstOrThrow();
      assert.equal(user.kind, 'business');
      assert.equal(user.business_tax_code, NEW_TAX);
      const cookie = await loginCookie(t.app, 'ketoan.hoangha', 'mat-khau-du-dai-1');
      assert.ok((await get('/doanh-nghiep', cookie)).body.includes(cases.fresh.code));
      const used = await get(page);
      assert.equal(used.statusCode, 404);
      assert.match(used.body, /đã được dùng hoặc đã hết hạn/);
      const api2 = await api('POST', '/api/v1/business/invitations/accept', undefined, {
        token,
        displayName: 'Người khác',
        username: 'nguoi.khac',
        password: 'mat-khau-du-dai-2',
      });
      assert.equal(api2.statusCode, 404);
      assert.equal((api2.json() as { error: { code: string } }).error.code, 'invitation.invalid');
    });

    test('an expired link is refused', async () => {
      const r = await api('POST', '/api/v1/business/invitations', officer, {
        email: 'giamdoc@hoangha.example.vn',
        requestId: cases.fresh.id,
      });
      assert.equal(r.statusCode, 201, r.body);
      assert.equal((r.json() as { taxCode: string }).taxCode, NEW_TAX);
      const mail = (await mailsTo('giamdoc@hoangha.example.vn')).at(-1)!;
      const late = /kich-hoat\?token=([A-Za-z0-9_-]+)/.exec(mail.text)![1]!;
      await moveTo('2026-12-03T03:00:01Z');
      assert.equal((await get(`/doanh-nghiep/kich-hoat?token=${late}`)).statusCode, 404);
      await moveTo('2026-11-26T03:00:00Z');
    });

    test('a business user invites a colleague of the same tax code, and only of it', async () => {
      const page = '/doanh-nghiep/nguoi-dung';
      const r = await get(page, biz);
      assert.equal(r.statusCode, 200);
      assert.match(r.body, new RegExp(bizName));
      assert.match(r.body, /\(bạn\)/);
      const bad = await submit(page, `${page}/moi`, biz, { email: 'khong-phai-email' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /href="#email">Nhập địa chỉ email hợp lệ/);
      const member = await submit(page, `${page}/moi`, biz, { email: bizEmail.toUpperCase() });
      assert.equal(member.statusCode, 409);
      assert.match(member.body, /đã có tài khoản của doanh nghiệp/);
      const ok = await submit(page, `${page}/moi`, biz, { email: 'dongnghiep@minhphat.example.vn' });
      assert.equal(ok.statusCode, 303);
      const after = await get(ok.headers.location as string, biz);
      assert.match(after.body, /Đã gửi thư mời/);
      assert.match(after.body, /dongnghiep@minhphat\.example\.vn/);
      const other = await api('POST', '/api/v1/business/invitations', biz, { email: 'x@example.test', taxCode: '5000999999' });
      assert.equal(other.statusCode, 403);
      assert.equal((other.json() as { error: { code: string } }).error.code, 'invitation.other_business');
      const noCase = await api('POST', '/api/v1/business/invitations', officer, { email: 'x@example.test', taxCode: TAX });
      assert.equal(noCase.statusCode, 403);
      assert.equal((noCase.json() as { error: { code: string } }).error.code, 'invitation.case_required');
      const account = (await api('GET', '/api/v1/business/account', biz)).json() as { taxCode: string; invitations: unknown[] };
      assert.equal(account.taxCode, TAX);
      assert.equal(account.invitations.length, 1);
      assert.equal((await api('GET', '/api/v1/business/account', officer)).statusCode, 403);
    });
  });

  describe('form parsing', () => {
    test('amounts are whole đồng, typed with or without dots', () => {
      assert.equal(parseDong('12.500.000'), 12_500_000);
      assert.equal(parseDong('1 250 000 đ'), 1_250_000);
      assert.equal(parseDong('1250000'), 1_250_000);
      assert.equal(parseDong('1,5 triệu'), undefined);
      assert.equal(parseDong('-5'), undefined);
    });

    test('"not our case" is not an outcome of the answer form', () => {
      const r = responseFromForm({ outcome: 'incorrect_business', explanation: 'Không phải doanh nghiệp của chúng tôi.' });
      assert.equal(r.input, undefined);
      assert.deepEqual(
        r.errors.map((e) => e.field),
        ['outcome'],
      );
    });
  });
});
