/**
 * Officers' pages for groups of cases and businesses (issue 5 point 6), over the same services as
 * the API (graph.ts):
 *   GET  /requests/groups              suggested groups (same business, sector and violation) with
 *                                      a "create group" button each
 *   POST /requests/groups              creates a group from the suggested cases
 *   GET  /requests/groups/:id          the group: members, consumers against the Art. 54(2)
 *                                      threshold, a collective note or status change, the referral
 *   POST /requests/groups/:id/note | /status | /referral
 *   GET  /requests/businesses/:taxCode the cases, groups and missed deadlines of one business
 * Each post calls one service function (permission and scope are checked there) and redirects with
 * a notice; a refused post shows the page again with the service's message. The views are in
 * group-views.tsx, their texts in staff-texts.ts.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { z } from 'zod';
import { typed } from '../../platform/api.js';
import { can, requirePermission } from '../../platform/auth/permissions.js';
import { AppError, httpStatusOf } from '../../platform/errors.js';
import { pageEnv } from '../../web/layout.js';
import { html } from '../../web/render.js';
import {
  actOnRequestGroup,
  createRequestGroup,
  getRequestGroup,
  listBusinessCases,
  referRequestGroup,
  suggestRequestGroups,
} from './graph.js';
import { groupActionInput, groupCreateInput, referralInput } from './graph-routes.js';
import { BusinessPage, GroupPage, SuggestionsPage, type Problem } from './group-views.js';
import { st, type StaffTextKey } from './staff-texts.js';

const idParams = z.object({ id: z.uuid() });
const taxParams = z.object({ taxCode: z.string().regex(/^\d{10}(-\d{3})?$/) });
const formBody = z
  .object({ _csrf: z.string().max(100).optional() })
  .catchall(z.union([z.string().max(10_000), z.array(z.string().max(100)).max(200)]))
  .nullish();
const DONE = {
  created: 'group.done.created',
  note: 'group.done.note',
  status: 'group.done.status',
  referral: 'group.done.referral',
} as const satisfies Record<string, StaffTextKey>;
const doneQuery = z.object({
  done: z
    .enum(Object.keys(DONE) as [keyof typeof DONE])
    .optional()
    .catch(undefined),
  skipped: z.coerce.number().int().min(0).max(200).optional().catch(undefined),
  lang: z.string().max(5).optional(),
});
const list = (v: string | string[] | undefined): string[] => (Array.isArray(v) ? v : v ? [v] : []);
const one = (v: string | string[] | undefined): string => (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim();

function send(reply: FastifyReply, node: VNode, status = 200): FastifyReply {
  return reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html(node));
}

const problemsOf = (e: AppError): Problem[] => [{ message: e.message }, ...(e.details ?? []).map((d) => ({ message: d.message }))];

// ── routes ──────────────────────────────────────────────────────────────────

function refusedOnly(e: unknown): AppError {
  if (!(e instanceof AppError) || e.kind === 'forbidden' || e.kind === 'unauthenticated' || e.kind === 'not_found') throw e;
  return e;
}

export function registerRequestGroupPages(root: FastifyInstance): void {
  const app = typed(root);
  const hide = { hide: true } as const;

  const renderGroup = async (
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    o: { errors?: Problem[]; status?: number; values?: Record<string, string>; notice?: string } = {},
  ) =>
    send(
      reply,
      <GroupPage
        env={pageEnv(req)}
        g={await getRequestGroup(req.ctx, id)}
        errors={o.errors ?? []}
        notice={o.notice}
        values={o.values ?? {}}
      />,
      o.status,
    );

  app.get('/requests/groups', { schema: { ...hide, querystring: doneQuery } }, async (req, reply) =>
    send(
      reply,
      <SuggestionsPage
        env={pageEnv(req)}
        s={await suggestRequestGroups(req.ctx)}
        errors={[]}
        canCreate={can(req.ctx.actor, 'requests.handle')}
      />,
    ),
  );

  app.post('/requests/groups', { schema: { ...hide, body: formBody } }, async (req, reply) => {
    requirePermission(req.ctx, 'requests.handle');
    const parsed = groupCreateInput.safeParse({ requestIds: list(req.body?.requestIds) });
    try {
      if (!parsed.success) throw new AppError('validation', 'request_group.too_few', st(req.ctx.locale, 'group.error.tooFew'));
      const g = await createRequestGroup(req.ctx, parsed.data);
      return reply.redirect(`/requests/groups/${g.id}?done=created`, 303);
    } catch (e) {
      const err = refusedOnly(e);
      const s = await suggestRequestGroups(req.ctx);
      return send(reply, <SuggestionsPage env={pageEnv(req)} s={s} errors={problemsOf(err)} canCreate />, httpStatusOf(err.kind));
    }
  });

  app.get('/requests/groups/:id', { schema: { ...hide, params: idParams, querystring: doneQuery } }, async (req, reply) =>
    renderGroup(req, reply, req.params.id, {
      notice: req.query.done
        ? st(req.ctx.locale, DONE[req.query.done]) +
          (req.query.skipped ? st(req.ctx.locale, 'group.skipped', { n: req.query.skipped }) : '')
        : undefined,
    }),
  );

  app.post(
    '/requests/groups/:id/:action',
    { schema: { ...hide, params: z.object({ id: z.uuid(), action: z.enum(['note', 'status', 'referral']) }), body: formBody } },
    async (req, reply) => {
      requirePermission(req.ctx, 'requests.handle');
      const { id, action } = req.params;
      const b = req.body ?? {};
      const values: Record<string, string> = { form: action, body: one(b.body), to: one(b.to), outcome: one(b.outcome), note: one(b.note) };
      try {
        if (action === 'referral') {
          const r = referralInput.safeParse({});
          await referRequestGroup(req.ctx, id, r.success ? r.data : {});
        } else {
          const input =
            action === 'note'
              ? { action, body: values.body }
              : {
                  action,
                  to: values.to,
                  ...(values.outcome ? { outcome: values.outcome } : {}),
                  ...(values.note ? { note: values.note } : {}),
                };
          const parsed = groupActionInput.safeParse(input);
          if (!parsed.success)
            throw new AppError(
              'validation',
              'request.invalid',
              st(req.ctx.locale, action === 'note' ? 'group.error.note' : 'group.error.status'),
            );
          const r = await actOnRequestGroup(req.ctx, id, parsed.data);
          if (r.skipped.length) return reply.redirect(`/requests/groups/${id}?done=${action}&skipped=${r.skipped.length}`, 303);
        }
        return reply.redirect(`/requests/groups/${id}?done=${action}`, 303);
      } catch (e) {
        const err = refusedOnly(e);
        return renderGroup(req, reply, id, { errors: problemsOf(err), status: httpStatusOf(err.kind), values });
      }
    },
  );

  app.get('/requests/businesses/:taxCode', { schema: { ...hide, params: taxParams, querystring: doneQuery } }, async (req, reply) =>
    send(reply, <BusinessPage env={pageEnv(req)} b={await listBusinessCases(req.ctx, req.params.taxCode)} />),
  );
}
