/**
 * Live indicators (issue 6 point 5): figures computed from the system's own data for a period
 * [from, to) in a province, so that reports read them instead of asking agencies to type them.
 *
 *  - requests received and resolved (each with a breakdown by sector, and one indicator per
 *    sector so that a task about food safety can bind "received — food" alone);
 *  - the share of request clocks met on time, median days to resolution, mean days for vulnerable
 *    consumers versus others;
 *  - hotline call-backs done (counted for the province whose hotline owed them).
 *
 * A report submitted for a task stores its bound indicators' values for the report's period
 * (`plan_report.kpis`, reports.ts); the DOCX report and the XLSX appendix compute them afresh for
 * the period chosen (report-doc.ts). A report period runs from its first day through its deadline
 * inclusive: `rangeOfPeriod`. A cache (`IndicatorCache`) lets one report compute each figure once.
 */
import { sql } from 'kysely';
import { formatIso, isoToDay } from '../../platform/calendar/index.js';
import { requirePermission } from '../../platform/auth/permissions.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { recordAudit } from '../../platform/audit.js';
import { sectorLabels, sectors, type Sector } from '../classify/index.js';
import { planErrors as E } from './errors.js';
import { findTask } from './repo.js';
import type { IndicatorValue } from './schema.js';
import { loadPlan } from './service.js';

export type { IndicatorValue } from './schema.js';

export interface IndicatorPeriod {
  /** First day, inclusive (YYYY-MM-DD). */
  from: string;
  /** Last day, exclusive (YYYY-MM-DD). */
  to: string;
}

export interface IndicatorCtx {
  ctx: Ctx;
  provinceCode: string;
}

type Breakdown = NonNullable<IndicatorValue['breakdown']>;

interface Figure {
  value: number | null;
  breakdown?: Breakdown;
}

export interface Indicator {
  code: string;
  label: string;
  unit: string;
  compute(ic: IndicatorCtx, period: IndicatorPeriod): Promise<Figure>;
}

/** The indicator range of a report period: its first day through its deadline, inclusive. */
export function rangeOfPeriod(p: { start: string; deadline: string }): IndicatorPeriod {
  return { from: p.start, to: formatIso(isoToDay(p.deadline) + 1) };
}

const start = (d: string) => new Date(`${d}T00:00:00+07:00`);
const round1 = (n: number) => Math.round(n * 10) / 10;
const UNKNOWN_SECTOR = 'Chưa xác định lĩnh vực';
const sectorLabel = (s: string | null): string => (s === null ? UNKNOWN_SECTOR : (sectorLabels[s as Sector] ?? s));

/** Requests received (by `received_at`) or resolved (by `closed_at`) in the period, by sector. */
async function countBySector(ic: IndicatorCtx, p: IndicatorPeriod, column: 'received_at' | 'closed_at'): Promise<Figure> {
  const rows = await ic.ctx.db
    .selectFrom('request')
    .select(['sector', (eb) => eb.fn.countAll<string>().as('n')])
    .where('province_code', '=', ic.provinceCode)
    .where(column, '>=', start(p.from))
    .where(column, '<', start(p.to))
    .groupBy('sector')
    .execute();
  const breakdown = rows
    .map((r) => ({ key: r.sector, label: sectorLabel(r.sector), value: Number(r.n) }))
    .sort((a, b) => b.value - a.value || a.label.localeCompare(b.label, 'vi'));
  return { value: breakdown.reduce((n, r) => n + r.value, 0), breakdown };
}

async function countOfSector(ic: IndicatorCtx, p: IndicatorPeriod, column: 'received_at' | 'closed_at', sector: string): Promise<Figure> {
  const r = await ic.ctx.db
    .selectFrom('request')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('province_code', '=', ic.provinceCode)
    .where('sector', '=', sector)
    .where(column, '>=', start(p.from))
    .where(column, '<', start(p.to))
    .executeTakeFirstOrThrow();
  return { value: Number(r.n) };
}

/** Days from receipt to closing of the requests closed in the period (vulnerable: filter). */
async function resolutionDays(ic: IndicatorCtx, p: IndicatorPeriod, vulnerable?: boolean): Promise<number[]> {
  let q = ic.ctx.db
    .selectFrom('request')
    .select(sql<number>`extract(epoch from (closed_at - received_at)) / 86400.0`.as('days'))
    .where('province_code', '=', ic.provinceCode)
    .where('closed_at', '>=', start(p.from))
    .where('closed_at', '<', start(p.to));
  if (vulnerable !== undefined)
    q = q.where(vulnerable ? sql<boolean>`cardinality(vulnerable) > 0` : sql<boolean>`cardinality(vulnerable) = 0`);
  return (await q.execute()).map((r) => Number(r.days));
}

const median = (xs: number[]): number | null => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return round1(s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2);
};
const mean = (xs: number[]): number | null => (xs.length ? round1(xs.reduce((a, b) => a + b, 0) / xs.length) : null);

