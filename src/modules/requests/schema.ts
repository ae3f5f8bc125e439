/**
 * Zod schemas for consumer requests (yêu cầu, phản ánh, khiếu nại): the intake body of
 * `POST /api/v1/requests` (issue 4 shape: extend, never rename), and the views.
 */
import { z } from 'zod';
import { isoDate, nfcText } from '../../platform/api.js';
import { sectors, violationTypes } from '../classify/schema.js';

export const requestKinds = ['request', 'feedback', 'complaint'] as const;
export const channels = ['web', 'hotline', 'in_person', 'post', 'email', 'api', 'ncc_referral'] as const;
/** Law 19/2023 Art. 8(1)(a)–(g). */
export const vulnerableCodes = [
  'elderly',
  'disability',
  'child',
  'ethnic_minority',
  'pregnant_or_infant',
  'severe_illness',
  'poor_household',
] as const;
export const businessReplies = ['none', 'refused', 'partial', 'unsatisfactory'] as const;
/** Law 19/2023 Art. 58(1)–(5): the only grounds on which a negotiation-support request may be refused. */
export const refusalGrounds = [
  'art58_1_incapable_no_representative',
  'art58_2_not_consumer_or_representative',
  'art58_3_insufficient_information',
  'art58_4_outside_competence',
  'art58_5_already_resolved',
] as const;
export const requestStatuses = [
  'received',
  'awaiting_supplement',
  'accepted',
  'forwarded',
  'business_acknowledged',
  'business_responded',
  'in_mediation',
  'in_progress',
  'resolved',
  'refused',
  'closed',
] as const;

export type RequestKind = (typeof requestKinds)[number];
export type Channel = (typeof channels)[number];
export type VulnerableCode = (typeof vulnerableCodes)[number];
export type RefusalGround = (typeof refusalGrounds)[number];
export type RequestStatus = (typeof requestStatuses)[number];

const phone = z
  .string()
  .trim()
  .transform((s) => s.replace(/[\s.()-]/g, ''))
  .pipe(z.string().regex(/^(\+84|0)\d{8,10}$/, 'Số điện thoại Việt Nam không hợp lệ'))
  // One form for lookups by phone (hotline): +84… is stored as 0….
  .transform((s) => (s.startsWith('+84') ? `0${s.slice(3)}` : s));
const email = z.email('Địa chỉ email không hợp lệ').max(200);
const communeCode = z.string().regex(/^\d{5}$/, 'Mã xã/phường gồm 5 chữ số');
const url = z.url('Địa chỉ web không hợp lệ').max(500);

export const consumerInput = z
  .strictObject({
    fullName: nfcText(2, 200),
    phone: phone.optional(),
    email: email.optional(),
    birthDate: isoDate.optional(),
    birthYear: z.number().int().min(1900).max(2100).optional(),
    address: z.strictObject({ line: nfcText(1, 300).optional(), communeCode: communeCode.optional() }).optional(),
    vulnerable: z.array(z.enum(vulnerableCodes)).max(7).optional(),
    preferredLanguage: z.string().trim().min(2).max(20).optional(),
  })
  .refine((c) => !(c.birthDate && c.birthYear), { message: 'Chỉ nhập ngày sinh hoặc năm sinh', path: ['birthYear'] });

export const requestInput = z.strictObject({
  kind: z.enum(requestKinds),
  channel: z.enum(channels),
  consumer: consumerInput,
  representative: z
    .strictObject({ fullName: nfcText(2, 200), relation: nfcText(2, 100), phone: phone.optional(), email: email.optional() })
    .optional(),
  business: z.strictObject({
    name: nfcText(2, 300),
    taxCode: z
      .string()
      .trim()
      .regex(/^\d{10}(-\d{3})?$/, 'Mã số thuế gồm 10 chữ số (hoặc 10-3)')
      .optional(),
    address: nfcText(1, 300).optional(),
    website: url.optional(),
    platform: nfcText(1, 100).optional(),
    phone: phone.optional(),
  }),
  transaction: z
    .strictObject({
      date: isoDate.optional(),
      amountVnd: z.number().int('Số tiền là số nguyên (đồng)').min(0).max(1e15).optional(),
      productOrService: nfcText(1, 300).optional(),
      place: z.strictObject({ communeCode: communeCode.optional(), online: z.boolean().optional(), url: url.optional() }).optional(),
    })
    .optional(),
  description: nfcText(20, 10_000),
  desiredOutcome: nfcText(1, 2000).optional(),
  priorContact: z.strictObject({ date: isoDate.optional(), businessReply: z.enum(businessReplies) }).optional(),
  consents: z.strictObject({ privacyNoticeVersion: z.string().trim().min(1).max(20), publishNarrative: z.boolean().optional() }),
  /** Honeypot of the HTML form: a person leaves it empty. */
  website2: z.string().max(0).optional(),
});
export type RequestInput = z.infer<typeof requestInput>;

