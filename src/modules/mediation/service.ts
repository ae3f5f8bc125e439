/**
 * Mediations of consumer requests (Law 19/2023 Arts. 54(2), 61–64): opening with both parties'
 * consent, appointing listed and eligible mediators, interpreters and the ethnic-minority rule,
 * sessions with reminders, and reading. Outcomes and performance: outcome.ts. Every use case
 * checks its permission first, then the mediation's scope (policy.ts), and commits its change,
 * audit row (no personal data) and outbox messages in one transaction.
 */
import { recordAudit, recordPersonalDataAccess } from '../../platform/audit.js';
import { can, requirePermission } from '../../platform/auth/permissions.js';
import { localDateOf } from '../../platform/clocks/index.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { enterMediation } from './case-status.js';
import { mediationErrors as E } from './errors.js';
import { announceSession, sendMail } from './notify.js';
import { caseScope, listScopeOf, mayAccessMediation, type Reach } from './policy.js';
import { assertAppointable, reachOf } from './register.js';
import {
  appointedOf,
  findCase,
  findCaseByCode,
  findMediation,
  findOrg,
  insertAppointment,
  insertInterpreter,
  insertMediation,
  insertSession,
  interpretersOf,
  listMediations as listRows,
  openMediationOf,
  sessionsOf,
  type CaseRow,
  type MediationRow,
  type OrgRow,
} from './repo.js';
import { languageRule, partyLanguageOf } from './rules.js';
import type {
  InterpreterInput,
  LanguageRuleView,
  MediationListQuery,
  MediationView,
  OpenInput,
  OptionView,
  SessionInput,
} from './schema.js';
import { organisationTypeLabels, statusLabels } from './texts.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const ENTITY = 'mediation';

type Appointed = Awaited<ReturnType<typeof appointedOf>>;

export interface Loaded {
  m: MediationRow;
  c: CaseRow;
  org: OrgRow;
  appointed: Appointed;
  reach: Reach;
}

const actorId = (ctx: Ctx) => (ctx.actor.type === 'user' ? ctx.actor.userId : null);

/** Loads a mediation the actor may see; anything else is "not found" (no existence leak). */
export async function loadAccessible(ctx: Ctx, id: string, o: { lock?: boolean } = {}): Promise<Loaded> {
  if (!UUID.test(id)) throw E.notFound();
  const m = await findMediation(ctx.db, id, o);
  if (!m) throw E.notFound();
  const [c, org, appointed, reach] = await Promise.all([
    findCase(ctx.db, m.request_id),
    findOrg(ctx.db, m.org_id),
    appointedOf(ctx.db, m.id),
    reachOf(ctx),
  ]);
  if (!c || !org) throw E.notFound();
  const userIds = appointed.map((a) => a.user_id).filter((u): u is string => !!u);
  if (!mayAccessMediation(reach, m, c, userIds)) throw E.notFound();
  return { m, c, org, appointed, reach };
}

/** Loads for a change: `mediation.manage`, in scope, row-locked, still open. */
async function loadOpenForChange(tx: Ctx, id: string): Promise<Loaded> {
  const l = await loadAccessible(tx, id, { lock: true });
  if (l.m.status !== 'open') throw E.notOpen();
  return l;
}

export function ethnicMinorityConsumer(c: Pick<CaseRow, 'vulnerable'>): boolean {
  return c.vulnerable.includes('ethnic_minority');
}

export async function languageRuleOf(ctx: Ctx, l: Pick<Loaded, 'm' | 'c' | 'appointed'>): Promise<LanguageRuleView> {
  const interpreters = await interpretersOf(ctx.db, l.m.id);
  return languageRule({
    consumerEthnicMinority: ethnicMinorityConsumer(l.c),
    businessEthnicMinority: l.m.business_ethnic_minority,
    partyLanguage: l.m.party_language,
    mediators: l.appointed.map((a) => ({ ethnicMinority: a.ethnic_minority, languages: a.languages })),
    interpreters,
  });
}

// ── reading ─────────────────────────────────────────────────────────────────

