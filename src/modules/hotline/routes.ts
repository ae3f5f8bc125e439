/** JSON API of the hotline console (/api/v1/hotline/…): calls, caller lookup, call-back queue, quick answers, statistics. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { errors, paged, typed } from '../../platform/api.js';
import {
  adviceStatsView,
  answerQuery,
  answerView,
  attemptInput,
  callbackListQuery,
  callbackView,
  callView,
  logCallInput,
  logCallView,
  lookupQuery,
  lookupView,
  queueCallbackInput,
  statsQuery,
} from './schema.js';
import { adviceStats, searchAnswers } from './answers.js';
import { listCallbacks, queueCallback, recordCallbackAttempt } from './callbacks.js';
import { getCall, logCall, lookupCaller } from './service.js';

const idParams = z.object({ id: z.uuid() });
const idemKey = z
  .string()
  .trim()
  .min(8)
  .max(100)
  .regex(/^[\x21-\x7e]+$/, 'Khóa gồm ký tự ASCII in được');

export function registerHotlineRoutes(root: FastifyInstance): void {
  const app = typed(root);
  const tags = ['hotline'];

  app.post(
    '/api/v1/hotline/calls',
    {
      schema: {
        tags,
        summary: 'Ghi nhận một cuộc gọi: tạo hồ sơ (case_created), chỉ tư vấn (advice_only) hoặc gọi nhỡ (missed, tạo yêu cầu gọi lại)',
        headers: z.object({ 'idempotency-key': idemKey.optional() }).passthrough(),
        body: logCallInput,
        response: { 200: logCallView, 201: logCallView, ...errors },
      },
    },
    async (req, reply) => {
      const key = req.headers['idempotency-key'];
      const { created, result } = await logCall(req.ctx, req.body, typeof key === 'string' ? { idempotencyKey: key } : {});
      if (!created) reply.header('idempotent-replayed', 'true');
      return reply.status(created ? 201 : 200).send(result);
    },
  );

  app.get(
    '/api/v1/hotline/calls/:id',
    {
      schema: {
        tags,
        summary: 'Một cuộc gọi (có dữ liệu cá nhân; truy cập được ghi nhật ký)',
        params: idParams,
        response: { 200: callView, ...errors },
      },
    },
    async (req) => getCall(req.ctx, req.params.id),
  );

  app.get(
    '/api/v1/hotline/lookup',
    {
      schema: {
        tags,
        summary: 'Tra người gọi theo số điện thoại: hồ sơ, cuộc gọi trước đây và yêu cầu gọi lại đang chờ',
        querystring: lookupQuery,
        response: { 200: lookupView, ...errors },
      },
    },
    async (req) => lookupCaller(req.ctx, req.query.phone),
  );

  app.get(
    '/api/v1/hotline/callbacks',
    {
      schema: {
        tags,
        summary: 'Hàng đợi gọi lại: yêu cầu đang chờ trước, theo hạn gọi lại',
        querystring: callbackListQuery,
        response: { 200: paged(callbackView), ...errors },
      },
    },
    async (req) => listCallbacks(req.ctx, req.query),
  );

  app.post(
    '/api/v1/hotline/callbacks',
    {
      schema: {
        tags,
        summary: 'Tạo yêu cầu gọi lại cho một cuộc gọi nhỡ (khi số đó không còn yêu cầu nào đang chờ)',
        body: queueCallbackInput,
        response: { 201: callbackView, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await queueCallback(req.ctx, req.body)),
  );

  app.post(
    '/api/v1/hotline/callbacks/:id/attempts',
    {
      schema: {
        tags,
        summary: 'Ghi nhận một lần gọi lại và kết quả',
        params: idParams,
        body: attemptInput,
        response: { 200: callbackView, ...errors },
      },
    },
    async (req) => recordCallbackAttempt(req.ctx, req.params.id, req.body),
  );

  app.get(
    '/api/v1/hotline/answers',
    {
      schema: {
        tags,
        summary: 'Tìm câu trả lời nhanh (không phân biệt dấu)',
        querystring: answerQuery,
        response: { 200: z.object({ data: z.array(answerView) }), ...errors },
      },
    },
    async (req) => searchAnswers(req.ctx, req.query),
  );

  app.get(
    '/api/v1/hotline/stats/advice',
    {
      schema: {
        tags,
        summary: 'Thống kê cuộc gọi chỉ tư vấn theo chủ đề, lĩnh vực trong một khoảng ngày',
        querystring: statsQuery,
        response: { 200: adviceStatsView, ...errors },
      },
    },
    async (req) => adviceStats(req.ctx, req.query),
  );
}
