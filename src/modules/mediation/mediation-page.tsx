/** The page of one mediation (/mediation/:id): parties and consents, the Art. 64(3) rule, mediators, interpreters, sessions, outcome, performance. */
import { formatDate, formatDateTime } from '../../platform/i18n.js';
import { ErrorSummary, Layout } from '../../web/layout.js';
import {
  ActionForm,
  Input,
  Notice,
  Radios,
  Row,
  Section,
  Select,
  TextArea,
  tr,
  valuesOf,
  type MediationPageProps,
  type Option,
} from './components.js';
import { organisationTypeLabel, sessionModeLabel, statusLabel } from './texts.js';
import { Outcome, OutcomeForms } from './outcome-view.js';
import { StatusTag } from './views.js';

type P = MediationPageProps;

/** What the Art. 64(3) rule found: rules.ts words it in Vietnamese (the API's), the page says the same in its language. */
function ruleMessage(p: P): string {
  const r = p.m.languageRule;
  if (p.env.locale === 'vi') return r.message;
  const language = r.partyLanguage ? tr(p.env, 'rule.language', { language: r.partyLanguage }) : tr(p.env, 'rule.unknownLanguage');
  if (!r.satisfied) return tr(p.env, 'rule.blocked', { language });
  return r.by ? tr(p.env, `rule.${r.by}`, { language }) : r.message;
}

function LanguageRule(p: P) {
  const r = p.m.languageRule;
  if (!r.applies) return null;
  return (
    <Section id="language" title={tr(p.env, 'language.title')}>
      <p>
        {r.satisfied ? (
          <span class="tag ok">{tr(p.env, 'language.satisfied')}</span>
        ) : (
          <span class="tag warn">{tr(p.env, 'language.blocked')}</span>
        )}{' '}
        {ruleMessage(p)}
      </p>
      {r.partyLanguage ? <p class="hint">{tr(p.env, 'language.party', { language: r.partyLanguage })}</p> : null}
    </Section>
  );
}

function Mediators(p: P & { candidates: Option[] }) {
  const { m } = p;
  return (
    <Section id="mediators" title={tr(p.env, 'mediators.title')}>
      {m.mediators.length === 0 ? (
        <p class="hint">{tr(p.env, 'mediators.none')}</p>
      ) : (
        <ul>
          {m.mediators.map((x) => (
            <li>
              {x.fullName}
              {x.ethnicMinority ? <span class="tag">{tr(p.env, 'mediator.minority')}</span> : null}
              {x.languages.length > 0 ? <span class="hint">{tr(p.env, 'mediators.speaks', { list: x.languages.join(', ') })}</span> : null}
            </li>
          ))}
        </ul>
      )}
      {m.can.appoint ? (
        <ActionForm
          env={p.env}
          action={`/mediation/${m.id}/actions/appoint`}
          name="appoint"
          title={tr(p.env, 'appoint.title')}
          submit={tr(p.env, 'appoint.submit')}
          tone="secondary"
          open={p.form?.name === 'appoint'}
        >
          <p class="hint">{tr(p.env, 'appoint.hint')}</p>
          <Select
            id="appoint-mediatorId"
            name="mediatorId"
            label={tr(p.env, 'appoint.mediator')}
            placeholder={tr(p.env, 'appoint.placeholder')}
            options={p.candidates}
            value={valuesOf(p, 'appoint').mediatorId ?? ''}
            errors={p.errors}
          />
        </ActionForm>
      ) : null}
    </Section>
  );
}

function Interpreters(p: P) {
  const { m } = p;
  if (!m.languageRule.applies && m.interpreters.length === 0) return null;
  return (
    <Section id="interpreters" title={tr(p.env, 'interpreters.title')}>
      {m.interpreters.length === 0 ? (
        <p class="hint">{tr(p.env, 'interpreters.none')}</p>
      ) : (
        <ul>
          {m.interpreters.map((i) => (
            <li>
              {i.fullName}
              {tr(p.env, 'interpreters.language', { language: i.language })}
              <span class="hint">({formatDateTime(i.recordedAt)})</span>
            </li>
          ))}
        </ul>
      )}
      {m.can.recordInterpreter ? (
        <ActionForm
          env={p.env}
          action={`/mediation/${m.id}/actions/interpreter`}
          name="interpreter"
          title={tr(p.env, 'interpreter.title')}
          submit={tr(p.env, 'interpreter.submit')}
          tone="secondary"
          open={p.form?.name === 'interpreter' || !m.languageRule.satisfied}
        >
          <Input
            id="interpreter-fullName"
            name="fullName"
            label={tr(p.env, 'interpreter.fullName')}
            values={valuesOf(p, 'interpreter')}
            errors={p.errors}
          />
          <Input
            id="interpreter-language"
            name="language"
            label={tr(p.env, 'interpreter.language')}
            hint={
              m.languageRule.partyLanguage
                ? tr(p.env, 'interpreter.partyHint', { language: m.languageRule.partyLanguage })
                : tr(p.env, 'interpreter.exampleHint')
            }
            values={valuesOf(p, 'interpreter')}
            errors={p.errors}
            width="rq-w-10"
          />
        </ActionForm>
      ) : null}
    </Section>
  );
}

