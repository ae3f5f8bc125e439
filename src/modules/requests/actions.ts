/**
 * The officer's other actions on a case: re-route to another agency (Law Art. 11(3), the consumer
 * is told) or bounce back to the focal agency, with the dashboard figures of both; bulk assignment
 * to an officer in scope; internal notes; label corrections, stored for retraining. Each checks its
 * permission and runs in one transaction with its timeline event and audit row.
 */
import { recordAudit } from '../../platform/audit.js';
import { requirePermission } from '../../platform/auth/permissions.js';
import { startClock } from '../../platform/clocks/index.js';
import { inTransaction, type Ctx, type UserActor } from '../../platform/context.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import { findAgencyForRoute } from '../directory/index.js';
import type { Sector, ViolationType } from '../classify/index.js';
import { insertEvent, type RequestRow } from './repo.js';
import { retrainLater } from './triage.js';
import type { RequestStatus } from './schema.js';
import { CLOSED, ENTITY, actorOf, alertAgency, caseClosed, meetIfRunning, syncDue, toConsumer } from './case-support.js';
import { UUID, act, inCaseScope, loadInScope, scopeWhere } from './access.js';

/**
 * Sends the case to another agency with a reason (Law Art. 11(3)): the consumer is told which
 * agency now handles it and why, and the new agency is alerted. Counted for the dashboard.
 */
export async function rerouteRequest(ctx: Ctx, id: string, input: { agencyId: string; reason: string }) {
  return act(ctx, id, async (tx, r) => {
    if (CLOSED.includes(r.status as RequestStatus)) throw caseClosed();
    const target = await tx.db
      .selectFrom('agency')
      .select(['id', 'name', 'kind', 'level', 'commune_code', 'active', 'province_code'])
      .where('id', '=', input.agencyId)
      .executeTakeFirst();
    if (!target || !target.active)
      throw notFound('request.agency_not_found', 'Không tìm thấy cơ quan nhận (hoặc cơ quan đã ngừng hoạt động).');
    if (target.id === r.agency_id) throw new AppError('invalid_state', 'request.same_agency', 'Hồ sơ đang ở chính cơ quan này.');
    return moveTo(tx, r, target, input.reason, 'rerouted');
  });
}

/** "Not our competence": back to the focal agency with the reason, which must forward within the set time. */
export async function bounceRequest(ctx: Ctx, id: string, input: { reason: string }) {
  return act(ctx, id, async (tx, r) => {
    if (CLOSED.includes(r.status as RequestStatus)) throw caseClosed();
    const focal = await findAgencyForRoute(tx, { provinceCode: r.province_code, kind: 'so-cong-thuong' });
    if (!focal)
      throw new AppError('invalid_state', 'request.no_focal_agency', 'Danh bạ chưa có cơ quan đầu mối (Sở Công Thương) của tỉnh.');
    if (focal.id === r.agency_id)
      throw new AppError(
        'invalid_state',
        'request.already_at_focal',
        'Hồ sơ đang ở cơ quan đầu mối: hãy chuyển cho cơ quan có thẩm quyền.',
      );
    const full = await tx.db
      .selectFrom('agency')
      .select(['id', 'name', 'kind', 'level', 'commune_code', 'active', 'province_code'])
      .where('id', '=', focal.id)
      .executeTakeFirstOrThrow();
    return moveTo(tx, r, full, input.reason, 'bounced');
  });
}

