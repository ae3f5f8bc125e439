import { sql, type Kysely } from 'kysely';

/**
 * `request.overdue` was a stored copy of "the earliest running clock is past due": written on some
 * changes only, never read (the inbox and the case page compare `next_due_at` with the time of the
 * reading), and stale by nature as time passes. Dropped; `next_due_at` stays.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table request drop column overdue`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only');
}
