/**
 * The working calendar as the database defines it (LAW.md §18 A rule 3: the holiday table is
 * admin-maintained): official and local rows come from `calendar_day`, not from the vendored JSON,
 * so admin edits count at once; years without an official row fall back to the engine's derived
 * provisional days.
 *
 * Building a Calendar costs a table read and lazy per-year work, so it is cached per app instance
 * and province, keyed by a change marker that one small aggregate reads on every call. Every write
 * to `calendar_day` takes a fresh `revision` from a sequence, so the marker changes with each
 * insert, update and soft delete, even under a frozen test clock (max(updated_at) would not);
 * sequence values are never reused, so a calendar cached inside a rolled-back transaction can never
 * match a later state.
 */
import { sql } from 'kysely';
import type { Ctx, Deps } from '../context.js';
import { Calendar } from './engine.js';
import type { CalendarDay } from './types.js';

interface Cached {
  marker: string;
  calendar: Calendar;
}

// Keyed by the app's `deps` (one per app instance / test environment), so two apps on two
// databases in one process never share a calendar, and nothing outlives its app.
const caches = new WeakMap<Deps, Map<string, Cached>>();

/** The cheap marker: changes whenever any row of calendar_day is written. */
async function changeMarker(ctx: Ctx): Promise<string> {
  // The set of revisions identifies the table's state exactly (each value is one write); a sum or
  // max alone could repeat when concurrent admin edits commit out of sequence order.
  const r = await sql<{ m: string | null }>`
    select count(*)::text || ':' || coalesce(md5(string_agg(revision::text, ',' order by revision)), '') as m
    from calendar_day`.execute(ctx.db);
  return r.rows[0]?.m ?? '';
}

/** Active rows that apply to a province's calendar (national rows plus that province's rows). */
export async function calendarRows(ctx: Ctx, provinceCode: string | null): Promise<CalendarDay[]> {
  let q = ctx.db
    .selectFrom('calendar_day')
    .select([sql<string>`date::text`.as('date'), 'kind', 'name', 'source', 'provisional', 'province_code'])
    .where('deleted_at', 'is', null);
  q = provinceCode
    ? q.where((eb) => eb.or([eb('province_code', 'is', null), eb('province_code', '=', provinceCode)]))
    : q.where('province_code', 'is', null);
  const rows = await q.orderBy('date').execute();
  return rows.map((r) => ({
    date: r.date,
    kind: r.kind,
    name: r.name,
    source: r.source,
    provisional: r.provisional,
    provinceCode: r.province_code,
  }));
}

/**
 * The calendar for a province (or the national one): public data, so no permission check.
 * Inside a transaction it sees that transaction's uncommitted edits (clocks are recomputed there).
 */
export async function getCalendar(ctx: Ctx, provinceCode?: string | null): Promise<Calendar> {
  const key = provinceCode ?? '';
  const marker = await changeMarker(ctx);
  let perApp = caches.get(ctx.deps);
  if (!perApp) {
    perApp = new Map();
    caches.set(ctx.deps, perApp);
  }
  const hit = perApp.get(key);
  if (hit && hit.marker === marker) return hit.calendar;
  const calendar = new Calendar(await calendarRows(ctx, provinceCode ?? null), { provinceCode: provinceCode ?? null });
  perApp.set(key, { marker, calendar });
  return calendar;
}
