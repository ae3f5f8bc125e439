/**
 * JSON API of statutory clocks: read an entity's clocks (staff), pause, resume and extend them
 * ('clocks.manage': admin, agency managers, case officers). Starting, meeting and stopping a clock
 * are steps of the owning module's use cases, so they have no route of their own.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { errors, typed } from '../../platform/api.js';
import { clocksFor, extendClock, pauseClock, resumeClock } from '../../platform/clocks/index.js';
import { clocksQuery, clockView, extendBody, pauseBody, resumeBody } from './schema.js';

export function registerClockRoutes(root: FastifyInstance): void {
  const app = typed(root);
  const tags = ['clocks'];
  const params = z.object({ id: z.uuid() });

  app.get(
    '/api/v1/clocks',
    {
      schema: {
        tags,
        summary: 'Các thời hạn của một hồ sơ, kèm giải thích cách tính',
        querystring: clocksQuery,
        response: { 200: z.object({ data: z.array(clockView) }), ...errors },
      },
    },
    async (req) => ({ data: await clocksFor(req.ctx, req.query.entityType, req.query.entityId) }),
  );
  app.post(
    '/api/v1/clocks/:id/pause',
    {
      schema: {
        tags,
        summary: 'Tạm dừng thời hạn (thời gian tạm dừng không tính vào thời hạn)',
        params,
        body: pauseBody,
        response: { 200: clockView, ...errors },
      },
    },
    async (req) => pauseClock(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/v1/clocks/:id/resume',
    {
      schema: {
        tags,
        summary: 'Tiếp tục thời hạn; hạn cuối được tính lại',
        params,
        body: resumeBody,
        response: { 200: clockView, ...errors },
      },
    },
    async (req) => resumeClock(req.ctx, req.params.id, req.body ?? {}),
  );
  app.post(
    '/api/v1/clocks/:id/extend',
    {
      schema: {
        tags,
        summary: 'Gia hạn một lần, nếu quy tắc cho phép (có lý do)',
        params,
        body: extendBody,
        response: { 200: clockView, ...errors },
      },
    },
    async (req) => extendClock(req.ctx, req.params.id, req.body),
  );
}
