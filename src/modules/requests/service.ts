/**
 * Use cases of consumer requests, part 1 (issue 4): intake on every channel with idempotency,
 * triage (classification + competence routing), statutory clocks, public tracking, and the
 * officer's actions. Each use case checks its permission first, runs in one transaction with its
 * audit rows, timeline events and outbox messages, and never logs personal data.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { sql } from 'kysely';
import { recordAudit, recordPersonalDataAccess } from '../../platform/audit.js';
import { can, requirePermission } from '../../platform/auth/permissions.js';
import { randomToken, sha256 } from '../../platform/auth/secrets.js';
import { findActiveClockId, meetClock, readEntityClocks, startClock, stopClock, type ClockView } from '../../platform/clocks/index.js';
import { inTransaction, isUser, type Actor, type Ctx, type UserActor } from '../../platform/context.js';
import { AppError, forbidden, invalid, notFound } from '../../platform/errors.js';
import { formatDate } from '../../platform/i18n.js';
import { enqueue } from '../../platform/outbox.js';
import { todayInVietnam, findAgencyForRoute } from '../directory/index.js';
import { agencyLabels, sectorLabels, violationLabels, type Sector, type ViolationType } from '../classify/index.js';
import { ageOn, formatRequestCode, missingFor, missingLabels, suggestVulnerable, type MissingItem } from './intake.js';
import { assertTransition, canTransition, statusLabel } from './lifecycle.js';
import {
  findDuplicates,
  findIdempotency,
  findRequest,
  findRequestByCode,
  insertEvent,
  insertEvents,
  type EventInput,
  insertIdempotency,
  insertRequest,
  listAttachments,
  listEvents,
  listNotes,
  lockRequest,
  nextCodeNumber,
  type RequestRow,
} from './repo.js';
import { retrainLater, triage, type ResolvedAgency } from './triage.js';
import { refusalGroundLabels, eventLabels } from './texts.js';
import { findNegotiation, negotiationView, trackingNegotiation } from './negotiation-view.js';
import { assertChildrenClosed } from './sub-cases.js';
import type { ClosingOutcome, RefusalGround, RequestInput, RequestStatus, SupplementInput, VulnerableCode } from './schema.js';

export const ENTITY = 'request';
const CLOSED: readonly RequestStatus[] = ['resolved', 'refused', 'closed'];
/** Violations that breach a legal prohibition: not negotiable or mediable (Law Art. 54(2)). */
const ENFORCEMENT_VIOLATIONS: ReadonlySet<string> = new Set(['fraud-scam', 'counterfeit', 'smuggled-origin', 'unsafe']);
const STAFF_CHANNELS = new Set(['hotline', 'in_person', 'post', 'email', 'ncc_referral']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const E = {
  notFound: () => notFound('request.not_found', 'Không tìm thấy hồ sơ.'),
  channel: () =>
    new AppError(
      'forbidden',
      'request.channel_forbidden',
      'Chỉ cán bộ được ghi nhận yêu cầu qua tổng đài, trực tiếp, bưu chính, email hoặc chuyển từ Cục.',
    ),
  keyReused: () =>
    new AppError(
      'conflict',
      'request.idempotency_key_reused',
      'Khóa Idempotency-Key đã dùng cho một yêu cầu khác; hãy tạo khóa mới cho mỗi yêu cầu.',
    ),
  commune: (path: string) =>
    invalid('request.unknown_commune', 'Mã xã, phường không có trong danh mục đơn vị hành chính hiện hành.', [
      { path, code: 'unknown_commune', message: 'Mã xã, phường không tồn tại' },
    ]),
  closed: () => new AppError('invalid_state', 'request.closed', 'Hồ sơ đã kết thúc, không thể thực hiện thao tác này.'),
};

// ── views ───────────────────────────────────────────────────────────────────

export interface ClockBrief {
  id: string;
  rule: string;
  startedAt: string;
  label: string;
  state: string;
  dueAt: string;
  dueDate: string;
  late: boolean;
  legalBasis: string;
  internalSla: boolean;
  explanation: string;
}

const clockBrief = (c: ClockView): ClockBrief => ({
  id: c.id,
  rule: c.rule,
  startedAt: c.startedAt.toISOString(),
  label: c.label,
  state: c.state,
  dueAt: c.dueAt.toISOString(),
  dueDate: c.dueDate,
  late: c.late,
  legalBasis: c.legalBasis,
  internalSla: c.internalSla,
  explanation: c.explanation,
});

function routingView(r: RequestRow) {
  const routing = (r.routing ?? {}) as {
    reason?: string;
    legalBasis?: string;
    explanation?: string;
    alternatives?: { kind: string; score: number; reason?: string }[];
    agencyName?: string;
  };
  return {
    agency: { kind: r.agency_kind ?? 'so-cong-thuong', id: r.agency_id, name: routing.agencyName ?? agencyName(r.agency_kind) },
    reason: routing.reason ?? '',
    legalBasis: routing.legalBasis ?? '',
    alternatives: (routing.alternatives ?? []).map((a) => ({ kind: a.kind, score: a.score, reason: a.reason ?? '' })),
    explanation: routing.explanation ?? '',
    rerouteCount: r.reroute_count,
    bounceCount: r.bounce_count,
  };
}

const agencyName = (kind: string | null) =>
  kind && kind in agencyLabels ? agencyLabels[kind as keyof typeof agencyLabels] : 'Cơ quan tiếp nhận';

function missingView(codes: readonly string[]) {
  return codes.map((c) => ({ code: c, label: missingLabels[c as MissingItem] ?? c }));
}

function classificationOf(r: RequestRow) {
  const c = (r.classification ?? {}) as { confidence?: number; explanation?: string; sector?: string; violations?: string[] };
  return {
    sector: r.sector ?? c.sector ?? 'services-other',
    violations: r.violations,
    confidence: c.confidence ?? 0,
    explanation: c.explanation ?? '',
    corrected: c.sector !== undefined && (c.sector !== r.sector || (c.violations ?? []).join() !== r.violations.join()),
  };
}

// ── intake ──────────────────────────────────────────────────────────────────

export interface Receipt {
  id: string;
  code: string;
  trackingSecret: string;
  trackingUrl: string;
  receivedAt: string;
  status: RequestStatus;
  classification: ReturnType<typeof classificationOf>;
  routing: ReturnType<typeof routingView>;
  clocks: ClockBrief[];
  missing: { code: string; label: string }[];
  vulnerable: VulnerableCode[];
  vulnerableSuggested: VulnerableCode[];
  enforcementFlag: boolean;
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

async function communeExists(ctx: Ctx, code: string): Promise<boolean> {
  return !!(await ctx.db.selectFrom('commune').select('code').where('code', '=', code).executeTakeFirst());
}

export function trackingUrl(ctx: Ctx, code: string, secret: string): string {
  return `${ctx.deps.config.APP_BASE_URL.replace(/\/$/, '')}/tra-cuu/${code}?secret=${encodeURIComponent(secret)}`;
}

/**
 * Receives a request on any channel (Law Art. 11, 56–58). Public callers may use the `web` and
 * `api` channels; staff channels need `requests.intake`. With an Idempotency-Key, a retried
 * submission returns the first answer (`created: false`) and a different body under the same key
 * is refused with 409.
 */
export async function receiveRequest(
  ctx: Ctx,
  input: RequestInput,
  opts: { idempotencyKey?: string } = {},
): Promise<{ created: boolean; receipt: Receipt }> {
  if (STAFF_CHANNELS.has(input.channel)) {
    if (!can(ctx.actor, 'requests.intake')) throw ctx.actor.type === 'anonymous' ? E.channel() : forbidden();
  } else if (ctx.actor.type === 'user' && ctx.actor.userKind === 'business') {
    throw forbidden('request.business_cannot_file', 'Tài khoản doanh nghiệp không gửi yêu cầu thay người tiêu dùng.');
  }
  const scope = `request.create:${isUser(ctx.actor) ? ctx.actor.userId : 'public'}`;
  const bodyHash = sha256(canonical(input));
  if (opts.idempotencyKey) {
    const prior = await findIdempotency(ctx.db, scope, opts.idempotencyKey);
    if (prior) {
      if (prior.body_hash !== bodyHash) throw E.keyReused();
      return { created: false, receipt: prior.response as unknown as Receipt };
    }
  }
  const home = input.consumer.address?.communeCode;
  const place = input.transaction?.place?.communeCode;
  const homeOk = home ? await communeExists(ctx, home) : true;
  if (!homeOk) throw E.commune('consumer.address.communeCode');
  if (place && !(place === home ? homeOk : await communeExists(ctx, place))) throw E.commune('transaction.place.communeCode');

  const t = await triage(ctx, input);
  const key = opts.idempotencyKey;
  return inTransaction(ctx, async (tx) => {
    if (key) {
      // One submission per key, also across processes: the key is claimed under a transaction-scoped
      // advisory lock, so a concurrent retry waits for the first to commit and then replays its answer.
      await sql`select pg_advisory_xact_lock(hashtextextended(${`${scope}|${key}`}, 0))`.execute(tx.db);
      const prior = await findIdempotency(tx.db, scope, key);
      if (prior) {
        if (prior.body_hash !== bodyHash) throw E.keyReused();
        return { created: false, receipt: prior.response as unknown as Receipt };
      }
    }
    const receipt = await createCase(tx, input, t);
    if (key) await insertIdempotency(tx.db, scope, key, bodyHash, receipt.id, receipt);
    return { created: true, receipt };
  });
}

async function createCase(tx: Ctx, input: RequestInput, t: Awaited<ReturnType<typeof triage>>): Promise<Receipt> {
  const now = tx.now();
  const today = todayInVietnam(now);
  const province = tx.deps.config.PROVINCE_CODE;
  const year = Number(today.slice(0, 4));
  const code = formatRequestCode(year, await nextCodeNumber(tx.db, province, year));
  const secret = randomToken(18);
  const age = ageOn(today, input.consumer.birthDate, input.consumer.birthYear);
  const suggested = suggestVulnerable(age).filter((v) => !(input.consumer.vulnerable ?? []).includes(v));
  const vulnerable = [...new Set([...(input.consumer.vulnerable ?? []), ...suggested])];
  const missing = missingFor(input, 0);
  const sector = t.classification.sector;
  const violations = t.classification.violations;
  const enforcement = violations.some((v) => ENFORCEMENT_VIOLATIONS.has(v));
  const status: RequestStatus = missing.length > 0 ? 'awaiting_supplement' : 'received';
  const agency = t.agency;
  const row = await insertRequest(tx.db, {
    code,
    province_code: province,
    kind: input.kind,
    channel: input.channel,
    status,
    received_at: now,
    consumer: JSON.stringify(input.consumer),
    consumer_name: input.consumer.fullName,
    consumer_phone: input.consumer.phone ?? null,
    consumer_email: input.consumer.email?.toLowerCase() ?? null,
    representative: input.representative ? JSON.stringify(input.representative) : null,
    vulnerable,
    business: JSON.stringify(input.business),
    business_name: input.business.name,
    business_tax_code: input.business.taxCode ?? null,
    txn: input.transaction ? JSON.stringify(input.transaction) : null,
    amount_vnd: input.transaction?.amountVnd ?? null,
    transaction_date: input.transaction?.date ?? null,
    product_or_service: input.transaction?.productOrService ?? null,
    place_commune_code: input.transaction?.place?.communeCode ?? input.consumer.address?.communeCode ?? null,
    online: input.transaction?.place?.online ?? !!input.transaction?.place?.url,
    description: input.description,
    desired_outcome: input.desiredOutcome ?? null,
    prior_contact: input.priorContact ? JSON.stringify(input.priorContact) : null,
    consents: JSON.stringify({ ...input.consents, recordedAt: now.toISOString() }),
    language: input.consumer.preferredLanguage ?? 'vi',
    sector,
    violations,
    classification: JSON.stringify({
      sector,
      violations,
      confidence: t.classification.confidence,
      explanation: t.classification.explanation,
    }),
    agency_id: agency.id,
    agency_kind: agency.kind,
    routing: JSON.stringify(routingData(t.route, agency, t.explanation)),
    commune_code: agency.level === 'commune' ? agency.communeCode : null,
    tracking_secret_hash: sha256(secret),
    missing,
    enforcement_flag: enforcement,
    created_by: isUser(tx.actor) ? tx.actor.userId : null,
  });
  const actor = actorOf(tx.actor);
  const event = (type: string, isPublic: boolean, data: Record<string, unknown>): EventInput => ({
    requestId: row.id,
    at: now,
    type,
    ...actor,
    public: isPublic,
    data,
  });
  await insertEvents(tx.db, [
    event('received', true, { channel: input.channel }),
    event('routed', true, { agencyKind: agency.kind, agencyName: agency.name, reason: t.route.reason }),
    ...(missing.length > 0 ? [event('supplement_requested', true, { missing })] : []),
    ...(enforcement ? [event('flagged_enforcement', false, { violations: violations.filter((v) => ENFORCEMENT_VIOLATIONS.has(v)) })] : []),
  ]);

  const clock = (rule: 'request.acknowledge' | 'consumer.supplement' | 'request.forward_to_business') =>
    startClock(tx, { entityType: ENTITY, entityId: row.id, entityLabel: code, rule, startedAt: now, provinceCode: province });
  const started = [await clock('request.acknowledge')];
  if (missing.length > 0) started.push(await clock('consumer.supplement'));
  else if (input.kind === 'request' && !enforcement) started.push(await clock('request.forward_to_business'));
  // A new case has no other clocks: its due date follows from these, without reading them back.
  const clocks = await syncDue(tx, row.id, started);

  await recordAudit(tx, {
    action: 'request.create',
    entityType: ENTITY,
    entityId: row.id,
    summary: { code, kind: input.kind, channel: input.channel, sector, violations, agencyKind: agency.kind, status, missing },
  });
  const receipt: Receipt = {
    id: row.id,
    code,
    trackingSecret: secret,
    trackingUrl: trackingUrl(tx, code, secret),
    receivedAt: now.toISOString(),
    status,
    classification: classificationOf(row),
    routing: routingView(row),
    clocks: clocks.map(clockBrief),
    missing: missingView(missing),
    vulnerable,
    vulnerableSuggested: suggested,
    enforcementFlag: enforcement,
  };
  await notifyReceipt(tx, row, receipt);
  await alertAgency(tx, row, 'Hồ sơ mới');
  return receipt;
}

function routingData(route: Awaited<ReturnType<typeof triage>>['route'], agency: ResolvedAgency, explanation: string) {
  return {
    agencyName: agency.name,
    routedKind: route.agency.kind,
    reason: route.reason,
    legalBasis: route.legalBasis,
    explanation,
    alternatives: route.alternatives.map((a) => ({ kind: a.kind, score: a.score, reason: a.reason })),
    fallback: route.fallback,
    situations: route.situations,
  };
}

function actorOf(a: Actor): { actorId: string | null; actorLabel: string } {
  if (a.type === 'user') return { actorId: a.userId, actorLabel: a.displayName };
  if (a.type === 'system') return { actorId: null, actorLabel: 'Hệ thống' };
  return { actorId: null, actorLabel: 'Người tiêu dùng' };
}

/** Keeps `next_due_at` (the inbox order) equal to the earliest due instant of the running clocks. */
/** Sets the case's next due time and overdue flag from its clocks (read unless given: all of them). */
async function syncDue(tx: Ctx, id: string, known?: ClockView[]): Promise<ClockView[]> {
  const clocks = known ?? (await readEntityClocks(tx, ENTITY, id));
  const running = clocks.filter((c) => c.state !== 'met' && c.state !== 'stopped' && c.state !== 'paused');
  const next = running.reduce<Date | null>((m, c) => (m === null || c.dueAt < m ? c.dueAt : m), null);
  await tx.db
    .updateTable('request')
    .set({ next_due_at: next, overdue: running.some((c) => c.dueAt < tx.now()), updated_at: tx.now() })
    .where('id', '=', id)
    .execute();
  return clocks;
}

// ── notifications (outbox) ──────────────────────────────────────────────────

async function toConsumer(tx: Ctx, r: RequestRow, subject: string, text: string): Promise<void> {
  if (r.consumer_email) await enqueue(tx, 'mail.send', { to: r.consumer_email, subject, text });
  if (r.consumer_phone) await enqueue(tx, 'sms.send', { to: r.consumer_phone, text: `${subject}. ${text}`.slice(0, 300) });
}

async function notifyReceipt(tx: Ctx, r: RequestRow, receipt: Receipt): Promise<void> {
  const lines = [
    `Cơ quan đã tiếp nhận ${r.kind === 'complaint' ? 'khiếu nại' : r.kind === 'feedback' ? 'phản ánh' : 'yêu cầu'} của quý vị lúc ${formatDate(r.received_at)}.`,
    `Mã hồ sơ: ${r.code}. Cơ quan xử lý: ${receipt.routing.agency.name}.`,
    `Theo dõi hồ sơ (đường dẫn riêng, không chia sẻ): ${receipt.trackingUrl}`,
  ];
  if (receipt.missing.length > 0) lines.push(`Cần bổ sung: ${receipt.missing.map((m) => m.label).join('; ')}.`);
  await toConsumer(tx, r, `Đã tiếp nhận hồ sơ ${r.code}`, lines.join('\n'));
}

/** New-case alert to the agency's handlers (e-mail). */
async function alertAgency(tx: Ctx, r: Pick<RequestRow, 'id' | 'code' | 'agency_id' | 'commune_code'>, what: string): Promise<void> {
  if (!r.agency_id) return;
  const users = await tx.db
    .selectFrom('app_user')
    .select(['email'])
    .where('agency_id', '=', r.agency_id)
    .where('active', '=', true)
    .where('role', 'in', ['agency_manager', 'case_officer'])
    .where('email', 'is not', null)
    .execute();
  const base = tx.deps.config.APP_BASE_URL.replace(/\/$/, '');
  for (const u of users)
    await enqueue(tx, 'mail.send', { to: u.email!, subject: `${what}: ${r.code}`, text: `${what} ${r.code}: ${base}/requests/${r.id}` });
}

// ── preview ─────────────────────────────────────────────────────────────────

export interface PreviewInput {
  description: string;
  kind?: 'request' | 'feedback' | 'complaint';
  business?: { name?: string; taxCode?: string; address?: string; website?: string; platform?: string };
  transaction?: { amountVnd?: number; productOrService?: string; place?: { communeCode?: string; online?: boolean; url?: string } };
}

/** Where a request would go, before it is sent (public): sector, violations, agency, alternatives. */
export async function previewRouting(ctx: Ctx, input: PreviewInput) {
  const t = await triage(ctx, input);
  return {
    sector: t.classification.sector,
    violations: t.classification.violations,
    confidence: Math.round(t.classification.confidence * 1000) / 1000,
    agency: { kind: t.agency.kind, id: t.agency.id, name: t.agency.name },
    reason: t.route.reason,
    legalBasis: t.route.legalBasis,
    alternatives: t.route.alternatives.map((a) => ({ kind: a.kind, score: a.score })),
    explanation: `${t.classification.explanation}\n${t.explanation}`,
  };
}

// ── tracking (public, code + secret) ────────────────────────────────────────

export function secretMatches(hash: string, secret: string): boolean {
  const a = Buffer.from(hash, 'hex');
  const b = createHash('sha256').update(secret).digest();
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Status, agency, public timeline and clocks of a request: no personal data. Wrong secret → 404. */
export async function trackRequest(ctx: Ctx, code: string, secret: string) {
  const r = /^YC-\d{4}-\d{6}$/.test(code) ? await findRequestByCode(ctx.db, code) : undefined;
  if (!r || !secretMatches(r.tracking_secret_hash, secret)) throw E.notFound();
  const events = await listEvents(ctx.db, r.id, true);
  const clocks = await readEntityClocks(ctx, ENTITY, r.id);
  const routing = routingView(r);
  return {
    code: r.code,
    kind: r.kind,
    status: r.status as RequestStatus,
    statusLabel: statusLabel(r.status as RequestStatus),
    receivedAt: r.received_at.toISOString(),
    agency: { kind: routing.agency.kind, name: routing.agency.name },
    missing: missingView(r.missing),
    negotiation: await trackingNegotiation(ctx, r.id, r.status),
    closingOutcome: r.closing_outcome,
    timeline: events.map((e) => ({ at: e.at.toISOString(), type: e.type, label: eventLabels[e.type] ?? e.type, text: publicText(e) })),
    clocks: clocks.map((c) => ({
      label: c.label,
      state: c.state,
      dueAt: c.dueAt.toISOString(),
      dueDate: c.dueDate,
      late: c.late,
      legalBasis: c.legalBasis === '[CONFIG]' ? INTERNAL_SLA_VI : c.legalBasis,
      internalSla: c.internalSla,
    })),
  };
}

const INTERNAL_SLA_VI = 'Chỉ tiêu nội bộ của cơ quan (không phải thời hạn luật định)';

function publicText(e: { type: string; data: unknown }): string {
  const d = (e.data ?? {}) as Record<string, unknown>;
  switch (e.type) {
    case 'routed':
      // The routing reason already opens with the agency's name.
      return String(d.reason ?? d.agencyName ?? '');
    case 'rerouted':
      return `${String(d.agencyName ?? '')}${d.reason ? `: ${String(d.reason)}` : ''}`;
    case 'refused':
      return `${refusalGroundLabels[d.ground as RefusalGround] ?? ''}${d.explanation ? `. ${String(d.explanation)}` : ''}`;
    case 'supplement_requested':
      return missingView((d.missing as string[]) ?? [])
        .map((m) => m.label)
        .join('; ');
    case 'forwarded_to_business':
      return String(d.businessName ?? '');
    case 'business_responded':
    case 'business_progress':
    case 'business_incorrect':
      return String(d.explanation ?? '');
    case 'reopened':
      return String(d.reason ?? '');
    case 'status_changed':
      return statusLabel(d.to as RequestStatus) + (d.publicNote ? `: ${String(d.publicNote)}` : '');
    default:
      return '';
  }
}

// ── staff: scope, inbox, case ───────────────────────────────────────────────

/** Commune officers see their commune's cases; agency staff their agency's; province staff without an agency, all. */
export function inCaseScope(actor: Actor, r: Pick<RequestRow, 'agency_id' | 'commune_code'>): boolean {
  if (actor.type === 'system') return true;
  if (actor.type !== 'user' || actor.userKind !== 'staff') return false;
  if (actor.role === 'admin') return true;
  if (actor.communeCode !== null) return r.commune_code === actor.communeCode;
  if (actor.agencyId !== null) return r.agency_id === actor.agencyId;
  return true;
}

/**
 * A participant of the case: its assigned officer, or staff of the handling agency or commune.
 * A confidential negotiation's documents are shown only to them (Law Art. 55(2), 59(1)(d)).
 */
export function insideCase(actor: Actor, r: Pick<RequestRow, 'assigned_to' | 'agency_id' | 'commune_code'>): boolean {
  if (actor.type === 'system') return true;
  if (actor.type !== 'user' || actor.userKind !== 'staff') return false;
  return (
    r.assigned_to === actor.userId ||
    (actor.agencyId !== null && actor.agencyId === r.agency_id) ||
    (actor.communeCode !== null && actor.communeCode === r.commune_code)
  );
}

async function loadInScope(ctx: Ctx & { actor: UserActor }, id: string, lock = false): Promise<RequestRow> {
  if (!UUID.test(id)) throw E.notFound();
  const r = lock ? await lockRequest(ctx.db, id) : await findRequest(ctx.db, id);
  if (!r) throw E.notFound();
  if (!inCaseScope(ctx.actor, r)) throw E.notFound();
  return r;
}

export function caseCan(actor: Actor, r: Pick<RequestRow, 'status' | 'agency_id' | 'commune_code' | 'agency_kind'>) {
  const handle = can(actor, 'requests.handle') && inCaseScope(actor, r);
  const s = r.status as RequestStatus;
  const open = !CLOSED.includes(s);
  return {
    accept: handle && canTransition(s, 'accepted'),
    startProgress: handle && canTransition(s, 'in_progress'),
    forward: handle && canTransition(s, 'forwarded'),
    resolve: handle && canTransition(s, 'resolved'),
    close: handle && canTransition(s, 'closed'),
    askSupplement: handle && canTransition(s, 'awaiting_supplement'),
    refuse: handle && canTransition(s, 'refused'),
    reroute: handle && open,
    // Bouncing returns a case to the focal agency: meaningless when it is already there.
    bounce: handle && open && r.agency_kind !== 'so-cong-thuong',
    note: handle,
    correct: handle,
    merge: handle && open,
    assign: can(actor, 'requests.assign') && inCaseScope(actor, r),
  };
}

/** One case for an officer, with personal data (audited as a personal-data read). */
export async function getRequest(ctx: Ctx, id: string) {
  requirePermission(ctx, 'requests.read');
  const r = await loadInScope(ctx, id);
  await recordPersonalDataAccess(ctx, ENTITY, r.id, ['consumer', 'representative']);
  const [events, notes, attachments, clocks, duplicates] = await Promise.all([
    listEvents(ctx.db, r.id, false),
    listNotes(ctx.db, r.id),
    listAttachments(ctx.db, r.id),
    readEntityClocks(ctx, ENTITY, r.id),
    findDuplicates(ctx.db, r),
  ]);
  const negotiation = await findNegotiation(ctx.db, r.id);
  const hidden = !!negotiation?.confidential && !insideCase(ctx.actor, r);
  const violations = await ctx.db
    .selectFrom('potential_violation')
    .select(['id', 'rule', 'legal_basis', 'fine_min_vnd', 'fine_max_vnd', 'status', 'created_at'])
    .where('request_id', '=', r.id)
    .orderBy('created_at')
    .execute();
  const assignee = r.assigned_to
    ? await ctx.db.selectFrom('app_user').select(['id', 'display_name']).where('id', '=', r.assigned_to).executeTakeFirst()
    : undefined;
  return {
    id: r.id,
    code: r.code,
    kind: r.kind,
    channel: r.channel,
    status: r.status as RequestStatus,
    statusLabel: statusLabel(r.status as RequestStatus),
    receivedAt: r.received_at.toISOString(),
    consumer: r.consumer as Record<string, unknown>,
    representative: (r.representative as Record<string, unknown> | null) ?? null,
    vulnerable: r.vulnerable,
    business: r.business as Record<string, unknown>,
    transaction: (r.txn as Record<string, unknown> | null) ?? null,
    description: r.description,
    desiredOutcome: r.desired_outcome,
    priorContact: (r.prior_contact as Record<string, unknown> | null) ?? null,
    consents: r.consents as Record<string, unknown>,
    language: r.language,
    placeCommuneCode: r.place_commune_code,
    communeCode: r.commune_code,
    classification: classificationOf(r),
    routing: routingView(r),
    missing: missingView(r.missing),
    refusalGround: r.refusal_ground,
    enforcementFlag: r.enforcement_flag,
    duplicateOf: r.duplicate_of,
    negotiation: negotiation ? { ...negotiationView(negotiation), ...(hidden ? { explanation: null, remedy: null } : {}) } : null,
    confidentialHidden: hidden,
    potentialViolations: violations.map((v) => ({
      id: v.id,
      rule: v.rule,
      legalBasis: v.legal_basis,
      fineMinVnd: Number(v.fine_min_vnd),
      fineMaxVnd: Number(v.fine_max_vnd),
      status: v.status,
      createdAt: v.created_at.toISOString(),
    })),
    closingOutcome: r.closing_outcome,
    closedAt: r.closed_at ? r.closed_at.toISOString() : null,
    stageTimes: r.stage_times,
    assignedTo: assignee ? { id: assignee.id, name: assignee.display_name } : null,
    clocks: clocks.map(clockBrief),
    timeline: events.map((e) => ({
      at: e.at.toISOString(),
      type: e.type,
      label: eventLabels[e.type] ?? e.type,
      actor: e.actor_label,
      public: e.public,
      text: publicText(e) || internalText(e),
    })),
    notes: notes.map((n) => ({ id: n.id, body: n.body, author: n.author, createdAt: n.created_at.toISOString() })),
    attachments: (hidden ? [] : attachments).map((a) => ({
      id: a.id,
      filename: a.filename,
      mediaType: a.media_type,
      sizeBytes: a.size_bytes,
      createdAt: a.created_at.toISOString(),
    })),
    // Only duplicates the officer may open and merge into.
    duplicates: duplicates
      .filter((d) => inCaseScope(ctx.actor, d))
      .map((d) => ({ id: d.id, code: d.code, status: d.status, receivedAt: d.received_at.toISOString() })),
    can: { ...caseCan(ctx.actor, r), forwardToBusiness: caseCan(ctx.actor, r).forward && !negotiation && !r.enforcement_flag },
  };
}

function internalText(e: { type: string; data: unknown }): string {
  const d = (e.data ?? {}) as Record<string, unknown>;
  if (e.type === 'bounced') return String(d.reason ?? '');
  if (e.type === 'assigned') return String(d.assigneeName ?? '');
  if (e.type === 'classification_corrected')
    return `${sectorLabels[d.sector as Sector] ?? String(d.sector)} · ${((d.violations as string[]) ?? []).map((v) => violationLabels[v as ViolationType] ?? v).join(', ')}`;
  if (e.type === 'merged') return String(d.intoCode ?? '');
  if (e.type === 'flagged_enforcement')
    return ((d.violations as string[]) ?? []).map((v) => violationLabels[v as ViolationType] ?? v).join(', ');
  return '';
}

// ── staff actions ───────────────────────────────────────────────────────────

async function act<T>(
  ctx: Ctx,
  id: string,
  fn: (tx: Ctx & { actor: UserActor }, r: RequestRow) => Promise<T>,
  permission: 'requests.handle' | 'requests.assign' = 'requests.handle',
): Promise<T> {
  requirePermission(ctx, permission);
  return inTransaction(ctx, async (tx) => {
    const t = tx as Ctx & { actor: UserActor };
    const r = await loadInScope(t, id, true);
    return fn(t, r);
  });
}

async function meetIfRunning(tx: Ctx, id: string, rule: string): Promise<void> {
  const clockId = await findActiveClockId(tx, ENTITY, id, rule as never);
  if (clockId) await meetClock(tx, clockId);
}

async function stopAll(tx: Ctx, id: string, reason: string): Promise<void> {
  const clocks = await readEntityClocks(tx, ENTITY, id);
  for (const c of clocks) if (c.state !== 'met' && c.state !== 'stopped') await stopClock(tx, c.id, { reason });
}

export const closingOutcomeLabels: Record<ClosingOutcome, string> = {
  resolved_by_negotiation: 'Giải quyết bằng thương lượng',
  resolved_by_mediation: 'Giải quyết bằng hòa giải',
  resolved_by_agency: 'Cơ quan đã giải quyết',
  refused: 'Từ chối theo Điều 58',
  withdrawn: 'Người tiêu dùng rút yêu cầu',
  referred: 'Chuyển cơ quan có thẩm quyền xử lý',
  no_agreement: 'Không đạt được thỏa thuận',
  duplicate: 'Trùng với hồ sơ khác',
};
const NEXT_STEPS =
  'Nếu chưa thỏa đáng, quý vị có thể đề nghị hòa giải, yêu cầu trọng tài (nếu có thỏa thuận trọng tài) hoặc khởi kiện tại Tòa án; vụ việc dưới 100 triệu đồng được giải quyết theo thủ tục rút gọn và người tiêu dùng không phải tạm ứng án phí (Luật BVQLNTD 2023 Điều 54, 70, 71).';

/** Hours spent in each stage, from the timeline: received → accepted → forwarded → answered → resolved → closed. */
async function stageTimes(tx: Ctx, r: RequestRow, closedAt: Date): Promise<Record<string, number>> {
  const events = await listEvents(tx.db, r.id, false);
  const first = (pred: (e: (typeof events)[number]) => boolean) => events.find(pred)?.at;
  const to = (s: string) => (e: (typeof events)[number]) => e.type === 'status_changed' && (e.data as { to?: string }).to === s;
  const marks: [string, Date | undefined][] = [
    ['received', r.received_at],
    ['accepted', first(to('accepted'))],
    ['forwarded', first((e) => e.type === 'forwarded_to_business')],
    ['answered', first((e) => e.type === 'business_responded' || e.type === 'refused')],
    ['resolved', first((e) => e.type === 'consumer_accepted' || to('resolved')(e))],
    ['closed', closedAt],
  ];
  const out: Record<string, number> = {};
  let prev: [string, Date] | undefined;
  for (const [name, at] of marks) {
    if (!at) continue;
    if (prev) out[`${prev[0]}_to_${name}`] = Math.round((at.getTime() - prev[1].getTime()) / 36e5);
    prev = [name, at];
  }
  out.total = Math.round((closedAt.getTime() - r.received_at.getTime()) / 36e5);
  return out;
}

/** `in_mediation` is set by the mediation module's use case (not by the officer's status form). */
export type StatusTarget = 'awaiting_supplement' | 'accepted' | 'in_progress' | 'in_mediation' | 'resolved' | 'closed';

/**
 * Moves a case along the one transition table (lifecycle.ts). Accepting meets the
 * acknowledgement clock and starts the decision clock (or, for negotiation support, the 7
 * working days to forward to the business, Art. 57(4)); forwarding meets it; closing stops all.
 */
export async function changeStatus(
  ctx: Ctx,
  id: string,
  input: { to: StatusTarget; note?: string; publicNote?: string; outcome?: ClosingOutcome },
) {
  return act(ctx, id, async (tx, r) => {
    const from = r.status as RequestStatus;
    assertTransition(from, input.to);
    if (input.to === 'closed' && !input.outcome)
      throw invalid('request.closing_outcome_required', 'Cần chọn kết quả giải quyết trước khi đóng hồ sơ.', [
        { path: 'body.outcome', code: 'required', message: 'Chọn kết quả giải quyết' },
      ]);
    if (input.to === 'closed') await assertChildrenClosed(tx, r.id);
    const now = tx.now();
    const patch: Record<string, unknown> = { status: input.to, updated_at: now };
    if (input.to === 'awaiting_supplement') {
      const missing = r.missing.length > 0 ? r.missing : ['transaction_evidence'];
      patch.missing = missing;
      await startClock(tx, {
        entityType: ENTITY,
        entityId: r.id,
        entityLabel: r.code,
        rule: 'consumer.supplement',
        startedAt: now,
        provinceCode: r.province_code,
      });
    }
    if (from === 'awaiting_supplement') await meetIfRunning(tx, r.id, 'consumer.supplement');
    if (input.to === 'accepted' || input.to === 'in_progress') await meetIfRunning(tx, r.id, 'request.acknowledge');
    if (input.to === 'accepted') {
      if (r.kind === 'request' && !r.enforcement_flag) {
        if (!(await findActiveClockId(tx, ENTITY, r.id, 'request.forward_to_business')))
          await startClock(tx, {
            entityType: ENTITY,
            entityId: r.id,
            entityLabel: r.code,
            rule: 'request.forward_to_business',
            startedAt: now,
            provinceCode: r.province_code,
          });
      } else if (!(await findActiveClockId(tx, ENTITY, r.id, 'request.decide'))) {
        await startClock(tx, {
          entityType: ENTITY,
          entityId: r.id,
          entityLabel: r.code,
          rule: 'request.decide',
          startedAt: now,
          provinceCode: r.province_code,
        });
      }
    }
    if (input.to === 'resolved') {
      await meetIfRunning(tx, r.id, 'request.decide');
      await meetIfRunning(tx, r.id, 'request.forward_to_business');
    }
    if (input.to === 'resolved' || input.to === 'closed') await stopAll(tx, r.id, statusLabel(input.to));
    if (input.to === 'closed') {
      patch.closing_outcome = input.outcome;
      patch.closed_at = now;
      patch.stage_times = JSON.stringify(await stageTimes(tx, r, now));
    }
    await tx.db.updateTable('request').set(patch).where('id', '=', r.id).execute();
    await insertEvent(tx.db, {
      requestId: r.id,
      at: now,
      type: 'status_changed',
      ...actorOf(tx.actor),
      public: true,
      data: { from, to: input.to, note: input.note ?? null, publicNote: input.publicNote ?? null },
    });
    await syncDue(tx, r.id);
    await recordAudit(tx, { action: 'request.status', entityType: ENTITY, entityId: r.id, summary: { code: r.code, from, to: input.to } });
    if (input.to === 'closed')
      await toConsumer(
        tx,
        r,
        `Hồ sơ ${r.code} đã kết thúc`,
        `Kết quả: ${closingOutcomeLabels[input.outcome!]}.${input.publicNote ? ` ${input.publicNote}` : ''} ${NEXT_STEPS}`,
      );
    if (input.to === 'resolved' || input.to === 'awaiting_supplement')
      await toConsumer(
        tx,
        r,
        `Hồ sơ ${r.code}: ${statusLabel(input.to)}`,
        input.to === 'awaiting_supplement'
          ? `Đề nghị bổ sung: ${missingView(patch.missing as string[])
              .map((m) => m.label)
              .join('; ')}.`
          : (input.publicNote ?? 'Hồ sơ đã được giải quyết.'),
      );
    return { id: r.id, code: r.code, status: input.to };
  });
}

/**
 * Refuses a negotiation-support request on exactly one statutory ground (Law Art. 58(1)–(5)) and
 * sends the written refusal with the ground to the consumer.
 */
export async function refuseRequest(ctx: Ctx, id: string, input: { ground: RefusalGround; explanation: string }) {
  return act(ctx, id, async (tx, r) => {
    const from = r.status as RequestStatus;
    assertTransition(from, 'refused');
    const now = tx.now();
    await stopAll(tx, r.id, 'Từ chối');
    await tx.db
      .updateTable('request')
      .set({ status: 'refused', refusal_ground: input.ground, updated_at: now })
      .where('id', '=', r.id)
      .execute();
    await insertEvent(tx.db, {
      requestId: r.id,
      at: now,
      type: 'refused',
      ...actorOf(tx.actor),
      public: true,
      data: { ground: input.ground, explanation: input.explanation },
    });
    await syncDue(tx, r.id);
    await recordAudit(tx, {
      action: 'request.refuse',
      entityType: ENTITY,
      entityId: r.id,
      summary: { code: r.code, from, ground: input.ground },
    });
    await toConsumer(
      tx,
      r,
      `Thông báo từ chối hồ sơ ${r.code}`,
      `Căn cứ ${refusalGroundLabels[input.ground]}. Lý do: ${input.explanation}\nQuý vị có thể lựa chọn thương lượng, hòa giải, trọng tài hoặc khởi kiện tại Tòa án (Luật BVQLNTD 2023 Điều 54).`,
    );
    return { id: r.id, code: r.code, status: 'refused' as const, refusalGround: input.ground };
  });
}

/**
 * Sends the case to another agency with a reason (Law Art. 11(3)): the consumer is told which
 * agency now handles it and why, and the new agency is alerted. Counted for the dashboard.
 */
export async function rerouteRequest(ctx: Ctx, id: string, input: { agencyId: string; reason: string }) {
  return act(ctx, id, async (tx, r) => {
    if (CLOSED.includes(r.status as RequestStatus)) throw E.closed();
    const target = await tx.db
      .selectFrom('agency')
      .select(['id', 'name', 'kind', 'level', 'commune_code', 'active', 'province_code'])
      .where('id', '=', input.agencyId)
      .executeTakeFirst();
    if (!target || !target.active)
      throw notFound('request.agency_not_found', 'Không tìm thấy cơ quan nhận (hoặc cơ quan đã ngừng hoạt động).');
    if (target.id === r.agency_id) throw new AppError('invalid_state', 'request.same_agency', 'Hồ sơ đang ở chính cơ quan này.');
    return moveTo(tx, r, target, input.reason, 'rerouted');
  });
}

/** "Not our competence": back to the focal agency with the reason, which must forward within the set time. */
export async function bounceRequest(ctx: Ctx, id: string, input: { reason: string }) {
  return act(ctx, id, async (tx, r) => {
    if (CLOSED.includes(r.status as RequestStatus)) throw E.closed();
    const focal = await findAgencyForRoute(tx, { provinceCode: r.province_code, kind: 'so-cong-thuong' });
    if (!focal)
      throw new AppError('invalid_state', 'request.no_focal_agency', 'Danh bạ chưa có cơ quan đầu mối (Sở Công Thương) của tỉnh.');
    if (focal.id === r.agency_id)
      throw new AppError(
        'invalid_state',
        'request.already_at_focal',
        'Hồ sơ đang ở cơ quan đầu mối: hãy chuyển cho cơ quan có thẩm quyền.',
      );
    const full = await tx.db
      .selectFrom('agency')
      .select(['id', 'name', 'kind', 'level', 'commune_code', 'active', 'province_code'])
      .where('id', '=', focal.id)
      .executeTakeFirstOrThrow();
    return moveTo(tx, r, full, input.reason, 'bounced');
  });
}

async function moveTo(
  tx: Ctx & { actor: UserActor },
  r: RequestRow,
  target: { id: string; name: string; kind: string; level: string; commune_code: string | null },
  reason: string,
  how: 'rerouted' | 'bounced',
) {
  const now = tx.now();
  const routing = {
    ...((r.routing ?? {}) as Record<string, unknown>),
    agencyName: target.name,
    reason,
    legalBasis: 'Luật BVQLNTD 2023 Điều 11(3)',
  };
  await tx.db
    .updateTable('request')
    .set({
      agency_id: target.id,
      agency_kind: target.kind,
      commune_code: target.level === 'commune' ? target.commune_code : null,
      routing: JSON.stringify(routing),
      assigned_to: null,
      ...(how === 'rerouted' ? { reroute_count: r.reroute_count + 1 } : { bounce_count: r.bounce_count + 1 }),
      updated_at: now,
    })
    .where('id', '=', r.id)
    .execute();
  await meetIfRunning(tx, r.id, 'request.forward_to_agency');
  if (how === 'bounced')
    await startClock(tx, {
      entityType: ENTITY,
      entityId: r.id,
      entityLabel: r.code,
      rule: 'request.forward_to_agency',
      startedAt: now,
      provinceCode: r.province_code,
    });
  await insertEvent(tx.db, {
    requestId: r.id,
    at: now,
    type: how,
    ...actorOf(tx.actor),
    // A re-route is the Art. 11(3) notice; a bounce stays internal until the focal agency forwards it.
    public: how === 'rerouted',
    data: { agencyId: target.id, agencyName: target.name, agencyKind: target.kind, fromAgencyId: r.agency_id, reason },
  });
  await syncDue(tx, r.id);
  await recordAudit(tx, {
    action: `request.${how === 'rerouted' ? 'reroute' : 'bounce'}`,
    entityType: ENTITY,
    entityId: r.id,
    summary: { code: r.code, from: r.agency_id, to: target.id, reason },
  });
  if (how === 'rerouted')
    await toConsumer(
      tx,
      r,
      `Hồ sơ ${r.code} được chuyển đến ${target.name}`,
      `Theo Điều 11 khoản 3 Luật BVQLNTD 2023, hồ sơ của quý vị được chuyển đến ${target.name}. Lý do: ${reason}`,
    );
  await alertAgency(
    tx,
    { id: r.id, code: r.code, agency_id: target.id, commune_code: target.commune_code },
    how === 'rerouted' ? 'Hồ sơ được chuyển đến' : 'Hồ sơ trả về cơ quan đầu mối',
  );
  return { id: r.id, code: r.code, agency: { id: target.id, kind: target.kind, name: target.name } };
}

/** Bulk assignment to an officer who may handle every one of the cases. */
export async function assignRequests(ctx: Ctx, input: { ids: string[]; assigneeId: string | null }) {
  requirePermission(ctx, 'requests.assign');
  return inTransaction(ctx, async (tx) => {
    const t = tx as Ctx & { actor: UserActor };
    let assignee:
      | {
          id: string;
          display_name: string;
          role: string;
          agency_id: string | null;
          commune_code: string | null;
          kind: string;
          active: boolean;
        }
      | undefined;
    if (input.assigneeId) {
      if (!UUID.test(input.assigneeId)) throw notFound('request.assignee_not_found', 'Không tìm thấy cán bộ được giao.');
      assignee = await tx.db
        .selectFrom('app_user')
        .select(['id', 'display_name', 'role', 'agency_id', 'commune_code', 'kind', 'active'])
        .where('id', '=', input.assigneeId)
        .executeTakeFirst();
      if (!assignee || !assignee.active || assignee.kind !== 'staff')
        throw notFound('request.assignee_not_found', 'Không tìm thấy cán bộ được giao.');
      if (!['admin', 'agency_manager', 'case_officer'].includes(assignee.role))
        throw invalid('request.assignee_cannot_handle', 'Cán bộ này không có quyền xử lý hồ sơ.');
    }
    const now = tx.now();
    const out: string[] = [];
    for (const id of [...new Set(input.ids)]) {
      const r = await loadInScope(t, id, true);
      if (
        assignee &&
        !inCaseScope(
          {
            type: 'user',
            userKind: 'staff',
            role: assignee.role,
            agencyId: assignee.agency_id,
            communeCode: assignee.commune_code,
          } as UserActor,
          r,
        )
      )
        throw invalid('request.assignee_out_of_scope', `Cán bộ được giao không thuộc cơ quan xử lý hồ sơ ${r.code}.`);
      await tx.db
        .updateTable('request')
        .set({ assigned_to: assignee?.id ?? null, updated_at: now })
        .where('id', '=', r.id)
        .execute();
      await insertEvent(tx.db, {
        requestId: r.id,
        at: now,
        type: 'assigned',
        ...actorOf(t.actor),
        public: false,
        data: { assigneeId: assignee?.id ?? null, assigneeName: assignee?.display_name ?? null },
      });
      await recordAudit(tx, {
        action: 'request.assign',
        entityType: ENTITY,
        entityId: r.id,
        summary: { code: r.code, assigneeId: assignee?.id ?? null },
      });
      out.push(r.id);
    }
    return { assigned: out.length, ids: out, assigneeId: assignee?.id ?? null };
  });
}

/** An internal note (never shown to the consumer). */
export async function addNote(ctx: Ctx, id: string, input: { body: string }) {
  return act(ctx, id, async (tx, r) => {
    const note = await tx.db
      .insertInto('request_note')
      .values({ request_id: r.id, author_id: tx.actor.userId, body: input.body, created_at: tx.now() })
      .returning(['id', 'created_at'])
      .executeTakeFirstOrThrow();
    await recordAudit(tx, { action: 'request.note', entityType: ENTITY, entityId: r.id, summary: { code: r.code, noteId: note.id } });
    return { id: note.id, body: input.body, author: tx.actor.displayName, createdAt: note.created_at.toISOString() };
  });
}

/** An officer corrects the labels; the correction is stored for retraining and the model retrains. */
export async function correctClassification(ctx: Ctx, id: string, input: { sector: Sector; violations: ViolationType[] }) {
  const out = await act(ctx, id, async (tx, r) => {
    const now = tx.now();
    await tx.db
      .insertInto('classification_correction')
      .values({
        request_id: r.id,
        text: r.description,
        sector: input.sector,
        violations: input.violations,
        corrected_by: tx.actor.userId,
        created_at: now,
      })
      .execute();
    await tx.db
      .updateTable('request')
      .set({ sector: input.sector, violations: input.violations, updated_at: now })
      .where('id', '=', r.id)
      .execute();
    await insertEvent(tx.db, {
      requestId: r.id,
      at: now,
      type: 'classification_corrected',
      ...actorOf(tx.actor),
      public: false,
      data: { sector: input.sector, violations: input.violations, before: { sector: r.sector, violations: r.violations } },
    });
    await recordAudit(tx, {
      action: 'request.classification_correct',
      entityType: ENTITY,
      entityId: r.id,
      summary: { code: r.code, sector: input.sector, violations: input.violations, before: { sector: r.sector, violations: r.violations } },
    });
    return { id: r.id, sector: input.sector, violations: input.violations };
  });
  retrainLater(ctx.deps);
  return out;
}

/** Merges a duplicate into an earlier case: this one is closed and points to it (Art. 58(5) alternative). */
export async function mergeRequest(ctx: Ctx, id: string, input: { intoId: string }) {
  return act(ctx, id, async (tx, r) => {
    if (input.intoId === r.id) throw invalid('request.merge_self', 'Không thể gộp hồ sơ vào chính nó.');
    const into = await loadInScope(tx, input.intoId);
    if (into.duplicate_of) throw new AppError('invalid_state', 'request.merge_into_duplicate', 'Hồ sơ đích đã được gộp vào hồ sơ khác.');
    assertTransition(r.status as RequestStatus, 'closed');
    await assertChildrenClosed(tx, r.id);
    const now = tx.now();
    await stopAll(tx, r.id, `Gộp vào ${into.code}`);
    await tx.db.updateTable('request').set({ status: 'closed', duplicate_of: into.id, updated_at: now }).where('id', '=', r.id).execute();
    await insertEvent(tx.db, {
      requestId: r.id,
      at: now,
      type: 'merged',
      ...actorOf(tx.actor),
      public: true,
      data: { intoId: into.id, intoCode: into.code },
    });
    await insertEvent(tx.db, {
      requestId: into.id,
      at: now,
      type: 'duplicate_attached',
      ...actorOf(tx.actor),
      public: false,
      data: { fromCode: r.code },
    });
    await syncDue(tx, r.id);
    await recordAudit(tx, { action: 'request.merge', entityType: ENTITY, entityId: r.id, summary: { code: r.code, into: into.code } });
    return { id: r.id, code: r.code, status: 'closed' as const, duplicateOf: into.id };
  });
}

/** Dashboard figures: how often cases are re-routed or bounced (scoped to the caller). */
export async function routingStats(ctx: Ctx) {
  requirePermission(ctx, 'requests.read');
  let q = ctx.db
    .selectFrom('request')
    .select((eb) => [
      eb.fn.countAll<string>().as('total'),
      eb.fn.sum<string>(eb.case().when('reroute_count', '>', 0).then(1).else(0).end()).as('rerouted'),
      eb.fn.sum<string>(eb.case().when('bounce_count', '>', 0).then(1).else(0).end()).as('bounced'),
    ]);
  q = scopeWhere(q, ctx.actor);
  const r = await q.executeTakeFirstOrThrow();
  const total = Number(r.total);
  const rerouted = Number(r.rerouted ?? 0);
  const bounced = Number(r.bounced ?? 0);
  return { total, rerouted, bounced, rerouteRate: total ? rerouted / total : 0, bounceRate: total ? bounced / total : 0 };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function scopeWhere<Q extends { where: (...a: any[]) => Q }>(q: Q, actor: Actor): Q {
  if (actor.type !== 'user' || actor.role === 'admin') return q;
  if (actor.communeCode !== null) return q.where('request.commune_code', '=', actor.communeCode);
  if (actor.agencyId !== null) return q.where('request.agency_id', '=', actor.agencyId);
  return q;
}

// ── consumer supplement (tracking secret) ───────────────────────────────────

/**
 * The consumer adds what was missing (Art. 58(3), 11(4)) with the tracking secret. The missing
 * items are computed again from the merged case; when none is left, the supplement clock is met
 * and a case waiting for it returns to `received`. Audited without personal data.
 */
export async function supplementRequest(ctx: Ctx, code: string, secret: string, input: SupplementInput) {
  const found = /^YC-\d{4}-\d{6}$/.test(code) ? await findRequestByCode(ctx.db, code) : undefined;
  if (!found || !secretMatches(found.tracking_secret_hash, secret)) throw E.notFound();
  return inTransaction(ctx, async (tx) => {
    const r = (await lockRequest(tx.db, found.id))!;
    if (CLOSED.includes(r.status as RequestStatus)) throw E.closed();
    const now = tx.now();
    const business = { ...(r.business as Record<string, unknown>), ...(input.business ?? {}) };
    const txn = input.transaction
      ? { ...((r.txn as Record<string, unknown> | null) ?? {}), ...input.transaction }
      : (r.txn as Record<string, unknown> | null);
    const consumer = { ...(r.consumer as Record<string, unknown>), ...(input.consumer ?? {}) };
    const representative = input.representative ?? (r.representative as Record<string, unknown> | null);
    const attachments = Number(
      (
        await tx.db
          .selectFrom('request_attachment')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('request_id', '=', r.id)
          .executeTakeFirstOrThrow()
      ).n,
    );
    const merged = {
      business,
      transaction: txn ?? undefined,
      consumer,
      representative: representative ?? undefined,
    } as unknown as RequestInput;
    const missing = missingFor(merged, attachments);
    const complete = missing.length === 0;
    const status: RequestStatus = complete && r.status === 'awaiting_supplement' ? 'received' : (r.status as RequestStatus);
    await tx.db
      .updateTable('request')
      .set({
        business: JSON.stringify(business),
        business_tax_code: (business.taxCode as string | undefined) ?? null,
        txn: txn ? JSON.stringify(txn) : null,
        amount_vnd: (txn?.amountVnd as number | undefined) ?? null,
        transaction_date: (txn?.date as string | undefined) ?? null,
        product_or_service: (txn?.productOrService as string | undefined) ?? null,
        consumer: JSON.stringify(consumer),
        consumer_phone: (consumer.phone as string | undefined) ?? null,
        consumer_email: ((consumer.email as string | undefined) ?? null)?.toLowerCase() ?? null,
        representative: representative ? JSON.stringify(representative) : null,
        missing,
        status,
        updated_at: now,
      })
      .where('id', '=', r.id)
      .execute();
    await insertEvent(tx.db, {
      requestId: r.id,
      at: now,
      type: 'supplemented',
      actorId: null,
      actorLabel: 'Người tiêu dùng',
      public: true,
      data: { fields: Object.keys(input).filter((k) => k !== 'note'), note: input.note ?? null, missing },
    });
    if (complete) {
      await meetIfRunning(tx, r.id, 'consumer.supplement');
      if (r.kind === 'request' && !r.enforcement_flag && !(await findActiveClockId(tx, ENTITY, r.id, 'request.forward_to_business')))
        await startClock(tx, {
          entityType: ENTITY,
          entityId: r.id,
          entityLabel: r.code,
          rule: 'request.forward_to_business',
          startedAt: now,
          provinceCode: r.province_code,
        });
    }
    await syncDue(tx, r.id);
    await recordAudit(tx, {
      action: 'request.supplement',
      entityType: ENTITY,
      entityId: r.id,
      summary: { code: r.code, fields: Object.keys(input), missing, status },
    });
    await alertAgency(tx, r, 'Người tiêu dùng đã bổ sung hồ sơ');
    return { code: r.code, status, statusLabel: statusLabel(status), missing: missingView(missing) };
  });
}
