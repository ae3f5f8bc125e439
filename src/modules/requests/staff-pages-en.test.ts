import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildUser, loginCookie } from '../../../test/factories.js';
import { testApp, type TestApp } from '../../../test/harness.js';
import { seedDemoDirectory } from '../directory/index.js';
import { receiveRequest } from './index.js';
import { st, statusText } from './staff-texts.js';
import { hoursText } from './staff-negotiation.js';

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

/** Vietnamese texts of the officers' pages that an English page must not show. */
const INBOX_VI = [
  'Hộp hồ sơ',
  'Tìm kiếm',
  'Mã hồ sơ',
  'Ngày nhận',
  'Doanh nghiệp',
  'Trạng thái',
  'Hạn xử lý',
  'Cán bộ xử lý',
  'Bộ lọc khác',
  'Tất cả lĩnh vực',
  'Giao hồ sơ đã chọn',
  'Hồ sơ trong phạm vi của bạn',
  'Gợi ý nhóm hồ sơ',
  'Ưu tiên:',
  'Đã tiếp nhận',
  'Người cao tuổi',
];
const CASE_VI = [
  'Tóm tắt',
  'Thao tác',
  '>Thời hạn</h2>',
  'Diễn biến',
  'Ghi chú nội bộ',
  'Phân loại',
  'Cơ quan xử lý',
  'Tài liệu đính kèm',
  'Hồ sơ liên quan',
  'Chuyển trạng thái',
  'Cập nhật trạng thái',
  'Chuyển doanh nghiệp thương lượng',
  'Từ chối hồ sơ',
  'Tách hồ sơ con',
  '<dt>Người tiêu dùng</dt>',
  'Về hộp hồ sơ',
  '<dd>Điện tử, điện máy</dd>',
  'Yêu cầu hỗ trợ',
  'Đang tính',
];
const GROUPS_VI = ['Gợi ý nhóm hồ sơ', 'Các hồ sơ đang mở', 'người tiêu dùng', 'Trang doanh nghiệp', 'Lập nhóm', 'Đạt ngưỡng'];

