/**
 * The case graph (issue 5 point 6): sub-cases split from a case (each a real request with its own
 * code, owner and clock; a parent cannot close while a child is open, see sub-cases.ts), groups of
 * open cases about the same business and a similar issue handled together, and the Law 19/2023
 * Art. 54(2) block: a group that reaches the [CONFIG] number of consumers, or a flagged case,
 * cannot be negotiated or mediated, and the system proposes a referral to the inspection agency.
 * Collective actions go through the service's own use cases (changeStatus, addNote), so the
 * transition table, clocks, closing outcome and audit apply to every member.
 */
import { sql } from 'kysely';
import { recordAudit } from '../../platform/audit.js';
import { can, requirePermission } from '../../platform/auth/permissions.js';
import { randomToken, sha256 } from '../../platform/auth/secrets.js';
import { findActiveClockId, readEntityClocks, startClock, stopClock } from '../../platform/clocks/index.js';
import { inTransaction, type Actor, type Ctx, type UserActor } from '../../platform/context.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import { enqueue } from '../../platform/outbox.js';
import { agencyLabels, sectorLabels, type Sector } from '../classify/index.js';
import { findAgencyForRoute, todayInVietnam } from '../directory/index.js';
import { formatRequestCode } from './intake.js';
import { canTransition, statusLabel } from './lifecycle.js';
import { findRequest, insertEvent, insertRequest, lockRequest, nextCodeNumber, type RequestRow } from './repo.js';
import type { ClosingOutcome, RequestStatus } from './schema.js';
import { actorOf, ENTITY, syncDue } from './case-support.js';
import { inCaseScope, scopeWhere } from './access.js';
import { changeStatus } from './status.js';
import { addNote } from './actions.js';
import { childKindLabels, FINISHED, isOverdue, listChildren, rollUp, type ChildKind } from './sub-cases.js';

export { assertChildrenClosed, childKinds, childKindLabels, type ChildKind } from './sub-cases.js';

/** A transaction context (system jobs pass the permission check too, so the actor may be the system). */
type Tx = Ctx;
type Db = Ctx['db'];
type GroupRow = NonNullable<Awaited<ReturnType<typeof findGroup>>>;

/**
 * [CONFIG] Law 19/2023 Art. 54(2): "harms many consumers". A group with this many distinct
 * consumers is presumed to, unless the officer records that every affected consumer is
 * identified (the exception of the same clause). The setting `CASE_GROUP_ENFORCEMENT_THRESHOLD`
 * (default 5).
 */
export const DEFAULT_GROUP_ENFORCEMENT_THRESHOLD = 5;

export function groupThreshold(ctx: Ctx): number {
  return ctx.deps.config.CASE_GROUP_ENFORCEMENT_THRESHOLD;
}

/** Where a sub-case goes by default; the officer may name another agency. */
const DEFAULT_AGENCY_KIND: Record<ChildKind, string | null> = {
  civil_dispute: null, // stays with the case's agency: negotiation support (Arts. 56–60)
  violation_referral: 'qltt', // market surveillance (Pháp lệnh QLTT 2016; Decree 98/2020)
  safety_signal: 'so-khcn', // product and goods quality (Law 05/2007/QH12); food goes to health by override
  price_complaint: 'so-tai-chinh', // Law on Prices 16/2023/QH15
};
const HANDLER_ROLES = ['admin', 'agency_manager', 'case_officer'];
const ART_54_2 = 'Điều 54 khoản 2 Luật BVQLNTD 2023';
/** The business key of a case: its tax code, else its folded name (migration 20261127080000). */
const nameKey = (col: string) => sql<string>`f_business_key(${sql.ref(col)})`;
const consumerKey = (alias: string) =>
  sql<string>`coalesce(${sql.ref(`${alias}.consumer_phone`)}, ${sql.ref(`${alias}.consumer_email`)}, f_fold(${sql.ref(`${alias}.consumer_name`)}))`;

const E = {
  notFound: () => notFound('request.not_found', 'Không tìm thấy hồ sơ.'),
  groupNotFound: () => notFound('request_group.not_found', 'Không tìm thấy nhóm hồ sơ.'),
  closed: (code: string) => new AppError('invalid_state', 'request.closed', `Hồ sơ ${code} đã kết thúc, không thể thực hiện thao tác này.`),
};

/** System jobs (and tests) may act too: they carry no user. */
const userIdOf = (a: Actor) => (a.type === 'user' ? a.userId : null);

async function loadCase(tx: Tx, id: string, lock: boolean): Promise<RequestRow> {
  const r = lock ? await lockRequest(tx.db, id) : await findRequest(tx.db, id);
  if (!r || !inCaseScope(tx.actor, r)) throw E.notFound();
  return r;
}

// ── sub-cases ───────────────────────────────────────────────────────────────

export interface SplitInput {
  kind: ChildKind;
  agencyId?: string | undefined;
  assigneeId?: string | undefined;
  note?: string | undefined;
}

async function targetAgency(tx: Tx, parent: RequestRow, kind: ChildKind, agencyId: string | undefined) {
  const select = (id: string) =>
    tx.db.selectFrom('agency').select(['id', 'name', 'kind', 'level', 'commune_code', 'active']).where('id', '=', id).executeTakeFirst();
  if (agencyId) {
    const a = await select(agencyId);
    if (!a || !a.active) throw notFound('request.agency_not_found', 'Không tìm thấy cơ quan nhận (hoặc cơ quan đã ngừng hoạt động).');
    return a;
  }
  const want = DEFAULT_AGENCY_KIND[kind];
  const found = want ? await findAgencyForRoute(tx, { provinceCode: parent.province_code, kind: want }) : undefined;
  const id = found?.id ?? (kind === 'violation_referral' ? null : parent.agency_id);
  const a = id ? await select(id) : undefined;
  if (!a)
    throw new AppError(
      'invalid_state',
      kind === 'violation_referral' ? 'request.no_inspection_agency' : 'request.agency_not_found',
      kind === 'violation_referral'
        ? 'Danh bạ chưa có Chi cục Quản lý thị trường của tỉnh: hãy chọn cơ quan nhận hồ sơ chuyển xử lý vi phạm.'
        : 'Hồ sơ chưa có cơ quan xử lý: hãy chọn cơ quan nhận hồ sơ con.',
    );
  return a;
}

