/**
 * Phrase matching over tokens. A syllable typed with diacritics must match the phrase exactly
 * ("giá" is not "giả"); one typed without them matches on its folded form ("gia" matches both), so
 * rules avoid single syllables that fold onto common words ("sữa"/"sửa", "vay"/"vậy", "phở"/"phố").
 * One syllable of four letters or more may carry a one-letter typo (weight 0.6) when it is not a
 * known word.
 */
import { tokenize, type Token } from './text.js';

interface Syllable {
  key: string;
  plain: string;
  marked: boolean;
}

export interface Phrase {
  text: string;
  syllables: Syllable[];
  /** Ignore an unaccented match followed by one of these folded syllables ("hang gia re" is a price). */
  notBefore: readonly string[];
  /**
   * Match only syllables typed with diacritics (phrase written "=lỗi"): for words whose folded form
   * is a common other word ("loi" is also "lời", "can" is "cần"). Unaccented texts rely on the model.
   */
  accentExact: boolean;
}

export interface PhraseHit {
  phrase: Phrase;
  start: number;
  end: number;
  /** 1 exact, 0.6 with a one-letter typo. */
  quality: number;
  /** The words as the consumer wrote them. */
  surface: string;
}

export function compilePhrase(spec: string, notBefore: readonly string[] = []): Phrase {
  const accentExact = spec.startsWith('=');
  const text = accentExact ? spec.slice(1) : spec;
  const syllables = tokenize(text).map((t) => ({ key: t.key, plain: t.plain, marked: t.marked }));
  return { text, syllables, notBefore, accentExact };
}

/** Damerau–Levenshtein distance ≤ 1 (one substitution, insertion, deletion or swap). */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

function syllableQuality(t: Token, s: Syllable, allowTypo: boolean): number {
  // A syllable typed with accents is a definite word: "thần" is not "than", "giá" is not "giả".
  if (t.marked ? t.key === s.key : t.plain === s.plain) return 1;
  if (allowTypo && s.plain.length >= 4 && t.plain.length >= 3 && t.plain !== s.plain && withinOneEdit(t.plain, s.plain)) return 0.6;
  return 0;
}

function surfaceOf(tokens: readonly Token[], start: number, end: number): string {
  const words: string[] = [];
  let last = -1;
  for (let i = start; i < end; i++) {
    const t = tokens[i]!;
    if (t.src !== last) words.push(t.surface);
    last = t.src;
  }
  return words.join(' ');
}

function deletions(w: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < w.length; i++) out.push(w.slice(0, i) + w.slice(i + 1));
  return out;
}

/**
 * Phrases indexed by their first syllable's folded form and, for syllables of four letters or
 * more, by every one-letter deletion of it (symmetric-delete lookup), so a typo in the first
 * syllable still finds its candidates without comparing every phrase at every position.
 */
export interface PhraseIndex {
  byKey: Map<string, Phrase[]>;
}

export function indexPhrases(phrases: readonly Phrase[]): PhraseIndex {
  const byKey = new Map<string, Phrase[]>();
  const add = (k: string, p: Phrase): void => {
    const list = byKey.get(k);
    if (list === undefined) byKey.set(k, [p]);
    else if (!list.includes(p)) list.push(p);
  };
  for (const p of phrases) {
    const first = p.syllables[0];
    if (first === undefined) continue;
    add(first.plain, p);
    if (p.syllables.length > 1 && first.plain.length >= 4) for (const d of deletions(first.plain)) add(d, p);
  }
  return { byKey };
}

/**
 * Syllables known to be real words (e.g. every syllable of the training corpus). A known word is
 * never taken for a typo: "nhan vien" (nhân viên) must not match "nhập viện".
 */
export type Lexicon = ReadonlySet<string>;

function matchAt(tokens: readonly Token[], i: number, phrase: Phrase, lexicon: Lexicon | undefined): PhraseHit | undefined {
  const n = phrase.syllables.length;
  if (n === 0 || i + n > tokens.length) return undefined;
  let quality = 1;
  let typos = 0;
  for (let j = 0; j < n && quality > 0; j++) {
    const t = tokens[i + j]!;
    const s = phrase.syllables[j]!;
    if (phrase.accentExact && s.marked && !t.marked) return undefined;
    const q = syllableQuality(t, s, lexicon !== undefined && !lexicon.has(t.plain) && n > 1 && typos === 0);
    if (q < 1) typos++;
    quality = Math.min(quality, q);
  }
  if (quality === 0) return undefined;
  const next = tokens[i + n];
  if (next !== undefined && !tokens[i + n - 1]!.marked && phrase.notBefore.includes(next.plain)) return undefined;
  return { phrase, start: i, end: i + n, quality, surface: surfaceOf(tokens, i, i + n) };
}

/** Every occurrence of every indexed phrase, in text order. Typos are considered only with a lexicon. */
export function findPhrases(tokens: readonly Token[], index: PhraseIndex, lexicon?: Lexicon): PhraseHit[] {
  const hits: PhraseHit[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const p = tokens[i]!.plain;
    const candidates = new Set<Phrase>(index.byKey.get(p) ?? []);
    if (lexicon !== undefined && p.length >= 3 && !lexicon.has(p)) {
      for (const d of [...deletions(p), p]) for (const c of index.byKey.get(d) ?? []) candidates.add(c);
    }
    for (const phrase of candidates) {
      const hit = matchAt(tokens, i, phrase, lexicon);
      if (hit !== undefined) hits.push(hit);
    }
  }
  return hits;
}
