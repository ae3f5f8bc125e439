/**
 * Errors of the legal-time engine. Bad caller input is an AppError of kind 'validation' (so the
 * HTTP layer answers 400 without special-casing) with a stable dotted `code`; callers branch on
 * `code`, never on the Vietnamese message.
 */
import { AppError } from '../errors.js';

export type CalendarInputErrorCode =
  | 'calendar.invalid_date'
  | 'calendar.year_out_of_range'
  | 'calendar.days_out_of_range'
  | 'calendar.hours_out_of_range'
  | 'calendar.invalid_instant'
  | 'calendar.invalid_lunar_date';

/** Bad input from a caller (a user-typed date, a deadline length). Messages are Vietnamese. */
export class CalendarInputError extends AppError {
  declare readonly code: CalendarInputErrorCode;
  constructor(code: CalendarInputErrorCode, message: string) {
    super('validation', code, message);
    this.name = 'CalendarInputError';
  }
}

/**
 * The vendored holiday file (or an admin-maintained row) is inconsistent, e.g. a weekday label that
 * does not match the date. This is a data fault, not a user error, so it is a separate class.
 */
export class CalendarDataError extends Error {
  readonly code = 'calendar.invalid_data';
  constructor(message: string) {
    super(message);
    this.name = 'CalendarDataError';
  }
}
