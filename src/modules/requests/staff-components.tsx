/**
 * Small pieces shared by the officers' views (staff-views.tsx) and the negotiation part of the
 * case page (staff-negotiation.tsx): the folded action form posting to the case's actions, and
 * the shared form pieces of web/forms.tsx (types, labelled fields tied to their errors, sections),
 * re-exported so that the staff views import one kit.
 */
import type { ComponentChildren } from 'preact';
import { CsrfField, type PageEnv } from '../../web/layout.js';
import type { getRequest } from './case-view.js';

export {
  describedBy,
  FieldErrorText,
  one,
  Row,
  Section,
  Select,
  TextArea,
  type FieldError,
  type FormState,
  type FormValues,
  type Option,
} from '../../web/forms.js';

export type CaseView = Awaited<ReturnType<typeof getRequest>>;

export const label = <K extends string>(map: Record<K, string>, key: string | null | undefined): string =>
  key ? ((map as Record<string, string>)[key] ?? key) : '';

export const many = (v: string | string[] | undefined): string[] => (Array.isArray(v) ? v : v ? [v] : []);

/** An action form folded in a <details> (opened when it has the page's errors). */
export function ActionForm(p: {
  env: PageEnv;
  id: string;
  action: string;
  title: string;
  open?: boolean;
  submit: string;
  tone?: 'danger' | 'secondary';
  children: ComponentChildren;
}) {
  return (
    <details class="action" id={`${p.action}-form`} open={p.open}>
      <summary>{p.title}</summary>
      <form method="post" action={`/requests/${p.id}/actions/${p.action}`} novalidate>
        <CsrfField env={p.env} />
        {p.children}
        <p>
          <button type="submit" class={p.tone}>
            {p.submit}
          </button>
        </p>
      </form>
    </details>
  );
}
