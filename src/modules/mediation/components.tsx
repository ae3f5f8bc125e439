/** Small form and layout pieces of the mediation pages (labels, hints and errors linked for screen readers). */
import type { ComponentChildren } from 'preact';
import { CsrfField, type PageEnv } from '../../web/layout.js';
import type { MediationView } from './schema.js';
import { mt, type MediationTextKey } from './texts.js';

export interface FieldError {
  field?: string;
  message: string;
}
export type FormValues = Record<string, string | undefined>;
export interface FormState {
  name: string;
  values: FormValues;
}
export interface Option {
  id: string;
  label: string;
}

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

export function Section({ id, title, children }: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section id={id} aria-labelledby={`${id}-h`} class="case-section">
      <h2 id={`${id}-h`}>{title}</h2>
      {children}
    </section>
  );
}

export function Row({ term, children }: { term: string; children: ComponentChildren }) {
  if (children === undefined || children === null || children === '') return null;
  return (
    <>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </>
  );
}

function FieldErrorText({ id, errors }: { id: string; errors: FieldError[] }) {
  const e = errors.find((x) => x.field === id);
  return e ? (
    <p class="field-error" id={`${id}-error`}>
      {e.message}
    </p>
  ) : null;
}

const describedBy = (id: string, errors: FieldError[], hint: boolean) =>
  [hint ? `${id}-hint` : '', errors.some((e) => e.field === id) ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

interface Base {
  id: string;
  name: string;
  label: string;
  hint?: string;
  values: FormValues;
  errors: FieldError[];
}

function Hint({ id, hint }: { id: string; hint: string | undefined }) {
  return hint ? (
    <p class="hint" id={`${id}-hint`}>
      {hint}
    </p>
  ) : null;
}

export function Input(p: Base & { type?: 'text' | 'date' | 'email'; autocomplete?: string; inputmode?: string; width?: string }) {
  const invalid = p.errors.some((e) => e.field === p.id);
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
        aria-invalid={invalid ? 'true' : undefined}
        aria-describedby={describedBy(p.id, p.errors, !!p.hint)}
      />
    </div>
  );
}

export function TextArea(p: Base & { rows?: number }) {
  const invalid = p.errors.some((e) => e.field === p.id);
  return (
    <div class="field">
      <label for={p.id}>{p.label}</label>
      <Hint id={p.id} hint={p.hint} />
      <FieldErrorText id={p.id} errors={p.errors} />
      <textarea
        id={p.id}
        name={p.name}
        rows={p.rows ?? 3}
        aria-invalid={invalid ? 'true' : undefined}
        aria-describedby={describedBy(p.id, p.errors, !!p.hint)}
      >
        {p.values[p.name] ?? ''}
      </textarea>
    </div>
  );
}

export function Select(p: Base & { placeholder: string; options: Option[] }) {
  const value = p.values[p.name] ?? '';
  return (
    <div class="field">
      <label for={p.id}>{p.label}</label>
      <Hint id={p.id} hint={p.hint} />
      <FieldErrorText id={p.id} errors={p.errors} />
      <select id={p.id} name={p.name} aria-describedby={describedBy(p.id, p.errors, !!p.hint)}>
        <option value="">{p.placeholder}</option>
        {p.options.map((o) => (
          <option value={o.id} selected={value === o.id}>
            {o.label}
          </option>
        ))}
      </select>
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
