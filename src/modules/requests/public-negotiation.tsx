/**
 * The negotiation part of the consumer's tracking page (issue 5): the business's answer, and the
 * forms the tracking view's `can` allows (accept or reject with a 1–5 rating and a comment,
 * confirm that the remedy arrived, reopen with a reason), each posting with the tracking secret;
 * and, once the case is closed, its outcome and what the consumer can still do.
 */
import type { ComponentChildren } from 'preact';
import { formatDate, formatVnd } from '../../platform/i18n.js';
import { CsrfField, type PageEnv } from '../../web/layout.js';
import { Choices, TextArea } from './public-fields.js';
import { pt, type PublicKey } from './public-texts.js';
import type { trackRequest } from './tracking.js';

type TrackData = Awaited<ReturnType<typeof trackRequest>>;
type Negotiation = NonNullable<TrackData['negotiation']>;

/** A refused consumer form, or the notice after one went through. */
export interface FeedbackState {
  form?: 'feedback' | 'remedy' | 'reopen';
  errors?: { field?: string; message: string }[];
  values?: Record<string, string>;
  done?: 'feedback' | 'remedy' | 'reopened';
}

const tr = (env: PageEnv, key: PublicKey, params?: Record<string, string | number>) => pt(env.locale, key, params);
const counter = (env: PageEnv) => tr(env, 'js.counter');

function Form(p: {
  env: PageEnv;
  code: string;
  secret: string;
  action: string;
  submit: string;
  secondary?: boolean;
  children?: ComponentChildren;
}) {
  return (
    <form method="post" action={`/tra-cuu/${p.code}/${p.action}`} novalidate class="rq-form">
      <CsrfField env={p.env} />
      <input type="hidden" name="secret" value={p.secret} />
      {p.children}
      <div class="rq-buttons">
        <button type="submit" class={p.secondary ? 'secondary' : undefined}>
          {p.submit}
        </button>
      </div>
    </form>
  );
}

function outcomeText(env: PageEnv, n: Negotiation): string | null {
  if (!n.outcome) return null;
  const key = `neg.outcome.${n.outcome}` as PublicKey;
  return env.locale === 'vi' ? (n.outcomeLabel ?? tr(env, key)) : tr(env, key);
}

function remedyText(env: PageEnv, r: NonNullable<Negotiation['remedy']>): string {
  return [
    r.description,
    r.amountVnd !== undefined ? tr(env, 'neg.remedy.amount', { amount: formatVnd(r.amountVnd) }) : '',
    r.dueDate ? tr(env, 'neg.remedy.due', { date: formatDate(r.dueDate) }) : '',
  ]
    .filter(Boolean)
    .join(', ');
}

