/**
 * Use cases of stored plans (issue 6 point 1): create a plan with its nested tasks (from an import
 * preview, possibly edited), list and read plans and tasks with the "6 clears", edit a plan's
 * particulars and reporting calendar, correct a task (fix an agency match, correct the timing,
 * record the event a conditional task waits for). Reading needs `plans.read`, changing
 * `plans.manage`; every change and its audit row commit together. Import is in import-service.ts,
 * progress reports in reports.ts.
 */
import { recordAudit } from '../../platform/audit.js';
import { requirePermission } from '../../platform/auth/permissions.js';
import { localDateOf } from '../../platform/clocks/index.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { getAgency, listAgencies, matchAgency } from '../directory/index.js';
import { planErrors as E } from './errors.js';
import { AUTO_MATCH_CONFIDENCE, type AgencyMatch, type AgencyMatcher } from './match.js';
import { calendarFromDeadlines } from './periods.js';
import { canReportOn, type ReporterAgency } from './policy.js';
import {
  assignmentsOf,
  findPlan,
  findTask,
  insertAssignments,
  insertPlan,
  insertTask,
  listPlanRows,
  lockPlan,
  nextPlanCode,
  tasksOfPlan,
  tasksOfPlans,
  updateAssignment,
  updatePlanRow,
  updateTaskRow,
  type PlanRow,
} from './repo.js';
import {
  timing as timingSchema,
  type CreatePlanInput,
  type ImportCommitted,
  type ImportWarning,
  type ListPlansQuery,
  type PlanView,
  type TaskView,
  type Timing,
  type UpdatePlanInput,
  type UpdateTaskInput,
} from './schema.js';
import { parseTiming } from './timing.js';
import { assignmentsByTask, planView, taskView } from './views.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The province this installation serves: plans belong to it. */
export const provinceOf = (ctx: Ctx): string => ctx.deps.config.PROVINCE_CODE;

/** The directory matcher for this province (the import's `AgencyMatcher`). */
export function directoryMatcher(ctx: Ctx): AgencyMatcher {
  return async (text) => {
    const m = await matchAgency(ctx, text, { provinceCode: provinceOf(ctx), limit: 5 });
    return { kind: m.kind, candidates: m.candidates.map((c) => ({ agencyId: c.agencyId, name: c.name, confidence: c.confidence })) };
  };
}

/** An agency of this province by id, or a validation error (`plan.unknown_agency`). */
export async function provinceAgency(ctx: Ctx, id: string): Promise<{ id: string; name: string; kind: string }> {
  if (!UUID.test(id)) throw E.unknownAgency(id);
  try {
    const a = await getAgency(ctx, id);
    if (a.provinceCode !== provinceOf(ctx) || !a.active) throw E.unknownAgency(id);
    return { id: a.id, name: a.name, kind: a.kind };
  } catch (e) {
    if (e instanceof AppError && e.kind === 'not_found') throw E.unknownAgency(id);
    throw e;
  }
}

/** The focal agency by default: the provincial Department of Industry and Trade (Law 19/2023 Art. 75). */
async function defaultFocalAgency(ctx: Ctx): Promise<string | null> {
  const r = await listAgencies(ctx, { kind: 'so-cong-thuong', level: 'province', provinceCode: provinceOf(ctx), page: 1, pageSize: 1 });
  return r.data[0]?.id ?? (ctx.actor.type === 'user' ? ctx.actor.agencyId : null);
}

/** The actor's own agency, for reporting rules; null for users without one. */
export async function reporterOf(ctx: Ctx): Promise<ReporterAgency | null> {
  if (ctx.actor.type !== 'user' || !ctx.actor.agencyId) return null;
  try {
    const a = await getAgency(ctx, ctx.actor.agencyId);
    return { id: a.id, kind: a.kind };
  } catch {
    return null;
  }
}

export async function loadPlan(ctx: Ctx, id: string): Promise<PlanRow> {
  const p = UUID.test(id) ? await findPlan(ctx.db, id) : undefined;
  if (!p || p.province_code !== provinceOf(ctx)) throw E.planNotFound();
  return p;
}

async function agencyName(ctx: Ctx, id: string | null): Promise<string | null> {
  if (!id) return null;
  try {
    return (await getAgency(ctx, id)).name;
  } catch {
    return null;
  }
}

// ── reading ─────────────────────────────────────────────────────────────────

