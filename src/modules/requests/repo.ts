/** SQL for the tables the requests module owns. No permissions, no transactions. */
import { sql, type Selectable, type Insertable } from 'kysely';
import type { Ctx } from '../../platform/context.js';
import type { RequestTable } from '../../db/schema.js';

type Db = Ctx['db'];
export type RequestRow = Selectable<RequestTable>;

/** Next number of the province's yearly sequence (YC-<year>-<n>); row-locked, gap-free per transaction. */
export async function nextCodeNumber(db: Db, provinceCode: string, year: number): Promise<number> {
  const r = await db
    .insertInto('request_code_counter')
    .values({ province_code: provinceCode, year, last: 1 })
    .onConflict((oc) => oc.columns(['province_code', 'year']).doUpdateSet({ last: sql`request_code_counter.last + 1` }))
    .returning('last')
    .executeTakeFirstOrThrow();
  return r.last;
}

export const insertRequest = (db: Db, row: Insertable<RequestTable>) =>
  db.insertInto('request').values(row).returningAll().executeTakeFirstOrThrow();

export const findRequest = (db: Db, id: string) => db.selectFrom('request').selectAll().where('id', '=', id).executeTakeFirst();

export const findRequestByCode = (db: Db, code: string) => db.selectFrom('request').selectAll().where('code', '=', code).executeTakeFirst();

export const lockRequest = (db: Db, id: string) => db.selectFrom('request').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export interface EventInput {
  requestId: string;
  at: Date;
  type: string;
  actorId: string | null;
  actorLabel: string;
  public: boolean;
  data?: Record<string, unknown>;
}

export async function insertEvent(db: Db, e: EventInput): Promise<void> {
  await insertEvents(db, [e]);
}

/** Several events in one statement, in order (bigserial ids keep it for equal times). */
export async function insertEvents(db: Db, events: readonly EventInput[]): Promise<void> {
  if (events.length === 0) return;
  await db
    .insertInto('request_event')
    .values(
      events.map((e) => ({
        request_id: e.requestId,
        at: e.at,
        type: e.type,
        actor_id: e.actorId,
        actor_label: e.actorLabel,
        public: e.public,
        data: JSON.stringify(e.data ?? {}),
      })),
    )
    .execute();
}

export const listEvents = (db: Db, requestId: string, publicOnly: boolean) => {
  let q = db.selectFrom('request_event').selectAll().where('request_id', '=', requestId);
  if (publicOnly) q = q.where('public', '=', true);
  return q.orderBy('at').orderBy('id').execute();
};

export const findIdempotency = (db: Db, scope: string, key: string) =>
  db.selectFrom('idempotency_key').selectAll().where('scope', '=', scope).where('key', '=', key).executeTakeFirst();

export async function insertIdempotency(
  db: Db,
  scope: string,
  key: string,
  bodyHash: string,
  entityId: string,
  response: unknown,
): Promise<void> {
  await db
    .insertInto('idempotency_key')
    .values({ scope, key, body_hash: bodyHash, entity_id: entityId, response: JSON.stringify(response) })
    .execute();
}

/** Drops stored idempotent answers older than the cut-off (they hold the tracking secret). */
export async function purgeIdempotency(db: Db, before: Date): Promise<number> {
  const r = await db.deleteFrom('idempotency_key').where('created_at', '<', before).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export const listNotes = (db: Db, requestId: string) =>
  db
    .selectFrom('request_note')
    .innerJoin('app_user', 'app_user.id', 'request_note.author_id')
    .select(['request_note.id', 'request_note.body', 'request_note.created_at', 'app_user.display_name as author'])
    .where('request_id', '=', requestId)
    .orderBy('request_note.created_at')
    .execute();

export const listAttachments = (db: Db, requestId: string) =>
  db.selectFrom('request_attachment').selectAll().where('request_id', '=', requestId).orderBy('created_at').execute();

export const countAttachments = async (db: Db, requestId: string) =>
  Number(
    (
      await db
        .selectFrom('request_attachment')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('request_id', '=', requestId)
        .executeTakeFirstOrThrow()
    ).n,
  );

/**
 * Other requests with the same consumer (phone, e-mail or folded name), the same business (tax
 * code, else folded name) and the same transaction date: candidates for Art. 58(5) or a merge.
 * Compared in SQL against the stored row, so no value round-trips through JavaScript types.
 */
export function findDuplicates(db: Db, r: Pick<RequestRow, 'id'>) {
  return db
    .selectFrom('request as d')
    .innerJoin('request as o', (j) => j.on('o.id', '=', r.id))
    .select(['d.id', 'd.code', 'd.status', 'd.received_at', 'd.agency_id', 'd.commune_code'])
    .where('d.id', '!=', r.id)
    .where(
      sql<boolean>`(d.consumer_phone = o.consumer_phone or d.consumer_email = o.consumer_email or f_fold(d.consumer_name) = f_fold(o.consumer_name))`,
    )
    .where(
      sql<boolean>`(case when o.business_tax_code is not null then d.business_tax_code = o.business_tax_code else f_fold(d.business_name) = f_fold(o.business_name) end)`,
    )
    .where(sql<boolean>`(o.transaction_date is null or d.transaction_date = o.transaction_date)`)
    .where('d.duplicate_of', 'is', null)
    .orderBy('d.received_at', 'desc')
    .limit(10)
    .execute();
}
