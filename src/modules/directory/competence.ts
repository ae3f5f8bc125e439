/**
 * The competence table: who handles which matter, as data with effective dates (LAW.md §18
 * rule 22), and the expiry warning for rows that end soon. Decrees 146/2025 and 139/2025, which
 * moved consumer-protection work to the province and the commune, expire on 1 Mar 2027 unless
 * extended (Decree 146 Art. 60(2); Decree 139 Art. 21(2)); admins are warned 60 days before.
 */
import { formatIso, isoToDay } from '../../platform/calendar/index.js';
import { recordAudit } from '../../platform/audit.js';
import { can, requirePermission } from '../../platform/auth/permissions.js';
import { inTransaction, type Actor, type Ctx } from '../../platform/context.js';
import { formatDate } from '../../platform/i18n.js';
import { enqueue } from '../../platform/outbox.js';
import { directoryErrors as E } from './errors.js';
import {
  countRules,
  findRule,
  findRouteAgencyRow,
  insertRule,
  listAdminRecipients,
  listAllRuleRows,
  listExpiringRuleRows,
  listRuleRows,
  markRulesWarned,
  updateRuleRow,
  type RuleRow,
} from './repo.js';
import type {
  AgencyKind,
  CompetenceRuleView,
  CreateCompetenceRuleInput,
  ListCompetenceRulesQuery,
  UpdateCompetenceRuleInput,
} from './schema.js';

/** Days before `validUntil` from which a rule counts as expiring (LAW.md §18 rule 22). */
export const EXPIRY_WARNING_DAYS = 60;

const vnDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's date in Asia/Ho_Chi_Minh as 'YYYY-MM-DD': legal dates are local calendar dates. */
export function todayInVietnam(now: Date): string {
  return vnDate.format(now);
}

function toView(actor: Actor, r: RuleRow, today: string): CompetenceRuleView {
  const expiresInDays = r.valid_until ? isoToDay(r.valid_until) - isoToDay(today) : null;
  return {
    id: r.id,
    sector: r.sector,
    violationType: r.violation_type,
    level: r.level,
    agencyKind: r.agency_kind as AgencyKind,
    validFrom: r.valid_from,
    validUntil: r.valid_until,
    legalBasis: r.legal_basis,
    note: r.note,
    expiresInDays,
    expiring: expiresInDays !== null && expiresInDays > 0 && expiresInDays <= EXPIRY_WARNING_DAYS,
    warnedAt: r.warned_at,
    can: { edit: can(actor, 'directory.manage') },
  };
}

