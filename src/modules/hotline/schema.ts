/**
 * Zod schemas of the hotline console: the three kinds of call an operator logs (a case, advice
 * only, a missed call), the call-back queue, quick answers and the advice statistics, and the
 * views the API answers with.
 */
import { z } from 'zod';
import { isoDate, nfcText, pageQuery } from '../../platform/api.js';
import { sectors } from '../classify/schema.js';
import { requestInput } from '../requests/schema.js';

export const callOutcomes = ['case_created', 'advice_only', 'missed'] as const;
export type CallOutcome = (typeof callOutcomes)[number];

/** What callers ask about when no case is needed (counted in the advice statistics). */
export const adviceTopics = [
  'return-exchange',
  'warranty',
  'counterfeit',
  'ecommerce',
  'contract',
  'services',
  'pricing',
  'direct-selling',
  'data-privacy',
  'where-to-complain',
  'dispute-methods',
  'vulnerable',
  'case-status',
  'other',
] as const;
export type AdviceTopic = (typeof adviceTopics)[number];

export const callbackStatuses = ['open', 'done', 'failed'] as const;
export type CallbackStatus = (typeof callbackStatuses)[number];
/** What an operator can report after dialling a caller back. */
export const attemptResults = ['reached', 'no_answer', 'busy', 'wrong_number'] as const;
export type AttemptResult = (typeof attemptResults)[number];
/** Results the system records itself: the caller rang again and was served on that call. */
export type CallbackResult = AttemptResult | 'served_on_new_call';

/**
 * A Vietnamese phone number as the operator types or the switchboard shows it: separators are
 * dropped and +84 becomes 0, so that one caller has one stored form (0912345678).
 */
export const phoneNumber = z
  .string({ error: 'Nhập số điện thoại' })
  .trim()
  .transform((s) => s.replace(/[\s.()-]/g, ''))
  .pipe(z.string().regex(/^(\+84|0)\d{8,10}$/, 'Số điện thoại Việt Nam không hợp lệ (ví dụ 0912345678)'))
  .transform((s) => (s.startsWith('+84') ? `0${s.slice(3)}` : s));

/** An instant with its offset, e.g. 2026-11-26T10:05:00+07:00 (the call's start). */
export const instant = z.iso.datetime({ offset: true, error: 'Thời điểm theo dạng ISO 8601 có múi giờ' });

const callBase = {
  phone: phoneNumber.optional(),
  callerName: nfcText(1, 200).optional(),
  startedAt: instant.optional(),
  notes: nfcText(1, 2000).optional(),
};

/** The case the operator records with the caller: the intake body without the channel (always `hotline`). */
export const hotlineRequestInput = requestInput.omit({ channel: true, website2: true });
export type HotlineRequestInput = z.infer<typeof hotlineRequestInput>;

export const caseCallInput = z.strictObject({
  outcome: z.literal('case_created'),
  ...callBase,
  request: hotlineRequestInput,
});
export const adviceCallInput = z.strictObject({
  outcome: z.literal('advice_only'),
  ...callBase,
  topic: z.enum(adviceTopics, { error: 'Chọn chủ đề tư vấn' }),
  sector: z.enum(sectors, { error: 'Lĩnh vực không hợp lệ' }).optional(),
  summary: nfcText(5, 1000),
  /** The quick answer the operator read out, if any. */
  answerId: z.uuid({ error: 'Mã câu trả lời không hợp lệ' }).optional(),
});
export const missedCallInput = z.strictObject({
  outcome: z.literal('missed'),
  phone: phoneNumber,
  startedAt: instant.optional(),
  notes: nfcText(1, 2000).optional(),
});
export const logCallInput = z.discriminatedUnion('outcome', [caseCallInput, adviceCallInput, missedCallInput], {
  error: 'Kết quả cuộc gọi phải là case_created, advice_only hoặc missed',
});
export type LogCallInput = z.infer<typeof logCallInput>;
export type CaseCallInput = z.infer<typeof caseCallInput>;
export type AdviceCallInput = z.infer<typeof adviceCallInput>;
export type MissedCallInput = z.infer<typeof missedCallInput>;

export const queueCallbackInput = z.strictObject({ callId: z.uuid({ error: 'Mã cuộc gọi không hợp lệ' }) });
export const attemptInput = z.strictObject({
  result: z.enum(attemptResults, { error: 'Chọn kết quả gọi lại' }),
  note: nfcText(1, 1000).optional(),
});
export type AttemptInput = z.infer<typeof attemptInput>;

