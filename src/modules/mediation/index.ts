/**
 * mediation — mediation of consumer disputes (issue 5 point 5; Law 19/2023 Arts. 54(2), 61–66):
 * the register of mediation organisations (types a, b, c) and their recognised mediators with the
 * Art. 64(2) attestations; mediations opened with both parties' consent, the ethnic-minority rule
 * (Art. 64(3)), sessions with reminders, the Art. 65 record, performance tracking (Art. 66(1)) and
 * the consumer's remaining options after failure (Arts. 67–71).
 * Tables: mediation_org, mediator, mediator_attestation, mediation, mediation_mediator,
 * mediation_interpreter, mediation_session; view mediation_case (read-only, over request).
 * May call: platform, requests (changeStatus).
 */
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../platform/context.js';
import type { JobHandlers } from '../../platform/worker.js';
import { sendSessionReminder } from './notify.js';
import { registerMediationPages } from './pages.js';
import { registerMediationRecordRoute, type MediationRecordBuilders } from './record.js';
import { registerMediationRoutes } from './routes.js';

/**
 * Routes and pages. `records`: the requests module's record builders; with them, the records of
 * finished mediations download as DOCX and PDF (GET /api/v1/mediation/mediations/:id/record).
 * TODO(lead): requests/index.ts does not export `mediationRecordDocument` and
 * `unsuccessfulMediationDocument` yet; once it does, pass them here from app.ts (or import them
 * in this file) so the download routes and links appear.
 */
export function registerMediation(app: FastifyInstance, deps: Deps, records?: MediationRecordBuilders): void {
  registerMediationRoutes(app, deps);
  if (records) registerMediationRecordRoute(app, records);
  registerMediationPages(app, { records: records !== undefined });
}

/** For src/jobs.ts: the session reminder a day before. */
export const mediationJobHandlers: JobHandlers = { 'mediation.session_reminder': sendSessionReminder };

export { mediationSweeps, recordOutcome, recordPerformance, sweepOverduePerformance } from './outcome.js';
export { appointMediator, getMediation, listMediations, openMediation, recordInterpreter, scheduleSession } from './service.js';
export {
  addMediator,
  createOrganisation,
  getMediator,
  getOrganisation,
  listOrganisations,
  publishedMediators,
  recogniseMediator,
  recordAttestation,
} from './register.js';
export { seedDemoMediation } from './demo.js';
export { mediationRecordFile, type MediationRecordBuilders } from './record.js';
