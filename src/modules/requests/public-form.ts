/**
 * The model of the public request form, without HTML: its steps and fields, the answers carried
 * between steps in one encoded `state` field (no drafts are stored on the server), the mapping
 * from raw form strings to the intake body, and the mapping of zod issues back to form fields
 * with Vietnamese messages (GOV.UK pattern: one message per field, in form order).
 */
import { z } from 'zod';
import type { Locale } from '../../platform/i18n.js';
import { pt, type PublicKey } from './public-texts.js';
import { businessReplies, requestInput, requestKinds, vulnerableCodes, type RequestInput } from './schema.js';

/** Version of the privacy notice the consumer consents to (recorded on the case). */
export const PRIVACY_NOTICE_VERSION = '2026-11';

export const steps = [
  { slug: 'su-viec', title: 'step.what.title', fields: ['kind', 'description', 'desiredOutcome'] },
  {
    slug: 'doanh-nghiep',
    title: 'step.business.title',
    fields: ['businessName', 'businessTaxCode', 'businessAddress', 'businessWebsite', 'businessPlatform', 'businessPhone'],
  },
  {
    slug: 'giao-dich',
    title: 'step.transaction.title',
    fields: [
      'txDay',
      'txMonth',
      'txYear',
      'txAmount',
      'txProduct',
      'txPlace',
      'txCommune',
      'txUrl',
      'priorContact',
      'pcDay',
      'pcMonth',
      'pcYear',
    ],
  },
  {
    slug: 've-ban',
    title: 'step.you.title',
    fields: [
      'fullName',
      'phone',
      'email',
      'birthYear',
      'addressLine',
      'addressCommune',
      'vulnerable',
      'repName',
      'repRelation',
      'repPhone',
      'repEmail',
    ],
  },
] as const satisfies readonly { slug: string; title: PublicKey; fields: readonly string[] }[];

export type Step = (typeof steps)[number];
export type StepSlug = Step['slug'];
export type Field = Step['fields'][number];
export const stepSlugs = steps.map((s) => s.slug) as [StepSlug, ...StepSlug[]];
const allFields: readonly Field[] = steps.flatMap((s) => [...s.fields]);
const multiFields: ReadonlySet<Field> = new Set(['vulnerable']);

export type FormValues = Partial<Record<Field, string | string[]>>;

export const stepOf = (slug: string): Step | undefined => steps.find((s) => s.slug === slug);
export const stepIndex = (slug: StepSlug): number => steps.findIndex((s) => s.slug === slug);
export const stepOfField = (f: Field): Step => steps.find((s) => (s.fields as readonly string[]).includes(f))!;

export const str = (v: FormValues, f: Field): string => {
  const x = v[f];
  return typeof x === 'string' ? x.trim() : '';
};
export const list = (v: FormValues, f: Field): string[] => {
  const x = v[f];
  return Array.isArray(x) ? x : typeof x === 'string' && x !== '' ? [x] : [];
};

// ── state: the answers of the other steps, carried in a hidden field ─────────

/** Upper bound of the encoded state: a 10,000-character description in 3-byte UTF-8 plus every other answer, in base64. */
export const MAX_STATE_CHARS = 120_000;
const stateShape = z.record(z.string(), z.union([z.string().max(12_000), z.array(z.string().max(100)).max(10)]));

export function encodeState(v: FormValues): string {
  return Buffer.from(JSON.stringify(v), 'utf8').toString('base64url');
}

/** The answers in a state field; unknown keys are dropped. `undefined` when the field was tampered with. */
export function decodeState(s: string | undefined): FormValues | undefined {
  if (!s) return {};
  if (s.length > MAX_STATE_CHARS || !/^[A-Za-z0-9_-]*$/.test(s)) return undefined;
  try {
    const parsed = stateShape.safeParse(JSON.parse(Buffer.from(s, 'base64url').toString('utf8')));
    if (!parsed.success) return undefined;
    return pickFields(parsed.data, allFields);
  } catch {
    return undefined;
  }
}

/** The values of `fields` from a form body (a missing checkbox group means "none ticked"). */
export function pickFields(body: Record<string, unknown>, fields: readonly Field[]): FormValues {
  const out: FormValues = {};
  for (const f of fields) {
    const x = body[f];
    if (multiFields.has(f))
      out[f] = (Array.isArray(x) ? x : typeof x === 'string' ? [x] : []).filter((s): s is string => typeof s === 'string');
    else if (typeof x === 'string') out[f] = x;
  }
  return out;
}

