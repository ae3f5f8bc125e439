/**
 * Sub-cases of the case graph (issue 5 point 6), the part `status.ts` needs: the child kinds, the
 * list of a case's children with its roll-up, and the rule that a parent cannot close while a
 * child is open. Kept apart from `graph.ts` (which calls the service's use cases) so that
 * `changeStatus` can call `assertChildrenClosed` without an import cycle.
 */
import type { Ctx } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { statusLabel } from './lifecycle.js';
import type { RequestStatus } from './schema.js';

type Db = Ctx['db'];

export const childKinds = ['civil_dispute', 'violation_referral', 'safety_signal', 'price_complaint'] as const;
export type ChildKind = (typeof childKinds)[number];

export const childKindLabels: Record<ChildKind, string> = {
  civil_dispute: 'Tranh chấp dân sự',
  violation_referral: 'Chuyển xử lý vi phạm hành chính',
  safety_signal: 'Tín hiệu an toàn sản phẩm',
  price_complaint: 'Phản ánh về giá',
};

/** Statuses after which a case is no longer worked on (the same set the service calls closed). */
export const FINISHED: readonly RequestStatus[] = ['resolved', 'refused', 'closed'];

export interface ChildRow {
  id: string;
  code: string;
  child_kind: ChildKind | null;
  status: string;
  agency_id: string | null;
  agency_kind: string | null;
  agency_name: string | null;
  commune_code: string | null;
  assigned_to: string | null;
  assignee_name: string | null;
  next_due_at: Date | null;
  received_at: Date;
  closed_at: Date | null;
}

/** A case's children, oldest first, with their owner (agency and officer). */
export function listChildren(db: Db, parentId: string): Promise<ChildRow[]> {
  return db
    .selectFrom('request')
    .leftJoin('agency', 'agency.id', 'request.agency_id')
    .leftJoin('app_user', 'app_user.id', 'request.assigned_to')
    .select([
      'request.id',
      'request.code',
      'request.child_kind',
      'request.status',
      'request.agency_id',
      'request.agency_kind',
      'agency.name as agency_name',
      'request.commune_code',
      'request.assigned_to',
      'app_user.display_name as assignee_name',
      'request.next_due_at',
      'request.received_at',
      'request.closed_at',
    ])
    .where('request.parent_id', '=', parentId)
    .orderBy('request.received_at')
    .orderBy('request.code')
    .execute();
}

export type RollUpState = 'no_children' | 'all_closed' | 'some_open' | 'overdue_child';

export interface RollUp {
  state: RollUpState;
  label: string;
  total: number;
  open: number;
  overdue: number;
}

const rollUpLabels: Record<RollUpState, string> = {
  no_children: 'Không có hồ sơ con',
  all_closed: 'Mọi hồ sơ con đã kết thúc',
  some_open: 'Còn hồ sơ con đang xử lý',
  overdue_child: 'Có hồ sơ con quá hạn',
};

/** True when a case is still worked on and its earliest running clock is past due. */
export function isOverdue(c: { status: string; next_due_at: Date | null }, now: Date): boolean {
  return !FINISHED.includes(c.status as RequestStatus) && c.next_due_at !== null && c.next_due_at < now;
}

/**
 * The aggregated state of a set of cases (a parent's children, or a group's members): an overdue
 * one outweighs an open one, which outweighs all being finished.
 */
export function rollUp(items: readonly { status: string; next_due_at: Date | null }[], now: Date): RollUp {
  const open = items.filter((c) => !FINISHED.includes(c.status as RequestStatus)).length;
  const overdue = items.filter((c) => isOverdue(c, now)).length;
  const state: RollUpState = items.length === 0 ? 'no_children' : overdue > 0 ? 'overdue_child' : open > 0 ? 'some_open' : 'all_closed';
  return { state, label: rollUpLabels[state], total: items.length, open, overdue };
}

/**
 * A parent cannot close while one of its sub-cases is still open (issue 5 point 6): the referral,
 * the civil dispute or the safety signal it was split into must end first. "Open" means not yet
 * resolved, refused or closed. Called by `changeStatus` when closing, inside its transaction.
 */
export async function assertChildrenClosed(tx: Ctx, requestId: string): Promise<void> {
  const open = await tx.db
    .selectFrom('request')
    .select(['code', 'status'])
    .where('parent_id', '=', requestId)
    .where('status', 'not in', FINISHED)
    .orderBy('code')
    .execute();
  if (open.length === 0) return;
  throw new AppError(
    'invalid_state',
    'request.children_open',
    `Chưa thể đóng hồ sơ: còn ${open.length} hồ sơ con đang xử lý (${open
      .map((c) => `${c.code}: ${statusLabel(c.status as RequestStatus)}`)
      .join('; ')}). Hãy kết thúc các hồ sơ con trước.`,
    open.map((c) => ({ code: 'child_open', message: `${c.code}: ${statusLabel(c.status as RequestStatus)}` })),
  );
}

export const countOpenChildren = async (db: Db, requestId: string): Promise<number> =>
  Number(
    (
      await db
        .selectFrom('request')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('parent_id', '=', requestId)
        .where('status', 'not in', FINISHED)
        .executeTakeFirstOrThrow()
    ).n,
  );
