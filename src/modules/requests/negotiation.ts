/**
 * Negotiation support (issue 5; Law 19/2023 Arts. 31, 56–60): the agency forwards a case to the
 * business (identified by tax code); the business acknowledges (3 working days, Art. 31(2)),
 * negotiates or refuses in writing (7, Art. 57(5)–(6)) and reports the result (5, Art. 57(5));
 * the consumer accepts or rejects the answer, rates it, confirms the remedy, or reopens the case.
 * A missed business deadline becomes one potential-violation record (Decree 98/2020 Art. 61).
 */
import { sql } from 'kysely';
import { recordAudit, recordPersonalDataAccess } from '../../platform/audit.js';
import { requirePermission } from '../../platform/auth/permissions.js';
import { getCalendar } from '../../platform/calendar/load.js';
import { findActiveClockId, readEntityClocks, startClock, stopClock } from '../../platform/clocks/index.js';
import { inTransaction, type Ctx, type UserActor } from '../../platform/context.js';
import { AppError, forbidden, invalid } from '../../platform/errors.js';
import { formatDate, formatVnd } from '../../platform/i18n.js';
import { enqueue } from '../../platform/outbox.js';
import type { Sweep } from '../../platform/worker.js';
import { todayInVietnam } from '../directory/index.js';
import { assertTransition, statusLabel } from './lifecycle.js';
import { findRequest, insertEvent, lockRequest, type RequestRow } from './repo.js';
import type { BusinessResponseInput, FeedbackInput, ForwardInput, RequestStatus } from './schema.js';
import { ENTITY, actorOf, caseNotFound, meetIfRunning, syncDue, toConsumer } from './case-support.js';
import { inCaseScope, scopeWhere } from './access.js';
import { getRequest } from './case-view.js';
import { requestBySecret } from './tracking.js';
import { findNegotiation, negotiationView, outcomeLabels, type NegotiationRow } from './negotiation-view.js';

/** Decree 98/2020 Art. 61 (as amended by Decree 24/2025): 20–40 million đồng for an individual; organisations pay double (Art. 4(4)). */
const FINE = { min: 20_000_000, max: 40_000_000 };
const VIOLATION_BASIS: Record<string, string> = {
  'business.acknowledge':
    'Nghị định 98/2020/NĐ-CP Điều 61 khoản 2 (không thông báo tiếp nhận khiếu nại trong 3 ngày làm việc, Luật BVQLNTD Điều 31(2))',
  'business.negotiate': 'Nghị định 98/2020/NĐ-CP Điều 61 (không thương lượng trong 7 ngày làm việc, Luật BVQLNTD Điều 57(5))',
  'business.report_result':
    'Nghị định 98/2020/NĐ-CP Điều 61 (không thông báo kết quả thương lượng trong 5 ngày làm việc, Luật BVQLNTD Điều 57(5))',
  'business.reopen_answer': 'Nghị định 98/2020/NĐ-CP Điều 61 (không giải quyết khiếu nại)',
};
const BUSINESS_RULES = ['business.acknowledge', 'business.negotiate', 'business.report_result', 'business.reopen_answer'] as const;

const E = {
  notFound: caseNotFound,
  notNegotiable: () =>
    new AppError(
      'invalid_state',
      'request.not_negotiable',
      'Vụ việc có dấu hiệu vi phạm điều cấm, gây thiệt hại cho nhiều người tiêu dùng hoặc lợi ích công cộng: không giải quyết bằng thương lượng, hòa giải (Điều 54 khoản 2); đề nghị chuyển cơ quan có thẩm quyền xử lý.',
    ),
  noNegotiation: () => new AppError('invalid_state', 'negotiation.not_forwarded', 'Hồ sơ chưa được chuyển cho doanh nghiệp.'),
};

const startFor = (
  tx: Ctx,
  r: RequestRow,
  rule: 'business.acknowledge' | 'business.negotiate' | 'business.report_result' | 'business.reopen_answer',
) => startClock(tx, { entityType: ENTITY, entityId: r.id, entityLabel: r.code, rule, startedAt: tx.now(), provinceCode: r.province_code });

async function stopIfRunning(tx: Ctx, id: string, rule: string, reason: string): Promise<void> {
  const clockId = await findActiveClockId(tx, ENTITY, id, rule as never);
  if (clockId) await stopClock(tx, clockId, { reason });
}

