/**
 * Progress reporting (issue 6 point 4): each lead agency reports per task and period (status,
 * narrative, evidence files); co-operating agencies add contributions. Reporting needs
 * `plans.report` and the agency's assignment to the task (policy.ts); managers may record a
 * report on behalf of an assigned agency. The focal agency reads the consolidated board by agency
 * and by section with a timeline, and urges (đôn đốc) an agency with a logged notice sent through
 * the outbox. Every change is audited in its transaction.
 */
import { recordAudit } from '../../platform/audit.js';
import { requirePermission } from '../../platform/auth/permissions.js';
import { localDateOf } from '../../platform/clocks/index.js';
import { inTransaction, type Ctx, type Deps } from '../../platform/context.js';
import { formatDate } from '../../platform/i18n.js';
import { enqueue } from '../../platform/outbox.js';
import { createFsStorage, sniffType, type FileStorage } from '../../platform/storage.js';
import { planErrors as E } from './errors.js';
import { computeIndicators, rangeOfPeriod } from './indicators.js';
import { periodOf } from './periods.js';
import { canManagePlans, roleOf } from './policy.js';
import { calendarOf, expectedReports, loadPlanData, missingByAgency, periodsOf, planStart } from './progress.js';
import {
  agencyStaffEmails,
  evidenceOf,
  findReport,
  findTask,
  insertEvidence,
  insertNotice,
  noticesOfPlan,
  reportsOfPlan,
  reportsOfTask,
  setNoticeRecipients,
  upsertReport,
  type EvidenceRow,
  type PlanRow,
  type ReportRow,
} from './repo.js';
import {
  reportStatuses,
  type BoardView,
  type NoticeView,
  type ReportInput,
  type ReportStatus,
  type ReportView,
  type UrgeInput,
} from './schema.js';
import { loadPlan, provinceAgency } from './service.js';
import { timelineText } from './texts.js';

export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;
export const MAX_EVIDENCE_PER_REPORT = 10;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const storages = new WeakMap<Deps, FileStorage>();
function storageFor(deps: Deps): FileStorage {
  let s = storages.get(deps);
  if (!s) storages.set(deps, (s = createFsStorage(deps.config.DATA_DIR)));
  return s;
}

function reportView(
  r: ReportRow,
  refOf: (taskId: string) => string,
  agencyNameOf: (id: string) => string,
  evidence: readonly EvidenceRow[],
): ReportView {
  return {
    id: r.id,
    taskId: r.task_id,
    taskRef: refOf(r.task_id),
    agency: { id: r.agency_id, name: agencyNameOf(r.agency_id) },
    period: r.period,
    role: r.role,
    status: r.status,
    narrative: r.narrative,
    kpis: r.kpis,
    submittedBy: r.submitted_by_name,
    submittedAt: r.submitted_at.toISOString(),
    evidence: evidence
      .filter((e) => e.report_id === r.id)
      .map((e) => ({
        id: e.id,
        filename: e.filename,
        mediaType: e.media_type,
        sizeBytes: e.size_bytes,
        createdAt: e.created_at.toISOString(),
      })),
  };
}

/** Names of the agencies assigned in a plan (the directory's name when matched), then of its groups' members. */
function agencyNames(data: Awaited<ReturnType<typeof loadPlanData>>): Map<string, string> {
  const out = new Map<string, string>();
  for (const list of data.assignments.values()) for (const a of list) if (a.agency_id) out.set(a.agency_id, a.agency_name ?? a.text);
  for (const list of data.members.values()) for (const m of list) if (!out.has(m.id)) out.set(m.id, m.name);
  return out;
}

async function reportViews(ctx: Ctx, plan: PlanRow, rows: readonly ReportRow[]): Promise<ReportView[]> {
  const data = await loadPlanData(ctx, plan);
  const refs = new Map(data.tasks.map((t) => [t.id, t.ref]));
  const names = agencyNames(data);
  const missing = [...new Set(rows.map((r) => r.agency_id).filter((id) => !names.has(id)))];
  for (const id of missing) names.set(id, (await provinceAgency(ctx, id).catch(() => ({ name: '' }))).name);
  const evidence = await evidenceOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  return rows.map((r) =>
    reportView(
      r,
      (id) => refs.get(id) ?? '',
      (id) => names.get(id) ?? '',
      evidence,
    ),
  );
}

