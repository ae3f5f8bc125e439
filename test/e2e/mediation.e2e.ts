/**
 * Browser journey on the real app (child process, demo data, Debian's Chromium): an ethnic-minority
 * consumer's complaint (filed through the JSON API) is accepted; the officer `sct.canbo` opens a
 * mediation at the consumer association with both parties' consent; the association's mediator
 * `hoagiai` appoints himself, tries to schedule a session and is blocked (Law 19/2023 Art. 64(3)),
 * records a Tày interpreter, schedules the session and records the successful mediation with its
 * deadline to perform (Art. 65(2)). Screenshots: artifacts/e2e/mediation-*.png.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { docxText, flat } from '../../src/platform/documents/testing.js';
import { DEMO_PASSWORD, DESKTOP, apiLogin, axeProblems, fileRequest, loginAs, newJourney, type Journey } from './support.js';

const ASSOCIATION = /Hội Bảo vệ quyền lợi người tiêu dùng/;
const ART_64_2 = ['vietnamese_citizen', 'full_civil_capacity', 'good_ethics', 'skills_and_knowledge', 'no_criminal_record'];

/** A local (Asia/Ho_Chi_Minh) date and time `minutes` from now: ['yyyy-mm-dd', 'hh:mm']. */
function vnAt(minutes: number): [string, string] {
  const iso = new Date(Date.now() + 7 * 3_600_000 + minutes * 60_000).toISOString();
  return [iso.slice(0, 10), iso.slice(11, 16)];
}