async function viewsOf(ctx: Ctx, plans: readonly PlanRow[]): Promise<PlanView[]> {
  const tasks = await tasksOfPlans(
    ctx.db,
    plans.map((p) => p.id),
  );
  const byTask = assignmentsByTask(
    await assignmentsOf(
      ctx.db,
      tasks.map((t) => t.id),
    ),
  );
  const reporter = await reporterOf(ctx);
  const out: PlanView[] = [];
  for (const p of plans) {
    const own = tasks.filter((t) => t.plan_id === p.id);
    const assignments = new Map(own.map((t) => [t.id, byTask.get(t.id) ?? []]));
    const canReport = own.some((t) => !t.is_section && canReportOn(ctx.actor, reporter, assignments.get(t.id) ?? []));
    out.push(planView(p, own, assignments, await agencyName(ctx, p.focal_agency_id), ctx.actor, canReport));
  }
  return out;
}

export async function listPlans(
  ctx: Ctx,
  q: ListPlansQuery,
): Promise<{ data: PlanView[]; page: { page: number; pageSize: number; total: number } }> {
  requirePermission(ctx, 'plans.read');
  const { rows, total } = await listPlanRows(ctx.db, {
    provinceCode: provinceOf(ctx),
    status: q.status,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  return { data: await viewsOf(ctx, rows), page: { page: q.page, pageSize: q.pageSize, total } };
}

export async function getPlan(ctx: Ctx, id: string): Promise<PlanView> {
  requirePermission(ctx, 'plans.read');
  const [view] = await viewsOf(ctx, [await loadPlan(ctx, id)]);
  return view!;
}

export async function listTasks(ctx: Ctx, planId: string): Promise<{ data: TaskView[] }> {
  requirePermission(ctx, 'plans.read');
  const plan = await loadPlan(ctx, planId);
  const tasks = await tasksOfPlan(ctx.db, plan.id);
  const byTask = assignmentsByTask(
    await assignmentsOf(
      ctx.db,
      tasks.map((t) => t.id),
    ),
  );
  const refById = new Map(tasks.map((t) => [t.id, t.ref]));
  const reporter = await reporterOf(ctx);
  return {
    data: tasks.map((t) => taskView(t, byTask.get(t.id) ?? [], refById, ctx.actor, reporter, plan.status === 'active')),
  };
}

async function loadTaskView(ctx: Ctx, plan: PlanRow, taskId: string): Promise<TaskView> {
  const t = await findTask(ctx.db, plan.id, taskId);
  if (!t) throw E.taskNotFound();
  const parent = t.parent_id ? await findTask(ctx.db, plan.id, t.parent_id) : undefined;
  const refById = new Map(parent ? [[parent.id, parent.ref]] : []);
  return taskView(t, await assignmentsOf(ctx.db, [t.id]), refById, ctx.actor, await reporterOf(ctx), plan.status === 'active');
}

export async function getTask(ctx: Ctx, planId: string, taskId: string): Promise<TaskView> {
  requirePermission(ctx, 'plans.read');
  const plan = await loadPlan(ctx, planId);
  if (!UUID.test(taskId)) throw E.taskNotFound();
  return loadTaskView(ctx, plan, taskId);
}

// ── creating ────────────────────────────────────────────────────────────────

interface ResolvedAgency {
  text: string;
  agency_id: string | null;
  agency_name: string | null;
  is_group: boolean;
  kind: string | null;
  confidence: number | null;
  match: 'auto' | 'manual' | 'group' | 'unmatched';
}

/** Matches one agency as written: a group keeps its kind; a chosen id is checked; otherwise the matcher decides. */
async function resolveAgency(
  ctx: Ctx,
  a: { text: string; group: boolean; agencyId?: string | undefined },
  lookup: (text: string) => Promise<AgencyMatch>,
): Promise<ResolvedAgency> {
  const m = await lookup(a.text);
  const best = m.candidates[0];
  const base = { text: a.text, is_group: a.group, kind: m.kind };
  if (a.group) return { ...base, agency_id: null, agency_name: null, confidence: m.kind ? 1 : 0, match: 'group' };
  if (a.agencyId) {
    const chosen = await provinceAgency(ctx, a.agencyId);
    const auto = best && best.agencyId === chosen.id && best.confidence >= AUTO_MATCH_CONFIDENCE;
    return {
      ...base,
      kind: chosen.kind,
      agency_id: chosen.id,
      agency_name: chosen.name,
      confidence: auto ? best.confidence : 1,
      match: auto ? 'auto' : 'manual',
    };
  }
  if (best && best.confidence >= AUTO_MATCH_CONFIDENCE) {
    return { ...base, agency_id: best.agencyId, agency_name: best.name, confidence: best.confidence, match: 'auto' };
  }
  return { ...base, agency_id: null, agency_name: null, confidence: best?.confidence ?? 0, match: 'unmatched' };
}

/** A task's timing as sent, when it is a valid parsed form; otherwise its text parsed again. */
function timingFrom(t: { text: string } & Record<string, unknown>, planYear: number): Timing {
  const parsed = timingSchema.safeParse(t);
  if (parsed.success) return parsed.data;
  return parseTiming(t.text, { planYear });
}

/**
 * Creates a plan with its tasks in one transaction (issue 6 point 3: "commits in one transaction").
 * Sections must come before their tasks and refs are unique. Agency names are matched against the
 * province's directory; a name the officer did not fix is kept and flagged (`match = unmatched`),
 * never dropped. The reporting calendar comes from the plan's text unless given.
 */
export async function createPlan(ctx: Ctx, input: CreatePlanInput, opts: { warnings?: ImportWarning[] } = {}): Promise<ImportCommitted> {
  requirePermission(ctx, 'plans.manage');
  const p = input.plan;
  const year = p.year ?? (p.date ? +p.date.slice(0, 4) : +localDateOf(ctx.now()).slice(0, 4));
  const refs = new Set<string>();
  for (const t of input.tasks) {
    if (refs.has(t.ref)) throw E.duplicateRef(t.ref);
    if (t.section !== null && !refs.has(t.section)) throw E.unknownSection(t.section);
    refs.add(t.ref);
  }
  const focal = p.focalAgencyId ? (await provinceAgency(ctx, p.focalAgencyId)).id : await defaultFocalAgency(ctx);
  const matcher = directoryMatcher(ctx);
  const cache = new Map<string, Promise<AgencyMatch>>();
  const lookup = (text: string) => {
    let m = cache.get(text);
    if (!m) cache.set(text, (m = matcher(text)));
    return m;
  };
  const resolved: { lead: ResolvedAgency[]; co: ResolvedAgency[] }[] = [];
  for (const t of input.tasks) {
    const lead: ResolvedAgency[] = [];
    for (const a of t.leadAgencies) lead.push(await resolveAgency(ctx, a, lookup));
    const co: ResolvedAgency[] = [];
    for (const a of t.coAgencies) co.push(await resolveAgency(ctx, a, lookup));
    resolved.push({ lead, co });
  }
  const calendar = p.reportingCalendar ?? calendarFromDeadlines(p.reportingDeadlines ?? []);

  return inTransaction(ctx, async (tx) => {
    const code = await nextPlanCode(tx.db, year);
    const planId = await insertPlan(tx.db, {
      code,
      province_code: provinceOf(tx),
      issuer: p.issuer ?? null,
      number: p.number ?? null,
      issued_on: p.date ?? null,
      year,
      place: p.place ?? null,
      title: p.title,
      legal_basis: JSON.stringify(p.legalBasis),
      reporting_calendar: JSON.stringify(calendar),
      focal_agency_id: focal,
      ...(p.reminderDays !== undefined ? { reminder_days: p.reminderDays } : {}),
      source_format: input.source?.format ?? 'manual',
      source_kind: input.source?.kind ?? null,
      source_name: input.source?.name ?? null,
      created_by: tx.actor.type === 'user' ? tx.actor.userId : null,
      created_at: tx.now(),
      updated_at: tx.now(),
    });
    const idByRef = new Map<string, string>();
    let unmatched = 0;
    for (const [i, t] of input.tasks.entries()) {
      const timing = timingFrom(t.timing, year);
      const id = await insertTask(tx.db, {
        plan_id: planId,
        parent_id: t.section !== null ? idByRef.get(t.section)! : null,
        position: i + 1,
        number: t.number,
        ref: t.ref,
        level: t.level,
        is_section: t.isSection,
        content: t.content,
        details: t.details ?? null,
        deliverable: t.deliverable,
        timing_text: t.originalTimingText ?? t.timing.text,
        timing: JSON.stringify(timing),
        timing_corrected: t.originalTimingText !== undefined && t.originalTimingText !== t.timing.text,
        responsible_person: t.responsiblePerson?.trim() || null,
        authority: t.authority?.trim() || null,
      });
      idByRef.set(t.ref, id);
      const r = resolved[i]!;
      const rows = [
        ...r.lead.map((a, position) => ({ ...a, task_id: id, role: 'lead' as const, position })),
        ...r.co.map((a, position) => ({ ...a, task_id: id, role: 'co' as const, position })),
      ];
      unmatched += rows.filter((a) => a.match === 'unmatched').length;
      await insertAssignments(tx.db, rows);
    }
    await recordAudit(tx, {
      action: 'plan.create',
      entityType: 'plan',
      entityId: planId,
      summary: { code, tasks: input.tasks.length, unmatchedAgencies: unmatched, source: input.source?.format ?? 'manual' },
    });
    return {
      id: planId,
      code,
      tasks: input.tasks.filter((t) => !t.isSection).length,
      unmatchedAgencies: unmatched,
      warnings: opts.warnings ?? [],
    };
  });
}

// ── changing ────────────────────────────────────────────────────────────────

/** Edits a plan's particulars, focal agency, reporting calendar, reminder lead time or status. */
export async function updatePlan(ctx: Ctx, id: string, input: UpdatePlanInput): Promise<PlanView> {
  requirePermission(ctx, 'plans.manage');
  await loadPlan(ctx, id);
  const focal = input.focalAgencyId ? (await provinceAgency(ctx, input.focalAgencyId)).id : input.focalAgencyId;
  await inTransaction(ctx, async (tx) => {
    const cur = (await lockPlan(tx.db, id))!;
    if (cur.status === 'archived' && input.status !== 'active') throw E.archived();
    await updatePlanRow(tx.db, id, {
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.issuer !== undefined ? { issuer: input.issuer || null } : {}),
      ...(input.number !== undefined ? { number: input.number || null } : {}),
      ...(input.date !== undefined ? { issued_on: input.date } : {}),
      ...(focal !== undefined ? { focal_agency_id: focal } : {}),
      ...(input.reportingCalendar !== undefined ? { reporting_calendar: JSON.stringify(input.reportingCalendar) } : {}),
      ...(input.reminderDays !== undefined ? { reminder_days: input.reminderDays } : {}),
      ...(input.status !== undefined ? { status: input.status } : {}),
    });
    await recordAudit(tx, {
      action: 'plan.update',
      entityType: 'plan',
      entityId: id,
      summary: { code: cur.code, changed: Object.keys(input).filter((k) => (input as Record<string, unknown>)[k] !== undefined) },
    });
  });
  return getPlan(ctx, id);
}

/**
 * Corrects a task: an officer fixes an agency the matcher could not place (or placed wrongly),
 * corrects the timing (the original phrase is kept in the timing's `text`; `timingCorrected`),
 * fills the responsible person, deliverable or authority (the "6 clears"), or records the day the
 * event a conditional task waits for happened. Audited with what changed.
 */
export async function updateTask(ctx: Ctx, planId: string, taskId: string, input: UpdateTaskInput): Promise<TaskView> {
  requirePermission(ctx, 'plans.manage');
  const plan = await loadPlan(ctx, planId);
  if (!UUID.test(taskId)) throw E.taskNotFound();
  const fixes: { id: string; agency: { id: string; name: string } | null }[] = [];
  for (const f of input.agencies ?? []) fixes.push({ id: f.id, agency: f.agencyId ? await provinceAgency(ctx, f.agencyId) : null });
  await inTransaction(ctx, async (tx) => {
    const locked = (await lockPlan(tx.db, plan.id))!;
    if (locked.status !== 'active') throw E.archived();
    const task = await findTask(tx.db, plan.id, taskId);
    if (!task) throw E.taskNotFound();
    const assignments = await assignmentsOf(tx.db, [task.id]);
    const summary: Record<string, unknown> = { planId: plan.id, ref: task.ref };
    const changed: string[] = [];
    for (const f of fixes) {
      const a = assignments.find((x) => x.id === f.id);
      if (!a) throw E.unknownAssignment(f.id);
      if (a.is_group) throw E.groupAssignment();
      await updateAssignment(tx.db, a.id, {
        agency_id: f.agency?.id ?? null,
        agency_name: f.agency?.name ?? null,
        match: f.agency ? 'manual' : 'unmatched',
        confidence: f.agency ? 1 : a.confidence,
      });
      changed.push('agencies');
      ((summary.agencies ??= []) as unknown[]).push({ text: a.text, role: a.role, from: a.agency_id, to: f.agency?.id ?? null });
    }
    const values: Parameters<typeof updateTaskRow>[2] = {};
    if (input.content !== undefined) values.content = input.content;
    if (input.deliverable !== undefined) values.deliverable = input.deliverable;
    if (input.responsiblePerson !== undefined) values.responsible_person = input.responsiblePerson || null;
    if (input.authority !== undefined) values.authority = input.authority || null;
    if (input.conditionMetOn !== undefined) values.condition_met_on = input.conditionMetOn;
    const year = plan.year ?? +localDateOf(tx.now()).slice(0, 4);
    const newTiming = input.timing ?? (input.timingText !== undefined ? parseTiming(input.timingText, { planYear: year }) : undefined);
    if (newTiming) {
      values.timing = JSON.stringify(newTiming);
      values.timing_corrected = true;
      summary.timing = { from: task.timing, to: newTiming, original: task.timing_text };
    }
    changed.push(...Object.keys(values).filter((k) => k !== 'timing_corrected'));
    if (Object.keys(values).length > 0) await updateTaskRow(tx.db, task.id, values);
    await recordAudit(tx, {
      action: 'plan.task_update',
      entityType: 'plan_task',
      entityId: task.id,
      summary: { ...summary, changed: [...new Set(changed)], ...(input.reason ? { reason: input.reason } : {}) },
    });
  });
  return loadTaskView(ctx, plan, taskId);
}
