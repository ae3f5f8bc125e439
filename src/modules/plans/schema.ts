/**
 * Zod schemas of plan import: the typed timing of a task, an agency as written in a plan, the
 * imported task and the preview `{ plan, tasks, warnings }` that `POST /api/v1/plans/import`
 * answers with (issue 6 point 3). The TypeScript types are inferred from these schemas.
 */
import { z } from 'zod';

export const timingKinds = ['once', 'recurring', 'continuous', 'range', 'conditional', 'unparsed'] as const;
export type TimingKind = (typeof timingKinds)[number];

export const recurrenceUnits = ['year', 'half-year', 'quarter', 'month'] as const;
export type RecurrenceUnit = (typeof recurrenceUnits)[number];

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/**
 * A timing phrase and what it means. `text` is the phrase as written (NFC, spaces collapsed), kept
 * so that an officer can correct the parsed form. A month or quarter is due on its last day.
 */
export const timing = z.object({
  text: z.string(),
  kind: z.enum(timingKinds),
  due: isoDay.optional(),
  recurrence: z
    .object({
      every: z.enum(recurrenceUnits),
      /** Day in the year ("12-10") when the phrase names one, e.g. "Trước ngày 10/12 hằng năm". */
      on: z
        .string()
        .regex(/^\d{2}-\d{2}$/)
        .optional(),
    })
    .optional(),
  from: isoDay.optional(),
  until: isoDay.optional(),
  /** The triggering event of a conditional timing ("Thủ tướng Chính phủ ban hành …"). */
  condition: z.string().optional(),
  /** A parenthetical that qualifies the phrase ("Dự kiến từ 01-02 Hội nghị, hội thảo/năm"). */
  note: z.string().optional(),
});
export type Timing = z.infer<typeof timing>;

/** An agency as written in a plan cell; `group` marks generic groups ("Các Sở, ban, ngành"). */
export const importedAgency = z.object({
  text: z.string(),
  group: z.boolean(),
  /** Filled by `matchImportedAgencies` from the directory. */
  agencyId: z.string().optional(),
  kind: z.string().optional(),
  confidence: z.number().min(0).max(1).optional(),
  candidates: z.array(z.object({ agencyId: z.string(), name: z.string(), confidence: z.number() })).optional(),
});
export type ImportedAgency = z.infer<typeof importedAgency>;

/**
 * One row of the plan's task list. Sections ("I", or a numbered heading with sub-items) are parent
 * tasks with `isSection`; `section` is the `ref` of the parent (null at the top). `number` is the
 * number as printed ("I", "1", "2.1"); rows without one get letters (a, b, …) under their parent.
 * `ref` is unique in the plan ("I.1", "2.1", "2.1.a").
 */
export const importedTask = z.object({
  number: z.string(),
  ref: z.string(),
  section: z.string().nullable(),
  level: z.number().int().min(0),
  isSection: z.boolean(),
  content: z.string(),
  /** Further paragraphs of the task in a plan written as prose (seeds 000 and 001). */
  details: z.string().optional(),
  leadAgencies: z.array(importedAgency),
  coAgencies: z.array(importedAgency),
  deliverable: z.string(),
  timing,
  responsiblePerson: z.string().optional(),
  authority: z.string().optional(),
  /** 1-based line of the source text (text import) or row of the sheet (XLSX). */
  line: z.number().int().optional(),
});
export type ImportedTask = z.infer<typeof importedTask>;

export const importWarningCodes = [
  'plan.number_blank',
  'plan.date_blank',
  'table.no_header',
  'table.several',
  'table.extra_cells',
  'row.joined',
  'row.line_joined',
  'row.stray_line',
  'task.number_synthesized',
  'task.duplicate_ref',
  'task.no_lead_agency',
  'task.no_content',
  'task.no_timing',
  'task.unparsed_timing',
  'task.timing_from_section',
  'agency.unmatched',
] as const;
export type ImportWarningCode = (typeof importWarningCodes)[number];

