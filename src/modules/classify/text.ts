/**
 * Vietnamese text as consumers type it: with or without diacritics, teencode ("ko", "đc", "sp",
 * "hàg", "j", "mik", "bn"), stretched letters ("quáaaa") and typos. Every syllable keeps three
 * forms so that rules can be accent-exact when the writer typed accents and accent-blind when not.
 */
import { fold } from '../../platform/i18n.js';

export interface Token {
  /** As written (NFC). Teencode expansions repeat the source word. */
  surface: string;
  /**
   * Accented comparison key: lower case, vowel shapes kept, tone moved to the end so that the old
   * and new tone placements agree ("hoà" = "hòa" → "hoa2"). Teencode gets its canonical word's key.
   */
  key: string;
  /** Accent-folded, lower-case ASCII-ish form used by the statistical model ("được" → "duoc"). */
  plain: string;
  /** The writer typed diacritics on this syllable, so "giá" and "giả" may be told apart. */
  marked: boolean;
  /** Index of the source word in the text (expansions of one word share it). */
  src: number;
  /** For teencode, the whole canonical expansion ("sp" → "sản phẩm"), for explanations. */
  expanded?: string;
}

/**
 * Teencode and chat abbreviations, keyed by the folded form of the written word. Only
 * unambiguous ones: "bh" (bảo hành / bảo hiểm), "kh" (không / khách hàng), "kg" (kilogram)
 * and "hong" (hỏng) are deliberately left for the statistical model to read in context.
 */
const TEENCODE: Readonly<Record<string, string>> = {
  ko: 'không',
  k: 'không',
  k0: 'không',
  kg0: 'không',
  khg: 'không',
  hok: 'không',
  hk: 'không',
  hem: 'không',
  dc: 'được',
  dk: 'đăng ký',
  dky: 'đăng ký',
  sp: 'sản phẩm',
  hag: 'hàng',
  j: 'gì',
  mik: 'mình',
  mk: 'mình',
  mjk: 'mình',
  mh: 'mình',
  bn: 'bao nhiêu',
  vs: 'với',
  r: 'rồi',
  oy: 'rồi',
  ng: 'người',
  nhg: 'nhưng',
  dag: 'đang',
  ck: 'chuyển khoản',
  tk: 'tài khoản',
  stk: 'số tài khoản',
  sdt: 'số điện thoại',
  dt: 'điện thoại',
  dthoai: 'điện thoại',
  nv: 'nhân viên',
  cskh: 'chăm sóc khách hàng',
  dv: 'dịch vụ',
  hsd: 'hạn sử dụng',
  tr: 'triệu',
  cty: 'công ty',
  bv: 'bệnh viện',
  bs: 'bác sĩ',
  ms: 'mới',
  lm: 'làm',
  ns: 'nói',
  trc: 'trước',
  tl: 'trả lời',
  rep: 'trả lời',
  ib: 'nhắn tin',
  ntn: 'như thế nào',
  mn: 'mọi người',
  cx: 'cũng',
  cg: 'cũng',
  wa: 'qua',
  z: 'vậy',
  fai: 'phải',
  fi: 'phí',
  tgian: 'thời gian',
  sx: 'sản xuất',
  fb: 'facebook',
};

const WORD = /[\p{L}\p{N}]+/gu;
const MONEY = /^\d+([.,]\d+)?(k|tr|trieu|d|vnd|ty|cu|lit|kg|m2)?$/;
const STRETCH = /(\p{L})\1{2,}/gu;
const ASCII_WORD = /^[a-z0-9]+$/;
const TONE_DIGIT: Readonly<Record<string, string>> = { '\u0300': '2', '\u0301': '1', '\u0309': '3', '\u0303': '4', '\u0323': '5' };

interface CharInfo {
  /** Folded letter, as fold() gives it. */
  plain: string;
  /** The letter without its tone but with its shape (ă, â, ê, ô, ơ, ư, đ). */
  shape: string;
  tone: string;
}

/**
 * Per-character decomposition of every lower-case Latin letter with diacritics, computed once
 * (an immutable table): String.prototype.normalize per word was the slowest step of training.
 */
const CHARS: ReadonlyMap<string, CharInfo> = (() => {
  const m = new Map<string, CharInfo>();
  for (let cp = 0xc0; cp <= 0x1ef9; cp++) {
    const ch = String.fromCodePoint(cp).toLowerCase();
    if (m.has(ch) || !/\p{L}/u.test(ch)) continue;
    const d = ch.normalize('NFD');
    if (d.length === 1 && ch !== 'đ' && ch !== 'ð') continue;
    let tone = '';
    const shape = d.replace(/[\u0300\u0301\u0309\u0303\u0323]/g, (t) => ((tone = TONE_DIGIT[t] ?? ''), '')).normalize('NFC');
    m.set(ch, { plain: fold(ch), shape, tone });
  }
  return m;
})();

