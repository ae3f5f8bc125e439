/**
 * Zod schemas of the mediation module: the register (organisations, mediators, attestations),
 * mediations (opening with both consents, appointments, interpreters, sessions, the outcome
 * record, performance) and the views the API answers with.
 */
import { z } from 'zod';
import { isoDate, nfcText, pageQuery, paged } from '../../platform/api.js';

/** Law 19/2023 Art. 63(1)(a)–(c). */
export const organisationTypes = ['a', 'b', 'c'] as const;
export type OrganisationType = (typeof organisationTypes)[number];

/**
 * Eligibility attestations. The first five are the conditions of Art. 64(2) for mediators of
 * organisations of types (a) and (c); a type (b) organisation's mediator qualifies under its own
 * law (commercial, grassroots or court mediation), recorded as `governing_law_qualification`.
 */
export const attestationKinds = [
  'vietnamese_citizen',
  'full_civil_capacity',
  'good_ethics',
  'skills_and_knowledge',
  'no_criminal_record',
  'governing_law_qualification',
] as const;
export type AttestationKind = (typeof attestationKinds)[number];

export const mediationStatuses = ['open', 'succeeded', 'failed'] as const;
export type MediationStatus = (typeof mediationStatuses)[number];
export const sessionModes = ['in_person', 'online'] as const;
/** Art. 54(3): in person, online or another lawful form. */
export const heldForms = ['in_person', 'online', 'other'] as const;
export const performanceStates = ['pending', 'performed', 'not_performed'] as const;

const email = z.email('Địa chỉ email không hợp lệ').max(200);
const phone = z
  .string()
  .trim()
  .regex(/^(\+84|0)[\d\s.]{8,14}$/, 'Số điện thoại không hợp lệ');
const language = nfcText(2, 60);
/** An instant with its offset, e.g. 2026-12-03T09:00:00+07:00. */
export const instant = z.iso.datetime({ offset: true, error: 'Thời điểm theo dạng ISO 8601 có múi giờ' });
const requestCode = z.string().regex(/^YC-\d{4}-\d{6}$/, 'Mã hồ sơ dạng YC-2026-000123');

// ── register ────────────────────────────────────────────────────────────────

export const organisationInput = z.strictObject({
  type: z.enum(organisationTypes),
  name: nfcText(3, 300),
  agencyId: z.uuid().optional(),
  address: nfcText(1, 300).optional(),
  phone: phone.optional(),
  email: email.optional(),
  website: z.url().max(300).optional(),
});
export type OrganisationInput = z.infer<typeof organisationInput>;

export const mediatorInput = z.strictObject({
  fullName: nfcText(2, 200),
  /** The staff account of the mediator, when they work in the platform. */
  userId: z.uuid().optional(),
  email: email.optional(),
  phone: phone.optional(),
  ethnicMinority: z.boolean().default(false),
  ethnicGroup: nfcText(2, 60).optional(),
  /** Ethnic-minority languages the mediator speaks fluently (Art. 64(3)). */
  languages: z.array(language).max(10).default([]),
});
export type MediatorInput = z.infer<typeof mediatorInput>;

export const attestationInput = z.strictObject({
  kind: z.enum(attestationKinds),
  documentRef: nfcText(2, 300),
  attestedOn: isoDate,
});
export type AttestationInput = z.infer<typeof attestationInput>;

export const recognitionInput = z.strictObject({ recognitionRef: nfcText(2, 300) });

// ── mediations ──────────────────────────────────────────────────────────────

const consent = z.strictObject({
  /** The date the party agreed to mediation. */
  on: isoDate,
  /** How: the signed request, the minutes of a call … */
  ref: nfcText(2, 300).optional(),
});

export const openInput = z
  .strictObject({
    requestId: z.uuid().optional(),
    requestCode: requestCode.optional(),
    organisationId: z.uuid(),
    /** Mediation needs both parties' agreement (Law 19/2023 Arts. 61, 62: voluntariness). */
    consents: z.strictObject({ consumer: consent, business: consent }),
    businessEmail: email.optional(),
    /** The business party is an ethnic-minority person (an individual trader): Art. 64(3) applies too. */
    businessEthnicMinority: z.boolean().default(false),
    /** The ethnic-minority party's language, when known (defaults to the consumer's preferred language). */
    partyLanguage: language.optional(),
    mediatorIds: z.array(z.uuid()).max(5).default([]),
  })
  .refine((v) => (v.requestId === undefined) !== (v.requestCode === undefined), {
    message: 'Cho biết đúng một trong requestId hoặc requestCode',
    path: ['requestId'],
  });
export type OpenInput = z.infer<typeof openInput>;

