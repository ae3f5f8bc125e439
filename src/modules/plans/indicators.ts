/**
 * Live indicators (issue 6 point 5): figures computed from the system's own data for a period
 * [from, to) in the province, so that reports read them instead of asking agencies to type them.
 * Values are computed at view time (never stored with a report): a report for a task's period
 * shows the bound indicators' current values for that period.
 */
import { sql } from 'kysely';
import { requirePermission } from '../../platform/auth/permissions.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { recordAudit } from '../../platform/audit.js';
import { planErrors as E } from './errors.js';
import { findTask } from './repo.js';
import { loadPlan } from './service.js';

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

export interface Indicator {
  code: string;
  label: string;
  unit: string;
  compute(ic: IndicatorCtx, period: IndicatorPeriod): Promise<number | null>;
}

const start = (d: string) => new Date(`${d}T00:00:00+07:00`);
const round1 = (n: number) => Math.round(n * 10) / 10;

async function countReceived(ic: IndicatorCtx, p: IndicatorPeriod, sector?: string | null): Promise<number> {
  let q = ic.ctx.db
    .selectFrom('request')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('province_code', '=', ic.provinceCode)
    .where('received_at', '>=', start(p.from))
    .where('received_at', '<', start(p.to));
  if (sector !== undefined) q = sector === null ? q.where('sector', 'is', null) : q.where('sector', '=', sector);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

async function countResolved(ic: IndicatorCtx, p: IndicatorPeriod): Promise<number> {
  const r = await ic.ctx.db
    .selectFrom('request')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('province_code', '=', ic.provinceCode)
    .where('closed_at', '>=', start(p.from))
    .where('closed_at', '<', start(p.to))
    .executeTakeFirstOrThrow();
  return Number(r.n);
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

export const INDICATORS: readonly Indicator[] = [
  {
    code: 'requests.received',
    label: 'Số yêu cầu, khiếu nại tiếp nhận',
    unit: 'yêu cầu',
    compute: (ic, p) => countReceived(ic, p),
  },
  {
    code: 'requests.resolved',
    label: 'Số yêu cầu, khiếu nại đã giải quyết xong',
    unit: 'yêu cầu',
    compute: (ic, p) => countResolved(ic, p),
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
      if (!rows.length) return null;
      return round1((100 * rows.filter((r) => !r.late).length) / rows.length);
    },
  },
  {
    code: 'requests.median_days',
    label: 'Số ngày giải quyết (trung vị)',
    unit: 'ngày',
    compute: async (ic, p) => median(await resolutionDays(ic, p)),
  },
  {
    code: 'requests.vulnerable_days',
    label: 'Thời gian giải quyết bình quân — người tiêu dùng dễ bị tổn thương',
    unit: 'ngày',
    compute: async (ic, p) => mean(await resolutionDays(ic, p, true)),
  },
  {
    code: 'requests.other_days',
    label: 'Thời gian giải quyết bình quân — người tiêu dùng khác',
    unit: 'ngày',
    compute: async (ic, p) => mean(await resolutionDays(ic, p, false)),
  },
  {
    code: 'hotline.callbacks_done',
    label: 'Số cuộc gọi lại đường dây nóng đã thực hiện',
    unit: 'cuộc gọi',
    compute: async (ic, p) => {
      const r = await ic.ctx.db
        .selectFrom('callback')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('status', '=', 'done')
        .where('done_at', '>=', start(p.from))
        .where('done_at', '<', start(p.to))
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
  },
];

export const INDICATOR_CODES = INDICATORS.map((i) => i.code);
export const isIndicatorCode = (c: string): boolean => INDICATOR_CODES.includes(c);

export interface IndicatorValue {
  code: string;
  label: string;
  unit: string;
  value: number | null;
}

/** Values of the given (default: all) indicators for a period in a province. */
export async function computeIndicators(ic: IndicatorCtx, period: IndicatorPeriod, codes?: readonly string[]): Promise<IndicatorValue[]> {
  const list = codes ? INDICATORS.filter((i) => codes.includes(i.code)) : INDICATORS;
  const out: IndicatorValue[] = [];
  for (const i of list) out.push({ code: i.code, label: i.label, unit: i.unit, value: await i.compute(ic, period) });
  return out;
}

/** `GET /api/v1/plans/:id/indicators`: all indicators for the plan's province over [from, to). */
export async function planIndicators(ctx: Ctx, planId: string, period: IndicatorPeriod) {
  requirePermission(ctx, 'plans.read');
  const plan = await loadPlan(ctx, planId);
  return { from: period.from, to: period.to, data: await computeIndicators({ ctx, provinceCode: plan.province_code }, period) };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Binds a task to indicator codes (replacing the earlier binding). Needs `plans.manage`. */
export async function setTaskIndicators(ctx: Ctx, planId: string, taskId: string, codes: readonly string[]) {
  requirePermission(ctx, 'plans.manage');
  const plan = await loadPlan(ctx, planId);
  const task = UUID.test(taskId) ? await findTask(ctx.db, plan.id, taskId) : undefined;
  if (!task) throw E.taskNotFound();
  const indicators = [...new Set(codes.filter(isIndicatorCode))];
  await inTransaction(ctx, async (tx) => {
    await tx.db.updateTable('plan_task').set({ indicators }).where('id', '=', task.id).execute();
    await recordAudit(tx, { action: 'plan.task.indicators', entityType: 'plan_task', entityId: task.id, summary: { indicators } });
  });
  return { taskId: task.id, indicators };
}