async function setStatus(tx: Ctx, r: RequestRow, to: RequestStatus): Promise<void> {
  assertTransition(r.status as RequestStatus, to);
  await tx.db.updateTable('request').set({ status: to, updated_at: tx.now() }).where('id', '=', r.id).execute();
}

/** Business users of a tax code, plus the contact e-mail given when forwarding. */
async function mailBusiness(tx: Ctx, n: Pick<NegotiationRow, 'business_tax_code' | 'business_email'>, subject: string, text: string) {
  const users = await tx.db
    .selectFrom('app_user')
    .select('email')
    .where('business_tax_code', '=', n.business_tax_code)
    .where('kind', '=', 'business')
    .where('active', '=', true)
    .where('email', 'is not', null)
    .execute();
  const to = new Set([...users.map((u) => u.email!), ...(n.business_email ? [n.business_email] : [])]);
  for (const email of to) await enqueue(tx, 'mail.send', { to: email, subject, text });
}

/** One message to the agency about a case: the assigned officer, else the agency's e-mail, else its first manager. */
async function mailAgency(tx: Ctx, r: RequestRow, subject: string, text: string): Promise<void> {
  let to: string | null | undefined;
  if (r.assigned_to) to = (await tx.db.selectFrom('app_user').select('email').where('id', '=', r.assigned_to).executeTakeFirst())?.email;
  if (!to && r.agency_id) to = (await tx.db.selectFrom('agency').select('email').where('id', '=', r.agency_id).executeTakeFirst())?.email;
  if (!to && r.agency_id)
    to = (
      await tx.db
        .selectFrom('app_user')
        .select('email')
        .where('agency_id', '=', r.agency_id)
        .where('role', 'in', ['agency_manager', 'case_officer'])
        .where('active', '=', true)
        .where('email', 'is not', null)
        .orderBy('role')
        .orderBy('display_name')
        .executeTakeFirst()
    )?.email;
  const base = tx.deps.config.APP_BASE_URL.replace(/\/$/, '');
  if (to) await enqueue(tx, 'mail.send', { to, subject, text: `${text}\n${base}/requests/${r.id}` });
}

// ── agency: forward to the business ─────────────────────────────────────────

/**
 * Rule 15 (Art. 56(3), 57(2)): a warning, never a block, when fewer than 7 working days have
 * passed since the consumer first asked the business and it has not answered.
 */
export async function eligibilityWarning(ctx: Ctx, r: Pick<RequestRow, 'prior_contact' | 'province_code'>): Promise<string | null> {
  const prior = r.prior_contact as { date?: string; businessReply?: string } | null;
  if (!prior?.date) return 'Chưa rõ ngày người tiêu dùng đề nghị doanh nghiệp thương lượng (Điều 57 khoản 1–2).';
  if (prior.businessReply !== 'none') return null;
  const cal = await getCalendar(ctx, r.province_code);
  const due = cal.addWorkingDays(prior.date, 7).due;
  const today = todayInVietnam(ctx.now());
  return today <= due
    ? `Người tiêu dùng đề nghị doanh nghiệp ngày ${formatDate(prior.date)}; doanh nghiệp còn thời hạn thương lượng 7 ngày làm việc đến hết ngày ${formatDate(due)} (Điều 57 khoản 2).`
    : null;
}

