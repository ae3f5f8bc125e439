/**
 * JSON API of the working calendar: public deadline lookups (rate-limited) and the admin-maintained
 * holiday rows ('calendar.manage').
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { errors, typed } from '../../platform/api.js';
import { addCalendarDay, removeCalendarDay, updateCalendarDay } from '../../platform/calendar/store.js';
import type { Deps } from '../../platform/context.js';
import {
  calendarDayCreate,
  calendarDayPatch,
  calendarDaysQuery,
  calendarDayView,
  deadlineQuery,
  deadlineResponse,
  holidaysQuery,
  holidaysResponse,
  workingDayQuery,
  workingDayResponse,
} from './schema.js';
import { calendarDays, calendarDaysDeadline, holidaysOfYear, workingDay, workingDaysDeadline } from './service.js';

export function registerCalendarRoutes(root: FastifyInstance, deps: Deps): void {
  const app = typed(root);
  const publicLimit = { rateLimit: { max: deps.config.RATE_LIMIT_PUBLIC_PER_MIN, timeWindow: 60_000 } };
  const tags = ['calendar'];

  app.get(
    '/api/v1/calendar/add-working-days',
    {
      schema: {
        tags,
        summary: 'Hạn cuối sau N ngày làm việc (tính từ ngày tiếp theo sau ngày xảy ra sự kiện; N = 0..400)',
        security: [],
        querystring: deadlineQuery,
        response: { 200: deadlineResponse, ...errors },
      },
      config: publicLimit,
    },
    async (req) => workingDaysDeadline(req.ctx, req.query),
  );
  app.get(
    '/api/v1/calendar/add-days',
    {
      schema: {
        tags,
        summary: 'Hạn cuối sau N ngày (ngày dương lịch), dời sang ngày làm việc tiếp theo nếu ngày cuối là ngày nghỉ',
        security: [],
        querystring: deadlineQuery,
        response: { 200: deadlineResponse, ...errors },
      },
      config: publicLimit,
    },
    async (req) => calendarDaysDeadline(req.ctx, req.query),
  );
  app.get(
    '/api/v1/calendar/holidays',
    {
      schema: {
        tags,
        summary: 'Các ngày nghỉ trong tuần và ngày làm việc cuối tuần của một năm',
        security: [],
        querystring: holidaysQuery,
        response: { 200: holidaysResponse, ...errors },
      },
      config: publicLimit,
    },
    async (req) => holidaysOfYear(req.ctx, req.query),
  );
  app.get(
    '/api/v1/calendar/is-working-day',
    {
      schema: {
        tags,
        summary: 'Một ngày có phải ngày làm việc không, và lý do',
        security: [],
        querystring: workingDayQuery,
        response: { 200: workingDayResponse, ...errors },
      },
      config: publicLimit,
    },
    async (req) => workingDay(req.ctx, req.query),
  );

  app.get(
    '/api/v1/calendar/days',
    {
      schema: {
        tags,
        summary: 'Các dòng của bảng ngày nghỉ (quản trị)',
        querystring: calendarDaysQuery,
        response: { 200: z.object({ data: z.array(calendarDayView) }), ...errors },
      },
    },
    async (req) => ({ data: await calendarDays(req.ctx, req.query) }),
  );
  app.post(
    '/api/v1/calendar/days',
    {
      schema: { tags, summary: 'Thêm một ngày vào bảng ngày nghỉ', body: calendarDayCreate, response: { 201: calendarDayView, ...errors } },
    },
    async (req, reply) => reply.status(201).send(await addCalendarDay(req.ctx, req.body)),
  );
  app.patch(
    '/api/v1/calendar/days/:id',
    {
      schema: {
        tags,
        summary: 'Sửa một ngày trong bảng ngày nghỉ (các thời hạn đang chạy được tính lại)',
        params: z.object({ id: z.uuid() }),
        body: calendarDayPatch,
        response: { 200: calendarDayView, ...errors },
      },
    },
    async (req) => updateCalendarDay(req.ctx, req.params.id, req.body),
  );
  app.delete(
    '/api/v1/calendar/days/:id',
    {
      schema: {
        tags,
        summary: 'Xóa (mềm) một ngày khỏi bảng ngày nghỉ (các thời hạn đang chạy được tính lại)',
        params: z.object({ id: z.uuid() }),
        response: { 204: z.null(), ...errors },
      },
    },
    async (req, reply) => {
      await removeCalendarDay(req.ctx, req.params.id);
      return reply.status(204).send(null);
    },
  );
}
