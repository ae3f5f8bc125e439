/**
 * Staff pages of mediation: GET /mediation (the list and the opening form), GET
 * /mediation/organisations (the register), GET /mediation/:id (one mediation with its forms), and
 * one POST per action. Plain forms without JavaScript; each post calls the same service function
 * as the JSON API, which checks the permission and the record's scope again. Success redirects
 * with a notice (post/redirect/get); a refused action shows the page again with the service's
 * message and what was typed.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { z } from 'zod';
import { typed } from '../../platform/api.js';
import { can, requirePermission } from '../../platform/auth/permissions.js';
import { AppError, httpStatusOf } from '../../platform/errors.js';
import { pageEnv } from '../../web/layout.js';
import { html } from '../../web/render.js';
import type { FieldError, FormState, FormValues } from './components.js';
import { MediationPage } from './mediation-page.js';
import { actions, done, fieldErrors, fixedAt, openSpec, type Done, type Spec } from './page-actions.js';
import { appointableMediators, getOrganisation, listOrganisations } from './register.js';
import { getMediation, listMediations } from './service.js';
import { mt } from './texts.js';
import { ListPage, RegisterPage } from './views.js';

const PAGE_SIZE = 25;
const idParams = z.object({ id: z.uuid() });
const formBody = z
  .object({ _csrf: z.string().max(100).optional() })
  .catchall(z.union([z.string().max(10_000), z.array(z.string().max(10_000)).max(20)]))
  .nullish();
type FormBody = z.infer<typeof formBody>;
const listQuery = z.object({
  page: z.coerce.number().int().min(1).max(100000).catch(1).default(1),
  code: z
    .string()
    .regex(/^YC-\d{4}-\d{6}$/)
    .optional()
    .catch(undefined),
  lang: z.string().max(5).optional(),
});
const pageQuery = z.object({ done: z.enum(done).optional().catch(undefined), lang: z.string().max(5).optional() });

function send(reply: FastifyReply, node: VNode, status = 200): FastifyReply {
  // Parties' names and contacts: never cached.
  return reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html(node));
}

/** Trimmed fields without blanks ("left empty" means "not given"); the first of repeated values. */
function formValues(body: FormBody): FormValues {
  const out: FormValues = {};
  for (const [k, v] of Object.entries(body ?? {})) {
    if (k === '_csrf' || v === undefined) continue;
    const s = (Array.isArray(v) ? v[0] : v)?.trim();
    if (s) out[k] = s;
  }
  return out;
}

async function runAction<T>(
  req: FastifyRequest,
  reply: FastifyReply,
  id: string,
  body: FormBody,
  spec: Spec<T>,
  render: (errors: FieldError[], form: FormState, status: number) => Promise<FastifyReply>,
): Promise<FastifyReply> {
  const values = formValues(body);
  const form = { name: spec.form, values };
  const parsed = spec.schema.safeParse(spec.input(values));
  if (!parsed.success) {
    const paths = parsed.error.issues.map((i) => i.path.join('.'));
    const fallback = parsed.error.issues[0]?.message ?? mt(req.ctx.locale, 'error.invalid');
    return render(fieldErrors(spec as Spec<unknown>, paths, fallback, req.ctx.locale), form, 400);
  }
  try {
    return reply.redirect(await spec.run(req.ctx, id, parsed.data), 303);
  } catch (e) {
    if (!(e instanceof AppError) || !['validation', 'conflict', 'invalid_state', 'not_found'].includes(e.kind)) throw e;
    const paths = (e.details ?? []).map((d) => d.path ?? '').filter(Boolean);
    const fixAt = fixedAt[e.code];
    const errors =
      e.kind === 'validation' && paths.length > 0
        ? fieldErrors(spec as Spec<unknown>, paths, e.message, req.ctx.locale)
        : [{ ...(fixAt ? { field: fixAt } : {}), message: e.message }];
    return render(errors, form, httpStatusOf(e.kind));
  }
}

