import { sql, type Kysely } from 'kysely';

/**
 * The inbox search reads a stored tsvector instead of parsing `search_text` again on every row a
 * bitmap scan re-checks (bench/requests.ts: broad searches over 1M cases spent their time there).
 * A generated column cannot refer to another generated column, so the expression is repeated.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table request add column search_tsv tsvector generated always as (
      to_tsvector('simple', f_fold(code || ' ' || consumer_name || ' ' || business_name || ' ' || coalesce(business_tax_code, '') || ' ' || coalesce(product_or_service, '') || ' ' || description))
    ) stored`.execute(db);
  await sql`create index request_search_tsv on request using gin (search_tsv)`.execute(db);
  await sql`drop index request_search_fts`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only');
}