/** Something the officer should look at in the preview; `info` needs no action. */
export const importWarning = z.object({
  code: z.enum(importWarningCodes),
  severity: z.enum(['info', 'warning']),
  message: z.string(),
  ref: z.string().optional(),
  line: z.number().int().optional(),
  text: z.string().optional(),
});
export type ImportWarning = z.infer<typeof importWarning>;

/** A reporting deadline the plan sets, e.g. "trước ngày 10 tháng 11 hằng năm" → { month: 11, day: 10 }. */
export const reportingDeadline = z.object({ text: z.string(), month: z.number().int(), day: z.number().int() });
export type ReportingDeadline = z.infer<typeof reportingDeadline>;

export const importedPlan = z.object({
  issuer: z.string().optional(),
  number: z.string().optional(),
  date: isoDay.optional(),
  place: z.string().optional(),
  /** The plan's year when the date is left blank ("ngày tháng năm 2026"). */
  year: z.number().int().optional(),
  title: z.string().optional(),
  /** The documents the plan carries out ("Kết luận số 207-KL/TW ngày 10/11/2025"), in order of appearance. */
  legalBasis: z.array(z.string()),
  reportingDeadlines: z.array(reportingDeadline),
});
export type ImportedPlan = z.infer<typeof importedPlan>;

export const importFormats = ['text', 'docx', 'xlsx'] as const;
export type ImportFormat = (typeof importFormats)[number];

export const planImportPreview = z.object({
  format: z.enum(importFormats),
  /** `table` for an appendix table, `prose` for numbered items with "Trách nhiệm chủ trì: …" lines. */
  source: z.enum(['table', 'prose']),
  plan: importedPlan,
  tasks: z.array(importedTask),
  warnings: z.array(importWarning),
});
export type PlanImportPreview = z.infer<typeof planImportPreview>;

// ── stored plans: API input and views ───────────────────────────────────────

export const reportStatuses = ['not_started', 'on_track', 'at_risk', 'done', 'overdue'] as const;
export type ReportStatus = (typeof reportStatuses)[number];

export const clearNames = ['person', 'task', 'time', 'responsibility', 'deliverable', 'authority'] as const;

const uuid = z.uuid();
/** NFC, trimmed, spaces kept (multi-line narratives). */
const text = (min: number, max: number) =>
  z
    .string()
    .trim()
    .min(min)
    .max(max)
    .transform((s) => s.normalize('NFC'));

/** A day of the reporting calendar: agencies report to the focal agency, the focal agency upwards. */
export const reportingDay = z
  .object({
    month: z.number().int().min(1).max(12),
    day: z.number().int().min(1).max(31),
    audience: z.enum(['agencies', 'focal']),
    text: z.string().max(1000).optional(),
  })
  .refine((d) => d.day <= new Date(Date.UTC(2001, d.month, 0)).getUTCDate(), { message: 'Ngày không tồn tại trong tháng' });
export type ReportingDay = z.infer<typeof reportingDay>;

/** `?dryRun=true` answers the preview without writing; `sheet` picks an XLSX sheet (name or 1-based position). */
export const importQuery = z.object({
  dryRun: z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .transform((v) => v === 'true' || v === '1'),
  sheet: z.string().trim().min(1).max(100).optional(),
});

/** JSON form of an import: the text of a plan, or a DOCX/XLSX file in base64. */
export const importBody = z.strictObject({
  format: z.string().trim().min(1).max(20),
  content: z.string().max(15_000_000),
  sheet: z.union([z.string().trim().min(1).max(100), z.number().int().min(1).max(1000)]).optional(),
  fileName: z.string().max(300).optional(),
});
export type ImportBody = z.infer<typeof importBody>;

