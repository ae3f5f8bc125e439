/**
 * Directory use cases: the administrative units of the 2025 reform (public, read-only) and the
 * agencies with their aliases (public list, admin changes). Each change and its audit row
 * commit in one transaction.
 */
import { recordAudit } from '../../platform/audit.js';
import { can, requirePermission } from '../../platform/auth/permissions.js';
import { inTransaction, type Actor, type Ctx } from '../../platform/context.js';
import { directoryErrors as E } from './errors.js';
import { matchAgency } from './match.js';
import {
  aliasesOf,
  countAgencies,
  findAgency,
  findAgencyByName,
  findCommune,
  findLegacy,
  findProvince,
  insertAgency,
  insertAlias,
  listAgencyRows,
  listCommunesOfProvince,
  listProvinces,
  listSourcesOfCommune,
  updateAgencyRow,
  type AgencyRow,
} from './repo.js';
import type {
  AddAliasInput,
  AgencyKind,
  AgencyListItem,
  AgencyView,
  CommuneDetailView,
  CommuneView,
  CreateAgencyInput,
  LegacyResolution,
  ListAgenciesQuery,
  ProvinceView,
  UpdateAgencyInput,
} from './schema.js';

// ── administrative units ─────────────────────────────────────────────────────
export interface ProvinceWithCount extends ProvinceView {
  nameEn: string;
  shortName: string;
  communeCount: number;
}

/** The 34 provinces with their current name and type (public). */
export async function listProvincesWithCounts(ctx: Ctx): Promise<ProvinceWithCount[]> {
  const rows = await listProvinces(ctx.db);
  return rows.map((r) => ({
    code: r.code,
    name: r.name_current,
    type: r.type_current,
    nameEn: r.name_en,
    shortName: r.short_name,
    communeCount: Number(r.communes ?? 0),
  }));
}

export async function getProvince(ctx: Ctx, code: string) {
  const p = await findProvince(ctx.db, code);
  if (!p) throw E.provinceNotFound();
  return {
    code: p.code,
    name: p.name_current,
    type: p.type_current,
    name2025: p.name,
    nameEn: p.name_en,
    shortName: p.short_name,
    amendedOn: p.amended_on,
    amendedBasis: p.amended_basis,
  };
}

/** Every commune of a province (at most 168), current name and type (public). */
export async function listCommunes(ctx: Ctx, provinceCode: string): Promise<CommuneView[]> {
  if (!(await findProvince(ctx.db, provinceCode))) throw E.provinceNotFound();
  const rows = await listCommunesOfProvince(ctx.db, provinceCode);
  return rows.map((r) => ({ code: r.code, name: r.name_current, type: r.type_current }));
}

/** One commune with the pre-reform units it was formed from (NSO conversion table). */
export async function getCommune(ctx: Ctx, code: string): Promise<CommuneDetailView> {
  const c = await findCommune(ctx.db, code);
  if (!c) throw E.communeNotFound();
  const sources = await listSourcesOfCommune(ctx.db, code);
  return {
    code: c.code,
    name: c.name_current,
    type: c.type_current,
    nameEn: c.name_en,
    provinceCode: c.province_code,
    provinceName: c.province_name,
    name2025: c.name,
    type2025: c.type,
    amendedOn: c.amended_on,
    amendedBasis: c.amended_basis,
    sources: sources.map((s) => ({
      oldCode: s.old_code,
      oldName: s.old_name,
      oldDistrict: s.old_district,
      oldProvince: s.old_province,
      note: s.note,
    })),
  };
}

/**
 * Resolves a pre-reform (before 1 Jul 2025) commune code to the current commune(s), for old
 * addresses. A split commune ("Nhập một phần") resolves to several.
 */
export async function resolveLegacyCommune(ctx: Ctx, oldCode: string): Promise<LegacyResolution> {
  const rows = await findLegacy(ctx.db, oldCode);
  const first = rows[0];
  if (!first) throw E.legacyNotFound();
  return {
    oldCode,
    oldName: first.old_name,
    split: rows.length > 1,
    matches: rows.map((r) => ({
      code: r.code,
      name: r.name_current,
      type: r.type_current,
      provinceCode: r.province_code,
      provinceName: r.province_name,
      note: r.note,
    })),
  };
}

// ── agencies ─────────────────────────────────────────────────────────────────
function toView(actor: Actor, r: AgencyRow, aliases: string[]): AgencyView {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind as AgencyKind,
    level: r.level,
    provinceCode: r.province_code,
    communeCode: r.commune_code,
    parentId: r.parent_id,
    address: r.address,
    phone: r.phone,
    email: r.email,
    website: r.website,
    active: r.active,
    aliases,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    can: { edit: can(actor, 'directory.manage') },
  };
}

