/**
 * The forms of the mediation pages: how each form's fields become a service input (dates typed
 * dd/mm/yyyy, times "9:30", amounts with dots), which field an input path belongs to, and the
 * message shown next to it; then the one service call and where to go after it.
 */
import type { z } from 'zod';
import type { Ctx } from '../../platform/context.js';
import type { Locale } from '../../platform/i18n.js';
import type { FieldError, FormValues } from './components.js';
import { recordOutcome, recordPerformance } from './outcome.js';
import { appointInput, interpreterInput, openInput, performanceInput, sessionInput, successInput, unsuccessfulInput } from './schema.js';
import { appointMediator, openMediation, recordInterpreter, scheduleSession } from './service.js';
import { mt, type MediationTextKey } from './texts.js';

export const done = ['opened', 'appoint', 'interpreter', 'session', 'success', 'unsuccessful', 'performance'] as const;
export type Done = (typeof done)[number];

/** "2026-12-03" (or "03/12/2026") and "9:30" → an instant in Vietnam time; anything else goes to validation as typed. */
function instantOf(date: string | undefined, time: string | undefined): string | undefined {
  if (!date && !time) return undefined;
  const d = isoDateOf(date);
  const t = time ? /^(\d{1,2})[:hg.](\d{2})$/i.exec(time) : null;
  if (d && /^\d{4}-\d{2}-\d{2}$/.test(d) && t) return `${d}T${t[1]!.padStart(2, '0')}:${t[2]}:00+07:00`;
  return `${date ?? ''}T${time ?? ''}`;
}
function isoDateOf(s: string | undefined): string | undefined {
  const m = s ? /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s) : null;
  return m ? `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}` : s;
}
const amountOf = (s: string | undefined) => {
  const digits = s?.replace(/[.\s,_đ]/g, '');
  return digits && /^\d{1,16}$/.test(digits) ? Number(digits) : s;
};

export interface Spec<T> {
  form: string;
  schema: z.ZodType<T>;
  input: (v: FormValues) => unknown;
  /** Input path (zod issue or AppError detail, joined with dots) → form field; the longest prefix wins. */
  paths: Record<string, string>;
  /** One message per field, in form order (texts.ts keys, shown in the page's language). */
  messages: Record<string, MediationTextKey>;
  run: (ctx: Ctx, id: string, data: T) => Promise<string>;
}

export function fieldOf(path: string, paths: Record<string, string>): string | undefined {
  const p = path.replace(/^body\./, '');
  let best: string | undefined;
  for (const k of Object.keys(paths)) if ((p === k || p.startsWith(`${k}.`)) && (!best || k.length > best.length)) best = k;
  return best ? paths[best] : undefined;
}

export function fieldErrors(spec: Spec<unknown>, paths: string[], fallback: string, locale: Locale): FieldError[] {
  const bad = new Set(paths.map((p) => fieldOf(p, spec.paths)).filter((f): f is string => !!f));
  const out = Object.entries(spec.messages)
    .filter(([k]) => bad.has(k))
    .map(([k, key]) => ({ field: `${spec.form}-${k}`, message: mt(locale, key) }));
  return out.length > 0 ? out : [{ message: fallback }];
}

/** Refusals fixed elsewhere on the page: the error summary links to the form that fixes them. */
export const fixedAt: Record<string, string> = {
  'mediation.interpreter_required': 'interpreter-fullName',
  'mediation.mediator_required': 'appoint-mediatorId',
};

const spec = <T>(s: Spec<T>): Spec<never> => s as unknown as Spec<never>;
const at = (id: string, d: Done, hash = '') => `/mediation/${id}?done=${d}${hash}`;

export const openSpec = spec({
  form: 'open',
  schema: openInput,
  input: (v) => ({
    requestCode: v.requestCode,
    organisationId: v.organisationId,
    consents: {
      consumer: { on: isoDateOf(v.consumerConsentOn), ref: v.consumerConsentRef },
      business: { on: isoDateOf(v.businessConsentOn), ref: v.businessConsentRef },
    },
    businessEmail: v.businessEmail,
    partyLanguage: v.partyLanguage,
    businessEthnicMinority: v.businessEthnicMinority === 'on',
  }),
  paths: {
    requestCode: 'requestCode',
    requestId: 'requestCode',
    organisationId: 'organisationId',
    'consents.consumer.on': 'consumerConsentOn',
    'consents.consumer.ref': 'consumerConsentRef',
    'consents.business.on': 'businessConsentOn',
    'consents.business.ref': 'businessConsentRef',
    businessEmail: 'businessEmail',
    partyLanguage: 'partyLanguage',
  },
  messages: {
    requestCode: 'msg.open.requestCode',
    organisationId: 'msg.open.organisationId',
    consumerConsentOn: 'msg.open.consumerConsentOn',
    consumerConsentRef: 'msg.open.consumerConsentRef',
    businessConsentOn: 'msg.open.businessConsentOn',
    businessConsentRef: 'msg.open.businessConsentRef',
    businessEmail: 'msg.open.businessEmail',
    partyLanguage: 'msg.open.partyLanguage',
  },
  run: async (ctx, _id, d) => at((await openMediation(ctx, d)).id, 'opened'),
});

