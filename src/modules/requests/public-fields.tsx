/**
 * GOV.UK-style form fields for the public pages: label, hint, inline error and the input, tied
 * together with `aria-describedby`; radios and checkboxes in a fieldset with a legend; the date
 * as three boxes. No JavaScript needed.
 */
import { createContext, type ComponentChildren } from 'preact';
import { useContext } from 'preact/hooks';
import type { Locale } from '../../platform/i18n.js';
import { pt } from './public-texts.js';

/** The page's locale, for the few words the fields add themselves (the error prefix, the honeypot label). */
export const FieldLocale = createContext<Locale>('vi');

export interface FieldProps {
  id: string;
  label: string;
  hint?: string;
  error?: string;
}

const describedBy = (id: string, hint?: string, error?: string) =>
  [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

function Hint({ id, hint }: { id: string; hint?: string }) {
  return hint ? (
    <p class="hint" id={`${id}-hint`}>
      {hint}
    </p>
  ) : null;
}

function ErrorText({ id, error }: { id: string; error?: string }) {
  return error ? (
    <p class="field-error" id={`${id}-error`}>
      <span class="rq-visually-hidden">{pt(useContext(FieldLocale), 'err.prefix')} </span>
      {error}
    </p>
  ) : null;
}

function Group({ error, children }: { error?: string; children: ComponentChildren }) {
  return <div class={error ? 'rq-group rq-group-error' : 'rq-group'}>{children}</div>;
}

export function TextField(
  p: FieldProps & {
    value: string;
    type?: 'text' | 'email' | 'tel';
    inputmode?: 'numeric' | 'url' | 'tel' | 'email' | 'text';
    autocomplete?: string;
    width?: 'rq-w-4' | 'rq-w-10' | 'rq-w-20';
    spellcheck?: boolean;
    name?: string;
  },
) {
  return (
    <Group error={p.error}>
      <label for={p.id}>{p.label}</label>
      <Hint id={p.id} hint={p.hint} />
      <ErrorText id={p.id} error={p.error} />
      <input
        type={(p.type ?? 'text') as 'text'}
        id={p.id}
        name={p.name ?? p.id}
        value={p.value}
        class={[p.width ?? '', p.error ? 'rq-input-error' : ''].filter(Boolean).join(' ') || undefined}
        inputmode={p.inputmode}
        autocomplete={p.autocomplete}
        spellcheck={p.spellcheck}
        aria-describedby={describedBy(p.id, p.hint, p.error)}
        aria-invalid={p.error ? 'true' : undefined}
      />
    </Group>
  );
}

export function TextArea(p: FieldProps & { value: string; rows?: number; max: number; min?: number; counterText: string }) {
  return (
    <Group error={p.error}>
      <label for={p.id}>{p.label}</label>
      <Hint id={p.id} hint={p.hint} />
      <ErrorText id={p.id} error={p.error} />
      <textarea
        id={p.id}
        name={p.id}
        rows={p.rows ?? 6}
        class={p.error ? 'rq-input-error' : undefined}
        data-maxlength={String(p.max)}
        data-counter={p.counterText}
        aria-describedby={describedBy(p.id, p.hint, p.error)}
        aria-invalid={p.error ? 'true' : undefined}
      >
        {p.value}
      </textarea>
    </Group>
  );
}

export interface Choice {
  value: string;
  label: string;
  hint?: string;
}

/** Radios or checkboxes in a fieldset. The first input carries the field id (the error summary links to it). */
export function Choices(
  p: FieldProps & {
    type: 'radio' | 'checkbox';
    choices: readonly Choice[];
    selected: readonly string[];
    legendClass?: string;
    children?: ComponentChildren;
  },
) {
  return (
    <Group error={p.error}>
      <fieldset aria-describedby={describedBy(p.id, p.hint, p.error)}>
        <legend class={p.legendClass}>{p.label}</legend>
        <Hint id={p.id} hint={p.hint} />
        <ErrorText id={p.id} error={p.error} />
        <div class={p.type === 'radio' ? 'rq-radios' : 'rq-checkboxes'}>
          {p.choices.map((c, i) => {
            const id = i === 0 ? p.id : `${p.id}-${c.value}`;
            return (
              <div class="rq-choice">
                <input
                  type={p.type}
                  id={id}
                  name={p.id}
                  value={c.value}
                  checked={p.selected.includes(c.value)}
                  aria-describedby={c.hint ? `${id}-item-hint` : undefined}
                />
                <label for={id}>{c.label}</label>
                {c.hint ? (
                  <p class="hint rq-choice-hint" id={`${id}-item-hint`}>
                    {c.hint}
                  </p>
                ) : null}
              </div>
            );
          })}
        </div>
        {p.children}
      </fieldset>
    </Group>
  );
}

export function Select(p: FieldProps & { value: string; options: readonly { value: string; label: string }[]; placeholder: string }) {
  return (
    <Group error={p.error}>
      <label for={p.id}>{p.label}</label>
      <Hint id={p.id} hint={p.hint} />
      <ErrorText id={p.id} error={p.error} />
      <select
        id={p.id}
        name={p.id}
        class={p.error ? 'rq-input-error' : undefined}
        aria-describedby={describedBy(p.id, p.hint, p.error)}
        aria-invalid={p.error ? 'true' : undefined}
      >
        <option value="">{p.placeholder}</option>
        {p.options.map((o) => (
          <option value={o.value} selected={o.value === p.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Group>
  );
}

/** Day, month and year boxes (GOV.UK date input); the day box has the field's id. */
export function DateInput(
  p: FieldProps & {
    ids: readonly [string, string, string];
    values: readonly [string, string, string];
    labels: readonly [string, string, string];
  },
) {
  const widths = ['rq-w-2', 'rq-w-2', 'rq-w-4'];
  return (
    <Group error={p.error}>
      <fieldset role="group" aria-describedby={describedBy(p.id, p.hint, p.error)}>
        <legend>{p.label}</legend>
        <Hint id={p.id} hint={p.hint} />
        <ErrorText id={p.id} error={p.error} />
        <div class="rq-date">
          {p.ids.map((id, i) => (
            <div class="rq-date-item">
              <label for={id}>{p.labels[i]}</label>
              <input
                type="text"
                id={id}
                name={id}
                value={p.values[i]}
                inputmode="numeric"
                class={[widths[i], p.error ? 'rq-input-error' : ''].filter(Boolean).join(' ')}
                aria-invalid={p.error ? 'true' : undefined}
              />
            </div>
          ))}
        </div>
      </fieldset>
    </Group>
  );
}

/** The honeypot: hidden from people and screen readers, tempting to bots. */
export function Honeypot() {
  return (
    <div class="rq-hp" aria-hidden="true">
      <label for="website2">{pt(useContext(FieldLocale), 'honeypot.label')}</label>
      <input type="text" id="website2" name="website2" value="" autocomplete="off" tabindex={-1} />
    </div>
  );
}