/**
 * Public list of agencies. With `q`, the name matcher ranks them (accent- and
 * abbreviation-insensitive) and each item carries its confidence; otherwise province level
 * first, then by name. Inactive agencies only for directory administrators.
 */
export async function listAgencies(
  ctx: Ctx,
  q: ListAgenciesQuery,
): Promise<{ data: AgencyListItem[]; page: { page: number; pageSize: number; total: number } }> {
  const includeInactive = q.includeInactive === 'true';
  if (includeInactive) requirePermission(ctx, 'directory.manage');
  const filter = { kind: q.kind, level: q.level, provinceCode: q.provinceCode, communeCode: q.communeCode, includeInactive };
  const offset = (q.page - 1) * q.pageSize;
  if (q.q) {
    const m = await matchAgency(ctx, q.q, filter);
    const slice = m.candidates.slice(offset, offset + q.pageSize);
    const rows = new Map(
      (await listAgencyRows(ctx.db, { ...filter, match: undefined, ids: slice.map((c) => c.agencyId) })).map((r) => [r.id, r]),
    );
    const aliases = await aliasesOf(ctx.db, [...rows.keys()]);
    const data = slice.flatMap((c) => {
      const r = rows.get(c.agencyId);
      return r ? [{ ...toView(ctx.actor, r, aliases.get(r.id) ?? []), match: { confidence: c.confidence, kind: m.kind } }] : [];
    });
    return { data, page: { page: q.page, pageSize: q.pageSize, total: m.candidates.length } };
  }
  const rows = await listAgencyRows(ctx.db, filter, { limit: q.pageSize, offset });
  const total = await countAgencies(ctx.db, filter);
  const aliases = await aliasesOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  return {
    data: rows.map((r) => ({ ...toView(ctx.actor, r, aliases.get(r.id) ?? []), match: null })),
    page: { page: q.page, pageSize: q.pageSize, total },
  };
}

/**
 * The active agencies of some kinds in a province, by name: the members of a group written in a
 * plan ("UBND xã, phường" → every agency of kind `ubnd-xa`), for modules that address each of
 * them (plans' reminders run as a sweep, without a user). The list is public, like
 * `listAgencies`, so there is no permission check; unlike it, the list is whole, not paged.
 */
export async function listActiveAgenciesOfKinds(
  ctx: Ctx,
  provinceCode: string,
  kinds: readonly string[],
): Promise<{ id: string; name: string; kind: string }[]> {
  const out: { id: string; name: string; kind: string }[] = [];
  for (const kind of new Set(kinds)) {
    for (const r of await listAgencyRows(ctx.db, { kind, provinceCode, includeInactive: false }))
      out.push({ id: r.id, name: r.name, kind: r.kind });
  }
  return out;
}

/** One agency (public). */
export async function getAgency(ctx: Ctx, id: string): Promise<AgencyView> {
  const r = await findAgency(ctx.db, id);
  if (!r) throw E.agencyNotFound();
  const aliases = await aliasesOf(ctx.db, [id]);
  return toView(ctx.actor, r, aliases.get(id) ?? []);
}

/** Checks the province, the commune (commune-level agencies must name one in that province) and the parent. */
async function checkPlacement(
  ctx: Ctx,
  a: {
    kind: string;
    level: 'province' | 'commune';
    provinceCode: string;
    communeCode: string | null;
    parentId: string | null;
    id?: string;
  },
): Promise<void> {
  if (!(await findProvince(ctx.db, a.provinceCode))) throw E.unknownProvince();
  // A commune People's Committee is by definition commune-level (two-level government, 2025).
  if (a.kind === 'ubnd-xa' && a.level !== 'commune') throw E.kindNeedsCommuneLevel();
  if (a.level === 'commune' && !a.communeCode) throw E.communeRequired();
  if (a.level === 'province' && a.communeCode) throw E.communeNotAllowed();
  if (a.communeCode) {
    const c = await findCommune(ctx.db, a.communeCode);
    if (!c || c.province_code !== a.provinceCode) throw E.communeNotInProvince();
  }
  if (a.parentId) {
    if (a.parentId === a.id) throw E.parentIsSelf();
    if (!(await findAgency(ctx.db, a.parentId))) throw E.parentNotFound();
  }
}

