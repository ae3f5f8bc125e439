/**
 * Officers' pages of consumer requests (issue 4, point 7): GET /requests (the inbox: filters,
 * search, bulk assignment), GET /requests/:id (the case page), and one POST route per case
 * action, /requests/:id/actions/<name>. Each route calls one service function, which checks the
 * permission and the record's scope; success redirects with a notice (post/redirect/get), and a
 * refused action shows the page again with the service's message and what the officer typed.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { z } from 'zod';
import { typed } from '../../platform/api.js';
import { can, requirePermission, type Permission } from '../../platform/auth/permissions.js';
import { listUsers } from '../../platform/auth/service.js';
import type { Ctx, Deps } from '../../platform/context.js';
import { AppError, httpStatusOf } from '../../platform/errors.js';
import type { Locale } from '../../platform/i18n.js';
import { pageEnv } from '../../web/layout.js';
import { html } from '../../web/render.js';
import { getCommune, listAgencies } from '../directory/index.js';
import { businessHasUsers, invitationInput, inviteBusinessUser } from './business-accounts.js';
import { acceptReferral, getCaseGraph, splitRequest } from './graph.js';
import { referralInput, splitInput } from './graph-routes.js';
import { listInbox } from './inbox.js';
import { forwardToBusiness } from './negotiation.js';
import {
  assignInput,
  bounceInput,
  closingOutcomes,
  correctionInput,
  forwardInput,
  inboxQuery,
  mergeInput,
  noteInput,
  refuseInput,
  rerouteInput,
  statusInput,
  type ClosingOutcome,
} from './schema.js';
import { getRequest } from './case-view.js';
import { changeStatus, mergeRequest, refuseRequest } from './status.js';
import { addNote, assignRequests, bounceRequest, correctClassification, rerouteRequest } from './actions.js';
import {
  CasePage,
  filterKeys,
  InboxPage,
  type CaseView,
  type FieldError,
  type Filters,
  type FormState,
  type FormValues,
  type Option,
} from './staff-views.js';
import { RelatedSection } from './staff-graph.js';
import { closingOutcomeText, st, statusText, type StaffTextKey } from './staff-texts.js';

const PAGE_SIZE = 25;
const CODE = /^YC-\d{4}-\d{6}$/;
const idParams = z.object({ id: z.uuid() });
const formValue = z.union([z.string().max(10_000), z.array(z.string().max(10_000)).max(200)]);
/** Form posts: text fields (and repeated checkboxes); each action validates its own fields. */
const formBody = z
  .object({ _csrf: z.string().max(100).optional() })
  .catchall(formValue)
  .nullish();
type FormBody = z.infer<typeof formBody>;
const filterText = z.string().max(200).optional();
const inboxPageQuery = z.object({
  ...Object.fromEntries(filterKeys.map((k) => [k, filterText])),
  page: z.string().max(10).optional(),
  done: z.enum(['assigned', 'rerouted', 'bounced']).optional(),
  n: z.coerce.number().int().min(0).max(1000).optional(),
  code: z.string().regex(CODE).optional(),
  lang: z.string().max(5).optional(),
}) as z.ZodType<Filters & { page?: string; done?: 'assigned' | 'rerouted' | 'bounced'; n?: number; code?: string }>;
const caseDone = [
  'status',
  'refused',
  'assigned',
  'note',
  'classification',
  'merged',
  'forwarded',
  'forwardedInvited',
  'closed',
  'invited',
  'subCase',
  'referred',
] as const;
const caseQuery = z.object({ done: z.enum(caseDone).optional(), lang: z.string().max(5).optional() });

const filterNames: Record<string, StaffTextKey> = {
  q: 'inbox.q',
  status: 'filter.status',
  sector: 'filter.sector',
  violation: 'filter.violation',
  channel: 'filter.channel',
  kind: 'filter.kind',
  vulnerable: 'filter.vulnerable',
  overdue: 'filter.overdue',
  commune: 'filter.communeDigits',
  assignedTo: 'filter.assignedTo',
  page: 'filter.page',
};

function sendPage(reply: FastifyReply, node: VNode, status = 200): FastifyReply {
  // Case pages carry personal data: never cached.
  return reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html(node));
}

