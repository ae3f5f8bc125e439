/**
 * Rows for the admin module: audit trail, user administration pages, own API tokens page.
 * Form posts are probed with `accept: application/json`, so an anonymous caller gets 401
 * (a browser would be redirected to /login) and the verdict does not depend on redirects.
 */
import { buildUser } from '../factories.js';
import { WORKING_STAFF, type Caller, type RowsFile } from './types.js';

const USER_READERS: Caller[] = ['admin', 'agency_manager', 'case_officer', 'commune_officer'];
const TOKEN_OWNERS: Caller[] = [...WORKING_STAFF, 'business'];
const json = { accept: 'application/json' };

export const file: RowsFile = {
  setup: async (t, fx) => {
    // A user of its own for the state-changing actions, so other rows' fixtures stay untouched.
    fx.extra.adminTargetUserId = (await buildUser(t.database.db, { role: 'mediator' })).id;
  },
  rows: [
    { method: 'GET', route: '/api/v1/audit-events', allow: ['admin'] },
    { method: 'POST', route: '/api/v1/audit-events/verify', allow: ['admin'] },
    { method: 'GET', route: '/admin/audit', allow: ['admin'] },
    { method: 'POST', route: '/admin/audit/verify', allow: ['admin'], request: () => ({ url: '/admin/audit/verify', headers: json }) },
    { method: 'GET', route: '/admin/users', allow: USER_READERS },
    { method: 'GET', route: '/admin/users/new', allow: ['admin'] },
    {
      method: 'POST',
      route: '/admin/users',
      allow: ['admin'],
      request: () => ({ url: '/admin/users', payload: {}, headers: json }),
      note: 'an empty form: the admin gets the error summary (400), everyone else 401/403',
    },
    {
      method: 'GET',
      route: '/admin/users/:id',
      allow: USER_READERS,
      request: (fx) => ({ url: `/admin/users/${fx.otherCommuneUserId}` }),
      outOfScope: ['commune_officer'],
    },
    ...(['deactivate', 'activate', 'unlock'] as const).map((action) => ({
      method: 'POST' as const,
      route: `/admin/users/:id/${action}`,
      allow: ['admin'] as Caller[],
      request: (fx: { extra: Record<string, string> }) => ({ url: `/admin/users/${fx.extra.adminTargetUserId}/${action}`, headers: json }),
    })),
    { method: 'GET', route: '/account/tokens', allow: TOKEN_OWNERS },
    {
      method: 'POST',
      route: '/account/tokens',
      allow: TOKEN_OWNERS,
      request: () => ({ url: '/account/tokens', payload: { name: 'matrix' }, headers: json }),
    },
    {
      method: 'POST',
      route: '/account/tokens/:id/revoke',
      allow: TOKEN_OWNERS,
      request: () => ({ url: '/account/tokens/00000000-0000-4000-8000-000000000000/revoke', headers: json }),
    },
  ],
};