/** The reports on one task, latest period first. */
export async function listTaskReports(ctx: Ctx, planId: string, taskId: string): Promise<{ data: ReportView[] }> {
  requirePermission(ctx, 'plans.read');
  const plan = await loadPlan(ctx, planId);
  const task = UUID.test(taskId) ? await findTask(ctx.db, plan.id, taskId) : undefined;
  if (!task) throw E.taskNotFound();
  return { data: await reportViews(ctx, plan, await reportsOfTask(ctx.db, task.id)) };
}

/**
 * An agency reports on a task for a period (one report per task, agency and period; a later
 * submission replaces the earlier, both audited). The period must be one of the plan's
 * (its agencies' deadlines); the agency must lead or co-operate on the task.
 */
export async function submitReport(
  ctx: Ctx,
  planId: string,
  taskId: string,
  input: ReportInput,
): Promise<{ created: boolean; report: ReportView }> {
  requirePermission(ctx, 'plans.report');
  const plan = await loadPlan(ctx, planId);
  if (plan.status !== 'active') throw E.archived();
  const task = UUID.test(taskId) ? await findTask(ctx.db, plan.id, taskId) : undefined;
  if (!task) throw E.taskNotFound();
  if (task.is_section) throw E.sectionHasNoReport();
  const actor = ctx.actor;
  const own = actor.agencyId;
  const agencyId = input.agencyId ?? own;
  if (!agencyId) throw E.noAgency();
  if (!canManagePlans(actor) && agencyId !== own) throw E.notAssigned();
  const agency = await provinceAgency(ctx, agencyId);
  const data = await loadPlanData(ctx, plan);
  const role = roleOf({ id: agency.id, kind: agency.kind }, data.assignments.get(task.id) ?? []);
  if (!role) throw E.notAssigned();
  if (calendarOf(plan).every((d) => d.audience !== 'agencies')) throw E.noReportingCalendar();
  const period = periodOf(calendarOf(plan), planStart(plan), input.period);
  if (!period) throw E.periodNotInPlan(input.period);
  // The figures the system holds for the period replace typing them: stored as submitted.
  const kpis = task.indicators.length
    ? await computeIndicators({ ctx, provinceCode: plan.province_code }, rangeOfPeriod(period), task.indicators)
    : [];

  const { id, created } = await inTransaction(ctx, async (tx) => {
    const r = await upsertReport(tx.db, {
      task_id: task.id,
      agency_id: agency.id,
      period: input.period,
      role,
      status: input.status,
      narrative: input.narrative,
      kpis: JSON.stringify(kpis),
      submitted_by: actor.userId,
      submitted_at: tx.now(),
    });
    await recordAudit(tx, {
      action: r.created ? 'plan.report_submit' : 'plan.report_update',
      entityType: 'plan_report',
      entityId: r.id,
      summary: { planId: plan.id, ref: task.ref, period: input.period, agencyId: agency.id, role, status: input.status },
    });
    return r;
  });
  const row = (await findReport(ctx.db, plan.id, id))!;
  const [view] = await reportViews(ctx, plan, [row]);
  return { created, report: view! };
}

