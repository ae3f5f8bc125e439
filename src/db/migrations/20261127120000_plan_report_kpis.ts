import { sql, type Kysely } from 'kysely';

/**
 * Issue 6 point 5: reports carry the figures of the task's live indicators for their period.
 *  - plan_report.kpis: the values computed when the report was submitted
 *    (`[{ code, label, unit, value, breakdown? }]`), kept as the agency saw them.
 *  - callback.province_code: the province whose hotline owes the call-back, so that the
 *    call-backs indicator counts one province. Rows from before this migration take the province
 *    of the operator's (or creator's) agency; a call-back with neither stays null and is counted
 *    nowhere.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table plan_report add column kpis jsonb not null default '[]'`.execute(db);
  await sql`alter table callback add column province_code text`.execute(db);
  await sql`
    update callback c set province_code = a.province_code
      from app_user u join agency a on a.id = u.agency_id
     where u.id = coalesce(c.operator_id, c.created_by)`.execute(db);
  await sql`create index callback_province_done on callback (province_code, done_at) where status = 'done'`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only');
}
