/**
 * Rows for mediation (src/modules/mediation): the register API, the mediations API and the staff
 * pages. Reading needs `mediation.read` (administrators, agency managers, case officers,
 * mediators); changing needs `mediation.manage` and the mediation's scope; opening needs
 * `requests.handle` as well; the register is kept by province case staff (a commune officer and a
 * mediator of no organisation are refused). The fixture case lies in the commune officer's other
 * commune, and the matrix mediator is appointed to the fixture mediation: the commune officer gets
 * 404 on it, the mediator passes. Bodies are valid, so that a caller is judged by permission; page
 * form posts send an empty form (a permitted caller gets the page again with its errors, 400).
 */
import { complaint } from '../request-fixtures.js';
import { changeStatus, receiveRequest, requestInput } from '../../src/modules/requests/index.js';
import { addMediator, createOrganisation, openMediation, recogniseMediator, recordAttestation } from '../../src/modules/mediation/index.js';
import type { Ctx } from '../../src/platform/context.js';
import type { TestApp } from '../harness.js';
import type { Caller, Fixtures, RowsFile } from './types.js';

const READERS: Caller[] = ['admin', 'agency_manager', 'case_officer', 'mediator', 'commune_officer'];
const MANAGERS: Caller[] = READERS;
const OPENERS: Caller[] = ['admin', 'agency_manager', 'case_officer', 'commune_officer'];
const REGISTER: Caller[] = ['admin', 'agency_manager', 'case_officer'];
const json = { accept: 'application/json' };
const ART_64_2 = ['vietnamese_citizen', 'full_civil_capacity', 'good_ethics', 'skills_and_knowledge', 'no_criminal_record'] as const;

async function eligibleMediator(ctx: Ctx, orgId: string, fullName: string, userId?: string): Promise<string> {
  const m = await addMediator(ctx, orgId, { fullName, ethnicMinority: false, languages: [], ...(userId ? { userId } : {}) });
  for (const kind of ART_64_2) await recordAttestation(ctx, m.id, { kind, documentRef: 'Hồ sơ ma trận', attestedOn: '2026-11-01' });
  await recogniseMediator(ctx, m.id, { recognitionRef: 'QĐ ma trận' });
  return m.id;
}

/** An accepted, mediable case in the commune officer's other commune. */
async function mediableCase(t: TestApp, fx: Fixtures): Promise<{ id: string; code: string }> {
  const ctx = t.sysCtx();
  const { receipt } = await receiveRequest(ctx, requestInput.parse(complaint()));
  await t.database.db
    .updateTable('request')
    .set({ commune_code: fx.otherCommune, enforcement_flag: false })
    .where('id', '=', receipt.id)
    .execute();
  await changeStatus(ctx, receipt.id, { to: 'accepted' });
  return { id: receipt.id, code: receipt.code };
}

