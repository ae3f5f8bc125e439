/**
 * /hotline: the operator's console (issue 4 point 9). Plain forms that work without JavaScript;
 * each post calls the same service function as the JSON API, which checks `requests.intake` again.
 * A created case is shown at once with its code and tracking secret for the operator to read out
 * (the secret is never stored in clear, so there is no redirect); the form's idempotency key
 * makes a re-submitted page return the same case.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { z } from 'zod';
import { typed } from '../../platform/api.js';
import { requirePermission } from '../../platform/auth/permissions.js';
import { localDateOf } from '../../platform/clocks/index.js';
import { AppError } from '../../platform/errors.js';
import { pageEnv, type PageEnv } from '../../web/layout.js';
import { html } from '../../web/render.js';
import { list, str, tr, type FieldError, type FormName, type FormValues } from './components.js';
import {
  adviceCallInput,
  answerQuery,
  attemptInput,
  caseCallInput,
  instant,
  missedCallInput,
  phoneNumber,
  type CaseReceiptView,
} from './schema.js';
import { searchAnswers } from './answers.js';
import { listCallbacks, recordCallbackAttempt } from './callbacks.js';
import { logCall, lookupCaller } from './service.js';
import type { HotlineTextKey } from './texts.js';
import { ConsolePage, type ConsoleState } from './views.js';

/** The privacy notice the operator reads to the caller before recording a case (Law 91/2025; LAW.md §18 rule 54). */
export const HOTLINE_PRIVACY_NOTICE_VERSION = 'tongdai-2026-11';
const QUEUE_PAGE_SIZE = 20;

const consoleQuery = z.object({
  phone: z.string().max(40).optional(),
  started: z.string().max(40).optional(),
  q: z.string().max(200).optional(),
  topic: z.string().max(40).optional(),
  answer: z.string().max(40).optional(),
  queue: z.enum(['open', 'closed', 'all']).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100000).catch(1).default(1),
  done: z.enum(['advice', 'missed', 'attached', 'attempt']).optional().catch(undefined),
  lang: z.string().max(5).optional(),
});
type ConsoleQuery = z.infer<typeof consoleQuery>;

/** Form posts: text fields and repeated checkboxes; `_csrf` is checked by the HTTP kernel. */
const formBody = z
  .object({ _csrf: z.string().max(100).optional() })
  .catchall(z.union([z.string().max(10_000), z.array(z.string().max(200)).max(20)]));
type FormBody = z.infer<typeof formBody>;

const noticeOf: Record<string, HotlineTextKey> = {
  advice: 'advice.done',
  missed: 'missed.done',
  attached: 'missed.attached',
  attempt: 'queue.done',
};

function send(reply: FastifyReply, node: VNode, status = 200): FastifyReply {
  // Personal data and tracking secrets: never cached.
  return reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html(node));
}

/** Drops blank fields, so that "left empty" means "not given". */
function nonBlank(body: FormBody): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) {
    if (k === '_csrf' || typeof v !== 'string' || v.trim() === '') continue;
    out[k] = v.trim();
  }
  return out;
}

const numberOr = (s: string | undefined) => (s !== undefined && /^\d{1,16}$/.test(s) ? Number(s) : s);
/** Date inputs send yyyy-mm-dd; people type dd/mm/yyyy. */
function isoDateOf(s: string | undefined): string | undefined {
  const m = s ? /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s) : null;
  return m ? `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}` : s;
}
/**
 * When a missed call happened, as an operator types it (Vietnam time): "09:40" today, or
 * "26/11/2026 09:40", or a datetime-local value; anything else goes to validation as typed.
 */
function instantOf(s: string | undefined, now: Date): string | undefined {
  if (!s) return undefined;
  const today = localDateOf(now);
  const hm = (h: string, m: string) => `${h.padStart(2, '0')}:${m}:00+07:00`;
  let m = /^(\d{1,2})[:hg](\d{2})$/i.exec(s);
  if (m) return `${today}T${hm(m[1]!, m[2]!)}`;
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})[\s,]+(\d{1,2})[:hg](\d{2})$/i.exec(s);
  if (m) return `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}T${hm(m[4]!, m[5]!)}`;
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(s) ? `${s}:00+07:00` : s;
}

