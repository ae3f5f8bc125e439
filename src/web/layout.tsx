/**
 * The page shell: skip link, header with navigation from the actor's permissions, main,
 * footer. Mobile-first, no JavaScript required, no external CDN.
 */
import type { ComponentChildren } from 'preact';
import type { FastifyRequest } from 'fastify';
import { can } from '../platform/auth/permissions.js';
import type { Actor } from '../platform/context.js';
import { t, type Locale, type MessageKey } from '../platform/i18n.js';

export interface PageEnv {
  locale: Locale;
  actor: Actor;
  csrf: string;
  path: string;
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
}

export function pageEnv(req: FastifyRequest): PageEnv {
  const locale = req.ctx.locale;
  return {
    locale,
    actor: req.ctx.actor,
    csrf: req.csrfToken,
    path: req.url.split('?')[0] ?? '/',
    t: (key, params) => t(locale, key, params),
  };
}

export function CsrfField({ env }: { env: PageEnv }) {
  return <input type="hidden" name="_csrf" value={env.csrf} />;
}

function Nav({ env }: { env: PageEnv }) {
  const a = env.actor;
  const links: { href: string; label: string }[] = [];
  if (a.type === 'user') {
    if (can(a, 'staff.home')) links.push({ href: '/home', label: env.t('nav.home') });
    else if (can(a, 'business.respond')) links.push({ href: '/doanh-nghiep', label: env.t('nav.business') });
    if (can(a, 'requests.intake')) links.push({ href: '/hotline', label: env.t('nav.hotline') });
    if (can(a, 'requests.read')) links.push({ href: '/requests', label: env.t('nav.requests') });
    if (can(a, 'mediation.read')) links.push({ href: '/mediation', label: env.t('nav.mediation') });
    if (can(a, 'plans.read')) links.push({ href: '/plans', label: env.t('nav.plans') });
    if (can(a, 'users.manage')) links.push({ href: '/admin/users', label: env.t('nav.users') });
    if (can(a, 'directory.manage')) {
      links.push({ href: '/admin/agencies', label: env.t('nav.agencies') });
      links.push({ href: '/admin/competence', label: env.t('nav.competence') });
      links.push({ href: '/admin/units', label: env.t('nav.units') });
    }
    if (can(a, 'calendar.manage')) links.push({ href: '/admin/holidays', label: env.t('nav.holidays') });
    if (can(a, 'audit.read')) links.push({ href: '/admin/audit', label: env.t('nav.audit') });
    if (can(a, 'tokens.own')) links.push({ href: '/account/tokens', label: env.t('nav.tokens') });
  }
  return (
    <nav aria-label={env.t('nav.main')}>
      <ul class="nav">
        {links.map((l) => (
          <li>
            <a href={l.href} aria-current={env.path === l.href ? 'page' : undefined}>
              {l.label}
            </a>
          </li>
        ))}
        <li>
          <a href={`${env.path}?lang=${env.locale === 'vi' ? 'en' : 'vi'}`} lang={env.locale === 'vi' ? 'en' : 'vi'}>
            {env.t('nav.language')}
          </a>
        </li>
        {a.type === 'user' ? (
          <li>
            <form method="post" action="/logout" class="inline">
              <CsrfField env={env} />
              <button type="submit" class="link">
                {env.t('nav.logout')} ({a.username})
              </button>
            </form>
          </li>
        ) : (
          <li>
            <a href="/login">{env.t('nav.login')}</a>
          </li>
        )}
      </ul>
    </nav>
  );
}

export function Layout({ env, title, children }: { env: PageEnv; title: string; children: ComponentChildren }) {
  return (
    <html lang={env.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · ${env.t('app.shortName')}`}</title>
        <link rel="stylesheet" href="/static/app.css" />
      </head>
      <body>
        <a class="skip" href="#main">
          {env.t('nav.skip')}
        </a>
        <header class="site">
          <a class="brand" href={env.actor.type !== 'user' ? '/' : can(env.actor, 'staff.home') ? '/home' : '/doanh-nghiep'}>
            {env.t('app.name')}
          </a>
          <Nav env={env} />
        </header>
        <main id="main" tabIndex={-1}>
          <h1>{title}</h1>
          {children}
        </main>
        <footer class="site">
          <p>{env.t('app.name')}</p>
        </footer>
      </body>
    </html>
  );
}

/** GOV.UK-style error summary at the top of a form. */
export function ErrorSummary({ env, errors }: { env: PageEnv; errors: { field?: string; message: string }[] }) {
  if (errors.length === 0) return null;
  return (
    <div class="error-summary" role="alert" tabIndex={-1}>
      <h2>{env.t('error.summary')}</h2>
      <ul>
        {errors.map((e) => (
          <li>{e.field ? <a href={`#${e.field}`}>{e.message}</a> : e.message}</li>
        ))}
      </ul>
    </div>
  );
}

/** Pagination links that keep the other query parameters. */
export function Pager({
  env,
  page,
  pageSize,
  total,
  query,
}: {
  env: PageEnv;
  page: number;
  pageSize: number;
  total: number;
  query: Record<string, string | undefined>;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const href = (p: number) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v) q.set(k, v);
    q.set('page', String(p));
    return `${env.path}?${q.toString()}`;
  };
  return (
    <nav class="pager" aria-label="Phân trang">
      {page > 1 ? <a href={href(page - 1)}>{env.t('common.previous')}</a> : null}
      <span>{env.t('common.page', { page, pages, total })}</span>
      {page < pages ? <a href={href(page + 1)}>{env.t('common.next')}</a> : null}
    </nav>
  );
}
