/**
 * The "Hồ sơ liên quan" panel of the officer's case page (issue 5 point 6): the parent case, the
 * sub-cases with their roll-up, the form to split a sub-case, the case's group and the one-action
 * Art. 54(2) referral. Everything shown comes from `getCaseGraph`.
 */
import { CsrfField, type PageEnv } from '../../web/layout.js';
import type { getCaseGraph } from './graph.js';
import { childKinds } from './sub-cases.js';
import { ActionForm, one, Section, Select, TextArea, type FieldError, type FormState, type Option } from './staff-components.js';
import { childKindText, rollUpText, statusText, tr, trNodes } from './staff-texts.js';

export type CaseGraph = Awaited<ReturnType<typeof getCaseGraph>>;

export function RelatedSection(p: { env: PageEnv; g: CaseGraph; form: FormState | null; errors: FieldError[]; agencies: Option[] }) {
  const { env, g } = p;
  const v = p.form?.name === 'subcase' ? p.form.values : {};
  const l = env.locale;
  const kindOptions: Option[] = childKinds.map((k) => ({ id: k, label: childKindText(l, k) }));
  return (
    <Section id="related" title={tr(env, 'related.title')}>
      {g.parent ? (
        <p>
          {trNodes(env, 'related.parent', {
            link: g.parent.canOpen ? <a href={`/requests/${g.parent.id}`}>{g.parent.code}</a> : g.parent.code,
            status: statusText(l, g.parent.status),
          })}
        </p>
      ) : null}
      {g.children.length > 0 ? (
        <>
          <p class="rollup">
            {trNodes(env, 'related.rollup', {
              state: <strong>{rollUpText(l, g.rollup)}</strong>,
              open: g.rollup.open,
              total: g.rollup.total,
            })}
          </p>
          <table>
            <thead>
              <tr>
                <th scope="col">{tr(env, 'col.code')}</th>
                <th scope="col">{tr(env, 'related.kind')}</th>
                <th scope="col">{tr(env, 'related.agency')}</th>
                <th scope="col">{tr(env, 'col.status')}</th>
              </tr>
            </thead>
            <tbody>
              {g.children.map((c) => (
                <tr>
                  <td>{c.canOpen ? <a href={`/requests/${c.id}`}>{c.code}</a> : c.code}</td>
                  <td>{childKindText(l, c.kind)}</td>
                  <td>{c.agency.name ?? ''}</td>
                  <td>
                    {statusText(l, c.status)} {c.overdue ? <span class="tag err">{tr(env, 'tag.overdue')}</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : (
        <p>{tr(env, 'related.none')}</p>
      )}
      {g.group ? (
        <p>
          {trNodes(env, 'related.group', {
            link: <a href={`/requests/groups/${g.group.id}`}>{g.group.code}</a>,
            title: g.group.title,
          })}
          {g.group.enforcementFlag ? <span class="tag err">{tr(env, 'related.groupFlag')}</span> : null}
        </p>
      ) : null}
      {g.referralProposal && g.can.acceptReferral ? (
        <form method="post" action={`/requests/${g.id}/actions/referral`}>
          <CsrfField env={env} />
          <p class="hint">{g.referralProposal.reason}</p>
          <p>
            <button type="submit">
              {tr(env, 'related.refer', { agency: g.referralProposal.agency?.name ?? tr(env, 'related.marketAuthority') })}
            </button>
          </p>
        </form>
      ) : null}
      {g.can.split ? (
        <ActionForm
          env={env}
          id={g.id}
          action="sub-case"
          title={tr(env, 'sub.form')}
          submit={tr(env, 'sub.submit')}
          open={p.form?.name === 'subcase'}
        >
          <Select
            id="subcase-kind"
            name="kind"
            label={tr(env, 'sub.kind')}
            placeholder={tr(env, 'sub.chooseKind')}
            options={kindOptions}
            value={one(v.kind)}
            errors={p.errors}
          />
          <Select
            id="subcase-agencyId"
            name="agencyId"
            label={tr(env, 'sub.agency')}
            hint={tr(env, 'sub.agencyHint')}
            placeholder={tr(env, 'sub.defaultAgency')}
            options={p.agencies}
            value={one(v.agencyId)}
            errors={p.errors}
          />
          <TextArea id="subcase-note" name="note" label={tr(env, 'sub.note')} values={v} errors={p.errors} />
        </ActionForm>
      ) : null}
    </Section>
  );
}