export async function viewOf(ctx: Ctx, l: Loaded): Promise<MediationView> {
  const { m, c, org, appointed } = l;
  const [interpreters, sessions, rule] = await Promise.all([
    interpretersOf(ctx.db, m.id),
    sessionsOf(ctx.db, m.id),
    languageRuleOf(ctx, l),
  ]);
  const manage = can(ctx.actor, 'mediation.manage');
  const open = m.status === 'open';
  const record = (m.record ?? null) as (Record<string, unknown> & { options?: OptionView[]; performDueExplanation?: string }) | null;
  const now = ctx.now().getTime();
  return {
    id: m.id,
    request: { id: c.id, code: c.code, status: c.status },
    organisation: { id: org.id, name: org.name, type: org.type, typeLabel: organisationTypeLabels[org.type] },
    status: m.status,
    statusLabel: statusLabels[m.status],
    parties: {
      consumer: { name: c.consumer_name, email: c.consumer_email, ethnicMinority: ethnicMinorityConsumer(c) },
      business: {
        name: c.business_name,
        taxCode: c.business_tax_code,
        email: m.business_email,
        ethnicMinority: m.business_ethnic_minority,
      },
    },
    consents: {
      consumer: { on: m.consumer_consent_on, ref: m.consumer_consent_ref },
      business: { on: m.business_consent_on, ref: m.business_consent_ref },
    },
    openedAt: m.opened_at.toISOString(),
    mediators: appointed.map((a) => ({
      id: a.id,
      fullName: a.full_name,
      ethnicMinority: a.ethnic_minority,
      languages: a.languages,
      appointedAt: a.appointed_at.toISOString(),
    })),
    interpreters: interpreters.map((i) => ({
      id: i.id,
      fullName: i.full_name,
      language: i.language,
      recordedAt: i.recorded_at.toISOString(),
    })),
    sessions: sessions.map((s) => ({
      id: s.id,
      startsAt: s.starts_at.toISOString(),
      mode: s.mode,
      place: s.place,
      link: s.link,
      note: s.note,
    })),
    languageRule: rule,
    outcome:
      record && m.outcome_at
        ? {
            result: m.status === 'succeeded' ? 'success' : 'unsuccessful',
            recordedAt: m.outcome_at.toISOString(),
            record,
            options: record.options ?? [],
          }
        : null,
    performance:
      m.status === 'succeeded' && m.perform_by && m.perform_due_at && m.performance
        ? {
            performBy: m.perform_by,
            dueAt: m.perform_due_at.toISOString(),
            explanation: record?.performDueExplanation ?? '',
            state: m.performance,
            overdue: m.performance === 'pending' && (m.overdue_at !== null || now >= m.perform_due_at.getTime()),
            late: m.performance_at !== null && m.performance === 'performed' && m.performance_at.getTime() >= m.perform_due_at.getTime(),
            note: m.performance_note,
            recordedAt: m.performance_at?.toISOString() ?? null,
          }
        : null,
    can: {
      appoint: manage && open,
      recordInterpreter: manage && open,
      schedule: manage && open,
      recordOutcome: manage && open,
      recordPerformance: manage && m.status === 'succeeded' && m.performance === 'pending',
      downloadRecord: m.status !== 'open',
    },
  };
}

/** One mediation with the parties' names and e-mails (audited as a personal-data read). */
export async function getMediation(ctx: Ctx, id: string): Promise<MediationView> {
  requirePermission(ctx, 'mediation.read');
  const l = await loadAccessible(ctx, id);
  await recordPersonalDataAccess(ctx, ENTITY, l.m.id, ['parties']);
  return viewOf(ctx, l);
}

