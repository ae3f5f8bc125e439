/** Small pieces of the hotline console: texts in the page's locale, form fields with their errors, formatting. */
import type { ComponentChildren } from 'preact';
import { formatDateTime } from '../../platform/i18n.js';
import type { PageEnv } from '../../web/layout.js';
import { ht, type HotlineTextKey } from './texts.js';

/** An error of the console: `field` is the id of the input it belongs to (linked from the summary). */
export interface FieldError {
  field?: string;
  message: string;
}
export type FormValues = Record<string, string | string[] | undefined>;
/** The forms of the console: the one that failed shows its values and errors. */
export type FormName = 'lookup' | 'answers' | 'case' | 'advice' | 'missed' | `cb-${string}`;

export const tr = (env: PageEnv, key: HotlineTextKey, params?: Record<string, string | number>) => ht(env.locale, key, params);

/**
 * Inline layout styles: the shared stylesheet (src/web/static/app.css) has no two-column grid or
 * inline checkbox yet. The CSP allows inline styles; these move to app.css when it gets them.
 */
export const S = {
  grid: 'display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,26rem),1fr));gap:0 2.5rem;align-items:start',
  section: 'border-top:4px solid var(--accent);margin-top:1.5rem',
  fieldset: 'border:1px solid var(--line);padding:0.25rem 1rem 0.75rem;margin:1rem 0',
  legend: 'font-weight:700;padding:0 0.25rem',
  check: 'display:flex;gap:0.5rem;align-items:flex-start;margin:0.35rem 0',
  checkLabel: 'display:inline;font-weight:400;margin:0',
  row: 'display:flex;flex-wrap:wrap;gap:0.5rem;align-items:flex-end',
  panel: 'border:4px solid var(--ok);padding:0.75rem 1rem;margin:1rem 0',
  code: 'font-size:1.5rem;font-weight:700;letter-spacing:0.05em',
  small: 'font-size:0.9rem',
  jump: 'display:flex;flex-wrap:wrap;gap:0.25rem 1rem;list-style:none;padding:0;margin:0 0 1rem',
} as const;

/** aria-describedby for an input: its hint and its error, when present. */
export function describedBy(id: string, errors: FieldError[], hint = false): string | undefined {
  const ids = [hint ? `${id}-hint` : '', errors.some((e) => e.field === id) ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

export function Field({
  id,
  label,
  hint,
  optional,
  errors,
  children,
}: {
  id: string;
  label: string;
  hint?: string | undefined;
  optional?: string | undefined;
  errors: FieldError[];
  children: ComponentChildren;
}) {
  const e = errors.find((x) => x.field === id);
  return (
    <div class="field">
      <label for={id}>
        {label}
        {optional ? <span class="hint"> {optional}</span> : null}
      </label>
      {hint ? (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {e ? (
        <p class="field-error" id={`${id}-error`}>
          {e.message}
        </p>
      ) : null}
      {children}
    </div>
  );
}

export function FieldErrorText({ id, errors }: { id: string; errors: FieldError[] }) {
  const e = errors.find((x) => x.field === id);
  return e ? (
    <p class="field-error" id={`${id}-error`}>
      {e.message}
    </p>
  ) : null;
}

export function Notice({ message }: { message: string | undefined }) {
  return message ? (
    <div class="notice" role="status">
      {message}
    </div>
  ) : null;
}

/** dd/mm/yyyy HH:mm in Asia/Ho_Chi_Minh. */
export const when = (iso: string) => formatDateTime(iso);

/** 0912345678 → 0912 345 678 (easier to read out); other lengths unchanged. */
export function spacedPhone(p: string): string {
  return /^0\d{9}$/.test(p) ? `${p.slice(0, 4)} ${p.slice(4, 7)} ${p.slice(7)}` : p;
}

export const str = (v: string | string[] | undefined): string => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));
export const list = (v: string | string[] | undefined): string[] => (Array.isArray(v) ? v : v ? [v] : []);
