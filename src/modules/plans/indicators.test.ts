import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { buildUser, loginCookie } from '../../../test/factories.js';
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
    assert.equal(v['requests.received'], 4);
    assert.equal(v['requests.resolved'], 3);
    assert.equal(v['requests.on_time_share'], 66.7);
    assert.equal(v['requests.median_days'], 4);
    assert.equal(v['requests.vulnerable_days'], 10);
    assert.equal(v['requests.other_days'], 3);
    assert.equal(v['hotline.callbacks_done'], 0);
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
    assert.equal((await t.app.inject({ method: 'PUT', url, headers: { cookie }, payload: { indicators: ['nope'] } })).statusCode, 400);
    assert.equal((await t.app.inject({ method: 'PUT', url, headers: { cookie: viewer }, payload: { indicators: [] } })).statusCode, 403);
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
    assert.match(strings, /Chưa báo cáo/);
    assert.match(strings, /Kỳ báo cáo từ ngày/);
    const preview = importPlanXlsx(r.rawPayload);
    assert.ok(
      preview.tasks.some((x) => x.content.includes('Tập huấn đo lường')),
      JSON.stringify(preview.tasks),
    );
  });
});
