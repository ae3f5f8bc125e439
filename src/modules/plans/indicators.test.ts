import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { buildUser, loginCookie } from '../../../test/factories.js';
import { docxText, flat } from '../../platform/documents/testing.js';
import { testApp, type TestApp } from '../../../test/harness.js';
import { seedDemoDirectory } from '../directory/index.js';
import { importPlanXlsx } from './import-xlsx.js';
import type { ImportCommitted, TaskView } from './schema.js';
import { openZip } from './zip.js';

const PLAN_TEXT =
  'KẾ HOẠCH\nTheo dõi giá cả thị trường\n' +
  'Các sở, ngành báo cáo kết quả thực hiện qua Sở Công Thương trước ngày 10 tháng 11 hằng năm.\n' +
  'PHỤ LỤC\nTT\tNhiệm vụ\tCơ quan chủ trì\tCơ quan phối hợp\tSản phẩm\tThời gian\n' +
  'I\tTuyên truyền, tập huấn\t\t\t\t\n' +
  '1\tTập huấn đo lường cho tiểu thương\tSở Khoa học và Công nghệ\tSở Công Thương\tLớp tập huấn\tHằng năm\n';

describe('plan indicators and the XLSX appendix', () => {
  let t: TestApp;
  let cookie = '';
  let viewer = '';
  let plan: ImportCommitted;
  let tasks: TaskView[];

  const request = async (
    n: number,
    received: string,
    closed: string | null,
    opts: { sector?: string; vulnerable?: string[]; late?: boolean } = {},
  ) => {
    const id = randomUUID();
    await t.database.db
      .insertInto('request')
      .values({
        id,
        code: `YC-2026-9${String(n).padStart(5, '0')}`,
        province_code: '08',
        kind: 'complaint',
        channel: 'web',
        status: closed ? 'closed' : 'received',
        received_at: new Date(received),
        closed_at: closed ? new Date(closed) : null,
        consumer: JSON.stringify({}),
        consumer_name: 'Nguyễn Văn A',
        business: JSON.stringify({}),
        business_name: 'Cửa hàng B',
        description: 'Khiếu nại',
        consents: JSON.stringify({}),
        sector: opts.sector ?? null,
        vulnerable: opts.vulnerable ?? [],
        tracking_secret_hash: 'x',
      } as never)
      .execute();
    if (closed && opts.late !== undefined) {
      await t.database.db
        .insertInto('clock')
        .values({
          entity_type: 'request',
          entity_id: id,
          rule: 'request.resolve',
          unit: 'working_days',
          amount: 10,
          legal_basis: 'test',
          started_at: new Date(received),
          start_date: received.slice(0, 10),
          due_at: new Date(closed),
          due_date: closed.slice(0, 10),
          due_soon_at: new Date(closed),
          due_soon_unit: 'working_days',
          due_soon_amount: 1,
          state: 'met',
          late: opts.late,
          met_at: new Date(closed),
          notify: JSON.stringify({}),
          province_code: '08',
        } as never)
        .execute();
    }
  };

  before(async () => {
    t = await testApp({ SESSION_TTL_HOURS: 24 * 800 });
    await seedDemoDirectory(t.sysCtx(), '08');
    const m = await buildUser(t.database.db, { role: 'admin', agencyId: null, username: 'ind.admin' });
    cookie = await loginCookie(t.app, m.username);
    const v = await buildUser(t.database.db, { role: 'viewer', agencyId: null, username: 'ind.viewer' });
    viewer = await loginCookie(t.app, v.username);
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/plans/import',
      headers: { cookie, accept: 'application/json' },
      payload: { format: 'text', content: PLAN_TEXT },
    });
    assert.equal(r.statusCode, 201, r.body);
    plan = r.json() as ImportCommitted;
    tasks = (
      (await t.app.inject({ method: 'GET', url: `/api/v1/plans/${plan.id}/tasks`, headers: { cookie: viewer } })).json() as {
        data: TaskView[];
      }
    ).data;
    await request(1, '2026-03-02T02:00:00Z', '2026-03-06T02:00:00Z', { sector: 'dien', late: false });
    await request(2, '2026-03-03T02:00:00Z', '2026-03-13T02:00:00Z', { sector: 'dien', vulnerable: ['elderly'], late: true });
    await request(3, '2026-03-10T02:00:00Z', '2026-03-12T02:00:00Z', { sector: 'vien-thong', late: false });
    await request(4, '2026-03-20T02:00:00Z', null, { sector: 'dien' });
    await request(5, '2026-05-01T02:00:00Z', null);
    await request(6, '2026-03-25T02:00:00Z', '2026-03-27T02:00:00Z', { sector: 'food' });
    const callback = (province: string | null, doneAt: string) =>
      t.database.db
        .insertInto('callback')
        .values({
          phone: '0912345678',
          missed_at: new Date('2026-03-01T01:00:00Z'),
          last_missed_at: new Date('2026-03-01T01:00:00Z'),
          due_by: new Date('2026-03-02T10:00:00Z'),
          status: 'done',
          done_at: new Date(doneAt),
          province_code: province,
        })
        .execute();
    await callback('08', '2026-03-02T03:00:00Z');
    await callback('01', '2026-03-02T04:00:00Z');
    await callback(null, '2026-03-02T05:00:00Z');
  });
  after(() => t.close());

  it('computes counts, on-time share, median and vulnerable vs other handling time for [from, to)', async () => {
    const r = await t.app.inject({
      method: 'GET',
      url: `/api/v1/plans/${plan.id}/indicators?from=2026-03-01&to=2026-04-01`,
      headers: { cookie: viewer },
    });
    assert.equal(r.statusCode, 200, r.body);
    const v = Object.fromEntries((r.json() as { data: { code: string; value: number | null }[] }).data.map((x) => [x.code, x.value]));
    assert.equal(v['requests.received'], 5);
    assert.equal(v['requests.resolved'], 4);
    assert.equal(v['requests.on_time_share'], 66.7);
    assert.equal(v['requests.median_days'], 3);
    assert.equal(v['requests.vulnerable_days'], 10);
    assert.equal(v['requests.other_days'], 2.7);
    assert.equal(v['hotline.callbacks_done'], 1, 'only the call-backs of the plan province');
    assert.equal(v['requests.received:food'], 1);
    assert.equal(v['requests.resolved:food'], 1);
    assert.equal(v['requests.received:ecommerce'], 0);
  });

  it('splits requests received and resolved by sector', async () => {
    const r = await t.app.inject({
      method: 'GET',
      url: `/api/v1/plans/${plan.id}/indicators?from=2026-03-01&to=2026-04-01&codes=requests.received,requests.resolved`,
      headers: { cookie: viewer },
    });
    assert.equal(r.statusCode, 200, r.body);
    const data = (r.json() as { data: { code: string; breakdown: { key: string | null; label: string; value: number }[] }[] }).data;
    assert.deepEqual(
      data.map((d) => d.code),
      ['requests.received', 'requests.resolved'],
    );
    assert.deepEqual(
      data[0]!.breakdown.map((b) => [b.key, b.value]),
      [
        ['dien', 3],
        ['food', 1],
        ['vien-thong', 1],
      ],
    );
    assert.equal(data[0]!.breakdown.find((b) => b.key === 'food')!.label, 'Thực phẩm, ăn uống');
    assert.deepEqual(
      data[1]!.breakdown.map((b) => [b.key, b.value]),
      [
        ['dien', 2],
        ['food', 1],
        ['vien-thong', 1],
      ],
    );
  });

  it('refuses an empty range and lists the catalogue', async () => {
    const bad = await t.app.inject({
      method: 'GET',
      url: `/api/v1/plans/${plan.id}/indicators?from=2026-04-01&to=2026-03-01`,
      headers: { cookie: viewer },
    });
    assert.equal(bad.statusCode, 400);
    assert.equal((bad.json() as { error: { code: string } }).error.code, 'plan.bad_range');
    const cat = await t.app.inject({ method: 'GET', url: '/api/v1/plans/indicators', headers: { cookie: viewer } });
    assert.equal(cat.statusCode, 200, cat.body);
    const codes = (cat.json() as { data: { code: string }[] }).data.map((x) => x.code);
    assert.ok(codes.includes('hotline.callbacks_done') && codes.includes('requests.resolved:water'), codes.join());
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/plans/indicators' })).statusCode, 401);
  });

  it('binds indicators to a task (managers only, known codes only)', async () => {
    const task = tasks.find((x) => !x.isSection)!;
    const url = `/api/v1/plans/${plan.id}/tasks/${task.id}/indicators`;
    const ok = await t.app.inject({
      method: 'PUT',
      url,
      headers: { cookie },
      payload: { indicators: ['requests.received', 'requests.on_time_share'] },
    });
    assert.equal(ok.statusCode, 200, ok.body);
    const row = await t.database.db.selectFrom('plan_task').select('indicators').where('id', '=', task.id).executeTakeFirstOrThrow();
    assert.deepEqual(row.indicators, ['requests.received', 'requests.on_time_share']);
    const nope = await t.app.inject({ method: 'PUT', url, headers: { cookie }, payload: { indicators: ['nope'] } });
    assert.equal(nope.statusCode, 400);
    assert.equal((nope.json() as { error: { code: string } }).error.code, 'plan.unknown_indicator');
    assert.equal((await t.app.inject({ method: 'PUT', url, headers: { cookie: viewer }, payload: { indicators: [] } })).statusCode, 403);
  });

  it('stores the bound indicators with a report and prints them in the DOCX report', async () => {
    const task = tasks.find((x) => !x.isSection)!;
    const agencyId = task.leadAgencies[0]!.agencyId!;
    const r = await t.app.inject({
      method: 'POST',
      url: `/api/v1/plans/${plan.id}/tasks/${task.id}/reports`,
      headers: { cookie },
      payload: { period: '2026-11-10', agencyId, status: 'on_track', narrative: 'Đã tập huấn 3 lớp.' },
    });
    assert.equal(r.statusCode, 201, r.body);
    const kpis = (r.json() as { kpis: { code: string; value: number | null }[] }).kpis;
    // The period runs from the plan's start (1/1/2026) through 10/11/2026: all six requests.
    assert.deepEqual(
      kpis.map((k) => [k.code, k.value]),
      [
        ['requests.received', 6],
        ['requests.on_time_share', 66.7],
      ],
    );
    const doc = await t.app.inject({
      method: 'GET',
      url: `/api/v1/plans/${plan.id}/report?period=2026-11-10`,
      headers: { cookie: viewer },
    });
    assert.equal(doc.statusCode, 200, doc.body.slice(0, 300));
    const text = flat(docxText(doc.rawPayload).body);
    for (const s of [
      'II. SỐ LIỆU TỪ HỆ THỐNG',
      'Số yêu cầu, khiếu nại tiếp nhận',
      'Tỷ lệ yêu cầu xử lý đúng hạn',
      '66,7%',
      'Yêu cầu, khiếu nại theo lĩnh vực:',
      'Thực phẩm, ăn uống',
      'Số yêu cầu, khiếu nại tiếp nhận: 6 yêu cầu (số liệu hệ thống)',
    ])
      assert.ok(text.includes(s), `the report says "${s}"\n${text.slice(0, 3000)}`);
  });

  it('exports the XLSX appendix, read back with the module importer and zip reader', async () => {
    const r = await t.app.inject({
      method: 'GET',
      url: `/api/v1/plans/${plan.id}/report.xlsx?period=2026-11-10`,
      headers: { cookie: viewer },
    });
    assert.equal(r.statusCode, 200, r.body);
    assert.match(String(r.headers['content-type']), /spreadsheetml/);
    const zip = openZip(r.rawPayload);
    const strings = zip.text('xl/sharedStrings.xml') ?? '';
    assert.match(strings, /Tập huấn đo lường cho tiểu thương/);
    assert.match(strings, /Đúng tiến độ/, 'the report submitted above');
    assert.match(strings, /Kỳ báo cáo từ ngày/);
    assert.match(strings, /Số liệu hệ thống/);
    assert.match(strings, /Tỷ lệ yêu cầu xử lý đúng hạn: 66,7%/);
    assert.match(zip.text('xl/workbook.xml') ?? '', /name="Số liệu"/);
    const preview = importPlanXlsx(r.rawPayload);
    assert.ok(
      preview.tasks.some((x) => x.content.includes('Tập huấn đo lường')),
      JSON.stringify(preview.tasks),
    );
  });
});
