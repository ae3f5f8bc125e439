/** zod schemas of the calendar and clocks API (input and output). */
import { z } from 'zod';
import { nfcText } from '../../platform/api.js';
import { CALENDAR_DAY_KINDS, type CalendarDayKind } from '../../platform/calendar/index.js';
import { PAUSE_REASONS } from '../../platform/clocks/index.js';

export const provinceCode = z.string().regex(/^\d{2}$/, 'Mã tỉnh gồm 2 chữ số');

// Dates, day counts and years are taken as text and checked by the engine, so that a bad value
// answers with the engine's stable code (calendar.invalid_date, …) rather than a generic one.
export const deadlineQuery = z.object({
  from: z.string().max(32),
  days: z.string().max(16),
  province: provinceCode.optional(),
});
export type DeadlineQuery = z.infer<typeof deadlineQuery>;

export const skippedDay = z.object({ date: z.string(), reason: z.string() });

export const deadlineResponse = z.object({
  from: z.string(),
  days: z.number().int(),
  due: z.string(),
  skipped: z.array(skippedDay),
  explanation: z.string(),
});

export const holidaysQuery = z.object({ year: z.string().max(16).optional(), province: provinceCode.optional() });
export type HolidaysQuery = z.infer<typeof holidaysQuery>;

export const calendarDayKind = z.enum(CALENDAR_DAY_KINDS as [CalendarDayKind, ...CalendarDayKind[]]);

export const holidayItem = z.object({
  date: z.string(),
  kind: z.string(),
  name: z.string(),
  source: z.string(),
  provisional: z.boolean(),
  working: z.boolean(),
  provinceCode: z.string().nullable(),
});
export const holidaysResponse = z.object({ data: z.array(holidayItem), year: z.number().int() });

export const workingDayQuery = z.object({ date: z.string().max(32), province: provinceCode.optional() });
export type WorkingDayQuery = z.infer<typeof workingDayQuery>;

export const workingDayResponse = z.object({
  date: z.string(),
  working: z.boolean(),
  reason: z.string().nullable(),
  kind: z.string().optional(),
  source: z.string().optional(),
  provisional: z.boolean().optional(),
});

export const calendarDayView = z.object({
  id: z.string(),
  date: z.string(),
  kind: z.string(),
  name: z.string(),
  source: z.string(),
  provisional: z.boolean(),
  provinceCode: z.string().nullable(),
  working: z.boolean(),
  createdAt: z.date(),
  updatedAt: z.date(),
});

export const calendarDayCreate = z.strictObject({
  date: z.string().max(32),
  kind: calendarDayKind,
  name: nfcText(1, 300),
  source: nfcText(1, 500),
  provisional: z.boolean().optional(),
  provinceCode: provinceCode.nullable().optional(),
});
export type CalendarDayCreate = z.infer<typeof calendarDayCreate>;

export const calendarDayPatch = calendarDayCreate
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'Cần ít nhất một trường để sửa' });

export const calendarDaysQuery = z.object({ year: z.string().max(16).optional(), province: provinceCode.optional() });

export const clocksQuery = z.object({ entityType: z.string().min(1).max(64), entityId: z.string().min(1).max(100) });

export const clockView = z.object({
  id: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  entityLabel: z.string().nullable(),
  rule: z.string(),
  label: z.string(),
  unit: z.enum(['working_days', 'days', 'hours']),
  amount: z.number().int(),
  legalBasis: z.string(),
  internalSla: z.boolean(),
  startedAt: z.date(),
  dueAt: z.date(),
  dueDate: z.string(),
  state: z.enum(['running', 'due_soon', 'overdue', 'paused', 'stopped', 'met']),
  late: z.boolean(),
  metAt: z.date().nullable(),
  stoppedAt: z.date().nullable(),
  pausedAt: z.date().nullable(),
  pausedReason: z.enum(PAUSE_REASONS).nullable(),
  extensionCount: z.number().int(),
  extensionAmount: z.number().int(),
  extensionReason: z.string().nullable(),
  provinceCode: z.string().nullable(),
  explanation: z.string(),
  can: z.object({ pause: z.boolean(), resume: z.boolean(), extend: z.boolean() }),
});

export const pauseBody = z.strictObject({ reason: z.enum(PAUSE_REASONS), note: nfcText(0, 1000).optional() });
export const resumeBody = z.strictObject({ note: nfcText(0, 1000).optional() }).optional();
export const extendBody = z.strictObject({ amount: z.number().int().min(1).max(3660), reason: nfcText(1, 1000) });
