/**
 * The negotiation part of the officer's case page (issue 5): the form to forward the case to the
 * business (Art. 57(4)), the negotiation panel (the business's answer, the consumer's feedback,
 * the remedy, the report, the record), potential violations of missed business deadlines
 * (Decree 98/2020 Art. 61), the close form with its required outcome, and the hours per stage of
 * a closed case. Forms appear from `can`; the panel only shows what `getRequest` returns.
 */
import { formatDate, formatDateTime, formatVnd } from '../../platform/i18n.js';
import type { PageEnv } from '../../web/layout.js';
import type { Locale } from '../../platform/i18n.js';
import { recordReady } from './negotiation-record.js';
import { closingOutcomes } from './schema.js';
import {
  ActionForm,
  describedBy,
  FieldErrorText,
  one,
  Row,
  Section,
  Select,
  TextArea,
  type CaseView,
  type FieldError,
  type FormState,
  type FormValues,
} from './staff-components.js';
import { businessOutcomeText, closingOutcomeText, labelOf, publicResponseText, st, tr } from './staff-texts.js';

type FormProps = { env: PageEnv; c: CaseView; form: FormState | null; errors: FieldError[] };

/** The stages of a closed case, in the order of the lifecycle (labels: `stage.*` in staff-texts.ts). */
const stageOrder = ['received', 'accepted', 'forwarded', 'answered', 'resolved', 'closed'];

/** 30 → "30 giờ"; 50 → "2 ngày 2 giờ" (calendar hours, as stored). */
export function hoursText(h: number, locale: Locale = 'vi'): string {
  if (h < 24) return st(locale, 'hours.h', { h });
  const d = Math.floor(h / 24);
  return h % 24 === 0 ? st(locale, 'hours.d', { d }) : st(locale, 'hours.dh', { d, h: h % 24 });
}

const str = (o: Record<string, unknown> | null | undefined, k: string): string => (typeof o?.[k] === 'string' ? (o[k] as string) : '');

function TextInput(p: {
  id: string;
  name: string;
  label: string;
  hint?: string;
  values: FormValues;
  fallback?: string;
  errors: FieldError[];
  type?: 'text' | 'email';
}) {
  return (
    <div class="field">
      <label for={p.id}>{p.label}</label>
      {p.hint ? (
        <p class="hint" id={`${p.id}-hint`}>
          {p.hint}
        </p>
      ) : null}
      <FieldErrorText id={p.id} errors={p.errors} />
      <input
        type={(p.type ?? 'text') as 'text'}
        id={p.id}
        name={p.name}
        value={p.name in p.values ? one(p.values[p.name]) : (p.fallback ?? '')}
        aria-describedby={describedBy(p.id, p.errors, !!p.hint)}
      />
    </div>
  );
}

/** Forward to the business (Art. 57(4)): the tax code defaults to the case's. */
export function ForwardForm({ env, c, form, errors }: FormProps) {
  const v = form?.name === 'forward' ? form.values : {};
  return (
    <ActionForm
      env={env}
      id={c.id}
      action="forward"
      title={tr(env, 'forward.form')}
      submit={tr(env, 'forward.submit')}
      open={form?.name === 'forward'}
    >
      <p class="hint">{tr(env, 'forward.hint')}</p>
      <TextInput
        id="forward-taxCode"
        name="taxCode"
        label={tr(env, 'forward.taxCode')}
        hint={tr(env, 'forward.taxCodeHint')}
        values={v}
        fallback={str(c.business, 'taxCode')}
        errors={errors}
      />
      <TextInput
        id="forward-businessEmail"
        name="businessEmail"
        type="email"
        label={tr(env, 'forward.email', { optional: env.t('common.optional') })}
        hint={tr(env, 'forward.emailHint')}
        values={v}
        errors={errors}
      />
      <TextArea
        id="forward-note"
        name="note"
        label={tr(env, 'field.note', { optional: env.t('common.optional') })}
        values={v}
        errors={errors}
        rows={2}
      />
      <div class="check">
        <input type="checkbox" id="forward-confidential" name="confidential" value="yes" checked={one(v.confidential) === 'yes'} />
        <label for="forward-confidential">{tr(env, 'forward.confidential')}</label>
      </div>
    </ActionForm>
  );
}