describe('officer pages in English (?lang=en) and Vietnamese (default)', () => {
  let t: TestApp;
  let officer: string;
  const ids: string[] = [];

  const page = (url: string) => t.app.inject({ method: 'GET', url, headers: { accept: 'text/html', cookie: officer } });
  const post = async (from: string, url: string, form: [string, string][]) =>
    t.app.inject({
      method: 'POST',
      url,
      payload: new URLSearchParams([['_csrf', csrfOf((await page(from)).body)], ...form]).toString(),
      headers: { accept: 'text/html', cookie: officer, 'content-type': 'application/x-www-form-urlencoded' },
    });

  before(async () => {
    t = await testApp({ RATE_LIMIT_PUBLIC_PER_MIN: 1_000_000, RATE_LIMIT_LOGIN_PER_MIN: 1_000_000 });
    await seedDemoDirectory(t.sysCtx(), '08');
    const db = t.database.db;
    const sct = (await db.selectFrom('agency').select('id').where('kind', '=', 'so-cong-thuong').executeTakeFirstOrThrow()).id;
    officer = await loginCookie(t.app, (await buildUser(db, { role: 'case_officer', agencyId: sct })).username);
    for (let n = 1; n <= 3; n++) {
      const { receipt } = await receiveRequest(t.sysCtx(), {
        kind: 'request',
        channel: 'web',
        consumer: { fullName: `Khách hàng ${n}`, phone: `091250000${n}`, birthYear: 1950 },
        business: { name: 'Cửa hàng Điện thoại Minh Xuân', address: 'Phường Minh Xuân', taxCode: '0300000066' },
        transaction: { date: '2026-11-20', amountVnd: 3_000_000, productOrService: 'điện thoại', place: { communeCode: '02215' } },
        description: 'Điện thoại mua mới bị lỗi màn hình sau hai ngày, cửa hàng không đổi, đề nghị hỗ trợ thương lượng với doanh nghiệp.',
        consents: { privacyNoticeVersion: '2026-11' },
      });
      await db
        .updateTable('request')
        .set({
          agency_id: sct,
          agency_kind: 'so-cong-thuong',
          commune_code: null,
          sector: 'electronics-appliances',
          violations: ['poor-quality'],
        })
        .where('id', '=', receipt.id)
        .execute();
      ids.push(receipt.id);
    }
  });
  after(() => t.close());

  it('shows the inbox in English with ?lang=en, and in Vietnamese by default', async () => {
    const en = await page('/requests?lang=en');
    assert.equal(en.statusCode, 200);
    assertLanguage(
      en.body,
      'en',
      [
        '<h1>Case inbox</h1>',
        'Search and filter cases',
        '>Case number</th>',
        '>Due</th>',
        'Cases in your scope: 3 cases. Vulnerable consumers come first',
        'More filters',
        'All sectors',
        'Electronics, appliances',
        'Priority: Older person',
        '>Received</span>',
        'Suggested groups of cases about the same business',
      ],
      INBOX_VI,
      'GET /requests?lang=en',
    );
    const none = await page('/requests?q=khongcogi&lang=en');
    assertLanguage(none.body, 'en', ['No cases match the filters. Try removing some of them.'], ['Không có hồ sơ nào khớp'], 'no match');
    const bad = await page('/requests?commune=abc&lang=en');
    assert.equal(bad.statusCode, 400);
    assertLanguage(bad.body, 'en', ['Invalid filter value: Commune or ward code (5 digits).'], ['Giá trị lọc'], 'a bad filter');

    assertLanguage(
      (await page('/requests')).body,
      'vi',
      ['<h1>Hộp hồ sơ</h1>', 'Hồ sơ trong phạm vi của bạn: 3 hồ sơ.', 'Ưu tiên: Người cao tuổi', '>Đã tiếp nhận</span>'],
      ['Case inbox', 'Search and filter', 'Priority:', 'More filters'],
      'GET /requests',
    );
  });

  it('shows a case page, its notices and the errors of its forms in English', async () => {
    const url = `/requests/${ids[0]}`;
    const en = await page(`${url}?lang=en`);
    assert.equal(en.statusCode, 200);
    assertLanguage(
      en.body,
      'en',
      [
        /<h1>Case YC-\d{4}-\d{6}<\/h1>/,
        '<h2 id="summary-h">Summary</h2>',
        '<h2 id="actions-h">Actions</h2>',
        '<h2 id="clocks-h">Deadlines</h2>',
        '<h2 id="timeline-h">History</h2>',
        '<h2 id="related-h">Related cases</h2>',
        'Change status',
        'Update status',
        'New status (now: Received)',
        'Forward to the business for negotiation',
        'Refuse the case',
        'Split off a sub-case',
        'Type, channel',
        'Request for help · Online portal',
        'born in 1950',
        'Electronics, appliances',
        'Case received',
        'Back to the inbox',
      ],
      CASE_VI,
      'GET /requests/:id?lang=en',
    );

    const refused = await post(url, `/requests/${ids[0]}/actions/status?lang=en`, []);
    assert.equal(refused.statusCode, 400);
    assertLanguage(refused.body, 'en', ['Choose the new status.'], ['Chọn trạng thái mới'], 'a status form without a status');

    const moved = await post(url, `/requests/${ids[0]}/actions/status`, [['to', 'accepted']]);
    assert.equal(moved.statusCode, 303);
    assertLanguage(
      (await page(`${moved.headers.location}&lang=en`)).body,
      'en',
      ['Case status updated: Accepted.', '>Accepted</span>'],
      ['Đã cập nhật trạng thái', '>Đã thụ lý</span>'],
      'the notice after a status change',
    );
    assertLanguage(
      (await page(String(moved.headers.location))).body,
      'vi',
      ['Đã cập nhật trạng thái hồ sơ: Đã thụ lý.', '<h2 id="summary-h">Tóm tắt</h2>', 'Chuyển trạng thái', 'Tách hồ sơ con'],
      ['Case status updated', 'Summary', 'Change status', 'Split off'],
      'GET /requests/:id',
    );
  });

  it('shows the suggested groups in English, and in Vietnamese by default', async () => {
    const en = await page('/requests/groups?lang=en');
    assert.equal(en.statusCode, 200);
    assertLanguage(
      en.body,
      'en',
      [
        '<h1>Suggested groups of cases</h1>',
        '← Case inbox',
        'Open cases in your scope about the same business',
        '(tax code 0300000066)',
        'Electronics, appliances · poor-quality or faulty goods · 3 consumers',
        'Business page',
        'Group these 3 cases',
      ],
      GROUPS_VI,
      'GET /requests/groups?lang=en',
    );
    assertLanguage(
      (await page('/requests/groups')).body,
      'vi',
      ['<h1>Gợi ý nhóm hồ sơ</h1>', '3 người tiêu dùng', 'Lập nhóm 3 hồ sơ', '(MST 0300000066)'],
      ['Suggested groups', 'Group these', 'consumers'],
      'GET /requests/groups',
    );
  });

  it('keeps the labels other modules and documents use in Vietnamese', () => {
    assert.equal(statusText('vi', 'accepted'), 'Đã thụ lý');
    assert.equal(statusText('en', 'accepted'), 'Accepted');
    assert.equal(hoursText(50), '2 ngày 2 giờ');
    assert.equal(hoursText(50, 'en'), '2 days 2 hours');
    assert.equal(hoursText(24, 'en'), '1 day');
    assert.equal(st('en', 'inbox.count', { n: 1 }), '1 case');
  });
});
