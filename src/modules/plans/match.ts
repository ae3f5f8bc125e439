/**
 * Matching the agencies of an import preview against the directory. Pure: the matcher is passed
 * in, so that the service can give `(text) => matchAgency(ctx, text, { provinceCode })` from the
 * directory module and tests a matcher over a fixed list (`rankCandidates`).
 *
 * An agency is matched when the best candidate reaches `AUTO_MATCH_CONFIDENCE`; otherwise it is
 * kept, flagged `agency.unmatched` with the best candidates for the officer to choose from, never
 * dropped. Generic groups ("Các Sở, ban, ngành", "UBND xã, phường") are group assignments: they
 * keep the kind the matcher reads from the text (e.g. `ubnd-xa`) and are not flagged.
 */
import type { ImportWarning, ImportedAgency, PlanImportPreview } from './schema.js';

/** What the directory's `matchAgency` answers (AgencyMatchView), reduced to what import needs. */
export interface AgencyMatch {
  kind: string | null;
  candidates: readonly { agencyId: string; name: string; confidence: number }[];
}

export type AgencyMatcher = (text: string) => Promise<AgencyMatch>;

/** Below this, a name is shown with candidates for the officer to confirm. */
export const AUTO_MATCH_CONFIDENCE = 0.8;

const round = (n: number): number => Math.round(n * 1000) / 1000;

/** Fills `agencyId`, `kind`, `confidence` (and `candidates` when unsure) on every agency of the preview. */
export async function matchImportedAgencies(
  preview: PlanImportPreview,
  matcher: AgencyMatcher,
  opts: { threshold?: number } = {},
): Promise<PlanImportPreview> {
  const threshold = opts.threshold ?? AUTO_MATCH_CONFIDENCE;
  const cache = new Map<string, Promise<AgencyMatch>>();
  const lookup = (text: string): Promise<AgencyMatch> => {
    let p = cache.get(text);
    if (!p) {
      p = matcher(text);
      cache.set(text, p);
    }
    return p;
  };
  const warnings: ImportWarning[] = [];
  const flagged = new Set<string>();

  const resolve = async (a: ImportedAgency, ref: string, role: 'lead' | 'co'): Promise<ImportedAgency> => {
    const m = await lookup(a.text);
    const best = m.candidates[0];
    const out: ImportedAgency = { text: a.text, group: a.group };
    if (m.kind) out.kind = m.kind;
    if (a.group) {
      out.confidence = m.kind ? 1 : 0;
      return out;
    }
    if (best && best.confidence >= threshold) {
      out.agencyId = best.agencyId;
      out.confidence = round(best.confidence);
      return out;
    }
    out.confidence = best ? round(best.confidence) : 0;
    out.candidates = m.candidates.slice(0, 3).map((c) => ({ agencyId: c.agencyId, name: c.name, confidence: round(c.confidence) }));
    const key = `${ref}|${role}|${a.text}`;
    if (!flagged.has(key)) {
      flagged.add(key);
      warnings.push({
        code: 'agency.unmatched',
        severity: 'warning',
        message: `Chưa xác định được cơ quan "${a.text}" (${role === 'lead' ? 'chủ trì' : 'phối hợp'}, nhiệm vụ ${ref}); cần chọn trong danh bạ.`,
        ref,
        text: a.text,
      });
    }
    return out;
  };

  const tasks = [];
  for (const t of preview.tasks) {
    const leadAgencies = [];
    for (const a of t.leadAgencies) leadAgencies.push(await resolve(a, t.ref, 'lead'));
    const coAgencies = [];
    for (const a of t.coAgencies) coAgencies.push(await resolve(a, t.ref, 'co'));
    tasks.push({ ...t, leadAgencies, coAgencies });
  }
  return { ...preview, tasks, warnings: [...preview.warnings, ...warnings] };
}
