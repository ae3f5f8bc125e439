/**
 * Roles and what they may do. The one place that maps roles to permissions; services call
 * `requirePermission` first, and records expose `can` computed from the same functions.
 * Scope: staff with a commune code see only that commune's records (two-level government, 2025).
 */
import { forbidden, unauthenticated } from '../errors.js';
import type { Actor, Ctx, Role, UserActor } from '../context.js';

export const roles: readonly Role[] = [
  'admin',
  'agency_manager',
  'case_officer',
  'hotline_operator',
  'mediator',
  'inspector',
  'business',
  'viewer',
];

export type Permission =
  | 'staff.home' // the staff workspace
  | 'users.read' // staff directory of users (scoped)
  | 'users.manage' // create, edit, lock users
  | 'directory.manage' // agencies, aliases, competence table, administrative units
  | 'calendar.manage' // holiday calendar rows
  | 'clocks.manage' // pause, resume and extend statutory clocks
  | 'audit.read' // the audit trail
  | 'tokens.own' // create and revoke one's own API tokens
  | 'requests.read' // the inbox and case pages of consumer requests (scoped)
  | 'requests.handle' // accept, refuse, re-route, change status, assign
  | 'requests.intake' // record requests on staff channels (hotline, in person, post, email)
  | 'requests.assign' // bulk assignment to officers
  | 'business.respond' // a business user: its own forwarded cases (acknowledge, answer, report)
  | 'mediation.read' // mediations, mediation organisations and mediators (scoped)
  | 'mediation.manage' // open mediations, appoint, schedule, record outcomes; the mediator register
  | 'plans.read' // provincial plans, their tasks, progress and the consolidated board
  | 'plans.manage' // import and edit plans, fix agency matches and timings, urge agencies, reports
  | 'plans.report'; // report progress on the tasks of one's own agency (record scope: policy in plans)

const STAFF: Permission[] = ['staff.home', 'tokens.own'];

/** Plans (issue 6): managers run them, agency staff report for their own agency, others read. */
const PLANS: Record<Role, readonly Permission[]> = {
  admin: ['plans.read', 'plans.manage', 'plans.report'],
  agency_manager: ['plans.read', 'plans.manage', 'plans.report'],
  case_officer: ['plans.read', 'plans.report'],
  hotline_operator: [],
  mediator: [],
  inspector: ['plans.read'],
  viewer: ['plans.read'],
  business: [],
};

const grants: Record<Role, readonly Permission[]> = {
  admin: [
    ...STAFF,
    'users.read',
    'users.manage',
    'directory.manage',
    'calendar.manage',
    'audit.read',
    'requests.read',
    'requests.handle',
    'requests.intake',
    'requests.assign',
    'clocks.manage',
    'mediation.read',
    'mediation.manage',
  ],
  agency_manager: [
    ...STAFF,
    'users.read',
    'requests.read',
    'requests.handle',
    'requests.intake',
    'requests.assign',
    'clocks.manage',
    'mediation.read',
    'mediation.manage',
  ],
  case_officer: [
    ...STAFF,
    'users.read',
    'requests.read',
    'requests.handle',
    'requests.intake',
    'clocks.manage',
    'mediation.read',
    'mediation.manage',
  ],
  hotline_operator: [...STAFF, 'requests.intake'],
  mediator: [...STAFF, 'mediation.read', 'mediation.manage'],
  inspector: [...STAFF, 'requests.read'],
  viewer: ['staff.home', 'requests.read'],
  business: ['tokens.own', 'business.respond'],
};

/** Each role's grants with its plans block. */
const effective = Object.fromEntries(roles.map((r) => [r, [...grants[r], ...PLANS[r]]])) as unknown as Record<Role, readonly Permission[]>;

export function can(actor: Actor, permission: Permission): boolean {
  return actor.type === 'system' || (actor.type === 'user' && effective[actor.role].includes(permission));
}

/** Throws 401 for anonymous callers and 403 for users without the permission. */
export function requirePermission(ctx: Ctx, permission: Permission): asserts ctx is Ctx & { actor: UserActor } {
  if (ctx.actor.type === 'anonymous') throw unauthenticated();
  if (!can(ctx.actor, permission)) throw forbidden();
}

/** Must be a signed-in user (any role). */
export function requireUser(ctx: Ctx): UserActor {
  if (ctx.actor.type !== 'user') throw unauthenticated();
  return ctx.actor;
}

/**
 * Record-level scope: a commune-scoped actor may touch only records of its commune.
 * Province-level staff and the system see all. Business users never pass a staff scope.
 */
export function inScope(actor: Actor, record: { communeCode: string | null | undefined }): boolean {
  if (actor.type === 'system') return true;
  if (actor.type !== 'user' || actor.userKind !== 'staff') return false;
  if (actor.communeCode === null) return true;
  return record.communeCode === actor.communeCode;
}

export function permissionsOf(role: Role): readonly Permission[] {
  return effective[role];
}