export const refuseInput = z.strictObject({
  ground: z.enum(refusalGrounds),
  explanation: nfcText(5, 2000),
});

// ── staff inputs ────────────────────────────────────────────────────────────

const boolQuery = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const listOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.union([z.enum(values), z.array(z.enum(values)).max(values.length)]).transform((v) => (Array.isArray(v) ? v : [v]));

export const inboxQuery = z.strictObject({
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  q: z.string().trim().min(1).max(200).optional(),
  status: listOf(requestStatuses).optional(),
  includeClosed: boolQuery.optional(),
  sector: z.enum(sectors).optional(),
  violation: z.enum(violationTypes).optional(),
  channel: z.enum(channels).optional(),
  kind: z.enum(requestKinds).optional(),
  vulnerable: boolQuery.optional(),
  overdue: boolQuery.optional(),
  commune: communeCode.optional(),
  assignedTo: z.enum(['me', 'none']).optional(),
  agencyId: z.uuid().optional(),
});
export type InboxQuery = z.infer<typeof inboxQuery>;

export const previewInput = z.strictObject({
  description: nfcText(5, 10_000),
  kind: z.enum(requestKinds).optional(),
  business: z
    .strictObject({
      name: nfcText(1, 300).optional(),
      taxCode: z.string().trim().max(20).optional(),
      address: nfcText(1, 300).optional(),
      website: z.string().trim().max(500).optional(),
      platform: nfcText(1, 100).optional(),
      phone: z.string().trim().max(20).optional(),
    })
    .optional(),
  transaction: z
    .strictObject({
      date: isoDate.optional(),
      amountVnd: z.number().int().min(0).max(1e15).optional(),
      productOrService: nfcText(1, 300).optional(),
      place: z
        .strictObject({ communeCode: communeCode.optional(), online: z.boolean().optional(), url: z.string().trim().max(500).optional() })
        .optional(),
    })
    .optional(),
});

export const statusInput = z.strictObject({
  to: z.enum(['awaiting_supplement', 'accepted', 'in_progress', 'resolved', 'closed']),
  /** Required to close (issue 5): how the case ended. */
  outcome: z
    .enum([
      'resolved_by_negotiation',
      'resolved_by_mediation',
      'resolved_by_agency',
      'refused',
      'withdrawn',
      'referred',
      'no_agreement',
      'duplicate',
    ])
    .optional(),
  note: nfcText(1, 2000).optional(),
  publicNote: nfcText(1, 2000).optional(),
});
export const rerouteInput = z.strictObject({ agencyId: z.uuid(), reason: nfcText(5, 2000) });
export const bounceInput = z.strictObject({ reason: nfcText(5, 2000) });
export const assignInput = z.strictObject({ ids: z.array(z.uuid()).min(1).max(200), assigneeId: z.uuid().nullable() });
export const noteInput = z.strictObject({ body: nfcText(1, 5000) });
export const correctionInput = z.strictObject({
  sector: z.enum(sectors),
  violations: z.array(z.enum(violationTypes)).min(1).max(violationTypes.length),
});
export const mergeInput = z.strictObject({ intoId: z.uuid() });
export const trackQuery = z.strictObject({ secret: z.string().min(1).max(200) });

// ── views (responses) ───────────────────────────────────────────────────────
const clockBriefView = z.object({
  id: z.string(),
  rule: z.string(),
  startedAt: z.string(),
  label: z.string(),
  state: z.string(),
  dueAt: z.string(),
  dueDate: z.string(),
  late: z.boolean(),
  legalBasis: z.string(),
  internalSla: z.boolean(),
  explanation: z.string(),
});
const classificationOut = z.object({
  sector: z.string(),
  violations: z.array(z.string()),
  confidence: z.number(),
  explanation: z.string(),
  corrected: z.boolean(),
});
const routingOut = z.object({
  agency: z.object({ kind: z.string(), id: z.string().nullable(), name: z.string() }),
  reason: z.string(),
  legalBasis: z.string(),
  alternatives: z.array(z.object({ kind: z.string(), score: z.number(), reason: z.string() })),
  explanation: z.string(),
  rerouteCount: z.number(),
  bounceCount: z.number(),
});
const missingOut = z.array(z.object({ code: z.string(), label: z.string() }));

