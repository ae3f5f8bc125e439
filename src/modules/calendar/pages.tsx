/**
 * /admin/holidays: a year of the working calendar (holidays-view.tsx), a form to add a row and
 * buttons to remove rows ('calendar.manage'). Forms carry `_csrf`; validation and conflict errors
 * re-render the page with an error summary and the answers kept.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { typed } from '../../platform/api.js';
import type { CalendarDayKind } from '../../platform/calendar/index.js';
import { addCalendarDay, removeCalendarDay } from '../../platform/calendar/store.js';
import { AppError } from '../../platform/errors.js';
import { pageEnv } from '../../web/layout.js';
import { html } from '../../web/render.js';
import { HolidaysPage, type FormValues } from './holidays-view.js';
import { provinceCode } from './schema.js';
import { holidayAdminView } from './service.js';

const pageQuery = z.object({
  year: z.string().max(16).optional(),
  province: z.union([provinceCode, z.literal('')]).optional(),
  saved: z.string().max(4).optional(),
  lang: z.string().max(8).optional(),
});

const addForm = z.object({
  _csrf: z.string().max(200).optional(),
  year: z.string().max(16).optional(),
  date: z.string().max(32).default(''),
  kind: z.string().max(32).default(''),
  name: z.string().max(300).default(''),
  source: z.string().max(500).default(''),
  provisional: z.union([z.string().max(8), z.boolean()]).optional(),
  provinceCode: z.string().max(8).default(''),
});

const removeForm = z.object({
  _csrf: z.string().max(200).optional(),
  year: z.string().max(16).optional(),
  province: z.string().max(8).optional(),
});

/** The form field an error code belongs to, for the error summary's links. */
function fieldOf(code: string): string | undefined {
  if (
    code === 'calendar.invalid_date' ||
    code === 'calendar.year_out_of_range' ||
    code === 'calendar.day_exists' ||
    code === 'calendar.kind_weekday_mismatch'
  )
    return 'date';
  if (code === 'calendar.invalid_kind') return 'kind';
  if (code === 'calendar.invalid_name') return 'name';
  if (code === 'calendar.invalid_source') return 'source';
  if (code === 'calendar.invalid_province' || code === 'calendar.province_required') return 'provinceCode';
  return undefined;
}

function sendHtml(reply: FastifyReply, status: number, body: string): FastifyReply {
  return reply.status(status).type('text/html; charset=utf-8').send(body);
}

function province(v: string | undefined): string | undefined {
  return v && /^\d{2}$/.test(v) ? v : undefined;
}

export function registerCalendarPages(root: FastifyInstance): void {
  const app = typed(root);
  const hide = { hide: true } as const;

  app.get('/admin/holidays', { schema: { ...hide, querystring: pageQuery } }, async (req, reply) => {
    const view = await holidayAdminView(req.ctx, { year: req.query.year, province: province(req.query.province) });
    return sendHtml(reply, 200, html(<HolidaysPage env={pageEnv(req)} view={view} saved={req.query.saved === '1'} />));
  });

  app.post('/admin/holidays', { schema: { ...hide, body: addForm } }, async (req, reply) => {
    const b = req.body;
    const values: FormValues = {
      date: b.date,
      kind: b.kind,
      name: b.name,
      source: b.source,
      provisional: b.provisional === true || b.provisional === 'on' || b.provisional === 'true',
      provinceCode: b.provinceCode.trim(),
    };
    try {
      await addCalendarDay(req.ctx, {
        date: values.date ?? '',
        kind: values.kind as CalendarDayKind,
        name: values.name ?? '',
        source: values.source ?? '',
        provisional: values.provisional ?? false,
        provinceCode: values.provinceCode || null,
      });
    } catch (e) {
      return rerender(req, reply, e, b.year, values);
    }
    const year = values.date?.slice(0, 4) ?? b.year;
    return reply.redirect(
      `/admin/holidays?year=${encodeURIComponent(year ?? '')}${values.provinceCode ? `&province=${values.provinceCode}` : ''}&saved=1`,
      303,
    );
  });

  app.post(
    '/admin/holidays/:id/remove',
    { schema: { ...hide, params: z.object({ id: z.uuid() }), body: removeForm } },
    async (req, reply) => {
      await removeCalendarDay(req.ctx, req.params.id);
      const p = province(req.body.province);
      const year = req.body.year && /^\d{4}$/.test(req.body.year) ? req.body.year : '';
      return reply.redirect(`/admin/holidays?year=${year}${p ? `&province=${p}` : ''}&saved=1`, 303);
    },
  );
}

/** Validation and conflict errors re-render the form with an error summary; anything else propagates. */
async function rerender(
  req: FastifyRequest,
  reply: FastifyReply,
  e: unknown,
  year: string | undefined,
  values: FormValues,
): Promise<FastifyReply> {
  if (!(e instanceof AppError) || (e.kind !== 'validation' && e.kind !== 'conflict')) throw e;
  const view = await holidayAdminView(req.ctx, { year: year && /^\d{4}$/.test(year) ? year : undefined });
  const field = fieldOf(e.code);
  const status = e.kind === 'conflict' ? 409 : 400;
  return sendHtml(
    reply,
    status,
    html(<HolidaysPage env={pageEnv(req)} view={view} values={values} errors={[{ ...(field ? { field } : {}), message: e.message }]} />),
  );
}
