import { sql, type Kysely } from 'kysely';

/** The consumer's supplement clock is named `consumer.supplement` (issue 5's rule codes). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`update clock set rule = 'consumer.supplement' where rule = 'request.supplement'`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only');
}
