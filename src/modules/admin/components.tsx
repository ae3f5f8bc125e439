/** Small pieces shared by the admin pages: sending HTML, field errors, notices. */
import type { FastifyReply } from 'fastify';
import type { VNode } from 'preact';
import { z } from 'zod';
import { html } from '../../web/render.js';

/** A form whose only field is the CSRF token. A POST without any body arrives as null. */
export const csrfOnlyBody = z.object({ _csrf: z.string().max(100).optional() }).nullish();

export interface FieldError {
  field: string;
  message: string;
}

/** Sends a page. Admin pages show personal data and secrets: never cached. */
export function sendPage(reply: FastifyReply, node: VNode, status = 200): FastifyReply {
  return reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html(node));
}

/** The message under a field, linked from the error summary by the field's id. */
export function FieldErrorText({ field, errors }: { field: string; errors: FieldError[] }) {
  const e = errors.find((x) => x.field === field);
  return e ? (
    <p class="field-error" id={`${field}-error`}>
      {e.message}
    </p>
  ) : null;
}

/** One error per field, in form order, with the page's own wording for each field. */
export function fieldErrors<F extends string>(
  issues: readonly { path: readonly PropertyKey[] }[],
  fields: readonly F[],
  messageOf: (field: F) => string,
): FieldError[] {
  const bad = new Set(issues.map((i) => String(i.path[0] ?? '')));
  return fields.filter((f) => bad.has(f)).map((f) => ({ field: f, message: messageOf(f) }));
}

/** Drops blank form fields, so that "left empty" means "not given". */
export function nonBlank(body: Record<string, unknown>, omit: readonly string[] = ['_csrf']): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) {
    if (omit.includes(k)) continue;
    if (typeof v === 'string' && v.trim() === '') continue;
    out[k] = v;
  }
  return out;
}

export function Notice({ message }: { message: string | undefined }) {
  return message ? (
    <div class="notice" role="status">
      {message}
    </div>
  ) : null;
}