/** Closing needs an outcome (issue 5); the consumer receives it and what to do next. */
export function CloseForm({ env, c, form, errors }: FormProps) {
  const v = form?.name === 'close' ? form.values : {};
  return (
    <ActionForm
      env={env}
      id={c.id}
      action="close"
      title={tr(env, 'close.form')}
      submit={tr(env, 'close.submit')}
      tone="secondary"
      open={form?.name === 'close'}
    >
      <p class="hint">{tr(env, 'close.hint')}</p>
      <Select
        id="close-outcome"
        name="outcome"
        label={tr(env, 'close.outcome')}
        placeholder={tr(env, 'close.chooseOutcome')}
        options={closingOutcomes.map((o) => ({ id: o, label: closingOutcomeText(env.locale, o) }))}
        value={one(v.outcome)}
        errors={errors}
      />
      <TextArea
        id="close-publicNote"
        name="publicNote"
        label={tr(env, 'field.publicNote', { optional: env.t('common.optional') })}
        values={v}
        errors={errors}
        rows={2}
      />
      <TextArea
        id="close-note"
        name="note"
        label={tr(env, 'field.internalNote', { optional: env.t('common.optional') })}
        values={v}
        errors={errors}
        rows={2}
      />
    </ActionForm>
  );
}

function Remedy({ env, r }: { env: PageEnv; r: { description: string; amountVnd?: number; dueDate?: string } }) {
  return (
    <>
      {r.description}
      {r.amountVnd !== undefined ? `, ${formatVnd(r.amountVnd)}` : ''}
      {r.dueDate ? tr(env, 'remedy.due', { date: formatDate(r.dueDate) }) : ''}
    </>
  );
}

/** The business's side of the case, the consumer's feedback, the record, and the invitation form. */
export function NegotiationSection({ env, c, form, errors }: FormProps) {
  const n = c.negotiation;
  if (!n) return null;
  const v = form?.name === 'invite' ? form.values : {};
  const outcome = n.outcome ? (env.locale === 'vi' ? n.outcomeLabel : businessOutcomeText(env.locale, n.outcome)) : null;
  const feedback =
    n.consumerAccepted === null
      ? n.respondedAt
        ? tr(env, 'neg.noFeedback')
        : undefined
      : `${n.consumerAccepted ? tr(env, 'neg.agreed') : tr(env, 'neg.disagreed')}${n.consumerRating ? tr(env, 'neg.rating', { n: n.consumerRating }) : ''}${n.feedbackAt ? ` (${formatDateTime(n.feedbackAt)})` : ''}`;
  return (
    <Section id="negotiation" title={tr(env, 'neg.title')}>
      {n.eligibilityWarning ? (
        <p class="notice" role="note">
          <strong>{tr(env, 'neg.warning')}</strong> {n.eligibilityWarning}
        </p>
      ) : null}
      {c.confidentialHidden ? (
        <p class="notice" role="note">
          {tr(env, 'neg.confidentialHidden')}
        </p>
      ) : null}
      <dl class="summary">
        <Row term={tr(env, 'neg.business')}>
          {n.businessName} · {tr(env, 'taxCode', { taxCode: n.businessTaxCode })}
          {n.confidential ? <span class="tag warn">{tr(env, 'neg.confidential')}</span> : null}
        </Row>
        <Row term={tr(env, 'neg.forwarded')}>{formatDateTime(n.forwardedAt)}</Row>
        <Row term={tr(env, 'neg.acknowledged')}>{n.acknowledgedAt ? formatDateTime(n.acknowledgedAt) : tr(env, 'neg.notYet')}</Row>
        <Row term={tr(env, 'neg.outcome')}>
          {outcome ? `${outcome}${n.respondedAt ? ` (${formatDateTime(n.respondedAt)})` : ''}` : undefined}
        </Row>
        <Row term={tr(env, 'neg.explanation')}>{n.explanation ? <p class="prose">{n.explanation}</p> : undefined}</Row>
        <Row term={tr(env, 'neg.remedy')}>{n.remedy ? <Remedy env={env} r={n.remedy} /> : undefined}</Row>
        <Row term={tr(env, 'neg.publicResponse')}>{n.publicResponse ? publicResponseText(env.locale, n.publicResponse) : undefined}</Row>
        <Row term={tr(env, 'neg.feedback')}>{feedback}</Row>
        <Row term={tr(env, 'neg.remedyReceived')}>
          {n.remedyReceivedAt
            ? formatDateTime(n.remedyReceivedAt)
            : n.remedy && n.consumerAccepted
              ? tr(env, 'neg.unconfirmed')
              : undefined}
        </Row>
        <Row term={tr(env, 'neg.report')}>
          {n.resultReportedAt
            ? tr(env, 'neg.reported', { at: formatDateTime(n.resultReportedAt) })
            : n.respondedAt
              ? tr(env, 'neg.notYet')
              : undefined}
        </Row>
        <Row term={tr(env, 'neg.reopened')}>{n.reopenCount > 0 ? tr(env, 'neg.times', { n: n.reopenCount }) : undefined}</Row>
      </dl>
      {recordReady(n) && !c.confidentialHidden ? (
        <p>
          {tr(env, 'neg.record')}{' '}
          <a href={`/api/v1/requests/${c.id}/negotiation-record?format=docx`} download>
            {tr(env, 'neg.docx')}
          </a>{' '}
          · <a href={`/api/v1/requests/${c.id}/negotiation-record?format=pdf`}>{tr(env, 'neg.pdf')}</a>
        </p>
      ) : null}
      {c.can.note ? (
        <ActionForm
          env={env}
          id={c.id}
          action="invite-business"
          title={tr(env, 'invite.form')}
          submit={tr(env, 'invite.submit')}
          tone="secondary"
          open={form?.name === 'invite'}
        >
          <p class="hint">{tr(env, 'invite.hint', { taxCode: n.businessTaxCode })}</p>
          <TextInput id="invite-email" name="email" type="email" label={tr(env, 'invite.email')} values={v} errors={errors} />
        </ActionForm>
      ) : null}
    </Section>
  );
}

