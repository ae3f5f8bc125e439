/**
 * /admin/competence: the competence table with a warning banner for rules that end within 60
 * days (Decrees 146/2025 and 139/2025 end on 1 Mar 2027), add and edit forms. Directory
 * administrators only.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { typed } from '../../platform/api.js';
import { requirePermission } from '../../platform/auth/permissions.js';
import { formatDate } from '../../platform/i18n.js';
import { CsrfField, ErrorSummary, Layout, Pager, pageEnv, type PageEnv } from '../../web/layout.js';
import {
  createCompetenceRule,
  EXPIRY_WARNING_DAYS,
  getCompetenceRule,
  listCompetenceRules,
  listExpiringCompetenceRules,
  updateCompetenceRule,
} from './competence.js';
import {
  describedBy,
  Empty,
  errorsFrom,
  Field,
  formBody,
  isoFromInput,
  nonBlank,
  Notice,
  sendPage,
  statusOf,
  type FieldError,
  type FormValues,
  type InputType,
} from './components.js';
import { agencyKinds, createCompetenceRuleInput, updateCompetenceRuleInput, type CompetenceRuleView } from './schema.js';

const PAGE_SIZE = 50;
const ruleFields = ['sector', 'violationType', 'level', 'agencyKind', 'validFrom', 'validUntil', 'legalBasis', 'note'];
const listQuery = z.object({
  page: z.coerce.number().int().min(1).max(100000).default(1),
  done: z.enum(['created', 'saved']).optional(),
  lang: z.string().max(5).optional(),
});
const idParams = z.object({ id: z.uuid() });

function ExpiryBanner({ env, rules }: { env: PageEnv; rules: CompetenceRuleView[] }) {
  if (rules.length === 0) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="expiry-title">
      <h2 id="expiry-title">{env.t('directory.competence.expiringTitle', { count: rules.length, days: EXPIRY_WARNING_DAYS })}</h2>
      <ul>
        {rules.map((r) => (
          <li>
            <a href={`/admin/competence/${r.id}`}>
              {r.sector} / {r.violationType}
            </a>
            {' — '}
            {env.t('directory.competence.expiresOn', { date: formatDate(r.validUntil!), days: r.expiresInDays ?? 0 })}
            {'. '}
            {r.legalBasis}
          </li>
        ))}
      </ul>
      <p>{env.t('directory.competence.expiringHelp')}</p>
    </div>
  );
}

function RuleFormFields({ env, values, errors }: { env: PageEnv; values: FormValues; errors: FieldError[] }) {
  const text = (id: string, label: string, hint?: string, type: InputType = 'text') => (
    <Field id={id} label={label} errors={errors} {...(hint ? { hint } : {})}>
      <input
        // Preact types `type` as a discriminated union; these are all plain text-like inputs.
        type={type as 'text'}
        id={id}
        name={id}
        value={values[id] ?? ''}
        aria-describedby={describedBy(id, errors, !!hint)}
      />
    </Field>
  );
  return (
    <>
      {text('sector', env.t('directory.competence.sector'), env.t('directory.competence.slugHint'))}
      {text('violationType', env.t('directory.competence.violationType'), env.t('directory.competence.slugHint'))}
      <Field id="level" label={env.t('directory.agency.level')} errors={errors}>
        <select id="level" name="level" aria-describedby={describedBy('level', errors)}>
          <option value="province" selected={values.level !== 'commune'}>
            {env.t('agencyLevel.province')}
          </option>
          <option value="commune" selected={values.level === 'commune'}>
            {env.t('agencyLevel.commune')}
          </option>
        </select>
      </Field>
      <Field id="agencyKind" label={env.t('directory.agency.kind')} errors={errors}>
        <select id="agencyKind" name="agencyKind" aria-describedby={describedBy('agencyKind', errors)}>
          {agencyKinds.map((k) => (
            <option value={k} selected={values.agencyKind === k}>
              {env.t(`agencyKind.${k}`)}
            </option>
          ))}
        </select>
      </Field>
      {text('validFrom', env.t('directory.competence.validFrom'), env.t('directory.competence.dateHint'), 'date')}
      {text('validUntil', env.t('directory.competence.validUntil'), env.t('directory.competence.validUntilHint'), 'date')}
      <Field id="legalBasis" label={env.t('directory.competence.legalBasis')} errors={errors}>
        <textarea id="legalBasis" name="legalBasis" rows={2} aria-describedby={describedBy('legalBasis', errors)}>
          {values.legalBasis ?? ''}
        </textarea>
      </Field>
      <Field id="note" label={env.t('directory.competence.note')} errors={errors}>
        <textarea id="note" name="note" rows={2} aria-describedby={describedBy('note', errors)}>
          {values.note ?? ''}
        </textarea>
      </Field>
    </>
  );
}

function CompetencePage({
  env,
  result,
  expiring,
  values,
  errors,
  done,
}: {
  env: PageEnv;
  result: Awaited<ReturnType<typeof listCompetenceRules>>;
  expiring: CompetenceRuleView[];
  values: FormValues;
  errors: FieldError[];
  done?: string | undefined;
}) {
  return (
    <Layout env={env} title={env.t('directory.competence.title')}>
      <ErrorSummary env={env} errors={errors} />
      <Notice
        message={
          done === 'created' ? env.t('directory.competence.created') : done === 'saved' ? env.t('directory.competence.saved') : undefined
        }
      />
      <ExpiryBanner env={env} rules={expiring} />
      <p class="hint">{env.t('directory.competence.intro')}</p>
      {result.data.length === 0 ? (
        <Empty env={env} />
      ) : (
        <div class="table-wrap">
          <table>
            <caption>{env.t('directory.competence.caption', { total: result.page.total })}</caption>
            <thead>
              <tr>
                <th scope="col">{env.t('directory.competence.sector')}</th>
                <th scope="col">{env.t('directory.competence.violationType')}</th>
                <th scope="col">{env.t('directory.agency.level')}</th>
                <th scope="col">{env.t('directory.agency.kind')}</th>
                <th scope="col">{env.t('directory.competence.validFrom')}</th>
                <th scope="col">{env.t('directory.competence.validUntil')}</th>
                <th scope="col">{env.t('directory.competence.legalBasis')}</th>
              </tr>
            </thead>
            <tbody>
              {result.data.map((r) => (
                <tr>
                  <td>
                    <a href={`/admin/competence/${r.id}`}>{r.sector}</a>
                  </td>
                  <td>{r.violationType}</td>
                  <td>{env.t(`agencyLevel.${r.level}`)}</td>
                  <td>{env.t(`agencyKind.${r.agencyKind}`)}</td>
                  <td>{formatDate(r.validFrom)}</td>
                  <td>
                    {r.validUntil ? formatDate(r.validUntil) : env.t('directory.competence.openEnded')}
                    {r.expiring ? (
                      <>
                        {' '}
                        <span class="tag warn">{env.t('directory.competence.expiringTag', { days: r.expiresInDays ?? 0 })}</span>
                      </>
                    ) : r.expiresInDays !== null && r.expiresInDays <= 0 ? (
                      <>
                        {' '}
                        <span class="tag err">{env.t('directory.competence.expiredTag')}</span>
                      </>
                    ) : null}
                  </td>
                  <td>{r.legalBasis}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager env={env} page={result.page.page} pageSize={result.page.pageSize} total={result.page.total} query={{}} />
      <h2 id="create">{env.t('directory.competence.create')}</h2>
      <form method="post" action="/admin/competence" novalidate>
        <CsrfField env={env} />
        <RuleFormFields env={env} values={values} errors={errors} />
        <p>
          <button type="submit">{env.t('directory.competence.createSubmit')}</button>
        </p>
      </form>
    </Layout>
  );
}

function RuleEditPage({ env, rule, values, errors }: { env: PageEnv; rule: CompetenceRuleView; values: FormValues; errors: FieldError[] }) {
  return (
    <Layout env={env} title={env.t('directory.competence.editTitle', { sector: rule.sector, type: rule.violationType })}>
      <ErrorSummary env={env} errors={errors} />
      {rule.expiring ? <ExpiryBanner env={env} rules={[rule]} /> : null}
      <form method="post" action={`/admin/competence/${rule.id}`} novalidate>
        <CsrfField env={env} />
        <RuleFormFields env={env} values={values} errors={errors} />
        <p>
          <button type="submit">{env.t('common.save')}</button>
        </p>
      </form>
      <p>
        <a href={`/admin/audit?entityType=competence_rule&entityId=${rule.id}`}>{env.t('directory.agency.auditLink')}</a>
        {' · '}
        <a href="/admin/competence">{env.t('directory.competence.back')}</a>
      </p>
    </Layout>
  );
}

const valuesOf = (r: CompetenceRuleView): FormValues => ({
  sector: r.sector,
  violationType: r.violationType,
  level: r.level,
  agencyKind: r.agencyKind,
  validFrom: r.validFrom,
  validUntil: r.validUntil ?? '',
  legalBasis: r.legalBasis,
  note: r.note ?? '',
});

function ruleInput(body: Record<string, unknown>) {
  const v = nonBlank(body);
  return {
    ...v,
    validFrom: isoFromInput(v.validFrom),
    validUntil: isoFromInput(v.validUntil) ?? null,
    note: v.note ?? null,
  };
}

export function registerCompetencePages(root: FastifyInstance): void {
  const app = typed(root);
  const errorText = (env: PageEnv) => (f: string) => env.t(`directory.error.${f as 'sector'}`);

  const page = async (req: FastifyRequest, q: z.infer<typeof listQuery>, values: FormValues, errors: FieldError[]) => {
    const result = await listCompetenceRules(req.ctx, { page: q.page, pageSize: PAGE_SIZE });
    const expiring = await listExpiringCompetenceRules(req.ctx);
    return <CompetencePage env={pageEnv(req)} result={result} expiring={expiring} values={values} errors={errors} done={q.done} />;
  };

  app.get('/admin/competence', { schema: { hide: true, querystring: listQuery } }, async (req, reply) => {
    requirePermission(req.ctx, 'directory.manage');
    return sendPage(reply, await page(req, req.query, { level: 'province', agencyKind: 'so-cong-thuong' }, []));
  });

  app.post('/admin/competence', { schema: { hide: true, querystring: listQuery, body: formBody } }, async (req, reply) => {
    requirePermission(req.ctx, 'directory.manage');
    const env = pageEnv(req);
    const { _csrf: _, ...values } = req.body;
    try {
      await createCompetenceRule(req.ctx, createCompetenceRuleInput.parse(ruleInput(req.body)));
      return reply.redirect('/admin/competence?done=created', 303);
    } catch (e) {
      const errors = errorsFrom(e, ruleFields, errorText(env));
      if (!errors) throw e;
      return sendPage(reply, await page(req, req.query, values, errors), statusOf(e));
    }
  });

  app.get('/admin/competence/:id', { schema: { hide: true, params: idParams } }, async (req, reply) => {
    requirePermission(req.ctx, 'directory.manage');
    const rule = await getCompetenceRule(req.ctx, req.params.id);
    return sendPage(reply, <RuleEditPage env={pageEnv(req)} rule={rule} values={valuesOf(rule)} errors={[]} />);
  });

  app.post('/admin/competence/:id', { schema: { hide: true, params: idParams, body: formBody } }, async (req, reply) => {
    requirePermission(req.ctx, 'directory.manage');
    const env = pageEnv(req);
    const { _csrf: _, ...values } = req.body;
    try {
      await updateCompetenceRule(req.ctx, req.params.id, updateCompetenceRuleInput.parse(ruleInput(req.body)));
      return reply.redirect('/admin/competence?done=saved', 303);
    } catch (e) {
      const errors = errorsFrom(e, ruleFields, errorText(env));
      if (!errors) throw e;
      const rule = await getCompetenceRule(req.ctx, req.params.id);
      return sendPage(reply, <RuleEditPage env={env} rule={rule} values={values} errors={errors} />, statusOf(e));
    }
  });
}
