/** Login, logout and the staff home page. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { typed } from '../../platform/api.js';
import { can } from '../../platform/auth/permissions.js';
import { login, logout } from '../../platform/auth/service.js';
import { AppError, forbidden } from '../../platform/errors.js';
import { SESSION_COOKIE } from '../../platform/http.js';
import type { Deps } from '../../platform/context.js';
import { CsrfField, ErrorSummary, Layout, pageEnv, type PageEnv } from '../../web/layout.js';
import { html } from '../../web/render.js';
import { getAgency } from '../directory/index.js';

function safeNext(next: string | undefined): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/home';
}

function LoginPage({ env, error, username, next }: { env: PageEnv; error?: string; username?: string; next?: string }) {
  return (
    <Layout env={env} title={env.t('login.title')}>
      <ErrorSummary env={env} errors={error ? [{ field: 'username', message: error }] : []} />
      <form method="post" action="/login" novalidate>
        <CsrfField env={env} />
        {next ? <input type="hidden" name="next" value={next} /> : null}
        <label for="username">{env.t('login.username')}</label>
        <input type="text" id="username" name="username" autocomplete="username" required value={username ?? ''} autofocus />
        <label for="password">{env.t('login.password')}</label>
        <input type="password" id="password" name="password" autocomplete="current-password" required />
        <p>
          <button type="submit">{env.t('login.submit')}</button>
        </p>
      </form>
    </Layout>
  );
}

function HomePage({ env, agencyName }: { env: PageEnv; agencyName: string | null }) {
  const a = env.actor;
  if (a.type !== 'user') return null;
  return (
    <Layout env={env} title={env.t('home.title')}>
      <p>{env.t('home.welcome', { name: a.displayName })}</p>
      <dl class="summary">
        <dt>{env.t('home.role')}</dt>
        <dd>{env.t(`role.${a.role}`)}</dd>
        {agencyName ? (
          <>
            <dt>{env.t('home.agency')}</dt>
            <dd>{agencyName}</dd>
          </>
        ) : null}
        <dt>{env.t('home.scope')}</dt>
        <dd>{a.communeCode ? env.t('home.scopeCommune', { code: a.communeCode }) : env.t('home.scopeProvince')}</dd>
      </dl>
    </Layout>
  );
}

export function registerAccountPages(root: FastifyInstance, deps: Deps): void {
  const app = typed(root);
  const hide = { hide: true } as const;
  app.get(
    '/login',
    { schema: { ...hide, querystring: z.object({ next: z.string().max(500).optional(), lang: z.string().optional() }) } },
    async (req, reply) => {
      if (req.ctx.actor.type === 'user') return reply.redirect(safeNext(req.query.next));
      return reply.type('text/html; charset=utf-8').send(html(<LoginPage env={pageEnv(req)} next={req.query.next} />));
    },
  );
  app.post(
    '/login',
    {
      schema: {
        ...hide,
        body: z.object({
          username: z.string().max(64).default(''),
          password: z.string().max(200).default(''),
          next: z.string().max(500).optional(),
          _csrf: z.string().optional(),
        }),
      },
      config: { rateLimit: { max: deps.config.RATE_LIMIT_LOGIN_PER_MIN, timeWindow: 60_000 } },
    },
    async (req, reply) => {
      try {
        const r = await login(req.ctx, req.body.username, req.body.password);
        reply.setCookie(SESSION_COOKIE, r.sessionToken, {
          path: '/',
          httpOnly: true,
          sameSite: 'lax',
          secure: deps.config.SECURE_COOKIES,
          expires: r.expiresAt,
        });
        return reply.redirect(safeNext(req.body.next), 303);
      } catch (e) {
        if (!(e instanceof AppError) || (e.kind !== 'unauthenticated' && e.kind !== 'rate_limited')) throw e;
        const status = e.kind === 'rate_limited' ? 429 : 401;
        return reply
          .status(status)
          .type('text/html; charset=utf-8')
          .send(html(<LoginPage env={pageEnv(req)} error={e.message} username={req.body.username} next={req.body.next} />));
      }
    },
  );
  app.post('/logout', { schema: { ...hide } }, async (req, reply) => {
    await logout(req.ctx);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/login', 303);
  });
  app.get('/home', { schema: hide }, async (req, reply) => {
    if (req.ctx.actor.type !== 'user') return reply.redirect('/login?next=%2Fhome');
    // A business user's home is the business portal.
    if (!can(req.ctx.actor, 'staff.home') && can(req.ctx.actor, 'business.respond')) return reply.redirect('/doanh-nghiep');
    if (!can(req.ctx.actor, 'staff.home')) throw forbidden('page.forbidden', 'Trang này dành cho cán bộ.');
    const agencyId = req.ctx.actor.agencyId;
    const agencyName = agencyId ? ((await getAgency(req.ctx, agencyId).catch(() => null))?.name ?? null) : null;
    return reply.type('text/html; charset=utf-8').send(html(<HomePage env={pageEnv(req)} agencyName={agencyName} />));
  });
  app.get('/', { schema: hide }, async (req, reply) => reply.redirect(req.ctx.actor.type === 'user' ? '/home' : '/login'));
}
