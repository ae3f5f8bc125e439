/**
 * Rows for the officers' pages of consumer requests (src/modules/requests/staff-pages.tsx): the
 * inbox, the case page and its action forms. The fixture case is routed to a province agency, so
 * the commune officer (commune 02200) may not see it. Form posts send an empty form with
 * `accept: application/json`: a permitted caller gets the page again with its errors (400) and
 * nothing changes, a commune officer gets 404 when the page reads the case.
 */
import { seedDemoDirectory } from '../../src/modules/directory/index.js';
import { receiveRequest } from '../../src/modules/requests/index.js';
import type { Caller, RowsFile } from './types.js';

const READERS: Caller[] = ['admin', 'agency_manager', 'case_officer', 'inspector', 'viewer', 'commune_officer'];
const HANDLERS: Caller[] = ['admin', 'agency_manager', 'case_officer', 'commune_officer'];
const ASSIGNERS: Caller[] = ['admin', 'agency_manager'];
const json = { accept: 'application/json' };
const handleActions = ['status', 'refuse', 'reroute', 'bounce', 'note', 'classification', 'merge'] as const;

export const file: RowsFile = {
  setup: async (t, fx) => {
    await seedDemoDirectory(t.sysCtx(), '08');
    const { receipt } = await receiveRequest(t.sysCtx(), {
      kind: 'request',
      channel: 'web',
      consumer: { fullName: 'Phạm Văn Ma Trận', phone: '0912000999', birthYear: 1990 },
      business: { name: 'Cửa hàng Điện máy Ma Trận', taxCode: '5000999888', website: 'https://matran.example.vn' },
      transaction: {
        date: '2026-11-20',
        amountVnd: 900_000,
        productOrService: 'quạt điện',
        place: { online: true, url: 'https://matran.example.vn' },
      },
      description: 'Quạt điện mua trên mạng bị hỏng sau hai ngày, cửa hàng không nhận bảo hành, đề nghị hỗ trợ thương lượng.',
      consents: { privacyNoticeVersion: '2026-11' },
    });
    if (receipt.routing.agency.id === null) throw new Error('the matrix case must be routed to an agency outside commune 02200');
    fx.extra.staffPageCaseId = receipt.id;
  },
  rows: [
    { method: 'GET', route: '/requests', allow: READERS },
    {
      method: 'POST',
      route: '/requests/assign',
      allow: ASSIGNERS,
      request: () => ({ url: '/requests/assign', payload: {}, headers: json }),
      note: 'an empty form: an assigner gets the inbox with the error summary (400)',
    },
    {
      method: 'GET',
      route: '/requests/:id',
      allow: READERS,
      request: (fx) => ({ url: `/requests/${fx.extra.staffPageCaseId}` }),
      outOfScope: ['commune_officer'],
    },
    ...handleActions.map((name) => ({
      method: 'POST' as const,
      route: `/requests/:id/actions/${name}`,
      allow: HANDLERS,
      outOfScope: ['commune_officer'] as Caller[],
      request: (fx: { extra: Record<string, string> }) => ({
        url: `/requests/${fx.extra.staffPageCaseId}/actions/${name}`,
        payload: {},
        headers: json,
      }),
    })),
    {
      method: 'POST',
      route: '/requests/:id/actions/assign',
      allow: ASSIGNERS,
      request: (fx) => ({ url: `/requests/${fx.extra.staffPageCaseId}/actions/assign`, payload: {}, headers: json }),
    },
  ],
};
