/** JSON API of the mediator register (/api/v1/mediation/organisations, /api/v1/mediation/mediators). */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { errors, typed } from '../../platform/api.js';
import type { Deps } from '../../platform/context.js';
import {
  addMediator,
  createOrganisation,
  getMediator,
  getOrganisation,
  listOrganisations,
  publishedMediators,
  recogniseMediator,
  recordAttestation,
} from './register.js';
import {
  attestationInput,
  mediatorInput,
  mediatorView,
  organisationDetailView,
  organisationInput,
  organisationListView,
  organisationView,
  publishedListView,
  recognitionInput,
} from './schema.js';

const idParams = z.object({ id: z.uuid() });

export function registerRegisterRoutes(root: FastifyInstance, deps: Deps): void {
  const app = typed(root);
  const tags = ['mediation'];
  const publicLimit = { rateLimit: { max: deps.config.RATE_LIMIT_PUBLIC_PER_MIN, timeWindow: 60_000 } };

  app.get(
    '/api/v1/mediation/organisations',
    {
      schema: {
        tags,
        summary: 'Danh sách tổ chức hòa giải (loại a, b, c theo Điều 63 khoản 1) với số hòa giải viên và số đã công bố',
        response: { 200: organisationListView, ...errors },
      },
    },
    async (req) => listOrganisations(req.ctx),
  );

  app.post(
    '/api/v1/mediation/organisations',
    {
      schema: {
        tags,
        summary: 'Thêm tổ chức hòa giải (cán bộ cấp tỉnh; Nghị định 146/2025 Điều 46)',
        body: organisationInput,
        response: { 201: organisationView, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await createOrganisation(req.ctx, req.body)),
  );

  app.get(
    '/api/v1/mediation/organisations/:id',
    {
      schema: {
        tags,
        summary: 'Một tổ chức hòa giải với hòa giải viên, xác nhận điều kiện (Điều 64 khoản 2) và tình trạng công bố',
        params: idParams,
        response: { 200: organisationDetailView, ...errors },
      },
    },
    async (req) => getOrganisation(req.ctx, req.params.id),
  );

  app.get(
    '/api/v1/mediation/organisations/:id/published-mediators',
    {
      config: publicLimit,
      schema: {
        tags,
        summary: 'Danh sách hòa giải viên đã công nhận và công bố của tổ chức (công khai; Điều 63 khoản 2)',
        security: [],
        params: idParams,
        response: { 200: publishedListView, ...errors },
      },
    },
    async (req) => publishedMediators(req.ctx, req.params.id),
  );

  app.post(
    '/api/v1/mediation/organisations/:id/mediators',
    {
      schema: {
        tags,
        summary: 'Thêm hòa giải viên vào tổ chức (ngôn ngữ dân tộc thiểu số thông thạo, là người dân tộc thiểu số)',
        params: idParams,
        body: mediatorInput,
        response: { 201: mediatorView, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await addMediator(req.ctx, req.params.id, req.body)),
  );

  app.get(
    '/api/v1/mediation/mediators/:id',
    {
      schema: {
        tags,
        summary: 'Một hòa giải viên với các xác nhận điều kiện',
        params: idParams,
        response: { 200: mediatorView, ...errors },
      },
    },
    async (req) => getMediator(req.ctx, req.params.id),
  );

  app.post(
    '/api/v1/mediation/mediators/:id/attestations',
    {
      schema: {
        tags,
        summary: 'Ghi nhận một điều kiện của hòa giải viên (Điều 64 khoản 2): loại, tài liệu, ngày',
        params: idParams,
        body: attestationInput,
        response: { 201: mediatorView, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await recordAttestation(req.ctx, req.params.id, req.body)),
  );

  app.post(
    '/api/v1/mediation/mediators/:id/recognition',
    {
      schema: {
        tags,
        summary: 'Công nhận và công bố hòa giải viên (Điều 63 khoản 2); chỉ khi đủ điều kiện (409 mediation.mediator_not_eligible)',
        params: idParams,
        body: recognitionInput,
        response: { 200: mediatorView, ...errors },
      },
    },
    async (req) => recogniseMediator(req.ctx, req.params.id, req.body),
  );
}
