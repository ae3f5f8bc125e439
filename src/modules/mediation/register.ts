/**
 * The mediator register: mediation organisations of types (a), (b), (c) (Law 19/2023 Art. 63(1)),
 * their mediators with the Art. 64(2) eligibility attestations, and the published list of
 * recognised mediators (Art. 63(2)). Each use case checks its permission first, then the
 * register scope (policy.ts), and writes its audit row (no personal data) in one transaction.
 */
import { recordAudit, recordPersonalDataAccess } from '../../platform/audit.js';
import { requirePermission } from '../../platform/auth/permissions.js';
import { localDateOf } from '../../platform/clocks/index.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { mediationErrors as E } from './errors.js';
import { mayManageRegister, type Reach } from './policy.js';
import { getAgency } from '../directory/index.js';
import {
  attestationsOf,
  findMediator,
  findOrg,
  insertAttestation,
  insertMediator,
  insertOrg,
  listOrgs,
  mediatorsOfOrg,
  orgIdOfAgency,
  orgNameTaken,
  staffUserExists,
  updateMediator,
  userMediatorInOrg,
  type AttestationRow,
  type MediatorRow,
  type OrgRow,
} from './repo.js';
import { eligibilityOf } from './rules.js';
import type {
  AttestationInput,
  AttestationKind,
  MediatorInput,
  MediatorView,
  OrganisationInput,
  OrganisationType,
  OrganisationView,
} from './schema.js';
import { attestationLabels, LAW, organisationTypeLabels } from './texts.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function reachOf(ctx: Ctx): Promise<Reach> {
  const a = ctx.actor;
  return { actor: a, orgId: a.type === 'user' ? await orgIdOfAgency(ctx.db, a.agencyId) : null };
}

async function loadOrg(ctx: Ctx, id: string): Promise<OrgRow> {
  if (!UUID.test(id)) throw E.organisationNotFound();
  const o = await findOrg(ctx.db, id);
  if (!o) throw E.organisationNotFound();
  return o;
}

async function loadMediator(ctx: Ctx, id: string): Promise<{ m: MediatorRow; org: OrgRow }> {
  if (!UUID.test(id)) throw E.mediatorNotFound();
  const m = await findMediator(ctx.db, id);
  if (!m) throw E.mediatorNotFound();
  return { m, org: await loadOrg(ctx, m.org_id) };
}

function actorId(ctx: Ctx): string | null {
  return ctx.actor.type === 'user' ? ctx.actor.userId : null;
}

export function organisationViewOf(
  o: OrgRow & { mediator_count?: string | null; published_count?: string | null },
  reach: Reach,
): OrganisationView {
  return {
    id: o.id,
    type: o.type,
    typeLabel: organisationTypeLabels[o.type],
    name: o.name,
    provinceCode: o.province_code,
    agencyId: o.agency_id,
    address: o.address,
    phone: o.phone,
    email: o.email,
    website: o.website,
    active: o.active,
    mediatorCount: Number(o.mediator_count ?? 0),
    publishedCount: Number(o.published_count ?? 0),
    can: { manage: mayManageRegister(reach, o.id) },
  };
}

export function mediatorViewOf(
  m: MediatorRow,
  type: OrganisationType,
  attestations: readonly AttestationRow[],
  manage: boolean,
): MediatorView {
  const mine = attestations.filter((a) => a.mediator_id === m.id);
  const eligibility = eligibilityOf(
    type,
    mine.map((a) => a.kind),
  );
  return {
    id: m.id,
    organisationId: m.org_id,
    fullName: m.full_name,
    userId: m.user_id,
    email: m.email,
    phone: m.phone,
    ethnicMinority: m.ethnic_minority,
    ethnicGroup: m.ethnic_group,
    languages: m.languages,
    recognisedAt: m.recognised_at?.toISOString() ?? null,
    recognitionRef: m.recognition_ref,
    active: m.active,
    attestations: mine.map((a) => ({
      id: a.id,
      kind: a.kind as AttestationKind,
      label: attestationLabels[a.kind as AttestationKind] ?? a.kind,
      documentRef: a.document_ref,
      attestedOn: a.attested_on,
      recordedAt: a.created_at.toISOString(),
    })),
    eligibility,
    appointable: m.active && eligibility.eligible && m.recognised_at !== null,
    can: { manage },
  };
}

/** Every mediation organisation with its counts of active and published mediators. */
export async function listOrganisations(ctx: Ctx): Promise<{ data: OrganisationView[] }> {
  requirePermission(ctx, 'mediation.read');
  const reach = await reachOf(ctx);
  return { data: (await listOrgs(ctx.db)).map((o) => organisationViewOf(o, reach)) };
}

