/**
 * Small pieces shared by the officers' views (staff-views.tsx) and the negotiation part of the
 * case page (staff-negotiation.tsx): the form state types, labelled fields tied to their errors,
 * the folded action form, and the case page's sections.
 */
import type { ComponentChildren } from 'preact';
import { CsrfField, type PageEnv } from '../../web/layout.js';
import type { getRequest } from './case-view.js';

export type CaseView = Awaited<ReturnType<typeof getRequest>>;

export type FormValues = Record<string, string | string[] | undefined>;
export interface FieldError {
  field?: string;
  message: string;
}
export interface Option {
  id: string;
  label: string;
}
/** The form that failed, so that it is shown open with what the officer typed. */
export interface FormState {
  name: string;
  values: FormValues;
}

export const label = <K extends string>(map: Record<K, string>, key: string | null | undefined): string =>
  key ? ((map as Record<string, string>)[key] ?? key) : '';

export const one = (v: string | string[] | undefined): string => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));
export const many = (v: string | string[] | undefined): string[] => (Array.isArray(v) ? v : v ? [v] : []);

export function FieldError({ id, errors }: { id: string; errors: FieldError[] }) {
  const e = errors.find((x) => x.field === id);
  return e ? (
    <p class="field-error" id={`${id}-error`}>
      {e.message}
    </p>
  ) : null;
}

export const describedBy = (id: string, errors: FieldError[], hint = false) =>
  [hint ? `${id}-hint` : '', errors.some((e) => e.field === id) ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

export function TextArea(p: {
  id: string;
  name: string;
  label: string;
  hint?: string;
  values: FormValues;
  errors: FieldError[];
  rows?: number;
}) {
  return (
    <div class="field">
      <label for={p.id}>{p.label}</label>
      {p.hint ? (
        <p class="hint" id={`${p.id}-hint`}>
          {p.hint}
        </p>
      ) : null}
      <FieldError id={p.id} errors={p.errors} />
      <textarea id={p.id} name={p.name} rows={p.rows ?? 3} aria-describedby={describedBy(p.id, p.errors, !!p.hint)}>
        {one(p.values[p.name])}
      </textarea>
    </div>
  );
}

export function Select(p: {
  id: string;
  name: string;
  label: string;
  hint?: string;
  placeholder: string;
  options: Option[];
  value: string;
  errors: FieldError[];
}) {
  return (
    <div class="field">
      <label for={p.id}>{p.label}</label>
      {p.hint ? (
        <p class="hint" id={`${p.id}-hint`}>
          {p.hint}
        </p>
      ) : null}
      <FieldError id={p.id} errors={p.errors} />
      <select id={p.id} name={p.name} aria-describedby={describedBy(p.id, p.errors, !!p.hint)}>
        <option value="">{p.placeholder}</option>
        {p.options.map((o) => (
          <option value={o.id} selected={p.value === o.id}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

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
