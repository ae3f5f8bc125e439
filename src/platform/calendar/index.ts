/** Public surface of the Vietnamese legal-time engine (pure; only loadOfficial* reads a file). */
export {
  civilFromDays,
  daysFromCivil,
  formatIso,
  formatVn,
  isoToDay,
  MAX_YEAR,
  MIN_YEAR,
  parseIsoDate,
  weekdayOf,
  type IsoDate,
  type YMD,
} from './dates.js';
export { CalendarDataError, CalendarInputError, type CalendarInputErrorCode } from './errors.js';
export { leapMonthOf, lunarMonthLength, lunarToSolar, solarToLunar, type LunarDate } from './lunar.js';
export { deriveStatutoryDays, quocKhanhAdjacentDay, tetDays } from './statutory.js';
export {
  loadOfficialCalendar,
  loadOfficialDays,
  localizeName,
  OFFICIAL_HOLIDAYS_FILE,
  parseOfficialCalendar,
  type OfficialCalendar,
  type PendingDay,
} from './official.js';
export { Calendar, createCalendar, MAX_CALENDAR_DAYS, MAX_HOURS, MAX_WORKING_DAYS, type CalendarOptions } from './engine.js';
export { explainDeadline } from './explain.js';
export {
  CALENDAR_DAY_KINDS,
  type CalendarDay,
  type CalendarDayKind,
  type DeadlineResult,
  type SkippedDay,
  type WorkingDayInfo,
} from './types.js';
