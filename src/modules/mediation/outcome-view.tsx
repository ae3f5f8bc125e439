/** The outcome part of the mediation page: the two outcome forms (Art. 65 record, failure) and the recorded outcome with performance. */
import { formatDate, formatDateTime, formatVnd } from '../../platform/i18n.js';
import {
  ActionForm,
  Checkbox,
  Input,
  Radios,
  Row,
  Section,
  TextArea,
  tr,
  valuesOf,
  type MediationPageProps as P,
  type Option,
} from './components.js';
import { heldForms } from './schema.js';
import { performanceLabel, sessionModeLabel } from './texts.js';

const heldFormOptions = (p: P): Option[] => heldForms.map((id) => ({ id, label: sessionModeLabel(p.env.locale, id) }));

export function OutcomeForms(p: P) {
  const { m } = p;
  const s = valuesOf(p, 'success');
  const u = valuesOf(p, 'unsuccessful');
  return (
    <Section id="outcome" title={tr(p.env, 'outcome.title')}>
      <ActionForm
        env={p.env}
        action={`/mediation/${m.id}/actions/success`}
        name="success"
        title={tr(p.env, 'success.title')}
        submit={tr(p.env, 'success.submit')}
        open={p.form?.name === 'success'}
      >
        <p class="hint">
          {tr(p.env, 'success.hint', {
            organisation: m.organisation.name,
            mediators: m.mediators.map((x) => x.fullName).join(', ') || tr(p.env, 'success.noMediator'),
            consumer: m.parties.consumer.name,
            business: m.parties.business.name,
          })}
        </p>
        <Input id="success-heldDate" name="heldDate" type="date" label={tr(p.env, 'success.heldDate')} values={s} errors={p.errors} />
        <Input
          id="success-heldTime"
          name="heldTime"
          label={tr(p.env, 'unsuccessful.heldTime')}
          hint={tr(p.env, 'hint.time')}
          values={s}
          errors={p.errors}
          width="rq-w-4"
        />
        <Input
          id="success-place"
          name="place"
          label={tr(p.env, 'success.place')}
          hint={tr(p.env, 'unsuccessful.placeHint')}
          values={s}
          errors={p.errors}
        />
        <Radios
          id="success-form"
          name="form"
          label={tr(p.env, 'success.form')}
          options={heldFormOptions(p)}
          values={{ form: 'in_person', ...s }}
          errors={p.errors}
        />
        <Input
          id="success-consumerAddress"
          name="consumerAddress"
          label={tr(p.env, 'success.consumerAddress')}
          values={s}
          errors={p.errors}
        />
        <Input
          id="success-businessAddress"
          name="businessAddress"
          label={tr(p.env, 'success.businessAddress')}
          values={s}
          errors={p.errors}
        />
        <Input
          id="success-businessRepresentative"
          name="businessRepresentative"
          label={tr(p.env, 'success.businessRepresentative')}
          hint={tr(p.env, 'success.businessRepresentativeHint')}
          values={s}
          errors={p.errors}
        />
        <TextArea
          id="success-disputeContent"
          name="disputeContent"
          label={tr(p.env, 'success.disputeContent')}
          values={s}
          errors={p.errors}
        />
        <TextArea
          id="success-consumerOpinion"
          name="consumerOpinion"
          label={tr(p.env, 'success.consumerOpinion')}
          values={s}
          errors={p.errors}
        />
        <TextArea
          id="success-businessOpinion"
          name="businessOpinion"
          label={tr(p.env, 'success.businessOpinion')}
          values={s}
          errors={p.errors}
        />
        <TextArea id="success-solution" name="solution" label={tr(p.env, 'success.solution')} values={s} errors={p.errors} />
        <Input
          id="success-performBy"
          name="performBy"
          type="date"
          label={tr(p.env, 'success.performBy')}
          hint={tr(p.env, 'success.performByHint')}
          values={s}
          errors={p.errors}
        />
        <TextArea
          id="success-otherTerms"
          name="otherTerms"
          label={tr(p.env, 'success.otherTerms')}
          hint={tr(p.env, 'success.otherTermsHint')}
          values={s}
          errors={p.errors}
          rows={2}
        />
        <Checkbox id="success-partiesSigned" name="partiesSigned" label={tr(p.env, 'success.partiesSigned')} values={s} errors={p.errors} />
        <Checkbox
          id="success-mediatorSigned"
          name="mediatorSigned"
          label={tr(p.env, 'success.mediatorSigned')}
          values={s}
          errors={p.errors}
        />
        <Checkbox id="success-sealApplied" name="sealApplied" label={tr(p.env, 'success.sealApplied')} values={s} errors={p.errors} />
      </ActionForm>
      <ActionForm
        env={p.env}
        action={`/mediation/${m.id}/actions/unsuccessful`}
        name="unsuccessful"
        title={tr(p.env, 'unsuccessful.title')}
        submit={tr(p.env, 'unsuccessful.submit')}
        tone="secondary"
        open={p.form?.name === 'unsuccessful'}
      >
        <p class="hint">{tr(p.env, 'unsuccessful.hint')}</p>
        <Input
          id="unsuccessful-heldDate"
          name="heldDate"
          type="date"
          label={tr(p.env, 'unsuccessful.heldDate')}
          values={u}
          errors={p.errors}
        />
        <Input
          id="unsuccessful-heldTime"
          name="heldTime"
          label={tr(p.env, 'unsuccessful.heldTime')}
          hint={tr(p.env, 'hint.time')}
          values={u}
          errors={p.errors}
          width="rq-w-4"
        />
        <Input
          id="unsuccessful-place"
          name="place"
          label={tr(p.env, 'unsuccessful.place')}
          hint={tr(p.env, 'unsuccessful.placeHint')}
          values={u}
          errors={p.errors}
        />
        <Radios
          id="unsuccessful-form"
          name="form"
          label={tr(p.env, 'unsuccessful.form')}
          options={heldFormOptions(p)}
          values={{ form: 'in_person', ...u }}
          errors={p.errors}
        />
        <Input
          id="unsuccessful-businessRepresentative"
          name="businessRepresentative"
          label={tr(p.env, 'unsuccessful.businessRepresentative')}
          values={u}
          errors={p.errors}
        />
        <TextArea
          id="unsuccessful-consumerOpinion"
          name="consumerOpinion"
          label={tr(p.env, 'unsuccessful.consumerOpinion')}
          values={u}
          errors={p.errors}
        />
        <TextArea
          id="unsuccessful-businessOpinion"
          name="businessOpinion"
          label={tr(p.env, 'unsuccessful.businessOpinion')}
          values={u}
          errors={p.errors}
        />
        <TextArea id="unsuccessful-reason" name="reason" label={tr(p.env, 'unsuccessful.reason')} values={u} errors={p.errors} />
        <Radios
          id="unsuccessful-arbitrationClause"
          name="arbitrationClause"
          label={tr(p.env, 'unsuccessful.arbitrationClause')}
          options={[
            { id: 'none', label: tr(p.env, 'arbitration.none') },
            { id: 'agreed', label: tr(p.env, 'arbitration.agreed') },
            { id: 'standard_form', label: tr(p.env, 'arbitration.standard_form') },
          ]}
          values={{ arbitrationClause: 'none', ...u }}
          errors={p.errors}
        />
        <Input
          id="unsuccessful-disputedAmount"
          name="disputedAmount"
          label={tr(p.env, 'unsuccessful.disputedAmount')}
          hint={tr(p.env, 'unsuccessful.disputedAmountHint')}
          values={u}
          errors={p.errors}
          inputmode="numeric"
          width="rq-w-10"
        />
      </ActionForm>
    </Section>
  );
}

