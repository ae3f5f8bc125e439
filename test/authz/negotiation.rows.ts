/**
 * Rows for negotiation support (issue 5). Fixture cases sit in the commune officer's other
 * commune (scope → 404). The business caller of the matrix has tax code 0100000001 (factories),
 * so the business fixture case is forwarded to that tax code.
 */
import { complaint } from '../request-fixtures.js';
import { receiveRequest } from '../../src/modules/requests/index.js';
import { forwardToBusiness } from '../../src/modules/requests/negotiation.js';
import { requestInput } from '../../src/modules/requests/schema.js';
import type { Caller, RowsFile } from './types.js';

const READERS: Caller[] = ['admin', 'agency_manager', 'case_officer', 'inspector', 'viewer', 'commune_officer'];
const HANDLERS: Caller[] = ['admin', 'agency_manager', 'case_officer', 'commune_officer'];
const body = () =>
  complaint({
    kind: 'request',
    business: { name: 'Công ty TNHH Ma Trận', address: 'Tuyên Quang', taxCode: '0100000001' },
    description: 'Máy giặt mua mới bị hỏng sau một tuần, cửa hàng không bảo hành, đề nghị hỗ trợ thương lượng với doanh nghiệp.',
  });

export const file: RowsFile = {
  setup: async (t, fx) => {
    const ctx = t.sysCtx();
    const make = async () => {
      const { receipt } = await receiveRequest(ctx, requestInput.parse(body()));
      await t.database.db.updateTable('request').set({ commune_code: fx.otherCommune }).where('id', '=', receipt.id).execute();
      return receipt;
    };
    fx.extra.negForwardId = (await make()).id;
    const b = await make();
    await forwardToBusiness(ctx, b.id, {});
    fx.extra.negBizId = b.id;
    const c = await make();
    await forwardToBusiness(ctx, c.id, {});
    fx.extra.negConsumerCode = c.code;
    fx.extra.negConsumerSecret = c.trackingSecret;

    // A confidential negotiation in the commune officer's own commune, with one document: only a
    // participant of the case (here the commune officer) may read it (Law Art. 55(2), 59(1)(d)).
    const { receipt: d } = await receiveRequest(ctx, requestInput.parse(body()));
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(16, 5)]);
    const boundary = '----conf';
    const up = await t.app.inject({
      method: 'POST',
      url: `/api/v1/requests/${d.id}/attachments?secret=${encodeURIComponent(d.trackingSecret)}`,
      payload: Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bien-ban.png"\r\nContent-Type: image/png\r\n\r\n`,
        ),
        png,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]),
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    fx.extra.confAttachmentId = (up.json() as { id: string }).id;
    await t.database.db.updateTable('request').set({ commune_code: fx.ownCommune }).where('id', '=', d.id).execute();
    await forwardToBusiness(ctx, d.id, { confidential: true });
    fx.extra.confId = d.id;
  },
  rows: [
    {
      method: 'POST',
      route: '/api/v1/requests/:id/forward-to-business',
      allow: HANDLERS,
      outOfScope: ['commune_officer'],
      request: (fx) => ({ url: `/api/v1/requests/${fx.extra.negForwardId}/forward-to-business`, payload: {} }),
    },
    { method: 'GET', route: '/api/v1/requests/stats/settlement', allow: READERS },
    {
      method: 'GET',
      route: '/api/v1/requests/:id/attachments/:attachmentId',
      allow: ['commune_officer'],
      request: (fx) => ({ url: `/api/v1/requests/${fx.extra.confId}/attachments/${fx.extra.confAttachmentId}` }),
      note: 'a confidential negotiation: staff readers outside the case are refused (403); the commune officer of the case reads it',
    },
    { method: 'GET', route: '/api/v1/business/requests', allow: ['business'] },
    {
      method: 'GET',
      route: '/api/v1/business/requests/:id',
      allow: ['business'],
      request: (fx) => ({ url: `/api/v1/business/requests/${fx.extra.negBizId}` }),
    },
    {
      method: 'POST',
      route: '/api/v1/requests/:id/business/acknowledge',
      allow: ['business'],
      request: (fx) => ({ url: `/api/v1/requests/${fx.extra.negBizId}/business/acknowledge` }),
    },
    {
      method: 'POST',
      route: '/api/v1/requests/:id/business/response',
      allow: ['business'],
      request: (fx) => ({
        url: `/api/v1/requests/${fx.extra.negBizId}/business/response`,
        payload: { outcome: 'in_progress', explanation: 'Chúng tôi đang kiểm tra sản phẩm.' },
      }),
    },
    {
      method: 'POST',
      route: '/api/v1/requests/:id/business/report',
      allow: ['business'],
      request: (fx) => ({ url: `/api/v1/requests/${fx.extra.negBizId}/business/report`, payload: { summary: 'Đã hoàn tiền cho khách.' } }),
      note: 'judged 409 (negotiation not ended) for the business: it passed the permission',
    },
    ...(['feedback', 'remedy-received', 'reopen'] as const).map((what) => ({
      method: 'POST' as const,
      route: `/api/v1/requests/track/:code/${what}`,
      allow: 'public' as const,
      request: (fx: { extra: Record<string, string> }) => ({
        url: `/api/v1/requests/track/${fx.extra.negConsumerCode}/${what}?secret=${encodeURIComponent(fx.extra.negConsumerSecret!)}`,
        ...(what === 'remedy-received'
          ? {}
          : { payload: what === 'feedback' ? { accepted: true, rating: 4 } : { reason: 'Mở lại hồ sơ.' } }),
      }),
      note: 'the tracking secret decides, not the role',
    })),
  ],
};
