/**
 * The admin-maintained holiday table `calendar_day` (LAW.md §18 A rule 3; issue 3 §1): official
 * yearly schedules (holidays, compensatory days, swapped days off, make-up Saturdays) with their
 * source document, provisional rows, and local days off of one province.
 *
 * Each edit, its audit row and the recomputation of the clocks it moves commit in one transaction
 * ('calendar.manage'). Rows are never hard-deleted: removal sets `deleted_at`.
 *
 * Precedence is the engine's (engine.ts): a national non-provisional row in a year makes that year
 * "official", and the derived provisional days of that year disappear, so enter a new year's whole
 * announced schedule (or mark partial rows provisional).
 */
import { sql } from 'kysely';
import { recordAudit } from '../audit.js';
import { requirePermission } from '../auth/permissions.js';
import { inTransaction, type Ctx } from '../context.js';
import { AppError, invalid, notFound } from '../errors.js';
import { recomputeClocks } from '../clocks/recompute.js';
import { daysFromCivil, parseIsoDate, weekdayOf, MAX_YEAR, MIN_YEAR } from './dates.js';
import { CalendarInputError } from './errors.js';
import { CALENDAR_DAY_KINDS, type CalendarDayKind } from './types.js';

export { getCalendar } from './load.js';

export interface CalendarDayInput {
  date: string;
  kind: CalendarDayKind;
  name: string;
  /** The announcement or legal basis, e.g. "Thông báo 6150/TB-BLĐTBXH". */
  source: string;
  provisional?: boolean;
  /** A province's own day off; null/omitted = national. */
  provinceCode?: string | null;
}

export interface CalendarDayRecord {
  id: string;
  date: string;
  kind: CalendarDayKind;
  name: string;
  source: string;
  provisional: boolean;
  provinceCode: string | null;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  /** Whether the day is a working day (only make-up weekend days are). */
  working: boolean;
}

const PROVINCE = /^\d{2}$/;

const columns = [
  'id',
  sql<string>`date::text`.as('date'),
  'kind',
  'name',
  'source',
  'provisional',
  'province_code',
  'created_by',
  'created_at',
  'updated_at',
] as const;

type Row = {
  id: string;
  date: string;
  kind: CalendarDayKind;
  name: string;
  source: string;
  provisional: boolean;
  province_code: string | null;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
};

function record(r: Row): CalendarDayRecord {
  return {
    id: r.id,
    date: r.date,
    kind: r.kind,
    name: r.name,
    source: r.source,
    provisional: r.provisional,
    provinceCode: r.province_code,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    working: r.kind === 'makeup_workday',
  };
}

function text(v: string, max: number, code: string, what: string): string {
  const s = typeof v === 'string' ? v.trim().normalize('NFC') : '';
  if (s.length < 1 || s.length > max) throw invalid(code, `${what} phải có từ 1 đến ${max} ký tự.`);
  return s;
}

/** Checks a row the way the official loader checks the vendored file: a slip here moves legal deadlines. */
function validate(input: CalendarDayInput): Required<CalendarDayInput> {
  const { y, m, d } = parseIsoDate(input.date);
  if (!CALENDAR_DAY_KINDS.includes(input.kind)) throw invalid('calendar.invalid_kind', 'Loại ngày không hợp lệ.');
  const provinceCode = input.provinceCode ?? null;
  if (provinceCode !== null && !PROVINCE.test(provinceCode)) throw invalid('calendar.invalid_province', 'Mã tỉnh phải gồm 2 chữ số.');
  if (input.kind === 'local_holiday' && provinceCode === null) {
    throw invalid('calendar.province_required', 'Ngày nghỉ riêng của địa phương phải có mã tỉnh.');
  }
  const wd = weekdayOf(daysFromCivil(y, m, d));
  const weekend = wd === 0 || wd === 6;
  if (input.kind === 'makeup_workday' ? !weekend : weekend) {
    throw invalid(
      'calendar.kind_weekday_mismatch',
      input.kind === 'makeup_workday'
        ? 'Ngày làm bù phải là Thứ Bảy hoặc Chủ nhật.'
        : 'Ngày nghỉ phải là ngày trong tuần (Thứ Hai – Thứ Sáu); ngày lễ trùng cuối tuần được nghỉ bù vào ngày làm việc tiếp theo.',
    );
  }
  return {
    date: input.date,
    kind: input.kind,
    name: text(input.name, 300, 'calendar.invalid_name', 'Tên ngày'),
    source: text(input.source, 500, 'calendar.invalid_source', 'Văn bản nguồn'),
    provisional: input.provisional ?? false,
    provinceCode,
  };
}

