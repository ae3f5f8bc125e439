/**
 * Kysely queries for the tables the plans module owns: plan, plan_task, plan_task_agency,
 * plan_report, plan_report_evidence, plan_notice. No permissions, no transactions: the services do
 * both. `date` columns are selected as text ('YYYY-MM-DD').
 */
import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Ctx } from '../../platform/context.js';
import type {
  PlanNoticeTable,
  PlanReportEvidenceTable,
  PlanReportTable,
  PlanTable,
  PlanTaskAgencyTable,
  PlanTaskTable,
} from '../../db/schema.js';

type Db = Ctx['db'];

export type PlanRow = Omit<Selectable<PlanTable>, 'issued_on'> & { issued_on: string | null };
export type TaskRow = Omit<Selectable<PlanTaskTable>, 'condition_met_on'> & { condition_met_on: string | null };
export type AssignmentRow = Selectable<PlanTaskAgencyTable>;
export type ReportRow = Omit<Selectable<PlanReportTable>, 'period'> & { period: string; submitted_by_name: string | null };
export type EvidenceRow = Selectable<PlanReportEvidenceTable>;
export type NoticeRow = Omit<Selectable<PlanNoticeTable>, 'period'> & { period: string };

// ── plans ───────────────────────────────────────────────────────────────────

export async function nextPlanCode(db: Db, year: number): Promise<string> {
  const r = await sql<{ n: string }>`select nextval('plan_code_seq')::text as n`.execute(db);
  return `KH-${year}-${r.rows[0]!.n.padStart(4, '0')}`;
}

