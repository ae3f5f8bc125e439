/**
 * Messages of mediation, all through the outbox in the caller's transaction: notices to the
 * parties, the session invitation and its reminder (a job of kind `mediation.session_reminder`
 * that runs a day before and sends nothing if the session or the mediation has moved on), and the
 * overdue-performance alert of the sweep.
 */
import { inTransaction, type Ctx } from '../../platform/context.js';
import { formatDateTime } from '../../platform/i18n.js';
import { enqueue } from '../../platform/outbox.js';
import type { JobHandler } from '../../platform/worker.js';
import { appointedOf, emailsOfUsers, findCase, findMediation, findOrg, findSession, type MediationRow, type SessionRow } from './repo.js';
import { sessionModeLabels } from './texts.js';

declare module '../../platform/outbox.js' {
  interface JobPayloads {
    /** A day before a mediation session: remind the parties and the mediators. */
    'mediation.session_reminder': { sessionId: string; startsAt: string };
  }
}

export const REMINDER_BEFORE_MS = 24 * 3600_000;

export async function sendMail(
  ctx: Ctx,
  recipients: readonly (string | null | undefined)[],
  subject: string,
  text: string,
): Promise<number> {
  const list = [...new Set(recipients.filter((e): e is string => !!e).map((e) => e.trim().toLowerCase()))];
  for (const to of list) await enqueue(ctx, 'mail.send', { to, subject, text });
  return list.length;
}

/** The parties' e-mails (consumer from the case, business from the mediation) and the appointed mediators'. */
export async function recipientsOf(ctx: Ctx, m: MediationRow, o: { mediators?: boolean } = {}): Promise<string[]> {
  const c = await findCase(ctx.db, m.request_id);
  const out = [c?.consumer_email, m.business_email];
  if (o.mediators !== false) {
    const appointed = await appointedOf(ctx.db, m.id);
    out.push(...appointed.map((a) => a.email));
    out.push(
      ...(await emailsOfUsers(
        ctx.db,
        appointed.filter((a) => !a.email).map((a) => a.user_id),
      )),
    );
  }
  return out.filter((e): e is string => !!e);
}

export function sessionText(s: Pick<SessionRow, 'starts_at' | 'mode' | 'place' | 'link' | 'note'>, orgName: string): string {
  return [
    `Thời gian: ${formatDateTime(s.starts_at)} (giờ Việt Nam).`,
    `Hình thức: ${sessionModeLabels[s.mode]}${s.mode === 'in_person' ? `, tại ${s.place ?? ''}` : `, đường liên kết: ${s.link ?? ''}`}.`,
    `Tổ chức hòa giải: ${orgName}.`,
    ...(s.note ? [`Ghi chú: ${s.note}`] : []),
    'Hòa giải trên cơ sở tự nguyện; các bên có thể mang theo tài liệu, chứng cứ liên quan.',
  ].join('\n');
}

/** Invitation now, reminder a day before (or at once when the session is sooner). */
export async function announceSession(ctx: Ctx, m: MediationRow, s: SessionRow, code: string, orgName: string): Promise<void> {
  const to = await recipientsOf(ctx, m);
  await sendMail(ctx, to, `[BVNTD] Lịch hòa giải hồ sơ ${code}`, sessionText(s, orgName));
  const runAt = new Date(Math.max(ctx.now().getTime(), s.starts_at.getTime() - REMINDER_BEFORE_MS));
  await enqueue(ctx, 'mediation.session_reminder', { sessionId: s.id, startsAt: s.starts_at.toISOString() }, { runAt });
}

/** The reminder job: sends only if the session still stands as announced and the mediation is open. */
export const sendSessionReminder: JobHandler<'mediation.session_reminder'> = async (ctx, payload) => {
  await inTransaction(ctx, async (tx) => {
    const s = await findSession(tx.db, payload.sessionId);
    if (!s || s.starts_at.toISOString() !== payload.startsAt || s.starts_at.getTime() <= tx.now().getTime()) return;
    const m = await findMediation(tx.db, s.mediation_id);
    if (!m || m.status !== 'open') return;
    const [c, org] = await Promise.all([findCase(tx.db, m.request_id), findOrg(tx.db, m.org_id)]);
    await sendMail(tx, await recipientsOf(tx, m), `[BVNTD] Nhắc lịch hòa giải hồ sơ ${c?.code ?? ''}`, sessionText(s, org?.name ?? ''));
  });
};