export function NegotiationPanel(p: { env: PageEnv; data: TrackData; secret: string; state: FeedbackState; reopenDays: number }) {
  const { env, data, secret, state } = p;
  const n = data.negotiation;
  if (!n) return null;
  const mine = (f: FeedbackState['form']) => (state.form === f ? (state.errors ?? []) : []);
  const err = (f: FeedbackState['form'], field: string) => mine(f).find((e) => e.field === field)?.message;
  const v = (f: FeedbackState['form']) => (state.form === f ? (state.values ?? {}) : {});
  const outcome = outcomeText(env, n);
  return (
    <section aria-labelledby="negotiation-title" id="negotiation">
      <h2 id="negotiation-title">{tr(env, 'neg.title')}</h2>
      {state.done ? (
        <div class="notice" role="status">
          {tr(env, `neg.done.${state.done}`)}
        </div>
      ) : null}
      {n.respondedAt ? (
        <dl class="summary rq-facts">
          <dt>{tr(env, 'neg.business')}</dt>
          <dd>{n.businessName}</dd>
          {outcome ? (
            <>
              <dt>{tr(env, 'neg.outcome')}</dt>
              <dd>{outcome}</dd>
            </>
          ) : null}
          <dt>{tr(env, 'neg.explanation')}</dt>
          <dd class="prose">{n.explanation ?? tr(env, 'neg.confidential')}</dd>
          {n.remedy ? (
            <>
              <dt>{tr(env, 'neg.remedy')}</dt>
              <dd>{remedyText(env, n.remedy)}</dd>
            </>
          ) : null}
          <dt>{tr(env, 'neg.respondedAt')}</dt>
          <dd>{formatDate(n.respondedAt)}</dd>
          {n.consumerAccepted !== null ? (
            <>
              <dt>{tr(env, 'neg.yourAnswer')}</dt>
              <dd>
                {tr(env, n.consumerAccepted ? 'neg.accepted' : 'neg.rejected')} {n.rating ? tr(env, 'neg.rating', { n: n.rating }) : ''}
                {n.remedyReceivedAt ? (
                  <>
                    <br />
                    {tr(env, 'neg.received', { date: formatDate(n.remedyReceivedAt) })}
                  </>
                ) : null}
              </dd>
            </>
          ) : null}
        </dl>
      ) : (
        <p>{tr(env, 'neg.forwarded', { business: n.businessName })}</p>
      )}
      {n.can.feedback ? (
        <Form env={env} code={data.code} secret={secret} action="y-kien" submit={tr(env, 'neg.feedback.submit')}>
          <Choices
            id="accepted"
            type="radio"
            label={tr(env, 'neg.feedback.title')}
            legendClass="rq-legend-m"
            choices={[
              { value: 'yes', label: tr(env, 'neg.feedback.yes'), hint: tr(env, 'neg.feedback.yes.hint') },
              { value: 'no', label: tr(env, 'neg.feedback.no'), hint: tr(env, 'neg.feedback.no.hint') },
            ]}
            selected={v('feedback').accepted ? [v('feedback').accepted!] : []}
            error={err('feedback', 'accepted')}
          />
          <Choices
            id="rating"
            type="radio"
            label={tr(env, 'neg.rating.label')}
            choices={[1, 2, 3, 4, 5].map((i) => ({ value: String(i), label: tr(env, `neg.rating.${i}` as PublicKey) }))}
            selected={v('feedback').rating ? [v('feedback').rating!] : []}
            error={err('feedback', 'rating')}
          />
          <TextArea
            id="comment"
            label={tr(env, 'neg.comment')}
            value={v('feedback').comment ?? ''}
            rows={3}
            max={2000}
            counterText={counter(env)}
            error={err('feedback', 'comment')}
          />
        </Form>
      ) : null}
      {n.can.confirmRemedy ? (
        <>
          <h3>{tr(env, 'neg.confirm.title')}</h3>
          <p>{tr(env, 'neg.confirm.lead')}</p>
          <Form env={env} code={data.code} secret={secret} action="da-nhan" submit={tr(env, 'neg.confirm.submit')} />
        </>
      ) : null}
      {n.can.reopen ? (
        <details class="rq-details" open={state.form === 'reopen'}>
          <summary>{tr(env, 'neg.reopen.title')}</summary>
          <Form env={env} code={data.code} secret={secret} action="mo-lai" submit={tr(env, 'neg.reopen.submit')} secondary>
            <TextArea
              id="reason"
              label={tr(env, 'neg.reopen.reason')}
              hint={tr(env, 'neg.reopen.lead', { days: p.reopenDays })}
              value={v('reopen').reason ?? ''}
              rows={3}
              max={2000}
              counterText={counter(env)}
              error={err('reopen', 'reason')}
            />
          </Form>
        </details>
      ) : null}
    </section>
  );
}

/** A closed case: its outcome and the consumer's remaining options (Law Arts. 54, 61–71). */
export function ClosingPanel({ env, data }: { env: PageEnv; data: TrackData }) {
  if (data.status !== 'closed' || !data.closingOutcome) return null;
  return (
    <section aria-labelledby="closing-title" class="rq-inset">
      <h2 id="closing-title">{tr(env, 'closing.title')}</h2>
      <p>
        <strong>{tr(env, `closing.${data.closingOutcome}` as PublicKey)}</strong>
      </p>
      <p>{tr(env, 'closing.next')}</p>
      <ul class="rq-list">
        <li>{tr(env, 'closing.next.mediation')}</li>
        <li>{tr(env, 'closing.next.arbitration')}</li>
        <li>{tr(env, 'closing.next.court')}</li>
      </ul>
    </section>
  );
}