const one = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);
const many = (v: string | string[] | undefined): string[] => (Array.isArray(v) ? v : v ? [v] : []);

/** Trimmed form fields without blanks, so that "left empty" means "not given". */
function formValues(body: FormBody): FormValues {
  const out: FormValues = {};
  for (const [k, v] of Object.entries(body ?? {})) {
    if (k === '_csrf' || v === undefined) continue;
    if (Array.isArray(v)) {
      const list = v.map((s) => s.trim()).filter(Boolean);
      if (list.length > 0) out[k] = list;
    } else if (v.trim() !== '') out[k] = v.trim();
  }
  return out;
}

/** Errors a person can fix on the page; anything else (403, the case itself not found) keeps its error page. */
function shownOnPage(e: unknown): e is AppError {
  return e instanceof AppError && ['validation', 'conflict', 'invalid_state', 'not_found'].includes(e.kind);
}

// ── options for the selects ─────────────────────────────────────────────────

/** Officers the caller may assign (same agency unless an administrator; commune scope comes from listUsers). */
async function officerOptions(ctx: Ctx): Promise<Option[]> {
  const actor = ctx.actor;
  if (actor.type !== 'user' || !can(actor, 'requests.assign') || !can(actor, 'users.read')) return [];
  const out: Option[] = [];
  for (const role of ['case_officer', 'agency_manager', 'admin'] as const) {
    for (let page = 1; page <= 20; page++) {
      const r = await listUsers(ctx, { role, page, pageSize: 200 });
      for (const u of r.data)
        if (u.active && u.kind === 'staff' && (actor.role === 'admin' || actor.agencyId === null || u.agencyId === actor.agencyId))
          out.push({ id: u.id, label: `${u.displayName} (${u.username})` });
      if (page * 200 >= r.page.total) break;
    }
  }
  return out.sort((a, b) => a.label.localeCompare(b.label, 'vi'));
}

/** Active agencies other than the current one; the routing engine's alternatives first, marked "gợi ý". */
async function agencyOptions(ctx: Ctx, c: CaseView): Promise<Option[]> {
  const kinds = new Set(c.routing.alternatives.map((a) => a.kind));
  const suggested: Option[] = [];
  const rest: Option[] = [];
  for (let page = 1; page <= 50; page++) {
    const r = await listAgencies(ctx, { page, pageSize: 200 });
    for (const a of r.data) {
      if (a.id === c.routing.agency.id) continue;
      const hint = kinds.has(a.kind) && (a.communeCode === null || a.communeCode === c.placeCommuneCode);
      const name = a.communeCode ? `${a.name} (${a.communeCode})` : a.name;
      (hint ? suggested : rest).push({ id: a.id, label: hint ? st(ctx.locale, 'agency.suggested', { name }) : name });
    }
    if (r.data.length === 0 || page * 200 >= r.page.total) break;
  }
  return [...suggested, ...rest];
}

async function communeNames(ctx: Ctx, c: CaseView): Promise<Record<string, string>> {
  const address = (c.consumer.address ?? null) as { communeCode?: string } | null;
  const place = ((c.transaction?.place ?? null) as { communeCode?: string } | null) ?? null;
  const out: Record<string, string> = {};
  for (const code of new Set([address?.communeCode, place?.communeCode, c.placeCommuneCode])) {
    if (!code) continue;
    try {
      out[code] = (await getCommune(ctx, code)).name;
    } catch (e) {
      if (!(e instanceof AppError && e.kind === 'not_found')) throw e;
    }
  }
  return out;
}

// ── inbox ───────────────────────────────────────────────────────────────────

function cleanFilters(f: Filters, ctx: Ctx): Filters {
  const out: Filters = {};
  for (const k of filterKeys) {
    const v = f[k]?.trim();
    if (v) out[k] = v;
  }
  // A commune officer's scope is their commune already.
  if (ctx.actor.type === 'user' && ctx.actor.communeCode !== null) delete out.commune;
  return out;
}

/** The inbox's query string (filters and page), kept through the bulk-assign post. */
function queryString(f: Filters, page?: string): string {
  const q = new URLSearchParams();
  for (const k of filterKeys) if (f[k]) q.set(k, f[k]!);
  if (page && page !== '1') q.set('page', page);
  return q.toString();
}

