import { sql, type Kysely } from 'kysely';

/** Plan tasks bind to live indicators by code (issue 6 point 5). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table plan_task add column indicators text[] not null default '{}'`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only');
}
