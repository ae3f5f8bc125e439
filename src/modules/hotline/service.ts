/**
 * Use cases of the hotline console's calls (issue 4 point 9): logging a call (a case, advice only,
 * a missed call), reading one, looking up a caller. Every one needs `requests.intake` (hotline
 * operators, case officers, agency managers, administrators), writes its change and its audit row
 * in one transaction, and keeps phone numbers and names out of audit summaries. The call-back
 * queue is in callbacks.ts, quick answers and statistics in answers.ts.
 */
import { recordAudit, recordPersonalDataAccess } from '../../platform/audit.js';
import { can, requirePermission } from '../../platform/auth/permissions.js';
import { inTransaction, type Actor, type Ctx } from '../../platform/context.js';
import { casesByPhone, receiveRequest, type RequestInput } from '../requests/index.js';
import {
  calendarOf,
  callbackDueBy,
  callbackView,
  closeServedCallback,
  createCallback,
  loadCallbackView,
  operatorId,
  operatorOf,
} from './callbacks.js';
import { hotlineErrors as E } from './errors.js';
import { callsByPhone, findCall, findCallByRequest, insertCall, openCallbackOf, updateCallback, findAnswer, type CallRow } from './repo.js';
import type {
  AdviceCallInput,
  CallOutcome,
  CallView,
  CaseCallInput,
  CaseReceiptView,
  LogCallInput,
  LogCallView,
  LookupView,
  MissedCallInput,
} from './schema.js';
import { outcomeLabel, topicLabel } from './texts.js';

const CALL = 'hotline_call';
/** A call may be logged a little after its start, never in the future (clock skew allowed). */
const FUTURE_TOLERANCE_MS = 2 * 60_000;

function callView(r: CallRow, actor: Actor, openCallbackForPhone: boolean): CallView {
  return {
    id: r.id,
    startedAt: r.started_at.toISOString(),
    phone: r.phone,
    callerName: r.caller_name,
    outcome: r.outcome,
    outcomeLabel: outcomeLabel(r.outcome),
    request: r.request_id && r.request_code ? { id: r.request_id, code: r.request_code } : null,
    topic: r.topic,
    topicLabel: r.topic ? topicLabel(r.topic) : null,
    sector: r.sector,
    summary: r.summary,
    answerId: r.answer_id,
    callbackId: r.callback_id,
    operator: operatorOf(r.operator_id, r.operator_name),
    notes: r.notes,
    can: { queueCallback: r.outcome === 'missed' && !openCallbackForPhone && can(actor, 'requests.intake') },
  };
}

type Receipt = Awaited<ReturnType<typeof receiveRequest>>['receipt'];
function receiptView(r: Receipt): CaseReceiptView {
  return {
    id: r.id,
    code: r.code,
    trackingSecret: r.trackingSecret,
    trackingUrl: r.trackingUrl,
    receivedAt: r.receivedAt,
    status: r.status,
    agencyName: r.routing.agency.name,
    missing: r.missing,
    vulnerable: r.vulnerable,
  };
}

async function loadCallView(ctx: Ctx, id: string): Promise<CallView> {
  const row = await findCall(ctx.db, id);
  if (!row) throw E.callNotFound();
  const open = row.phone ? !!(await openCallbackOf(ctx.db, row.phone)) : false;
  return callView(row, ctx.actor, open);
}

function startOf(ctx: Ctx, startedAt: string | undefined): Date {
  const now = ctx.now();
  if (!startedAt) return now;
  const d = new Date(startedAt);
  if (d.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) throw E.startedInFuture();
  return d;
}

function normalisePhone(p: string): string {
  const s = p.replace(/[\s.()-]/g, '');
  return s.startsWith('+84') ? `0${s.slice(3)}` : s;
}

// ── logging calls ───────────────────────────────────────────────────────────

/**
 * Logs a call the operator handled or missed. `case_created` records the case through the
 * requests module with channel `hotline` (Law 19/2023 Art. 11(1), LAW.md §18 rule 4: phone and
 * hotline contacts are recorded like other channels) and links it to the call; `advice_only`
 * records the topic and a summary for the statistics (rule 61); `missed` queues a call-back. An
 * answered call from a number waiting for a call-back closes that call-back: the caller was served.
 * With an Idempotency-Key, a retried case call returns the first call (`created: false`).
 */
export async function logCall(
  ctx: Ctx,
  input: LogCallInput,
  opts: { idempotencyKey?: string } = {},
): Promise<{ created: boolean; result: LogCallView }> {
  requirePermission(ctx, 'requests.intake');
  const startedAt = startOf(ctx, input.startedAt);
  switch (input.outcome) {
    case 'missed':
      return { created: true, result: await inTransaction(ctx, (tx) => logMissed(tx, input, startedAt)) };
    case 'advice_only':
      return { created: true, result: await inTransaction(ctx, (tx) => logAdvice(tx, input, startedAt)) };
    case 'case_created':
      try {
        return await inTransaction(ctx, (tx) => logCase(tx, input, startedAt, opts));
      } catch (e) {
        // Two submissions of one form raced on the same Idempotency-Key: the loser's transaction
        // failed on the key; once the winner has committed, a retry answers with its call.
        const code = (e as { code?: unknown }).code;
        if (opts.idempotencyKey && (code === '23505' || code === '25P02'))
          return inTransaction(ctx, (tx) => logCase(tx, input, startedAt, opts));
        throw e;
      }
  }
}

