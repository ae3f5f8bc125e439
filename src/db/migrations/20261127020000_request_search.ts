import { sql, type Kysely } from 'kysely';

/**
 * Indexes for the officers' inbox over large volumes (bench/requests.ts: 1,000,000 cases).
 * `listInbox` orders by "vulnerable first, then earliest due date, then newest"
 * (`cardinality(vulnerable) > 0 desc, next_due_at asc nulls last, received_at desc`): the three
 * order indexes (everything, per agency, per commune) let a page be read in that order and stop
 * after 50 rows instead of sorting every case in scope; open cases come first in that order,
 * because closed ones have no due date. The commune filter also matches the place of the
 * transaction (`commune_code = X or place_commune_code = X`), which had no index and made that
 * filter a sequential scan; the sector filter had none either.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const order = sql.raw('(cardinality(vulnerable) > 0) desc, next_due_at asc nulls last, received_at desc');
  await sql`create index request_inbox_order on request (${order})`.execute(db);
  await sql`create index request_inbox_agency on request (agency_id, ${order})`.execute(db);
  await sql`create index request_inbox_commune on request (commune_code, ${order}) where commune_code is not null`.execute(db);
  await sql`create index request_place_commune on request (place_commune_code) where place_commune_code is not null`.execute(db);
  await sql`create index request_sector on request (sector, received_at desc)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only');
}
