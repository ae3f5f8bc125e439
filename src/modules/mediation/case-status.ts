/**
 * How a mediation moves its case, through the requests module's lifecycle (never by writing the
 * `request` table). Entering mediation moves the case to `in_mediation` where the lifecycle allows it.
 * Leaving: success resolves the case, failure puts it back in progress, when the lifecycle
 * allows that move from the case's current status.
 */
import type { Ctx } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { changeStatus } from '../requests/index.js';
import type { CaseRow } from './repo.js';

export async function enterMediation(tx: Ctx, c: CaseRow, publicNote: string): Promise<void> {
  if (c.status === 'in_mediation') return;
  const who = tx.actor.type === 'user' ? tx.actor.username : tx.actor.type === 'system' ? tx.actor.label : 'anonymous';
  try {
    await changeStatus({ ...tx, actor: { type: 'system', label: `mediation:${who}` } }, c.id, { to: 'in_mediation', publicNote });
  } catch (e) {
    // A status the lifecycle cannot move from (e.g. already resolved): the mediation still opens.
    if (!(e instanceof AppError && e.code === 'request.invalid_transition')) throw e;
  }
}

export async function leaveMediation(tx: Ctx, c: CaseRow, to: 'resolved' | 'in_progress', publicNote: string): Promise<boolean> {
  if (c.status === to) return false;
  const who = tx.actor.type === 'user' ? tx.actor.username : tx.actor.type === 'system' ? tx.actor.label : 'anonymous';
  try {
    // A mediator records outcomes without handling cases: the status change is the outcome's
    // consequence, recorded on the case's timeline as the system on the mediation actor's behalf.
    await changeStatus({ ...tx, actor: { type: 'system', label: `mediation:${who}` } }, c.id, { to, publicNote });
    return true;
  } catch (e) {
    // The lifecycle refuses the move (e.g. the case was closed meanwhile): the mediation's record stands.
    if (e instanceof AppError && e.code === 'request.invalid_transition') return false;
    throw e;
  }
}
