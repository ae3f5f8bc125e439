/**
 * /admin/users: list and search users, create one, and on the detail page deactivate,
 * reactivate or lift a sign-in lock. Every action calls the identity service, which checks
 * 'users.manage' (listing and reading need 'users.read', scoped to the actor's commune).
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { typed } from '../../platform/api.js';
import { can, requirePermission, roles } from '../../platform/auth/permissions.js';
import { createUser, createUserInput, getUser, listUsers, setUserActive, unlockUser, type UserView } from '../../platform/auth/service.js';
import type { Ctx, Role } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { formatDateTime, type MessageKey } from '../../platform/i18n.js';
import { CsrfField, ErrorSummary, Layout, Pager, pageEnv, type PageEnv } from '../../web/layout.js';
import { getAgency, listAgencies } from '../directory/index.js';
import { csrfOnlyBody, FieldErrorText, fieldErrors, nonBlank, Notice, sendPage, type FieldError } from './components.js';

const PAGE_SIZE = 25;
const formFields = ['username', 'displayName', 'email', 'phone', 'password', 'role', 'agencyId', 'communeCode', 'businessTaxCode'] as const;
type FormField = (typeof formFields)[number];
type FormValues = Partial<Record<FormField, string>>;

const listQuery = z.object({
  q: z.string().max(100).optional(),
  role: z.enum(['', ...roles] as [string, ...string[]]).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  lang: z.string().max(5).optional(),
});
const formText = z.string().max(300).optional();
const formBody = z.object({
  username: formText,
  displayName: formText,
  email: formText,
  phone: formText,
  password: formText,
  role: formText,
  agencyId: formText,
  communeCode: formText,
  businessTaxCode: formText,
  _csrf: z.string().max(100).optional(),
});
const idParams = z.object({ id: z.uuid() });
const doneValues = ['created', 'deactivated', 'activated', 'unlocked'] as const;
const detailQuery = z.object({ done: z.enum(doneValues).optional(), lang: z.string().max(5).optional() });

interface AgencyOption {
  id: string;
  label: string;
}

/** Every active agency, province level first (the directory's order), for the agency select. */
async function agencyOptions(ctx: Ctx): Promise<AgencyOption[]> {
  const out: AgencyOption[] = [];
  for (let page = 1; page <= 50; page++) {
    const r = await listAgencies(ctx, { page, pageSize: 200 });
    out.push(...r.data.map((a) => ({ id: a.id, label: a.communeCode ? `${a.name} (${a.communeCode})` : a.name })));
    if (r.data.length === 0 || out.length >= r.page.total) break;
  }
  return out;
}

async function agencyName(ctx: Ctx, id: string | null): Promise<string | null> {
  if (!id) return null;
  try {
    return (await getAgency(ctx, id)).name;
  } catch (e) {
    if (e instanceof AppError && e.kind === 'not_found') return id;
    throw e;
  }
}

function Status({ env, u, now }: { env: PageEnv; u: UserView; now: Date }) {
  return (
    <>
      {u.active ? (
        <span class="tag ok">{env.t('users.status.active')}</span>
      ) : (
        <span class="tag err">{env.t('users.status.inactive')}</span>
      )}
      {u.lockedUntil && u.lockedUntil > now ? (
        <>
          {' '}
          <span class="tag warn">{env.t('users.status.locked', { until: formatDateTime(u.lockedUntil) })}</span>
        </>
      ) : null}
    </>
  );
}