function parseBack(raw: string | undefined): { filters: Filters; page?: string } {
  const q = new URLSearchParams((raw ?? '').slice(0, 2000));
  const filters: Filters = {};
  for (const k of filterKeys) {
    const v = q.get(k);
    if (v && v.length <= 200) filters[k] = v;
  }
  const page = q.get('page') ?? undefined;
  return { filters, ...(page && /^\d{1,6}$/.test(page) ? { page } : {}) };
}

async function renderInbox(
  req: FastifyRequest,
  reply: FastifyReply,
  filters: Filters,
  page: string | undefined,
  extra: { errors?: FieldError[]; notice?: string; selected?: string[]; assigneeId?: string } = {},
  status = 200,
): Promise<FastifyReply> {
  const ctx = req.ctx;
  requirePermission(ctx, 'requests.read');
  const f = cleanFilters(filters, ctx);
  const raw: Record<string, unknown> = { ...f, page: page ?? '1', pageSize: PAGE_SIZE };
  if (raw.status === 'all') {
    delete raw.status;
    raw.includeClosed = 'true';
  }
  const parsed = inboxQuery.safeParse(raw);
  const errors = [...(extra.errors ?? [])];
  if (!parsed.success) {
    status = 400;
    const bad = [...new Set(parsed.error.issues.map((i) => String(i.path[0] ?? '')))];
    for (const k of bad)
      errors.push({
        ...(k in f ? { field: `f-${k}` } : {}),
        message: st(ctx.locale, 'error.filter', { name: filterNames[k] ? st(ctx.locale, filterNames[k]) : k }),
      });
  }
  const result = await listInbox(ctx, parsed.success ? parsed.data : inboxQuery.parse({ pageSize: PAGE_SIZE }));
  const officers = can(ctx.actor, 'requests.assign') ? await officerOptions(ctx) : null;
  return sendPage(
    reply,
    <InboxPage
      env={pageEnv(req)}
      filters={f}
      result={result}
      errors={errors}
      {...(extra.notice ? { notice: extra.notice } : {})}
      officers={officers}
      selected={new Set(extra.selected ?? [])}
      assigneeId={extra.assigneeId ?? ''}
      back={queryString(f, page)}
      showCommune={ctx.actor.type === 'user' && ctx.actor.communeCode === null}
    />,
    status,
  );
}

// ── case page ───────────────────────────────────────────────────────────────

async function renderCase(
  req: FastifyRequest,
  reply: FastifyReply,
  id: string,
  o: { done?: (typeof caseDone)[number]; errors?: FieldError[]; form?: FormState },
  status = 200,
): Promise<FastifyReply> {
  const ctx = req.ctx;
  const c = await getRequest(ctx, id);
  const agencies = c.can.reroute ? await agencyOptions(ctx, c) : [];
  const officers = c.can.assign ? await officerOptions(ctx) : [];
  const communes = await communeNames(ctx, c);
  const graph = await getCaseGraph(ctx, id);
  // The sub-case's agency: another agency, or blank for the default by kind (the case's own for a civil dispute).
  const allAgencies = graph.can.split ? (c.can.reroute ? agencies : await agencyOptions(ctx, c)) : [];
  const l = ctx.locale;
  const notices: Record<(typeof caseDone)[number], string> = {
    status: st(l, 'done.status', { status: statusText(l, c.status) }),
    refused: st(l, 'done.refused'),
    assigned: c.assignedTo ? st(l, 'done.assigned', { name: c.assignedTo.name }) : st(l, 'done.unassigned'),
    note: st(l, 'done.note'),
    classification: st(l, 'done.classification'),
    merged: st(l, 'done.merged'),
    forwarded: forwardedNotice(c, false, l),
    forwardedInvited: forwardedNotice(c, true, l),
    closed: st(l, 'done.closed', {
      outcome: c.closingOutcome ? st(l, 'done.closedOutcome', { outcome: closingOutcomeText(l, c.closingOutcome as ClosingOutcome) }) : '',
    }),
    invited: st(l, 'done.invited'),
    subCase: st(l, 'done.subCase'),
    referred: st(l, 'done.referred'),
  };
  return sendPage(
    reply,
    <CasePage
      env={pageEnv(req)}
      c={c}
      {...(o.done ? { notice: notices[o.done] } : {})}
      errors={o.errors ?? []}
      form={o.form ?? null}
      agencies={agencies}
      officers={officers}
      communes={communes}
      related={<RelatedSection env={pageEnv(req)} g={graph} form={o.form ?? null} errors={o.errors ?? []} agencies={allAgencies} />}
    />,
    status,
  );
}