/** The competence table (staff). `on` keeps the rules in force that day; `validUntil` is exclusive. */
export async function listCompetenceRules(ctx: Ctx, q: ListCompetenceRulesQuery) {
  requirePermission(ctx, 'staff.home');
  const today = todayInVietnam(ctx.now());
  const rows = await listRuleRows(ctx.db, q, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  const total = await countRules(ctx.db, q);
  return { data: rows.map((r) => toView(ctx.actor, r, today)), page: { page: q.page, pageSize: q.pageSize, total } };
}

export async function getCompetenceRule(ctx: Ctx, id: string): Promise<CompetenceRuleView> {
  requirePermission(ctx, 'staff.home');
  const r = await findRule(ctx.db, id);
  if (!r) throw E.ruleNotFound();
  return toView(ctx.actor, r, todayInVietnam(ctx.now()));
}

/**
 * The kinds of agency competent for a matter on a date, most specific level first. Forwarding
 * uses it (Law 19/2023 Art. 11(3)): competence is data, not code.
 */
export async function findCompetentKinds(
  ctx: Ctx,
  m: { sector: string; violationType: string; on?: string },
): Promise<CompetenceRuleView[]> {
  const on = m.on ?? todayInVietnam(ctx.now());
  let rows = await listRuleRows(ctx.db, { sector: m.sector, violationType: m.violationType, on }, { limit: 50, offset: 0 });
  if (rows.length === 0) rows = await listRuleRows(ctx.db, { sector: m.sector, violationType: 'any', on }, { limit: 50, offset: 0 });
  const today = todayInVietnam(ctx.now());
  return rows.map((r) => toView(ctx.actor, r, today)).sort((a, b) => (a.level === b.level ? 0 : a.level === 'commune' ? -1 : 1));
}

/** A competence row in the classifier's shape (classify/schema.ts `CompetenceRow`): null for 'any'. */
export interface RoutingCompetenceRow {
  sector: string | null;
  violationType: string | null;
  level: 'province' | 'commune';
  agencyKind: string;
  validFrom: string;
  validUntil: string | null;
  legalBasis: string;
}

const anyToNull = (s: string): string | null => (s === 'any' ? null : s);

/**
 * Every competence row, for the router (classify `routeRequest`), which picks the rows in force
 * on its date itself. No permission: internal, called by the requests module with the caller's ctx.
 */
export async function competenceTable(ctx: Ctx): Promise<RoutingCompetenceRow[]> {
  const rows = await listAllRuleRows(ctx.db);
  return rows.map((r) => ({
    sector: anyToNull(r.sector),
    violationType: anyToNull(r.violation_type),
    level: r.level,
    agencyKind: r.agency_kind,
    validFrom: r.valid_from,
    validUntil: r.valid_until,
    legalBasis: r.legal_basis,
  }));
}

/**
 * The active agency of a kind in a province that receives a routed request: for a commune-level
 * route (`communeCode` given) that commune's agency, otherwise the province-level one. Undefined
 * when the directory has none, so the caller falls back to the focal agency. No permission: internal.
 */
export async function findAgencyForRoute(
  ctx: Ctx,
  q: { provinceCode: string; kind: string; communeCode?: string | null },
): Promise<{ id: string; name: string; kind: string; level: 'province' | 'commune'; communeCode: string | null } | undefined> {
  const r = await findRouteAgencyRow(ctx.db, { provinceCode: q.provinceCode, kind: q.kind, communeCode: q.communeCode ?? null });
  return r && { id: r.id, name: r.name, kind: r.kind, level: r.level, communeCode: r.commune_code };
}

/** Rules in force that end within `withinDays` calendar days (directory administrators). */
export async function listExpiringCompetenceRules(ctx: Ctx, withinDays = EXPIRY_WARNING_DAYS): Promise<CompetenceRuleView[]> {
  requirePermission(ctx, 'directory.manage');
  const today = todayInVietnam(ctx.now());
  const until = formatIso(isoToDay(today) + withinDays);
  const rows = await listExpiringRuleRows(ctx.db, today, until);
  return rows.map((r) => toView(ctx.actor, r, today));
}

function checkPeriod(validFrom: string, validUntil: string | null | undefined): void {
  if (validUntil && validUntil <= validFrom) throw E.invalidPeriod();
}

/** Adds a competence rule (directory administrators). */
export async function createCompetenceRule(ctx: Ctx, input: CreateCompetenceRuleInput): Promise<CompetenceRuleView> {
  requirePermission(ctx, 'directory.manage');
  checkPeriod(input.validFrom, input.validUntil);
  return inTransaction(ctx, async (tx) => {
    const { id } = await insertRule(tx.db, {
      sector: input.sector,
      violation_type: input.violationType,
      level: input.level,
      agency_kind: input.agencyKind,
      valid_from: input.validFrom,
      valid_until: input.validUntil ?? null,
      legal_basis: input.legalBasis,
      note: input.note ?? null,
    });
    await recordAudit(tx, { action: 'competence_rule.create', entityType: 'competence_rule', entityId: id, summary: { ...input } });
    const row = await findRule(tx.db, id);
    return toView(tx.actor, row!, todayInVietnam(tx.now()));
  });
}

/**
 * Changes a competence rule (directory administrators). Moving `validUntil` (e.g. when a decree
 * is extended) clears the warning mark, so the new end date is warned about in its turn.
 */
export async function updateCompetenceRule(ctx: Ctx, id: string, input: UpdateCompetenceRuleInput): Promise<CompetenceRuleView> {
  requirePermission(ctx, 'directory.manage');
  if (Object.values(input).every((v) => v === undefined)) throw E.emptyPatch();
  return inTransaction(ctx, async (tx) => {
    const cur = await findRule(tx.db, id);
    if (!cur) throw E.ruleNotFound();
    const validFrom = input.validFrom ?? cur.valid_from;
    const validUntil = input.validUntil !== undefined ? input.validUntil : cur.valid_until;
    checkPeriod(validFrom, validUntil);
    const untilChanged = validUntil !== cur.valid_until;
    await updateRuleRow(tx.db, id, {
      ...(input.sector !== undefined ? { sector: input.sector } : {}),
      ...(input.violationType !== undefined ? { violation_type: input.violationType } : {}),
      ...(input.level !== undefined ? { level: input.level } : {}),
      ...(input.agencyKind !== undefined ? { agency_kind: input.agencyKind } : {}),
      ...(input.legalBasis !== undefined ? { legal_basis: input.legalBasis } : {}),
      ...(input.note !== undefined ? { note: input.note } : {}),
      valid_from: validFrom,
      valid_until: validUntil,
      ...(untilChanged ? { warned_at: null } : {}),
      updated_at: tx.now(),
    });
    await recordAudit(tx, {
      action: 'competence_rule.update',
      entityType: 'competence_rule',
      entityId: id,
      summary: { changes: input, before: { validFrom: cur.valid_from, validUntil: cur.valid_until } },
    });
    const row = await findRule(tx.db, id);
    return toView(tx.actor, row!, todayInVietnam(tx.now()));
  });
}

/**
 * Warns administrators about competence rules ending within 60 days: one `mail.send` job per
 * active admin with an email, listing the rules not warned about before, and marks those rules
 * (`warned_at`) so that a rule is warned about at most once. Runs from a daily sweep; returns
 * the number of mail jobs enqueued.
 */
export async function warnExpiringCompetenceRules(ctx: Ctx): Promise<{ rules: number; mails: number }> {
  requirePermission(ctx, 'directory.manage');
  return inTransaction(ctx, async (tx) => {
    const today = todayInVietnam(tx.now());
    const until = formatIso(isoToDay(today) + EXPIRY_WARNING_DAYS);
    const rows = await listExpiringRuleRows(tx.db, today, until, true);
    if (rows.length === 0) return { rules: 0, mails: 0 };
    const admins = await listAdminRecipients(tx.db);
    // Nobody to tell yet: leave the rules unmarked so that the next run warns them.
    if (admins.length === 0) return { rules: rows.length, mails: 0 };
    const lines = rows.map(
      (r) =>
        `- ${r.sector} / ${r.violation_type} (${r.level === 'province' ? 'cấp tỉnh' : 'cấp xã'}, ${r.agency_kind}): ` +
        `hết hiệu lực từ ${formatDate(r.valid_until!)}. Căn cứ: ${r.legal_basis}`,
    );
    const text = [
      `Có ${rows.length} quy tắc thẩm quyền sẽ hết hiệu lực trong ${EXPIRY_WARNING_DAYS} ngày tới:`,
      '',
      ...lines,
      '',
      `Vui lòng kiểm tra văn bản thay thế hoặc gia hạn và cập nhật bảng thẩm quyền: ${tx.deps.config.APP_BASE_URL}/admin/competence`,
    ].join('\n');
    let mails = 0;
    for (const a of admins) {
      await enqueue(tx, 'mail.send', { to: a.email!, subject: 'Cảnh báo: quy tắc thẩm quyền sắp hết hiệu lực', text });
      mails++;
    }
    await markRulesWarned(
      tx.db,
      rows.map((r) => r.id),
      tx.now(),
    );
    await recordAudit(tx, {
      action: 'competence_rule.expiry_warned',
      entityType: 'competence_rule',
      summary: { rules: rows.map((r) => ({ id: r.id, validUntil: r.valid_until })), recipients: mails },
    });
    return { rules: rows.length, mails };
  });
}