function caseBody(v: Record<string, string>, vulnerable: string[]): unknown {
  const amount = v.amount?.replace(/[.\s,_]/g, '');
  const hasTxn = v.txnDate || v.product || amount || v.online === 'on';
  return {
    outcome: 'case_created',
    phone: v.phone,
    startedAt: v.startedAt,
    notes: v.notes,
    request: {
      kind: v.kind ?? 'request',
      consumer: {
        fullName: v.fullName ?? '',
        birthYear: numberOr(v.birthYear),
        address: v.addressLine || v.communeCode ? { line: v.addressLine, communeCode: v.communeCode } : undefined,
        vulnerable: vulnerable.length ? vulnerable : undefined,
      },
      business: { name: v.businessName ?? '', address: v.businessAddress, phone: v.businessPhone, platform: v.businessPlatform },
      transaction: hasTxn
        ? {
            date: isoDateOf(v.txnDate),
            productOrService: v.product,
            amountVnd: numberOr(amount),
            place: v.online === 'on' ? { online: true } : undefined,
          }
        : undefined,
      description: v.description ?? '',
      desiredOutcome: v.desiredOutcome,
      priorContact: v.priorReply ? { businessReply: v.priorReply, date: isoDateOf(v.priorDate) } : undefined,
      consents: v.consent === 'on' ? { privacyNoticeVersion: HOTLINE_PRIVACY_NOTICE_VERSION } : undefined,
    },
  };
}

/** Input path (zod issue or AppError detail) → form field name, per form; the longest prefix wins. */
const casePaths: Record<string, string> = {
  phone: 'phone',
  notes: 'notes',
  'request.kind': 'kind',
  'request.consumer.fullName': 'fullName',
  'request.consumer.birthYear': 'birthYear',
  'request.consumer.address.line': 'addressLine',
  'request.consumer.address.communeCode': 'communeCode',
  'consumer.address.communeCode': 'communeCode',
  'request.consumer.vulnerable': 'vulnerable',
  'request.business.name': 'businessName',
  'request.business.address': 'businessAddress',
  'request.business.phone': 'businessPhone',
  'request.business.platform': 'businessPlatform',
  'request.transaction.date': 'txnDate',
  'request.transaction.productOrService': 'product',
  'request.transaction.amountVnd': 'amount',
  'request.description': 'description',
  'request.desiredOutcome': 'desiredOutcome',
  'request.priorContact.businessReply': 'priorReply',
  'request.priorContact.date': 'priorDate',
  'request.consents': 'consent',
};
const errorKey: Record<string, HotlineTextKey> = {
  phone: 'error.phone',
  notes: 'error.notes',
  kind: 'error.kind',
  fullName: 'error.fullName',
  birthYear: 'error.birthYear',
  addressLine: 'error.addressLine',
  communeCode: 'error.communeCode',
  vulnerable: 'error.vulnerable',
  businessName: 'error.businessName',
  businessAddress: 'error.businessAddress',
  businessPhone: 'error.phone',
  businessPlatform: 'error.businessPlatform',
  txnDate: 'error.txnDate',
  product: 'error.product',
  amount: 'error.amount',
  description: 'error.description',
  desiredOutcome: 'error.desiredOutcome',
  priorReply: 'error.priorReply',
  priorDate: 'error.priorDate',
  consent: 'error.consent',
  callerName: 'error.callerName',
  topic: 'error.topic',
  sector: 'error.sector',
  summary: 'error.summary',
  answerId: 'error.topic',
  missedAt: 'error.missedAt',
  result: 'error.result',
  note: 'error.note',
};

function fieldOf(path: string, paths: Record<string, string> | undefined): string | undefined {
  if (!paths) return path.split('.')[0];
  let best: string | undefined;
  for (const k of Object.keys(paths)) if ((path === k || path.startsWith(`${k}.`)) && (!best || k.length > best.length)) best = k;
  return best ? paths[best] : undefined;
}

/**
 * Turns a zod failure or a validation/conflict AppError into one error per field, in form order
 * and the page's words; other errors (forbidden, not found) go to the error page.
 */