async function moveTo(
  tx: Ctx & { actor: UserActor },
  r: RequestRow,
  target: { id: string; name: string; kind: string; level: string; commune_code: string | null },
  reason: string,
  how: 'rerouted' | 'bounced',
) {
  const now = tx.now();
  const routing = {
    ...((r.routing ?? {}) as Record<string, unknown>),
    agencyName: target.name,
    reason,
    legalBasis: 'Luật BVQLNTD 2023 Điều 11(3)',
  };
  await tx.db
    .updateTable('request')
    .set({
      agency_id: target.id,
      agency_kind: target.kind,
      commune_code: target.level === 'commune' ? target.commune_code : null,
      routing: JSON.stringify(routing),
      assigned_to: null,
      ...(how === 'rerouted' ? { reroute_count: r.reroute_count + 1 } : { bounce_count: r.bounce_count + 1 }),
      updated_at: now,
    })
    .where('id', '=', r.id)
    .execute();
  await meetIfRunning(tx, r.id, 'request.forward_to_agency');
  if (how === 'bounced')
    await startClock(tx, {
      entityType: ENTITY,
      entityId: r.id,
      entityLabel: r.code,
      rule: 'request.forward_to_agency',
      startedAt: now,
      provinceCode: r.province_code,
    });
  await insertEvent(tx.db, {
    requestId: r.id,
    at: now,
    type: how,
    ...actorOf(tx.actor),
    // A re-route is the Art. 11(3) notice; a bounce stays internal until the focal agency forwards it.
    public: how === 'rerouted',
    data: { agencyId: target.id, agencyName: target.name, agencyKind: target.kind, fromAgencyId: r.agency_id, reason },
  });
  await syncDue(tx, r.id);
  await recordAudit(tx, {
    action: `request.${how === 'rerouted' ? 'reroute' : 'bounce'}`,
    entityType: ENTITY,
    entityId: r.id,
    summary: { code: r.code, from: r.agency_id, to: target.id, reason },
  });
  if (how === 'rerouted')
    await toConsumer(
      tx,
      r,
      `Hồ sơ ${r.code} được chuyển đến ${target.name}`,
      `Theo Điều 11 khoản 3 Luật BVQLNTD 2023, hồ sơ của quý vị được chuyển đến ${target.name}. Lý do: ${reason}`,
    );
  await alertAgency(
    tx,
    { id: r.id, code: r.code, agency_id: target.id, commune_code: target.commune_code },
    how === 'rerouted' ? 'Hồ sơ được chuyển đến' : 'Hồ sơ trả về cơ quan đầu mối',
  );
  return { id: r.id, code: r.code, agency: { id: target.id, kind: target.kind, name: target.name } };
}

/** Bulk assignment to an officer who may handle every one of the cases. */
export async function assignRequests(ctx: Ctx, input: { ids: string[]; assigneeId: string | null }) {
  requirePermission(ctx, 'requests.assign');
  return inTransaction(ctx, async (tx) => {
    const t = tx as Ctx & { actor: UserActor };
    let assignee:
      | {
          id: string;
          display_name: string;
          role: string;
          agency_id: string | null;
          commune_code: string | null;
          kind: string;
          active: boolean;
        }
      | undefined;
    if (input.assigneeId) {
      if (!UUID.test(input.assigneeId)) throw notFound('request.assignee_not_found', 'Không tìm thấy cán bộ được giao.');
      assignee = await tx.db
        .selectFrom('app_user')
        .select(['id', 'display_name', 'role', 'agency_id', 'commune_code', 'kind', 'active'])
        .where('id', '=', input.assigneeId)
        .executeTakeFirst();
      if (!assignee || !assignee.active || assignee.kind !== 'staff')
        throw notFound('request.assignee_not_found', 'Không tìm thấy cán bộ được giao.');
      if (!['admin', 'agency_manager', 'case_officer'].includes(assignee.role))
        throw invalid('request.assignee_cannot_handle', 'Cán bộ này không có quyền xử lý hồ sơ.');
    }
    const now = tx.now();
    const out: string[] = [];
    for (const id of [...new Set(input.ids)]) {
      const r = await loadInScope(t, id, true);
      if (
        assignee &&
        !inCaseScope(
          {
            type: 'user',
            userKind: 'staff',
            role: assignee.role,
            agencyId: assignee.agency_id,
            communeCode: assignee.commune_code,
          } as UserActor,
          r,
        )
      )
        throw invalid('request.assignee_out_of_scope', `Cán bộ được giao không thuộc cơ quan xử lý hồ sơ ${r.code}.`);
      await tx.db
        .updateTable('request')
        .set({ assigned_to: assignee?.id ?? null, updated_at: now })
        .where('id', '=', r.id)
        .execute();
      await insertEvent(tx.db, {
        requestId: r.id,
        at: now,
        type: 'assigned',
        ...actorOf(t.actor),
        public: false,
        data: { assigneeId: assignee?.id ?? null, assigneeName: assignee?.display_name ?? null },
      });
      await recordAudit(tx, {
        action: 'request.assign',
        entityType: ENTITY,
        entityId: r.id,
        summary: { code: r.code, assigneeId: assignee?.id ?? null },
      });
      out.push(r.id);
    }
    return { assigned: out.length, ids: out, assigneeId: assignee?.id ?? null };
  });
}

