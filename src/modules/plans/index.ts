/**
 * plans — provincial plans under the "6 clears" (issue 6): timing phrases → typed schedules,
 * import of plan appendices (text, DOCX, XLSX) into a preview of nested tasks, the "6 clears"
 * check. Pure so far (no tables, no routes): the service, routes and pages come next.
 * Tables: none yet.
 * May call: platform; directory (agency matching, through the matcher the caller passes).
 */
export { parseTiming, type TimingOptions } from './timing.js';
export {
  sixClears,
  planSixClears,
  SIX_CLEARS,
  type Clear,
  type SixClearsInput,
  type SixClearsResult,
  type PlanSixClears,
} from './six-clears.js';
export { importPlan, detectFormat, type PlanImportInput } from './import.js';
export { importPlanText } from './import-text.js';
export { importPlanDocx } from './import-docx.js';
export { importPlanXlsx, type XlsxOptions } from './import-xlsx.js';
export { splitAgencies } from './agencies.js';
export { matchImportedAgencies, AUTO_MATCH_CONFIDENCE, type AgencyMatch, type AgencyMatcher } from './match.js';
export { IMPORT_LIMITS, planImportErrors, planImportErrorCodes, isPlanImportError, type PlanImportErrorCode } from './errors.js';
export * from './schema.js';
