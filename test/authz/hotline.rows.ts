/**
 * Rows for the hotline console (src/modules/hotline): its JSON API and its page. Everything needs
 * `requests.intake` (hotline operators, case officers, agency managers, administrators); the
 * hotline is provincial, so a commune officer is not narrowed to a commune here. Posts send a
 * valid body (a body that fails validation would answer 400 to everyone); page form posts send
 * an empty JSON form: a permitted caller gets the console again with its errors (400).
 */
import { logCall } from '../../src/modules/hotline/index.js';
import type { Caller, RowsFile } from './types.js';

const INTAKE: Caller[] = ['admin', 'agency_manager', 'case_officer', 'hotline_operator', 'commune_officer'];
const json = { accept: 'application/json' };

export const file: RowsFile = {
  setup: async (t, fx) => {
    const ctx = t.sysCtx();
    const advice = await logCall(ctx, { outcome: 'advice_only', topic: 'other', summary: 'Ma trận phân quyền: tư vấn' });
    fx.extra.hotlineCallId = advice.result.call.id;
    const missed = await logCall(ctx, { outcome: 'missed', phone: '0912000555' });
    fx.extra.hotlineCallbackId = missed.result.callback!.id;
  },
  rows: [
    {
      method: 'POST',
      route: '/api/v1/hotline/calls',
      allow: INTAKE,
      request: () => ({ url: '/api/v1/hotline/calls', payload: { outcome: 'advice_only', topic: 'other', summary: 'Ma trận phân quyền' } }),
    },
    {
      method: 'GET',
      route: '/api/v1/hotline/calls/:id',
      allow: INTAKE,
      request: (fx) => ({ url: `/api/v1/hotline/calls/${fx.extra.hotlineCallId}` }),
    },
    { method: 'GET', route: '/api/v1/hotline/lookup', allow: INTAKE, request: () => ({ url: '/api/v1/hotline/lookup?phone=0912000555' }) },
    { method: 'GET', route: '/api/v1/hotline/callbacks', allow: INTAKE },
    {
      method: 'POST',
      route: '/api/v1/hotline/callbacks',
      allow: INTAKE,
      request: (fx) => ({ url: '/api/v1/hotline/callbacks', payload: { callId: fx.extra.hotlineCallId } }),
      note: 'an advice call: a permitted caller gets 409 hotline.call_not_missed',
    },
    {
      method: 'POST',
      route: '/api/v1/hotline/callbacks/:id/attempts',
      allow: INTAKE,
      request: (fx) => ({ url: `/api/v1/hotline/callbacks/${fx.extra.hotlineCallbackId}/attempts`, payload: { result: 'busy' } }),
      note: 'after three attempts the call-back is closed: later permitted callers get 409',
    },
    { method: 'GET', route: '/api/v1/hotline/answers', allow: INTAKE, request: () => ({ url: '/api/v1/hotline/answers?q=bao%20hanh' }) },
    { method: 'GET', route: '/api/v1/hotline/stats/advice', allow: INTAKE },
    { method: 'GET', route: '/hotline', allow: INTAKE },
    ...(['case', 'advice', 'missed'] as const).map((form) => ({
      method: 'POST' as const,
      route: `/hotline/${form}`,
      allow: INTAKE,
      request: () => ({ url: `/hotline/${form}`, payload: {}, headers: json }),
    })),
    {
      method: 'POST',
      route: '/hotline/callbacks/:id/attempts',
      allow: INTAKE,
      request: (fx) => ({ url: `/hotline/callbacks/${fx.extra.hotlineCallbackId}/attempts`, payload: {}, headers: json }),
    },
  ],
};