export const appointInput = z.strictObject({ mediatorId: z.uuid() });
export const interpreterInput = z.strictObject({ fullName: nfcText(2, 200), language });
export type InterpreterInput = z.infer<typeof interpreterInput>;

export const sessionInput = z
  .strictObject({
    startsAt: instant,
    mode: z.enum(sessionModes),
    place: nfcText(3, 300).optional(),
    link: z
      .url({ protocol: /^https$/, error: 'Đường liên kết https://…' })
      .max(500)
      .optional(),
    note: nfcText(1, 1000).optional(),
  })
  .refine((v) => v.mode !== 'in_person' || v.place !== undefined, { message: 'Nhập địa điểm hòa giải', path: ['place'] })
  .refine((v) => v.mode !== 'online' || v.link !== undefined, { message: 'Nhập đường liên kết phiên trực tuyến', path: ['link'] });
export type SessionInput = z.infer<typeof sessionInput>;

const text = (max: number) => nfcText(2, max);

/**
 * Law 19/2023 Art. 65(2)(a)–(h) and (3): the successful-mediation record. The letters follow the
 * Vietnamese text: a, b, c, d, đ, e, g, h.
 */
export const successInput = z.strictObject({
  result: z.literal('success'),
  /** (c) time, place and form (Art. 54(3)). */
  heldAt: instant,
  place: text(300),
  form: z.enum(heldForms).default('in_person'),
  /** (b) parties: names come from the case; addresses and the business's representative (who signs) here. */
  consumerAddress: nfcText(2, 300).optional(),
  businessAddress: nfcText(2, 300).optional(),
  businessRepresentative: nfcText(2, 200),
  /** (d) content of the dispute. */
  disputeContent: text(5000),
  /** (đ) the parties' opinions. */
  consumerOpinion: text(5000),
  businessOpinion: text(5000),
  /** (e) the agreed result and solution. */
  solution: text(5000),
  /** (g) the deadline to perform. */
  performBy: isoDate,
  /** (h) other terms ("Không có" when there are none). */
  otherTerms: text(3000),
  /** Art. 65(3): valid only with the parties' signatures or fingerprints and the mediator's signature. */
  partiesSigned: z.literal(true, 'Biên bản phải có chữ ký hoặc điểm chỉ của các bên'),
  mediatorSigned: z.literal(true, 'Biên bản phải có chữ ký của hòa giải viên'),
  sealApplied: z.boolean().default(false),
});
export type SuccessInput = z.infer<typeof successInput>;

export const unsuccessfulInput = z.strictObject({
  result: z.literal('unsuccessful'),
  heldAt: instant,
  place: text(300),
  form: z.enum(heldForms).default('in_person'),
  businessRepresentative: nfcText(2, 200).optional(),
  consumerOpinion: text(5000),
  businessOpinion: text(5000),
  reason: text(3000),
  /** Whether the contract has an arbitration clause, and whether it is a standard-form one (Art. 67). */
  arbitrationClause: z.enum(['none', 'agreed', 'standard_form']).default('none'),
  /** The value in dispute, for the simplified court procedure (Art. 70(2)); defaults to the case's amount. */
  disputedAmountVnd: z.number().int().min(0).max(1e15).optional(),
});
export type UnsuccessfulInput = z.infer<typeof unsuccessfulInput>;

export const outcomeInput = z.discriminatedUnion('result', [successInput, unsuccessfulInput]);
export type OutcomeInput = z.infer<typeof outcomeInput>;

export const performanceInput = z.strictObject({ performed: z.boolean(), note: nfcText(2, 2000).optional() });
export type PerformanceInput = z.infer<typeof performanceInput>;

export const mediationListQuery = z.strictObject({
  ...pageQuery,
  requestId: z.uuid().optional(),
  status: z.enum(mediationStatuses).optional(),
});
export type MediationListQuery = z.infer<typeof mediationListQuery>;

// ── views ───────────────────────────────────────────────────────────────────

export const attestationView = z.object({
  id: z.string(),
  kind: z.enum(attestationKinds),
  label: z.string(),
  documentRef: z.string(),
  attestedOn: z.string(),
  recordedAt: z.string(),
});

export const eligibilityView = z.object({
  eligible: z.boolean(),
  required: z.array(z.enum(attestationKinds)),
  missing: z.array(z.object({ kind: z.enum(attestationKinds), label: z.string() })),
  legalBasis: z.string(),
});

export const mediatorView = z.object({
  id: z.string(),
  organisationId: z.string(),
  fullName: z.string(),
  userId: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  ethnicMinority: z.boolean(),
  ethnicGroup: z.string().nullable(),
  languages: z.array(z.string()),
  recognisedAt: z.string().nullable(),
  recognitionRef: z.string().nullable(),
  active: z.boolean(),
  attestations: z.array(attestationView),
  eligibility: eligibilityView,
  /** On the published list and eligible: may be appointed. */
  appointable: z.boolean(),
  can: z.object({ manage: z.boolean() }),
});
export type MediatorView = z.infer<typeof mediatorView>;

