/**
 * Tasks of a plan written as prose, without an appendix table (seeds 000 and 001): the part
 * headed "II. NHIỆM VỤ …" lists numbered items ("1.", "1.1.") and bullets ("- …"), each followed by
 * lines such as "Trách nhiệm chủ trì: …", "Trách nhiệm chỉ đạo thực hiện: …", "Thời gian hoàn
 * thành: …". An item with sub-items is a section. Other paragraphs are the item's details.
 * A task without a timing takes its section's when the heading is one ("2. Nhiệm vụ thường xuyên").
 */
import { splitAgencies } from './agencies.js';
import type { ImportWarning, ImportedTask, Timing } from './schema.js';
import { taskWarnings } from './table.js';
import { capitalize, cleanText, fold, foldSameLength, oneLine, trimPunctuation } from './text.js';
import { parseTiming } from './timing.js';

export interface ProseLine {
  text: string;
  line: number;
}

const ROMAN_HEADING = /^((?:X{0,3})(?:IX|IV|V?I{0,3}))\s*[.\-–)]\s*(\S.*)$/u;

/** Labels of the lines that assign an item, on folded text. */
const ATTRIBUTES: [RegExp, 'lead' | 'co' | 'timing' | 'deliverable' | 'person' | 'authority'][] = [
  [
    /^(?:trach nhiem\s+(?:chu tri|chi dao(?:\s+thuc hien)?|thuc hien|chinh)|(?:co quan|don vi)\s+(?:chu tri|thuc hien)|chu tri(?:\s+thuc hien)?)\s*:\s*/,
    'lead',
  ],
  [/^(?:(?:co quan|don vi)\s+phoi hop|phoi hop(?:\s+thuc hien)?|trach nhiem phoi hop)\s*:\s*/, 'co'],
  [/^(?:thoi gian|thoi han|tien do)(?:\s*,?\s*(?:thuc hien|hoan thanh|du kien))*\s*:\s*/, 'timing'],
  [/^(?:san pham|ket qua)(?:\s+(?:du kien|dau ra|can dat))?\s*:\s*/, 'deliverable'],
  [/^(?:nguoi|can bo|lanh dao)\s+(?:phu trach|chiu trach nhiem|dau moi)\s*:\s*/, 'person'],
  [/^(?:tham quyen|can cu(?:\s+phap ly)?|co so phap ly)\s*:\s*/, 'authority'],
];

interface Item {
  number: string;
  level: number;
  bullet: boolean;
  content: string;
  details: string[];
  lead: string[];
  co: string[];
  timing: string;
  deliverable: string;
  person: string;
  authority: string;
  line: number;
  parent: Item | null;
  children: Item[];
}

/** Splits "I. MỤC ĐÍCH, YÊU CẦU**1. Mục đích:**" (bold runs glued by the conversion) into lines, cleaned. */
export function proseLines(raw: readonly string[]): ProseLine[] {
  const out: ProseLine[] = [];
  raw.forEach((l, i) => {
    for (const piece of l.split('**')) {
      const text = oneLine(cleanText(piece));
      if (text !== '') out.push({ text, line: i + 1 });
    }
  });
  return out;
}

/** The lines of the task part: after "II. NHIỆM VỤ …" up to the next roman heading. */
function taskPart(lines: readonly ProseLine[]): ProseLine[] | undefined {
  const headings = lines.map((l, i) => ({ i, m: ROMAN_HEADING.exec(l.text) })).filter((h) => h.m && h.m[1] !== '');
  for (const want of [/\bnhiem vu\b/, /\b(noi dung|giai phap)\b/]) {
    for (const [k, h] of headings.entries()) {
      if (!want.test(fold(h.m![2]!))) continue;
      const end = headings[k + 1]?.i ?? lines.length;
      const part = lines.slice(h.i + 1, end);
      const stop = part.findIndex((l) => /^noi nhan\b/.test(fold(l.text)));
      const body = stop >= 0 ? part.slice(0, stop) : part;
      if (body.some((l) => numbered(l.text))) return body;
    }
  }
  return undefined;
}

function numbered(text: string): { number: string; rest: string } | undefined {
  const m = /^(\d{1,2}(?:\.\d{1,2})+)\.?\s+(\S.*)$/.exec(text) ?? /^(\d{1,2})[.)]\s+(\S.*)$/.exec(text);
  return m ? { number: m[1]!, rest: m[2]! } : undefined;
}

