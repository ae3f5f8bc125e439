/**
 * Timing phrases of Vietnamese plans → a typed schedule (issue 6 point 2).
 *
 *   once         "Xong trước ngày 30/12/2025", "Tháng 1/2026", "Quý II/2026", "Năm 2026", "6 tháng đầu năm 2026"
 *   recurring    "Hàng năm", "Hằng năm", "Hàng quý", "Hằng tháng", "Định kỳ 6 tháng", "Trước ngày 10/12 hằng năm"
 *   continuous   "Thường xuyên", "Liên tục", "Nhiệm vụ thường xuyên"
 *   range        "Năm 2026 và các năm tiếp theo" (open), "Giai đoạn 2026-2030", "Từ tháng 3/2026 đến tháng 6/2026"
 *   conditional  "Sau khi Thủ tướng Chính phủ ban hành …", "Theo kế hoạch được phê duyệt (…)", "Khi có yêu cầu", "Đột xuất"
 *
 * Matching is on folded text (no accents, lower case), so "HẰNG NĂM", "hàng  năm" and "Hang nam"
 * read the same. A period is due on its last day; "trước ngày D/M/Y" is due on D/M/Y (the plans
 * mean "by"). Anything else is `unparsed`: the function never throws.
 */
import type { RecurrenceUnit, Timing } from './schema.js';
import { cleanText, foldSameLength, oneLine } from './text.js';

export interface TimingOptions {
  /** The plan's year, for phrases without one ("Tháng 6", "Quý II", "Trước ngày 10/12"). */
  planYear?: number | undefined;
}

interface Period {
  start: string;
  end: string;
}

const pad = (n: number): string => String(n).padStart(2, '0');

function isoDate(y: number, m: number, d: number): string | undefined {
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return undefined;
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCMonth() !== m - 1) return undefined;
  return `${y}-${pad(m)}-${pad(d)}`;
}

const lastDay = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate();

function monthPeriod(y: number, m1: number, m2 = m1): Period | undefined {
  const start = isoDate(y, m1, 1);
  const end = isoDate(y, m2, lastDay(y, m2));
  return start && end ? { start, end } : undefined;
}

const QUARTERS: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4, '1': 1, '2': 2, '3': 3, '4': 4 };

