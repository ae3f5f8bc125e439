/**
 * Zod schemas for consumer requests (yêu cầu, phản ánh, khiếu nại): the intake body of
 * `POST /api/v1/requests` (issue 4 shape: extend, never rename), and the views.
 */
import { z } from 'zod';
import { isoDate, nfcText } from '../../platform/api.js';

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
  .pipe(z.string().regex(/^(\+84|0)\d{8,10}$/, 'Số điện thoại Việt Nam không hợp lệ'));
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
