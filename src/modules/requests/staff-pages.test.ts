import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildUser, loginCookie } from '../../../test/factories.js';
import { testApp, type TestApp } from '../../../test/harness.js';
import { seedDemoDirectory } from '../directory/index.js';
import { receiveRequest, type RequestInput } from './index.js';

const csrfOf = (body: string) => body.match(/name="_csrf" value="([^"]+)"/)![1]!;
const html = { accept: 'text/html' };

/** An intake body: a consumer's online purchase, so that it is routed to a province agency. */
function body(over: Partial<RequestInput> & { description: string }): RequestInput {
  return {
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
    priorContact: { date: '2026-11-22', businessReply: 'refused' },
    consents: { privacyNoticeVersion: '2026-11' },
    ...over,
  } as RequestInput;
}

describe('officer pages: inbox and case page', () => {
  let t: TestApp;
  const agencies: Record<string, string> = {};
  let officer: { id: string; cookie: string }; // case officer, Department of Industry and Trade
  let manager: { id: string; cookie: string }; // agency manager, same agency (may assign)
  let inspector: string; // may read, not handle
  let commune: string; // case officer of ward 02215
  let qltt: string; // case officer, market surveillance
  let qlttId: string;
  const cases: Record<'fake' | 'blender' | 'ward' | 'dup', { id: string; code: string }> = {} as never;

  const get = (url: string, cookie?: string) => t.app.inject({ method: 'GET', url, headers: { ...html, ...(cookie ? { cookie } : {}) } });
  const post = (url: string, cookie: string, form: Record<string, string | string[]>) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(form)) for (const x of [v].flat()) q.append(k, x);
    return t.app.inject({
      method: 'POST',
      url,
      payload: q.toString(),
      headers: { ...html, cookie, 'content-type': 'application/x-www-form-urlencoded' },
    });
  };
  /** Posts a form with the CSRF token of the page it is on. */
  const submit = async (page: string, url: string, cookie: string, form: Record<string, string | string[]>) =>
    post(url, cookie, { _csrf: csrfOf((await get(page, cookie)).body), ...form });

  before(async () => {
    t = await testApp({ RATE_LIMIT_PUBLIC_PER_MIN: 1_000_000 });
    await seedDemoDirectory(t.sysCtx(), '08');
    for (const a of await t.database.db.selectFrom('agency').select(['id', 'kind', 'commune_code']).execute())
      agencies[a.commune_code ? `${a.kind}:${a.commune_code}` : a.kind] = a.id;
    const db = t.database.db;
    const o = await buildUser(db, { role: 'case_officer', agencyId: agencies['so-cong-thuong'] });
    officer = { id: o.id, cookie: await loginCookie(t.app, o.username) };
    const m = await buildUser(db, { role: 'agency_manager', agencyId: agencies['so-cong-thuong'] });
    manager = { id: m.id, cookie: await loginCookie(t.app, m.username) };
    inspector = await loginCookie(t.app, (await buildUser(db, { role: 'inspector', agencyId: agencies['so-cong-thuong'] })).username);
    commune = await loginCookie(
      t.app,
      (await buildUser(db, { role: 'case_officer', agencyId: agencies['ubnd-xa:02215'], communeCode: '02215' })).username,
    );
    const q = await buildUser(db, { role: 'case_officer', agencyId: agencies.qltt });
    qlttId = q.id;
    qltt = await loginCookie(t.app, q.username);

    const receive = async (input: RequestInput) => (await receiveRequest(t.sysCtx(), input)).receipt;
    const fake = await receive(
      body({
        consumer: { fullName: 'Lê Thị Hoa', phone: '0912000222', birthYear: 1950 },
        business: { name: 'Shop Mỹ Phẩm Hồng Nhung', taxCode: '5000333444', website: 'https://hongnhung.example.vn' },
        description:
          'Tôi mua phải hàng giả: nước hoa không có tem chống giả, mùi khác hẳn hàng chính hãng. Cửa hàng không chịu hoàn tiền, đề nghị hỗ trợ thương lượng.',
      }),
    );
    const blender = await receive(
      body({
        description: 'Máy xay sinh tố mua trên trang web bị hỏng động cơ sau một tuần, cửa hàng từ chối bảo hành và không đổi máy mới.',
      }),
    );
    const ward = await receive(
      body({
        kind: 'complaint',
        business: { name: 'Quán tạp hóa Minh Xuân', address: '5 Tân Trào, phường Minh Xuân' },
        transaction: { date: '2026-11-21', amountVnd: 120_000, productOrService: 'dầu ăn', place: { communeCode: '02215' } },
        description: 'Quán tạp hóa bán chai dầu ăn đã quá hạn sử dụng, tôi đề nghị đổi lại nhưng chủ quán không đồng ý.',
      }),
    );
    // Same consumer, business and transaction as `blender`: a duplicate.
    const dup = await receive(
      body({ description: 'Gửi lại: máy xay sinh tố mua trên trang web bị hỏng động cơ, cửa hàng không bảo hành, tôi muốn được đổi máy.' }),
    );
    assert.equal(fake.routing.agency.id, agencies['so-cong-thuong'], fake.routing.reason);
    assert.equal(blender.routing.agency.id, agencies['so-cong-thuong'], blender.routing.reason);
    assert.equal(dup.routing.agency.id, agencies['so-cong-thuong'], dup.routing.reason);
    assert.equal(ward.routing.agency.id, agencies['ubnd-xa:02215'], ward.routing.reason);
    Object.assign(cases, { fake, blender, ward, dup });
  });
  after(() => t.close());

  describe('inbox', () => {
    test('an officer sees the cases of their agency, vulnerable consumers first, with dates as dd/mm/yyyy', async () => {
      const r = await get('/requests', officer.cookie);
      assert.equal(r.statusCode, 200);
      assert.equal(r.headers['cache-control'], 'no-store');
      assert.match(r.body, /<caption>/);
      assert.match(r.body, /<th scope="col">Mã hồ sơ<\/th>/);
      for (const c of [cases.fake, cases.blender, cases.dup]) assert.ok(r.body.includes(c.code), c.code);
      assert.ok(!r.body.includes(cases.ward.code), 'another agency’s case is not listed');
      assert.ok(r.body.indexOf(cases.fake.code) < r.body.indexOf(cases.blender.code), 'the elderly consumer comes first');
      assert.match(r.body, /Ưu tiên: Người cao tuổi/);
      assert.match(r.body, /26\/11\/2026/);
      assert.match(r.body, /Shop Mỹ Phẩm Hồng Nhung/);
      assert.match(r.body, /Chưa giao/);
      assert.match(r.body, /href="\/requests"[^>]*>Hồ sơ</, 'the nav links to the inbox');
      assert.ok(!r.body.includes('name="ids"'), 'a case officer may not bulk-assign');
    });

    test('the search is accent-insensitive: "hang gia" finds "hàng giả"', async () => {
      const r = await get('/requests?q=hang+gia', officer.cookie);
      assert.equal(r.statusCode, 200);
      assert.ok(r.body.includes(cases.fake.code));
      assert.ok(!r.body.includes(cases.blender.code));
      assert.match(r.body, /value="hang gia"/, 'the search box keeps the query');
      const byCode = await get(`/requests?q=${cases.blender.code}`, officer.cookie);
      assert.ok(byCode.body.includes(cases.blender.code) && !byCode.body.includes(cases.fake.code));
    });

    test('filters narrow the list, blank filters are ignored, and a bad filter is reported', async () => {
      const vulnerable = await get('/requests?q=&status=&vulnerable=true&sector=&overdue=', officer.cookie);
      assert.equal(vulnerable.statusCode, 200);
      assert.ok(vulnerable.body.includes(cases.fake.code) && !vulnerable.body.includes(cases.blender.code));
      const others = await get('/requests?vulnerable=false', officer.cookie);
      assert.ok(!others.body.includes(cases.fake.code) && others.body.includes(cases.blender.code));
      const overdue = await get('/requests?overdue=true', officer.cookie);
      assert.match(overdue.body, /Không có hồ sơ nào khớp với bộ lọc/);
      const resolved = await get('/requests?status=resolved', officer.cookie);
      assert.match(resolved.body, /Không có hồ sơ nào khớp với bộ lọc/);
      const channel = await get('/requests?channel=hotline', officer.cookie);
      assert.match(channel.body, /Không có hồ sơ nào khớp với bộ lọc/);
      const bad = await get('/requests?sector=not-a-sector', officer.cookie);
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /class="error-summary"/);
      assert.match(bad.body, /Giá trị lọc không hợp lệ: Lĩnh vực/);
    });

    test('pagination keeps the filters', async () => {
      const r = await get('/requests?page=2&vulnerable=false', officer.cookie);
      assert.equal(r.statusCode, 200);
      assert.match(r.body, /Trang 2\/1/);
      assert.match(r.body, /href="\/requests\?vulnerable=false&amp;page=1"/);
    });

    test('a commune officer sees only their commune’s cases', async () => {
      const r = await get('/requests', commune);
      assert.equal(r.statusCode, 200);
      assert.ok(r.body.includes(cases.ward.code));
      for (const c of [cases.fake, cases.blender, cases.dup]) assert.ok(!r.body.includes(c.code));
      assert.ok(!r.body.includes('id="f-commune"'), 'no commune filter: the scope is the commune');
      assert.equal((await get(`/requests/${cases.fake.id}`, commune)).statusCode, 404);
      assert.equal((await get(`/requests/${cases.ward.id}`, commune)).statusCode, 200);
    });

    test('an anonymous visitor is sent to the login page; a business user is refused', async () => {
      const r = await get('/requests');
      assert.equal(r.statusCode, 302);
      assert.match(String(r.headers.location), /^\/login\?next=/);
      const biz = await loginCookie(t.app, (await buildUser(t.database.db, { role: 'business' })).username);
      assert.equal((await get('/requests', biz)).statusCode, 403);
    });
  });

  describe('case page', () => {
    test('shows the summary, classification, routing with alternatives, clocks with their explanation and the timeline', async () => {
      const r = await get(`/requests/${cases.fake.id}`, officer.cookie);
      assert.equal(r.statusCode, 200);
      assert.match(r.body, new RegExp(`<h1>Hồ sơ ${cases.fake.code}</h1>`));
      assert.match(r.body, /Lê Thị Hoa/);
      assert.match(r.body, /Shop Mỹ Phẩm Hồng Nhung · MST 5000333444/);
      assert.match(r.body, /Doanh nghiệp từ chối, ngày 22\/11\/2026/);
      assert.match(r.body, /2\.500\.000 đ/);
      assert.match(r.body, /Độ tin cậy/);
      assert.match(r.body, /Vì sao hệ thống phân loại như vậy/);
      assert.match(r.body, /Cơ quan khác có thể có thẩm quyền/);
      assert.match(r.body, /<h2 id="clocks-h">Thời hạn<\/h2>/);
      assert.match(r.body, /Cách tính thời hạn<\/summary>/);
      assert.match(r.body, /Điều 147 Bộ luật Dân sự 2015/, 'the clock explains how it counts');
      assert.match(r.body, /<h2 id="timeline-h">Diễn biến<\/h2>/);
      assert.match(r.body, /Đã tiếp nhận hồ sơ/);
      assert.match(r.body, /Chưa có tài liệu/);
      for (const form of ['status', 'refuse', 'reroute', 'note', 'classification'])
        assert.ok(r.body.includes(`action="/requests/${cases.fake.id}/actions/${form}"`), form);
      // "Not our competence" returns a case to the focal agency: offered only away from it.
      const atFocal =
        (await t.database.db.selectFrom('request').select('agency_kind').where('id', '=', cases.fake.id).executeTakeFirstOrThrow())
          .agency_kind === 'so-cong-thuong';
      assert.equal(r.body.includes(`action="/requests/${cases.fake.id}/actions/bounce"`), !atFocal, 'bounce');
      assert.ok(!r.body.includes('/actions/assign'), 'a case officer may not assign');
      // The five Art. 58 grounds, with their labels.
      assert.equal((r.body.match(/<option value="art58_/g) ?? []).length, 5);
      assert.match(r.body, /Điều 58 khoản 4 Luật BVQLNTD 2023: yêu cầu không thuộc thẩm quyền/);
      // The re-route select offers other agencies, the routing engine's alternatives first.
      assert.ok(r.body.includes(`<option value="${agencies.qltt}">`));
      assert.ok(!r.body.includes(`<option value="${agencies['so-cong-thuong']}">`), 'not the current agency');
    });

    test('an inspector reads the case without any action form', async () => {
      const r = await get(`/requests/${cases.fake.id}`, inspector);
      assert.equal(r.statusCode, 200);
      assert.ok(!r.body.includes('/actions/'));
      assert.match(r.body, /Bạn không có thao tác nào/);
    });

    test('attachments are listed as download links', async () => {
      await t.database.db
        .insertInto('request_attachment')
        .values({
          request_id: cases.dup.id,
          filename: 'hoa-don.pdf',
          media_type: 'application/pdf',
          size_bytes: 20480,
          sha256: 'a'.repeat(64),
          storage_key: 'test/hoa-don.pdf',
          created_at: new Date('2026-11-26T04:00:00Z'),
        })
        .execute();
      const r = await get(`/requests/${cases.dup.id}`, officer.cookie);
      assert.match(r.body, new RegExp(`href="/api/v1/requests/${cases.dup.id}/attachments/[0-9a-f-]{36}"[^>]*>hoa-don.pdf</a>`));
      assert.match(r.body, /application\/pdf, 20 KB/);
    });

    test('an unknown case answers 404, a malformed id 400', async () => {
      assert.equal((await get('/requests/00000000-0000-4000-8000-000000000000', officer.cookie)).statusCode, 404);
      assert.equal((await get('/requests/abc', officer.cookie)).statusCode, 400);
    });
  });

  describe('case actions', () => {
    test('adding an internal note redirects back with a notice and shows the note', async () => {
      const page = `/requests/${cases.blender.id}`;
      const r = await submit(page, `${page}/actions/note`, officer.cookie, { body: 'Đã gọi điện cho cửa hàng, hẹn trả lời trong tuần.' });
      assert.equal(r.statusCode, 303);
      assert.equal(r.headers.location, `${page}?done=note#notes`);
      const after = await get(`${page}?done=note`, officer.cookie);
      assert.match(after.body, /role="status">Đã thêm ghi chú nội bộ\./);
      assert.match(after.body, /Đã gọi điện cho cửa hàng, hẹn trả lời trong tuần\./);
    });

    test('an empty note shows the error summary linked to the field', async () => {
      const page = `/requests/${cases.blender.id}`;
      const r = await submit(page, `${page}/actions/note`, officer.cookie, { body: '   ' });
      assert.equal(r.statusCode, 400);
      assert.match(r.body, /class="error-summary"/);
      assert.match(r.body, /href="#note-body">Nhập nội dung ghi chú/);
      assert.match(r.body, /id="note-body-error"/);
    });

    test('a form without the CSRF token is refused', async () => {
      const r = await post(`/requests/${cases.blender.id}/actions/note`, officer.cookie, { body: 'Không có mã CSRF' });
      assert.equal(r.statusCode, 403);
    });

    test('a status change goes through the transition table, and an invalid one is explained', async () => {
      const page = `/requests/${cases.blender.id}`;
      const none = await submit(page, `${page}/actions/status`, officer.cookie, {});
      assert.equal(none.statusCode, 400);
      assert.match(none.body, /href="#status-to">Chọn trạng thái mới\./);
      const bad = await submit(page, `${page}/actions/status`, officer.cookie, { to: 'resolved' });
      assert.equal(bad.statusCode, 409);
      assert.match(bad.body, /Không thể chuyển hồ sơ từ trạng thái/);
      assert.match(bad.body, /<details class="action" id="status-form" open/, 'the form is shown again');
      const ok = await submit(page, `${page}/actions/status`, officer.cookie, {
        to: 'accepted',
        note: 'Đủ hồ sơ',
        publicNote: 'Cơ quan đã thụ lý.',
      });
      assert.equal(ok.statusCode, 303);
      const after = await get(`${page}?done=status`, officer.cookie);
      assert.match(after.body, /Đã cập nhật trạng thái hồ sơ: Đã thụ lý\./);
      assert.match(after.body, /Đã thụ lý: Cơ quan đã thụ lý\./, 'the timeline shows the public note');
    });

    test('the classification can be corrected; no violation chosen is an error', async () => {
      const page = `/requests/${cases.blender.id}`;
      const bad = await submit(page, `${page}/actions/classification`, officer.cookie, { sector: 'electronics-appliances' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /href="#classification-violations">Chọn ít nhất một hành vi vi phạm\./);
      const ok = await submit(page, `${page}/actions/classification`, officer.cookie, {
        sector: 'electronics-appliances',
        violations: ['warranty', 'complaint-refusal'],
      });
      assert.equal(ok.statusCode, 303);
      const after = await get(ok.headers.location as string, officer.cookie);
      assert.match(after.body, /Đã lưu phân loại/);
      assert.match(after.body, /Cán bộ đã sửa|vi phạm bảo hành/);
    });

    test('refusing needs one of the five Art. 58 grounds and an explanation', async () => {
      const page = `/requests/${cases.fake.id}`;
      const bad = await submit(page, `${page}/actions/refuse`, officer.cookie, { ground: 'art58_9_made_up', explanation: 'x' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /href="#refuse-ground">Chọn một căn cứ từ chối của Điều 58\./);
      assert.match(bad.body, /href="#refuse-explanation">/);
      assert.match(bad.body, /<details class="action" id="refuse-form" open/, 'the refusal form is shown open');
    });

    test('merging a duplicate closes it and points to the earlier case', async () => {
      const page = `/requests/${cases.dup.id}`;
      const view = await get(page, officer.cookie);
      assert.match(view.body, /Hồ sơ có thể trùng/);
      assert.ok(view.body.includes(`value="${cases.blender.id}"`), 'the merge form names the earlier case');
      const unknown = await submit(page, `${page}/actions/merge`, officer.cookie, { intoId: '00000000-0000-4000-8000-000000000000' });
      assert.equal(unknown.statusCode, 404);
      assert.match(unknown.body, /Không tìm thấy hồ sơ cần gộp vào trong phạm vi của bạn\./);
      const ok = await submit(page, `${page}/actions/merge`, officer.cookie, { intoId: cases.blender.id });
      assert.equal(ok.statusCode, 303);
      const after = await get(ok.headers.location as string, officer.cookie);
      assert.match(after.body, /Đã gộp hồ sơ này vào hồ sơ trước/);
      assert.match(after.body, /Đã đóng/);
    });

    test('re-routing sends the case to another agency with the reason, and it leaves the inbox', async () => {
      const page = `/requests/${cases.fake.id}`;
      const bad = await submit(page, `${page}/actions/reroute`, officer.cookie, { agencyId: agencies.qltt!, reason: 'x' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /href="#reroute-reason">Nhập lý do chuyển/);
      assert.ok(bad.body.includes(`<option value="${agencies.qltt}" selected`), 'the chosen agency is kept');
      const ok = await submit(page, `${page}/actions/reroute`, officer.cookie, {
        agencyId: agencies.qltt!,
        reason: 'Hàng giả thuộc thẩm quyền của Quản lý thị trường.',
      });
      assert.equal(ok.statusCode, 303);
      assert.equal(ok.headers.location, `/requests?done=rerouted&code=${cases.fake.code}`);
      const inbox = await get(ok.headers.location as string, officer.cookie);
      assert.match(inbox.body, new RegExp(`Đã chuyển hồ sơ ${cases.fake.code} sang cơ quan khác`));
      assert.ok(!inbox.body.includes(`href="/requests/${cases.fake.id}"`));
      assert.equal((await get(page, officer.cookie)).statusCode, 404, 'out of the officer’s scope now');
      const there = await get(page, qltt);
      assert.equal(there.statusCode, 200);
      assert.match(there.body, /Hàng giả thuộc thẩm quyền của Quản lý thị trường\./);
    });

    test('bouncing returns the case to the focal agency; at the focal agency it is explained', async () => {
      const page = `/requests/${cases.fake.id}`;
      const ok = await submit(page, `${page}/actions/bounce`, qltt, {
        reason: 'Người tiêu dùng yêu cầu hỗ trợ thương lượng, không phải xử phạt.',
      });
      assert.equal(ok.statusCode, 303);
      assert.match(String(ok.headers.location), /done=bounced/);
      const again = await submit(page, `${page}/actions/bounce`, officer.cookie, { reason: 'Thử trả về lần nữa.' });
      assert.equal(again.statusCode, 409);
      assert.match(again.body, /Hồ sơ đang ở cơ quan đầu mối/);
    });

    test('refusing with a ground and an explanation closes the case as refused', async () => {
      const page = `/requests/${cases.fake.id}`;
      const ok = await submit(page, `${page}/actions/refuse`, officer.cookie, {
        ground: 'art58_5_already_resolved',
        explanation: 'Vụ việc đang được Tòa án giải quyết.',
      });
      assert.equal(ok.statusCode, 303);
      const after = await get(ok.headers.location as string, officer.cookie);
      assert.match(after.body, /Đã từ chối hồ sơ/);
      assert.match(after.body, /Vụ việc đang được Tòa án giải quyết\./);
    });

    test('a caller without the permission is refused before the form is read', async () => {
      const page = `/requests/${cases.blender.id}`;
      const r = await submit(page, `${page}/actions/note`, inspector, { body: 'Ghi chú' });
      assert.equal(r.statusCode, 403);
    });
  });

  describe('assignment', () => {
    test('a manager bulk-assigns the checked cases to an officer', async () => {
      const inbox = await get('/requests?vulnerable=false', manager.cookie);
      assert.match(inbox.body, /name="ids"/);
      assert.match(inbox.body, /<label for="sel-[^"]+" class="vh">Chọn hồ sơ YC-/);
      assert.ok(inbox.body.includes(`<option value="${officer.id}">`), 'the officer is offered');
      const missing = await submit('/requests', '/requests/assign', manager.cookie, { back: 'vulnerable=false', ids: [cases.blender.id] });
      assert.equal(missing.statusCode, 400);
      assert.match(missing.body, /href="#assigneeId">Chọn cán bộ xử lý\./);
      assert.match(missing.body, new RegExp(`value="${cases.blender.id}" checked`), 'the selection is kept');
      const ok = await submit('/requests', '/requests/assign', manager.cookie, {
        back: 'vulnerable=false',
        ids: [cases.blender.id],
        assigneeId: officer.id,
      });
      assert.equal(ok.statusCode, 303);
      assert.equal(ok.headers.location, '/requests?vulnerable=false&done=assigned&n=1');
      const after = await get(ok.headers.location as string, manager.cookie);
      assert.match(after.body, /Đã giao 1 hồ sơ\./);
      const mine = await get('/requests?assignedTo=me', officer.cookie);
      assert.ok(mine.body.includes(cases.blender.code));
    });

    test('assigning to someone outside the agency shows the service’s message', async () => {
      const r = await submit('/requests', '/requests/assign', manager.cookie, { ids: [cases.blender.id], assigneeId: qlttId });
      assert.equal(r.statusCode, 400);
      assert.match(r.body, /class="error-summary"/);
      assert.match(r.body, new RegExp(`Cán bộ được giao không thuộc cơ quan xử lý hồ sơ ${cases.blender.code}`));
    });

    test('the case page offers single assignment to a manager, and a case officer may not assign', async () => {
      const page = `/requests/${cases.blender.id}`;
      const ok = await submit(page, `${page}/actions/assign`, manager.cookie, { assigneeId: 'none' });
      assert.equal(ok.statusCode, 303);
      const after = await get(ok.headers.location as string, manager.cookie);
      assert.match(after.body, /Hồ sơ hiện chưa giao cho cán bộ nào\./);
      const denied = await submit('/requests', '/requests/assign', officer.cookie, { ids: [cases.blender.id], assigneeId: officer.id });
      assert.equal(denied.statusCode, 403);
    });
  });
  describe('negotiation on the case page (issue 5)', () => {
    let fan: { id: string; code: string };
    before(async () => {
      fan = (
        await receiveRequest(
          t.sysCtx(),
          body({
            business: { name: 'Cửa hàng Điện máy Gió Mát', taxCode: '5000777888', website: 'https://giomat.example.vn' },
            description:
              'Quạt điều hòa mua trên trang web chạy được hai ngày thì cháy mô tơ, cửa hàng hẹn mãi không đổi, đề nghị hỗ trợ thương lượng.',
          }),
        )
      ).receipt;
    });

    test('a request for negotiation support offers forwarding with the case’s tax code; an inspector gets no form', async () => {
      const r = await get(`/requests/${fan.id}`, officer.cookie);
      assert.match(r.body, /<summary>Chuyển doanh nghiệp thương lượng<\/summary>/);
      assert.ok(r.body.includes(`action="/requests/${fan.id}/actions/forward"`));
      assert.match(r.body, /name="taxCode" value="5000777888"/);
      assert.match(r.body, /Điều 59 khoản 1 điểm d/, 'confidentiality can be asked for');
      assert.ok(!r.body.includes('id="negotiation-h"'), 'no negotiation panel before forwarding');
      const seen = await get(`/requests/${fan.id}`, inspector);
      assert.ok(!seen.body.includes('/actions/forward'));
    });

    test('closing has its own form with a required outcome; a closed case shows its outcome and hours per stage', async () => {
      const page = `/requests/${fan.id}`;
      const r = await get(page, officer.cookie);
      assert.ok(!/name="to" value="closed"/.test(r.body), 'the status form does not close');
      assert.match(r.body, /<select id="close-outcome" name="outcome"/);
      const none = await submit(page, `${page}/actions/close`, officer.cookie, { note: 'Người tiêu dùng rút yêu cầu qua điện thoại.' });
      assert.equal(none.statusCode, 400);
      assert.match(none.body, /href="#close-outcome">Chọn kết quả giải quyết trước khi đóng hồ sơ\./);
      assert.match(none.body, /<details class="action" id="close-form" open/);
      assert.match(none.body, /Người tiêu dùng rút yêu cầu qua điện thoại\./, 'what was typed is kept');
      const bad = await submit(page, `${page}/actions/close`, officer.cookie, { outcome: 'vui_long' });
      assert.equal(bad.statusCode, 400);
      const ok = await submit(page, `${page}/actions/close`, officer.cookie, {
        outcome: 'withdrawn',
        publicNote: 'Quý vị đã rút yêu cầu ngày 26/11/2026.',
      });
      assert.equal(ok.statusCode, 303);
      const after = await get(ok.headers.location as string, officer.cookie);
      assert.match(after.body, /Đã đóng hồ sơ: Người tiêu dùng rút yêu cầu\./);
      assert.match(after.body, /<h2 id="closing-h">Kết quả giải quyết<\/h2>/);
      assert.match(after.body, /Tổng thời gian<\/dt><dd>0 giờ/);
      assert.ok(!after.body.includes('/actions/close"'), 'closed once');
    });
  });
});
