import { sql } from 'kysely';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildUser, loginCookie } from '../../../test/factories.js';
import { testApp, type TestApp } from '../../../test/harness.js';
import { seedDemoDirectory } from '../directory/index.js';
import { sendSessionReminder } from './notify.js';
import { sweepOverduePerformance } from './outcome.js';
import { ART_64_2, eligibilityOf, languageRule, partyLanguageOf } from './rules.js';

interface ErrorBody {
  error: { code: string; message: string; details?: { path?: string }[] };
}
type Json = Record<string, unknown> & { id: string };

const consents = { consumer: { on: '2026-11-25', ref: 'Đơn đề nghị hòa giải' }, business: { on: '2026-11-26' } };

/** A negotiable complaint (no violation of a legal prohibition), routed to the Department of Industry and Trade. */
function washingMachine(over: Record<string, unknown> = {}) {
  return {
    kind: 'complaint',
    channel: 'web',
    consumer: { fullName: 'Hoàng Thị Nhung', phone: '0987000111', email: 'nhung@example.test', ...((over.consumer as object) ?? {}) },
    business: { name: 'Công ty TNHH Điện máy Sao Việt', taxCode: '5000765432', website: 'https://saoviet.example.vn' },
    transaction: { date: '2026-11-18', amountVnd: 6_990_000, productOrService: 'máy giặt', place: { online: true } },
    description: 'Tôi mua máy giặt trên trang thương mại điện tử, máy bị hỏng sau một tuần, người bán từ chối bảo hành và không hoàn tiền.',
    desiredOutcome: 'Đổi máy mới hoặc hoàn lại tiền',
    priorContact: { date: '2026-11-20', businessReply: 'refused' },
    consents: { privacyNoticeVersion: '2026-11' },
  };
}

describe('mediation rules', () => {
  test('a type (a) or (c) mediator needs all five Art. 64(2) attestations; a type (b) one the qualification of its own law', () => {
    assert.equal(eligibilityOf('a', ART_64_2).eligible, true);
    const four = eligibilityOf('c', ART_64_2.slice(1));
    assert.equal(four.eligible, false);
    assert.deepEqual(
      four.missing.map((m) => m.kind),
      ['vietnamese_citizen'],
    );
    assert.equal(eligibilityOf('b', ART_64_2).eligible, false);
    assert.equal(eligibilityOf('b', ['governing_law_qualification']).eligible, true);
  });

  test('Art. 64(3): an ethnic-minority mediator, one fluent in the language, or an interpreter of that language', () => {
    const base = { consumerEthnicMinority: true, businessEthnicMinority: false, partyLanguage: 'Tày', mediators: [], interpreters: [] };
    assert.equal(languageRule({ ...base, consumerEthnicMinority: false }).satisfied, true);
    assert.equal(languageRule(base).satisfied, false);
    assert.equal(languageRule({ ...base, mediators: [{ ethnicMinority: false, languages: ['Dao'] }] }).satisfied, false);
    assert.equal(languageRule({ ...base, mediators: [{ ethnicMinority: false, languages: ['tay'] }] }).by, 'language_mediator');
    assert.equal(languageRule({ ...base, mediators: [{ ethnicMinority: true, languages: [] }] }).by, 'ethnic_minority_mediator');
    assert.equal(languageRule({ ...base, interpreters: [{ language: 'Dao' }] }).satisfied, false);
    assert.equal(languageRule({ ...base, interpreters: [{ language: 'TÀY' }] }).by, 'interpreter');
    assert.equal(languageRule({ ...base, partyLanguage: null, interpreters: [{ language: 'Dao' }] }).satisfied, true);
    assert.equal(
      languageRule({ ...base, partyLanguage: null, mediators: [{ ethnicMinority: false, languages: ['Tày'] }] }).satisfied,
      false,
    );
    assert.equal(partyLanguageOf(null, 'vi'), null);
    assert.equal(partyLanguageOf(null, 'Tày'), 'Tày');
    assert.equal(partyLanguageOf('Dao', 'Tày'), 'Dao');
  });
});

