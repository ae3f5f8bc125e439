import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildUser, loginCookie } from '../../../test/factories.js';
import { testApp, type TestApp } from '../../../test/harness.js';
import { complaint } from '../../../test/request-fixtures.js';
import { seedDemoDirectory } from '../directory/index.js';
import { receiveRequest } from './receive.js';
import { requestInput } from './schema.js';
import { DEFAULT_GROUP_ENFORCEMENT_THRESHOLD } from './graph.js';

interface Child {
  id: string;
  code: string;
  kind: string;
  parentCode: string;
  agency: { kind: string; name: string };
  assignedTo: { id: string } | null;
  enforcementFlag: boolean;
  clocks: { rule: string; state: string; dueAt: string }[];
}
interface Graph {
  parent: { code: string; canOpen: boolean } | null;
  children: { id: string; code: string; kind: string; overdue: boolean; canOpen: boolean }[];
  rollup: { state: string; open: number; overdue: number; total: number };
  group: { code: string } | null;
  referralProposal: { via: string; agency: { name: string } | null } | null;
  can: { split: boolean; acceptReferral: boolean; close: boolean };
}
interface Group {
  id: string;
  code: string;
  consumers: number;
  enforcement: { flagged: boolean; reason: string | null };
  referral: { code: string } | null;
  referralProposal: { agency: { name: string } | null } | null;
  members: { id: string; code: string; status: string; enforcementFlag: boolean }[];
  rollup: { state: string };
  can: { acceptReferral: boolean };
}
interface Suggestion {
  matchedBy: string[];
  consumers: number;
  requests: { id: string; code: string }[];
}