export const organisationView = z.object({
  id: z.string(),
  type: z.enum(organisationTypes),
  typeLabel: z.string(),
  name: z.string(),
  provinceCode: z.string(),
  agencyId: z.string().nullable(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  website: z.string().nullable(),
  active: z.boolean(),
  mediatorCount: z.number().int(),
  publishedCount: z.number().int(),
  can: z.object({ manage: z.boolean() }),
});
export type OrganisationView = z.infer<typeof organisationView>;
export const organisationDetailView = organisationView.extend({ mediators: z.array(mediatorView) });
export const organisationListView = z.object({ data: z.array(organisationView) });

/** The published list (Art. 63(2)): public, without personal data beyond the name. */
export const publishedListView = z.object({
  organisation: z.object({ id: z.string(), name: z.string(), type: z.enum(organisationTypes), typeLabel: z.string() }),
  mediators: z.array(z.object({ fullName: z.string(), languages: z.array(z.string()), recognisedOn: z.string() })),
  legalBasis: z.string(),
});

export const sessionView = z.object({
  id: z.string(),
  startsAt: z.string(),
  mode: z.enum(sessionModes),
  place: z.string().nullable(),
  link: z.string().nullable(),
  note: z.string().nullable(),
});

export const languageRuleView = z.object({
  /** A party is an ethnic-minority person (Art. 64(3)). */
  applies: z.boolean(),
  satisfied: z.boolean(),
  partyLanguage: z.string().nullable(),
  by: z.enum(['ethnic_minority_mediator', 'language_mediator', 'interpreter']).nullable(),
  message: z.string(),
});
export type LanguageRuleView = z.infer<typeof languageRuleView>;

export const optionView = z.object({ code: z.string(), title: z.string(), text: z.string(), legalBasis: z.string() });
export type OptionView = z.infer<typeof optionView>;

export const mediationView = z.object({
  id: z.string(),
  request: z.object({ id: z.string(), code: z.string(), status: z.string() }),
  organisation: z.object({ id: z.string(), name: z.string(), type: z.enum(organisationTypes), typeLabel: z.string() }),
  status: z.enum(mediationStatuses),
  statusLabel: z.string(),
  parties: z.object({
    consumer: z.object({ name: z.string(), email: z.string().nullable(), ethnicMinority: z.boolean() }),
    business: z.object({ name: z.string(), taxCode: z.string().nullable(), email: z.string().nullable(), ethnicMinority: z.boolean() }),
  }),
  consents: z.object({
    consumer: z.object({ on: z.string(), ref: z.string().nullable() }),
    business: z.object({ on: z.string(), ref: z.string().nullable() }),
  }),
  openedAt: z.string(),
  mediators: z.array(
    z.object({
      id: z.string(),
      fullName: z.string(),
      ethnicMinority: z.boolean(),
      languages: z.array(z.string()),
      appointedAt: z.string(),
    }),
  ),
  interpreters: z.array(z.object({ id: z.string(), fullName: z.string(), language: z.string(), recordedAt: z.string() })),
  sessions: z.array(sessionView),
  languageRule: languageRuleView,
  outcome: z
    .object({
      result: z.enum(['success', 'unsuccessful']),
      recordedAt: z.string(),
      record: z.record(z.string(), z.unknown()),
      options: z.array(optionView),
    })
    .nullable(),
  performance: z
    .object({
      performBy: z.string(),
      dueAt: z.string(),
      explanation: z.string(),
      state: z.enum(performanceStates),
      overdue: z.boolean(),
      late: z.boolean(),
      note: z.string().nullable(),
      recordedAt: z.string().nullable(),
    })
    .nullable(),
  can: z.object({
    appoint: z.boolean(),
    recordInterpreter: z.boolean(),
    schedule: z.boolean(),
    recordOutcome: z.boolean(),
    recordPerformance: z.boolean(),
    downloadRecord: z.boolean(),
  }),
});
export type MediationView = z.infer<typeof mediationView>;

export const mediationSummaryView = z.object({
  id: z.string(),
  requestId: z.string(),
  requestCode: z.string(),
  organisationName: z.string(),
  status: z.enum(mediationStatuses),
  statusLabel: z.string(),
  openedAt: z.string(),
  nextSessionAt: z.string().nullable(),
  languageRuleBlocking: z.boolean(),
  performBy: z.string().nullable(),
  performance: z.enum(performanceStates).nullable(),
  overdue: z.boolean(),
});
export type MediationSummaryView = z.infer<typeof mediationSummaryView>;
export const mediationListView = paged(mediationSummaryView);