export const receiptView = z.object({
  id: z.string(),
  code: z.string(),
  trackingSecret: z.string(),
  trackingUrl: z.string(),
  receivedAt: z.string(),
  status: z.enum(requestStatuses),
  classification: classificationOut,
  routing: routingOut,
  clocks: z.array(clockBriefView),
  missing: missingOut,
  vulnerable: z.array(z.string()),
  vulnerableSuggested: z.array(z.string()),
  enforcementFlag: z.boolean(),
});

export const previewView = z.object({
  sector: z.string(),
  violations: z.array(z.string()),
  confidence: z.number(),
  agency: z.object({ kind: z.string(), id: z.string().nullable(), name: z.string() }),
  reason: z.string(),
  legalBasis: z.string(),
  alternatives: z.array(z.object({ kind: z.string(), score: z.number() })),
  explanation: z.string(),
});

export const negotiationOut = z.object({
  businessTaxCode: z.string(),
  businessName: z.string(),
  forwardedAt: z.string(),
  confidential: z.boolean(),
  eligibilityWarning: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  outcome: z.string().nullable(),
  outcomeLabel: z.string().nullable(),
  explanation: z.string().nullable(),
  remedy: z.object({ description: z.string(), amountVnd: z.number().optional(), dueDate: z.string().optional() }).nullable(),
  publicResponse: z.string().nullable(),
  respondedAt: z.string().nullable(),
  resultReportedAt: z.string().nullable(),
  consumerAccepted: z.boolean().nullable(),
  consumerRating: z.number().nullable(),
  feedbackAt: z.string().nullable(),
  remedyDueDate: z.string().nullable(),
  remedyReceivedAt: z.string().nullable(),
  reopenCount: z.number(),
});
const trackingNegotiationOut = z.object({
  businessName: z.string(),
  outcome: z.string().nullable(),
  outcomeLabel: z.string().nullable(),
  explanation: z.string().nullable(),
  remedy: z.object({ description: z.string(), amountVnd: z.number().optional(), dueDate: z.string().optional() }).nullable(),
  respondedAt: z.string().nullable(),
  consumerAccepted: z.boolean().nullable(),
  rating: z.number().nullable(),
  remedyDueDate: z.string().nullable(),
  remedyReceivedAt: z.string().nullable(),
  can: z.object({ feedback: z.boolean(), confirmRemedy: z.boolean(), reopen: z.boolean() }),
});

export const trackView = z.object({
  code: z.string(),
  kind: z.string(),
  status: z.enum(requestStatuses),
  statusLabel: z.string(),
  receivedAt: z.string(),
  agency: z.object({ kind: z.string(), name: z.string() }),
  missing: missingOut,
  negotiation: trackingNegotiationOut.nullable(),
  closingOutcome: z.string().nullable(),
  timeline: z.array(z.object({ at: z.string(), type: z.string(), label: z.string(), text: z.string() })),
  clocks: z.array(
    z.object({
      label: z.string(),
      state: z.string(),
      dueAt: z.string(),
      dueDate: z.string(),
      late: z.boolean(),
      legalBasis: z.string(),
      internalSla: z.boolean(),
    }),
  ),
});

export const inboxItemView = z.object({
  id: z.string(),
  code: z.string(),
  kind: z.string(),
  channel: z.string(),
  status: z.enum(requestStatuses),
  statusLabel: z.string(),
  receivedAt: z.string(),
  businessName: z.string(),
  sector: z.string().nullable(),
  violations: z.array(z.string()),
  vulnerable: z.array(z.string()),
  agencyKind: z.string().nullable(),
  agencyName: z.string().nullable(),
  communeCode: z.string().nullable(),
  placeCommuneCode: z.string().nullable(),
  nextDueAt: z.string().nullable(),
  overdue: z.boolean(),
  enforcementFlag: z.boolean(),
  assignedTo: z.object({ id: z.string(), name: z.string() }).nullable(),
});

