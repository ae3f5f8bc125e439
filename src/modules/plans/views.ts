/**
 * Stored rows → the API views of plans and tasks, with the "6 clears" of each task and the plan's
 * score, and `can` from the same rules the services enforce (policy.ts).
 */
import type { Actor } from '../../platform/context.js';
import type { AssignmentRow, PlanRow, TaskRow } from './repo.js';
import { canManagePlans, canReportOn, type ReporterAgency } from './policy.js';
import type { AssignmentView, PlanView, ReportingDay, Timing, TaskView } from './schema.js';
import { planSixClears, sixClears } from './six-clears.js';

export function assignmentView(a: AssignmentRow): AssignmentView {
  return {
    id: a.id,
    text: a.text,
    ...(a.agency_id ? { agencyId: a.agency_id } : {}),
    ...(a.agency_name ? { agencyName: a.agency_name } : {}),
    group: a.is_group,
    ...(a.kind ? { kind: a.kind } : {}),
    ...(a.confidence !== null ? { confidence: Math.round(a.confidence * 1000) / 1000 } : {}),
    match: a.match,
  };
}

/** The timing column as the API shape (keys with undefined values dropped). */
export function timingOf(t: TaskRow['timing']): Timing {
  return Object.fromEntries(Object.entries(t).filter(([, v]) => v !== undefined && v !== null)) as Timing;
}

export function assignmentsByTask(rows: readonly AssignmentRow[]): Map<string, AssignmentRow[]> {
  const out = new Map<string, AssignmentRow[]>();
  for (const a of rows) {
    const list = out.get(a.task_id) ?? [];
    list.push(a);
    out.set(a.task_id, list);
  }
  return out;
}

export function taskView(
  t: TaskRow,
  assignments: readonly AssignmentRow[],
  refById: ReadonlyMap<string, string>,
  actor: Actor,
  reporter: ReporterAgency | null,
  planActive: boolean,
): TaskView {
  const lead = assignments.filter((a) => a.role === 'lead').sort((a, b) => a.position - b.position);
  const co = assignments.filter((a) => a.role === 'co').sort((a, b) => a.position - b.position);
  const timing = timingOf(t.timing);
  return {
    id: t.id,
    planId: t.plan_id,
    parentId: t.parent_id,
    position: t.position,
    number: t.number,
    ref: t.ref,
    section: t.parent_id ? (refById.get(t.parent_id) ?? null) : null,
    level: t.level,
    isSection: t.is_section,
    content: t.content,
    details: t.details,
    leadAgencies: lead.map(assignmentView),
    coAgencies: co.map(assignmentView),
    deliverable: t.deliverable,
    timingText: t.timing_text,
    timing,
    timingCorrected: t.timing_corrected,
    responsiblePerson: t.responsible_person,
    authority: t.authority,
    conditionMetOn: t.condition_met_on,
    indicators: t.indicators,
    sixClears: t.is_section ? null : sixClears(clearsInput(t, lead.length)),
    can: {
      edit: planActive && canManagePlans(actor),
      report: planActive && !t.is_section && canReportOn(actor, reporter, assignments),
    },
  };
}

function clearsInput(t: TaskRow, leads: number) {
  return {
    content: t.content,
    responsiblePerson: t.responsible_person,
    timing: { kind: t.timing.kind as Timing['kind'] },
    leadAgencies: Array.from({ length: leads }),
    deliverable: t.deliverable,
    authority: t.authority,
  };
}

export function planView(
  p: PlanRow,
  tasks: readonly TaskRow[],
  assignments: ReadonlyMap<string, readonly AssignmentRow[]>,
  focalAgencyName: string | null,
  actor: Actor,
  canReport: boolean,
): PlanView {
  const scored = tasks.map((t) => ({
    ...clearsInput(t, (assignments.get(t.id) ?? []).filter((a) => a.role === 'lead').length),
    isSection: t.is_section,
  }));
  let unmatched = 0;
  for (const list of assignments.values()) unmatched += list.filter((a) => a.match === 'unmatched').length;
  return {
    id: p.id,
    code: p.code,
    provinceCode: p.province_code,
    issuer: p.issuer,
    number: p.number,
    date: p.issued_on,
    year: p.year,
    place: p.place,
    title: p.title,
    legalBasis: p.legal_basis,
    reportingCalendar: p.reporting_calendar as ReportingDay[],
    focalAgency: p.focal_agency_id ? { id: p.focal_agency_id, name: focalAgencyName ?? '' } : null,
    reminderDays: p.reminder_days,
    status: p.status,
    source: { format: p.source_format, kind: p.source_kind, name: p.source_name },
    counts: {
      tasks: tasks.filter((t) => !t.is_section).length,
      sections: tasks.filter((t) => t.is_section).length,
      unmatchedAgencies: unmatched,
    },
    sixClears: planSixClears(scored),
    createdAt: p.created_at.toISOString(),
    updatedAt: p.updated_at.toISOString(),
    can: { manage: p.status === 'active' && canManagePlans(actor), report: p.status === 'active' && canReport },
  };
}