export async function insertPlan(db: Db, values: Insertable<PlanTable>): Promise<string> {
  const row = await db.insertInto('plan').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

function plansQuery(db: Db) {
  return db
    .selectFrom('plan')
    .selectAll('plan')
    .select(sql<string | null>`plan.issued_on::text`.as('issued_on'));
}

export async function findPlan(db: Db, id: string): Promise<PlanRow | undefined> {
  return plansQuery(db).where('plan.id', '=', id).executeTakeFirst();
}

export async function lockPlan(db: Db, id: string): Promise<PlanRow | undefined> {
  return plansQuery(db).where('plan.id', '=', id).forUpdate().executeTakeFirst();
}

export async function listPlanRows(
  db: Db,
  q: { provinceCode: string; status: 'active' | 'archived' | 'all'; limit: number; offset: number },
): Promise<{ rows: PlanRow[]; total: number }> {
  let base = db.selectFrom('plan').where('province_code', '=', q.provinceCode);
  if (q.status !== 'all') base = base.where('status', '=', q.status);
  const total = await base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  let rows = plansQuery(db).where('plan.province_code', '=', q.provinceCode);
  if (q.status !== 'all') rows = rows.where('plan.status', '=', q.status);
  return {
    rows: await rows.orderBy('plan.created_at', 'desc').orderBy('plan.id').limit(q.limit).offset(q.offset).execute(),
    total: Number(total.n),
  };
}

export async function listActivePlans(db: Db): Promise<PlanRow[]> {
  return plansQuery(db).where('plan.status', '=', 'active').orderBy('plan.created_at').execute();
}

export async function updatePlanRow(db: Db, id: string, values: Updateable<PlanTable>): Promise<void> {
  await db
    .updateTable('plan')
    .set({ ...values, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .execute();
}

// ── tasks and assignments ───────────────────────────────────────────────────

export async function insertTask(db: Db, values: Insertable<PlanTaskTable>): Promise<string> {
  const row = await db.insertInto('plan_task').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function insertAssignments(db: Db, values: Insertable<PlanTaskAgencyTable>[]): Promise<void> {
  if (values.length > 0) await db.insertInto('plan_task_agency').values(values).execute();
}

function tasksQuery(db: Db) {
  return db
    .selectFrom('plan_task')
    .selectAll('plan_task')
    .select(sql<string | null>`plan_task.condition_met_on::text`.as('condition_met_on'));
}

export async function tasksOfPlan(db: Db, planId: string): Promise<TaskRow[]> {
  return tasksQuery(db).where('plan_task.plan_id', '=', planId).orderBy('plan_task.position').execute();
}

export async function tasksOfPlans(db: Db, planIds: readonly string[]): Promise<TaskRow[]> {
  if (planIds.length === 0) return [];
  return tasksQuery(db).where('plan_task.plan_id', 'in', planIds).orderBy('plan_task.position').execute();
}

export async function findTask(db: Db, planId: string, taskId: string): Promise<TaskRow | undefined> {
  return tasksQuery(db).where('plan_task.plan_id', '=', planId).where('plan_task.id', '=', taskId).executeTakeFirst();
}

export async function updateTaskRow(db: Db, id: string, values: Updateable<PlanTaskTable>): Promise<void> {
  await db
    .updateTable('plan_task')
    .set({ ...values, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .execute();
}

export async function assignmentsOf(db: Db, taskIds: readonly string[]): Promise<AssignmentRow[]> {
  if (taskIds.length === 0) return [];
  return db
    .selectFrom('plan_task_agency')
    .selectAll()
    .where('task_id', 'in', taskIds)
    .orderBy('task_id')
    .orderBy('role', 'desc')
    .orderBy('position')
    .execute();
}

export async function updateAssignment(
  db: Db,
  id: string,
  values: Pick<Updateable<PlanTaskAgencyTable>, 'agency_id' | 'agency_name' | 'match' | 'confidence'>,
): Promise<void> {
  await db
    .updateTable('plan_task_agency')
    .set({ ...values, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .execute();
}

// ── reports, evidence, notices ──────────────────────────────────────────────

function reportsQuery(db: Db) {
  return db
    .selectFrom('plan_report')
    .innerJoin('plan_task', 'plan_task.id', 'plan_report.task_id')
    .leftJoin('app_user as u', 'u.id', 'plan_report.submitted_by')
    .selectAll('plan_report')
    .select([sql<string>`plan_report.period::text`.as('period'), 'u.display_name as submitted_by_name']);
}

export async function reportsOfPlan(db: Db, planId: string, period?: string): Promise<ReportRow[]> {
  let q = reportsQuery(db).where('plan_task.plan_id', '=', planId);
  if (period) q = q.where('plan_report.period', '=', period);
  return q.orderBy('plan_report.period').orderBy('plan_task.position').orderBy('plan_report.submitted_at').execute();
}

export async function reportsOfTask(db: Db, taskId: string): Promise<ReportRow[]> {
  return reportsQuery(db)
    .where('plan_report.task_id', '=', taskId)
    .orderBy('plan_report.period', 'desc')
    .orderBy('plan_report.submitted_at')
    .execute();
}

export async function findReport(db: Db, planId: string, reportId: string): Promise<ReportRow | undefined> {
  return reportsQuery(db).where('plan_task.plan_id', '=', planId).where('plan_report.id', '=', reportId).executeTakeFirst();
}

/** Inserts or replaces an agency's report for a task and period; answers the id and whether it was new. */
export async function upsertReport(db: Db, values: Omit<Insertable<PlanReportTable>, 'id'>): Promise<{ id: string; created: boolean }> {
  const row = await db
    .insertInto('plan_report')
    .values(values)
    .onConflict((oc) =>
      oc.columns(['task_id', 'agency_id', 'period']).doUpdateSet({
        status: values.status,
        narrative: values.narrative ?? '',
        kpis: values.kpis ?? '[]',
        role: values.role,
        submitted_by: values.submitted_by ?? null,
        submitted_at: values.submitted_at,
        updated_at: sql<Date>`now()`,
      }),
    )
    .returning(['id', sql<boolean>`(xmax = 0)`.as('created')])
    .executeTakeFirstOrThrow();
  return { id: row.id, created: row.created };
}

export async function evidenceOf(db: Db, reportIds: readonly string[]): Promise<EvidenceRow[]> {
  if (reportIds.length === 0) return [];
  return db.selectFrom('plan_report_evidence').selectAll().where('report_id', 'in', reportIds).orderBy('created_at').execute();
}

export async function insertEvidence(db: Db, values: Insertable<PlanReportEvidenceTable>): Promise<EvidenceRow> {
  return db.insertInto('plan_report_evidence').values(values).returningAll().executeTakeFirstOrThrow();
}

/** Records a reminder or an escalation once per plan, agency and period; undefined when it was already recorded. */
export async function insertNoticeOnce(db: Db, values: Insertable<PlanNoticeTable>): Promise<string | undefined> {
  const row = await db
    .insertInto('plan_notice')
    .values(values)
    .onConflict((oc) => oc.columns(['plan_id', 'agency_id', 'period', 'kind']).where('kind', 'in', ['reminder', 'escalation']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

export async function insertNotice(db: Db, values: Insertable<PlanNoticeTable>): Promise<string> {
  const row = await db.insertInto('plan_notice').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function setNoticeRecipients(db: Db, id: string, recipients: number): Promise<void> {
  await db.updateTable('plan_notice').set({ recipients }).where('id', '=', id).execute();
}

export async function noticesOfPlan(db: Db, planId: string, period?: string): Promise<NoticeRow[]> {
  let q = db
    .selectFrom('plan_notice')
    .selectAll()
    .select(sql<string>`period::text`.as('period'))
    .where('plan_id', '=', planId);
  if (period) q = q.where('period', '=', period);
  return q.orderBy('created_at').execute();
}

/** E-mail addresses of an agency's active staff who handle its work (managers and officers). */
export async function agencyStaffEmails(db: Db, agencyId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('app_user')
    .select('email')
    .where('agency_id', '=', agencyId)
    .where('active', '=', true)
    .where('role', 'in', ['agency_manager', 'case_officer'])
    .where('email', 'is not', null)
    .orderBy('email')
    .execute();
  return rows.map((r) => r.email!);
}