/**
 * Adds a mediation organisation to the register. Province-level staff only: managing mediation
 * organisations is the provincial People's Committee's task (Decree 146/2025 Art. 46(3)–(4)).
 */
export async function createOrganisation(ctx: Ctx, input: OrganisationInput): Promise<OrganisationView> {
  requirePermission(ctx, 'mediation.manage');
  const reach = await reachOf(ctx);
  if (!mayManageRegister(reach, null)) throw E.registerForbidden();
  const province = ctx.deps.config.PROVINCE_CODE;
  return inTransaction(ctx, async (tx) => {
    if (input.agencyId) {
      await getAgency(tx, input.agencyId).catch((e: unknown) => {
        throw e instanceof AppError && e.kind === 'not_found' ? E.unknownAgency() : e;
      });
      if (await orgIdOfAgency(tx.db, input.agencyId)) throw E.agencyTaken();
    }
    if (await orgNameTaken(tx.db, province, input.name)) throw E.organisationExists();
    const now = tx.now();
    const o = await insertOrg(tx.db, {
      type: input.type,
      name: input.name,
      province_code: province,
      agency_id: input.agencyId ?? null,
      address: input.address ?? null,
      phone: input.phone ?? null,
      email: input.email ?? null,
      website: input.website ?? null,
      created_by: actorId(tx),
      created_at: now,
      updated_at: now,
    });
    await recordAudit(tx, {
      action: 'mediation.organisation_create',
      entityType: 'mediation_org',
      entityId: o.id,
      summary: { type: o.type },
    });
    return organisationViewOf(o, reach);
  });
}

/** One organisation with its mediators, their attestations and eligibility (a personal-data read). */
export async function getOrganisation(ctx: Ctx, id: string) {
  requirePermission(ctx, 'mediation.read');
  const o = await loadOrg(ctx, id);
  const reach = await reachOf(ctx);
  const mediators = await mediatorsOfOrg(ctx.db, o.id);
  const attestations = await attestationsOf(
    ctx.db,
    mediators.map((m) => m.id),
  );
  await recordPersonalDataAccess(ctx, 'mediation_org', o.id, ['mediators']);
  const manage = mayManageRegister(reach, o.id);
  const counts = {
    mediator_count: String(mediators.filter((m) => m.active).length),
    published_count: String(mediators.filter((m) => m.active && m.recognised_at).length),
  };
  return {
    ...organisationViewOf({ ...o, ...counts }, reach),
    mediators: mediators.map((m) => mediatorViewOf(m, o.type, attestations, manage)),
  };
}

/** The published list of recognised mediators (Art. 63(2)): public, names and languages only. */
export async function publishedMediators(ctx: Ctx, id: string) {
  const o = await loadOrg(ctx, id);
  const mediators = await mediatorsOfOrg(ctx.db, o.id);
  const attestations = await attestationsOf(
    ctx.db,
    mediators.map((m) => m.id),
  );
  return {
    organisation: { id: o.id, name: o.name, type: o.type, typeLabel: organisationTypeLabels[o.type] },
    mediators: mediators
      .map((m) => mediatorViewOf(m, o.type, attestations, false))
      .filter((m) => m.appointable)
      .map((m) => ({ fullName: m.fullName, languages: m.languages, recognisedOn: localDateOf(new Date(m.recognisedAt!)) })),
    legalBasis: `Điều 63 khoản 2 ${LAW}`,
  };
}

export async function addMediator(ctx: Ctx, orgId: string, input: MediatorInput): Promise<MediatorView> {
  requirePermission(ctx, 'mediation.manage');
  const o = await loadOrg(ctx, orgId);
  const reach = await reachOf(ctx);
  if (!mayManageRegister(reach, o.id)) throw E.registerForbidden();
  return inTransaction(ctx, async (tx) => {
    if (input.userId) {
      if (!(await staffUserExists(tx.db, input.userId))) throw E.unknownUser();
      if (await userMediatorInOrg(tx.db, o.id, input.userId)) throw E.userTaken();
    }
    const now = tx.now();
    const m = await insertMediator(tx.db, {
      org_id: o.id,
      user_id: input.userId ?? null,
      full_name: input.fullName,
      email: input.email?.toLowerCase() ?? null,
      phone: input.phone ?? null,
      ethnic_minority: input.ethnicMinority,
      ethnic_group: input.ethnicGroup ?? null,
      languages: [...new Set(input.languages)],
      created_by: actorId(tx),
      created_at: now,
      updated_at: now,
    });
    await recordAudit(tx, { action: 'mediation.mediator_add', entityType: 'mediator', entityId: m.id, summary: { organisationId: o.id } });
    return mediatorViewOf(m, o.type, [], true);
  });
}