export const callbackListQuery = z.strictObject({
  status: z.enum(['open', 'closed', 'all']).default('open'),
  ...pageQuery,
});
export type CallbackListQuery = z.infer<typeof callbackListQuery>;

export const answerQuery = z.strictObject({
  q: z.string().trim().max(200, 'Từ khóa tối đa 200 ký tự').optional(),
  topic: z.enum(adviceTopics).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});
export type AnswerQuery = z.infer<typeof answerQuery>;

export const statsQuery = z.strictObject({ from: isoDate.optional(), to: isoDate.optional() });
export type StatsQuery = z.infer<typeof statsQuery>;

export const lookupQuery = z.strictObject({ phone: phoneNumber });

// ── views (responses) ───────────────────────────────────────────────────────

const person = z.object({ id: z.string(), name: z.string() }).nullable();

export const callView = z.object({
  id: z.string(),
  startedAt: z.string(),
  phone: z.string().nullable(),
  callerName: z.string().nullable(),
  outcome: z.enum(callOutcomes),
  outcomeLabel: z.string(),
  request: z.object({ id: z.string(), code: z.string() }).nullable(),
  topic: z.string().nullable(),
  topicLabel: z.string().nullable(),
  sector: z.string().nullable(),
  summary: z.string().nullable(),
  answerId: z.string().nullable(),
  callbackId: z.string().nullable(),
  operator: person,
  notes: z.string().nullable(),
  can: z.object({ queueCallback: z.boolean() }),
});
export type CallView = z.infer<typeof callView>;

export const callbackView = z.object({
  id: z.string(),
  phone: z.string(),
  missedAt: z.string(),
  lastMissedAt: z.string(),
  missedCount: z.number().int(),
  dueBy: z.string(),
  overdue: z.boolean(),
  dueSoon: z.boolean(),
  status: z.enum(callbackStatuses),
  statusLabel: z.string(),
  attempts: z.number().int(),
  lastAttemptAt: z.string().nullable(),
  lastResult: z.string().nullable(),
  lastResultLabel: z.string().nullable(),
  outcome: z.string().nullable(),
  doneAt: z.string().nullable(),
  operator: person,
  attemptLog: z.array(z.object({ at: z.string(), result: z.string(), note: z.string().nullable(), operatorName: z.string() })),
  can: z.object({ recordAttempt: z.boolean() }),
});
export type CallbackView = z.infer<typeof callbackView>;

export const caseReceiptView = z.object({
  id: z.string(),
  code: z.string(),
  trackingSecret: z.string(),
  trackingUrl: z.string(),
  receivedAt: z.string(),
  status: z.string(),
  agencyName: z.string(),
  missing: z.array(z.object({ code: z.string(), label: z.string() })),
  vulnerable: z.array(z.string()),
});
export type CaseReceiptView = z.infer<typeof caseReceiptView>;

export const logCallView = z.object({
  call: callView,
  callback: callbackView.nullable(),
  receipt: caseReceiptView.nullable(),
  /** Open call-backs of this number closed because the caller was served on this call. */
  closedCallbacks: z.array(z.string()),
});
export type LogCallView = z.infer<typeof logCallView>;

export const answerView = z.object({
  id: z.string(),
  slug: z.string(),
  topic: z.string(),
  topicLabel: z.string(),
  question: z.string(),
  answer: z.string(),
  tags: z.array(z.string()),
  legalBasis: z.string(),
});
export type AnswerView = z.infer<typeof answerView>;

export const lookupView = z.object({
  phone: z.string(),
  cases: z.array(
    z.object({
      id: z.string(),
      code: z.string(),
      kind: z.string(),
      status: z.string(),
      statusLabel: z.string(),
      receivedAt: z.string(),
      businessName: z.string(),
      consumerName: z.string(),
      agencyName: z.string().nullable(),
    }),
  ),
  calls: z.array(callView),
  openCallback: callbackView.nullable(),
});
export type LookupView = z.infer<typeof lookupView>;

const countRow = z.object({ key: z.string(), label: z.string(), count: z.number().int() });
export const adviceStatsView = z.object({
  from: z.string(),
  to: z.string(),
  adviceTotal: z.number().int(),
  byTopic: z.array(countRow),
  bySector: z.array(countRow),
  calls: z.object({ caseCreated: z.number().int(), adviceOnly: z.number().int(), missed: z.number().int() }),
  callbacks: z.object({
    created: z.number().int(),
    open: z.number().int(),
    done: z.number().int(),
    doneOnTime: z.number().int(),
    failed: z.number().int(),
  }),
});
export type AdviceStatsView = z.infer<typeof adviceStatsView>;