async function checkAssignee(tx: Tx, assigneeId: string, child: { agency_id: string | null; commune_code: string | null }) {
  const u = await tx.db
    .selectFrom('app_user')
    .select(['id', 'display_name', 'email', 'role', 'agency_id', 'commune_code', 'kind', 'active'])
    .where('id', '=', assigneeId)
    .executeTakeFirst();
  if (!u || !u.active || u.kind !== 'staff') throw notFound('request.assignee_not_found', 'Không tìm thấy cán bộ được giao.');
  if (!HANDLER_ROLES.includes(u.role)) throw invalid('request.assignee_cannot_handle', 'Cán bộ này không có quyền xử lý hồ sơ.');
  const as = { type: 'user', userKind: 'staff', role: u.role, agencyId: u.agency_id, communeCode: u.commune_code } as UserActor;
  if (!inCaseScope(as, child)) throw invalid('request.assignee_out_of_scope', 'Cán bộ được giao không thuộc cơ quan nhận hồ sơ con.');
  return u;
}

/** Creates one child of `parent` inside the caller's transaction: the new owner is alerted. */
async function createChild(tx: Tx, parent: RequestRow, input: SplitInput & { descriptionPrefix?: string }) {
  if (parent.parent_id) {
    const root = await findRequest(tx.db, parent.parent_id);
    throw new AppError(
      'invalid_state',
      'request.split_sub_case',
      `Hồ sơ ${parent.code} là hồ sơ con; hãy tách từ hồ sơ gốc ${root?.code ?? ''}.`.replace(' .', '.'),
    );
  }
  if (FINISHED.includes(parent.status as RequestStatus)) throw E.closed(parent.code);
  const agency = await targetAgency(tx, parent, input.kind, input.agencyId);
  const communeCode = agency.id === parent.agency_id ? parent.commune_code : agency.level === 'commune' ? agency.commune_code : null;
  const assignee = input.assigneeId ? await checkAssignee(tx, input.assigneeId, { agency_id: agency.id, commune_code: communeCode }) : null;
  const now = tx.now();
  const year = Number(todayInVietnam(now).slice(0, 4));
  const code = formatRequestCode(year, await nextCodeNumber(tx.db, parent.province_code, year));
  const enforcement = input.kind === 'violation_referral' || parent.enforcement_flag;
  // A civil dispute keeps the consumer's request (negotiation support); the others are reports to an authority.
  const kind = input.kind === 'civil_dispute' ? parent.kind : 'feedback';
  const reason = `${childKindLabels[input.kind]}: tách từ hồ sơ ${parent.code}`;
  const child = await insertRequest(tx.db, {
    code,
    province_code: parent.province_code,
    kind,
    channel: parent.channel,
    status: 'accepted',
    received_at: now,
    consumer: JSON.stringify(parent.consumer),
    consumer_name: parent.consumer_name,
    consumer_phone: parent.consumer_phone,
    consumer_email: parent.consumer_email,
    representative: parent.representative ? JSON.stringify(parent.representative) : null,
    vulnerable: parent.vulnerable,
    vulnerable_evidence: parent.vulnerable_evidence,
    business: JSON.stringify(parent.business),
    business_name: parent.business_name,
    business_tax_code: parent.business_tax_code,
    txn: parent.txn ? JSON.stringify(parent.txn) : null,
    amount_vnd: parent.amount_vnd,
    transaction_date: parent.transaction_date,
    product_or_service: parent.product_or_service,
    place_commune_code: parent.place_commune_code,
    online: parent.online,
    description: `${input.descriptionPrefix ?? ''}${parent.description}`,
    desired_outcome: parent.desired_outcome,
    prior_contact: parent.prior_contact ? JSON.stringify(parent.prior_contact) : null,
    consents: JSON.stringify(parent.consents),
    language: parent.language,
    sector: parent.sector,
    violations: parent.violations,
    classification: parent.classification ? JSON.stringify(parent.classification) : null,
    agency_id: agency.id,
    agency_kind: agency.kind,
    routing: JSON.stringify({ agencyName: agency.name, reason, legalBasis: 'Luật BVQLNTD 2023 Điều 11(3)', explanation: input.note ?? '' }),
    commune_code: communeCode,
    assigned_to: assignee?.id ?? null,
    // The consumer follows the parent case; this secret is never shown.
    tracking_secret_hash: sha256(randomToken(18)),
    missing: [],
    enforcement_flag: enforcement,
    created_by: userIdOf(tx.actor),
    parent_id: parent.id,
    child_kind: input.kind,
  });
  const rule = input.kind === 'civil_dispute' && kind === 'request' && !enforcement ? 'request.forward_to_business' : 'request.decide';
  await startClock(tx, {
    entityType: ENTITY,
    entityId: child.id,
    entityLabel: code,
    rule,
    startedAt: now,
    provinceCode: child.province_code,
  });
  await syncDue(tx, child.id);
  const data = {
    parentId: parent.id,
    parentCode: parent.code,
    childId: child.id,
    childCode: code,
    kind: input.kind,
    agencyName: agency.name,
  };
  await insertEvent(tx.db, {
    requestId: child.id,
    at: now,
    type: 'split_from',
    ...actorOf(tx.actor),
    public: false,
    data: { ...data, note: input.note ?? null },
  });
  await insertEvent(tx.db, { requestId: parent.id, at: now, type: 'sub_case_created', ...actorOf(tx.actor), public: false, data });
  await recordAudit(tx, {
    action: 'request.split',
    entityType: ENTITY,
    entityId: parent.id,
    summary: { code: parent.code, childCode: code, kind: input.kind, agencyId: agency.id, assigneeId: assignee?.id ?? null },
  });
  await alertOwner(tx, { id: child.id, code, agency_id: agency.id, assignee_email: assignee?.email ?? null }, childKindLabels[input.kind]);
  const clocks = await readEntityClocks(tx, ENTITY, child.id);
  return {
    id: child.id,
    code,
    kind: input.kind,
    kindLabel: childKindLabels[input.kind],
    status: 'accepted' as const,
    statusLabel: statusLabel('accepted'),
    parentId: parent.id,
    parentCode: parent.code,
    agency: { id: agency.id, kind: agency.kind, name: agency.name },
    assignedTo: assignee ? { id: assignee.id, name: assignee.display_name } : null,
    enforcementFlag: enforcement,
    clocks: clocks.map((c) => ({
      rule: c.rule,
      label: c.label,
      startedAt: c.startedAt.toISOString(),
      dueAt: c.dueAt.toISOString(),
      state: c.state,
    })),
  };
}

