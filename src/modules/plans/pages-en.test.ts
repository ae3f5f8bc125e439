import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildUser, loginCookie } from '../../../test/factories.js';
import { testApp, type TestApp } from '../../../test/harness.js';
import { listAgencies, seedDemoDirectory } from '../directory/index.js';
import type { TaskView } from './schema.js';
import { pt, STATUS_LABELS, statusLabel, timelineText, timingSummary } from './texts.js';

import { csrfOf, multipart, PLAN_TEXT, unescape } from './pages-testing.js';

/** The page is in `lang`: each expected text is there, none of the other language's texts is. */
function assertLanguage(body: string, lang: 'vi' | 'en', present: (string | RegExp)[], absent: string[], what: string) {
  assert.match(body, new RegExp(`<html lang="${lang}"`), `${what}: <html lang="${lang}">`);
  const text = unescape(body);
  for (const p of present)
    if (typeof p === 'string') assert.ok(text.includes(p), `${what} says "${p}"`);
    else assert.match(text, p, `${what} matches ${p}`);
  for (const a of absent) assert.ok(!text.includes(a), `${what} has no leftover "${a}"`);
}

describe('plans pages in English (?lang=en) and Vietnamese (default)', () => {
  let t: TestApp;
  let manager: string;
  let officer: string;
  let planId: string;
  let taskId: string;
  const page = (url: string, cookie: string) => t.app.inject({ method: 'GET', url, headers: { accept: 'text/html', cookie } });
  const upload = (url: string, cookie: string, body: ReturnType<typeof multipart>) =>
    t.app.inject({ method: 'POST', url, payload: body.payload, headers: { accept: 'text/html', cookie, 'content-type': body.type } });

  before(async () => {
    t = await testApp();
    await seedDemoDirectory(t.sysCtx(), '08');
    const agency = async (kind: string) =>
      (await listAgencies(t.sysCtx(), { kind: kind as 'so-cong-thuong', provinceCode: '08', level: 'province', page: 1, pageSize: 1 }))
        .data[0]!.id;
    const sct = await agency('so-cong-thuong');
    manager = await loginCookie(t.app, (await buildUser(t.database.db, { role: 'agency_manager', agencyId: sct })).username);
    officer = await loginCookie(
      t.app,
      (await buildUser(t.database.db, { role: 'case_officer', agencyId: await agency('so-khcn') })).username,
    );
  });
  after(() => t.close());

  it('shows the list and the import form in English with ?lang=en, and in Vietnamese by default', async () => {
    assertLanguage(
      (await page('/plans?lang=en', manager)).body,
      'en',
      ['<h1>Plans</h1>', 'Import a plan from a file', '<caption>Plans (0)</caption>', 'Unmatched agencies', 'There are no plans yet.'],
      ['Nhập kế hoạch từ tệp', 'Chưa có kế hoạch nào', 'Kế hoạch của tỉnh', 'Cơ quan chưa khớp'],
      'GET /plans?lang=en',
    );
    assertLanguage(
      (await page('/plans', manager)).body,
      'vi',
      ['<h1>Kế hoạch</h1>', 'Nhập kế hoạch từ tệp', 'Chưa có kế hoạch nào.', 'Cơ quan chưa khớp'],
      ['Import a plan', 'There are no plans'],
      'GET /plans',
    );
    assertLanguage(
      (await page('/plans/import?lang=en', manager)).body,
      'en',
      [
        '<h1>Import a plan</h1>',
        'Plan file',
        'Or paste the text of the plan',
        'Read and preview',
        'Nothing is saved until you select "Save plan".',
      ],
      ['Nhập kế hoạch', 'Tệp kế hoạch', 'Đọc và xem trước', 'Lưu kế hoạch'],
      'GET /plans/import?lang=en',
    );
    assertLanguage(
      (await page('/plans/import', manager)).body,
      'vi',
      ['<h1>Nhập kế hoạch</h1>', 'Tệp kế hoạch', 'Đọc và xem trước'],
      ['Read and preview', 'Plan file'],
      'GET /plans/import',
    );
  });

  it('shows the preview and the errors raised by the page handlers in English', async () => {
    const start = await page('/plans/import?lang=en', manager);
    const action = unescape(start.body.match(/action="(\/plans\/import\?_csrf=[^"]+)"/)![1]!);
    const preview = await upload(`${action}&lang=en`, manager, multipart([], { name: 'ke-hoach.txt', bytes: Buffer.from(PLAN_TEXT) }));
    assert.equal(preview.statusCode, 200, preview.body.slice(0, 500));
    assertLanguage(
      preview.body,
      'en',
      [
        '<h1>Plan preview</h1>',
        /Found <strong>2<\/strong> tasks in 1 section of the file ke-hoach\.txt\./,
        '1 agency name does not match the directory',
        '<caption>Tasks (2)</caption>',
        'Responsible person',
        'Due 20/12/2026',
        'Recurring, every year',
        '— Leave unmatched —',
        'Save plan',
        'Choose another file',
      ],
      [
        'Xem trước kế hoạch',
        'Đọc được',
        'Lưu kế hoạch',
        'Chọn tệp khác',
        'Để chưa khớp',
        'Hạn 20/12/2026',
        'Định kỳ hằng năm',
        'Người chịu trách nhiệm',
      ],
      'POST /plans/import?lang=en',
    );
    const viPreview = await upload(action, manager, multipart([], { name: 'ke-hoach.txt', bytes: Buffer.from(PLAN_TEXT) }));
    assertLanguage(
      viPreview.body,
      'vi',
      [
        '<h1>Xem trước kế hoạch</h1>',
        /Đọc được <strong>2<\/strong> nhiệm vụ trong 1 mục từ tệp ke-hoach\.txt\./,
        'Lưu kế hoạch',
        'Định kỳ hằng năm',
      ],
      ['Plan preview', 'Save plan', 'Recurring'],
      'POST /plans/import',
    );

    const notMultipart = await t.app.inject({
      method: 'POST',
      url: '/plans/import?lang=en',
      payload: new URLSearchParams({ _csrf: csrfOf(start.body) }).toString(),
      headers: { accept: 'text/html', cookie: manager, 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(notMultipart.statusCode, 400);
    assertLanguage(notMultipart.body, 'en', ['Choose a file or paste the text of the plan.'], ['Chưa chọn tệp'], 'an empty import');
    const stale = await t.app.inject({
      method: 'POST',
      url: '/plans/import/commit?lang=en',
      payload: new URLSearchParams({ _csrf: csrfOf(start.body), preview: 'not a preview' }).toString(),
      headers: { accept: 'text/html', cookie: manager, 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(stale.statusCode, 400);
    assertLanguage(stale.body, 'en', ['The preview is no longer valid. Choose the file again.'], ['Bản xem trước'], 'a stale preview');

    const committed = await t.app.inject({
      method: 'POST',
      url: '/plans/import/commit',
      payload: new URLSearchParams({
        _csrf: csrfOf(preview.body),
        preview: unescape(preview.body.match(/name="preview" value="([^"]+)"/)![1]!),
        fileName: 'ke-hoach.txt',
      }).toString(),
      headers: { accept: 'text/html', cookie: manager, 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(committed.statusCode, 303, committed.body.slice(0, 500));
    planId = String(committed.headers.location).split('/')[2]!.split('?')[0]!;
    const tasks = (
      (await t.app.inject({ method: 'GET', url: `/api/v1/plans/${planId}/tasks`, headers: { cookie: manager } })).json() as {
        data: TaskView[];
      }
    ).data;
    taskId = tasks.find((x) => x.ref === 'I.2')!.id;
  });

  it('shows a plan, its report form and its board in English, and in Vietnamese by default', async () => {
    assertLanguage(
      (await page(`/plans/${planId}?done=created&lang=en`, manager)).body,
      'en',
      [
        /<h1>KH-\d{4}-\d{4} · Plan<\/h1>/,
        'Plan saved. Agency names that did not match are marked for correction.',
        /"6 clears" score of the plan: \d+%/,
        'Agencies report by 10/12 each year. Reminder 7 days before the deadline.',
        '1 agency not in the directory',
        'Progress board and periodic reports',
        'Correct task I.2',
        'Automatic figures for task I.2',
        '✗ person',
        'Recurring, every year',
      ],
      [
        'Đã lưu kế hoạch',
        'Điểm "6 rõ"',
        'Sửa nhiệm vụ',
        'Bảng tổng hợp',
        'Lịch báo cáo',
        'chưa khớp danh bạ',
        'Định kỳ hằng năm',
        '✗ người',
      ],
      'GET /plans/:id?lang=en',
    );
    assertLanguage(
      (await page(`/plans/${planId}?done=created`, manager)).body,
      'vi',
      ['Đã lưu kế hoạch.', /Điểm "6 rõ" của kế hoạch: \d+%/, 'Sửa nhiệm vụ I.2', 'Định kỳ hằng năm', '✗ người'],
      ['Plan saved', 'Correct task', 'Recurring'],
      'GET /plans/:id',
    );

    const report = await page(`/plans/${planId}/tasks/${taskId}/report?lang=en`, officer);
    assert.equal(report.statusCode, 200, report.body.slice(0, 300));
    assertLanguage(
      report.body,
      'en',
      [
        '<h1>Report on task I.2</h1>',
        'Reporting period (deadline)',
        '>On track</label>',
        'Evidence file (optional)',
        'Send report',
        'No reports yet.',
      ],
      ['Báo cáo nhiệm vụ', 'Kỳ báo cáo', 'Đúng tiến độ', 'Gửi báo cáo', 'Chưa có báo cáo'],
      'the report form with ?lang=en',
    );
    assertLanguage(
      (await page(`/plans/${planId}/tasks/${taskId}/report`, officer)).body,
      'vi',
      ['<h1>Báo cáo nhiệm vụ I.2</h1>', '>Đúng tiến độ</label>', 'Gửi báo cáo'],
      ['Send report', 'On track'],
      'the report form',
    );

    const board = await page(`/plans/${planId}/board?period=2026-12-10&lang=en`, manager);
    assert.equal(board.statusCode, 200, board.body.slice(0, 300));
    assertLanguage(
      board.body,
      'en',
      [
        /<h1>Progress board · KH-\d{4}-\d{4}<\/h1>/,
        'Period from 01/01/2026 to 10/12/2026',
        'Download the consolidated report (DOCX)',
        '<caption>By lead agency</caption>',
        'Reminders and chasing',
        '>Chase</button>',
        'No reports or reminders in this period yet.',
      ],
      ['Bảng tổng hợp', 'Kỳ từ', 'Tải báo cáo tổng hợp', 'Theo cơ quan chủ trì', 'Dòng thời gian', '>Đôn đốc</button>'],
      'the board with ?lang=en',
    );
    assertLanguage(
      (await page(`/plans/${planId}/board?period=2026-12-10`, manager)).body,
      'vi',
      ['Tải báo cáo tổng hợp (DOCX)', 'Theo cơ quan chủ trì', '>Đôn đốc</button>'],
      ['Download the consolidated report', 'By lead agency'],
      'the board',
    );
  });

  it('keeps the labels the DOCX and XLSX reports use in Vietnamese', () => {
    assert.equal(STATUS_LABELS.on_track, 'Đúng tiến độ');
    const report = { kind: 'report', refs: ['I.2'], role: 'lead', status: 'on_track' } as const;
    assert.equal(timelineText('vi', report), 'Báo cáo nhiệm vụ I.2: Đúng tiến độ', 'the API text, as before');
    assert.equal(timelineText('en', report), 'Report on task I.2: On track');
    assert.equal(timelineText('en', { kind: 'escalation', refs: ['1', '3'] }), 'Overdue, escalated to the coordinating agency (1, 3)');
    assert.equal(timelineText('vi', { kind: 'urge', refs: [], message: 'Đề nghị báo cáo.' }), 'Đôn đốc: Đề nghị báo cáo.');
    assert.equal(statusLabel('en', 'on_track'), 'On track');
    const yearly = { kind: 'recurring', text: 'Hằng năm', recurrence: { every: 'year', on: '12-10' } } as const;
    assert.equal(timingSummary(yearly), 'Định kỳ hằng năm (ngày 10/12)');
    assert.equal(timingSummary(yearly, 'en'), 'Recurring, every year (on 10/12)');
    const range = { kind: 'range', text: '', from: '2026-03-01', until: '2026-06-30' } as const;
    assert.equal(timingSummary(range), 'Từ 01/03/2026 đến 30/06/2026');
    assert.equal(timingSummary(range, 'en'), 'From 01/03/2026 to 30/06/2026');
    assert.equal(pt('en', 'board.urged', { count: 1 }), 'chased 1 time');
    assert.equal(pt('en', 'board.urged', { count: 3 }), 'chased 3 times');
  });
});
