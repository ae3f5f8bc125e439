/**
 * Browser journey on the real app (child process, fresh embedded database) with Debian's
 * Chromium: the login page is Vietnamese, a wrong password shows the error summary, a case
 * officer signs in, lands on the staff home page (screenshot in artifacts/e2e/), signs out.
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

describe('staff login journey (Chromium)', () => {
  const dir = tempDir('e2e-login');
  let app: AppProcess | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext;
  let page: Page;

  before(async () => {
    assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install -y chromium`);
    mkdirSync(artifacts, { recursive: true });
    app = await startApp({ dataDir: dir.path });
    await app.waitForHealth();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    context = await browser.newContext({ locale: 'vi-VN', viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
  });

  after(async () => {
    await browser?.close();
    const code = await app?.stop();
    if (code !== undefined && code !== 0) console.error(`app exited with ${code}:\n${app?.output()}`);
    dir.remove();
  });

  it('serves the login page in Vietnamese', async () => {
    const res = await page.goto(`${app!.baseUrl}/login`);
    assert.equal(res?.status(), 200);
    assert.equal(await page.locator('html').getAttribute('lang'), 'vi');
    assert.equal((await page.locator('main h1').textContent())?.trim(), 'Đăng nhập');
    assert.equal((await page.locator('label[for="username"]').textContent())?.trim(), 'Tên đăng nhập');
    assert.equal((await page.locator('label[for="password"]').textContent())?.trim(), 'Mật khẩu');
  });

  it('shows the Vietnamese error summary for a wrong password', async () => {
    const other = await browser!.newContext({ locale: 'vi-VN' });
    try {
      const p = await other.newPage();
      await p.goto(`${app!.baseUrl}/login`);
      await p.fill('#username', 'sct.canbo');
      await p.fill('#password', 'mat-khau-sai-hoan-toan');
      const [res] = await Promise.all([
        p.waitForResponse((r) => r.url().endsWith('/login') && r.request().method() === 'POST'),
        p.click('main form button[type="submit"]'),
      ]);
      assert.equal(res.status(), 401);
      const summary = p.locator('.error-summary');
      await summary.waitFor();
      assert.equal(await summary.getAttribute('role'), 'alert');
      assert.equal((await summary.locator('h2').textContent())?.trim(), 'Có lỗi cần sửa');
      assert.match((await summary.textContent()) ?? '', /Tên đăng nhập hoặc mật khẩu không đúng\./);
      assert.equal(await p.inputValue('#username'), 'sct.canbo', 'the username is kept');
      assert.equal(await p.inputValue('#password'), '', 'the password is not echoed back');
      assert.equal(new URL(p.url()).pathname, '/login');
    } finally {
      await other.close();
    }
  });

  it('signs in as sct.canbo and lands on the staff home page', async () => {
    await page.goto(`${app!.baseUrl}/login`);
    await page.fill('#username', 'sct.canbo');
    await page.fill('#password', DEMO_PASSWORD);
    await Promise.all([page.waitForURL('**/home'), page.click('main form button[type="submit"]')]);
    assert.equal(new URL(page.url()).pathname, '/home');
    assert.equal(await page.locator('html').getAttribute('lang'), 'vi');
    assert.equal((await page.locator('main h1').textContent())?.trim(), 'Trang làm việc');
    const main = (await page.locator('main').textContent()) ?? '';
    assert.match(main, /Xin chào, Cán bộ xử lý, Sở Công Thương/);
    assert.match((await page.title()) ?? '', /Trang làm việc/);
    const shot = join(artifacts, 'staff-home.png');
    await page.screenshot({ path: shot, fullPage: true });
    assert.ok(statSync(shot).size > 1000, 'screenshot written');
  });

  it('signs out and is back on the login page', async () => {
    await Promise.all([page.waitForURL('**/login'), page.click('header form[action="/logout"] button[type="submit"]')]);
    assert.equal(new URL(page.url()).pathname, '/login');
    assert.equal(await page.locator('html').getAttribute('lang'), 'vi');
    assert.equal((await page.locator('main h1').textContent())?.trim(), 'Đăng nhập');
    // The session is gone: the home page sends us back to the login page.
    await page.goto(`${app!.baseUrl}/home`);
    assert.equal(new URL(page.url()).pathname, '/login');
  });
});