/** The assigned officer, else the handlers of the agency: one mail each, after commit (outbox). */
async function alertOwner(tx: Ctx, c: { id: string; code: string; agency_id: string; assignee_email: string | null }, what: string) {
  const to = c.assignee_email
    ? [c.assignee_email]
    : (
        await tx.db
          .selectFrom('app_user')
          .select('email')
          .where('agency_id', '=', c.agency_id)
          .where('active', '=', true)
          .where('role', 'in', ['agency_manager', 'case_officer'])
          .where('email', 'is not', null)
          .execute()
      ).map((u) => u.email!);
  const base = tx.deps.config.APP_BASE_URL.replace(/\/$/, '');
  for (const email of to)
    await enqueue(tx, 'mail.send', {
      to: email,
      subject: `Hồ sơ mới (${what}): ${c.code}`,
      text: `${what} ${c.code}: ${base}/requests/${c.id}`,
    });
}

/**
 * An officer splits a case into a linked sub-case (issue 5 point 6): a civil dispute, a violation
 * referral to an inspection agency, a product-safety signal or a price complaint. The child is a
 * full request (same consumer and business, its own code, owner and clock: the decision clock, or
 * for a negotiable civil dispute the 7 working days to forward to the business, Art. 57(4)).
 */
export async function splitRequest(ctx: Ctx, id: string, input: SplitInput) {
  requirePermission(ctx, 'requests.handle');
  return inTransaction(ctx, async (tx) => createChild(tx, await loadCase(tx, id, true), input));
}

// ── Art. 54(2): flag, propose, refer ────────────────────────────────────────

type FlagReason = 'group_threshold' | 'group_member_flagged';

/**
 * Flags a case under Art. 54(2): forwarding to the business and mediation refuse it from now on
 * (negotiation.ts, mediation); the 7-day forward clock no longer applies, so it stops and the
 * agency's decision clock runs instead.
 */
async function flagCase(tx: Tx, r: RequestRow, reason: FlagReason, data: Record<string, unknown>): Promise<void> {
  if (r.enforcement_flag) return;
  const now = tx.now();
  await tx.db.updateTable('request').set({ enforcement_flag: true, updated_at: now }).where('id', '=', r.id).execute();
  const forward = await findActiveClockId(tx, ENTITY, r.id, 'request.forward_to_business');
  if (forward) await stopClock(tx, forward, { reason: `Không thương lượng, hòa giải (${ART_54_2})` });
  if (['accepted', 'in_progress'].includes(r.status) && !(await findActiveClockId(tx, ENTITY, r.id, 'request.decide')))
    await startClock(tx, {
      entityType: ENTITY,
      entityId: r.id,
      entityLabel: r.code,
      rule: 'request.decide',
      startedAt: now,
      provinceCode: r.province_code,
    });
  const negotiation = await tx.db.selectFrom('negotiation').select('request_id').where('request_id', '=', r.id).executeTakeFirst();
  await insertEvent(tx.db, {
    requestId: r.id,
    at: now,
    type: 'flagged_enforcement',
    ...actorOf(tx.actor),
    public: false,
    data: {
      violations: r.violations,
      reason,
      negotiationUnderway: !!negotiation && !FINISHED.includes(r.status as RequestStatus),
      ...data,
    },
  });
  await syncDue(tx, r.id);
  await recordAudit(tx, {
    action: 'request.flag_enforcement',
    entityType: ENTITY,
    entityId: r.id,
    summary: { code: r.code, reason, ...data },
  });
}

const inspection = (tx: Ctx, provinceCode: string) => findAgencyForRoute(tx, { provinceCode, kind: 'qltt' });

async function proposalFor(tx: Ctx, r: Pick<RequestRow, 'province_code'>, via: 'case' | 'group', groupReason?: string | null) {
  const a = await inspection(tx, r.province_code);
  return {
    kind: 'violation_referral' as const,
    via,
    agency: a ? { id: a.id, name: a.name } : null,
    reason:
      via === 'group' && groupReason === 'threshold'
        ? `Vụ việc gây thiệt hại cho nhiều người tiêu dùng: không thương lượng, hòa giải (${ART_54_2}). Đề nghị chuyển ${a?.name ?? agencyLabels.qltt} xử lý vi phạm.`
        : `Vụ việc có dấu hiệu vi phạm điều cấm: không thương lượng, hòa giải (${ART_54_2}). Đề nghị chuyển ${a?.name ?? agencyLabels.qltt} xử lý vi phạm.`,
  };
}

export interface ReferralInput {
  agencyId?: string | undefined;
  note?: string | undefined;
}

/**
 * Accepts the proposed referral of a flagged case (Art. 54(2)) in one action: a violation_referral
 * sub-case to the inspection agency. A case in a flagged group is referred with its group (one
 * referral for all its cases).
 */