export async function forwardToBusiness(ctx: Ctx, id: string, input: ForwardInput) {
  requirePermission(ctx, 'requests.handle');
  await inTransaction(ctx, async (tx) => {
    const r = await lockRequest(tx.db, id);
    if (!r || !inCaseScope(tx.actor, r)) throw E.notFound();
    if (r.enforcement_flag) throw E.notNegotiable();
    const taxCode = input.taxCode ?? r.business_tax_code;
    if (!taxCode)
      throw invalid('negotiation.tax_code_required', 'Cần mã số thuế của doanh nghiệp để chuyển hồ sơ và mở tài khoản trả lời.', [
        { path: 'body.taxCode', code: 'required', message: 'Nhập mã số thuế của doanh nghiệp' },
      ]);
    const existing = await findNegotiation(tx.db, r.id);
    if (existing) throw new AppError('invalid_state', 'negotiation.already_forwarded', 'Hồ sơ đã được chuyển cho doanh nghiệp.');
    await setStatus(tx, r, 'forwarded');
    const now = tx.now();
    const warning = await eligibilityWarning(tx, r);
    const business = r.business as { name: string; phone?: string };
    await tx.db
      .insertInto('negotiation')
      .values({
        request_id: r.id,
        business_tax_code: taxCode,
        business_name: business.name,
        business_email: input.businessEmail ?? null,
        forwarded_at: now,
        forwarded_by: actorOf(tx.actor).actorId,
        forward_note: input.note ?? null,
        eligibility_warning: warning,
        confidential: input.confidential ?? false,
      })
      .execute();
    if (input.taxCode && input.taxCode !== r.business_tax_code)
      await tx.db.updateTable('request').set({ business_tax_code: input.taxCode }).where('id', '=', r.id).execute();
    await meetIfRunning(tx, r.id, 'request.acknowledge');
    await meetIfRunning(tx, r.id, 'request.forward_to_business');
    await startFor(tx, r, 'business.acknowledge');
    await startFor(tx, r, 'business.negotiate');
    await insertEvent(tx.db, {
      requestId: r.id,
      at: now,
      type: 'forwarded_to_business',
      ...actorOf(tx.actor),
      public: true,
      data: { businessName: business.name, confidential: input.confidential ?? false },
    });
    await syncDue(tx, r.id);
    await recordAudit(tx, {
      action: 'request.forward_to_business',
      entityType: ENTITY,
      entityId: r.id,
      summary: { code: r.code, taxCode, confidential: input.confidential ?? false, eligibilityWarning: warning !== null },
    });
    const base = tx.deps.config.APP_BASE_URL.replace(/\/$/, '');
    await mailBusiness(
      tx,
      { business_tax_code: taxCode, business_email: input.businessEmail ?? null },
      `Yêu cầu thương lượng với người tiêu dùng: hồ sơ ${r.code}`,
      `Cơ quan bảo vệ quyền lợi người tiêu dùng chuyển yêu cầu của người tiêu dùng (Điều 57 khoản 4 Luật BVQLNTD 2023).\nDoanh nghiệp thông báo đã tiếp nhận trong 3 ngày làm việc (Điều 31 khoản 2) và thương lượng trong 7 ngày làm việc (Điều 57 khoản 5), hoặc trả lời từ chối bằng văn bản, nêu rõ lý do.\nTrả lời tại: ${base}/doanh-nghiep/ho-so/${r.id}`,
    );
    await toConsumer(
      tx,
      r,
      `Hồ sơ ${r.code} đã được chuyển cho doanh nghiệp`,
      `Hồ sơ đã được chuyển cho ${business.name} để thương lượng.`,
    );
  });
  return getRequest(ctx, id);
}

// ── business side ───────────────────────────────────────────────────────────

function requireBusiness(ctx: Ctx): UserActor & { businessTaxCode: string } {
  requirePermission(ctx, 'business.respond');
  const a = ctx.actor as UserActor;
  if (a.userKind !== 'business' || !a.businessTaxCode) throw forbidden();
  return a as UserActor & { businessTaxCode: string };
}

async function loadForBusiness(tx: Ctx, id: string, a: { businessTaxCode: string }, lock: boolean) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw E.notFound();
  const n = await findNegotiation(tx.db, id);
  if (!n || n.business_tax_code !== a.businessTaxCode) throw E.notFound();
  const r = lock ? await lockRequest(tx.db, id) : await findRequest(tx.db, id);
  if (!r) throw E.notFound();
  return { r, n };
}