function dayBefore(iso: string): string {
  const t = new Date(`${iso}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() - 1);
  return t.toISOString().slice(0, 10);
}

const YEAR = '(\\d{4})';
const SEP = '\\s*(?:/|-|\\.|\\s+nam\\s+|\\s*,\\s*nam\\s+)\\s*';

/** A calendar period written on its own: a day, a month, a quarter, a half-year or a year. */
function parsePeriod(s: string, planYear?: number): Period | undefined {
  let m: RegExpExecArray | null;
  // Day: "20/12/2025", "ngày 20/12/2025", "ngày 20 tháng 12 năm 2025"
  if ((m = /^(?:ngay\s+)?(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})$/.exec(s))) {
    const d = isoDate(+m[3]!, +m[2]!, +m[1]!);
    return d ? { start: d, end: d } : undefined;
  }
  if ((m = /^(?:ngay\s+)?(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})$/.exec(s))) {
    const d = isoDate(+m[3]!, +m[2]!, +m[1]!);
    return d ? { start: d, end: d } : undefined;
  }
  // Day without a year: "ngày 10/12", "10 tháng 12"
  if (planYear && (m = /^(?:ngay\s+)?(\d{1,2})\s*(?:[/.-]|\s+thang\s+)\s*(\d{1,2})$/.exec(s))) {
    const d = isoDate(planYear, +m[2]!, +m[1]!);
    return d ? { start: d, end: d } : undefined;
  }
  // Month: "tháng 1/2026", "tháng 01 năm 2026", "tháng 1"
  if ((m = new RegExp(`^thang\\s+(\\d{1,2})${SEP}${YEAR}$`).exec(s))) return monthPeriod(+m[2]!, +m[1]!);
  if (planYear && (m = /^thang\s+(\d{1,2})$/.exec(s))) return monthPeriod(planYear, +m[1]!);
  // Quarter: "quý II/2026", "quý 2 năm 2026", "quý II"
  if ((m = new RegExp(`^quy\\s+(iv|i{1,3}|[1-4])${SEP}${YEAR}$`).exec(s))) {
    const q = QUARTERS[m[1]!]!;
    return monthPeriod(+m[2]!, q * 3 - 2, q * 3);
  }
  if (planYear && (m = /^quy\s+(iv|i{1,3}|[1-4])$/.exec(s))) {
    const q = QUARTERS[m[1]!]!;
    return monthPeriod(planYear, q * 3 - 2, q * 3);
  }
  // Half-year: "6 tháng đầu năm 2026", "06 tháng cuối năm 2026"
  if ((m = new RegExp(`^(?:0?6|sau)\\s+thang\\s+(dau|cuoi)(?:\\s+nam)?\\s+${YEAR}$`).exec(s))) {
    return m[1] === 'dau' ? monthPeriod(+m[2]!, 1, 6) : monthPeriod(+m[2]!, 7, 12);
  }
  // Year: "năm 2026", "cuối năm 2026", "2026"
  if ((m = new RegExp(`^(?:nam\\s+)?${YEAR}$`).exec(s))) return monthPeriod(+m[1]!, 1, 12);
  if ((m = new RegExp(`^cuoi\\s+nam\\s+${YEAR}$`).exec(s))) {
    const d = isoDate(+m[1]!, 12, 31)!;
    return { start: d, end: d };
  }
  if (planYear && /^(trong\s+)?nam\s+nay$/.test(s)) return monthPeriod(planYear, 1, 12);
  return undefined;
}

/** "xong trước ngày 20/12/2025" → due 2025-12-20; "quý II/2026" → due 2026-06-30; "trước tháng 6/2026" → 2026-05-31. */
function parseDue(s: string, planYear?: number): string | undefined {
  const m =
    /^(?:(?:xong|hoan thanh|hoan thien|ket thuc|thuc hien|trien khai)\s+)?(?:(truoc|trong|vao|den het|den|cham nhat(?:\s+la)?|han chot)\s+)?(.*)$/.exec(
      s,
    );
  if (!m) return undefined;
  const p = parsePeriod(m[2]!.trim(), planYear);
  if (!p) return undefined;
  // "Trước tháng 6/2026" is before the month starts; "trước ngày 20/12/2025" means "by" that day.
  if (m[1] === 'truoc' && p.start !== p.end) return dayBefore(p.start);
  return p.end;
}

const RECURRENCE_PIECES: [RegExp, RecurrenceUnit][] = [
  [/^(?:dinh ky\s+)?(?:hang|moi)\s+thang$|^dinh ky\s+(?:0?1\s+)?thang(?:\s*\/\s*lan)?$/, 'month'],
  [
    /^(?:dinh ky\s+)?(?:hang|moi)\s+quy$|^dinh ky\s+(?:quy|0?3\s+thang)(?:\s*\/?\s*(?:1|mot)?\s*lan)?$|^(?:1|mot)\s+quy\s*\/\s*lan$/,
    'quarter',
  ],
  [
    /^(?:dinh ky\s+)?0?6\s+thang(?:\s*\/?\s*(?:1|mot)?\s*lan)?$|^(?:dinh ky\s+)?(?:hang\s+|moi\s+)?nua nam$|^so ket\s+0?6\s+thang$/,
    'half-year',
  ],
  [
    /^(?:dinh ky\s+)?(?:hang|moi)\s+nam$|^thuong nien$|^dinh ky\s+(?:hang\s+)?nam$|^dinh ky\s+12\s+thang$|^(?:1|mot)\s+lan\s*\/\s*nam$/,
    'year',
  ],
];
const ORDER: RecurrenceUnit[] = ['month', 'quarter', 'half-year', 'year'];

const CONTINUOUS = /^(?:(?:nhiem vu|thuc hien|trien khai)\s+)?(?:thuong xuyen|lien tuc)(?:\s*,?\s*(?:lien tuc|thuong xuyen))?$/;

/** "trước ngày 10/12", "vào ngày 15/3" → "12-10", "03-15" (a day in every year). */
function dayInYear(s: string): string | undefined {
  const m = /^(?:truoc|vao|trong|den)?\s*(?:ngay\s+)?(\d{1,2})\s*(?:[/.-]|\s+thang\s+)\s*(\d{1,2})$/.exec(s);
  if (!m) return undefined;
  return isoDate(2000, +m[2]!, +m[1]!) ? `${pad(+m[2]!)}-${pad(+m[1]!)}` : undefined;
}

/** Pulls a day out of "hằng năm, trước ngày 10/12", "trước ngày 15/3 hằng năm", "ngày 15/3 hàng năm". */
function splitYearlyDay(s: string): string[] {
  return s
    .replace(/^((?:truoc|vao)?\s*ngay\s+\d{1,2}\s*(?:[/.-]|\s+thang\s+)\s*\d{1,2})\s+((?:hang|moi)\s+nam)$/, '$1, $2')
    .split(/\s*(?:,|;|\s+va\s+|\s+hoac\s+)\s*/);
}

/**
 * Parses a timing phrase. `text` in the answer is the phrase as given (NFC, HTML tags and spaces cleaned).
 */
export function parseTiming(input: string, opts: TimingOptions = {}): Timing {
  const text = oneLine(cleanText(input ?? ''));
  if (text === '') return { text, kind: 'unparsed' };
  try {
    return parseNormalized(text, opts.planYear) ?? { text, kind: 'unparsed' };
  } catch {
    return { text, kind: 'unparsed' };
  }
}

function parseNormalized(text: string, planYear?: number): Timing | undefined {
  // Work on a same-length folded copy, so that slices of it map back to the accented original.
  let original = text.replace(/[–—−]/g, '-');
  // A leading label from prose plans: "Thời gian hoàn thành: …", "Thời gian thực hiện, hoàn thành: …".
  const label = /^(?:thoi gian|thoi han|tien do)(?:\s*,?\s*(?:thuc hien|hoan thanh|du kien))*\s*:\s*/.exec(foldSameLength(original));
  if (label) original = original.slice(label[0].length);
  original = original.replace(/[\s.;,]+$/, '');
  // A trailing parenthetical qualifies the phrase: keep it as a note.
  let note: string | undefined;
  const paren = /\s*\(([^()]*)\)$/.exec(original);
  if (paren && paren.index > 0) {
    note = paren[1]!.trim();
    original = original.slice(0, paren.index).replace(/[\s.;,]+$/, '');
  }
  const s = foldSameLength(original);
  const withNote = (t: Timing): Timing => (note ? { ...t, note } : t);
  let m: RegExpExecArray | null;

  // Conditional: "Sau khi Thủ tướng Chính phủ ban hành …", "Khi có yêu cầu".
  if ((m = /^(?:ngay\s+)?sau khi\s+/.exec(s))) {
    const condition = original.slice(m[0].length).trim();
    return withNote({ text, kind: 'conditional', condition: condition || original });
  }
  if (/^khi\s+(?:co|duoc|nhan duoc)\s+/.test(s)) return withNote({ text, kind: 'conditional', condition: original });
  // "Theo kế hoạch được phê duyệt (…)", "Theo yêu cầu", "Theo chỉ đạo của UBND tỉnh", "Đột xuất".
  if (
    /^theo\s+(?:ke hoach|yeu cau|chi dao|quy dinh|lo trinh|huong dan|van ban|tien do|thong bao)\b/.test(s) ||
    /^(?:khi can|dot xuat|khi co yeu cau)$/.test(s)
  ) {
    return withNote({ text, kind: 'conditional', condition: original });
  }

  // Open range: "Năm 2026 và các năm tiếp theo", "Từ năm 2026 trở đi".
  if (
    (m = /^(?:tu\s+)?(.+?)(?:\s*,\s*|\s+)(?:va\s+)?(?:cac|nhung)\s+nam\s+(?:tiep theo|sau(?: do)?|ke tiep)$/.exec(s)) ||
    (m = /^tu\s+(.+?)(?:\s+tro di|\s+tro ve sau)?$/.exec(s))
  ) {
    const range = /^(.+?)\s+(?:den|toi)\s+(?:het\s+)?(.+)$/.exec(m[1]!);
    if (range) {
      const a = parsePeriod(range[1]!, planYear);
      const b = parsePeriod(range[2]!, planYear);
      if (a && b && a.start <= b.end) return withNote({ text, kind: 'range', from: a.start, until: b.end });
    }
    const p = parsePeriod(m[1]!, planYear);
    if (p) return withNote({ text, kind: 'range', from: p.start });
  }
  // Closed range of years: "Giai đoạn 2026-2030", "Giai đoạn từ năm 2026 đến năm 2030", "2026 - 2030".
  if ((m = /^(?:giai doan\s+)?(?:tu\s+)?(?:nam\s+)?(\d{4})\s*(?:-|den|toi)\s*(?:nam\s+)?(\d{4})$/.exec(s))) {
    const a = +m[1]!;
    const b = +m[2]!;
    if (a <= b && b - a <= 50) return withNote({ text, kind: 'range', from: `${a}-01-01`, until: `${b}-12-31` });
  }

  // Pieces joined by "," ";" "và": recurrences, "thường xuyên", a day in the year, due dates.
  const pieces = splitYearlyDay(s).filter((p) => p !== '');
  const units = new Set<RecurrenceUnit>();
  let continuous = false;
  let on: string | undefined;
  let onDemand = false;
  const dues: string[] = [];
  for (const piece of pieces) {
    const unit = RECURRENCE_PIECES.find(([re]) => re.test(piece))?.[1];
    if (unit) units.add(unit);
    else if (CONTINUOUS.test(piece)) continuous = true;
    else if (/^(?:dot xuat|khi co yeu cau|theo yeu cau)$/.test(piece)) onDemand = true;
    else {
      // A day without a year first ("trước ngày 10/12" beside "hằng năm" is a day in every year).
      const day = dayInYear(piece);
      const due = day ? undefined : parseDue(piece, planYear);
      if (day) on = day;
      else if (due) dues.push(due);
      else return undefined;
    }
  }
  if (units.size > 0) {
    // "Định kỳ 6 tháng, hằng năm": the most frequent recurrence drives the reminders.
    const every = ORDER.find((u) => units.has(u))!;
    return withNote({ text, kind: 'recurring', recurrence: on && every === 'year' ? { every, on } : { every } });
  }
  if (on && dues.length === 0 && !continuous) {
    // "Trước ngày 10/12" alone: the plan's year when known.
    if (planYear) return withNote({ text, kind: 'once', due: `${planYear}-${on}` });
    return undefined;
  }
  dues.sort();
  if (continuous) return withNote(dues[0] ? { text, kind: 'continuous', until: dues[dues.length - 1] } : { text, kind: 'continuous' });
  if (dues.length > 0) return withNote({ text, kind: 'once', due: dues[0] });
  if (onDemand) return withNote({ text, kind: 'conditional', condition: original });
  return undefined;
}