/** A task of a plan to create (the tasks of an import preview, possibly edited by the officer). */
export const taskInput = z.object({
  number: text(1, 40),
  ref: text(1, 120),
  section: z.string().max(120).nullable(),
  level: z.number().int().min(0).max(20).default(0),
  isSection: z.boolean().default(false),
  content: text(1, 20_000),
  details: z.string().max(50_000).optional(),
  leadAgencies: z.array(z.object({ text: text(1, 500), group: z.boolean().default(false), agencyId: uuid.optional() })).max(60),
  coAgencies: z.array(z.object({ text: text(1, 500), group: z.boolean().default(false), agencyId: uuid.optional() })).max(60),
  deliverable: z.string().max(5000).default(''),
  timing: z.object({ text: z.string().max(1000) }).passthrough(),
  /** The phrase as the plan wrote it, when the officer corrected `timing` before saving. */
  originalTimingText: z.string().max(1000).optional(),
  responsiblePerson: z.string().max(300).optional(),
  authority: z.string().max(2000).optional(),
});
export type TaskInput = z.infer<typeof taskInput>;

export const planInput = z.object({
  title: text(1, 2000),
  issuer: z.string().max(500).optional(),
  number: z.string().max(100).optional(),
  date: isoDay.optional(),
  year: z.number().int().min(1990).max(2200).optional(),
  place: z.string().max(200).optional(),
  legalBasis: z.array(z.string().max(1000)).max(50).default([]),
  reportingDeadlines: z.array(reportingDeadline).max(20).optional(),
  /** Overrides the calendar read from the plan's text. */
  reportingCalendar: z.array(reportingDay).max(24).optional(),
  focalAgencyId: uuid.optional(),
  reminderDays: z.number().int().min(0).max(60).optional(),
});
export type PlanInput = z.infer<typeof planInput>;

/** `POST /api/v1/plans`: a plan from an edited import preview (or typed by hand). */
export const createPlanInput = z.strictObject({
  plan: planInput,
  tasks: z.array(taskInput).min(1).max(5000),
  source: z
    .object({
      format: z.enum(['text', 'docx', 'xlsx', 'manual']),
      kind: z.enum(['table', 'prose']).optional(),
      name: z.string().max(300).optional(),
    })
    .optional(),
});
export type CreatePlanInput = z.infer<typeof createPlanInput>;

export const updatePlanInput = z
  .strictObject({
    title: text(1, 2000).optional(),
    issuer: text(0, 500).nullable().optional(),
    number: text(0, 100).nullable().optional(),
    date: isoDay.nullable().optional(),
    focalAgencyId: uuid.nullable().optional(),
    reportingCalendar: z.array(reportingDay).max(24).optional(),
    reminderDays: z.number().int().min(0).max(60).optional(),
    status: z.enum(['active', 'archived']).optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: 'Không có thay đổi nào.' });
export type UpdatePlanInput = z.infer<typeof updatePlanInput>;

/** A timing typed by an officer (the parsed form; `text` is what the plan says). */
export const timingInput = timing.extend({ text: text(1, 1000) });

export const updateTaskInput = z
  .strictObject({
    content: text(1, 20_000).optional(),
    deliverable: text(0, 5000).optional(),
    responsiblePerson: text(0, 300).nullable().optional(),
    authority: text(0, 2000).nullable().optional(),
    /** A corrected timing phrase: parsed again, and marked corrected. */
    timingText: text(1, 1000).optional(),
    /** The parsed form itself, when the phrase cannot say it. */
    timing: timingInput.optional(),
    /** Fix agency matches: assignment id → directory agency (null: back to unmatched). */
    agencies: z
      .array(z.strictObject({ id: uuid, agencyId: uuid.nullable() }))
      .min(1)
      .max(60)
      .optional(),
    /** The triggering event of a conditional task happened on this day. */
    conditionMetOn: isoDay.nullable().optional(),
    reason: text(0, 500).optional(),
  })
  .refine((v) => Object.entries(v).some(([k, x]) => k !== 'reason' && x !== undefined), { message: 'Không có thay đổi nào.' })
  .refine((v) => !(v.timing && v.timingText), { message: 'Chỉ gửi timingText hoặc timing.' });
