/**
 * Consumer journeys on the real app (child process, fresh embedded database) in Debian's
 * Chromium at a phone viewport (390×844): a complaint filed with JavaScript off (including a
 * double click on "send", which must file one case) and again with it on (live routing hint,
 * character counter), the code on the receipt, evidence upload, and the tracking link. axe-core
 * runs on the start page, a step with errors, the check page, the receipt and the tracking page
 * and must find no serious or critical violation. Screenshots go to artifacts/e2e/consumer-*.png.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { DEMO_PASSWORD, apiLogin, root, startApp, tempDir, type AppProcess } from './support.js';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const artifacts = join(root, 'artifacts', 'e2e');
const AXE = join(root, 'node_modules', 'axe-core', 'axe.min.js');
const axeSource = readFileSync(AXE, 'utf8');
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC', 'base64');

interface AxeResult {
  violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
}

describe('consumer journeys (Chromium, phone)', { timeout: 300_000 }, () => {
  const dir = tempDir('e2e-consumer');
  let app: AppProcess | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];

  before(async () => {
    assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install -y chromium`);
    mkdirSync(artifacts, { recursive: true });
    app = await startApp({ dataDir: dir.path });
    await app.waitForHealth();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });

  after(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    const code = await app?.stop();
    if (code !== undefined && code !== 0) console.error(`app exited with ${code}:\n${app?.output()}`);
    dir.remove();
  });

  async function phone(javaScriptEnabled: boolean): Promise<Page> {
    const context = await browser!.newContext({
      locale: 'vi-VN',
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      javaScriptEnabled,
    });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    return page;
  }

  async function shot(page: Page, name: string): Promise<void> {
    const file = join(artifacts, `consumer-${name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    assert.ok(statSync(file).size > 1000, `screenshot ${name} written`);
  }

  /** axe-core in the page; only serious and critical violations fail the journey. */
  async function axe(page: Page, what: string): Promise<void> {
    // page.addScriptTag({ path }) adds an inline <script>, which the page's CSP (script-src 'self')
    // rightly refuses; the CSP is kept on (it is under test), and axe goes in through evaluate.
    await page.evaluate(axeSource);
    const result = await page.evaluate(() => (window as unknown as { axe: { run: () => Promise<AxeResult> } }).axe.run());
    const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.deepEqual(
      bad.map((v) => `${v.impact} ${v.id}: ${v.help} → ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
      [],
      `axe on ${what}`,
    );
  }

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
    if (o.shots) await shot(page, 'step-business');
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
    const cookie = await apiLogin(app!.baseUrl, 'admin', DEMO_PASSWORD);
    const r = await fetch(`${app!.baseUrl}/api/v1/requests/by-phone?phone=${phoneNumber}`, { headers: { cookie } });
    assert.equal(r.status, 200);
    return ((await r.json()) as { data: { code: string }[] }).data;
  }

  let noJsCode = '';
  let trackingHref = '';

  it('files a complaint with JavaScript off: errors, check page, a change, a double click, one case', async () => {
    const page = await phone(false);
    const res = await page.goto(`${app!.baseUrl}/gui-yeu-cau`);
    assert.equal(res?.status(), 200);
    assert.equal(await page.locator('html').getAttribute('lang'), 'vi');
    await shot(page, 'start');
    await Promise.all([page.waitForURL('**/gui-yeu-cau/su-viec'), page.click('a.rq-start')]);

    await next(page);
    const summary = page.locator('.error-summary');
    await summary.waitFor();
    assert.match((await summary.textContent()) ?? '', /Chọn loại yêu cầu bạn muốn gửi/);
    assert.match((await summary.textContent()) ?? '', /Mô tả chuyện gì đã xảy ra/);
    await shot(page, 'step-errors');

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
    await shot(page, 'check');

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
    await shot(page, 'receipt');
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
    await shot(page, 'tracking');

    const wrong = await page.goto(`${app!.baseUrl}/tra-cuu/${noJsCode}?secret=sai-ma-bi-mat-hoan-toan`);
    assert.equal(wrong?.status(), 404);
    assert.equal(await h1(page), 'Không tìm thấy hồ sơ');
  });

  it('files a complaint with JavaScript on: live routing hint, counter, receipt, tracking; axe finds nothing serious', async () => {
    const page = await phone(true);
    const cspErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
    });
    await page.goto(`${app!.baseUrl}/gui-yeu-cau`);
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
    await shot(page, 'js-hint');
    await axe(page, 'step 1 with the hint');
    await page.goto(`${app!.baseUrl}/gui-yeu-cau/su-viec`);
    await fillJourney(page, { phone: '0987000222', business: 'Cửa hàng Điện gia dụng Bình An', shots: false });
    await axe(page, 'the check page');
    await page.check('#consent');
    await Promise.all([page.waitForURL('**/gui-yeu-cau/da-gui/**'), page.dblclick('#send')]);
    await page.waitForLoadState('load');
    const code = ((await page.locator('.rq-panel-code').textContent()) ?? '').trim();
    assert.match(code, /^YC-2026-\d{6}$/);
    assert.notEqual(code, noJsCode);
    await shot(page, 'js-receipt');
    await axe(page, 'the receipt');
    assert.equal((await casesOfPhone('0987000222')).length, 1);

    await Promise.all([page.waitForURL(`**/tra-cuu/${code}?secret=*`), page.click('#tracking-link')]);
    assert.equal(await h1(page), `Hồ sơ ${code}`);
    await axe(page, 'the tracking page');
    await shot(page, 'js-tracking');

    await page.goto(`${app!.baseUrl}/tra-cuu`);
    await page.fill('#code', noJsCode.toLowerCase());
    await page.fill('#secret', decodeURIComponent(trackingHref.split('secret=')[1] ?? ''));
    await Promise.all([page.waitForURL(`**/tra-cuu/${noJsCode}?secret=*`), page.click('main form button[type="submit"]')]);
    assert.equal(await h1(page), `Hồ sơ ${noJsCode}`);
    assert.deepEqual(cspErrors, [], 'the page script runs under script-src self');
  });
});
