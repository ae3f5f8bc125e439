/**
 * Recomputation of running clocks after a calendar edit: the due date of a clock is a function of
 * its stored facts and the calendar, so an edit re-derives it rather than patching dates.
 */
import { recordAudit } from '../audit.js';
import { requirePermission } from '../auth/permissions.js';
import type { Calendar } from '../calendar/engine.js';
import { getCalendar } from '../calendar/load.js';
import { inTransaction, type Ctx } from '../context.js';
import { computeFor, duePatch, toSpans } from './lifecycle.js';
import { lockClocksForRecompute, pausesOf, updateClock } from './repo.js';

export interface RecomputeScope {
  /** Only clocks whose counted span touches these years (a year's official rows replace all its derived days). */
  years?: readonly number[];
  /** Only clocks on this province's calendar (for a local row); omit for national rows. */
  provinceCode?: string | null;
}

/**
 * Recomputes the due dates of running, due-soon and overdue clocks after a calendar edit (LAW.md
 * §18 A: the due date follows the calendar). Call it inside the edit's transaction; each moved
 * clock is audited as `clock.recompute`. Paused clocks are recomputed when they resume.
 */
export async function recomputeClocks(ctx: Ctx, scope: RecomputeScope = {}): Promise<{ checked: number; changed: number }> {
  requirePermission(ctx, 'calendar.manage');
  return inTransaction(ctx, async (tx) => {
    const rows = await lockClocksForRecompute(tx.db, scope);
    if (rows.length === 0) return { checked: 0, changed: 0 };
    const now = tx.now();
    const pauseRows = await pausesOf(
      tx.db,
      rows.map((r) => r.id),
    );
    const calendars = new Map<string, Calendar>();
    let changed = 0;
    for (const row of rows) {
      const key = row.province_code ?? '';
      let cal = calendars.get(key);
      if (!cal) {
        cal = await getCalendar(tx, row.province_code);
        calendars.set(key, cal);
      }
      const comp = computeFor(cal, row, toSpans(pauseRows.filter((p) => p.clock_id === row.id)));
      const patch = duePatch(row, comp, now);
      if (
        patch.due_at.getTime() === row.due_at.getTime() &&
        patch.due_soon_at.getTime() === row.due_soon_at.getTime() &&
        patch.state === row.state
      ) {
        continue;
      }
      await updateClock(tx.db, row.id, { ...patch, updated_at: now });
      await recordAudit(tx, {
        action: 'clock.recompute',
        entityType: 'clock',
        entityId: row.id,
        summary: {
          rule: row.rule,
          dueDateBefore: row.due_date,
          dueDateAfter: patch.due_date,
          stateBefore: row.state,
          stateAfter: patch.state,
        },
      });
      changed++;
    }
    return { checked: rows.length, changed };
  });
}
