import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, type TestApp } from '../../../test/harness.js';

const html = { accept: 'text/html' };
const MAX_PAGE_BYTES = 150 * 1024;
const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(64, 1)]);

type Fields = [string, string][];

const attr = (body: string, name: string) => body.match(new RegExp(`name="${name}" value="([^"]*)"`))?.[1];
const decode = (s: string) =>
  s
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');

const step1: Fields = [
  ['kind', 'complaint'],
  ['description', 'Tôi mua một chiếc điện thoại, màn hình bị sọc ngay khi mở hộp; cửa hàng từ chối đổi máy mới.'],
  ['desiredOutcome', 'Đổi máy mới'],
];
const step2: Fields = [
  ['businessName', 'Cửa hàng Điện máy Minh Phát'],
  ['businessAddress', '12 Đường Nguyễn Trãi, Hà Giang'],
  ['businessTaxCode', ''],
  ['businessWebsite', ''],
  ['businessPlatform', ''],
  ['businessPhone', ''],
];
const step3: Fields = [
  ['txDay', '3'],
  ['txMonth', '11'],
  ['txYear', '2026'],
  ['txProduct', 'Điện thoại Galaxy A'],
  ['txAmount', '4.990.000'],
  ['txPlace', 'commune'],
  ['txCommune', '00691'],
  ['txUrl', ''],
  ['priorContact', 'refused'],
  ['pcDay', '5'],
  ['pcMonth', '11'],
  ['pcYear', '2026'],
];
const step4: Fields = [
  ['fullName', 'Nguyễn Thị Lan'],
  ['phone', '0912 345 678'],
  ['email', ''],
  ['birthYear', '1958'],
  ['addressLine', 'Tổ 5'],
  ['addressCommune', '00694'],
  ['vulnerable', 'disability'],
];

