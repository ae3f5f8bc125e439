/**
 * The consumer's negotiation forms on the tracking page (issue 5), posted with the tracking
 * secret: POST /tra-cuu/:code/y-kien (accept or reject, rating 1–5, comment), /da-nhan (the
 * remedy arrived) and /mo-lai (reopen with a reason). Each calls one use case of negotiation.ts
 * and goes back to the tracking page (post/redirect/get); a refused form shows the page again
 * with an error summary. A wrong code or secret answers the tracking page's 404.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { z } from 'zod';
import { typed } from '../../platform/api.js';
import type { Deps } from '../../platform/context.js';
import { AppError, httpStatusOf } from '../../platform/errors.js';
import { pageEnv } from '../../web/layout.js';
import { html } from '../../web/render.js';
import { consumerFeedback, reopenRequest, remedyReceived } from './negotiation.js';
import type { FeedbackState } from './public-negotiation.js';
import { pt, type PublicKey } from './public-texts.js';
import { TrackNotFoundPage, TrackPage } from './public-track.js';
import { feedbackInput, reopenInput } from './schema.js';
import { trackRequest } from './tracking.js';

const CODE = /^YC-\d{4}-\d{6}$/;
const text = z.string().max(5000).optional();
const body = z.object({
  _csrf: z.string().max(100).optional(),
  secret: z.string().max(200).optional(),
  accepted: text,
  rating: text,
  comment: text,
  reason: text,
});
type Body = z.infer<typeof body>;
type Form = NonNullable<FeedbackState['form']>;

export function registerTrackingFeedbackPages(root: FastifyInstance, deps: Deps): void {
  const app = typed(root);
  const config = { rateLimit: { max: deps.config.RATE_LIMIT_PUBLIC_PER_MIN, timeWindow: 60_000 } };
  const opts = { schema: { hide: true, params: z.object({ code: z.string().max(40) }), body }, config };

  const send = (reply: FastifyReply, node: VNode, status: number) =>
    reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html(node));

  async function tracked(req: FastifyRequest, code: string, secret: string | undefined) {
    if (!secret || !CODE.test(code)) return null;
    try {
      return await trackRequest(req.ctx, code, secret);
    } catch (e) {
      if (e instanceof AppError && e.kind === 'not_found') return null;
      throw e;
    }
  }

  /** The tracking page again, with the form's errors and what was typed. */
  async function again(
    req: FastifyRequest,
    reply: FastifyReply,
    code: string,
    b: Body,
    form: Form,
    errors: { field?: string; message: string }[],
    status: number,
  ) {
    const data = await tracked(req, code, b.secret);
    if (!data) return send(reply, <TrackNotFoundPage env={pageEnv(req)} />, 404);
    const values = Object.fromEntries(
      Object.entries(b).filter(([k, v]) => k !== '_csrf' && k !== 'secret' && typeof v === 'string'),
    ) as Record<string, string>;
    return send(
      reply,
      <TrackPage
        env={pageEnv(req)}
        data={data}
        secret={b.secret!}
        upload={{}}
        feedback={{ form, errors, values }}
        reopenDays={deps.config.REOPEN_WINDOW_DAYS}
      />,
      status,
    );
  }

  /** Runs the use case; a state conflict (already answered, window passed) is shown on the form. */
  async function run(
    req: FastifyRequest,
    reply: FastifyReply,
    code: string,
    b: Body,
    form: Form,
    field: string | undefined,
    call: (secret: string) => Promise<unknown>,
    done: string,
  ) {
    if (!(await tracked(req, code, b.secret))) return send(reply, <TrackNotFoundPage env={pageEnv(req)} />, 404);
    try {
      await call(b.secret!);
    } catch (e) {
      // A state conflict (answered already, window passed) is about the page, not a field.
      if (e instanceof AppError && (e.kind === 'invalid_state' || e.kind === 'validation'))
        return again(
          req,
          reply,
          code,
          b,
          form,
          [{ ...(field && e.kind === 'validation' ? { field } : {}), message: e.message }],
          httpStatusOf(e.kind),
        );
      if (e instanceof AppError && e.kind === 'not_found') return send(reply, <TrackNotFoundPage env={pageEnv(req)} />, 404);
      throw e;
    }
    return reply.redirect(`/tra-cuu/${code}?secret=${encodeURIComponent(b.secret!)}&done=${done}#negotiation`, 303);
  }

  const msg = (req: FastifyRequest, key: PublicKey) => pt(req.ctx.locale, key);

  app.post('/tra-cuu/:code/y-kien', opts, async (req, reply) => {
    const b = req.body;
    const errors: { field: string; message: string }[] = [];
    if (b.accepted !== 'yes' && b.accepted !== 'no') errors.push({ field: 'accepted', message: msg(req, 'neg.err.accepted') });
    if (b.rating && !/^[1-5]$/.test(b.rating)) errors.push({ field: 'rating', message: msg(req, 'neg.err.rating') });
    const comment = b.comment?.trim();
    const parsed = feedbackInput.safeParse({
      accepted: b.accepted === 'yes',
      ...(b.rating ? { rating: Number(b.rating) } : {}),
      ...(comment ? { comment } : {}),
    });
    if (!parsed.success && errors.length === 0) errors.push({ field: 'comment', message: msg(req, 'neg.err.comment') });
    if (errors.length > 0 || !parsed.success) return again(req, reply, req.params.code, b, 'feedback', errors, 400);
    return run(
      req,
      reply,
      req.params.code,
      b,
      'feedback',
      'accepted',
      (s) => consumerFeedback(req.ctx, req.params.code, s, parsed.data),
      'feedback',
    );
  });

  app.post('/tra-cuu/:code/da-nhan', opts, async (req, reply) =>
    run(req, reply, req.params.code, req.body, 'remedy', undefined, (s) => remedyReceived(req.ctx, req.params.code, s), 'remedy'),
  );

  app.post('/tra-cuu/:code/mo-lai', opts, async (req, reply) => {
    const b = req.body;
    const parsed = reopenInput.safeParse({ reason: b.reason ?? '' });
    if (!parsed.success)
      return again(req, reply, req.params.code, b, 'reopen', [{ field: 'reason', message: msg(req, 'neg.err.reason') }], 400);
    return run(
      req,
      reply,
      req.params.code,
      b,
      'reopen',
      'reason',
      (s) => reopenRequest(req.ctx, req.params.code, s, parsed.data),
      'reopened',
    );
  });
}
