/**
 * Form and case-page pieces shared by the staff pages of several modules (requests, mediation):
 * the form state types, labelled fields tied to their hint and error (aria-describedby, and
 * aria-invalid on a field in error) and the page's sections with their term/value rows. The
 * GOV.UK-style public fields of the requests module are a different kit (requests/public-fields.tsx).
 */
import type { ComponentChildren } from 'preact';

/** What a form posted; the requests pages keep repeated fields (checkboxes) as arrays. */
export type FormValues = Record<string, string | string[] | undefined>;
export interface FieldError {
  field?: string;
  message: string;
}
export interface Option {
  id: string;
  label: string;
}
/** The form that failed, so that it is shown open with what the person typed. */
export interface FormState<V extends FormValues = FormValues> {
  name: string;
  values: V;
}

/** The first value of a field (a repeated field gives its first). */
export const one = (v: string | string[] | undefined): string => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));

export const hasError = (id: string, errors: FieldError[]): boolean => errors.some((e) => e.field === id);

export const describedBy = (id: string, errors: FieldError[], hint = false) =>
  [hint ? `${id}-hint` : '', hasError(id, errors) ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

export function FieldErrorText({ id, errors }: { id: string; errors: FieldError[] }) {
  const e = errors.find((x) => x.field === id);
  return e ? (
    <p class="field-error" id={`${id}-error`}>
      {e.message}
    </p>
  ) : null;
}

export function Hint({ id, hint }: { id: string; hint: string | undefined }) {
  return hint ? (
    <p class="hint" id={`${id}-hint`}>
      {hint}
    </p>
  ) : null;
}

interface FieldProps {
  id: string;
  name: string;
  label: string;
  hint?: string;
  errors: FieldError[];
}

export function TextArea(p: FieldProps & { values: FormValues; rows?: number }) {
  return (
    <div class="field">
      <label for={p.id}>{p.label}</label>
      <Hint id={p.id} hint={p.hint} />
      <FieldErrorText id={p.id} errors={p.errors} />
      <textarea
        id={p.id}
        name={p.name}
        rows={p.rows ?? 3}
        aria-invalid={hasError(p.id, p.errors) ? 'true' : undefined}
        aria-describedby={describedBy(p.id, p.errors, !!p.hint)}
      >
        {one(p.values[p.name])}
      </textarea>
    </div>
  );
}

/** A select with an empty first choice; `value` is the selected option's id (or ''). */
export function Select(p: FieldProps & { placeholder: string; options: Option[]; value: string }) {
  return (
    <div class="field">
      <label for={p.id}>{p.label}</label>
      <Hint id={p.id} hint={p.hint} />
      <FieldErrorText id={p.id} errors={p.errors} />
      <select
        id={p.id}
        name={p.name}
        aria-invalid={hasError(p.id, p.errors) ? 'true' : undefined}
        aria-describedby={describedBy(p.id, p.errors, !!p.hint)}
      >
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

export function Section({ id, title, children }: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section id={id} aria-labelledby={`${id}-h`} class="case-section">
      <h2 id={`${id}-h`}>{title}</h2>
      {children}
    </section>
  );
}

/** A term and its value in a <dl>; nothing when there is no value. */
export function Row({ term, children }: { term: string; children: ComponentChildren }) {
  if (children === undefined || children === null || children === '') return null;
  return (
    <>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </>
  );
}
