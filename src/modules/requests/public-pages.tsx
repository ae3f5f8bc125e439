/**
 * Public pages of consumer requests (issue 4 points 3 and 8): the request form at /gui-yeu-cau
 * (start, four short steps, check your answers, receipt) and tracking at /tra-cuu. They work
 * without JavaScript: the answers travel between steps in a hidden field, nothing is stored
 * until the consumer sends, and sending calls `receiveRequest` (channel `web`) with an
 * idempotency key made when the check page was shown, so a double click or a refresh files one
 * case. Every route is public and rate-limited (RATE_LIMIT_PUBLIC_PER_MIN).
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { z } from 'zod';
import { typed } from '../../platform/api.js';
import type { Ctx, Deps } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import { Layout, pageEnv, type PageEnv } from '../../web/layout.js';
import { html } from '../../web/render.js';
import { getProvince, listCommunes, todayInVietnam } from '../directory/index.js';
import { addAttachment, MAX_ATTACHMENT_BYTES } from './attachments.js';
import {
  decodeState,
  MAX_STATE_CHARS,
  fieldOfPath,
  pickFields,
  stepOf,
  steps,
  validateAnswers,
  type FieldError,
  type FormValues,
  type Step,
} from './public-form.js';
import { pt } from './public-texts.js';
import { ReceiptPage, TrackFormPage, TrackNotFoundPage, TrackPage, type TrackData, type UploadState } from './public-track.js';
import { CheckPage } from './public-check.js';
import type { FeedbackState } from './public-negotiation.js';
import { registerTrackingFeedbackPages } from './public-negotiation-pages.js';
import { PrivacyPage, StartPage } from './public-start.js';
import { StepPage, type Commune, type RoutePreview } from './public-views.js';
import { findRequestByCode } from './repo.js';
import { previewRouting, receiveRequest, trackingUrl, type Receipt } from './receive.js';
import { trackRequest } from './tracking.js';

const hide = { hide: true } as const;
const CODE = /^YC-\d{4}-\d{6}$/;
const formValue = z.union([z.string().max(12_000), z.array(z.string().max(200)).max(10)]);
const honeypot = z.string().max(500).optional();
const stepBody = z
  .object({
    _csrf: z.string().max(100).optional(),
    state: z.string().max(MAX_STATE_CHARS).optional(),
    action: z.enum(['next', 'back']).optional(),
    return: z.literal('check').optional(),
    website2: honeypot,
  })
  .catchall(formValue);
const submitBody = z.object({
  _csrf: z.string().max(100).optional(),
  state: z.string().max(MAX_STATE_CHARS).optional(),
  idem: z
    .string()
    .regex(/^[\x21-\x7e]{8,100}$/)
    .optional(),
  consent: formValue.optional(),
  publish: formValue.optional(),
  website2: honeypot,
});
const codeParams = z.object({ code: z.string().max(40) });
const pageQuery = z.object({
  secret: z.string().max(200).optional(),
  uploaded: z.literal('1').optional(),
  done: z.enum(['feedback', 'remedy', 'reopened']).optional(),
  lang: z.string().max(5).optional(),
});

const ticked = (v: unknown) => v === 'yes' || (Array.isArray(v) && v.includes('yes'));
const collator = new Intl.Collator('vi');

function send(reply: FastifyReply, node: VNode, status = 200, cache = 'no-store'): FastifyReply {
  return reply.status(status).type('text/html; charset=utf-8').header('cache-control', cache).send(html(node));
}

function MessagePage({ env, title, message }: { env: PageEnv; title: string; message: string }) {
  return (
    <Layout env={env} title={title}>
      <p>{message}</p>
      <p>
        <a href="/gui-yeu-cau">{pt(env.locale, 'start.title')}</a>
      </p>
    </Layout>
  );
}

interface UploadedFile {
  filename: string;
  bytes: Buffer;
  truncated: boolean;
}

export function registerRequestPublicPages(root: FastifyInstance, deps: Deps): void {
  const app = typed(root);
  const config = { rateLimit: { max: deps.config.RATE_LIMIT_PUBLIC_PER_MIN, timeWindow: 60_000 } };
  /** Submissions in flight by idempotency key: a double click waits for the first instead of racing it. */
  const inflight = new Map<string, Promise<{ created: boolean; receipt: Receipt }>>();
  const uploads = new WeakMap<FastifyRequest, UploadedFile>();
  registerTrackingFeedbackPages(root, deps);

  const provinceName = async (ctx: Ctx): Promise<string> => {
    const p = await getProvince(ctx, deps.config.PROVINCE_CODE).catch(() => null);
    const name = p?.name ?? deps.config.PROVINCE_CODE;
    return name.charAt(0).toLocaleLowerCase('vi') + name.slice(1);
  };
  const communes = async (ctx: Ctx): Promise<Commune[]> => {
    const list = await listCommunes(ctx, deps.config.PROVINCE_CODE).catch(() => []);
    return list.map((c) => ({ code: c.code, name: c.name })).sort((a, b) => collator.compare(a.name, b.name));
  };
  const today = (req: FastifyRequest) => todayInVietnam(req.ctx.now());

  const rejectBot = (req: FastifyRequest, reply: FastifyReply) => {
    const env = pageEnv(req);
    return send(reply, <MessagePage env={env} title={env.t('error.title')} message={pt(env.locale, 'err.honeypot')} />, 400);
  };
  const badState = (req: FastifyRequest, reply: FastifyReply) => {
    const env = pageEnv(req);
    return send(reply, <MessagePage env={env} title={env.t('error.title')} message={pt(env.locale, 'err.state')} />, 400);
  };

  async function renderStep(
    req: FastifyRequest,
    reply: FastifyReply,
    step: Step,
    values: FormValues,
    errors: FieldError[],
    returnTo?: 'check',
  ) {
    const page = (
      <StepPage env={pageEnv(req)} step={step} values={values} errors={errors} returnTo={returnTo} communes={await communes(req.ctx)} />
    );
    return send(reply, page, errors.length > 0 ? 400 : 200);
  }

  async function preview(ctx: Ctx, values: FormValues): Promise<RoutePreview | null> {
    // Consent is asked on the check page itself; the preview needs the answers, not the consent.
    const { input } = validateAnswers(values, {
      today: todayInVietnam(ctx.now()),
      locale: ctx.locale,
      consent: { given: true, publish: false },
    });
    const description = typeof values.description === 'string' ? values.description.trim() : '';
    if (description.length < 5) return null;
    try {
      const p = await previewRouting(ctx, {
        description,
        kind: input?.kind,
        business: input ? { ...input.business } : undefined,
        transaction: input?.transaction ? { ...input.transaction } : undefined,
      });
      return { agencyName: p.agency.name, reason: p.reason };
    } catch (e) {
      ctx.log.warn({ err: e }, 'routing preview failed on the check page');
      return null;
    }
  }

  async function renderCheck(
    req: FastifyRequest,
    reply: FastifyReply,
    values: FormValues,
    o: { errors?: FieldError[]; consent?: { given: boolean; publish: boolean }; notice?: string; status?: number } = {},
  ) {
    const ctx = req.ctx;
    const errors =
      o.errors ?? validateAnswers(values, { today: today(req), locale: ctx.locale }).errors.filter((e) => e.field !== 'consent');
    const page = (
      <CheckPage
        env={pageEnv(req)}
        values={values}
        errors={errors}
        communes={await communes(ctx)}
        province={await provinceName(ctx)}
        preview={await preview(ctx, values)}
        idempotencyKey={randomUUID()}
        consent={o.consent ?? { given: false, publish: false }}
        notice={o.notice}
      />
    );
    return send(reply, page, o.status ?? 200);
  }

  // ── the form ──────────────────────────────────────────────────────────────

  app.get('/gui-yeu-cau', { schema: hide, config }, async (req, reply) =>
    send(reply, <StartPage env={pageEnv(req)} province={await provinceName(req.ctx)} />, 200, 'no-cache'),
  );
  app.get('/gui-yeu-cau/quyen-rieng-tu', { schema: hide, config }, async (req, reply) =>
    send(reply, <PrivacyPage env={pageEnv(req)} province={await provinceName(req.ctx)} />, 200, 'no-cache'),
  );

  // Only the first step opens without answers; a later step's address (a bookmark, a language
  // switch) has lost them, so it goes back to the start.
  app.get('/gui-yeu-cau/:step', { schema: { ...hide, params: z.object({ step: z.string().max(40) }) }, config }, async (req, reply) => {
    const step = stepOf(req.params.step);
    if (!step) throw notFound('route.not_found', 'Không tìm thấy đường dẫn.');
    if (step !== steps[0]) return reply.redirect('/gui-yeu-cau', 303);
    return renderStep(req, reply, step, {}, []);
  });

  app.post(
    '/gui-yeu-cau/:step',
    { schema: { ...hide, params: z.object({ step: z.string().max(40) }), body: stepBody }, config },
    async (req, reply) => {
      const step = stepOf(req.params.step);
      if (!step) throw notFound('route.not_found', 'Không tìm thấy đường dẫn.');
      if (req.body.website2) return rejectBot(req, reply);
      const prior = decodeState(req.body.state);
      if (!prior) return badState(req, reply);
      for (const f of step.fields) delete prior[f];
      const values: FormValues = { ...prior, ...pickFields(req.body, step.fields) };
      const i = steps.indexOf(step);
      if (req.body.action === 'back') {
        const prev = steps[i - 1];
        return prev ? renderStep(req, reply, prev, values, []) : reply.redirect('/gui-yeu-cau', 303);
      }
      const { errors } = validateAnswers(values, { today: today(req), locale: req.ctx.locale, only: step.fields });
      if (errors.length > 0) return renderStep(req, reply, step, values, errors, req.body.return);
      const next = steps[i + 1];
      if (req.body.return === 'check' || !next) return renderCheck(req, reply, values);
      return renderStep(req, reply, next, values, []);
    },
  );

  // "Thay đổi" on the check page: the step again, with every answer, then back to the check page.
  app.post(
    '/gui-yeu-cau/sua/:step',
    { schema: { ...hide, params: z.object({ step: z.string().max(40) }), body: submitBody }, config },
    async (req, reply) => {
      const step = stepOf(req.params.step);
      if (!step) throw notFound('route.not_found', 'Không tìm thấy đường dẫn.');
      if (req.body.website2) return rejectBot(req, reply);
      const values = decodeState(req.body.state);
      if (!values) return badState(req, reply);
      return renderStep(req, reply, step, values, [], 'check');
    },
  );

  app.post('/gui-yeu-cau/gui', { schema: { ...hide, body: submitBody }, config }, async (req, reply) => {
    const body = req.body;
    if (body.website2) return rejectBot(req, reply);
    const values = decodeState(body.state);
    if (!values) return badState(req, reply);
    const consent = { given: ticked(body.consent), publish: ticked(body.publish) };
    const v = validateAnswers(values, { today: today(req), locale: req.ctx.locale, consent });
    if (!v.input) return renderCheck(req, reply, values, { errors: v.errors, consent, status: 400 });
    const key = body.idem ?? randomUUID();
    let result: { created: boolean; receipt: Receipt };
    try {
      let pending = inflight.get(key);
      if (!pending) {
        pending = receiveRequest(req.ctx, v.input, { idempotencyKey: key }).finally(() => inflight.delete(key));
        inflight.set(key, pending);
      }
      result = await pending;
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      if (e.code === 'request.idempotency_key_reused')
        return renderCheck(req, reply, values, { consent, notice: pt(req.ctx.locale, 'err.keyReused'), status: 409 });
      if (e.kind === 'validation') {
        const errors: FieldError[] = (e.details ?? []).flatMap((d) => {
          const field = d.path ? fieldOfPath(d.path) : undefined;
          const message = d.code === 'unknown_commune' ? pt(req.ctx.locale, 'err.commune.unknown') : d.message;
          return field ? [{ field, message }] : [];
        });
        return renderCheck(req, reply, values, {
          errors: errors.length > 0 ? errors : [{ field: 'description', message: e.message }],
          consent,
          status: 400,
        });
      }
      throw e;
    }
    const { code, trackingSecret } = result.receipt;
    return reply.redirect(`/gui-yeu-cau/da-gui/${code}?secret=${encodeURIComponent(trackingSecret)}`, 303);
  });

  // ── receipt and tracking ──────────────────────────────────────────────────

  /** The case for code + secret, or null (wrong code or secret: the caller answers 404). */
  async function tracked(ctx: Ctx, code: string, secret: string | undefined): Promise<TrackData | null> {
    if (!secret || !CODE.test(code)) return null;
    try {
      return await trackRequest(ctx, code, secret);
    } catch (e) {
      if (e instanceof AppError && e.kind === 'not_found') return null;
      throw e;
    }
  }
  const notFoundPage = (req: FastifyRequest, reply: FastifyReply) => send(reply, <TrackNotFoundPage env={pageEnv(req)} />, 404);

  async function renderCase(
    req: FastifyRequest,
    reply: FastifyReply,
    back: 'receipt' | 'track',
    data: TrackData,
    secret: string,
    upload: UploadState,
    status = 200,
    feedback: FeedbackState = {},
  ) {
    const env = pageEnv(req);
    const page =
      back === 'receipt' ? (
        <ReceiptPage env={env} data={data} secret={secret} trackingUrl={trackingUrl(req.ctx, data.code, secret)} upload={upload} />
      ) : (
        <TrackPage env={env} data={data} secret={secret} upload={upload} feedback={feedback} reopenDays={deps.config.REOPEN_WINDOW_DAYS} />
      );
    return send(reply, page, status);
  }

  app.get('/gui-yeu-cau/da-gui/:code', { schema: { ...hide, params: codeParams, querystring: pageQuery }, config }, async (req, reply) => {
    if (!req.query.secret) return send(reply, <TrackFormPage env={pageEnv(req)} code={req.params.code} errors={[]} />);
    const data = await tracked(req.ctx, req.params.code, req.query.secret);
    if (!data) return notFoundPage(req, reply);
    return renderCase(req, reply, 'receipt', data, req.query.secret, { done: req.query.uploaded === '1' });
  });

  app.get(
    '/tra-cuu',
    {
      schema: {
        ...hide,
        querystring: z.object({
          code: z.string().max(200).optional(),
          secret: z.string().max(200).optional(),
          lang: z.string().max(5).optional(),
        }),
      },
      config,
    },
    async (req, reply) => {
      const env = pageEnv(req);
      const { code: rawCode, secret: rawSecret } = req.query;
      if (rawCode === undefined && rawSecret === undefined) return send(reply, <TrackFormPage env={env} code="" errors={[]} />);
      const code = (rawCode ?? '').replace(/\s+/g, '').toUpperCase();
      const secret = (rawSecret ?? '').trim();
      const errors = [
        ...(CODE.test(code) ? [] : [{ field: 'code', message: pt(env.locale, 'track.err.code') }]),
        ...(secret ? [] : [{ field: 'secret', message: pt(env.locale, 'track.err.secret') }]),
      ];
      if (errors.length > 0) return send(reply, <TrackFormPage env={env} code={rawCode ?? ''} errors={errors} />, 400);
      return reply.redirect(`/tra-cuu/${code}?secret=${encodeURIComponent(secret)}`, 303);
    },
  );

  app.get('/tra-cuu/:code', { schema: { ...hide, params: codeParams, querystring: pageQuery }, config }, async (req, reply) => {
    if (!req.query.secret) return send(reply, <TrackFormPage env={pageEnv(req)} code={req.params.code} errors={[]} />);
    const data = await tracked(req.ctx, req.params.code, req.query.secret);
    if (!data) return notFoundPage(req, reply);
    const done = req.query.done;
    return renderCase(req, reply, 'track', data, req.query.secret, { done: req.query.uploaded === '1' }, 200, done ? { done } : {});
  });

  // Evidence upload without JavaScript: a multipart form. Its fields are read before the CSRF
  // check (a preHandler in the kernel), which needs `_csrf` in the body.
  app.post(
    '/tra-cuu/:code/tai-lieu',
    {
      schema: {
        ...hide,
        params: codeParams,
        body: z.object({
          _csrf: z.string().max(100).optional(),
          secret: z.string().max(200).optional(),
          back: z.enum(['receipt', 'track']).optional(),
        }),
      },
      config,
      preValidation: async (req) => {
        if (!req.isMultipart())
          throw new AppError('unsupported_media_type', 'request.unsupported_media_type', 'Kiểu nội dung không được hỗ trợ.');
        const fields: Record<string, string> = {};
        // Read an oversized file to its end (and report it) rather than cut the browser's upload off.
        const options = { limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1, fields: 10, fieldSize: 1000 }, throwFileSizeLimit: false };
        const parts = req.parts(options as Parameters<FastifyRequest['parts']>[0]);
        for await (const part of parts) {
          if (part.type === 'file') {
            const bytes = await part.toBuffer();
            uploads.set(req, { filename: part.filename, bytes, truncated: part.file.truncated });
          } else if (typeof part.value === 'string') {
            fields[part.fieldname] = part.value;
          }
        }
        req.body = fields;
      },
    },
    async (req, reply) => {
      const env = pageEnv(req);
      const { code } = req.params;
      const secret = req.body.secret;
      const back = req.body.back ?? 'track';
      const data = await tracked(req.ctx, code, secret);
      const row = data ? await findRequestByCode(req.ctx.db, code) : undefined;
      if (!data || !row || !secret) return notFoundPage(req, reply);
      const file = uploads.get(req);
      const fail = (message: string, status: number) => renderCase(req, reply, back, data, secret, { error: message }, status);
      if (!file || (file.bytes.length === 0 && file.filename === '')) return fail(pt(env.locale, 'upload.err.none'), 400);
      if (file.truncated) return fail(pt(env.locale, 'upload.err.tooLarge'), 413);
      try {
        await addAttachment(req.ctx, row.id, { filename: file.filename, bytes: file.bytes }, { trackingSecret: secret });
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        if (e.kind === 'unauthenticated' || e.kind === 'not_found') return notFoundPage(req, reply);
        const status = { validation: 400, payload_too_large: 413, unsupported_media_type: 415, invalid_state: 409 }[e.kind as string];
        if (!status) throw e;
        return fail(e.message, status);
      }
      const base = back === 'receipt' ? '/gui-yeu-cau/da-gui' : '/tra-cuu';
      return reply.redirect(`${base}/${code}?secret=${encodeURIComponent(secret)}&uploaded=1`, 303);
    },
  );
}
