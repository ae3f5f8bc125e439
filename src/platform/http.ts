/**
 * HTTP plumbing shared by every route: request id, the per-request `ctx`, CSRF on forms,
 * and the single error mapping (AppError kind → status, wire shape
 * `{ error: { code, message, details?, requestId } }`). Pages get the same errors as HTML.
 */
import { randomUUID, timingSafeEqual } from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import type { Db } from '../db/connection.js';
import { actorFromSession, actorFromToken } from './auth/service.js';
import { makeCtx, type Actor, type Ctx, type Deps } from './context.js';
import { AppError, fromPgError, httpStatusOf, type ErrorDetail } from './errors.js';
import { parseLocale, type Locale } from './i18n.js';
import { randomToken } from './auth/secrets.js';

export const SESSION_COOKIE = 'bvntd_sid';
export const CSRF_COOKIE = 'bvntd_csrf';
export const LANG_COOKIE = 'bvntd_lang';

declare module 'fastify' {
  interface FastifyRequest {
    ctx: Ctx;
    /** The token a form on this request's page must echo back as `_csrf`. */
    csrfToken: string;
  }
}

export interface ErrorBody {
  error: { code: string; message: string; details?: ErrorDetail[]; requestId: string };
}

export function genRequestId(req: { headers: Record<string, string | string[] | undefined> }): string {
  const h = req.headers['x-request-id'];
  return typeof h === 'string' && /^[A-Za-z0-9._-]{8,64}$/.test(h) ? h : randomUUID();
}

export function isApiRequest(req: FastifyRequest): boolean {
  return req.url.startsWith('/api/') || req.url === '/health' || req.url === '/ready';
}

/** Installs ctx building, CSRF checks and error mapping on the app. */
export function installHttpKernel(app: FastifyInstance, db: Db, deps: Deps, renderErrorPage?: ErrorPageRenderer): void {
  app.decorateRequest('ctx', null as unknown as Ctx);
  app.decorateRequest('csrfToken', '');

  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
    const now = deps.now();
    let actor: Actor = { type: 'anonymous' };
    let csrf: string | undefined;
    const auth = req.headers.authorization;
    if (typeof auth === 'string' && auth.startsWith('Bearer ')) {
      const a = await actorFromToken(db, auth.slice(7).trim(), now);
      if (!a) throw new AppError('unauthenticated', 'auth.invalid_token', 'Khóa API không hợp lệ hoặc đã bị thu hồi.');
      actor = a;
    } else {
      const sid = req.cookies[SESSION_COOKIE];
      if (sid) {
        const s = await actorFromSession(db, sid, now);
        if (s) {
          actor = s.actor;
          csrf = s.csrfToken;
        }
      }
    }
    if (!csrf) {
      csrf = req.cookies[CSRF_COOKIE];
      if (!csrf || !/^[A-Za-z0-9_-]{20,64}$/.test(csrf)) {
        csrf = randomToken(24);
        reply.setCookie(CSRF_COOKIE, csrf, { path: '/', httpOnly: true, sameSite: 'lax', secure: deps.config.SECURE_COOKIES });
      }
    }
    req.csrfToken = csrf;
    const q = req.query as Record<string, unknown> | undefined;
    const fromQuery = parseLocale(q?.lang);
    if (fromQuery) reply.setCookie(LANG_COOKIE, fromQuery, { path: '/', sameSite: 'lax', maxAge: 365 * 86400 });
    const locale: Locale = fromQuery ?? parseLocale(req.cookies[LANG_COOKIE]) ?? 'vi';
    req.ctx = makeCtx({ db, actor, requestId: req.id, locale, log: req.log, deps });
  });

  // PostgreSQL cannot store U+0000 in text or jsonb: refuse it in any body field up front with
  // a clear 400 instead of failing in the database (multipart fields are checked by their handlers).
  app.addHook('preValidation', async (req) => {
    const at = nulPath(req.body, '', 0);
    if (at !== undefined)
      throw new AppError('validation', 'request.invalid_characters', 'Dữ liệu gửi lên chứa ký tự không hợp lệ (ký tự NUL).', [
        { path: at || '(body)', message: 'U+0000' },
      ]);
  });

  // CSRF: every HTML form post must echo the token of its page. JSON bodies are safe from
  // cross-site forms (browsers cannot send application/json cross-origin without CORS, which we never allow).
  app.addHook('preHandler', async (req) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return;
    const type = String(req.headers['content-type'] ?? '');
    if (!type.startsWith('application/x-www-form-urlencoded') && !type.startsWith('multipart/form-data')) return;
    // API calls without ambient credentials (anonymous, or a Bearer token) carry their authority
    // explicitly (a token, a tracking secret): there is nothing for a forged form to borrow.
    const actor = req.ctx.actor;
    if (req.url.startsWith('/api/') && (actor.type === 'anonymous' || (actor.type === 'user' && actor.via === 'token'))) return;
    const body = req.body as Record<string, unknown> | undefined;
    const q = req.query as Record<string, unknown> | undefined;
    // Multipart bodies are streamed to the handler, so a file form puts its token in the action URL.
    const fromQuery = type.startsWith('multipart/form-data') && typeof q?._csrf === 'string' ? q._csrf : undefined;
    const sent = (typeof body?._csrf === 'string' ? body._csrf : undefined) ?? fromQuery ?? req.headers['x-csrf-token'];
    if (typeof sent !== 'string' || !safeEqual(sent, req.csrfToken)) {
      throw new AppError('forbidden', 'auth.csrf_failed', 'Phiên biểu mẫu đã hết hạn. Vui lòng tải lại trang và thử lại.');
    }
  });

  app.setNotFoundHandler((req, reply) => {
    const err = new AppError('not_found', 'route.not_found', 'Không tìm thấy đường dẫn.');
    return sendError(req, reply, err, undefined, renderErrorPage);
  });

  app.setErrorHandler((error: FastifyError, req, reply) => {
    return sendError(req, reply, toAppError(error, req), error, renderErrorPage);
  });
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Maps any thrown error to an AppError; unknown errors become null (→ 500, logged with stack). */
export function toAppError(error: unknown, req: FastifyRequest): AppError | null {
  if (error instanceof AppError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const details: ErrorDetail[] = error.validation.map((v) => ({
      path: `${error.validationContext ?? 'body'}${v.instancePath.replace(/\//g, '.')}`,
      code: String(v.keyword),
      message: v.message ?? 'không hợp lệ',
    }));
    return new AppError('validation', 'request.invalid', 'Dữ liệu gửi lên không hợp lệ.', details);
  }
  if (isResponseSerializationError(error)) {
    req.log.error({ err: error }, 'response failed its schema');
    return null;
  }
  const pg = fromPgError(error);
  if (pg) return pg;
  const e = error as FastifyError;
  switch (e.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('validation', 'request.malformed_json', 'Nội dung JSON không hợp lệ.');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_FILES_LIMIT':
      return new AppError('payload_too_large', 'request.too_large', 'Nội dung gửi lên quá lớn.');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new AppError('unsupported_media_type', 'request.unsupported_media_type', 'Kiểu nội dung không được hỗ trợ.');
    case 'FST_ERR_RATE_LIMITED':
      return new AppError('rate_limited', 'request.rate_limited', 'Bạn gửi quá nhiều yêu cầu. Vui lòng thử lại sau ít phút.');
  }
  if (e.statusCode === 429)
    return new AppError('rate_limited', 'request.rate_limited', 'Bạn gửi quá nhiều yêu cầu. Vui lòng thử lại sau ít phút.');
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    return new AppError(
      e.statusCode === 413 ? 'payload_too_large' : e.statusCode === 415 ? 'unsupported_media_type' : 'validation',
      'request.invalid',
      'Yêu cầu không hợp lệ.',
    );
  }
  return null;
}

