/** SQL for the tables the mediation module owns (and its read-only view of requests). No permissions, no transactions. */
import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Ctx } from '../../platform/context.js';
import type {
  MediationCaseView,
  MediationOrgTable,
  MediationSessionTable,
  MediationTable,
  MediatorAttestationTable,
  MediatorTable,
} from '../../db/schema.js';
import type { ListScope } from './policy.js';
import type { MediationStatus } from './schema.js';

type Db = Ctx['db'];
export type OrgRow = Selectable<MediationOrgTable>;
export type MediatorRow = Selectable<MediatorTable>;
export type AttestationRow = Omit<Selectable<MediatorAttestationTable>, 'attested_on'> & { attested_on: string };
export type MediationRow = Selectable<MediationTable>;
export type SessionRow = Selectable<MediationSessionTable>;
export type CaseRow = Selectable<MediationCaseView>;

// ── register ────────────────────────────────────────────────────────────────

export const insertOrg = (db: Db, row: Insertable<MediationOrgTable>) =>
  db.insertInto('mediation_org').values(row).returningAll().executeTakeFirstOrThrow();

export const anyOrg = async (db: Db) => !!(await db.selectFrom('mediation_org').select('id').limit(1).executeTakeFirst());

export const findOrg = (db: Db, id: string) => db.selectFrom('mediation_org').selectAll().where('id', '=', id).executeTakeFirst();

export async function orgIdOfAgency(db: Db, agencyId: string | null): Promise<string | null> {
  if (!agencyId) return null;
  const r = await db.selectFrom('mediation_org').select('id').where('agency_id', '=', agencyId).executeTakeFirst();
  return r?.id ?? null;
}

export async function orgNameTaken(db: Db, provinceCode: string, name: string): Promise<boolean> {
  const r = await db
    .selectFrom('mediation_org')
    .select('id')
    .where('province_code', '=', provinceCode)
    .where(sql<boolean>`lower(name) = lower(${name})`)
    .executeTakeFirst();
  return !!r;
}

export async function listOrgs(db: Db) {
  return db
    .selectFrom('mediation_org as o')
    .selectAll('o')
    .select((eb) => [
      eb
        .selectFrom('mediator as m')
        .select(sql<string>`count(*)`.as('n'))
        .whereRef('m.org_id', '=', 'o.id')
        .where('m.active', '=', true)
        .as('mediator_count'),
      eb
        .selectFrom('mediator as m')
        .select(sql<string>`count(*)`.as('n'))
        .whereRef('m.org_id', '=', 'o.id')
        .where('m.active', '=', true)
        .where('m.recognised_at', 'is not', null)
        .as('published_count'),
    ])
    .orderBy('o.type')
    .orderBy('o.name')
    .execute();
}

export const insertMediator = (db: Db, row: Insertable<MediatorTable>) =>
  db.insertInto('mediator').values(row).returningAll().executeTakeFirstOrThrow();

export const findMediator = (db: Db, id: string) => db.selectFrom('mediator').selectAll().where('id', '=', id).executeTakeFirst();

export const mediatorsOfOrg = (db: Db, orgId: string) =>
  db.selectFrom('mediator').selectAll().where('org_id', '=', orgId).orderBy('full_name').orderBy('id').execute();

export async function userMediatorInOrg(db: Db, orgId: string, userId: string): Promise<boolean> {
  return !!(await db.selectFrom('mediator').select('id').where('org_id', '=', orgId).where('user_id', '=', userId).executeTakeFirst());
}

export const staffUserExists = async (db: Db, id: string) =>
  !!(await db.selectFrom('app_user').select('id').where('id', '=', id).where('kind', '=', 'staff').executeTakeFirst());

export const updateMediator = (db: Db, id: string, patch: Updateable<MediatorTable>) =>
  db.updateTable('mediator').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();

