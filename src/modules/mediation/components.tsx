/**
 * Small form pieces of the mediation pages (labels, hints and errors linked for screen readers):
 * the inputs, radios and checkbox over single-valued forms and the action form with a full URL,
 * plus the shared pieces of web/forms.tsx, re-exported so that the mediation views import one kit.
 */
import type { ComponentChildren } from 'preact';
import {
  describedBy,
  FieldErrorText,
  hasError,
  Hint,
  type FieldError,
  type FormState as SharedFormState,
  type Option,
} from '../../web/forms.js';
import { CsrfField, type PageEnv } from '../../web/layout.js';
import type { MediationView } from './schema.js';
import { mt, type MediationTextKey } from './texts.js';

export { Row, Section, Select, TextArea, type FieldError, type Option } from '../../web/forms.js';

/** The mediation forms post single values only. */
export type FormValues = Record<string, string | undefined>;
export type FormState = SharedFormState<FormValues>;

/** A text of the mediation pages in the page's language. */
export const tr = (env: PageEnv, key: MediationTextKey, params?: Record<string, string | number>): string => mt(env.locale, key, params);

/** What every part of the mediation page gets. */
export interface MediationPageProps {
  env: PageEnv;
  m: MediationView;
  errors: FieldError[];
  form: FormState | null;
}

/** The values typed in one of the page's forms (after a refused post), or none. */
export const valuesOf = (p: MediationPageProps, name: string): FormValues => (p.form?.name === name ? p.form.values : {});

export function Notice({ message }: { message: string | undefined }) {
  return message ? (
    <div class="notice" role="status">
      {message}
    </div>
  ) : null;
}

interface Base {
  id: string;
  name: string;
  label: string;
  hint?: string;
  values: FormValues;
  errors: FieldError[];
}

export function Input(p: Base & { type?: 'text' | 'date' | 'email'; autocomplete?: string; inputmode?: string; width?: string }) {
  return (
    <div class="field">
      <label for={p.id}>{p.label}</label>
      <Hint id={p.id} hint={p.hint} />
      <FieldErrorText id={p.id} errors={p.errors} />
      <input
        // One element for the text-like types (preact's typings discriminate on `type`).
        type={(p.type ?? 'text') as 'text'}
        id={p.id}
        name={p.name}
        value={p.values[p.name] ?? ''}
        class={p.width}
        autocomplete={p.autocomplete ?? 'off'}
        inputMode={p.inputmode as 'numeric' | undefined}
        aria-invalid={hasError(p.id, p.errors) ? 'true' : undefined}
        aria-describedby={describedBy(p.id, p.errors, !!p.hint)}
      />
    </div>
  );
}

export function Radios(p: Base & { options: Option[] }) {
  const value = p.values[p.name] ?? '';
  return (
    <fieldset class="checks" aria-describedby={describedBy(p.id, p.errors, !!p.hint)}>
      <legend>{p.label}</legend>
      <Hint id={p.id} hint={p.hint} />
      <FieldErrorText id={p.id} errors={p.errors} />
      {p.options.map((o, i) => (
        <div class="check">
          <input type="radio" id={i === 0 ? p.id : `${p.id}-${o.id}`} name={p.name} value={o.id} checked={value === o.id} />
          <label for={i === 0 ? p.id : `${p.id}-${o.id}`}>{o.label}</label>
        </div>
      ))}
    </fieldset>
  );
}

export function Checkbox(p: Omit<Base, 'hint'> & { hint?: string }) {
  return (
    <div class="check">
      <FieldErrorText id={p.id} errors={p.errors} />
      <input
        type="checkbox"
        id={p.id}
        name={p.name}
        value="on"
        checked={p.values[p.name] === 'on'}
        aria-describedby={describedBy(p.id, p.errors, !!p.hint)}
      />
      <label for={p.id}>{p.label}</label>
      <Hint id={p.id} hint={p.hint} />
    </div>
  );
}

/** An action form folded in a <details>, opened when it holds the page's errors (or `open`). */
export function ActionForm(p: {
  env: PageEnv;
  action: string;
  name: string;
  title: string;
  open?: boolean;
  submit: string;
  tone?: 'secondary' | 'danger';
  children: ComponentChildren;
}) {
  return (
    <details class="action" id={`${p.name}-form`} open={p.open}>
      <summary>{p.title}</summary>
      <form method="post" action={p.action} novalidate>
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
