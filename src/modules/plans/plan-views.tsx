/**
 * Pages of plans: the list (/plans), the import form and its editable preview (/plans/import),
 * one plan with its task tree, the "6 clears" markers and score (/plans/:id). Vietnamese first;
 * the labels live in texts.ts.
 */
import type { ComponentChildren } from 'preact';
import { formatDate, type Locale } from '../../platform/i18n.js';
import { CsrfField, ErrorSummary, Layout, Pager, type PageEnv } from '../../web/layout.js';
import type { AssignmentView, ImportedAgency, PlanImportPreview, PlanView, TaskView, Timing } from './schema.js';
import { IMPORT_LIMITS } from './errors.js';
import { sixClears } from './six-clears.js';
import { CLEAR_CODES, clearLabel, clearShortLabel, pt, timingSummary, type PlanTextKey } from './texts.js';

/** A text of the plans catalogue in the page's language. */
export const tr = (env: PageEnv, key: PlanTextKey, params?: Record<string, string | number>): string => pt(env.locale, key, params);

/** A text with markup in place of its `{name}` placeholders (the other placeholders already filled). */
function withNodes(text: string, nodes: Record<string, ComponentChildren>): ComponentChildren[] {
  return text.split(/(\{\w+\})/).map((part) => {
    const name = /^\{(\w+)\}$/.exec(part)?.[1];
    return name !== undefined && name in nodes ? nodes[name] : part;
  });
}

/** An indicator a task may bind (indicators.ts), for the binding form. */
export interface IndicatorOption {
  code: string;
  label: string;
  /** Province-wide figure, or one sector's. */
  perSector: boolean;
}

export interface FieldError {
  field?: string;
  message: string;
}
export interface AgencyOption {
  id: string;
  name: string;
}

export function Notice({ message }: { message: string | undefined }) {
  return message ? (
    <div class="notice" role="status">
      {message}
    </div>
  ) : null;
}

const pct = (score: number): string => `${Math.round(score * 100)}%`;

/** Six small markers, one per clear: ✓ clear, ✗ missing (with the missing ones spelled out for screen readers). */
export function ClearMarkers({ locale, missing }: { locale: Locale; missing: readonly string[] }) {
  return (
    <span
      class="clears"
      aria-label={
        missing.length
          ? pt(locale, 'clears.missing', { list: missing.map((c) => clearLabel(locale, c)).join(', ') })
          : pt(locale, 'clears.all')
      }
    >
      {CLEAR_CODES.map((c) => (
        <span class={`tag ${missing.includes(c) ? 'err' : 'ok'}`} title={clearLabel(locale, c)} aria-hidden="true">
          {missing.includes(c) ? '✗' : '✓'} {clearShortLabel(locale, c)}
        </span>
      ))}
    </span>
  );
}

function AgencyList({ env, list }: { env: PageEnv; list: readonly AssignmentView[] }) {
  if (list.length === 0) return <span class="hint">—</span>;
  return (
    <ul class="plain">
      {list.map((a) => (
        <li>
          {a.agencyName ?? a.text}
          {a.match === 'group' ? <span class="tag">{tr(env, 'agency.group')}</span> : null}
          {a.match === 'unmatched' ? <span class="tag warn">{tr(env, 'agency.unmatched')}</span> : null}
          {a.match === 'manual' ? <span class="tag ok">{tr(env, 'agency.chosen')}</span> : null}
          {a.match === 'manual' ? <span class="hint">{` ${tr(env, 'agency.written', { text: a.text })}`}</span> : null}
        </li>
      ))}
    </ul>
  );
}

// ── /plans ──────────────────────────────────────────────────────────────────

