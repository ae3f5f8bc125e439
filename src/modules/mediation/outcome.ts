/**
 * The end of a mediation: the successful-mediation record with every element of Law 19/2023
 * Art. 65(2)(a)–(h) and the signatures of Art. 65(3); performance tracked against its deadline
 * (Art. 66(1)) with an overdue sweep; or the unsuccessful record with the consumer's remaining
 * options (Arts. 67–71). The case follows: resolved after success, back in progress after failure.
 */
import { recordAudit } from '../../platform/audit.js';
import { requirePermission } from '../../platform/auth/permissions.js';
import { formatVn, isoToDay } from '../../platform/calendar/index.js';
import { getCalendar } from '../../platform/calendar/store.js';
import { findActiveClockId, localDateOf, meetClock, startClock } from '../../platform/clocks/index.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { formatDate, formatDateTime } from '../../platform/i18n.js';
import type { Sweep } from '../../platform/worker.js';
import { leaveMediation } from './case-status.js';
import { mediationErrors as E } from './errors.js';
import { sendMail } from './notify.js';
import { appointedOf, claimOverdue, emailsOfUsers, findCase, updateMediation } from './repo.js';
import type { MediationView, OutcomeInput, PerformanceInput, SuccessInput, UnsuccessfulInput } from './schema.js';
import { ENTITY, loadAccessible, viewOf, type Loaded } from './service.js';
import { LAW, organisationTypeLabels, remainingOptions } from './texts.js';

const BLDS = 'Bộ luật Dân sự 2015';

/**
 * The deadline to perform set by the record (Art. 65(2)(g)) ends at 24:00 of that day; when the day
 * is not a working day, at the end of the next working day (Civil Code Art. 148(5)).
 */
async function performDue(tx: Ctx, provinceCode: string, performBy: string): Promise<{ dueAt: Date; explanation: string }> {
  const cal = await getCalendar(tx, provinceCode);
  const r = cal.addDays(performBy, 0);
  const lines = [
    `Thời hạn thực hiện do biên bản hòa giải thành ấn định (Điều 65 khoản 2 điểm g ${LAW}): đến hết ngày ${formatDate(performBy)}.`,
  ];
  if (r.skipped.length > 0) {
    const days = r.skipped.map((s) => `${formatVn(isoToDay(s.date))} (${s.reason})`).join(', ');
    lines.push(
      `Ngày cuối cùng không phải ngày làm việc (${days}) nên thời hạn kết thúc vào cuối ngày làm việc tiếp theo, ${formatVn(isoToDay(r.due))} (Điều 148 khoản 5 ${BLDS}).`,
    );
  }
  return { dueAt: cal.endOfDayInstant(r.due), explanation: lines.join(' ') };
}

function successRecord(l: Loaded, input: SuccessInput, explanation: string) {
  return {
    legalBasis: `Điều 65 khoản 2, khoản 3 ${LAW}`,
    // (a) the mediator and the organisation
    organisation: { name: l.org.name, type: l.org.type, typeLabel: organisationTypeLabels[l.org.type] },
    mediators: l.appointed.map((a) => a.full_name),
    // (b) the parties
    parties: {
      consumer: { name: l.c.consumer_name, address: input.consumerAddress ?? null },
      business: {
        name: l.c.business_name,
        taxCode: l.c.business_tax_code,
        address: input.businessAddress ?? null,
        representative: input.businessRepresentative ?? null,
      },
    },
    // (c) time, place and form
    heldAt: input.heldAt,
    place: input.place,
    form: input.form,
    // (d) content, (đ) opinions, (e) result and solution, (g) deadline to perform, (h) other terms
    disputeContent: input.disputeContent,
    consumerOpinion: input.consumerOpinion,
    businessOpinion: input.businessOpinion,
    solution: input.solution,
    performBy: input.performBy,
    otherTerms: input.otherTerms,
    // Art. 65(3)
    signatures: { partiesSigned: input.partiesSigned, mediatorSigned: input.mediatorSigned, sealApplied: input.sealApplied },
    performDueExplanation: explanation,
  };
}

