import { ALL_STAFF, WORKING_STAFF, type RowsFile } from './types.js';

export const file: RowsFile = {
  rows: [
    { method: 'GET', route: '/health', allow: 'public' },
    { method: 'GET', route: '/ready', allow: 'public' },
    { method: 'GET', route: '/', allow: 'public' },
    { method: 'GET', route: '/login', allow: 'public' },
    {
      method: 'POST',
      route: '/api/v1/auth/login',
      allow: 'public',
      request: () => ({ url: '/api/v1/auth/login', payload: { username: 'nobody', password: 'x' } }),
      note: 'anyone may try; wrong credentials answer 401 auth.invalid_credentials, which the matrix reads as "reached"',
    },
    { method: 'POST', route: '/login', allow: 'public', note: 'form post: CSRF protects it (403 without the token)' },
    { method: 'POST', route: '/logout', allow: 'public', endsSession: true },
    { method: 'POST', route: '/api/v1/auth/logout', allow: 'public', endsSession: true },
    { method: 'GET', route: '/api/v1/auth/me', allow: 'signed-in' },
    { method: 'GET', route: '/home', allow: [...ALL_STAFF, 'business'], note: 'a business user is redirected to the business portal' },
    { method: 'GET', route: '/api/v1/auth/tokens', allow: [...WORKING_STAFF, 'business'] },
    {
      method: 'POST',
      route: '/api/v1/auth/tokens',
      allow: [...WORKING_STAFF, 'business'],
      request: () => ({ url: '/api/v1/auth/tokens', payload: { name: 'matrix' } }),
    },
    {
      method: 'POST',
      route: '/api/v1/auth/tokens/:id/revoke',
      allow: [...WORKING_STAFF, 'business'],
      request: () => ({ url: '/api/v1/auth/tokens/00000000-0000-4000-8000-000000000000/revoke' }),
    },
    { method: 'GET', route: '/api/v1/users', allow: ['admin', 'agency_manager', 'case_officer', 'commune_officer'] },
    {
      method: 'POST',
      route: '/api/v1/users',
      allow: ['admin'],
      request: () => ({
        url: '/api/v1/users',
        payload: {
          username: `m${Math.random().toString(36).slice(2, 10)}`,
          displayName: 'Ma trận',
          password: 'mat-khau-dai-du',
          role: 'business',
          businessTaxCode: '0100000002',
        },
      }),
    },
    {
      method: 'GET',
      route: '/api/v1/users/:id',
      allow: ['admin', 'agency_manager', 'case_officer', 'commune_officer'],
      request: (fx) => ({ url: `/api/v1/users/${fx.otherCommuneUserId}` }),
      outOfScope: ['commune_officer'],
      note: 'a commune officer cannot read another commune’s records',
    },
  ],
};
