/**
 * Pure due-date arithmetic for clocks (no database): from the stored facts of a clock (rule unit
 * and amount, start instant, extension, pauses) and a Calendar, the due instant, the due-soon
 * instant and a Vietnamese explanation. Recomputing from facts (rather than patching a stored
 * date) is what lets a calendar edit move every running clock correctly.
 *
 * Civil Code 2015: a day-based limit starts the day after the event (Art. 147(2)–(3)) in local
 * time (Asia/Ho_Chi_Minh) and ends at 24:00 of its last day (Art. 148(1)), moved to the end of the
 * next working day when that day is off (Art. 148(5)); an hour limit runs from the exact instant
 * (Art. 147(1)).
 *
 * Paused time does not count (LAW.md §18 A; Decree 55 Form 03 restarts the count on the day the
 * supplement arrives). A pause from day P to day R takes out the days after P up to and including
 * R: the pause day itself was partly used, and the count resumes the day after the resume event, as
 * it starts the day after any event (Art. 147). Working-day rules get back the working days in
 * (P, R]; calendar-day rules the calendar days R − P; hour rules the exact paused duration.
 */
import type { Calendar } from '../calendar/engine.js';
import { explainDeadline } from '../calendar/explain.js';
import { formatIso, formatVn, isoToDay, type IsoDate } from '../calendar/dates.js';
import { MAX_WORKING_DAYS } from '../calendar/engine.js';
import type { DeadlineResult, SkippedDay } from '../calendar/types.js';
import { formatDateTime } from '../i18n.js';
import type { ClockUnit } from './registry.js';

export const PAUSE_REASONS = ['awaiting_consumer_supplement', 'awaiting_other_agency', 'lab_test', 'force_majeure', 'other'] as const;
export type PauseReason = (typeof PAUSE_REASONS)[number];

export const PAUSE_REASON_VI: Record<PauseReason, string> = {
  awaiting_consumer_supplement: 'chờ người tiêu dùng bổ sung thông tin, tài liệu',
  awaiting_other_agency: 'chờ ý kiến, kết quả của cơ quan khác',
  lab_test: 'chờ kết quả kiểm nghiệm, giám định',
  force_majeure: 'sự kiện bất khả kháng',
  other: 'lý do khác',
};

const UNIT_VI: Record<ClockUnit, string> = { working_days: 'ngày làm việc', days: 'ngày', hours: 'giờ' };
const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;
/** Asia/Ho_Chi_Minh is UTC+7 all year (no DST since 1975). */
const VN_OFFSET_MS = 7 * MS_PER_HOUR;

/** Local calendar date (Asia/Ho_Chi_Minh) of an instant. */
export function localDateOf(instant: Date): IsoDate {
  return formatIso(Math.floor((instant.getTime() + VN_OFFSET_MS) / MS_PER_DAY));
}

export interface PauseSpan {
  pausedAt: Date;
  /** null while the pause is open. */
  resumedAt: Date | null;
  reason: PauseReason;
  note: string | null;
}

export interface ClockFacts {
  unit: ClockUnit;
  amount: number;
  extensionAmount: number;
  startedAt: Date;
  dueSoon: { unit: ClockUnit; amount: number };
  /** All pauses; an open one is ignored (the due date is recomputed when it closes). */
  pauses: readonly PauseSpan[];
}

/** What one closed pause gave back: working days / calendar days / milliseconds. */
export interface PauseCredit {
  span: PauseSpan;
  amount: number;
  /** For working-day rules: the working days taken out. */
  days: IsoDate[];
}

export interface DueComputation {
  startDate: IsoDate;
  dueDate: IsoDate;
  dueAt: Date;
  dueSoonAt: Date;
  credits: PauseCredit[];
  /** Total units counted (amount + extension + paused credit); for hours possibly fractional. */
  total: number;
  /** The engine's result for day-based rules (null for hour rules). */
  result: DeadlineResult | null;
}