/** Adds an evidence file to a report (JPEG, PNG, PDF or DOCX by its bytes; ≤ 10 MB; ≤ 10 per report). */
export async function addEvidence(
  ctx: Ctx,
  planId: string,
  reportId: string,
  file: { filename: string; bytes: Buffer },
): Promise<ReportView> {
  requirePermission(ctx, 'plans.report');
  const plan = await loadPlan(ctx, planId);
  const report = UUID.test(reportId) ? await findReport(ctx.db, plan.id, reportId) : undefined;
  if (!report) throw E.reportNotFound();
  if (!canManagePlans(ctx.actor) && report.agency_id !== ctx.actor.agencyId) throw E.notAssigned();
  if (file.bytes.length > MAX_EVIDENCE_BYTES) throw E.evidenceTooLarge();
  const type = sniffType(file.bytes);
  if (!type) throw E.evidenceType();
  if ((await evidenceOf(ctx.db, [report.id])).length >= MAX_EVIDENCE_PER_REPORT) throw E.tooManyEvidence();
  const stored = await storageFor(ctx.deps).put(file.bytes);
  const filename =
    file.filename
      .normalize('NFC')
      .replace(/^.*[\\/]/, '')
      .replace(/[\u0000-\u001f<>:"|?*]/g, '_')
      .slice(0, 200) || 'minh-chung';
  await inTransaction(ctx, async (tx) => {
    const e = await insertEvidence(tx.db, {
      report_id: report.id,
      filename,
      media_type: type,
      size_bytes: stored.size,
      sha256: stored.sha256,
      storage_key: stored.key,
      created_by: ctx.actor.type === 'user' ? ctx.actor.userId : null,
    });
    await recordAudit(tx, {
      action: 'plan.evidence_add',
      entityType: 'plan_report',
      entityId: report.id,
      summary: { planId: plan.id, evidenceId: e.id, mediaType: type, sizeBytes: stored.size, sha256: stored.sha256 },
    });
  });
  const [view] = await reportViews(ctx, plan, [report]);
  return view!;
}

export async function readEvidence(
  ctx: Ctx,
  planId: string,
  reportId: string,
  evidenceId: string,
): Promise<{ filename: string; mediaType: string; bytes: Buffer }> {
  requirePermission(ctx, 'plans.read');
  const plan = await loadPlan(ctx, planId);
  const report = UUID.test(reportId) ? await findReport(ctx.db, plan.id, reportId) : undefined;
  if (!report) throw E.reportNotFound();
  const e = (await evidenceOf(ctx.db, [report.id])).find((x) => x.id === evidenceId);
  if (!e) throw E.evidenceNotFound();
  return { filename: e.filename, mediaType: e.media_type, bytes: await storageFor(ctx.deps).get(e.storage_key) };
}

const zero = (): Record<ReportStatus, number> => Object.fromEntries(reportStatuses.map((s) => [s, 0])) as Record<ReportStatus, number>;

/**
 * The consolidated board for one period (default: the current one, whose deadline is today or
 * next): per lead agency, what it owes and what it reported; per section, the tasks' statuses;
 * and a timeline of reports, reminders, escalations and urging notices.
 */
export async function planBoard(ctx: Ctx, planId: string, period?: string): Promise<BoardView> {
  requirePermission(ctx, 'plans.read');
  const plan = await loadPlan(ctx, planId);
  const today = localDateOf(ctx.now());
  const periods = periodsOf(plan, period && period > today ? period : today);
  const current = period
    ? periods.find((p) => p.deadline === period)
    : (periods.find((p) => p.deadline >= today) ?? periods[periods.length - 1]);
  if (period && !current) throw E.periodNotInPlan(period);
  const base = { plan: { id: plan.id, code: plan.code, title: plan.title }, periods };
  if (!current) return { ...base, period: null, closed: false, byAgency: [], bySection: [], timeline: [] };
  const data = await loadPlanData(ctx, plan);
  const reports = await reportsOfPlan(ctx.db, plan.id, current.deadline);
  const notices = await noticesOfPlan(ctx.db, plan.id, current.deadline);
  const closed = today > current.deadline;
  const missing = missingByAgency(data, current, reports);
  const names = agencyNames(data);

  const byAgency = new Map<string, BoardView['byAgency'][number]>();
  const entry = (id: string) => {
    let e = byAgency.get(id);
    if (!e) {
      e = {
        agencyId: id,
        agencyName: names.get(id) ?? '',
        expected: 0,
        reported: 0,
        missing: [],
        contributions: 0,
        statuses: zero(),
        reminded: false,
        escalated: false,
        urged: 0,
      };
      byAgency.set(id, e);
    }
    return e;
  };
  for (const x of expectedReports(data, current)) entry(x.agencyId).expected++;
  for (const r of reports) {
    const e = entry(r.agency_id);
    if (r.role === 'lead') {
      e.reported++;
      e.statuses[r.status]++;
    } else e.contributions++;
  }
  for (const [id, m] of missing) entry(id).missing = m.refs;
  for (const n of notices) {
    const e = entry(n.agency_id);
    if (n.kind === 'reminder') e.reminded = true;
    else if (n.kind === 'escalation') e.escalated = true;
    else e.urged++;
  }

  // By section: the latest lead report of each active task (worst status when several agencies lead).
  const rank: Record<ReportStatus, number> = { overdue: 0, at_risk: 1, not_started: 2, on_track: 3, done: 4 };
  const parentRef = new Map(
    data.tasks.map((t) => [t.id, t.parent_id ? (data.tasks.find((p) => p.id === t.parent_id)?.ref ?? null) : null]),
  );
  const sections = new Map<string | null, BoardView['bySection'][number]>();
  for (const t of data.tasks) {
    if (!expectedReports({ ...data, tasks: [t] }, current).length && !reports.some((r) => r.task_id === t.id)) continue;
    const ref = parentRef.get(t.id) ?? null;
    let s = sections.get(ref);
    if (!s) {
      const parent = data.tasks.find((p) => p.ref === ref);
      s = { ref, content: parent?.content ?? 'Nhiệm vụ không thuộc mục nào', tasks: 0, reported: 0, statuses: zero() };
      sections.set(ref, s);
    }
    s.tasks++;
    const own = reports.filter((r) => r.task_id === t.id && r.role === 'lead');
    if (own.length) {
      s.reported++;
      s.statuses[own.map((r) => r.status).sort((a, b) => rank[a] - rank[b])[0]!]++;
    } else if (closed) s.statuses.overdue++;
  }

  const refs = new Map(data.tasks.map((t) => [t.id, t.ref]));
  const timeline: BoardView['timeline'] = [
    ...reports.map((r) => {
      const e = { kind: 'report' as const, refs: [refs.get(r.task_id) ?? ''], role: r.role, status: r.status };
      return { at: r.submitted_at.toISOString(), agencyName: names.get(r.agency_id) ?? '', ...e, text: timelineText('vi', e) };
    }),
    ...notices.map((n) => {
      const e = { kind: n.kind, refs: n.task_refs, ...(n.kind === 'urge' ? { message: n.message ?? '' } : {}) };
      return { at: n.created_at.toISOString(), agencyName: names.get(n.agency_id) ?? '', ...e, text: timelineText('vi', e) };
    }),
  ].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));

  return {
    ...base,
    period: current,
    closed,
    byAgency: [...byAgency.values()].sort((a, b) => b.missing.length - a.missing.length || a.agencyName.localeCompare(b.agencyName, 'vi')),
    bySection: [...sections.values()],
    timeline,
  };
}