type Rec = Record<string, unknown> & {
  parties?: {
    consumer?: { name?: string; address?: string | null };
    business?: { name?: string; address?: string | null; representative?: string | null };
  };
  mediators?: string[];
  signatures?: { partiesSigned?: boolean; mediatorSigned?: boolean; sealApplied?: boolean };
};
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

export function Outcome(p: P & { downloads: { href: string; label: string }[] }) {
  const { env, m } = p;
  const o = m.outcome;
  if (!o) return null;
  const r = o.record as Rec;
  const perf = m.performance;
  return (
    <Section id="outcome" title={tr(env, o.result === 'success' ? 'record.successTitle' : 'unsuccessful.title')}>
      <dl class="summary">
        <Row term={tr(env, 'record.organisation')}>{`${m.organisation.name}; ${(r.mediators ?? []).join(', ')}`}</Row>
        <Row term={tr(env, 'record.parties')}>{`${r.parties?.consumer?.name ?? ''} — ${r.parties?.business?.name ?? ''}`}</Row>
        <Row term={tr(env, 'record.consumerAddress')}>{r.parties?.consumer?.address ?? undefined}</Row>
        <Row term={tr(env, 'record.businessAddress')}>{r.parties?.business?.address ?? undefined}</Row>
        <Row term={tr(env, 'record.representative')}>{r.parties?.business?.representative ?? undefined}</Row>
        <Row term={tr(env, 'record.heldAt')}>{`${str(r.heldAt) ? formatDateTime(str(r.heldAt)!) : ''}, ${str(r.place) ?? ''}`}</Row>
        <Row term={tr(env, 'record.disputeContent')}>{str(r.disputeContent)}</Row>
        <Row term={tr(env, 'record.consumerOpinion')}>{str(r.consumerOpinion)}</Row>
        <Row term={tr(env, 'record.businessOpinion')}>{str(r.businessOpinion)}</Row>
        <Row term={tr(env, 'record.solution')}>{str(r.solution)}</Row>
        <Row term={tr(env, 'record.performBy')}>{str(r.performBy) ? formatDate(str(r.performBy)!) : undefined}</Row>
        <Row term={tr(env, 'record.otherTerms')}>{str(r.otherTerms)}</Row>
        <Row term={tr(env, 'record.signatures')}>
          {r.signatures
            ? [
                r.signatures.partiesSigned ? tr(env, 'record.partiesSigned') : '',
                r.signatures.mediatorSigned ? tr(env, 'record.mediatorSigned') : '',
                r.signatures.sealApplied ? tr(env, 'record.sealApplied') : '',
              ]
                .filter(Boolean)
                .join('; ')
            : undefined}
        </Row>
        <Row term={tr(env, 'record.reason')}>{str(r.reason)}</Row>
        <Row term={tr(env, 'record.disputedAmount')}>
          {typeof r.disputedAmountVnd === 'number' ? formatVnd(r.disputedAmountVnd) : undefined}
        </Row>
      </dl>
      {o.options.length > 0 ? (
        <>
          <h3>{tr(env, 'record.options')}</h3>
          <ul>
            {o.options.map((x) => (
              <li>
                <strong>{x.title}</strong>: {x.text} <span class="hint">({x.legalBasis})</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {p.downloads.length > 0 ? (
        <p>
          {p.downloads.map((d, i) => (
            <>
              {i > 0 ? ' · ' : ''}
              <a href={d.href}>{d.label}</a>
            </>
          ))}
        </p>
      ) : null}
      {perf ? (
        <>
          <h3>{tr(env, 'perf.title')}</h3>
          <p>
            {tr(env, 'perf.due')}
            <strong>{formatDate(perf.performBy)}</strong> <span class="tag">{performanceLabel(env.locale, perf.state)}</span>
            {perf.overdue ? <span class="tag err">{tr(env, 'tag.overdue')}</span> : null}
            {perf.late ? <span class="tag warn">{tr(env, 'tag.late')}</span> : null}
          </p>
          <p class="hint">{perf.explanation}</p>
          {perf.note ? <p class="prose">{perf.note}</p> : null}
          {m.can.recordPerformance ? (
            <ActionForm
              env={p.env}
              action={`/mediation/${m.id}/actions/performance`}
              name="performance"
              title={tr(env, 'perf.form')}
              submit={tr(env, 'perf.submit')}
              open={p.form?.name === 'performance'}
            >
              <Radios
                id="performance-performed"
                name="performed"
                label={tr(env, 'perf.performed')}
                options={[
                  { id: 'yes', label: performanceLabel(env.locale, 'performed') },
                  { id: 'no', label: performanceLabel(env.locale, 'not_performed') },
                ]}
                values={valuesOf(p, 'performance')}
                errors={p.errors}
              />
              <TextArea
                id="performance-note"
                name="note"
                label={tr(env, 'perf.note')}
                values={valuesOf(p, 'performance')}
                errors={p.errors}
                rows={2}
              />
            </ActionForm>
          ) : null}
        </>
      ) : null}
    </Section>
  );
}
