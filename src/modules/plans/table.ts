/**
 * From the rows of an appendix table to nested tasks. The same code reads the rows of a text
 * appendix (tab-separated), of a DOCX table and of an XLSX sheet.
 *
 * Rules, as seen in the seeds:
 * - the header names the columns ("TT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp",
 *   "Sản phẩm", "Thời gian hoàn thành"), in any order; the row "1 2 3 4 5" under it is skipped;
 * - a row numbered "I", "II" (or "A", "B") is a section; so is a numbered row with no agency, no
 *   deliverable and no timing whose next rows are its sub-items ("2" above "2.1"); sections are
 *   parent tasks, and the nesting follows the numbers (I > 1 > 1.1 > a);
 * - a row without a number continues the row above (a page break split it: seed 002, III.2), cell
 *   by cell, unless it names its own lead agency and starts a sentence, or follows a section
 *   heading: then it is a task of its own, numbered a, b, … under its section (seed 003, 1).
 */
import { splitAgencies } from './agencies.js';
import type { ImportWarning, ImportedTask } from './schema.js';
import { cleanText, fold, oneLine } from './text.js';
import { parseTiming } from './timing.js';

export const columns = ['number', 'content', 'lead', 'co', 'deliverable', 'timing', 'note'] as const;
export type Column = (typeof columns)[number];

/** One row as read from the source, cells in source order. */
export interface SourceRow {
  cells: string[];
  /** 1-based line (text) or row (sheet) where the row starts. */
  line: number;
  /** Cells that a vertical merge copied from the row above (DOCX, XLSX): not joined again. */
  inherited?: boolean[];
  /** A heading line spanning the table (a merged cell, or a bold line in text). */
  heading?: boolean;
}

/** The column a header cell names, read from folded text. */
function columnOf(header: string): Column | undefined {
  const h = fold(cleanText(header))
    .replace(/[^a-z0-9 ]+/g, ' ')
    .trim();
  if (h === '') return undefined;
  if (/^(s\s*tt|tt|so tt|so thu tu|thu tu|stt)$/.test(h)) return 'number';
  if (/\b(thoi gian|thoi han|tien do|thoi diem|moc thoi gian)\b/.test(h)) return 'timing';
  if (/\bphoi hop\b/.test(h)) return 'co';
  if (/\b(chu tri|don vi thuc hien|co quan thuc hien|trach nhiem|don vi chiu trach nhiem)\b/.test(h)) return 'lead';
  if (/\b(san pham|ket qua|hinh thuc van ban)\b/.test(h)) return 'deliverable';
  if (/\b(nhiem vu|noi dung|cong viec|hoat dong|giai phap|ten)\b/.test(h)) return 'content';
  if (/\b(ghi chu|kinh phi)\b/.test(h)) return 'note';
  return undefined;
}

/** The columns named by a header row, or undefined when the row is not a task-table header. */
export function readHeader(cells: readonly string[]): (Column | undefined)[] | undefined {
  // Header cells are short labels; a task row also says "nhiệm vụ", "trách nhiệm", "thời gian".
  if (cells.length < 3 || isNumberToken(cells[0] ?? '') || cells.some((c) => cleanText(c).length > 80)) return undefined;
  const cols: (Column | undefined)[] = [];
  const seen = new Set<Column>();
  for (const c of cells) {
    const col = columnOf(c);
    // The first cell naming a column wins ("Cơ quan chủ trì" before "Đơn vị thực hiện").
    cols.push(col && !seen.has(col) ? col : undefined);
    if (col) seen.add(col);
  }
  if (!seen.has('content') || seen.size < 3) return undefined;
  if (!seen.has('lead') && !seen.has('timing')) return undefined;
  return cols;
}

