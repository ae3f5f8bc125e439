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