export const insertAttestation = (db: Db, row: Insertable<MediatorAttestationTable>) =>
  db.insertInto('mediator_attestation').values(row).returning('id').executeTakeFirstOrThrow();

/** Attestations of the mediators, newest first per kind. */
export async function attestationsOf(db: Db, mediatorIds: readonly string[]): Promise<AttestationRow[]> {
  if (mediatorIds.length === 0) return [];
  return db
    .selectFrom('mediator_attestation')
    .select(['id', 'mediator_id', 'kind', 'document_ref', 'recorded_by', 'created_at'])
    .select(sql<string>`attested_on::text`.as('attested_on'))
    .where('mediator_id', 'in', mediatorIds)
    .orderBy('mediator_id')
    .orderBy('kind')
    .orderBy('attested_on', 'desc')
    .orderBy('created_at', 'desc')
    .execute();
}

// ── the case (view over requests) ───────────────────────────────────────────

export const findCase = (db: Db, id: string) => db.selectFrom('mediation_case').selectAll().where('id', '=', id).executeTakeFirst();
export const findCaseByCode = (db: Db, code: string) =>
  db.selectFrom('mediation_case').selectAll().where('code', '=', code).executeTakeFirst();

// ── mediations ──────────────────────────────────────────────────────────────

export const insertMediation = (db: Db, row: Insertable<MediationTable>) =>
  db.insertInto('mediation').values(row).returning('id').executeTakeFirstOrThrow();

/** `date` columns are read as 'YYYY-MM-DD' text (a local calendar date), never as a JS Date. */
const selectMediation = (db: Db) =>
  db
    .selectFrom('mediation')
    .select([
      'id',
      'request_id',
      'org_id',
      'status',
      'consumer_consent_ref',
      'business_consent_ref',
      'business_email',
      'business_ethnic_minority',
      'party_language',
      'opened_by',
      'opened_at',
      'outcome_at',
      'outcome_by',
      'record',
      'perform_due_at',
      'performance',
      'performance_note',
      'performance_at',
      'performance_by',
      'overdue_at',
      'created_at',
      'updated_at',
    ])
    .select([
      sql<string>`consumer_consent_on::text`.as('consumer_consent_on'),
      sql<string>`business_consent_on::text`.as('business_consent_on'),
      sql<string | null>`perform_by::text`.as('perform_by'),
    ]);

