/**
 * Append-only, hash-chained audit trail. `recordAudit` writes in the caller's transaction,
 * so the change and its audit row commit together. Each row's hash covers its content and
 * the previous row's hash: editing or deleting a row breaks the chain, and `verifyAuditChain`
 * names the first broken row. Summaries never hold secrets (password hashes, tokens).
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { beforeCommit, inTransaction, type Ctx } from './context.js';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditInput {
  action: string;
  entityType: string;
  entityId?: string | null;
  summary?: Record<string, unknown>;
}

const SECRET_KEYS = /pass(word)?|secret|token|hash|otp/i;

/** Drops secret-looking keys at any depth, so a careless summary cannot leak them. */
export function scrubSummary(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(scrubSummary);
  if (v && typeof v === 'object' && !(v instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = SECRET_KEYS.test(k) ? '[ẩn]' : scrubSummary(x);
    return out;
  }
  return v;
}

/** JSON with sorted keys: the same content always hashes the same. */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v ?? null);
  if (v instanceof Date) return JSON.stringify(v.toISOString());
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(v as Record<string, unknown>)
    .filter(([, x]) => x !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonicalJson(x)}`).join(',')}}`;
}

export interface AuditRowContent {
  seq: string;
  at: Date;
  actor_id: string | null;
  actor_label: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  summary: unknown;
  request_id: string | null;
}

export function hashAuditRow(prevHash: string, row: AuditRowContent): string {
  const body = canonicalJson({ ...row, seq: String(row.seq), at: new Date(row.at).toISOString() });
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

function actorOf(ctx: Ctx): { id: string | null; label: string } {
  const a = ctx.actor;
  if (a.type === 'user') return { id: a.userId, label: a.username };
  if (a.type === 'system') return { id: null, label: `system:${a.label}` };
  return { id: null, label: 'anonymous' };
}

const pending = new WeakMap<object, AuditRowContent[]>();

/**
 * Appends one audit row in the caller's transaction (opening one if needed). The row's content
 * (time, actor, request) is fixed now; its place in the chain is given at the end of the
 * transaction (`beforeCommit`): all the rows of a transaction are chained under one lock, held
 * only from that last statement to COMMIT, so writers serialise on the chain and nothing else.
 * A transaction that rolls back leaves no row, as before.
 */
export async function recordAudit(ctx: Ctx, input: AuditInput): Promise<void> {
  if (!ctx.db.isTransaction) return inTransaction(ctx, (tx) => recordAudit(tx, input));
  let rows = pending.get(ctx.db);
  if (!rows) {
    pending.set(ctx.db, (rows = []));
    beforeCommit(ctx, 'audit', appendPending);
  }
  const actor = actorOf(ctx);
  rows.push({
    seq: '0',
    at: ctx.now(),
    actor_id: actor.id,
    actor_label: actor.label,
    action: input.action,
    entity_type: input.entityType,
    entity_id: input.entityId ?? null,
    summary: scrubSummary(input.summary ?? {}),
    request_id: ctx.requestId,
  });
}

/** Chains and inserts the transaction's pending rows: one lock, one read of the tail, one insert. */
async function appendPending(tx: Ctx): Promise<void> {
  const rows = pending.get(tx.db);
  pending.delete(tx.db);
  if (!rows?.length) return;
  // Serialises writers so the chain has one order on both databases.
  await sql`select pg_advisory_xact_lock(7301001)`.execute(tx.db);
  const last = await tx.db.selectFrom('audit_event').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  let seq = BigInt(last?.seq ?? '0');
  let prevHash = last?.hash ?? GENESIS_HASH;
  const values = rows.map((r) => {
    const row: AuditRowContent = { ...r, seq: String(++seq) };
    const hash = hashAuditRow(prevHash, row);
    const v = { ...row, summary: JSON.stringify(row.summary), prev_hash: prevHash, hash };
    prevHash = hash;
    return v;
  });
  await tx.db.insertInto('audit_event').values(values).execute();
}

/** Records that staff read personal data (Decree 13/2023 duty of access logging). */
export async function recordPersonalDataAccess(ctx: Ctx, entityType: string, entityId: string, fields: string[]): Promise<void> {
  if (ctx.actor.type !== 'user') return;
  await recordAudit(ctx, { action: 'personal_data.read', entityType, entityId, summary: { fields } });
}

export interface ChainBreak {
  seq: string;
  reason: 'hash_mismatch' | 'prev_hash_mismatch' | 'gap';
}

/** Walks the chain in order; returns the first broken row, or null when the chain is intact. */
export async function verifyAuditChain(db: Ctx['db'], batch = 2000): Promise<{ checked: number; broken: ChainBreak | null }> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1n;
  let checked = 0;
  let after = '0';
  for (;;) {
    const rows = await db.selectFrom('audit_event').selectAll().where('seq', '>', after).orderBy('seq').limit(batch).execute();
    if (rows.length === 0) return { checked, broken: null };
    for (const r of rows) {
      if (BigInt(r.seq) !== expectedSeq) return { checked, broken: { seq: String(expectedSeq), reason: 'gap' } };
      if (r.prev_hash !== prevHash) return { checked, broken: { seq: r.seq, reason: 'prev_hash_mismatch' } };
      const content: AuditRowContent = {
        seq: r.seq,
        at: r.at,
        actor_id: r.actor_id,
        actor_label: r.actor_label,
        action: r.action,
        entity_type: r.entity_type,
        entity_id: r.entity_id,
        summary: r.summary,
        request_id: r.request_id,
      };
      if (hashAuditRow(prevHash, content) !== r.hash) return { checked, broken: { seq: r.seq, reason: 'hash_mismatch' } };
      prevHash = r.hash;
      expectedSeq += 1n;
      checked++;
      after = r.seq;
    }
  }
}
