/**
 * What a plan expects for a period: the leaf tasks active in it (periods.ts) and, for each, the
 * agencies that lead it. A lead agency that has not reported on a task for the period is
 * "missing"; reminders, escalations, the board and the DOCX report all read this one computation.
 *
 * Lead agencies are the agencies named and matched to the directory, and the members of a lead
 * group assignment whose kind is known ("UBND xã, phường" → every active agency of kind
 * `ubnd-xa` in the plan's province, as the directory lists them when the plan data is loaded).
 * A member is expected only when its role on the task is lead by the same rule that lets it
 * report (policy.ts `roleOf`): an agency also named as co-operating reports as such and is not
 * chased for a lead report. A group without a kind ("Các Sở, ban, ngành") is not enumerated:
 * policy.ts lets any agency report under it, and "any agency" is not a list one can chase.
 */
import type { Ctx } from '../../platform/context.js';
import { listActiveAgenciesOfKinds } from '../directory/index.js';
import { focalDeadlineAfter, planPeriods, reminderDay, taskActiveIn, type Period } from './periods.js';
import { roleOf } from './policy.js';
import { assignmentsOf, tasksOfPlan, type AssignmentRow, type PlanRow, type ReportRow, type TaskRow } from './repo.js';
import type { PeriodView, ReportingDay, Timing } from './schema.js';
import { assignmentsByTask } from './views.js';

export interface MemberAgency {
  id: string;
  name: string;
}

export interface PlanData {
  plan: PlanRow;
  tasks: TaskRow[];
  assignments: Map<string, AssignmentRow[]>;
  /** For each kind of a lead group assignment: the active agencies of that kind in the plan's province. */
  members: ReadonlyMap<string, readonly MemberAgency[]>;
}

/** The kinds of the lead group assignments that name one (`ubnd-xa`), each once. */
function leadGroupKinds(assignments: ReadonlyMap<string, readonly AssignmentRow[]>): string[] {
  const kinds = new Set<string>();
  for (const list of assignments.values()) for (const a of list) if (a.role === 'lead' && a.is_group && a.kind) kinds.add(a.kind);
  return [...kinds];
}

export async function loadPlanData(ctx: Ctx, plan: PlanRow): Promise<PlanData> {
  const tasks = await tasksOfPlan(ctx.db, plan.id);
  const assignments = assignmentsByTask(
    await assignmentsOf(
      ctx.db,
      tasks.map((t) => t.id),
    ),
  );
  const kinds = leadGroupKinds(assignments);
  const members = new Map<string, MemberAgency[]>();
  if (kinds.length > 0) {
    for (const a of await listActiveAgenciesOfKinds(ctx, plan.province_code, kinds)) {
      const list = members.get(a.kind) ?? [];
      list.push({ id: a.id, name: a.name });
      members.set(a.kind, list);
    }
  }
  return { plan, tasks, assignments, members };
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

/**
 * Each active task × each of its lead agencies: the matched ones in the order written, then the
 * members of its lead groups with a kind (see the header), each agency once per task.
 */
export function expectedReports(data: PlanData, p: Period): Expected[] {
  const out: Expected[] = [];
  for (const t of data.tasks) {
    if (!isActive(t, p)) continue;
    const assignments = data.assignments.get(t.id) ?? [];
    const seen = new Set<string>();
    for (const a of assignments) {
      if (a.role !== 'lead' || !a.agency_id || seen.has(a.agency_id)) continue;
      seen.add(a.agency_id);
      out.push({ task: t, agencyId: a.agency_id, agencyName: a.agency_name ?? a.text });
    }
    for (const g of assignments) {
      if (g.role !== 'lead' || !g.is_group || !g.kind) continue;
      for (const m of data.members.get(g.kind) ?? []) {
        if (seen.has(m.id) || roleOf({ id: m.id, kind: g.kind }, assignments) !== 'lead') continue;
        seen.add(m.id);
        out.push({ task: t, agencyId: m.id, agencyName: m.name });
      }
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
