/**
 * Views of the officers' pages (issue 4, point 7): the inbox and the case page. Pure components:
 * they show what `listInbox` and `getRequest` return, and the action forms that `can` allows
 * (the UI never re-derives roles). Every action is a plain POST form with the CSRF token.
 */
import type { VNode } from 'preact';
import { formatDate, formatDateTime, formatVnd } from '../../platform/i18n.js';
import { CsrfField, ErrorSummary, Layout, Pager, type PageEnv } from '../../web/layout.js';
import { sectors, violationTypes } from '../classify/index.js';
import type { listInbox } from './inbox.js';
import { channels, refusalGrounds, requestKinds, requestStatuses, type RequestStatus } from './schema.js';
import {
  ActionForm,
  describedBy,
  FieldErrorText,
  many,
  one,
  Row,
  Section,
  Select,
  TextArea,
  type CaseView,
  type FieldError,
  type FormState,
  type FormValues,
  type Option,
} from './staff-components.js';
import { ClosingSection, CloseForm, ForwardForm, NegotiationSection, ViolationsSection } from './staff-negotiation.js';
import { agencyKindText, eventText, labelOf, sectorText, statusText, tr, trNodes, violationText } from './staff-texts.js';
import { refusalGroundLabels } from './texts.js';

export type { CaseView, FieldError, FormState, FormValues, Option } from './staff-components.js';
export type InboxResult = Awaited<ReturnType<typeof listInbox>>;

// Labels (kinds, channels, vulnerable groups, statuses, sectors, …) are in staff-texts.ts.

/** The status form's choices, in the order of the lifecycle, keyed by the `can` flag that allows each. */
const statusChoices: { can: string; to: RequestStatus }[] = [
  { can: 'accept', to: 'accepted' },
  { can: 'askSupplement', to: 'awaiting_supplement' },
  { can: 'startProgress', to: 'in_progress' },
  { can: 'resolve', to: 'resolved' },
];
// Closing has its own form (staff-negotiation.tsx): it needs an outcome.

/** Deadlines end at 24:00 of their last day (Civil Code Art. 148(1)), stored as the next midnight: show the last day. */
export function dueDay(iso: string): string {
  return formatDate(new Date(Date.parse(iso) - 1));
}

const str = (o: Record<string, unknown> | null | undefined, k: string): string | undefined => {
  const v = o?.[k];
  return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
};

// ── small pieces ────────────────────────────────────────────────────────────

export function Notice({ message }: { message: string | undefined }) {
  return message ? (
    <div class="notice" role="status">
      {message}
    </div>
  ) : null;
}

function StatusTag({ env, status }: { env: PageEnv; status: string }) {
  const tone =
    status === 'refused' ? 'err' : status === 'resolved' || status === 'closed' ? 'ok' : status === 'awaiting_supplement' ? 'warn' : '';
  return <span class={`tag ${tone}`}>{statusText(env.locale, status)}</span>;
}

export function VulnerableTag({ env, codes }: { env: PageEnv; codes: readonly string[] }) {
  if (codes.length === 0) return null;
  return (
    <span class="tag warn">{tr(env, 'tag.priority', { list: codes.map((c) => labelOf(env.locale, 'vulnerable', c)).join(', ') })}</span>
  );
}

// ── inbox ───────────────────────────────────────────────────────────────────

export const filterKeys = [
  'q',
  'status',
  'sector',
  'violation',
  'channel',
  'kind',
  'vulnerable',
  'overdue',
  'commune',
  'assignedTo',
] as const;
export type Filters = Partial<Record<(typeof filterKeys)[number], string>>;

const yesNo = (yes: string, no: string): Option[] => [
  { id: 'true', label: yes },
  { id: 'false', label: no },
];