function Sessions(p: P) {
  const { m } = p;
  const v = valuesOf(p, 'session');
  return (
    <Section id="sessions" title={tr(p.env, 'sessions.title')}>
      {m.sessions.length === 0 ? (
        <p class="hint">{tr(p.env, 'sessions.none')}</p>
      ) : (
        <ul>
          {m.sessions.map((s) => (
            <li>
              <strong>{formatDateTime(s.startsAt)}</strong> · {sessionModeLabel(p.env.locale, s.mode)}:{' '}
              {s.mode === 'in_person' ? s.place : s.link}
              {s.note ? <p class="hint">{s.note}</p> : null}
            </li>
          ))}
        </ul>
      )}
      {m.can.schedule ? (
        <ActionForm
          env={p.env}
          action={`/mediation/${m.id}/actions/session`}
          name="session"
          title={tr(p.env, 'session.title')}
          submit={tr(p.env, 'session.submit')}
          open={p.form?.name === 'session'}
        >
          <p class="hint">{tr(p.env, 'session.hint')}</p>
          <Input id="session-date" name="date" type="date" label={tr(p.env, 'session.date')} values={v} errors={p.errors} />
          <Input
            id="session-time"
            name="time"
            label={tr(p.env, 'session.time')}
            hint={tr(p.env, 'hint.time')}
            values={v}
            errors={p.errors}
            width="rq-w-4"
          />
          <Radios
            id="session-mode"
            name="mode"
            label={tr(p.env, 'session.mode')}
            options={[
              { id: 'in_person', label: sessionModeLabel(p.env.locale, 'in_person') },
              { id: 'online', label: sessionModeLabel(p.env.locale, 'online') },
            ]}
            values={v}
            errors={p.errors}
          />
          <Input id="session-place" name="place" label={tr(p.env, 'session.place')} values={v} errors={p.errors} />
          <Input
            id="session-link"
            name="link"
            label={tr(p.env, 'session.link')}
            hint={tr(p.env, 'session.linkHint')}
            values={v}
            errors={p.errors}
          />
          <TextArea id="session-note" name="note" label={tr(p.env, 'session.note')} values={v} errors={p.errors} rows={2} />
        </ActionForm>
      ) : null}
    </Section>
  );
}

export function MediationPage(
  p: P & { notice?: string; candidates: Option[]; caseLink: boolean; downloads: { href: string; label: string }[] },
) {
  const { env, m } = p;
  return (
    <Layout env={env} title={tr(env, 'page.title', { code: m.request.code })}>
      <ErrorSummary env={env} errors={p.errors} />
      <Notice message={p.notice} />
      <p class="case-tags">
        <StatusTag status={m.status} label={statusLabel(env.locale, m.status)} />
        {m.languageRule.applies && !m.languageRule.satisfied ? <span class="tag warn">{tr(env, 'tag.needsLanguage')}</span> : null}
      </p>
      <nav class="case-nav" aria-label={tr(env, 'nav.label')}>
        <a href="/mediation">{tr(env, 'nav.back')}</a>
        {p.caseLink ? (
          <>
            {' · '}
            <a href={`/requests/${m.request.id}`}>{tr(env, 'nav.case', { code: m.request.code })}</a>
          </>
        ) : null}
      </nav>
      <div class="case-grid">
        <div class="case-main">
          <Section id="summary" title={tr(env, 'summary.title')}>
            <dl class="summary">
              <Row
                term={tr(env, 'summary.organisation')}
              >{`${m.organisation.name} — ${organisationTypeLabel(env.locale, m.organisation.type)}`}</Row>
              <Row term={tr(env, 'summary.consumer')}>
                {`${m.parties.consumer.name}${m.parties.consumer.ethnicMinority ? tr(env, 'summary.minority') : ''}`}
              </Row>
              <Row term={tr(env, 'summary.business')}>
                {`${m.parties.business.name}${m.parties.business.taxCode ? tr(env, 'summary.taxCode', { taxCode: m.parties.business.taxCode }) : ''}`}
              </Row>
              <Row term={tr(env, 'summary.consents')}>
                {tr(env, 'summary.consentsText', {
                  consumerOn: formatDate(m.consents.consumer.on),
                  consumerRef: m.consents.consumer.ref ? ` (${m.consents.consumer.ref})` : '',
                  businessOn: formatDate(m.consents.business.on),
                  businessRef: m.consents.business.ref ? ` (${m.consents.business.ref})` : '',
                })}
              </Row>
              <Row term={tr(env, 'summary.openedAt')}>{formatDateTime(m.openedAt)}</Row>
            </dl>
          </Section>
          {m.status === 'open' ? <OutcomeForms {...p} /> : <Outcome {...p} />}
        </div>
        <div class="case-side">
          <LanguageRule {...p} />
          <Mediators {...p} />
          <Interpreters {...p} />
          <Sessions {...p} />
        </div>
      </div>
    </Layout>
  );
}
