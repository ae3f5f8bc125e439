/**
 * directory — the 34 provinces and 3,321 communes of the 2025 reform (vendored from
 * data/adminunits, with the old→new mapping), the agencies with their aliases and the name
 * matcher, and the competence table with effective dates and its expiry warning.
 * Tables: province, commune, commune_source, agency, agency_alias, competence_rule.
 * May call: platform only.
 */
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../platform/context.js';
import type { Sweep } from '../../platform/worker.js';
import { warnExpiringCompetenceRules } from './competence.js';
import { registerDirectoryPages } from './pages.js';
import { registerDirectoryRoutes } from './routes.js';

export function registerDirectory(app: FastifyInstance, deps: Deps): void {
  registerDirectoryRoutes(app, deps);
  registerDirectoryPages(app, deps);
}

/** Periodic work for the worker (src/jobs.ts): the competence expiry warning, at most once per rule. */
export const directorySweeps: readonly Sweep[] = [
  { name: 'directory.competence_expiry', everyMs: 6 * 3600_000, run: async (ctx) => void (await warnExpiringCompetenceRules(ctx)) },
];

export { matchAgency, rankCandidates, detectKind, canonicalName, type RankedCandidate } from './match.js';
export { seedDemoDirectory, type DemoAgencyResolver } from './demo.js';
export {
  EXPIRY_WARNING_DAYS,
  competenceTable,
  findAgencyForRoute,
  findCompetentKinds,
  listCompetenceRules,
  listExpiringCompetenceRules,
  todayInVietnam,
  warnExpiringCompetenceRules,
  type RoutingCompetenceRow,
} from './competence.js';
export {
  getAgency,
  getCommune,
  getProvince,
  listActiveAgenciesOfKinds,
  listAgencies,
  listCommunes,
  listProvincesWithCounts,
  resolveLegacyCommune,
} from './service.js';
export { agencyKinds, type AgencyKind, type AgencyLevel, type AgencyView, type CommuneView, type ProvinceView } from './schema.js';
