import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { buildUser, loginCookie } from '../../../test/factories.js';
import { testApp, type TestApp } from '../../../test/harness.js';
import { getCalendar } from '../../platform/calendar/store.js';
import { seedDemoDirectory } from '../directory/index.js';
import { callbackDueBy } from './index.js';

/** What an operator records with a caller who bought a faulty blender online. */
const caseBody = (o: Record<string, unknown> = {}) => ({
  outcome: 'case_created',
  phone: '0912 345 678',
  request: {
    kind: 'request',
    consumer: { fullName: 'Nguyễn Thị Hoa', birthYear: 1958 },
    business: { name: 'Cửa hàng Điện máy Phú Cường', address: '12 đường Tân Trào, Tuyên Quang' },
    transaction: { date: '2026-11-20', productOrService: 'máy xay sinh tố', amountVnd: 1_250_000, place: { online: true } },
    description: 'Mua máy xay sinh tố qua mạng, dùng hai ngày thì hỏng mô-tơ, cửa hàng không nhận bảo hành.',
    priorContact: { date: '2026-11-23', businessReply: 'refused' },
    consents: { privacyNoticeVersion: 'tongdai-2026-11' },
  },
  ...o,
});

describe('hotline API', () => {
  let t: TestApp;
  let operator: string;
  let operatorId: string;
  let officer: string;
  let mediator: string;
  let business: string;
  const api = (method: 'GET' | 'POST', url: string, cookie?: string, payload?: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({
      method,
      url,
      ...(payload !== undefined ? { payload: payload as object } : {}),
      headers: { accept: 'application/json', ...(cookie ? { cookie } : {}), ...headers },
    });
  const code = (r: { body: string }) => (JSON.parse(r.body) as { error?: { code?: string } }).error?.code;

  before(async () => {
    // Sessions outlive the test clock's jumps over several days.
    t = await testApp({ RATE_LIMIT_PUBLIC_PER_MIN: 1_000_000, SESSION_TTL_HOURS: 24 * 30 });
    await seedDemoDirectory(t.sysCtx(), '08');
    const op = await buildUser(t.database.db, { role: 'hotline_operator', username: 'tongdai.test' });
    operatorId = op.id;
    operator = await loginCookie(t.app, op.username);
    officer = await loginCookie(t.app, (await buildUser(t.database.db, { role: 'case_officer' })).username);
    mediator = await loginCookie(t.app, (await buildUser(t.database.db, { role: 'mediator' })).username);
    business = await loginCookie(t.app, (await buildUser(t.database.db, { role: 'business' })).username);
  });
  after(() => t.close());

  it('answers 401 to anonymous callers and 403 to roles without requests.intake', async () => {
    const probes: [method: 'GET' | 'POST', url: string, body?: unknown][] = [
      ['POST', '/api/v1/hotline/calls', caseBody()],
      ['GET', `/api/v1/hotline/calls/${randomUUID()}`],
      ['GET', '/api/v1/hotline/lookup?phone=0912345678'],
      ['GET', '/api/v1/hotline/callbacks'],
      ['POST', '/api/v1/hotline/callbacks', { callId: randomUUID() }],
      ['POST', `/api/v1/hotline/callbacks/${randomUUID()}/attempts`, { result: 'busy' }],
      ['GET', '/api/v1/hotline/answers?q=bao%20hanh'],
      ['GET', '/api/v1/hotline/stats/advice'],
    ];
    for (const [method, url, body] of probes) {
      const anon = await api(method, url, undefined, body);
      assert.equal(anon.statusCode, 401, `${method} ${url}`);
      assert.equal(code(anon), 'auth.unauthenticated');
      for (const cookie of [mediator, business]) {
        const r = await api(method, url, cookie, body);
        assert.equal(r.statusCode, 403, `${method} ${url}`);
        assert.equal(code(r), 'auth.forbidden');
      }
    }
    assert.equal(await t.database.db.selectFrom('hotline_call').select('id').executeTakeFirst(), undefined, 'nothing was logged');
  });

  it('creates a case on the hotline channel from a call, links it, and replays an Idempotency-Key', async () => {
    const headers = { 'idempotency-key': 'tongdai-test-key-0001' };
    const r = await api('POST', '/api/v1/hotline/calls', operator, caseBody(), headers);
    assert.equal(r.statusCode, 201, r.body);
    const out = r.json();
    assert.match(out.receipt.code, /^YC-2026-\d{6}$/);
    assert.ok(out.receipt.trackingSecret.length >= 10);
    assert.equal(out.call.outcome, 'case_created');
    assert.equal(out.call.phone, '0912345678', 'separators dropped');
    assert.equal(out.call.callerName, 'Nguyễn Thị Hoa');
    assert.deepEqual(out.call.request, { id: out.receipt.id, code: out.receipt.code });
    assert.deepEqual(out.receipt.vulnerable, ['elderly'], 'born 1958: 68 years old (Art. 8(1)(a))');
    const request = await t.database.db
      .selectFrom('request')
      .select(['channel', 'consumer_phone', 'created_by'])
      .where('id', '=', out.receipt.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(request, { channel: 'hotline', consumer_phone: '0912345678', created_by: operatorId });

    const again = await api('POST', '/api/v1/hotline/calls', operator, caseBody(), headers);
    assert.equal(again.statusCode, 200);
    assert.equal(again.headers['idempotent-replayed'], 'true');
    assert.equal(again.json().call.id, out.call.id);
    assert.equal(again.json().receipt.code, out.receipt.code);
    const calls = await t.database.db.selectFrom('hotline_call').select('id').where('request_id', '=', out.receipt.id).execute();
    assert.equal(calls.length, 1, 'one call, one case');

    const got = await api('GET', `/api/v1/hotline/calls/${out.call.id}`, officer);
    assert.equal(got.statusCode, 200);
    assert.equal(got.json().request.code, out.receipt.code);
  });

  it('looks up a caller: earlier cases, earlier calls and a waiting call-back', async () => {
    const r = await api('GET', '/api/v1/hotline/lookup?phone=%2B84912345678', operator);
    assert.equal(r.statusCode, 200, r.body);
    const l = r.json();
    assert.equal(l.phone, '0912345678', '+84 is the same caller');
    assert.equal(l.cases.length, 1);
    assert.equal(l.cases[0].businessName, 'Cửa hàng Điện máy Phú Cường');
    assert.equal(l.calls.length, 1);
    assert.equal(l.openCallback, null);
    const bad = await api('GET', '/api/v1/hotline/lookup?phone=12345', operator);
    assert.equal(bad.statusCode, 400);
    assert.equal(code(bad), 'request.invalid');
  });

  it('refuses invalid calls with Vietnamese messages and stable codes', async () => {
    const unknownOutcome = await api('POST', '/api/v1/hotline/calls', operator, { outcome: 'hung_up', phone: '0912345678' });
    assert.equal(unknownOutcome.statusCode, 400);
    assert.equal(code(unknownOutcome), 'request.invalid');
    assert.match(unknownOutcome.body, /Kết quả cuộc gọi phải là/);

    const noTopic = await api('POST', '/api/v1/hotline/calls', operator, { outcome: 'advice_only', summary: 'Hướng dẫn đổi trả' });
    assert.equal(noTopic.statusCode, 400);
    assert.ok(noTopic.json().error.details.some((d: { path: string }) => d.path === 'body.topic'));

    const badPhone = await api('POST', '/api/v1/hotline/calls', operator, { outcome: 'missed', phone: '123' });
    assert.equal(badPhone.statusCode, 400);
    assert.match(badPhone.body, /Số điện thoại Việt Nam không hợp lệ/);

    const future = await api('POST', '/api/v1/hotline/calls', operator, {
      outcome: 'advice_only',
      topic: 'warranty',
      summary: 'Giải thích quyền bảo hành',
      startedAt: '2026-11-26T18:00:00+07:00',
    });
    assert.equal(future.statusCode, 400);
    assert.equal(code(future), 'hotline.started_in_future');

    const unknownAnswer = await api('POST', '/api/v1/hotline/calls', operator, {
      outcome: 'advice_only',
      topic: 'warranty',
      summary: 'Giải thích quyền bảo hành',
      answerId: randomUUID(),
    });
    assert.equal(unknownAnswer.statusCode, 400);
    assert.equal(code(unknownAnswer), 'hotline.unknown_answer');

    const channel = await api('POST', '/api/v1/hotline/calls', operator, {
      ...caseBody(),
      request: { ...caseBody().request, channel: 'web' },
    });
    assert.equal(channel.statusCode, 400, 'the channel is always hotline');

    const shortDescription = await api(
      'POST',
      '/api/v1/hotline/calls',
      operator,
      caseBody({ request: { ...caseBody().request, description: 'hỏng' } }),
    );
    assert.equal(shortDescription.statusCode, 400);
    assert.ok(shortDescription.json().error.details.some((d: { path: string }) => d.path === 'body.request.description'));
  });

  it('answers 404 for unknown calls and call-backs', async () => {
    const call = await api('GET', `/api/v1/hotline/calls/${randomUUID()}`, operator);
    assert.equal(call.statusCode, 404);
    assert.equal(code(call), 'hotline.call_not_found');
    const attempt = await api('POST', `/api/v1/hotline/callbacks/${randomUUID()}/attempts`, operator, { result: 'busy' });
    assert.equal(attempt.statusCode, 404);
    assert.equal(code(attempt), 'hotline.callback_not_found');
    const queue = await api('POST', '/api/v1/hotline/callbacks', operator, { callId: randomUUID() });
    assert.equal(queue.statusCode, 404);
    assert.equal(code(queue), 'hotline.call_not_found');
  });

  it('queues a call-back for a missed call, due by 17:00 on the next working day, once per number', async () => {
    // Thursday 26/11/2026 10:00 in Viet Nam → Friday 27/11 17:00.
    const r = await api('POST', '/api/v1/hotline/calls', operator, { outcome: 'missed', phone: '0987 654 321' });
    assert.equal(r.statusCode, 201, r.body);
    const { call, callback } = r.json();
    assert.equal(call.outcome, 'missed');
    assert.equal(call.callbackId, callback.id);
    assert.equal(callback.dueBy, '2026-11-27T10:00:00.000Z');
    assert.equal(callback.status, 'open');
    assert.equal(callback.overdue, false);
    assert.equal(callback.can.recordAttempt, true);

    // The same caller tries again on Friday morning: still one call-back, the promise unchanged.
    t.setNow('2026-11-27T01:30:00Z');
    const again = await api('POST', '/api/v1/hotline/calls', operator, { outcome: 'missed', phone: '+84987654321', notes: 'gọi lần 2' });
    assert.equal(again.statusCode, 201);
    assert.equal(again.json().callback.id, callback.id);
    assert.equal(again.json().callback.missedCount, 2);
    assert.equal(again.json().callback.dueBy, '2026-11-27T10:00:00.000Z');

    // Friday 17:00 + 1 minute: overdue.
    t.setNow('2026-11-27T10:01:00Z');
    const queue = (await api('GET', '/api/v1/hotline/callbacks', operator)).json();
    const row = queue.data.find((c: { id: string }) => c.id === callback.id);
    assert.equal(row.overdue, true);
    t.setNow('2026-11-26T03:00:00Z');

    const dup = await api('POST', '/api/v1/hotline/callbacks', operator, { callId: call.id });
    assert.equal(dup.statusCode, 409);
    assert.equal(code(dup), 'hotline.callback_open_exists');
  });

  it('counts working days on the calendar: a Friday call is due on Monday, public holidays are skipped', async () => {
    const cal = await getCalendar(t.sysCtx(), t.config.PROVINCE_CODE);
    assert.equal(callbackDueBy(cal, new Date('2026-11-27T03:00:00Z')).toISOString(), '2026-11-30T10:00:00.000Z', 'Friday → Monday');
    assert.equal(callbackDueBy(cal, new Date('2026-11-28T09:00:00Z')).toISOString(), '2026-11-30T10:00:00.000Z', 'Saturday → Monday');
    assert.equal(
      callbackDueBy(cal, new Date('2026-11-26T17:30:00Z')).toISOString(),
      '2026-11-30T10:00:00.000Z',
      'Friday 00:30 in Viet Nam is a Friday call',
    );
    // Wednesday 29/4/2026: 30/4 and 1/5 are public holidays, then the weekend.
    assert.equal(callbackDueBy(cal, new Date('2026-04-29T03:00:00Z')).toISOString(), '2026-05-04T10:00:00.000Z', 'holidays skipped');
  });

  it('records call-back attempts: three unanswered attempts close it as unreachable and text the caller', async () => {
    const r = await api('POST', '/api/v1/hotline/calls', operator, { outcome: 'missed', phone: '0901234567' });
    const id = r.json().callback.id as string;
    const first = await api('POST', `/api/v1/hotline/callbacks/${id}/attempts`, operator, { result: 'no_answer' });
    assert.equal(first.statusCode, 200, first.body);
    assert.equal(first.json().status, 'open');
    assert.equal(first.json().attempts, 1);
    const reachedWithoutNote = await api('POST', `/api/v1/hotline/callbacks/${id}/attempts`, operator, { result: 'reached' });
    assert.equal(reachedWithoutNote.statusCode, 400);
    assert.equal(code(reachedWithoutNote), 'hotline.outcome_required');
    await api('POST', `/api/v1/hotline/callbacks/${id}/attempts`, operator, { result: 'busy' });
    const third = await api('POST', `/api/v1/hotline/callbacks/${id}/attempts`, operator, {
      result: 'no_answer',
      note: 'Thuê bao không liên lạc được',
    });
    assert.equal(third.json().status, 'failed');
    assert.equal(third.json().attempts, 3);
    assert.equal(third.json().attemptLog.length, 3);
    assert.equal(third.json().can.recordAttempt, false);
    const sms = await t.database.db.selectFrom('job').select('payload').where('kind', '=', 'sms.send').execute();
    assert.ok(
      sms.some((j) => (j.payload as { to?: string }).to === '0901234567'),
      'the caller is told we tried',
    );
    const closed = await api('POST', `/api/v1/hotline/callbacks/${id}/attempts`, operator, { result: 'reached', note: 'x' });
    assert.equal(closed.statusCode, 409);
    assert.equal(code(closed), 'hotline.callback_closed');

    // The supervisor re-opens the promise from the missed call; due-by counts from now.
    const requeued = await api('POST', '/api/v1/hotline/callbacks', officer, { callId: r.json().call.id });
    assert.equal(requeued.statusCode, 201, requeued.body);
    assert.equal(requeued.json().status, 'open');
    const reached = await api('POST', `/api/v1/hotline/callbacks/${requeued.json().id}/attempts`, operator, {
      result: 'reached',
      note: 'Đã hướng dẫn gửi yêu cầu đổi hàng',
    });
    assert.equal(reached.json().status, 'done');
    assert.equal(reached.json().outcome, 'Đã hướng dẫn gửi yêu cầu đổi hàng');
    assert.ok(reached.json().doneAt);
  });

  it('refuses a call-back for a call that was not missed', async () => {
    const advice = await api('POST', '/api/v1/hotline/calls', operator, {
      outcome: 'advice_only',
      topic: 'warranty',
      summary: 'Quyền bảo hành Điều 30',
    });
    assert.equal(advice.statusCode, 201);
    const r = await api('POST', '/api/v1/hotline/callbacks', operator, { callId: advice.json().call.id });
    assert.equal(r.statusCode, 409);
    assert.equal(code(r), 'hotline.call_not_missed');
  });

  it('closes a waiting call-back when the caller rings again and is served', async () => {
    const missed = await api('POST', '/api/v1/hotline/calls', operator, { outcome: 'missed', phone: '0977111222' });
    const answer = (await api('GET', '/api/v1/hotline/answers?q=doi%20tra%20hang', operator)).json().data[0];
    const r = await api('POST', '/api/v1/hotline/calls', operator, {
      outcome: 'advice_only',
      phone: '0977111222',
      topic: 'return-exchange',
      sector: 'ecommerce',
      summary: 'Hướng dẫn quyền trả hàng mua trực tuyến',
      answerId: answer.id,
    });
    assert.equal(r.statusCode, 201, r.body);
    assert.deepEqual(r.json().closedCallbacks, [missed.json().callback.id]);
    const lookup = (await api('GET', '/api/v1/hotline/lookup?phone=0977111222', operator)).json();
    assert.equal(lookup.openCallback, null);
    assert.equal(lookup.calls.length, 2);
    const closed = (await api('GET', '/api/v1/hotline/callbacks?status=closed', operator)).json();
    const cb = closed.data.find((c: { id: string }) => c.id === missed.json().callback.id);
    assert.equal(cb.status, 'done');
    assert.equal(cb.lastResult, 'served_on_new_call');
  });

  it('lists the queue with open call-backs first, the earliest due-by first', async () => {
    t.setNow('2026-11-30T02:00:00Z'); // Monday: due Tuesday 17:00
    await api('POST', '/api/v1/hotline/calls', operator, { outcome: 'missed', phone: '0911000001' });
    t.setNow('2026-11-26T03:00:00Z');
    const all = (await api('GET', '/api/v1/hotline/callbacks?status=all&pageSize=100', operator)).json();
    const statuses = all.data.map((c: { status: string }) => c.status);
    const firstClosed = statuses.findIndex((s: string) => s !== 'open');
    assert.ok(firstClosed > 0 && statuses.slice(firstClosed).every((s: string) => s !== 'open'), statuses.join());
    const dues = all.data.slice(0, firstClosed).map((c: { dueBy: string }) => c.dueBy);
    assert.deepEqual(dues, [...dues].sort());
    assert.equal(all.page.total, all.data.length);
    const open = (await api('GET', '/api/v1/hotline/callbacks', operator)).json();
    assert.ok(open.data.every((c: { status: string }) => c.status === 'open'));
  });

  it('finds quick answers without diacritics, question and tags first', async () => {
    const r = await api('GET', '/api/v1/hotline/answers?q=doi%20tra%20hang', operator);
    assert.equal(r.statusCode, 200);
    const first = r.json().data[0];
    assert.match(first.question, /đổi trả|trả lại hàng/i);
    assert.equal(first.topic, 'return-exchange');
    const warranty = (await api('GET', '/api/v1/hotline/answers?q=bao%20hanh%20sua%203%20lan', operator)).json().data[0];
    assert.equal(warranty.slug, 'bao-hanh-sua-nhieu-lan');
    assert.match(warranty.legalBasis, /Điều 30/);
    const court = (await api('GET', `/api/v1/hotline/answers?q=${encodeURIComponent('kiện ra tòa án phí')}`, operator)).json().data[0];
    assert.equal(court.slug, 'khoi-kien-toa-an');
    const byTopic = (await api('GET', '/api/v1/hotline/answers?topic=dispute-methods&limit=50', operator)).json().data;
    assert.ok(byTopic.length >= 4 && byTopic.every((a: { topic: string }) => a.topic === 'dispute-methods'));
    const bao = (await api('GET', '/api/v1/hotline/answers?q=bao%20hanh', operator)).json().data;
    assert.match(bao[0].question, /bảo hành/, 'the words side by side first');
    const spoken = (
      await api('GET', `/api/v1/hotline/answers?q=${encodeURIComponent('mua phải hàng giả thì báo ai xyzzy')}`, operator)
    ).json().data;
    assert.equal(spoken[0].slug, 'hang-gia-hang-nhai', 'no entry has every word: the best partial match first');
    const none = (await api('GET', '/api/v1/hotline/answers?q=xyzzy', operator)).json().data;
    assert.deepEqual(none, []);
    const all = (await api('GET', '/api/v1/hotline/answers?limit=50', operator)).json().data;
    assert.ok(all.length >= 15, `${all.length} seeded answers`);
  });

  it('counts advice-only calls by topic and sector over a period', async () => {
    await api('POST', '/api/v1/hotline/calls', operator, { outcome: 'advice_only', topic: 'warranty', summary: 'Bảo hành điện thoại' });
    const r = await api('GET', '/api/v1/hotline/stats/advice?from=2026-11-01&to=2026-11-30', officer);
    assert.equal(r.statusCode, 200, r.body);
    const s = r.json();
    assert.equal(s.adviceTotal, 3);
    assert.deepEqual(s.byTopic[0], { key: 'warranty', label: 'Bảo hành, hàng lỗi', count: 2 });
    assert.deepEqual(
      s.bySector.map((x: { key: string }) => x.key),
      ['ecommerce'],
    );
    assert.equal(s.calls.caseCreated, 1);
    assert.ok(s.calls.missed >= 4);
    assert.ok(s.callbacks.created >= 3);
    const empty = (await api('GET', '/api/v1/hotline/stats/advice?from=2026-10-01&to=2026-10-31', officer)).json();
    assert.equal(empty.adviceTotal, 0);
    const defaults = (await api('GET', '/api/v1/hotline/stats/advice', officer)).json();
    assert.deepEqual([defaults.from, defaults.to], ['2026-11-01', '2026-11-26'], 'this month to today');
    const reversed = await api('GET', '/api/v1/hotline/stats/advice?from=2026-11-30&to=2026-11-01', officer);
    assert.equal(reversed.statusCode, 400);
    assert.equal(code(reversed), 'hotline.invalid_period');
    const tooLong = await api('GET', '/api/v1/hotline/stats/advice?from=2024-01-01&to=2026-11-01', officer);
    assert.equal(code(tooLong), 'hotline.period_too_long');
  });

  it('audits every change without phone numbers or names', async () => {
    const rows = await t.database.db.selectFrom('audit_event').select(['action', 'summary']).where('action', 'like', 'hotline.%').execute();
    const actions = new Set(rows.map((r) => r.action));
    for (const a of ['hotline.call.log', 'hotline.callback.create', 'hotline.callback.attempt', 'hotline.callback.close'])
      assert.ok(actions.has(a), a);
    const text = JSON.stringify(rows);
    for (const secret of ['0912345678', '0987654321', '0901234567', '0977111222', 'Nguyễn Thị Hoa', '912345678'])
      assert.ok(!text.includes(secret), secret);
    const lookups = await t.database.db.selectFrom('audit_event').select('summary').where('action', '=', 'personal_data.lookup').execute();
    assert.ok(lookups.length >= 2);
    assert.ok(!JSON.stringify(lookups).includes('0912345678'));
  });
});
