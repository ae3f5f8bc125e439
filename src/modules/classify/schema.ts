/**
 * Taxonomies shared with other modules: sectors, violation types (Law 19/2023 Art. 10 grouped for
 * intake), agency kinds, routing situations, and the competence-row shape stored by the directory.
 */
import { z } from 'zod';

export const sectors = [
  'ecommerce',
  'food',
  'health-products',
  'health-services',
  'agriculture',
  'fuel-energy',
  'water',
  'telecom-internet',
  'banking-finance',
  'insurance',
  'real-estate',
  'transport',
  'tourism-hospitality',
  'education',
  'vehicles',
  'electronics-appliances',
  'consumer-goods',
  'services-other',
] as const;
export const sector = z.enum(sectors);
export type Sector = z.infer<typeof sector>;

export const violationTypes = [
  'counterfeit',
  'poor-quality',
  'unsafe',
  'misleading-info',
  'unfair-contract',
  'pricing',
  'measurement-fraud',
  'warranty',
  'fraud-scam',
  'data-privacy',
  'service-failure',
  'complaint-refusal',
  'smuggled-origin',
] as const;
export const violationType = z.enum(violationTypes);
export type ViolationType = z.infer<typeof violationType>;

/** Order matters: it breaks ties between equally ranked rows (state agencies first, the association last). */
export const agencyKinds = [
  'so-cong-thuong',
  'qltt',
  'so-y-te',
  'so-nnmt',
  'so-khcn',
  'so-vhttdl',
  'so-xay-dung',
  'so-gddt',
  'so-tai-chinh',
  'ngan-hang-nn',
  'cong-an',
  'hai-quan',
  'ubnd-xa',
  'hoi-bvqlntd',
] as const;
export const agencyKind = z.enum(agencyKinds);
export type AgencyKind = z.infer<typeof agencyKind>;

export const agencyLevel = z.enum(['province', 'commune']);
export type AgencyLevel = z.infer<typeof agencyLevel>;

/**
 * Facts about a request that decide competence but are not violations. They share the
 * `violationType` column of a competence row (the names never collide with violation types, and
 * the commune ones are the directory's own names), so an administrator can date them like any
 * other row: e.g. negotiation support → province while Decree 146/2025 Art. 46(1) is in force.
 */
export const routingSituations = [
  'negotiation-support',
  'markets-commercial-centres',
  'unregistered-traders',
  'off-premises-sales',
  'small-local-dispute',
  'border-import',
] as const;
export const routingSituation = z.enum(routingSituations);
export type RoutingSituation = z.infer<typeof routingSituation>;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

/**
 * One row of the dated competence table (`competence_rule`, owned by the directory module).
 * `sector` / `violationType` null or 'any' mean "any". `validUntil` is exclusive, as in the
 * directory: the first day the row no longer applies (null = open-ended). Decrees 139 and 146/2025
 * cease on 1 Mar 2027, so their rows end '2027-03-01'.
 */
export const competenceRow = z.object({
  sector: z.string().nullable(),
  violationType: z.string().nullable(),
  level: agencyLevel,
  agencyKind: z.string(),
  validFrom: isoDate,
  validUntil: isoDate.nullable(),
  legalBasis: z.string().min(1),
});
export type CompetenceRow = z.infer<typeof competenceRow>;

/** Money is integer đồng: numbers must be safe integers, strings digits only (a `numeric` column). */
export const amountVnd = z.union([z.number().int().nonnegative(), z.bigint().nonnegative(), z.string().regex(/^\d+$/)]);

export const routeInput = z.object({
  sector,
  violations: z.array(violationType),
  description: z.string().optional(),
  business: z
    .object({
      name: z.string().optional(),
      taxCode: z.string().optional(),
      address: z.string().optional(),
      website: z.string().optional(),
      platform: z.string().optional(),
    })
    .optional(),
  transaction: z
    .object({
      amountVnd: amountVnd.optional(),
      place: z.object({ communeCode: z.string().optional(), online: z.boolean().optional(), url: z.string().optional() }).optional(),
    })
    .optional(),
  kind: z.enum(['request', 'feedback', 'complaint']).optional(),
  negotiationSupport: z.boolean().optional(),
});
export type RouteInput = z.infer<typeof routeInput>;

/** One labelled text of the training corpus (`data/classify/corpus.jsonl`). */
export const corpusItem = z.object({
  id: z.string().min(1),
  text: z.string().min(1),
  sector,
  violations: z.array(violationType).min(1),
});
export type CorpusItem = z.infer<typeof corpusItem>;

/**
 * An officer's correction of the labels of one text. `id` is the request id (or a corpus id, in
 * which case the correction replaces that item's labels). Stored by the requests module.
 */
export const labelCorrection = z.object({
  id: z.string().min(1),
  text: z.string().min(1),
  sector,
  violations: z.array(violationType).min(1),
  correctedAt: z.string().optional(),
});
export type LabelCorrection = z.infer<typeof labelCorrection>;
