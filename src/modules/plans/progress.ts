/**
 * What a plan expects for a period: the leaf tasks active in it (periods.ts) and, for each, the
 * lead agencies matched to the directory. A lead agency that has not reported on a task for the
 * period is "missing"; reminders, escalations, the board and the DOCX report all read this one
 * computation. Group assignments ("UBND xã, phường") are not enumerated agency by agency: their
 * members report when they can (policy.ts) and are not chased here.
 */
import type { Ctx } from '../../platform/context.js';
import { focalDeadlineAfter, planPeriods, reminderDay, taskActiveIn, type Period } from './periods.js';
import { assignmentsOf, tasksOfPlan, type AssignmentRow, type PlanRow, type ReportRow, type TaskRow } from './repo.js';
import type { PeriodView, ReportingDay, Timing } from './schema.js';
import { assignmentsByTask } from './views.js';

export interface PlanData {
  plan: PlanRow;
  tasks: TaskRow[];
  assignments: Map<string, AssignmentRow[]>;
}

export async function loadPlanData(ctx: Ctx, plan: PlanRow): Promise<PlanData> {
  const tasks = await tasksOfPlan(ctx.db, plan.id);
  const assignments = assignmentsByTask(
    await assignmentsOf(
      ctx.db,
      tasks.map((t) => t.id),
    ),
  );
  return { plan, tasks, assignments };
}

/** The day the plan starts counting: its date, else 1 January of its year. */
export function planStart(plan: PlanRow): string {
  return plan.issued_on ?? `${plan.year ?? plan.created_at.getUTCFullYear()}-01-01`;
}

export const calendarOf = (plan: PlanRow): ReportingDay[] => plan.reporting_calendar as ReportingDay[];

/** The plan's periods up to the first deadline on or after `today`, with the focal deadline and the reminder day. */
export function periodsOf(plan: PlanRow, today: string): PeriodView[] {
  const calendar = calendarOf(plan);
  return planPeriods(calendar, planStart(plan), today).map((p) => {
    const focal = focalDeadlineAfter(calendar, p.deadline);
    return { ...p, ...(focal ? { focalDeadline: focal } : {}), reminderOn: reminderDay(p.deadline, plan.reminder_days) };
  });
}

export function isActive(t: TaskRow, p: Period): boolean {
  return taskActiveIn({ isSection: t.is_section, timing: t.timing as Timing, conditionMetOn: t.condition_met_on }, p);
}

export interface Expected {
  task: TaskRow;
  agencyId: string;
  agencyName: string;
}

/** Each active task × each of its matched lead agencies. */
export function expectedReports(data: PlanData, p: Period): Expected[] {
  const out: Expected[] = [];
  for (const t of data.tasks) {
    if (!isActive(t, p)) continue;
    const seen = new Set<string>();
    for (const a of data.assignments.get(t.id) ?? []) {
      if (a.role !== 'lead' || !a.agency_id || seen.has(a.agency_id)) continue;
      seen.add(a.agency_id);
      out.push({ task: t, agencyId: a.agency_id, agencyName: a.agency_name ?? a.text });
    }
  }
  return out;
}

/** Lead agencies without a report for the period, with the refs of the tasks they owe. */
export function missingByAgency(data: PlanData, p: Period, reports: readonly ReportRow[]): Map<string, { name: string; refs: string[] }> {
  const done = new Set(reports.filter((r) => r.period === p.deadline).map((r) => `${r.task_id}|${r.agency_id}`));
  const out = new Map<string, { name: string; refs: string[] }>();
  for (const e of expectedReports(data, p)) {
    if (done.has(`${e.task.id}|${e.agencyId}`)) continue;
    const entry = out.get(e.agencyId) ?? { name: e.agencyName, refs: [] };
    entry.refs.push(e.task.ref);
    out.set(e.agencyId, entry);
  }
  return out;
}