interface Folded {
  plain: string;
  key: string;
}

/** Folded form and tone key of one lower-case word, in one pass over its characters. */
function foldWord(w: string): Folded {
  if (ASCII_WORD.test(w)) return { plain: w, key: w };
  let plain = '';
  let shape = '';
  let tone = '';
  for (const ch of w) {
    const info = CHARS.get(ch);
    if (info !== undefined) {
      plain += info.plain;
      shape += info.shape;
      if (info.tone !== '') tone = info.tone;
    } else if (/[a-z0-9]/.test(ch)) {
      plain += ch;
      shape += ch;
    }
  }
  return { plain, key: shape + tone };
}

/** Tone-placement-independent key of one lower-case syllable (see Token.key): "hoà" and "hòa" → "hoa2". */
export function toneKey(word: string): string {
  return foldWord(word.toLowerCase()).key;
}

/** Folded form of one word, consistent with platform fold() but letters and digits only. */
export function foldSyllable(word: string): string {
  return foldWord(word.toLowerCase()).plain;
}

/**
 * Undoes stretched typing: runs of three or more letters collapse ("ngonnnn" → "ngon"), and a
 * plain vowel repeating the accented one before it is dropped ("quáa" → "quá"); real doubled
 * letters such as "xoong" are kept.
 */
function unstretch(w: string): string {
  let out = '';
  let prev: CharInfo | undefined;
  let prevChar = '';
  for (const ch of w.replace(STRETCH, '$1')) {
    const info = CHARS.get(ch);
    if (info === undefined && prev !== undefined && prev.plain === ch) continue;
    out += ch;
    prev = info;
    prevChar = ch;
  }
  return prevChar === '' ? w : out;
}

/** Splits text into syllable tokens, expanding teencode and collapsing stretched letters. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let src = 0;
  for (const m of text.normalize('NFC').matchAll(WORD)) {
    const surface = m[0];
    const lower = unstretch(surface.toLowerCase());
    const { plain, key } = foldWord(lower);
    if (plain === '') continue;
    const expansion = Object.hasOwn(TEENCODE, plain) ? TEENCODE[plain] : undefined;
    if (expansion !== undefined && !(plain === 'k' && /\d$/.test(text.slice(0, m.index ?? 0).trimEnd()))) {
      for (const part of expansion.split(' ')) out.push({ surface, ...foldWord(part), marked: false, src, expanded: expansion });
    } else if (/\d/.test(plain)) {
      out.push({ surface, key: plain, plain: MONEY.test(plain) ? '#' : plain, marked: false, src });
    } else {
      out.push({ surface, key, plain, marked: lower !== plain, src });
    }
    src++;
  }
  return out;
}

/** Folded, teencode-normalised text: what the model sees ("Hàg ko đc" → "hang khong duoc"). */
export function normalise(text: string): string {
  return tokenize(text)
    .map((t) => t.plain)
    .join(' ');
}

/** Share of letters-bearing syllables typed with diacritics: 0 for "hang gia", 1 for "hàng giả". */
export function accentShare(tokens: readonly Token[]): number {
  let words = 0;
  let marked = 0;
  for (const t of tokens) {
    if (!/[a-z]/.test(t.plain) || t.expanded !== undefined) continue;
    words++;
    if (t.marked) marked++;
  }
  return words === 0 ? 0 : marked / words;
}

/**
 * Weighted features for the statistical model: syllable unigrams and bigrams, plus character
 * 4-grams inside syllables of four letters or more ("nguoi" → "<ngu", "nguo", "guoi", "uoi>"), so
 * that "nguoif" or "ngươi" typed wrong still shares most of its evidence with "người".
 */
export interface FeatureOptions {
  charWeight: number;
}

export const defaultFeatureOptions: FeatureOptions = { charWeight: 0.3 };

export function features(tokens: readonly Token[], opts: FeatureOptions = defaultFeatureOptions): Map<string, number> {
  const f = new Map<string, number>();
  const plains = tokens.map((t) => t.plain);
  for (let i = 0; i < plains.length; i++) {
    const w = plains[i]!;
    f.set(`w:${w}`, 1);
    if (i + 1 < plains.length) f.set(`b:${w}_${plains[i + 1]!}`, 1);
  }
  if (opts.charWeight > 0) {
    for (const w of plains) {
      if (w.length < 4) continue;
      const padded = `<${w}>`;
      for (let i = 0; i + 4 <= padded.length; i++) f.set(`c:${padded.slice(i, i + 4)}`, opts.charWeight);
    }
  }
  return f;
}