export async function acceptReferral(ctx: Ctx, id: string, input: ReferralInput = {}) {
  requirePermission(ctx, 'requests.handle');
  return inTransaction(ctx, async (tx) => {
    const r = await loadCase(tx, id, true);
    const g = await activeGroupOf(tx.db, r.id);
    if (g?.enforcement_flag) return referGroup(tx, g, input);
    if (!r.enforcement_flag)
      throw new AppError(
        'invalid_state',
        'request.referral_not_proposed',
        `Hồ sơ không thuộc trường hợp ${ART_54_2}: không có đề nghị chuyển xử lý vi phạm.`,
      );
    const prior = await tx.db
      .selectFrom('request')
      .select('code')
      .where('parent_id', '=', r.id)
      .where('child_kind', '=', 'violation_referral')
      .executeTakeFirst();
    if (prior) throw new AppError('invalid_state', 'request.already_referred', `Hồ sơ đã được chuyển xử lý vi phạm (hồ sơ ${prior.code}).`);
    return {
      groupId: null,
      referral: await createChild(tx, r, { kind: 'violation_referral', agencyId: input.agencyId, note: input.note }),
    };
  });
}

async function referGroup(tx: Tx, g: GroupRow, input: ReferralInput) {
  if (!g.enforcement_flag)
    throw new AppError(
      'invalid_state',
      'request.referral_not_proposed',
      `Nhóm ${g.code} không thuộc trường hợp ${ART_54_2}: không có đề nghị chuyển xử lý vi phạm.`,
    );
  if (g.referral_id) {
    const prior = await findRequest(tx.db, g.referral_id);
    throw new AppError(
      'invalid_state',
      'request.already_referred',
      `Nhóm ${g.code} đã được chuyển xử lý vi phạm (hồ sơ ${prior?.code ?? ''}).`,
    );
  }
  const members = await memberRows(tx.db, g.id);
  // The earliest open case the officer may handle carries the referral (a group can span agencies).
  const lead = members.find((m) => !FINISHED.includes(m.status as RequestStatus) && !m.parent_id && inCaseScope(tx.actor, m));
  if (!lead) throw new AppError('invalid_state', 'request_group.no_open_member', `Nhóm ${g.code} không còn hồ sơ đang xử lý.`);
  const consumers = new Set(members.map((m) => m.consumer_key)).size;
  const referral = await createChild(tx, (await lockRequest(tx.db, lead.id))!, {
    kind: 'violation_referral',
    agencyId: input.agencyId,
    note: input.note,
    descriptionPrefix: `Chuyển xử lý vi phạm theo nhóm ${g.code} (${ART_54_2}): ${members.length} hồ sơ của ${consumers} người tiêu dùng (${members.map((m) => m.code).join(', ')}).\n\n`,
  });
  const now = tx.now();
  await tx.db.updateTable('request_group').set({ referral_id: referral.id, updated_at: now }).where('id', '=', g.id).execute();
  for (const m of members)
    await insertEvent(tx.db, {
      requestId: m.id,
      at: now,
      type: 'group_referred',
      ...actorOf(tx.actor),
      public: false,
      data: { groupCode: g.code, referralId: referral.id, referralCode: referral.code, agencyName: referral.agency.name },
    });
  await recordAudit(tx, {
    action: 'request_group.refer',
    entityType: 'request_group',
    entityId: g.id,
    summary: { code: g.code, referralCode: referral.code },
  });
  return { groupId: g.id, referral };
}

/** Accepts the proposed referral of a flagged group: one violation_referral sub-case of its earliest open case. */
export async function referRequestGroup(ctx: Ctx, id: string, input: ReferralInput = {}) {
  requirePermission(ctx, 'requests.handle');
  return inTransaction(ctx, async (tx) => referGroup(tx, await loadGroup(tx, id, true), input));
}

// ── the graph of one case ───────────────────────────────────────────────────

/** The case's parent, children with their roll-up, its group, and the Art. 54(2) referral proposal. */
export async function getCaseGraph(ctx: Ctx, id: string) {
  requirePermission(ctx, 'requests.read');
  const r = await findRequest(ctx.db, id);
  if (!r || !inCaseScope(ctx.actor, r)) throw E.notFound();
  const now = ctx.now();
  const [children, parent, group] = await Promise.all([
    listChildren(ctx.db, r.id),
    r.parent_id ? findRequest(ctx.db, r.parent_id) : undefined,
    activeGroupOf(ctx.db, r.id),
  ]);
  const referred = children.some((c) => c.child_kind === 'violation_referral') || !!group?.referral_id;
  const flagged = r.enforcement_flag || !!group?.enforcement_flag;
  const proposal =
    flagged && !referred && !r.parent_id && !FINISHED.includes(r.status as RequestStatus)
      ? await proposalFor(ctx, r, group?.enforcement_flag ? 'group' : 'case', group?.enforcement_reason)
      : null;
  const handle = can(ctx.actor, 'requests.handle');
  const open = !FINISHED.includes(r.status as RequestStatus);
  return {
    id: r.id,
    code: r.code,
    status: r.status as RequestStatus,
    statusLabel: statusLabel(r.status as RequestStatus),
    childKind: r.child_kind,
    enforcementFlag: r.enforcement_flag,
    parent: parent
      ? {
          id: parent.id,
          code: parent.code,
          status: parent.status,
          statusLabel: statusLabel(parent.status as RequestStatus),
          canOpen: inCaseScope(ctx.actor, parent),
        }
      : null,
    children: children.map((c) => ({
      id: c.id,
      code: c.code,
      kind: c.child_kind!,
      kindLabel: childKindLabels[c.child_kind!],
      status: c.status,
      statusLabel: statusLabel(c.status as RequestStatus),
      agency: { id: c.agency_id, kind: c.agency_kind, name: c.agency_name },
      assignedTo: c.assigned_to ? { id: c.assigned_to, name: c.assignee_name ?? '' } : null,
      receivedAt: c.received_at.toISOString(),
      nextDueAt: c.next_due_at ? c.next_due_at.toISOString() : null,
      overdue: isOverdue(c, now),
      canOpen: inCaseScope(ctx.actor, c),
    })),
    rollup: rollUp(children, now),
    group: group ? { id: group.id, code: group.code, title: group.title, enforcementFlag: group.enforcement_flag } : null,
    referralProposal: proposal,
    can: {
      split: handle && open && !r.parent_id,
      acceptReferral: handle && proposal !== null,
      close: handle && canTransition(r.status as RequestStatus, 'closed') && rollUp(children, now).open === 0,
    },
  };
}

