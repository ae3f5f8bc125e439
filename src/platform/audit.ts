/**
 * Append-only, hash-chained audit trail. `recordAudit` writes in the caller's transaction,
 * so the change and its audit row commit together. Each row's hash covers its content and
 * the previous row's hash: editing or deleting a row breaks the chain, and `verifyAuditChain`
 * names the first broken row. Summaries never hold secrets (password hashes, tokens).
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { inTransaction, type Ctx } from './context.js';

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

/** Appends one audit row in the caller's transaction (opening one if needed). */
export async function recordAudit(ctx: Ctx, input: AuditInput): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    // Serialises writers so the chain has one order on both databases.
    await sql`select pg_advisory_xact_lock(7301001)`.execute(tx.db);
    const last = await tx.db.selectFrom('audit_event').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
    const actor = actorOf(tx);
    const row: AuditRowContent = {
      seq: String(BigInt(last?.seq ?? '0') + 1n),
      at: tx.now(),
      actor_id: actor.id,
      actor_label: actor.label,
      action: input.action,
      entity_type: input.entityType,
      entity_id: input.entityId ?? null,
      summary: scrubSummary(input.summary ?? {}),
      request_id: tx.requestId,
    };
    const prevHash = last?.hash ?? GENESIS_HASH;
    await tx.db
      .insertInto('audit_event')
      .values({ ...row, summary: JSON.stringify(row.summary), prev_hash: prevHash, hash: hashAuditRow(prevHash, row) })
      .execute();
  });
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