/** The business's own forwarded cases (never another tax code's). */
export async function listBusinessRequests(ctx: Ctx, q: { page: number; pageSize: number; open?: boolean }) {
  const a = requireBusiness(ctx);
  let base = ctx.db
    .selectFrom('negotiation')
    .innerJoin('request', 'request.id', 'negotiation.request_id')
    .where('negotiation.business_tax_code', '=', a.businessTaxCode);
  if (q.open) base = base.where('request.status', 'not in', ['resolved', 'refused', 'closed']);
  const [rows, count] = await Promise.all([
    base
      .select([
        'request.id',
        'request.code',
        'request.status',
        'request.received_at',
        'request.next_due_at',
        'negotiation.forwarded_at',
        'negotiation.acknowledged_at',
        'negotiation.outcome',
        'request.product_or_service',
      ])
      .orderBy('negotiation.forwarded_at', 'desc')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    data: rows.map((r) => ({
      id: r.id,
      code: r.code,
      status: r.status,
      statusLabel: statusLabel(r.status as RequestStatus),
      receivedAt: r.received_at.toISOString(),
      forwardedAt: r.forwarded_at.toISOString(),
      acknowledgedAt: r.acknowledged_at?.toISOString() ?? null,
      outcome: r.outcome,
      productOrService: r.product_or_service,
      nextDueAt: r.next_due_at?.toISOString() ?? null,
    })),
    page: { page: q.page, pageSize: q.pageSize, total: Number(count.n) },
  };
}

/** One forwarded case for the business: what it needs to negotiate, with the consumer's contact (audited). */
export async function getBusinessRequest(ctx: Ctx, id: string) {
  const a = requireBusiness(ctx);
  const { r, n } = await loadForBusiness(ctx, id, a, false);
  await recordPersonalDataAccess(ctx, ENTITY, r.id, ['consumer.name', 'consumer.contact']);
  const consumer = r.consumer as { fullName: string; phone?: string; email?: string };
  const clocks = (await readEntityClocks(ctx, ENTITY, r.id)).filter((c) => c.rule.startsWith('business.'));
  return {
    id: r.id,
    code: r.code,
    status: r.status,
    statusLabel: statusLabel(r.status as RequestStatus),
    receivedAt: r.received_at.toISOString(),
    consumer: { fullName: consumer.fullName, phone: consumer.phone ?? null, email: consumer.email ?? null },
    transaction: (r.txn as Record<string, unknown> | null) ?? null,
    description: r.description,
    desiredOutcome: r.desired_outcome,
    negotiation: negotiationView(n),
    clocks: clocks.map((c) => ({
      rule: c.rule,
      label: c.label,
      startedAt: c.startedAt.toISOString(),
      dueAt: c.dueAt.toISOString(),
      dueDate: c.dueDate,
      state: c.state,
      legalBasis: c.legalBasis,
      explanation: c.explanation,
    })),
    can: {
      acknowledge: r.status === 'forwarded' || (r.status === 'business_acknowledged' && n.acknowledged_at === null),
      respond: ['forwarded', 'business_acknowledged', 'business_responded'].includes(r.status),
      report: n.responded_at !== null && n.result_reported_at === null && n.outcome !== 'incorrect_business',
    },
  };
}

/** The business acknowledges receipt (Art. 31(2)): the consumer is told. */
export async function businessAcknowledge(ctx: Ctx, id: string) {
  const a = requireBusiness(ctx);
  await inTransaction(ctx, async (tx) => {
    const { r, n } = await loadForBusiness(tx, id, a, true);
    if (n.acknowledged_at)
      throw new AppError('invalid_state', 'negotiation.already_acknowledged', 'Doanh nghiệp đã xác nhận tiếp nhận hồ sơ này.');
    if (r.status === 'forwarded') await setStatus(tx, r, 'business_acknowledged');
    const now = tx.now();
    await tx.db
      .updateTable('negotiation')
      .set({ acknowledged_at: now, acknowledged_by: a.userId, updated_at: now })
      .where('request_id', '=', r.id)
      .execute();
    await meetIfRunning(tx, r.id, 'business.acknowledge');
    await insertEvent(tx.db, {
      requestId: r.id,
      at: now,
      type: 'business_acknowledged',
      actorId: a.userId,
      actorLabel: n.business_name,
      public: true,
      data: {},
    });
    await syncDue(tx, r.id);
    await recordAudit(tx, { action: 'negotiation.acknowledge', entityType: ENTITY, entityId: r.id, summary: { code: r.code } });
    await toConsumer(tx, r, `Hồ sơ ${r.code}: doanh nghiệp đã tiếp nhận`, `${n.business_name} đã xác nhận tiếp nhận yêu cầu của quý vị.`);
  });
  return getBusinessRequest(ctx, id);
}

/**
 * The business answers with a structured outcome. "Not our case" returns the case to the agency
 * (CFPB's "incorrect company"); "in progress" keeps the negotiation clock running; any other
 * outcome ends the negotiation (the negotiate clock is met) and starts the 5 working days to report
 * the result (Art. 57(5)); the consumer is asked to accept or reject the answer.
 */
export async function businessRespond(ctx: Ctx, id: string, input: BusinessResponseInput) {
  const a = requireBusiness(ctx);
  await inTransaction(ctx, async (tx) => {
    const { r, n } = await loadForBusiness(tx, id, a, true);
    const from = r.status as RequestStatus;
    if (!['forwarded', 'business_acknowledged', 'business_responded'].includes(from))
      throw new AppError('invalid_state', 'request.invalid_transition', `Không thể trả lời khi hồ sơ ở trạng thái "${statusLabel(from)}".`);
    const now = tx.now();
    if (input.remedy?.dueDate && input.remedy.dueDate < todayInVietnam(now))
      throw invalid('negotiation.remedy_date_past', 'Hạn thực hiện biện pháp khắc phục không được trước hôm nay.');
    await tx.db
      .updateTable('negotiation')
      .set({
        outcome: input.outcome,
        explanation: input.explanation,
        remedy: input.remedy ? JSON.stringify(input.remedy) : null,
        remedy_due_date: input.remedy?.dueDate ?? null,
        public_response: input.publicResponse ?? null,
        responded_at: now,
        responded_by: a.userId,
        acknowledged_at: n.acknowledged_at ?? now,
        acknowledged_by: n.acknowledged_at ? undefined : a.userId,
        consumer_accepted: null,
        feedback_at: null,
        updated_at: now,
      })
      .where('request_id', '=', r.id)
      .execute();
    await meetIfRunning(tx, r.id, 'business.acknowledge');
    await meetIfRunning(tx, r.id, 'business.reopen_answer');
    const event = { requestId: r.id, at: now, actorId: a.userId, actorLabel: n.business_name };
    if (input.outcome === 'incorrect_business') {
      for (const rule of BUSINESS_RULES) await stopIfRunning(tx, r.id, rule, 'Doanh nghiệp trả lời không phải doanh nghiệp liên quan');
      await setStatus(tx, r, 'accepted');
      await tx.db
        .updateTable('request')
        .set({ bounce_count: r.bounce_count + 1 })
        .where('id', '=', r.id)
        .execute();
      await tx.db.deleteFrom('negotiation').where('request_id', '=', r.id).execute();
      await insertEvent(tx.db, { ...event, type: 'business_incorrect', public: true, data: { explanation: input.explanation } });
      await mailAgency(tx, r, `Hồ sơ ${r.code}: doanh nghiệp cho rằng không liên quan`, `Lý do: ${input.explanation}`);
    } else if (input.outcome === 'in_progress') {
      if (from === 'forwarded') await setStatus(tx, r, 'business_acknowledged');
      await insertEvent(tx.db, { ...event, type: 'business_progress', public: true, data: { explanation: input.explanation } });
    } else {
      await meetIfRunning(tx, r.id, 'business.negotiate');
      if (!(await findActiveClockId(tx, ENTITY, r.id, 'business.report_result'))) await startFor(tx, r, 'business.report_result');
      if (from !== 'business_responded') await setStatus(tx, r, 'business_responded');
      await insertEvent(tx.db, {
        ...event,
        type: 'business_responded',
        public: true,
        data: { outcome: input.outcome, explanation: input.explanation, remedy: input.remedy ?? null },
      });
      const remedy = input.remedy
        ? ` Biện pháp: ${input.remedy.description}${input.remedy.amountVnd !== undefined ? `, ${formatVnd(input.remedy.amountVnd)}` : ''}${input.remedy.dueDate ? `, trước ngày ${formatDate(input.remedy.dueDate)}` : ''}.`
        : '';
      await toConsumer(
        tx,
        r,
        `Hồ sơ ${r.code}: doanh nghiệp đã trả lời`,
        `${n.business_name}: ${outcomeLabels[input.outcome]}.${remedy} Quý vị vui lòng cho biết đồng ý hay không trên trang theo dõi hồ sơ.`,
      );
    }
    await syncDue(tx, r.id);
    await recordAudit(tx, {
      action: 'negotiation.respond',
      entityType: ENTITY,
      entityId: r.id,
      summary: {
        code: r.code,
        outcome: input.outcome,
        remedy: input.remedy ? { amountVnd: input.remedy.amountVnd ?? null, dueDate: input.remedy.dueDate ?? null } : null,
      },
    });
  });
  return getBusinessRequest(ctx, id).catch((e: unknown) => {
    // After "not our case" the business no longer sees the case.
    if (e instanceof AppError && e.kind === 'not_found') return { id, status: 'accepted', returnedToAgency: true };
    throw e;
  });
}

/** The business reports the result of the negotiation in writing (Art. 57(5)). */
export async function businessReport(ctx: Ctx, id: string, input: { summary: string }) {
  const a = requireBusiness(ctx);
  await inTransaction(ctx, async (tx) => {
    const { r, n } = await loadForBusiness(tx, id, a, true);
    if (!n.responded_at || n.outcome === 'in_progress')
      throw new AppError('invalid_state', 'negotiation.not_ended', 'Chỉ báo cáo kết quả khi việc thương lượng đã kết thúc.');
    if (n.result_reported_at) throw new AppError('invalid_state', 'negotiation.already_reported', 'Doanh nghiệp đã báo cáo kết quả.');
    const now = tx.now();
    await tx.db
      .updateTable('negotiation')
      .set({ result_reported_at: now, result_report: input.summary, updated_at: now })
      .where('request_id', '=', r.id)
      .execute();
    await meetIfRunning(tx, r.id, 'business.report_result');
    await insertEvent(tx.db, {
      requestId: r.id,
      at: now,
      type: 'business_reported',
      actorId: a.userId,
      actorLabel: n.business_name,
      public: false,
      data: {},
    });
    await syncDue(tx, r.id);
    await recordAudit(tx, { action: 'negotiation.report', entityType: ENTITY, entityId: r.id, summary: { code: r.code } });
  });
  return getBusinessRequest(ctx, id);
}

// ── consumer side (tracking secret) ─────────────────────────────────────────

async function loadBySecret(tx: Ctx, code: string, secret: string) {
  const found = await requestBySecret(tx, code, secret);
  const r = (await lockRequest(tx.db, found.id))!;
  const n = await findNegotiation(tx.db, r.id);
  if (!n) throw E.noNegotiation();
  return { r, n };
}

/** The consumer accepts or rejects the business's answer and may rate it 1–5. */
export async function consumerFeedback(ctx: Ctx, code: string, secret: string, input: FeedbackInput) {
  return inTransaction(ctx, async (tx) => {
    const { r, n } = await loadBySecret(tx, code, secret);
    if (r.status !== 'business_responded' || n.consumer_accepted !== null)
      throw new AppError('invalid_state', 'negotiation.no_answer_to_rate', 'Chưa có câu trả lời của doanh nghiệp để đánh giá.');
    const now = tx.now();
    await tx.db
      .updateTable('negotiation')
      .set({
        consumer_accepted: input.accepted,
        consumer_rating: input.rating ?? null,
        consumer_comment: input.comment ?? null,
        feedback_at: now,
        updated_at: now,
      })
      .where('request_id', '=', r.id)
      .execute();
    await setStatus(tx, r, input.accepted ? 'resolved' : 'in_progress');
    await insertEvent(tx.db, {
      requestId: r.id,
      at: now,
      type: input.accepted ? 'consumer_accepted' : 'consumer_rejected',
      actorId: null,
      actorLabel: 'Người tiêu dùng',
      public: true,
      data: { rating: input.rating ?? null },
    });
    if (!input.accepted) {
      // The agency continues: mediation, or another way (Art. 54).
      if (!(await findActiveClockId(tx, ENTITY, r.id, 'request.decide')))
        await startClock(tx, {
          entityType: ENTITY,
          entityId: r.id,
          entityLabel: r.code,
          rule: 'request.decide',
          startedAt: now,
          provinceCode: r.province_code,
        });
    }
    await syncDue(tx, r.id);
    await recordAudit(tx, {
      action: 'negotiation.feedback',
      entityType: ENTITY,
      entityId: r.id,
      summary: { code: r.code, accepted: input.accepted, rating: input.rating ?? null },
    });
    await mailAgency(
      tx,
      r,
      `Hồ sơ ${r.code}: người tiêu dùng ${input.accepted ? 'đồng ý' : 'không đồng ý'} với trả lời của doanh nghiệp`,
      input.rating ? `Đánh giá: ${input.rating}/5.` : '',
    );
    return { code: r.code, status: (input.accepted ? 'resolved' : 'in_progress') as RequestStatus };
  });
}

/** The consumer confirms that the promised remedy arrived: settlement compliance. */
export async function remedyReceived(ctx: Ctx, code: string, secret: string) {
  return inTransaction(ctx, async (tx) => {
    const { r, n } = await loadBySecret(tx, code, secret);
    if (!n.remedy || n.consumer_accepted !== true)
      throw new AppError('invalid_state', 'negotiation.no_remedy', 'Không có biện pháp khắc phục đã thỏa thuận để xác nhận.');
    if (n.remedy_received_at) throw new AppError('invalid_state', 'negotiation.remedy_already_confirmed', 'Đã xác nhận nhận được.');
    const now = tx.now();
    await tx.db.updateTable('negotiation').set({ remedy_received_at: now, updated_at: now }).where('request_id', '=', r.id).execute();
    await insertEvent(tx.db, {
      requestId: r.id,
      at: now,
      type: 'remedy_received',
      actorId: null,
      actorLabel: 'Người tiêu dùng',
      public: true,
      data: {},
    });
    await recordAudit(tx, { action: 'negotiation.remedy_received', entityType: ENTITY, entityId: r.id, summary: { code: r.code } });
    return { code: r.code, remedyReceivedAt: now.toISOString() };
  });
}

/**
 * The consumer reopens a resolved case within REOPEN_WINDOW_DAYS: a shorter clock for the
 * business (business.reopen_answer) and notices to the business and the agency.
 */
export async function reopenRequest(ctx: Ctx, code: string, secret: string, input: { reason: string }) {
  return inTransaction(ctx, async (tx) => {
    const { r, n } = await loadBySecret(tx, code, secret);
    if (r.status !== 'resolved') throw new AppError('invalid_state', 'request.not_reopenable', 'Chỉ mở lại hồ sơ đã giải quyết.');
    const resolvedAt = n.feedback_at ?? r.updated_at;
    const days = tx.deps.config.REOPEN_WINDOW_DAYS;
    if (tx.now().getTime() - resolvedAt.getTime() > days * 86400_000)
      throw new AppError('invalid_state', 'request.reopen_window_passed', `Đã quá ${days} ngày kể từ khi hồ sơ được giải quyết.`);
    const now = tx.now();
    await setStatus(tx, r, 'business_acknowledged');
    await tx.db
      .updateTable('negotiation')
      .set({ reopened_at: now, reopen_count: n.reopen_count + 1, consumer_accepted: null, feedback_at: null, updated_at: now })
      .where('request_id', '=', r.id)
      .execute();
    await startFor(tx, r, 'business.reopen_answer');
    await insertEvent(tx.db, {
      requestId: r.id,
      at: now,
      type: 'reopened',
      actorId: null,
      actorLabel: 'Người tiêu dùng',
      public: true,
      data: { reason: input.reason },
    });
    await syncDue(tx, r.id);
    await recordAudit(tx, {
      action: 'request.reopen',
      entityType: ENTITY,
      entityId: r.id,
      summary: { code: r.code, reopenCount: n.reopen_count + 1 },
    });
    await mailBusiness(
      tx,
      n,
      `Hồ sơ ${r.code} được người tiêu dùng mở lại`,
      `Lý do: ${input.reason}. Doanh nghiệp trả lời trong 3 ngày làm việc.`,
    );
    await mailAgency(tx, r, `Hồ sơ ${r.code} được người tiêu dùng mở lại`, `Lý do: ${input.reason}`);
    return { code: r.code, status: 'business_acknowledged' as RequestStatus };
  });
}

// ── sweeps: missed business deadlines and unconfirmed remedies ──────────────

/**
 * Each business clock past its due instant, not met, becomes exactly one potential-violation
 * record (unique per clock) with the fine range of Decree 98 Art. 61, and one message to the agency.
 */
export async function sweepBusinessDeadlines(ctx: Ctx): Promise<number> {
  const now = ctx.now();
  const missed = await ctx.db
    .selectFrom('clock')
    .innerJoin('negotiation', (j) => j.on(sql`negotiation.request_id::text`, '=', sql.ref('clock.entity_id')))
    .select(['clock.id', 'clock.rule', 'clock.entity_id', 'clock.due_at', 'negotiation.business_tax_code', 'negotiation.business_name'])
    .where('clock.entity_type', '=', ENTITY)
    .where('clock.rule', 'in', [...BUSINESS_RULES])
    .where('clock.state', 'in', ['running', 'due_soon', 'overdue'])
    .where('clock.due_at', '<', now)
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom('potential_violation').select('id').whereRef('potential_violation.clock_id', '=', 'clock.id'))),
    )
    .limit(200)
    .execute();
  let created = 0;
  for (const m of missed) {
    await inTransaction(ctx, async (tx) => {
      const inserted = await tx.db
        .insertInto('potential_violation')
        .values({
          request_id: m.entity_id,
          clock_id: m.id,
          rule: m.rule,
          business_tax_code: m.business_tax_code,
          business_name: m.business_name,
          legal_basis: VIOLATION_BASIS[m.rule] ?? 'Nghị định 98/2020/NĐ-CP Điều 61',
          fine_min_vnd: FINE.min,
          fine_max_vnd: FINE.max,
          description: `Quá hạn ${formatDate(m.due_at)}: ${m.rule}`,
        })
        .onConflict((oc) => oc.column('clock_id').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!inserted) return;
      created++;
      const r = await findRequest(tx.db, m.entity_id);
      if (!r) return;
      await insertEvent(tx.db, {
        requestId: r.id,
        at: now,
        type: 'potential_violation',
        actorId: null,
        actorLabel: 'Hệ thống',
        public: false,
        data: { rule: m.rule, violationId: inserted.id },
      });
      await recordAudit(tx, {
        action: 'potential_violation.create',
        entityType: 'potential_violation',
        entityId: inserted.id,
        summary: { code: r.code, rule: m.rule },
      });
      await mailAgency(
        tx,
        r,
        `Doanh nghiệp quá hạn: hồ sơ ${r.code}`,
        `${m.business_name} (MST ${m.business_tax_code}) quá hạn ${formatDate(m.due_at)}. Dấu hiệu vi phạm: ${VIOLATION_BASIS[m.rule] ?? 'Nghị định 98/2020/NĐ-CP Điều 61'}; mức phạt ${formatVnd(FINE.min)}–${formatVnd(FINE.max)} (cá nhân; tổ chức gấp đôi).`,
      );
    });
  }
  return created;
}