export const file: RowsFile = {
  setup: async (t, fx) => {
    const ctx = t.sysCtx();
    const org = await createOrganisation(ctx, { type: 'a', name: 'Tổ chức hòa giải ma trận' });
    fx.extra.mOrgId = org.id;
    const own = await eligibleMediator(ctx, org.id, 'Hòa giải viên ma trận', fx.userIds.mediator);
    fx.extra.mAppointeeId = await eligibleMediator(ctx, org.id, 'Hòa giải viên được chỉ định');
    const c = await mediableCase(t, fx);
    const m = await openMediation(ctx, {
      requestId: c.id,
      organisationId: org.id,
      consents: { consumer: { on: '2026-11-25' }, business: { on: '2026-11-25' } },
      businessEthnicMinority: false,
      mediatorIds: [own],
    });
    fx.extra.mediationId = m.id;
    fx.extra.mOpenCaseId = (await mediableCase(t, fx)).id;
    fx.extra.mMediatorId = own;
    // The record download exists once the app passes requests' record builders (mediation/index.ts).
    if (t.app.routeList.some((r) => r.url === '/api/v1/mediation/mediations/:id/record'))
      file.rows.push({
        method: 'GET',
        route: '/api/v1/mediation/mediations/:id/record',
        allow: READERS,
        outOfScope: ['commune_officer'],
        request: (f) => ({ url: `/api/v1/mediation/mediations/${f.extra.mediationId}/record?format=docx` }),
        note: 'after the outcome row: the unsuccessful record',
      });
  },
  rows: [
    // ── the register
    { method: 'GET', route: '/api/v1/mediation/organisations', allow: READERS },
    {
      method: 'POST',
      route: '/api/v1/mediation/organisations',
      allow: REGISTER,
      request: () => ({ url: '/api/v1/mediation/organisations', payload: { type: 'c', name: 'Ban quản lý chợ ma trận' } }),
      note: 'the second permitted caller gets 409 mediation.organisation_exists',
    },
    {
      method: 'GET',
      route: '/api/v1/mediation/organisations/:id',
      allow: READERS,
      request: (fx) => ({ url: `/api/v1/mediation/organisations/${fx.extra.mOrgId}` }),
    },
    {
      method: 'GET',
      route: '/api/v1/mediation/organisations/:id/published-mediators',
      allow: 'public',
      request: (fx) => ({ url: `/api/v1/mediation/organisations/${fx.extra.mOrgId}/published-mediators` }),
    },
    {
      method: 'POST',
      route: '/api/v1/mediation/organisations/:id/mediators',
      allow: REGISTER,
      request: (fx) => ({
        url: `/api/v1/mediation/organisations/${fx.extra.mOrgId}/mediators`,
        payload: { fullName: 'Người hòa giải ma trận' },
      }),
    },
    {
      method: 'GET',
      route: '/api/v1/mediation/mediators/:id',
      allow: READERS,
      request: (fx) => ({ url: `/api/v1/mediation/mediators/${fx.extra.mMediatorId}` }),
    },
    {
      method: 'POST',
      route: '/api/v1/mediation/mediators/:id/attestations',
      allow: REGISTER,
      request: (fx) => ({
        url: `/api/v1/mediation/mediators/${fx.extra.mMediatorId}/attestations`,
        payload: { kind: 'good_ethics', documentRef: 'Nhận xét ma trận', attestedOn: '2026-11-02' },
      }),
    },
    {
      method: 'POST',
      route: '/api/v1/mediation/mediators/:id/recognition',
      allow: REGISTER,
      request: (fx) => ({
        url: `/api/v1/mediation/mediators/${fx.extra.mMediatorId}/recognition`,
        payload: { recognitionRef: 'QĐ ma trận 2' },
      }),
    },
    // ── mediations
    { method: 'GET', route: '/api/v1/mediation/mediations', allow: READERS },
    {
      method: 'POST',
      route: '/api/v1/mediation/mediations',
      allow: OPENERS,
      outOfScope: ['commune_officer'],
      request: (fx) => ({
        url: '/api/v1/mediation/mediations',
        payload: {
          requestId: fx.extra.mOpenCaseId,
          organisationId: fx.extra.mOrgId,
          consents: { consumer: { on: '2026-11-25' }, business: { on: '2026-11-25' } },
        },
      }),
      note: 'the first permitted caller opens it; later ones get 409 mediation.already_open',
    },
    {
      method: 'GET',
      route: '/api/v1/mediation/mediations/:id',
      allow: READERS,
      outOfScope: ['commune_officer'],
      request: (fx) => ({ url: `/api/v1/mediation/mediations/${fx.extra.mediationId}` }),
    },
    {
      method: 'POST',
      route: '/api/v1/mediation/mediations/:id/mediators',
      allow: MANAGERS,
      outOfScope: ['commune_officer'],
      request: (fx) => ({
        url: `/api/v1/mediation/mediations/${fx.extra.mediationId}/mediators`,
        payload: { mediatorId: fx.extra.mAppointeeId },
      }),
    },
    {
      method: 'POST',
      route: '/api/v1/mediation/mediations/:id/interpreters',
      allow: MANAGERS,
      outOfScope: ['commune_officer'],
      request: (fx) => ({
        url: `/api/v1/mediation/mediations/${fx.extra.mediationId}/interpreters`,
        payload: { fullName: 'Phiên dịch ma trận', language: 'Tày' },
      }),
    },
    {
      method: 'POST',
      route: '/api/v1/mediation/mediations/:id/sessions',
      allow: MANAGERS,
      outOfScope: ['commune_officer'],
      request: (fx) => ({
        url: `/api/v1/mediation/mediations/${fx.extra.mediationId}/sessions`,
        payload: { startsAt: '2026-12-10T09:00:00+07:00', mode: 'online', link: 'https://hop.example.vn/ma-tran' },
      }),
    },
    // Page forms before the outcome closes the fixture mediation.
    { method: 'GET', route: '/mediation', allow: READERS },
    { method: 'POST', route: '/mediation/open', allow: OPENERS, request: () => ({ url: '/mediation/open', payload: {}, headers: json }) },
    { method: 'GET', route: '/mediation/organisations', allow: READERS },
    {
      method: 'GET',
      route: '/mediation/:id',
      allow: READERS,
      outOfScope: ['commune_officer'],
      request: (fx) => ({ url: `/mediation/${fx.extra.mediationId}` }),
    },
    ...(['appoint', 'interpreter', 'session', 'success', 'unsuccessful', 'performance'] as const).map((a) => ({
      method: 'POST' as const,
      route: `/mediation/:id/actions/${a}`,
      allow: MANAGERS,
      outOfScope: ['commune_officer' as const],
      request: (fx: Fixtures) => ({ url: `/mediation/${fx.extra.mediationId}/actions/${a}`, payload: {}, headers: json }),
    })),
    {
      method: 'POST',
      route: '/api/v1/mediation/mediations/:id/outcome',
      allow: MANAGERS,
      outOfScope: ['commune_officer'],
      request: (fx) => ({
        url: `/api/v1/mediation/mediations/${fx.extra.mediationId}/outcome`,
        payload: {
          result: 'unsuccessful',
          heldAt: '2026-11-26T08:00:00+07:00',
          place: 'Trực tuyến',
          consumerOpinion: 'Ý kiến người tiêu dùng',
          businessOpinion: 'Ý kiến doanh nghiệp',
          reason: 'Ma trận phân quyền',
        },
      }),
      note: 'the first permitted caller closes it; later ones get 409 mediation.not_open',
    },
    {
      method: 'POST',
      route: '/api/v1/mediation/mediations/:id/performance',
      allow: MANAGERS,
      outOfScope: ['commune_officer'],
      request: (fx) => ({ url: `/api/v1/mediation/mediations/${fx.extra.mediationId}/performance`, payload: { performed: true } }),
      note: 'an unsuccessful mediation: permitted callers get 409 mediation.not_succeeded',
    },
  ],
};
