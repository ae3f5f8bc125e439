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
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { docxText, flat } from '../../src/platform/documents/testing.js';
import { DEMO_PASSWORD, root, startApp, tempDir, type AppProcess } from './support.js';

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
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const DESKTOP = { viewport: { width: 1280, height: 900 } };
const BUSINESS = 'Công ty TNHH Điện máy Minh Phát';

async function axeProblems(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: join(root, 'node_modules', 'axe-core', 'axe.min.js') });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (d: Document) => Promise<{ violations: unknown[] }> } }).axe;
    return (await axe.run(document)).violations as { id: string; impact: string; nodes: { target: string[] }[] }[];
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function shot(page: Page, name: string): Promise<void> {
  const path = join(artifacts, `negotiation-${name}.png`);
  await page.screenshot({ path, fullPage: true });
  assert.ok(statSync(path).size > 1000, `${name} screenshot written`);
}

/** dd/mm/yyyy of today + `days` in Asia/Ho_Chi_Minh. */
function vnDate(days: number): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' });
  return parts.format(new Date(Date.now() + days * 86400_000));
}

async function login(page: Page, baseUrl: string, username: string, next: string): Promise<void> {
  await page.goto(`${baseUrl}/login?next=${encodeURIComponent(next)}`);
  await page.fill('#username', username);
  await page.fill('#password', DEMO_PASSWORD);
  await Promise.all([page.waitForURL(`**${next}`), page.click('main form button[type="submit"]')]);
}

const notice = async (page: Page) => (await page.locator('.notice[role="status"]').first().textContent())?.trim() ?? '';

