/**
 * Browser journey on the real app (child process, demo data, Debian's Chromium): the department's
 * manager `sct.lanhdao` imports a plan from a file, chooses the directory agency for the one name
 * the matcher could not place, and commits; the lead agency's officer `sct.canbo` reports progress
 * on a task with an evidence file; the manager opens the consolidated board and downloads the DOCX
 * report, whose text is checked. Screenshots: artifacts/e2e/plans-*.png.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { docxText, flat } from '../../src/platform/documents/testing.js';
import { DESKTOP, download, loginAs, newJourney, type Journey } from './support.js';

const NARRATIVE = 'Đã tổ chức 2 lớp tập huấn cho 120 tiểu thương tại chợ Minh Xuân và chợ Tam Cờ.';

const PLAN_TEXT =
  'ỦY BAN NHÂN DÂN\nTỈNH TUYÊN QUANG\nSố: /KH-UBND\nTuyên Quang, ngày 20 tháng 4 năm 2026\nKẾ HOẠCH\nBảo vệ quyền lợi người tiêu dùng tại các chợ truyền thống\n' +
  'Các sở, ngành báo cáo kết quả thực hiện qua Sở Công Thương trước ngày 10 tháng 12 hằng năm.\n' +
  'PHỤ LỤC\nTT\tNhiệm vụ\tCơ quan chủ trì\tCơ quan phối hợp\tSản phẩm\tThời gian\n' +
  'I\tKiểm tra, tập huấn\t\t\t\t\n' +
  '1\tKiểm tra niêm yết giá tại chợ Minh Xuân\tBan Quản lý chợ Minh Xuân\tSở Công Thương\tBáo cáo kiểm tra\tQuý IV/2026\n' +
  '2\tTập huấn kiến thức bảo vệ người tiêu dùng cho tiểu thương\tSở Công Thương\tUBND xã, phường\tLớp tập huấn\tHằng năm\n';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

describe('plans journey: import with a fixed agency, a progress report with evidence, the DOCX report (Chromium)', () => {
  let journey: Journey;
  let manager: Page;
  let planUrl = '';

  before(async () => {
    journey = await newJourney('plans');
    writeFileSync(join(journey.dir, 'ke-hoach-cho.txt'), PLAN_TEXT);
    writeFileSync(join(journey.dir, 'lop-tap-huan.png'), PNG);
    manager = await journey.newPage({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
  });

  after(() => journey?.close());

  it('the manager imports the plan file, fixes the unmatched agency in the preview, and commits', async () => {
    await loginAs(manager, journey.base, 'sct.lanhdao');
    await Promise.all([manager.waitForURL('**/plans'), manager.click('header nav a[href="/plans"]')]);
    await Promise.all([manager.waitForURL('**/plans/import'), manager.click('main a[href="/plans/import"]')]);
    // A file over the 10 MB limit is refused in the page, before any upload.
    writeFileSync(join(journey.dir, 'qua-lon.txt'), Buffer.alloc(10 * 1024 * 1024 + 1, 0x61));
    await manager.setInputFiles('#file', join(journey.dir, 'qua-lon.txt'));
    await manager.click('main form button[type="submit"]');
    await manager.locator('[data-upload-status]').getByText('Tệp lớn hơn 10 MB').waitFor();
    assert.match(manager.url(), /\/plans\/import$/, 'no post was made');
    await manager.setInputFiles('#file', join(journey.dir, 'ke-hoach-cho.txt'));
    // plan-import.js sends the file with XHR and swaps the page in place: record what its status
    // region says (the region leaves with the form when the preview replaces <main>).
    await manager.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { uploadStatus: string[] }).uploadStatus = seen;
      const region = document.querySelector<HTMLElement>('[data-upload-status]')!;
      new MutationObserver(() => {
        if (!region.hidden) seen.push(region.innerText.trim());
      }).observe(region, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    await manager.click('main form button[type="submit"]');
    await manager.locator('main h1', { hasText: 'Xem trước kế hoạch' }).waitFor();
    assert.match(manager.url(), /\/plans\/import$/, 'the preview replaced the page without a navigation');
    assert.match(await manager.title(), /^Xem trước kế hoạch/);
    assert.equal(await manager.evaluate(() => document.activeElement?.textContent?.trim()), 'Xem trước kế hoạch', 'focus on the heading');
    const said = await manager.evaluate(() => (window as unknown as { uploadStatus: string[] }).uploadStatus);
    assert.ok(said.includes('Đang đọc bảng nhiệm vụ…'), `the status region showed the reading step: ${JSON.stringify(said)}`);
    assert.match(await manager.locator('main > p').first().innerText(), /Đọc được 2 nhiệm vụ trong 1 mục từ tệp ke-hoach-cho\.txt/);
    const select = manager.locator('select[id="agency.1.lead.0"]');
    assert.ok(await select.isVisible(), 'the unmatched "Ban Quản lý chợ Minh Xuân" gets a select');
    assert.equal(await manager.locator('select[id^="agency."]').count(), 1, 'only the unmatched name');
    await journey.shot(manager, 'preview');
    const value = await select.locator('option', { hasText: 'Sở Công Thương tỉnh Tuyên Quang' }).first().getAttribute('value');
    await select.selectOption(value!);
    await Promise.all([manager.waitForURL('**/plans/*?done=created'), manager.click('main form button:has-text("Lưu kế hoạch")')]);
    planUrl = manager.url().split('?')[0]!;
    assert.match(await manager.locator('main [role="status"]').innerText(), /Đã lưu kế hoạch/);
    assert.match(await manager.locator('#score').innerText(), /Điểm "6 rõ" của kế hoạch: \d+%/);
    assert.equal(await manager.locator('main .tag:has-text("chưa khớp danh bạ")').count(), 0, 'no agency left unmatched');
    assert.match(await manager.locator('tr[id="t-I.1"]').innerText(), /Sở Công Thương tỉnh Tuyên Quang/);
    await journey.shot(manager, 'plan');
  });

  it('the lead agency’s officer reports progress on a task with an evidence file', async () => {
    const officer = await journey.newPage(DESKTOP);
    await loginAs(officer, journey.base, 'sct.canbo');
    await officer.goto(planUrl);
    await Promise.all([officer.waitForURL('**/report'), officer.click('tr[id="t-I.2"] a:has-text("Báo cáo tiến độ")')]);
    await officer.check('#status-on_track');
    await officer.fill('#narrative', NARRATIVE);
    await officer.setInputFiles('#evidence', join(journey.dir, 'lop-tap-huan.png'));
    await Promise.all([officer.waitForURL('**/report?done=1'), officer.click('main form button:has-text("Gửi báo cáo")')]);
    assert.match(await officer.locator('main [role="status"]').innerText(), /Đã gửi báo cáo/);
    assert.ok(await officer.locator('main a:has-text("lop-tap-huan.png")').isVisible());
    await journey.shot(officer, 'report');
    await officer.context().close();
  });

  it('the focal agency reads the board and downloads the DOCX report in the Decree 30 format', async () => {
    await manager.goto(`${planUrl}/board`);
    assert.match(await manager.locator('main').innerText(), /Theo cơ quan chủ trì/);
    assert.match(await manager.locator('main').innerText(), /Đúng tiến độ: 1/);
    await journey.shot(manager, 'board');
    const report = await download(manager, 'main a:has-text("Tải báo cáo tổng hợp (DOCX)")');
    assert.match(report.name, /^bao-cao-KH-\d{4}-\d{4}-\d{4}-\d{2}-\d{2}\.docx$/);
    const text = flat(docxText(report.body).body);
    for (const s of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'SỞ CÔNG THƯƠNG',
      'BÁO CÁO',
      'Nơi nhận:',
      NARRATIVE,
      'Tiến độ: Đúng tiến độ',
    ])
      assert.ok(text.includes(s), `the report says "${s}"`);
  });
});
