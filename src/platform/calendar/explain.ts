/**
 * Vietnamese explanation of a computed deadline, for case files and for the citizen: which day the
 * count starts on, which days were counted, which were skipped and why, and when the limit ends.
 * Legal references: Civil Code 2015 Art. 147 (start the day after the event), Art. 148(1) (ends at
 * 24:00 of the last day), Art. 148(5) (last day not a working day → next working day).
 */
import { formatIso, formatVn, isoToDay } from './dates.js';
import type { DeadlineResult } from './types.js';

const BLDS = 'Bộ luật Dân sự 2015';
/** Above this many counted days, the list is summarised as a range. */
const LIST_LIMIT = 31;

function vn(iso: string): string {
  return formatVn(isoToDay(iso));
}

export function explainDeadline(result: DeadlineResult, rule?: string): string {
  const from = isoToDay(result.from);
  const due = isoToDay(result.due);
  const fromVn = formatVn(from);
  const dueVn = formatVn(due);
  const working = result.unit === 'working_days';
  const unit = working ? 'ngày làm việc' : 'ngày';
  const lines: string[] = [];
  const skippedText = result.skipped.map((s) => `${vn(s.date)} (${s.reason})`).join(', ');

  lines.push(rule ? `Thời hạn ${result.days} ${unit} theo ${rule}.` : `Thời hạn ${result.days} ${unit}.`);

  if (result.days === 0) {
    lines.push(`Thời hạn 0 ngày kết thúc ngay trong ngày xảy ra sự kiện ${fromVn}.`);
    if (result.skipped.length > 0) {
      lines.push(
        `Ngày ${fromVn} không phải ngày làm việc nên thời hạn chuyển sang ngày làm việc tiếp theo (Điều 148 khoản 5 ${BLDS}); bỏ qua ${skippedText}.`,
      );
    }
  } else {
    lines.push(
      `Ngày xảy ra sự kiện ${fromVn} không tính vào thời hạn; bắt đầu tính từ ngày ${formatVn(from + 1)} (ngày tiếp theo sau ngày ${fromVn}) (Điều 147 ${BLDS}).`,
    );
    if (working) {
      const skippedSet = new Set(result.skipped.map((s) => s.date));
      const counted: number[] = [];
      for (let d = from + 1; d <= due; d++) {
        if (!skippedSet.has(formatIso(d))) counted.push(d);
      }
      const firstCounted = counted[0];
      if (counted.length <= LIST_LIMIT || firstCounted === undefined) {
        lines.push(`Các ngày làm việc được tính (${counted.length}): ${counted.map(formatVn).join(', ')}.`);
      } else {
        lines.push(`Các ngày làm việc được tính: ${counted.length} ngày, từ ${formatVn(firstCounted)} đến ${dueVn}.`);
      }
      lines.push(
        result.skipped.length > 0
          ? `Bỏ qua ${result.skipped.length} ngày không làm việc: ${skippedText}.`
          : 'Không có ngày nghỉ nào trong khoảng này.',
      );
    } else {
      const last = from + result.days;
      lines.push(`Ngày thứ ${result.days} là ngày ${formatVn(last)}.`);
      if (result.skipped.length > 0) {
        lines.push(
          `Ngày ${formatVn(last)} không phải ngày làm việc nên thời hạn chuyển sang ngày làm việc tiếp theo (Điều 148 khoản 5 ${BLDS}); bỏ qua ${skippedText}.`,
        );
      }
    }
  }
  lines.push(`Hạn cuối: hết 24:00 ngày ${dueVn} (giờ Việt Nam, UTC+7) (Điều 148 khoản 1 ${BLDS}).`);
  return lines.join(' ');
}