function attribute(text: string): { key: (typeof ATTRIBUTES)[number][1]; value: string } | undefined {
  const f = foldSameLength(text);
  for (const [re, key] of ATTRIBUTES) {
    const m = re.exec(f);
    if (m) return { key, value: trimPunctuation(text.slice(m[0].length)) };
  }
  return undefined;
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** Tasks of a prose plan, or undefined when it has no numbered task part. */
export function buildProseTasks(
  lines: readonly ProseLine[],
  opts: { planYear?: number | undefined } = {},
): { tasks: ImportedTask[]; warnings: ImportWarning[] } | undefined {
  const part = taskPart(lines);
  if (!part) return undefined;
  const items: Item[] = [];
  const stack: Item[] = [];
  let current: Item | null = null;
  const make = (number: string, level: number, bullet: boolean, content: string, line: number, parent: Item | null): Item => {
    const item: Item = {
      number,
      level,
      bullet,
      content,
      details: [],
      lead: [],
      co: [],
      timing: '',
      deliverable: '',
      person: '',
      authority: '',
      line,
      parent,
      children: [],
    };
    parent?.children.push(item);
    items.push(item);
    return item;
  };

  for (const { text, line } of part) {
    const num = numbered(text);
    if (num) {
      const level = num.number.split('.').length;
      while (stack.length > 0 && stack[stack.length - 1]!.level >= level) stack.pop();
      current = make(num.number, level, false, trimPunctuation(num.rest), line, stack[stack.length - 1] ?? null);
      stack.push(current);
      continue;
    }
    const bullet = /^[-–•+]\s*(\S.*)$/u.exec(text);
    if (bullet) {
      const parent = stack[stack.length - 1] ?? null;
      current = make('', (parent?.level ?? 0) + 1, true, bullet[1]!, line, parent);
      continue;
    }
    const attr = attribute(text);
    if (attr && current) {
      if (attr.key === 'lead' || attr.key === 'co') current[attr.key].push(attr.value);
      else current[attr.key] = current[attr.key] ? `${current[attr.key]}; ${attr.value}` : attr.value;
      continue;
    }
    if (!current) continue;
    // A paragraph cut by a page break goes on with a lower-case word after an unfinished sentence.
    if (!/[.;:!?]$/.test(current.content) && /^\p{Ll}/u.test(text) && current.details.length === 0)
      current.content = `${current.content} ${text}`;
    else if (current.details.length > 0 && !/[.;:!?]$/.test(current.details[current.details.length - 1]!) && /^\p{Ll}/u.test(text)) {
      current.details[current.details.length - 1] += ` ${text}`;
    } else current.details.push(text);
  }

  const warnings: ImportWarning[] = [];
  const tasks: ImportedTask[] = [];
  const refs = new Map<Item, string>();
  const refOf = (item: Item): string => {
    const known = refs.get(item);
    if (known) return known;
    let ref: string;
    if (!item.bullet) ref = item.number;
    else {
      const siblings = item.parent ? item.parent.children.filter((c) => c.bullet) : items.filter((c) => c.bullet && !c.parent);
      const k = LETTERS[siblings.indexOf(item)] ?? String(siblings.indexOf(item) + 1);
      item.number = k;
      ref = item.parent ? `${refOf(item.parent)}.${k}` : k;
    }
    refs.set(item, ref);
    return ref;
  };

  for (const item of items) {
    const ref = refOf(item);
    const isSection = item.children.length > 0;
    let timing = parseTiming(item.timing, { planYear: opts.planYear });
    if (!isSection && item.timing === '') {
      const inherited = sectionTiming(item, opts.planYear);
      if (inherited) {
        timing = inherited.timing;
        warnings.push({
          code: 'task.timing_from_section',
          severity: 'info',
          message: `Nhiệm vụ ${ref} lấy thời gian "${timing.text}" của mục ${inherited.from}.`,
          ref,
          line: item.line,
        });
      }
    }
    const task: ImportedTask = {
      number: item.number,
      ref,
      section: item.parent ? refOf(item.parent) : null,
      level: depth(item),
      isSection,
      content: oneLine(item.content),
      leadAgencies: item.lead.flatMap((l) => splitAgencies(l)),
      coAgencies: item.co.flatMap((l) => splitAgencies(l)),
      deliverable: oneLine(item.deliverable),
      timing,
      line: item.line,
    };
    if (item.details.length > 0) task.details = item.details.join('\n');
    if (item.person) task.responsiblePerson = item.person;
    if (item.authority) task.authority = item.authority;
    tasks.push(task);
    if (!isSection) warnings.push(...taskWarnings(task));
  }
  return { tasks, warnings };
}

function depth(item: Item): number {
  let d = 0;
  for (let p = item.parent; p; p = p.parent) d++;
  return d;
}

/** The timing of the nearest section that has one, or whose heading is one ("Nhiệm vụ thường xuyên"). */
function sectionTiming(item: Item, planYear?: number): { timing: Timing; from: string } | undefined {
  for (let p = item.parent; p; p = p.parent) {
    if (p.timing) {
      const t = parseTiming(p.timing, { planYear });
      if (t.kind !== 'unparsed') return { timing: t, from: p.number };
    }
    const heading = /^(?:(?:các\s+)?nhiệm vụ\s+)(.+)$/iu.exec(p.content);
    if (heading) {
      const t = parseTiming(capitalize(trimPunctuation(heading[1]!)), { planYear });
      if (t.kind !== 'unparsed') return { timing: t, from: p.number };
    }
  }
  return undefined;
}
