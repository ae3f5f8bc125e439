/**
 * The officer's inbox: cases in the caller's scope (agency, or commune for commune officers),
 * vulnerable consumers first (Law Art. 8(2)(đ)), then by the earliest due date. Full-text search
 * is accent-insensitive: the query is folded like the stored `search_text` ("hang gia" finds
 * "hàng giả") and matched on the stored `search_tsv` (GIN) with web-search syntax (every word; "quoted"
 * words adjacent; -word excluded); a request code matches exactly.
 *
 * The total is counted up to `INBOX_COUNT_CAP` (`page.totalExact` false beyond it): an exact count
 * of a large selection reads every matching row (a province-wide "all closed cases" is ~1 s over a
 * million cases), while counting to the cap stops early on the same index the page uses.
 */
import { sql } from 'kysely';
import { recordAudit } from '../../platform/audit.js';
import { requirePermission } from '../../platform/auth/permissions.js';
import type { Ctx } from '../../platform/context.js';
import { statusLabel } from './lifecycle.js';
import { scopeWhere } from './access.js';
import type { InboxQuery } from './schema.js';
import type { RequestStatus } from './schema.js';

/** Totals above this are shown as "more than …": officers narrow the search rather than page past it. */
export const INBOX_COUNT_CAP = 1000;

export async function listInbox(ctx: Ctx, q: InboxQuery, opts: { countCap?: number } = {}) {
  const cap = opts.countCap ?? INBOX_COUNT_CAP;
  requirePermission(ctx, 'requests.read');
  const now = ctx.now();
  let base = ctx.db.selectFrom('request');
  base = scopeWhere(base, ctx.actor);
  if (q.status && q.status.length > 0) base = base.where('request.status', 'in', q.status);
  else if (!q.includeClosed) base = base.where('request.status', 'not in', ['resolved', 'refused', 'closed']);
  if (q.sector) base = base.where('request.sector', '=', q.sector);
  if (q.violation) base = base.where(sql<boolean>`request.violations @> array[${q.violation}]::text[]`);
  if (q.channel) base = base.where('request.channel', '=', q.channel);
  if (q.kind) base = base.where('request.kind', '=', q.kind);
  if (q.vulnerable !== undefined) base = base.where(sql<boolean>`(cardinality(request.vulnerable) > 0) = ${q.vulnerable}`);
  if (q.overdue !== undefined)
    base = q.overdue
      ? base.where('request.next_due_at', '<', now)
      : base.where((eb) => eb.or([eb('request.next_due_at', 'is', null), eb('request.next_due_at', '>=', now)]));
  if (q.commune)
    base = base.where((eb) => eb.or([eb('request.commune_code', '=', q.commune!), eb('request.place_commune_code', '=', q.commune!)]));
  if (q.assignedTo === 'me' && ctx.actor.type === 'user') base = base.where('request.assigned_to', '=', ctx.actor.userId);
  else if (q.assignedTo === 'none') base = base.where('request.assigned_to', 'is', null);
  if (q.agencyId) base = base.where('request.agency_id', '=', q.agencyId);
  if (q.q) {
    const term = q.q.trim();
    if (/^YC-\d{4}-\d{6}$/i.test(term)) base = base.where('request.code', '=', term.toUpperCase());
    // Every word, anywhere (web-search syntax: "quoted words" must be adjacent, -word excludes).
    else base = base.where(sql<boolean>`request.search_tsv @@ websearch_to_tsquery('simple', f_fold(${term}))`);
  }
  const [rows, count] = await Promise.all([
    base
      .leftJoin('app_user as assignee', 'assignee.id', 'request.assigned_to')
      .select([
        'request.id',
        'request.code',
        'request.kind',
        'request.channel',
        'request.status',
        'request.received_at',
        'request.business_name',
        'request.sector',
        'request.violations',
        'request.vulnerable',
        'request.agency_kind',
        'request.routing',
        'request.commune_code',
        'request.place_commune_code',
        'request.next_due_at',
        'request.enforcement_flag',
        'assignee.display_name as assignee_name',
        'request.assigned_to',
      ])
      .orderBy(sql`cardinality(request.vulnerable) > 0`, 'desc')
      .orderBy(sql`request.next_due_at asc nulls last`)
      .orderBy('request.received_at', 'desc')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
    ctx.db
      .selectFrom(
        base
          .select('request.id')
          .limit(cap + 1)
          .as('hit'),
      )
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  const counted = Number(count.n);
  return {
    data: rows.map((r) => ({
      id: r.id,
      code: r.code,
      kind: r.kind,
      channel: r.channel,
      status: r.status as RequestStatus,
      statusLabel: statusLabel(r.status as RequestStatus),
      receivedAt: r.received_at.toISOString(),
      businessName: r.business_name,
      sector: r.sector,
      violations: r.violations,
      vulnerable: r.vulnerable,
      agencyKind: r.agency_kind,
      agencyName: ((r.routing ?? {}) as { agencyName?: string }).agencyName ?? null,
      communeCode: r.commune_code,
      placeCommuneCode: r.place_commune_code,
      nextDueAt: r.next_due_at ? r.next_due_at.toISOString() : null,
      overdue: r.next_due_at !== null && r.next_due_at < now,
      enforcementFlag: r.enforcement_flag,
      assignedTo: r.assigned_to ? { id: r.assigned_to, name: r.assignee_name ?? '' } : null,
    })),
    page: { page: q.page, pageSize: q.pageSize, total: Math.min(counted, cap), totalExact: counted <= cap },
  };
}

/** Earlier cases of a caller, by phone (hotline operators; audited as a personal-data lookup). */
export async function casesByPhone(ctx: Ctx, phone: string) {
  requirePermission(ctx, 'requests.intake');
  const rows = await ctx.db
    .selectFrom('request')
    .select(['id', 'code', 'kind', 'status', 'received_at', 'business_name', 'consumer_name', 'agency_kind', 'routing'])
    .where('consumer_phone', '=', phone)
    .orderBy('received_at', 'desc')
    .limit(20)
    .execute();
  await recordAudit(ctx, { action: 'personal_data.lookup', entityType: 'request', summary: { by: 'phone', found: rows.length } });
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    kind: r.kind,
    status: r.status as RequestStatus,
    statusLabel: statusLabel(r.status as RequestStatus),
    receivedAt: r.received_at.toISOString(),
    businessName: r.business_name,
    consumerName: r.consumer_name,
    agencyName: ((r.routing ?? {}) as { agencyName?: string }).agencyName ?? null,
  }));
}
