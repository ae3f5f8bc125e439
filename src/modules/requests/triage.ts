/**
 * Triage of a request: classification (classify module, trained once per app and retrained after
 * officers' corrections) and competence routing against the directory's dated competence table,
 * with the agency of the province (or of the commune) resolved from the directory.
 */
import {
  createDefaultClassifier,
  routeRequest,
  agencyLabels,
  type Classification,
  type Classifier,
  type LabelCorrection,
  type RouteResult,
  type Sector,
  type ViolationType,
} from '../classify/index.js';
import { competenceTable, findAgencyForRoute, todayInVietnam } from '../directory/index.js';
import type { Ctx, Deps } from '../../platform/context.js';

/** One classifier per app (keyed by its deps), built on first use with the stored corrections. */
const classifiers = new WeakMap<Deps, Promise<Classifier>>();

async function loadCorrections(ctx: Ctx): Promise<LabelCorrection[]> {
  const rows = await ctx.db
    .selectFrom('classification_correction')
    .select(['request_id', 'text', 'sector', 'violations', 'created_at'])
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({
    id: r.request_id,
    text: r.text,
    sector: r.sector as Sector,
    violations: r.violations as ViolationType[],
    correctedAt: r.created_at.toISOString(),
  }));
}

export function classifierFor(ctx: Ctx): Promise<Classifier> {
  let c = classifiers.get(ctx.deps);
  if (!c) {
    c = loadCorrections(ctx).then((corrections) => createDefaultClassifier(corrections));
    c.catch(() => classifiers.delete(ctx.deps));
    classifiers.set(ctx.deps, c);
  }
  return c;
}

/** Drops the trained classifier so that the next request trains again with the new corrections. */
export function retrainLater(deps: Deps): void {
  classifiers.delete(deps);
}

export interface TriageInput {
  kind?: 'request' | 'feedback' | 'complaint';
  description: string;
  business?: { name?: string; taxCode?: string; address?: string; website?: string; platform?: string };
  transaction?: {
    amountVnd?: number;
    productOrService?: string;
    place?: { communeCode?: string; online?: boolean; url?: string };
  };
}

export interface ResolvedAgency {
  kind: string;
  id: string | null;
  name: string;
  level: 'province' | 'commune';
  communeCode: string | null;
}

export interface Triage {
  classification: Classification;
  route: RouteResult;
  agency: ResolvedAgency;
  /** The Vietnamese explanation of the routing, with the directory step added. */
  explanation: string;
}

export const classificationText = (i: TriageInput): string =>
  [i.description, i.transaction?.productOrService, i.business?.platform].filter((s) => s && s.length > 0).join('. ');

/**
 * Classifies and routes. The agency is the directory's active agency of the chosen kind in the
 * province (for a commune-level matter, the commune's People's Committee); where the directory
 * has none, the focal Department of Industry and Trade receives the request (Law Art. 11(3), 77(1)).
 */
export async function triage(ctx: Ctx, input: TriageInput, overrides?: { sector: Sector; violations: ViolationType[] }): Promise<Triage> {
  const classifier = await classifierFor(ctx);
  const classification = classifier.classify(classificationText(input));
  const sector = overrides?.sector ?? classification.sector;
  const violations = overrides?.violations ?? classification.violations;
  const table = await competenceTable(ctx);
  const today = todayInVietnam(ctx.now());
  const route = routeRequest(
    {
      sector,
      violations,
      description: input.description,
      ...(input.business ? { business: input.business } : {}),
      ...(input.transaction ? { transaction: input.transaction } : {}),
      ...(input.kind ? { kind: input.kind, negotiationSupport: input.kind === 'request' } : {}),
    },
    table,
    today,
  );
  const agency = await resolveAgency(ctx, route);
  const lines = [route.explanation];
  if (agency.kind !== route.agency.kind || (route.agency.level === 'commune' && agency.level !== 'commune')) {
    lines.push(
      `Danh bạ chưa có ${agencyLabels[route.agency.kind]}${route.agency.communeCode ? ` của xã ${route.agency.communeCode}` : ''}: chuyển ${agency.name} (cơ quan đầu mối) để xem xét, chuyển tiếp.`,
    );
  } else if (agency.id !== null) {
    lines.push(`Cơ quan nhận: ${agency.name}.`);
  }
  return { classification, route, agency, explanation: lines.join('\n') };
}

export async function resolveAgency(ctx: Ctx, route: Pick<RouteResult, 'agency'>): Promise<ResolvedAgency> {
  const provinceCode = ctx.deps.config.PROVINCE_CODE;
  const wanted = route.agency;
  const found = await findAgencyForRoute(ctx, {
    provinceCode,
    kind: wanted.kind,
    communeCode: wanted.level === 'commune' ? (wanted.communeCode ?? null) : null,
  });
  if (found) return { kind: found.kind, id: found.id, name: found.name, level: found.level, communeCode: found.communeCode };
  const focal = wanted.kind === 'so-cong-thuong' ? undefined : await findAgencyForRoute(ctx, { provinceCode, kind: 'so-cong-thuong' });
  if (focal) return { kind: focal.kind, id: focal.id, name: focal.name, level: 'province', communeCode: null };
  // No directory entry at all (a fresh installation): the kind is kept, the agency named by its kind.
  return {
    kind: wanted.kind,
    id: null,
    name: agencyLabels[wanted.kind],
    level: wanted.level,
    communeCode: wanted.level === 'commune' ? (wanted.communeCode ?? null) : null,
  };
}
