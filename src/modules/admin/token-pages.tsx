/**
 * /account/tokens: the signed-in user's API tokens. A new token's secret is shown once, on the
 * page that answers the create form, and never again (only its hash is stored).
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { typed } from '../../platform/api.js';
import { createApiToken, createTokenInput, listApiTokens, revokeApiToken } from '../../platform/auth/service.js';
import { formatDate, formatDateTime } from '../../platform/i18n.js';
import { CsrfField, ErrorSummary, Layout, pageEnv, type PageEnv } from '../../web/layout.js';
import { csrfOnlyBody, FieldErrorText, fieldErrors, Notice, sendPage, type FieldError } from './components.js';

const EXPIRY_DAYS = [30, 90, 365] as const;

const createBody = z.object({
  name: z.string().max(300).optional(),
  expiresInDays: z.string().max(10).optional(),
  _csrf: z.string().max(100).optional(),
});
const listQuery = z.object({ done: z.enum(['revoked']).optional(), lang: z.string().max(5).optional() });

type TokenRow = Awaited<ReturnType<typeof listApiTokens>>[number];
type Created = Awaited<ReturnType<typeof createApiToken>>;

function statusOf(tk: TokenRow, now: Date): 'active' | 'revoked' | 'expired' {
  if (tk.revokedAt) return 'revoked';
  if (tk.expiresAt && tk.expiresAt <= now) return 'expired';
  return 'active';
}

function TokenTable({ env, tokens, now }: { env: PageEnv; tokens: TokenRow[]; now: Date }) {
  if (tokens.length === 0) return <p class="notice">{env.t('tokens.empty')}</p>;
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{env.t('tokens.field.name')}</th>
            <th scope="col">{env.t('tokens.col.prefix')}</th>
            <th scope="col">{env.t('tokens.col.created')}</th>
            <th scope="col">{env.t('tokens.col.expires')}</th>
            <th scope="col">{env.t('tokens.col.lastUsed')}</th>
            <th scope="col">{env.t('tokens.col.status')}</th>
            <th scope="col">{env.t('common.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((tk) => {
            const status = statusOf(tk, now);
            return (
              <tr>
                <td>{tk.name}</td>
                <td>
                  <code>{tk.prefix}…</code>
                </td>
                <td>{formatDate(tk.createdAt)}</td>
                <td>{tk.expiresAt ? formatDate(tk.expiresAt) : env.t('tokens.noExpiry')}</td>
                <td>{tk.lastUsedAt ? formatDateTime(tk.lastUsedAt) : env.t('tokens.neverUsed')}</td>
                <td>
                  <span class={`tag ${status === 'active' ? 'ok' : 'err'}`}>{env.t(`tokens.status.${status}`)}</span>
                </td>
                <td>
                  {status === 'revoked' ? null : (
                    <form method="post" action={`/account/tokens/${tk.id}/revoke`} class="inline">
                      <CsrfField env={env} />
                      <button type="submit" class="secondary" aria-label={`${env.t('tokens.revoke')}: ${tk.name}`}>
                        {env.t('tokens.revoke')}
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function TokensPage(p: {
  env: PageEnv;
  tokens: TokenRow[];
  now: Date;
  errors: FieldError[];
  values: { name?: string; expiresInDays?: string };
  done?: string;
}) {
  const { env, errors, values } = p;
  return (
    <Layout env={env} title={env.t('tokens.title')}>
      <Notice message={p.done ? env.t('tokens.done.revoked') : undefined} />
      <ErrorSummary env={env} errors={errors} />
      <p>{env.t('tokens.intro')}</p>
      <TokenTable env={env} tokens={p.tokens} now={p.now} />
      <h2>{env.t('tokens.create.title')}</h2>
      <form method="post" action="/account/tokens" novalidate>
        <CsrfField env={env} />
        <label for="name">{env.t('tokens.field.name')}</label>
        <p class="hint" id="name-hint">
          {env.t('tokens.hint.name')}
        </p>
        <FieldErrorText field="name" errors={errors} />
        <input type="text" id="name" name="name" value={values.name ?? ''} maxLength={100} aria-describedby="name-hint" />
        <label for="expiresInDays">{env.t('tokens.field.expires')}</label>
        <FieldErrorText field="expiresInDays" errors={errors} />
        <select id="expiresInDays" name="expiresInDays">
          <option value="">{env.t('tokens.noExpiry')}</option>
          {EXPIRY_DAYS.map((d) => (
            <option value={String(d)} selected={values.expiresInDays === String(d)}>
              {env.t('tokens.expires.days', { days: d })}
            </option>
          ))}
        </select>
        <p>
          <button type="submit">{env.t('tokens.create.submit')}</button>
        </p>
      </form>
    </Layout>
  );
}

function CreatedPage({ env, created }: { env: PageEnv; created: Created }) {
  return (
    <Layout env={env} title={env.t('tokens.created.title')}>
      <div class="error-summary" role="alert">
        <h2>{env.t('tokens.created.warningTitle')}</h2>
        <p>{env.t('tokens.created.warning')}</p>
      </div>
      <dl class="summary">
        <dt>{env.t('tokens.field.name')}</dt>
        <dd>{created.name}</dd>
        <dt>{env.t('tokens.created.secret')}</dt>
        <dd>
          <code id="token-secret">{created.token}</code>
        </dd>
        <dt>{env.t('tokens.col.expires')}</dt>
        <dd>{created.expiresAt ? formatDate(created.expiresAt) : env.t('tokens.noExpiry')}</dd>
      </dl>
      <p class="hint">{env.t('tokens.created.usage')}</p>
      <p>
        <a href="/account/tokens">{env.t('tokens.back')}</a>
      </p>
    </Layout>
  );
}

export function registerTokenPages(root: FastifyInstance): void {
  const app = typed(root);
  app.get('/account/tokens', { schema: { hide: true, querystring: listQuery } }, async (req, reply) => {
    const tokens = await listApiTokens(req.ctx);
    return sendPage(
      reply,
      <TokensPage env={pageEnv(req)} tokens={tokens} now={req.ctx.now()} errors={[]} values={{}} done={req.query.done} />,
    );
  });

  app.post('/account/tokens', { schema: { hide: true, body: createBody } }, async (req, reply) => {
    const env = pageEnv(req);
    const days = req.body.expiresInDays?.trim();
    const parsed = createTokenInput.safeParse({ name: req.body.name ?? '', ...(days ? { expiresInDays: Number(days) } : {}) });
    const badExpiry = days !== undefined && days !== '' && !EXPIRY_DAYS.some((d) => String(d) === days);
    if (!parsed.success || badExpiry) {
      const issues = [...(parsed.success ? [] : parsed.error.issues), ...(badExpiry ? [{ path: ['expiresInDays'] }] : [])];
      const errors = fieldErrors(issues, ['name', 'expiresInDays'] as const, (f) => env.t(`tokens.error.${f}`));
      const tokens = await listApiTokens(req.ctx);
      const values = { name: req.body.name, expiresInDays: req.body.expiresInDays };
      return sendPage(reply, <TokensPage env={env} tokens={tokens} now={req.ctx.now()} errors={errors} values={values} />, 400);
    }
    const created = await createApiToken(req.ctx, parsed.data);
    return sendPage(reply, <CreatedPage env={env} created={created} />, 201);
  });

  app.post(
    '/account/tokens/:id/revoke',
    { schema: { hide: true, params: z.object({ id: z.uuid() }), body: csrfOnlyBody } },
    async (req, reply) => {
      await revokeApiToken(req.ctx, req.params.id);
      return reply.redirect('/account/tokens?done=revoked', 303);
    },
  );
}
