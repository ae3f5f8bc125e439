/**
 * The consumer's side, with the case code and the tracking secret (only its SHA-256 is stored; a
 * wrong code or secret is the same 404): `trackRequest`, status, agency, public timeline and clocks
 * without personal data; `supplementRequest`, the missing items added (Art. 58(3), 11(4)).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { recordAudit } from '../../platform/audit.js';
import { findActiveClockId, readEntityClocks, startClock } from '../../platform/clocks/index.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { missingFor } from './intake.js';
import { statusLabel } from './lifecycle.js';
import { findRequestByCode, insertEvent, listEvents, lockRequest, type RequestRow } from './repo.js';
import { eventLabels } from './texts.js';
import { trackingNegotiation } from './negotiation-view.js';
import type { RequestInput, RequestStatus, SupplementInput } from './schema.js';
import { CLOSED, ENTITY, alertAgency, caseClosed, caseNotFound, meetIfRunning, syncDue } from './case-support.js';
import { missingView, publicText, routingView } from './case-view.js';

function secretMatches(hash: string, secret: string): boolean {
  const a = Buffer.from(hash, 'hex');
  const b = createHash('sha256').update(secret).digest();
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The case of a tracking code and secret (unlocked); a malformed code, an unknown one or a wrong secret is the same 404. */
export async function requestBySecret(ctx: Ctx, code: string, secret: string): Promise<RequestRow> {
  const r = /^YC-\d{4}-\d{6}$/.test(code) ? await findRequestByCode(ctx.db, code) : undefined;
  if (!r || !secretMatches(r.tracking_secret_hash, secret)) throw caseNotFound();
  return r;
}

/** Status, agency, public timeline and clocks of a request: no personal data. Wrong secret → 404. */
export async function trackRequest(ctx: Ctx, code: string, secret: string) {
  const r = await requestBySecret(ctx, code, secret);
  const events = await listEvents(ctx.db, r.id, true);
  const clocks = await readEntityClocks(ctx, ENTITY, r.id);
  const routing = routingView(r);
  return {
    code: r.code,
    kind: r.kind,
    status: r.status as RequestStatus,
    statusLabel: statusLabel(r.status as RequestStatus),
    receivedAt: r.received_at.toISOString(),
    agency: { kind: routing.agency.kind, name: routing.agency.name },
    missing: missingView(r.missing),
    negotiation: await trackingNegotiation(ctx, r.id, r.status),
    closingOutcome: r.closing_outcome,
    timeline: events.map((e) => ({ at: e.at.toISOString(), type: e.type, label: eventLabels[e.type] ?? e.type, text: publicText(e) })),
    clocks: clocks.map((c) => ({
      label: c.label,
      state: c.state,
      dueAt: c.dueAt.toISOString(),
      dueDate: c.dueDate,
      late: c.late,
      legalBasis: c.legalBasis === '[CONFIG]' ? INTERNAL_SLA_VI : c.legalBasis,
      internalSla: c.internalSla,
    })),
  };
}

const INTERNAL_SLA_VI = 'Chỉ tiêu nội bộ của cơ quan (không phải thời hạn luật định)';

/**
 * The consumer adds what was missing (Art. 58(3), 11(4)) with the tracking secret. The missing
 * items are computed again from the merged case; when none is left, the supplement clock is met
 * and a case waiting for it returns to `received`. Audited without personal data.
 */
export async function supplementRequest(ctx: Ctx, code: string, secret: string, input: SupplementInput) {
  const found = await requestBySecret(ctx, code, secret);
  return inTransaction(ctx, async (tx) => {
    const r = (await lockRequest(tx.db, found.id))!;
    if (CLOSED.includes(r.status as RequestStatus)) throw caseClosed();
    const now = tx.now();
    const business = { ...(r.business as Record<string, unknown>), ...(input.business ?? {}) };
    const txn = input.transaction
      ? { ...((r.txn as Record<string, unknown> | null) ?? {}), ...input.transaction }
      : (r.txn as Record<string, unknown> | null);
    const consumer = { ...(r.consumer as Record<string, unknown>), ...(input.consumer ?? {}) };
    const representative = input.representative ?? (r.representative as Record<string, unknown> | null);
    const attachments = Number(
      (
        await tx.db
          .selectFrom('request_attachment')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('request_id', '=', r.id)
          .executeTakeFirstOrThrow()
      ).n,
    );
    const merged = {
      business,
      transaction: txn ?? undefined,
      consumer,
      representative: representative ?? undefined,
    } as unknown as RequestInput;
    const missing = missingFor(merged, attachments);
    const complete = missing.length === 0;
    const status: RequestStatus = complete && r.status === 'awaiting_supplement' ? 'received' : (r.status as RequestStatus);
    await tx.db
      .updateTable('request')
      .set({
        business: JSON.stringify(business),
        business_tax_code: (business.taxCode as string | undefined) ?? null,
        txn: txn ? JSON.stringify(txn) : null,
        amount_vnd: (txn?.amountVnd as number | undefined) ?? null,
        transaction_date: (txn?.date as string | undefined) ?? null,
        product_or_service: (txn?.productOrService as string | undefined) ?? null,
        consumer: JSON.stringify(consumer),
        consumer_phone: (consumer.phone as string | undefined) ?? null,
        consumer_email: ((consumer.email as string | undefined) ?? null)?.toLowerCase() ?? null,
        representative: representative ? JSON.stringify(representative) : null,
        missing,
        status,
        updated_at: now,
      })
      .where('id', '=', r.id)
      .execute();
    await insertEvent(tx.db, {
      requestId: r.id,
      at: now,
      type: 'supplemented',
      actorId: null,
      actorLabel: 'Người tiêu dùng',
      public: true,
      data: { fields: Object.keys(input).filter((k) => k !== 'note'), note: input.note ?? null, missing },
    });
    if (complete) {
      await meetIfRunning(tx, r.id, 'consumer.supplement');
      if (r.kind === 'request' && !r.enforcement_flag && !(await findActiveClockId(tx, ENTITY, r.id, 'request.forward_to_business')))
        await startClock(tx, {
          entityType: ENTITY,
          entityId: r.id,
          entityLabel: r.code,
          rule: 'request.forward_to_business',
          startedAt: now,
          provinceCode: r.province_code,
        });
    }
    await syncDue(tx, r.id);
    await recordAudit(tx, {
      action: 'request.supplement',
      entityType: ENTITY,
      entityId: r.id,
      summary: { code: r.code, fields: Object.keys(input), missing, status },
    });
    await alertAgency(tx, r, 'Người tiêu dùng đã bổ sung hồ sơ');
    return { code: r.code, status, statusLabel: statusLabel(status), missing: missingView(missing) };
  });
}