async function recordSuccess(tx: Ctx, l: Loaded, input: SuccessInput): Promise<void> {
  if (input.performBy < localDateOf(new Date(input.heldAt))) throw E.performByBeforeHeld();
  const now = tx.now();
  const due = await performDue(tx, l.c.province_code, input.performBy);
  await updateMediation(tx.db, l.m.id, {
    status: 'succeeded',
    outcome_at: now,
    outcome_by: tx.actor.type === 'user' ? tx.actor.userId : null,
    record: JSON.stringify(successRecord(l, input, due.explanation)),
    perform_by: input.performBy,
    perform_due_at: due.dueAt,
    performance: 'pending',
    updated_at: now,
  });
  await recordAudit(tx, {
    action: 'mediation.success',
    entityType: ENTITY,
    entityId: l.m.id,
    summary: { requestCode: l.c.code, performBy: input.performBy, performDueAt: due.dueAt },
  });
  await leaveMediation(
    tx,
    l.c,
    'resolved',
    `Hòa giải thành tại ${l.org.name}. Thời hạn thực hiện kết quả hòa giải: đến hết ngày ${formatDate(input.performBy)}.`,
  );
  // After the case is resolved (which stops its running clocks): the clock for the agreed
  // deadline (rule mediation.perform, Art. 65(2)(g), 66(1)), shown
  // with the case's other clocks and swept for due-soon and overdue like them.
  const today = localDateOf(now);
  await startClock(tx, {
    entityType: 'request',
    entityId: l.c.id,
    entityLabel: l.c.code,
    rule: 'mediation.perform',
    startedAt: now,
    amount: Math.max(0, isoToDay(input.performBy) - isoToDay(today)),
    provinceCode: l.c.province_code,
  });
  await sendMail(
    tx,
    [l.m.business_email],
    `[BVNTD] Hồ sơ ${l.c.code}: hòa giải thành`,
    `Hòa giải thành tại ${l.org.name}. Thời hạn thực hiện kết quả hòa giải: đến hết ngày ${formatDate(input.performBy)}.\nĐề nghị thực hiện đúng nội dung đã thỏa thuận trong biên bản hòa giải thành.`,
  );
}

async function recordFailure(tx: Ctx, l: Loaded, input: UnsuccessfulInput): Promise<void> {
  const now = tx.now();
  const amount = input.disputedAmountVnd ?? (l.c.amount_vnd !== null ? Number(l.c.amount_vnd) : null);
  const options = remainingOptions(amount);
  await updateMediation(tx.db, l.m.id, {
    status: 'failed',
    outcome_at: now,
    outcome_by: tx.actor.type === 'user' ? tx.actor.userId : null,
    record: JSON.stringify({
      legalBasis: `Điều 61 ${LAW}`,
      organisation: { name: l.org.name, type: l.org.type, typeLabel: organisationTypeLabels[l.org.type] },
      mediators: l.appointed.map((a) => a.full_name),
      parties: {
        consumer: { name: l.c.consumer_name },
        business: { name: l.c.business_name, taxCode: l.c.business_tax_code, representative: input.businessRepresentative ?? null },
      },
      heldAt: input.heldAt,
      place: input.place,
      form: input.form,
      consumerOpinion: input.consumerOpinion,
      businessOpinion: input.businessOpinion,
      reason: input.reason,
      disputedAmountVnd: amount,
      arbitrationClause: input.arbitrationClause,
      options,
    }),
    updated_at: now,
  });
  await recordAudit(tx, { action: 'mediation.failure', entityType: ENTITY, entityId: l.m.id, summary: { requestCode: l.c.code } });
  await leaveMediation(tx, l.c, 'in_progress', `Hòa giải không thành tại ${l.org.name}.`);
  await sendMail(
    tx,
    [l.c.consumer_email],
    `[BVNTD] Hồ sơ ${l.c.code}: hòa giải không thành`,
    [
      `Hòa giải tại ${l.org.name} ngày ${formatDateTime(input.heldAt)} không thành.`,
      'Quý vị vẫn có thể bảo vệ quyền lợi của mình bằng các cách sau:',
      ...options.map((o) => `- ${o.title}: ${o.text} (${o.legalBasis})`),
    ].join('\n'),
  );
}

/** Records the outcome of an open mediation: success (Art. 65) or failure with the consumer's options. */
export async function recordOutcome(ctx: Ctx, id: string, input: OutcomeInput): Promise<MediationView> {
  requirePermission(ctx, 'mediation.manage');
  return inTransaction(ctx, async (tx) => {
    const l = await loadAccessible(tx, id, { lock: true });
    if (l.m.status !== 'open') throw E.notOpen();
    if (l.appointed.length === 0) throw E.mediatorRequired();
    if (new Date(input.heldAt).getTime() > tx.now().getTime()) throw E.heldInFuture();
    if (input.result === 'success') await recordSuccess(tx, l, input);
    else await recordFailure(tx, l, input);
    return viewOf(tx, await loadAccessible(tx, l.m.id));
  });
}

