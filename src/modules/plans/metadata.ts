/**
 * The plan's own particulars, read from the administrative layout of Decree 30/2020/NĐ-CP: "Số:
 * …/KH-UBND", "<place>, ngày … tháng … năm …", the title under "KẾ HOẠCH", the documents it
 * carries out ("Thực hiện Kết luận số 207-KL/TW ngày 10/11/2025 …"), the signing body
 * ("TM. ỦY BAN NHÂN DÂN") and the reporting dates ("trước ngày 10 tháng 11 hằng năm").
 * Drafts leave the number and the day blank ("Số: /KH-UBND", "ngày tháng năm 2026"): warned.
 */
import type { ImportWarning, ImportedPlan, ReportingDeadline } from './schema.js';
import { capitalize, fold, foldSameLength, oneLine } from './text.js';

/** The six centrally-run cities are "thành phố", the other provinces "tỉnh" (2025 reform). */
const CITIES = new Set(['ha noi', 'hai phong', 'da nang', 'hue', 'can tho', 'ho chi minh', 'thanh pho ho chi minh']);
const localityOf = (place: string): string => (CITIES.has(fold(place)) ? `thành phố ${place}` : `tỉnh ${place}`);

const pad = (n: number): string => String(n).padStart(2, '0');

function isoDate(y: number, m: number, d: number): string | undefined {
  const t = new Date(Date.UTC(y, m - 1, d));
  return m >= 1 && m <= 12 && t.getUTCMonth() === m - 1 && t.getUTCDate() === d ? `${y}-${pad(m)}-${pad(d)}` : undefined;
}

const CITATION =
  /(Kết luận|Nghị quyết|Chỉ thị|Kế hoạch|Quyết định|Nghị định|Thông tư|Công văn|Chương trình|Luật)\s+số\s+(\d+[\p{L}\d\-/.]*[\p{L}\d])(?:,?\s+ngày\s+(\d{1,2}\/\d{1,2}\/\d{4}|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}))?/gu;

/** Documents cited in `text`, in order, one entry per document (the first dated mention wins). */
export function citations(text: string): string[] {
  const byKey = new Map<string, string>();
  for (const m of text.matchAll(CITATION)) {
    const key = fold(`${m[1]} ${m[2]}`);
    const cite = `${m[1]} số ${m[2]}${m[3] ? ` ngày ${m[3]}` : ''}`;
    if (!byKey.has(key) || (m[3] && !byKey.get(key)!.includes(' ngày '))) byKey.set(key, cite);
  }
  return [...byKey.values()];
}

/** "… báo cáo … trước ngày 10 tháng 11 hằng năm" → { month: 11, day: 10 }. */
export function reportingDeadlines(lines: readonly string[]): ReportingDeadline[] {
  const out: ReportingDeadline[] = [];
  const seen = new Set<string>();
  for (const line of lines) {
    for (const sentence of line.split(/(?<=[.;])\s+(?=\p{Lu})/u)) {
      const f = foldSameLength(sentence);
      if (!/\bbao cao\b/.test(f)) continue;
      for (const m of f.matchAll(/truoc ngay\s+(\d{1,2})(?:\s*\/\s*(\d{1,2})|\s+thang\s+(\d{1,2}))\s+(?:hang|moi)\s+nam/g)) {
        const day = +m[1]!;
        const month = +(m[2] ?? m[3])!;
        if (!isoDate(2000, month, day) || seen.has(`${month}-${day}`)) continue;
        seen.add(`${month}-${day}`);
        out.push({ text: oneLine(sentence).slice(0, 400), month, day });
      }
    }
  }
  return out;
}