/** An internal note (never shown to the consumer). */
export async function addNote(ctx: Ctx, id: string, input: { body: string }) {
  return act(ctx, id, async (tx, r) => {
    const note = await tx.db
      .insertInto('request_note')
      .values({ request_id: r.id, author_id: tx.actor.userId, body: input.body, created_at: tx.now() })
      .returning(['id', 'created_at'])
      .executeTakeFirstOrThrow();
    await recordAudit(tx, { action: 'request.note', entityType: ENTITY, entityId: r.id, summary: { code: r.code, noteId: note.id } });
    return { id: note.id, body: input.body, author: tx.actor.displayName, createdAt: note.created_at.toISOString() };
  });
}

/** An officer corrects the labels; the correction is stored for retraining and the model retrains. */
export async function correctClassification(ctx: Ctx, id: string, input: { sector: Sector; violations: ViolationType[] }) {
  const out = await act(ctx, id, async (tx, r) => {
    const now = tx.now();
    await tx.db
      .insertInto('classification_correction')
      .values({
        request_id: r.id,
        text: r.description,
        sector: input.sector,
        violations: input.violations,
        corrected_by: tx.actor.userId,
        created_at: now,
      })
      .execute();
    await tx.db
      .updateTable('request')
      .set({ sector: input.sector, violations: input.violations, updated_at: now })
      .where('id', '=', r.id)
      .execute();
    await insertEvent(tx.db, {
      requestId: r.id,
      at: now,
      type: 'classification_corrected',
      ...actorOf(tx.actor),
      public: false,
      data: { sector: input.sector, violations: input.violations, before: { sector: r.sector, violations: r.violations } },
    });
    await recordAudit(tx, {
      action: 'request.classification_correct',
      entityType: ENTITY,
      entityId: r.id,
      summary: { code: r.code, sector: input.sector, violations: input.violations, before: { sector: r.sector, violations: r.violations } },
    });
    return { id: r.id, sector: input.sector, violations: input.violations };
  });
  retrainLater(ctx.deps);
  return out;
}

/** Dashboard figures: how often cases are re-routed or bounced (scoped to the caller). */
export async function routingStats(ctx: Ctx) {
  requirePermission(ctx, 'requests.read');
  let q = ctx.db
    .selectFrom('request')
    .select((eb) => [
      eb.fn.countAll<string>().as('total'),
      eb.fn.sum<string>(eb.case().when('reroute_count', '>', 0).then(1).else(0).end()).as('rerouted'),
      eb.fn.sum<string>(eb.case().when('bounce_count', '>', 0).then(1).else(0).end()).as('bounced'),
    ]);
  q = scopeWhere(q, ctx.actor);
  const r = await q.executeTakeFirstOrThrow();
  const total = Number(r.total);
  const rerouted = Number(r.rerouted ?? 0);
  const bounced = Number(r.bounced ?? 0);
  return { total, rerouted, bounced, rerouteRate: total ? rerouted / total : 0, bounceRate: total ? bounced / total : 0 };
}
