/**
 * Transactional outbox: side effects (mail, SMS, webhooks) are enqueued as `job` rows in the
 * same transaction as the change that causes them, and run by the worker after commit.
 */
import type { Ctx } from './context.js';

export interface EnqueueOptions {
  runAt?: Date;
  maxAttempts?: number;
}

/** Job kinds and their payloads. Modules add their kinds here as they need them. */
export interface JobPayloads {
  'mail.send': { to: string; subject: string; text: string; html?: string };
  'sms.send': { to: string; text: string };
}
export type JobKind = keyof JobPayloads;

export async function enqueue<K extends JobKind>(ctx: Ctx, kind: K, payload: JobPayloads[K], opts: EnqueueOptions = {}): Promise<string> {
  const row = await ctx.db
    .insertInto('job')
    .values({
      kind,
      payload: JSON.stringify(payload),
      run_at: opts.runAt ?? ctx.now(),
      ...(opts.maxAttempts ? { max_attempts: opts.maxAttempts } : {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
