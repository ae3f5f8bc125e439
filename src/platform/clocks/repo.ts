/**
 * SQL for `clock` and `clock_pause` (owned by platform/clocks). No permissions, no transactions:
 * the service opens them. `date` columns are read as text (see LocalDate in db/schema.ts).
 */
import { sql, type Selectable } from 'kysely';
import type { Ctx } from '../context.js';
import type { ClockPauseTable, ClockStateColumn, ClockTable } from '../../db/schema.js';

type Db = Ctx['db'];

export type ClockRow = Omit<Selectable<ClockTable>, 'notify'> & { notify: { userIds?: string[]; emails?: string[] } };
export type ClockPauseRow = Selectable<ClockPauseTable>;

const columns = [
  'id',
  'entity_type',
  'entity_id',
  'entity_label',
  'rule',
  'unit',
  'amount',
  'legal_basis',
  'started_at',
  sql<string>`start_date::text`.as('start_date'),
  'due_at',
  sql<string>`due_date::text`.as('due_date'),
  'due_soon_at',
  'due_soon_unit',
  'due_soon_amount',
  'state',
  'late',
  'met_at',
  'stopped_at',
  'stopped_reason',
  'paused_at',
  'paused_reason',
  'extension_times',
  'extension_max_amount',
  'extension_count',
  'extension_amount',
  'extension_reason',
  'notify',
  'notified_due_soon_at',
  'notified_overdue_at',
  'province_code',
  'created_at',
  'updated_at',
] as const;

export type NewClock = Omit<ClockRow, 'id' | 'late' | 'created_at' | 'updated_at' | 'notify'> & {
  notify: { userIds?: string[]; emails?: string[] };
  created_at: Date;
  updated_at: Date;
};

export async function insertClock(db: Db, v: NewClock): Promise<ClockRow> {
  return db
    .insertInto('clock')
    .values({ ...v, notify: JSON.stringify(v.notify) })
    .returning(columns)
    .executeTakeFirstOrThrow();
}

export async function findClock(db: Db, id: string, opts: { lock?: boolean } = {}): Promise<ClockRow | undefined> {
  const q = db.selectFrom('clock').select(columns).where('id', '=', id);
  return (opts.lock ? q.forUpdate() : q).executeTakeFirst();
}

export type ClockPatch = Partial<Omit<NewClock, 'notify'>> & { late?: boolean; updated_at: Date };

export async function updateClock(db: Db, id: string, patch: ClockPatch): Promise<ClockRow> {
  return db.updateTable('clock').set(patch).where('id', '=', id).returning(columns).executeTakeFirstOrThrow();
}

export async function clocksOfEntity(db: Db, entityType: string, entityId: string): Promise<ClockRow[]> {
  return (
    db
      .selectFrom('clock')
      .select(columns)
      .where('entity_type', '=', entityType)
      .where('entity_id', '=', entityId)
      .orderBy('started_at')
      // Clocks started in one transaction share the instant; ids are random: the rule keeps pages stable.
      .orderBy('rule')
      .orderBy('id')
      .execute()
  );
}

export async function activeClockOf(db: Db, entityType: string, entityId: string, rule: string): Promise<ClockRow | undefined> {
  return db
    .selectFrom('clock')
    .select(columns)
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', entityId)
    .where('rule', '=', rule)
    .where('state', 'in', ['running', 'due_soon', 'overdue', 'paused'])
    .orderBy('started_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function pausesOf(db: Db, clockIds: readonly string[]): Promise<ClockPauseRow[]> {
  if (clockIds.length === 0) return [];
  return db.selectFrom('clock_pause').selectAll().where('clock_id', 'in', clockIds).orderBy('paused_at').orderBy('id').execute();
}

export async function insertPause(
  db: Db,
  v: { clock_id: string; reason: string; note: string | null; paused_at: Date; paused_by: string | null },
): Promise<void> {
  await db.insertInto('clock_pause').values(v).execute();
}

export async function closeOpenPause(db: Db, clockId: string, at: Date, by: string | null): Promise<void> {
  await db
    .updateTable('clock_pause')
    .set({ resumed_at: at, resumed_by: by })
    .where('clock_id', '=', clockId)
    .where('resumed_at', 'is', null)
    .execute();
}

/**
 * Locks the clocks a calendar change can move: running, due soon or overdue (paused clocks are
 * recomputed on resume), optionally only those whose counted span touches the given years and
 * whose calendar is the given province's (a national row affects every province).
 */
export async function lockClocksForRecompute(
  db: Db,
  scope: { years?: readonly number[]; provinceCode?: string | null },
): Promise<ClockRow[]> {
  let q = db.selectFrom('clock').select(columns).where('state', 'in', ['running', 'due_soon', 'overdue']);
  if (scope.years && scope.years.length > 0) {
    const years = scope.years;
    // The counted span touches year y. The start bound reaches into y + 1 because a due-soon
    // instant is counted back from the due day and may fall in the year before.
    q = q.where((eb) => eb.or(years.map((y) => eb.and([eb('start_date', '<=', `${y + 1}-03-31`), eb('due_date', '>=', `${y}-01-01`)]))));
  }
  if (scope.provinceCode) q = q.where('province_code', '=', scope.provinceCode);
  return q.orderBy('id').forUpdate().execute();
}

/**
 * Claims clocks whose transition has not been notified yet; SKIP LOCKED lets concurrent sweeps
 * (several workers on PostgreSQL) split the rows instead of notifying twice.
 */
export async function claimForSweep(db: Db, kind: 'overdue' | 'due_soon', now: Date, limit: number): Promise<ClockRow[]> {
  const states: ClockStateColumn[] = kind === 'overdue' ? ['running', 'due_soon', 'overdue'] : ['running', 'due_soon'];
  let q = db.selectFrom('clock').select(columns).where('state', 'in', states);
  q =
    kind === 'overdue'
      ? q.where('due_at', '<=', now).where('notified_overdue_at', 'is', null).orderBy('due_at')
      : q.where('due_soon_at', '<=', now).where('due_at', '>', now).where('notified_due_soon_at', 'is', null).orderBy('due_soon_at');
  return q.orderBy('id').limit(limit).forUpdate().skipLocked().execute();
}

/** E-mail addresses of active users (notification recipients given by user id). */
export async function emailsOfUsers(db: Db, userIds: readonly string[]): Promise<string[]> {
  if (userIds.length === 0) return [];
  const rows = await db
    .selectFrom('app_user')
    .select('email')
    .where('id', 'in', userIds)
    .where('active', '=', true)
    .where('email', 'is not', null)
    .execute();
  return rows.map((r) => r.email as string);
}
