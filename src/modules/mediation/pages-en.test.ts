import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildUser, loginCookie } from '../../../test/factories.js';
import { testApp, type TestApp } from '../../../test/harness.js';
import { seedDemoDirectory } from '../directory/index.js';
import { changeStatus, receiveRequest, requestInput } from '../requests/index.js';
import { seedDemoMediation } from './index.js';
import { mt, organisationTypeLabels, performanceLabel, performanceLabels, sessionModeLabels, statusLabel, statusLabels } from './texts.js';

const csrfOf = (body: string) => body.match(/name="_csrf" value="([^"]+)"/)![1]!;
const unescape = (s: string) =>
  s
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');

/** The page is in `lang`: each expected text is there, none of the other language's texts is. */
function assertLanguage(body: string, lang: 'vi' | 'en', present: (string | RegExp)[], absent: string[], what: string) {
  assert.match(body, new RegExp(`<html lang="${lang}"`), `${what}: <html lang="${lang}">`);
  const text = unescape(body);
  for (const p of present)
    if (typeof p === 'string') assert.ok(text.includes(p), `${what} says "${p}"`);
    else assert.match(text, p, `${what} matches ${p}`);
  for (const a of absent) assert.ok(!text.includes(a), `${what} has no leftover "${a}"`);
}

