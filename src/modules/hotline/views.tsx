/**
 * The console page: one screen for an operator on the phone. Left: who is calling (earlier cases
 * and calls) and the case form. Right: quick answers, advice only, missed call, the call-back
 * queue with due-by and overdue markers. On a phone-sized screen the columns stack.
 */
import { ErrorSummary, Layout, type PageEnv } from '../../web/layout.js';
import { AdviceForm, CaseForm, MissedForm } from './forms.js';
import { Queue } from './queue-view.js';
import { describedBy, Field, Notice, S, str, tr, when, type FieldError, type FormName, type FormValues } from './components.js';
import { adviceTopics, type AnswerView, type CallbackView, type CaseReceiptView, type LookupView } from './schema.js';

export interface ConsoleState {
  /** The caller being served (from the lookup), and when the call started (ISO). */
  phone: string | undefined;
  started: string | undefined;
  lookup: LookupView | null;
  q: string | undefined;
  topic: string | undefined;
  answers: AnswerView[] | null;
  chosenAnswer: AnswerView | undefined;
  queueStatus: 'open' | 'closed' | 'all';
  queue: { data: CallbackView[]; page: { page: number; pageSize: number; total: number } };
  notice: string | undefined;
  receipt: CaseReceiptView | undefined;
  /** The form that failed, its values and errors. */
  form: FormName | undefined;
  values: FormValues;
  errors: FieldError[];
  idem: string;
}

export function ConsolePage({ env, s }: { env: PageEnv; s: ConsoleState }) {
  const valuesFor = (f: FormName, defaults: FormValues): FormValues => (s.form === f ? s.values : defaults);
  const errorsFor = (f: FormName) => (s.form === f ? s.errors : []);
  const overdue = s.queue.data.filter((c) => c.overdue).length;
  const callerName = s.lookup?.cases[0]?.consumerName ?? s.lookup?.calls.find((c) => c.callerName)?.callerName ?? undefined;
  return (
    <Layout env={env} title={tr(env, 'title')}>
      <ErrorSummary env={env} errors={s.errors} />
      <Notice message={s.notice} />
      {s.receipt ? <ReceiptPanel env={env} r={s.receipt} /> : null}
      <p class="hint">{tr(env, 'intro')}</p>
      <nav aria-label={tr(env, 'jump.label')}>
        <ul style={S.jump}>
          <li>
            <a href="#caller">{tr(env, 'caller.title')}</a>
          </li>
          <li>
            <a href="#case">{tr(env, 'case.title')}</a>
          </li>
          <li>
            <a href="#answers">{tr(env, 'answers.title')}</a>
          </li>
          <li>
            <a href="#advice">{tr(env, 'advice.title')}</a>
          </li>
          <li>
            <a href="#missed">{tr(env, 'missed.title')}</a>
          </li>
          <li>
            <a href="#queue">
              {tr(env, 'queue.title')}
              {overdue > 0 ? ` (${overdue} ${tr(env, 'queue.overdue').toLowerCase()})` : ''}
            </a>
          </li>
        </ul>
      </nav>
      <div style={S.grid}>
        <div>
          <section aria-labelledby="caller" style={S.section}>
            <h2 id="caller">{tr(env, 'caller.title')}</h2>
            <CallerLookup env={env} s={s} errors={errorsFor('lookup')} />
          </section>
          <section aria-labelledby="case" style={S.section}>
            <h2 id="case">{tr(env, 'case.title')}</h2>
            <p class="hint">{tr(env, 'case.hint')}</p>
            <CaseForm
              env={env}
              values={valuesFor('case', { phone: s.phone, fullName: callerName })}
              errors={errorsFor('case')}
              idem={s.idem}
              started={s.started}
            />
          </section>
        </div>
        <div>
          <section aria-labelledby="answers" style={S.section}>
            <h2 id="answers">{tr(env, 'answers.title')}</h2>
            <Answers env={env} s={s} />
          </section>
          <section aria-labelledby="advice" style={S.section}>
            <h2 id="advice">{tr(env, 'advice.title')}</h2>
            <p class="hint">{tr(env, 'advice.hint')}</p>
            <AdviceForm
              env={env}
              values={valuesFor('advice', { phone: s.phone, callerName })}
              errors={errorsFor('advice')}
              started={s.started}
              answer={s.chosenAnswer}
            />
          </section>
          <section aria-labelledby="missed" style={S.section}>
            <h2 id="missed">{tr(env, 'missed.title')}</h2>
            <p class="hint">{tr(env, 'missed.hint')}</p>
            <MissedForm env={env} values={valuesFor('missed', {})} errors={errorsFor('missed')} />
          </section>
          <section aria-labelledby="queue" style={S.section}>
            <h2 id="queue">{tr(env, 'queue.title')}</h2>
            <Queue env={env} s={s} />
          </section>
        </div>
      </div>
    </Layout>
  );
}

