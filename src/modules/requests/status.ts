/**
 * The officer moves a case along the one transition table (lifecycle.ts): `changeStatus` with its
 * statutory clocks (acknowledge, decide, forward to the business, supplement) and, on closing, the
 * outcome and the hours per stage; `refuseRequest` on one Art. 58 ground; `mergeRequest`, a
 * duplicate closed into an earlier case. Each runs in `act` (permission, transaction, case in scope)
 * with its timeline event, audit row and message to the consumer.
 */
import { recordAudit } from '../../platform/audit.js';
import { findActiveClockId, startClock } from '../../platform/clocks/index.js';
import type { Ctx } from '../../platform/context.js';
import { AppError, invalid } from '../../platform/errors.js';
import { assertTransition, statusLabel } from './lifecycle.js';
import { insertEvent, listEvents, type RequestRow } from './repo.js';
import { refusalGroundLabels } from './texts.js';
import { assertChildrenClosed } from './sub-cases.js';
import type { ClosingOutcome, RefusalGround, RequestStatus } from './schema.js';
import { ENTITY, actorOf, meetIfRunning, stopAll, syncDue, toConsumer } from './case-support.js';
import { act, loadInScope } from './access.js';
import { missingView } from './case-view.js';

export const closingOutcomeLabels: Record<ClosingOutcome, string> = {
  resolved_by_negotiation: 'Giải quyết bằng thương lượng',
  resolved_by_mediation: 'Giải quyết bằng hòa giải',
  resolved_by_agency: 'Cơ quan đã giải quyết',
  refused: 'Từ chối theo Điều 58',
  withdrawn: 'Người tiêu dùng rút yêu cầu',
  referred: 'Chuyển cơ quan có thẩm quyền xử lý',
  no_agreement: 'Không đạt được thỏa thuận',
  duplicate: 'Trùng với hồ sơ khác',
};
const NEXT_STEPS =
  'Nếu chưa thỏa đáng, quý vị có thể đề nghị hòa giải, yêu cầu trọng tài (nếu có thỏa thuận trọng tài) hoặc khởi kiện tại Tòa án; vụ việc dưới 100 triệu đồng được giải quyết theo thủ tục rút gọn và người tiêu dùng không phải tạm ứng án phí (Luật BVQLNTD 2023 Điều 54, 70, 71).';

/** Hours spent in each stage, from the timeline: received → accepted → forwarded → answered → resolved → closed. */
async function stageTimes(tx: Ctx, r: RequestRow, closedAt: Date): Promise<Record<string, number>> {
  const events = await listEvents(tx.db, r.id, false);
  const first = (pred: (e: (typeof events)[number]) => boolean) => events.find(pred)?.at;
  const to = (s: string) => (e: (typeof events)[number]) => e.type === 'status_changed' && (e.data as { to?: string }).to === s;
  const marks: [string, Date | undefined][] = [
    ['received', r.received_at],
    ['accepted', first(to('accepted'))],
    ['forwarded', first((e) => e.type === 'forwarded_to_business')],
    ['answered', first((e) => e.type === 'business_responded' || e.type === 'refused')],
    ['resolved', first((e) => e.type === 'consumer_accepted' || to('resolved')(e))],
    ['closed', closedAt],
  ];
  const out: Record<string, number> = {};
  let prev: [string, Date] | undefined;
  for (const [name, at] of marks) {
    if (!at) continue;
    if (prev) out[`${prev[0]}_to_${name}`] = Math.round((at.getTime() - prev[1].getTime()) / 36e5);
    prev = [name, at];
  }
  out.total = Math.round((closedAt.getTime() - r.received_at.getTime()) / 36e5);
  return out;
}

/** `in_mediation` is set by the mediation module's use case (not by the officer's status form). */
export type StatusTarget = 'awaiting_supplement' | 'accepted' | 'in_progress' | 'in_mediation' | 'resolved' | 'closed';

/**
 * Moves a case along the one transition table (lifecycle.ts). Accepting meets the
 * acknowledgement clock and starts the decision clock (or, for negotiation support, the 7
 * working days to forward to the business, Art. 57(4)); forwarding meets it; closing stops all.
 */
