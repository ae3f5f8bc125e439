/**
 * Kysely queries for the directory's tables (province, commune, commune_source, agency,
 * agency_alias, competence_rule). No permissions, no transactions. `date` columns are selected
 * as 'YYYY-MM-DD' text: node-postgres would otherwise turn them into a Date at local midnight.
 */
import { sql, type Insertable, type Updateable } from 'kysely';
import type { Ctx } from '../../platform/context.js';
import type { AgencyTable, CompetenceRuleTable } from '../../db/schema.js';

type Q = Ctx['db'];

// ── administrative units ─────────────────────────────────────────────────────
export const listProvinces = (db: Q) =>
  db
    .selectFrom('province as p')
    .select(['p.code', 'p.name_current', 'p.type_current', 'p.name_en', 'p.short_name'])
    .select((eb) =>
      eb.selectFrom('commune as c').whereRef('c.province_code', '=', 'p.code').select(eb.fn.countAll<string>().as('n')).as('communes'),
    )
    .orderBy('p.code')
    .execute();

export const findProvince = (db: Q, code: string) =>
  db
    .selectFrom('province')
    .select(['code', 'name', 'type', 'name_current', 'type_current', 'name_en', 'short_name', 'amended_basis'])
    .select(sql<string | null>`to_char(amended_on, 'YYYY-MM-DD')`.as('amended_on'))
    .where('code', '=', code)
    .executeTakeFirst();

export const listCommunesOfProvince = (db: Q, provinceCode: string) =>
  db
    .selectFrom('commune')
    .select(['code', 'name_current', 'type_current', 'name_en'])
    .where('province_code', '=', provinceCode)
    .orderBy('code')
    .execute();

export const findCommune = (db: Q, code: string) =>
  db
    .selectFrom('commune as c')
    .innerJoin('province as p', 'p.code', 'c.province_code')
    .select(['c.code', 'c.name', 'c.type', 'c.name_current', 'c.type_current', 'c.name_en', 'c.province_code', 'c.amended_basis'])
    .select(['p.name_current as province_name'])
    .select(sql<string | null>`to_char(c.amended_on, 'YYYY-MM-DD')`.as('amended_on'))
    .where('c.code', '=', code)
    .executeTakeFirst();

export const listSourcesOfCommune = (db: Q, code: string) =>
  db
    .selectFrom('commune_source')
    .select(['old_code', 'old_name', 'old_district', 'old_province', 'note'])
    .where('new_code', '=', code)
    .orderBy('id')
    .execute();

export const findLegacy = (db: Q, oldCode: string) =>
  db
    .selectFrom('commune_source as s')
    .innerJoin('commune as c', 'c.code', 's.new_code')
    .innerJoin('province as p', 'p.code', 'c.province_code')
    .select(['s.old_code', 's.old_name', 's.note', 'c.code', 'c.name_current', 'c.type_current', 'c.province_code'])
    .select(['p.name_current as province_name'])
    .where('s.old_code', '=', oldCode)
    .orderBy('c.code')
    .execute();

// ── agencies ─────────────────────────────────────────────────────────────────
export type AgencyRow = Awaited<ReturnType<typeof findAgency>> & object;

const agencyColumns = [
  'id',
  'name',
  'kind',
  'level',
  'province_code',
  'commune_code',
  'parent_id',
  'address',
  'phone',
  'email',
  'website',
  'active',
  'created_at',
  'updated_at',
] as const;

export const findAgency = (db: Q, id: string) => db.selectFrom('agency').select(agencyColumns).where('id', '=', id).executeTakeFirst();

export const findAgencyByName = (db: Q, provinceCode: string, name: string) =>
  db
    .selectFrom('agency')
    .select(agencyColumns)
    .where('province_code', '=', provinceCode)
    .where('fold_key', '=', sql<string>`f_fold(${name})`)
    .executeTakeFirst();

export const insertAgency = (db: Q, values: Insertable<AgencyTable>) =>
  db.insertInto('agency').values(values).returning(agencyColumns).executeTakeFirstOrThrow();

export const updateAgencyRow = (db: Q, id: string, values: Updateable<AgencyTable>) =>
  db.updateTable('agency').set(values).where('id', '=', id).returning(agencyColumns).executeTakeFirst();