describe('mediation journey: an ethnic-minority consumer, blocked until an interpreter is recorded, then a successful record (Chromium)', () => {
  let journey: Journey;
  let filed: { id: string; code: string };
  let mediationUrl: string;

  before(async () => {
    journey = await newJourney('mediation');
  });

  after(() => journey?.close());

  const api = async (cookie: string, method: 'GET' | 'POST', path: string, body?: unknown) => {
    const r = await fetch(`${journey.base}${path}`, {
      method,
      headers: { cookie, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await r.text();
    if (r.status >= 400) throw new Error(`${method} ${path}: ${r.status} ${text}`);
    return JSON.parse(text) as Record<string, unknown>;
  };

  /**
   * The demo register (src/modules/mediation/demo.ts) when the demo seed has it; otherwise the
   * administrator records the same through the API: the association, linked to hoagiai's agency,
   * with hoagiai as a listed mediator holding the five Art. 64(2) attestations.
   */
  async function ensureRegister(): Promise<void> {
    const admin = await apiLogin(journey.base, 'admin', DEMO_PASSWORD);
    const orgs = (await api(admin, 'GET', '/api/v1/mediation/organisations')).data as { name: string }[];
    if (orgs.some((o) => ASSOCIATION.test(o.name))) return;
    const users = (await api(admin, 'GET', '/api/v1/users?q=hoagiai')).data as { id: string; username: string; agencyId: string | null }[];
    const hoagiai = users.find((u) => u.username === 'hoagiai')!;
    const org = await api(admin, 'POST', '/api/v1/mediation/organisations', {
      type: 'a',
      name: 'Hội Bảo vệ quyền lợi người tiêu dùng tỉnh Tuyên Quang',
      ...(hoagiai.agencyId ? { agencyId: hoagiai.agencyId } : {}),
    });
    const m = await api(admin, 'POST', `/api/v1/mediation/organisations/${String(org.id)}/mediators`, {
      fullName: 'Hoàng Văn Hòa',
      userId: hoagiai.id,
    });
    for (const kind of ART_64_2)
      await api(admin, 'POST', `/api/v1/mediation/mediators/${String(m.id)}/attestations`, {
        kind,
        documentRef: 'Hồ sơ hòa giải viên',
        attestedOn: vnAt(-60 * 24)[0],
      });
    await api(admin, 'POST', `/api/v1/mediation/mediators/${String(m.id)}/recognition`, {
      recognitionRef: 'Quyết định công nhận hòa giải viên',
    });
  }

  it('an ethnic-minority consumer files a complaint; the officer accepts it', async () => {
    await ensureRegister();
    const r = await fileRequest(journey.base, 'e2e-mediation-journey-1', {
      kind: 'complaint',
      channel: 'web',
      consumer: {
        fullName: 'Nông Thị Hoa',
        phone: '0987111222',
        email: 'hoa.nong@example.test',
        vulnerable: ['ethnic_minority'],
        preferredLanguage: 'Tày',
      },
      business: { name: 'Công ty TNHH Điện máy Sao Việt', taxCode: '5000765432', website: 'https://saoviet.example.vn' },
      transaction: { date: vnAt(-60 * 24 * 10)[0], amountVnd: 7_490_000, productOrService: 'tủ lạnh', place: { online: true } },
      description:
        'Tôi mua tủ lạnh trên trang thương mại điện tử, tủ không lạnh sau ba ngày, cửa hàng không đổi và không hoàn tiền cho tôi.',
      desiredOutcome: 'Đổi tủ lạnh mới',
      priorContact: { date: vnAt(-60 * 24 * 5)[0], businessReply: 'refused' },
      consents: { privacyNoticeVersion: '2026-11' },
    });
    assert.equal(r.status, 201, await r.clone().text());
    filed = (await r.json()) as typeof filed;
    const officer = await apiLogin(journey.base, 'sct.canbo', DEMO_PASSWORD);
    await api(officer, 'POST', `/api/v1/requests/${filed.id}/status`, { to: 'accepted' });
  });

  it('the officer opens a mediation at the consumer association with both parties’ consent', async () => {
    const page = await journey.newPage({ ...DESKTOP });
    try {
      await loginAs(page, journey.base, 'sct.canbo');
      await Promise.all([page.waitForURL('**/mediation'), page.click('header nav a[href="/mediation"]')]);
      assert.equal((await page.locator('main h1').textContent())?.trim(), 'Hòa giải');
      await page.click('#open-form > summary');
      const [today] = vnAt(0);
      await page.fill('#open-requestCode', filed.code);
      const org = page.locator('#open-organisationId option', { hasText: 'Hội Bảo vệ quyền lợi người tiêu dùng' }).first();
      await page.selectOption('#open-organisationId', (await org.getAttribute('value'))!);
      await page.fill('#open-consumerConsentOn', today);
      await page.fill('#open-consumerConsentRef', 'Đơn đề nghị hòa giải của người tiêu dùng');
      await page.fill('#open-businessConsentOn', today);
      await page.fill('#open-businessConsentRef', 'Công văn đồng ý hòa giải của công ty');
      await page.fill('#open-businessEmail', 'cskh@saoviet.example.vn');
      await journey.shot(page, 'open-form');
      assert.deepEqual(await axeProblems(page), [], 'axe-core: no serious violations on the mediation list');
      await Promise.all([page.waitForURL('**/mediation/*?done=opened'), page.click('#open-form button[type="submit"]')]);
      mediationUrl = page.url().split('?')[0]!;
      assert.match((await page.locator('.notice[role="status"]').textContent()) ?? '', /Đã mở hòa giải/);
      assert.match((await page.locator('#language').textContent()) ?? '', /Chưa thể xếp lịch hòa giải/);
      await journey.shot(page, 'opened');
    } finally {
      await page.context().close();
    }
  });

  it('the mediator is blocked from scheduling until an interpreter is recorded, then schedules and records success', async () => {
    const page = await journey.newPage({ ...DESKTOP });
    try {
      await loginAs(page, journey.base, 'hoagiai');
      await Promise.all([page.waitForURL('**/mediation'), page.click('header nav a[href="/mediation"]')]);
      const row = page.locator('table.cases tbody tr', { hasText: filed.code });
      assert.match((await row.textContent()) ?? '', /Cần phiên dịch/);
      await Promise.all([page.waitForURL(mediationUrl), row.locator('a').first().click()]);

      // Appoint a listed mediator who speaks no Tày.
      await page.click('#appoint-form > summary');
      const hoa = page.locator('#appoint-mediatorId option', { hasText: 'Hoàng Văn Hòa' }).first();
      await page.selectOption('#appoint-mediatorId', (await hoa.getAttribute('value'))!);
      await Promise.all([page.waitForURL('**?done=appoint**'), page.click('#appoint-form button[type="submit"]')]);

      // Scheduling is refused (Art. 64(3)).
      const [tomorrow] = vnAt(60 * 24);
      const fillSession = async () => {
        if (!(await page.locator('#session-form').evaluate((el) => (el as HTMLDetailsElement).open)))
          await page.click('#session-form > summary');
        await page.fill('#session-date', tomorrow);
        await page.fill('#session-time', '09:00');
        await page.check('#session-mode');
        await page.fill('#session-place', 'Trụ sở Hội, số 5 đường Tân Trào');
      };
      await fillSession();
      await Promise.all([page.waitForLoadState('load'), page.click('#session-form button[type="submit"]')]);
      const summary = (await page.locator('.error-summary').textContent()) ?? '';
      assert.match(summary, /người dân tộc thiểu số/);
      assert.match(summary, /tiếng Tày/);
      assert.match(summary, /Điều 64 khoản 3/);
      assert.equal(await page.locator('#sessions li').count(), 0, 'no session was scheduled');
      await journey.shot(page, 'blocked');
      assert.deepEqual(await axeProblems(page), [], 'axe-core: no serious violations on the blocked page');

      // Record the interpreter; scheduling now succeeds.
      await page.fill('#interpreter-fullName', 'Hà Thị Mai');
      await page.fill('#interpreter-language', 'Tày');
      await Promise.all([page.waitForURL('**?done=interpreter**'), page.click('#interpreter-form button[type="submit"]')]);
      assert.match((await page.locator('#language').textContent()) ?? '', /Đã đáp ứng/);
      await fillSession();
      await Promise.all([page.waitForURL('**?done=session**'), page.click('#session-form button[type="submit"]')]);
      assert.match((await page.locator('#sessions').textContent()) ?? '', /09:00/);
      await journey.shot(page, 'scheduled');

      // The successful-mediation record with every Art. 65(2) element and the deadline to perform.
      const [heldDate, heldTime] = vnAt(-5);
      const [performBy] = vnAt(60 * 24 * 14);
      await page.click('#success-form > summary');
      await page.fill('#success-heldDate', heldDate);
      await page.fill('#success-heldTime', heldTime);
      await page.fill('#success-place', 'Trụ sở Hội, số 5 đường Tân Trào');
      await page.fill('#success-consumerAddress', 'Thôn Nà Héc, xã Yên Sơn');
      await page.fill('#success-businessRepresentative', 'Trần Văn Nam, trưởng phòng chăm sóc khách hàng');
      await page.fill('#success-disputeContent', 'Tủ lạnh không lạnh sau ba ngày; cửa hàng từ chối đổi.');
      await page.fill('#success-consumerOpinion', 'Đề nghị đổi tủ lạnh mới cùng loại.');
      await page.fill('#success-businessOpinion', 'Đồng ý đổi tủ lạnh mới và chịu chi phí vận chuyển.');
      await page.fill('#success-solution', 'Công ty đổi tủ lạnh mới cùng loại cho người tiêu dùng và chịu chi phí vận chuyển.');
      await page.fill('#success-performBy', performBy);
      await page.fill('#success-otherTerms', 'Không có');
      await page.check('#success-partiesSigned');
      await page.check('#success-mediatorSigned');
      await Promise.all([page.waitForURL('**?done=success**'), page.click('#success-form button[type="submit"]')]);
      const outcome = (await page.locator('#outcome').textContent()) ?? '';
      assert.match(outcome, /Biên bản hòa giải thành/);
      assert.match(outcome, /Công ty đổi tủ lạnh mới cùng loại/);
      const [y, m, d] = performBy.split('-');
      assert.ok(outcome.includes(`${d}/${m}/${y}`), 'the deadline to perform is on the record');
      assert.match(outcome, /Đang chờ thực hiện/);
      const record = page.locator('#outcome a', { hasText: 'DOCX' });
      assert.ok((await record.count()) > 0, 'the record is offered for download');
      const res = await page.request.get(new URL((await record.first().getAttribute('href'))!, page.url()).href);
      assert.equal(res.status(), 200, 'the Art. 65 record downloads');
      const text = flat(docxText(Buffer.from(await res.body())).body);
      assert.match(text, /BIÊN BẢN HÒA GIẢI THÀNH/i, 'the Art. 65 record, in Vietnamese');
      await journey.shot(page, 'success');
      assert.deepEqual(await axeProblems(page), [], 'axe-core: no serious violations on the record');
    } finally {
      await page.context().close();
    }
  });

  it('the mediation list and page fit a phone screen', async () => {
    const p = await journey.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true });
    try {
      await loginAs(p, journey.base, 'hoagiai');
      for (const url of ['/mediation', mediationUrl]) {
        await p.goto(url.startsWith('http') ? url : `${journey.base}${url}`);
        const width = await p.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(width <= 390, `${url}: no horizontal scrolling (${width}px)`);
      }
      await journey.shot(p, 'phone');
    } finally {
      await p.context().close();
    }
  });
});