describe('mediation API', () => {
  let t: TestApp;
  let admin: string;
  let officer: string; // case officer of the Department of Industry and Trade
  let health: string; // case officer of another agency: the cases are outside their scope
  let mediatorCookie: string; // mediator of the consumer association (the organisation's agency)
  let loneMediator: string; // a mediator of no organisation, not appointed
  let orgId: string;
  const mediators: Record<string, string> = {};
  let mediatorUserId: string;
  let mediatorEmail: string;

  const names: Record<string, string> = {};
  /** Sessions expire when the test clock moves on: sign everyone in again. */
  const relogin = async () => {
    admin = await loginCookie(t.app, names.admin!);
    officer = await loginCookie(t.app, names.officer!);
    health = await loginCookie(t.app, names.health!);
    mediatorCookie = await loginCookie(t.app, names.mediator!);
    loneMediator = await loginCookie(t.app, names.lone!);
  };
  const call = async (method: 'GET' | 'POST', url: string, cookie?: string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      ...(cookie ? { headers: { cookie } } : {}),
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
  const fileCase = async (over: Record<string, unknown> = {}) => {
    const r = await call('POST', '/api/v1/requests', undefined, washingMachine(over));
    assert.equal(r.statusCode, 201, r.body);
    const c = r.json() as { id: string; code: string; routing: { agency: { name: string } } };
    const a = await call('POST', `/api/v1/requests/${c.id}/status`, officer, { to: 'accepted' });
    assert.equal(a.statusCode, 200, a.body);
    return c;
  };
  const open = async (requestId: string, over: Record<string, unknown> = {}) =>
    call('POST', '/api/v1/mediation/mediations', officer, { requestId, organisationId: orgId, consents, ...over });
  const addMediator = async (body: Record<string, unknown>, kinds: readonly string[], recognise = true) => {
    const r = await call('POST', `/api/v1/mediation/organisations/${orgId}/mediators`, admin, body);
    assert.equal(r.statusCode, 201, r.body);
    const id = (r.json() as Json).id;
    for (const kind of kinds) {
      const a = await call('POST', `/api/v1/mediation/mediators/${id}/attestations`, admin, {
        kind,
        documentRef: 'Hồ sơ số 12/HBV',
        attestedOn: '2026-11-01',
      });
      assert.equal(a.statusCode, 201, a.body);
    }
    if (recognise) {
      const r2 = await call('POST', `/api/v1/mediation/mediators/${id}/recognition`, admin, { recognitionRef: 'Quyết định 05/QĐ-HBV' });
      assert.equal(r2.statusCode, 200, r2.body);
    }
    return id;
  };
  const jobs = (kind: string) =>
    t.database.db
      .selectFrom('job')
      .select(['kind', 'payload', 'run_at'])
      .where('kind', '=', kind)
      .orderBy('created_at')
      .orderBy('id')
      .execute();

  before(async () => {
    t = await testApp({ RATE_LIMIT_PUBLIC_PER_MIN: 1_000_000 });
    await seedDemoDirectory(t.sysCtx(), '08');
    const agencies: Record<string, string> = {};
    for (const a of await t.database.db.selectFrom('agency').select(['id', 'kind', 'commune_code']).execute())
      if (!a.commune_code) agencies[a.kind] = a.id;
    const db = t.database.db;
    names.admin = (await buildUser(db, { role: 'admin' })).username;
    names.officer = (await buildUser(db, { role: 'case_officer', agencyId: agencies['so-cong-thuong'] })).username;
    names.health = (await buildUser(db, { role: 'case_officer', agencyId: agencies['so-y-te'] })).username;
    const mu = await buildUser(db, { role: 'mediator', agencyId: agencies['hoi-bvqlntd'] });
    mediatorUserId = mu.id;
    mediatorEmail = `${mu.username}@example.test`;
    names.mediator = mu.username;
    names.lone = (await buildUser(db, { role: 'mediator' })).username;
    await relogin();
    const o = await call('POST', '/api/v1/mediation/organisations', admin, {
      type: 'a',
      name: 'Hội Bảo vệ quyền lợi người tiêu dùng tỉnh Tuyên Quang',
      agencyId: agencies['hoi-bvqlntd'],
    });
    assert.equal(o.statusCode, 201, o.body);
    orgId = (o.json() as Json).id;
    mediators.hoa = await addMediator({ fullName: 'Hoàng Văn Hòa', userId: mediatorUserId }, ART_64_2);
    mediators.sinh = await addMediator({ fullName: 'Ma Thị Sinh', ethnicMinority: true, ethnicGroup: 'Tày', languages: ['Tày'] }, ART_64_2);
    mediators.binh = await addMediator({ fullName: 'Nguyễn Văn Bình', email: 'binh@example.test' }, ART_64_2.slice(0, 4), false);
  });
  after(() => t.close());

  describe('the register', () => {
    test('only province-level staff add organisations; a duplicate name is 409', async () => {
      assert.equal(
        (await call('POST', '/api/v1/mediation/organisations', undefined, { type: 'c', name: 'Tổ hòa giải chợ' })).statusCode,
        401,
      );
      const forbidden = await call('POST', '/api/v1/mediation/organisations', mediatorCookie, { type: 'c', name: 'Tổ hòa giải chợ' });
      assert.equal(forbidden.statusCode, 403);
      assert.equal((forbidden.json() as ErrorBody).error.code, 'mediation.register_forbidden');
      const dup = await call('POST', '/api/v1/mediation/organisations', admin, {
        type: 'a',
        name: 'hội bảo vệ quyền lợi người tiêu dùng tỉnh tuyên quang',
      });
      assert.equal(dup.statusCode, 409);
      assert.equal((dup.json() as ErrorBody).error.code, 'mediation.organisation_exists');
      const bad = await call('POST', '/api/v1/mediation/organisations', admin, { type: 'd', name: 'Tổ hòa giải' });
      assert.equal(bad.statusCode, 400);
    });

    test('a mediator without every Art. 64(2) attestation cannot be recognised', async () => {
      const r = await call('POST', `/api/v1/mediation/mediators/${mediators.binh}/recognition`, admin, { recognitionRef: 'QĐ 06' });
      assert.equal(r.statusCode, 409);
      const e = (r.json() as ErrorBody).error;
      assert.equal(e.code, 'mediation.mediator_not_eligible');
      assert.match(e.message, /án tích/);
      const m = (await call('GET', `/api/v1/mediation/mediators/${mediators.binh}`, mediatorCookie)).json() as {
        eligibility: { eligible: boolean; missing: { kind: string }[] };
        attestations: { kind: string; documentRef: string; attestedOn: string }[];
        appointable: boolean;
      };
      assert.equal(m.eligibility.eligible, false);
      assert.deepEqual(
        m.eligibility.missing.map((x) => x.kind),
        ['no_criminal_record'],
      );
      assert.equal(m.attestations.length, 4);
      assert.equal(m.attestations[0]?.attestedOn, '2026-11-01');
      assert.equal(m.appointable, false);
      const future = await call('POST', `/api/v1/mediation/mediators/${mediators.binh}/attestations`, admin, {
        kind: 'no_criminal_record',
        documentRef: 'Phiếu lý lịch tư pháp',
        attestedOn: '2026-12-01',
      });
      assert.equal((future.json() as ErrorBody).error.code, 'mediation.date_in_future');
    });

    test('the published list is public and shows names and languages only', async () => {
      const r = await call('GET', `/api/v1/mediation/organisations/${orgId}/published-mediators`);
      assert.equal(r.statusCode, 200);
      const list = r.json() as { mediators: Record<string, unknown>[]; legalBasis: string };
      assert.deepEqual(list.mediators.map((m) => m.fullName).sort(), ['Hoàng Văn Hòa', 'Ma Thị Sinh']);
      assert.deepEqual(Object.keys(list.mediators[0]!).sort(), ['fullName', 'languages', 'recognisedOn']);
      assert.match(list.legalBasis, /Điều 63 khoản 2/);
      const orgs = (await call('GET', '/api/v1/mediation/organisations', mediatorCookie)).json() as {
        data: { mediatorCount: number; publishedCount: number; can: { manage: boolean } }[];
      };
      assert.equal(orgs.data[0]?.mediatorCount, 3);
      assert.equal(orgs.data[0]?.publishedCount, 2);
      assert.equal(orgs.data[0]?.can.manage, true, 'the organisation’s own staff keep its register');
      assert.equal((await call('GET', '/api/v1/mediation/organisations', health)).statusCode, 200);
      assert.equal((await call('GET', '/api/v1/mediation/organisations')).statusCode, 401);
    });
  });

  describe('opening', () => {
    test('needs both consents, a case in scope, and refuses cases that may not be mediated (Art. 54(2))', async () => {
      const c = await fileCase();
      assert.equal(
        (await call('POST', '/api/v1/mediation/mediations', undefined, { requestId: c.id, organisationId: orgId, consents })).statusCode,
        401,
      );
      const byMediator = await call('POST', '/api/v1/mediation/mediations', mediatorCookie, {
        requestId: c.id,
        organisationId: orgId,
        consents,
      });
      assert.equal(byMediator.statusCode, 403, 'opening is a case-handling decision');
      const noBusiness = await open(c.id, { consents: { consumer: consents.consumer } });
      assert.equal(noBusiness.statusCode, 400);
      assert.equal((noBusiness.json() as ErrorBody).error.code, 'request.invalid');
      const future = await open(c.id, { consents: { ...consents, business: { on: '2026-11-27' } } });
      assert.equal(future.statusCode, 400);
      assert.equal((future.json() as ErrorBody).error.code, 'mediation.date_in_future');
      const other = await call('POST', '/api/v1/mediation/mediations', health, { requestId: c.id, organisationId: orgId, consents });
      assert.equal(other.statusCode, 404);
      assert.equal((other.json() as ErrorBody).error.code, 'mediation.case_not_found');

      const flagged = await fileCase();
      await t.database.db.updateTable('request').set({ enforcement_flag: true }).where('id', '=', flagged.id).execute();
      const refused = await open(flagged.id);
      assert.equal(refused.statusCode, 409);
      const e = (refused.json() as ErrorBody).error;
      assert.equal(e.code, 'mediation.not_mediable');
      assert.match(e.message, /Điều 54 khoản 2/);

      const closed = await fileCase();
      await t.database.db.updateTable('request').set({ status: 'refused' }).where('id', '=', closed.id).execute();
      assert.equal(((await open(closed.id)).json() as ErrorBody).error.code, 'mediation.case_closed');

      const ok = await open(c.id, { businessEmail: 'cskh@saoviet.example.vn' });
      assert.equal(ok.statusCode, 201, ok.body);
      const m = ok.json() as { status: string; consents: { consumer: { on: string; ref: string } }; request: { code: string } };
      assert.equal(m.status, 'open');
      assert.deepEqual(m.consents.consumer, { on: '2026-11-25', ref: 'Đơn đề nghị hòa giải' });
      const again = await open(c.id);
      assert.equal(again.statusCode, 409);
      assert.equal((again.json() as ErrorBody).error.code, 'mediation.already_open');
      const mails = (await jobs('mail.send')).map((j) => j.payload as { to: string; subject: string });
      assert.ok(mails.some((x) => x.to === 'cskh@saoviet.example.vn' && x.subject.includes(m.request.code)));
      const audit = await t.database.db.selectFrom('audit_event').select(['summary']).where('action', '=', 'mediation.open').execute();
      assert.ok(audit.length >= 1);
      assert.doesNotMatch(JSON.stringify(audit), /Nhung|nhung@|saoviet/, 'no personal data in audit summaries');
    });

    test('a mediator without the attestations cannot be appointed', async () => {
      const c = await fileCase();
      const m = (await open(c.id)).json() as Json;
      const r = await call('POST', `/api/v1/mediation/mediations/${m.id}/mediators`, mediatorCookie, { mediatorId: mediators.binh });
      assert.equal(r.statusCode, 409);
      assert.equal((r.json() as ErrorBody).error.code, 'mediation.mediator_not_eligible');
      const atOpen = await open((await fileCase()).id, { mediatorIds: [mediators.binh] });
      assert.equal((atOpen.json() as ErrorBody).error.code, 'mediation.mediator_not_eligible');
      const ok = await call('POST', `/api/v1/mediation/mediations/${m.id}/mediators`, mediatorCookie, { mediatorId: mediators.hoa });
      assert.equal(ok.statusCode, 200, ok.body);
      const twice = await call('POST', `/api/v1/mediation/mediations/${m.id}/mediators`, mediatorCookie, { mediatorId: mediators.hoa });
      assert.equal((twice.json() as ErrorBody).error.code, 'mediation.mediator_already_appointed');
    });
  });

  describe('the ethnic-minority rule (Art. 64(3))', () => {
    test('scheduling is blocked until an interpreter of the party’s language is recorded', async () => {
      const c = await fileCase({ consumer: { vulnerable: ['ethnic_minority'], preferredLanguage: 'Tày' } });
      const m = (await open(c.id, { mediatorIds: [mediators.hoa], businessEmail: 'cskh@saoviet.example.vn' })).json() as Json & {
        languageRule: { applies: boolean; satisfied: boolean; partyLanguage: string };
      };
      assert.deepEqual([m.languageRule.applies, m.languageRule.satisfied, m.languageRule.partyLanguage], [true, false, 'Tày']);
      const session = { startsAt: '2026-12-03T09:00:00+07:00', mode: 'in_person', place: 'Trụ sở Hội, số 5 đường Tân Trào' };
      const blocked = await call('POST', `/api/v1/mediation/mediations/${m.id}/sessions`, mediatorCookie, session);
      assert.equal(blocked.statusCode, 409);
      const e = (blocked.json() as ErrorBody).error;
      assert.equal(e.code, 'mediation.interpreter_required');
      assert.match(e.message, /dân tộc thiểu số.*tiếng Tày.*người phiên dịch.*Điều 64 khoản 3/);

      const wrong = await call('POST', `/api/v1/mediation/mediations/${m.id}/interpreters`, mediatorCookie, {
        fullName: 'Bàn Văn Quý',
        language: 'Dao',
      });
      assert.equal(wrong.statusCode, 200);
      assert.equal((await call('POST', `/api/v1/mediation/mediations/${m.id}/sessions`, mediatorCookie, session)).statusCode, 409);
      const interp = await call('POST', `/api/v1/mediation/mediations/${m.id}/interpreters`, mediatorCookie, {
        fullName: 'Hà Thị Mai',
        language: 'Tày',
      });
      assert.equal((interp.json() as { languageRule: { by: string } }).languageRule.by, 'interpreter');
      const scheduled = await call('POST', `/api/v1/mediation/mediations/${m.id}/sessions`, mediatorCookie, session);
      assert.equal(scheduled.statusCode, 201, scheduled.body);
      const v = scheduled.json() as { sessions: { startsAt: string; place: string }[] };
      assert.equal(v.sessions[0]?.startsAt, '2026-12-03T02:00:00.000Z');

      const reminders = await jobs('mediation.session_reminder');
      const reminder = reminders.at(-1)!;
      assert.equal(reminder.run_at.toISOString(), '2026-12-02T02:00:00.000Z', 'a day before');
      const invitations = (await jobs('mail.send'))
        .map((j) => j.payload as { to: string; subject: string; text: string })
        .filter((x) => x.subject.includes(c.code) && x.subject.includes('Lịch'));
      assert.deepEqual(invitations.map((x) => x.to).sort(), ['cskh@saoviet.example.vn', mediatorEmail, 'nhung@example.test'].sort());
      assert.match(invitations[0]!.text, /03\/12\/2026 09:00/);

      // The reminder job sends to the same people, once the day comes.
      const before = (await jobs('mail.send')).length;
      t.setNow('2026-12-02T02:00:00Z');
      await sendSessionReminder(t.sysCtx(), reminder.payload as never, {
        id: 'x',
        kind: 'mediation.session_reminder',
        attempts: 1,
        maxAttempts: 5,
      });
      assert.equal((await jobs('mail.send')).length, before + 3);
      t.setNow('2026-11-26T03:00:00Z');
    });

    test('an ethnic-minority mediator satisfies the rule without an interpreter', async () => {
      const c = await fileCase({ consumer: { vulnerable: ['ethnic_minority'] } });
      const m = (await open(c.id, { mediatorIds: [mediators.sinh] })).json() as Json & { languageRule: { satisfied: boolean; by: string } };
      assert.deepEqual([m.languageRule.satisfied, m.languageRule.by], [true, 'ethnic_minority_mediator']);
      const r = await call('POST', `/api/v1/mediation/mediations/${m.id}/sessions`, officer, {
        startsAt: '2026-12-04T14:00:00+07:00',
        mode: 'online',
        link: 'https://hop.example.vn/hoa-giai-1',
      });
      assert.equal(r.statusCode, 201, r.body);
    });
  });

  describe('outcomes and performance', () => {
    let mid: string;
    let code: string;
    let requestId: string;
    before(async () => {
      const c = await fileCase();
      code = c.code;
      requestId = c.id;
      mid = ((await open(c.id, { mediatorIds: [mediators.hoa], businessEmail: 'cskh@saoviet.example.vn' })).json() as Json).id;
    });

    const success = {
      result: 'success',
      heldAt: '2026-11-26T09:00:00+07:00',
      place: 'Trụ sở Hội, số 5 đường Tân Trào',
      consumerAddress: 'Thôn Nà Héc, xã Yên Sơn',
      businessRepresentative: 'Trần Văn Nam, trưởng phòng chăm sóc khách hàng',
      disputeContent: 'Máy giặt hỏng sau một tuần, doanh nghiệp từ chối bảo hành.',
      consumerOpinion: 'Đề nghị đổi máy mới.',
      businessOpinion: 'Đồng ý đổi máy mới cùng loại.',
      solution: 'Doanh nghiệp đổi máy giặt mới cùng loại và chịu chi phí vận chuyển.',
      performBy: '2026-12-13',
      otherTerms: 'Không có',
      partiesSigned: true,
      mediatorSigned: true,
    };

    test('the successful record needs every Art. 65(2) element and the signatures', async () => {
      const { performBy: _p, ...noDeadline } = success;
      const r = await call('POST', `/api/v1/mediation/mediations/${mid}/outcome`, mediatorCookie, noDeadline);
      assert.equal(r.statusCode, 400);
      assert.ok((r.json() as ErrorBody).error.details?.some((d) => d.path?.includes('performBy')));
      const unsigned = await call('POST', `/api/v1/mediation/mediations/${mid}/outcome`, mediatorCookie, {
        ...success,
        partiesSigned: false,
      });
      assert.equal(unsigned.statusCode, 400);
      const early = await call('POST', `/api/v1/mediation/mediations/${mid}/outcome`, mediatorCookie, {
        ...success,
        performBy: '2026-11-20',
      });
      assert.equal((early.json() as ErrorBody).error.code, 'mediation.perform_by_before_held');
      const future = await call('POST', `/api/v1/mediation/mediations/${mid}/outcome`, mediatorCookie, {
        ...success,
        heldAt: '2026-11-27T09:00:00+07:00',
      });
      assert.equal((future.json() as ErrorBody).error.code, 'mediation.held_in_future');
    });

    test('success records the deadline (moved past a Sunday, Civil Code Art. 148(5)) and resolves the case', async () => {
      const r = await call('POST', `/api/v1/mediation/mediations/${mid}/outcome`, mediatorCookie, success);
      assert.equal(r.statusCode, 200, r.body);
      const v = r.json() as {
        status: string;
        outcome: { record: Record<string, unknown> };
        performance: { performBy: string; dueAt: string; state: string; explanation: string; overdue: boolean };
        can: { recordOutcome: boolean; recordPerformance: boolean };
      };
      assert.equal(v.status, 'succeeded');
      for (const k of [
        'organisation',
        'mediators',
        'parties',
        'heldAt',
        'place',
        'disputeContent',
        'consumerOpinion',
        'businessOpinion',
        'solution',
        'performBy',
        'otherTerms',
        'signatures',
      ])
        assert.ok(k in v.outcome.record, `Art. 65(2) element ${k}`);
      assert.deepEqual(v.outcome.record.mediators, ['Hoàng Văn Hòa']);
      assert.equal(v.performance.performBy, '2026-12-13');
      assert.equal(v.performance.dueAt, '2026-12-14T17:00:00.000Z', 'Sunday 13/12 → end of Monday 14/12');
      assert.match(v.performance.explanation, /Điều 148 khoản 5/);
      assert.deepEqual(
        [v.performance.state, v.performance.overdue, v.can.recordOutcome, v.can.recordPerformance],
        ['pending', false, false, true],
      );
      const again = await call('POST', `/api/v1/mediation/mediations/${mid}/outcome`, mediatorCookie, success);
      assert.equal((again.json() as ErrorBody).error.code, 'mediation.not_open');
      const req = await t.database.db.selectFrom('request').select('status').where('id', '=', requestId).executeTakeFirstOrThrow();
      assert.equal(req.status, 'resolved');
      const clock = await t.database.db
        .selectFrom('clock')
        .select(['state', sql<string>`to_char(due_date, 'YYYY-MM-DD')`.as('due_date')])
        .where('entity_id', '=', requestId)
        .where('rule', '=', 'mediation.perform')
        .executeTakeFirstOrThrow();
      assert.equal(clock.state, 'running');
      assert.equal(clock.due_date, '2026-12-14', 'the agreed Sunday rolls to Monday (Civil Code Art. 148(5))');
      const consumerMail = (await jobs('mail.send'))
        .map((j) => j.payload as { to: string; text: string })
        .filter((x) => x.to === 'nhung@example.test' && x.text.includes('13/12/2026'));
      assert.ok(consumerMail.length >= 1, 'the consumer is told the deadline');
    });

    test('the sweep flags an unperformed agreement once after the deadline; a late performance stays late', async () => {
      t.setNow('2026-12-14T16:59:00Z');
      assert.equal(await sweepOverduePerformance(t.sysCtx()), 0);
      t.setNow('2026-12-14T17:00:00Z');
      await relogin();
      const mailsBefore = (await jobs('mail.send')).length;
      assert.equal(await sweepOverduePerformance(t.sysCtx()), 1);
      assert.equal(await sweepOverduePerformance(t.sysCtx()), 0);
      const alerts = (await jobs('mail.send')).slice(mailsBefore).map((j) => j.payload as { subject: string });
      assert.ok(alerts.length >= 1 && alerts.every((a) => a.subject.includes(code)));
      const list = (await call('GET', `/api/v1/mediation/mediations?requestId=${requestId}`, officer)).json() as {
        data: { overdue: boolean }[];
      };
      assert.equal(list.data[0]?.overdue, true);
      const done = await call('POST', `/api/v1/mediation/mediations/${mid}/performance`, mediatorCookie, {
        performed: true,
        note: 'Đã đổi máy.',
      });
      assert.equal(done.statusCode, 200, done.body);
      const p = (done.json() as { performance: { state: string; late: boolean; overdue: boolean } }).performance;
      assert.deepEqual([p.state, p.late, p.overdue], ['performed', true, false]);
      const met = await t.database.db
        .selectFrom('clock')
        .select(['state'])
        .where('entity_id', '=', requestId)
        .where('rule', '=', 'mediation.perform')
        .executeTakeFirstOrThrow();
      assert.equal(met.state, 'met');
      const twice = await call('POST', `/api/v1/mediation/mediations/${mid}/performance`, mediatorCookie, { performed: false });
      assert.equal((twice.json() as ErrorBody).error.code, 'mediation.performance_recorded');
      t.setNow('2026-11-26T03:00:00Z');
      await relogin();
    });

    test('an unsuccessful mediation lists the consumer’s remaining options', async () => {
      const c = await fileCase();
      const m = (await open(c.id, { mediatorIds: [mediators.hoa] })).json() as Json;
      const r = await call('POST', `/api/v1/mediation/mediations/${m.id}/outcome`, officer, {
        result: 'unsuccessful',
        heldAt: '2026-11-26T08:30:00+07:00',
        place: 'Phòng họp trực tuyến của Hội',
        form: 'online',
        consumerOpinion: 'Đề nghị đổi máy mới.',
        businessOpinion: 'Chỉ đồng ý sửa máy.',
        reason: 'Doanh nghiệp không chấp nhận đổi máy.',
      });
      assert.equal(r.statusCode, 200, r.body);
      const v = r.json() as {
        status: string;
        outcome: { options: { code: string; legalBasis: string; text: string }[] };
        can: { recordPerformance: boolean };
      };
      assert.equal(v.status, 'failed');
      assert.deepEqual(
        v.outcome.options.map((o) => o.code),
        ['arbitration', 'court', 'simplified_procedure', 'no_court_fee_advance', 'social_organisation_suit'],
      );
      assert.match(v.outcome.options.find((o) => o.code === 'simplified_procedure')!.text, /6\.990\.000 đ, dưới 100\.000\.000 đ/);
      assert.match(v.outcome.options.find((o) => o.code === 'no_court_fee_advance')!.legalBasis, /Điều 71 khoản 2/);
      const perf = await call('POST', `/api/v1/mediation/mediations/${m.id}/performance`, officer, { performed: true });
      assert.equal((perf.json() as ErrorBody).error.code, 'mediation.not_succeeded');
      const req = await t.database.db.selectFrom('request').select('status').where('id', '=', c.id).executeTakeFirstOrThrow();
      assert.equal(req.status, 'in_progress');
    });
  });

  describe('scope', () => {
    test('the organisation’s staff and the officers of the case see a mediation; others get 404', async () => {
      const c = await fileCase();
      const m = (await open(c.id)).json() as Json;
      for (const [who, cookie, status] of [
        ['officer of the case', officer, 200],
        ['mediator of the organisation', mediatorCookie, 200],
        ['officer of another agency', health, 404],
        ['mediator of no organisation', loneMediator, 404],
      ] as const) {
        const r = await call('GET', `/api/v1/mediation/mediations/${m.id}`, cookie);
        assert.equal(r.statusCode, status, who);
      }
      const healthList = (await call('GET', '/api/v1/mediation/mediations', health)).json() as { data: unknown[]; page: { total: number } };
      assert.equal(healthList.page.total, 0);
      const lone = await call('POST', `/api/v1/mediation/mediations/${m.id}/interpreters`, loneMediator, {
        fullName: 'Hà Thị Mai',
        language: 'Tày',
      });
      assert.equal(lone.statusCode, 404);
      const mine = (await call('GET', '/api/v1/mediation/mediations?status=open', mediatorCookie)).json() as { page: { total: number } };
      assert.ok(mine.page.total >= 1);
    });
  });
});
