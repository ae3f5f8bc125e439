/**
 * requests — consumers' requests, feedback and complaints (issue 4, capabilities A1–A5, A11, A12):
 * one case model for every channel, intake with idempotency, triage (classify + directory
 * competence), statutory clocks, public tracking, the officers' inbox and case actions; and
 * (issue 5) negotiation support with the business portal and invitations (negotiation*.ts,
 * business-*.ts), printable records (records.ts, negotiation-record.ts), the case graph and
 * groups (graph.ts, sub-cases.ts; officer pages group-pages.tsx / group-views.tsx).
 * Use cases: receive.ts (intake), tracking.ts (code + secret), case-view.ts, access.ts (scope),
 * status.ts and actions.ts (officer actions), case-support.ts (due dates, notices); inbox.ts.
 * Officer page texts (vi/en): staff-texts.ts.
 * Tables: request, request_event, request_note, request_attachment, idempotency_key,
 * request_code_counter, classification_correction, negotiation, potential_violation,
 * business_invitation, request_group, request_group_member.
 * May call: platform, classify, directory.
 */
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../platform/context.js';
import type { Sweep } from '../../platform/worker.js';
import { purgeIdempotency } from './repo.js';
import { registerRequestRoutes } from './routes.js';
import { registerNegotiationRoutes } from './negotiation-routes.js';
import { registerGraphRoutes } from './graph-routes.js';
import { negotiationSweeps } from './negotiation.js';
import { registerRequestPublicPages } from './public-pages.js';
import { registerRequestStaffPages } from './staff-pages.js';
import { registerBusinessPages } from './business-pages.js';
import { registerRequestGroupPages } from './group-pages.js';

export function registerRequests(app: FastifyInstance, deps: Deps): void {
  registerRequestRoutes(app, deps);
  registerNegotiationRoutes(app, deps);
  registerGraphRoutes(app, deps);
  registerRequestPublicPages(app, deps);
  registerRequestStaffPages(app, deps);
  registerBusinessPages(app, deps);
  registerRequestGroupPages(app);
}

/** Stored idempotent answers hold the tracking secret: they are kept 7 days, long enough for any retry. */
export const IDEMPOTENCY_KEEP_MS = 7 * 86400_000;

export const requestSweeps: readonly Sweep[] = [
  {
    name: 'requests.idempotency_purge',
    everyMs: 3600_000,
    run: async (ctx) => void (await purgeIdempotency(ctx.db, new Date(ctx.now().getTime() - IDEMPOTENCY_KEEP_MS))),
  },
  ...negotiationSweeps,
];

export { receiveRequest, previewRouting } from './receive.js';
export { trackRequest } from './tracking.js';
export { getRequest } from './case-view.js';
export { inCaseScope } from './access.js';
export { changeStatus, refuseRequest } from './status.js';
export { rerouteRequest, bounceRequest } from './actions.js';
export { listInbox, casesByPhone } from './inbox.js';
export { seedDemoRequests } from './demo.js';
export { mediationRecordDocument, unsuccessfulMediationDocument } from './records.js';
export { requestInput, type RequestInput } from './schema.js';