function formErrors(env: PageEnv, e: unknown, prefix: string, paths?: Record<string, string>): FieldError[] | null {
  const toError = (path: string, fallback: string): FieldError => {
    const field = fieldOf(path, paths);
    const key = field ? errorKey[field] : undefined;
    return field && key ? { field: `${prefix}${field}`, message: tr(env, key) } : { message: fallback };
  };
  if (e instanceof z.ZodError) {
    const out: FieldError[] = [];
    for (const i of e.issues) {
      const err = toError(i.path.join('.'), i.message);
      if (!out.some((o) => o.field === err.field && o.message === err.message)) out.push(err);
    }
    return out;
  }
  if (e instanceof AppError && (e.kind === 'validation' || e.kind === 'conflict' || e.kind === 'invalid_state')) {
    const d = e.details?.[0];
    const err = d?.path ? toError(d.path, e.message) : { message: e.message };
    return [err.field ? { field: err.field, message: e.message } : err];
  }
  return null;
}

const statusOf = (e: unknown) => (e instanceof AppError && (e.kind === 'conflict' || e.kind === 'invalid_state') ? 409 : 400);

interface StateInput {
  phone?: string | undefined;
  started?: string | undefined;
  query?: Partial<ConsoleQuery>;
  notice?: string | undefined;
  receipt?: CaseReceiptView | undefined;
  form?: FormName | undefined;
  values?: FormValues;
  errors?: FieldError[];
}

async function consoleState(req: FastifyRequest, env: PageEnv, i: StateInput): Promise<ConsoleState> {
  const q = i.query ?? {};
  const ctx = req.ctx;
  const words = q.q?.trim() || undefined;
  const topic = q.topic || undefined;
  // A topic that is not in the list is ignored rather than refused: this is a search box.
  const parsed = answerQuery.safeParse({ q: words, topic });
  const search = words || topic ? await searchAnswers(ctx, parsed.success ? parsed.data : { q: words, limit: 10 }) : null;
  const queueStatus = q.queue ?? 'open';
  const [lookup, queue] = await Promise.all([
    i.phone ? lookupCaller(ctx, i.phone) : Promise.resolve(null),
    listCallbacks(ctx, { status: queueStatus, page: q.page ?? 1, pageSize: QUEUE_PAGE_SIZE }),
  ]);
  return {
    phone: i.phone,
    started: i.phone ? i.started : undefined,
    lookup,
    q: words,
    topic,
    answers: search?.data ?? null,
    chosenAnswer: q.answer ? search?.data.find((a) => a.id === q.answer) : undefined,
    queueStatus,
    queue,
    notice: i.notice ?? (q.done ? tr(env, noticeOf[q.done]!) : undefined),
    receipt: i.receipt,
    form: i.form,
    values: i.values ?? {},
    errors: i.errors ?? [],
    idem: `tongdai-${randomBytes(12).toString('hex')}`,
  };
}

/** Every form of the console answers with the console: its links (language, pages) point there. */
function consoleEnv(req: FastifyRequest): PageEnv {
  return { ...pageEnv(req), path: '/hotline' };
}

/** The call's start: an ISO instant carried by the page, or now when a lookup opens a call. */
function startedOf(req: FastifyRequest, given: string | undefined): string {
  return given && instant.safeParse(given).success ? given : req.ctx.now().toISOString();
}

