/**
 * Browser journey on the real app (child process, demo data, Debian's Chromium): the hotline
 * operator `tongdai` signs in, opens the console from the navigation, looks up the caller's
 * number, finds a quick answer without diacritics, creates a case with the caller (and reads its
 * code), logs a missed call, sees the call-back in the queue with its due-by, and records the
 * call-back's outcome. The console is also checked on a phone-sized screen; axe-core reports no
 * serious violations. Screenshots: artifacts/e2e/hotline-*.png.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { DESKTOP, PHONE, axeProblems, loginAs, newJourney, type Journey } from './support.js';

const CALLER = '0912 345 678';
const MISSED = '0987 654 321';

/** A local (Asia/Ho_Chi_Minh) date some days ago, as people say it: dd/mm/yyyy. */
function daysAgo(n: number): string {
  const [y, m, d] = new Date(Date.now() + 7 * 3_600_000 - n * 86_400_000).toISOString().slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

describe('hotline journey: look up a caller, create a case, call back a missed call (Chromium)', () => {
  let journey: Journey;
  let page: Page;
  let code: string;

  before(async () => {
    journey = await newJourney('hotline');
    page = await journey.newPage({ ...DESKTOP });
  });

  after(() => journey?.close());

  it('signs in as the operator and opens the console from the navigation', async () => {
    await loginAs(page, journey.base, 'tongdai');
    await Promise.all([page.waitForURL('**/hotline'), page.click('header nav a[href="/hotline"]')]);
    assert.equal((await page.locator('main h1').textContent())?.trim(), 'Tổng đài tư vấn, hỗ trợ người tiêu dùng');
    assert.equal(await page.locator('header nav a[href="/hotline"]').getAttribute('aria-current'), 'page');
    assert.deepEqual(await axeProblems(page), []);
    await journey.shot(page, 'console');
  });

  it('looks up the caller by phone: no earlier case yet', async () => {
    await page.fill('#lookup-phone', CALLER);
    await Promise.all([page.waitForURL(/\/hotline\?phone=/), page.click('form[role="search"] button[type="submit"] >> nth=0')]);
    const caller = (await page.locator('section[aria-labelledby="caller"]').textContent()) ?? '';
    assert.match(caller, /Hồ sơ trước đây \(0\)/);
    assert.match(caller, /Chưa có hồ sơ nào với số này\./);
    assert.match(caller, /Cuộc gọi bắt đầu lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
    assert.equal(await page.inputValue('#case-phone'), '0912345678', 'the case form knows the number');
  });

  it('finds a quick answer typed without diacritics', async () => {
    await page.fill('#answers-q', 'doi tra hang');
    await Promise.all([page.waitForURL(/q=doi\+tra\+hang/), page.click('section[aria-labelledby="answers"] button[type="submit"]')]);
    const first = page.locator('section[aria-labelledby="answers"] details').first();
    assert.match((await first.locator('summary').textContent()) ?? '', /đổi trả|trả lại hàng/);
    assert.match((await first.textContent()) ?? '', /Căn cứ: Luật 19\/2023\/QH15/);
    assert.equal(await page.inputValue('#case-phone'), '0912345678', 'the caller is kept while searching');
    await page.locator('#answers').scrollIntoViewIfNeeded();
    await journey.shot(page, 'answers');
  });

  it('creates a case with the caller and shows its code to read out', async () => {
    await page.fill('#case-fullName', 'Nguyễn Thị Hoa');
    await page.fill('#case-birthYear', '1958');
    await page.check('#case-v-elderly');
    await page.check('#case-k-complaint');
    await page.fill('#case-businessName', 'Cửa hàng Điện máy Phú Cường');
    await page.fill('#case-businessAddress', '12 đường Tân Trào, phường Minh Xuân, Tuyên Quang');
    await page.fill('#case-txnDate', daysAgo(6));
    await page.fill('#case-product', 'máy xay sinh tố');
    await page.fill('#case-amount', '1.250.000');
    await page.check('#case-online');
    await page.fill('#case-description', 'Mua máy xay sinh tố qua mạng, dùng hai ngày thì hỏng mô-tơ, cửa hàng không nhận bảo hành.');
    await page.selectOption('#case-priorReply', 'refused');
    await page.check('#case-consent');
    await Promise.all([page.waitForURL('**/hotline/case'), page.click('form[action="/hotline/case"] button[type="submit"]')]);
    const codeText = (await page.locator('[data-testid="case-code"]').textContent())?.trim() ?? '';
    assert.match(codeText, /^YC-\d{4}-\d{6}$/);
    code = codeText;
    assert.match((await page.locator('#receipt h2').textContent()) ?? '', new RegExp(`Đã tạo hồ sơ ${code}`));
    assert.match((await page.locator('#receipt').textContent()) ?? '', /Mã bí mật/);
    assert.match((await page.locator('section[aria-labelledby="caller"]').textContent()) ?? '', new RegExp(code));
    assert.deepEqual(await axeProblems(page), []);
    await journey.shot(page, 'case');
  });

  it('logs a missed call and sees the call-back in the queue with its due-by', async () => {
    await page.goto(`${journey.base}/hotline`);
    await page.fill('#missed-phone', MISSED);
    await Promise.all([page.waitForURL(/done=missed/), page.click('form[action="/hotline/missed"] button[type="submit"]')]);
    assert.match((await page.locator('.notice[role="status"]').textContent()) ?? '', /Đã ghi nhận cuộc gọi nhỡ/);
    const row = page.locator('section[aria-labelledby="queue"] tbody tr', { has: page.locator('a[href="tel:0987654321"]') });
    assert.equal(await row.count(), 1);
    const text = (await row.textContent()) ?? '';
    assert.match(text, /0987 654 321/);
    assert.match(text, /\d{2}\/\d{2}\/\d{4} 17:00/, 'due by 17:00 on the next working day');
    assert.match(text, /Đang chờ gọi lại/);
    await page.locator('#queue').scrollIntoViewIfNeeded();
    await journey.shot(page, 'queue');
  });

  it('records the call-back outcome, and the call-back leaves the waiting queue', async () => {
    const row = page.locator('section[aria-labelledby="queue"] tbody tr', { has: page.locator('a[href="tel:0987654321"]') });
    await row.locator('select[name="result"]').selectOption('reached');
    await row.locator('input[name="note"]').fill('Đã gọi lại, hướng dẫn gửi yêu cầu bảo hành');
    await Promise.all([page.waitForURL(/done=attempt/), row.locator('button[type="submit"]').click()]);
    assert.match((await page.locator('.notice[role="status"]').textContent()) ?? '', /Đã ghi nhận lần gọi lại/);
    assert.equal(await page.locator('a[href="tel:0987654321"]').count(), 0, 'no longer waiting');
    await Promise.all([page.waitForURL(/queue=closed/), page.click('section[aria-labelledby="queue"] nav a[href*="queue=closed"]')]);
    const closed = page.locator('section[aria-labelledby="queue"] tbody tr', { has: page.locator('a[href="tel:0987654321"]') });
    const text = (await closed.textContent()) ?? '';
    assert.match(text, /Đã gọi lại/);
    assert.match(text, /hướng dẫn gửi yêu cầu bảo hành/);
    await page.locator('#queue').scrollIntoViewIfNeeded();
    await journey.shot(page, 'callback-done');
  });

  it('fits a phone-sized screen without sideways scrolling', async () => {
    const p = await journey.newPage({ ...PHONE, storageState: await page.context().storageState() });
    try {
      await p.goto(`${journey.base}/hotline?phone=${encodeURIComponent(CALLER)}`);
      assert.match((await p.locator('section[aria-labelledby="caller"]').textContent()) ?? '', new RegExp(code));
      const overflow = await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 1, `page is ${overflow}px wider than the screen`);
      assert.deepEqual(await axeProblems(p), []);
      await journey.shot(p, 'phone');
    } finally {
      await p.context().close();
    }
  });
});
