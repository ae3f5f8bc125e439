import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { buildUser, loginCookie } from '../../../test/factories.js';
import { testApp, type TestApp } from '../../../test/harness.js';
import { createApiToken } from '../../platform/auth/service.js';
import { docxText, flat } from '../../platform/documents/testing.js';
import { listAgencies, seedDemoDirectory } from '../directory/index.js';
import { sweepPlanReports } from './reminders.js';
import type { BoardView, ImportCommitted, NoticeView, PlanView, ReportView, TaskView } from './schema.js';

/**
 * A plan whose agencies report before 10/11 each year and the focal department before 25/11.
 * I.1 is led by the Department of Science and Technology (co-operating: Industry and Trade), I.2
 * by the Department of Justice with the communes as a group.
 */
const PLAN_TEXT =
  'KẾ HOẠCH\nTheo dõi giá cả thị trường\n' +
  'Các sở, ngành báo cáo kết quả thực hiện qua Sở Công Thương trước ngày 10 tháng 11 hằng năm.\n' +
  'Sở Công Thương tổng hợp, báo cáo Bộ Công Thương trước ngày 25 tháng 11 hằng năm.\n' +
  'PHỤ LỤC\nTT\tNhiệm vụ\tCơ quan chủ trì\tCơ quan phối hợp\tSản phẩm\tThời gian\n' +
  'I\tTuyên truyền, tập huấn\t\t\t\t\n' +
  '1\tTập huấn đo lường cho tiểu thương\tSở Khoa học và Công nghệ\tSở Công Thương\tLớp tập huấn\tHằng năm\n' +
  '2\tKiểm tra niêm yết giá tại chợ\tSở Tư pháp\tUBND xã, phường\tBáo cáo kiểm tra\tNăm 2026\n';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);