/** After forwarding: the business's clocks, and the eligibility warning (Art. 57(2)) when there is one. */
function forwardedNotice(c: CaseView, invited: boolean, l: Locale): string {
  const n = c.negotiation;
  if (!n) return st(l, 'done.forwardedPlain');
  return [
    st(l, 'done.forwarded', { name: n.businessName, taxCode: n.businessTaxCode }),
    invited ? st(l, 'done.forwardedInvited') : '',
    n.eligibilityWarning ? st(l, 'done.forwardedWarning', { warning: n.eligibilityWarning }) : '',
  ]
    .filter(Boolean)
    .join(' ');
}

/** Closing (issue 5): the outcome is required, so the form says so before the service does. */
const closeInput = statusInput.extend({ to: z.literal('closed'), outcome: z.enum(closingOutcomes) }).strict();

interface ActionSpec<T> {
  /** Checked before the form is read, so that a caller without it gets 403 whatever they send. */
  permission: Permission;
  form: string;
  schema: z.ZodType<T>;
  input: (v: FormValues, id: string) => unknown;
  /** One message per field, in form order (the error summary links to `${form}-${field}`). */
  messages: Record<string, StaffTextKey>;
  run: (ctx: Ctx, id: string, data: T) => Promise<string>;
  /** What "not found" means for this action when the case itself is still there (e.g. the merge target). */
  notFound?: StaffTextKey;
}

async function runAction<T>(req: FastifyRequest, reply: FastifyReply, id: string, body: FormBody, a: ActionSpec<T>): Promise<FastifyReply> {
  requirePermission(req.ctx, a.permission);
  const values = formValues(body);
  const form = { name: a.form, values };
  const parsed = a.schema.safeParse(a.input(values, id));
  if (!parsed.success) {
    const bad = new Set(parsed.error.issues.map((i) => String(i.path[0] ?? '')));
    const errors: FieldError[] = Object.entries(a.messages)
      .filter(([k]) => bad.has(k))
      .map(([k, message]) => ({ field: `${a.form}-${k}`, message: st(req.ctx.locale, message) }));
    if (errors.length === 0) errors.push({ message: parsed.error.issues[0]?.message ?? st(req.ctx.locale, 'error.invalid') });
    return renderCase(req, reply, id, { errors, form }, 400);
  }
  try {
    return reply.redirect(await a.run(req.ctx, id, parsed.data), 303);
  } catch (e) {
    if (!shownOnPage(e)) throw e;
    // renderCase reads the case again: when the case itself is gone or out of scope, that answers 404.
    const message = e.code === 'request.not_found' && a.notFound ? st(req.ctx.locale, a.notFound) : e.message;
    return renderCase(req, reply, id, { errors: [{ message }], form }, httpStatusOf(e.kind));
  }
}

const text = (v: FormValues, k: string) => one(v[k]);
const caseUrl = (id: string, done: (typeof caseDone)[number], hash = '') => `/requests/${id}?done=${done}${hash}`;