/** Renders an error page; passed in by the app so that the kernel does not import pages. */
export type ErrorPageRenderer = (req: FastifyRequest, status: number, body: ErrorBody) => string;

function sendError(
  req: FastifyRequest,
  reply: FastifyReply,
  err: AppError | null,
  original: unknown,
  renderErrorPage: ErrorPageRenderer | undefined,
): FastifyReply {
  const requestId = String(req.id);
  let status: number;
  let body: ErrorBody;
  if (err) {
    status = httpStatusOf(err.kind);
    body = { error: { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}), requestId } };
    if (status >= 500) req.log.error({ code: err.code }, err.message);
  } else {
    status = 500;
    body = { error: { code: 'internal', message: 'Lỗi hệ thống. Vui lòng thử lại sau.', requestId } };
    if (original) req.log.error({ err: original }, 'unhandled error');
  }
  if (!isApiRequest(req) && renderErrorPage && (req.headers.accept ?? '').includes('text/html')) {
    if (status === 401) return reply.redirect(`/login?next=${encodeURIComponent(req.url)}`);
    return reply
      .status(status)
      .type('text/html; charset=utf-8')
      .send(renderErrorPage(req, status, body));
  }
  return reply.status(status).type('application/json; charset=utf-8').send(body);
}

/** The path of the first string (or key) holding U+0000 in a parsed body, if any. */
export function nulPath(v: unknown, path: string, depth: number): string | undefined {
  if (typeof v === 'string') return v.includes('\u0000') ? path : undefined;
  if (!v || typeof v !== 'object' || depth > 32 || Buffer.isBuffer(v)) return undefined;
  for (const [k, x] of Object.entries(v)) {
    const p = path ? `${path}.${k}` : k;
    if (k.includes('\u0000')) return p;
    const found = nulPath(x, p, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}