async function logAdvice(tx: Ctx, input: AdviceCallInput, startedAt: Date): Promise<LogCallView> {
  if (input.answerId && !(await findAnswer(tx.db, input.answerId))) throw E.unknownAnswer();
  const id = await insertCall(tx.db, {
    started_at: startedAt,
    phone: input.phone ?? null,
    caller_name: input.callerName ?? null,
    outcome: 'advice_only',
    topic: input.topic,
    sector: input.sector ?? null,
    summary: input.summary,
    answer_id: input.answerId ?? null,
    operator_id: operatorId(tx),
    notes: input.notes ?? null,
  });
  const closed = input.phone ? await closeServedCallback(tx, input.phone) : [];
  await audit(tx, 'advice_only', id, {
    topic: input.topic,
    sector: input.sector ?? null,
    answerId: input.answerId ?? null,
    closedCallbacks: closed,
  });
  return { call: await loadCallView(tx, id), callback: null, receipt: null, closedCallbacks: closed };
}

async function logMissed(tx: Ctx, input: MissedCallInput, startedAt: Date): Promise<LogCallView> {
  const open = await openCallbackOf(tx.db, input.phone);
  let callbackId: string;
  if (open) {
    // One call-back per number: a caller who tried three times is called back once.
    callbackId = open.id;
    await updateCallback(tx.db, open.id, {
      missed_count: open.missed_count + 1,
      last_missed_at: startedAt > open.last_missed_at ? startedAt : open.last_missed_at,
      updated_at: tx.now(),
    });
  } else {
    callbackId = await createCallback(tx, input.phone, startedAt, callbackDueBy(await calendarOf(tx), startedAt), 'missed_call');
  }
  const id = await insertCall(tx.db, {
    started_at: startedAt,
    phone: input.phone,
    outcome: 'missed',
    callback_id: callbackId,
    operator_id: operatorId(tx),
    notes: input.notes ?? null,
  });
  await audit(tx, 'missed', id, { callbackId, attachedToOpenCallback: !!open });
  return { call: await loadCallView(tx, id), callback: await loadCallbackView(tx, callbackId), receipt: null, closedCallbacks: [] };
}

async function logCase(
  tx: Ctx,
  input: CaseCallInput,
  startedAt: Date,
  opts: { idempotencyKey?: string },
): Promise<{ created: boolean; result: LogCallView }> {
  const consumerPhone = input.request.consumer.phone ? normalisePhone(input.request.consumer.phone) : input.phone;
  const phone = input.phone ?? consumerPhone;
  const request: RequestInput = {
    ...input.request,
    channel: 'hotline',
    consumer: { ...input.request.consumer, ...(consumerPhone ? { phone: consumerPhone } : {}) },
  };
  const { created, receipt } = await receiveRequest(tx, request, opts.idempotencyKey ? { idempotencyKey: opts.idempotencyKey } : {});
  if (!created) {
    const prior = await findCallByRequest(tx.db, receipt.id);
    if (prior)
      return {
        created: false,
        result: { call: await loadCallView(tx, prior.id), callback: null, receipt: receiptView(receipt), closedCallbacks: [] },
      };
  }
  const id = await insertCall(tx.db, {
    started_at: startedAt,
    phone: phone ?? null,
    caller_name: input.callerName ?? request.consumer.fullName,
    outcome: 'case_created',
    request_id: receipt.id,
    request_code: receipt.code,
    operator_id: operatorId(tx),
    notes: input.notes ?? null,
  });
  const closed = phone ? await closeServedCallback(tx, phone) : [];
  await audit(tx, 'case_created', id, { requestCode: receipt.code, kind: request.kind, closedCallbacks: closed });
  return {
    created: true,
    result: { call: await loadCallView(tx, id), callback: null, receipt: receiptView(receipt), closedCallbacks: closed },
  };
}

function audit(tx: Ctx, outcome: CallOutcome, callId: string, summary: Record<string, unknown>): Promise<void> {
  return recordAudit(tx, { action: 'hotline.call.log', entityType: CALL, entityId: callId, summary: { outcome, ...summary } });
}

// ── reading calls ───────────────────────────────────────────────────────────

/** One call (phone and name: the read is logged as personal-data access). */
export async function getCall(ctx: Ctx, id: string): Promise<CallView> {
  requirePermission(ctx, 'requests.intake');
  const view = await loadCallView(ctx, id);
  await recordPersonalDataAccess(ctx, CALL, id, ['phone', 'callerName']);
  return view;
}

/**
 * Who is calling: the caller's earlier cases (requests module, audited there), earlier hotline
 * calls and any call-back waiting for this number. Audited as a lookup by phone, without the number.
 */
export async function lookupCaller(ctx: Ctx, phone: string): Promise<LookupView> {
  requirePermission(ctx, 'requests.intake');
  const cases = await casesByPhone(ctx, phone);
  const [calls, open] = await Promise.all([callsByPhone(ctx.db, phone, 10), openCallbackOf(ctx.db, phone)]);
  await recordAudit(ctx, {
    action: 'personal_data.lookup',
    entityType: CALL,
    summary: { by: 'phone', cases: cases.length, calls: calls.length },
  });
  return {
    phone,
    cases,
    calls: calls.map((c) => callView(c, ctx.actor, !!open)),
    openCallback: open ? callbackView(open, ctx.actor, ctx.now()) : null,
  };
}
