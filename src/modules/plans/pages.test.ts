import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildUser, loginCookie } from '../../../test/factories.js';
import { testApp, type TestApp } from '../../../test/harness.js';
import { listAgencies, seedDemoDirectory } from '../directory/index.js';
import type { PlanView, ReportView, TaskView } from './schema.js';

import { csrfOf, multipart, PLAN_TEXT, unescape } from './pages-testing.js';

describe('plans pages', () => {
  let t: TestApp;
  let manager: string;
  let khcnOfficer: string;
  let viewer: string;
  let sct: string;
  let planId: string;
  const page = (url: string, cookie?: string) =>
    t.app.inject({ method: 'GET', url, headers: { accept: 'text/html', ...(cookie ? { cookie } : {}) } });
  const form = (url: string, cookie: string, fields: Record<string, string>) =>
    t.app.inject({
      method: 'POST',
      url,
      payload: new URLSearchParams(fields).toString(),
      headers: { accept: 'text/html', cookie, 'content-type': 'application/x-www-form-urlencoded' },
    });
  const upload = (url: string, cookie: string, body: ReturnType<typeof multipart>) =>
    t.app.inject({ method: 'POST', url, payload: body.payload, headers: { accept: 'text/html', cookie, 'content-type': body.type } });

  before(async () => {
    t = await testApp();
    await seedDemoDirectory(t.sysCtx(), '08');
    const agency = async (kind: string) =>
      (await listAgencies(t.sysCtx(), { kind: kind as 'so-cong-thuong', provinceCode: '08', level: 'province', page: 1, pageSize: 1 }))
        .data[0]!.id;
    sct = await agency('so-cong-thuong');
    manager = await loginCookie(t.app, (await buildUser(t.database.db, { role: 'agency_manager', agencyId: sct })).username);
    khcnOfficer = await loginCookie(
      t.app,
      (await buildUser(t.database.db, { role: 'case_officer', agencyId: await agency('so-khcn') })).username,
    );
    viewer = await loginCookie(t.app, (await buildUser(t.database.db, { role: 'viewer' })).username);
  });
  after(() => t.close());

  it('sends anonymous visitors to the login page and shows the list with a nav link to staff', async () => {
    const anon = await page('/plans');
    assert.equal(anon.statusCode, 302);
    assert.match(String(anon.headers.location), /^\/login/);
    const list = await page('/plans', viewer);
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /href="\/plans"[^>]*>Kế hoạch</);
    assert.match(list.body, /Chưa có kế hoạch nào/);
    assert.doesNotMatch(list.body, /Nhập kế hoạch từ tệp/, 'a viewer is not offered the import');
    assert.equal((await page('/plans/import', viewer)).statusCode, 403);
  });

  it('imports a file: preview with a select for the unmatched agency, a corrected timing, then commit', async () => {
    const start = await page('/plans/import', manager);
    assert.equal(start.statusCode, 200);
    const action = unescape(start.body.match(/action="(\/plans\/import\?_csrf=[^"]+)"/)![1]!);
    const bad = await upload(
      action,
      manager,
      multipart([], { name: 'cong-van.txt', bytes: Buffer.from('Kính gửi các cơ quan. Không có bảng.') }),
    );
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /class="error-summary"/);
    assert.match(bad.body, /Không tìm thấy bảng nhiệm vụ/);

    const preview = await upload(action, manager, multipart([], { name: 'ke-hoach.txt', bytes: Buffer.from(PLAN_TEXT) }));
    assert.equal(preview.statusCode, 200, preview.body.slice(0, 500));
    assert.match(preview.body, /Đọc được <strong>2<\/strong> nhiệm vụ/);
    assert.match(
      preview.body,
      /<select id="agency\.1\.lead\.0" name="agency\.1\.lead\.0"/,
      'the unmatched lead agency of I.1 gets a select',
    );
    assert.doesNotMatch(preview.body, /name="agency\.2\.lead\.0"/, 'a matched agency does not');
    assert.equal(await t.database.db.selectFrom('plan').select('id').executeTakeFirst(), undefined, 'nothing stored before commit');
    const fields: Record<string, string> = {
      _csrf: csrfOf(preview.body),
      preview: unescape(preview.body.match(/name="preview" value="([^"]+)"/)![1]!),
      fileName: unescape(preview.body.match(/name="fileName" value="([^"]+)"/)![1]!),
      title: 'Kế hoạch kiểm tra chợ truyền thống năm 2026',
      focalAgencyId: sct,
      reminderDays: '5',
      'agency.1.lead.0': sct,
      'timing.1': 'Quý IV/2026',
      'timing.2': 'Hằng năm',
      'person.1': 'Phó Giám đốc Nguyễn Văn An',
    };
    const committed = await form('/plans/import/commit', manager, fields);
    assert.equal(committed.statusCode, 303, committed.body.slice(0, 500));
    const location = String(committed.headers.location);
    assert.match(location, /^\/plans\/[0-9a-f-]{36}\?done=created$/);
    planId = location.split('/')[2]!.split('?')[0]!;
    const plan = (await t.app.inject({ method: 'GET', url: `/api/v1/plans/${planId}`, headers: { cookie: viewer } })).json() as PlanView;
    assert.deepEqual(
      [plan.title, plan.reminderDays, plan.counts.unmatchedAgencies, plan.source.name],
      ['Kế hoạch kiểm tra chợ truyền thống năm 2026', 5, 0, 'ke-hoach.txt'],
    );
    const tasks = (
      (await t.app.inject({ method: 'GET', url: `/api/v1/plans/${planId}/tasks`, headers: { cookie: viewer } })).json() as {
        data: TaskView[];
      }
    ).data;
    const t1 = tasks.find((x) => x.ref === 'I.1')!;
    assert.deepEqual([t1.leadAgencies[0]!.match, t1.leadAgencies[0]!.agencyId], ['manual', sct]);
    assert.deepEqual(
      [t1.timing.due, t1.timingText, t1.timingCorrected, t1.responsiblePerson],
      ['2026-12-31', 'Xong trước ngày 20/12/2026', true, 'Phó Giám đốc Nguyễn Văn An'],
    );
    assert.equal(tasks.find((x) => x.ref === 'I.2')!.timingCorrected, false, 'an unchanged timing is not a correction');

    const view = await page(location, viewer);
    assert.equal(view.statusCode, 200);
    assert.match(view.body, /Đã lưu kế hoạch/);
    assert.match(view.body, /Điểm &quot;6 rõ&quot; của kế hoạch: \d+%|Điểm "6 rõ" của kế hoạch: \d+%/);
    assert.match(view.body, /id="t-I\.1"/);
    assert.match(view.body, /đã chọn/);
    assert.doesNotMatch(view.body, /Sửa nhiệm vụ/, 'a viewer gets no edit form');
  });

  it('corrects a task from the plan page and keeps the written timing', async () => {
    const tasks = (
      (await t.app.inject({ method: 'GET', url: `/api/v1/plans/${planId}/tasks`, headers: { cookie: viewer } })).json() as {
        data: TaskView[];
      }
    ).data;
    const t2 = tasks.find((x) => x.ref === 'I.2')!;
    const body = (await page(`/plans/${planId}`, manager)).body;
    assert.match(body, /Sửa nhiệm vụ I\.2/);
    const r = await form(`/plans/${planId}/tasks/${t2.id}`, manager, {
      _csrf: csrfOf(body),
      timingText: 'Hằng quý',
      responsiblePerson: 'Trưởng phòng Tiêu chuẩn Đo lường',
      authority: '',
    });
    assert.equal(r.statusCode, 303);
    assert.match(String(r.headers.location), /done=task#t-I\.2$/);
    const after = (
      await t.app.inject({ method: 'GET', url: `/api/v1/plans/${planId}/tasks/${t2.id}`, headers: { cookie: viewer } })
    ).json() as TaskView;
    assert.deepEqual(
      [after.timing.recurrence?.every, after.timingText, after.responsiblePerson],
      ['quarter', 'Hằng năm', 'Trưởng phòng Tiêu chuẩn Đo lường'],
    );
    const refused = await form(`/plans/${planId}/tasks/${t2.id}`, viewer, { _csrf: csrfOf(body), timingText: 'Quý I/2027' });
    assert.equal(refused.statusCode, 403);
  });

  it('binds live indicators to a task from the plan page (managers only)', async () => {
    const tasks = (
      (await t.app.inject({ method: 'GET', url: `/api/v1/plans/${planId}/tasks`, headers: { cookie: viewer } })).json() as {
        data: TaskView[];
      }
    ).data;
    const t2 = tasks.find((x) => x.ref === 'I.2')!;
    const body = (await page(`/plans/${planId}`, manager)).body;
    assert.match(body, /Chỉ số tự động của nhiệm vụ I\.2/);
    assert.match(body, new RegExp(`name="indicators" value="requests.received:food"`));
    const post = (cookie: string, codes: string[]) =>
      t.app.inject({
        method: 'POST',
        url: `/plans/${planId}/tasks/${t2.id}/indicators`,
        payload: new URLSearchParams([['_csrf', csrfOf(body)], ...codes.map((c) => ['indicators', c] as [string, string])]).toString(),
        headers: { accept: 'text/html', cookie, 'content-type': 'application/x-www-form-urlencoded' },
      });
    const r = await post(manager, ['requests.received', 'requests.resolved:food']);
    assert.equal(r.statusCode, 303, r.body.slice(0, 300));
    assert.match(String(r.headers.location), /done=indicators#t-I\.2$/);
    const after = (
      await t.app.inject({ method: 'GET', url: `/api/v1/plans/${planId}/tasks/${t2.id}`, headers: { cookie: viewer } })
    ).json() as TaskView;
    assert.deepEqual(after.indicators, ['requests.received', 'requests.resolved:food']);
    const shown = (await page(`/plans/${planId}`, viewer)).body;
    assert.match(
      shown,
      /Chỉ số tự động: Số yêu cầu, khiếu nại tiếp nhận; Số yêu cầu, khiếu nại đã giải quyết xong — lĩnh vực thực phẩm, ăn uống/,
    );
    const bad = await post(manager, ['requests.nope']);
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Chỉ số không có trong danh mục: requests\.nope/);
    assert.equal((await post(viewer, ['requests.received'])).statusCode, 403);
  });

  it('lets the lead agency report with evidence, and the focal agency read the board, urge and download the report', async () => {
    const tasks = (
      (await t.app.inject({ method: 'GET', url: `/api/v1/plans/${planId}/tasks`, headers: { cookie: viewer } })).json() as {
        data: TaskView[];
      }
    ).data;
    const t2 = tasks.find((x) => x.ref === 'I.2')!;
    const plan = await page(`/plans/${planId}`, khcnOfficer);
    assert.match(plan.body, new RegExp(`href="/plans/${planId}/tasks/${t2.id}/report"`));
    const reportPage = await page(`/plans/${planId}/tasks/${t2.id}/report`, khcnOfficer);
    assert.equal(reportPage.statusCode, 200, reportPage.body.slice(0, 300));
    assert.match(reportPage.body, /Số liệu tự động từ hệ thống/);
    assert.match(reportPage.body, /<dt>Số yêu cầu, khiếu nại tiếp nhận<\/dt><dd>0 yêu cầu<\/dd>/);
    const action = unescape(reportPage.body.match(/action="([^"]+\/report\?_csrf=[^"]+)"/)![1]!);
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(16, 1)]);
    const sent = await upload(
      action,
      khcnOfficer,
      multipart(
        [
          ['period', '2026-12-10'],
          ['status', 'on_track'],
          ['narrative', 'Đã mở 2 lớp tập huấn đo lường.'],
        ],
        { name: 'anh-lop-hoc.png', bytes: png },
      ),
    );
    assert.equal(sent.statusCode, 303, sent.body.slice(0, 500));
    const reports = (
      (
        await t.app.inject({ method: 'GET', url: `/api/v1/plans/${planId}/tasks/${t2.id}/reports`, headers: { cookie: viewer } })
      ).json() as { data: ReportView[] }
    ).data;
    assert.deepEqual([reports.length, reports[0]!.status, reports[0]!.evidence[0]!.filename], [1, 'on_track', 'anh-lop-hoc.png']);
    assert.deepEqual(
      reports[0]!.kpis.map((k) => [k.code, k.value]),
      [
        ['requests.received', 0],
        ['requests.resolved:food', 0],
      ],
    );
    const again = await page(`/plans/${planId}/tasks/${t2.id}/report?done=1`, khcnOfficer);
    assert.match(again.body, /Đã gửi báo cáo/);
    assert.match(again.body, /anh-lop-hoc\.png/);

    const board = await page(`/plans/${planId}/board?period=2026-12-10`, manager);
    assert.equal(board.statusCode, 200);
    assert.match(board.body, /Theo cơ quan chủ trì/);
    assert.match(board.body, /Đúng tiến độ: 1/);
    assert.match(board.body, new RegExp(`href="/api/v1/plans/${planId}/report\\?period=2026-12-10"`));
    const urge = await form(`/plans/${planId}/urge`, manager, {
      _csrf: csrfOf(board.body),
      agencyId: sct,
      period: '2026-12-10',
      message: 'Đề nghị báo cáo nhiệm vụ I.1.',
    });
    assert.equal(urge.statusCode, 303, urge.body.slice(0, 300));
    assert.match((await page(String(urge.headers.location), manager)).body, /Đã gửi đôn đốc/);
  });
});
