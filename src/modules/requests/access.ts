/**
 * Case scope for staff: which cases an officer may see (`inCaseScope`, `scopeWhere` for queries),
 * who is inside a case (confidential negotiation documents), what the officer may do with it
 * (`caseCan`, the `can` of the case view), and `act`, the frame of every officer action: permission,
 * one transaction, the case loaded in scope and locked.
 */
import { can, requirePermission } from '../../platform/auth/permissions.js';
import { inTransaction, type Actor, type Ctx, type UserActor } from '../../platform/context.js';
import { canTransition } from './lifecycle.js';
import { findRequest, lockRequest, type RequestRow } from './repo.js';
import type { RequestStatus } from './schema.js';
import { CLOSED, caseNotFound } from './case-support.js';

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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

/** The case if the officer may see it; otherwise 404, so that a case outside the scope stays unknown. */
export async function loadInScope(ctx: Ctx & { actor: UserActor }, id: string, lock = false): Promise<RequestRow> {
  if (!UUID.test(id)) throw caseNotFound();
  const r = lock ? await lockRequest(ctx.db, id) : await findRequest(ctx.db, id);
  if (!r) throw caseNotFound();
  if (!inCaseScope(ctx.actor, r)) throw caseNotFound();
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

/** The frame of an officer action: permission, one transaction, the case in scope and locked. */
export async function act<T>(
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

/** `inCaseScope` as a query condition on `request` (inbox, dashboards). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function scopeWhere<Q extends { where: (...a: any[]) => Q }>(q: Q, actor: Actor): Q {
  if (actor.type !== 'user' || actor.role === 'admin') return q;
  if (actor.communeCode !== null) return q.where('request.commune_code', '=', actor.communeCode);
  if (actor.agencyId !== null) return q.where('request.agency_id', '=', actor.agencyId);
  return q;
}
