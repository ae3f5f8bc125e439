/**
 * Reminders and escalations of plan reports (issue 6 point 4), run by the worker as a sweep. For
 * each active plan and each period whose agencies' deadline is near or past:
 *
 *   from `reminder_days` before the deadline until the deadline, each lead agency that still owes
 *   reports gets one reminder (its managers and officers, by e-mail through the outbox);
 *   after the deadline, each agency still missing reports is escalated once to the focal agency.
 *
 * "Once" is the unique index on plan_notice (plan, agency, period, kind): a second sweep, or two
 * workers at once, record nothing more. Periods that closed before the plan was entered are not
 * chased. Time is `ctx.now()` in Asia/Ho_Chi_Minh calendar days.
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
  escalations: number;
}

async function notify(
  ctx: Ctx,
  plan: PlanRow,
  kind: 'reminder' | 'escalation',
  period: string,
  agency: { id: string; name: string; refs: string[] },
): Promise<boolean> {
  return inTransaction(ctx, async (tx) => {
    const id = await insertNoticeOnce(tx.db, {
      plan_id: plan.id,
      agency_id: agency.id,
      period,
      kind,
      task_refs: JSON.stringify(agency.refs),
      message: null,
      created_by: null,
      created_at: tx.now(),
    });
    if (!id) return false;
    const base = tx.deps.config.APP_BASE_URL.replace(/\/$/, '');
    const to =
      kind === 'reminder'
        ? await agencyStaffEmails(tx.db, agency.id)
        : plan.focal_agency_id
          ? await agencyStaffEmails(tx.db, plan.focal_agency_id)
          : [];
    const subject =
      kind === 'reminder'
        ? `Nhắc báo cáo ${plan.code}: hạn ${formatDate(period)}`
        : `Quá hạn báo cáo ${plan.code} (hạn ${formatDate(period)}): ${agency.name}`;
    const text =
      kind === 'reminder'
        ? `Đề nghị ${agency.name} báo cáo kết quả thực hiện các nhiệm vụ ${agency.refs.join(', ')} của kế hoạch "${plan.title}" trước ngày ${formatDate(period)}.\n${base}/plans/${plan.id}`
        : `${agency.name} chưa báo cáo các nhiệm vụ ${agency.refs.join(', ')} của kế hoạch "${plan.title}" (hạn ${formatDate(period)}). Đề nghị cơ quan đầu mối đôn đốc.\n${base}/plans/${plan.id}/board?period=${period}`;
    for (const email of to) await enqueue(tx, 'mail.send', { to: email, subject, text });
    await setNoticeRecipients(tx.db, id, to.length);
    await recordAudit(tx, {
      action: kind === 'reminder' ? 'plan.reminder' : 'plan.escalation',
      entityType: 'plan',
      entityId: plan.id,
      summary: { agencyId: agency.id, period, refs: agency.refs, recipients: to.length },
    });
    return true;
  });
}

/** One pass over the active plans: due reminders and escalations, each at most once. */
export async function sweepPlanReports(ctx: Ctx): Promise<PlanSweepResult> {
  const out: PlanSweepResult = { reminders: 0, escalations: 0 };
  const today = localDateOf(ctx.now());
  for (const plan of await listActivePlans(ctx.db)) {
    const tracked = localDateOf(plan.created_at);
    const due = periodsOf(plan, today).filter((p) => p.deadline >= tracked && today >= p.reminderOn);
    if (due.length === 0) continue;
    const data = await loadPlanData(ctx, plan);
    for (const p of due) {
      const kind = today > p.deadline ? 'escalation' : 'reminder';
      const missing = missingByAgency(data, p, await reportsOfPlan(ctx.db, plan.id, p.deadline));
      for (const [id, m] of missing) {
        if (await notify(ctx, plan, kind, p.deadline, { id, ...m })) out[kind === 'reminder' ? 'reminders' : 'escalations']++;
      }
    }
  }
  return out;
}

/** For the worker (src/jobs.ts): hourly is plenty for deadlines counted in days. */
export const planSweeps: readonly Sweep[] = [
  { name: 'plans.report_deadlines', everyMs: 3600_000, run: async (ctx) => void (await sweepPlanReports(ctx)) },
];