/** Columns of a table with no header, by its number of cells (number, content, lead, co, [deliverable], timing). */
export function defaultColumns(count: number): (Column | undefined)[] | undefined {
  if (count === 4) return ['number', 'content', 'lead', 'timing'];
  if (count === 5) return ['number', 'content', 'lead', 'co', 'timing'];
  if (count === 6) return ['number', 'content', 'lead', 'co', 'deliverable', 'timing'];
  if (count === 7) return ['number', 'content', 'lead', 'co', 'deliverable', 'timing', 'note'];
  return undefined;
}

const ROMAN = /^(?:X{0,3})(?:IX|IV|V?I{0,3})$/;

/** A number as printed in a TT cell: "I", "II.", "1", "2.1", "2.1.", "a)", "A". */
export function isNumberToken(s: string): boolean {
  const t = s.trim().replace(/[.)]+$/, '');
  if (t === '') return false;
  if (/^[IVX]+$/.test(t)) return ROMAN.test(t);
  return /^\d{1,3}(?:\.\d{1,3})*$/.test(t) || /^[a-zđA-ZĐ]$/u.test(t);
}

/** "1 2 3 4 5" or "(1) (2) (3)" under the header. */
function isColumnNumberRow(cells: readonly string[]): boolean {
  const vals = cells.map((c) => c.trim().replace(/^\((\d+)\)$/, '$1')).filter((c) => c !== '');
  return vals.length >= 3 && vals.every((v, i) => v === String(i + 1) || (i > 0 && +v === +vals[i - 1]! + 1 && /^\d+$/.test(v)));
}

type NumberType = 'letter' | 'roman' | 'arabic' | 'sub' | 'none';

function numberType(n: string): NumberType {
  if (n === '') return 'none';
  if (/^[IVX]+$/.test(n) && ROMAN.test(n)) return 'roman';
  if (/^[A-ZĐ]$/u.test(n)) return 'letter';
  if (/^\d/.test(n)) return 'arabic';
  return 'sub';
}

interface Rec {
  number: string;
  type: NumberType;
  content: string;
  lead: string;
  co: string;
  deliverable: string;
  timing: string;
  line: number;
  heading: boolean;
  inherited: Partial<Record<Column, boolean>>;
}

interface Node {
  rec: Rec;
  rank: number;
  parent: Node | null;
  children: Node[];
  number: string;
  ref: string;
  synthesized: boolean;
}

const ASSIGNED = ['lead', 'co', 'deliverable', 'timing'] as const;
const hasAssignment = (r: Rec): boolean => ASSIGNED.some((c) => r[c] !== '');
const startsSentence = (s: string): boolean => /^[\p{Lu}\d"“(]/u.test(s.trim());

function toRec(row: SourceRow, cols: readonly (Column | undefined)[]): Rec {
  const r: Rec = {
    number: '',
    type: 'none',
    content: '',
    lead: '',
    co: '',
    deliverable: '',
    timing: '',
    line: row.line,
    heading: !!row.heading,
    inherited: {},
  };
  cols.forEach((col, i) => {
    if (!col || col === 'note') return;
    const v = cleanText(row.cells[i] ?? '');
    if (col === 'number') r.number = v;
    else r[col] = r[col] ? `${r[col]}\n${v}` : v;
    if (row.inherited?.[i]) r.inherited[col] = true;
  });
  if (row.heading && r.content === '' && r.number !== '') {
    r.content = r.number;
    r.number = '';
  }
  // A number merged down from the row above (DOCX/XLSX) belongs to that row: this is a sub-row.
  if (r.inherited.number) r.number = '';
  const numbered = /^((?:[IVX]+|[A-ZĐ]|\d{1,2}(?:\.\d{1,2})*)[.)]?)\s+(\S.*)$/su.exec(r.number);
  if (r.number !== '' && !isNumberToken(r.number) && numbered && isNumberToken(numbered[1]!) && r.content === '') {
    // "I. Quán triệt …" in a cell merged across the table: number and title.
    r.number = numbered[1]!;
    r.content = numbered[2]!;
    r.heading = !hasAssignment(r);
  }
  if (r.number !== '' && !isNumberToken(r.number)) {
    // Text in the TT column: a heading row merged across the table, or a stray note.
    if (r.content === '' && !hasAssignment(r)) {
      r.content = r.number;
      r.heading = true;
    }
    r.number = '';
  } else r.number = r.number.replace(/[.)]+$/, '').trim();
  r.type = numberType(r.number);
  return r;
}