export async function changeStatus(
  ctx: Ctx,
  id: string,
  input: { to: StatusTarget; note?: string; publicNote?: string; outcome?: ClosingOutcome },
) {
  return act(ctx, id, async (tx, r) => {
    const from = r.status as RequestStatus;
    assertTransition(from, input.to);
    if (input.to === 'closed' && !input.outcome)
      throw invalid('request.closing_outcome_required', 'Cần chọn kết quả giải quyết trước khi đóng hồ sơ.', [
        { path: 'body.outcome', code: 'required', message: 'Chọn kết quả giải quyết' },
      ]);
    if (input.to === 'closed') await assertChildrenClosed(tx, r.id);
    const now = tx.now();
    const patch: Record<string, unknown> = { status: input.to, updated_at: now };
    if (input.to === 'awaiting_supplement') {
      const missing = r.missing.length > 0 ? r.missing : ['transaction_evidence'];
      patch.missing = missing;
      await startClock(tx, {
        entityType: ENTITY,
        entityId: r.id,
        entityLabel: r.code,
        rule: 'consumer.supplement',
        startedAt: now,
        provinceCode: r.province_code,
      });
    }
    if (from === 'awaiting_supplement') await meetIfRunning(tx, r.id, 'consumer.supplement');
    if (input.to === 'accepted' || input.to === 'in_progress') await meetIfRunning(tx, r.id, 'request.acknowledge');
    if (input.to === 'accepted') {
      if (r.kind === 'request' && !r.enforcement_flag) {
        if (!(await findActiveClockId(tx, ENTITY, r.id, 'request.forward_to_business')))
          await startClock(tx, {
            entityType: ENTITY,
            entityId: r.id,
            entityLabel: r.code,
            rule: 'request.forward_to_business',
            startedAt: now,
            provinceCode: r.province_code,
          });
      } else if (!(await findActiveClockId(tx, ENTITY, r.id, 'request.decide'))) {
        await startClock(tx, {
          entityType: ENTITY,
          entityId: r.id,
          entityLabel: r.code,
          rule: 'request.decide',
          startedAt: now,
          provinceCode: r.province_code,
        });
      }
    }
    if (input.to === 'resolved') {
      await meetIfRunning(tx, r.id, 'request.decide');
      await meetIfRunning(tx, r.id, 'request.forward_to_business');
    }
    if (input.to === 'resolved' || input.to === 'closed') await stopAll(tx, r.id, statusLabel(input.to));
    if (input.to === 'closed') {
      patch.closing_outcome = input.outcome;
      patch.closed_at = now;
      patch.stage_times = JSON.stringify(await stageTimes(tx, r, now));
    }
    await tx.db.updateTable('request').set(patch).where('id', '=', r.id).execute();
    await insertEvent(tx.db, {
      requestId: r.id,
      at: now,
      type: 'status_changed',
      ...actorOf(tx.actor),
      public: true,
      data: { from, to: input.to, note: input.note ?? null, publicNote: input.publicNote ?? null },
    });
    await syncDue(tx, r.id);
    await recordAudit(tx, { action: 'request.status', entityType: ENTITY, entityId: r.id, summary: { code: r.code, from, to: input.to } });
    if (input.to === 'closed')
      await toConsumer(
        tx,
        r,
        `Hồ sơ ${r.code} đã kết thúc`,
        `Kết quả: ${closingOutcomeLabels[input.outcome!]}.${input.publicNote ? ` ${input.publicNote}` : ''} ${NEXT_STEPS}`,
      );
    if (input.to === 'resolved' || input.to === 'awaiting_supplement')
      await toConsumer(
        tx,
        r,
        `Hồ sơ ${r.code}: ${statusLabel(input.to)}`,
        input.to === 'awaiting_supplement'
          ? `Đề nghị bổ sung: ${missingView(patch.missing as string[])
              .map((m) => m.label)
              .join('; ')}.`
          : (input.publicNote ?? 'Hồ sơ đã được giải quyết.'),
      );
    return { id: r.id, code: r.code, status: input.to };
  });
}

/**
 * Refuses a negotiation-support request on exactly one statutory ground (Law Art. 58(1)–(5)) and
 * sends the written refusal with the ground to the consumer.
 */
export async function refuseRequest(ctx: Ctx, id: string, input: { ground: RefusalGround; explanation: string }) {
  return act(ctx, id, async (tx, r) => {
    const from = r.status as RequestStatus;
    assertTransition(from, 'refused');
    const now = tx.now();
    await stopAll(tx, r.id, 'Từ chối');
    await tx.db
      .updateTable('request')
      .set({ status: 'refused', refusal_ground: input.ground, updated_at: now })
      .where('id', '=', r.id)
      .execute();
    await insertEvent(tx.db, {
      requestId: r.id,
      at: now,
      type: 'refused',
      ...actorOf(tx.actor),
      public: true,
      data: { ground: input.ground, explanation: input.explanation },
    });
    await syncDue(tx, r.id);
    await recordAudit(tx, {
      action: 'request.refuse',
      entityType: ENTITY,
      entityId: r.id,
      summary: { code: r.code, from, ground: input.ground },
    });
    await toConsumer(
      tx,
      r,
      `Thông báo từ chối hồ sơ ${r.code}`,
      `Căn cứ ${refusalGroundLabels[input.ground]}. Lý do: ${input.explanation}\nQuý vị có thể lựa chọn thương lượng, hòa giải, trọng tài hoặc khởi kiện tại Tòa án (Luật BVQLNTD 2023 Điều 54).`,
    );
    return { id: r.id, code: r.code, status: 'refused' as const, refusalGround: input.ground };
  });
}

/** Merges a duplicate into an earlier case: this one is closed and points to it (Art. 58(5) alternative). */
export async function mergeRequest(ctx: Ctx, id: string, input: { intoId: string }) {
  return act(ctx, id, async (tx, r) => {
    if (input.intoId === r.id) throw invalid('request.merge_self', 'Không thể gộp hồ sơ vào chính nó.');
    const into = await loadInScope(tx, input.intoId);
    if (into.duplicate_of) throw new AppError('invalid_state', 'request.merge_into_duplicate', 'Hồ sơ đích đã được gộp vào hồ sơ khác.');
    assertTransition(r.status as RequestStatus, 'closed');
    await assertChildrenClosed(tx, r.id);
    const now = tx.now();
    await stopAll(tx, r.id, `Gộp vào ${into.code}`);
    await tx.db.updateTable('request').set({ status: 'closed', duplicate_of: into.id, updated_at: now }).where('id', '=', r.id).execute();
    await insertEvent(tx.db, {
      requestId: r.id,
      at: now,
      type: 'merged',
      ...actorOf(tx.actor),
      public: true,
      data: { intoId: into.id, intoCode: into.code },
    });
    await insertEvent(tx.db, {
      requestId: into.id,
      at: now,
      type: 'duplicate_attached',
      ...actorOf(tx.actor),
      public: false,
      data: { fromCode: r.code },
    });
    await syncDue(tx, r.id);
    await recordAudit(tx, { action: 'request.merge', entityType: ENTITY, entityId: r.id, summary: { code: r.code, into: into.code } });
    return { id: r.id, code: r.code, status: 'closed' as const, duplicateOf: into.id };
  });
}
