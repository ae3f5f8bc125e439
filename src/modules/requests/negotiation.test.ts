import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { buildUser, loginCookie } from '../../../test/factories.js';
import { testApp, type TestApp } from '../../../test/harness.js';
import { complaint } from '../../../test/request-fixtures.js';
import { seedDemoDirectory } from '../directory/index.js';
import { sweepBusinessDeadlines, sweepUnconfirmedRemedies } from './negotiation.js';

const TAX = '5000123456';
const fridge = (over: Record<string, unknown> = {}) =>
  complaint({
    kind: 'request',
    business: { name: 'Công ty TNHH Điện máy Minh Phát', address: 'Phường Minh Xuân', taxCode: TAX },
    transaction: { date: '2026-11-02', amountVnd: 12500000, productOrService: 'tủ lạnh' },
    description:
      'Tủ lạnh mua được ba tuần thì không làm lạnh, còn bảo hành nhưng cửa hàng hẹn mãi không sửa. Tôi đề nghị hỗ trợ thương lượng với doanh nghiệp.',
    priorContact: { date: '2026-11-05', businessReply: 'none' },
    ...over,
  });

describe('negotiation support: agency, business and consumer', () => {
  let t: TestApp;
  let dataDir: string;
  let officer: string;
  let inspector: string;
  let viewer: string;
  let biz: string;
  let otherBiz: string;
  let sctId: string;
  let officerName: string;
  let bizName: string;
  /** Moves the test clock and logs the officer in again (sessions expire when idle). */
  const moveTo = async (iso: string) => {
    t.setNow(iso);
    officer = await loginCookie(t.app, officerName);
    biz = await loginCookie(t.app, bizName);
  };

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'bvntd-neg-'));
    t = await testApp({ RATE_LIMIT_PUBLIC_PER_MIN: 1_000_000, RATE_LIMIT_LOGIN_PER_MIN: 1_000_000, DATA_DIR: dataDir });
    await seedDemoDirectory(t.sysCtx(), '08');
    sctId = (await t.database.db.selectFrom('agency').select('id').where('kind', '=', 'so-cong-thuong').executeTakeFirstOrThrow()).id;
    const db = t.database.db;
    officerName = (await buildUser(db, { role: 'case_officer', agencyId: sctId })).username;
    officer = await loginCookie(t.app, officerName);
    inspector = await loginCookie(t.app, (await buildUser(db, { role: 'inspector' })).username);
    viewer = await loginCookie(t.app, (await buildUser(db, { role: 'viewer', agencyId: sctId })).username);
    bizName = (await buildUser(db, { role: 'business', taxCode: TAX })).username;
    biz = await loginCookie(t.app, bizName);
    otherBiz = await loginCookie(t.app, (await buildUser(db, { role: 'business', taxCode: '5000999999' })).username);
  });
  after(async () => {
    await t.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const post = (url: string, payload?: unknown, cookie?: string) =>
    t.app.inject({
      method: 'POST',
      url,
      ...(payload !== undefined ? { payload: payload as object } : {}),
      headers: { accept: 'application/json', ...(cookie ? { cookie } : {}) },
    });
  const get = (url: string, cookie?: string) =>
    t.app.inject({ method: 'GET', url, headers: { accept: 'application/json', ...(cookie ? { cookie } : {}) } });
  const code = (r: { body: string }) => (JSON.parse(r.body) as { error: { code: string } }).error.code;
  interface Receipt {
    id: string;
    code: string;
    trackingSecret: string;
    routing: { agency: { id: string | null } };
  }
  const file = async (body = fridge()): Promise<Receipt> => {
    const r = await post('/api/v1/requests', body);
    assert.equal(r.statusCode, 201, r.body);
    const rec = r.json() as Receipt;
    assert.equal(rec.routing.agency.id, sctId, 'negotiation support goes to the Department of Industry and Trade');
    return rec;
  };
  const clocks = (id: string) => t.database.db.selectFrom('clock').select(['rule', 'state']).where('entity_id', '=', id).execute();
  const track = async (r: Receipt) =>
    (await get(`/api/v1/requests/track/${r.code}?secret=${encodeURIComponent(r.trackingSecret)}`)).json() as {
      status: string;
      negotiation: { outcome: string | null; can: { feedback: boolean; confirmRemedy: boolean; reopen: boolean } } | null;
    };
  const q = (r: Receipt) => `?secret=${encodeURIComponent(r.trackingSecret)}`;

  test('the full loop: forward, acknowledge, refund, accept with a rating, confirm, reopen, close with an outcome', async () => {
    await moveTo('2026-11-26T03:00:00Z');
    const r = await file();
    assert.equal((await post(`/api/v1/requests/${r.id}/forward-to-business`, {})).statusCode, 401);
    assert.equal((await post(`/api/v1/requests/${r.id}/forward-to-business`, {}, viewer)).statusCode, 403);
    assert.equal((await post(`/api/v1/requests/${r.id}/forward-to-business`, { taxCode: '12' }, officer)).statusCode, 400);
    const fwd = await post(`/api/v1/requests/${r.id}/forward-to-business`, {}, officer);
    assert.equal(fwd.statusCode, 200, fwd.body);
    const view = fwd.json() as {
      status: string;
      clocks: { rule: string; startedAt: string; dueAt: string; state: string; explanation: string }[];
      negotiation: { eligibilityWarning: string | null };
    };
    assert.equal(view.status, 'forwarded');
    for (const rule of ['business.acknowledge', 'business.negotiate'])
      assert.ok(
        view.clocks.some((c) => c.rule === rule && c.state !== 'met' && c.explanation.length > 0),
        rule,
      );
    assert.ok(view.clocks.some((c) => c.rule === 'request.forward_to_business' && c.state === 'met'));
    assert.equal(view.negotiation.eligibilityWarning, null, 'more than 7 working days since the consumer asked the business');
    assert.equal(code(await post(`/api/v1/requests/${r.id}/forward-to-business`, {}, officer)), 'negotiation.already_forwarded');

    // The business sees its own case only.
    const list = (await get('/api/v1/business/requests', biz)).json() as { data: { id: string }[] };
    assert.ok(list.data.some((d) => d.id === r.id));
    assert.equal(((await get('/api/v1/business/requests', otherBiz)).json() as { data: unknown[] }).data.length, 0);
    assert.equal((await get(`/api/v1/business/requests/${r.id}`, otherBiz)).statusCode, 404);
    assert.equal((await post(`/api/v1/requests/${r.id}/business/acknowledge`, undefined, otherBiz)).statusCode, 404);
    assert.equal((await get('/api/v1/business/requests', officer)).statusCode, 403);
    assert.equal((await get('/api/v1/business/requests')).statusCode, 401);

    const ack = await post(`/api/v1/requests/${r.id}/business/acknowledge`, undefined, biz);
    assert.equal(ack.statusCode, 200, ack.body);
    assert.equal((ack.json() as { status: string }).status, 'business_acknowledged');
    assert.equal(code(await post(`/api/v1/requests/${r.id}/business/acknowledge`, undefined, biz)), 'negotiation.already_acknowledged');
    assert.equal(
      (await post(`/api/v1/requests/${r.id}/business/response`, { outcome: 'paid', explanation: 'Đã hoàn tiền cho khách.' }, biz))
        .statusCode,
      400,
    );

    await moveTo('2026-11-27T03:00:00Z');
    const resp = await post(
      `/api/v1/requests/${r.id}/business/response`,
      {
        outcome: 'monetary_relief',
        explanation: 'Công ty đồng ý hoàn tiền vì tủ lạnh lỗi máy nén.',
        remedy: { description: 'Hoàn tiền qua chuyển khoản', amountVnd: 12500000, dueDate: '2026-12-04' },
        publicResponse: 'responded_to_consumer',
      },
      biz,
    );
    assert.equal(resp.statusCode, 200, resp.body);
    const states = await clocks(r.id);
    assert.ok(states.some((c) => c.rule === 'business.acknowledge' && c.state === 'met'));
    assert.ok(states.some((c) => c.rule === 'business.negotiate' && c.state === 'met'));
    assert.ok(states.some((c) => c.rule === 'business.report_result' && c.state !== 'met'));

    let tr = await track(r);
    assert.equal(tr.status, 'business_responded');
    assert.equal(tr.negotiation?.outcome, 'monetary_relief');
    assert.equal(tr.negotiation?.can.feedback, true);
    assert.equal((await post(`/api/v1/requests/track/${r.code}/feedback?secret=sai-ma`, { accepted: true })).statusCode, 404);
    assert.equal((await post(`/api/v1/requests/track/${r.code}/feedback${q(r)}`, { accepted: true, rating: 9 })).statusCode, 400);
    const fb = await post(`/api/v1/requests/track/${r.code}/feedback${q(r)}`, {
      accepted: true,
      rating: 4,
      comment: 'Doanh nghiệp hợp tác.',
    });
    assert.equal(fb.statusCode, 200, fb.body);
    assert.equal((fb.json() as { status: string }).status, 'resolved');
    assert.equal(code(await post(`/api/v1/requests/track/${r.code}/feedback${q(r)}`, { accepted: true })), 'negotiation.no_answer_to_rate');

    const rep = await post(`/api/v1/requests/${r.id}/business/report`, { summary: 'Đã hoàn tiền 12.500.000 đồng ngày 28/11/2026.' }, biz);
    assert.equal(rep.statusCode, 200, rep.body);
    assert.ok((await clocks(r.id)).some((c) => c.rule === 'business.report_result' && c.state === 'met'));

    tr = await track(r);
    assert.equal(tr.negotiation?.can.confirmRemedy, true);
    const got = await post(`/api/v1/requests/track/${r.code}/remedy-received${q(r)}`);
    assert.equal(got.statusCode, 200, got.body);
    assert.equal(code(await post(`/api/v1/requests/track/${r.code}/remedy-received${q(r)}`)), 'negotiation.remedy_already_confirmed');
    const stats = (await get('/api/v1/requests/stats/settlement', officer)).json() as {
      remedies: number;
      confirmed: number;
      complianceRate: number;
    };
    assert.ok(stats.remedies >= 1 && stats.confirmed >= 1 && stats.complianceRate > 0);

    // Reopen within the window: a shorter clock for the business.
    const reo = await post(`/api/v1/requests/track/${r.code}/reopen${q(r)}`, { reason: 'Tủ lạnh lại hỏng sau khi sửa.' });
    assert.equal(reo.statusCode, 200, reo.body);
    assert.ok((await clocks(r.id)).some((c) => c.rule === 'business.reopen_answer' && c.state !== 'met'));
    assert.equal(
      code(await post(`/api/v1/requests/track/${r.code}/reopen${q(r)}`, { reason: 'Lần nữa xin mở.' })),
      'request.not_reopenable',
    );

    // Closing needs an outcome, and records the time per stage.
    const resp2 = await post(
      `/api/v1/requests/${r.id}/business/response`,
      { outcome: 'non_monetary_relief', explanation: 'Công ty đổi tủ lạnh mới cho khách hàng.' },
      biz,
    );
    assert.equal(resp2.statusCode, 200, resp2.body);
    assert.equal((await post(`/api/v1/requests/track/${r.code}/feedback${q(r)}`, { accepted: true, rating: 5 })).statusCode, 200);
    const noOutcome = await post(`/api/v1/requests/${r.id}/status`, { to: 'closed' }, officer);
    assert.equal(noOutcome.statusCode, 400);
    assert.equal(code(noOutcome), 'request.closing_outcome_required');
    await moveTo('2026-12-01T03:00:00Z');
    const close = await post(`/api/v1/requests/${r.id}/status`, { to: 'closed', outcome: 'resolved_by_negotiation' }, officer);
    assert.equal(close.statusCode, 200, close.body);
    const closed = (await get(`/api/v1/requests/${r.id}`, officer)).json() as {
      closingOutcome: string;
      stageTimes: Record<string, number>;
    };
    assert.equal(closed.closingOutcome, 'resolved_by_negotiation');
    assert.equal(closed.stageTimes.total, 5 * 24);
    assert.ok('received_to_forwarded' in closed.stageTimes || 'received_to_accepted' in closed.stageTimes);
  });

  test('a missed 3-day acknowledgement gives exactly one potential violation and one notification', async () => {
    await moveTo('2026-11-26T03:00:00Z');
    const r = await file();
    assert.equal((await post(`/api/v1/requests/${r.id}/forward-to-business`, {}, officer)).statusCode, 200);
    const jobs = async () => (await t.database.db.selectFrom('job').select('id').execute()).length;
    t.setNow('2026-12-01T10:00:00Z'); // still inside the 3 working days (Thu 26/11 → Tue 1/12)
    assert.equal(await sweepBusinessDeadlines(t.sysCtx()), 0);
    t.setNow('2026-12-02T03:00:00Z');
    const before = await jobs();
    const created = await sweepBusinessDeadlines(t.sysCtx());
    const all = await t.database.db.selectFrom('potential_violation').select(['rule', 'request_id']).execute();
    assert.equal(created, 1, JSON.stringify(all.map((p) => [p.rule, p.request_id === r.id])));
    assert.equal(await sweepBusinessDeadlines(t.sysCtx()), 0, 'once per missed clock');
    assert.equal((await jobs()) - before, 1, 'one notification');
    const pv = await t.database.db.selectFrom('potential_violation').selectAll().where('request_id', '=', r.id).execute();
    assert.equal(pv.length, 1);
    assert.equal(pv[0]!.rule, 'business.acknowledge');
    assert.match(pv[0]!.legal_basis, /Điều 61/);
    assert.equal(Number(pv[0]!.fine_min_vnd), 20_000_000);
    await moveTo('2026-12-02T03:00:00Z');
    const v = (await get(`/api/v1/requests/${r.id}`, officer)).json() as { potentialViolations: { rule: string }[] };
    assert.deepEqual(
      v.potentialViolations.map((p) => p.rule),
      ['business.acknowledge'],
    );
  });

  test('"not our case" returns the case to the agency; an unconfirmed remedy escalates once', async () => {
    await moveTo('2026-11-26T03:00:00Z');
    const r = await file();
    await post(`/api/v1/requests/${r.id}/forward-to-business`, {}, officer);
    const no = await post(
      `/api/v1/requests/${r.id}/business/response`,
      { outcome: 'incorrect_business', explanation: 'Chúng tôi không bán sản phẩm này.' },
      biz,
    );
    assert.equal(no.statusCode, 200, no.body);
    assert.equal((await get(`/api/v1/business/requests/${r.id}`, biz)).statusCode, 404);
    const back = (await get(`/api/v1/requests/${r.id}`, officer)).json() as {
      status: string;
      negotiation: unknown;
      routing: { bounceCount: number };
    };
    assert.equal(back.status, 'accepted');
    assert.equal(back.negotiation, null);

    const r2 = await file();
    await post(`/api/v1/requests/${r2.id}/forward-to-business`, {}, officer);
    await post(
      `/api/v1/requests/${r2.id}/business/response`,
      {
        outcome: 'monetary_relief',
        explanation: 'Hoàn tiền cho khách hàng.',
        remedy: { description: 'Hoàn tiền', amountVnd: 500000, dueDate: '2026-11-30' },
      },
      biz,
    );
    await post(`/api/v1/requests/track/${r2.code}/feedback${q(r2)}`, { accepted: true });
    t.setNow('2026-12-03T03:00:00Z');
    assert.ok((await sweepUnconfirmedRemedies(t.sysCtx())) >= 1);
    assert.equal(await sweepUnconfirmedRemedies(t.sysCtx()), 0);
  });

  test('cases that cannot be negotiated are blocked (Art. 54(2)); confidential documents stay inside the case', async () => {
    await moveTo('2026-11-26T03:00:00Z');
    const fake = await post(
      '/api/v1/requests',
      complaint({ transaction: { date: '2026-11-10', amountVnd: 9000000, productOrService: 'kem', place: { online: true } } }),
    );
    const f = fake.json() as Receipt & { enforcementFlag: boolean };
    assert.equal(f.enforcementFlag, true);
    const fo = await post(
      `/api/v1/requests/${f.id}/forward-to-business`,
      {},
      await loginCookie(t.app, (await buildUser(t.database.db, { role: 'admin' })).username),
    );
    assert.equal(fo.statusCode, 409);
    assert.equal(code(fo), 'request.not_negotiable');

    const r = await file();
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(32, 3)]);
    const boundary = '----neg';
    const up = await t.app.inject({
      method: 'POST',
      url: `/api/v1/requests/${r.id}/attachments${q(r)}`,
      payload: Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="hoa-don.png"\r\nContent-Type: image/png\r\n\r\n`,
        ),
        png,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]),
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, accept: 'application/json' },
    });
    assert.equal(up.statusCode, 201, up.body);
    const att = (up.json() as { id: string }).id;
    assert.equal((await post(`/api/v1/requests/${r.id}/forward-to-business`, { confidential: true }, officer)).statusCode, 200);
    const outside = (await get(`/api/v1/requests/${r.id}`, inspector)).json() as { attachments: unknown[]; confidentialHidden: boolean };
    assert.equal(outside.confidentialHidden, true);
    assert.deepEqual(outside.attachments, []);
    assert.equal((await get(`/api/v1/requests/${r.id}/attachments/${att}`, inspector)).statusCode, 403);
    const inside = (await get(`/api/v1/requests/${r.id}`, officer)).json() as { attachments: unknown[]; confidentialHidden: boolean };
    assert.equal(inside.confidentialHidden, false);
    assert.equal(inside.attachments.length, 1);
    assert.equal((await get(`/api/v1/requests/${r.id}/attachments/${att}`, officer)).statusCode, 200);
  });

  test('a warning, not a block, when the business still has time to answer the consumer (Art. 57(2))', async () => {
    await moveTo('2026-11-26T03:00:00Z');
    const r = await file(fridge({ priorContact: { date: '2026-11-24', businessReply: 'none' } }));
    const fwd = await post(`/api/v1/requests/${r.id}/forward-to-business`, {}, officer);
    assert.equal(fwd.statusCode, 200);
    assert.match((fwd.json() as { negotiation: { eligibilityWarning: string } }).negotiation.eligibilityWarning, /7 ngày làm việc/);
  });
});
