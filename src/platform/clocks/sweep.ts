/**
 * The clock sweep, run periodically by the worker: marks clocks due soon and overdue and enqueues
 * one e-mail per recipient per transition through the outbox (LAW.md §18 rule 16: alert before the
 * deadline, mark overdue after it).
 *
 * Exactly once: each batch claims its rows with FOR UPDATE SKIP LOCKED, and the state, the
 * `notified_*_at` stamp, the audit row and the outbox jobs commit in one transaction. A second
 * sweep (concurrent, or later) either skips the locked rows or no longer matches them.
 */
import { recordAudit } from '../audit.js';
import { requirePermission } from '../auth/permissions.js';
import { formatVn, isoToDay } from '../calendar/dates.js';
import { inTransaction, type Ctx } from '../context.js';
import { formatDateTime } from '../i18n.js';
import { enqueue } from '../outbox.js';
import type { Sweep } from '../worker.js';
import { claimForSweep, emailsOfUsers, updateClock, type ClockRow } from './repo.js';
import { defaultClockRegistry } from './registry.js';

export interface SweepClocksResult {
  dueSoon: number;
  overdue: number;
  /** E-mails enqueued. */
  messages: number;
}

type Kind = 'overdue' | 'due_soon';

function message(row: ClockRow, kind: Kind): { subject: string; text: string } {
  const rule = defaultClockRegistry.get(row.rule);
  const label = rule?.label ?? row.rule;
  const basis = rule?.legalBasisVi ?? row.legal_basis;
  const what = row.entity_label ?? `${row.entity_type} ${row.entity_id}`;
  const due = `hết 24:00 ngày ${formatVn(isoToDay(row.due_date))}`;
  const dueText = row.unit === 'hours' ? formatDateTime(row.due_at) : due;
  const sla = rule?.internalSla ? ' (chỉ tiêu nội bộ, không phải thời hạn luật định)' : '';
  if (kind === 'overdue') {
    return {
      subject: `[BVNTD] Quá hạn: ${label} — ${what}`,
      text: [
        `Thời hạn "${label}" của hồ sơ ${what} đã hết vào ${dueText} (giờ Việt Nam) mà chưa được ghi nhận hoàn thành.`,
        `Căn cứ: ${basis}${sla}.`,
        'Vui lòng xử lý ngay và ghi nhận kết quả trên hệ thống.',
      ].join('\n'),
    };
  }
  return {
    subject: `[BVNTD] Sắp đến hạn: ${label} — ${what}`,
    text: [`Thời hạn "${label}" của hồ sơ ${what} sẽ hết vào ${dueText} (giờ Việt Nam).`, `Căn cứ: ${basis}${sla}.`].join('\n'),
  };
}

async function sweepBatch(ctx: Ctx, kind: Kind, now: Date, batchSize: number): Promise<{ claimed: number; messages: number }> {
  return inTransaction(ctx, async (tx) => {
    const rows = await claimForSweep(tx.db, kind, now, batchSize);
    let messages = 0;
    for (const row of rows) {
      await updateClock(tx.db, row.id, {
        state: kind,
        ...(kind === 'overdue' ? { notified_overdue_at: now } : { notified_due_soon_at: now }),
        updated_at: now,
      });
      const fromUsers = await emailsOfUsers(tx.db, row.notify.userIds ?? []);
      const recipients = [...new Set([...fromUsers, ...(row.notify.emails ?? [])].map((e) => e.trim().toLowerCase()))];
      const { subject, text } = message(row, kind);
      for (const to of recipients) await enqueue(tx, 'mail.send', { to, subject, text });
      messages += recipients.length;
      await recordAudit(tx, {
        action: kind === 'overdue' ? 'clock.overdue' : 'clock.due_soon',
        entityType: 'clock',
        entityId: row.id,
        summary: { rule: row.rule, from: row.state, dueAt: row.due_at, notified: recipients.length },
      });
    }
    return { claimed: rows.length, messages };
  });
}

/**
 * Marks overdue clocks (first, so a clock past both thresholds gets one message), then due-soon
 * clocks, and enqueues their notifications. Safe to run concurrently and repeatedly.
 */
export async function sweepClocks(ctx: Ctx, opts: { batchSize?: number } = {}): Promise<SweepClocksResult> {
  requirePermission(ctx, 'clocks.manage');
  const batchSize = Math.max(1, opts.batchSize ?? 100);
  const now = ctx.now();
  const result: SweepClocksResult = { dueSoon: 0, overdue: 0, messages: 0 };
  for (const kind of ['overdue', 'due_soon'] as const) {
    for (;;) {
      const r = await sweepBatch(ctx, kind, now, batchSize);
      if (kind === 'overdue') result.overdue += r.claimed;
      else result.dueSoon += r.claimed;
      result.messages += r.messages;
      if (r.claimed < batchSize) break;
    }
  }
  return result;
}

/** The worker's periodic entry (register it with the worker's sweeps, see src/jobs.ts). */
export const clockSweep: Sweep = {
  name: 'clocks.sweep',
  everyMs: 60_000,
  run: async (ctx) => {
    await sweepClocks(ctx);
  },
};