/** Remedies past their date and not confirmed: escalated once to the agency. */
export async function sweepUnconfirmedRemedies(ctx: Ctx): Promise<number> {
  const today = todayInVietnam(ctx.now());
  const due = await ctx.db
    .selectFrom('negotiation')
    .select(['request_id'])
    .where('remedy_due_date', '<', today)
    .where('remedy_received_at', 'is', null)
    .where('remedy_escalated_at', 'is', null)
    .where('consumer_accepted', '=', true)
    .limit(200)
    .execute();
  for (const d of due) {
    await inTransaction(ctx, async (tx) => {
      await tx.db.updateTable('negotiation').set({ remedy_escalated_at: tx.now() }).where('request_id', '=', d.request_id).execute();
      const r = await findRequest(tx.db, d.request_id);
      if (!r) return;
      await insertEvent(tx.db, {
        requestId: r.id,
        at: tx.now(),
        type: 'remedy_overdue',
        actorId: null,
        actorLabel: 'Hệ thống',
        public: true,
        data: {},
      });
      await mailAgency(
        tx,
        r,
        `Hồ sơ ${r.code}: chưa xác nhận nhận được biện pháp khắc phục`,
        'Đã quá hạn doanh nghiệp cam kết mà người tiêu dùng chưa xác nhận.',
      );
    });
  }
  return due.length;
}

