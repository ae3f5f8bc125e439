/**
 * Browser journey on the real app (child process, fresh embedded database) with Debian's
 * Chromium: the login page is Vietnamese, a wrong password shows the error summary, a case
 * officer signs in, lands on the staff home page (screenshot in artifacts/e2e/), signs out.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { loginAs, newJourney, type Journey } from './support.js';

describe('staff login journey (Chromium)', () => {
  let journey: Journey;
  let page: Page;

  before(async () => {
    journey = await newJourney('staff');
    page = await journey.newPage({ viewport: { width: 1280, height: 800 } });
  });

  after(() => journey?.close());

  it('serves the login page in Vietnamese', async () => {
    const res = await page.goto(`${journey.base}/login`);
    assert.equal(res?.status(), 200);
    assert.equal(await page.locator('html').getAttribute('lang'), 'vi');
    assert.equal((await page.locator('main h1').textContent())?.trim(), 'Đăng nhập');
    assert.equal((await page.locator('label[for="username"]').textContent())?.trim(), 'Tên đăng nhập');
    assert.equal((await page.locator('label[for="password"]').textContent())?.trim(), 'Mật khẩu');
  });

  it('shows the Vietnamese error summary for a wrong password', async () => {
    const p = await journey.newPage();
    try {
      await p.goto(`${journey.base}/login`);
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
      await p.context().close();
    }
  });

  it('signs in as sct.canbo and lands on the staff home page', async () => {
    await loginAs(page, journey.base, 'sct.canbo');
    assert.equal(new URL(page.url()).pathname, '/home');
    assert.equal(await page.locator('html').getAttribute('lang'), 'vi');
    assert.equal((await page.locator('main h1').textContent())?.trim(), 'Trang làm việc');
    const main = (await page.locator('main').textContent()) ?? '';
    assert.match(main, /Xin chào, Cán bộ xử lý, Sở Công Thương/);
    assert.match((await page.title()) ?? '', /Trang làm việc/);
    await journey.shot(page, 'home');
  });

  it('signs out and is back on the login page', async () => {
    await Promise.all([page.waitForURL('**/login'), page.click('header form[action="/logout"] button[type="submit"]')]);
    assert.equal(new URL(page.url()).pathname, '/login');
    assert.equal(await page.locator('html').getAttribute('lang'), 'vi');
    assert.equal((await page.locator('main h1').textContent())?.trim(), 'Đăng nhập');
    // The session is gone: the home page sends us back to the login page.
    await page.goto(`${journey.base}/home`);
    assert.equal(new URL(page.url()).pathname, '/login');
  });
});
