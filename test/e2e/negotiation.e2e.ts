/**
 * Browser journey of negotiation support (issue 5) on the real app (child process, demo data,
 * Debian's Chromium): the consumer files a request for negotiation support through the JSON API;
 * the officer `sct.canbo` forwards it to the business from the case page; the business user
 * `doanhnghiep` (Công ty TNHH Điện máy Minh Phát) logs in, acknowledges and proposes a refund;
 * the consumer, on a phone, accepts with a rating of 4 and later confirms receipt; the officer
 * closes the case with the outcome "settled by negotiation" and downloads the negotiation record
 * as DOCX. Screenshots: artifacts/e2e/negotiation-*.png.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { docxText, flat } from '../../src/platform/documents/testing.js';
import { DESKTOP, PHONE, axeProblems, download, fileRequest, loginAs, newJourney, type Journey } from './support.js';

const BUSINESS = 'Công ty TNHH Điện máy Minh Phát';

/** dd/mm/yyyy of today + `days` in Asia/Ho_Chi_Minh. */
function vnDate(days: number): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' });
  return parts.format(new Date(Date.now() + days * 86400_000));
}

const notice = async (page: Page) => (await page.locator('.notice[role="status"]').first().textContent())?.trim() ?? '';

describe('negotiation journey: forward, business answer, consumer feedback, closing, record (Chromium)', () => {
  let journey: Journey;
  let officer: Page;
  let business: Page;
  let consumer: Page;
  let filed: { id: string; code: string; trackingSecret: string; routing: { agency: { name: string } } };
  const trackUrl = () => `${journey.base}/tra-cuu/${filed.code}?secret=${encodeURIComponent(filed.trackingSecret)}`;

  before(async () => {
    journey = await newJourney('negotiation');
    officer = await journey.newPage({ ...DESKTOP, acceptDownloads: true });
    business = await journey.newPage({ ...DESKTOP });
    consumer = await journey.newPage({ ...PHONE });
  });

  after(() => journey?.close());

  it('the consumer files a request for negotiation support', async () => {
    const r = await fileRequest(journey.base, 'e2e-negotiation-1', {
      kind: 'request',
      channel: 'web',
      consumer: { fullName: 'Vũ Thị Thanh', phone: '0987111222', email: 'thanh@example.test', birthYear: 1984 },
      business: { name: BUSINESS, address: 'Đường 17/8, phường Minh Xuân', taxCode: '5000123456' },
      transaction: { date: '2026-11-03', amountVnd: 8_990_000, productOrService: 'máy giặt cửa trước' },
      description:
        'Máy giặt mua được hai tuần thì báo lỗi và không vắt được, cửa hàng hẹn kỹ thuật đến nhưng không ai đến. Tôi đề nghị hỗ trợ thương lượng với doanh nghiệp.',
      desiredOutcome: 'Hoàn lại tiền',
      priorContact: { date: '2026-11-10', businessReply: 'none' },
      consents: { privacyNoticeVersion: '2026-11' },
    });
    assert.equal(r.status, 201, await r.clone().text());
    filed = (await r.json()) as typeof filed;
    assert.match(filed.routing.agency.name, /Sở Công Thương/);
  });

  it('the officer forwards it to the business from the case page', async () => {
    await loginAs(officer, journey.base, 'sct.canbo', '/requests');
    await officer.goto(`${journey.base}/requests/${filed.id}`);
    await officer.click('#forward-form > summary');
    assert.equal(await officer.inputValue('#forward-taxCode'), '5000123456', 'the tax code comes from the case');
    await officer.fill('#forward-businessEmail', 'cskh@dienmayminhphat.example.vn');
    await Promise.all([officer.waitForURL('**done=forwarded**'), officer.click('#forward-form button[type="submit"]')]);
    assert.match(await notice(officer), new RegExp(`Đã chuyển hồ sơ cho ${BUSINESS}`));
    const panel = (await officer.locator('#negotiation').textContent()) ?? '';
    assert.match(panel, /MST 5000123456/);
    await journey.shot(officer, 'officer-forwarded');
    assert.deepEqual(await axeProblems(officer), [], 'axe-core: no serious violations on the case page');
  });

  it('the business user logs in and sees the case with its due date', async () => {
    await loginAs(business, journey.base, 'doanhnghiep', '/doanh-nghiep');
    assert.equal((await business.locator('main h1').textContent())?.trim(), 'Hồ sơ người tiêu dùng chuyển đến doanh nghiệp');
    const row = business.locator('table.cases tbody tr', { hasText: filed.code });
    const text = (await row.textContent()) ?? '';
    assert.match(text, /Xác nhận đã tiếp nhận/);
    assert.match(text, /\d{2}\/\d{2}\/\d{4}/, 'the next due date');
    await journey.shot(business, 'business-list');
    assert.deepEqual(await axeProblems(business), [], 'axe-core: no serious violations on the business list');
    await Promise.all([business.waitForURL(`**/doanh-nghiep/ho-so/${filed.id}`), row.locator('a').click()]);
  });

  it('acknowledges, then proposes a refund with an amount and a date', async () => {
    await Promise.all([business.waitForURL('**done=acknowledged'), business.click(`form[action$="/xac-nhan"] button[type="submit"]`)]);
    assert.match(await notice(business), /Đã xác nhận tiếp nhận/);
    await business.check('#outcome-monetary_relief');
    await business.fill('#explanation', 'Công ty đồng ý hoàn tiền vì máy giặt lỗi bo mạch, không sửa được trong thời hạn bảo hành.');
    await business.fill('#remedyDescription', 'Hoàn tiền qua chuyển khoản');
    await business.fill('#remedyAmount', '8.990.000');
    await business.fill('#remedyDueDate', vnDate(7));
    await business.selectOption('#publicResponse', 'responded_to_consumer');
    await journey.shot(business, 'business-answer-form');
    await Promise.all([business.waitForURL('**done=responded'), business.click(`form[action$="/tra-loi"] button[type="submit"]`)]);
    assert.match(await notice(business), /Đã gửi trả lời/);
    const answer = (await business.locator('#answer').textContent()) ?? '';
    assert.match(answer, /Bồi hoàn bằng tiền/);
    assert.match(answer, /8\.990\.000 đ/);
    await journey.shot(business, 'business-answered');
    assert.deepEqual(await axeProblems(business), [], 'axe-core: no serious violations on the business case page');
  });

  it('the consumer, on a phone, accepts with a rating of 4', async () => {
    await consumer.goto(trackUrl());
    const panel = (await consumer.locator('#negotiation').textContent()) ?? '';
    assert.match(panel, /Bồi hoàn bằng tiền/);
    assert.match(panel, /8\.990\.000 đ/);
    await consumer.check('#accepted');
    await consumer.check('#rating-4');
    await consumer.fill('#comment', 'Doanh nghiệp trả lời nhanh, hợp tác.');
    await journey.shot(consumer, 'consumer-answer');
    await Promise.all([consumer.waitForURL('**done=feedback**'), consumer.click('form[action$="/y-kien"] button[type="submit"]')]);
    assert.match(await notice(consumer), /Cảm ơn bạn/);
    assert.match((await consumer.locator('#negotiation').textContent()) ?? '', /Bạn đánh giá 4\/5/);
    assert.ok((await consumer.evaluate(() => document.documentElement.scrollWidth)) <= 390, 'no sideways scrolling on a phone');
    assert.deepEqual(await axeProblems(consumer), [], 'axe-core: no serious violations on the tracking page');
  });

  it('later confirms that the refund arrived', async () => {
    await consumer.goto(trackUrl());
    await Promise.all([consumer.waitForURL('**done=remedy**'), consumer.click('form[action$="/da-nhan"] button[type="submit"]')]);
    assert.match(await notice(consumer), /bạn đã nhận được/);
    assert.match((await consumer.locator('#negotiation').textContent()) ?? '', /Bạn đã xác nhận nhận được ngày/);
    await journey.shot(consumer, 'consumer-received');
  });

  it('the officer closes the case as settled by negotiation and downloads the record as DOCX', async () => {
    await officer.goto(`${journey.base}/requests/${filed.id}`);
    const panel = (await officer.locator('#negotiation').textContent()) ?? '';
    assert.match(panel, /Đồng ý; đánh giá 4\/5/);
    await officer.click('#close-form > summary');
    await officer.selectOption('#close-outcome', 'resolved_by_negotiation');
    await officer.fill('#close-publicNote', 'Doanh nghiệp đã hoàn tiền, quý vị đã xác nhận nhận được.');
    await Promise.all([officer.waitForURL('**done=closed'), officer.click('#close-form button[type="submit"]')]);
    assert.match(await notice(officer), /Đã đóng hồ sơ: Giải quyết bằng thương lượng/);
    assert.match((await officer.locator('#closing').textContent()) ?? '', /Tổng thời gian/);
    const record = await download(officer, '#negotiation a[href$="negotiation-record?format=docx"]');
    assert.match(record.name, new RegExp(`bien-ban-thuong-luong-${filed.code}\\.docx`));
    const text = flat(docxText(record.body).body);
    for (const s of ['BIÊN BẢN THƯƠNG LƯỢNG', BUSINESS, 'Vũ Thị Thanh', '8.990.000', 'Thương lượng thành'])
      assert.ok(text.includes(s), `the record says ${s}`);
    await journey.shot(officer, 'officer-closed');
  });

  it('the consumer sees the result and what else they can do', async () => {
    await consumer.goto(trackUrl());
    const closing = (await consumer.locator('section[aria-labelledby="closing-title"]').textContent()) ?? '';
    assert.match(closing, /Giải quyết bằng thương lượng/);
    assert.match(closing, /thủ tục rút gọn/);
    await journey.shot(consumer, 'consumer-closed');
  });
});