function pauseCredit(cal: Calendar, unit: ClockUnit, span: PauseSpan): PauseCredit {
  const resumedAt = span.resumedAt as Date;
  if (unit === 'hours') return { span, amount: Math.max(0, resumedAt.getTime() - span.pausedAt.getTime()), days: [] };
  const from = isoToDay(localDateOf(span.pausedAt));
  const to = isoToDay(localDateOf(resumedAt));
  if (unit === 'days') return { span, amount: Math.max(0, to - from), days: [] };
  const days: IsoDate[] = [];
  for (let d = from + 1; d <= to; d++) {
    const iso = formatIso(d);
    if (cal.isWorkingDay(iso).working) days.push(iso);
  }
  return { span, amount: days.length, days };
}

/** addWorkingDays beyond the engine's 400 per call: a due day (n > 0) is a working day, so chaining is exact. */
export function addWorkingDaysLong(cal: Calendar, from: IsoDate, n: number): DeadlineResult {
  let rest = n;
  let at = from;
  const skipped: SkippedDay[] = [];
  while (rest > MAX_WORKING_DAYS) {
    const r = cal.addWorkingDays(at, MAX_WORKING_DAYS);
    skipped.push(...r.skipped);
    at = r.due;
    rest -= MAX_WORKING_DAYS;
  }
  const last = cal.addWorkingDays(at, rest);
  skipped.push(...last.skipped);
  return { unit: 'working_days', from, days: n, due: last.due, skipped };
}

function dueSoonInstant(cal: Calendar, dueDate: IsoDate, dueAt: Date, ds: { unit: ClockUnit; amount: number }): Date {
  if (ds.amount <= 0) return dueAt;
  if (ds.unit === 'hours') return new Date(dueAt.getTime() - ds.amount * MS_PER_HOUR);
  let d = isoToDay(dueDate);
  if (ds.unit === 'days') return cal.endOfDayInstant(formatIso(d - ds.amount));
  // The end of the N-th working day before the due day: from then on, N working days remain.
  for (let k = 0; k < ds.amount;) {
    d--;
    if (cal.isWorkingDay(formatIso(d)).working) k++;
  }
  return cal.endOfDayInstant(formatIso(d));
}

export function computeDue(cal: Calendar, facts: ClockFacts): DueComputation {
  const startDate = localDateOf(facts.startedAt);
  const credits = facts.pauses.filter((p) => p.resumedAt !== null).map((p) => pauseCredit(cal, facts.unit, p));
  const credit = credits.reduce((s, c) => s + c.amount, 0);
  if (facts.unit === 'hours') {
    const total = facts.amount + facts.extensionAmount + credit / MS_PER_HOUR;
    const dueAt = cal.addHours(facts.startedAt, total);
    const dueDate = localDateOf(dueAt);
    return { startDate, dueDate, dueAt, dueSoonAt: dueSoonInstant(cal, dueDate, dueAt, facts.dueSoon), credits, total, result: null };
  }
  const total = facts.amount + facts.extensionAmount + credit;
  const result = facts.unit === 'working_days' ? addWorkingDaysLong(cal, startDate, total) : cal.addDays(startDate, total);
  const dueAt = cal.endOfDayInstant(result.due);
  return {
    startDate,
    dueDate: result.due,
    dueAt,
    dueSoonAt: dueSoonInstant(cal, result.due, dueAt, facts.dueSoon),
    credits,
    total,
    result,
  };
}

export type ClockState = 'running' | 'due_soon' | 'overdue' | 'paused' | 'stopped' | 'met';

/** The running-family state at `now`: the limit is over at its due instant (24:00 of the last day). */
export function stateAt(now: Date, due: { dueAt: Date; dueSoonAt: Date }): 'running' | 'due_soon' | 'overdue' {
  if (now.getTime() >= due.dueAt.getTime()) return 'overdue';
  if (now.getTime() >= due.dueSoonAt.getTime()) return 'due_soon';
  return 'running';
}

export interface ExplainInput {
  label: string;
  legalBasisVi: string;
  unit: ClockUnit;
  amount: number;
  extensionAmount: number;
  extensionReason: string | null;
  startedAt: Date;
  pauses: readonly PauseSpan[];
  state: ClockState;
  metAt: Date | null;
  late: boolean;
  stoppedAt: Date | null;
}

function duration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `${h} giờ` : `${h} giờ ${m} phút`;
}