function UserListPage(p: { env: PageEnv; q: z.infer<typeof listQuery>; result: Awaited<ReturnType<typeof listUsers>>; now: Date }) {
  const { env, q, result } = p;
  return (
    <Layout env={env} title={env.t('users.title')}>
      {can(env.actor, 'users.manage') ? (
        <p>
          <a class="button" href="/admin/users/new">
            {env.t('users.create')}
          </a>
        </p>
      ) : null}
      <form method="get" action="/admin/users" class="filters">
        <div>
          <label for="q">{env.t('users.search')}</label>
          <input type="search" id="q" name="q" value={q.q ?? ''} />
        </div>
        <div>
          <label for="role">{env.t('users.field.role')}</label>
          <select id="role" name="role">
            <option value="">{env.t('users.allRoles')}</option>
            {roles.map((r) => (
              <option value={r} selected={q.role === r}>
                {env.t(`role.${r}`)}
              </option>
            ))}
          </select>
        </div>
        <p>
          <button type="submit">{env.t('common.search')}</button>
        </p>
      </form>
      {result.data.length === 0 ? (
        <p class="notice">{env.t('users.empty')}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{env.t('users.field.username')}</th>
                <th scope="col">{env.t('users.field.displayName')}</th>
                <th scope="col">{env.t('users.field.role')}</th>
                <th scope="col">{env.t('users.col.status')}</th>
                <th scope="col">{env.t('users.col.lastLogin')}</th>
              </tr>
            </thead>
            <tbody>
              {result.data.map((u) => (
                <tr>
                  <td>
                    <a href={`/admin/users/${u.id}`}>{u.username}</a>
                  </td>
                  <td>{u.displayName}</td>
                  <td>{env.t(`role.${u.role}`)}</td>
                  <td>
                    <Status env={env} u={u} now={p.now} />
                  </td>
                  <td>{u.lastLoginAt ? formatDateTime(u.lastLoginAt) : env.t('users.never')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager env={env} page={result.page.page} pageSize={result.page.pageSize} total={result.page.total} query={{ q: q.q, role: q.role }} />
    </Layout>
  );
}

function Field(p: {
  env: PageEnv;
  name: FormField;
  values: FormValues;
  errors: FieldError[];
  type?: 'text' | 'email' | 'password' | 'tel';
  hint?: MessageKey;
  optional?: boolean;
}) {
  const { env, name, errors } = p;
  const hasError = errors.some((e) => e.field === name);
  return (
    <div>
      <label for={name}>
        {env.t(`users.field.${name}`)}
        {p.optional ? ` ${env.t('common.optional')}` : ''}
      </label>
      {p.hint ? (
        <p class="hint" id={`${name}-hint`}>
          {env.t(p.hint)}
        </p>
      ) : null}
      <FieldErrorText field={name} errors={errors} />
      <input
        // Preact types `type` as a discriminated union; the four values used here are all plain inputs.
        type={(p.type ?? 'text') as 'text'}
        id={name}
        name={name}
        value={p.type === 'password' ? '' : (p.values[name] ?? '')}
        autocomplete={p.type === 'password' ? 'new-password' : 'off'}
        aria-describedby={[p.hint ? `${name}-hint` : '', hasError ? `${name}-error` : ''].filter(Boolean).join(' ') || undefined}
      />
    </div>
  );
}

function NewUserPage({
  env,
  values,
  errors,
  agencies,
}: {
  env: PageEnv;
  values: FormValues;
  errors: FieldError[];
  agencies: AgencyOption[];
}) {
  const f = { env, values, errors };
  return (
    <Layout env={env} title={env.t('users.new.title')}>
      <ErrorSummary env={env} errors={errors} />
      <form method="post" action="/admin/users" novalidate>
        <CsrfField env={env} />
        <Field {...f} name="username" hint="users.hint.username" />
        <Field {...f} name="displayName" />
        <Field {...f} name="email" type="email" optional />
        <Field {...f} name="phone" type="tel" optional />
        <Field {...f} name="password" type="password" hint="users.hint.password" />
        <div>
          <label for="role">{env.t('users.field.role')}</label>
          <FieldErrorText field="role" errors={errors} />
          <select id="role" name="role">
            <option value="">{env.t('users.chooseRole')}</option>
            {roles.map((r) => (
              <option value={r} selected={values.role === r}>
                {env.t(`role.${r}`)}
              </option>
            ))}
          </select>
        </div>
        {agencies.length > 0 ? (
          <div>
            <label for="agencyId">{env.t('users.field.agencyId')}</label>
            <p class="hint" id="agencyId-hint">
              {env.t('users.hint.agencySelect')}
            </p>
            <FieldErrorText field="agencyId" errors={errors} />
            <select id="agencyId" name="agencyId" aria-describedby="agencyId-hint">
              <option value="">{env.t('users.chooseAgency')}</option>
              {agencies.map((a) => (
                <option value={a.id} selected={values.agencyId === a.id}>
                  {a.label}
                </option>
              ))}
            </select>
          </div>
        ) : (
          // An empty directory (a fresh install): the agency can still be given by its id.
          <Field {...f} name="agencyId" hint="users.hint.agencyId" />
        )}
        <Field {...f} name="communeCode" hint="users.hint.communeCode" optional />
        <Field {...f} name="businessTaxCode" hint="users.hint.businessTaxCode" />
        <p>
          <button type="submit">{env.t('users.create')}</button> <a href="/admin/users">{env.t('users.back')}</a>
        </p>
      </form>
    </Layout>
  );
}

function Action({
  env,
  id,
  action,
  label,
  hint,
  secondary,
}: {
  env: PageEnv;
  id: string;
  action: string;
  label: string;
  hint?: string;
  secondary?: boolean;
}) {
  return (
    <form method="post" action={`/admin/users/${id}/${action}`}>
      <CsrfField env={env} />
      {hint ? <p class="hint">{hint}</p> : null}
      <button type="submit" class={secondary ? 'secondary' : undefined}>
        {label}
      </button>
    </form>
  );
}

function UserDetailPage(p: { env: PageEnv; u: UserView; agency: string | null; now: Date; done?: (typeof doneValues)[number] }) {
  const { env, u, agency, now, done } = p;
  const none = env.t('users.none');
  const self = env.actor.type === 'user' && env.actor.userId === u.id;
  const locked = u.lockedUntil !== null && u.lockedUntil > now;
  return (
    <Layout env={env} title={`${u.displayName} (${u.username})`}>
      <Notice message={done ? env.t(`users.done.${done}`) : undefined} />
      <dl class="summary">
        <dt>{env.t('users.field.username')}</dt>
        <dd>{u.username}</dd>
        <dt>{env.t('users.field.role')}</dt>
        <dd>{env.t(`role.${u.role}`)}</dd>
        <dt>{env.t('users.col.status')}</dt>
        <dd>
          <Status env={env} u={u} now={now} />
        </dd>
        <dt>{env.t('users.field.email')}</dt>
        <dd>{u.email ?? none}</dd>
        <dt>{env.t('users.field.agencyId')}</dt>
        <dd>{agency ?? none}</dd>
        <dt>{env.t('users.field.communeCode')}</dt>
        <dd>{u.communeCode ?? env.t('home.scopeProvince')}</dd>
        {u.kind === 'business' ? (
          <>
            <dt>{env.t('users.field.businessTaxCode')}</dt>
            <dd>{u.businessTaxCode ?? none}</dd>
          </>
        ) : null}
        <dt>{env.t('users.col.lastLogin')}</dt>
        <dd>{u.lastLoginAt ? formatDateTime(u.lastLoginAt) : env.t('users.never')}</dd>
      </dl>
      {u.can.edit ? (
        <>
          <h2>{env.t('common.actions')}</h2>
          {locked ? <Action env={env} id={u.id} action="unlock" label={env.t('users.action.unlock')} /> : null}
          {u.active && !self ? (
            <Action
              env={env}
              id={u.id}
              action="deactivate"
              label={env.t('users.action.deactivate')}
              hint={env.t('users.action.deactivateHint')}
              secondary
            />
          ) : null}
          {!u.active ? <Action env={env} id={u.id} action="activate" label={env.t('users.action.activate')} /> : null}
        </>
      ) : null}
      {can(env.actor, 'audit.read') ? (
        <p>
          <a href={`/admin/audit?entityType=user&entityId=${u.id}`}>{env.t('users.auditLink')}</a>
        </p>
      ) : null}
      <p>
        <a href="/admin/users">{env.t('users.back')}</a>
      </p>
    </Layout>
  );
}

export function registerUserPages(root: FastifyInstance): void {
  const app = typed(root);
  app.get('/admin/users', { schema: { hide: true, querystring: listQuery } }, async (req, reply) => {
    const q = req.query;
    const role = q.role ? (q.role as Role) : undefined;
    const result = await listUsers(req.ctx, { q: q.q?.trim() || undefined, role, page: q.page, pageSize: PAGE_SIZE });
    return sendPage(reply, <UserListPage env={pageEnv(req)} q={q} result={result} now={req.ctx.now()} />);
  });

  app.get('/admin/users/new', { schema: { hide: true } }, async (req, reply) => {
    requirePermission(req.ctx, 'users.manage');
    return sendPage(reply, <NewUserPage env={pageEnv(req)} values={{}} errors={[]} agencies={await agencyOptions(req.ctx)} />);
  });

  app.post('/admin/users', { schema: { hide: true, body: formBody } }, async (req, reply) => {
    requirePermission(req.ctx, 'users.manage');
    const env = pageEnv(req);
    const { _csrf: _, ...values } = req.body;
    const parsed = createUserInput.safeParse(nonBlank(req.body));
    if (!parsed.success) {
      const errors = fieldErrors(parsed.error.issues, formFields, (f) => env.t(`users.error.${f}`));
      return sendPage(reply, <NewUserPage env={env} values={values} errors={errors} agencies={await agencyOptions(req.ctx)} />, 400);
    }
    try {
      const u = await createUser(req.ctx, parsed.data);
      return reply.redirect(`/admin/users/${u.id}?done=created`, 303);
    } catch (e) {
      if (!(e instanceof AppError) || e.code !== 'user.username_taken') throw e;
      const errors = [{ field: 'username', message: env.t('users.error.usernameTaken') }];
      return sendPage(reply, <NewUserPage env={env} values={values} errors={errors} agencies={await agencyOptions(req.ctx)} />, 409);
    }
  });

  app.get('/admin/users/:id', { schema: { hide: true, params: idParams, querystring: detailQuery } }, async (req, reply) => {
    const u = await getUser(req.ctx, req.params.id);
    const agency = await agencyName(req.ctx, u.agencyId);
    return sendPage(reply, <UserDetailPage env={pageEnv(req)} u={u} agency={agency} now={req.ctx.now()} done={req.query.done} />);
  });

  const actions: Record<string, { run: (ctx: Ctx, id: string) => Promise<UserView>; done: (typeof doneValues)[number] }> = {
    deactivate: { run: (ctx, id) => setUserActive(ctx, id, false), done: 'deactivated' },
    activate: { run: (ctx, id) => setUserActive(ctx, id, true), done: 'activated' },
    unlock: { run: (ctx, id) => unlockUser(ctx, id), done: 'unlocked' },
  };
  for (const [name, a] of Object.entries(actions)) {
    app.post(`/admin/users/:id/${name}`, { schema: { hide: true, params: idParams, body: csrfOnlyBody } }, async (req, reply) => {
      await a.run(req.ctx, req.params.id);
      return reply.redirect(`/admin/users/${req.params.id}?done=${a.done}`, 303);
    });
  }
}