/** Creates an agency with its aliases (directory administrators). */
export async function createAgency(ctx: Ctx, input: CreateAgencyInput): Promise<AgencyView> {
  requirePermission(ctx, 'directory.manage');
  return inTransaction(ctx, async (tx) => {
    const placement = {
      kind: input.kind,
      level: input.level,
      provinceCode: input.provinceCode,
      communeCode: input.communeCode ?? null,
      parentId: input.parentId ?? null,
    };
    await checkPlacement(tx, placement);
    if (await findAgencyByName(tx.db, input.provinceCode, input.name)) throw E.duplicateName();
    const row = await insertAgency(tx.db, {
      name: input.name,
      kind: input.kind,
      level: input.level,
      province_code: input.provinceCode,
      commune_code: placement.communeCode,
      parent_id: placement.parentId,
      address: input.address ?? null,
      phone: input.phone ?? null,
      email: input.email ?? null,
      website: input.website ?? null,
    });
    for (const alias of input.aliases ?? []) await insertAlias(tx.db, row.id, alias);
    await recordAudit(tx, {
      action: 'agency.create',
      entityType: 'agency',
      entityId: row.id,
      summary: { name: row.name, kind: row.kind, level: row.level, provinceCode: row.province_code, communeCode: row.commune_code },
    });
    const aliases = await aliasesOf(tx.db, [row.id]);
    return toView(tx.actor, row, aliases.get(row.id) ?? []);
  });
}

/** Changes an agency's fields (directory administrators). Deactivate rather than delete. */
export async function updateAgency(ctx: Ctx, id: string, input: UpdateAgencyInput): Promise<AgencyView> {
  requirePermission(ctx, 'directory.manage');
  const keys = Object.keys(input).filter((k) => (input as Record<string, unknown>)[k] !== undefined);
  if (keys.length === 0) throw E.emptyPatch();
  return inTransaction(ctx, async (tx) => {
    const cur = await findAgency(tx.db, id);
    if (!cur) throw E.agencyNotFound();
    const next = {
      kind: input.kind ?? cur.kind,
      level: input.level ?? cur.level,
      provinceCode: input.provinceCode ?? cur.province_code,
      communeCode: input.communeCode !== undefined ? input.communeCode : input.level === 'province' ? null : cur.commune_code,
      parentId: input.parentId !== undefined ? input.parentId : cur.parent_id,
      id,
    };
    await checkPlacement(tx, next);
    if (input.name !== undefined || input.provinceCode !== undefined) {
      const same = await findAgencyByName(tx.db, next.provinceCode, input.name ?? cur.name);
      if (same && same.id !== id) throw E.duplicateName();
    }
    const changes: Record<string, unknown> = {};
    const set = {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.kind !== undefined ? { kind: input.kind } : {}),
      level: next.level,
      province_code: next.provinceCode,
      commune_code: next.communeCode,
      parent_id: next.parentId,
      ...(input.address !== undefined ? { address: input.address } : {}),
      ...(input.phone !== undefined ? { phone: input.phone } : {}),
      ...(input.email !== undefined ? { email: input.email } : {}),
      ...(input.website !== undefined ? { website: input.website } : {}),
      ...(input.active !== undefined ? { active: input.active } : {}),
      updated_at: tx.now(),
    };
    for (const [k, v] of Object.entries(set)) {
      if (k !== 'updated_at' && (cur as Record<string, unknown>)[k] !== v)
        changes[k] = { from: (cur as Record<string, unknown>)[k], to: v };
    }
    const row = await updateAgencyRow(tx.db, id, set);
    if (!row) throw E.agencyNotFound();
    await recordAudit(tx, { action: 'agency.update', entityType: 'agency', entityId: id, summary: { changes } });
    const aliases = await aliasesOf(tx.db, [id]);
    return toView(tx.actor, row, aliases.get(id) ?? []);
  });
}

/** Adds another written form of the agency's name, used by the name matcher. */
export async function addAgencyAlias(ctx: Ctx, id: string, input: AddAliasInput): Promise<AgencyView> {
  requirePermission(ctx, 'directory.manage');
  return inTransaction(ctx, async (tx) => {
    const row = await findAgency(tx.db, id);
    if (!row) throw E.agencyNotFound();
    if (!(await insertAlias(tx.db, id, input.alias))) throw E.duplicateAlias();
    await recordAudit(tx, { action: 'agency.alias_add', entityType: 'agency', entityId: id, summary: { alias: input.alias } });
    const aliases = await aliasesOf(tx.db, [id]);
    return toView(tx.actor, row, aliases.get(id) ?? []);
  });
}