async function renderList(
  req: FastifyRequest,
  reply: FastifyReply,
  o: { page?: number; notice?: string; errors?: FieldError[]; form?: FormState },
  status = 200,
): Promise<FastifyReply> {
  const ctx = req.ctx;
  const locale = ctx.locale;
  const result = await listMediations(ctx, { page: o.page ?? 1, pageSize: PAGE_SIZE });
  const canOpen = can(ctx.actor, 'mediation.manage') && can(ctx.actor, 'requests.handle');
  const organisations = canOpen
    ? (await listOrganisations(ctx)).data
        .filter((x) => x.active)
        .map((x) => ({ id: x.id, label: mt(locale, 'open.organisationOption', { name: x.name, type: x.type }) }))
    : [];
  return send(
    reply,
    <ListPage
      env={pageEnv(req)}
      result={result}
      {...(o.notice ? { notice: o.notice } : {})}
      errors={o.errors ?? []}
      form={o.form ?? null}
      canOpen={canOpen}
      organisations={organisations}
    />,
    status,
  );
}

async function renderMediation(
  req: FastifyRequest,
  reply: FastifyReply,
  id: string,
  o: { records: boolean; done?: Done; errors?: FieldError[]; form?: FormState },
  status = 200,
): Promise<FastifyReply> {
  const ctx = req.ctx;
  const locale = ctx.locale;
  const m = await getMediation(ctx, id);
  const appointed = new Set(m.mediators.map((x) => x.id));
  const candidates = m.can.appoint
    ? (await appointableMediators(ctx, m.organisation.id))
        .filter((x) => !appointed.has(x.id))
        .map((x) => ({
          id: x.id,
          label: `${x.fullName}${x.ethnicMinority ? mt(locale, 'candidate.minority') : ''}${x.languages.length ? mt(locale, 'candidate.speaks', { list: x.languages.join(', ') }) : ''}`,
        }))
    : [];
  // The download route exists when the record builders were given (index.ts).
  const record = `/api/v1/mediation/mediations/${m.id}/record`;
  // The records themselves are Vietnamese (Art. 65); only the link speaks the page's language.
  const what = mt(locale, m.status === 'succeeded' ? 'record.successTitle' : 'record.failedTitle');
  const downloads =
    o.records && m.can.downloadRecord
      ? [
          { href: `${record}?format=docx`, label: mt(locale, 'record.download', { what, format: 'DOCX' }) },
          { href: `${record}?format=pdf`, label: mt(locale, 'record.download', { what, format: 'PDF' }) },
        ]
      : [];
  return send(
    reply,
    <MediationPage
      env={pageEnv(req)}
      m={m}
      {...(o.done ? { notice: mt(locale, `notice.${o.done}`) } : {})}
      errors={o.errors ?? []}
      form={o.form ?? null}
      candidates={candidates}
      caseLink={can(ctx.actor, 'requests.read')}
      downloads={downloads}
    />,
    status,
  );
}

export function registerMediationPages(root: FastifyInstance, o: { records: boolean }): void {
  const app = typed(root);

  app.get('/mediation', { schema: { hide: true, querystring: listQuery } }, async (req, reply) => {
    requirePermission(req.ctx, 'mediation.read');
    const form = req.query.code ? { name: 'open', values: { requestCode: req.query.code } } : undefined;
    return renderList(req, reply, { page: req.query.page, ...(form ? { form } : {}) });
  });

  app.post('/mediation/open', { schema: { hide: true, body: formBody } }, async (req, reply) => {
    requirePermission(req.ctx, 'mediation.manage');
    requirePermission(req.ctx, 'requests.handle');
    return runAction(req, reply, '', req.body, openSpec, (errors, form, status) => renderList(req, reply, { errors, form }, status));
  });

  app.get('/mediation/organisations', { schema: { hide: true, querystring: pageQuery } }, async (req, reply) => {
    requirePermission(req.ctx, 'mediation.read');
    const list = await listOrganisations(req.ctx);
    const organisations = [];
    for (const o of list.data) organisations.push(await getOrganisation(req.ctx, o.id));
    return send(reply, <RegisterPage env={pageEnv(req)} organisations={organisations} />);
  });

  app.get('/mediation/:id', { schema: { hide: true, params: idParams, querystring: pageQuery } }, async (req, reply) => {
    requirePermission(req.ctx, 'mediation.read');
    return renderMediation(req, reply, req.params.id, { records: o.records, ...(req.query.done ? { done: req.query.done } : {}) });
  });

  for (const [name, a] of Object.entries(actions)) {
    app.post(`/mediation/:id/actions/${name}`, { schema: { hide: true, params: idParams, body: formBody } }, async (req, reply) => {
      requirePermission(req.ctx, 'mediation.manage');
      const id = req.params.id;
      return runAction(req, reply, id, req.body, a, (errors, form, status) =>
        renderMediation(req, reply, id, { records: o.records, errors, form }, status),
      );
    });
  }
}
