/**
 * requests — consumers' requests, feedback and complaints (issue 4, capabilities A1–A5, A11, A12):
 * one case model for every channel, intake with idempotency, triage (classify + directory
 * competence), statutory clocks, public tracking, the officers' inbox and case actions.
 * Tables: request, request_event, request_note, request_attachment, idempotency_key,
 * request_code_counter, classification_correction.
 * May call: platform, classify, directory.
 */
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../platform/context.js';
import { registerRequestRoutes } from './routes.js';
import { registerRequestStaffPages } from './staff-pages.js';

export function registerRequests(app: FastifyInstance, deps: Deps): void {
  registerRequestRoutes(app, deps);
  registerRequestStaffPages(app, deps);
}

export {
  receiveRequest,
  trackRequest,
  getRequest,
  previewRouting,
  changeStatus,
  refuseRequest,
  rerouteRequest,
  bounceRequest,
} from './service.js';
export { listInbox, casesByPhone } from './inbox.js';
export { requestInput, type RequestInput } from './schema.js';