const PROVINCE_WIDE: readonly Indicator[] = [
  {
    code: 'requests.received',
    label: 'Số yêu cầu, khiếu nại tiếp nhận',
    unit: 'yêu cầu',
    compute: (ic, p) => countBySector(ic, p, 'received_at'),
  },
  {
    code: 'requests.resolved',
    label: 'Số yêu cầu, khiếu nại đã giải quyết xong',
    unit: 'yêu cầu',
    compute: (ic, p) => countBySector(ic, p, 'closed_at'),
  },
  {
    code: 'requests.on_time_share',
    label: 'Tỷ lệ yêu cầu xử lý đúng hạn',
    unit: '%',
    compute: async (ic, p) => {
      const rows = await ic.ctx.db
        .selectFrom('clock')
        .innerJoin('request', (j) => j.on(sql<boolean>`request.id::text = clock.entity_id`))
        .select(['clock.late'])
        .where('clock.entity_type', '=', 'request')
        .where('request.province_code', '=', ic.provinceCode)
        .where('clock.met_at', 'is not', null)
        .where('clock.met_at', '>=', start(p.from))
        .where('clock.met_at', '<', start(p.to))
        .execute();
      return { value: rows.length ? round1((100 * rows.filter((r) => !r.late).length) / rows.length) : null };
    },
  },
  {
    code: 'requests.median_days',
    label: 'Số ngày giải quyết (trung vị)',
    unit: 'ngày',
    compute: async (ic, p) => ({ value: median(await resolutionDays(ic, p)) }),
  },
  {
    code: 'requests.vulnerable_days',
    label: 'Thời gian giải quyết bình quân — người tiêu dùng dễ bị tổn thương',
    unit: 'ngày',
    compute: async (ic, p) => ({ value: mean(await resolutionDays(ic, p, true)) }),
  },
  {
    code: 'requests.other_days',
    label: 'Thời gian giải quyết bình quân — người tiêu dùng khác',
    unit: 'ngày',
    compute: async (ic, p) => ({ value: mean(await resolutionDays(ic, p, false)) }),
  },
  {
    code: 'hotline.callbacks_done',
    label: 'Số cuộc gọi lại đường dây nóng đã thực hiện',
    unit: 'cuộc gọi',
    compute: async (ic, p) => {
      const r = await ic.ctx.db
        .selectFrom('callback')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('province_code', '=', ic.provinceCode)
        .where('status', '=', 'done')
        .where('done_at', '>=', start(p.from))
        .where('done_at', '<', start(p.to))
        .executeTakeFirstOrThrow();
      return { value: Number(r.n) };
    },
  },
];

/** One indicator per sector for received and resolved requests ("requests.received:food"). */
const PER_SECTOR: readonly Indicator[] = (['received', 'resolved'] as const).flatMap((what) =>
  sectors.map((s): Indicator => ({
    code: `requests.${what}:${s}`,
    label: `${what === 'received' ? 'Số yêu cầu, khiếu nại tiếp nhận' : 'Số yêu cầu, khiếu nại đã giải quyết xong'} — lĩnh vực ${sectorLabels[s].toLocaleLowerCase('vi')}`,
    unit: 'yêu cầu',
    compute: (ic, p) => countOfSector(ic, p, what === 'received' ? 'received_at' : 'closed_at', s),
  })),
);

export const INDICATORS: readonly Indicator[] = [...PROVINCE_WIDE, ...PER_SECTOR];
/** The province-wide indicators (without the per-sector ones): the report's table of figures. */
export const PROVINCE_WIDE_CODES: readonly string[] = PROVINCE_WIDE.map((i) => i.code);
export const INDICATOR_CODES = INDICATORS.map((i) => i.code);
const byCode = new Map(INDICATORS.map((i) => [i.code, i]));
export const isIndicatorCode = (c: string): boolean => byCode.has(c);
export const indicatorLabel = (c: string): string => byCode.get(c)?.label ?? c;

/** Figures already computed, by province, period and code: one report computes each once. */
export type IndicatorCache = Map<string, Promise<Figure>>;

/** Values of the given (default: all) indicators for a period in a province, in the order asked. */
export async function computeIndicators(
  ic: IndicatorCtx,
  period: IndicatorPeriod,
  codes?: readonly string[],
  cache: IndicatorCache = new Map(),
): Promise<IndicatorValue[]> {
  const list = codes ? codes.flatMap((c) => byCode.get(c) ?? []) : INDICATORS;
  const out: IndicatorValue[] = [];
  for (const i of list) {
    const key = `${ic.provinceCode}|${period.from}|${period.to}|${i.code}`;
    let f = cache.get(key);
    if (!f) cache.set(key, (f = i.compute(ic, period)));
    const { value, breakdown } = await f;
    out.push({ code: i.code, label: i.label, unit: i.unit, value, ...(breakdown ? { breakdown } : {}) });
  }
  return out;
}

/** `GET /api/v1/plans/:id/indicators`: the indicators (default: all) for the plan's province over [from, to). */
export async function planIndicators(ctx: Ctx, planId: string, period: IndicatorPeriod, codes?: readonly string[]) {
  requirePermission(ctx, 'plans.read');
  const plan = await loadPlan(ctx, planId);
  if (period.to <= period.from) throw E.badRange();
  return { from: period.from, to: period.to, data: await computeIndicators({ ctx, provinceCode: plan.province_code }, period, codes) };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Binds a task to indicator codes (replacing the earlier binding). Needs `plans.manage`. */
export async function setTaskIndicators(ctx: Ctx, planId: string, taskId: string, codes: readonly string[]) {
  requirePermission(ctx, 'plans.manage');
  const plan = await loadPlan(ctx, planId);
  if (plan.status !== 'active') throw E.archived();
  const task = UUID.test(taskId) ? await findTask(ctx.db, plan.id, taskId) : undefined;
  if (!task) throw E.taskNotFound();
  if (task.is_section) throw E.sectionHasNoReport();
  const unknown = codes.filter((c) => !isIndicatorCode(c));
  if (unknown.length) throw E.unknownIndicator(unknown);
  const indicators = [...new Set(codes)];
  await inTransaction(ctx, async (tx) => {
    await tx.db.updateTable('plan_task').set({ indicators }).where('id', '=', task.id).execute();
    await recordAudit(tx, { action: 'plan.task.indicators', entityType: 'plan_task', entityId: task.id, summary: { indicators } });
  });
  return { taskId: task.id, indicators };
}