// ── groups ──────────────────────────────────────────────────────────────────

function findGroup(db: Db, id: string, lock = false) {
  let q = db.selectFrom('request_group').selectAll().where('id', '=', id);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

async function activeGroupOf(db: Db, requestId: string): Promise<GroupRow | undefined> {
  return db
    .selectFrom('request_group')
    .innerJoin('request_group_member as m', 'm.group_id', 'request_group.id')
    .selectAll('request_group')
    .where('m.request_id', '=', requestId)
    .where('m.removed_at', 'is', null)
    .executeTakeFirst();
}

/** The active members of a group with what grouping needs (no personal data leaves this module). */
function memberRows(db: Db, groupId: string) {
  return db
    .selectFrom('request as r')
    .innerJoin('request_group_member as m', 'm.request_id', 'r.id')
    .select([
      'r.id',
      'r.code',
      'r.status',
      'r.received_at',
      'r.agency_id',
      'r.commune_code',
      'r.business_name',
      'r.business_tax_code',
      'r.sector',
      'r.violations',
      'r.enforcement_flag',
      'r.next_due_at',
      'r.parent_id',
      consumerKey('r').as('consumer_key'),
      nameKey('r.business_name').as('name_key'),
    ])
    .where('m.group_id', '=', groupId)
    .where('m.removed_at', 'is', null)
    .orderBy('r.received_at')
    .orderBy('r.code')
    .execute();
}
type MemberRow = Awaited<ReturnType<typeof memberRows>>[number];

const groupVisible = (actor: Actor, g: GroupRow, members: readonly MemberRow[]) =>
  inCaseScope(actor, g) || members.some((m) => inCaseScope(actor, m));

async function loadGroup(tx: Tx, id: string, lock: boolean): Promise<GroupRow> {
  const g = await findGroup(tx.db, id, lock);
  if (!g || !groupVisible(tx.actor, g, await memberRows(tx.db, g.id))) throw E.groupNotFound();
  return g;
}

/** Same business: the same tax code, or the same folded name (connected through any member). */
function connected(items: readonly { id: string; business_tax_code: string | null; name_key: string }[]): boolean {
  if (items.length === 0) return true;
  const seen = new Set([items[0]!.id]);
  const taxes = new Set<string>();
  const names = new Set<string>();
  const add = (i: (typeof items)[number]) => {
    if (i.business_tax_code) taxes.add(i.business_tax_code);
    names.add(i.name_key);
  };
  add(items[0]!);
  for (let grew = true; grew;) {
    grew = false;
    for (const i of items)
      if (!seen.has(i.id) && ((i.business_tax_code && taxes.has(i.business_tax_code)) || names.has(i.name_key))) {
        seen.add(i.id);
        add(i);
        grew = true;
      }
  }
  return seen.size === items.length;
}

/** Checks and locks cases that are to join a group: in scope, open, top-level, in no other group. */
async function admissible(tx: Tx, ids: readonly string[]) {
  const rows: RequestRow[] = [];
  for (const id of [...new Set(ids)]) rows.push(await loadCase(tx, id, true));
  for (const r of rows) {
    if (FINISHED.includes(r.status as RequestStatus) || r.duplicate_of)
      throw new AppError('invalid_state', 'request_group.member_closed', `Hồ sơ ${r.code} đã kết thúc, không thể đưa vào nhóm.`);
    if (r.parent_id)
      throw new AppError('invalid_state', 'request_group.member_is_sub_case', `Hồ sơ ${r.code} là hồ sơ con, không đưa vào nhóm.`);
    const g = await activeGroupOf(tx.db, r.id);
    if (g) throw new AppError('conflict', 'request_group.member_taken', `Hồ sơ ${r.code} đã thuộc nhóm ${g.code}.`);
  }
  return rows;
}

async function keysOf(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('request')
    .select(['id', 'business_tax_code', nameKey('business_name').as('name_key')])
    .where('id', 'in', ids)
    .execute();
}

function sameBusinessOrThrow(items: Awaited<ReturnType<typeof keysOf>>): void {
  if (!connected(items))
    throw invalid('request_group.different_business', 'Các hồ sơ trong một nhóm phải cùng doanh nghiệp (cùng mã số thuế hoặc cùng tên).', [
      { path: 'body.requestIds', code: 'different_business', message: 'Hồ sơ của doanh nghiệp khác' },
    ]);
}

async function addMembers(tx: Tx, g: { id: string; code: string }, rows: readonly RequestRow[]) {
  const now = tx.now();
  for (const r of rows) {
    await tx.db
      .insertInto('request_group_member')
      .values({ group_id: g.id, request_id: r.id, added_by: userIdOf(tx.actor), added_at: now })
      .execute();
    await insertEvent(tx.db, {
      requestId: r.id,
      at: now,
      type: 'grouped',
      ...actorOf(tx.actor),
      public: false,
      data: { groupId: g.id, groupCode: g.code },
    });
  }
}

/**
 * Art. 54(2) on a group: once it reaches the [CONFIG] number of distinct consumers (unless all
 * affected consumers are identified) or one of its cases is flagged, the group and every case in
 * it are flagged, which blocks negotiation and mediation.
 */
async function applyArt54(tx: Tx, groupId: string): Promise<void> {
  const g = (await findGroup(tx.db, groupId, true))!;
  const members = await memberRows(tx.db, g.id);
  const consumers = new Set(members.map((m) => m.consumer_key)).size;
  const threshold = groupThreshold(tx);
  const reason =
    g.enforcement_reason ??
    (!g.consumers_identified && consumers >= threshold ? 'threshold' : members.some((m) => m.enforcement_flag) ? 'member_flagged' : null);
  if (!reason) return;
  if (!g.enforcement_flag) {
    await tx.db
      .updateTable('request_group')
      .set({ enforcement_flag: true, enforcement_reason: reason, flagged_at: tx.now(), updated_at: tx.now() })
      .where('id', '=', g.id)
      .execute();
    await recordAudit(tx, {
      action: 'request_group.flag_enforcement',
      entityType: 'request_group',
      entityId: g.id,
      summary: { code: g.code, reason, consumers, threshold },
    });
  }
  for (const m of members)
    if (!m.enforcement_flag)
      await flagCase(tx, (await lockRequest(tx.db, m.id))!, reason === 'threshold' ? 'group_threshold' : 'group_member_flagged', {
        groupCode: g.code,
        consumers,
        threshold,
      });
}

export interface GroupCreateInput {
  requestIds: string[];
  title?: string | undefined;
  consumersIdentified?: boolean | undefined;
}

/** An officer groups open cases about the same business for collective handling (issue 5 point 6). */
export async function createRequestGroup(ctx: Ctx, input: GroupCreateInput) {
  requirePermission(ctx, 'requests.handle');
  const id = await inTransaction(ctx, async (tx) => {
    const rows = await admissible(tx, input.requestIds);
    if (rows.length < 2)
      throw invalid('request_group.too_few', 'Một nhóm cần ít nhất hai hồ sơ.', [
        { path: 'body.requestIds', code: 'too_small', message: 'Chọn ít nhất hai hồ sơ' },
      ]);
    sameBusinessOrThrow(
      await keysOf(
        tx.db,
        rows.map((r) => r.id),
      ),
    );
    const lead = rows.find((r) => r.business_tax_code) ?? rows[0]!;
    const sectors = rows.map((r) => r.sector).filter((s): s is string => !!s);
    const sector = sectors.sort((a, b) => sectors.filter((s) => s === b).length - sectors.filter((s) => s === a).length)[0] ?? null;
    const same = <T>(f: (r: RequestRow) => T) => (rows.every((r) => f(r) === f(rows[0]!)) ? f(rows[0]!) : null);
    const now = tx.now();
    const year = todayInVietnam(now).slice(0, 4);
    const n = (await sql<{ n: string }>`select nextval('request_group_number')::text as n`.execute(tx.db)).rows[0]!.n;
    const code = `NH-${year}-${n.padStart(6, '0')}`;
    const g = await tx.db
      .insertInto('request_group')
      .values({
        code,
        province_code: lead.province_code,
        title: input.title ?? `${lead.business_name}${sector ? ` · ${sectorLabels[sector as Sector] ?? sector}` : ''}`,
        business_name: lead.business_name,
        business_tax_code: lead.business_tax_code,
        sector,
        agency_id: same((r) => r.agency_id),
        commune_code: same((r) => r.commune_code),
        consumers_identified: input.consumersIdentified ?? false,
        created_by: userIdOf(tx.actor),
        created_at: now,
        updated_at: now,
      })
      .returning(['id', 'code'])
      .executeTakeFirstOrThrow();
    await addMembers(tx, g, rows);
    await recordAudit(tx, {
      action: 'request_group.create',
      entityType: 'request_group',
      entityId: g.id,
      summary: {
        code,
        requests: rows.map((r) => r.code),
        taxCode: lead.business_tax_code,
        consumersIdentified: input.consumersIdentified ?? false,
      },
    });
    await applyArt54(tx, g.id);
    return g.id;
  });
  return getRequestGroup(ctx, id);
}

/** Adds open cases of the same business to a group; a flagged group flags them too (Art. 54(2)). */
export async function addRequestGroupMembers(ctx: Ctx, id: string, input: { requestIds: string[] }) {
  requirePermission(ctx, 'requests.handle');
  await inTransaction(ctx, async (tx) => {
    const g = await loadGroup(tx, id, true);
    const rows = await admissible(tx, input.requestIds);
    const members = await memberRows(tx.db, g.id);
    sameBusinessOrThrow(await keysOf(tx.db, [...members.map((m) => m.id), ...rows.map((r) => r.id)]));
    await addMembers(tx, g, rows);
    await tx.db.updateTable('request_group').set({ updated_at: tx.now() }).where('id', '=', g.id).execute();
    await recordAudit(tx, {
      action: 'request_group.add',
      entityType: 'request_group',
      entityId: g.id,
      summary: { code: g.code, requests: rows.map((r) => r.code) },
    });
    await applyArt54(tx, g.id);
  });
  return getRequestGroup(ctx, id);
}

const enforcementLabels = {
  threshold: `Gây thiệt hại cho nhiều người tiêu dùng: không thương lượng, hòa giải (${ART_54_2})`,
  member_flagged: `Có hồ sơ vi phạm điều cấm: không thương lượng, hòa giải (${ART_54_2})`,
} as const;

/** A group with its cases (codes and states, no personal data), the roll-up and the Art. 54(2) state. */
export async function getRequestGroup(ctx: Ctx, id: string) {
  requirePermission(ctx, 'requests.read');
  const g = await findGroup(ctx.db, id);
  const members = g ? await memberRows(ctx.db, g.id) : [];
  if (!g || !groupVisible(ctx.actor, g, members)) throw E.groupNotFound();
  const now = ctx.now();
  const referral = g.referral_id ? await findRequest(ctx.db, g.referral_id) : undefined;
  const referralAgency = referral?.agency_id
    ? await ctx.db.selectFrom('agency').select('name').where('id', '=', referral.agency_id).executeTakeFirst()
    : undefined;
  const hasOpen = members.some((m) => !FINISHED.includes(m.status as RequestStatus));
  const proposal = g.enforcement_flag && !g.referral_id && hasOpen ? await proposalFor(ctx, g, 'group', g.enforcement_reason) : null;
  const handle = can(ctx.actor, 'requests.handle');
  return {
    id: g.id,
    code: g.code,
    title: g.title,
    business: { name: g.business_name, taxCode: g.business_tax_code },
    sector: g.sector,
    createdAt: g.created_at.toISOString(),
    consumers: new Set(members.map((m) => m.consumer_key)).size,
    threshold: groupThreshold(ctx),
    consumersIdentified: g.consumers_identified,
    enforcement: {
      flagged: g.enforcement_flag,
      reason: g.enforcement_reason,
      label: g.enforcement_reason ? enforcementLabels[g.enforcement_reason] : null,
      flaggedAt: g.flagged_at ? g.flagged_at.toISOString() : null,
    },
    referral: referral
      ? {
          id: referral.id,
          code: referral.code,
          status: referral.status,
          statusLabel: statusLabel(referral.status as RequestStatus),
          agencyName: referralAgency?.name ?? null,
        }
      : null,
    referralProposal: proposal,
    members: members.map((m) => ({
      id: m.id,
      code: m.code,
      status: m.status,
      statusLabel: statusLabel(m.status as RequestStatus),
      receivedAt: m.received_at.toISOString(),
      businessName: m.business_name,
      enforcementFlag: m.enforcement_flag,
      overdue: isOverdue(m, now),
      canOpen: inCaseScope(ctx.actor, m),
    })),
    rollup: rollUp(members, now),
    can: { addMembers: handle && hasOpen, act: handle && hasOpen, acceptReferral: handle && proposal !== null },
  };
}

export type GroupActionInput =
  | { action: 'note'; body: string }
  | {
      action: 'status';
      to: 'accepted' | 'in_progress' | 'resolved' | 'closed';
      outcome?: ClosingOutcome | undefined;
      note?: string | undefined;
      publicNote?: string | undefined;
    };

/**
 * One action on every case of a group the officer may handle, in one transaction, through the
 * service's use cases (a note, or a status change with the transition table, clocks, closing
 * outcome and the open-children rule). Cases that cannot make the move are reported as skipped.
 */
export async function actOnRequestGroup(ctx: Ctx, id: string, input: GroupActionInput) {
  requirePermission(ctx, 'requests.handle');
  if (input.action === 'status' && input.to === 'closed' && !input.outcome)
    throw invalid('request.closing_outcome_required', 'Cần chọn kết quả giải quyết trước khi đóng hồ sơ.', [
      { path: 'body.outcome', code: 'required', message: 'Chọn kết quả giải quyết' },
    ]);
  return inTransaction(ctx, async (tx) => {
    const g = await loadGroup(tx, id, true);
    const applied: { id: string; code: string; status: string }[] = [];
    const skipped: { id: string; code: string; reason: string }[] = [];
    for (const m of await memberRows(tx.db, g.id)) {
      if (!inCaseScope(tx.actor, m)) skipped.push({ id: m.id, code: m.code, reason: 'Ngoài phạm vi xử lý của cán bộ' });
      else if (input.action === 'note') {
        await addNote(tx, m.id, { body: input.body });
        applied.push({ id: m.id, code: m.code, status: m.status });
      } else if (!canTransition(m.status as RequestStatus, input.to))
        skipped.push({ id: m.id, code: m.code, reason: `Đang ở trạng thái "${statusLabel(m.status as RequestStatus)}"` });
      else {
        const { action: _, ...status } = input;
        const r = await changeStatus(tx, m.id, status);
        applied.push({ id: m.id, code: m.code, status: r.status });
      }
    }
    await recordAudit(tx, {
      action: 'request_group.act',
      entityType: 'request_group',
      entityId: g.id,
      summary: {
        code: g.code,
        action: input.action,
        to: input.action === 'status' ? input.to : null,
        applied: applied.map((a) => a.code),
        skipped: skipped.map((s) => s.code),
      },
    });
    return { groupId: g.id, code: g.code, action: input.action, applied, skipped };
  });
}

// ── suggestions and the business page ───────────────────────────────────────

/**
 * Groups to suggest (issue 5 point 6): open top-level cases in the caller's scope that name the
 * same business (tax code, or folded name) and a similar issue (the same sector and at least one
 * shared violation). Buckets are counted in SQL (one pass, hash aggregate) and joined in memory.
 */
export async function suggestRequestGroups(ctx: Ctx, q: { requestId?: string | undefined } = {}) {
  requirePermission(ctx, 'requests.read');
  const scoped = scopeWhere(
    ctx.db
      .selectFrom('request')
      .select('request.id')
      .where('request.status', 'not in', FINISHED)
      .where('request.parent_id', 'is', null)
      .where('request.duplicate_of', 'is', null),
    ctx.actor,
  );
  const buckets = await sql<{ k: string; v: string; ids: string[] }>`
    select key.k, v.v, (array_agg(r.id::text order by r.received_at))[1:200] as ids
    from request r
    cross join lateral unnest(r.violations) as v(v)
    cross join lateral (values ('tax:' || r.business_tax_code), ('name:' || f_business_key(r.business_name))) as key(k)
    where r.id in (${scoped}) and key.k is not null and r.sector is not null
    group by key.k, r.sector, v.v
    having count(*) >= 2
    order by count(*) desc
    limit 500`.execute(ctx.db);
  // Union-find over the buckets: a case is in one sector, so a component has one sector.
  const up = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (up.get(r) !== undefined && up.get(r) !== r) r = up.get(r)!;
    up.set(x, r);
    return r;
  };
  for (const b of buckets.rows) for (const id of b.ids) if (!up.has(id)) up.set(id, id);
  for (const b of buckets.rows) for (const id of b.ids.slice(1)) up.set(find(id), find(b.ids[0]!));
  const info = new Map<string, { by: Set<'tax_code' | 'name'>; violations: Set<string> }>();
  for (const b of buckets.rows) {
    const root = find(b.ids[0]!);
    const i = info.get(root) ?? { by: new Set(), violations: new Set() };
    i.by.add(b.k.startsWith('tax:') ? 'tax_code' : 'name');
    i.violations.add(b.v);
    info.set(root, i);
  }
  const ids = [...up.keys()];
  if (ids.length === 0) return { threshold: groupThreshold(ctx), data: [] };
  const rows = await ctx.db
    .selectFrom('request as r')
    .leftJoin('request_group_member as m', (j) => j.onRef('m.request_id', '=', 'r.id').on('m.removed_at', 'is', null))
    .leftJoin('request_group as g', 'g.id', 'm.group_id')
    .select([
      'r.id',
      'r.code',
      'r.status',
      'r.received_at',
      'r.business_name',
      'r.business_tax_code',
      'r.sector',
      'r.enforcement_flag',
      'g.id as group_id',
      'g.code as group_code',
      consumerKey('r').as('consumer_key'),
    ])
    .where('r.id', 'in', ids)
    .orderBy('r.received_at')
    .execute();
  const comps = new Map<string, typeof rows>();
  for (const r of rows) comps.set(find(r.id), [...(comps.get(find(r.id)) ?? []), r]);
  const threshold = groupThreshold(ctx);
  const data = [...comps.entries()]
    .map(([root, members]) => {
      const groups = [...new Map(members.filter((m) => m.group_id).map((m) => [m.group_id!, m.group_code!])).entries()];
      const lead = members.find((m) => m.business_tax_code) ?? members[0]!;
      const consumers = new Set(members.map((m) => m.consumer_key)).size;
      return {
        business: { name: lead.business_name, taxCode: lead.business_tax_code },
        sector: lead.sector,
        violations: [...info.get(root)!.violations].sort(),
        matchedBy: [...info.get(root)!.by].sort(),
        consumers,
        reachesThreshold: consumers >= threshold,
        groups: groups.map(([gid, code]) => ({ id: gid, code })),
        requests: members.map((m) => ({
          id: m.id,
          code: m.code,
          status: m.status,
          statusLabel: statusLabel(m.status as RequestStatus),
          receivedAt: m.received_at.toISOString(),
          businessName: m.business_name,
          enforcementFlag: m.enforcement_flag,
          groupId: m.group_id,
        })),
      };
    })
    // Worth suggesting: at least one case not yet grouped, and not already all in one group.
    .filter((s) => s.requests.some((r) => !r.groupId) && s.requests.length >= 2)
    .filter((s) => !q.requestId || s.requests.some((r) => r.id === q.requestId))
    .sort((a, b) => b.requests.length - a.requests.length)
    .slice(0, 50);
  return { threshold, data };
}