export type UpdateTaskInput = z.infer<typeof updateTaskInput>;

export const listPlansQuery = z.object({
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  status: z.enum(['active', 'archived', 'all']).default('active'),
});
export type ListPlansQuery = z.infer<typeof listPlansQuery>;

export const assignmentView = z.object({
  id: z.string(),
  text: z.string(),
  agencyId: z.string().optional(),
  agencyName: z.string().optional(),
  group: z.boolean(),
  kind: z.string().optional(),
  confidence: z.number().optional(),
  match: z.enum(['auto', 'manual', 'group', 'unmatched']),
});
export type AssignmentView = z.infer<typeof assignmentView>;

export const sixClearsView = z.object({ missing: z.array(z.enum(clearNames)), score: z.number().int() });

export const taskView = z.object({
  id: z.string(),
  planId: z.string(),
  parentId: z.string().nullable(),
  position: z.number().int(),
  number: z.string(),
  ref: z.string(),
  section: z.string().nullable(),
  level: z.number().int(),
  isSection: z.boolean(),
  content: z.string(),
  details: z.string().nullable(),
  leadAgencies: z.array(assignmentView),
  coAgencies: z.array(assignmentView),
  deliverable: z.string(),
  /** The timing as the plan wrote it; `timing.text` is the phrase in force (the officer's correction). */
  timingText: z.string(),
  timing,
  timingCorrected: z.boolean(),
  responsiblePerson: z.string().nullable(),
  authority: z.string().nullable(),
  conditionMetOn: isoDay.nullable(),
  /** Codes of the live indicators bound to the task (indicators.ts). */
  indicators: z.array(z.string()),
  /** Null for sections: they are scored through their tasks. */
  sixClears: sixClearsView.nullable(),
  can: z.object({ edit: z.boolean(), report: z.boolean() }),
});
export type TaskView = z.infer<typeof taskView>;

export const planSixClearsView = z.object({
  tasks: z.number().int(),
  complete: z.number().int(),
  score: z.number(),
  missing: z.record(z.enum(clearNames), z.number().int()),
});

export const planView = z.object({
  id: z.string(),
  code: z.string(),
  provinceCode: z.string(),
  issuer: z.string().nullable(),
  number: z.string().nullable(),
  date: isoDay.nullable(),
  year: z.number().int().nullable(),
  place: z.string().nullable(),
  title: z.string(),
  legalBasis: z.array(z.string()),
  reportingCalendar: z.array(reportingDay),
  focalAgency: z.object({ id: z.string(), name: z.string() }).nullable(),
  reminderDays: z.number().int(),
  status: z.enum(['active', 'archived']),
  source: z.object({ format: z.string().nullable(), kind: z.string().nullable(), name: z.string().nullable() }),
  counts: z.object({ tasks: z.number().int(), sections: z.number().int(), unmatchedAgencies: z.number().int() }),
  sixClears: planSixClearsView,
  createdAt: z.string(),
  updatedAt: z.string(),
  can: z.object({ manage: z.boolean(), report: z.boolean() }),
});
export type PlanView = z.infer<typeof planView>;

export const importCommitted = z.object({
  id: z.string(),
  code: z.string(),
  tasks: z.number().int(),
  unmatchedAgencies: z.number().int(),
  warnings: z.array(importWarning),
});
export type ImportCommitted = z.infer<typeof importCommitted>;

// ── progress reports, board, notices ────────────────────────────────────────

export const periodQuery = z.object({ period: isoDay.optional() });

