import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildUser, type BuiltUser } from '../../../test/factories.js';
import { testEnv, type TestEnv } from '../../../test/harness.js';
import { listAgencies, seedDemoDirectory } from '../directory/index.js';
import { importPlanFile } from './import-service.js';
import { sweepPlanReports } from './reminders.js';
import { planReportData } from './report-doc.js';
import { planBoard, submitReport } from './reports.js';
import type { ImportCommitted, TaskView } from './schema.js';
import { listTasks } from './service.js';

/**
 * Group assignments with a kind are chased agency by agency: the demo directory of Tuyên Quang
 * (08) has three commune People's Committees (kind ubnd-xa). Task 1 is led by "UBND xã, phường"
 * and, by name, by the Minh Xuân ward (counted once); task 3 by "UBND xã, phường" with the Đồng
 * Văn commune named as co-operating (it reports as such, so it is not chased for task 3); task 2
 * by "Các Sở, ban, ngành", a group without a kind, which nobody is chased for.
 */
const PLAN_TEXT =
  'KẾ HOẠCH\nKiểm tra niêm yết giá tại chợ\n' +
  'Các cơ quan, đơn vị báo cáo kết quả thực hiện qua Sở Công Thương trước ngày 10 tháng 11 hằng năm.\n' +
  'PHỤ LỤC\nTT\tNhiệm vụ\tCơ quan chủ trì\tCơ quan phối hợp\tSản phẩm\tThời gian\n' +
  '1\tKiểm tra niêm yết giá tại chợ\tUBND xã, phường; UBND phường Minh Xuân\tSở Công Thương\tBáo cáo kiểm tra\tHằng năm\n' +
  '2\tTuyên truyền quyền lợi người tiêu dùng\tCác Sở, ban, ngành\tSở Công Thương\tTin bài\tHằng năm\n' +
  '3\tHướng dẫn tiểu thương niêm yết giá\tUBND xã, phường\tUBND xã Đồng Văn\tLớp hướng dẫn\tHằng năm\n';

const PERIOD = '2027-11-10';
const NAMES = {
  mx: 'Ủy ban nhân dân phường Minh Xuân',
  hg: 'Ủy ban nhân dân phường Hà Giang 1',
  dv: 'Ủy ban nhân dân xã Đồng Văn',
};