const heldAt = (v: FormValues) => instantOf(isoDateOf(v.heldDate), v.heldTime);
const heldPaths = { heldAt: 'heldDate', place: 'place' };
export const actions: Record<string, Spec<never>> = {
  appoint: spec({
    form: 'appoint',
    schema: appointInput,
    input: (v) => ({ mediatorId: v.mediatorId }),
    paths: { mediatorId: 'mediatorId' },
    messages: { mediatorId: 'msg.appoint.mediatorId' },
    run: async (ctx, id, d) => (await appointMediator(ctx, id, d), at(id, 'appoint', '#mediators')),
  }),
  interpreter: spec({
    form: 'interpreter',
    schema: interpreterInput,
    input: (v) => ({ fullName: v.fullName, language: v.language }),
    paths: { fullName: 'fullName', language: 'language' },
    messages: { fullName: 'msg.interpreter.fullName', language: 'msg.interpreter.language' },
    run: async (ctx, id, d) => (await recordInterpreter(ctx, id, d), at(id, 'interpreter', '#sessions')),
  }),
  session: spec({
    form: 'session',
    schema: sessionInput,
    input: (v) => ({ startsAt: instantOf(isoDateOf(v.date), v.time), mode: v.mode, place: v.place, link: v.link, note: v.note }),
    paths: { startsAt: 'date', mode: 'mode', place: 'place', link: 'link', note: 'note' },
    messages: {
      date: 'msg.session.date',
      mode: 'msg.session.mode',
      place: 'msg.session.place',
      link: 'msg.session.link',
      note: 'msg.session.note',
    },
    run: async (ctx, id, d) => (await scheduleSession(ctx, id, d), at(id, 'session', '#sessions')),
  }),
  success: spec({
    form: 'success',
    schema: successInput,
    input: (v) => ({
      result: 'success',
      heldAt: heldAt(v),
      place: v.place,
      form: v.form,
      consumerAddress: v.consumerAddress,
      businessAddress: v.businessAddress,
      businessRepresentative: v.businessRepresentative,
      disputeContent: v.disputeContent,
      consumerOpinion: v.consumerOpinion,
      businessOpinion: v.businessOpinion,
      solution: v.solution,
      performBy: isoDateOf(v.performBy),
      otherTerms: v.otherTerms,
      partiesSigned: v.partiesSigned === 'on',
      mediatorSigned: v.mediatorSigned === 'on',
      sealApplied: v.sealApplied === 'on',
    }),
    paths: {
      ...heldPaths,
      form: 'form',
      consumerAddress: 'consumerAddress',
      businessAddress: 'businessAddress',
      businessRepresentative: 'businessRepresentative',
      disputeContent: 'disputeContent',
      consumerOpinion: 'consumerOpinion',
      businessOpinion: 'businessOpinion',
      solution: 'solution',
      performBy: 'performBy',
      otherTerms: 'otherTerms',
      partiesSigned: 'partiesSigned',
      mediatorSigned: 'mediatorSigned',
    },
    messages: {
      heldDate: 'msg.held.heldDate',
      place: 'msg.held.place',
      form: 'msg.held.form',
      consumerAddress: 'msg.success.address',
      businessAddress: 'msg.success.address',
      businessRepresentative: 'msg.success.businessRepresentative',
      disputeContent: 'msg.success.disputeContent',
      consumerOpinion: 'msg.held.consumerOpinion',
      businessOpinion: 'msg.held.businessOpinion',
      solution: 'msg.success.solution',
      performBy: 'msg.success.performBy',
      otherTerms: 'msg.success.otherTerms',
      partiesSigned: 'msg.success.partiesSigned',
      mediatorSigned: 'msg.success.mediatorSigned',
    },
    run: async (ctx, id, d) => (await recordOutcome(ctx, id, d), at(id, 'success', '#outcome')),
  }),
  unsuccessful: spec({
    form: 'unsuccessful',
    schema: unsuccessfulInput,
    input: (v) => ({
      result: 'unsuccessful',
      heldAt: heldAt(v),
      place: v.place,
      form: v.form,
      businessRepresentative: v.businessRepresentative,
      consumerOpinion: v.consumerOpinion,
      businessOpinion: v.businessOpinion,
      reason: v.reason,
      arbitrationClause: v.arbitrationClause,
      disputedAmountVnd: amountOf(v.disputedAmount),
    }),
    paths: {
      ...heldPaths,
      form: 'form',
      businessRepresentative: 'businessRepresentative',
      consumerOpinion: 'consumerOpinion',
      businessOpinion: 'businessOpinion',
      reason: 'reason',
      arbitrationClause: 'arbitrationClause',
      disputedAmountVnd: 'disputedAmount',
    },
    messages: {
      heldDate: 'msg.held.heldDate',
      place: 'msg.held.place',
      form: 'msg.held.form',
      businessRepresentative: 'msg.unsuccessful.businessRepresentative',
      consumerOpinion: 'msg.held.consumerOpinion',
      businessOpinion: 'msg.held.businessOpinion',
      reason: 'msg.unsuccessful.reason',
      arbitrationClause: 'msg.unsuccessful.arbitrationClause',
      disputedAmount: 'msg.unsuccessful.disputedAmount',
    },
    run: async (ctx, id, d) => (await recordOutcome(ctx, id, d), at(id, 'unsuccessful', '#outcome')),
  }),
  performance: spec({
    form: 'performance',
    schema: performanceInput,
    input: (v) => ({ performed: v.performed === 'yes' ? true : v.performed === 'no' ? false : undefined, note: v.note }),
    paths: { performed: 'performed', note: 'note' },
    messages: { performed: 'msg.performance.performed', note: 'msg.performance.note' },
    run: async (ctx, id, d) => (await recordPerformance(ctx, id, d), at(id, 'performance', '#outcome')),
  }),
};
