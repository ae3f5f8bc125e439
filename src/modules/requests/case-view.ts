/**
 * The case as officers and the public see it: the shared view pieces (clocks, routing, missing
 * items, classification, timeline texts) and `getRequest`, one case for an officer with personal
 * data (audited as a personal-data read), its timeline, notes, attachments (withheld outside a
 * confidential negotiation), potential violations, duplicates in scope and what the officer may do.
 */
import { recordPersonalDataAccess } from '../../platform/audit.js';
import { requirePermission } from '../../platform/auth/permissions.js';
import { readEntityClocks, type ClockView } from '../../platform/clocks/index.js';
import type { Ctx } from '../../platform/context.js';
import { agencyLabels, sectorLabels, violationLabels, type Sector, type ViolationType } from '../classify/index.js';
import { missingLabels, type MissingItem } from './intake.js';
import { statusLabel } from './lifecycle.js';
import { findDuplicates, listAttachments, listEvents, listNotes, type RequestRow } from './repo.js';
import { refusalGroundLabels, eventLabels } from './texts.js';
import { findNegotiation, negotiationView } from './negotiation-view.js';
import type { RefusalGround, RequestStatus } from './schema.js';
import { ENTITY } from './case-support.js';
import { caseCan, inCaseScope, insideCase, loadInScope } from './access.js';

export interface ClockBrief {
  id: string;
  rule: string;
  startedAt: string;
  label: string;
  state: string;
  dueAt: string;
  dueDate: string;
  late: boolean;
  legalBasis: string;
  internalSla: boolean;
  explanation: string;
}

export const clockBrief = (c: ClockView): ClockBrief => ({
  id: c.id,
  rule: c.rule,
  startedAt: c.startedAt.toISOString(),
  label: c.label,
  state: c.state,
  dueAt: c.dueAt.toISOString(),
  dueDate: c.dueDate,
  late: c.late,
  legalBasis: c.legalBasis,
  internalSla: c.internalSla,
  explanation: c.explanation,
});

export function routingView(r: RequestRow) {
  const routing = (r.routing ?? {}) as {
    reason?: string;
    legalBasis?: string;
    explanation?: string;
    alternatives?: { kind: string; score: number; reason?: string }[];
    agencyName?: string;
  };
  return {
    agency: { kind: r.agency_kind ?? 'so-cong-thuong', id: r.agency_id, name: routing.agencyName ?? agencyName(r.agency_kind) },
    reason: routing.reason ?? '',
    legalBasis: routing.legalBasis ?? '',
    alternatives: (routing.alternatives ?? []).map((a) => ({ kind: a.kind, score: a.score, reason: a.reason ?? '' })),
    explanation: routing.explanation ?? '',
    rerouteCount: r.reroute_count,
    bounceCount: r.bounce_count,
  };
}

const agencyName = (kind: string | null) =>
  kind && kind in agencyLabels ? agencyLabels[kind as keyof typeof agencyLabels] : 'Cơ quan tiếp nhận';

export function missingView(codes: readonly string[]) {
  return codes.map((c) => ({ code: c, label: missingLabels[c as MissingItem] ?? c }));
}

export function classificationOf(r: RequestRow) {
  const c = (r.classification ?? {}) as { confidence?: number; explanation?: string; sector?: string; violations?: string[] };
  return {
    sector: r.sector ?? c.sector ?? 'services-other',
    violations: r.violations,
    confidence: c.confidence ?? 0,
    explanation: c.explanation ?? '',
    corrected: c.sector !== undefined && (c.sector !== r.sector || (c.violations ?? []).join() !== r.violations.join()),
  };
}

/** The text of a public timeline event (tracking page, and the officer's timeline). */
export function publicText(e: { type: string; data: unknown }): string {
  const d = (e.data ?? {}) as Record<string, unknown>;
  switch (e.type) {
    case 'routed':
      // The routing reason already opens with the agency's name.
      return String(d.reason ?? d.agencyName ?? '');
    case 'rerouted':
      return `${String(d.agencyName ?? '')}${d.reason ? `: ${String(d.reason)}` : ''}`;
    case 'refused':
      return `${refusalGroundLabels[d.ground as RefusalGround] ?? ''}${d.explanation ? `. ${String(d.explanation)}` : ''}`;
    case 'supplement_requested':
      return missingView((d.missing as string[]) ?? [])
        .map((m) => m.label)
        .join('; ');
    case 'forwarded_to_business':
      return String(d.businessName ?? '');
    case 'business_responded':
    case 'business_progress':
    case 'business_incorrect':
      return String(d.explanation ?? '');
    case 'reopened':
      return String(d.reason ?? '');
    case 'status_changed':
      return statusLabel(d.to as RequestStatus) + (d.publicNote ? `: ${String(d.publicNote)}` : '');
    default:
      return '';
  }
}