/** Reads the plan's particulars from its lines (cleaned text, one paragraph per line). */
export function readPlanMetadata(lines: readonly string[]): { plan: ImportedPlan; warnings: ImportWarning[] } {
  const warnings: ImportWarning[] = [];
  const plan: ImportedPlan = { legalBasis: [], reportingDeadlines: [] };
  const head = lines.slice(0, 60);
  let place: string | undefined;

  for (const [i, line] of head.entries()) {
    let m: RegExpExecArray | null;
    if (plan.number === undefined && (m = /^Số\s*[:.]\s*(.*)$/u.exec(line) ?? /^Số\s+(\d.*)$/u.exec(line))) {
      plan.number = oneLine(m[1]!);
      if (!/^\d/.test(plan.number)) {
        warnings.push({ code: 'plan.number_blank', severity: 'info', message: `Số văn bản chưa điền ("${plan.number}").`, line: i + 1 });
      }
      continue;
    }
    if (
      plan.year === undefined &&
      (m = /^([\p{L}][\p{L} .'-]{1,40}),\s*ngày\s*(\d{1,2})?\s*(?:tháng|\/)\s*(\d{1,2})?\s*(?:năm|\/)\s*(\d{4})/u.exec(line))
    ) {
      place = m[1]!.trim();
      plan.place = place;
      plan.year = +m[4]!;
      const date = m[2] && m[3] ? isoDate(+m[4]!, +m[3], +m[2]) : undefined;
      if (date) plan.date = date;
      else warnings.push({ code: 'plan.date_blank', severity: 'info', message: 'Ngày ban hành chưa điền.', line: i + 1 });
    }
  }

  // Title: "KẾ HOẠCH" (or "CHƯƠNG TRÌNH …") and the subject line under it.
  const t = head.findIndex((l) => l.length <= 400 && /^(ke hoach|chuong trinh)( hanh dong)?( .+)?$/.test(fold(l)) && l === l.toUpperCase());
  let preambleFrom = 0;
  if (t >= 0) {
    const kind = capitalize(head[t]!.toLowerCase());
    const subject = head[t + 1];
    // The subject line ("thực hiện Kết luận số 207-KL/TW …") completes a bare "KẾ HOẠCH"; an upper-case
    // line is a heading, and a paragraph ending with ":" or "." is the preamble, not the subject.
    const bare = /^(ke hoach|chuong trinh)( hanh dong)?$/.test(fold(head[t]!));
    if (!bare) {
      plan.title = head[t]!;
      preambleFrom = t + 1;
    } else if (subject && subject !== subject.toUpperCase() && !/[:.]$/.test(subject)) {
      plan.title = `${kind} ${lowerFirst(subject)}`;
      preambleFrom = t + 2;
    } else {
      plan.title = kind;
      preambleFrom = t + 1;
    }
  }

  // Legal basis: the title and the opening "Thực hiện …" / "Căn cứ …" paragraphs.
  const opening = lines.slice(preambleFrom, preambleFrom + 8).filter((l) => /^(thuc hien|can cu|thi hanh)\b/.test(fold(l)));
  plan.legalBasis = citations([plan.title ?? '', ...opening].join('\n'));

  const issuer = signingBody(lines, place);
  if (issuer) plan.issuer = issuer;
  plan.reportingDeadlines = reportingDeadlines(lines);
  return { plan, warnings };
}

function lowerFirst(s: string): string {
  // Keep "Kế hoạch số …", "Nghị quyết …": lower only a leading verb ("Thực hiện", "Triển khai").
  return /^(Thực hiện|Triển khai|Tổ chức|Tiếp tục|Về việc|Về)(?=\s)/u.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s;
}

/** The body that signs ("TM. ỦY BAN NHÂN DÂN", "T/M BAN THƯỜNG VỤ"), named with its locality. */
function signingBody(lines: readonly string[], place: string | undefined): string | undefined {
  const locality = (): string | undefined => {
    if (place) return localityOf(place);
    for (const l of lines) {
      const m = /\b(tỉnh|thành phố)\s+(\p{Lu}\p{Ll}*(?:\s+\p{Lu}\p{Ll}*){0,2})/u.exec(l);
      if (m) return `${m[1]} ${m[2]}`;
    }
    return undefined;
  };
  for (const l of lines) {
    const m = /^(?:TM|T\/M|T\.M)\.?\s+(.+)$/u.exec(l.trim());
    if (!m) continue;
    const body = fold(m[1]!);
    const loc = locality();
    if (body.startsWith('uy ban nhan dan')) return loc ? `Ủy ban nhân dân ${loc}` : 'Ủy ban nhân dân';
    if (body.startsWith('ban thuong vu')) {
      if (!loc) return 'Ban Thường vụ Tỉnh ủy';
      return loc.startsWith('thành phố')
        ? `Ban Thường vụ Thành ủy ${loc.slice('thành phố '.length)}`
        : `Ban Thường vụ Tỉnh ủy ${loc.slice('tỉnh '.length)}`;
    }
    return capitalize(m[1]!.toLowerCase());
  }
  // The heading block ("ỦY BAN NHÂN DÂN / TỈNH TUYÊN QUANG" beside the national motto).
  const top = lines.slice(0, 8).map((l) => fold(l));
  if (top.some((l) => l === 'uy ban nhan dan' || /^uy ban nhan dan (tinh|thanh pho)\b/.test(l))) {
    const loc = locality();
    return loc ? `Ủy ban nhân dân ${loc}` : 'Ủy ban nhân dân';
  }
  for (const l of lines.slice(0, 30)) {
    const m = /(Ban Thường vụ Tỉnh ủy|Ủy ban nhân dân tỉnh|UBND tỉnh)\s+ban hành/u.exec(l);
    if (m) return m[1];
  }
  return undefined;
}
