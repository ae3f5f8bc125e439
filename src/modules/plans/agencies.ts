/**
 * Splits an agency cell of a plan into agency names. A comma or "và" separates two agencies only
 * when what follows starts an agency name ("Sở …", "UBND …", "Công an …", "các …"): agency names
 * themselves hold commas and "và" ("Sở Văn hóa, Thể thao và Du lịch", "Báo và Phát thanh,
 * truyền hình Tuyên Quang", "Ủy ban nhân dân xã, phường"). Semicolons and line breaks always
 * separate. "Các sở: Công Thương, Y tế, …" is expanded into one "Sở …" per name. Generic groups
 * ("Các Sở, ban, ngành", "UBND xã, phường") are kept whole and marked `group`.
 */
import type { ImportedAgency } from './schema.js';
import { capitalize, cleanText, fold, trimPunctuation } from './text.js';

/** End of a word in Unicode text (`\\b` is ASCII-only in JavaScript). */
const B = '(?![\\p{L}\\p{N}])';

/** Words that start an agency name, as written (case matters: "ban" in "Sở, ban, ngành" is not "Ban Tuyên giáo"). */
const AGENCY_START = new RegExp(
  '^(?:' +
    [
      'Sở' + B,
      'sở\\s+\\p{Lu}',
      '[ỦU][yỷ] ban' + B,
      'UBND' + B,
      'UB' + B,
      'HĐND' + B,
      'Hội đồng' + B,
      'Công an' + B,
      'Hội' + B,
      'Hiệp hội' + B,
      'Liên hiệp' + B,
      'Liên đoàn' + B,
      'Báo' + B,
      'Đài' + B,
      'Chi cục' + B,
      'Cục' + B,
      'Bộ' + B,
      'Ban' + B,
      'Văn phòng' + B,
      'Thanh tra' + B,
      'T[òo]a án' + B,
      'Viện' + B,
      'Tỉnh đoàn' + B,
      'Đoàn' + B,
      'Mặt trận' + B,
      'MTTQ',
      'Trung tâm' + B,
      'Kho bạc' + B,
      'Ngân hàng' + B,
      'Bảo hiểm' + B,
      'Đảng [ủu][yỷ]' + B,
      'Hải quan' + B,
      'Thuế' + B,
      'Bộ đội' + B,
      'Quỹ' + B,
      'Trường' + B,
      'Tổ chức' + B,
      '[Cc]ác' + B,
      '[Nn]hững' + B,
      '[Cc]ơ quan' + B,
      '[Đđ]ơn vị' + B,
      '[Dd]oanh nghiệp' + B,
    ].join('|') +
    ')',
  'u',
);

/** Folded patterns of generic groups: several agencies, or every commune, rather than one agency. */
const GROUP_PATTERNS: RegExp[] = [
  /^(cac|nhung|tat ca)\b/,
  /\b(xa|phuong)\s*[,/]\s*(phuong|xa|dac khu|thi tran)\b/,
  /\b(cac|tat ca)\s+(xa|phuong|huyen|dia phuong)\b/,
  /^(uy ban nhan dan|ubnd|dang uy)\s+(cap\s+)?(xa|phuong)$/,
  /\b(don vi|co quan)\s+(co\s+)?lien quan$/,
  /^(doanh nghiep|to chuc)\b/,
  /\bcap uy\b/,
  /\bso,\s*(ban,\s*)?nganh\b/,
];

export function isGroup(text: string): boolean {
  const f = fold(text);
  return GROUP_PATTERNS.some((re) => re.test(f));
}

/** "Các sở: Công Thương, Y tế, Khoa học và Công nghệ" → Sở Công Thương, Sở Y tế, Sở Khoa học và Công nghệ. */
function expandListOfDepartments(piece: string): string[] | undefined {
  const m = /^(?:các|Các)\s+(sở|Sở)\s*:\s*(.+)$/u.exec(piece);
  if (!m) return undefined;
  return m[2]!
    .split(/\s*,\s*/)
    .map((n) => trimPunctuation(n))
    .filter((n) => n !== '')
    .map((n) => `Sở ${n}`);
}

/** Cuts a piece at ", " or " và " where an agency name starts. */
function splitSoft(piece: string): string[] {
  const out: string[] = [];
  let start = 0;
  const sep = /\s*,\s*(?:và\s+)?|\s+(?:và|cùng)\s+/gu;
  let m: RegExpExecArray | null;
  while ((m = sep.exec(piece))) {
    const rest = piece.slice(m.index + m[0].length);
    if (AGENCY_START.test(rest)) {
      out.push(piece.slice(start, m.index));
      start = m.index + m[0].length;
    }
  }
  out.push(piece.slice(start));
  return out;
}

function tidy(name: string): string {
  return trimPunctuation(name.replace(/^(?:đề nghị|Đề nghị)\s+/u, '').replace(/\s+/g, ' '));
}

/** The agencies named in one cell, in order, without duplicates. Empty for an empty cell or "-". */
export function splitAgencies(cell: string): ImportedAgency[] {
  const text = cleanText(cell);
  if (text === '' || /^[-–—x/]+$/i.test(text)) return [];
  const names: string[] = [];
  for (const hard of text.split(/\s*(?:\n|;|\+)\s*/)) {
    const piece = tidy(hard);
    if (piece === '') continue;
    names.push(...(expandListOfDepartments(piece) ?? splitSoft(piece)));
  }
  const seen = new Set<string>();
  const out: ImportedAgency[] = [];
  for (const raw of names) {
    const name = capitalize(tidy(raw));
    if (name === '' || seen.has(fold(name))) continue;
    seen.add(fold(name));
    out.push({ text: name, group: isGroup(name) });
  }
  return out;
}