describe('mediation pages in English (?lang=en) and Vietnamese (default)', () => {
  let t: TestApp;
  let officer: string;
  let mediator: string;
  let caseCode: string;
  let url: string;
  const get = (u: string, cookie: string) => t.app.inject({ method: 'GET', url: u, headers: { accept: 'text/html', cookie } });
  const submit = async (page: string, u: string, cookie: string, form: Record<string, string>) =>
    t.app.inject({
      method: 'POST',
      url: u,
      payload: new URLSearchParams({ _csrf: csrfOf((await get(page, cookie)).body), ...form }).toString(),
      headers: { accept: 'text/html', cookie, 'content-type': 'application/x-www-form-urlencoded' },
    });

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
    await seedDemoMediation(t.sysCtx());
    const { receipt } = await receiveRequest(
      t.sysCtx(),
      requestInput.parse({
        kind: 'complaint',
        channel: 'web',
        consumer: { fullName: 'Hoàng Thị Nhung', email: 'nhung@example.test', vulnerable: ['ethnic_minority'], preferredLanguage: 'Tày' },
        business: { name: 'Công ty TNHH Điện máy Sao Việt', taxCode: '5000765432' },
        transaction: { date: '2026-11-18', amountVnd: 6_990_000, productOrService: 'máy giặt', place: { online: true } },
        description: 'Tôi mua máy giặt trên trang thương mại điện tử, máy bị hỏng sau một tuần, người bán từ chối bảo hành.',
        consents: { privacyNoticeVersion: '2026-11' },
      }),
    );
    await changeStatus(t.sysCtx(), receipt.id, { to: 'accepted' });
    caseCode = receipt.code;
  });
  after(() => t.close());

  it('shows the register and the list with its opening form in English, and in Vietnamese by default', async () => {
    assertLanguage(
      (await get('/mediation/organisations?lang=en', mediator)).body,
      'en',
      [
        '<h1>Mediation organisations and mediators</h1>',
        'Back to the list of mediations',
        'Social organisation taking part in consumer rights protection (Article 63(1)(a))',
        '<th scope="col">Ethnic languages spoken</th>',
        'Not yet eligible',
        /Missing: is not being prosecuted/,
        'Not published',
        'Published list (public)',
      ],
      [
        'Tổ chức hòa giải và hòa giải viên',
        'Tổ chức xã hội tham gia',
        'Chưa đủ điều kiện',
        'Thiếu:',
        'án tích',
        'Chưa công bố',
        'Đã công bố',
        'Hòa giải viên (',
      ],
      'GET /mediation/organisations?lang=en',
    );
    assertLanguage(
      (await get('/mediation/organisations', mediator)).body,
      'vi',
      ['<h1>Tổ chức hòa giải và hòa giải viên</h1>', 'Chưa đủ điều kiện', 'Thiếu: không đang bị truy cứu', 'Chưa công bố'],
      ['Mediation organisations', 'Not yet eligible', 'Missing:'],
      'GET /mediation/organisations',
    );

    const list = await get(`/mediation?code=${caseCode}&lang=en`, officer);
    assertLanguage(
      list.body,
      'en',
      [
        '<h1>Mediation</h1>',
        '<caption>Mediations (0)</caption>',
        'There are no mediations yet.',
        '<h2 id="open-h">Open mediation for a case</h2>',
        'Date the consumer agreed to mediation',
        /\(type a\)<\/option>/,
        '<button type="submit">Open mediation</button>',
      ],
      ['Các vụ hòa giải', 'Mở hòa giải', 'Mã hồ sơ', 'Ngày người tiêu dùng đồng ý', '(loại a)', 'Chưa có vụ hòa giải'],
      'GET /mediation?lang=en',
    );
    const refused = await submit(`/mediation?lang=en`, '/mediation/open?lang=en', officer, { requestCode: caseCode });
    assert.equal(refused.statusCode, 400);
    assertLanguage(
      refused.body,
      'en',
      ['Choose a mediation organisation.', 'Enter the date the consumer agreed to mediation (not in the future).'],
      ['Chọn tổ chức hòa giải.', 'Nhập ngày người tiêu dùng'],
      'a refused opening with ?lang=en',
    );
    assertLanguage(
      (await get('/mediation', officer)).body,
      'vi',
      ['<h1>Hòa giải</h1>', '<caption>Các vụ hòa giải (0)</caption>', '<button type="submit">Mở hòa giải</button>'],
      ['Open mediation', 'Mediations ('],
      'GET /mediation',
    );

    const org = /<option value="([0-9a-f-]{36})"[^>]*>Hội Bảo vệ/.exec(list.body)![1]!;
    const ok = await submit('/mediation', '/mediation/open', officer, {
      requestCode: caseCode,
      organisationId: org,
      consumerConsentOn: '2026-11-25',
      businessConsentOn: '2026-11-26',
      businessEmail: 'cskh@saoviet.example.vn',
    });
    assert.equal(ok.statusCode, 303, ok.body.slice(0, 500));
    url = String(ok.headers.location).split('?')[0]!;
  });

  it('shows a mediation page in English, and in Vietnamese by default', async () => {
    const en = await get(`${url}?done=opened&lang=en`, mediator);
    assert.equal(en.statusCode, 200);
    assertLanguage(
      en.body,
      'en',
      [
        /<h1>Mediation of case YC-\d{4}-\d{6}<\/h1>/,
        'Mediation opened. The parties have been told by email.',
        '<span class="tag ">In mediation</span>',
        '<h2 id="summary-h">Summary</h2>',
        'Consumer on 25/11/2026; business on 26/11/2026',
        'Sessions cannot be scheduled yet',
        'appoint a mediator who belongs to an ethnic minority or speaks Tày',
        '<summary>Appoint a mediator</summary>',
        '<summary>Record an interpreter</summary>',
        '<h2 id="sessions-h">Mediation sessions</h2>',
        'Back to the mediation list',
      ],
      [
        'Hòa giải hồ sơ',
        'Đã mở hòa giải',
        'Đang hòa giải',
        'Tóm tắt',
        'Người tiêu dùng ngày',
        'Chưa thể xếp lịch',
        'Chỉ định hòa giải viên',
        'Ghi nhận người phiên dịch',
        'Lịch hòa giải',
        'Xếp lịch',
      ],
      'GET /mediation/:id?lang=en',
    );
    assertLanguage(
      (await get(`${url}?done=opened`, mediator)).body,
      'vi',
      [
        /<h1>Hòa giải hồ sơ YC-\d{4}-\d{6}<\/h1>/,
        'Đã mở hòa giải.',
        'Chưa thể xếp lịch hòa giải',
        '<summary>Chỉ định hòa giải viên</summary>',
      ],
      ['Mediation of case', 'Appoint a mediator', 'Sessions cannot'],
      'GET /mediation/:id',
    );
    const refused = await submit(`${url}?lang=en`, `${url}/actions/interpreter?lang=en`, mediator, { language: 'Tày' });
    assert.equal(refused.statusCode, 400);
    assertLanguage(refused.body, 'en', ["Enter the interpreter's full name."], ['Nhập họ và tên'], 'a refused interpreter with ?lang=en');
  });

  it('shows the outcome forms and the recorded outcome in English, and in Vietnamese by default', async () => {
    const forms = (await get(`${url}?lang=en`, mediator)).body;
    assertLanguage(
      forms,
      'en',
      [
        '<h2 id="outcome-h">Outcome of the mediation</h2>',
        '<summary>Successful mediation: draw up the record (Article 65)</summary>',
        '(g) Deadline for carrying out the outcome',
        'The parties have signed or put their fingerprints on the record (Article 65(3))',
        '>Save the record of successful mediation</button>',
        '<summary>Unsuccessful mediation</summary>',
        'No arbitration agreement',
        '>Record unsuccessful mediation</button>',
      ],
      [
        'Kết quả hòa giải',
        'lập biên bản',
        'Thời hạn thực hiện',
        'Các bên đã ký',
        'Lưu biên bản',
        'Ghi nhận hòa giải không thành',
        'Không có thỏa thuận trọng tài',
        'Trực tiếp',
        'Hình thức khác',
      ],
      'the outcome forms with ?lang=en',
    );
    assertLanguage(
      (await get(url, mediator)).body,
      'vi',
      [
        '<summary>Hòa giải thành: lập biên bản (Điều 65)</summary>',
        '>Lưu biên bản hòa giải thành</button>',
        'Không có thỏa thuận trọng tài',
      ],
      ['Save the record', 'Outcome of the mediation', 'No arbitration agreement'],
      'the outcome forms',
    );
    const missing = await submit(`${url}?lang=en`, `${url}/actions/success?lang=en`, mediator, {
      heldDate: '2026-11-26',
      heldTime: '09:00',
    });
    assert.equal(missing.statusCode, 400);
    assertLanguage(
      missing.body,
      'en',
      ['The record is valid only when the parties have signed or put their fingerprints on it (Article 65(3)).'],
      ['Biên bản chỉ có giá trị'],
      'a refused record with ?lang=en',
    );

    // The interpreter lets the record through (Art. 64(3)); then the outcome is shown.
    assert.equal((await submit(url, `${url}/actions/interpreter`, mediator, { fullName: 'Hà Thị Mai', language: 'Tày' })).statusCode, 303);
    const hoa = /<option value="([0-9a-f-]{36})"[^>]*>Hoàng Văn Hòa<\/option>/.exec((await get(url, mediator)).body)?.[1];
    if (hoa) assert.equal((await submit(url, `${url}/actions/appoint`, mediator, { mediatorId: hoa })).statusCode, 303);
    const saved = await submit(url, `${url}/actions/success`, mediator, {
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
    assert.equal(saved.statusCode, 303, saved.body.slice(0, 500));
    assertLanguage(
      (await get(`${url}?done=success&lang=en`, mediator)).body,
      'en',
      [
        'Record of successful mediation saved.',
        '<h2 id="outcome-h">Record of successful mediation</h2>',
        'Deadline to carry out',
        'the parties signed or put their fingerprints; the mediator signed',
        /Due: <strong>10\/12\/2026<\/strong> <span class="tag">Awaiting performance<\/span>/,
        '<summary>Record performance</summary>',
        'Has the business carried out the outcome?',
      ],
      [
        'Đã lưu biên bản',
        'Biên bản hòa giải thành',
        '<dt>Thời hạn thực hiện</dt>',
        'Hạn:',
        'Đang chờ thực hiện',
        'Ghi nhận việc thực hiện',
      ],
      'the recorded outcome with ?lang=en',
    );
    assertLanguage(
      (await get(`${url}?done=success`, mediator)).body,
      'vi',
      ['Đã lưu biên bản hòa giải thành.', /Hạn: <strong>10\/12\/2026<\/strong> <span class="tag">Đang chờ thực hiện<\/span>/],
      ['Record of successful mediation', 'Due:', 'Awaiting performance'],
      'the recorded outcome',
    );
  });

  it('keeps the labels the API, notifications and records use in Vietnamese', () => {
    assert.equal(statusLabels.succeeded, 'Hòa giải thành');
    assert.equal(statusLabel('en', 'succeeded'), 'Successful');
    assert.equal(performanceLabels.pending, 'Đang chờ thực hiện');
    assert.equal(performanceLabel('en', 'pending'), 'Awaiting performance');
    assert.equal(sessionModeLabels.in_person, 'Trực tiếp');
    assert.match(organisationTypeLabels.a, /^Tổ chức xã hội .*\(Điều 63 khoản 1 điểm a\)$/);
    assert.equal(mt('en', 'list.caption', { count: 3 }), 'Mediations (3)');
    assert.equal(mt('vi', 'list.caption', { count: 3 }), 'Các vụ hòa giải (3)');
  });
});
