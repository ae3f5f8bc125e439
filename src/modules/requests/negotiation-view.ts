/**
 * What is shown of a negotiation (issue 5): labels, the staff and business view, and the public
 * tracking part. No dependency on the service, so that the service can show it.
 */
import { sql } from 'kysely';
import type { Ctx } from '../../platform/context.js';

export const businessOutcomes = [
  'explained',
  'monetary_relief',
  'non_monetary_relief',
  'refused_with_reason',
  'incorrect_business',
  'in_progress',
] as const;
export type BusinessOutcome = (typeof businessOutcomes)[number];

export const outcomeLabels: Record<BusinessOutcome, string> = {
  explained: 'Đã giải thích cho người tiêu dùng',
  monetary_relief: 'Bồi hoàn bằng tiền',
  non_monetary_relief: 'Khắc phục không bằng tiền (đổi, sửa, bảo hành…)',
  refused_with_reason: 'Từ chối, có nêu lý do bằng văn bản',
  incorrect_business: 'Không phải doanh nghiệp liên quan',
  in_progress: 'Đang xử lý',
};

/** The fixed list a business may choose for later publication (CFPB-style). */
export const publicResponses = [
  'responded_to_consumer',
  'acted_in_good_faith',
  'disputes_facts',
  'improved_practices',
  'no_public_response',
] as const;
export const publicResponseLabels: Record<(typeof publicResponses)[number], string> = {
  responded_to_consumer: 'Doanh nghiệp đã trả lời trực tiếp người tiêu dùng',
  acted_in_good_faith: 'Doanh nghiệp cho rằng đã hành động thiện chí, đúng cam kết',
  disputes_facts: 'Doanh nghiệp không đồng ý với các tình tiết nêu trong phản ánh',
  improved_practices: 'Doanh nghiệp đã điều chỉnh quy trình để tránh lặp lại',
  no_public_response: 'Doanh nghiệp chọn không trả lời công khai',
};

export interface NegotiationRow {
  request_id: string;
  business_tax_code: string;
  business_name: string;
  business_email: string | null;
  forwarded_at: Date;
  confidential: boolean;
  acknowledged_at: Date | null;
  outcome: string | null;
  explanation: string | null;
  remedy: { description: string; amountVnd?: number; dueDate?: string } | null;
  public_response: string | null;
  responded_at: Date | null;
  result_reported_at: Date | null;
  consumer_accepted: boolean | null;
  consumer_rating: number | null;
  consumer_comment: string | null;
  feedback_at: Date | null;
  remedy_due_date: string | null;
  remedy_received_at: Date | null;
  reopened_at: Date | null;
  reopen_count: number;
  eligibility_warning: string | null;
}

export const findNegotiation = (db: Ctx['db'], id: string) =>
  db
    .selectFrom('negotiation')
    .selectAll()
    .select(sql<string | null>`to_char(remedy_due_date, 'YYYY-MM-DD')`.as('remedy_due_date'))
    .where('request_id', '=', id)
    .executeTakeFirst() as Promise<NegotiationRow | undefined>;

export function negotiationView(n: NegotiationRow) {
  return {
    businessTaxCode: n.business_tax_code,
    businessName: n.business_name,
    forwardedAt: n.forwarded_at.toISOString(),
    confidential: n.confidential,
    eligibilityWarning: n.eligibility_warning,
    acknowledgedAt: n.acknowledged_at?.toISOString() ?? null,
    outcome: n.outcome,
    outcomeLabel: n.outcome ? (outcomeLabels[n.outcome as BusinessOutcome] ?? n.outcome) : null,
    explanation: n.explanation,
    remedy: n.remedy,
    publicResponse: n.public_response,
    respondedAt: n.responded_at?.toISOString() ?? null,
    resultReportedAt: n.result_reported_at?.toISOString() ?? null,
    consumerAccepted: n.consumer_accepted,
    consumerRating: n.consumer_rating,
    feedbackAt: n.feedback_at?.toISOString() ?? null,
    remedyDueDate: n.remedy_due_date,
    remedyReceivedAt: n.remedy_received_at?.toISOString() ?? null,
    reopenCount: n.reopen_count,
  };
}

/** The negotiation part of the public tracking view (no personal data). */
export async function trackingNegotiation(ctx: Ctx, requestId: string, status: string) {
  const n = await findNegotiation(ctx.db, requestId);
  if (!n) return null;
  const v = negotiationView(n);
  const within = n.feedback_at ? ctx.now().getTime() - n.feedback_at.getTime() <= ctx.deps.config.REOPEN_WINDOW_DAYS * 86400_000 : false;
  return {
    businessName: v.businessName,
    outcome: v.outcome,
    outcomeLabel: v.outcomeLabel,
    explanation: n.confidential ? null : v.explanation,
    remedy: v.remedy,
    respondedAt: v.respondedAt,
    consumerAccepted: v.consumerAccepted,
    rating: v.consumerRating,
    remedyDueDate: v.remedyDueDate,
    remedyReceivedAt: v.remedyReceivedAt,
    can: {
      feedback: status === 'business_responded' && n.consumer_accepted === null,
      confirmRemedy: !!n.remedy && n.consumer_accepted === true && !n.remedy_received_at,
      reopen: status === 'resolved' && within,
    },
  };
}