/** The mediations the actor may see, open ones first. */
export async function listMediations(ctx: Ctx, q: MediationListQuery) {
  requirePermission(ctx, 'mediation.read');
  const reach = await reachOf(ctx);
  const { rows, total } = await listRows(ctx.db, {
    scope: listScopeOf(reach),
    ...(q.requestId ? { requestId: q.requestId } : {}),
    ...(q.status ? { status: q.status } : {}),
    page: q.page,
    pageSize: q.pageSize,
    now: ctx.now(),
  });
  const data = [];
  for (const r of rows) {
    let blocking = false;
    if (r.status === 'open' && (r.vulnerable.includes('ethnic_minority') || r.business_ethnic_minority)) {
      const [appointed, interpreters] = await Promise.all([appointedOf(ctx.db, r.id), interpretersOf(ctx.db, r.id)]);
      blocking = !languageRule({
        consumerEthnicMinority: r.vulnerable.includes('ethnic_minority'),
        businessEthnicMinority: r.business_ethnic_minority,
        partyLanguage: r.party_language,
        mediators: appointed.map((a) => ({ ethnicMinority: a.ethnic_minority, languages: a.languages })),
        interpreters,
      }).satisfied;
    }
    data.push({
      id: r.id,
      requestId: r.request_id,
      requestCode: r.code,
      organisationName: r.org_name,
      status: r.status,
      statusLabel: statusLabels[r.status],
      openedAt: r.opened_at.toISOString(),
      nextSessionAt: r.next_session_at ? new Date(r.next_session_at).toISOString() : null,
      languageRuleBlocking: blocking,
      performBy: r.perform_by,
      performance: r.performance,
      overdue: r.performance === 'pending' && r.overdue_at !== null,
    });
  }
  return { data, page: { page: q.page, pageSize: q.pageSize, total } };
}

// ── opening ─────────────────────────────────────────────────────────────────

/**
 * Opens a mediation for a case, with both parties' agreement recorded (Law 19/2023 Arts. 61–62:
 * mediation is voluntary). Refused for cases that may not be mediated (Art. 54(2): the
 * enforcement flag). The case enters mediation through the requests lifecycle (case-status.ts).
 * Optional mediators are appointed at once under the same checks as `appointMediator`.
 */
export async function openMediation(ctx: Ctx, input: OpenInput): Promise<MediationView> {
  requirePermission(ctx, 'mediation.manage');
  requirePermission(ctx, 'requests.handle');
  return inTransaction(ctx, async (tx) => {
    const c = input.requestId ? await findCase(tx.db, input.requestId) : await findCaseByCode(tx.db, input.requestCode ?? '');
    if (!c || !caseScope(tx.actor, c)) throw E.caseNotFound();
    if (c.enforcement_flag) throw E.notMediable();
    if (c.status === 'refused' || c.status === 'closed') throw E.caseClosed();
    if (!UUID.test(input.organisationId)) throw E.organisationNotFound();
    const org = await findOrg(tx.db, input.organisationId);
    if (!org) throw E.organisationNotFound();
    if (!org.active) throw E.organisationInactive();
    const today = localDateOf(tx.now());
    if (input.consents.consumer.on > today) throw E.dateInFuture('consents.consumer.on');
    if (input.consents.business.on > today) throw E.dateInFuture('consents.business.on');
    if (await openMediationOf(tx.db, c.id)) throw E.alreadyOpen();
    await enterMediation(tx, c, `Các bên đồng ý hòa giải tại ${org.name}.`);
    const now = tx.now();
    const m = await insertMediation(tx.db, {
      request_id: c.id,
      org_id: org.id,
      consumer_consent_on: input.consents.consumer.on,
      consumer_consent_ref: input.consents.consumer.ref ?? null,
      business_consent_on: input.consents.business.on,
      business_consent_ref: input.consents.business.ref ?? null,
      business_email: input.businessEmail?.toLowerCase() ?? null,
      business_ethnic_minority: input.businessEthnicMinority,
      party_language: partyLanguageOf(input.partyLanguage ?? null, c.language),
      opened_by: actorId(tx),
      opened_at: now,
      created_at: now,
      updated_at: now,
    });
    for (const mediatorId of new Set(input.mediatorIds)) {
      await assertAppointable(tx, mediatorId, org.id);
      await insertAppointment(tx.db, { mediation_id: m.id, mediator_id: mediatorId, appointed_at: now, appointed_by: actorId(tx) });
    }
    await recordAudit(tx, {
      action: 'mediation.open',
      entityType: ENTITY,
      entityId: m.id,
      summary: { requestCode: c.code, organisationId: org.id, mediators: input.mediatorIds.length },
    });
    await sendMail(
      tx,
      [c.consumer_email, input.businessEmail],
      `[BVNTD] Hồ sơ ${c.code}: mở hòa giải`,
      [
        `Các bên đã đồng ý giải quyết tranh chấp trong hồ sơ ${c.code} bằng hòa giải tại ${org.name}.`,
        'Tổ chức hòa giải sẽ thông báo lịch hòa giải. Hòa giải trên cơ sở tự nguyện, bình đẳng và bảo mật (Điều 62 Luật Bảo vệ quyền lợi người tiêu dùng).',
      ].join('\n'),
    );
    return viewOf(tx, await loadAccessible(tx, m.id));
  });
}

