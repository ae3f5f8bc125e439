/**
 * Intake on every channel (Law Arts. 11, 56–58): `receiveRequest` checks the channel, replays a
 * stored answer for a known Idempotency-Key, triages (classification + competence routing), then
 * in one transaction creates the case with its code, timeline events, statutory clocks, audit row
 * and outbox messages (receipt to the consumer, alert to the agency). `previewRouting` shows where
 * a request would go before it is sent. The pure intake rules are in intake.ts.
 */
import { sql } from 'kysely';
import { recordAudit } from '../../platform/audit.js';
import { can } from '../../platform/auth/permissions.js';
import { randomToken, sha256 } from '../../platform/auth/secrets.js';
import { startClock } from '../../platform/clocks/index.js';
import { inTransaction, isUser, type Ctx } from '../../platform/context.js';
import { AppError, forbidden, invalid } from '../../platform/errors.js';
import { formatDate } from '../../platform/i18n.js';
import { todayInVietnam } from '../directory/index.js';
import { ageOn, formatRequestCode, missingFor, suggestVulnerable } from './intake.js';
import {
  findIdempotency,
  insertEvents,
  type EventInput,
  insertIdempotency,
  insertRequest,
  nextCodeNumber,
  type RequestRow,
} from './repo.js';
import { triage, type ResolvedAgency } from './triage.js';
import type { RequestInput, RequestStatus, VulnerableCode } from './schema.js';
import { ENTITY, actorOf, alertAgency, syncDue, toConsumer } from './case-support.js';
import { classificationOf, clockBrief, missingView, routingView, type ClockBrief } from './case-view.js';

/** Violations that breach a legal prohibition: not negotiable or mediable (Law Art. 54(2)). */
const ENFORCEMENT_VIOLATIONS: ReadonlySet<string> = new Set(['fraud-scam', 'counterfeit', 'smuggled-origin', 'unsafe']);
const STAFF_CHANNELS = new Set(['hotline', 'in_person', 'post', 'email', 'ncc_referral']);

const E = {
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
};

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
  const clocks = await syncDue(tx, row.id, { known: started });

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

/** The receipt to the consumer (mail and SMS): code, agency, the private tracking link, what is missing. */
async function notifyReceipt(tx: Ctx, r: RequestRow, receipt: Receipt): Promise<void> {
  const lines = [
    `Cơ quan đã tiếp nhận ${r.kind === 'complaint' ? 'khiếu nại' : r.kind === 'feedback' ? 'phản ánh' : 'yêu cầu'} của quý vị lúc ${formatDate(r.received_at)}.`,
    `Mã hồ sơ: ${r.code}. Cơ quan xử lý: ${receipt.routing.agency.name}.`,
    `Theo dõi hồ sơ (đường dẫn riêng, không chia sẻ): ${receipt.trackingUrl}`,
  ];
  if (receipt.missing.length > 0) lines.push(`Cần bổ sung: ${receipt.missing.map((m) => m.label).join('; ')}.`);
  await toConsumer(tx, r, `Đã tiếp nhận hồ sơ ${r.code}`, lines.join('\n'));
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