export async function getMediator(ctx: Ctx, id: string): Promise<MediatorView> {
  requirePermission(ctx, 'mediation.read');
  const { m, org } = await loadMediator(ctx, id);
  const reach = await reachOf(ctx);
  await recordPersonalDataAccess(ctx, 'mediator', m.id, ['mediator']);
  return mediatorViewOf(m, org.type, await attestationsOf(ctx.db, [m.id]), mayManageRegister(reach, org.id));
}

/**
 * Records one eligibility attestation (Art. 64(2)): its kind, the document it rests on and its
 * date. A later attestation of the same kind supersedes an earlier one; none is deleted.
 */
export async function recordAttestation(ctx: Ctx, mediatorId: string, input: AttestationInput): Promise<MediatorView> {
  requirePermission(ctx, 'mediation.manage');
  const { m, org } = await loadMediator(ctx, mediatorId);
  const reach = await reachOf(ctx);
  if (!mayManageRegister(reach, org.id)) throw E.registerForbidden();
  if (input.attestedOn > localDateOf(ctx.now())) throw E.dateInFuture('attestedOn');
  return inTransaction(ctx, async (tx) => {
    await insertAttestation(tx.db, {
      mediator_id: m.id,
      kind: input.kind,
      document_ref: input.documentRef,
      attested_on: input.attestedOn,
      recorded_by: actorId(tx),
      created_at: tx.now(),
    });
    await recordAudit(tx, {
      action: 'mediation.attestation_record',
      entityType: 'mediator',
      entityId: m.id,
      summary: { kind: input.kind },
    });
    return mediatorViewOf(m, org.type, await attestationsOf(tx.db, [m.id]), true);
  });
}

/**
 * Recognises a mediator and puts them on the organisation's published list (Art. 63(2)). Only an
 * eligible mediator (every attestation of Art. 64(2) recorded) can be recognised.
 */
export async function recogniseMediator(ctx: Ctx, mediatorId: string, input: { recognitionRef: string }): Promise<MediatorView> {
  requirePermission(ctx, 'mediation.manage');
  const { m, org } = await loadMediator(ctx, mediatorId);
  const reach = await reachOf(ctx);
  if (!mayManageRegister(reach, org.id)) throw E.registerForbidden();
  return inTransaction(ctx, async (tx) => {
    const attestations = await attestationsOf(tx.db, [m.id]);
    const eligibility = eligibilityOf(
      org.type,
      attestations.map((a) => a.kind),
    );
    if (!eligibility.eligible) throw E.mediatorNotEligible(eligibility.missing.map((x) => x.label));
    if (!m.active) throw E.mediatorInactive();
    const now = tx.now();
    const next = await updateMediator(tx.db, m.id, {
      recognised_at: m.recognised_at ?? now,
      recognition_ref: input.recognitionRef,
      updated_at: now,
    });
    await recordAudit(tx, {
      action: 'mediation.mediator_recognise',
      entityType: 'mediator',
      entityId: m.id,
      summary: { organisationId: org.id },
    });
    return mediatorViewOf(next, org.type, attestations, true);
  });
}

/** Appointment check of Arts. 63(2), 64(2): the mediator belongs to the organisation, is active, eligible and listed. */
export async function assertAppointable(ctx: Ctx, mediatorId: string, orgId: string): Promise<MediatorRow> {
  if (!UUID.test(mediatorId)) throw E.mediatorNotFound();
  const m = await findMediator(ctx.db, mediatorId);
  if (!m) throw E.mediatorNotFound();
  if (m.org_id !== orgId) throw E.mediatorOtherOrg();
  const org = await loadOrg(ctx, orgId);
  if (!m.active) throw E.mediatorInactive();
  const eligibility = eligibilityOf(
    org.type,
    (await attestationsOf(ctx.db, [m.id])).map((a) => a.kind),
  );
  if (!eligibility.eligible) throw E.mediatorNotEligible(eligibility.missing.map((x) => x.label));
  if (!m.recognised_at) throw E.mediatorNotListed();
  return m;
}

/** The organisation's mediators who may be appointed now (for the page's select; no personal data beyond names). */
export async function appointableMediators(
  ctx: Ctx,
  orgId: string,
): Promise<{ id: string; fullName: string; languages: string[]; ethnicMinority: boolean }[]> {
  requirePermission(ctx, 'mediation.read');
  const o = await loadOrg(ctx, orgId);
  const mediators = await mediatorsOfOrg(ctx.db, o.id);
  const attestations = await attestationsOf(
    ctx.db,
    mediators.map((m) => m.id),
  );
  return mediators
    .map((m) => mediatorViewOf(m, o.type, attestations, false))
    .filter((m) => m.appointable)
    .map((m) => ({ id: m.id, fullName: m.fullName, languages: m.languages, ethnicMinority: m.ethnicMinority }));
}
