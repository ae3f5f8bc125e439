/**
 * Rows for the requests JSON API. Fixture cases are placed in the commune officer's other
 * commune, so that a commune officer passes the permission but is refused by scope (404).
 * Bodies are valid, so that a caller is judged by permission and not by validation.
 */
import { complaint } from '../request-fixtures.js';
import { receiveRequest } from '../../src/modules/requests/index.js';
import { requestInput } from '../../src/modules/requests/schema.js';
import { callers, type Caller, type RowsFile } from './types.js';

const READERS: Caller[] = ['admin', 'agency_manager', 'case_officer', 'inspector', 'viewer', 'commune_officer'];
const HANDLERS: Caller[] = ['admin', 'agency_manager', 'case_officer', 'commune_officer'];
const INTAKE: Caller[] = ['admin', 'agency_manager', 'case_officer', 'hotline_operator', 'commune_officer'];
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(16, 2)]);
const boundary = '----matrix';
const upload = {
  payload: Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`),
    PNG,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]),
  headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
};

export const file: RowsFile = {
  setup: async (t, fx) => {
    const ctx = t.sysCtx();
    const make = async (key: string) => {
      const { receipt } = await receiveRequest(ctx, requestInput.parse(complaint()));
      await t.database.db.updateTable('request').set({ commune_code: fx.otherCommune }).where('id', '=', receipt.id).execute();
      fx.extra[`${key}Id`] = receipt.id;
      fx.extra[`${key}Code`] = receipt.code;
      fx.extra[`${key}Secret`] = receipt.trackingSecret;
    };
    for (const k of ['req', 'reqB', 'reqRefuse', 'reqMerge']) await make(k);
    const agency = await t.database.db
      .insertInto('agency')
      .values({ name: 'Sở Y tế ma trận', kind: 'so-y-te', level: 'province', province_code: '08' })
      .returning('id')
      .executeTakeFirstOrThrow();
    fx.extra.agencyId = agency.id;
    await t.database.db
      .insertInto('agency')
      .values({ name: 'Sở Công Thương ma trận', kind: 'so-cong-thuong', level: 'province', province_code: '08' })
      .execute();
    const { receipt } = await receiveRequest(ctx, requestInput.parse(complaint()));
    fx.extra.attachmentReqId = receipt.id;
    fx.extra.attachmentSecret = receipt.trackingSecret;
    const a = await t.app.inject({
      method: 'POST',
      url: `/api/v1/requests/${receipt.id}/attachments?secret=${encodeURIComponent(receipt.trackingSecret)}`,
      ...upload,
    });
    fx.extra.attachmentId = (a.json() as { id: string }).id;
    await t.database.db.updateTable('request').set({ commune_code: fx.otherCommune }).where('id', '=', receipt.id).execute();
  },
  rows: [
    {
      method: 'POST',
      route: '/api/v1/requests',
      allow: callers.filter((c) => c !== 'business'),
      request: () => ({ url: '/api/v1/requests', payload: complaint() }),
      note: 'public on the web channel; business accounts cannot file; staff channels are checked in the service',
    },
    {
      method: 'POST',
      route: '/api/v1/requests/preview-routing',
      allow: 'public',
      request: () => ({ url: '/api/v1/requests/preview-routing', payload: { description: 'Mua phải hàng giả ở cửa hàng mỹ phẩm' } }),
    },
    {
      method: 'GET',
      route: '/api/v1/requests/track/:code',
      allow: 'public',
      request: (fx) => ({ url: `/api/v1/requests/track/${fx.extra.reqCode}?secret=${encodeURIComponent(fx.extra.reqSecret!)}` }),
    },
    {
      method: 'POST',
      route: '/api/v1/requests/track/:code/supplement',
      allow: 'public',
      request: (fx) => ({
        url: `/api/v1/requests/track/${fx.extra.reqCode}/supplement?secret=${encodeURIComponent(fx.extra.reqSecret!)}`,
        payload: { note: 'Tôi gửi thêm thông tin.' },
      }),
    },
    { method: 'GET', route: '/api/v1/requests', allow: READERS },
    { method: 'GET', route: '/api/v1/requests/stats/routing', allow: READERS },
    {
      method: 'GET',
      route: '/api/v1/requests/by-phone',
      allow: INTAKE,
      request: () => ({ url: '/api/v1/requests/by-phone?phone=0912345678' }),
    },
    {
      method: 'GET',
      route: '/api/v1/requests/:id',
      allow: READERS,
      outOfScope: ['commune_officer'],
      request: (fx) => ({ url: `/api/v1/requests/${fx.extra.reqId}` }),
    },
    {
      method: 'POST',
      route: '/api/v1/requests/:id/status',
      allow: HANDLERS,
      outOfScope: ['commune_officer'],
      request: (fx) => ({ url: `/api/v1/requests/${fx.extra.reqId}/status`, payload: { to: 'accepted' } }),
    },
    {
      method: 'POST',
      route: '/api/v1/requests/:id/refuse',
      allow: HANDLERS,
      outOfScope: ['commune_officer'],
      request: (fx) => ({
        url: `/api/v1/requests/${fx.extra.reqRefuseId}/refuse`,
        payload: { ground: 'art58_5_already_resolved', explanation: 'Đã giải quyết tại Tòa án.' },
      }),
    },
    {
      method: 'POST',
      route: '/api/v1/requests/:id/reroute',
      allow: HANDLERS,
      outOfScope: ['commune_officer'],
      request: (fx) => ({
        url: `/api/v1/requests/${fx.extra.reqBId}/reroute`,
        payload: { agencyId: fx.extra.agencyId, reason: 'Thuộc ngành y tế.' },
      }),
    },
    {
      method: 'POST',
      route: '/api/v1/requests/:id/bounce',
      allow: HANDLERS,
      outOfScope: ['commune_officer'],
      request: (fx) => ({ url: `/api/v1/requests/${fx.extra.reqBId}/bounce`, payload: { reason: 'Không thuộc thẩm quyền.' } }),
    },
    {
      method: 'POST',
      route: '/api/v1/requests/assign',
      allow: ['admin', 'agency_manager'],
      outOfScope: [],
      request: (fx) => ({ url: '/api/v1/requests/assign', payload: { ids: [fx.extra.reqId], assigneeId: null } }),
    },
    {
      method: 'POST',
      route: '/api/v1/requests/:id/notes',
      allow: HANDLERS,
      outOfScope: ['commune_officer'],
      request: (fx) => ({ url: `/api/v1/requests/${fx.extra.reqId}/notes`, payload: { body: 'Ghi chú' } }),
    },
    {
      method: 'POST',
      route: '/api/v1/requests/:id/classification',
      allow: HANDLERS,
      outOfScope: ['commune_officer'],
      request: (fx) => ({
        url: `/api/v1/requests/${fx.extra.reqId}/classification`,
        payload: { sector: 'consumer-goods', violations: ['counterfeit'] },
      }),
    },
    {
      method: 'POST',
      route: '/api/v1/requests/:id/merge',
      allow: HANDLERS,
      outOfScope: ['commune_officer'],
      request: (fx) => ({ url: `/api/v1/requests/${fx.extra.reqMergeId}/merge`, payload: { intoId: fx.extra.reqId } }),
    },
    {
      method: 'POST',
      route: '/api/v1/requests/:id/attachments',
      allow: 'public',
      request: (fx) => ({
        url: `/api/v1/requests/${fx.extra.attachmentReqId}/attachments`,
        ...upload,
        headers: { ...upload.headers, 'x-tracking-secret': fx.extra.attachmentSecret! },
      }),
      note: 'the tracking secret (sent here) or a staff session in scope: judged in the service, not by role',
    },
    {
      method: 'GET',
      route: '/api/v1/requests/:id/attachments/:attachmentId',
      allow: READERS,
      outOfScope: ['commune_officer'],
      request: (fx) => ({ url: `/api/v1/requests/${fx.extra.attachmentReqId}/attachments/${fx.extra.attachmentId}` }),
    },
  ],
};