const json = z.record(z.string(), z.unknown());
export const caseView = z.object({
  id: z.string(),
  code: z.string(),
  kind: z.string(),
  channel: z.string(),
  status: z.enum(requestStatuses),
  statusLabel: z.string(),
  receivedAt: z.string(),
  consumer: json,
  representative: json.nullable(),
  vulnerable: z.array(z.string()),
  business: json,
  transaction: json.nullable(),
  description: z.string(),
  desiredOutcome: z.string().nullable(),
  priorContact: json.nullable(),
  consents: json,
  language: z.string(),
  placeCommuneCode: z.string().nullable(),
  communeCode: z.string().nullable(),
  classification: classificationOut,
  routing: routingOut,
  missing: missingOut,
  refusalGround: z.string().nullable(),
  enforcementFlag: z.boolean(),
  duplicateOf: z.string().nullable(),
  negotiation: negotiationOut.nullable(),
  /** A confidential negotiation seen by staff outside the case: documents and terms withheld. */
  confidentialHidden: z.boolean(),
  potentialViolations: z.array(
    z.object({
      id: z.string(),
      rule: z.string(),
      legalBasis: z.string(),
      fineMinVnd: z.number(),
      fineMaxVnd: z.number(),
      status: z.string(),
      createdAt: z.string(),
    }),
  ),
  closingOutcome: z.string().nullable(),
  closedAt: z.string().nullable(),
  stageTimes: z.record(z.string(), z.number()).nullable(),
  assignedTo: z.object({ id: z.string(), name: z.string() }).nullable(),
  clocks: z.array(clockBriefView),
  timeline: z.array(
    z.object({ at: z.string(), type: z.string(), label: z.string(), actor: z.string(), public: z.boolean(), text: z.string() }),
  ),
  notes: z.array(z.object({ id: z.string(), body: z.string(), author: z.string(), createdAt: z.string() })),
  attachments: z.array(
    z.object({ id: z.string(), filename: z.string(), mediaType: z.string(), sizeBytes: z.number(), createdAt: z.string() }),
  ),
  duplicates: z.array(z.object({ id: z.string(), code: z.string(), status: z.string(), receivedAt: z.string() })),
  can: z.record(z.string(), z.boolean()),
});

/** What a consumer adds with the tracking secret when asked for missing items (Art. 58(3), 11(4)). */
export const supplementInput = z
  .strictObject({
    business: z
      .strictObject({
        taxCode: z
          .string()
          .trim()
          .regex(/^\d{10}(-\d{3})?$/, 'Mã số thuế gồm 10 chữ số (hoặc 10-3)')
          .optional(),
        address: nfcText(1, 300).optional(),
        website: z.url('Địa chỉ web không hợp lệ').max(500).optional(),
        platform: nfcText(1, 100).optional(),
      })
      .optional(),
    transaction: z
      .strictObject({
        date: isoDate.optional(),
        amountVnd: z.number().int('Số tiền là số nguyên (đồng)').min(0).max(1e15).optional(),
        productOrService: nfcText(1, 300).optional(),
      })
      .optional(),
    consumer: z
      .strictObject({ birthYear: z.number().int().min(1900).max(2100).optional(), phone: phone.optional(), email: email.optional() })
      .optional(),
    representative: z
      .strictObject({ fullName: nfcText(2, 200), relation: nfcText(2, 100), phone: phone.optional(), email: email.optional() })
      .optional(),
    note: nfcText(1, 2000).optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: 'Chưa có thông tin bổ sung' });
export type SupplementInput = z.infer<typeof supplementInput>;

// ── negotiation support (issue 5) ───────────────────────────────────────────
export const closingOutcomes = [
  'resolved_by_negotiation',
  'resolved_by_mediation',
  'resolved_by_agency',
  'refused',
  'withdrawn',
  'referred',
  'no_agreement',
  'duplicate',
] as const;
export type ClosingOutcome = (typeof closingOutcomes)[number];

export const forwardInput = z.strictObject({
  taxCode: z
    .string()
    .trim()
    .regex(/^\d{10}(-\d{3})?$/, 'Mã số thuế gồm 10 chữ số (hoặc 10-3)')
    .optional(),
  businessEmail: email.optional(),
  note: nfcText(1, 2000).optional(),
  /** Art. 59(1)(d): a party asked for confidentiality. */
  confidential: z.boolean().optional(),
});
export type ForwardInput = z.infer<typeof forwardInput>;

export const businessResponseInput = z.strictObject({
  outcome: z.enum(['explained', 'monetary_relief', 'non_monetary_relief', 'refused_with_reason', 'incorrect_business', 'in_progress']),
  explanation: nfcText(10, 5000),
  remedy: z
    .strictObject({
      description: nfcText(3, 1000),
      amountVnd: z.number().int('Số tiền là số nguyên (đồng)').min(0).max(1e15).optional(),
      dueDate: isoDate.optional(),
    })
    .optional(),
  publicResponse: z
    .enum(['responded_to_consumer', 'acted_in_good_faith', 'disputes_facts', 'improved_practices', 'no_public_response'])
    .optional(),
});
export type BusinessResponseInput = z.infer<typeof businessResponseInput>;

export const businessReportInput = z.strictObject({ summary: nfcText(5, 5000) });

export const feedbackInput = z.strictObject({
  accepted: z.boolean(),
  rating: z.number().int().min(1).max(5).optional(),
  comment: nfcText(1, 2000).optional(),
});
export type FeedbackInput = z.infer<typeof feedbackInput>;

export const reopenInput = z.strictObject({ reason: nfcText(5, 2000) });