describe('plan group assignments: every agency of the group’s kind is reminded and escalated', () => {
  let t: TestEnv;
  const ids = { sct: '', stp: '', mx: '', hg: '', dv: '', inactive: '', elsewhere: '' };
  const u: Record<string, BuiltUser> = {};
  let plan: ImportCommitted;
  let tasks: TaskView[];
  const task = (ref: string) => tasks.find((x) => x.ref === ref)!;
  const as = (name: string) => t.ctxAs(u[name]!.actor);

  const mails = async (subject: RegExp) =>
    (await t.database.db.selectFrom('job').select('payload').where('kind', '=', 'mail.send').orderBy('created_at').execute())
      .map((j) => (typeof j.payload === 'string' ? JSON.parse(j.payload) : j.payload) as { to: string; subject: string; text: string })
      .filter((m) => subject.test(m.subject));
  const notices = async (kind: 'reminder' | 'escalation') =>
    (
      await t.database.db.selectFrom('plan_notice').select(['agency_id', 'task_refs', 'recipients']).where('kind', '=', kind).execute()
    ).sort((a, b) => a.agency_id.localeCompare(b.agency_id));
  const sorted = <T>(xs: T[], key: (x: T) => string) => [...xs].sort((a, b) => key(a).localeCompare(key(b)));

  before(async () => {
    t = await testEnv();
    await seedDemoDirectory(t.sysCtx(), '08');
    const byKind = async (kind: string, level: 'province' | 'commune') =>
      (await listAgencies(t.sysCtx(), { kind: kind as 'ubnd-xa', provinceCode: '08', level, page: 1, pageSize: 50 })).data;
    ids.sct = (await byKind('so-cong-thuong', 'province'))[0]!.id;
    ids.stp = (await byKind('so-tu-phap', 'province'))[0]!.id;
    const communes = await byKind('ubnd-xa', 'commune');
    const commune = (name: string) => communes.find((a) => a.name === name)!.id;
    ids.mx = commune(NAMES.mx);
    ids.hg = commune(NAMES.hg);
    ids.dv = commune(NAMES.dv);
    // Of the same kind but not to be chased: an inactive commune agency, and one of another province.
    const insert = async (name: string, provinceCode: string, communeCode: string, active: boolean) =>
      (
        await t.database.db
          .insertInto('agency')
          .values({ name, kind: 'ubnd-xa', level: 'commune', province_code: provinceCode, commune_code: communeCode, active })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    ids.inactive = await insert('Ủy ban nhân dân xã Ngọc Đường', '08', '00700', false);
    ids.elsewhere = await insert('Ủy ban nhân dân phường Ba Đình', '01', '00004', true);

    const user = async (name: string, role: 'agency_manager' | 'case_officer', agencyId: string) =>
      (u[name] = await buildUser(t.database.db, { role, agencyId, username: name }));
    await user('sct.manager', 'agency_manager', ids.sct);
    await user('sct.officer', 'case_officer', ids.sct);
    await user('stp.officer', 'case_officer', ids.stp);
    await user('mx.officer', 'case_officer', ids.mx);
    await user('hg.officer', 'case_officer', ids.hg);
    await user('dv.officer', 'case_officer', ids.dv);
    await user('inactive.officer', 'case_officer', ids.inactive);
    await user('elsewhere.officer', 'case_officer', ids.elsewhere);

    plan = await importPlanFile(as('sct.manager'), { format: 'text', content: PLAN_TEXT });
    tasks = (await listTasks(as('sct.manager'), plan.id)).data;
  });
  after(() => t.close());

  it('imports the groups as written: a kind for the communes, none for the departments', () => {
    assert.deepEqual(
      task('1').leadAgencies.map((a) => [a.text, a.group, a.kind ?? null, a.agencyId ?? null]),
      [
        ['UBND xã, phường', true, 'ubnd-xa', null],
        ['UBND phường Minh Xuân', false, 'ubnd-xa', ids.mx],
      ],
    );
    assert.deepEqual(
      task('2').leadAgencies.map((a) => [a.text, a.group, a.kind ?? null]),
      [['Các Sở, ban, ngành', true, null]],
    );
    assert.deepEqual(
      task('3').coAgencies.map((a) => a.agencyId),
      [ids.dv],
    );
  });

  it('reminds each active commune of the province once before the deadline, with the tasks it leads', async () => {
    t.setNow('2027-11-02T10:00:00Z'); // 8 days before: not yet
    assert.deepEqual(await sweepPlanReports(t.sysCtx()), { reminders: 0, escalations: 0 });
    t.setNow('2027-11-03T01:00:00Z'); // 7 days before, 08:00 in Vietnam
    assert.deepEqual(await sweepPlanReports(t.sysCtx()), { reminders: 3, escalations: 0 });
    t.setNow('2027-11-09T01:00:00Z');
    assert.deepEqual(await sweepPlanReports(t.sysCtx()), { reminders: 0, escalations: 0 }, 'once');

    const expected = sorted(
      [
        { agency_id: ids.mx, task_refs: ['1', '3'], recipients: 1 },
        { agency_id: ids.hg, task_refs: ['1', '3'], recipients: 1 },
        // Named as co-operating on task 3, Đồng Văn contributes there and owes a lead report on task 1 only.
        { agency_id: ids.dv, task_refs: ['1'], recipients: 1 },
      ],
      (x) => x.agency_id,
    );
    assert.deepEqual(await notices('reminder'), expected);
    const sent = await mails(/^Nhắc báo cáo/);
    assert.deepEqual(sent.map((m) => m.to).sort(), ['dv.officer@example.test', 'hg.officer@example.test', 'mx.officer@example.test']);
    const hg = sent.find((m) => m.to === 'hg.officer@example.test')!;
    assert.match(hg.text, /Đề nghị Ủy ban nhân dân phường Hà Giang 1 báo cáo kết quả thực hiện các nhiệm vụ 1, 3 /);
    const audit = await t.database.db.selectFrom('audit_event').select('action').where('action', '=', 'plan.reminder').execute();
    assert.equal(audit.length, 3);
  });

  it('escalates only the communes that did not report, in one e-mail to each of the focal agency’s staff', async () => {
    for (const ref of ['1', '3']) {
      const r = await submitReport(as('mx.officer'), plan.id, task(ref).id, { period: PERIOD, status: 'done', narrative: 'Đã kiểm tra.' });
      assert.deepEqual([r.created, r.report.role, r.report.agency.name], [true, 'lead', NAMES.mx]);
    }
    t.setNow('2027-11-10T16:59:00Z'); // 23:59 on the deadline in Vietnam
    assert.deepEqual(await sweepPlanReports(t.sysCtx()), { reminders: 0, escalations: 0 });
    t.setNow('2027-11-10T17:01:00Z'); // 00:01 the day after
    assert.deepEqual(await sweepPlanReports(t.sysCtx()), { reminders: 0, escalations: 2 });

    assert.deepEqual(
      await notices('escalation'),
      sorted(
        [
          { agency_id: ids.hg, task_refs: ['1', '3'], recipients: 2 },
          { agency_id: ids.dv, task_refs: ['1'], recipients: 2 },
        ],
        (x) => x.agency_id,
      ),
    );
    const sent = await mails(/^Quá hạn báo cáo/);
    assert.deepEqual(
      sent.map((m) => m.to).sort(),
      ['sct.manager@example.test', 'sct.officer@example.test'],
      'one message per person of the focal agency, none to the communes',
    );
    for (const m of sent) {
      assert.equal(m.subject, `Quá hạn báo cáo ${plan.code} (hạn 10/11/2027): 2 cơ quan chưa báo cáo`);
      assert.match(m.text, /- Ủy ban nhân dân phường Hà Giang 1: nhiệm vụ 1, 3\n/);
      assert.match(m.text, /- Ủy ban nhân dân xã Đồng Văn: nhiệm vụ 1\n/);
      assert.doesNotMatch(m.text, /Minh Xuân|Ngọc Đường|Ba Đình/);
    }
    const audit = await t.database.db.selectFrom('audit_event').select('summary').where('action', '=', 'plan.escalation').execute();
    assert.deepEqual(
      audit.map((a) => (a.summary as { agencyId: string }).agencyId).sort(),
      [ids.hg, ids.dv].sort(),
      'one audit row per escalated agency',
    );

    // Late reports do not undo an escalation, and nothing is sent twice.
    await submitReport(as('hg.officer'), plan.id, task('1').id, { period: PERIOD, status: 'at_risk', narrative: '' });
    t.setNow('2027-11-20T03:00:00Z');
    assert.deepEqual(await sweepPlanReports(t.sysCtx()), { reminders: 0, escalations: 0 }, 'once');
    assert.equal((await mails(/^Quá hạn báo cáo/)).length, 2);
  });

  it('shows each commune by name on the board and in the report’s list of agencies missing reports', async () => {
    const board = await planBoard(as('sct.manager'), plan.id, PERIOD);
    assert.deepEqual(
      sorted(board.byAgency, (a) => a.agencyName).map((a) => [a.agencyName, a.expected, a.reported, a.missing, a.reminded, a.escalated]),
      [
        [NAMES.hg, 2, 1, ['3'], true, true],
        [NAMES.mx, 2, 2, [], true, false],
        [NAMES.dv, 1, 0, ['1'], true, true],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    assert.ok(
      board.timeline.every((e) => e.agencyName !== ''),
      'every timeline entry names its agency',
    );
    const doc = await planReportData(as('sct.manager'), plan.id, PERIOD);
    assert.deepEqual(
      sorted(doc.missing, (m) => m.agency),
      [
        { agency: NAMES.hg, refs: ['3'] },
        { agency: NAMES.dv, refs: ['1'] },
      ].sort((a, b) => a.agency.localeCompare(b.agency)),
    );
    const reported = doc.sections.flatMap((s) => s.tasks).flatMap((x) => x.reports.map((r) => r.agency));
    assert.ok(reported.length > 0 && reported.every((n) => n !== ''), `a commune's report names it: ${JSON.stringify(reported)}`);
    assert.ok(reported.includes(NAMES.mx), JSON.stringify(reported));
  });

  it('does not chase a group without a kind ("Các Sở, ban, ngành"), whose members may still report', async () => {
    const all = [...(await notices('reminder')), ...(await notices('escalation'))];
    assert.ok(
      all.every((n) => !n.task_refs.includes('2')),
      'no notice names task 2',
    );
    assert.ok(!all.some((n) => [ids.sct, ids.stp, ids.inactive, ids.elsewhere].includes(n.agency_id)));
    const tos = (await mails(/./)).map((m) => m.to);
    for (const who of ['stp.officer', 'inactive.officer', 'elsewhere.officer'])
      assert.ok(!tos.includes(`${who}@example.test`), `${who} is not written to`);
    const board = await planBoard(as('sct.manager'), plan.id, PERIOD);
    assert.deepEqual(
      board.bySection.map((s) => [s.ref, s.tasks]),
      [[null, 2]],
      'tasks 1 and 3 expect reports, task 2 none',
    );
    // Any department may report under the group (policy.ts), and that asks nothing more of the others.
    const r = await submitReport(as('stp.officer'), plan.id, task('2').id, { period: PERIOD, status: 'done', narrative: '' });
    assert.equal(r.report.role, 'lead');
    assert.deepEqual(await sweepPlanReports(t.sysCtx()), { reminders: 0, escalations: 0 });
  });
});