const join = (a: string, b: string): string => (a === '' ? b : b === '' ? a : `${a} ${b}`);
const joinLines = (a: string, b: string): string => (a === '' ? b : b === '' ? a : `${a}\n${b}`);

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const letter = (i: number): string =>
  i < LETTERS.length ? LETTERS[i]! : `${LETTERS[Math.floor(i / LETTERS.length) - 1]}${LETTERS[i % LETTERS.length]}`;

function rankOf(r: Rec, parentRank: number): number {
  switch (r.type) {
    case 'letter':
      return 0;
    case 'roman':
      return 2;
    case 'arabic':
      return 3 + (r.number.match(/\./g)?.length ?? 0);
    default:
      return r.heading ? 1 : parentRank + 1;
  }
}

export interface TableTasks {
  tasks: ImportedTask[];
  warnings: ImportWarning[];
}

/**
 * Builds the tasks of one table. `rows` are the rows under the header; `usedRefs` (shared by the
 * tables of one plan) keeps refs unique when a plan has several tables.
 */
export function buildTableTasks(
  rows: readonly SourceRow[],
  cols: readonly (Column | undefined)[],
  opts: { planYear?: number | undefined; usedRefs?: Set<string> } = {},
): TableTasks {
  const warnings: ImportWarning[] = [];
  const nodes: Node[] = [];
  const stack: Node[] = [];
  const usedRefs = opts.usedRefs ?? new Set<string>();
  let last: Node | null = null;

  const place = (rec: Rec, parent: Node | null, rank: number, number: string, synthesized: boolean): Node => {
    let ref = parent
      ? number.startsWith(`${parent.number}.`) && !parent.synthesized
        ? `${parent.ref}${number.slice(parent.number.length)}`
        : `${parent.ref}.${number}`
      : number;
    if (usedRefs.has(ref)) {
      let k = 2;
      while (usedRefs.has(`${ref}~${k}`)) k++;
      warnings.push({
        code: 'task.duplicate_ref',
        severity: 'warning',
        message: `Số thứ tự ${ref} bị trùng; dòng này được ghi là ${ref}~${k}.`,
        ref: `${ref}~${k}`,
        line: rec.line,
      });
      ref = `${ref}~${k}`;
    }
    usedRefs.add(ref);
    const node: Node = { rec, rank, parent, children: [], number, ref, synthesized };
    parent?.children.push(node);
    nodes.push(node);
    return node;
  };

  rows.forEach((row, index) => {
    if (index === 0 && isColumnNumberRow(row.cells)) return;
    const rec = toRec(row, cols);
    if (rec.number === '' && rec.content === '' && !hasAssignment(rec)) return;

    if (rec.number === '' && !rec.heading) {
      const subRow = !!rec.inherited.content;
      const ownTask =
        (!subRow && rec.lead !== '' && !rec.inherited.lead && startsSentence(rec.content)) ||
        (last !== null && !hasAssignment(last.rec) && hasAssignment(rec));
      if (last && !ownTask) {
        // A row split by a page break goes on mid-word: join with a space. A sub-row of merged
        // cells (DOCX/XLSX) adds agencies or dates: join on a new line, kept apart when split.
        for (const c of ['content', ...ASSIGNED] as const) {
          if (!rec.inherited[c]) last.rec[c] = subRow && c !== 'content' ? joinLines(last.rec[c], rec[c]) : join(last.rec[c], rec[c]);
        }
        warnings.push({
          code: 'row.joined',
          severity: 'info',
          message: `Dòng ${rec.line} được nối vào nhiệm vụ ${last.ref}.`,
          ref: last.ref,
          line: rec.line,
        });
        return;
      }
      const parent: Node | null = last ? (last.rec.number === '' && !last.rec.heading ? last.parent : last) : null;
      const n = parent ? parent.children.length : nodes.filter((x) => x.parent === null).length;
      const node = place(rec, parent, rankOf(rec, parent?.rank ?? 0), letter(n), true);
      warnings.push({
        code: 'task.number_synthesized',
        severity: 'info',
        message: `Dòng ${rec.line} không có số thứ tự; được đánh số ${node.ref}.`,
        ref: node.ref,
        line: rec.line,
      });
      last = node;
      return;
    }

    const rank = rankOf(rec, stack[stack.length - 1]?.rank ?? 0);
    while (stack.length > 0 && stack[stack.length - 1]!.rank >= rank) stack.pop();
    const parent = stack[stack.length - 1] ?? null;
    let number = rec.number;
    let synthesized = false;
    if (number === '') {
      // A heading without a number: A, B, … at its level.
      const siblings = parent ? parent.children.length : nodes.filter((x) => x.parent === null).length;
      number = letter(siblings).toUpperCase();
      synthesized = true;
    }
    const node = place(rec, parent, rank, number, synthesized);
    if (synthesized) {
      warnings.push({
        code: 'task.number_synthesized',
        severity: 'info',
        message: `Tiêu đề ở dòng ${rec.line} không có số thứ tự; được đánh số ${node.ref}.`,
        ref: node.ref,
        line: rec.line,
      });
    }
    stack.push(node);
    last = node;
  });

  const tasks: ImportedTask[] = [];
  for (const node of nodes) {
    const r = node.rec;
    const isSection = node.children.length > 0 || ((r.type === 'roman' || r.type === 'letter' || r.heading) && !hasAssignment(r));
    const task: ImportedTask = {
      number: node.number,
      ref: node.ref,
      section: node.parent?.ref ?? null,
      level: depth(node),
      isSection,
      content: oneLine(r.content),
      leadAgencies: splitAgencies(r.lead),
      coAgencies: splitAgencies(r.co),
      deliverable: oneLine(r.deliverable),
      timing: parseTiming(r.timing, { planYear: opts.planYear }),
      line: r.line,
    };
    tasks.push(task);
    if (!isSection) warnings.push(...taskWarnings(task));
  }
  return { tasks, warnings };
}