export interface AgencyFilter {
  kind?: string | undefined;
  level?: string | undefined;
  provinceCode?: string | undefined;
  communeCode?: string | undefined;
  includeInactive: boolean;
  ids?: string[] | undefined;
  /** Preselection for the name matcher: any of these kinds, or the name or an alias contains any of these folded words. */
  match?: { kinds: string[]; words: string[] } | undefined;
}

function filtered(db: Q, f: AgencyFilter) {
  let q = db.selectFrom('agency as a');
  if (f.kind) q = q.where('a.kind', '=', f.kind);
  if (f.level) q = q.where('a.level', '=', f.level as 'province' | 'commune');
  if (f.provinceCode) q = q.where('a.province_code', '=', f.provinceCode);
  if (f.communeCode) q = q.where('a.commune_code', '=', f.communeCode);
  if (!f.includeInactive) q = q.where('a.active', '=', true);
  if (f.ids) q = f.ids.length ? q.where('a.id', 'in', f.ids) : q.where(sql<boolean>`false`);
  const m = f.match;
  if (m) {
    const likes = m.words.map((w) => `%${w.replace(/[\\%_]/g, '\\$&')}%`);
    q = q.where((eb) =>
      eb.or([
        ...(m.kinds.length ? [eb('a.kind', 'in', m.kinds)] : []),
        ...(likes.length
          ? [
              eb('a.fold_key', 'like', sql<string>`any(${likes}::text[])`),
              eb.exists(
                eb
                  .selectFrom('agency_alias as al')
                  .select('al.id')
                  .whereRef('al.agency_id', '=', 'a.id')
                  .where('al.alias_fold', 'like', sql<string>`any(${likes}::text[])`),
              ),
            ]
          : []),
        ...(m.kinds.length || likes.length ? [] : [sql<boolean>`false`]),
      ]),
    );
  }
  return q;
}

export const listAgencyRows = (db: Q, f: AgencyFilter, page?: { limit: number; offset: number }) => {
  let q = filtered(db, f)
    .select(agencyColumns.map((c) => `a.${c}` as const))
    .orderBy(sql`case a.level when 'province' then 0 else 1 end`)
    .orderBy('a.name')
    .orderBy('a.id');
  if (page) q = q.limit(page.limit).offset(page.offset);
  return q.execute();
};

/**
 * The active agency of a kind: of the commune when `communeCode` is given, else at province level.
 * Top-level agencies come before their sub-units (a Chi cục under its Sở), then by name.
 */
export const findRouteAgencyRow = (db: Q, q: { provinceCode: string; kind: string; communeCode: string | null }) => {
  let query = db
    .selectFrom('agency')
    .select(['id', 'name', 'kind', 'level', 'commune_code'])
    .where('province_code', '=', q.provinceCode)
    .where('kind', '=', q.kind)
    .where('active', '=', true);
  query = q.communeCode
    ? query.where('level', '=', 'commune').where('commune_code', '=', q.communeCode)
    : query.where('level', '=', 'province');
  return query
    .orderBy(sql`parent_id is null`, 'desc')
    .orderBy('name')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
};

export const countAgencies = async (db: Q, f: AgencyFilter): Promise<number> => {
  const r = await filtered(db, f)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
};

export const aliasesOf = async (db: Q, agencyIds: string[]): Promise<Map<string, string[]>> => {
  const out = new Map<string, string[]>();
  if (agencyIds.length === 0) return out;
  const rows = await db
    .selectFrom('agency_alias')
    .select(['agency_id', 'alias'])
    .where('agency_id', 'in', agencyIds)
    .orderBy('created_at')
    .orderBy('alias')
    .execute();
  for (const r of rows) out.set(r.agency_id, [...(out.get(r.agency_id) ?? []), r.alias]);
  return out;
};

