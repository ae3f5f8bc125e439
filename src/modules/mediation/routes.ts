/** JSON API of mediations (/api/v1/mediation/mediations/…): URL → schema → one service call → status. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { errors, typed } from '../../platform/api.js';
import type { Deps } from '../../platform/context.js';
import { recordOutcome, recordPerformance } from './outcome.js';
import { registerRegisterRoutes } from './register-routes.js';
import {
  appointInput,
  interpreterInput,
  mediationListQuery,
  mediationListView,
  mediationView,
  openInput,
  outcomeInput,
  performanceInput,
  sessionInput,
} from './schema.js';
import { appointMediator, getMediation, listMediations, openMediation, recordInterpreter, scheduleSession } from './service.js';

const idParams = z.object({ id: z.uuid() });

export function registerMediationRoutes(root: FastifyInstance, deps: Deps): void {
  registerRegisterRoutes(root, deps);
  const app = typed(root);
  const tags = ['mediation'];
  const ok = { 200: mediationView, ...errors };

  app.get(
    '/api/v1/mediation/mediations',
    {
      schema: {
        tags,
        summary: 'Các vụ hòa giải trong phạm vi của bạn (lọc theo hồ sơ: requestId), vụ đang hòa giải trước',
        querystring: mediationListQuery,
        response: { 200: mediationListView, ...errors },
      },
    },
    async (req) => listMediations(req.ctx, req.query),
  );

  app.post(
    '/api/v1/mediation/mediations',
    {
      schema: {
        tags,
        summary:
          'Mở hòa giải cho một hồ sơ khi cả hai bên đồng ý (ngày đồng ý của người tiêu dùng và doanh nghiệp); 409 mediation.not_mediable cho vụ việc thuộc Điều 54 khoản 2',
        body: openInput,
        response: { 201: mediationView, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await openMediation(req.ctx, req.body)),
  );

  app.get(
    '/api/v1/mediation/mediations/:id',
    {
      schema: {
        tags,
        summary: 'Một vụ hòa giải: các bên, hòa giải viên, phiên dịch, lịch, điều kiện Điều 64 khoản 3, kết quả, việc thực hiện',
        params: idParams,
        response: ok,
      },
    },
    async (req) => getMediation(req.ctx, req.params.id),
  );

  app.post(
    '/api/v1/mediation/mediations/:id/mediators',
    {
      schema: {
        tags,
        summary: 'Chỉ định hòa giải viên đủ điều kiện (Điều 64 khoản 2) và có tên trong danh sách công bố (Điều 63 khoản 2)',
        params: idParams,
        body: appointInput,
        response: ok,
      },
    },
    async (req) => appointMediator(req.ctx, req.params.id, req.body),
  );

  app.post(
    '/api/v1/mediation/mediations/:id/interpreters',
    {
      schema: {
        tags,
        summary: 'Ghi nhận người phiên dịch cho bên là người dân tộc thiểu số (Điều 64 khoản 3)',
        params: idParams,
        body: interpreterInput,
        response: ok,
      },
    },
    async (req) => recordInterpreter(req.ctx, req.params.id, req.body),
  );

  app.post(
    '/api/v1/mediation/mediations/:id/sessions',
    {
      schema: {
        tags,
        summary:
          'Xếp lịch phiên hòa giải trực tiếp (địa điểm) hoặc trực tuyến (đường liên kết), nhắc lịch trước 1 ngày; 409 mediation.interpreter_required khi chưa đáp ứng Điều 64 khoản 3',
        params: idParams,
        body: sessionInput,
        response: { 201: mediationView, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await scheduleSession(req.ctx, req.params.id, req.body)),
  );

  app.post(
    '/api/v1/mediation/mediations/:id/outcome',
    {
      schema: {
        tags,
        summary:
          'Ghi nhận kết quả: hòa giải thành (đủ nội dung Điều 65 khoản 2 điểm a–h, có thời hạn thực hiện) hoặc không thành (các lựa chọn còn lại của người tiêu dùng)',
        params: idParams,
        body: outcomeInput,
        response: ok,
      },
    },
    async (req) => recordOutcome(req.ctx, req.params.id, req.body),
  );

  app.post(
    '/api/v1/mediation/mediations/:id/performance',
    {
      schema: {
        tags,
        summary: 'Ghi nhận việc thực hiện kết quả hòa giải thành so với thời hạn (Điều 66 khoản 1)',
        params: idParams,
        body: performanceInput,
        response: ok,
      },
    },
    async (req) => recordPerformance(req.ctx, req.params.id, req.body),
  );
}