/** The state to carry on a page that shows `current` as inputs: everything else. */
export function stateWithout(v: FormValues, current: readonly Field[] = []): string {
  const rest: FormValues = {};
  for (const f of allFields)
    if (!current.includes(f) && v[f] !== undefined && v[f] !== '' && !(Array.isArray(v[f]) && v[f].length === 0)) rest[f] = v[f];
  return encodeState(rest);
}

// ── raw strings → intake body ───────────────────────────────────────────────

export interface FieldError {
  field: Field | 'consent';
  message: string;
}

/** Per field: its noun for messages, and the key of its own "missing" message if it has one. */
const nouns: Record<Field | 'consent', { noun: PublicKey; required?: PublicKey; choose?: boolean }> = {
  kind: { noun: 'noun.kind', required: 'err.kind' },
  description: { noun: 'noun.description', required: 'err.description.required' },
  desiredOutcome: { noun: 'noun.desiredOutcome' },
  businessName: { noun: 'noun.businessName' },
  businessTaxCode: { noun: 'noun.businessTaxCode' },
  businessAddress: { noun: 'noun.businessAddress' },
  businessWebsite: { noun: 'noun.businessWebsite' },
  businessPlatform: { noun: 'noun.businessPlatform' },
  businessPhone: { noun: 'noun.businessPhone' },
  txDay: { noun: 'noun.txDay' },
  txMonth: { noun: 'noun.txMonth' },
  txYear: { noun: 'noun.txYear' },
  txAmount: { noun: 'noun.txAmount' },
  txProduct: { noun: 'noun.txProduct' },
  txPlace: { noun: 'noun.txPlace', choose: true },
  txCommune: { noun: 'noun.txCommune', choose: true },
  txUrl: { noun: 'noun.txUrl' },
  priorContact: { noun: 'noun.priorContact', choose: true },
  pcDay: { noun: 'noun.pcDay' },
  pcMonth: { noun: 'noun.pcMonth' },
  pcYear: { noun: 'noun.pcYear' },
  fullName: { noun: 'noun.fullName' },
  phone: { noun: 'noun.phone' },
  email: { noun: 'noun.email' },
  birthYear: { noun: 'noun.birthYear' },
  addressLine: { noun: 'noun.addressLine' },
  addressCommune: { noun: 'noun.addressCommune', choose: true },
  vulnerable: { noun: 'noun.vulnerable', choose: true },
  repName: { noun: 'noun.repName' },
  repRelation: { noun: 'noun.repRelation' },
  repPhone: { noun: 'noun.repPhone' },
  repEmail: { noun: 'noun.repEmail' },
  consent: { noun: 'noun.consent', required: 'err.consent' },
};

const capital = (s: string) => s.charAt(0).toLocaleUpperCase('vi') + s.slice(1);
const nameParams = (f: Field | 'consent', locale: Locale) => {
  const name = pt(locale, nouns[f].noun);
  return { name, Name: capital(name) };
};

/** Where each intake-body path is entered on the form. */
const pathToField: Record<string, Field | 'consent'> = {
  kind: 'kind',
  description: 'description',
  desiredOutcome: 'desiredOutcome',
  'business.name': 'businessName',
  'business.taxCode': 'businessTaxCode',
  'business.address': 'businessAddress',
  'business.website': 'businessWebsite',
  'business.platform': 'businessPlatform',
  'business.phone': 'businessPhone',
  'transaction.date': 'txDay',
  'transaction.amountVnd': 'txAmount',
  'transaction.productOrService': 'txProduct',
  'transaction.place.communeCode': 'txCommune',
  'transaction.place.url': 'txUrl',
  'priorContact.businessReply': 'priorContact',
  'priorContact.date': 'pcDay',
  'consumer.fullName': 'fullName',
  'consumer.phone': 'phone',
  'consumer.email': 'email',
  'consumer.birthYear': 'birthYear',
  'consumer.address.line': 'addressLine',
  'consumer.address.communeCode': 'addressCommune',
  'consumer.vulnerable': 'vulnerable',
  'representative.fullName': 'repName',
  'representative.relation': 'repRelation',
  'representative.phone': 'repPhone',
  'representative.email': 'repEmail',
  consents: 'consent',
  'consents.privacyNoticeVersion': 'consent',
};

