/**
 * /admin/agencies: list and filter agencies, add one; /admin/agencies/:id: edit it and its
 * aliases. Directory administrators only ('directory.manage'); every change goes through the
 * service, which checks the permission again and writes the audit row.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { typed } from '../../platform/api.js';
import { requirePermission } from '../../platform/auth/permissions.js';
import type { Ctx, Deps } from '../../platform/context.js';
import { CsrfField, ErrorSummary, Layout, Pager, pageEnv, type PageEnv } from '../../web/layout.js';
import { registerCompetencePages } from './competence-pages.js';
import { AgencyFormFields, formContext, valuesOf, type FormContext } from './agency-form.js';
import {
  describedBy,
  Empty,
  errorsFrom,
  Field,
  formBody,
  nonBlank,
  Notice,
  sendPage,
  statusOf,
  type FieldError,
  type FormValues,
} from './components.js';
import { agencyKinds, createAgencyInput, updateAgencyInput, addAliasInput, type AgencyView } from './schema.js';
import { addAgencyAlias, createAgency, getAgency, listAgencies, updateAgency } from './service.js';
import { registerUnitPages } from './unit-pages.js';

const PAGE_SIZE = 25;
const agencyFields = [
  'name',
  'kind',
  'level',
  'provinceCode',
  'communeCode',
  'parentId',
  'address',
  'phone',
  'email',
  'website',
  'aliases',
  'active',
];
const listQuery = z.object({
  kind: z.enum(['', ...agencyKinds]).optional(),
  q: z.string().max(200).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  done: z.enum(['created']).optional(),
  lang: z.string().max(5).optional(),
});
const idParams = z.object({ id: z.uuid() });
const detailQuery = z.object({ done: z.enum(['created', 'saved', 'alias']).optional(), lang: z.string().max(5).optional() });

function AgencyListPage({
  env,
  q,
  result,
  values,
  errors,
  fc,
}: {
  env: PageEnv;
  q: z.infer<typeof listQuery>;
  result: Awaited<ReturnType<typeof listAgencies>>;
  values: FormValues;
  errors: FieldError[];
  fc: FormContext;
}) {
  return (
    <Layout env={env} title={env.t('directory.agencies.title')}>
      <ErrorSummary env={env} errors={errors} />
      <Notice message={q.done === 'created' ? env.t('directory.agency.created') : undefined} />
      <form method="get" action="/admin/agencies" class="filters" role="search" aria-label={env.t('directory.agencies.filter')}>
        <div>
          <label for="f-q">{env.t('directory.agencies.q')}</label>
          <input type="search" id="f-q" name="q" value={q.q ?? ''} />
        </div>
        <div>
          <label for="f-kind">{env.t('directory.agency.kind')}</label>
          <select id="f-kind" name="kind">
            <option value="">{env.t('directory.agencies.allKinds')}</option>
            {agencyKinds.map((k) => (
              <option value={k} selected={q.kind === k}>
                {env.t(`agencyKind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <button type="submit">{env.t('common.filter')}</button>
        </div>
      </form>
      {result.data.length === 0 ? (
        <Empty env={env} />
      ) : (
        <div class="table-wrap">
          <table>
            <caption>{env.t('directory.agencies.caption', { total: result.page.total })}</caption>
            <thead>
              <tr>
                <th scope="col">{env.t('directory.agency.name')}</th>
                <th scope="col">{env.t('directory.agency.kind')}</th>
                <th scope="col">{env.t('directory.agency.level')}</th>
                <th scope="col">{env.t('directory.agency.aliases')}</th>
                <th scope="col">{env.t('directory.agency.status')}</th>
              </tr>
            </thead>
            <tbody>
              {result.data.map((a) => (
                <tr>
                  <td>
                    <a href={`/admin/agencies/${a.id}`}>{a.name}</a>
                    {a.match ? <span class="hint"> ({Math.round(a.match.confidence * 100)}%)</span> : null}
                  </td>
                  <td>{env.t(`agencyKind.${a.kind}`)}</td>
                  <td>
                    {env.t(`agencyLevel.${a.level}`)}
                    {a.communeCode ? ` · ${a.communeCode}` : ''}
                  </td>
                  <td>{a.aliases.join('; ')}</td>
                  <td>
                    {a.active ? (
                      <span class="tag ok">{env.t('directory.agency.activeTag')}</span>
                    ) : (
                      <span class="tag err">{env.t('directory.agency.inactiveTag')}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager env={env} page={result.page.page} pageSize={result.page.pageSize} total={result.page.total} query={{ q: q.q, kind: q.kind }} />
      <h2 id="create">{env.t('directory.agencies.create')}</h2>
      <form method="post" action="/admin/agencies" novalidate>
        <CsrfField env={env} />
        <AgencyFormFields env={env} values={values} errors={errors} fc={fc} mode="create" />
        <p>
          <button type="submit">{env.t('directory.agencies.createSubmit')}</button>
        </p>
      </form>
    </Layout>
  );
}

function AgencyEditPage({
  env,
  agency,
  values,
  errors,
  fc,
  done,
  aliasValue,
}: {
  env: PageEnv;
  agency: AgencyView;
  values: FormValues;
  errors: FieldError[];
  fc: FormContext;
  done?: string | undefined;
  aliasValue?: string;
}) {
  const notice =
    done === 'created'
      ? 'directory.agency.created'
      : done === 'saved'
        ? 'directory.agency.saved'
        : done === 'alias'
          ? 'directory.agency.aliasAdded'
          : null;
  return (
    <Layout env={env} title={agency.name}>
      <ErrorSummary env={env} errors={errors} />
      <Notice message={notice ? env.t(notice) : undefined} />
      <form method="post" action={`/admin/agencies/${agency.id}`} novalidate>
        <CsrfField env={env} />
        <AgencyFormFields env={env} values={values} errors={errors} fc={fc} mode="edit" selfId={agency.id} />
        <p>
          <button type="submit">{env.t('common.save')}</button>
        </p>
      </form>
      <h2>{env.t('directory.agency.aliases')}</h2>
      {agency.aliases.length === 0 ? (
        <Empty env={env} />
      ) : (
        <ul>
          {agency.aliases.map((a) => (
            <li>{a}</li>
          ))}
        </ul>
      )}
      <form method="post" action={`/admin/agencies/${agency.id}/aliases`} novalidate>
        <CsrfField env={env} />
        <Field id="alias" label={env.t('directory.agency.newAlias')} hint={env.t('directory.agency.newAliasHint')} errors={errors}>
          <input type="text" id="alias" name="alias" value={aliasValue ?? ''} aria-describedby={describedBy('alias', errors, true)} />
        </Field>
        <p>
          <button type="submit" class="secondary">
            {env.t('directory.agency.addAlias')}
          </button>
        </p>
      </form>
      <p>
        <a href={`/admin/audit?entityType=agency&entityId=${agency.id}`}>{env.t('directory.agency.auditLink')}</a>
        {' · '}
        <a href="/admin/agencies">{env.t('directory.agency.back')}</a>
      </p>
    </Layout>
  );
}

export function registerDirectoryPages(root: FastifyInstance, deps: Deps): void {
  const app = typed(root);
  const errorText = (env: PageEnv) => (f: string) => env.t(`directory.error.${f as 'name'}`);

  const listPage = async (req: { ctx: Ctx; query: z.infer<typeof listQuery> }, env: PageEnv, values: FormValues, errors: FieldError[]) => {
    const q = req.query;
    const result = await listAgencies(req.ctx, {
      q: q.q?.trim() || undefined,
      kind: q.kind || undefined,
      includeInactive: 'true',
      page: q.page,
      pageSize: PAGE_SIZE,
    });
    const fc = await formContext(req.ctx, values.provinceCode ?? deps.config.DEMO_PROVINCE_CODE);
    return <AgencyListPage env={env} q={q} result={result} values={values} errors={errors} fc={fc} />;
  };

  app.get('/admin/agencies', { schema: { hide: true, querystring: listQuery } }, async (req, reply) => {
    requirePermission(req.ctx, 'directory.manage');
    return sendPage(reply, await listPage(req, pageEnv(req), { provinceCode: deps.config.DEMO_PROVINCE_CODE, level: 'province' }, []));
  });

  app.post('/admin/agencies', { schema: { hide: true, querystring: listQuery, body: formBody } }, async (req, reply) => {
    requirePermission(req.ctx, 'directory.manage');
    const env = pageEnv(req);
    const { _csrf: _, ...values } = req.body;
    const v = nonBlank(req.body);
    const aliases = (v.aliases ?? '')
      .split(/\r?\n/)
      .map((s) => s.trim())
      .filter(Boolean);
    try {
      const input = createAgencyInput.parse({ ...v, aliases: aliases.length ? aliases : undefined });
      const a = await createAgency(req.ctx, input);
      return reply.redirect(`/admin/agencies/${a.id}?done=created`, 303);
    } catch (e) {
      const errors = errorsFrom(e, agencyFields, errorText(env));
      if (!errors) throw e;
      return sendPage(reply, await listPage(req, env, values, errors), statusOf(e));
    }
  });

  app.get('/admin/agencies/:id', { schema: { hide: true, params: idParams, querystring: detailQuery } }, async (req, reply) => {
    requirePermission(req.ctx, 'directory.manage');
    const a = await getAgency(req.ctx, req.params.id);
    const fc = await formContext(req.ctx, a.provinceCode);
    return sendPage(reply, <AgencyEditPage env={pageEnv(req)} agency={a} values={valuesOf(a)} errors={[]} fc={fc} done={req.query.done} />);
  });

  app.post('/admin/agencies/:id', { schema: { hide: true, params: idParams, body: formBody } }, async (req, reply) => {
    requirePermission(req.ctx, 'directory.manage');
    const env = pageEnv(req);
    const { _csrf: _, ...values } = req.body;
    const v = nonBlank(req.body);
    const orNull = (k: string) => v[k] ?? null;
    try {
      const input = updateAgencyInput.parse({
        name: v.name,
        kind: v.kind,
        level: v.level,
        provinceCode: v.provinceCode,
        communeCode: orNull('communeCode'),
        parentId: orNull('parentId'),
        address: orNull('address'),
        phone: orNull('phone'),
        email: orNull('email'),
        website: orNull('website'),
        active: v.active === 'on',
      });
      await updateAgency(req.ctx, req.params.id, input);
      return reply.redirect(`/admin/agencies/${req.params.id}?done=saved`, 303);
    } catch (e) {
      const errors = errorsFrom(e, agencyFields, errorText(env));
      if (!errors) throw e;
      const a = await getAgency(req.ctx, req.params.id);
      const fc = await formContext(req.ctx, a.provinceCode);
      return sendPage(reply, <AgencyEditPage env={env} agency={a} values={values} errors={errors} fc={fc} />, statusOf(e));
    }
  });

  app.post('/admin/agencies/:id/aliases', { schema: { hide: true, params: idParams, body: formBody } }, async (req, reply) => {
    requirePermission(req.ctx, 'directory.manage');
    const env = pageEnv(req);
    try {
      const input = addAliasInput.parse({ alias: req.body.alias ?? '' });
      await addAgencyAlias(req.ctx, req.params.id, input);
      return reply.redirect(`/admin/agencies/${req.params.id}?done=alias`, 303);
    } catch (e) {
      const errors = errorsFrom(e, ['alias'], () => env.t('directory.error.alias'));
      if (!errors) throw e;
      const a = await getAgency(req.ctx, req.params.id);
      const fc = await formContext(req.ctx, a.provinceCode);
      const withField = errors.map((x) => ({ ...x, field: 'alias' }));
      return sendPage(
        reply,
        <AgencyEditPage env={env} agency={a} values={valuesOf(a)} errors={withField} fc={fc} aliasValue={req.body.alias ?? ''} />,
        statusOf(e),
      );
    }
  });

  registerCompetencePages(root);
  registerUnitPages(root);
}
