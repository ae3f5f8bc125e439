/** The mediation list (/mediation) with the opening form, and the register (/mediation/organisations). */
import { formatDate, formatDateTime } from '../../platform/i18n.js';
import { ErrorSummary, Layout, Pager, type PageEnv } from '../../web/layout.js';
import { ActionForm, Checkbox, Input, Notice, Section, Select, tr, type FieldError, type FormState, type Option } from './components.js';
import type { MediationSummaryView, MediatorView, OrganisationView } from './schema.js';
import { attestationLabel, organisationTypeLabel, performanceLabel, statusLabel } from './texts.js';

export function StatusTag({ status, label }: { status: string; label: string }) {
  const tone = status === 'succeeded' ? 'ok' : status === 'failed' ? 'err' : '';
  return <span class={`tag ${tone}`}>{label}</span>;
}

export function ListPage(p: {
  env: PageEnv;
  result: { data: MediationSummaryView[]; page: { page: number; pageSize: number; total: number } };
  notice?: string;
  errors: FieldError[];
  form: FormState | null;
  canOpen: boolean;
  organisations: Option[];
}) {
  const { env, result } = p;
  const values = p.form?.name === 'open' ? p.form.values : {};
  return (
    <Layout env={env} title={tr(env, 'list.title')}>
      <ErrorSummary env={env} errors={p.errors} />
      <Notice message={p.notice} />
      <p>
        {tr(env, 'list.intro')} <a href="/mediation/organisations">{tr(env, 'list.register')}</a>
      </p>
      <div class="table-wrap">
        <table class="cases">
          <caption>{tr(env, 'list.caption', { count: result.page.total })}</caption>
          <thead>
            <tr>
              <th scope="col">{tr(env, 'col.case')}</th>
              <th scope="col">{tr(env, 'col.organisation')}</th>
              <th scope="col">{tr(env, 'col.status')}</th>
              <th scope="col">{tr(env, 'col.nextSession')}</th>
              <th scope="col">{tr(env, 'col.performance')}</th>
            </tr>
          </thead>
          <tbody>
            {result.data.length === 0 ? (
              <tr>
                <td colSpan={5}>{tr(env, 'list.none')}</td>
              </tr>
            ) : (
              result.data.map((m) => (
                <tr>
                  <th scope="row" data-label={tr(env, 'col.case')}>
                    <a href={`/mediation/${m.id}`}>{m.requestCode}</a>
                  </th>
                  <td data-label={tr(env, 'col.organisationShort')}>{m.organisationName}</td>
                  <td data-label={tr(env, 'col.status')}>
                    <StatusTag status={m.status} label={statusLabel(env.locale, m.status)} />
                    {m.languageRuleBlocking ? <span class="tag warn">{tr(env, 'tag.languageBlocking')}</span> : null}
                  </td>
                  <td data-label={tr(env, 'col.nextSession')}>{m.nextSessionAt ? formatDateTime(m.nextSessionAt) : '—'}</td>
                  <td data-label={tr(env, 'col.performance')}>
                    {m.performBy ? tr(env, 'list.due', { date: formatDate(m.performBy) }) : '—'}
                    {m.performance ? <span class="tag">{performanceLabel(env.locale, m.performance)}</span> : null}
                    {m.overdue ? <span class="tag err">{tr(env, 'tag.overdue')}</span> : null}
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      <Pager env={env} page={result.page.page} pageSize={result.page.pageSize} total={result.page.total} query={{}} />
      {p.canOpen ? (
        <Section id="open" title={tr(env, 'open.title')}>
          <ActionForm
            env={env}
            action="/mediation/open"
            name="open"
            title={tr(env, 'open.form')}
            submit={tr(env, 'open.submit')}
            open={p.form?.name === 'open' || !!values.requestCode}
          >
            <p class="hint">{tr(env, 'open.hint')}</p>
            <Input
              id="open-requestCode"
              name="requestCode"
              label={tr(env, 'open.requestCode')}
              hint={tr(env, 'open.requestCodeHint')}
              values={values}
              errors={p.errors}
              width="rq-w-10"
            />
            <Select
              id="open-organisationId"
              name="organisationId"
              label={tr(env, 'col.organisation')}
              placeholder={tr(env, 'open.organisationPlaceholder')}
              options={p.organisations}
              value={values.organisationId ?? ''}
              errors={p.errors}
            />
            <Input
              id="open-consumerConsentOn"
              name="consumerConsentOn"
              type="date"
              label={tr(env, 'open.consumerConsentOn')}
              values={values}
              errors={p.errors}
            />
            <Input
              id="open-consumerConsentRef"
              name="consumerConsentRef"
              label={tr(env, 'open.consumerConsentRef')}
              hint={tr(env, 'open.consentRefHint')}
              values={values}
              errors={p.errors}
            />
            <Input
              id="open-businessConsentOn"
              name="businessConsentOn"
              type="date"
              label={tr(env, 'open.businessConsentOn')}
              values={values}
              errors={p.errors}
            />
            <Input
              id="open-businessConsentRef"
              name="businessConsentRef"
              label={tr(env, 'open.businessConsentRef')}
              values={values}
              errors={p.errors}
            />
            <Input
              id="open-businessEmail"
              name="businessEmail"
              type="email"
              label={tr(env, 'open.businessEmail')}
              values={values}
              errors={p.errors}
            />
            <Input
              id="open-partyLanguage"
              name="partyLanguage"
              label={tr(env, 'open.partyLanguage')}
              hint={tr(env, 'open.partyLanguageHint')}
              values={values}
              errors={p.errors}
              width="rq-w-10"
            />
            <Checkbox
              id="open-businessEthnicMinority"
              name="businessEthnicMinority"
              label={tr(env, 'open.businessEthnicMinority')}
              values={values}
              errors={p.errors}
            />
          </ActionForm>
        </Section>
      ) : null}
    </Layout>
  );
}

function MediatorRow({ env, m }: { env: PageEnv; m: MediatorView }) {
  return (
    <tr>
      <th scope="row" data-label={tr(env, 'col.mediator')}>
        {m.fullName}
      </th>
      <td data-label={tr(env, 'col.languagesShort')}>
        {m.languages.length > 0 ? m.languages.join(', ') : '—'}
        {m.ethnicMinority ? (
          <span class="tag">
            {tr(env, 'mediator.minority')}
            {m.ethnicGroup ? ` (${m.ethnicGroup})` : ''}
          </span>
        ) : null}
      </td>
      <td data-label={tr(env, 'col.eligibilityLong')}>
        {m.eligibility.eligible ? (
          <span class="tag ok">{tr(env, 'mediator.eligible')}</span>
        ) : (
          <>
            <span class="tag err">{tr(env, 'mediator.notEligible')}</span>
            <span class="hint">
              {tr(env, 'mediator.missing', {
                list: m.eligibility.missing.map((x) => attestationLabel(env.locale, x.kind)).join('; '),
              })}
            </span>
          </>
        )}
      </td>
      <td data-label={tr(env, 'col.published')}>
        {m.recognisedAt ? tr(env, 'mediator.publishedOn', { date: formatDate(m.recognisedAt) }) : tr(env, 'mediator.notPublished')}
      </td>
    </tr>
  );
}

export function RegisterPage(p: { env: PageEnv; organisations: (OrganisationView & { mediators: MediatorView[] })[] }) {
  return (
    <Layout env={p.env} title={tr(p.env, 'register.title')}>
      <p>
        {tr(p.env, 'register.intro')} <a href="/mediation">{tr(p.env, 'register.back')}</a>
      </p>
      {p.organisations.length === 0 ? <p>{tr(p.env, 'register.none')}</p> : null}
      {p.organisations.map((o) => (
        <Section id={`org-${o.id}`} title={o.name}>
          <p class="hint">
            {organisationTypeLabel(p.env.locale, o.type)}
            {o.active ? null : tr(p.env, 'register.inactive')}
          </p>
          <p>
            <a href={`/api/v1/mediation/organisations/${o.id}/published-mediators`}>{tr(p.env, 'register.published')}</a>
          </p>
          <div class="table-wrap">
            <table class="cases">
              <caption>{tr(p.env, 'register.caption', { count: o.mediators.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{tr(p.env, 'col.mediator')}</th>
                  <th scope="col">{tr(p.env, 'col.languages')}</th>
                  <th scope="col">{tr(p.env, 'col.eligibility')}</th>
                  <th scope="col">{tr(p.env, 'col.published')}</th>
                </tr>
              </thead>
              <tbody>
                {o.mediators.map((m) => (
                  <MediatorRow env={p.env} m={m} />
                ))}
              </tbody>
            </table>
          </div>
        </Section>
      ))}
    </Layout>
  );
}