function FilterSelect({
  id,
  label: text,
  value,
  all,
  options,
}: {
  id: string;
  label: string;
  value?: string;
  all: string;
  options: Option[];
}) {
  return (
    <div>
      <label for={`f-${id}`}>{text}</label>
      <select id={`f-${id}`} name={id}>
        <option value="">{all}</option>
        {options.map((o) => (
          <option value={o.id} selected={value === o.id}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

const opts = (keys: readonly string[], labelOf: (k: string) => string): Option[] => keys.map((k) => ({ id: k, label: labelOf(k) }));

export function InboxPage(p: {
  env: PageEnv;
  filters: Filters;
  result: InboxResult;
  errors: FieldError[];
  notice?: string;
  officers: Option[] | null;
  selected: ReadonlySet<string>;
  assigneeId: string;
  back: string;
  showCommune: boolean;
}) {
  const { env, filters: f, result } = p;
  const more = !!(f.sector || f.violation || f.channel || f.kind || f.commune || f.assignedTo);
  const filtered = filterKeys.some((k) => f[k]);
  const table = (
    <div class="table-wrap">
      <table class="cases">
        <caption>
          {tr(env, 'inbox.caption', {
            count: result.page.totalExact
              ? tr(env, 'inbox.count', { n: result.page.total })
              : tr(env, 'inbox.countMore', { n: result.page.total.toLocaleString(env.locale === 'en' ? 'en-GB' : 'vi-VN') }),
          })}
        </caption>
        <thead>
          <tr>
            {p.officers ? (
              <th scope="col">
                <span class="vh">{tr(env, 'col.select')}</span>
              </th>
            ) : null}
            <th scope="col">{tr(env, 'col.code')}</th>
            <th scope="col">{tr(env, 'col.received')}</th>
            <th scope="col">{tr(env, 'col.business')}</th>
            <th scope="col">{tr(env, 'col.sector')}</th>
            <th scope="col">{tr(env, 'col.status')}</th>
            <th scope="col">{tr(env, 'col.due')}</th>
            <th scope="col">{tr(env, 'col.officer')}</th>
          </tr>
        </thead>
        <tbody>
          {result.data.map((r) => (
            <tr class={r.vulnerable.length > 0 ? 'priority' : undefined}>
              {p.officers ? (
                <td class="pick">
                  <input type="checkbox" id={`sel-${r.id}`} name="ids" value={r.id} checked={p.selected.has(r.id)} />
                  <label for={`sel-${r.id}`} class="vh">
                    {tr(env, 'inbox.selectCase', { code: r.code })}
                  </label>
                </td>
              ) : null}
              <th scope="row" data-label={tr(env, 'col.code')}>
                <a href={`/requests/${r.id}`}>{r.code}</a> <span class="hint">{labelOf(env.locale, 'kind', r.kind)}</span>
                {r.vulnerable.length > 0 ? (
                  <>
                    <br />
                    <VulnerableTag env={env} codes={r.vulnerable} />
                  </>
                ) : null}
              </th>
              <td data-label={tr(env, 'col.received')}>{formatDate(r.receivedAt)}</td>
              <td data-label={tr(env, 'col.business')}>{r.businessName}</td>
              <td data-label={tr(env, 'col.sector')}>{sectorText(env.locale, r.sector)}</td>
              <td data-label={tr(env, 'col.status')}>
                <StatusTag env={env} status={r.status} />
              </td>
              <td data-label={tr(env, 'col.due')}>
                {r.nextDueAt ? dueDay(r.nextDueAt) : '—'}
                {r.overdue ? (
                  <>
                    {' '}
                    <span class="tag err">{tr(env, 'tag.overdue')}</span>
                  </>
                ) : null}
              </td>
              <td data-label={tr(env, 'col.officer')}>
                {r.assignedTo ? r.assignedTo.name : <span class="hint">{tr(env, 'unassigned')}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
  return (
    <Layout env={env} title={tr(env, 'inbox.title')}>
      <ErrorSummary env={env} errors={p.errors} />
      <Notice message={p.notice} />
      <p>
        <a href="/requests/groups">{tr(env, 'inbox.groups')}</a>
      </p>
      <form method="get" action="/requests" class="filters inbox-filters" role="search" aria-label={tr(env, 'inbox.search')}>
        <div class="grow">
          <label for="f-q">{tr(env, 'inbox.q')}</label>
          <p class="hint" id="f-q-hint">
            {tr(env, 'inbox.qHint')}
          </p>
          <input type="search" id="f-q" name="q" value={f.q ?? ''} aria-describedby="f-q-hint" />
        </div>
        <FilterSelect
          id="status"
          label={tr(env, 'filter.status')}
          value={f.status}
          all={tr(env, 'filter.statusOpen')}
          options={[{ id: 'all', label: tr(env, 'filter.statusAll') }, ...opts(requestStatuses, (s) => statusText(env.locale, s))]}
        />
        <FilterSelect
          id="overdue"
          label={tr(env, 'filter.overdue')}
          value={f.overdue}
          all={tr(env, 'filter.all')}
          options={yesNo(tr(env, 'filter.overdueYes'), tr(env, 'filter.overdueNo'))}
        />
        <FilterSelect
          id="vulnerable"
          label={tr(env, 'filter.vulnerable')}
          value={f.vulnerable}
          all={tr(env, 'filter.all')}
          options={yesNo(tr(env, 'filter.vulnerableYes'), tr(env, 'filter.vulnerableNo'))}
        />
        <details class="more-filters" open={more}>
          <summary>{tr(env, 'filter.more')}</summary>
          <div class="filters">
            <FilterSelect
              id="sector"
              label={tr(env, 'filter.sector')}
              value={f.sector}
              all={tr(env, 'filter.sectorAll')}
              options={opts(sectors, (s) => sectorText(env.locale, s))}
            />
            <FilterSelect
              id="violation"
              label={tr(env, 'filter.violation')}
              value={f.violation}
              all={tr(env, 'filter.violationAll')}
              options={opts(violationTypes, (v) => violationText(env.locale, v))}
            />
            <FilterSelect
              id="channel"
              label={tr(env, 'filter.channel')}
              value={f.channel}
              all={tr(env, 'filter.channelAll')}
              options={opts(channels, (c) => labelOf(env.locale, 'channel', c))}
            />
            <FilterSelect
              id="kind"
              label={tr(env, 'filter.kind')}
              value={f.kind}
              all={tr(env, 'filter.kindAll')}
              options={opts(requestKinds, (k) => labelOf(env.locale, 'kind', k))}
            />
            <FilterSelect
              id="assignedTo"
              label={tr(env, 'filter.assignedTo')}
              value={f.assignedTo}
              all={tr(env, 'filter.all')}
              options={[
                { id: 'me', label: tr(env, 'filter.me') },
                { id: 'none', label: tr(env, 'unassigned') },
              ]}
            />
            {p.showCommune ? (
              <div>
                <label for="f-commune">{tr(env, 'filter.commune')}</label>
                <input type="text" id="f-commune" name="commune" value={f.commune ?? ''} inputMode="numeric" maxLength={5} size={6} />
              </div>
            ) : null}
          </div>
        </details>
        <div class="filter-buttons">
          <button type="submit">{env.t('common.filter')}</button>
          {filtered ? <a href="/requests">{env.t('common.clearFilters')}</a> : null}
        </div>
      </form>
      {result.data.length === 0 ? (
        <p class="notice empty">{filtered ? tr(env, 'inbox.noMatch') : tr(env, 'inbox.empty')}</p>
      ) : p.officers ? (
        <form method="post" action="/requests/assign" novalidate>
          <CsrfField env={env} />
          <input type="hidden" name="back" value={p.back} />
          {table}
          <fieldset class="bulk">
            <legend>{tr(env, 'inbox.bulk')}</legend>
            <Select
              id="assigneeId"
              name="assigneeId"
              label={tr(env, 'assign.officer')}
              placeholder={tr(env, 'assign.choose')}
              options={[...p.officers, { id: 'none', label: tr(env, 'assign.none') }]}
              value={p.assigneeId}
              errors={p.errors}
            />
            <button type="submit">{tr(env, 'inbox.bulkSubmit')}</button>
          </fieldset>
        </form>
      ) : (
        table
      )}
      <Pager env={env} page={result.page.page} pageSize={result.page.pageSize} total={result.page.total} query={{ ...f }} />
    </Layout>
  );
}

// ── case page ───────────────────────────────────────────────────────────────

function Summary({ env, c, communes }: { env: PageEnv; c: CaseView; communes: Record<string, string> }) {
  const l = env.locale;
  const consumer = c.consumer;
  const address = (consumer.address ?? null) as Record<string, unknown> | null;
  const rep = c.representative;
  const tx = c.transaction;
  const place = (tx?.place ?? null) as Record<string, unknown> | null;
  const commune = (code: string | undefined) => (code ? (communes[code] ? `${communes[code]} (${code})` : code) : undefined);
  const placeText = [commune(str(place, 'communeCode')), place?.online ? tr(env, 'summary.online') : undefined, str(place, 'url')]
    .filter(Boolean)
    .join(' · ');
  const prior = c.priorContact;
  return (
    <dl class="summary">
      <Row term={tr(env, 'summary.kindChannel')}>
        {labelOf(l, 'kind', c.kind)} · {labelOf(l, 'channel', c.channel)}
      </Row>
      <Row term={tr(env, 'summary.received')}>{formatDateTime(c.receivedAt)}</Row>
      <Row term={tr(env, 'summary.consumer')}>
        {[
          str(consumer, 'fullName'),
          str(consumer, 'birthYear') ? tr(env, 'summary.bornYear', { year: str(consumer, 'birthYear')! }) : undefined,
        ]
          .concat(str(consumer, 'birthDate') ? [tr(env, 'summary.bornOn', { date: formatDate(str(consumer, 'birthDate')!) })] : [])
          .filter(Boolean)
          .join(', ')}
      </Row>
      <Row term={tr(env, 'summary.contact')}>{[str(consumer, 'phone'), str(consumer, 'email')].filter(Boolean).join(' · ')}</Row>
      <Row term={tr(env, 'summary.address')}>{[str(address, 'line'), commune(str(address, 'communeCode'))].filter(Boolean).join(', ')}</Row>
      <Row term={tr(env, 'summary.vulnerable')}>
        {c.vulnerable.length > 0 ? <VulnerableTag env={env} codes={c.vulnerable} /> : tr(env, 'summary.no')}
      </Row>
      <Row term={tr(env, 'summary.representative')}>
        {rep ? [str(rep, 'fullName'), str(rep, 'relation'), str(rep, 'phone'), str(rep, 'email')].filter(Boolean).join(' · ') : undefined}
      </Row>
      <Row term={tr(env, 'summary.business')}>
        {[
          str(c.business, 'name'),
          str(c.business, 'taxCode') ? tr(env, 'taxCode', { taxCode: str(c.business, 'taxCode')! }) : undefined,
          str(c.business, 'address'),
          str(c.business, 'website'),
          str(c.business, 'platform'),
          str(c.business, 'phone'),
        ]
          .filter(Boolean)
          .join(' · ')}
        {/^\d{10}(-\d{3})?$/.test(str(c.business, 'taxCode') ?? '') ? (
          <>
            {' · '}
            <a href={`/requests/businesses/${str(c.business, 'taxCode')}`}>{tr(env, 'summary.businessCases')}</a>
          </>
        ) : null}
      </Row>
      <Row term={tr(env, 'summary.transaction')}>
        {tx
          ? [
              str(tx, 'productOrService'),
              str(tx, 'date') ? tr(env, 'summary.on', { date: formatDate(str(tx, 'date')!) }) : undefined,
              typeof tx.amountVnd === 'number' ? formatVnd(tx.amountVnd) : undefined,
              placeText || undefined,
            ]
              .filter(Boolean)
              .join(' · ')
          : undefined}
      </Row>
      <Row term={tr(env, 'summary.description')}>
        <p class="prose">{c.description}</p>
      </Row>
      <Row term={tr(env, 'summary.desired')}>{c.desiredOutcome ?? undefined}</Row>
      <Row term={tr(env, 'summary.prior')}>
        {prior
          ? [
              labelOf(l, 'reply', str(prior, 'businessReply')),
              str(prior, 'date') ? tr(env, 'summary.on', { date: formatDate(str(prior, 'date')!) }) : undefined,
            ]
              .filter(Boolean)
              .join(', ')
          : tr(env, 'summary.noPrior')}
      </Row>
      <Row term={tr(env, 'summary.missing')}>
        {c.missing.length > 0 ? (
          <ul>
            {c.missing.map((m) => (
              <li>{m.label}</li>
            ))}
          </ul>
        ) : undefined}
      </Row>
      <Row term={tr(env, 'summary.officer')}>{c.assignedTo?.name ?? tr(env, 'unassigned')}</Row>
    </dl>
  );
}

function Classification({ env, c, form, errors }: { env: PageEnv; c: CaseView; form: FormState | null; errors: FieldError[] }) {
  const k = c.classification;
  const values = form?.name === 'classification' ? form.values : { sector: k.sector, violations: k.violations };
  const chosen = new Set(many(values.violations));
  return (
    <Section id="classification" title={tr(env, 'class.title')}>
      <dl class="summary">
        <Row term={tr(env, 'class.sector')}>{sectorText(env.locale, k.sector)}</Row>
        <Row term={tr(env, 'class.violations')}>
          {k.violations.map((x) => violationText(env.locale, x)).join('; ') || tr(env, 'class.unknown')}
        </Row>
        <Row term={tr(env, 'class.confidence')}>
          {Math.round(k.confidence * 100)}%{k.corrected ? <span class="tag ok">{tr(env, 'class.corrected')}</span> : null}
          {k.confidence < 0.5 && !k.corrected ? <span class="tag warn">{tr(env, 'class.check')}</span> : null}
        </Row>
      </dl>
      {k.explanation ? (
        <details>
          <summary>{tr(env, 'class.why')}</summary>
          <p class="prose">{k.explanation}</p>
        </details>
      ) : null}
      {c.can.correct ? (
        <ActionForm
          env={env}
          id={c.id}
          action="classification"
          title={tr(env, 'class.form')}
          submit={tr(env, 'class.submit')}
          tone="secondary"
          open={form?.name === 'classification'}
        >
          <p class="hint">{tr(env, 'class.hint')}</p>
          <Select
            id="classification-sector"
            name="sector"
            label={tr(env, 'class.sector')}
            placeholder={tr(env, 'class.chooseSector')}
            options={opts(sectors, (s) => sectorText(env.locale, s))}
            value={one(values.sector)}
            errors={errors}
          />
          <fieldset class="checks" aria-describedby={describedBy('classification-violations', errors)}>
            <legend>{tr(env, 'class.legend')}</legend>
            <FieldErrorText id="classification-violations" errors={errors} />
            {violationTypes.map((v, i) => (
              <div class="check">
                <input
                  type="checkbox"
                  id={i === 0 ? 'classification-violations' : `classification-violations-${v}`}
                  name="violations"
                  value={v}
                  checked={chosen.has(v)}
                />
                <label for={i === 0 ? 'classification-violations' : `classification-violations-${v}`}>{violationText(env.locale, v)}</label>
              </div>
            ))}
          </fieldset>
        </ActionForm>
      ) : null}
    </Section>
  );
}

function Routing({ env, c }: { env: PageEnv; c: CaseView }) {
  const r = c.routing;
  return (
    <Section id="routing" title={tr(env, 'routing.title')}>
      <dl class="summary">
        <Row term={tr(env, 'routing.agency')}>{r.agency.name}</Row>
        <Row term={tr(env, 'routing.reason')}>{r.reason}</Row>
        <Row term={tr(env, 'routing.basis')}>{r.legalBasis}</Row>
        <Row term={tr(env, 'routing.moved')}>
          {r.rerouteCount > 0 || r.bounceCount > 0
            ? tr(env, 'routing.movedText', { reroutes: r.rerouteCount, bounces: r.bounceCount })
            : undefined}
        </Row>
      </dl>
      {r.alternatives.length > 0 ? (
        <>
          <h3>{tr(env, 'routing.alternatives')}</h3>
          <ol class="alternatives">
            {r.alternatives.map((a) => (
              <li>
                <strong>{agencyKindText(env.locale, a.kind)}</strong> <span class="hint">({Math.round(a.score * 100)}%)</span>
                {a.reason ? <p class="hint">{a.reason}</p> : null}
              </li>
            ))}
          </ol>
        </>
      ) : null}
      {r.explanation ? (
        <details>
          <summary>{tr(env, 'routing.how')}</summary>
          <p class="prose">{r.explanation}</p>
        </details>
      ) : null}
    </Section>
  );
}

function Clocks({ env, c }: { env: PageEnv; c: CaseView }) {
  return (
    <Section id="clocks" title={tr(env, 'clocks.title')}>
      {c.clocks.length === 0 ? (
        <p class="hint">{tr(env, 'clocks.none')}</p>
      ) : (
        <ul class="clocks">
          {c.clocks.map((k) => (
            <li class={k.late ? 'late' : undefined}>
              <strong>{k.label}</strong>
              <br />
              {tr(env, 'clocks.due')}
              <strong>{formatDate(k.dueDate)}</strong>{' '}
              <span class={`tag ${k.late || k.state === 'overdue' ? 'err' : k.state === 'due_soon' ? 'warn' : ''}`}>
                {labelOf(env.locale, 'clock', k.state)}
              </span>
              {k.late && k.state !== 'overdue' ? <span class="tag err">{tr(env, 'clocks.late')}</span> : null}
              {k.internalSla ? <span class="hint">{tr(env, 'clocks.internal')}</span> : null}
              <details>
                <summary>{tr(env, 'clocks.how')}</summary>
                <p class="prose">{k.explanation}</p>
              </details>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

function Timeline({ env, c }: { env: PageEnv; c: CaseView }) {
  return (
    <Section id="timeline" title={tr(env, 'timeline.title')}>
      <ol class="timeline">
        {c.timeline.map((e) => (
          <li>
            <time dateTime={e.at}>{formatDateTime(e.at)}</time> ·{' '}
            <strong>{env.locale === 'vi' ? e.label : eventText(env.locale, e.type)}</strong>
            {e.public ? null : <span class="tag">{tr(env, 'timeline.internal')}</span>}
            <span class="hint"> — {e.actor}</span>
            {e.text ? <p class="prose">{e.text}</p> : null}
          </li>
        ))}
      </ol>
    </Section>
  );
}

const size = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

function Attachments({ env, c }: { env: PageEnv; c: CaseView }) {
  return (
    <Section id="attachments" title={tr(env, 'attachments.title')}>
      {c.attachments.length === 0 ? (
        <p class="hint">{tr(env, 'attachments.none')}</p>
      ) : (
        <ul>
          {c.attachments.map((a) => (
            <li>
              <a href={`/api/v1/requests/${c.id}/attachments/${a.id}`} download={a.filename}>
                {a.filename}
              </a>{' '}
              <span class="hint">
                ({a.mediaType}, {size(a.sizeBytes)}, {formatDate(a.createdAt)})
              </span>
            </li>
          ))}
        </ul>
      )}
      <p class="hint">{tr(env, 'attachments.audit')}</p>
    </Section>
  );
}

function Notes({ env, c, form, errors }: { env: PageEnv; c: CaseView; form: FormState | null; errors: FieldError[] }) {
  return (
    <Section id="notes" title={tr(env, 'notes.title')}>
      {c.notes.length === 0 ? (
        <p class="hint">{tr(env, 'notes.none')}</p>
      ) : (
        <ul class="notes">
          {c.notes.map((n) => (
            <li>
              <p class="prose">{n.body}</p>
              <span class="hint">
                {n.author}, {formatDateTime(n.createdAt)}
              </span>
            </li>
          ))}
        </ul>
      )}
      {c.can.note ? (
        <form method="post" action={`/requests/${c.id}/actions/note`} novalidate>
          <CsrfField env={env} />
          <TextArea
            id="note-body"
            name="body"
            label={tr(env, 'notes.add')}
            hint={tr(env, 'notes.hint')}
            values={form?.name === 'note' ? form.values : {}}
            errors={errors}
          />
          <p>
            <button type="submit" class="secondary">
              {tr(env, 'notes.add')}
            </button>
          </p>
        </form>
      ) : null}
    </Section>
  );
}

function Duplicates({ env, c }: { env: PageEnv; c: CaseView }) {
  if (c.duplicates.length === 0 && !c.duplicateOf) return null;
  return (
    <Section id="duplicates" title={tr(env, 'dup.title')}>
      {c.duplicateOf ? (
        <p class="notice">{trNodes(env, 'dup.merged', { link: <a href={`/requests/${c.duplicateOf}`}>{tr(env, 'dup.mergedLink')}</a> })}</p>
      ) : null}
      <p class="hint">{tr(env, 'dup.hint')}</p>
      <ul class="duplicates">
        {c.duplicates.map((d) => (
          <li>
            <a href={`/requests/${d.id}`}>{d.code}</a> · {statusText(env.locale, d.status)} ·{' '}
            {tr(env, 'dup.received', { date: formatDate(d.receivedAt) })}
            {c.can.merge ? (
              <form method="post" action={`/requests/${c.id}/actions/merge`} class="inline-form">
                <CsrfField env={env} />
                <input type="hidden" name="intoId" value={d.id} />
                <button type="submit" class="secondary">
                  {tr(env, 'dup.merge', { code: d.code })}
                </button>
              </form>
            ) : null}
          </li>
        ))}
      </ul>
    </Section>
  );
}

function Actions(p: { env: PageEnv; c: CaseView; form: FormState | null; errors: FieldError[]; agencies: Option[]; officers: Option[] }) {
  const { env, c, form, errors } = p;
  const can = c.can as Record<string, boolean>;
  const v = (name: string): FormValues => (form?.name === name ? form.values : {});
  const choices = statusChoices.filter((s) => can[s.can]);
  const any = choices.length > 0 || can.forwardToBusiness || can.close || can.refuse || can.reroute || can.bounce || can.assign;
  return (
    <Section id="actions" title={tr(env, 'actions.title')}>
      {!any ? <p class="hint">{tr(env, 'actions.none')}</p> : null}
      {choices.length > 0 ? (
        <ActionForm
          env={env}
          id={c.id}
          action="status"
          title={tr(env, 'status.form')}
          submit={tr(env, 'status.submit')}
          open={form?.name === 'status' || !form}
        >
          <fieldset class="checks" aria-describedby={describedBy('status-to', errors)}>
            <legend>{tr(env, 'status.legend', { status: statusText(env.locale, c.status) })}</legend>
            <FieldErrorText id="status-to" errors={errors} />
            {choices.map((s, i) => (
              <div class="check">
                <input
                  type="radio"
                  id={i === 0 ? 'status-to' : `status-to-${s.to}`}
                  name="to"
                  value={s.to}
                  checked={one(v('status').to) === s.to}
                />
                <label for={i === 0 ? 'status-to' : `status-to-${s.to}`}>{statusText(env.locale, s.to)}</label>
              </div>
            ))}
          </fieldset>
          <TextArea
            id="status-note"
            name="note"
            label={tr(env, 'field.internalNote', { optional: env.t('common.optional') })}
            values={v('status')}
            errors={errors}
            rows={2}
          />
          <TextArea
            id="status-publicNote"
            name="publicNote"
            label={tr(env, 'field.publicNote', { optional: env.t('common.optional') })}
            hint={tr(env, 'status.publicHint')}
            values={v('status')}
            errors={errors}
            rows={2}
          />
        </ActionForm>
      ) : null}
      {can.forwardToBusiness ? <ForwardForm env={env} c={c} form={form} errors={errors} /> : null}
      {can.close ? <CloseForm env={env} c={c} form={form} errors={errors} /> : null}
      {can.assign ? (
        <ActionForm
          env={env}
          id={c.id}
          action="assign"
          title={tr(env, 'assign.form')}
          submit={tr(env, 'assign.submit')}
          tone="secondary"
          open={form?.name === 'assign'}
        >
          <Select
            id="assign-assigneeId"
            name="assigneeId"
            label={tr(env, 'assign.officer')}
            placeholder={tr(env, 'assign.choose')}
            options={[...p.officers, { id: 'none', label: tr(env, 'assign.none') }]}
            value={one(v('assign').assigneeId) || (c.assignedTo?.id ?? '')}
            errors={errors}
          />
        </ActionForm>
      ) : null}
      {can.reroute ? (
        <ActionForm
          env={env}
          id={c.id}
          action="reroute"
          title={tr(env, 'reroute.form')}
          submit={tr(env, 'reroute.submit')}
          open={form?.name === 'reroute'}
        >
          <p class="hint">{tr(env, 'reroute.hint')}</p>
          <Select
            id="reroute-agencyId"
            name="agencyId"
            label={tr(env, 'reroute.agency')}
            placeholder={tr(env, 'reroute.chooseAgency')}
            options={p.agencies}
            value={one(v('reroute').agencyId)}
            errors={errors}
          />
          <TextArea
            id="reroute-reason"
            name="reason"
            label={tr(env, 'reroute.reason')}
            hint={tr(env, 'reroute.reasonHint')}
            values={v('reroute')}
            errors={errors}
          />
        </ActionForm>
      ) : null}
      {can.bounce ? (
        <ActionForm
          env={env}
          id={c.id}
          action="bounce"
          title={tr(env, 'bounce.form')}
          submit={tr(env, 'bounce.submit')}
          tone="secondary"
          open={form?.name === 'bounce'}
        >
          <p class="hint">{tr(env, 'bounce.hint')}</p>
          <TextArea id="bounce-reason" name="reason" label={tr(env, 'bounce.reason')} values={v('bounce')} errors={errors} />
        </ActionForm>
      ) : null}
      {can.refuse ? (
        <ActionForm
          env={env}
          id={c.id}
          action="refuse"
          title={tr(env, 'refuse.form')}
          submit={tr(env, 'refuse.submit')}
          tone="danger"
          open={form?.name === 'refuse'}
        >
          <p class="hint">{tr(env, 'refuse.hint')}</p>
          <Select
            id="refuse-ground"
            name="ground"
            label={tr(env, 'refuse.ground')}
            placeholder={tr(env, 'refuse.chooseGround')}
            options={refusalGrounds.map((g) => ({ id: g, label: refusalGroundLabels[g] }))}
            value={one(v('refuse').ground)}
            errors={errors}
          />
          <TextArea id="refuse-explanation" name="explanation" label={tr(env, 'refuse.explanation')} values={v('refuse')} errors={errors} />
        </ActionForm>
      ) : null}
    </Section>
  );
}

export function CasePage(p: {
  env: PageEnv;
  c: CaseView;
  notice?: string;
  errors: FieldError[];
  form: FormState | null;
  agencies: Option[];
  officers: Option[];
  communes: Record<string, string>;
  /** The "Hồ sơ liên quan" panel (staff-graph.tsx). */
  related?: VNode | null;
}) {
  const { env, c } = p;
  const late = c.clocks.some((k) => k.late && k.state !== 'met' && k.state !== 'stopped');
  return (
    <Layout env={env} title={tr(env, 'case.title', { code: c.code })}>
      <ErrorSummary env={env} errors={p.errors} />
      <Notice message={p.notice} />
      <p class="case-tags">
        <StatusTag env={env} status={c.status} /> <span class="tag">{labelOf(env.locale, 'kind', c.kind)}</span>{' '}
        <VulnerableTag env={env} codes={c.vulnerable} />
        {late ? <span class="tag err">{tr(env, 'tag.overdue')}</span> : null}
        {c.enforcementFlag ? <span class="tag err">{tr(env, 'case.enforcement')}</span> : null}
      </p>
      <nav class="case-nav" aria-label={tr(env, 'case.nav')}>
        <a href="#actions">{tr(env, 'nav.actions')}</a> ·{' '}
        {c.negotiation ? (
          <>
            <a href="#negotiation">{tr(env, 'nav.negotiation')}</a> ·{' '}
          </>
        ) : null}
        <a href="#clocks">{tr(env, 'nav.clocks')}</a> · <a href="#timeline">{tr(env, 'nav.timeline')}</a> ·{' '}
        <a href="#notes">{tr(env, 'nav.notes')}</a> · <a href="/requests">{tr(env, 'nav.inbox')}</a>
      </nav>
      <div class="case-grid">
        <div class="case-main">
          <ClosingSection env={env} c={c} />
          <Section id="summary" title={tr(env, 'summary.title')}>
            <Summary env={env} c={c} communes={p.communes} />
          </Section>
          <NegotiationSection env={env} c={c} form={p.form} errors={p.errors} />
          {p.related ?? null}
          <ViolationsSection env={env} c={c} />
          <Classification env={env} c={c} form={p.form} errors={p.errors} />
          <Routing env={env} c={c} />
          <Timeline env={env} c={c} />
          <Attachments env={env} c={c} />
          <Notes env={env} c={c} form={p.form} errors={p.errors} />
          <Duplicates env={env} c={c} />
        </div>
        <div class="case-side">
          <Actions env={env} c={c} form={p.form} errors={p.errors} agencies={p.agencies} officers={p.officers} />
          <Clocks env={env} c={c} />
        </div>
      </div>
    </Layout>
  );
}