/**
 * A business's page for staff: its cases in the caller's scope (by tax code, and cases without a
 * tax code under one of its names), its groups and its missed-deadline records. No personal data.
 */
export async function listBusinessCases(ctx: Ctx, taxCode: string) {
  requirePermission(ctx, 'requests.read');
  const names = ctx.db.selectFrom('request').select(nameKey('business_name').as('k')).where('business_tax_code', '=', taxCode);
  let q = ctx.db
    .selectFrom('request')
    .leftJoin('request_group_member as m', (j) => j.onRef('m.request_id', '=', 'request.id').on('m.removed_at', 'is', null))
    .leftJoin('request_group as g', 'g.id', 'm.group_id')
    .select([
      'request.id',
      'request.code',
      'request.status',
      'request.received_at',
      'request.business_name',
      'request.business_tax_code',
      'request.sector',
      'request.violations',
      'request.enforcement_flag',
      'request.child_kind',
      'request.next_due_at',
      'g.id as group_id',
      'g.code as group_code',
    ])
    .where((eb) =>
      eb.or([
        eb('request.business_tax_code', '=', taxCode),
        eb.and([eb('request.business_tax_code', 'is', null), eb(nameKey('request.business_name'), 'in', names)]),
      ]),
    );
  q = scopeWhere(q, ctx.actor);
  const rows = await q.orderBy('request.received_at', 'desc').limit(500).execute();
  const groupIds = [
    ...new Set(
      (
        await ctx.db
          .selectFrom('request_group')
          .select('id')
          .where((eb) => eb.or([eb('business_tax_code', '=', taxCode), eb(nameKey('business_name'), 'in', names)]))
          .execute()
      ).map((g) => g.id),
    ),
  ];
  const groups = [];
  for (const gid of groupIds) {
    const g = (await findGroup(ctx.db, gid))!;
    const members = await memberRows(ctx.db, gid);
    if (!groupVisible(ctx.actor, g, members)) continue;
    groups.push({
      id: g.id,
      code: g.code,
      title: g.title,
      members: members.length,
      consumers: new Set(members.map((m) => m.consumer_key)).size,
      enforcementFlag: g.enforcement_flag,
      referred: g.referral_id !== null,
      rollup: rollUp(members, ctx.now()),
    });
  }
  const pv = await ctx.db
    .selectFrom('potential_violation')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('business_tax_code', '=', taxCode)
    .executeTakeFirstOrThrow();
  const now = ctx.now();
  return {
    taxCode,
    names: [...new Set(rows.filter((r) => r.business_tax_code === taxCode).map((r) => r.business_name))],
    total: rows.length,
    open: rows.filter((r) => !FINISHED.includes(r.status as RequestStatus)).length,
    enforcementFlagged: rows.filter((r) => r.enforcement_flag).length,
    potentialViolations: Number(pv.n),
    requests: rows.map((r) => ({
      id: r.id,
      code: r.code,
      status: r.status,
      statusLabel: statusLabel(r.status as RequestStatus),
      receivedAt: r.received_at.toISOString(),
      businessName: r.business_name,
      matchedBy: r.business_tax_code === taxCode ? ('tax_code' as const) : ('name' as const),
      sector: r.sector,
      violations: r.violations,
      enforcementFlag: r.enforcement_flag,
      childKind: r.child_kind,
      overdue: isOverdue(r, now),
      group: r.group_id ? { id: r.group_id, code: r.group_code! } : null,
    })),
    groups,
  };
}