/**
 * Records whether the successful-mediation agreement was performed (Art. 66(1)); performing after
 * the deadline is recorded as late. When it was not performed, the consumer is told that a party
 * may ask the court to recognise the successful mediation (Art. 66) or sue.
 */
export async function recordPerformance(ctx: Ctx, id: string, input: PerformanceInput): Promise<MediationView> {
  requirePermission(ctx, 'mediation.manage');
  return inTransaction(ctx, async (tx) => {
    const l = await loadAccessible(tx, id, { lock: true });
    if (l.m.status !== 'succeeded') throw E.notSucceeded();
    if (l.m.performance !== 'pending') throw E.performanceRecorded();
    const now = tx.now();
    const late = input.performed && l.m.perform_due_at !== null && now.getTime() >= l.m.perform_due_at.getTime();
    const clockId = await findActiveClockId(tx, 'request', l.c.id, 'mediation.perform');
    if (clockId && input.performed) await meetClock(tx, clockId);
    await updateMediation(tx.db, l.m.id, {
      performance: input.performed ? 'performed' : 'not_performed',
      performance_note: input.note ?? null,
      performance_at: now,
      performance_by: tx.actor.type === 'user' ? tx.actor.userId : null,
      updated_at: now,
    });
    await recordAudit(tx, {
      action: 'mediation.performance',
      entityType: ENTITY,
      entityId: l.m.id,
      summary: { requestCode: l.c.code, performed: input.performed, late },
    });
    if (!input.performed)
      await sendMail(
        tx,
        [l.c.consumer_email],
        `[BVNTD] Hồ sơ ${l.c.code}: kết quả hòa giải không được thực hiện`,
        [
          `Tổ chức, cá nhân kinh doanh không thực hiện kết quả hòa giải thành tại ${l.org.name}.`,
          `Quý vị có thể yêu cầu Tòa án công nhận kết quả hòa giải thành theo pháp luật tố tụng dân sự (Điều 66 ${LAW}) để được thi hành, hoặc khởi kiện; người tiêu dùng không phải nộp tạm ứng án phí (Điều 71 khoản 2).`,
        ].join('\n'),
      );
    return viewOf(tx, await loadAccessible(tx, l.m.id));
  });
}

/**
 * Flags succeeded mediations whose deadline to perform has passed without a recorded result,
 * once each, and alerts the officer who opened it and the mediators (exactly once: the rows are
 * claimed FOR UPDATE SKIP LOCKED and stamped in the same transaction as the messages).
 */
export async function sweepOverduePerformance(ctx: Ctx, batchSize = 100): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await inTransaction(ctx, async (tx) => {
      const now = tx.now();
      const rows = await claimOverdue(tx.db, now, batchSize);
      for (const m of rows) {
        await updateMediation(tx.db, m.id, { overdue_at: now, updated_at: now });
        const c = await findCase(tx.db, m.request_id);
        const appointed = await appointedOf(tx.db, m.id);
        const to = [
          ...(await emailsOfUsers(tx.db, [m.opened_by, ...appointed.filter((a) => !a.email).map((a) => a.user_id)])),
          ...appointed.map((a) => a.email),
        ];
        const sent = await sendMail(
          tx,
          to,
          `[BVNTD] Quá hạn thực hiện kết quả hòa giải thành — ${c?.code ?? ''}`,
          [
            `Thời hạn thực hiện kết quả hòa giải thành của hồ sơ ${c?.code ?? ''} đã hết (đến hết ngày ${m.perform_by ? formatDate(m.perform_by) : ''}) mà chưa ghi nhận việc thực hiện.`,
            `Căn cứ: Điều 65 khoản 2 điểm g, Điều 66 ${LAW}.`,
            'Vui lòng liên hệ các bên và ghi nhận kết quả thực hiện trên hệ thống.',
          ].join('\n'),
        );
        await recordAudit(tx, {
          action: 'mediation.performance_overdue',
          entityType: ENTITY,
          entityId: m.id,
          summary: { requestCode: c?.code ?? null, performBy: m.perform_by, notified: sent },
        });
      }
      return rows.length;
    });
    total += n;
    if (n < batchSize) return total;
  }
}

export const mediationSweeps: readonly Sweep[] = [
  { name: 'mediation.performance_overdue', everyMs: 15 * 60_000, run: async (ctx) => void (await sweepOverduePerformance(ctx)) },
];
