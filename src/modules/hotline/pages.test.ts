import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildUser, loginCookie } from '../../../test/factories.js';
import { testApp, type TestApp } from '../../../test/harness.js';
import { seedDemoDirectory } from '../directory/index.js';

const html = { accept: 'text/html' };
const csrfOf = (body: string) => body.match(/name="_csrf" value="([^"]+)"/)![1]!;
const idemOf = (body: string) => body.match(/name="idem" value="([^"]+)"/)![1]!;

describe('the hotline console page', () => {
  let t: TestApp;
  let operator: string;
  const get = (url: string, cookie = operator) => t.app.inject({ method: 'GET', url, headers: { ...html, cookie } });
  const post = (url: string, form: Record<string, string | string[]>, cookie = operator) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(form)) for (const x of [v].flat()) q.append(k, x);
    return t.app.inject({
      method: 'POST',
      url,
      payload: q.toString(),
      headers: { ...html, cookie, 'content-type': 'application/x-www-form-urlencoded' },
    });
  };
  const caseForm = (csrf: string, idem: string) => ({
    _csrf: csrf,
    idem,
    phone: '0912 888 777',
    fullName: 'Lê Văn Tâm',
    birthYear: '1990',
    kind: 'complaint',
    vulnerable: ['disability'],
    businessName: 'Siêu thị Điện máy Xanh Tân Trào',
    businessAddress: 'Phường Minh Xuân, Tuyên Quang',
    txnDate: '20/11/2026',
    product: 'tủ lạnh',
    amount: '8.490.000',
    description: 'Tủ lạnh mới mua một tuần đã không lạnh, cửa hàng hẹn sửa nhưng không đến.',
    priorReply: 'none',
    consent: 'on',
  });

  before(async () => {
    t = await testApp({ RATE_LIMIT_PUBLIC_PER_MIN: 1_000_000 });
    await seedDemoDirectory(t.sysCtx(), '08');
    operator = await loginCookie(t.app, (await buildUser(t.database.db, { role: 'hotline_operator' })).username);
  });
  after(() => t.close());

  it('sends an anonymous browser to the login page and refuses roles without requests.intake', async () => {
    const anon = await t.app.inject({ method: 'GET', url: '/hotline', headers: html });
    assert.equal(anon.statusCode, 302);
    assert.match(String(anon.headers.location), /^\/login\?next=%2Fhotline/);
    const mediator = await loginCookie(t.app, (await buildUser(t.database.db, { role: 'mediator' })).username);
    const r = await get('/hotline', mediator);
    assert.equal(r.statusCode, 403);
    assert.doesNotMatch(r.body, /href="\/hotline"/, 'no nav link without the permission');
  });

  it('shows the console in Vietnamese with a nav link, the forms and the queue', async () => {
    const r = await get('/hotline');
    assert.equal(r.statusCode, 200);
    assert.equal(r.headers['cache-control'], 'no-store');
    assert.match(r.body, /<html lang="vi"/);
    assert.match(r.body, /<h1>Tổng đài tư vấn, hỗ trợ người tiêu dùng<\/h1>/);
    assert.match(r.body, /<a href="\/hotline" aria-current="page">Tổng đài<\/a>/);
    for (const id of ['caller', 'case', 'answers', 'advice', 'missed', 'queue']) assert.match(r.body, new RegExp(`<h2 id="${id}">`));
    for (const action of ['/hotline/case', '/hotline/advice', '/hotline/missed']) assert.match(r.body, new RegExp(`action="${action}"`));
    assert.match(r.body, /Không có yêu cầu gọi lại nào\./);
    const en = await get('/hotline?lang=en');
    assert.match(en.body, /<h1>Consumer hotline console<\/h1>/);
    await get('/hotline?lang=vi');
  });

  it('refuses a form post without the CSRF token', async () => {
    const r = await post('/hotline/missed', { phone: '0912000000' });
    assert.equal(r.statusCode, 403);
    assert.equal(await t.database.db.selectFrom('hotline_call').select('id').executeTakeFirst(), undefined);
  });

  it('shows field errors in an error summary and keeps what was typed', async () => {
    const page = await get('/hotline');
    const r = await post('/hotline/case', {
      _csrf: csrfOf(page.body),
      idem: idemOf(page.body),
      phone: '0912 888 777',
      description: 'ngắn',
    });
    assert.equal(r.statusCode, 400);
    assert.match(r.body, /class="error-summary" role="alert"/);
    for (const field of ['case-fullName', 'case-businessName', 'case-description', 'case-consent'])
      assert.match(r.body, new RegExp(`href="#${field}"`), field);
    assert.match(r.body, /Ghi nội dung sự việc, ít nhất 20 ký tự/);
    assert.match(r.body, /Cần đọc thông báo về dữ liệu cá nhân/);
    assert.match(r.body, /id="case-phone" name="phone" value="0912 888 777"/);
    assert.match(r.body, /<textarea id="case-description" name="description"[^>]*>ngắn<\/textarea>/);

    const lookup = await get('/hotline?phone=12ab');
    assert.equal(lookup.statusCode, 400);
    assert.match(lookup.body, /href="#lookup-phone"/);
  });

  it('creates a case from the call, shows its code and secret once, and a reload does not create a second', async () => {
    const page = await get('/hotline?phone=0912888777');
    assert.match(page.body, /Chưa có hồ sơ nào với số này\./);
    assert.match(page.body, /name="startedAt" value="2026-11-26T03:00:00.000Z"/, 'the lookup opens the call');
    const form = caseForm(csrfOf(page.body), idemOf(page.body));
    const r = await post('/hotline/case', form);
    assert.equal(r.statusCode, 200, r.body.slice(0, 2000));
    const code = r.body.match(/data-testid="case-code">(YC-2026-\d{6})</)?.[1];
    assert.ok(code, 'the code is shown');
    assert.match(r.body, /Đã tạo hồ sơ YC-2026-\d{6}/);
    assert.match(r.body, /Mã bí mật/);
    const again = await post('/hotline/case', form);
    assert.equal(again.statusCode, 200);
    assert.match(again.body, new RegExp(`data-testid="case-code">${code}<`));
    const rows = await t.database.db.selectFrom('request').select(['code', 'channel', 'kind', 'amount_vnd', 'vulnerable', 'txn']).execute();
    assert.equal(rows.length, 1);
    assert.deepEqual(rows[0], {
      code,
      channel: 'hotline',
      kind: 'complaint',
      amount_vnd: '8490000',
      vulnerable: ['disability'],
      txn: { date: '2026-11-20', productOrService: 'tủ lạnh', amountVnd: 8490000 },
    });
    const lookup = await get('/hotline?phone=0912888777');
    assert.match(lookup.body, new RegExp(`<strong>${code}</strong>`));
    assert.match(lookup.body, /Hồ sơ trước đây \(1\)/);
  });

  it('finds a quick answer without diacritics and records advice with it', async () => {
    const search = await get('/hotline?q=doi+tra+hang');
    assert.equal(search.statusCode, 200);
    assert.match(search.body, /đổi trả, hoàn tiền không\?/);
    const link = search.body.match(/href="(\/hotline\?[^"]*answer=[^"]+)#advice"/)?.[1]?.replace(/&amp;/g, '&');
    assert.ok(link);
    const chosen = await get(link);
    const answerId = chosen.body.match(/name="answerId" value="([^"]+)"/)?.[1];
    assert.ok(answerId);
    assert.match(chosen.body, /<option value="return-exchange" selected>/);
    const r = await post('/hotline/advice', {
      _csrf: csrfOf(chosen.body),
      answerId,
      topic: 'return-exchange',
      summary: 'Hướng dẫn trả hàng mua online',
    });
    assert.equal(r.statusCode, 303);
    assert.equal(r.headers.location, '/hotline?done=advice');
    assert.match((await get('/hotline?done=advice')).body, /role="status">Đã ghi nhận cuộc gọi tư vấn\./);
    const bad = await post('/hotline/advice', { _csrf: csrfOf(chosen.body), summary: 'x' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /href="#advice-topic"/);
    assert.match(bad.body, /href="#advice-summary"/);
  });

  it('logs a missed call, shows the call-back with its due-by, and records its outcome', async () => {
    const page = await get('/hotline');
    const r = await post('/hotline/missed', { _csrf: csrfOf(page.body), phone: '0915 222 333', missedAt: '2026-11-26T09:40' });
    assert.equal(r.statusCode, 303);
    assert.equal(r.headers.location, '/hotline?done=missed#queue');
    const queue = await get('/hotline?done=missed');
    assert.match(queue.body, /<a href="tel:0915222333">0915 222 333<\/a>/);
    assert.match(queue.body, /26\/11\/2026 09:40/);
    assert.match(queue.body, /27\/11\/2026 17:00/, 'due by 17:00 on the next working day');
    const id = queue.body.match(/action="\/hotline\/callbacks\/([0-9a-f-]+)\/attempts"/)?.[1];
    assert.ok(id);

    const noResult = await post(`/hotline/callbacks/${id}/attempts`, { _csrf: csrfOf(queue.body), note: 'x' });
    assert.equal(noResult.statusCode, 400);
    assert.match(noResult.body, new RegExp(`href="#cb-${id}-result"`));
    const noNote = await post(`/hotline/callbacks/${id}/attempts`, { _csrf: csrfOf(queue.body), result: 'reached' });
    assert.equal(noNote.statusCode, 400);
    assert.match(noNote.body, new RegExp(`href="#cb-${id}-note"`));

    const done = await post(`/hotline/callbacks/${id}/attempts`, {
      _csrf: csrfOf(queue.body),
      result: 'reached',
      note: 'Đã tư vấn bảo hành',
    });
    assert.equal(done.statusCode, 303);
    const closed = await get('/hotline?queue=closed');
    assert.match(closed.body, /Đã gọi lại/);
    assert.match(closed.body, /Đã tư vấn bảo hành/);
    const again = await post(`/hotline/callbacks/${id}/attempts`, { _csrf: csrfOf(queue.body), result: 'busy' });
    assert.equal(again.statusCode, 409);
    assert.match(again.body, /Yêu cầu gọi lại đã đóng/);

    const typed = await post('/hotline/missed', { _csrf: csrfOf(page.body), phone: '0915 222 555', missedAt: '9:15' });
    assert.equal(typed.statusCode, 303, 'an operator types the time of day');
    assert.match((await get('/hotline')).body, /26\/11\/2026 09:15/);

    const future = await post('/hotline/missed', { _csrf: csrfOf(page.body), phone: '0915 222 444', missedAt: '2026-11-27T09:40' });
    assert.equal(future.statusCode, 400);
    assert.match(future.body, /href="#missed-missedAt"/);
  });
});
