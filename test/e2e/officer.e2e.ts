/**
 * Browser journey on the real app (child process, demo data, Debian's Chromium): a consumer files
 * a complaint through the JSON API; the officer `sct.canbo` finds it in the inbox by an accent-free
 * search, opens the case (timeline, clocks), re-routes it to market surveillance with a reason;
 * the consumer's tracking page, on a phone-sized screen, shows the new agency and the reason.
 * Screenshots: artifacts/e2e/officer-*.png.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { DESKTOP, PHONE, axeProblems, fileRequest, loginAs, newJourney, type Journey } from './support.js';

const NEW_AGENCY = 'Chi cục Quản lý thị trường tỉnh Tuyên Quang';
const REASON = 'Máy giặt có dấu hiệu kém chất lượng: thuộc thẩm quyền kiểm tra của Quản lý thị trường.';

describe('officer journey: inbox, case page, re-route; the consumer sees the new agency (Chromium)', () => {
  let journey: Journey;
  let page: Page;
  let second: string;
  let filed: { id: string; code: string; trackingSecret: string; routing: { agency: { name: string } } };

  before(async () => {
    journey = await newJourney('officer');
    page = await journey.newPage({ ...DESKTOP });
  });

  after(() => journey?.close());

  /** A consumer's complaint about an online purchase: routed to the Department of Industry and Trade. */
  const fileComplaint = (key: string, over: Record<string, unknown> = {}) =>
    fileRequest(journey.base, key, {
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
    });

  it('a consumer files a complaint through the JSON API', async () => {
    const r = await fileComplaint('e2e-officer-journey-1');
    assert.equal(r.status, 201, await r.clone().text());
    filed = (await r.json()) as typeof filed;
    assert.match(filed.code, /^YC-\d{4}-\d{6}$/);
    assert.match(filed.routing.agency.name, /Sở Công Thương/, 'routed to the officer’s agency');
  });

  it('the officer signs in and finds it in the inbox with an accent-free search', async () => {
    await loginAs(page, journey.base, 'sct.canbo');
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
    await journey.shot(page, 'inbox');
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
    await journey.shot(page, 'case');
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
    await journey.shot(page, 'rerouted');
  });

  it('the consumer’s tracking page, on a phone, shows the new agency and the reason', async () => {
    const p = await journey.newPage(PHONE);
    try {
      const secret = encodeURIComponent(filed.trackingSecret);
      const res = await p.goto(`${journey.base}/tra-cuu/${filed.code}?secret=${secret}`);
      if (res?.status() === 200) {
        const text = (await p.locator('main').textContent()) ?? '';
        assert.ok(text.includes(NEW_AGENCY), 'the tracking page names the new agency');
        assert.ok(text.includes(filed.code));
        assert.ok(!text.includes('Nguyễn Thị Mai'), 'no personal data on the tracking page');
      } else {
        // The tracking page is not there yet: the tracking API answers the same question.
        const api = await p.goto(`${journey.base}/api/v1/requests/track/${filed.code}?secret=${secret}`);
        assert.equal(api?.status(), 200);
        const body = (await api!.json()) as { agency: { name: string }; timeline: { type: string; text: string }[] };
        assert.equal(body.agency.name, NEW_AGENCY);
        assert.ok(body.timeline.some((e) => e.type === 'rerouted' && e.text.includes(REASON)));
      }
      await journey.shot(p, 'consumer-tracking');
    } finally {
      await p.context().close();
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
    const p = await journey.newPage({ ...PHONE, storageState: await page.context().storageState() });
    try {
      await p.goto(`${journey.base}/requests?status=all`);
      const width = await p.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 390, `no horizontal scrolling (${width}px)`);
      await journey.shot(p, 'inbox-phone');
      const first = p.locator('table.cases tbody th a').first();
      await Promise.all([p.waitForURL('**/requests/*'), first.click()]);
      assert.ok((await p.evaluate(() => document.documentElement.scrollWidth)) <= 390, 'the case page does not scroll sideways');
      await journey.shot(p, 'case-phone');
    } finally {
      await p.context().close();
    }
  });

  it('the agency manager bulk-assigns a case to the officer', async () => {
    const p = await journey.newPage(DESKTOP);
    try {
      await loginAs(p, journey.base, 'sct.lanhdao');
      await p.goto(`${journey.base}/requests`);
      await p.getByLabel(`Chọn hồ sơ ${second}`, { exact: true }).check();
      const officer = p.locator('#assigneeId option', { hasText: 'sct.canbo' });
      await p.selectOption('#assigneeId', (await officer.getAttribute('value'))!);
      await Promise.all([p.waitForURL('**/requests?done=assigned**'), p.click('fieldset.bulk button[type="submit"]')]);
      assert.match((await p.locator('.notice[role="status"]').textContent()) ?? '', /Đã giao 1 hồ sơ\./);
      const row = (await p.locator('table.cases tbody tr', { hasText: second }).textContent()) ?? '';
      assert.match(row, /Cán bộ xử lý, Sở Công Thương/);
      await journey.shot(p, 'assigned');
    } finally {
      await p.context().close();
    }
  });
});
