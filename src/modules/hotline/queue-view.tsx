/** The call-back queue on the console: who to call back, by when (overdue markers), and the form to record each attempt. */
import { CsrfField, Pager, type PageEnv } from '../../web/layout.js';
import {
  describedBy,
  FieldErrorText,
  S,
  spacedPhone,
  str,
  tr,
  when,
  type FieldError,
  type FormName,
  type FormValues,
} from './components.js';
import { attemptResults, type CallbackView } from './schema.js';

/** What the queue needs of the console's state. */
export interface QueueState {
  phone: string | undefined;
  queueStatus: 'open' | 'closed' | 'all';
  queue: { data: CallbackView[]; page: { page: number; pageSize: number; total: number } };
  form: FormName | undefined;
  values: FormValues;
  errors: FieldError[];
}

export function Queue({ env, s }: { env: PageEnv; s: QueueState }) {
  const filters: ['open' | 'closed' | 'all', Parameters<typeof tr>[1]][] = [
    ['open', 'queue.open'],
    ['closed', 'queue.closed'],
    ['all', 'queue.all'],
  ];
  const base = (status: string) => {
    const q = new URLSearchParams({ queue: status });
    if (s.phone) q.set('phone', s.phone);
    return `/hotline?${q.toString()}#queue`;
  };
  const { data, page } = s.queue;
  return (
    <>
      <nav aria-label={tr(env, 'queue.filter')}>
        <ul style={S.jump}>
          {filters.map(([k, label]) => (
            <li>
              <a
                href={base(k)}
                aria-current={s.queueStatus === k ? 'page' : undefined}
                style={s.queueStatus === k ? 'font-weight:700' : undefined}
              >
                {tr(env, label)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {data.length === 0 ? (
        <p class="hint">{tr(env, 'queue.empty')}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption style="text-align:left">{tr(env, 'queue.caption', { count: page.total })}</caption>
            <thead>
              <tr>
                <th scope="col">{tr(env, 'col.caller')}</th>
                <th scope="col">{tr(env, 'col.dueBy')}</th>
                <th scope="col">{tr(env, 'col.record')}</th>
              </tr>
            </thead>
            <tbody>
              {data.map((c) => (
                <QueueRow env={env} c={c} s={s} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {page.total > page.pageSize ? (
        <Pager env={env} page={page.page} pageSize={page.pageSize} total={page.total} query={{ queue: s.queueStatus, phone: s.phone }} />
      ) : null}
    </>
  );
}

function QueueRow({ env, c, s }: { env: PageEnv; c: CallbackView; s: QueueState }) {
  const f: FormName = `cb-${c.id}`;
  const errors = s.form === f ? s.errors : [];
  const values = s.form === f ? s.values : {};
  const id = (x: string) => `cb-${c.id}-${x}`;
  return (
    <tr id={`cb-${c.id}`}>
      <td>
        <a href={`tel:${c.phone}`}>{spacedPhone(c.phone)}</a>
        <div class="hint">
          {tr(env, 'col.missedAt')} {when(c.missedAt)}
        </div>
        {c.missedCount > 1 ? <div class="hint">{tr(env, 'queue.times', { count: c.missedCount })}</div> : null}
      </td>
      <td>
        {when(c.dueBy)}
        {c.overdue ? (
          <div>
            <span class="tag err">{tr(env, 'queue.overdue')}</span>
          </div>
        ) : c.dueSoon ? (
          <div>
            <span class="tag warn">{tr(env, 'queue.dueSoon')}</span>
          </div>
        ) : null}
        <div>
          <span class={`tag ${c.status === 'done' ? 'ok' : c.status === 'failed' ? 'err' : ''}`}>{tr(env, `status.${c.status}`)}</span>
        </div>
        <div class="hint">
          {tr(env, 'col.attempts')}: {c.attempts}
          {c.lastResult ? ` · ${tr(env, `result.${c.lastResult as 'reached'}`)}` : ''}
        </div>
        {c.outcome && c.status !== 'open' ? <div>{c.outcome}</div> : null}
      </td>
      <td>
        {c.can.recordAttempt ? (
          <form method="post" action={`/hotline/callbacks/${c.id}/attempts`} novalidate aria-label={`${tr(env, 'col.record')} ${c.phone}`}>
            <CsrfField env={env} />
            <input type="hidden" name="queue" value={s.queueStatus} />
            <FieldErrorText id={id('result')} errors={errors} />
            <label for={id('result')} style="margin-top:0">
              {tr(env, 'col.result')}
            </label>
            <select id={id('result')} name="result" aria-describedby={describedBy(id('result'), errors)}>
              <option value="">{tr(env, 'common.choose')}</option>
              {attemptResults.map((r) => (
                <option value={r} selected={str(values.result) === r}>
                  {tr(env, `result.${r}`)}
                </option>
              ))}
            </select>
            <FieldErrorText id={id('note')} errors={errors} />
            <label for={id('note')}>{tr(env, 'queue.note')}</label>
            <input type="text" id={id('note')} name="note" value={str(values.note)} aria-describedby={describedBy(id('note'), errors)} />
            <p style="margin:0.5rem 0 0">
              <button type="submit" class="secondary">
                {tr(env, 'queue.save')}
              </button>
            </p>
          </form>
        ) : c.doneAt ? (
          <span class="hint">{when(c.doneAt)}</span>
        ) : null}
      </td>
    </tr>
  );
}