const actions: Record<string, ActionSpec<never>> = {
  status: spec({
    permission: 'requests.handle',
    form: 'status',
    schema: statusInput,
    input: (v) => ({ to: text(v, 'to'), note: text(v, 'note'), publicNote: text(v, 'publicNote') }),
    messages: { to: 'error.statusTo', note: 'error.noteMax', publicNote: 'error.publicNoteMax' },
    run: async (ctx, id, d) => (await changeStatus(ctx, id, d), caseUrl(id, 'status')),
  }),
  refuse: spec({
    permission: 'requests.handle',
    form: 'refuse',
    schema: refuseInput,
    input: (v) => ({ ground: text(v, 'ground'), explanation: text(v, 'explanation') }),
    messages: { ground: 'error.ground', explanation: 'error.explanation' },
    run: async (ctx, id, d) => (await refuseRequest(ctx, id, d), caseUrl(id, 'refused')),
  }),
  reroute: spec({
    permission: 'requests.handle',
    form: 'reroute',
    schema: rerouteInput,
    input: (v) => ({ agencyId: text(v, 'agencyId'), reason: text(v, 'reason') }),
    messages: { agencyId: 'error.agency', reason: 'error.rerouteReason' },
    // The case usually leaves the officer's scope: back to the inbox.
    run: async (ctx, id, d) => `/requests?done=rerouted&code=${(await rerouteRequest(ctx, id, d)).code}`,
  }),
  bounce: spec({
    permission: 'requests.handle',
    form: 'bounce',
    schema: bounceInput,
    input: (v) => ({ reason: text(v, 'reason') }),
    messages: { reason: 'error.reason' },
    run: async (ctx, id, d) => `/requests?done=bounced&code=${(await bounceRequest(ctx, id, d)).code}`,
  }),
  note: spec({
    permission: 'requests.handle',
    form: 'note',
    schema: noteInput,
    input: (v) => ({ body: text(v, 'body') }),
    messages: { body: 'error.noteBody' },
    run: async (ctx, id, d) => (await addNote(ctx, id, d), caseUrl(id, 'note', '#notes')),
  }),
  classification: spec({
    permission: 'requests.handle',
    form: 'classification',
    schema: correctionInput,
    input: (v) => ({ sector: text(v, 'sector'), violations: many(v.violations) }),
    messages: { sector: 'error.sector', violations: 'error.violations' },
    run: async (ctx, id, d) => (await correctClassification(ctx, id, d), caseUrl(id, 'classification')),
  }),
  merge: spec({
    permission: 'requests.handle',
    form: 'merge',
    schema: mergeInput,
    input: (v) => ({ intoId: text(v, 'intoId') }),
    messages: { intoId: 'error.intoId' },
    notFound: 'error.mergeNotFound',
    run: async (ctx, id, d) => (await mergeRequest(ctx, id, d), caseUrl(id, 'merged')),
  }),
  forward: spec({
    permission: 'requests.handle',
    form: 'forward',
    schema: forwardInput,
    input: (v) => ({
      taxCode: text(v, 'taxCode'),
      businessEmail: text(v, 'businessEmail'),
      note: text(v, 'note'),
      confidential: text(v, 'confidential') === 'yes',
    }),
    messages: { taxCode: 'error.taxCode', businessEmail: 'error.businessEmail', note: 'error.shortNoteMax' },
    run: async (ctx, id, d) => {
      const c = await forwardToBusiness(ctx, id, d);
      // A business without an account could not open the link in the forwarding e-mail: invite it.
      const invite = !!d.businessEmail && !!c.negotiation && !(await businessHasUsers(ctx, c.negotiation.businessTaxCode));
      if (invite) await inviteBusinessUser(ctx, { email: d.businessEmail!.toLowerCase(), requestId: id });
      return caseUrl(id, invite ? 'forwardedInvited' : 'forwarded', '#negotiation');
    },
  }),
  close: spec({
    permission: 'requests.handle',
    form: 'close',
    schema: closeInput,
    input: (v) => ({ to: 'closed', outcome: text(v, 'outcome'), note: text(v, 'note'), publicNote: text(v, 'publicNote') }),
    messages: { outcome: 'error.outcome', publicNote: 'error.publicNoteMax', note: 'error.noteMax' },
    run: async (ctx, id, d) => (await changeStatus(ctx, id, d), caseUrl(id, 'closed')),
  }),
  'invite-business': spec({
    permission: 'requests.handle',
    form: 'invite',
    schema: invitationInput,
    input: (v, id) => ({ email: text(v, 'email'), requestId: id }),
    messages: { email: 'error.inviteEmail' },
    run: async (ctx, id, d) => (await inviteBusinessUser(ctx, d), caseUrl(id, 'invited', '#negotiation')),
  }),
  assign: spec({
    permission: 'requests.assign',
    form: 'assign',
    schema: assignInput,
    input: (v, id) => ({ ids: [id], assigneeId: text(v, 'assigneeId') === 'none' ? null : text(v, 'assigneeId') }),
    messages: { assigneeId: 'error.assignee' },
    notFound: 'error.assigneeNotFound',
    run: async (ctx, id, d) => (await assignRequests(ctx, d), caseUrl(id, 'assigned')),
  }),
  'sub-case': spec({
    permission: 'requests.handle',
    form: 'subcase',
    schema: splitInput,
    input: (v) => ({ kind: text(v, 'kind'), agencyId: text(v, 'agencyId'), note: text(v, 'note') }),
    messages: { kind: 'error.subKind', agencyId: 'error.subAgency', note: 'error.shortNoteMax' },
    run: async (ctx, id, d) => (await splitRequest(ctx, id, d), caseUrl(id, 'subCase', '#related')),
  }),
  referral: spec({
    permission: 'requests.handle',
    form: 'referral',
    schema: referralInput,
    input: () => ({}),
    messages: {},
    run: async (ctx, id, d) => (await acceptReferral(ctx, id, d), caseUrl(id, 'referred', '#related')),
  }),
};

