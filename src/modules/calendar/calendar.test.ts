import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildUser, loginCookie } from '../../../test/factories.js';
import { testApp, type TestApp } from '../../../test/harness.js';
import { startClock } from '../../platform/clocks/index.js';

interface ErrorBody {
  error: { code: string; message: string; requestId: string };
}

describe('calendar API, holiday admin page and clocks API', () => {
  let t: TestApp;
  let admin: string;
  let officer: string;
  let viewer: string;
  let adminId: string;

  before(async () => {
    t = await testApp({ RATE_LIMIT_PUBLIC_PER_MIN: 1_000_000 });
    const a = await buildUser(t.database.db, { role: 'admin' });
    adminId = a.id;
    admin = await loginCookie(t.app, a.username);
    officer = await loginCookie(t.app, (await buildUser(t.database.db, { role: 'case_officer' })).username);
    viewer = await loginCookie(t.app, (await buildUser(t.database.db, { role: 'viewer' })).username);
  });
  after(() => t.close());

  const get = (url: string, cookie?: string, accept = 'application/json') =>
    t.app.inject({ method: 'GET', url, headers: { accept, ...(cookie ? { cookie } : {}) } });
  const send = (method: 'POST' | 'PATCH' | 'DELETE', url: string, payload: object | undefined, cookie?: string) =>
    t.app.inject({ method, url, ...(payload ? { payload } : {}), headers: { accept: 'application/json', ...(cookie ? { cookie } : {}) } });
  const errorCode = (body: string) => (JSON.parse(body) as ErrorBody).error.code;

  test('add-working-days counts from the day after the event and lists the skipped days with reasons', async () => {
    const r = await get('/api/v1/calendar/add-working-days?from=2025-04-28&days=3');
    assert.equal(r.statusCode, 200);
    const body = r.json() as { from: string; days: number; due: string; skipped: { date: string; reason: string }[]; explanation: string };
    assert.equal(body.from, '2025-04-28');
    assert.equal(body.days, 3);
    assert.equal(body.due, '2025-05-06');
    assert.deepEqual(
      body.skipped.map((s) => s.date),
      ['2025-04-30', '2025-05-01', '2025-05-02', '2025-05-03', '2025-05-04'],
    );
    assert.ok(body.skipped.every((s) => s.reason.length > 0));
    assert.match(body.explanation, /Điều 147/);
  });

  test('add-days moves a limit that ends in Tết to the next working day', async () => {
    const r = await get('/api/v1/calendar/add-days?from=2025-01-01&days=30');
    assert.equal(r.statusCode, 200);
    const body = r.json() as { due: string; skipped: { date: string }[] };
    assert.equal(body.due, '2025-02-03');
    assert.deepEqual(
      body.skipped.map((s) => s.date),
      ['2025-01-31', '2025-02-01', '2025-02-02'],
    );
  });

  test('holidays lists every non-working weekday and working weekend day, official or provisional', async () => {
    const r = await get('/api/v1/calendar/holidays?year=2025');
    assert.equal(r.statusCode, 200);
    const body = r.json() as {
      year: number;
      data: { date: string; kind: string; working: boolean; provisional: boolean; source: string }[];
    };
    assert.equal(body.year, 2025);
    const makeup = body.data.find((d) => d.date === '2025-04-26');
    assert.deepEqual([makeup?.kind, makeup?.working, makeup?.provisional], ['makeup_workday', true, false]);
    assert.ok(makeup?.source);
    assert.equal(body.data.find((d) => d.date === '2025-05-02')?.kind, 'swap_off');

    const future = (await get('/api/v1/calendar/holidays?year=2030')).json() as { data: { provisional: boolean }[] };
    assert.ok(future.data.length >= 10);
    assert.ok(future.data.every((d) => d.provisional));
  });

  test('is-working-day answers a make-up Saturday and a compensatory Monday', async () => {
    const sat = (await get('/api/v1/calendar/is-working-day?date=2025-04-26')).json() as { date: string; working: boolean; reason: string };
    assert.equal(sat.date, '2025-04-26');
    assert.equal(sat.working, true);
    assert.ok(sat.reason);
    const mon = (await get('/api/v1/calendar/is-working-day?date=2026-04-27')).json() as { working: boolean; reason: string };
    assert.equal(mon.working, false);
    assert.match(mon.reason, /Giỗ Tổ/);
  });

  test('bad dates, day counts and years answer 400 with stable codes in the standard error shape', async () => {
    const cases: [string, string][] = [
      ['/api/v1/calendar/add-working-days?from=2025-02-30&days=3', 'calendar.invalid_date'],
      ['/api/v1/calendar/add-working-days?from=28/04/2025&days=3', 'calendar.invalid_date'],
      ['/api/v1/calendar/add-working-days?from=2025-04-28&days=401', 'calendar.days_out_of_range'],
      ['/api/v1/calendar/add-working-days?from=2025-04-28&days=-1', 'calendar.days_out_of_range'],
      ['/api/v1/calendar/add-working-days?from=2025-04-28&days=abc', 'calendar.days_out_of_range'],
      ['/api/v1/calendar/add-working-days?from=1899-12-31&days=1', 'calendar.year_out_of_range'],
      ['/api/v1/calendar/add-days?from=2025-02-29&days=1', 'calendar.invalid_date'],
      ['/api/v1/calendar/add-days?from=2025-01-01&days=99999', 'calendar.days_out_of_range'],
      ['/api/v1/calendar/holidays?year=1899', 'calendar.year_out_of_range'],
      ['/api/v1/calendar/holidays?year=2200', 'calendar.year_out_of_range'],
      ['/api/v1/calendar/holidays?year=abc', 'calendar.year_out_of_range'],
      ['/api/v1/calendar/is-working-day?date=2025-13-01', 'calendar.invalid_date'],
      ['/api/v1/calendar/add-working-days?days=3', 'request.invalid'],
    ];
    for (const [url, code] of cases) {
      const r = await get(url);
      assert.equal(r.statusCode, 400, url);
      const body = r.json() as ErrorBody;
      assert.equal(body.error.code, code, url);
      assert.ok(body.error.message && body.error.requestId, url);
    }
  });

  test('holiday rows are for administrators only', async () => {
    assert.equal((await get('/api/v1/calendar/days')).statusCode, 401);
    const r = await get('/api/v1/calendar/days', officer);
    assert.equal(r.statusCode, 403);
    assert.equal(errorCode(r.body), 'auth.forbidden');
    assert.equal(
      (await send('POST', '/api/v1/calendar/days', { date: '2031-01-02', kind: 'holiday', name: 'x', source: 'y' }, officer)).statusCode,
      403,
    );
    assert.equal((await get('/admin/holidays?year=2025', officer, 'text/html')).statusCode, 403);
    assert.equal((await get('/admin/holidays?year=2025', viewer, 'text/html')).statusCode, 403);
    const anon = await get('/admin/holidays?year=2025', undefined, 'text/html');
    assert.equal(anon.statusCode, 302);
    assert.match(String(anon.headers.location), /^\/login/);
  });

  test('an administrator adds, corrects and removes a local day off; the province calendar and audit follow', async () => {
    const created = await send(
      'POST',
      '/api/v1/calendar/days',
      {
        date: '2025-06-05',
        kind: 'local_holiday',
        name: 'Ngày giải phóng tỉnh (thử)',
        source: 'Quyết định 1/QĐ-UBND (thử)',
        provinceCode: '08',
      },
      admin,
    );
    assert.equal(created.statusCode, 201, created.body);
    const day = created.json() as { id: string; provinceCode: string; working: boolean };
    assert.equal(day.provinceCode, '08');

    const local = (await get('/api/v1/calendar/add-working-days?from=2025-06-02&days=7&province=08')).json() as { due: string };
    const national = (await get('/api/v1/calendar/add-working-days?from=2025-06-02&days=7')).json() as { due: string };
    assert.equal(local.due, '2025-06-12');
    assert.equal(national.due, '2025-06-11');

    const dup = await send(
      'POST',
      '/api/v1/calendar/days',
      { date: '2025-06-05', kind: 'local_holiday', name: 'x', source: 'y', provinceCode: '08' },
      admin,
    );
    assert.equal(dup.statusCode, 409);
    assert.equal(errorCode(dup.body), 'calendar.day_exists');
    const weekday = await send(
      'POST',
      '/api/v1/calendar/days',
      { date: '2025-06-04', kind: 'makeup_workday', name: 'x', source: 'y' },
      admin,
    );
    assert.equal(weekday.statusCode, 400);
    assert.equal(errorCode(weekday.body), 'calendar.kind_weekday_mismatch');
    const noProvince = await send(
      'POST',
      '/api/v1/calendar/days',
      { date: '2025-06-04', kind: 'local_holiday', name: 'x', source: 'y' },
      admin,
    );
    assert.equal(errorCode(noProvince.body), 'calendar.province_required');
    const badDate = await send('POST', '/api/v1/calendar/days', { date: '2025-02-30', kind: 'holiday', name: 'x', source: 'y' }, admin);
    assert.equal(errorCode(badDate.body), 'calendar.invalid_date');

    const patched = await send('PATCH', `/api/v1/calendar/days/${day.id}`, { date: '2025-06-06' }, admin);
    assert.equal(patched.statusCode, 200, patched.body);
    const list = (await get('/api/v1/calendar/days?year=2025&province=08', admin)).json() as { data: { id: string; date: string }[] };
    assert.equal(list.data.find((d) => d.id === day.id)?.date, '2025-06-06');

    assert.equal((await send('DELETE', `/api/v1/calendar/days/${day.id}`, undefined, admin)).statusCode, 204);
    assert.equal((await send('DELETE', `/api/v1/calendar/days/${day.id}`, undefined, admin)).statusCode, 404);
    const back = (await get('/api/v1/calendar/add-working-days?from=2025-06-02&days=7&province=08')).json() as { due: string };
    assert.equal(back.due, '2025-06-11');

    const audit = await t.database.db
      .selectFrom('audit_event')
      .select(['action', 'actor_id'])
      .where('entity_id', '=', day.id)
      .orderBy('seq')
      .execute();
    assert.deepEqual(
      audit.map((a) => [a.action, a.actor_id]),
      [
        ['calendar_day.add', adminId],
        ['calendar_day.update', adminId],
        ['calendar_day.remove', adminId],
      ],
    );
    const row = await t.database.db.selectFrom('calendar_day').select('deleted_at').where('id', '=', day.id).executeTakeFirstOrThrow();
    assert.ok(row.deleted_at, 'removal is a soft delete');
  });

  test('a calendar edit through the API moves a running clock', async () => {
    t.setNow('2025-04-28T03:00:00Z');
    const c = await startClock(t.sysCtx(), {
      entityType: 'request',
      entityId: 'api-1',
      rule: 'request.forward_to_business',
      startedAt: t.deps.now(),
    });
    assert.equal(c.dueDate, '2025-05-12');
    const r = await send(
      'POST',
      '/api/v1/calendar/days',
      { date: '2025-05-07', kind: 'holiday', name: 'Nghỉ đột xuất (thử)', source: 'Thử' },
      admin,
    );
    assert.equal(r.statusCode, 201);
    const clocks = (await get('/api/v1/clocks?entityType=request&entityId=api-1', officer)).json() as { data: { dueDate: string }[] };
    assert.equal(clocks.data[0]?.dueDate, '2025-05-13');
    await send('DELETE', `/api/v1/calendar/days/${(r.json() as { id: string }).id}`, undefined, admin);
  });

  test('the admin page shows a year as 12 month tables with the make-up Saturday marked as a working day', async () => {
    const r = await get('/admin/holidays?year=2025', admin, 'text/html');
    assert.equal(r.statusCode, 200);
    const page = r.body;
    assert.equal((page.match(/<table class="month">/g) ?? []).length, 12);
    assert.match(page, /<caption>Tháng 4 năm 2025<\/caption>/);
    assert.match(page, /<th scope="col"><abbr title="Thứ Bảy">T7<\/abbr><\/th>/);
    const cell = /<td class="weekend makeup" title="([^"]*)"><time datetime="2025-04-26">26<\/time><span class="mark">Làm bù/.exec(page);
    assert.ok(cell, 'the make-up Saturday 26/4/2025 is marked "Làm bù" with its source in the title');
    assert.match(cell[1] ?? '', /—/);
    assert.match(page, /<td class="off" title="[^"]*"><time datetime="2025-05-02">2<\/time><span class="mark">Nghỉ/);
    assert.match(page, /26\/04\/2025/, 'the list below names the day');
    assert.match(page, /name="_csrf"/);
    const provisional = (await get('/admin/holidays?year=2030', admin, 'text/html')).body;
    assert.match(provisional, /<abbr title="dự kiến">\*<\/abbr>/);
    assert.match(provisional, /Tự tính theo luật/);
  });

  test('the admin form adds a day with the page token, refuses a post without it, and shows errors in a summary', async () => {
    const page = await get('/admin/holidays?year=2031', admin, 'text/html');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
    assert.ok(csrf);
    const form = (fields: Record<string, string>) =>
      t.app.inject({
        method: 'POST',
        url: '/admin/holidays',
        payload: new URLSearchParams(fields).toString(),
        headers: { cookie: admin, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      });
    const missing = await form({ date: '2031-03-10', kind: 'holiday', name: 'Ngày thử', source: 'Văn bản thử' });
    assert.equal(missing.statusCode, 403);

    const bad = await form({ _csrf: csrf, year: '2031', date: '2031-02-30', kind: 'holiday', name: 'Ngày thử', source: 'Văn bản thử' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /class="error-summary"/);
    assert.match(bad.body, /href="#date"/);
    assert.match(bad.body, /value="Ngày thử"/, 'the answers are kept');

    const ok = await form({
      _csrf: csrf,
      year: '2031',
      date: '2031-03-10',
      kind: 'holiday',
      name: 'Ngày thử',
      source: 'Văn bản thử',
      provisional: 'on',
    });
    assert.equal(ok.statusCode, 303);
    assert.equal(ok.headers.location, '/admin/holidays?year=2031&saved=1');
    const shown = await get('/admin/holidays?year=2031&saved=1', admin, 'text/html');
    assert.match(shown.body, /role="status"/);
    assert.match(shown.body, /Văn bản thử/);

    const id = /action="\/admin\/holidays\/([0-9a-f-]{36})\/remove"/.exec(shown.body)?.[1];
    assert.ok(id);
    const removed = await t.app.inject({
      method: 'POST',
      url: `/admin/holidays/${id}/remove`,
      payload: new URLSearchParams({ _csrf: csrf, year: '2031' }).toString(),
      headers: { cookie: admin, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
    });
    assert.equal(removed.statusCode, 303);
    assert.doesNotMatch((await get('/admin/holidays?year=2031', admin, 'text/html')).body, /Văn bản thử/);
  });

  test('staff read clocks with explanations; clock managers pause, resume and extend them', async () => {
    t.setNow('2025-06-02T03:00:00Z');
    const c = await startClock(t.sysCtx(), { entityType: 'request', entityId: 'api-2', rule: 'request.decide', startedAt: t.deps.now() });
    const list = await get('/api/v1/clocks?entityType=request&entityId=api-2', viewer);
    assert.equal(list.statusCode, 200);
    const seen = (
      list.json() as {
        data: { id: string; dueDate: string; legalBasis: string; internalSla: boolean; explanation: string; can: { pause: boolean } }[];
      }
    ).data[0];
    assert.equal(seen?.id, c.id);
    assert.equal(seen?.dueDate, '2025-06-23');
    assert.equal(seen?.legalBasis, '[CONFIG]');
    assert.equal(seen?.internalSla, true);
    assert.equal(seen?.can.pause, false);
    assert.match(seen?.explanation ?? '', /Chỉ tiêu nội bộ/);

    assert.equal((await send('POST', `/api/v1/clocks/${c.id}/pause`, { reason: 'lab_test' }, viewer)).statusCode, 403);
    assert.equal((await send('POST', `/api/v1/clocks/${c.id}/pause`, { reason: 'lab_test' })).statusCode, 401);
    const badReason = await send('POST', `/api/v1/clocks/${c.id}/pause`, { reason: 'holiday' }, officer);
    assert.equal(badReason.statusCode, 400);

    t.setNow('2025-06-04T03:00:00Z');
    const paused = await send('POST', `/api/v1/clocks/${c.id}/pause`, { reason: 'awaiting_other_agency', note: 'Chờ Sở Y tế' }, officer);
    assert.equal(paused.statusCode, 200, paused.body);
    assert.equal((paused.json() as { state: string }).state, 'paused');
    t.setNow('2025-06-09T03:00:00Z');
    const resumed = await send('POST', `/api/v1/clocks/${c.id}/resume`, {}, officer);
    assert.equal(resumed.statusCode, 200, resumed.body);
    assert.equal((resumed.json() as { dueDate: string }).dueDate, '2025-06-26');
    const again = await send('POST', `/api/v1/clocks/${c.id}/resume`, {}, officer);
    assert.equal(again.statusCode, 409);
    assert.equal(errorCode(again.body), 'clock.invalid_transition');

    const ext = await send('POST', `/api/v1/clocks/${c.id}/extend`, { amount: 15, reason: 'Vụ việc phức tạp' }, officer);
    assert.equal(ext.statusCode, 200, ext.body);
    const twice = await send('POST', `/api/v1/clocks/${c.id}/extend`, { amount: 1, reason: 'Lần hai' }, officer);
    assert.equal(twice.statusCode, 409);
    assert.equal(errorCode(twice.body), 'clock.extension_used');

    const fwd = await startClock(t.sysCtx(), {
      entityType: 'request',
      entityId: 'api-3',
      rule: 'request.forward_to_business',
      startedAt: t.deps.now(),
    });
    const notExt = await send('POST', `/api/v1/clocks/${fwd.id}/extend`, { amount: 1, reason: 'x' }, officer);
    assert.equal(notExt.statusCode, 409);
    assert.equal(errorCode(notExt.body), 'clock.not_extendable');
    const missing = await send('POST', '/api/v1/clocks/00000000-0000-4000-8000-000000000000/pause', { reason: 'lab_test' }, officer);
    assert.equal(missing.statusCode, 404);

    const audit = await t.database.db.selectFrom('audit_event').select('action').where('entity_id', '=', c.id).orderBy('seq').execute();
    assert.deepEqual(
      audit.map((a) => a.action),
      ['clock.start', 'clock.pause', 'clock.resume', 'clock.extend'],
    );
  });
});

describe('public calendar rate limit', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp({ RATE_LIMIT_PUBLIC_PER_MIN: 2 });
  });
  after(() => t.close());

  test('public lookups are rate-limited with the standard error', async () => {
    const url = '/api/v1/calendar/is-working-day?date=2025-04-26';
    assert.equal((await t.app.inject({ method: 'GET', url })).statusCode, 200);
    assert.equal((await t.app.inject({ method: 'GET', url })).statusCode, 200);
    const r = await t.app.inject({ method: 'GET', url });
    assert.equal(r.statusCode, 429);
    assert.equal((r.json() as ErrorBody).error.code, 'request.rate_limited');
  });
});