describe('case graph: sub-cases, groups and the Art. 54(2) block', () => {
  let t: TestApp;
  let officer: string;
  let officerId: string;
  let officerName: string;
  let qltt: string;
  let qlttName: string;
  let viewer: string;
  let inspector: string;
  let communeOfficer: string;
  let biz: string;
  let sctId: string;
  let qlttId: string;
  let n = 0;

  before(async () => {
    t = await testApp({ RATE_LIMIT_PUBLIC_PER_MIN: 1_000_000, RATE_LIMIT_LOGIN_PER_MIN: 1_000_000 });
    await seedDemoDirectory(t.sysCtx(), '08');
    const db = t.database.db;
    const agency = async (kind: string) =>
      (await db.selectFrom('agency').select('id').where('kind', '=', kind).where('level', '=', 'province').executeTakeFirstOrThrow()).id;
    sctId = await agency('so-cong-thuong');
    qlttId = await agency('qltt');
    const o = await buildUser(db, { role: 'case_officer', agencyId: sctId });
    officerId = o.id;
    officerName = o.username;
    qlttName = (await buildUser(db, { role: 'case_officer', agencyId: qlttId })).username;
    viewer = await loginCookie(t.app, (await buildUser(db, { role: 'viewer', agencyId: sctId })).username);
    inspector = await loginCookie(t.app, (await buildUser(db, { role: 'inspector' })).username);
    communeOfficer = await loginCookie(t.app, (await buildUser(db, { role: 'case_officer', communeCode: '02200' })).username);
    biz = await loginCookie(t.app, (await buildUser(db, { role: 'business', taxCode: '0300000001' })).username);
    await login();
  });
  after(() => t.close());

  /** Sessions expire when idle: log the officers in again after moving the clock. */
  const login = async () => {
    officer = await loginCookie(t.app, officerName);
    qltt = await loginCookie(t.app, qlttName);
  };
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

  /**
   * A case at the Department of Industry and Trade with chosen business, labels and a distinct
   * consumer (the classifier is not under test here, so the labels are set directly).
   */
  const fileCase = async (o: { name: string; tax?: string; sector?: string; violations?: string[]; flagged?: boolean }) => {
    n += 1;
    const { receipt } = await receiveRequest(
      t.sysCtx(),
      requestInput.parse(
        complaint({
          kind: 'request',
          consumer: { fullName: `Người tiêu dùng ${n}`, phone: `09123${String(n).padStart(5, '0')}`, birthYear: 1980 },
          business: { name: o.name, address: 'Phường Minh Xuân', ...(o.tax ? { taxCode: o.tax } : {}) },
          description: 'Điện thoại mua mới bị lỗi màn hình sau hai ngày, cửa hàng không đổi, đề nghị hỗ trợ thương lượng với doanh nghiệp.',
        }),
      ),
    );
    await t.database.db
      .updateTable('request')
      .set({
        agency_id: sctId,
        agency_kind: 'so-cong-thuong',
        commune_code: null,
        sector: o.sector ?? 'electronics-appliances',
        violations: o.violations ?? ['poor-quality'],
        enforcement_flag: o.flagged ?? false,
      })
      .where('id', '=', receipt.id)
      .execute();
    return { id: receipt.id, code: receipt.code };
  };
  const row = (id: string) => t.database.db.selectFrom('request').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const clocksOf = (id: string) => t.database.db.selectFrom('clock').select(['rule', 'state']).where('entity_id', '=', id).execute();

  describe('sub-cases', () => {
    let parent: { id: string; code: string };
    let referral: Child;
    let civil: Child;

    test('an officer splits a case into a violation referral and a civil dispute, each with its own code, owner and clock', async () => {
      parent = await fileCase({ name: 'Cửa hàng Điện thoại Sao Việt', tax: '0300000009' });
      const url = `/api/v1/requests/${parent.id}/sub-cases`;
      assert.equal((await post(url, { kind: 'violation_referral' })).statusCode, 401);
      assert.equal((await post(url, { kind: 'violation_referral' }, viewer)).statusCode, 403);
      assert.equal((await post(url, { kind: 'violation_referral' }, biz)).statusCode, 403);
      assert.equal((await post(url, { kind: 'appeal' }, officer)).statusCode, 400);
      assert.equal((await post(url, { kind: 'violation_referral', extra: 1 }, officer)).statusCode, 400);
      assert.equal((await post(url, { kind: 'violation_referral' }, communeOfficer)).statusCode, 404, 'outside the commune');
      assert.equal(
        code(await post(url, { kind: 'civil_dispute', agencyId: '00000000-0000-4000-8000-000000000000' }, officer)),
        'request.agency_not_found',
      );

      const r1 = await post(url, { kind: 'violation_referral', note: 'Có dấu hiệu hàng giả.' }, officer);
      assert.equal(r1.statusCode, 201, r1.body);
      referral = r1.json() as Child;
      assert.match(referral.code, /^YC-\d{4}-\d{6}$/);
      assert.notEqual(referral.code, parent.code);
      assert.equal(referral.parentCode, parent.code);
      assert.equal(referral.agency.kind, 'qltt', 'a violation referral goes to market surveillance');
      assert.equal(referral.enforcementFlag, true, 'a referral is for enforcement, not negotiation');
      assert.ok(referral.clocks.some((c) => c.rule === 'request.decide' && c.state === 'running'));

      const r2 = await post(url, { kind: 'civil_dispute', assigneeId: officerId }, officer);
      assert.equal(r2.statusCode, 201, r2.body);
      civil = r2.json() as Child;
      assert.equal(civil.agency.kind, 'so-cong-thuong', 'a civil dispute stays with the case agency');
      assert.equal(civil.assignedTo?.id, officerId);
      assert.deepEqual(
        (await clocksOf(civil.id)).map((c) => c.rule),
        ['request.forward_to_business'],
        'a negotiable civil dispute has the 7 working days to forward to the business',
      );

      const p = await row(parent.id);
      const c = await row(referral.id);
      assert.equal(c.parent_id, parent.id);
      assert.equal(c.child_kind, 'violation_referral');
      assert.equal(c.consumer_name, p.consumer_name, 'the consumer is copied');
      assert.equal(c.business_tax_code, '0300000009', 'the business is copied');
      assert.equal(c.agency_id, qlttId);
      assert.equal(c.status, 'accepted');
      assert.ok(c.next_due_at, 'the inbox sees the child clock');
      const mails = await t.database.db.selectFrom('job').select('payload').where('kind', '=', 'mail.send').execute();
      assert.ok(
        mails.some((m) => String((m.payload as { subject?: string }).subject).includes(referral.code)),
        'the new owner is alerted',
      );

      assert.equal(
        code(await post(`/api/v1/requests/${referral.id}/sub-cases`, { kind: 'safety_signal' }, qltt)),
        'request.split_sub_case',
      );
    });

    test('the parent shows its children and the roll-up; the other agency sees its child and the parent code only', async () => {
      const g = (await get(`/api/v1/requests/${parent.id}/graph`, officer)).json() as Graph;
      assert.deepEqual(
        g.children.map((c) => c.code),
        [referral.code, civil.code],
      );
      assert.equal(g.rollup.state, 'some_open');
      assert.equal(g.rollup.open, 2);
      assert.equal(g.can.close, false);
      assert.equal(g.children.find((c) => c.id === referral.id)?.canOpen, false, 'the referral belongs to market surveillance');
      assert.equal(g.children.find((c) => c.id === civil.id)?.canOpen, true);

      assert.equal((await get(`/api/v1/requests/${parent.id}/graph`)).statusCode, 401);
      assert.equal((await get(`/api/v1/requests/${parent.id}/graph`, biz)).statusCode, 403);
      assert.equal((await get(`/api/v1/requests/${parent.id}/graph`, communeOfficer)).statusCode, 404);
      assert.equal((await get(`/api/v1/requests/${parent.id}/graph`, qltt)).statusCode, 404, 'the parent stays with its agency');
      const child = (await get(`/api/v1/requests/${referral.id}/graph`, qltt)).json() as Graph;
      assert.deepEqual(child.parent, { ...child.parent, code: parent.code, canOpen: false });
      assert.equal(child.can.split, false);
      assert.equal((await get(`/api/v1/requests/${referral.id}`, qltt)).statusCode, 200);
    });

    test('an overdue child rolls up as overdue', async () => {
      t.setNow('2027-01-20T03:00:00Z');
      await login();
      const g = (await get(`/api/v1/requests/${parent.id}/graph`, officer)).json() as Graph;
      assert.equal(g.rollup.state, 'overdue_child');
      assert.equal(g.rollup.overdue, 2);
      assert.ok(g.children.every((c) => c.overdue));
    });

    test('a parent cannot close while a child is open, and can once every child has ended', async () => {
      const close = { to: 'closed', outcome: 'referred' };
      const blocked = await post(`/api/v1/requests/${parent.id}/status`, close, officer);
      assert.equal(blocked.statusCode, 409);
      assert.equal(code(blocked), 'request.children_open');
      const msg = (blocked.json() as { error: { message: string } }).error.message;
      assert.ok(msg.includes(referral.code) && msg.includes(civil.code), msg);

      assert.equal((await post(`/api/v1/requests/${civil.id}/status`, { to: 'resolved' }, officer)).statusCode, 200);
      const still = await post(`/api/v1/requests/${parent.id}/status`, close, officer);
      assert.equal(code(still), 'request.children_open');
      assert.ok(!(still.json() as { error: { message: string } }).error.message.includes(civil.code));

      assert.equal((await post(`/api/v1/requests/${referral.id}/status`, { to: 'resolved' }, qltt)).statusCode, 200);
      assert.equal(
        (await post(`/api/v1/requests/${referral.id}/status`, { to: 'closed', outcome: 'resolved_by_agency' }, qltt)).statusCode,
        200,
      );
      const g = (await get(`/api/v1/requests/${parent.id}/graph`, officer)).json() as Graph;
      assert.equal(g.rollup.state, 'all_closed');
      assert.equal(g.can.close, true);
      const ok = await post(`/api/v1/requests/${parent.id}/status`, close, officer);
      assert.equal(ok.statusCode, 200, ok.body);
      assert.equal(code(await post(`/api/v1/requests/${parent.id}/sub-cases`, { kind: 'price_complaint' }, officer)), 'request.closed');
      t.setNow('2026-11-26T03:00:00Z');
      await login();
    });
  });

  describe('grouping', () => {
    let a1: { id: string; code: string };
    let a2: { id: string; code: string };
    let h1: { id: string; code: string };
    let h2: { id: string; code: string };
    let otherSector: { id: string; code: string };
    let otherIssue: { id: string; code: string };
    let groupId: string;

    test('suggests cases with the same tax code, or the same folded name, the same sector and a shared violation', async () => {
      a1 = await fileCase({ name: 'Công ty TNHH Điện tử An Phú', tax: '0300000001', violations: ['poor-quality', 'warranty'] });
      a2 = await fileCase({ name: 'CTY An Phú', tax: '0300000001', violations: ['warranty'] });
      otherSector = await fileCase({
        name: 'Công ty TNHH Điện tử An Phú',
        tax: '0300000001',
        sector: 'telecom-internet',
        violations: ['warranty'],
      });
      otherIssue = await fileCase({ name: 'Công ty TNHH Điện tử An Phú', tax: '0300000001', violations: ['pricing'] });
      h1 = await fileCase({ name: 'Cửa hàng Điện thoại Hùng Cường', violations: ['poor-quality'] });
      h2 = await fileCase({ name: 'CỬA HÀNG ĐIỆN THOẠI  HÙNG-CƯỜNG', violations: ['poor-quality'] });

      assert.equal((await get('/api/v1/request-groups/suggestions')).statusCode, 401);
      assert.equal((await get('/api/v1/request-groups/suggestions', biz)).statusCode, 403);
      const r = await get('/api/v1/request-groups/suggestions', officer);
      assert.equal(r.statusCode, 200, r.body);
      const data = (r.json() as { data: Suggestion[] }).data;
      const byTax = data.find((s) => s.requests.some((x) => x.id === a1.id));
      assert.ok(byTax, 'the same tax code under two spellings');
      assert.deepEqual(byTax.requests.map((x) => x.id).sort(), [a1.id, a2.id].sort(), 'not the other sector, not the other issue');
      assert.deepEqual(byTax.matchedBy, ['tax_code']);
      assert.equal(byTax.consumers, 2);
      const byName = data.find((s) => s.requests.some((x) => x.id === h1.id));
      assert.ok(byName, 'no tax code: the folded name matches');
      assert.deepEqual(byName.requests.map((x) => x.id).sort(), [h1.id, h2.id].sort());
      assert.deepEqual(byName.matchedBy, ['name']);
      assert.ok(!data.some((s) => s.requests.some((x) => x.id === otherSector.id || x.id === otherIssue.id)));

      const one = (await get(`/api/v1/request-groups/suggestions?requestId=${h2.id}`, officer)).json() as { data: Suggestion[] };
      assert.equal(one.data.length, 1);
      const scoped = (await get('/api/v1/request-groups/suggestions', qltt)).json() as { data: Suggestion[] };
      assert.ok(!scoped.data.some((s) => s.requests.some((x) => x.id === a1.id)), 'another agency does not see these cases');
    });

    test('an officer groups cases of one business; a case is in one group at a time; another business is refused', async () => {
      assert.equal((await post('/api/v1/request-groups', { requestIds: [a1.id, a2.id] })).statusCode, 401);
      assert.equal((await post('/api/v1/request-groups', { requestIds: [a1.id, a2.id] }, viewer)).statusCode, 403);
      assert.equal((await post('/api/v1/request-groups', { requestIds: [a1.id] }, officer)).statusCode, 400);
      assert.equal((await post('/api/v1/request-groups', { requestIds: [a1.id, a2.id] }, communeOfficer)).statusCode, 404);
      assert.equal(code(await post('/api/v1/request-groups', { requestIds: [a1.id, h1.id] }, officer)), 'request_group.different_business');
      assert.equal(code(await post('/api/v1/request-groups', { requestIds: [a1.id, a1.id] }, officer)), 'request_group.too_few');

      const r = await post('/api/v1/request-groups', { requestIds: [a1.id, a2.id] }, officer);
      assert.equal(r.statusCode, 201, r.body);
      const g = r.json() as Group;
      groupId = g.id;
      assert.match(g.code, /^NH-\d{4}-\d{6}$/);
      assert.equal(g.members.length, 2);
      assert.equal(g.consumers, 2);
      assert.equal(g.enforcement.flagged, false, `below ${DEFAULT_GROUP_ENFORCEMENT_THRESHOLD} consumers`);
      assert.equal(g.referralProposal, null);

      const taken = await post('/api/v1/request-groups', { requestIds: [a2.id, otherIssue.id] }, officer);
      assert.equal(taken.statusCode, 409);
      assert.equal(code(taken), 'request_group.member_taken');
      const added = await post(`/api/v1/request-groups/${g.id}/members`, { requestIds: [otherIssue.id] }, officer);
      assert.equal(added.statusCode, 200, added.body);
      assert.equal((added.json() as Group).members.length, 3);
      assert.equal(
        code(await post(`/api/v1/request-groups/${g.id}/members`, { requestIds: [h1.id] }, officer)),
        'request_group.different_business',
      );
      assert.equal((await get(`/api/v1/request-groups/${g.id}`, communeOfficer)).statusCode, 404);
      assert.equal((await get(`/api/v1/request-groups/${g.id}`, qltt)).statusCode, 404);
      assert.equal((await get(`/api/v1/request-groups/${g.id}`, inspector)).statusCode, 200);
      assert.equal(((await get(`/api/v1/requests/${a1.id}/graph`, officer)).json() as Graph).group?.code, g.code);
      const after = (await get('/api/v1/request-groups/suggestions', officer)).json() as { data: Suggestion[] };
      assert.ok(!after.data.some((s) => s.requests.some((x) => x.id === a1.id)), 'a fully grouped set is no longer suggested');
    });

    test('collective actions go through the case actions: a note and a status change on every case', async () => {
      const url = `/api/v1/request-groups/${groupId}/actions`;
      assert.equal((await post(url, { action: 'note', body: 'Xử lý chung.' }, viewer)).statusCode, 403);
      assert.equal((await post(url, { action: 'shout' }, officer)).statusCode, 400);
      const note = await post(url, { action: 'note', body: 'Xử lý chung theo nhóm.' }, officer);
      assert.equal(note.statusCode, 200, note.body);
      assert.equal((note.json() as { applied: unknown[] }).applied.length, 3);
      const notes = await t.database.db
        .selectFrom('request_note')
        .select('request_id')
        .where('body', '=', 'Xử lý chung theo nhóm.')
        .execute();
      assert.deepEqual(notes.map((x) => x.request_id).sort(), [a1.id, a2.id, otherIssue.id].sort());

      assert.equal(code(await post(url, { action: 'status', to: 'closed' }, officer)), 'request.closing_outcome_required');
      await t.database.db.updateTable('request').set({ status: 'in_progress' }).where('id', '=', otherIssue.id).execute();
      const acc = await post(url, { action: 'status', to: 'accepted', note: 'Thụ lý chung.' }, officer);
      assert.equal(acc.statusCode, 200, acc.body);
      const out = acc.json() as { applied: { code: string; status: string }[]; skipped: { code: string; reason: string }[] };
      assert.deepEqual(
        out.applied.map((x) => x.status),
        ['accepted', 'accepted'],
      );
      assert.deepEqual(
        out.skipped.map((x) => x.code),
        [otherIssue.code],
        'in progress cannot be accepted again',
      );
      for (const id of [a1.id, a2.id]) {
        assert.equal((await row(id)).status, 'accepted');
        assert.ok(
          (await clocksOf(id)).some((c) => c.rule === 'request.acknowledge' && c.state === 'met'),
          'the clocks follow the service',
        );
      }
      const audit = await t.database.db.selectFrom('audit_event').select('summary').where('action', '=', 'request_group.act').execute();
      assert.equal(audit.length, 2);
    });

    test('staff see the group and the cases on the business page, within their scope', async () => {
      const noTax = await fileCase({ name: 'CTY  an phú', violations: ['warranty'] });
      const url = '/api/v1/businesses/0300000001/requests';
      assert.equal((await get(url)).statusCode, 401);
      assert.equal((await get(url, biz)).statusCode, 403, 'staff only, even for the business itself');
      assert.equal((await get('/api/v1/businesses/12/requests', officer)).statusCode, 400);
      const r = await get(url, officer);
      assert.equal(r.statusCode, 200, r.body);
      const page = r.json() as {
        names: string[];
        requests: { id: string; matchedBy: string; group: { code: string } | null }[];
        groups: { id: string; members: number }[];
      };
      assert.ok(page.names.includes('CTY An Phú'));
      for (const id of [a1.id, a2.id, otherSector.id, otherIssue.id])
        assert.ok(page.requests.some((x) => x.id === id && x.matchedBy === 'tax_code'));
      assert.equal(page.requests.find((x) => x.id === noTax.id)?.matchedBy, 'name', 'a case without a tax code under one of its names');
      assert.ok(page.requests.find((x) => x.id === a1.id)?.group);
      assert.deepEqual(
        page.groups.map((g) => [g.id, g.members]),
        [[groupId, 3]],
      );
      const other = (await get(url, qltt)).json() as { requests: unknown[]; groups: unknown[] };
      assert.deepEqual([other.requests.length, other.groups.length], [0, 0]);
      assert.equal((await get(url, inspector)).statusCode, 200);
    });
  });

  describe('Art. 54(2)', () => {
    test('a group reaching the consumer threshold flags its cases, blocks negotiation and proposes one referral', async () => {
      const cases = [];
      for (let i = 0; i < DEFAULT_GROUP_ENFORCEMENT_THRESHOLD; i++)
        cases.push(await fileCase({ name: 'Công ty Cổ phần Bếp Việt', tax: '0300000002', sector: 'consumer-goods' }));
      assert.ok((await clocksOf(cases[0]!.id)).some((c) => c.rule === 'request.forward_to_business' && c.state === 'running'));
      const r = await post('/api/v1/request-groups', { requestIds: cases.slice(0, 3).map((c) => c.id) }, officer);
      assert.equal(r.statusCode, 201, r.body);
      const g = r.json() as Group;
      assert.equal(g.enforcement.flagged, false);
      const full = await post(`/api/v1/request-groups/${g.id}/members`, { requestIds: cases.slice(3).map((c) => c.id) }, officer);
      const flagged = full.json() as Group;
      assert.equal(flagged.consumers, DEFAULT_GROUP_ENFORCEMENT_THRESHOLD);
      assert.deepEqual(flagged.enforcement, { ...flagged.enforcement, flagged: true, reason: 'threshold' });
      assert.ok(flagged.members.every((m) => m.enforcementFlag));
      for (const c of cases) {
        assert.equal((await row(c.id)).enforcement_flag, true);
        const events = await t.database.db.selectFrom('request_event').select('type').where('request_id', '=', c.id).execute();
        assert.ok(events.some((e) => e.type === 'flagged_enforcement'));
        assert.ok((await clocksOf(c.id)).some((x) => x.rule === 'request.forward_to_business' && x.state === 'stopped'));
      }
      const fwd = await post(`/api/v1/requests/${cases[0]!.id}/forward-to-business`, {}, officer);
      assert.equal(fwd.statusCode, 409);
      assert.equal(code(fwd), 'request.not_negotiable');

      assert.ok(flagged.referralProposal?.agency?.name, 'the referral goes to market surveillance');
      assert.equal(flagged.can.acceptReferral, true);
      const graph = (await get(`/api/v1/requests/${cases[2]!.id}/graph`, officer)).json() as Graph;
      assert.equal(graph.referralProposal?.via, 'group');

      assert.equal((await post(`/api/v1/request-groups/${g.id}/referral`, {}, viewer)).statusCode, 403);
      const ref = await post(`/api/v1/request-groups/${g.id}/referral`, {}, officer);
      assert.equal(ref.statusCode, 201, ref.body);
      const referral = (ref.json() as { referral: Child }).referral;
      assert.equal(referral.kind, 'violation_referral');
      assert.equal(referral.agency.kind, 'qltt');
      assert.equal(referral.parentCode, cases[0]!.code, 'under the earliest case of the group');
      const desc = (await row(referral.id)).description;
      for (const c of cases) assert.ok(desc.includes(c.code), 'the referral lists every case of the group');
      assert.equal(code(await post(`/api/v1/request-groups/${g.id}/referral`, {}, officer)), 'request.already_referred');
      assert.equal(code(await post(`/api/v1/requests/${cases[1]!.id}/referral`, {}, officer)), 'request.already_referred');
      const after = (await get(`/api/v1/request-groups/${g.id}`, officer)).json() as Group;
      assert.equal(after.referral?.code, referral.code);
      assert.equal(after.referralProposal, null);
    });

    test('consumers recorded as all identified keep the group negotiable (the Art. 54(2) exception)', async () => {
      const cases = [];
      for (let i = 0; i < DEFAULT_GROUP_ENFORCEMENT_THRESHOLD; i++)
        cases.push(await fileCase({ name: 'Nhà hàng Sen Vàng', tax: '0300000003' }));
      const r = await post('/api/v1/request-groups', { requestIds: cases.map((c) => c.id), consumersIdentified: true }, officer);
      assert.equal(r.statusCode, 201, r.body);
      assert.equal((r.json() as Group).enforcement.flagged, false);
      assert.equal((await row(cases[0]!.id)).enforcement_flag, false);
    });

    test('a flagged member flags the whole group', async () => {
      const a = await fileCase({ name: 'Cửa hàng Mỹ phẩm Lan Anh', tax: '0300000004', flagged: true });
      const b = await fileCase({ name: 'Cửa hàng Mỹ phẩm Lan Anh', tax: '0300000004' });
      const g = (await post('/api/v1/request-groups', { requestIds: [a.id, b.id] }, officer)).json() as Group;
      assert.deepEqual(g.enforcement, { ...g.enforcement, flagged: true, reason: 'member_flagged' });
      assert.equal((await row(b.id)).enforcement_flag, true);
    });

    test('a flagged case alone proposes a referral, accepted in one action; an unflagged case has none', async () => {
      const flagged = await fileCase({ name: 'Cửa hàng Đồng hồ Thời Gian', tax: '0300000005', flagged: true });
      const plain = await fileCase({ name: 'Cửa hàng Đồng hồ Thời Gian', tax: '0300000005' });
      const g = (await get(`/api/v1/requests/${flagged.id}/graph`, officer)).json() as Graph;
      assert.equal(g.referralProposal?.via, 'case');
      assert.equal(g.can.acceptReferral, true);
      assert.equal(((await get(`/api/v1/requests/${plain.id}/graph`, officer)).json() as Graph).referralProposal, null);
      assert.equal(code(await post(`/api/v1/requests/${plain.id}/referral`, {}, officer)), 'request.referral_not_proposed');
      assert.equal((await post(`/api/v1/requests/${flagged.id}/referral`, {}, communeOfficer)).statusCode, 404);

      const ok = await post(`/api/v1/requests/${flagged.id}/referral`, { note: 'Hàng giả, chuyển QLTT.' }, officer);
      assert.equal(ok.statusCode, 201, ok.body);
      assert.equal((ok.json() as { referral: Child }).referral.agency.kind, 'qltt');
      assert.equal(code(await post(`/api/v1/requests/${flagged.id}/referral`, {}, officer)), 'request.already_referred');
      const after = (await get(`/api/v1/requests/${flagged.id}/graph`, officer)).json() as Graph;
      assert.equal(after.referralProposal, null);
      assert.equal(after.children[0]?.kind, 'violation_referral');
    });
  });
});