/** Missed business deadlines (Decree 98/2020 Art. 61), ready for the inspections module. */
export function ViolationsSection({ env, c }: { env: PageEnv; c: CaseView }) {
  if (c.potentialViolations.length === 0) return null;
  return (
    <Section id="violations" title={tr(env, 'viol.title')}>
      <ul class="notes">
        {c.potentialViolations.map((v) => (
          <li>
            <strong>{labelOf(env.locale, 'violationRule', v.rule)}</strong>{' '}
            <span class="tag err">{labelOf(env.locale, 'violationStatus', v.status)}</span>
            <br />
            {tr(env, 'viol.basis', { basis: v.legalBasis })}
            <br />
            {tr(env, 'viol.fine', { min: formatVnd(v.fineMinVnd), max: formatVnd(v.fineMaxVnd) })}{' '}
            <span class="hint">{tr(env, 'viol.fineNote')}</span>
            <br />
            <span class="hint">{tr(env, 'viol.recorded', { date: formatDate(v.createdAt) })}</span>
          </li>
        ))}
      </ul>
    </Section>
  );
}

/** The closing outcome and the hours spent in each stage. */
export function ClosingSection({ env, c }: { env: PageEnv; c: CaseView }) {
  if (!c.closedAt) return null;
  // jsonb does not keep key order: the stages in the order of the lifecycle.
  const at = (k: string) => stageOrder.indexOf(k.split('_to_')[0] ?? '');
  const stage = (s: string | undefined) => labelOf(env.locale, 'stage', s ?? '');
  const stages = Object.entries(c.stageTimes ?? {})
    .filter(([k]) => k !== 'total')
    .sort(([a], [b]) => at(a) - at(b));
  return (
    <Section id="closing" title={tr(env, 'closing.title')}>
      <dl class="summary">
        <Row term={tr(env, 'closing.outcome')}>{c.closingOutcome ? closingOutcomeText(env.locale, c.closingOutcome) : undefined}</Row>
        <Row term={tr(env, 'closing.closed')}>{formatDateTime(c.closedAt)}</Row>
        <Row term={tr(env, 'closing.total')}>
          {c.stageTimes?.total !== undefined ? hoursText(c.stageTimes.total, env.locale) : undefined}
        </Row>
      </dl>
      {stages.length > 0 ? (
        <div class="table-wrap">
          <table>
            <caption class="hint">{tr(env, 'closing.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{tr(env, 'closing.stage')}</th>
                <th scope="col">{tr(env, 'closing.time')}</th>
              </tr>
            </thead>
            <tbody>
              {stages.map(([k, h]) => {
                const [from, to] = k.split('_to_');
                return (
                  <tr>
                    <th scope="row">
                      {stage(from)} → {stage(to)}
                    </th>
                    <td>{hoursText(h, env.locale)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </Section>
  );
}
