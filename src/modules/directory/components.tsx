/** Small pieces shared by the directory's admin pages: sending HTML, form fields and their errors. */
import type { FastifyReply } from 'fastify';
import type { ComponentChildren, VNode } from 'preact';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import type { PageEnv } from '../../web/layout.js';
import { html } from '../../web/render.js';

export interface FieldError {
  field?: string;
  message: string;
}

export type FormValues = Record<string, string | undefined>;

/** Form posts: text fields only (the page validates them); `_csrf` is checked by the HTTP kernel. */
export const formBody = z.object({ _csrf: z.string().max(100).optional() }).catchall(z.string().max(5000));

export type InputType = 'text' | 'date' | 'email' | 'tel' | 'url';

export const pageQueryString = z.object({
  page: z.coerce.number().int().min(1).max(100000).default(1),
  lang: z.string().max(5).optional(),
});

/** Sends a page; admin pages are never cached. */
export function sendPage(reply: FastifyReply, node: VNode, status = 200): FastifyReply {
  return reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html(node));
}

/** Drops blank fields, so that "left empty" means "not given". */
export function nonBlank(body: Record<string, unknown>, omit: readonly string[] = ['_csrf']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) {
    if (omit.includes(k) || typeof v !== 'string' || v.trim() === '') continue;
    out[k] = v.trim();
  }
  return out;
}

/** Maps a zod failure or an AppError with details to one error per field, in the page's words. */
export function errorsFrom(e: unknown, fields: readonly string[], messageOf: (field: string) => string): FieldError[] | null {
  if (e instanceof z.ZodError) {
    const bad = new Set(e.issues.map((i) => String(i.path[0] ?? '')));
    const out = fields.filter((f) => bad.has(f)).map((f) => ({ field: f, message: messageOf(f) }));
    return out.length ? out : [{ message: e.issues[0]?.message ?? 'Dữ liệu không hợp lệ.' }];
  }
  if (e instanceof AppError && (e.kind === 'validation' || e.kind === 'conflict')) {
    const d = e.details?.[0];
    const field = d?.path && fields.includes(d.path) ? d.path : undefined;
    return [{ ...(field ? { field } : {}), message: e.message }];
  }
  return null;
}

/** 409 for conflicts (a duplicate), 400 for everything else a form can get wrong. */
export function statusOf(e: unknown): number {
  return e instanceof AppError && e.kind === 'conflict' ? 409 : 400;
}

/** A labelled form field with its error message (linked from the error summary by id). */
export function Field({
  id,
  label,
  hint,
  errors,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  errors: FieldError[];
  children: ComponentChildren;
}) {
  const e = errors.find((x) => x.field === id);
  return (
    <div class="field">
      <label for={id}>{label}</label>
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

/** aria-describedby for an input: its hint and its error, when present. */
export function describedBy(id: string, errors: FieldError[], hint = false): string | undefined {
  const ids = [hint ? `${id}-hint` : '', errors.some((e) => e.field === id) ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

export function Notice({ message }: { message: string | undefined }) {
  return message ? (
    <div class="notice" role="status">
      {message}
    </div>
  ) : null;
}

export function Empty({ env }: { env: PageEnv }) {
  return <p class="hint">{env.t('common.empty')}</p>;
}

/** Accepts dd/mm/yyyy as well as yyyy-mm-dd (what people type vs what date inputs send). */
export function isoFromInput(s: string | undefined): string | undefined {
  if (!s) return undefined;
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s.trim());
  return m ? `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}` : s.trim();
}