// ── mediators, interpreters, sessions ───────────────────────────────────────

/** Appoints a mediator of the mediation's organisation who is eligible (Art. 64(2)) and listed (Art. 63(2)). */
export async function appointMediator(ctx: Ctx, id: string, input: { mediatorId: string }): Promise<MediationView> {
  requirePermission(ctx, 'mediation.manage');
  return inTransaction(ctx, async (tx) => {
    const l = await loadOpenForChange(tx, id);
    await assertAppointable(tx, input.mediatorId, l.m.org_id);
    const done = await insertAppointment(tx.db, {
      mediation_id: l.m.id,
      mediator_id: input.mediatorId,
      appointed_at: tx.now(),
      appointed_by: actorId(tx),
    });
    if (!done) throw E.alreadyAppointed();
    await recordAudit(tx, { action: 'mediation.appoint', entityType: ENTITY, entityId: l.m.id, summary: { mediatorId: input.mediatorId } });
    return viewOf(tx, await loadAccessible(tx, l.m.id));
  });
}

/** Records an interpreter arranged for an ethnic-minority party (Art. 64(3)). */
export async function recordInterpreter(ctx: Ctx, id: string, input: InterpreterInput): Promise<MediationView> {
  requirePermission(ctx, 'mediation.manage');
  return inTransaction(ctx, async (tx) => {
    const l = await loadOpenForChange(tx, id);
    const i = await insertInterpreter(tx.db, {
      mediation_id: l.m.id,
      full_name: input.fullName,
      language: input.language,
      recorded_by: actorId(tx),
      recorded_at: tx.now(),
    });
    await recordAudit(tx, { action: 'mediation.interpreter', entityType: ENTITY, entityId: l.m.id, summary: { interpreterId: i.id } });
    return viewOf(tx, l);
  });
}

/**
 * Schedules a session in person (a place) or online (a link) (Art. 54(3)), with an invitation now
 * and a reminder a day before to the parties and the mediators. Needs an appointed mediator, and,
 * when a party is an ethnic-minority person, the Art. 64(3) condition met (LAW.md §18 rule 14).
 */
export async function scheduleSession(ctx: Ctx, id: string, input: SessionInput): Promise<MediationView> {
  requirePermission(ctx, 'mediation.manage');
  return inTransaction(ctx, async (tx) => {
    const l = await loadOpenForChange(tx, id);
    if (l.appointed.length === 0) throw E.mediatorRequired();
    const rule = await languageRuleOf(tx, l);
    if (!rule.satisfied) throw E.interpreterRequired(rule.partyLanguage);
    const startsAt = new Date(input.startsAt);
    if (startsAt.getTime() <= tx.now().getTime()) throw E.sessionInPast();
    const s = await insertSession(tx.db, {
      mediation_id: l.m.id,
      starts_at: startsAt,
      mode: input.mode,
      place: input.mode === 'in_person' ? (input.place ?? null) : null,
      link: input.mode === 'online' ? (input.link ?? null) : null,
      note: input.note ?? null,
      created_by: actorId(tx),
      created_at: tx.now(),
    });
    await announceSession(tx, l.m, s, l.c.code, l.org.name);
    await recordAudit(tx, {
      action: 'mediation.session_schedule',
      entityType: ENTITY,
      entityId: l.m.id,
      summary: { sessionId: s.id, startsAt: s.starts_at, mode: s.mode, languageRule: rule.by },
    });
    return viewOf(tx, l);
  });
}
