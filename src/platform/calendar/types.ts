import type { IsoDate } from './dates.js';

/**
 * What a calendar row does to its date.
 *  - holiday: public holiday on a weekday (Labour Code 2019 Art. 112(1));
 *  - compensatory: nghỉ bù, a holiday fell on the weekly rest day (Art. 111(3));
 *  - swap_off: hoán đổi, a weekday given off in exchange for a make-up Saturday (the JSON's "swapped");
 *  - makeup_workday: làm bù, a Saturday/Sunday that is a working day (the other half of a swap);
 *  - local_holiday: a day off decided for one province only (applies only to that province's calendar).
 * All kinds except makeup_workday make the date a non-working day.
 */
export type CalendarDayKind = 'holiday' | 'compensatory' | 'swap_off' | 'makeup_workday' | 'local_holiday';

export const CALENDAR_DAY_KINDS: readonly CalendarDayKind[] = ['holiday', 'compensatory', 'swap_off', 'makeup_workday', 'local_holiday'];

/** One row of the holiday table: a non-working weekday or a working weekend day. */
export interface CalendarDay {
  date: IsoDate;
  kind: CalendarDayKind;
  /** Vietnamese label shown to users, e.g. "Ngày Chiến thắng". */
  name: string;
  /** Legal basis / announcement, e.g. "Thông báo 6150/TB-BLĐTBXH". */
  source: string;
  /** true when derived by rule for a year the Government has not announced yet. */
  provisional: boolean;
  /** Set only for local rows; null/undefined = national. */
  provinceCode?: string | null;
}

export interface WorkingDayInfo {
  date: IsoDate;
  working: boolean;
  /** Why the day is special: the row name, "Thứ Bảy"/"Chủ nhật", or null for an ordinary weekday. */
  reason: string | null;
  kind?: CalendarDayKind;
  source?: string;
  provisional?: boolean;
}

export interface SkippedDay {
  date: IsoDate;
  reason: string;
}

export interface DeadlineResult {
  /** Whether `days` counted working days ("ngày làm việc") or calendar days ("ngày"). */
  unit: 'working_days' | 'calendar_days';
  /** The day of the triggering event; it is not counted (Civil Code 2015 Art. 147(2)). */
  from: IsoDate;
  days: number;
  /** Last day of the limit; the limit ends at 24:00 of this day, Vietnam time (Art. 148(1)). */
  due: IsoDate;
  /** Non-working days passed over: inside the count (working days) or by the roll-forward (Art. 148(5)). */
  skipped: SkippedDay[];
}