/** Inserts an alias; false when the agency already has it (same folded text). */
export const insertAlias = async (db: Q, agencyId: string, alias: string): Promise<boolean> => {
  const r = await db
    .insertInto('agency_alias')
    .values({ agency_id: agencyId, alias })
    .onConflict((oc) => oc.columns(['agency_id', 'alias_fold']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return r !== undefined;
};

export const provinceShortNames = (db: Q) => db.selectFrom('province').select(['code', 'short_name', 'name_en']).execute();

// ── competence rules ─────────────────────────────────────────────────────────
const ruleColumns = [
  'id',
  'sector',
  'violation_type',
  'level',
  'agency_kind',
  'legal_basis',
  'note',
  'warned_at',
  'created_at',
  'updated_at',
] as const;

function ruleSelect(db: Q) {
  return db
    .selectFrom('competence_rule')
    .select(ruleColumns)
    .select([
      sql<string>`to_char(valid_from, 'YYYY-MM-DD')`.as('valid_from'),
      sql<string | null>`to_char(valid_until, 'YYYY-MM-DD')`.as('valid_until'),
    ]);
}
export type RuleRow = Awaited<ReturnType<typeof findRule>> & object;

export const findRule = (db: Q, id: string) => ruleSelect(db).where('id', '=', id).executeTakeFirst();

export interface RuleFilter {
  sector?: string | undefined;
  violationType?: string | undefined;
  level?: string | undefined;
  agencyKind?: string | undefined;
  on?: string | undefined;
}

/** The filter as one SQL condition, shared by the list and its count. */
function ruleWhere(f: RuleFilter) {
  const parts = [sql`true`];
  if (f.sector) parts.push(sql`sector = ${f.sector}`);
  if (f.violationType) parts.push(sql`violation_type = ${f.violationType}`);
  if (f.level) parts.push(sql`level = ${f.level}`);
  if (f.agencyKind) parts.push(sql`agency_kind = ${f.agencyKind}`);
  // valid_until is exclusive: a rule "until 2027-03-01" is no longer in force on that day.
  if (f.on) parts.push(sql`valid_from <= ${f.on}::date and (valid_until is null or valid_until > ${f.on}::date)`);
  return sql<boolean>`${sql.join(parts, sql` and `)}`;
}

export const listRuleRows = (db: Q, f: RuleFilter, page: { limit: number; offset: number }) =>
  ruleSelect(db)
    .where(ruleWhere(f))
    .orderBy('sector')
    .orderBy('violation_type')
    .orderBy('level')
    .orderBy(sql`valid_from`)
    .orderBy('id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();

/** Every competence rule, in a stable order (routing reads the whole table). */
export const listAllRuleRows = (db: Q) =>
  ruleSelect(db)
    .orderBy('sector')
    .orderBy('violation_type')
    .orderBy('level')
    .orderBy(sql`valid_from`)
    .orderBy('id')
    .execute();

export const countRules = async (db: Q, f: RuleFilter): Promise<number> => {
  const r = await db
    .selectFrom('competence_rule')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where(ruleWhere(f))
    .executeTakeFirstOrThrow();
  return Number(r.n);
};

/** Rules still in force on `today` that end (valid_until, exclusive) on or before `until`; both 'YYYY-MM-DD'. */
export const listExpiringRuleRows = (db: Q, today: string, until: string, onlyUnwarned = false) => {
  let q = ruleSelect(db)
    .where(sql<boolean>`valid_until is not null and valid_until > ${today}::date and valid_until <= ${until}::date`)
    .orderBy(sql`valid_until`)
    .orderBy('id');
  if (onlyUnwarned) q = q.where('warned_at', 'is', null);
  return q.execute();
};

export const insertRule = (db: Q, values: Insertable<CompetenceRuleTable>) =>
  db.insertInto('competence_rule').values(values).returning('id').executeTakeFirstOrThrow();

export const updateRuleRow = (db: Q, id: string, values: Updateable<CompetenceRuleTable>) =>
  db.updateTable('competence_rule').set(values).where('id', '=', id).returning('id').executeTakeFirst();

export const markRulesWarned = (db: Q, ids: string[], at: Date) =>
  db.updateTable('competence_rule').set({ warned_at: at }).where('id', 'in', ids).where('warned_at', 'is', null).execute();

/**
 * Active administrators with an email address. Read-only use of platform/auth's table: it has no
 * listing function for this yet; swap in one when it exists.
 */
export const listAdminRecipients = (db: Q) =>
  db
    .selectFrom('app_user')
    .select(['id', 'email', 'display_name'])
    .where('role', '=', 'admin')
    .where('active', '=', true)
    .where('email', 'is not', null)
    .orderBy('username')
    .execute();