export async function findMediation(db: Db, id: string, o: { lock?: boolean } = {}): Promise<MediationRow | undefined> {
  let q = selectMediation(db).where('id', '=', id);
  if (o.lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

export const openMediationOf = (db: Db, requestId: string) =>
  db.selectFrom('mediation').select('id').where('request_id', '=', requestId).where('status', '=', 'open').executeTakeFirst();

export const updateMediation = async (db: Db, id: string, patch: Updateable<MediationTable>): Promise<void> => {
  await db.updateTable('mediation').set(patch).where('id', '=', id).execute();
};

export async function appointedOf(db: Db, mediationId: string) {
  return db
    .selectFrom('mediation_mediator as mm')
    .innerJoin('mediator as m', 'm.id', 'mm.mediator_id')
    .select(['m.id', 'm.full_name', 'm.user_id', 'm.email', 'm.ethnic_minority', 'm.languages', 'm.recognised_at', 'mm.appointed_at'])
    .where('mm.mediation_id', '=', mediationId)
    .orderBy('mm.appointed_at')
    .orderBy('m.id')
    .execute();
}

export const insertAppointment = (
  db: Db,
  row: { mediation_id: string; mediator_id: string; appointed_at: Date; appointed_by: string | null },
) =>
  db
    .insertInto('mediation_mediator')
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .returning('mediator_id')
    .executeTakeFirst();

export const interpretersOf = (db: Db, mediationId: string) =>
  db.selectFrom('mediation_interpreter').selectAll().where('mediation_id', '=', mediationId).orderBy('recorded_at').orderBy('id').execute();

export const insertInterpreter = (
  db: Db,
  row: { mediation_id: string; full_name: string; language: string; recorded_by: string | null; recorded_at: Date },
) => db.insertInto('mediation_interpreter').values(row).returningAll().executeTakeFirstOrThrow();

export const sessionsOf = (db: Db, mediationId: string) =>
  db.selectFrom('mediation_session').selectAll().where('mediation_id', '=', mediationId).orderBy('starts_at').orderBy('id').execute();

export const insertSession = (db: Db, row: Insertable<MediationSessionTable>) =>
  db.insertInto('mediation_session').values(row).returningAll().executeTakeFirstOrThrow();

export const findSession = (db: Db, id: string) => db.selectFrom('mediation_session').selectAll().where('id', '=', id).executeTakeFirst();

export async function listMediations(
  db: Db,
  q: { scope: ListScope; requestId?: string; status?: MediationStatus; page: number; pageSize: number; now: Date },
) {
  let base = db
    .selectFrom('mediation as m')
    .innerJoin('mediation_case as c', 'c.id', 'm.request_id')
    .innerJoin('mediation_org as o', 'o.id', 'm.org_id');
  if (q.requestId) base = base.where('m.request_id', '=', q.requestId);
  if (q.status) base = base.where('m.status', '=', q.status);
  const s = q.scope;
  // Administrators and province-wide case staff see every mediation; others through one of their links.
  if (!s.all && s.caseScope !== 'province') {
    const cases = s.caseScope;
    base = base.where((eb) => {
      const ors = [
        eb.exists(
          eb
            .selectFrom('mediation_mediator as mm')
            .innerJoin('mediator as md', 'md.id', 'mm.mediator_id')
            .select('mm.mediator_id')
            .whereRef('mm.mediation_id', '=', 'm.id')
            .where('md.user_id', '=', s.userId),
        ),
      ];
      if (s.orgId) ors.push(eb('m.org_id', '=', s.orgId));
      if (cases && 'communeCode' in cases) ors.push(eb('c.commune_code', '=', cases.communeCode));
      if (cases && 'agencyId' in cases) ors.push(eb('c.agency_id', '=', cases.agencyId));
      return eb.or(ors);
    });
  }
  const total = await base.select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow();
  const rows = await base
    .select([
      'm.id',
      'm.request_id',
      'c.code',
      'o.name as org_name',
      'm.status',
      'm.opened_at',
      sql<string | null>`m.perform_by::text`.as('perform_by'),
      'm.performance',
      'm.overdue_at',
      'm.party_language',
      'm.business_ethnic_minority',
      'c.vulnerable',
      'c.language',
    ])
    .select((eb) =>
      eb
        .selectFrom('mediation_session as s')
        .select(sql<Date>`min(s.starts_at)`.as('t'))
        .whereRef('s.mediation_id', '=', 'm.id')
        .where('s.starts_at', '>=', q.now)
        .as('next_session_at'),
    )
    .orderBy(sql`case m.status when 'open' then 0 else 1 end`)
    .orderBy('m.opened_at', 'desc')
    .orderBy('m.id')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return { rows, total: Number(total.n) };
}

/** Succeeded mediations past their deadline to perform, not yet flagged; locked for the sweep. */
export async function claimOverdue(db: Db, now: Date, limit: number) {
  return selectMediation(db)
    .where('performance', '=', 'pending')
    .where('overdue_at', 'is', null)
    .where('perform_due_at', '<=', now)
    .orderBy('perform_due_at')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
}

export async function emailsOfUsers(db: Db, ids: readonly (string | null)[]): Promise<string[]> {
  const list = ids.filter((x): x is string => !!x);
  if (list.length === 0) return [];
  const rows = await db.selectFrom('app_user').select('email').where('id', 'in', list).where('active', '=', true).execute();
  return rows.map((r) => r.email).filter((e): e is string => !!e);
}
