/**
 * Rows for the directory module: administrative units and the agency list are public; the
 * competence table is for staff; every change is for administrators ('directory.manage').
 * Write requests carry valid bodies, so the verdict comes from the permission check, not from
 * validation; ids that do not exist answer 404 to the administrator (which reads as "reached").
 */
import { ALL_STAFF, type RowsFile } from './types.js';

const NO_ID = '00000000-0000-4000-8000-000000000000';
const json = { accept: 'application/json' };

export const file: RowsFile = {
  rows: [
    { method: 'GET', route: '/api/v1/provinces', allow: 'public' },
    {
      method: 'GET',
      route: '/api/v1/provinces/:code/communes',
      allow: 'public',
      request: () => ({ url: '/api/v1/provinces/08/communes' }),
    },
    {
      method: 'GET',
      route: '/api/v1/communes/resolve-legacy',
      allow: 'public',
      request: () => ({ url: '/api/v1/communes/resolve-legacy?oldCode=00013' }),
    },
    { method: 'GET', route: '/api/v1/communes/:code', allow: 'public', request: () => ({ url: '/api/v1/communes/02215' }) },
    { method: 'GET', route: '/api/v1/agencies', allow: 'public' },
    {
      method: 'GET',
      route: '/api/v1/agencies/match',
      allow: 'public',
      request: () => ({ url: '/api/v1/agencies/match?text=S%E1%BB%9F%20KH%26CN' }),
    },
    { method: 'GET', route: '/api/v1/agencies/:id', allow: 'public', request: () => ({ url: `/api/v1/agencies/${NO_ID}` }) },
    {
      method: 'POST',
      route: '/api/v1/agencies',
      allow: ['admin'],
      request: () => ({
        url: '/api/v1/agencies',
        payload: { name: 'Cơ quan kiểm thử ma trận quyền', kind: 'other', level: 'province', provinceCode: '08' },
      }),
    },
    {
      method: 'PATCH',
      route: '/api/v1/agencies/:id',
      allow: ['admin'],
      request: () => ({ url: `/api/v1/agencies/${NO_ID}`, payload: { phone: '0207 3822 000' } }),
    },
    {
      method: 'POST',
      route: '/api/v1/agencies/:id/aliases',
      allow: ['admin'],
      request: () => ({ url: `/api/v1/agencies/${NO_ID}/aliases`, payload: { alias: 'Tên gọi khác' } }),
    },
    { method: 'GET', route: '/api/v1/competence-rules', allow: ALL_STAFF },
    {
      method: 'GET',
      route: '/api/v1/competence-rules/:id',
      allow: ALL_STAFF,
      request: () => ({ url: `/api/v1/competence-rules/${NO_ID}` }),
    },
    {
      method: 'POST',
      route: '/api/v1/competence-rules',
      allow: ['admin'],
      request: () => ({
        url: '/api/v1/competence-rules',
        payload: {
          sector: 'consumer-protection',
          violationType: 'authz-matrix',
          level: 'province',
          agencyKind: 'so-cong-thuong',
          validFrom: '2026-01-01',
          legalBasis: 'Kiểm thử ma trận quyền',
        },
      }),
    },
    {
      method: 'PATCH',
      route: '/api/v1/competence-rules/:id',
      allow: ['admin'],
      request: () => ({ url: `/api/v1/competence-rules/${NO_ID}`, payload: { note: 'x' } }),
    },
    { method: 'GET', route: '/admin/agencies', allow: ['admin'] },
    { method: 'POST', route: '/admin/agencies', allow: ['admin'], request: () => ({ url: '/admin/agencies', payload: {}, headers: json }) },
    { method: 'GET', route: '/admin/agencies/:id', allow: ['admin'], request: () => ({ url: `/admin/agencies/${NO_ID}` }) },
    {
      method: 'POST',
      route: '/admin/agencies/:id',
      allow: ['admin'],
      request: () => ({ url: `/admin/agencies/${NO_ID}`, payload: {}, headers: json }),
    },
    {
      method: 'POST',
      route: '/admin/agencies/:id/aliases',
      allow: ['admin'],
      request: () => ({ url: `/admin/agencies/${NO_ID}/aliases`, payload: {}, headers: json }),
    },
    { method: 'GET', route: '/admin/competence', allow: ['admin'] },
    {
      method: 'POST',
      route: '/admin/competence',
      allow: ['admin'],
      request: () => ({ url: '/admin/competence', payload: {}, headers: json }),
    },
    { method: 'GET', route: '/admin/competence/:id', allow: ['admin'], request: () => ({ url: `/admin/competence/${NO_ID}` }) },
    {
      method: 'POST',
      route: '/admin/competence/:id',
      allow: ['admin'],
      request: () => ({ url: `/admin/competence/${NO_ID}`, payload: {}, headers: json }),
    },
    { method: 'GET', route: '/admin/units', allow: ['admin'] },
    { method: 'GET', route: '/admin/units/:code', allow: ['admin'], request: () => ({ url: '/admin/units/08' }) },
  ],
};
