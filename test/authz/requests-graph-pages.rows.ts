/**
 * Rows for the case graph's page actions on the officer's case page (src/modules/requests/staff-pages.tsx,
 * staff-graph.tsx): splitting a sub-case and accepting the Art. 54(2) referral. Form posts send an
 * empty form with `accept: application/json`: a permitted caller gets the page again with its
 * error (400 for the sub-case's missing kind; the referral is refused as the case is not flagged),
 * a commune officer gets 404 when the page reads the case.
 */
import { seedDemoDirectory } from '../../src/modules/directory/index.js';
import { receiveRequest } from '../../src/modules/requests/index.js';
import type { Caller, RowsFile } from './types.js';

const HANDLERS: Caller[] = ['admin', 'agency_manager', 'case_officer', 'commune_officer'];
const json = { accept: 'application/json' };

export const file: RowsFile = {
  setup: async (t, fx) => {
    await seedDemoDirectory(t.sysCtx(), '08');
    const { receipt } = await receiveRequest(t.sysCtx(), {
      kind: 'request',
      channel: 'web',
      consumer: { fullName: 'Phạm Văn Đồ Thị', phone: '0912000998', birthYear: 1990 },
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
    fx.extra.graphPageCaseId = receipt.id;
  },
  rows: (['sub-case', 'referral'] as const).map((name) => ({
    method: 'POST' as const,
    route: `/requests/:id/actions/${name}`,
    allow: HANDLERS,
    outOfScope: ['commune_officer'] as Caller[],
    request: (fx: { extra: Record<string, string> }) => ({
      url: `/requests/${fx.extra.graphPageCaseId}/actions/${name}`,
      payload: {},
      headers: json,
    }),
  })),
};
