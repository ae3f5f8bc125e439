/**
 * Rows for the case graph (issue 5 point 6): sub-cases, referral, groups, collective actions and
 * the business page. Fixture cases and the fixture group sit in the commune officer's other
 * commune (scope → 404). Sub-cases and referrals go to an agency created here, so that no other
 * rows file's routing changes. Bodies are valid, so callers are judged by permission only; a
 * repeated action answering 409 (already referred, already grouped) has passed the permission.
 */
import { complaint } from '../request-fixtures.js';
import { receiveRequest } from '../../src/modules/requests/index.js';
import { createRequestGroup } from '../../src/modules/requests/graph.js';
import { requestInput } from '../../src/modules/requests/schema.js';
import type { Caller, RowsFile } from './types.js';

const READERS: Caller[] = ['admin', 'agency_manager', 'case_officer', 'inspector', 'viewer', 'commune_officer'];
const HANDLERS: Caller[] = ['admin', 'agency_manager', 'case_officer', 'commune_officer'];

export const file: RowsFile = {
  setup: async (t, fx) => {
    const ctx = t.sysCtx();
    const db = t.database.db;
    const make = async () => {
      const { receipt } = await receiveRequest(ctx, requestInput.parse(complaint()));
      await db.updateTable('request').set({ commune_code: fx.otherCommune }).where('id', '=', receipt.id).execute();
      return receipt.id;
    };
    fx.extra.graphAgencyId = (
      await db
        .insertInto('agency')
        .values({ name: 'Sở Tài chính ma trận (đồ thị)', kind: 'so-tai-chinh', level: 'province', province_code: '08' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    fx.extra.graphCaseId = await make();
    fx.extra.graphFlaggedId = await make();
    await db.updateTable('request').set({ enforcement_flag: true }).where('id', '=', fx.extra.graphFlaggedId).execute();
    fx.extra.graphNewA = await make();
    fx.extra.graphNewB = await make();
    fx.extra.graphAddId = await make();
    const group = await createRequestGroup(ctx, { requestIds: [await make(), await make()] });
    fx.extra.graphGroupId = group.id;
  },
  rows: [
    {
      method: 'GET',
      route: '/api/v1/requests/:id/graph',
      allow: READERS,
      outOfScope: ['commune_officer'],
      request: (fx) => ({ url: `/api/v1/requests/${fx.extra.graphCaseId}/graph` }),
    },
    {
      method: 'POST',
      route: '/api/v1/requests/:id/sub-cases',
      allow: HANDLERS,
      outOfScope: ['commune_officer'],
      request: (fx) => ({
        url: `/api/v1/requests/${fx.extra.graphCaseId}/sub-cases`,
        payload: { kind: 'price_complaint', agencyId: fx.extra.graphAgencyId },
      }),
    },
    {
      method: 'POST',
      route: '/api/v1/requests/:id/referral',
      allow: HANDLERS,
      outOfScope: ['commune_officer'],
      request: (fx) => ({ url: `/api/v1/requests/${fx.extra.graphFlaggedId}/referral`, payload: { agencyId: fx.extra.graphAgencyId } }),
      note: 'the first allowed caller refers the case (201); the next ones get 409 request.already_referred',
    },
    { method: 'GET', route: '/api/v1/request-groups/suggestions', allow: READERS },
    {
      method: 'POST',
      route: '/api/v1/request-groups',
      allow: HANDLERS,
      outOfScope: ['commune_officer'],
      request: (fx) => ({ url: '/api/v1/request-groups', payload: { requestIds: [fx.extra.graphNewA, fx.extra.graphNewB] } }),
      note: 'the first allowed caller creates the group (201); the next ones get 409 request_group.member_taken',
    },
    {
      method: 'GET',
      route: '/api/v1/request-groups/:id',
      allow: READERS,
      outOfScope: ['commune_officer'],
      request: (fx) => ({ url: `/api/v1/request-groups/${fx.extra.graphGroupId}` }),
    },
    {
      method: 'POST',
      route: '/api/v1/request-groups/:id/members',
      allow: HANDLERS,
      outOfScope: ['commune_officer'],
      request: (fx) => ({ url: `/api/v1/request-groups/${fx.extra.graphGroupId}/members`, payload: { requestIds: [fx.extra.graphAddId] } }),
    },
    {
      method: 'POST',
      route: '/api/v1/request-groups/:id/actions',
      allow: HANDLERS,
      outOfScope: ['commune_officer'],
      request: (fx) => ({
        url: `/api/v1/request-groups/${fx.extra.graphGroupId}/actions`,
        payload: { action: 'note', body: 'Ghi chú chung' },
      }),
    },
    {
      method: 'POST',
      route: '/api/v1/request-groups/:id/referral',
      allow: HANDLERS,
      outOfScope: ['commune_officer'],
      request: (fx) => ({ url: `/api/v1/request-groups/${fx.extra.graphGroupId}/referral`, payload: { agencyId: fx.extra.graphAgencyId } }),
      note: 'the fixture group is below the threshold: 409 request.referral_not_proposed once past the permission',
    },
    {
      method: 'GET',
      route: '/api/v1/businesses/:taxCode/requests',
      allow: READERS,
      request: () => ({ url: '/api/v1/businesses/5000123456/requests' }),
      note: 'a list filtered by scope: a commune officer gets only its commune (here none)',
    },
    // The officer's pages over the same services (group-pages.tsx).
    { method: 'GET', route: '/requests/groups', allow: READERS },
    {
      method: 'POST',
      route: '/requests/groups',
      allow: HANDLERS,
      request: () => ({ url: '/requests/groups', payload: {}, headers: { accept: 'application/json' } }),
      note: 'an empty form: the page again with request_group.too_few (400) once past the permission',
    },
    {
      method: 'GET',
      route: '/requests/groups/:id',
      allow: READERS,
      outOfScope: ['commune_officer'],
      request: (fx) => ({ url: `/requests/groups/${fx.extra.graphGroupId}` }),
    },
    {
      method: 'POST',
      route: '/requests/groups/:id/:action',
      allow: HANDLERS,
      outOfScope: ['commune_officer'],
      request: (fx) => ({
        url: `/requests/groups/${fx.extra.graphGroupId}/note`,
        payload: { body: 'Ghi chú chung' },
        headers: { accept: 'application/json' },
      }),
    },
    {
      method: 'GET',
      route: '/requests/businesses/:taxCode',
      allow: READERS,
      request: () => ({ url: '/requests/businesses/5000123456' }),
      note: 'a list filtered by scope',
    },
  ],
};