function multipart(name: string, bytes: Buffer) {
  const boundary = '----bvntdevidence';
  return {
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

describe('plan progress: reports, evidence, reminders, escalation, board, urging, the DOCX report', () => {
  let t: TestApp;
  const ids = { sct: '', khcn: '', stp: '' };
  const c: Record<string, string> = {};
  let khcnToken = '';
  let plan: ImportCommitted;
  let tasks: TaskView[];
  const task = (ref: string) => tasks.find((x) => x.ref === ref)!;

  const api = (method: 'GET' | 'POST', url: string, cookie?: string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      ...(payload !== undefined ? { payload: payload as object } : {}),
      headers: { accept: 'application/json', ...(cookie ? { cookie } : {}) },
    });
  const code = (r: { body: string }) => (JSON.parse(r.body) as { error?: { code?: string } }).error?.code;
  const mails = async (subject: RegExp) =>
    (await t.database.db.selectFrom('job').select('payload').where('kind', '=', 'mail.send').execute())
      .map((j) => (typeof j.payload === 'string' ? JSON.parse(j.payload) : j.payload) as { to: string; subject: string; text: string })
      .filter((m) => subject.test(m.subject));
  const notices = (kind: 'reminder' | 'escalation' | 'urge') =>
    t.database.db.selectFrom('plan_notice').selectAll().where('kind', '=', kind).execute();
  const report = (taskRef: string, cookie: string, body: Record<string, unknown>) =>
    api('POST', `/api/v1/plans/${plan.id}/tasks/${task(taskRef).id}/reports`, cookie, body);

  before(async () => {
    t = await testApp({ SESSION_TTL_HOURS: 24 * 800 });
    await seedDemoDirectory(t.sysCtx(), '08');
    const agency = async (kind: string) =>
      (await listAgencies(t.sysCtx(), { kind: kind as 'so-cong-thuong', provinceCode: '08', level: 'province', page: 1, pageSize: 1 }))
        .data[0]!.id;
    ids.sct = await agency('so-cong-thuong');
    ids.khcn = await agency('so-khcn');
    ids.stp = await agency('so-tu-phap');
    const user = async (name: string, role: 'agency_manager' | 'case_officer' | 'viewer' | 'hotline_operator', agencyId: string | null) => {
      const u = await buildUser(t.database.db, { role, agencyId, username: name });
      c[name] = await loginCookie(t.app, u.username);
      return u;
    };
    await user('sct.manager', 'agency_manager', ids.sct);
    await user('sct.officer', 'case_officer', ids.sct);
    const k = await user('khcn.officer', 'case_officer', ids.khcn);
    khcnToken = (await createApiToken(t.ctxAs(k.actor), { name: 'báo cáo' })).token;
    await user('stp.officer', 'case_officer', ids.stp);
    await user('no.agency', 'case_officer', null);
    await user('viewer', 'viewer', null);
    await user('hotline', 'hotline_operator', ids.sct);
    const r = await api('POST', '/api/v1/plans/import', c['sct.manager'], { format: 'text', content: PLAN_TEXT });
    assert.equal(r.statusCode, 201, r.body);
    plan = r.json() as ImportCommitted;
    tasks = ((await api('GET', `/api/v1/plans/${plan.id}/tasks`, c.viewer)).json() as { data: TaskView[] }).data;
  });
  after(() => t.close());

  it('reads the reporting calendar: agencies before 10/11, the focal department before 25/11', async () => {
    const p = (await api('GET', `/api/v1/plans/${plan.id}`, c.viewer)).json() as PlanView;
    assert.deepEqual(
      p.reportingCalendar.map((d) => [d.day, d.month, d.audience]),
      [
        [10, 11, 'agencies'],
        [25, 11, 'focal'],
      ],
    );
    assert.equal(p.focalAgency?.id, ids.sct);
    assert.equal(task('I.1').leadAgencies[0]!.agencyId, ids.khcn);
    assert.equal(task('I.2').leadAgencies[0]!.agencyId, ids.stp);
  });

  it('lets a lead agency report for a period, replaces a later submission, takes co-operating contributions, and audits each', async () => {
    const first = await report('I.1', c['khcn.officer']!, { period: '2026-11-10', status: 'on_track', narrative: 'Đã mở 1 lớp tập huấn.' });
    assert.equal(first.statusCode, 201, first.body);
    const again = await report('I.1', c['khcn.officer']!, {
      period: '2026-11-10',
      status: 'done',
      narrative: 'Đã mở 2 lớp tập huấn cho 80 tiểu thương.',
    });
    assert.equal(again.statusCode, 200);
    const r = again.json() as ReportView;
    assert.equal(r.id, (first.json() as ReportView).id, 'one report per task, agency and period');
    assert.deepEqual([r.role, r.status, r.agency.id, r.taskRef], ['lead', 'done', ids.khcn, 'I.1']);
    const co = await report('I.1', c['sct.officer']!, { period: '2026-11-10', status: 'on_track', narrative: 'Phối hợp mời tiểu thương.' });
    assert.equal(co.statusCode, 201);
    assert.equal((co.json() as ReportView).role, 'co');
    const list = (await api('GET', `/api/v1/plans/${plan.id}/tasks/${task('I.1').id}/reports`, c.viewer)).json() as { data: ReportView[] };
    assert.equal(list.data.length, 2);
    const trail = await t.database.db.selectFrom('audit_event').select('action').where('action', 'like', 'plan.report_%').execute();
    assert.deepEqual(trail.map((a) => a.action).sort(), ['plan.report_submit', 'plan.report_submit', 'plan.report_update']);
  });

  it('refuses reports outside the reporter’s assignments, unknown periods, sections, and callers without the permission', async () => {
    const cases: [string, string | undefined, Record<string, unknown>, number, string][] = [
      ['I.2', c['khcn.officer'], { period: '2026-11-10', status: 'done' }, 403, 'plan.not_assigned'],
      ['I.1', c['khcn.officer'], { period: '2026-11-10', status: 'done', agencyId: ids.stp }, 403, 'plan.not_assigned'],
      ['I.1', c['no.agency'], { period: '2026-11-10', status: 'done' }, 403, 'plan.no_agency'],
      ['I.1', c['khcn.officer'], { period: '2026-11-11', status: 'done' }, 400, 'plan.unknown_period'],
      ['I.1', c['khcn.officer'], { period: '2026-11-10', status: 'finished' }, 400, 'request.invalid'],
      ['I', c['sct.manager'], { period: '2026-11-10', status: 'done', agencyId: ids.khcn }, 409, 'plan.section_not_reportable'],
      ['I.1', c.viewer, { period: '2026-11-10', status: 'done' }, 403, 'auth.forbidden'],
      ['I.1', c.hotline, { period: '2026-11-10', status: 'done' }, 403, 'auth.forbidden'],
      ['I.1', undefined, { period: '2026-11-10', status: 'done' }, 401, 'auth.unauthenticated'],
    ];
    for (const [ref, cookie, body, status, c2] of cases) {
      const r = await report(ref, cookie!, body);
      assert.equal(r.statusCode, status, `${ref} ${JSON.stringify(body)}: ${r.body.slice(0, 200)}`);
      assert.equal(code(r), c2);
    }
    const missing = await api('POST', `/api/v1/plans/${plan.id}/tasks/${randomUUID()}/reports`, c['khcn.officer'], {
      period: '2026-11-10',
      status: 'done',
    });
    assert.equal(code(missing), 'plan.task_not_found');
    // A manager records a paper report on behalf of an assigned agency.
    const onBehalf = await report('I.2', c['sct.manager']!, {
      period: '2026-11-10',
      status: 'at_risk',
      agencyId: ids.stp,
      narrative: 'Theo công văn của Sở Tư pháp.',
    });
    assert.equal(onBehalf.statusCode, 201, onBehalf.body);
    assert.equal((onBehalf.json() as ReportView).agency.id, ids.stp);
  });

  it('stores evidence files by their bytes and serves them back; refuses other types and other agencies', async () => {
    const r = (await (await report('I.1', c['khcn.officer']!, { period: '2026-11-10', status: 'done' })).json()) as ReportView;
    const url = `/api/v1/plans/${plan.id}/reports/${r.id}/evidence`;
    const up = (name: string, bytes: Buffer, auth: Record<string, string>) => {
      const m = multipart(name, bytes);
      return t.app.inject({
        method: 'POST',
        url,
        payload: m.payload,
        headers: { accept: 'application/json', 'content-type': m.contentType, ...auth },
      });
    };
    const ok = await up('danh-sach.png', PNG, { authorization: `Bearer ${khcnToken}` });
    assert.equal(ok.statusCode, 201, ok.body);
    const ev = (ok.json() as ReportView).evidence[0]!;
    assert.deepEqual([ev.filename, ev.mediaType, ev.sizeBytes], ['danh-sach.png', 'image/png', PNG.length]);
    const text = await up('ghi-chu.txt', Buffer.from('không phải ảnh'), { authorization: `Bearer ${khcnToken}` });
    assert.equal(text.statusCode, 415);
    assert.equal(code(text), 'plan.evidence_type');
    const csrf = await up('x.png', PNG, { cookie: c['stp.officer']! });
    assert.equal(csrf.statusCode, 403, 'a session upload without the CSRF token is refused');
    const stpToken = (await t.database.db.selectFrom('user_session').select('csrf_token').orderBy('created_at', 'desc').execute()).map(
      (s) => s.csrf_token,
    );
    let other: Awaited<ReturnType<typeof up>> | undefined;
    for (const tok of stpToken) {
      other = await up('x.png', PNG, { cookie: c['stp.officer']!, 'x-csrf-token': tok });
      if (code(other) !== 'auth.csrf_failed') break;
    }
    assert.equal(code(other!), 'plan.not_assigned');
    const get = await t.app.inject({ method: 'GET', url: `${url}/${ev.id}`, headers: { cookie: c.viewer! } });
    assert.equal(get.statusCode, 200);
    assert.deepEqual(get.rawPayload, PNG);
    assert.equal(code(await api('GET', `${url}/${randomUUID()}`, c.viewer)), 'plan.evidence_not_found');
  });

  it('moves the clock: exactly one reminder before the deadline, then exactly one escalation to the focal agency', async () => {
    // The plan was entered on 26/11/2026, after the 2026 deadline: the next period closes on 10/11/2027.
    const p2027 = '2027-11-10';
    // The Department of Justice has reported for 2027 already: it is not reminded.
    assert.equal((await report('I.2', c['sct.manager']!, { period: p2027, status: 'done', agencyId: ids.stp })).statusCode, 201);

    t.setNow('2027-11-02T10:00:00Z'); // 8 days before: nothing yet (reminders go 7 days before)
    assert.deepEqual(await sweepPlanReports(t.sysCtx()), { reminders: 0, escalations: 0 });
    t.setNow('2027-11-03T01:00:00Z'); // 08:00 in Vietnam, 7 days before
    assert.deepEqual(await sweepPlanReports(t.sysCtx()), { reminders: 1, escalations: 0 });
    t.setNow('2027-11-09T01:00:00Z');
    assert.deepEqual(await sweepPlanReports(t.sysCtx()), { reminders: 0, escalations: 0 }, 'once');
    const reminders = await notices('reminder');
    assert.equal(reminders.length, 1);
    assert.equal(reminders[0]!.agency_id, ids.khcn);
    assert.deepEqual(reminders[0]!.task_refs, ['I.1']);
    const reminderMails = await mails(/^Nhắc báo cáo/);
    assert.deepEqual(
      reminderMails.map((m) => m.to),
      ['khcn.officer@example.test'],
    );
    assert.match(reminderMails[0]!.text, /trước ngày 10\/11\/2027/);

    t.setNow('2027-11-10T16:59:00Z'); // 23:59 on the deadline in Vietnam: not late yet
    assert.deepEqual(await sweepPlanReports(t.sysCtx()), { reminders: 0, escalations: 0 });
    t.setNow('2027-11-10T17:01:00Z'); // 00:01 on 11/11 in Vietnam
    assert.deepEqual(await sweepPlanReports(t.sysCtx()), { reminders: 0, escalations: 1 });
    t.setNow('2027-11-20T03:00:00Z');
    assert.deepEqual(await sweepPlanReports(t.sysCtx()), { reminders: 0, escalations: 0 }, 'once');
    const escalations = await notices('escalation');
    assert.equal(escalations.length, 1);
    assert.equal(escalations[0]!.agency_id, ids.khcn);
    const escalationMails = await mails(/^Quá hạn báo cáo/);
    assert.deepEqual(
      escalationMails.map((m) => m.to).sort(),
      ['sct.manager@example.test', 'sct.officer@example.test'],
      'the focal agency is told',
    );
    assert.match(escalationMails[0]!.subject, /Sở Khoa học và Công nghệ/);

    const board = (await api('GET', `/api/v1/plans/${plan.id}/board?period=${p2027}`, c.viewer)).json() as BoardView;
    assert.equal(board.closed, true);
    const khcn = board.byAgency.find((a) => a.agencyId === ids.khcn)!;
    assert.deepEqual([khcn.expected, khcn.reported, khcn.missing, khcn.reminded, khcn.escalated], [1, 0, ['I.1'], true, true]);
    const stp = board.byAgency.find((a) => a.agencyId === ids.stp)!;
    assert.deepEqual([stp.expected, stp.reported, stp.statuses.done, stp.missing], [1, 1, 1, []]);
    assert.deepEqual(
      board.bySection.map((s) => [s.ref, s.tasks, s.reported, s.statuses.overdue, s.statuses.done]),
      [['I', 2, 1, 1, 1]],
    );
    assert.deepEqual(
      board.timeline.map((e) => e.kind),
      ['report', 'reminder', 'escalation'],
    );
    assert.deepEqual(
      board.periods.map((p) => [p.deadline, p.focalDeadline, p.reminderOn]),
      [
        ['2026-11-10', '2026-11-25', '2026-11-03'],
        ['2027-11-10', '2027-11-25', '2027-11-03'],
        ['2028-11-10', '2028-11-25', '2028-11-03'],
      ],
      'the periods so far and the current one',
    );
  });

  it('lets the focal agency urge an agency with a logged notice sent through the outbox', async () => {
    const body = {
      agencyId: ids.khcn,
      period: '2027-11-10',
      message: 'Đề nghị Sở Khoa học và Công nghệ báo cáo ngay kết quả nhiệm vụ I.1.',
    };
    for (const [cookie, status] of [
      [c.viewer, 403],
      [c['khcn.officer'], 403],
      [undefined, 401],
    ] as const) {
      assert.equal((await api('POST', `/api/v1/plans/${plan.id}/urge`, cookie, body)).statusCode, status);
    }
    const r = await api('POST', `/api/v1/plans/${plan.id}/urge`, c['sct.manager'], body);
    assert.equal(r.statusCode, 201, r.body);
    const n = r.json() as NoticeView;
    assert.deepEqual([n.kind, n.taskRefs, n.recipients], ['urge', ['I.1'], 1]);
    assert.equal((await mails(/^Đôn đốc/)).length, 1);
    assert.equal(
      code(await api('POST', `/api/v1/plans/${plan.id}/urge`, c['sct.manager'], { ...body, period: '2027-11-11' })),
      'plan.unknown_period',
    );
    const board = (await api('GET', `/api/v1/plans/${plan.id}/board?period=2027-11-10`, c.viewer)).json() as BoardView;
    assert.equal(board.byAgency.find((a) => a.agencyId === ids.khcn)!.urged, 1);
    assert.equal((await t.database.db.selectFrom('audit_event').select('seq').where('action', '=', 'plan.urge').execute()).length, 1);
  });

  it('draws up the consolidated report as a DOCX in the Decree 30 format, from the period’s data', async () => {
    assert.equal(
      (
        await report('I.1', c['khcn.officer']!, {
          period: '2027-11-10',
          status: 'overdue',
          narrative: 'Lớp tập huấn lùi sang tháng 12/2027 do thiếu kinh phí.',
        })
      ).statusCode,
      201,
    );
    const r = await t.app.inject({
      method: 'GET',
      url: `/api/v1/plans/${plan.id}/report?period=2027-11-10`,
      headers: { cookie: c['sct.manager']! },
    });
    assert.equal(r.statusCode, 200, r.body.slice(0, 200));
    assert.equal(r.headers['content-type'], 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    assert.match(String(r.headers['content-disposition']), /bao-cao-KH-2026-\d{4}-2027-11-10\.docx/);
    const text = flat(docxText(r.rawPayload).body);
    for (const s of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'ỦY BAN NHÂN DÂN TỈNH TUYÊN QUANG',
      'SỞ CÔNG THƯƠNG',
      'Số: /BC-SCT',
      'Tuyên Quang, ngày 20 tháng 11 năm 2027',
      'BÁO CÁO',
      'từ ngày 11/11/2026 đến ngày 10/11/2027',
      'I. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ',
      'I.1. Tập huấn đo lường cho tiểu thương',
      'Tiến độ: Quá hạn',
      'Lớp tập huấn lùi sang tháng 12/2027 do thiếu kinh phí.',
      'I.2. Kiểm tra niêm yết giá tại chợ',
      'Tiến độ: Hoàn thành',
      'II. SỐ LIỆU TỪ HỆ THỐNG',
      'III. TỔNG HỢP TIẾN ĐỘ',
      'Các cơ quan chủ trì đã báo cáo đầy đủ.',
      'Nơi nhận:',
      'GIÁM ĐỐC',
    ])
      assert.ok(text.includes(s), `the report says "${s}"\n${text.slice(0, 3000)}`);
    const pdf = await t.app.inject({
      method: 'GET',
      url: `/api/v1/plans/${plan.id}/report?period=2027-11-10&format=pdf`,
      headers: { cookie: c.viewer! },
    });
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.equal(code(await api('GET', `/api/v1/plans/${plan.id}/report?period=2027-11-11`, c.viewer)), 'plan.unknown_period');
    assert.equal((await api('GET', `/api/v1/plans/${plan.id}/report`, c.hotline)).statusCode, 403);
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, unknown> };
    for (const p of [
      '/api/v1/plans/{id}/report',
      '/api/v1/plans/{id}/board',
      '/api/v1/plans/{id}/tasks/{taskId}/reports',
      '/api/v1/plans/{id}/urge',
    ])
      assert.ok(doc.paths[p], p);
  });
});