function depth(n: Node): number {
  let d = 0;
  for (let p = n.parent; p; p = p.parent) d++;
  return d;
}

/** What a leaf task lacks for follow-up: a lead agency, content, a timing that can be scheduled. */
export function taskWarnings(task: ImportedTask): ImportWarning[] {
  const out: ImportWarning[] = [];
  const at = { ref: task.ref, ...(task.line !== undefined ? { line: task.line } : {}) };
  if (task.leadAgencies.length === 0) {
    out.push({ code: 'task.no_lead_agency', severity: 'warning', message: `Nhiệm vụ ${task.ref} chưa có cơ quan chủ trì.`, ...at });
  }
  if (task.content === '')
    out.push({ code: 'task.no_content', severity: 'warning', message: `Nhiệm vụ ${task.ref} không có nội dung.`, ...at });
  if (task.timing.text === '') {
    out.push({ code: 'task.no_timing', severity: 'warning', message: `Nhiệm vụ ${task.ref} chưa có thời gian thực hiện.`, ...at });
  } else if (task.timing.kind === 'unparsed') {
    out.push({
      code: 'task.unparsed_timing',
      severity: 'warning',
      message: `Không đọc được thời gian "${task.timing.text}" của nhiệm vụ ${task.ref}; cần ghi lại.`,
      text: task.timing.text,
      ...at,
    });
  }
  return out;
}