/** Erases the spec's data type for the table; each spec is checked against its own schema above. */
function spec<T>(s: ActionSpec<T>): ActionSpec<never> {
  return s as unknown as ActionSpec<never>;
}

export function registerRequestStaffPages(root: FastifyInstance, _deps: Deps): void {
  const app = typed(root);

  app.get('/requests', { schema: { hide: true, querystring: inboxPageQuery } }, async (req, reply) => {
    const { page, done, n, code, ...filters } = req.query;
    const l = req.ctx.locale;
    const notice =
      done === 'assigned'
        ? st(l, 'done.assignedMany', { n: n ?? 0 })
        : done === 'rerouted' && code
          ? st(l, 'done.rerouted', { code })
          : done === 'bounced' && code
            ? st(l, 'done.bounced', { code })
            : undefined;
    return renderInbox(req, reply, filters, page, notice ? { notice } : {});
  });

  app.post('/requests/assign', { schema: { hide: true, body: formBody } }, async (req, reply) => {
    requirePermission(req.ctx, 'requests.assign');
    const v = formValues(req.body);
    const back = parseBack(one(v.back));
    const ids = many(v.ids);
    const assignee = one(v.assigneeId);
    const errors: FieldError[] = [];
    if (ids.length === 0) errors.push({ message: st(req.ctx.locale, 'error.selectCases') });
    if (!assignee) errors.push({ field: 'assigneeId', message: st(req.ctx.locale, 'error.assignee') });
    const parsed = assignInput.safeParse({ ids, assigneeId: assignee === 'none' ? null : assignee });
    if (errors.length === 0 && !parsed.success) errors.push({ message: st(req.ctx.locale, 'error.assignList') });
    const keep = { selected: ids, ...(assignee ? { assigneeId: assignee } : {}) };
    if (errors.length > 0 || !parsed.success) return renderInbox(req, reply, back.filters, back.page, { errors, ...keep }, 400);
    try {
      const r = await assignRequests(req.ctx, parsed.data);
      const q = queryString(back.filters, back.page);
      return reply.redirect(`/requests?${q ? `${q}&` : ''}done=assigned&n=${r.assigned}`, 303);
    } catch (e) {
      if (!shownOnPage(e)) throw e;
      return renderInbox(req, reply, back.filters, back.page, { errors: [{ message: e.message }], ...keep }, httpStatusOf(e.kind));
    }
  });

  app.get('/requests/:id', { schema: { hide: true, params: idParams, querystring: caseQuery } }, async (req, reply) => {
    requirePermission(req.ctx, 'requests.read');
    return renderCase(req, reply, req.params.id, req.query.done ? { done: req.query.done } : {});
  });

  for (const [name, a] of Object.entries(actions)) {
    app.post(`/requests/:id/actions/${name}`, { schema: { hide: true, params: idParams, body: formBody } }, async (req, reply) =>
      runAction(req, reply, req.params.id, req.body, a),
    );
  }
}