/** The form field of an intake-body path such as `consumer.address.communeCode` (array indexes dropped). */
export function fieldOfPath(path: string): Field | 'consent' | undefined {
  const clean = path
    .replace(/^body\./, '')
    .split('.')
    .filter((p) => !/^\d+$/.test(p))
    .join('.');
  return pathToField[clean];
}

const blankToUndef = (s: string) => (s === '' ? undefined : s);
/** People type "shopee.vn/abc": a scheme is added so the URL check passes. */
const withScheme = (s: string) => (s === '' ? undefined : /^[a-z][a-z0-9+.-]*:\/\//i.test(s) ? s : `https://${s}`);

function dateOf(
  v: FormValues,
  [d, m, y]: readonly [Field, Field, Field],
  today: string,
  locale: Locale,
  pre: FieldError[],
): string | undefined {
  const parts = [str(v, d), str(v, m), str(v, y)];
  if (parts.every((p) => p === '')) return undefined;
  const p = nameParams(d, locale);
  if (parts.some((x) => x === '')) {
    pre.push({ field: d, message: pt(locale, 'err.date.incomplete', p) });
    return undefined;
  }
  const [dd, mm, yy] = parts as [string, string, string];
  if (!/^\d{1,2}$/.test(dd) || !/^\d{1,2}$/.test(mm) || !/^\d{4}$/.test(yy)) {
    pre.push({ field: d, message: pt(locale, 'err.date.invalid', p) });
    return undefined;
  }
  const iso = `${yy}-${mm.padStart(2, '0')}-${dd.padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso || Number(yy) < 1900) {
    pre.push({ field: d, message: pt(locale, 'err.date.invalid', p) });
    return undefined;
  }
  if (iso > today) {
    pre.push({ field: d, message: pt(locale, 'err.date.future', p) });
    return undefined;
  }
  return iso;
}

/**
 * Builds the intake body from the raw answers. Conversions that can fail before the schema
 * (dates in three boxes, amounts with separators, the birth year) report into `pre`.
 */
export function toCandidate(
  v: FormValues,
  o: { today: string; locale: Locale; consent?: { given: boolean; publish: boolean } },
): { candidate: Record<string, unknown>; pre: FieldError[] } {
  const pre: FieldError[] = [];
  const s = (f: Field) => blankToUndef(str(v, f));

  const amountRaw = str(v, 'txAmount').replace(/\s|\.|,|đồng|đ|vnđ|vnd/gi, '');
  let amountVnd: number | undefined;
  if (amountRaw !== '') {
    if (/^\d{1,15}$/.test(amountRaw)) amountVnd = Number(amountRaw);
    else pre.push({ field: 'txAmount', message: pt(o.locale, 'err.amount') });
  }
  const txDate = dateOf(v, ['txDay', 'txMonth', 'txYear'], o.today, o.locale, pre);
  const pcDate = dateOf(v, ['pcDay', 'pcMonth', 'pcYear'], o.today, o.locale, pre);

  const placeKind = str(v, 'txPlace') || (s('txCommune') ? 'commune' : s('txUrl') ? 'online' : '');
  let place: Record<string, unknown> | undefined;
  if (placeKind === 'commune') {
    if (s('txCommune')) place = { communeCode: s('txCommune') };
    else pre.push({ field: 'txCommune', message: pt(o.locale, 'err.txCommune') });
  } else if (placeKind === 'online') {
    place = { online: true, url: withScheme(str(v, 'txUrl')) };
  }
  const transaction = { date: txDate, amountVnd, productOrService: s('txProduct'), place };

  let birthYear: number | undefined;
  const by = str(v, 'birthYear');
  if (by !== '') {
    if (!/^\d{4}$/.test(by) || Number(by) < 1900) pre.push({ field: 'birthYear', message: pt(o.locale, 'err.birthYear') });
    else if (Number(by) > Number(o.today.slice(0, 4))) pre.push({ field: 'birthYear', message: pt(o.locale, 'err.birthYear.future') });
    else birthYear = Number(by);
  }

  const reply = str(v, 'priorContact');
  const priorContact = (businessReplies as readonly string[]).includes(reply) ? { businessReply: reply, date: pcDate } : undefined;
  const repFields = ['repName', 'repRelation', 'repPhone', 'repEmail'] as const;
  const representative = repFields.some((f) => s(f))
    ? { fullName: s('repName'), relation: s('repRelation'), phone: s('repPhone'), email: s('repEmail') }
    : undefined;
  const addressLine = s('addressLine');
  const addressCommune = s('addressCommune');
  const vulnerable = list(v, 'vulnerable');

  const candidate: Record<string, unknown> = {
    kind: s('kind'),
    channel: 'web',
    consumer: {
      fullName: s('fullName'),
      phone: s('phone'),
      email: s('email'),
      birthYear,
      address: addressLine || addressCommune ? { line: addressLine, communeCode: addressCommune } : undefined,
      vulnerable: vulnerable.length > 0 ? vulnerable : undefined,
    },
    representative,
    business: {
      name: s('businessName'),
      taxCode: s('businessTaxCode'),
      address: s('businessAddress'),
      website: withScheme(str(v, 'businessWebsite')),
      platform: s('businessPlatform'),
      phone: s('businessPhone'),
    },
    transaction: Object.values(transaction).some((x) => x !== undefined) ? transaction : undefined,
    description: s('description'),
    desiredOutcome: s('desiredOutcome'),
    priorContact,
    consents: o.consent?.given ? { privacyNoticeVersion: PRIVACY_NOTICE_VERSION, publishNarrative: o.consent.publish } : undefined,
  };
  return { candidate, pre };
}

/** Marks the schema's generic messages, so that they are replaced by the field's own wording. */
const GENERIC = '\u0000';

function messageFor(field: Field | 'consent', issue: z.core.$ZodIssue, locale: Locale): string {
  if (!issue.message.startsWith(GENERIC)) return issue.message;
  const n = nouns[field];
  const p = nameParams(field, locale);
  const missing = issue.code === 'invalid_type' && issue.input === undefined;
  if (missing || (issue.code === 'too_small' && issue.origin === 'array')) {
    if (n.required) return pt(locale, n.required, p);
    return pt(locale, n.choose ? 'err.choose' : 'err.required', p);
  }
  if (issue.code === 'too_small' && issue.origin === 'string') return pt(locale, 'err.tooShort', { ...p, min: Number(issue.minimum) });
  if (issue.code === 'too_big' && issue.origin === 'string')
    return pt(locale, 'err.tooLong', { ...p, max: Number(issue.maximum).toLocaleString(locale === 'en' ? 'en-GB' : 'vi-VN') });
  if (issue.code === 'invalid_value' && n.required) return pt(locale, n.required, p);
  return pt(locale, 'err.invalid', p);
}

/** Form-order errors, one per field: the conversion problems first, then the schema's. */
export function formErrors(issues: readonly z.core.$ZodIssue[], pre: readonly FieldError[], locale: Locale): FieldError[] {
  const byField = new Map<Field | 'consent', string>();
  for (const e of pre) if (!byField.has(e.field)) byField.set(e.field, e.message);
  for (const issue of issues) {
    const field = fieldOfPath(issue.path.map(String).join('.'));
    if (!field || byField.has(field)) continue;
    byField.set(field, messageFor(field, issue, locale));
  }
  const order: (Field | 'consent')[] = [...allFields, 'consent'];
  return order.filter((f) => byField.has(f)).map((f) => ({ field: f, message: byField.get(f)! }));
}

export interface Validation {
  input?: RequestInput;
  errors: FieldError[];
}

/**
 * Validates the answers against the intake schema itself, so the form can never accept what the
 * API would refuse. `only` limits the errors to one step (the later steps are not filled yet).
 */
export function validateAnswers(
  v: FormValues,
  o: { today: string; locale: Locale; only?: readonly Field[]; consent?: { given: boolean; publish: boolean } },
): Validation {
  const { candidate, pre } = toCandidate(v, o);
  const parsed = requestInput.safeParse(candidate, { error: (iss) => `${GENERIC}${iss.code ?? ''}` });
  let errors = formErrors(parsed.success ? [] : parsed.error.issues, pre, o.locale);
  if (o.only) {
    const only = new Set<string>(o.only);
    errors = errors.filter((e) => only.has(e.field));
  }
  if (errors.length === 0 && !parsed.success) {
    // An issue on a path the form does not show: keep it visible rather than lose it.
    if (!o.only) errors = [{ field: 'description', message: pt(o.locale, 'err.state') }];
  }
  return parsed.success && errors.length === 0 ? { input: parsed.data, errors } : { errors };
}

export const kindOptions = requestKinds;
export const vulnerableOptions = vulnerableCodes;
export const replyOptions = ['no', ...businessReplies] as const;