describe('negotiation journey: forward, business answer, consumer feedback, closing, record (Chromium)', () => {
  const dir = tempDir('e2e-negotiation');
  let app: AppProcess | undefined;
  let browser: Browser | undefined;
  let officerCtx: BrowserContext;
  let businessCtx: BrowserContext;
  let consumerCtx: BrowserContext;
  let officer: Page;
  let business: Page;
  let consumer: Page;
  let filed: { id: string; code: string; trackingSecret: string; routing: { agency: { name: string } } };
  const trackUrl = () => `${app!.baseUrl}/tra-cuu/${filed.code}?secret=${encodeURIComponent(filed.trackingSecret)}`;

  before(async () => {
    assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install -y chromium`);
    mkdirSync(artifacts, { recursive: true });
    app = await startApp({ dataDir: dir.path });
    await app.waitForHealth();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    officerCtx = await browser.newContext({ locale: 'vi-VN', ...DESKTOP, bypassCSP: true, acceptDownloads: true });
    businessCtx = await browser.newContext({ locale: 'vi-VN', ...DESKTOP, bypassCSP: true });
    consumerCtx = await browser.newContext({ locale: 'vi-VN', ...PHONE, bypassCSP: true });
    officer = await officerCtx.newPage();
    business = await businessCtx.newPage();
    consumer = await consumerCtx.newPage();
    for (const p of [officer, business, consumer]) p.setDefaultTimeout(15_000);
  });

  after(async () => {
    await browser?.close();
    const code = await app?.stop();
    if (code !== undefined && code !== 0) console.error(`app exited with ${code}:\n${app?.output()}`);
    dir.remove();
  });

  it('the consumer files a request for negotiation support', async () => {
    const r = await fetch(`${app!.baseUrl}/api/v1/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'e2e-negotiation-1' },
      body: JSON.stringify({
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
      }),
    });
    assert.equal(r.status, 201, await r.clone().text());
    filed = (await r.json()) as typeof filed;
    assert.match(filed.routing.agency.name, /Sở Công Thương/);
  });

  it('the officer forwards it to the business from the case page', async () => {
    await login(officer, app!.baseUrl, 'sct.canbo', '/requests');
    await officer.goto(`${app!.baseUrl}/requests/${filed.id}`);
    await officer.click('#forward-form > summary');
    assert.equal(await officer.inputValue('#forward-taxCode'), '5000123456', 'the tax code comes from the case');
    await officer.fill('#forward-businessEmail', 'cskh@dienmayminhphat.example.vn');
    await Promise.all([officer.waitForURL('**done=forwarded**'), officer.click('#forward-form button[type="submit"]')]);
    assert.match(await notice(officer), new RegExp(`Đã chuyển hồ sơ cho ${BUSINESS}`));
    const panel = (await officer.locator('#negotiation').textContent()) ?? '';
    assert.match(panel, /MST 5000123456/);
    await shot(officer, 'officer-forwarded');
    assert.deepEqual(await axeProblems(officer), [], 'axe-core: no serious violations on the case page');
  });

  it('the business user logs in and sees the case with its due date', async () => {
    await login(business, app!.baseUrl, 'doanhnghiep', '/doanh-nghiep');
    assert.equal((await business.locator('main h1').textContent())?.trim(), 'Hồ sơ người tiêu dùng chuyển đến doanh nghiệp');
    const row = business.locator('table.cases tbody tr', { hasText: filed.code });
    const text = (await row.textContent()) ?? '';
    assert.match(text, /Xác nhận đã tiếp nhận/);
    assert.match(text, /\d{2}\/\d{2}\/\d{4}/, 'the next due date');
    await shot(business, 'business-list');
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
    await shot(business, 'business-answer-form');
    await Promise.all([business.waitForURL('**done=responded'), business.click(`form[action$="/tra-loi"] button[type="submit"]`)]);
    assert.match(await notice(business), /Đã gửi trả lời/);
    const answer = (await business.locator('#answer').textContent()) ?? '';
    assert.match(answer, /Bồi hoàn bằng tiền/);
    assert.match(answer, /8\.990\.000 đ/);
    await shot(business, 'business-answered');
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
    await shot(consumer, 'consumer-answer');
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
    await shot(consumer, 'consumer-received');
  });

  it('the officer closes the case as settled by negotiation and downloads the record as DOCX', async () => {
    await officer.goto(`${app!.baseUrl}/requests/${filed.id}`);
    const panel = (await officer.locator('#negotiation').textContent()) ?? '';
    assert.match(panel, /Đồng ý; đánh giá 4\/5/);
    await officer.click('#close-form > summary');
    await officer.selectOption('#close-outcome', 'resolved_by_negotiation');
    await officer.fill('#close-publicNote', 'Doanh nghiệp đã hoàn tiền, quý vị đã xác nhận nhận được.');
    await Promise.all([officer.waitForURL('**done=closed'), officer.click('#close-form button[type="submit"]')]);
    assert.match(await notice(officer), /Đã đóng hồ sơ: Giải quyết bằng thương lượng/);
    assert.match((await officer.locator('#closing').textContent()) ?? '', /Tổng thời gian/);
    const [download] = await Promise.all([
      officer.waitForEvent('download'),
      officer.click('#negotiation a[href$="negotiation-record?format=docx"]'),
    ]);
    assert.match(download.suggestedFilename(), new RegExp(`bien-ban-thuong-luong-${filed.code}\\.docx`));
    const text = flat(docxText(readFileSync((await download.path())!)).body);
    for (const s of ['BIÊN BẢN THƯƠNG LƯỢNG', BUSINESS, 'Vũ Thị Thanh', '8.990.000', 'Thương lượng thành'])
      assert.ok(text.includes(s), `the record says ${s}`);
    await shot(officer, 'officer-closed');
  });

  it('the consumer sees the result and what else they can do', async () => {
    await consumer.goto(trackUrl());
    const closing = (await consumer.locator('section[aria-labelledby="closing-title"]').textContent()) ?? '';
    assert.match(closing, /Giải quyết bằng thương lượng/);
    assert.match(closing, /thủ tục rút gọn/);
    await shot(consumer, 'consumer-closed');
  });
});