export function registerHotlinePages(root: FastifyInstance): void {
  const app = typed(root);
  const hide = { hide: true } as const;

  app.get('/hotline', { schema: { ...hide, querystring: consoleQuery } }, async (req, reply) => {
    requirePermission(req.ctx, 'requests.intake');
    const env = consoleEnv(req);
    const q = req.query;
    if (q.phone?.trim()) {
      const p = phoneNumber.safeParse(q.phone);
      if (!p.success) {
        const s = await consoleState(req, env, {
          query: q,
          form: 'lookup',
          values: { phone: q.phone },
          errors: [{ field: 'lookup-phone', message: tr(env, 'error.phone') }],
        });
        return send(reply, <ConsolePage env={env} s={s} />, 400);
      }
      const s = await consoleState(req, env, { phone: p.data, started: startedOf(req, q.started), query: q });
      return send(reply, <ConsolePage env={env} s={s} />);
    }
    return send(reply, <ConsolePage env={env} s={await consoleState(req, env, { query: q })} />);
  });

  app.post('/hotline/case', { schema: { ...hide, body: formBody } }, async (req, reply) => {
    requirePermission(req.ctx, 'requests.intake');
    const env = consoleEnv(req);
    const v = nonBlank(req.body);
    const vulnerable = list(req.body.vulnerable);
    const phone = v.phone ? phoneNumber.safeParse(v.phone) : undefined;
    const context = { phone: phone?.success ? phone.data : undefined, started: v.startedAt };
    try {
      const input = caseCallInput.parse(caseBody(v, vulnerable));
      const key = v.idem && /^[\x21-\x7e]{8,100}$/.test(v.idem) ? v.idem : undefined;
      const { result } = await logCall(req.ctx, input, key ? { idempotencyKey: key } : {});
      const s = await consoleState(req, env, { ...context, receipt: result.receipt ?? undefined });
      return send(reply, <ConsolePage env={env} s={s} />);
    } catch (e) {
      const errors = formErrors(env, e, 'case-', casePaths);
      if (!errors) throw e;
      const s = await consoleState(req, env, { ...context, form: 'case', values: { ...v, vulnerable }, errors });
      return send(reply, <ConsolePage env={env} s={s} />, statusOf(e));
    }
  });

  app.post('/hotline/advice', { schema: { ...hide, body: formBody } }, async (req, reply) => {
    requirePermission(req.ctx, 'requests.intake');
    const env = consoleEnv(req);
    const v = nonBlank(req.body);
    try {
      const input = adviceCallInput.parse({
        outcome: 'advice_only',
        phone: v.phone,
        callerName: v.callerName,
        startedAt: v.startedAt,
        topic: v.topic,
        sector: v.sector,
        summary: v.summary,
        answerId: v.answerId,
      });
      await logCall(req.ctx, input);
      return reply.redirect('/hotline?done=advice', 303);
    } catch (e) {
      const errors = formErrors(env, e, 'advice-', {
        phone: 'phone',
        callerName: 'callerName',
        topic: 'topic',
        sector: 'sector',
        summary: 'summary',
        answerId: 'topic',
      });
      if (!errors) throw e;
      const phone = v.phone ? phoneNumber.safeParse(v.phone) : undefined;
      const s = await consoleState(req, env, {
        phone: phone?.success ? phone.data : undefined,
        started: v.startedAt,
        form: 'advice',
        values: v,
        errors,
      });
      return send(reply, <ConsolePage env={env} s={s} />, statusOf(e));
    }
  });

  app.post('/hotline/missed', { schema: { ...hide, body: formBody } }, async (req, reply) => {
    requirePermission(req.ctx, 'requests.intake');
    const env = consoleEnv(req);
    const v = nonBlank(req.body);
    try {
      const input = missedCallInput.parse({
        outcome: 'missed',
        phone: v.phone ?? '',
        startedAt: instantOf(v.missedAt, req.ctx.now()),
        notes: v.notes,
      });
      const { result } = await logCall(req.ctx, input);
      const attached = (result.callback?.missedCount ?? 1) > 1;
      return reply.redirect(`/hotline?done=${attached ? 'attached' : 'missed'}#queue`, 303);
    } catch (e) {
      const errors = formErrors(env, e, 'missed-', { phone: 'phone', startedAt: 'missedAt', notes: 'notes' });
      if (!errors) throw e;
      const s = await consoleState(req, env, { form: 'missed', values: v, errors });
      return send(reply, <ConsolePage env={env} s={s} />, statusOf(e));
    }
  });

  app.post(
    '/hotline/callbacks/:id/attempts',
    { schema: { ...hide, params: z.object({ id: z.uuid() }), body: formBody } },
    async (req, reply) => {
      requirePermission(req.ctx, 'requests.intake');
      const env = consoleEnv(req);
      const v = nonBlank(req.body);
      const queue = z.enum(['open', 'closed', 'all']).catch('open').parse(str(req.body.queue));
      const form: FormName = `cb-${req.params.id}`;
      try {
        const input = attemptInput.parse({ result: v.result, note: v.note });
        await recordCallbackAttempt(req.ctx, req.params.id, input);
        return reply.redirect(`/hotline?done=attempt&queue=${queue}#queue`, 303);
      } catch (e) {
        const errors = formErrors(env, e, `${form}-`, { result: 'result', note: 'note' });
        if (!errors) throw e;
        const s = await consoleState(req, env, { query: { queue }, form, values: v, errors });
        return send(reply, <ConsolePage env={env} s={s} />, statusOf(e));
      }
    },
  );
}
