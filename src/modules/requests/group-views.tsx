/**
 * Views of the officers' pages for groups of cases and businesses (issue 5 point 6): the
 * suggested groups, a group with its collective actions and Art. 54(2) referral, and the cases of
 * one business. Pure components over what graph.ts returns; the routes are in group-pages.tsx.
 * Texts: staff-texts.ts.
 */
import { formatDate } from '../../platform/i18n.js';
import { CsrfField, ErrorSummary, Layout, type PageEnv } from '../../web/layout.js';
import type { getRequestGroup, listBusinessCases, suggestRequestGroups } from './graph.js';
import { closingOutcomes } from './schema.js';
import {
  closingOutcomeText,
  rollUpText,
  sectorText as sectorLabel,
  statusText,
  tr,
  violationText as violationLabel,
} from './staff-texts.js';

export type Group = Awaited<ReturnType<typeof getRequestGroup>>;
export type Suggestions = Awaited<ReturnType<typeof suggestRequestGroups>>;
export type Business = Awaited<ReturnType<typeof listBusinessCases>>;
export interface Problem {
  message: string;
}

/** The collective status change's choices (labels: `group.choice.*`). */
const STATUS_CHOICES = ['accepted', 'in_progress', 'resolved', 'closed'] as const;

const sectorText = (env: PageEnv, s: string | null) => (s ? sectorLabel(env.locale, s) : '—');
const violationText = (env: PageEnv, vs: readonly string[]) => vs.map((v) => violationLabel(env.locale, v)).join(', ');

export function Notice({ text }: { text: string | undefined }) {
  return text ? (
    <div class="notice" role="status">
      {text}
    </div>
  ) : null;
}

function CaseLink({ id, code, canOpen = true }: { id: string; code: string; canOpen?: boolean }) {
  return canOpen ? <a href={`/requests/${id}`}>{code}</a> : <>{code}</>;
}

export function SuggestionsPage(p: { env: PageEnv; s: Suggestions; errors: Problem[]; canCreate: boolean }) {
  const { env, s } = p;
  return (
    <Layout env={env} title={tr(env, 'groups.title')}>
      <ErrorSummary env={env} errors={p.errors} />
      <p>
        <a href="/requests">{tr(env, 'groups.back')}</a>
      </p>
      <p>{tr(env, 'groups.intro', { threshold: s.threshold })}</p>
      {s.data.length === 0 ? <p>{tr(env, 'groups.none')}</p> : null}
      {s.data.map((g, i) => {
        const free = g.requests.filter((r) => !r.groupId);
        return (
          <section class="case-section" aria-labelledby={`sg-${i}`}>
            <h2 id={`sg-${i}`}>
              {g.business.name}
              {g.business.taxCode ? tr(env, 'groups.taxCode', { taxCode: g.business.taxCode }) : ''}
            </h2>
            <p>
              {sectorText(env, g.sector)} · {violationText(env, g.violations)} · {tr(env, 'groups.consumers', { n: g.consumers })}
              {g.reachesThreshold ? <span class="tag err">{tr(env, 'groups.threshold')}</span> : null}
              {g.business.taxCode ? (
                <>
                  {' '}
                  · <a href={`/requests/businesses/${g.business.taxCode}`}>{tr(env, 'groups.businessPage')}</a>
                </>
              ) : null}
            </p>
            <ul>
              {g.requests.map((r) => (
                <li>
                  <CaseLink id={r.id} code={r.code} /> · {statusText(env.locale, r.status)} · {formatDate(r.receivedAt)}
                  {r.enforcementFlag ? <span class="tag err">{tr(env, 'groups.needsEnforcement')}</span> : null}
                </li>
              ))}
            </ul>
            {g.groups.length ? (
              <p>
                {tr(env, 'groups.existing')}{' '}
                {g.groups.map((x) => (
                  <a href={`/requests/groups/${x.id}`}>{x.code} </a>
                ))}
              </p>
            ) : null}
            {p.canCreate && free.length >= 2 ? (
              <form method="post" action="/requests/groups" class="inline-form">
                <CsrfField env={env} />
                {free.map((r) => (
                  <input type="hidden" name="requestIds" value={r.id} />
                ))}
                <button type="submit">{tr(env, 'groups.create', { n: free.length })}</button>
              </form>
            ) : null}
          </section>
        );
      })}
    </Layout>
  );
}