export const negotiationSweeps: readonly Sweep[] = [
  { name: 'requests.business_deadlines', everyMs: 15 * 60_000, run: async (ctx) => void (await sweepBusinessDeadlines(ctx)) },
  { name: 'requests.unconfirmed_remedies', everyMs: 3600_000, run: async (ctx) => void (await sweepUnconfirmedRemedies(ctx)) },
];

/** Settlement compliance: agreed remedies confirmed by consumers, in the caller's scope. */
export async function settlementStats(ctx: Ctx) {
  requirePermission(ctx, 'requests.read');
  let q = ctx.db
    .selectFrom('negotiation')
    .innerJoin('request', 'request.id', 'negotiation.request_id')
    .select((eb) => [
      eb.fn.countAll<string>().as('forwarded'),
      eb.fn.sum<string>(eb.case().when('negotiation.acknowledged_at', 'is not', null).then(1).else(0).end()).as('acknowledged'),
      eb.fn.sum<string>(eb.case().when('negotiation.consumer_accepted', '=', true).then(1).else(0).end()).as('accepted'),
      eb.fn.sum<string>(eb.case().when('negotiation.remedy', 'is not', null).then(1).else(0).end()).as('remedies'),
      eb.fn.sum<string>(eb.case().when('negotiation.remedy_received_at', 'is not', null).then(1).else(0).end()).as('confirmed'),
      eb.fn.avg<string>('negotiation.consumer_rating').as('rating'),
    ]);
  q = scopeWhere(q, ctx.actor);
  const r = await q.executeTakeFirstOrThrow();
  const n = (v: string | null) => Number(v ?? 0);
  const remedies = n(r.remedies);
  return {
    forwarded: n(r.forwarded),
    acknowledged: n(r.acknowledged),
    accepted: n(r.accepted),
    remedies,
    confirmed: n(r.confirmed),
    complianceRate: remedies ? n(r.confirmed) / remedies : 0,
    averageRating: r.rating === null ? null : Math.round(Number(r.rating) * 10) / 10,
  };
}