async function assertFree(ctx: Ctx, date: string, provinceCode: string | null, exceptId?: string): Promise<void> {
  let q = ctx.db
    .selectFrom('calendar_day')
    .select('id')
    .where('date', '=', date)
    .where('deleted_at', 'is', null)
    .where(sql<boolean>`coalesce(province_code, '') = ${provinceCode ?? ''}`);
  if (exceptId) q = q.where('id', '<>', exceptId);
  if (await q.executeTakeFirst()) {
    throw new AppError(
      'conflict',
      'calendar.day_exists',
      `Ngày ${date} đã có trong lịch${provinceCode ? ` của tỉnh ${provinceCode}` : ''}.`,
    );
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function activeRow(ctx: Ctx, id: string, lock = false): Promise<Row> {
  if (!UUID.test(id)) throw notFound('calendar.day_not_found', 'Không tìm thấy ngày này trong lịch.');
  const q = ctx.db.selectFrom('calendar_day').select(columns).where('id', '=', id).where('deleted_at', 'is', null);
  const row = await (lock ? q.forUpdate() : q).executeTakeFirst();
  if (!row) throw notFound('calendar.day_not_found', 'Không tìm thấy ngày này trong lịch.');
  return row;
}

function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

function summary(r: Row): Record<string, unknown> {
  return { date: r.date, kind: r.kind, name: r.name, source: r.source, provisional: r.provisional, provinceCode: r.province_code };
}

/** Rows of the table (active only), by date; a province filter keeps national rows and that province's. */
export async function listCalendarDays(
  ctx: Ctx,
  filter: { year?: number; provinceCode?: string | null } = {},
): Promise<CalendarDayRecord[]> {
  requirePermission(ctx, 'calendar.manage');
  let q = ctx.db.selectFrom('calendar_day').select(columns).where('deleted_at', 'is', null);
  if (filter.year !== undefined) {
    if (!Number.isInteger(filter.year) || filter.year < MIN_YEAR || filter.year > MAX_YEAR) {
      throw new CalendarInputError('calendar.year_out_of_range', `Năm phải từ ${MIN_YEAR} đến ${MAX_YEAR}.`);
    }
    q = q.where('date', '>=', `${filter.year}-01-01`).where('date', '<=', `${filter.year}-12-31`);
  }
  const province = filter.provinceCode;
  if (province) q = q.where((eb) => eb.or([eb('province_code', 'is', null), eb('province_code', '=', province)]));
  const rows = await q.orderBy('date').orderBy('province_code').execute();
  return rows.map(record);
}

/** Adds a row (audited `calendar_day.add`) and recomputes the clocks of that year. */
export async function addCalendarDay(ctx: Ctx, input: CalendarDayInput): Promise<CalendarDayRecord> {
  requirePermission(ctx, 'calendar.manage');
  const v = validate(input);
  return inTransaction(ctx, async (tx) => {
    await assertFree(tx, v.date, v.provinceCode);
    const now = tx.now();
    const row = await tx.db
      .insertInto('calendar_day')
      .values({
        date: v.date,
        kind: v.kind,
        name: v.name,
        source: v.source,
        provisional: v.provisional,
        province_code: v.provinceCode,
        created_by: tx.actor.type === 'user' ? tx.actor.userId : null,
        created_at: now,
        updated_at: now,
      })
      .returning(columns)
      .executeTakeFirstOrThrow();
    const moved = await recomputeClocks(tx, { years: [yearOf(v.date)], provinceCode: v.provinceCode });
    await recordAudit(tx, {
      action: 'calendar_day.add',
      entityType: 'calendar_day',
      entityId: row.id,
      summary: { ...summary(row), clocksRecomputed: moved.changed },
    });
    return record(row);
  });
}

/** Changes a row (audited `calendar_day.update` with before/after) and recomputes the clocks it moves. */
export async function updateCalendarDay(ctx: Ctx, id: string, patch: Partial<CalendarDayInput>): Promise<CalendarDayRecord> {
  requirePermission(ctx, 'calendar.manage');
  return inTransaction(ctx, async (tx) => {
    const before = await activeRow(tx, id, true);
    const v = validate({
      date: patch.date ?? before.date,
      kind: patch.kind ?? before.kind,
      name: patch.name ?? before.name,
      source: patch.source ?? before.source,
      provisional: patch.provisional ?? before.provisional,
      provinceCode: patch.provinceCode === undefined ? before.province_code : patch.provinceCode,
    });
    await assertFree(tx, v.date, v.provinceCode, id);
    const now = tx.now();
    const row = await tx.db
      .updateTable('calendar_day')
      .set({
        date: v.date,
        kind: v.kind,
        name: v.name,
        source: v.source,
        provisional: v.provisional,
        province_code: v.provinceCode,
        revision: sql<string>`nextval('calendar_day_revision_seq')`,
        updated_at: now,
      })
      .where('id', '=', id)
      .returning(columns)
      .executeTakeFirstOrThrow();
    const sameProvince = before.province_code === v.provinceCode;
    const moved = await recomputeClocks(tx, {
      years: [...new Set([yearOf(before.date), yearOf(v.date)])],
      ...(sameProvince ? { provinceCode: v.provinceCode } : {}),
    });
    await recordAudit(tx, {
      action: 'calendar_day.update',
      entityType: 'calendar_day',
      entityId: id,
      summary: { before: summary(before), after: summary(row), clocksRecomputed: moved.changed },
    });
    return record(row);
  });
}

/** Soft-deletes a row (audited `calendar_day.remove`) and recomputes the clocks of that year. */
export async function removeCalendarDay(ctx: Ctx, id: string): Promise<void> {
  requirePermission(ctx, 'calendar.manage');
  await inTransaction(ctx, async (tx) => {
    const before = await activeRow(tx, id, true);
    const now = tx.now();
    await tx.db
      .updateTable('calendar_day')
      .set({ deleted_at: now, updated_at: now, revision: sql<string>`nextval('calendar_day_revision_seq')` })
      .where('id', '=', id)
      .execute();
    const moved = await recomputeClocks(tx, { years: [yearOf(before.date)], provinceCode: before.province_code });
    await recordAudit(tx, {
      action: 'calendar_day.remove',
      entityType: 'calendar_day',
      entityId: id,
      summary: { ...summary(before), clocksRecomputed: moved.changed },
    });
  });
}