export function GroupPage(p: { env: PageEnv; g: Group; errors: Problem[]; notice?: string; values: Record<string, string> }) {
  const { env, g, values: v } = p;
  return (
    <Layout env={env} title={tr(env, 'group.title', { code: g.code })}>
      <ErrorSummary env={env} errors={p.errors} />
      <Notice text={p.notice} />
      <p>
        <a href="/requests/groups">{tr(env, 'group.back')}</a>
      </p>
      <p>
        <strong>{g.title}</strong>
      </p>
      <dl class="summary">
        <dt>{tr(env, 'group.business')}</dt>
        <dd>
          {g.business.name}
          {g.business.taxCode ? (
            <>
              {' '}
              (<a href={`/requests/businesses/${g.business.taxCode}`}>{tr(env, 'taxCode', { taxCode: g.business.taxCode })}</a>)
            </>
          ) : null}
        </dd>
        <dt>{tr(env, 'group.sector')}</dt>
        <dd>{sectorText(env, g.sector)}</dd>
        <dt>{tr(env, 'group.consumers')}</dt>
        <dd>
          {tr(env, 'group.consumersText', { n: g.consumers, threshold: g.threshold })}
          {g.consumersIdentified ? tr(env, 'group.identified') : ''}
        </dd>
        <dt>{tr(env, 'group.rollup')}</dt>
        <dd>
          {tr(env, 'group.rollupText', {
            state: rollUpText(env.locale, g.rollup),
            open: g.rollup.open,
            total: g.rollup.total,
            overdue: g.rollup.overdue ? tr(env, 'group.rollupOverdue', { n: g.rollup.overdue }) : '',
          })}
        </dd>
        <dt>{tr(env, 'group.enforcement')}</dt>
        <dd>
          {g.enforcement.flagged ? (
            <span class="tag err">{g.enforcement.label ?? tr(env, 'group.proposed')}</span>
          ) : (
            tr(env, 'group.notYet')
          )}
          {g.referral
            ? tr(env, 'group.referred', {
                code: g.referral.code,
                status: statusText(env.locale, g.referral.status),
                agency: g.referral.agencyName ? `, ${g.referral.agencyName}` : '',
              })
            : ''}
        </dd>
      </dl>
      <div class="table-wrap">
        <table class="cases">
          <caption>{tr(env, 'group.members')}</caption>
          <thead>
            <tr>
              <th scope="col">{tr(env, 'col.code')}</th>
              <th scope="col">{tr(env, 'col.status')}</th>
              <th scope="col">{tr(env, 'col.received')}</th>
              <th scope="col">{tr(env, 'col.business')}</th>
            </tr>
          </thead>
          <tbody>
            {g.members.map((m) => (
              <tr>
                <td>
                  <CaseLink id={m.id} code={m.code} canOpen={m.canOpen} />
                </td>
                <td>
                  {statusText(env.locale, m.status)} {m.overdue ? <span class="tag err">{tr(env, 'tag.overdue')}</span> : null}
                </td>
                <td>{formatDate(m.receivedAt)}</td>
                <td>{m.businessName}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {g.can.act ? (
        <>
          <details class="action" open={v.form === 'note'}>
            <summary>{tr(env, 'group.noteForm')}</summary>
            <form method="post" action={`/requests/groups/${g.id}/note`} novalidate>
              <CsrfField env={env} />
              <label for="note-body">{tr(env, 'group.noteBody')}</label>
              <textarea id="note-body" name="body" rows={3}>
                {v.body ?? ''}
              </textarea>
              <p>
                <button type="submit">{tr(env, 'group.noteSubmit')}</button>
              </p>
            </form>
          </details>
          <details class="action" open={v.form === 'status'}>
            <summary>{tr(env, 'group.statusForm')}</summary>
            <form method="post" action={`/requests/groups/${g.id}/status`} novalidate>
              <CsrfField env={env} />
              <label for="status-to">{tr(env, 'group.statusTo')}</label>
              <select id="status-to" name="to">
                {STATUS_CHOICES.map((k) => (
                  <option value={k} selected={v.to === k}>
                    {tr(env, `group.choice.${k}`)}
                  </option>
                ))}
              </select>
              <label for="status-outcome">{tr(env, 'group.outcome')}</label>
              <select id="status-outcome" name="outcome">
                <option value="">—</option>
                {closingOutcomes.map((o) => (
                  <option value={o} selected={v.outcome === o}>
                    {closingOutcomeText(env.locale, o)}
                  </option>
                ))}
              </select>
              <label for="status-note">{tr(env, 'group.note')}</label>
              <textarea id="status-note" name="note" rows={2}>
                {v.note ?? ''}
              </textarea>
              <p>
                <button type="submit">{tr(env, 'group.statusSubmit')}</button>
              </p>
            </form>
          </details>
        </>
      ) : null}
      {g.can.acceptReferral ? (
        <form method="post" action={`/requests/groups/${g.id}/referral`} class="inline-form">
          <CsrfField env={env} />
          <button type="submit" class="danger">
            {tr(env, 'group.refer')}
          </button>
        </form>
      ) : null}
    </Layout>
  );
}

export function BusinessPage(p: { env: PageEnv; b: Business }) {
  const { env, b } = p;
  return (
    <Layout env={env} title={tr(env, 'business.title', { taxCode: b.taxCode })}>
      <p>
        <a href="/requests">{tr(env, 'groups.back')}</a>
      </p>
      <dl class="summary">
        <dt>{tr(env, 'business.names')}</dt>
        <dd>{b.names.join('; ') || '—'}</dd>
        <dt>{tr(env, 'business.cases')}</dt>
        <dd>{tr(env, 'business.casesText', { total: b.total, open: b.open, flagged: b.enforcementFlagged })}</dd>
        <dt>{tr(env, 'business.violations')}</dt>
        <dd>{b.potentialViolations}</dd>
      </dl>
      {b.groups.length ? (
        <>
          <h2>{tr(env, 'business.groups')}</h2>
          <ul>
            {b.groups.map((g) => (
              <li>
                <a href={`/requests/groups/${g.id}`}>{g.code}</a>
                {tr(env, 'business.groupLine', { title: g.title, members: g.members, consumers: g.consumers })}
                {g.enforcementFlag ? <span class="tag err">{tr(env, 'business.groupFlag')}</span> : null}
                {g.referred ? tr(env, 'business.groupReferred') : ''}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <div class="table-wrap">
        <table class="cases">
          <caption>{tr(env, 'business.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{tr(env, 'col.code')}</th>
              <th scope="col">{tr(env, 'col.status')}</th>
              <th scope="col">{tr(env, 'col.received')}</th>
              <th scope="col">{tr(env, 'business.sectorViolations')}</th>
              <th scope="col">{tr(env, 'business.group')}</th>
            </tr>
          </thead>
          <tbody>
            {b.requests.length === 0 ? (
              <tr>
                <td colSpan={5}>{tr(env, 'business.none')}</td>
              </tr>
            ) : null}
            {b.requests.map((r) => (
              <tr>
                <td>
                  <CaseLink id={r.id} code={r.code} />
                  {r.matchedBy === 'name' ? <span class="hint">{tr(env, 'business.byName')}</span> : null}
                </td>
                <td>
                  {statusText(env.locale, r.status)} {r.overdue ? <span class="tag err">{tr(env, 'tag.overdue')}</span> : null}
                </td>
                <td>{formatDate(r.receivedAt)}</td>
                <td>
                  {sectorText(env, r.sector)}
                  {r.violations.length ? ` · ${violationText(env, r.violations)}` : ''}
                </td>
                <td>{r.group ? <a href={`/requests/groups/${r.group.id}`}>{r.group.code}</a> : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}
