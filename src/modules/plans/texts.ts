/**
 * Vietnamese labels of plans: the six clears, timing kinds, report statuses. Staff pages are
 * Vietnamese first (the English catalogue covers the shell); the API speaks codes.
 */
import { formatDate } from '../../platform/i18n.js';
import type { ReportStatus, Timing } from './schema.js';

export const CLEAR_LABELS: Record<string, string> = {
  person: 'Rõ người',
  task: 'Rõ việc',
  time: 'Rõ thời gian',
  responsibility: 'Rõ trách nhiệm',
  deliverable: 'Rõ sản phẩm',
  authority: 'Rõ thẩm quyền',
};

export const STATUS_LABELS: Record<ReportStatus, string> = {
  not_started: 'Chưa triển khai',
  on_track: 'Đúng tiến độ',
  at_risk: 'Có nguy cơ chậm',
  done: 'Hoàn thành',
  overdue: 'Quá hạn',
};

const EVERY: Record<string, string> = { year: 'hằng năm', 'half-year': '6 tháng một lần', quarter: 'hằng quý', month: 'hằng tháng' };

/** What the system understood of a timing phrase, in a few words. */
export function timingSummary(t: Timing): string {
  switch (t.kind) {
    case 'once':
      return t.due ? `Hạn ${formatDate(t.due)}` : 'Một lần';
    case 'recurring':
      return `Định kỳ ${EVERY[t.recurrence?.every ?? 'year'] ?? ''}${t.recurrence?.on ? ` (ngày ${t.recurrence.on.split('-').reverse().join('/')})` : ''}`;
    case 'continuous':
      return t.until ? `Thường xuyên, đến ${formatDate(t.until)}` : 'Thường xuyên';
    case 'range':
      return `${t.from ? `Từ ${formatDate(t.from)}` : ''}${t.until ? ` đến ${formatDate(t.until)}` : ' trở đi'}`.trim();
    case 'conditional':
      return 'Theo điều kiện (chờ sự kiện)';
    default:
      return 'Chưa đọc được thời gian';
  }
}
