/**
 * The "6 clears" (*6 rõ*: rõ người, rõ việc, rõ thời gian, rõ trách nhiệm, rõ sản phẩm, rõ thẩm
 * quyền) that Conclusion 207-KL/TW plans require of every task (seed 000, part III.1). Which field
 * of a task makes each one clear:
 *
 *   person          `responsiblePerson`: a named person in the lead agency (rõ người)
 *   task            `content`: what is to be done, at least a few words (rõ việc)
 *   time            `timing`: a timing that parses (kind other than `unparsed`) (rõ thời gian)
 *   responsibility  `leadAgencies`: at least one lead agency; a generic group ("UBND xã, phường")
 *                   counts, as each member is then responsible (rõ trách nhiệm)
 *   deliverable     `deliverable`: the product or result (rõ sản phẩm)
 *   authority       `authority` or `legalBasis`: who decides, on which basis (rõ thẩm quyền);
 *                   a plan-wide basis counts only when the caller passes it as `legalBasis`
 *
 * Sections (parent tasks) are scored by their leaf tasks, not on their own.
 */
import type { Timing } from './schema.js';

export const SIX_CLEARS = ['person', 'task', 'time', 'responsibility', 'deliverable', 'authority'] as const;
export type Clear = (typeof SIX_CLEARS)[number];

/** The fields the check reads; an imported task, a stored task and a form all fit. */
export interface SixClearsInput {
  content?: string | null;
  responsiblePerson?: string | null;
  timing?: Pick<Timing, 'kind'> | null;
  leadAgencies?: readonly unknown[] | null;
  deliverable?: string | null;
  authority?: string | null;
  legalBasis?: string | readonly string[] | null;
}

export interface SixClearsResult {
  /** The clears the task lacks, in the order of the slogan. */
  missing: Clear[];
  /** How many of the six are clear (0–6). */
  score: number;
}

const filled = (s: string | null | undefined, min = 1): boolean => (s ?? '').replace(/\s+/g, ' ').trim().length >= min;

/** Which of the six clears a task lacks, and how many it has. */
export function sixClears(task: SixClearsInput): SixClearsResult {
  const basis = task.legalBasis;
  const clear: Record<Clear, boolean> = {
    person: filled(task.responsiblePerson, 2),
    task: filled(task.content, 5),
    time: !!task.timing && task.timing.kind !== 'unparsed',
    responsibility: (task.leadAgencies?.length ?? 0) > 0,
    deliverable: filled(task.deliverable, 2),
    authority: filled(task.authority, 2) || (typeof basis === 'string' ? filled(basis, 2) : (basis ?? []).some((b) => filled(b, 2))),
  };
  const missing = SIX_CLEARS.filter((c) => !clear[c]);
  return { missing, score: SIX_CLEARS.length - missing.length };
}

export interface PlanSixClears {
  /** Leaf tasks checked. */
  tasks: number;
  /** Tasks with all six clear. */
  complete: number;
  /** Mean share of clears over the tasks, 0–1 (two decimals); 0 for a plan without tasks. */
  score: number;
  /** For each clear, how many tasks lack it. */
  missing: Record<Clear, number>;
}

/** The plan-level score: the six clears over the plan's leaf tasks (sections are skipped). */
export function planSixClears(tasks: readonly (SixClearsInput & { isSection?: boolean })[]): PlanSixClears {
  const leaves = tasks.filter((t) => !t.isSection);
  const missing = Object.fromEntries(SIX_CLEARS.map((c) => [c, 0])) as Record<Clear, number>;
  let complete = 0;
  let sum = 0;
  for (const t of leaves) {
    const r = sixClears(t);
    for (const c of r.missing) missing[c]++;
    if (r.missing.length === 0) complete++;
    sum += r.score;
  }
  const score = leaves.length ? Math.round((sum / (leaves.length * SIX_CLEARS.length)) * 100) / 100 : 0;
  return { tasks: leaves.length, complete, score, missing };
}
