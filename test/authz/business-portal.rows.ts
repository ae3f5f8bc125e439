/**
 * Rows for the business portal (src/modules/requests/business-pages.tsx), business accounts
 * (business-routes.ts), the negotiation record, the officer's negotiation forms on the case page
 * and the consumer's forms on the tracking page. The fixture case sits in the commune officer's
 * other commune (scope → 404) and is forwarded to the matrix business's tax code (0100000001).
 * Form posts send JSON with `accept: application/json`, so that a refusal is a JSON 401/403 and a
 * permitted caller gets the page with its errors (400) or the action done.
 */
import { complaint } from '../request-fixtures.js';
import { receiveRequest } from '../../src/modules/requests/index.js';
import { forwardToBusiness } from '../../src/modules/requests/negotiation.js';
import { requestInput } from '../../src/modules/requests/schema.js';
import type { AuthzRow, Caller, RowsFile } from './types.js';

const READERS: Caller[] = ['admin', 'agency_manager', 'case_officer', 'inspector', 'viewer', 'commune_officer'];
const HANDLERS: Caller[] = ['admin', 'agency_manager', 'case_officer', 'commune_officer'];
const json = { accept: 'application/json' };
const CODE = 'YC-2026-999998';

export const file: RowsFile = {
  setup: async (t, fx) => {
    const ctx = t.sysCtx();
    const make = async () => {
      const { receipt } = await receiveRequest(
        ctx,
        requestInput.parse(
          complaint({
            kind: 'request',
            business: { name: 'Công ty TNHH Cổng Doanh Nghiệp', address: 'Tuyên Quang', taxCode: '0100000001' },
            description: 'Bếp từ mua mới bị lỗi mạch sau mười ngày, cửa hàng không bảo hành, đề nghị hỗ trợ thương lượng.',
          }),
        ),
      );
      await t.database.db.updateTable('request').set({ commune_code: fx.otherCommune }).where('id', '=', receipt.id).execute();
      return receipt;
    };
    fx.extra.portalCaseId = (await make()).id;
    await forwardToBusiness(ctx, fx.extra.portalCaseId, {});
    fx.extra.portalForwardId = (await make()).id;
  },
  rows: [
    { method: 'GET', route: '/doanh-nghiep', allow: ['business'] },
    {
      method: 'GET',
      route: '/doanh-nghiep/ho-so/:id',
      allow: ['business'],
      request: (fx) => ({ url: `/doanh-nghiep/ho-so/${fx.extra.portalCaseId}` }),
    },
    ...(['xac-nhan', 'tra-loi', 'khong-lien-quan', 'bao-cao'] as const).map((a): AuthzRow => ({
      method: 'POST',
      route: `/doanh-nghiep/ho-so/:id/${a}`,
      allow: ['business'],
      request: (fx) => ({ url: `/doanh-nghiep/ho-so/${fx.extra.portalCaseId}/${a}`, payload: {}, headers: json }),
      note: 'an empty form: the business gets its page with the errors (or acknowledges)',
    })),
    { method: 'GET', route: '/doanh-nghiep/nguoi-dung', allow: ['business'] },
    {
      method: 'POST',
      route: '/doanh-nghiep/nguoi-dung/moi',
      allow: ['business'],
      request: () => ({ url: '/doanh-nghiep/nguoi-dung/moi', payload: {}, headers: json }),
    },
    {
      method: 'GET',
      route: '/doanh-nghiep/kich-hoat',
      allow: 'public',
      request: () => ({ url: '/doanh-nghiep/kich-hoat?token=khong-dung-duong-dan-kich-hoat' }),
      note: 'the one-time token is the credential: a wrong one answers 404',
    },
    { method: 'GET', route: '/doanh-nghiep/kich-hoat/xong', allow: 'public' },
    {
      method: 'POST',
      route: '/doanh-nghiep/kich-hoat',
      allow: 'public',
      request: () => ({ url: '/doanh-nghiep/kich-hoat', payload: { token: 'khong-dung-duong-dan-kich-hoat' }, headers: json }),
      note: 'the one-time token is the credential: a wrong one answers 404',
    },
    {
      method: 'POST',
      route: '/api/v1/business/invitations',
      allow: [...HANDLERS, 'business'],
      outOfScope: ['commune_officer'],
      request: (fx) => ({
        url: '/api/v1/business/invitations',
        payload: { email: 'ma-tran@example.test', requestId: fx.extra.portalCaseId },
      }),
      note: 'staff invite from a case in scope; the business for its own tax code',
    },
    {
      method: 'POST',
      route: '/api/v1/business/invitations/accept',
      allow: 'public',
      request: () => ({
        url: '/api/v1/business/invitations/accept',
        payload: { token: 'khong-dung-duong-dan-kich-hoat', username: 'ma.tran', displayName: 'Ma Trận', password: 'mat-khau-ma-tran' },
      }),
      note: 'the one-time token is the credential: a wrong one answers 404',
    },
    { method: 'GET', route: '/api/v1/business/account', allow: ['business'] },
    {
      method: 'GET',
      route: '/api/v1/requests/:id/negotiation-record',
      allow: [...READERS, 'business'],
      outOfScope: ['commune_officer'],
      request: (fx) => ({ url: `/api/v1/requests/${fx.extra.portalCaseId}/negotiation-record?format=docx` }),
      note: 'no result yet: 409 for everyone who may read it',
    },
    ...(
      [
        ['forward', { taxCode: 'x' }],
        ['close', {}],
        ['invite-business', {}],
      ] as const
    ).map(([name, payload]): AuthzRow => ({
      method: 'POST',
      route: `/requests/:id/actions/${name}`,
      allow: HANDLERS,
      outOfScope: ['commune_officer'],
      request: (fx) => ({ url: `/requests/${fx.extra.portalForwardId}/actions/${name}`, payload, headers: json }),
      note: 'an invalid form: a handler gets the case page with the errors (400)',
    })),
    ...(['y-kien', 'da-nhan', 'mo-lai'] as const).map((a): AuthzRow => ({
      method: 'POST',
      route: `/tra-cuu/:code/${a}`,
      allow: 'public',
      request: () => ({ url: `/tra-cuu/${CODE}/${a}`, payload: { secret: 'khong-dung-ma-bi-mat' }, headers: json }),
      note: 'the tracking secret decides, not the role: a wrong pair answers 404',
    })),
  ],
};
