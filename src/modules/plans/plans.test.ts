import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { Document, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import { buildXlsx } from '../../../test/fixtures/plans/files.js';
import { buildUser, loginCookie } from '../../../test/factories.js';
import { testApp, type TestApp } from '../../../test/harness.js';
import { createApiToken } from '../../platform/auth/service.js';
import { listAgencies, seedDemoDirectory } from '../directory/index.js';
import { importPlan } from './import.js';
import { readTextTables, textLines } from './import-text.js';
import type { ImportCommitted, PlanImportPreview, PlanView, TaskView } from './schema.js';

const seed = (name: string): string => readFileSync(new URL(`../../../test/fixtures/plans/seeds/${name}`, import.meta.url), 'utf8');
const SEEDS = {
  '000_9ec07ca9f085bd2c.txt': 5,
  '001_5414fbd2099fb4e6.txt': 20,
  '002_97866cbfb5cfd824.txt': 16,
  '003_e21fd4eedbe4de61.txt': 19,
} as const;

/** The example of the API contract (../shared/checks/contract.mjs). */
const CONTRACT_TEXT =
  'PHỤ LỤC\nTT\tNhiệm vụ\tCơ quan chủ trì\tCơ quan phối hợp\tSản phẩm\tThời gian\n' +
  '1\tTổ chức tập huấn về bảo vệ quyền lợi người tiêu dùng\tSở Công Thương\tSở Tư pháp\tLớp tập huấn\tQuý III/2026\n' +
  '2\tTuyên truyền Ngày Quyền của người tiêu dùng Việt Nam\tSở Văn hóa, Thể thao và Du lịch\tUBND xã, phường\tTin bài\tHằng năm\n';

/** A small plan with one name the directory does not know. */
const UNMATCHED_TEXT =
  'KẾ HOẠCH\nKiểm tra chợ truyền thống\nCác sở, ngành báo cáo kết quả qua Sở Công Thương trước ngày 10 tháng 11 hằng năm.\n' +
  'PHỤ LỤC\nTT\tNhiệm vụ\tCơ quan chủ trì\tCơ quan phối hợp\tSản phẩm\tThời gian\n' +
  'I\tKiểm tra, giám sát\t\t\t\t\n' +
  '1\tKiểm tra niêm yết giá tại chợ Minh Xuân\tBan Quản lý chợ Minh Xuân\tSở Công Thương\tBáo cáo kiểm tra\tXong trước ngày 20/12/2026\n' +
  '2\tTập huấn cho tiểu thương\tSở Công Thương\tUBND xã, phường\tLớp tập huấn\tSau khi Bộ Công Thương ban hành tài liệu\n';

function multipart(fields: [string, string][], file?: { name: string; bytes: Buffer; type?: string }) {
  const boundary = '----bvntdplans';
  const parts: Buffer[] = fields.map(([k, v]) =>
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
  );
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
      ),
      file.bytes,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** The appendix of seed 002 as rows of cells (header first), as typed into Word or Excel. */
function appendixRows(): string[][] {
  const t = readTextTables(textLines(seed('002_97866cbfb5cfd824.txt'))).tables[0]!;
  const header = [
    'TT',
    'Nội dung nhiệm vụ',
    'Cơ quan, đơn vị chủ trì thực hiện',
    'Cơ quan, đơn vị phối hợp thực hiện',
    'Thời gian hoàn thành',
  ];
  return [header, ...t.rows.map((r) => r.cells.map((c) => c.replace(/<\/?p>/g, '')))];
}

describe('plans API', () => {
  let t: TestApp;
  let manager: string;
  let officer: string;
  let viewer: string;
  let hotline: string;
  let bearer: string;
  let sct: string;
  const api = (method: 'GET' | 'POST' | 'PATCH', url: string, cookie?: string, payload?: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({
      method,
      url,
      ...(payload !== undefined ? { payload: payload as object } : {}),
      headers: { accept: 'application/json', ...(cookie ? { cookie } : {}), ...headers },
    });
  const code = (r: { body: string }) => (JSON.parse(r.body) as { error?: { code?: string } }).error?.code;
  const upload = (url: string, body: ReturnType<typeof multipart>) =>
    t.app.inject({
      method: 'POST',
      url,
      payload: body.payload,
      headers: { accept: 'application/json', authorization: `Bearer ${bearer}`, 'content-type': body.contentType },
    });
  const planCount = async () =>
    Number(
      (
        await t.database.db
          .selectFrom('plan')
          .select((e) => e.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const audits = (action: string) => t.database.db.selectFrom('audit_event').selectAll().where('action', '=', action).execute();

  before(async () => {
    t = await testApp();
    await seedDemoDirectory(t.sysCtx(), '08');
    sct = (await listAgencies(t.sysCtx(), { kind: 'so-cong-thuong', provinceCode: '08', level: 'province', page: 1, pageSize: 1 })).data[0]!
      .id;
    const m = await buildUser(t.database.db, { role: 'agency_manager', agencyId: sct });
    manager = await loginCookie(t.app, m.username);
    bearer = (await createApiToken(t.ctxAs(m.actor), { name: 'kế hoạch' })).token;
    officer = await loginCookie(t.app, (await buildUser(t.database.db, { role: 'case_officer', agencyId: sct })).username);
    viewer = await loginCookie(t.app, (await buildUser(t.database.db, { role: 'viewer' })).username);
    hotline = await loginCookie(t.app, (await buildUser(t.database.db, { role: 'hotline_operator' })).username);
  });
  after(() => t.close());

  it('answers 401 to anonymous callers, and 403 to roles without plans.read or plans.manage', async () => {
    const id = randomUUID();
    const reads: [string, string][] = [
      ['GET', '/api/v1/plans'],
      ['GET', `/api/v1/plans/${id}`],
      ['GET', `/api/v1/plans/${id}/tasks`],
      ['GET', `/api/v1/plans/${id}/tasks/${randomUUID()}`],
    ];
    const writes: [string, string, unknown][] = [
      ['POST', '/api/v1/plans/import?dryRun=true', { format: 'text', content: CONTRACT_TEXT }],
      ['POST', '/api/v1/plans/import', { format: 'text', content: CONTRACT_TEXT }],
      [
        'POST',
        '/api/v1/plans',
        {
          plan: { title: 'Kế hoạch' },
          tasks: [
            { number: '1', ref: '1', section: null, content: 'Tập huấn', leadAgencies: [], coAgencies: [], timing: { text: 'Năm 2026' } },
          ],
        },
      ],
      ['PATCH', `/api/v1/plans/${id}`, { reminderDays: 5 }],
      ['PATCH', `/api/v1/plans/${id}/tasks/${randomUUID()}`, { responsiblePerson: 'Nguyễn Văn A' }],
    ];
    for (const [method, url, body] of [...reads.map(([m, u]) => [m, u, undefined] as const), ...writes]) {
      const anon = await api(method as 'GET', url, undefined, body);
      assert.equal(anon.statusCode, 401, `${method} ${url}`);
      assert.equal(code(anon), 'auth.unauthenticated');
      const r = await api(method as 'GET', url, hotline, body);
      assert.equal(r.statusCode, 403, `${method} ${url} as a hotline operator`);
      assert.equal(code(r), 'auth.forbidden');
    }
    for (const [method, url, body] of writes) {
      for (const cookie of [officer, viewer]) {
        const r = await api(method as 'POST', url, cookie, body);
        assert.equal(r.statusCode, 403, `${method} ${url}`);
        assert.equal(code(r), 'auth.forbidden');
      }
    }
    assert.equal(await planCount(), 0);
  });

  it('previews the contract example without writing anything, in the agreed shape', async () => {
    const r = await api('POST', '/api/v1/plans/import?dryRun=true', manager, { format: 'text', content: CONTRACT_TEXT });
    assert.equal(r.statusCode, 200, r.body);
    const p = r.json() as PlanImportPreview;
    const t1 = p.tasks.find((x) => x.number === '1')!;
    assert.equal(t1.leadAgencies[0]!.agencyId, sct, '"Sở Công Thương" is the directory agency');
    assert.deepEqual(t1.timing, { text: 'Quý III/2026', kind: 'once', due: '2026-09-30' });
    const t2 = p.tasks.find((x) => x.number === '2')!;
    assert.deepEqual(t2.timing.recurrence, { every: 'year' });
    assert.deepEqual(t2.coAgencies[0], { text: 'UBND xã, phường', group: true, kind: 'ubnd-xa', confidence: 1 });
    assert.ok(Array.isArray(p.warnings));
    assert.equal(await planCount(), 0, 'a dry run writes nothing');
    assert.equal((await audits('plan.create')).length, 0);
  });

  it('refuses bad files with a stable code and creates nothing', async () => {
    const cases: [string, Awaited<ReturnType<typeof api>>, number, string][] = [];
    const json = async (label: string, body: unknown, status: number, c: string, q = '?dryRun=true') =>
      cases.push([label, await api('POST', `/api/v1/plans/import${q}`, manager, body), status, c]);
    await json('corrupted workbook', { format: 'xlsx', content: 'bm90IGEgd29ya2Jvb2s=' }, 400, 'plan_import.corrupt_file');
    await json('not base64', { format: 'docx', content: 'this is not base64 !' }, 400, 'plan_import.corrupt_file', '');
    await json(
      'not a table',
      { format: 'text', content: 'Kính gửi các cơ quan.\nĐây là một công văn, không có bảng.' },
      400,
      'plan_import.not_a_table',
      '',
    );
    await json('empty', { format: 'text', content: '   ' }, 400, 'plan_import.empty', '');
    await json('unknown format', { format: 'pdf', content: 'JVBERi0=' }, 415, 'plan_import.unsupported_format');
    await json('unknown field', { format: 'text', content: CONTRACT_TEXT, extra: 1 }, 400, 'request.invalid');
    const noTable = buildXlsx([
      {
        name: 'Sheet1',
        rows: [
          ['Họ tên', 'Số điện thoại'],
          ['A', '0912'],
        ],
      },
    ]);
    cases.push([
      'wrong sheet',
      await upload('/api/v1/plans/import?sheet=Ph%E1%BB%A5%20l%E1%BB%A5c', multipart([], { name: 'kh.xlsx', bytes: noTable })),
      400,
      'plan_import.sheet_not_found',
    ]);
    cases.push([
      'a sheet without tasks',
      await upload('/api/v1/plans/import', multipart([], { name: 'kh.xlsx', bytes: noTable })),
      400,
      'plan_import.not_a_table',
    ]);
    const big = Buffer.alloc(50 * 1024 * 1024, 0x20);
    cases.push([
      '50 MB upload',
      await upload('/api/v1/plans/import', multipart([], { name: 'kh.docx', bytes: big })),
      413,
      'plan_import.too_large',
    ]);
    await json('50 MB of JSON', { format: 'text', content: 'x'.repeat(50 * 1024 * 1024) }, 413, 'plan_import.too_large', '');
    cases.push(['an upload without a file', await upload('/api/v1/plans/import', multipart([['note', 'x']])), 400, 'plan_import.empty']);
    cases.push([
      'a file of unknown type',
      await upload('/api/v1/plans/import', multipart([], { name: 'kh.pdf', bytes: Buffer.from('%PDF-1.4') })),
      415,
      'plan_import.unsupported_format',
    ]);
    for (const [label, r, status, c] of cases) {
      assert.equal(r.statusCode, status, `${label}: ${r.body.slice(0, 200)}`);
      assert.equal(code(r), c, label);
      assert.equal(typeof (r.json() as { error: { requestId: string } }).error.requestId, 'string');
    }
    assert.equal(await planCount(), 0, 'nothing was created');
  });

  it('imports each of the four seeds through the API: every task, every lead agency matched, a group or flagged, and the timings', async () => {
    for (const [name, leaves] of Object.entries(SEEDS)) {
      const content = seed(name);
      const dry = await api('POST', '/api/v1/plans/import?dryRun=true', manager, { format: 'text', content });
      assert.equal(dry.statusCode, 200, `${name}: ${dry.body.slice(0, 200)}`);
      const p = dry.json() as PlanImportPreview;
      assert.equal(p.tasks.filter((x) => !x.isSection).length, leaves, `${name}: tasks`);
      for (const task of p.tasks) {
        for (const a of task.leadAgencies) {
          const flagged = p.warnings.some((w) => w.code === 'agency.unmatched' && w.ref === task.ref && w.text === a.text);
          assert.ok(a.agencyId || a.group || flagged, `${name} ${task.ref}: "${a.text}" is matched, a group or flagged`);
        }
      }
      const committed = await api('POST', '/api/v1/plans/import', manager, { format: 'text', content });
      assert.equal(committed.statusCode, 201, committed.body.slice(0, 200));
      const c = committed.json() as ImportCommitted;
      assert.match(c.code, /^KH-\d{4}-\d{4}$/);
      assert.equal(c.tasks, leaves);
      const tasks = ((await api('GET', `/api/v1/plans/${c.id}/tasks`, viewer)).json() as { data: TaskView[] }).data;
      assert.equal(tasks.length, p.tasks.length, `${name}: every item stored, sections included`);
      assert.deepEqual(
        tasks.map((x) => [x.ref, x.section, x.isSection, x.timing.kind]),
        p.tasks.map((x) => [x.ref, x.section, x.isSection, x.timing.kind]),
      );
      const unmatched = tasks.flatMap((x) => [...x.leadAgencies, ...x.coAgencies]).filter((a) => a.match === 'unmatched');
      assert.equal(c.unmatchedAgencies, unmatched.length);
      const flaggedInPreview = p.tasks.flatMap((x) => [...x.leadAgencies, ...x.coAgencies]).filter((a) => !a.agencyId && !a.group).length;
      assert.equal(unmatched.length, flaggedInPreview, `${name}: unmatched names are kept, never dropped`);
      for (const x of tasks.filter((y) => !y.isSection)) assert.ok(x.sixClears && x.sixClears.score >= 0 && x.sixClears.score <= 6);
      assert.equal(tasks.find((x) => x.isSection)?.sixClears ?? null, null, 'sections are scored through their tasks');
    }
    const all = (await api('GET', '/api/v1/plans', viewer)).json() as { data: PlanView[]; page: { total: number } };
    assert.equal(all.page.total, 4);
    const tq = all.data.find((x) => x.issuer === 'Ủy ban nhân dân tỉnh Tuyên Quang')!;
    assert.deepEqual(
      tq.reportingCalendar.map((d) => [d.day, d.month, d.audience]),
      [[10, 12, 'agencies']],
    );
    const hy = all.data.find((x) => x.issuer === 'Ủy ban nhân dân tỉnh Hưng Yên')!;
    assert.deepEqual(
      hy.reportingCalendar.map((d) => [d.day, d.month, d.audience]),
      [
        [10, 11, 'agencies'],
        [25, 11, 'focal'],
      ],
    );
    assert.equal(hy.focalAgency?.id, sct, 'the Department of Industry and Trade follows up by default');
    assert.ok(hy.sixClears.score > 0 && hy.sixClears.score < 1);
    const tasks002 = ((await api('GET', `/api/v1/plans/${tq.id}/tasks`, viewer)).json() as { data: TaskView[] }).data;
    assert.deepEqual(tasks002.find((x) => x.ref === 'II.2')!.timing, {
      text: 'Năm 2026 và các năm tiếp theo',
      kind: 'range',
      from: '2026-01-01',
    });
    const seed001 = importPlan({ format: 'text', content: seed('001_5414fbd2099fb4e6.txt') });
    const due = seed001.tasks.find((x) => x.timing.text.includes('20/12/2025'));
    assert.equal(due?.timing.due, '2025-12-20', '"Xong trước ngày 20/12/2025" → due 2025-12-20');
    assert.equal((await audits('plan.create')).length, 4);
  });

  it('imports a Word table and an Excel sheet of one appendix, uploaded as files', async () => {
    const rows = appendixRows();
    const cell = (text: string) => new TableCell({ children: text.split('\n').map((l) => new Paragraph(l)) });
    const docx = await Packer.toBuffer(
      new Document({
        sections: [
          {
            children: [
              new Paragraph('KẾ HOẠCH'),
              new Paragraph('Thực hiện Nghị quyết số 87/NQ-CP ngày 05 tháng 4 năm 2026 của Chính phủ'),
              new Paragraph('PHỤ LỤC'),
              new Table({ rows: rows.map((r) => new TableRow({ children: r.map((c) => cell(c)) })) }),
            ],
          },
        ],
      }),
    );
    const fromDocx = await upload('/api/v1/plans/import?dryRun=true', multipart([], { name: 'ke-hoach.docx', bytes: docx }));
    assert.equal(fromDocx.statusCode, 200, fromDocx.body.slice(0, 300));
    assert.equal((fromDocx.json() as PlanImportPreview).format, 'docx');
    assert.equal((fromDocx.json() as PlanImportPreview).tasks.filter((x) => !x.isSection).length, 16);

    const xlsx = buildXlsx([
      { name: 'Ghi chú', rows: [['Bảng nhiệm vụ ở trang sau']] },
      { name: 'Phụ lục', rows },
    ]);
    const fromXlsx = await upload('/api/v1/plans/import', multipart([['sheet', 'Phụ lục']], { name: 'phu-luc.xlsx', bytes: xlsx }));
    assert.equal(fromXlsx.statusCode, 201, fromXlsx.body.slice(0, 300));
    const c = fromXlsx.json() as ImportCommitted;
    assert.equal(c.tasks, 16);
    const plan = (await api('GET', `/api/v1/plans/${c.id}`, viewer)).json() as PlanView;
    assert.deepEqual(plan.source, { format: 'xlsx', kind: 'table', name: 'phu-luc.xlsx' });
  });

  it('corrects a task: fixes an unmatched agency, corrects the timing, fills the 6 clears; each change audited', async () => {
    const c = (await api('POST', '/api/v1/plans/import', manager, { format: 'text', content: UNMATCHED_TEXT })).json() as ImportCommitted;
    assert.equal(c.unmatchedAgencies, 1);
    assert.ok(c.warnings.some((w) => w.code === 'agency.unmatched' && w.text === 'Ban Quản lý chợ Minh Xuân'));
    const plan = (await api('GET', `/api/v1/plans/${c.id}`, viewer)).json() as PlanView;
    assert.equal(plan.counts.unmatchedAgencies, 1);
    assert.deepEqual(
      plan.reportingCalendar.map((d) => [d.day, d.month, d.audience]),
      [[10, 11, 'agencies']],
    );
    const tasks = ((await api('GET', `/api/v1/plans/${c.id}/tasks`, viewer)).json() as { data: TaskView[] }).data;
    const t1 = tasks.find((x) => x.ref === 'I.1')!;
    const t2 = tasks.find((x) => x.ref === 'I.2')!;
    assert.equal(t1.parentId, tasks.find((x) => x.ref === 'I')!.id);
    const flagged = t1.leadAgencies[0]!;
    assert.equal(flagged.match, 'unmatched');
    assert.equal(t1.timing.due, '2026-12-20');
    assert.equal(t2.timing.kind, 'conditional');

    const url = `/api/v1/plans/${c.id}/tasks/${t1.id}`;
    const fixed = await api('PATCH', url, manager, {
      agencies: [{ id: flagged.id, agencyId: sct }],
      reason: 'Ban quản lý chợ thuộc Sở Công Thương',
    });
    assert.equal(fixed.statusCode, 200, fixed.body);
    const f = fixed.json() as TaskView;
    assert.equal(f.leadAgencies[0]!.match, 'manual');
    assert.equal(f.leadAgencies[0]!.agencyId, sct);
    assert.equal(f.leadAgencies[0]!.text, 'Ban Quản lý chợ Minh Xuân', 'the name as written is kept');

    const retimed = (await api('PATCH', url, manager, { timingText: 'Quý IV/2026' })).json() as TaskView;
    assert.deepEqual(retimed.timing, { text: 'Quý IV/2026', kind: 'once', due: '2026-12-31' });
    assert.equal(retimed.timingText, 'Xong trước ngày 20/12/2026', 'the original phrase stays');
    assert.equal(retimed.timingCorrected, true);
    assert.deepEqual(retimed.sixClears?.missing, ['person', 'authority']);
    const clear = (
      await api('PATCH', url, manager, {
        responsiblePerson: 'Phó Giám đốc Nguyễn Văn An',
        authority: 'Quyết định của Giám đốc Sở Công Thương',
      })
    ).json() as TaskView;
    assert.deepEqual(clear.sixClears, { missing: [], score: 6 });
    const met = (await api('PATCH', `/api/v1/plans/${c.id}/tasks/${t2.id}`, manager, { conditionMetOn: '2026-12-01' })).json() as TaskView;
    assert.equal(met.conditionMetOn, '2026-12-01');
    const after = (await api('GET', `/api/v1/plans/${c.id}`, viewer)).json() as PlanView;
    assert.equal(after.counts.unmatchedAgencies, 0);
    assert.equal(after.sixClears.complete, 1);

    const trail = await audits('plan.task_update');
    assert.equal(trail.filter((a) => a.entity_id === t1.id).length, 3);
    const first = trail.find((a) => a.entity_id === t1.id)!;
    assert.deepEqual((first.summary as { changed: string[] }).changed, ['agencies']);

    // Refusals, each with its code.
    const group = t2.coAgencies.find((a) => a.group)!;
    const refusals: [unknown, number, string, string?][] = [
      [{ agencies: [{ id: group.id, agencyId: sct }] }, 409, 'plan.group_assignment', `/api/v1/plans/${c.id}/tasks/${t2.id}`],
      [{ agencies: [{ id: randomUUID(), agencyId: sct }] }, 400, 'plan.unknown_assignment'],
      [{ agencies: [{ id: flagged.id, agencyId: randomUUID() }] }, 400, 'plan.unknown_agency'],
      [{}, 400, 'request.invalid'],
      [{ timingText: 'Quý I/2027', timing: { text: 'x', kind: 'continuous' } }, 400, 'request.invalid'],
      [{ responsiblePerson: 'A', unknown: true }, 400, 'request.invalid'],
      [{ responsiblePerson: 'A' }, 404, 'plan.task_not_found', `/api/v1/plans/${c.id}/tasks/${randomUUID()}`],
      [{ responsiblePerson: 'A' }, 404, 'plan.not_found', `/api/v1/plans/${randomUUID()}/tasks/${t1.id}`],
      [{ responsiblePerson: 'A' }, 404, 'plan.task_not_found', `/api/v1/plans/${plan.id}/tasks/${await otherPlanTask()}`],
    ];
    for (const [body, status, c2, u] of refusals) {
      const r = await api('PATCH', u ?? url, manager, body);
      assert.equal(r.statusCode, status, `${JSON.stringify(body)} → ${r.body.slice(0, 200)}`);
      assert.equal(code(r), c2);
    }
    assert.equal((await api('GET', `/api/v1/plans/${randomUUID()}`, viewer)).statusCode, 404);
    assert.equal(code(await api('GET', `/api/v1/plans/${randomUUID()}`, viewer)), 'plan.not_found');
    assert.equal(code(await api('GET', '/api/v1/plans/not-a-uuid', viewer)), 'request.invalid');
  });

  /** A task of another plan (a task id that exists, but not in the plan asked for). */
  async function otherPlanTask(): Promise<string> {
    const c = (await api('POST', '/api/v1/plans/import', manager, { format: 'text', content: CONTRACT_TEXT })).json() as ImportCommitted;
    return ((await api('GET', `/api/v1/plans/${c.id}/tasks`, viewer)).json() as { data: TaskView[] }).data[0]!.id;
  }

  it('creates a plan from an edited preview: the chosen agency replaces the flag; refs must be unique', async () => {
    const p = (
      await api('POST', '/api/v1/plans/import?dryRun=true', manager, { format: 'text', content: UNMATCHED_TEXT })
    ).json() as PlanImportPreview;
    const edited = {
      plan: { ...p.plan, title: p.plan.title ?? 'Kế hoạch', reminderDays: 5 },
      tasks: p.tasks.map((x) => ({
        ...x,
        leadAgencies: x.leadAgencies.map((a) => (a.agencyId || a.group ? a : { ...a, agencyId: sct })),
      })),
      source: { format: 'text' as const, kind: p.source },
    };
    const r = await api('POST', '/api/v1/plans', manager, edited);
    assert.equal(r.statusCode, 201, r.body.slice(0, 300));
    const c = r.json() as ImportCommitted;
    assert.equal(c.unmatchedAgencies, 0);
    const view = (await api('GET', `/api/v1/plans/${c.id}`, viewer)).json() as PlanView;
    assert.equal(view.reminderDays, 5);
    const dup = await api('POST', '/api/v1/plans', manager, { ...edited, tasks: [...edited.tasks, edited.tasks[1]!] });
    assert.equal(dup.statusCode, 400);
    assert.equal(code(dup), 'plan.duplicate_ref');
    const orphan = await api('POST', '/api/v1/plans', manager, { ...edited, tasks: edited.tasks.slice(1) });
    assert.equal(code(orphan), 'plan.unknown_section');
    const patched = await api('PATCH', `/api/v1/plans/${c.id}`, manager, {
      reportingCalendar: [
        { month: 11, day: 10, audience: 'agencies' },
        { month: 11, day: 25, audience: 'focal' },
      ],
      reminderDays: 10,
    });
    assert.equal(patched.statusCode, 200, patched.body);
    assert.equal((patched.json() as PlanView).reminderDays, 10);
    assert.equal(
      code(await api('PATCH', `/api/v1/plans/${c.id}`, manager, { reportingCalendar: [{ month: 2, day: 30, audience: 'agencies' }] })),
      'request.invalid',
    );
    assert.equal((await audits('plan.update')).length, 1);
  });

  it('lists the plans routes in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, unknown> };
    for (const p of [
      '/api/v1/plans',
      '/api/v1/plans/import',
      '/api/v1/plans/{id}',
      '/api/v1/plans/{id}/tasks',
      '/api/v1/plans/{id}/tasks/{taskId}',
    ])
      assert.ok(doc.paths[p], p);
  });
});
