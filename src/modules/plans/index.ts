/**
 * plans — provincial plans under the "6 clears" (issue 6): timing phrases → typed schedules,
 * import of plan appendices (text, DOCX, XLSX) with agency matching, stored plans and nested
 * tasks with the "6 clears" check and score, progress reports per task and period with evidence,
 * reminders and escalations through the outbox, the consolidated board, the DOCX report and its
 * XLSX appendix, live indicators computed from requests, clocks and call-backs (indicators.ts).
 * Tables: plan, plan_task, plan_task_agency, plan_report, plan_report_evidence, plan_notice.
 * May call: platform; directory (agency matcher, agencies); classify (sector labels). Reads (never writes) request, clock and
 * callback for the live indicators.
 */
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../platform/context.js';
import { registerPlanPages } from './pages.js';
import { registerPlanReportPages } from './report-pages.js';
import { registerPlanReportRoutes } from './report-routes.js';
import { registerPlanRoutes } from './routes.js';

export function registerPlans(app: FastifyInstance, _deps: Deps): void {
  registerPlanRoutes(app);
  registerPlanReportRoutes(app);
  registerPlanPages(app);
  registerPlanReportPages(app);
}

export { createPlan, getPlan, getTask, listPlans, listTasks, updatePlan, updateTask } from './service.js';
export { previewPlanImport, importPlanFile, createInputOf } from './import-service.js';
export { planErrors } from './errors.js';
export { submitReport, addEvidence, listTaskReports, planBoard, urgeAgency } from './reports.js';
export { sweepPlanReports, planSweeps, type PlanSweepResult } from './reminders.js';
export { planReportDocument, planReportData, planReportFile, type PlanReportData } from './report-doc.js';
export {
  INDICATORS,
  INDICATOR_CODES,
  PROVINCE_WIDE_CODES,
  computeIndicators,
  planIndicators,
  rangeOfPeriod,
  setTaskIndicators,
  type Indicator,
  type IndicatorCache,
} from './indicators.js';
export { planReportXlsx, planReportXlsxFile } from './report-xlsx.js';
export { buildXlsx, buildZip, type SheetSpec } from './xlsx.js';
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
