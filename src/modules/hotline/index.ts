/**
 * hotline — the operators' console (issue 4 point 9): caller lookup with earlier cases, cases
 * created on the `hotline` channel, advice-only records counted in statistics, quick answers from
 * a small knowledge base, and a call-back queue so that no missed caller is left unanswered
 * (due by 17:00 on the next working day: CALLBACK_POLICY in callbacks.ts).
 * Tables: hotline_call, callback, kb_answer.
 * May call: platform, requests (receiveRequest, casesByPhone), classify (sector labels).
 */
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../platform/context.js';
import { registerHotlinePages } from './pages.js';
import { registerHotlineRoutes } from './routes.js';

export function registerHotline(app: FastifyInstance, _deps: Deps): void {
  registerHotlineRoutes(app);
  registerHotlinePages(app);
}

export { getCall, logCall, lookupCaller } from './service.js';
export { callbackDueBy, CALLBACK_POLICY, listCallbacks, queueCallback, recordCallbackAttempt } from './callbacks.js';
export { adviceStats, searchAnswers } from './answers.js';
