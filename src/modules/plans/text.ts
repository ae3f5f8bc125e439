/**
 * Text clean-up shared by the importers: published plans carry leftover HTML (`<p>`, `<br>`,
 * entities), Markdown emphasis from the conversion (`**…**`, `*…*`) and text in NFD or NFC.
 */
import { fold } from '../../platform/i18n.js';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Decodes XML/HTML character references (`&amp;`, `&#7879;`, `&#x1EC7;`, `&nbsp;`). */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

/** Removes HTML tags; `<br>`, `</p><p>` and `</li>` become line breaks. */
export function stripHtml(s: string): string {
  return s
    .replace(/<\s*br\s*\/?\s*>/gi, '\n')
    .replace(/<\s*\/\s*(p|div|li|tr)\s*>\s*<\s*(p|div|li|tr)(\s[^>]*)?>/gi, '\n')
    .replace(/<\/?[a-z][a-z0-9]*(\s[^<>]*)?\/?>/gi, '');
}

/** Removes Markdown bold/italic markers left by the conversion. */
export function stripEmphasis(s: string): string {
  return s.replace(/\*\*/g, '').replace(/(^|[\s(“"])\*([^*\n]+)\*(?=$|[\s.,;:)”"])/g, '$1$2');
}

/**
 * A cell or line as text: HTML and emphasis removed, NFC, spaces collapsed on each line, blank
 * lines dropped. Line breaks are kept (an agency cell may list one agency per line).
 */
export function cleanText(s: string): string {
  return stripEmphasis(decodeEntities(stripHtml(s.normalize('NFC'))))
    .normalize('NFC')
    .replace(/[\u00a0\u2000-\u200b\u202f\u3000]/g, ' ')
    .split(/\r?\n|\r/)
    .map((l) => l.replace(/[ \t]+/g, ' ').trim())
    .filter((l) => l !== '')
    .join('\n');
}

/** All whitespace (line breaks too) as single spaces. */
export function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/**
 * Folds each character on its own (accents off, đ → d, lower case), so that an index in the
 * folded string is the same index in the original: a match on folded text can slice the
 * original and keep its accents. The input should be NFC.
 */
export function foldSameLength(s: string): string {
  let out = '';
  for (const ch of s) {
    const f = fold(ch);
    out += f.length === ch.length ? f : ch.length === 1 ? ch.toLowerCase().slice(0, 1) : ch;
  }
  return out.length === s.length ? out : s.toLowerCase();
}

export { fold };

/** Trailing punctuation that ends a cell or a sentence but carries no meaning. */
export function trimPunctuation(s: string): string {
  return s.replace(/^[\s\-–—•+:;,.]+(?=\S)/, '').replace(/[\s.;,:]+$/, '');
}

/** Upper-cases the first letter ("các sở, ngành" → "Các sở, ngành"). */
export function capitalize(s: string): string {
  return s ? s[0]!.toUpperCase() + s.slice(1) : s;
}
