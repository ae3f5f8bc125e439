/**
 * Consumer journeys on the real app (child process, fresh embedded database) in Debian's
 * Chromium at a phone viewport (390×844): a complaint filed with JavaScript off (including a
 * double click on "send", which must file one case) and again with it on (live routing hint,
 * character counter), the code on the receipt, evidence upload, and the tracking link. axe-core
 * runs on the start page, a step with errors, the check page, the receipt and the tracking page
 * and must find no serious or critical violation. Screenshots go to artifacts/e2e/consumer-*.png.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD, apiLogin, axeProblems, newJourney, type Journey } from './support.js';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC', 'base64');

describe('consumer journeys (Chromium, phone)', { timeout: 300_000 }, () => {
  let journey: Journey;

  before(async () => {
    journey = await newJourney('consumer');
  });

  after(() => journey?.close());

  const phone = (javaScriptEnabled: boolean) =>
    journey.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, javaScriptEnabled });

  /** axe-core in the page; only serious and critical violations fail the journey. */
  const axe = async (page: Page, what: string) => assert.deepEqual(await axeProblems(page), [], `axe on ${what}`);

  const h1 = async (page: Page) => (await page.locator('main h1').textContent())?.trim();
  const next = (page: Page) => Promise.all([page.waitForEvent('load'), page.click('button[name="action"][value="next"]')]);

  async function fillJourney(page: Page, o: { phone: string; business: string; shots: boolean }) {
    assert.equal(await h1(page), 'Chuyện gì đã xảy ra?');
    await page.check('#kind-complaint');
    await page.fill(
      '#description',
      'Tôi mua nồi cơm điện ở cửa hàng, dùng được hai ngày thì bị chập điện, cháy dây. Cửa hàng không nhận bảo hành và không trả lời tin nhắn.',
    );
    await page.fill('#desiredOutcome', 'Đổi nồi mới hoặc hoàn lại tiền');
    await next(page);
    assert.equal(await h1(page), 'Doanh nghiệp, cửa hàng hoặc người bán');
    await page.fill('#businessName', o.business);
    await page.fill('#businessAddress', '25 Đường Trần Phú, Phường Hà Giang 1');
    if (o.shots) await journey.shot(page, 'step-business');
    await next(page);
    assert.equal(await h1(page), 'Giao dịch');
    await page.fill('#txDay', '2');
    await page.fill('#txMonth', '11');
    await page.fill('#txYear', '2026');
    await page.fill('#txProduct', 'Nồi cơm điện 1,8 lít');
    await page.fill('#txAmount', '1.290.000');
    await page.check('#txPlace');
    await page.selectOption('#txCommune', '00694');
    await page.check('#priorContact-none');
    await next(page);
    assert.equal(await h1(page), 'Thông tin của bạn');
    await page.fill('#fullName', 'Hoàng Văn Sáng');
    await page.fill('#phone', o.phone);
    await page.fill('#birthYear', '1990');
    await page.selectOption('#addressCommune', '00694');
    await page.check('#vulnerable-ethnic_minority');
    await next(page);
    assert.equal(await h1(page), 'Kiểm tra thông tin trước khi gửi');
  }

  async function casesOfPhone(phoneNumber: string): Promise<{ code: string }[]> {
    const cookie = await apiLogin(journey.base, 'admin', DEMO_PASSWORD);
    const r = await fetch(`${journey.base}/api/v1/requests/by-phone?phone=${phoneNumber}`, { headers: { cookie } });
    assert.equal(r.status, 200);
    return ((await r.json()) as { data: { code: string }[] }).data;
  }

  let noJsCode = '';
  let trackingHref = '';

  it('files a complaint with JavaScript off: errors, check page, a change, a double click, one case', async () => {
    const page = await phone(false);
    const res = await page.goto(`${journey.base}/gui-yeu-cau`);
    assert.equal(res?.status(), 200);
    assert.equal(await page.locator('html').getAttribute('lang'), 'vi');
    await journey.shot(page, 'start');
    await Promise.all([page.waitForURL('**/gui-yeu-cau/su-viec'), page.click('a.rq-start')]);

    await next(page);
    const summary = page.locator('.error-summary');
    await summary.waitFor();
    assert.match((await summary.textContent()) ?? '', /Chọn loại yêu cầu bạn muốn gửi/);
    assert.match((await summary.textContent()) ?? '', /Mô tả chuyện gì đã xảy ra/);
    await journey.shot(page, 'step-errors');

    await fillJourney(page, { phone: '0987000111', business: 'Cửa hàng Điện gia dụng Thành Công', shots: true });
    const check = (await page.locator('main').textContent()) ?? '';
    for (const text of [
      'Cửa hàng Điện gia dụng Thành Công',
      '02/11/2026',
      '1.290.000 đ',
      'Phường Hà Giang 1',
      'Người dân tộc thiểu số',
      'Hồ sơ sẽ được gửi đến',
    ])
      assert.ok(check.includes(text), text);
    await journey.shot(page, 'check');

    // "Thay đổi" posts the answers back to the step; saving returns to the check page.
    await Promise.all([page.waitForEvent('load'), page.click('#change-businessName')]);
    assert.equal(await h1(page), 'Doanh nghiệp, cửa hàng hoặc người bán');
    assert.equal(await page.inputValue('#businessName'), 'Cửa hàng Điện gia dụng Thành Công');
    await page.fill('#businessName', 'Cửa hàng Điện gia dụng Thành Công Hà Giang');
    await next(page);
    assert.equal(await h1(page), 'Kiểm tra thông tin trước khi gửi');
    assert.match((await page.locator('main').textContent()) ?? '', /Thành Công Hà Giang/);

    await page.check('#consent');
    // A double click sends the form twice (no script stops it): the idempotency key keeps it one case.
    await Promise.all([page.waitForURL('**/gui-yeu-cau/da-gui/**'), page.dblclick('#send')]);
    await page.waitForLoadState('load');
    assert.equal(await h1(page), 'Đã gửi yêu cầu của bạn');
    noJsCode = ((await page.locator('.rq-panel-code').textContent()) ?? '').trim();
    assert.match(noJsCode, /^YC-2026-\d{6}$/);
    trackingHref = (await page.locator('#tracking-link').getAttribute('href')) ?? '';
    assert.match(trackingHref, new RegExp(`^/tra-cuu/${noJsCode}\\?secret=`));
    assert.match((await page.locator('main').textContent()) ?? '', /Hạn: \d{2}\/\d{2}\/\d{4}/);
    await journey.shot(page, 'receipt');
    assert.deepEqual(
      (await casesOfPhone('0987000111')).map((c) => c.code),
      [noJsCode],
      'one case for the double click',
    );

    await page.setInputFiles('#file', { name: 'hoa-don.png', mimeType: 'image/png', buffer: PNG });
    await Promise.all([page.waitForURL('**uploaded=1'), page.click('.rq-upload button[type="submit"]')]);
    assert.match((await page.locator('.rq-upload .notice').textContent()) ?? '', /Đã nhận tệp của bạn/);

    await Promise.all([page.waitForURL(`**/tra-cuu/${noJsCode}?secret=*`), page.click('#tracking-link')]);
    assert.equal(await h1(page), `Hồ sơ ${noJsCode}`);
    const tracking = (await page.locator('main').textContent()) ?? '';
    assert.match(tracking, /Đã tiếp nhận hồ sơ/);
    assert.match(tracking, /Bổ sung tài liệu đính kèm/);
    assert.ok(!tracking.includes('Hoàng Văn Sáng') && !tracking.includes('0987000111'), 'no personal data on the tracking page');
    await journey.shot(page, 'tracking');

    const wrong = await page.goto(`${journey.base}/tra-cuu/${noJsCode}?secret=sai-ma-bi-mat-hoan-toan`);
    assert.equal(wrong?.status(), 404);
    assert.equal(await h1(page), 'Không tìm thấy hồ sơ');
  });

  it('files a complaint with JavaScript on: live routing hint, counter, receipt, tracking; axe finds nothing serious', async () => {
    const page = await phone(true);
    const cspErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
    });
    await page.goto(`${journey.base}/gui-yeu-cau`);
    await axe(page, 'the start page');
    await Promise.all([page.waitForURL('**/gui-yeu-cau/su-viec'), page.click('a.rq-start')]);

    await next(page);
    await page.locator('.error-summary').waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.className), 'error-summary', 'the summary takes the focus');
    await axe(page, 'a step with errors');

    await page.check('#kind-complaint');
    await page.fill('#description', 'Mua hàng trên Shopee nhận được hàng giả, shop không trả lời tin nhắn và không hoàn tiền cho tôi.');
    const hint = page.locator('#routing-hint');
    await hint.waitFor({ state: 'visible' });
    assert.match((await hint.textContent()) ?? '', /Dự kiến chuyển đến: /);
    assert.match((await page.locator('#description-counter').textContent()) ?? '', /Bạn đã nhập \d+ trên 10\.000 ký tự/);
    await journey.shot(page, 'js-hint');
    await axe(page, 'step 1 with the hint');
    await page.goto(`${journey.base}/gui-yeu-cau/su-viec`);
    await fillJourney(page, { phone: '0987000222', business: 'Cửa hàng Điện gia dụng Bình An', shots: false });
    await axe(page, 'the check page');
    await page.check('#consent');
    await Promise.all([page.waitForURL('**/gui-yeu-cau/da-gui/**'), page.dblclick('#send')]);
    await page.waitForLoadState('load');
    const code = ((await page.locator('.rq-panel-code').textContent()) ?? '').trim();
    assert.match(code, /^YC-2026-\d{6}$/);
    assert.notEqual(code, noJsCode);
    await journey.shot(page, 'js-receipt');
    await axe(page, 'the receipt');
    assert.equal((await casesOfPhone('0987000222')).length, 1);

    await Promise.all([page.waitForURL(`**/tra-cuu/${code}?secret=*`), page.click('#tracking-link')]);
    assert.equal(await h1(page), `Hồ sơ ${code}`);
    await axe(page, 'the tracking page');
    await journey.shot(page, 'js-tracking');

    await page.goto(`${journey.base}/tra-cuu`);
    await page.fill('#code', noJsCode.toLowerCase());
    await page.fill('#secret', decodeURIComponent(trackingHref.split('secret=')[1] ?? ''));
    await Promise.all([page.waitForURL(`**/tra-cuu/${noJsCode}?secret=*`), page.click('main form button[type="submit"]')]);
    assert.equal(await h1(page), `Hồ sơ ${noJsCode}`);
    assert.deepEqual(cspErrors, [], 'the page script runs under script-src self');
  });
});
