/**
 * The request context `ctx`, built once per request (or job) and passed first to every
 * service function. It carries the database handle (a transaction inside `inTransaction`),
 * the actor, the clock, the request id and the app's dependencies. No module-level singletons.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Transaction } from 'kysely';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import type { DB } from '../db/schema.js';
import type { Locale } from './i18n.js';
import type { MailSender } from './mail.js';
import type { SmsSender } from './sms.js';

export type Role = 'admin' | 'agency_manager' | 'case_officer' | 'hotline_operator' | 'mediator' | 'inspector' | 'business' | 'viewer';

export interface UserActor {
  readonly type: 'user';
  readonly userId: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly userKind: 'staff' | 'business';
  readonly agencyId: string | null;
  /** Set for commune-level staff: they see only records of this commune. */
  readonly communeCode: string | null;
  readonly businessTaxCode: string | null;
  /** How the request was authenticated. */
  readonly via: 'session' | 'token';
  readonly sessionId?: string;
}
export interface AnonymousActor {
  readonly type: 'anonymous';
}
export interface SystemActor {
  readonly type: 'system';
  readonly label: string;
}
export type Actor = UserActor | AnonymousActor | SystemActor;

export interface Deps {
  readonly config: Config;
  readonly mail: MailSender;
  readonly sms: SmsSender;
  /** The clock; tests pass a fixed one. */
  readonly now: () => Date;
  readonly dbKind: 'pglite' | 'postgres';
}

export interface Ctx {
  readonly db: Db | Transaction<DB>;
  readonly actor: Actor;
  readonly requestId: string;
  readonly locale: Locale;
  readonly log: FastifyBaseLogger;
  readonly deps: Deps;
  now(): Date;
}

export function makeCtx(p: { db: Db; actor: Actor; requestId: string; locale?: Locale; log: FastifyBaseLogger; deps: Deps }): Ctx {
  return { ...p, locale: p.locale ?? 'vi', now: p.deps.now };
}

/** A context for background work (jobs, seeding, scripts). */
export function systemCtx(db: Db, deps: Deps, log: FastifyBaseLogger, label = 'system'): Ctx {
  return makeCtx({ db, actor: { type: 'system', label }, requestId: `sys-${Date.now().toString(36)}`, log, deps });
}

type CommitHook = (tx: Ctx) => Promise<void>;
/** Work to run at the end of a transaction, before COMMIT, by transaction (the Kysely handle). */
const commitHooks = new WeakMap<object, Map<string, CommitHook>>();

/**
 * Runs `hook` once at the end of the open transaction of `tx`, after the work of `inTransaction`
 * returned and before COMMIT, in that transaction. A second registration under the same key
 * before the hook ran is ignored. The audit trail uses it to take its global lock only for the
 * last statement of a transaction instead of for all of it (platform/audit.ts).
 */
export function beforeCommit(tx: Ctx, key: string, hook: CommitHook): void {
  if (!tx.db.isTransaction) throw new Error('beforeCommit needs an open transaction (inTransaction)');
  let hooks = commitHooks.get(tx.db);
  if (!hooks) commitHooks.set(tx.db, (hooks = new Map()));
  if (!hooks.has(key)) hooks.set(key, hook);
}

/**
 * Runs `fn` in one transaction: the change, its audit row and its outbox messages commit
 * together. Nested calls reuse the open transaction. Hooks registered with `beforeCommit` run
 * after `fn`, in the transaction (a hook may register another).
 */
export async function inTransaction<T>(ctx: Ctx, fn: (tx: Ctx) => Promise<T>): Promise<T> {
  if (ctx.db.isTransaction) return fn(ctx);
  return (ctx.db as Db).transaction().execute(async (trx) => {
    const tx: Ctx = { ...ctx, db: trx };
    const out = await fn(tx);
    const hooks = commitHooks.get(trx);
    while (hooks?.size) {
      const [key, hook] = hooks.entries().next().value as [string, CommitHook];
      hooks.delete(key);
      await hook(tx);
    }
    return out;
  });
}

export function isUser(actor: Actor): actor is UserActor {
  return actor.type === 'user';
}
