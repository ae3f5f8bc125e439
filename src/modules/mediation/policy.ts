/**
 * Record-level rules of mediation. Who may see and act on a mediation: staff who may read the case
 * (`requests.read` and the requests module's case scope), staff of the mediation organisation
 * (their agency is the organisation's), and the mediators appointed to it. Who may edit the register:
 * an organisation's own staff for their organisation; province-level staff (the provincial
 * People's Committee manages mediation organisations, Decree 146/2025 Art. 46(3)–(4)) for all.
 */
import { can } from '../../platform/auth/permissions.js';
import type { Actor } from '../../platform/context.js';
import { inCaseScope } from '../requests/index.js';

export interface CaseScopeFacts {
  agency_id: string | null;
  commune_code: string | null;
}

/** The requests module's case scope: commune officers see their commune's cases, agency staff their agency's, others all. */
export function caseScope(actor: Actor, c: CaseScopeFacts): boolean {
  return inCaseScope(actor, c);
}

/** Who the actor is to mediation: the organisation their agency runs (if any). */
export interface Reach {
  actor: Actor;
  orgId: string | null;
}

export function mayAccessMediation(r: Reach, m: { org_id: string }, c: CaseScopeFacts, appointedUserIds: readonly string[]): boolean {
  const a = r.actor;
  if (a.type === 'system') return true;
  if (a.type !== 'user' || a.userKind !== 'staff' || !can(a, 'mediation.read')) return false;
  if (a.role === 'admin' || (r.orgId !== null && r.orgId === m.org_id) || appointedUserIds.includes(a.userId)) return true;
  return can(a, 'requests.read') && caseScope(a, c);
}

/**
 * Edit an organisation's register entry (`orgId`), or create an organisation (`orgId` null): an
 * organisation's own staff for their organisation; for all, the province's consumer-protection
 * staff (who handle cases, not commune-scoped, not tied to an organisation) and administrators.
 */
export function mayManageRegister(r: Reach, orgId: string | null): boolean {
  const a = r.actor;
  if (a.type === 'system') return true;
  if (a.type !== 'user' || a.userKind !== 'staff' || !can(a, 'mediation.manage')) return false;
  if (a.role === 'admin') return true;
  if (r.orgId !== null) return orgId !== null && orgId === r.orgId;
  return a.communeCode === null && can(a, 'requests.handle');
}

/** SQL-side scope of mediation lists (the same rule as `mayAccessMediation`). */
export type ListScope =
  | { all: true }
  | {
      all: false;
      orgId: string | null;
      userId: string;
      /** Case scope (only for staff who may read cases): a commune, an agency, or the whole province. */
      caseScope: { communeCode: string } | { agencyId: string } | 'province' | null;
    };

export function listScopeOf(r: Reach): ListScope {
  const a = r.actor;
  if (a.type === 'system' || (a.type === 'user' && a.role === 'admin')) return { all: true };
  if (a.type !== 'user' || a.userKind !== 'staff') return { all: false, orgId: null, userId: NO_USER, caseScope: null };
  const cases = !can(a, 'requests.read')
    ? null
    : a.communeCode !== null
      ? { communeCode: a.communeCode }
      : a.agencyId !== null
        ? { agencyId: a.agencyId }
        : ('province' as const);
  return { all: false, orgId: r.orgId, userId: a.userId, caseScope: cases };
}

const NO_USER = '00000000-0000-0000-0000-000000000000';
