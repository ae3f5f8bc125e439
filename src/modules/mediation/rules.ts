/**
 * Pure rules of mediation: who may be appointed (Law 19/2023 Arts. 63(2), 64(2)) and when a
 * session may be scheduled for an ethnic-minority party (Art. 64(3); LAW.md §18 rule 14).
 */
import { fold } from '../../platform/i18n.js';
import type { AttestationKind, LanguageRuleView, OrganisationType } from './schema.js';
import { attestationLabels, LAW } from './texts.js';

/** Art. 64(2): the five conditions for mediators of organisations of types (a) and (c). */
export const ART_64_2: readonly AttestationKind[] = [
  'vietnamese_citizen',
  'full_civil_capacity',
  'good_ethics',
  'skills_and_knowledge',
  'no_criminal_record',
];

export function requiredAttestations(type: OrganisationType): readonly AttestationKind[] {
  // Type (b) organisations appoint under their own law (commercial, grassroots or court mediation).
  return type === 'b' ? ['governing_law_qualification'] : ART_64_2;
}

export function eligibilityOf(type: OrganisationType, attested: Iterable<string>) {
  const have = new Set(attested);
  const required = [...requiredAttestations(type)];
  const missing = required.filter((k) => !have.has(k));
  return {
    eligible: missing.length === 0,
    required,
    missing: missing.map((kind) => ({ kind, label: attestationLabels[kind] })),
    legalBasis:
      type === 'b'
        ? `Điều 63 khoản 1 điểm b ${LAW}; pháp luật về hòa giải thương mại, hòa giải ở cơ sở, hòa giải tại Tòa án`
        : `Điều 64 khoản 2 ${LAW}`,
  };
}

/** Languages match accent- and case-insensitively ("Tày" = "tay", "H'Mông" = "h'mong"). */
export const sameLanguage = (a: string, b: string): boolean => fold(a) === fold(b);

export interface LanguageFacts {
  consumerEthnicMinority: boolean;
  businessEthnicMinority: boolean;
  /** The ethnic-minority party's language, when known. */
  partyLanguage: string | null;
  mediators: readonly { ethnicMinority: boolean; languages: readonly string[] }[];
  interpreters: readonly { language: string }[];
}

/**
 * Art. 64(3): when a party is an ethnic-minority person, at least one mediator must be an
 * ethnic-minority person or fluent in that party's language; otherwise an interpreter is arranged.
 * When the party's language is not recorded, only an ethnic-minority mediator or an interpreter
 * can satisfy the rule (nobody can be "fluent in" an unknown language).
 */
export function languageRule(f: LanguageFacts): LanguageRuleView {
  const applies = f.consumerEthnicMinority || f.businessEthnicMinority;
  const lang = f.partyLanguage;
  const langText = lang ? `tiếng ${lang}` : 'tiếng dân tộc của bên đó';
  if (!applies) {
    return { applies, satisfied: true, partyLanguage: lang, by: null, message: 'Không có bên nào là người dân tộc thiểu số.' };
  }
  const done = (by: LanguageRuleView['by'], message: string): LanguageRuleView => ({
    applies,
    satisfied: true,
    partyLanguage: lang,
    by,
    message,
  });
  if (f.mediators.some((m) => m.ethnicMinority)) return done('ethnic_minority_mediator', 'Có hòa giải viên là người dân tộc thiểu số.');
  if (lang && f.mediators.some((m) => m.languages.some((l) => sameLanguage(l, lang))))
    return done('language_mediator', `Có hòa giải viên thông thạo ${langText}.`);
  if (f.interpreters.some((i) => !lang || sameLanguage(i.language, lang)))
    return done('interpreter', `Đã có người phiên dịch ${langText}.`);
  return {
    applies,
    satisfied: false,
    partyLanguage: lang,
    by: null,
    message: `Bên tranh chấp là người dân tộc thiểu số. Cần chỉ định hòa giải viên là người dân tộc thiểu số hoặc thông thạo ${langText}, hoặc ghi nhận người phiên dịch, trước khi xếp lịch hòa giải (Điều 64 khoản 3).`,
  };
}

/** The consumer's language as the case records it: 'vi' (the default) says nothing about a minority language. */
export function partyLanguageOf(explicit: string | null, caseLanguage: string | null): string | null {
  if (explicit) return explicit;
  if (!caseLanguage || ['vi', 'vie', 'vn', 'viet', 'tieng viet'].includes(fold(caseLanguage))) return null;
  return caseLanguage;
}