export function PlansListPage(p: {
  env: PageEnv;
  result: { data: PlanView[]; page: { page: number; pageSize: number; total: number } };
  canManage: boolean;
}) {
  const { env, result } = p;
  return (
    <Layout env={env} title={tr(env, 'list.title')}>
      <p>{tr(env, 'list.intro')}</p>
      {p.canManage ? (
        <p>
          <a class="button" href="/plans/import">
            {tr(env, 'list.import')}
          </a>
        </p>
      ) : null}
      <div class="table-wrap">
        <table class="cases">
          <caption>{tr(env, 'list.caption', { count: result.page.total })}</caption>
          <thead>
            <tr>
              <th scope="col">{tr(env, 'col.code')}</th>
              <th scope="col">{tr(env, 'col.plan')}</th>
              <th scope="col">{tr(env, 'col.tasks')}</th>
              <th scope="col">{tr(env, 'col.clears')}</th>
              <th scope="col">{tr(env, 'col.unmatched')}</th>
            </tr>
          </thead>
          <tbody>
            {result.data.length === 0 ? (
              <tr>
                <td colSpan={5}>{tr(env, 'list.empty')}</td>
              </tr>
            ) : (
              result.data.map((x) => (
                <tr>
                  <th scope="row" data-label={tr(env, 'col.code')}>
                    <a href={`/plans/${x.id}`}>{x.code}</a>
                  </th>
                  <td data-label={tr(env, 'col.plan')}>
                    {x.title}
                    <br />
                    <span class="hint">
                      {[x.issuer, x.number ? tr(env, 'list.number', { number: x.number }) : null, x.date ? formatDate(x.date) : null]
                        .filter(Boolean)
                        .join(' · ')}
                    </span>
                  </td>
                  <td data-label={tr(env, 'col.tasks')}>{x.counts.tasks}</td>
                  <td data-label={tr(env, 'col.clears')}>
                    {pct(x.sixClears.score)} ({x.sixClears.complete}/{x.sixClears.tasks})
                  </td>
                  <td data-label={tr(env, 'col.unmatchedShort')}>
                    {x.counts.unmatchedAgencies ? <span class="tag warn">{x.counts.unmatchedAgencies}</span> : '0'}
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      <Pager env={env} page={result.page.page} pageSize={result.page.pageSize} total={result.page.total} query={{}} />
    </Layout>
  );
}

// ── /plans/import ───────────────────────────────────────────────────────────

export function ImportPage(p: { env: PageEnv; errors: FieldError[]; text?: string }) {
  const { env } = p;
  return (
    <Layout env={env} title={tr(env, 'import.title')}>
      <ErrorSummary env={env} errors={p.errors} />
      <p>{tr(env, 'import.intro')}</p>
      <form
        method="post"
        action={`/plans/import?_csrf=${encodeURIComponent(env.csrf)}`}
        enctype="multipart/form-data"
        class="rq-form"
        novalidate
        data-upload-progress
        data-max-bytes={IMPORT_LIMITS.maxBytes}
      >
        <CsrfField env={env} />
        <div class="rq-group">
          <label for="file">{tr(env, 'import.file')}</label>
          <p class="hint" id="file-hint">
            {tr(env, 'import.fileHint')}
          </p>
          <input id="file" name="file" type="file" accept=".docx,.xlsx,.txt" aria-describedby="file-hint" />
        </div>
        <div class="rq-group">
          <label for="sheet">{tr(env, 'import.sheet')}</label>
          <input id="sheet" name="sheet" type="text" class="rq-w-10" />
        </div>
        <div class="rq-group">
          <label for="content">{tr(env, 'import.content')}</label>
          <textarea id="content" name="content" rows={8}>
            {p.text ?? ''}
          </textarea>
        </div>
        <button type="submit" class="button">
          {tr(env, 'import.submit')}
        </button>
        {/* Filled by /static/plan-import.js while a file uploads; without JavaScript it stays hidden. */}
        <div role="status" aria-live="polite" data-upload-status hidden style="margin-top:1rem" />
      </form>
      <script src="/static/plan-import.js" defer />
    </Layout>
  );
}

export interface PreviewEdits {
  title?: string;
  focalAgencyId?: string;
  reminderDays?: string;
  agency: Record<string, string>;
  timing: Record<string, string>;
  person: Record<string, string>;
}

function AgencySelect(p: {
  env: PageEnv;
  id: string;
  a: ImportedAgency;
  agencies: readonly AgencyOption[];
  value: string | undefined;
  role: string;
  task: string;
}) {
  const candidates = p.a.candidates ?? [];
  const rest = p.agencies.filter((o) => !candidates.some((c) => c.agencyId === o.id));
  return (
    <>
      <label class="vh" for={p.id}>
        {tr(p.env, 'select.label', { text: p.a.text, role: p.role, task: p.task })}
      </label>
      <select id={p.id} name={p.id} style="max-width:16rem">
        <option value="">{tr(p.env, 'select.leave')}</option>
        {candidates.length ? (
          <optgroup label={tr(p.env, 'select.suggested')}>
            {candidates.map((c) => (
              <option value={c.agencyId} selected={p.value === c.agencyId}>
                {c.name} ({Math.round(c.confidence * 100)}%)
              </option>
            ))}
          </optgroup>
        ) : null}
        <optgroup label={tr(p.env, 'select.directory')}>
          {rest.map((o) => (
            <option value={o.id} selected={p.value === o.id}>
              {o.name}
            </option>
          ))}
        </optgroup>
      </select>
    </>
  );
}

function PreviewAgencies(p: {
  env: PageEnv;
  list: readonly ImportedAgency[];
  i: number;
  role: 'lead' | 'co';
  task: string;
  agencies: readonly AgencyOption[];
  edits: PreviewEdits;
}) {
  if (p.list.length === 0) return <span class="hint">—</span>;
  return (
    <ul class="plain">
      {p.list.map((a, j) => {
        const id = `agency.${p.i}.${p.role}.${j}`;
        if (a.agencyId || a.group)
          return (
            <li>
              {a.agencyId ? (p.agencies.find((o) => o.id === a.agencyId)?.name ?? a.text) : a.text}
              {a.group ? <span class="tag">{tr(p.env, 'agency.group')}</span> : null}
            </li>
          );
        return (
          <li>
            <span class="tag warn">{tr(p.env, 'agency.unmatchedShort')}</span> {a.text}
            <br />
            <AgencySelect
              env={p.env}
              id={id}
              a={a}
              agencies={p.agencies}
              value={p.edits.agency[id]}
              role={tr(p.env, p.role === 'lead' ? 'role.lead' : 'role.co')}
              task={p.task}
            />
          </li>
        );
      })}
    </ul>
  );
}

export function PreviewPage(p: {
  env: PageEnv;
  preview: PlanImportPreview;
  packed: string;
  fileName?: string | undefined;
  agencies: readonly AgencyOption[];
  focalDefault: string | undefined;
  edits: PreviewEdits;
  errors: FieldError[];
}) {
  const { env, preview } = p;
  const leaves = preview.tasks.filter((t) => !t.isSection);
  const unmatched = preview.tasks.flatMap((t) => [...t.leadAgencies, ...t.coAgencies]).filter((a) => !a.agencyId && !a.group).length;
  const focal = p.edits.focalAgencyId ?? p.focalDefault;
  const { warnings } = preview;
  const needsLook = warnings.filter((w) => w.severity === 'warning').length;
  return (
    <Layout env={env} title={tr(env, 'preview.title')}>
      <ErrorSummary env={env} errors={p.errors} />
      <p>
        {withNodes(tr(env, 'preview.read', { taskCount: leaves.length, sections: preview.tasks.length - leaves.length }), {
          tasks: <strong>{leaves.length}</strong>,
        })}
        {p.fileName ? tr(env, 'preview.fromFile', { file: p.fileName }) : ''}.{' '}
        {unmatched ? tr(env, 'preview.unmatched', { count: unmatched }) : tr(env, 'preview.allMatched')}
        {warnings.length
          ? ` ${tr(env, 'preview.notes', {
              count: warnings.length,
              toCheck: needsLook ? tr(env, 'preview.notesToCheck', { count: needsLook }) : '',
            })}`
          : ` ${tr(env, 'preview.noNotes')}`}
      </p>
      {preview.warnings.length ? (
        <details class="rq-details">
          <summary>{tr(env, 'preview.notesTitle', { count: preview.warnings.length })}</summary>
          <ul>
            {preview.warnings.map((w) => (
              <li>
                {w.severity === 'warning' ? <span class="tag warn">{tr(env, 'preview.toCheck')}</span> : null} {w.message}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      <form method="post" action="/plans/import/commit" novalidate>
        <CsrfField env={env} />
        <input type="hidden" name="preview" value={p.packed} />
        {p.fileName ? <input type="hidden" name="fileName" value={p.fileName} /> : null}
        <div class="rq-group">
          <label for="title">{tr(env, 'preview.planTitle')}</label>
          <textarea id="title" name="title" rows={2} style="width:100%;max-width:40rem;font-family:inherit">
            {p.edits.title ?? preview.plan.title ?? ''}
          </textarea>
        </div>
        <dl class="summary">
          <dt>{tr(env, 'facts.issuer')}</dt>
          <dd>{preview.plan.issuer ?? '—'}</dd>
          <dt>{tr(env, 'facts.numberDate')}</dt>
          <dd>
            {[preview.plan.number, preview.plan.date ? formatDate(preview.plan.date) : preview.plan.year].filter(Boolean).join(' · ') ||
              '—'}
          </dd>
          <dt>{tr(env, 'facts.basis')}</dt>
          <dd>{preview.plan.legalBasis.join('; ') || '—'}</dd>
          <dt>{tr(env, 'facts.calendar')}</dt>
          <dd>
            {preview.plan.reportingDeadlines.map((d) => tr(env, 'preview.deadline', { day: d.day, month: d.month })).join('; ') ||
              tr(env, 'preview.noCalendar')}
          </dd>
        </dl>
        <div class="rq-group">
          <label for="focalAgencyId">{tr(env, 'preview.focal')}</label>
          <select id="focalAgencyId" name="focalAgencyId">
            {p.agencies.map((o) => (
              <option value={o.id} selected={focal === o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </div>
        <div class="rq-group">
          <label for="reminderDays">{tr(env, 'preview.reminderDays')}</label>
          <input id="reminderDays" name="reminderDays" type="number" min={0} max={60} class="rq-w-4" value={p.edits.reminderDays ?? '7'} />
        </div>
        <div class="table-wrap">
          <table class="cases plan-preview">
            <caption>{tr(env, 'preview.caption', { count: leaves.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{tr(env, 'col.no')}</th>
                <th scope="col">{tr(env, 'col.content')}</th>
                <th scope="col">{tr(env, 'col.lead')}</th>
                <th scope="col">{tr(env, 'col.co')}</th>
                <th scope="col">{tr(env, 'col.deliverable')}</th>
                <th scope="col">{tr(env, 'col.timing')}</th>
                <th scope="col">{tr(env, 'col.person')}</th>
                <th scope="col">{tr(env, 'col.clears')}</th>
              </tr>
            </thead>
            <tbody>
              {preview.tasks.map((t, i) =>
                t.isSection ? (
                  <tr class="section">
                    <th scope="row">{t.number}</th>
                    <td colSpan={7}>
                      <strong>{t.content}</strong>
                    </td>
                  </tr>
                ) : (
                  <tr id={`task-${i}`}>
                    <th scope="row">{t.ref}</th>
                    <td>{t.content}</td>
                    <td>
                      <PreviewAgencies
                        env={env}
                        list={t.leadAgencies}
                        i={i}
                        role="lead"
                        task={t.ref}
                        agencies={p.agencies}
                        edits={p.edits}
                      />
                    </td>
                    <td>
                      <PreviewAgencies env={env} list={t.coAgencies} i={i} role="co" task={t.ref} agencies={p.agencies} edits={p.edits} />
                    </td>
                    <td>{t.deliverable || <span class="hint">—</span>}</td>
                    <td>
                      <label class="vh" for={`timing.${i}`}>
                        {tr(env, 'preview.timingLabel', { ref: t.ref })}
                      </label>
                      <input id={`timing.${i}`} name={`timing.${i}`} type="text" value={p.edits.timing[`timing.${i}`] ?? t.timing.text} />
                      <br />
                      <span class={`tag ${t.timing.kind === 'unparsed' ? 'warn' : ''}`}>{timingSummary(t.timing, env.locale)}</span>
                    </td>
                    <td>
                      <label class="vh" for={`person.${i}`}>
                        {tr(env, 'preview.personLabel', { ref: t.ref })}
                      </label>
                      <input
                        id={`person.${i}`}
                        name={`person.${i}`}
                        type="text"
                        value={p.edits.person[`person.${i}`] ?? t.responsiblePerson ?? ''}
                      />
                    </td>
                    <td>
                      <ClearMarkers locale={env.locale} missing={sixClears(t).missing} />
                    </td>
                  </tr>
                ),
              )}
            </tbody>
          </table>
        </div>
        <button type="submit" class="button">
          {tr(env, 'preview.save')}
        </button>{' '}
        <a href="/plans/import">{tr(env, 'preview.otherFile')}</a>
      </form>
    </Layout>
  );
}

// ── /plans/:id ──────────────────────────────────────────────────────────────

function TaskFixForms(p: { env: PageEnv; plan: PlanView; t: TaskView; agencies: readonly AgencyOption[] }) {
  const { env, plan, t } = p;
  const unmatched = [...t.leadAgencies, ...t.coAgencies].filter((a) => a.match === 'unmatched');
  return (
    <details>
      <summary>{tr(env, 'fix.summary', { ref: t.ref })}</summary>
      <form method="post" action={`/plans/${plan.id}/tasks/${t.id}`} class="inline-form">
        <CsrfField env={env} />
        {unmatched.map((a) => (
          <div class="rq-group">
            <label for={`fix-${a.id}`}>{tr(env, 'fix.agency', { text: a.text })}</label>
            <select id={`fix-${a.id}`} name={`agency.${a.id}`}>
              <option value="">{tr(env, 'select.leave')}</option>
              {p.agencies.map((o) => (
                <option value={o.id}>{o.name}</option>
              ))}
            </select>
          </div>
        ))}
        <div class="rq-group">
          <label for={`timing-${t.id}`}>{tr(env, 'fix.timing')}</label>
          <input id={`timing-${t.id}`} name="timingText" type="text" value={t.timing.text} />
        </div>
        <div class="rq-group">
          <label for={`person-${t.id}`}>{tr(env, 'fix.person')}</label>
          <input id={`person-${t.id}`} name="responsiblePerson" type="text" value={t.responsiblePerson ?? ''} />
        </div>
        <div class="rq-group">
          <label for={`authority-${t.id}`}>{tr(env, 'fix.authority')}</label>
          <input id={`authority-${t.id}`} name="authority" type="text" value={t.authority ?? ''} />
        </div>
        {t.timing.kind === 'conditional' ? (
          <div class="rq-group">
            <label for={`cond-${t.id}`}>{tr(env, 'fix.conditionMet')}</label>
            <input id={`cond-${t.id}`} name="conditionMetOn" type="date" value={t.conditionMetOn ?? ''} />
          </div>
        ) : null}
        <button type="submit" class="button">
          {tr(env, 'fix.save')}
        </button>
      </form>
    </details>
  );
}

/** Managers bind live indicators to a task; reports then carry their figures for the period. */
function IndicatorForm(p: { env: PageEnv; plan: PlanView; t: TaskView; options: readonly IndicatorOption[] }) {
  const { env, plan, t } = p;
  const bound = new Set(t.indicators);
  const box = (o: IndicatorOption) => (
    <div class="rq-choice">
      <input type="checkbox" id={`ind-${t.id}-${o.code}`} name="indicators" value={o.code} checked={bound.has(o.code)} />
      <label for={`ind-${t.id}-${o.code}`}>{o.label}</label>
    </div>
  );
  const sectors = p.options.filter((o) => o.perSector);
  return (
    <details>
      <summary>{tr(env, 'ind.summary', { ref: t.ref })}</summary>
      <form method="post" action={`/plans/${plan.id}/tasks/${t.id}/indicators`} class="inline-form">
        <CsrfField env={env} />
        <fieldset class="rq-group">
          <legend>{tr(env, 'ind.legend')}</legend>
          {p.options.filter((o) => !o.perSector).map(box)}
          <details open={sectors.some((o) => bound.has(o.code))}>
            <summary>{tr(env, 'ind.bySector')}</summary>
            {sectors.map(box)}
          </details>
        </fieldset>
        <button type="submit" class="button">
          {tr(env, 'ind.save')}
        </button>
      </form>
    </details>
  );
}

function Facts({ children }: { children: ComponentChildren }) {
  return <dl class="summary">{children}</dl>;
}

export function PlanPage(p: {
  env: PageEnv;
  plan: PlanView;
  tasks: TaskView[];
  agencies: readonly AgencyOption[];
  indicators: readonly IndicatorOption[];
  notice?: string;
  errors: FieldError[];
  links?: ComponentChildren;
}) {
  const { env, plan } = p;
  const labelOf = new Map(p.indicators.map((o) => [o.code, o.label]));
  const s = plan.sixClears;
  const missing = Object.entries(s.missing)
    .filter(([, n]) => n > 0)
    .map(([c, n]) => `${clearLabel(env.locale, c)}: ${n}`);
  return (
    <Layout env={env} title={tr(env, 'plan.title', { code: plan.code })}>
      <ErrorSummary env={env} errors={p.errors} />
      <Notice message={p.notice} />
      <p>
        <strong>{plan.title}</strong>
      </p>
      <Facts>
        <dt>{tr(env, 'facts.issuer')}</dt>
        <dd>{plan.issuer ?? '—'}</dd>
        <dt>{tr(env, 'facts.numberDate')}</dt>
        <dd>{[plan.number, plan.date ? formatDate(plan.date) : plan.year].filter(Boolean).join(' · ') || '—'}</dd>
        <dt>{tr(env, 'facts.basis')}</dt>
        <dd>{plan.legalBasis.join('; ') || '—'}</dd>
        <dt>{tr(env, 'facts.focal')}</dt>
        <dd>{plan.focalAgency?.name ?? '—'}</dd>
        <dt>{tr(env, 'facts.calendar')}</dt>
        <dd>
          {plan.reportingCalendar.length
            ? plan.reportingCalendar
                .map((d) =>
                  tr(env, 'plan.calendarEntry', {
                    who: tr(env, d.audience === 'agencies' ? 'plan.calendarAgencies' : 'plan.calendarFocal'),
                    day: d.day,
                    month: d.month,
                  }),
                )
                .join('; ')
            : tr(env, 'plan.noCalendar')}
          {`. ${tr(env, 'plan.reminder', { days: plan.reminderDays })}`}
        </dd>
      </Facts>
      <div class="notice" id="score">
        <strong>{tr(env, 'plan.score', { score: pct(s.score) })}</strong> —{' '}
        {tr(env, 'plan.complete', { complete: s.complete, tasks: s.tasks })}
        {missing.length ? ` ${tr(env, 'plan.missing', { list: missing.join('; ') })}` : ''}
        {plan.counts.unmatchedAgencies ? (
          <>
            {' '}
            <span class="tag warn">{tr(env, 'plan.unmatched', { count: plan.counts.unmatchedAgencies })}</span>
          </>
        ) : null}
      </div>
      {p.links}
      <div class="table-wrap">
        <table class="cases plan-tasks">
          <caption>{tr(env, 'plan.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{tr(env, 'col.no')}</th>
              <th scope="col">{tr(env, 'col.content')}</th>
              <th scope="col">{tr(env, 'col.lead')}</th>
              <th scope="col">{tr(env, 'col.co')}</th>
              <th scope="col">{tr(env, 'col.deliverable')}</th>
              <th scope="col">{tr(env, 'col.timing')}</th>
              <th scope="col">{tr(env, 'col.clears')}</th>
            </tr>
          </thead>
          <tbody>
            {p.tasks.map((t) =>
              t.isSection ? (
                <tr id={`t-${t.ref}`} class="section">
                  <th scope="row">{t.number}</th>
                  <td colSpan={6} style={`padding-left:${t.level}rem`}>
                    <strong>{t.content}</strong>
                  </td>
                </tr>
              ) : (
                <tr id={`t-${t.ref}`}>
                  <th scope="row">{t.ref}</th>
                  <td style={`padding-left:${t.level}rem`}>
                    {t.content}
                    {t.responsiblePerson ? (
                      <>
                        <br />
                        <span class="hint">{tr(env, 'plan.person', { name: t.responsiblePerson })}</span>
                      </>
                    ) : null}
                    {t.indicators.length ? (
                      <>
                        <br />
                        <span class="hint">
                          {tr(env, 'plan.indicators', { list: t.indicators.map((c) => labelOf.get(c) ?? c).join('; ') })}
                        </span>
                      </>
                    ) : null}
                    {t.can.edit ? <TaskFixForms env={env} plan={plan} t={t} agencies={p.agencies} /> : null}
                    {t.can.edit ? <IndicatorForm env={env} plan={plan} t={t} options={p.indicators} /> : null}
                    {t.can.report ? (
                      <p>
                        <a href={`/plans/${plan.id}/tasks/${t.id}/report`}>{tr(env, 'plan.report')}</a>
                      </p>
                    ) : null}
                  </td>
                  <td>
                    <AgencyList env={env} list={t.leadAgencies} />
                  </td>
                  <td>
                    <AgencyList env={env} list={t.coAgencies} />
                  </td>
                  <td>{t.deliverable || <span class="hint">—</span>}</td>
                  <td>
                    {t.timing.text || '—'}
                    <br />
                    <span class={`tag ${t.timing.kind === 'unparsed' ? 'warn' : ''}`}>{timingSummary(t.timing as Timing, env.locale)}</span>
                    {t.timingCorrected ? <span class="hint">{` ${tr(env, 'plan.corrected', { text: t.timingText ?? '' })}`}</span> : null}
                  </td>
                  <td>
                    <ClearMarkers locale={env.locale} missing={t.sixClears?.missing ?? []} />
                  </td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}