function ReceiptPanel({ env, r }: { env: PageEnv; r: CaseReceiptView }) {
  return (
    <div style={S.panel} id="receipt" tabIndex={-1}>
      <h2>{tr(env, 'case.created', { code: r.code })}</h2>
      <p>{tr(env, 'case.readOut')}</p>
      <dl class="summary">
        <dt>{tr(env, 'col.code')}</dt>
        <dd>
          <span style={S.code} data-testid="case-code">
            {r.code}
          </span>
        </dd>
        <dt>{tr(env, 'case.secret')}</dt>
        <dd>
          <code style={S.code}>{r.trackingSecret}</code>
        </dd>
        <dt>{tr(env, 'case.trackingLink')}</dt>
        <dd>
          <a href={r.trackingUrl}>{r.trackingUrl}</a>
        </dd>
        <dt>{tr(env, 'case.agency')}</dt>
        <dd>{r.agencyName}</dd>
      </dl>
      {r.missing.length > 0 ? (
        <>
          <p>{tr(env, 'case.missing')}</p>
          <ul>
            {r.missing.map((m) => (
              <li>{m.label}</li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

function CallerLookup({ env, s, errors }: { env: PageEnv; s: ConsoleState; errors: FieldError[] }) {
  const l = s.lookup;
  return (
    <>
      <form method="get" action="/hotline" role="search" aria-label={tr(env, 'caller.title')}>
        <Field id="lookup-phone" label={tr(env, 'caller.phone')} hint={tr(env, 'caller.phoneHint')} errors={errors}>
          <div style={S.row}>
            <input
              type="text"
              inputMode="tel"
              id="lookup-phone"
              name="phone"
              value={s.form === 'lookup' ? str(s.values.phone) : (s.phone ?? '')}
              autocomplete="off"
              aria-describedby={describedBy('lookup-phone', errors, true)}
              style="max-width:16rem"
            />
            <button type="submit">{tr(env, 'caller.lookup')}</button>
          </div>
        </Field>
      </form>
      {s.started && l ? <p class="hint">{tr(env, 'caller.callStart', { time: when(s.started) })}</p> : null}
      {l?.openCallback ? <div class="notice">{tr(env, 'caller.openCallback', { due: when(l.openCallback.dueBy) })}</div> : null}
      {l ? (
        <>
          <h3 id="caller-cases">{tr(env, 'caller.casesTitle', { count: l.cases.length })}</h3>
          {l.cases.length === 0 ? (
            <p class="hint">{tr(env, 'caller.noCases')}</p>
          ) : (
            <div class="table-wrap">
              <table aria-labelledby="caller-cases">
                <thead>
                  <tr>
                    <th scope="col">{tr(env, 'col.code')}</th>
                    <th scope="col">{tr(env, 'col.received')}</th>
                    <th scope="col">{tr(env, 'col.business')}</th>
                    <th scope="col">{tr(env, 'col.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {l.cases.map((c) => (
                    <tr>
                      <td>
                        <strong>{c.code}</strong>
                      </td>
                      <td>{when(c.receivedAt)}</td>
                      <td>{c.businessName}</td>
                      <td>
                        {c.statusLabel}
                        {c.agencyName ? <div class="hint">{c.agencyName}</div> : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <h3>{tr(env, 'caller.callsTitle', { count: l.calls.length })}</h3>
          {l.calls.length === 0 ? (
            <p class="hint">{tr(env, 'caller.noCalls')}</p>
          ) : (
            <ul>
              {l.calls.map((c) => (
                <li>
                  {when(c.startedAt)} · {tr(env, `outcome.${c.outcome}`)}
                  {c.request ? ` · ${c.request.code}` : ''}
                  {c.topic ? ` · ${tr(env, `topic.${c.topic as (typeof adviceTopics)[number]}`)}` : ''}
                  {c.summary ? <div class="hint">{c.summary}</div> : null}
                </li>
              ))}
            </ul>
          )}
        </>
      ) : null}
    </>
  );
}

function Answers({ env, s }: { env: PageEnv; s: ConsoleState }) {
  const keep = (extra: Record<string, string | undefined>) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries({ phone: s.phone, started: s.started, q: s.q, topic: s.topic, ...extra })) if (v) q.set(k, v);
    return `/hotline?${q.toString()}`;
  };
  return (
    <>
      <form method="get" action="/hotline#answers" role="search" aria-label={tr(env, 'answers.title')}>
        {s.phone ? <input type="hidden" name="phone" value={s.phone} /> : null}
        {s.started ? <input type="hidden" name="started" value={s.started} /> : null}
        <Field id="answers-q" label={tr(env, 'answers.q')} hint={tr(env, 'answers.qHint')} errors={[]}>
          <input type="search" id="answers-q" name="q" value={s.q ?? ''} aria-describedby="answers-q-hint" />
        </Field>
        <div style={S.row}>
          <div>
            <label for="answers-topic">{tr(env, 'answers.topic')}</label>
            <select id="answers-topic" name="topic">
              <option value="">{tr(env, 'answers.allTopics')}</option>
              {adviceTopics.map((t) => (
                <option value={t} selected={s.topic === t}>
                  {tr(env, `topic.${t}`)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit">{tr(env, 'answers.search')}</button>
        </div>
      </form>
      {s.answers === null ? null : s.answers.length === 0 ? (
        <p class="hint" role="status">
          {tr(env, 'answers.none')}
        </p>
      ) : (
        <>
          <p class="hint" role="status">
            {tr(env, 'answers.count', { count: s.answers.length })}
          </p>
          {s.answers.map((a, i) => (
            <details open={i === 0} style="margin:0.5rem 0;border-bottom:1px solid var(--line);padding-bottom:0.5rem">
              <summary style="font-weight:600;cursor:pointer">{a.question}</summary>
              <p>{a.answer}</p>
              <p class="hint" style={S.small}>
                {tr(env, 'answers.legal')}: {a.legalBasis}
              </p>
              <p style={S.small}>
                <a href={`${keep({ answer: a.id })}#advice`}>{tr(env, 'answers.use')}</a>
              </p>
            </details>
          ))}
        </>
      )}
    </>
  );
}