/** One case for an officer, with personal data (audited as a personal-data read). */
export async function getRequest(ctx: Ctx, id: string) {
  requirePermission(ctx, 'requests.read');
  const r = await loadInScope(ctx, id);
  await recordPersonalDataAccess(ctx, ENTITY, r.id, ['consumer', 'representative']);
  const [events, notes, attachments, clocks, duplicates] = await Promise.all([
    listEvents(ctx.db, r.id, false),
    listNotes(ctx.db, r.id),
    listAttachments(ctx.db, r.id),
    readEntityClocks(ctx, ENTITY, r.id),
    findDuplicates(ctx.db, r),
  ]);
  const negotiation = await findNegotiation(ctx.db, r.id);
  const hidden = !!negotiation?.confidential && !insideCase(ctx.actor, r);
  const violations = await ctx.db
    .selectFrom('potential_violation')
    .select(['id', 'rule', 'legal_basis', 'fine_min_vnd', 'fine_max_vnd', 'status', 'created_at'])
    .where('request_id', '=', r.id)
    .orderBy('created_at')
    .execute();
  const assignee = r.assigned_to
    ? await ctx.db.selectFrom('app_user').select(['id', 'display_name']).where('id', '=', r.assigned_to).executeTakeFirst()
    : undefined;
  return {
    id: r.id,
    code: r.code,
    kind: r.kind,
    channel: r.channel,
    status: r.status as RequestStatus,
    statusLabel: statusLabel(r.status as RequestStatus),
    receivedAt: r.received_at.toISOString(),
    consumer: r.consumer as Record<string, unknown>,
    representative: (r.representative as Record<string, unknown> | null) ?? null,
    vulnerable: r.vulnerable,
    business: r.business as Record<string, unknown>,
    transaction: (r.txn as Record<string, unknown> | null) ?? null,
    description: r.description,
    desiredOutcome: r.desired_outcome,
    priorContact: (r.prior_contact as Record<string, unknown> | null) ?? null,
    consents: r.consents as Record<string, unknown>,
    language: r.language,
    placeCommuneCode: r.place_commune_code,
    communeCode: r.commune_code,
    classification: classificationOf(r),
    routing: routingView(r),
    missing: missingView(r.missing),
    refusalGround: r.refusal_ground,
    enforcementFlag: r.enforcement_flag,
    duplicateOf: r.duplicate_of,
    negotiation: negotiation ? { ...negotiationView(negotiation), ...(hidden ? { explanation: null, remedy: null } : {}) } : null,
    confidentialHidden: hidden,
    potentialViolations: violations.map((v) => ({
      id: v.id,
      rule: v.rule,
      legalBasis: v.legal_basis,
      fineMinVnd: Number(v.fine_min_vnd),
      fineMaxVnd: Number(v.fine_max_vnd),
      status: v.status,
      createdAt: v.created_at.toISOString(),
    })),
    closingOutcome: r.closing_outcome,
    closedAt: r.closed_at ? r.closed_at.toISOString() : null,
    stageTimes: r.stage_times,
    assignedTo: assignee ? { id: assignee.id, name: assignee.display_name } : null,
    clocks: clocks.map(clockBrief),
    timeline: events.map((e) => ({
      at: e.at.toISOString(),
      type: e.type,
      label: eventLabels[e.type] ?? e.type,
      actor: e.actor_label,
      public: e.public,
      text: publicText(e) || internalText(e),
    })),
    notes: notes.map((n) => ({ id: n.id, body: n.body, author: n.author, createdAt: n.created_at.toISOString() })),
    attachments: (hidden ? [] : attachments).map((a) => ({
      id: a.id,
      filename: a.filename,
      mediaType: a.media_type,
      sizeBytes: a.size_bytes,
      createdAt: a.created_at.toISOString(),
    })),
    // Only duplicates the officer may open and merge into.
    duplicates: duplicates
      .filter((d) => inCaseScope(ctx.actor, d))
      .map((d) => ({ id: d.id, code: d.code, status: d.status, receivedAt: d.received_at.toISOString() })),
    can: { ...caseCan(ctx.actor, r), forwardToBusiness: caseCan(ctx.actor, r).forward && !negotiation && !r.enforcement_flag },
  };
}

function internalText(e: { type: string; data: unknown }): string {
  const d = (e.data ?? {}) as Record<string, unknown>;
  if (e.type === 'bounced') return String(d.reason ?? '');
  if (e.type === 'assigned') return String(d.assigneeName ?? '');
  if (e.type === 'classification_corrected')
    return `${sectorLabels[d.sector as Sector] ?? String(d.sector)} · ${((d.violations as string[]) ?? []).map((v) => violationLabels[v as ViolationType] ?? v).join(', ')}`;
  if (e.type === 'merged') return String(d.intoCode ?? '');
  if (e.type === 'flagged_enforcement')
    return ((d.violations as string[]) ?? []).map((v) => violationLabels[v as ViolationType] ?? v).join(', ');
  return '';
}