describe('the public request form and tracking pages', () => {
  let t: TestApp;
  let cookie: string;
  let csrf: string;

  before(async () => {
    t = await testApp({ RATE_LIMIT_PUBLIC_PER_MIN: 1_000_000 });
    const start = await t.app.inject({ method: 'GET', url: '/gui-yeu-cau', headers: html });
    cookie = start.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const first = await get('/gui-yeu-cau/su-viec');
    csrf = attr(first.body, '_csrf')!;
  });
  after(() => t.close());

  function get(url: string) {
    return t.app.inject({ method: 'GET', url, headers: { ...html, cookie } });
  }
  function post(url: string, fields: Fields, withCsrf = true) {
    const form = new URLSearchParams(withCsrf ? [['_csrf', csrf], ...fields] : fields);
    return t.app.inject({
      method: 'POST',
      url,
      headers: { ...html, cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: form.toString(),
    });
  }
  const countCases = async () =>
    Number(
      (
        await t.database.db
          .selectFrom('request')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  function assertSmall(r: { body: string }, what: string) {
    assert.ok(Buffer.byteLength(r.body) < MAX_PAGE_BYTES, `${what} is ${Buffer.byteLength(r.body)} bytes`);
  }

  /** Walks the four steps without JavaScript; answers the check page. */
  async function fillSteps(overrides: { step1?: Fields } = {}) {
    let r = await post('/gui-yeu-cau/su-viec', [['state', ''], ['action', 'next'], ...(overrides.step1 ?? step1)]);
    assert.equal(r.statusCode, 200, r.body.slice(0, 400));
    r = await post('/gui-yeu-cau/doanh-nghiep', [['state', attr(r.body, 'state')!], ['action', 'next'], ...step2]);
    assert.equal(r.statusCode, 200);
    r = await post('/gui-yeu-cau/giao-dich', [['state', attr(r.body, 'state')!], ['action', 'next'], ...step3]);
    assert.equal(r.statusCode, 200);
    r = await post('/gui-yeu-cau/ve-ban', [['state', attr(r.body, 'state')!], ['action', 'next'], ...step4]);
    assert.equal(r.statusCode, 200);
    return r;
  }

  it('shows the start page: what can be sent, what happens next, and the consumer’s options', async () => {
    const r = await get('/gui-yeu-cau');
    assert.equal(r.statusCode, 200);
    assert.match(r.body, /<html lang="vi">/);
    assert.match(r.body, /<h1>Gửi yêu cầu, khiếu nại, phản ánh của người tiêu dùng<\/h1>/);
    assert.match(r.body, /tỉnh Tuyên Quang/);
    assert.match(r.body, /href="\/gui-yeu-cau\/su-viec"/);
    for (const basis of ['Điều 67 khoản 2', 'Điều 69', 'Điều 70 khoản 2', 'Thương lượng', 'Hòa giải', 'Trọng tài', 'Tòa án'])
      assert.ok(r.body.includes(basis), basis);
    assert.match(r.body, /href="\/tra-cuu"/);
    assertSmall(r, 'the start page');
    const privacy = await get('/gui-yeu-cau/quyen-rieng-tu');
    assert.equal(privacy.statusCode, 200);
    assert.match(privacy.body, /Phiên bản 2026-11/);
  });

  it('speaks English when asked, with its own error messages', async () => {
    const start = await get('/gui-yeu-cau?lang=en');
    assert.match(start.body, /<html lang="en">/);
    assert.match(start.body, /<h1>Send a consumer request, complaint or report<\/h1>/);
    const r = await t.app.inject({
      method: 'POST',
      url: '/gui-yeu-cau/su-viec',
      headers: { ...html, cookie: `${cookie}; bvntd_lang=en`, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams([
        ['_csrf', csrf],
        ['state', ''],
        ['description', 'too short'],
      ]).toString(),
    });
    assert.equal(r.statusCode, 400);
    assert.match(r.body, /<a href="#kind">Select what you want to send<\/a>/);
    assert.match(r.body, /<a href="#description">What happened must be at least 20 characters<\/a>/);
  });

  it('renders the first step with its fields, the CSRF token and the honeypot', async () => {
    const r = await get('/gui-yeu-cau/su-viec');
    assert.equal(r.statusCode, 200);
    assert.match(r.body, /Bước 1 trên 4/);
    assert.match(r.body, /<input type="radio" id="kind" name="kind" value="request"/);
    assert.match(r.body, /<textarea id="description" name="description"/);
    assert.match(r.body, /<input type="text" id="website2" name="website2" value(="")? autocomplete="off" tabindex="-1"/);
    assert.match(r.body, /class="rq-hp" aria-hidden="true"/);
    assert.match(r.body, /<script src="\/static\/request-form.js" defer><\/script>/);
    assert.equal(r.headers['cache-control'], 'no-store');
    assertSmall(r, 'step 1');
  });

  it('sends later steps opened without answers back to the start, and answers 404 to unknown steps', async () => {
    const r = await get('/gui-yeu-cau/ve-ban');
    assert.equal(r.statusCode, 303);
    assert.equal(r.headers.location, '/gui-yeu-cau');
    assert.equal((await get('/gui-yeu-cau/khong-co')).statusCode, 404);
  });

  it('shows the error summary with links to the fields and inline Vietnamese messages', async () => {
    const r = await post('/gui-yeu-cau/su-viec', [
      ['state', ''],
      ['action', 'next'],
      ['description', 'ngắn quá'],
    ]);
    assert.equal(r.statusCode, 400);
    assert.match(r.body, /<div class="error-summary" role="alert" tabindex="-1"><h2>Có lỗi cần sửa<\/h2>/);
    assert.match(r.body, /<a href="#kind">Chọn loại yêu cầu bạn muốn gửi<\/a>/);
    assert.match(r.body, /<a href="#description">Mô tả sự việc cần ít nhất 20 ký tự<\/a>/);
    assert.match(r.body, /<p class="field-error" id="description-error">/);
    assert.match(r.body, /aria-describedby="description-hint description-error"/);
    assert.match(r.body, />ngắn quá<\/textarea>/, 'the answer is kept');
    assertSmall(r, 'step 1 with errors');
  });

  it('checks each field of the later steps: dates, amounts, tax code, phone, birth year', async () => {
    let r = await post('/gui-yeu-cau/su-viec', [['state', ''], ['action', 'next'], ...step1]);
    const state1 = attr(r.body, 'state')!;
    r = await post('/gui-yeu-cau/doanh-nghiep', [
      ['state', state1],
      ['action', 'next'],
      ['businessName', ''],
      ['businessTaxCode', '12345'],
    ]);
    assert.equal(r.statusCode, 400);
    assert.match(r.body, /<a href="#businessName">Nhập tên doanh nghiệp, cửa hàng hoặc người bán<\/a>/);
    assert.match(r.body, /<a href="#businessTaxCode">Mã số thuế gồm 10 chữ số \(hoặc 10-3\)<\/a>/);
    r = await post('/gui-yeu-cau/giao-dich', [
      ['state', state1],
      ['action', 'next'],
      ['txDay', '31'],
      ['txMonth', '2'],
      ['txYear', '2026'],
      ['txAmount', 'năm trăm'],
      ['txPlace', 'commune'],
      ['pcDay', '1'],
      ['pcMonth', '1'],
      ['pcYear', '2099'],
    ]);
    assert.equal(r.statusCode, 400);
    assert.match(r.body, /<a href="#txDay">Ngày giao dịch phải là một ngày có thật, ví dụ 27 3 2026<\/a>/);
    assert.match(r.body, /<a href="#txAmount">Nhập số tiền bằng chữ số, ví dụ 1250000<\/a>/);
    assert.match(r.body, /<a href="#txCommune">Chọn xã, phường nơi bạn mua<\/a>/);
    assert.match(r.body, /<a href="#pcDay">Ngày liên hệ doanh nghiệp phải là ngày hôm nay hoặc trước đó<\/a>/);
    r = await post('/gui-yeu-cau/ve-ban', [
      ['state', state1],
      ['action', 'next'],
      ['fullName', ''],
      ['phone', '12'],
      ['birthYear', '58'],
      ['repPhone', '0912345678'],
    ]);
    assert.equal(r.statusCode, 400);
    assert.match(r.body, /<a href="#fullName">Nhập họ và tên<\/a>/);
    assert.match(r.body, /<a href="#phone">Số điện thoại Việt Nam không hợp lệ<\/a>/);
    assert.match(r.body, /<a href="#birthYear">Nhập năm sinh gồm 4 chữ số, ví dụ 1975<\/a>/);
    assert.match(r.body, /<a href="#repName">Nhập họ và tên người đại diện<\/a>/);
    assert.match(r.body, /<a href="#repRelation">Nhập quan hệ với người tiêu dùng<\/a>/);
  });

  it('goes back a step without losing the answers', async () => {
    const r1 = await post('/gui-yeu-cau/su-viec', [['state', ''], ['action', 'next'], ...step1]);
    const back = await post('/gui-yeu-cau/doanh-nghiep', [
      ['state', attr(r1.body, 'state')!],
      ['action', 'back'],
      ['businessName', 'Cửa hàng X'],
    ]);
    assert.equal(back.statusCode, 200);
    assert.match(back.body, /Bước 1 trên 4/);
    assert.match(back.body, /màn hình bị sọc ngay khi mở hộp/);
    assert.match(back.body, /value="complaint" checked/);
    const again = await post('/gui-yeu-cau/su-viec', [['state', attr(back.body, 'state')!], ['action', 'next'], ...step1]);
    assert.match(again.body, /value="Cửa hàng X"/, 'the business name typed before going back is still there');
  });

  it('shows the check page with every answer, "Thay đổi" buttons, where the request will go, and the consent box', async () => {
    const r = await fillSteps();
    assert.match(r.body, /<h1>Kiểm tra thông tin trước khi gửi<\/h1>/);
    for (const text of [
      'Cửa hàng Điện máy Minh Phát',
      '03/11/2026',
      '4.990.000 đ',
      'Phường Hà Giang 2',
      'Doanh nghiệp từ chối giải quyết',
      'Nguyễn Thị Lan',
      'Người khuyết tật',
    ])
      assert.ok(r.body.includes(text), text);
    assert.match(r.body, /formaction="\/gui-yeu-cau\/sua\/doanh-nghiep#businessName"/);
    assert.match(r.body, />Thay đổi<span class="rq-visually-hidden"> tên doanh nghiệp, cửa hàng hoặc người bán<\/span>/);
    assert.match(r.body, /Hồ sơ sẽ được gửi đến/);
    assert.match(r.body, /<p class="rq-route-agency"><strong>[^<]+<\/strong><\/p><p>[^<]+Căn cứ[^<]+<\/p>/);
    assert.match(r.body, /<input type="checkbox" id="consent" name="consent" value="yes"/);
    assert.match(r.body, /<input type="checkbox" id="publish" name="publish" value="yes"/);
    assert.match(r.body, /name="idem" value="[0-9a-f-]{36}"/);
    assertSmall(r, 'the check page');
  });

  it('changes an answer from the check page and comes back to it', async () => {
    const check = await fillSteps();
    const change = await post('/gui-yeu-cau/sua/doanh-nghiep', [
      ['state', attr(check.body, 'state')!],
      ['idem', attr(check.body, 'idem')!],
    ]);
    assert.equal(change.statusCode, 200);
    assert.match(change.body, /name="return" value="check"/);
    assert.match(change.body, /value="Cửa hàng Điện máy Minh Phát"/);
    assert.match(change.body, /Lưu và quay lại trang kiểm tra/);
    const back = await post('/gui-yeu-cau/doanh-nghiep', [
      ['state', attr(change.body, 'state')!],
      ['return', 'check'],
      ['action', 'next'],
      ...step2.map(([k, v]): [string, string] => [k, k === 'businessName' ? 'Siêu thị Điện máy Xanh Lam' : v]),
    ]);
    assert.equal(back.statusCode, 200);
    assert.match(back.body, /<h1>Kiểm tra thông tin trước khi gửi<\/h1>/);
    assert.match(back.body, /Siêu thị Điện máy Xanh Lam/);
    assert.match(back.body, /Nguyễn Thị Lan/, 'the other answers are kept');
  });

  it('keeps every page under 150 KB with the longest description allowed', async () => {
    const long = 'Tôi mua hàng và bị lừa đảo, cửa hàng không trả lời. '.repeat(200).slice(0, 10_000);
    const check = await fillSteps({ step1: [step1[0]!, ['description', long], ['desiredOutcome', 'Hoàn tiền. '.repeat(180)]] });
    assert.match(check.body, /<h1>Kiểm tra thông tin trước khi gửi<\/h1>/);
    assertSmall(check, 'the check page with a 10,000-character description');
    const change = await post('/gui-yeu-cau/sua/su-viec', [['state', attr(check.body, 'state')!]]);
    assert.equal(change.statusCode, 200);
    assertSmall(change, 'step 1 with a 10,000-character description');
  });

  it('needs the consent box ticked before sending', async () => {
    const check = await fillSteps();
    const before = await countCases();
    const r = await post('/gui-yeu-cau/gui', [
      ['state', attr(check.body, 'state')!],
      ['idem', attr(check.body, 'idem')!],
    ]);
    assert.equal(r.statusCode, 400);
    assert.match(r.body, /<a href="#consent">Đánh dấu vào ô đồng ý để gửi yêu cầu<\/a>/);
    assert.equal(await countCases(), before);
  });

  it('files exactly one case from a full submission without JavaScript, also when it is sent twice', async () => {
    const check = await fillSteps();
    const state = attr(check.body, 'state')!;
    const idem = attr(check.body, 'idem')!;
    const before = await countCases();
    const send = () =>
      post('/gui-yeu-cau/gui', [
        ['state', state],
        ['idem', idem],
        ['consent', 'yes'],
        ['publish', 'yes'],
        ['website2', ''],
      ]);
    const first = await send();
    assert.equal(first.statusCode, 303, first.body.slice(0, 500));
    const location = String(first.headers.location);
    assert.match(location, /^\/gui-yeu-cau\/da-gui\/YC-2026-\d{6}\?secret=[A-Za-z0-9_%-]+$/);
    const again = await send();
    assert.equal(again.statusCode, 303);
    assert.equal(again.headers.location, location, 'a refresh or second click lands on the same receipt');
    assert.equal(await countCases(), before + 1);

    const code = location.match(/YC-\d{4}-\d{6}/)![0];
    const row = await t.database.db.selectFrom('request').selectAll().where('code', '=', code).executeTakeFirstOrThrow();
    assert.equal(row.channel, 'web');
    assert.equal(row.kind, 'complaint');
    assert.equal(row.consumer_phone, '0912345678');
    assert.equal(String(row.amount_vnd), '4990000');
    const txDate: unknown = row.transaction_date; // typed string, but the drivers give a Date for a `date` column
    assert.equal(txDate instanceof Date ? txDate.toISOString().slice(0, 10) : txDate, '2026-11-03');
    assert.equal(row.place_commune_code, '00691');
    const consents = row.consents as { privacyNoticeVersion: string; publishNarrative: boolean };
    assert.equal(consents.privacyNoticeVersion, '2026-11');
    assert.equal(consents.publishNarrative, true);
    assert.deepEqual([...row.vulnerable].sort(), ['disability', 'elderly'], 'born 1958: elderly is suggested');
    const prior = row.prior_contact as { businessReply: string; date: string };
    assert.deepEqual(prior, { businessReply: 'refused', date: '2026-11-05' });

    const receipt = await get(location);
    assert.equal(receipt.statusCode, 200);
    const previewed = check.body.match(/<p class="rq-route-agency"><strong>([^<]+)<\/strong>/)?.[1];
    assert.ok(previewed && receipt.body.includes(`Hồ sơ được chuyển đến ${previewed}.`), `the check page named ${previewed}`);
    assert.equal(receipt.headers['cache-control'], 'no-store');
    assert.match(receipt.body, new RegExp(`<p class="rq-panel-code">${code}</p>`));
    const secret = decodeURIComponent(location.split('secret=')[1]!);
    assert.ok(
      decode(receipt.body).includes(`http://localhost:3000/tra-cuu/${code}?secret=${encodeURIComponent(secret)}`),
      'the private tracking link',
    );
    assert.match(receipt.body, /Điều gì xảy ra tiếp theo/);
    assert.match(receipt.body, /Hạn: <strong>\d{2}\/\d{2}\/\d{4}<\/strong>/);
    assert.match(receipt.body, /enctype="multipart\/form-data"/);
    assertSmall(receipt, 'the receipt');
  });

  it('files one case when two clicks arrive at the same time', async () => {
    const check = await fillSteps({
      step1: [...step1.slice(0, 1), ['description', 'Cửa hàng bán nồi cơm điện bị chập điện sau hai ngày dùng, không chịu bảo hành.']],
    });
    const before = await countCases();
    const fields: Fields = [
      ['state', attr(check.body, 'state')!],
      ['idem', attr(check.body, 'idem')!],
      ['consent', 'yes'],
    ];
    const [a, b] = await Promise.all([post('/gui-yeu-cau/gui', fields), post('/gui-yeu-cau/gui', fields)]);
    assert.equal(a.statusCode, 303);
    assert.equal(b.statusCode, 303);
    assert.equal(a.headers.location, b.headers.location);
    assert.equal(await countCases(), before + 1);
  });

  it('refuses a submission whose honeypot is filled, and creates nothing', async () => {
    const check = await fillSteps();
    const before = await countCases();
    const r = await post('/gui-yeu-cau/gui', [
      ['state', attr(check.body, 'state')!],
      ['idem', attr(check.body, 'idem')!],
      ['consent', 'yes'],
      ['website2', 'http://spam.example'],
    ]);
    assert.equal(r.statusCode, 400);
    assert.match(r.body, /Không gửi được biểu mẫu/);
    const step = await post('/gui-yeu-cau/su-viec', [['state', ''], ['action', 'next'], ...step1, ['website2', 'x']]);
    assert.equal(step.statusCode, 400);
    assert.equal(await countCases(), before);
  });

  it('refuses a tampered state field and a post without the CSRF token', async () => {
    const r = await post('/gui-yeu-cau/doanh-nghiep', [['state', 'không-phải-base64!'], ['action', 'next'], ...step2]);
    assert.equal(r.statusCode, 400);
    assert.match(r.body, /Vui lòng bắt đầu lại/);
    const noCsrf = await post('/gui-yeu-cau/su-viec', [['state', ''], ...step1], false);
    assert.equal(noCsrf.statusCode, 403);
  });

  describe('tracking', () => {
    let code: string;
    let secret: string;
    before(async () => {
      const check = await fillSteps();
      const r = await post('/gui-yeu-cau/gui', [
        ['state', attr(check.body, 'state')!],
        ['idem', attr(check.body, 'idem')!],
        ['consent', 'yes'],
      ]);
      const location = String(r.headers.location);
      code = location.match(/YC-\d{4}-\d{6}/)![0];
      secret = decodeURIComponent(location.split('secret=')[1]!);
    });

    it('shows the tracking form and sends a filled one to the case page', async () => {
      const form = await get('/tra-cuu');
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /<input type="text" id="code" name="code"/);
      const bad = await get('/tra-cuu?code=abc&secret=');
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /<a href="#code">/);
      assert.match(bad.body, /<a href="#secret">Nhập mã bí mật<\/a>/);
      const ok = await get(`/tra-cuu?code=${code.toLowerCase()}&secret=${encodeURIComponent(secret)}`);
      assert.equal(ok.statusCode, 303);
      assert.equal(ok.headers.location, `/tra-cuu/${code}?secret=${encodeURIComponent(secret)}`);
    });

    it('shows status, agency, clocks and the public timeline, without personal data', async () => {
      const r = await get(`/tra-cuu/${code}?secret=${encodeURIComponent(secret)}`);
      assert.equal(r.statusCode, 200);
      assert.match(r.body, new RegExp(`<h1>Hồ sơ ${code}</h1>`));
      assert.match(r.body, /Đã tiếp nhận/);
      assert.match(r.body, /Cơ quan xử lý/);
      assert.match(r.body, /Ngày tiếp nhận<\/dt><dd>26\/11\/2026<\/dd>/);
      assert.match(r.body, /Hạn: <strong>\d{2}\/\d{2}\/\d{4}<\/strong>/);
      assert.match(r.body, /Chỉ tiêu nội bộ của cơ quan/);
      assert.doesNotMatch(r.body, /\[CONFIG\]/);
      assert.match(r.body, /<ol class="rq-timeline">/);
      for (const personal of ['Nguyễn Thị Lan', '0912345678', 'Tổ 5', 'màn hình bị sọc']) assert.ok(!r.body.includes(personal), personal);
      assertSmall(r, 'the tracking page');
    });

    it('answers 404 to a wrong secret or code, and shows the form when the secret is left out', async () => {
      for (const url of [
        `/tra-cuu/${code}?secret=sai-ma-bi-mat-hoan-toan`,
        `/tra-cuu/YC-2026-999999?secret=${secret}`,
        `/gui-yeu-cau/da-gui/${code}?secret=sai-ma-bi-mat`,
        '/tra-cuu/%00?secret=x',
      ]) {
        const r = await get(url);
        assert.equal(r.statusCode, 404, url);
        assert.match(r.body, /Không tìm thấy hồ sơ/);
        assert.ok(!r.body.includes('Nguyễn Thị Lan'));
      }
      const noSecret = await get(`/tra-cuu/${code}`);
      assert.equal(noSecret.statusCode, 200);
      assert.match(noSecret.body, new RegExp(`name="code" value="${code}"`));
    });

    function multipart(fields: Fields, file?: { name: string; type: string; bytes: Buffer }) {
      const boundary = '----bvntdtestboundary';
      const parts: Buffer[] = fields.map(([k, v]) =>
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
      );
      if (file)
        parts.push(
          Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
          ),
          file.bytes,
          Buffer.from('\r\n'),
        );
      parts.push(Buffer.from(`--${boundary}--\r\n`));
      return { payload: Buffer.concat(parts), headers: { ...html, cookie, 'content-type': `multipart/form-data; boundary=${boundary}` } };
    }

    it('takes evidence through the multipart form with the secret, and refuses other types', async () => {
      const url = `/tra-cuu/${code}/tai-lieu`;
      const ok = await t.app.inject({
        method: 'POST',
        url,
        ...multipart(
          [
            ['_csrf', csrf],
            ['secret', secret],
            ['back', 'receipt'],
          ],
          { name: 'hoa-don.png', type: 'image/png', bytes: PNG },
        ),
      });
      assert.equal(ok.statusCode, 303, ok.body.slice(0, 300));
      assert.equal(ok.headers.location, `/gui-yeu-cau/da-gui/${code}?secret=${encodeURIComponent(secret)}&uploaded=1`);
      const done = await get(String(ok.headers.location));
      assert.match(done.body, /Đã nhận tệp của bạn/);
      const row = await t.database.db.selectFrom('request').select('id').where('code', '=', code).executeTakeFirstOrThrow();
      const files = await t.database.db
        .selectFrom('request_attachment')
        .select(['filename', 'media_type'])
        .where('request_id', '=', row.id)
        .execute();
      assert.deepEqual(files, [{ filename: 'hoa-don.png', media_type: 'image/png' }]);

      const text = await t.app.inject({
        method: 'POST',
        url,
        ...multipart(
          [
            ['_csrf', csrf],
            ['secret', secret],
          ],
          { name: 'x.png', type: 'image/png', bytes: Buffer.from('not an image') },
        ),
      });
      assert.equal(text.statusCode, 415);
      assert.match(text.body, /<a href="#file">Chỉ nhận ảnh JPEG, PNG, tệp PDF hoặc DOCX\.<\/a>/);
      const none = await t.app.inject({
        method: 'POST',
        url,
        ...multipart(
          [
            ['_csrf', csrf],
            ['secret', secret],
          ],
          { name: '', type: 'application/octet-stream', bytes: Buffer.alloc(0) },
        ),
      });
      assert.equal(none.statusCode, 400);
      assert.match(none.body, /Chọn một tệp để tải lên/);
      const wrong = await t.app.inject({
        method: 'POST',
        url,
        ...multipart(
          [
            ['_csrf', csrf],
            ['secret', 'sai-ma-bi-mat'],
          ],
          { name: 'a.png', type: 'image/png', bytes: PNG },
        ),
      });
      assert.equal(wrong.statusCode, 404);
      const noCsrf = await t.app.inject({
        method: 'POST',
        url,
        ...multipart([['secret', secret]], { name: 'a.png', type: 'image/png', bytes: PNG }),
      });
      assert.equal(noCsrf.statusCode, 403);
      assert.equal(
        (await t.database.db.selectFrom('request_attachment').select('id').where('request_id', '=', row.id).execute()).length,
        1,
      );
    });
  });
});

describe('the public pages’ rate limit', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp({ RATE_LIMIT_PUBLIC_PER_MIN: 3 });
  });
  after(() => t.close());

  it('limits tracking attempts per client', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 5; i++)
      codes.push(
        (await t.app.inject({ method: 'GET', url: `/tra-cuu/YC-2026-00000${i}?secret=doan-ma-bi-mat-${i}`, headers: html })).statusCode,
      );
    assert.deepEqual(codes, [404, 404, 404, 429, 429]);
  });
});