export const reportInput = z.strictObject({
  /** The agencies' deadline the report answers ('YYYY-MM-DD', one of the plan's periods). */
  period: isoDay,
  /** The agency reported for; defaults to the reporter's own. Managers may report on behalf of an assigned agency. */
  agencyId: uuid.optional(),
  status: z.enum(reportStatuses),
  narrative: text(0, 20_000).default(''),
});
export type ReportInput = z.infer<typeof reportInput>;

export const evidenceView = z.object({
  id: z.string(),
  filename: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number().int(),
  createdAt: z.string(),
});

/** A figure of a live indicator (indicators.ts) for a period; `breakdown` splits it by sector. */
export const indicatorValue = z.object({
  code: z.string(),
  label: z.string(),
  unit: z.string(),
  value: z.number().nullable(),
  breakdown: z.array(z.object({ key: z.string().nullable(), label: z.string(), value: z.number() })).optional(),
});
export type IndicatorValue = z.infer<typeof indicatorValue>;

export const reportView = z.object({
  id: z.string(),
  taskId: z.string(),
  taskRef: z.string(),
  agency: z.object({ id: z.string(), name: z.string() }),
  period: isoDay,
  role: z.enum(['lead', 'co']),
  status: z.enum(reportStatuses),
  narrative: z.string(),
  /** The task's live indicators for the period, computed when the report was submitted. */
  kpis: z.array(indicatorValue),
  submittedBy: z.string().nullable(),
  submittedAt: z.string(),
  evidence: z.array(evidenceView),
});
export type ReportView = z.infer<typeof reportView>;

export const periodView = z.object({ deadline: isoDay, start: isoDay, focalDeadline: isoDay.optional(), reminderOn: isoDay });
export type PeriodView = z.infer<typeof periodView>;

const statusCounts = z.object({
  not_started: z.number().int(),
  on_track: z.number().int(),
  at_risk: z.number().int(),
  done: z.number().int(),
  overdue: z.number().int(),
});

export const boardView = z.object({
  plan: z.object({ id: z.string(), code: z.string(), title: z.string() }),
  periods: z.array(periodView),
  period: periodView.nullable(),
  /** Whether the period's deadline has passed (missing reports are then overdue). */
  closed: z.boolean(),
  byAgency: z.array(
    z.object({
      agencyId: z.string(),
      agencyName: z.string(),
      expected: z.number().int(),
      reported: z.number().int(),
      missing: z.array(z.string()),
      contributions: z.number().int(),
      statuses: statusCounts,
      reminded: z.boolean(),
      escalated: z.boolean(),
      urged: z.number().int(),
    }),
  ),
  bySection: z.array(
    z.object({
      ref: z.string().nullable(),
      content: z.string(),
      tasks: z.number().int(),
      reported: z.number().int(),
      statuses: statusCounts,
    }),
  ),
  timeline: z.array(
    z.object({
      at: z.string(),
      kind: z.enum(['report', 'reminder', 'escalation', 'urge']),
      agencyName: z.string(),
      /** The event in Vietnamese; the fields below let a page say it in another language. */
      text: z.string(),
      refs: z.array(z.string()),
      role: z.enum(['lead', 'co']).optional(),
      status: z.enum(reportStatuses).optional(),
      message: z.string().optional(),
    }),
  ),
});
export type BoardView = z.infer<typeof boardView>;

export const urgeInput = z.strictObject({
  agencyId: uuid,
  period: isoDay,
  message: text(1, 2000),
});
export type UrgeInput = z.infer<typeof urgeInput>;

export const noticeView = z.object({
  id: z.string(),
  kind: z.enum(['reminder', 'escalation', 'urge']),
  agencyId: z.string(),
  period: isoDay,
  taskRefs: z.array(z.string()),
  message: z.string().nullable(),
  recipients: z.number().int(),
  createdAt: z.string(),
});
export type NoticeView = z.infer<typeof noticeView>;

export const reportDocQuery = z.object({ period: isoDay.optional(), format: z.enum(['docx', 'pdf']).default('docx') });
