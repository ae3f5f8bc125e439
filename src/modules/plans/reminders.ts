/**
 * Reminders and escalations of plan reports (issue 6 point 4), run by the worker as a sweep. For
 * each active plan and each period whose agencies' deadline is near or past:
 *
 *   from `reminder_days` before the deadline until the deadline, each lead agency that still owes
 *   reports gets one reminder (its managers and officers, by e-mail through the outbox);
 *   after the deadline, each agency still missing reports is escalated once to the focal agency:
 *   one notice per agency, and one e-mail per pass, plan and period to the focal agency's staff
 *   listing every agency escalated in that pass with its tasks (a group such as "UBND xã,
 *   phường" can leave dozens of communes late at once; one message each would bury the list).
 *
 * Lead agencies include the members of lead groups with a kind (progress.ts). "Once" is the
 * unique index on plan_notice (plan, agency, period, kind): a second sweep, or two workers at
 * once, record nothing more, and the consolidated e-mail lists only the notices its own
 * transaction inserted. Periods that closed before the plan was entered are not chased. Time is
 * `ctx.now()` in Asia/Ho_Chi_Minh calendar days.
 */
import { recordAudit } from '../../platform/audit.js';
import { localDateOf } from '../../platform/clocks/index.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { formatDate } from '../../platform/i18n.js';
import { enqueue } from '../../platform/outbox.js';
import type { Sweep } from '../../platform/worker.js';
import { loadPlanData, missingByAgency, periodsOf } from './progress.js';
import { agencyStaffEmails, insertNoticeOnce, listActivePlans, reportsOfPlan, setNoticeRecipients, type PlanRow } from './repo.js';

export interface PlanSweepResult {
  reminders: number;
  /** Agencies escalated (one notice each), not e-mails sent. */
  escalations: number;
}

interface Missing {
  id: string;
  name: string;
  refs: string[];
}

const noticeOf = (tx: Ctx, plan: PlanRow, kind: 'reminder' | 'escalation', period: string, agency: Missing) =>
  insertNoticeOnce(tx.db, {
    plan_id: plan.id,
    agency_id: agency.id,
    period,
    kind,
    task_refs: JSON.stringify(agency.refs),
    message: null,
    created_by: null,
    created_at: tx.now(),
  });

const baseUrl = (ctx: Ctx): string => ctx.deps.config.APP_BASE_URL.replace(/\/$/, '');

/** One reminder to an agency's staff, once per plan, agency and period; false when already sent. */
async function remind(ctx: Ctx, plan: PlanRow, period: string, agency: Missing): Promise<boolean> {
  return inTransaction(ctx, async (tx) => {
    const id = await noticeOf(tx, plan, 'reminder', period, agency);
    if (!id) return false;
    const to = await agencyStaffEmails(tx.db, agency.id);
    const subject = `Nhắc báo cáo ${plan.code}: hạn ${formatDate(period)}`;
    const text = `Đề nghị ${agency.name} báo cáo kết quả thực hiện các nhiệm vụ ${agency.refs.join(', ')} của kế hoạch "${plan.title}" trước ngày ${formatDate(period)}.\n${baseUrl(tx)}/plans/${plan.id}`;
    for (const email of to) await enqueue(tx, 'mail.send', { to: email, subject, text });
    await setNoticeRecipients(tx.db, id, to.length);
    await recordAudit(tx, {
      action: 'plan.reminder',
      entityType: 'plan',
      entityId: plan.id,
      summary: { agencyId: agency.id, period, refs: agency.refs, recipients: to.length },
    });
    return true;
  });
}

/**
 * Escalates the agencies still missing reports after the deadline: a notice for each agency not
 * escalated before, then one e-mail to each of the focal agency's staff listing those agencies,
 * all in one transaction. Answers the number of agencies escalated now.
 */
async function escalate(ctx: Ctx, plan: PlanRow, period: string, missing: readonly Missing[]): Promise<number> {
  if (missing.length === 0) return 0;
  return inTransaction(ctx, async (tx) => {
    const fresh: (Missing & { noticeId: string })[] = [];
    for (const m of missing) {
      const noticeId = await noticeOf(tx, plan, 'escalation', period, m);
      if (noticeId) fresh.push({ ...m, noticeId });
    }
    if (fresh.length === 0) return 0;
    const to = plan.focal_agency_id ? await agencyStaffEmails(tx.db, plan.focal_agency_id) : [];
    const subject =
      fresh.length === 1
        ? `Quá hạn báo cáo ${plan.code} (hạn ${formatDate(period)}): ${fresh[0]!.name}`
        : `Quá hạn báo cáo ${plan.code} (hạn ${formatDate(period)}): ${fresh.length} cơ quan chưa báo cáo`;
    const text =
      `Các cơ quan sau chưa báo cáo kết quả thực hiện kế hoạch "${plan.title}" (hạn ${formatDate(period)}):\n` +
      fresh.map((m) => `- ${m.name}: nhiệm vụ ${m.refs.join(', ')}`).join('\n') +
      `\nĐề nghị cơ quan đầu mối đôn đốc.\n${baseUrl(tx)}/plans/${plan.id}/board?period=${period}`;
    for (const email of to) await enqueue(tx, 'mail.send', { to: email, subject, text });
    // One audit row per notice, as for reminders: each says which agency, and how many were told.
    for (const m of fresh) {
      await setNoticeRecipients(tx.db, m.noticeId, to.length);
      await recordAudit(tx, {
        action: 'plan.escalation',
        entityType: 'plan',
        entityId: plan.id,
        summary: { agencyId: m.id, period, refs: m.refs, recipients: to.length, batch: fresh.length },
      });
    }
    return fresh.length;
  });
}

/** One pass over the active plans: due reminders and escalations, each at most once per agency. */
export async function sweepPlanReports(ctx: Ctx): Promise<PlanSweepResult> {
  const out: PlanSweepResult = { reminders: 0, escalations: 0 };
  const today = localDateOf(ctx.now());
  for (const plan of await listActivePlans(ctx.db)) {
    const tracked = localDateOf(plan.created_at);
    const due = periodsOf(plan, today).filter((p) => p.deadline >= tracked && today >= p.reminderOn);
    if (due.length === 0) continue;
    const data = await loadPlanData(ctx, plan);
    for (const p of due) {
      const missing = [...missingByAgency(data, p, await reportsOfPlan(ctx.db, plan.id, p.deadline))].map(([id, m]) => ({ id, ...m }));
      if (today > p.deadline) out.escalations += await escalate(ctx, plan, p.deadline, missing);
      else for (const m of missing) if (await remind(ctx, plan, p.deadline, m)) out.reminders++;
    }
  }
  return out;
}

/** For the worker (src/jobs.ts): hourly is plenty for deadlines counted in days. */
export const planSweeps: readonly Sweep[] = [
  { name: 'plans.report_deadlines', everyMs: 3600_000, run: async (ctx) => void (await sweepPlanReports(ctx)) },
];