/** Vietnamese explanation: start, rule and basis, extension, pauses, the skipped days and why, the end. */
export function explainClock(c: ExplainInput, comp: DueComputation): string {
  const unit = UNIT_VI[c.unit];
  const lines: string[] = [`${c.label}: ${c.amount} ${unit} (${c.legalBasisVi}).`];
  lines.push(`Sự kiện bắt đầu tính thời hạn: ${formatDateTime(c.startedAt)} (giờ Việt Nam).`);
  if (c.extensionAmount > 0) {
    lines.push(`Gia hạn một lần thêm ${c.extensionAmount} ${unit}${c.extensionReason ? `, lý do: ${c.extensionReason}` : ''}.`);
  }
  for (const cr of comp.credits) {
    const why = `${PAUSE_REASON_VI[cr.span.reason]}${cr.span.note ? `: ${cr.span.note}` : ''}`;
    const span = `Tạm dừng từ ${formatDateTime(cr.span.pausedAt)} đến ${formatDateTime(cr.span.resumedAt as Date)} (${why})`;
    if (c.unit === 'hours') lines.push(`${span}: không tính ${duration(cr.amount)} vào thời hạn.`);
    else if (c.unit === 'days') lines.push(`${span}: không tính ${cr.amount} ngày vào thời hạn.`);
    else
      lines.push(
        cr.amount === 0
          ? `${span}: không có ngày làm việc nào bị tạm dừng.`
          : `${span}: không tính ${cr.amount} ngày làm việc (${cr.days.map((d) => formatVn(isoToDay(d))).join(', ')}) vào thời hạn.`,
      );
  }
  const credit = comp.credits.reduce((s, x) => s + x.amount, 0);
  if (comp.result && c.unit === 'working_days') {
    // Paused working days are listed with the skipped days (with their reason), so the engine's
    // list of counted days shows exactly the amount (plus extension) that ran.
    if (c.extensionAmount > 0)
      lines.push(`Tổng số ${unit} phải tính: ${c.amount} + ${c.extensionAmount} (gia hạn) = ${c.amount + c.extensionAmount}.`);
    const paused = comp.credits.flatMap((cr) => cr.days.map((date) => ({ date, reason: `tạm dừng, ${PAUSE_REASON_VI[cr.span.reason]}` })));
    const skipped = [...comp.result.skipped, ...paused].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    lines.push(explainDeadline({ ...comp.result, days: c.amount + c.extensionAmount, skipped }, c.label));
  } else if (comp.result) {
    if (c.extensionAmount > 0 || credit > 0) {
      const parts = [`${c.amount}`];
      if (c.extensionAmount > 0) parts.push(`${c.extensionAmount} (gia hạn)`);
      if (credit > 0) parts.push(`${credit} (tạm dừng)`);
      lines.push(`Tổng số ${unit} phải tính: ${parts.join(' + ')} = ${comp.total}.`);
    }
    lines.push(explainDeadline(comp.result, c.label));
  } else {
    if (credit > 0) lines.push(`Cộng thêm thời gian tạm dừng: ${duration(credit)}.`);
    lines.push(
      'Thời hạn tính theo giờ kể từ thời điểm chính xác của sự kiện (Điều 147 khoản 1 Bộ luật Dân sự 2015); không áp dụng quy tắc ngày làm việc.',
    );
    lines.push(`Hạn cuối: ${formatDateTime(comp.dueAt)} (giờ Việt Nam, UTC+7).`);
  }
  const open = c.pauses.find((p) => p.resumedAt === null);
  if (c.state === 'paused' && open) {
    lines.push(
      `Đang tạm dừng từ ${formatDateTime(open.pausedAt)} (${PAUSE_REASON_VI[open.reason]}${open.note ? `: ${open.note}` : ''}); thời gian tạm dừng không tính vào thời hạn, hạn cuối sẽ được tính lại khi tiếp tục.`,
    );
  }
  if (c.state === 'met' && c.metAt) lines.push(`Đã hoàn thành lúc ${formatDateTime(c.metAt)}, ${c.late ? 'trễ hạn' : 'trong hạn'}.`);
  if (c.state === 'stopped' && c.stoppedAt) lines.push(`Đã ngừng theo dõi lúc ${formatDateTime(c.stoppedAt)}.`);
  return lines.join(' ');
}
