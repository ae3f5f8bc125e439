/**
 * Plan import as a use case (issue 6 point 3): read a file or a text into the preview
 * `{ plan, tasks, warnings }`, match its agencies against the province's directory, and either
 * answer the preview (dry run: nothing is written) or create the plan in one transaction. Bad
 * files answer 4xx with the stable `plan_import.*` codes before anything is written.
 */
import { requirePermission } from '../../platform/auth/permissions.js';
import type { Ctx } from '../../platform/context.js';
import { importPlan, type PlanImportInput } from './import.js';
import { matchImportedAgencies } from './match.js';
import type { CreatePlanInput, ImportCommitted, PlanImportPreview } from './schema.js';
import { createPlan, directoryMatcher } from './service.js';

export interface ImportRequest extends PlanImportInput {
  fileName?: string | undefined;
}

/** The preview of an import with every agency matched or flagged; writes nothing. Needs `plans.manage`. */
export async function previewPlanImport(ctx: Ctx, input: ImportRequest): Promise<PlanImportPreview> {
  requirePermission(ctx, 'plans.manage');
  const preview = importPlan(input);
  return matchImportedAgencies(preview, directoryMatcher(ctx));
}

/** The create input of a preview, as the officer left it (agencies with the ids chosen or matched). */
export function createInputOf(preview: PlanImportPreview, fileName?: string): CreatePlanInput {
  const p = preview.plan;
  const agencies = (list: PlanImportPreview['tasks'][number]['leadAgencies']) =>
    list.map((a) => ({ text: a.text, group: a.group, ...(a.agencyId ? { agencyId: a.agencyId } : {}) }));
  return {
    plan: {
      title: p.title ?? 'Kế hoạch (chưa có tiêu đề)',
      ...(p.issuer ? { issuer: p.issuer } : {}),
      ...(p.number ? { number: p.number } : {}),
      ...(p.date ? { date: p.date } : {}),
      ...(p.year ? { year: p.year } : {}),
      ...(p.place ? { place: p.place } : {}),
      legalBasis: p.legalBasis,
      reportingDeadlines: p.reportingDeadlines,
    },
    tasks: preview.tasks.map((t) => ({
      number: t.number,
      ref: t.ref,
      section: t.section,
      level: t.level,
      isSection: t.isSection,
      content: t.content || t.number,
      ...(t.details ? { details: t.details } : {}),
      leadAgencies: agencies(t.leadAgencies),
      coAgencies: agencies(t.coAgencies),
      deliverable: t.deliverable,
      timing: t.timing,
      ...(t.responsiblePerson ? { responsiblePerson: t.responsiblePerson } : {}),
      ...(t.authority ? { authority: t.authority } : {}),
    })),
    source: { format: preview.format, kind: preview.source, ...(fileName ? { name: fileName.slice(0, 300) } : {}) },
  };
}

/** Reads, matches and creates the plan at once (`POST /api/v1/plans/import` without dryRun). */
export async function importPlanFile(ctx: Ctx, input: ImportRequest): Promise<ImportCommitted> {
  const preview = await previewPlanImport(ctx, input);
  return createPlan(ctx, createInputOf(preview, input.fileName), { warnings: preview.warnings });
}
