/**
 * Kysely queries for the tables the hotline module owns: hotline_call, callback, kb_answer.
 * No permissions, no transactions: the service does both. Operator names come from app_user.
 */
import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Ctx } from '../../platform/context.js';
import type { CallbackAttemptEntry, CallbackTable, HotlineCallTable, KbAnswerTable } from '../../db/schema.js';

type Db = Ctx['db'];
export type CallRow = Selectable<HotlineCallTable> & { operator_name: string | null };
export type CallbackRow = Selectable<CallbackTable> & { operator_name: string | null };
export type AnswerRow = Selectable<KbAnswerTable>;

// ── calls ───────────────────────────────────────────────────────────────────

export async function insertCall(db: Db, values: Insertable<HotlineCallTable>): Promise<string> {
  const row = await db.insertInto('hotline_call').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

const callColumns = [
  'hotline_call.id',
  'hotline_call.started_at',
  'hotline_call.phone',
  'hotline_call.caller_name',
  'hotline_call.outcome',
  'hotline_call.request_id',
  'hotline_call.request_code',
  'hotline_call.topic',
  'hotline_call.sector',
  'hotline_call.summary',
  'hotline_call.answer_id',
  'hotline_call.callback_id',
  'hotline_call.operator_id',
  'hotline_call.notes',
  'hotline_call.created_at',
  'op.display_name as operator_name',
] as const;

function callsQuery(db: Db) {
  return db.selectFrom('hotline_call').leftJoin('app_user as op', 'op.id', 'hotline_call.operator_id').select(callColumns);
}

export async function findCall(db: Db, id: string): Promise<CallRow | undefined> {
  return callsQuery(db).where('hotline_call.id', '=', id).executeTakeFirst();
}

export async function findCallByRequest(db: Db, requestId: string): Promise<CallRow | undefined> {
  return callsQuery(db).where('hotline_call.request_id', '=', requestId).executeTakeFirst();
}

export async function callsByPhone(db: Db, phone: string, limit: number): Promise<CallRow[]> {
  return callsQuery(db).where('hotline_call.phone', '=', phone).orderBy('hotline_call.started_at', 'desc').limit(limit).execute();
}

export async function attachCallToCallback(db: Db, callId: string, callbackId: string): Promise<void> {
  await db.updateTable('hotline_call').set({ callback_id: callbackId }).where('id', '=', callId).execute();
}

// ── call-backs ──────────────────────────────────────────────────────────────

export async function insertCallback(db: Db, values: Insertable<CallbackTable>): Promise<string> {
  const row = await db.insertInto('callback').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

function callbacksQuery(db: Db) {
  return db
    .selectFrom('callback')
    .leftJoin('app_user as op', 'op.id', 'callback.operator_id')
    .selectAll('callback')
    .select('op.display_name as operator_name');
}

export async function findCallback(db: Db, id: string): Promise<CallbackRow | undefined> {
  return callbacksQuery(db).where('callback.id', '=', id).executeTakeFirst();
}

/** Locks one call-back row for an attempt (FOR UPDATE: two operators cannot both close it). */
export async function lockCallback(db: Db, id: string): Promise<Selectable<CallbackTable> | undefined> {
  return db.selectFrom('callback').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** The open call-back of a number (at most one: unique partial index callback_open_phone). */
export async function openCallbackOf(db: Db, phone: string): Promise<CallbackRow | undefined> {
  return callbacksQuery(db).where('callback.phone', '=', phone).where('callback.status', '=', 'open').executeTakeFirst();
}

export async function updateCallback(db: Db, id: string, patch: Updateable<CallbackTable>): Promise<void> {
  await db.updateTable('callback').set(patch).where('id', '=', id).execute();
}

export function attemptLogJson(log: readonly CallbackAttemptEntry[]): string {
  return JSON.stringify(log);
}

/** The queue: open call-backs first by due-by, then closed ones, most recently closed first. */
export async function listCallbacks(
  db: Db,
  q: { status: 'open' | 'closed' | 'all'; limit: number; offset: number },
): Promise<{ rows: CallbackRow[]; total: number }> {
  let base = db.selectFrom('callback');
  if (q.status === 'open') base = base.where('callback.status', '=', 'open');
  else if (q.status === 'closed') base = base.where('callback.status', '<>', 'open');
  const [rows, count] = await Promise.all([
    base
      .leftJoin('app_user as op', 'op.id', 'callback.operator_id')
      .selectAll('callback')
      .select('op.display_name as operator_name')
      .orderBy(sql`callback.status = 'open'`, 'desc')
      .orderBy(sql`case when callback.status = 'open' then callback.due_by end asc nulls last`)
      .orderBy('callback.done_at', 'desc')
      .orderBy('callback.id')
      .limit(q.limit)
      .offset(q.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

// ── quick answers ───────────────────────────────────────────────────────────

export async function findAnswer(db: Db, id: string): Promise<AnswerRow | undefined> {
  return db.selectFrom('kb_answer').selectAll().where('id', '=', id).where('active', '=', true).executeTakeFirst();
}

/**
 * Accent-insensitive search: the words side by side first, and question and tags weigh more
 * than the answer text. Entries with every word come back ("doi tra hang" finds "đổi trả hàng"); only when none has them all are
 * entries with any of them ranked instead, so a long spoken question still finds something.
 * `tokens` are already folded to [a-z0-9]+ by the service (safe inside to_tsquery).
 */
export async function searchAnswers(db: Db, tokens: readonly string[], topic: string | undefined, limit: number): Promise<AnswerRow[]> {
  const vector = sql`(
    setweight(to_tsvector('simple', f_fold(kb_answer.question)), 'A') ||
    setweight(to_tsvector('simple', f_fold(array_to_string(kb_answer.tags, ' '))), 'A') ||
    setweight(to_tsvector('simple', f_fold(kb_answer.answer || ' ' || kb_answer.legal_basis)), 'C'))`;
  // Vietnamese words are often two syllables ("bảo hành"): entries with the words side by side first.
  const phrase = sql`to_tsquery('simple', ${tokens.join(' <-> ')})`;
  const run = (operator: ' & ' | ' | ') => {
    const query = sql`to_tsquery('simple', ${tokens.join(operator)})`;
    let q = db
      .selectFrom('kb_answer')
      .selectAll()
      .where('active', '=', true)
      .where(sql<boolean>`${vector} @@ ${query}`);
    if (topic) q = q.where('topic', '=', topic);
    return q
      .orderBy(sql`${vector} @@ ${phrase}`, 'desc')
      .orderBy(sql`ts_rank(${vector}, ${query})`, 'desc')
      .orderBy('question')
      .limit(limit)
      .execute();
  };
  const all = await run(' & ');
  return all.length > 0 || tokens.length === 1 ? all : run(' | ');
}

export async function listAnswers(db: Db, topic: string | undefined, limit: number): Promise<AnswerRow[]> {
  let q = db.selectFrom('kb_answer').selectAll().where('active', '=', true);
  if (topic) q = q.where('topic', '=', topic);
  return q.orderBy('topic').orderBy('question').limit(limit).execute();
}

// ── statistics ──────────────────────────────────────────────────────────────

export async function adviceCounts(db: Db, from: Date, until: Date) {
  const inPeriod = db.selectFrom('hotline_call').where('started_at', '>=', from).where('started_at', '<', until);
  const [byTopic, bySector, byOutcome, callbacks] = await Promise.all([
    inPeriod
      .where('outcome', '=', 'advice_only')
      .select(['topic as key', (eb) => eb.fn.countAll<string>().as('n')])
      .groupBy('topic')
      .execute(),
    inPeriod
      .where('outcome', '=', 'advice_only')
      .where('sector', 'is not', null)
      .select(['sector as key', (eb) => eb.fn.countAll<string>().as('n')])
      .groupBy('sector')
      .execute(),
    inPeriod
      .select(['outcome as key', (eb) => eb.fn.countAll<string>().as('n')])
      .groupBy('outcome')
      .execute(),
    db
      .selectFrom('callback')
      .where('missed_at', '>=', from)
      .where('missed_at', '<', until)
      .select([
        sql<string>`count(*)`.as('created'),
        sql<string>`count(*) filter (where status = 'open')`.as('open'),
        sql<string>`count(*) filter (where status = 'done')`.as('done'),
        sql<string>`count(*) filter (where status = 'done' and done_at <= due_by)`.as('done_on_time'),
        sql<string>`count(*) filter (where status = 'failed')`.as('failed'),
      ])
      .executeTakeFirstOrThrow(),
  ]);
  return { byTopic, bySector, byOutcome, callbacks };
}
