/** JSON API of the directory: administrative units, agencies with aliases, the competence table. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { errors, paged, pageInfo, typed } from '../../platform/api.js';
import type { Deps } from '../../platform/context.js';
import { createCompetenceRule, getCompetenceRule, listCompetenceRules, updateCompetenceRule } from './competence.js';
import { matchAgency } from './match.js';
import {
  agencyListItem,
  agencyMatchView,
  agencyView,
  addAliasInput,
  communeCode,
  communeDetailView,
  communeView,
  competenceRuleView,
  createAgencyInput,
  createCompetenceRuleInput,
  legacyResolution,
  listAgenciesQuery,
  listCompetenceRulesQuery,
  matchAgencyQuery,
  provinceCode,
  provinceView,
  resolveLegacyQuery,
  updateAgencyInput,
  updateCompetenceRuleInput,
} from './schema.js';
import {
  addAgencyAlias,
  createAgency,
  getAgency,
  getCommune,
  listAgencies,
  listCommunes,
  listProvincesWithCounts,
  resolveLegacyCommune,
  updateAgency,
} from './service.js';

const idParams = z.object({ id: z.uuid() });

export function registerDirectoryRoutes(root: FastifyInstance, deps: Deps): void {
  const app = typed(root);
  const publicLimit = { rateLimit: { max: deps.config.RATE_LIMIT_PUBLIC_PER_MIN, timeWindow: 60_000 } };

  // ── administrative units (public) ──────────────────────────────────────────
  app.get(
    '/api/v1/provinces',
    {
      schema: {
        tags: ['units'],
        summary: 'Các tỉnh, thành phố (34, tên hiện hành)',
        security: [],
        response: { 200: paged(provinceView), ...errors },
      },
      config: publicLimit,
    },
    async (req) => {
      const data = (await listProvincesWithCounts(req.ctx)).map(({ code, name, type }) => ({ code, name, type }));
      return { data, page: { page: 1, pageSize: data.length, total: data.length } };
    },
  );
  app.get(
    '/api/v1/provinces/:code/communes',
    {
      schema: {
        tags: ['units'],
        summary: 'Các xã, phường, đặc khu của một tỉnh (toàn bộ, tên hiện hành)',
        security: [],
        params: z.object({ code: provinceCode }),
        response: { 200: z.object({ data: z.array(communeView), page: pageInfo }), ...errors },
      },
      config: publicLimit,
    },
    async (req) => {
      const data = await listCommunes(req.ctx, req.params.code);
      return { data, page: { page: 1, pageSize: data.length, total: data.length } };
    },
  );
  app.get(
    '/api/v1/communes/resolve-legacy',
    {
      schema: {
        tags: ['units'],
        summary: 'Tra mã xã cũ (trước 01/7/2025) sang xã, phường hiện hành',
        security: [],
        querystring: resolveLegacyQuery,
        response: { 200: legacyResolution, ...errors },
      },
      config: publicLimit,
    },
    async (req) => resolveLegacyCommune(req.ctx, req.query.oldCode),
  );
  app.get(
    '/api/v1/communes/:code',
    {
      schema: {
        tags: ['units'],
        summary: 'Một xã, phường, đặc khu với các đơn vị cũ hình thành nên nó',
        security: [],
        params: z.object({ code: communeCode }),
        response: { 200: communeDetailView, ...errors },
      },
      config: publicLimit,
    },
    async (req) => getCommune(req.ctx, req.params.code),
  );

  // ── agencies ───────────────────────────────────────────────────────────────
  app.get(
    '/api/v1/agencies',
    {
      schema: {
        tags: ['agencies'],
        summary: 'Danh mục cơ quan (công khai); q tìm theo tên, không phân biệt dấu và viết tắt',
        querystring: listAgenciesQuery,
        response: { 200: paged(agencyListItem), ...errors },
      },
      config: publicLimit,
    },
    async (req) => listAgencies(req.ctx, req.query),
  );
  app.get(
    '/api/v1/agencies/match',
    {
      schema: {
        tags: ['agencies'],
        summary: 'Đối chiếu một tên cơ quan viết tự do với danh mục (độ tin cậy 0..1)',
        querystring: matchAgencyQuery,
        response: { 200: agencyMatchView, ...errors },
      },
      config: publicLimit,
    },
    async (req) => matchAgency(req.ctx, req.query.text, { provinceCode: req.query.provinceCode, limit: 10 }),
  );
  app.get(
    '/api/v1/agencies/:id',
    {
      schema: { tags: ['agencies'], summary: 'Một cơ quan', params: idParams, response: { 200: agencyView, ...errors } },
      config: publicLimit,
    },
    async (req) => getAgency(req.ctx, req.params.id),
  );
  app.post(
    '/api/v1/agencies',
    {
      schema: { tags: ['agencies'], summary: 'Thêm cơ quan (quản trị)', body: createAgencyInput, response: { 201: agencyView, ...errors } },
    },
    async (req, reply) => reply.status(201).send(await createAgency(req.ctx, req.body)),
  );
  app.patch(
    '/api/v1/agencies/:id',
    {
      schema: {
        tags: ['agencies'],
        summary: 'Sửa cơ quan (quản trị); ngừng hoạt động bằng active=false',
        params: idParams,
        body: updateAgencyInput,
        response: { 200: agencyView, ...errors },
      },
    },
    async (req) => updateAgency(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/v1/agencies/:id/aliases',
    {
      schema: {
        tags: ['agencies'],
        summary: 'Thêm tên gọi khác của cơ quan (quản trị)',
        params: idParams,
        body: addAliasInput,
        response: { 201: agencyView, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await addAgencyAlias(req.ctx, req.params.id, req.body)),
  );

  // ── competence table ───────────────────────────────────────────────────────
  app.get(
    '/api/v1/competence-rules',
    {
      schema: {
        tags: ['competence'],
        summary: 'Bảng thẩm quyền theo thời gian hiệu lực (cán bộ)',
        querystring: listCompetenceRulesQuery,
        response: { 200: paged(competenceRuleView), ...errors },
      },
    },
    async (req) => listCompetenceRules(req.ctx, req.query),
  );
  app.get(
    '/api/v1/competence-rules/:id',
    {
      schema: {
        tags: ['competence'],
        summary: 'Một quy tắc thẩm quyền',
        params: idParams,
        response: { 200: competenceRuleView, ...errors },
      },
    },
    async (req) => getCompetenceRule(req.ctx, req.params.id),
  );
  app.post(
    '/api/v1/competence-rules',
    {
      schema: {
        tags: ['competence'],
        summary: 'Thêm quy tắc thẩm quyền (quản trị)',
        body: createCompetenceRuleInput,
        response: { 201: competenceRuleView, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await createCompetenceRule(req.ctx, req.body)),
  );
  app.patch(
    '/api/v1/competence-rules/:id',
    {
      schema: {
        tags: ['competence'],
        summary: 'Sửa quy tắc thẩm quyền (quản trị), ví dụ gia hạn ngày hết hiệu lực',
        params: idParams,
        body: updateCompetenceRuleInput,
        response: { 200: competenceRuleView, ...errors },
      },
    },
    async (req) => updateCompetenceRule(req.ctx, req.params.id, req.body),
  );
}
