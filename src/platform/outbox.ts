/**
 * Transactional outbox: side effects (mail, SMS, webhooks) are enqueued as `job` rows in the
 * same transaction as the change that causes them, and run by the worker after commit.
 */
import type { Ctx } from './context.js';

export interface EnqueueOptions {
  runAt?: Date;
  maxAttempts?: number;
}

/**
 * Job kinds and their payloads. A module adds its kinds by interface merging, next to the
 * handler it gives the worker (see src/jobs.ts), without editing this file:
 *
 *   declare module '../../platform/outbox.js' {
 *     interface JobPayloads { 'requests.remind': { requestId: string } }
 *   }
 *
 * Payloads are JSON: ids and the text to send, never secrets.
 */
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