/** Urges (đôn đốc) an agency about a period: a logged notice, and a message to its staff through the outbox. */
export async function urgeAgency(ctx: Ctx, planId: string, input: UrgeInput): Promise<NoticeView> {
  requirePermission(ctx, 'plans.manage');
  const plan = await loadPlan(ctx, planId);
  if (plan.status !== 'active') throw E.archived();
  const agency = await provinceAgency(ctx, input.agencyId);
  if (!periodOf(calendarOf(plan), planStart(plan), input.period)) throw E.periodNotInPlan(input.period);
  const data = await loadPlanData(ctx, plan);
  const refs =
    missingByAgency(data, { deadline: input.period, start: planStart(plan) }, await reportsOfPlan(ctx.db, plan.id, input.period)).get(
      agency.id,
    )?.refs ?? [];
  return inTransaction(ctx, async (tx) => {
    const id = await insertNotice(tx.db, {
      plan_id: plan.id,
      agency_id: agency.id,
      period: input.period,
      kind: 'urge',
      task_refs: JSON.stringify(refs),
      message: input.message,
      created_by: ctx.actor.type === 'user' ? ctx.actor.userId : null,
      created_at: tx.now(),
    });
    const to = await agencyStaffEmails(tx.db, agency.id);
    const base = tx.deps.config.APP_BASE_URL.replace(/\/$/, '');
    for (const email of to)
      await enqueue(tx, 'mail.send', {
        to: email,
        subject: `Đôn đốc thực hiện ${plan.code}: kỳ báo cáo ${formatDate(input.period)}`,
        text: `${input.message}\n\nNhiệm vụ chưa báo cáo: ${refs.join(', ') || '—'}\n${base}/plans/${plan.id}`,
      });
    await setNoticeRecipients(tx.db, id, to.length);
    await recordAudit(tx, {
      action: 'plan.urge',
      entityType: 'plan',
      entityId: plan.id,
      summary: { agencyId: agency.id, period: input.period, refs },
    });
    return {
      id,
      kind: 'urge' as const,
      agencyId: agency.id,
      period: input.period,
      taskRefs: refs,
      message: input.message,
      recipients: to.length,
      createdAt: tx.now().toISOString(),
    };
  });
}
