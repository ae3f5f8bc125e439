/**
 * Import of a plan from its published plain text (issue 6 point 3, `format: "text"`): the whole
 * plan, in which the appendix table rows are tab-separated, cells may carry leftover HTML tags,
 * and a row may go on over the following lines. Without an appendix table, the numbered items of
 * the "NHIỆM VỤ" part are read instead (prose.ts). Pure: no database; agency matching is
 * `matchImportedAgencies` (match.ts).
 *
 * Lines of a table, after its header (N cells):
 * - a line starting with a number ("1", "2.1", "II") starts a row;
 * - while a row has fewer than N cells, the next line goes on in its last cell (a line break
 *   inside a cell);
 * - a line starting with a tab is a row without a number (page break, or an unnumbered task:
 *   table.ts decides);
 * - a line without a tab after a complete row goes on in its last cell, unless the next line has
 *   no tab either or it starts another part ("Nơi nhận", "PHỤ LỤC"): the table has ended.
 */
import { IMPORT_LIMITS, planImportErrors } from './errors.js';
import { readPlanMetadata } from './metadata.js';
import { buildProseTasks, proseLines } from './prose.js';
import type { ImportFormat, ImportWarning, ImportedTask, PlanImportPreview } from './schema.js';
import { buildTableTasks, defaultColumns, isNumberToken, readHeader, type Column, type SourceRow } from './table.js';
import { cleanText, fold, oneLine } from './text.js';

export interface RowTable {
  columns: (Column | undefined)[];
  rows: SourceRow[];
  /** Where the header is (line or sheet row), for messages. */
  headerLine: number;
  headerless?: boolean;
}

const END_OF_TABLE = /^(noi nhan|phu luc|ghi chu|tm\.?|t\/m|kt\.?|tl\.?|nguoi lap|noi gui)\b/;

/** True for a line that is a heading across the table ("**NHIỆM VỤ CHUNG**", "A. NHIỆM VỤ TRỌNG TÂM"). */
function isHeadingLine(raw: string): boolean {
  const t = raw.trim();
  if (/^\*\*[^*]+\*\*$/.test(t) || /^<(b|strong)>.*<\/(b|strong)>$/i.test(t)) return true;
  const text = cleanText(t);
  return text.length >= 4 && text.length <= 200 && /\p{Lu}/u.test(text) && text === text.toUpperCase();
}

/** Reads the tab-separated tables of a text, each from its header to its end. */
export function readTextTables(rawLines: readonly string[]): { tables: RowTable[]; warnings: ImportWarning[] } {
  const tables: RowTable[] = [];
  const warnings: ImportWarning[] = [];
  let i = 0;
  while (i < rawLines.length) {
    const raw = rawLines[i]!;
    const columns = raw.includes('\t') ? readHeader(raw.split('\t')) : undefined;
    if (!columns) {
      i++;
      continue;
    }
    const table: RowTable = { columns, rows: [], headerLine: i + 1 };
    i = readRows(rawLines, i + 1, columns.length, table, warnings);
    tables.push(table);
  }
  if (tables.length === 0) {
    const headerless = readHeaderlessTable(rawLines, warnings);
    if (headerless) tables.push(headerless);
  }
  return { tables, warnings };
}

/** Reads rows from line `from` until the table ends; answers the index of the first line after it. */
function readRows(lines: readonly string[], from: number, n: number, table: RowTable, warnings: ImportWarning[]): number {
  let cur: SourceRow | null = null;
  const close = (): void => {
    if (!cur) return;
    if (cur.cells.length > n && cur.cells.slice(n).every((c) => c.trim() === '')) cur.cells.length = n;
    if (cur.cells.length > n) {
      const extra = cur.cells.splice(n - 1).join(' ');
      cur.cells.push(extra);
      warnings.push({
        code: 'table.extra_cells',
        severity: 'warning',
        message: `Dòng ${cur.line} có nhiều ô hơn tiêu đề bảng; các ô thừa được ghép vào ô cuối.`,
        line: cur.line,
      });
    }
    table.rows.push(cur);
    cur = null;
  };
  const nextNonBlank = (k: number): string | undefined => {
    for (let j = k; j < lines.length; j++) if (lines[j]!.trim() !== '') return lines[j];
    return undefined;
  };
  let i = from;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const parts = line.split('\t');
    const lineNo = i + 1;
    if (parts.length > 1 && readHeader(parts)) break; // the next table
    const folded = fold(cleanText(line));
    if (parts.length === 1 && END_OF_TABLE.test(folded)) break;
    const c: SourceRow | null = cur;
    if (c && c.cells.length < n) {
      if (parts.length >= 2 && isNumberToken(parts[0]!) && c.cells.length >= 2) {
        // The row above lost its trailing tabs: this line starts a new row.
        close();
        cur = { cells: parts, line: lineNo };
        continue;
      }
      c.cells[c.cells.length - 1] = `${c.cells[c.cells.length - 1]}\n${parts[0]}`;
      c.cells.push(...parts.slice(1));
      continue;
    }
    if (parts.length === 1) {
      const next = nextNonBlank(i + 1);
      if (next === undefined || !next.includes('\t')) break; // prose again: the table has ended
      if (isHeadingLine(line)) {
        close();
        // A heading spans the table: its number (if any) goes in the number column, its title in the content column.
        const cells: string[] = Array.from({ length: n }, () => '');
        const m = /^\**\s*((?:[IVX]+|[A-ZĐ]|\d{1,2})[.)\-])\s+(.+)$/u.exec(line.trim());
        const numberCol = table.columns.indexOf('number');
        const contentCol = Math.max(0, table.columns.indexOf('content'));
        if (m && numberCol >= 0 && isNumberToken(m[1]!)) {
          cells[numberCol] = m[1]!;
          cells[contentCol] = m[2]!;
        } else cells[contentCol] = line;
        cur = { cells, line: lineNo, heading: true };
        continue;
      }
      if (c) {
        c.cells[c.cells.length - 1] = `${c.cells[c.cells.length - 1]}\n${line}`;
        warnings.push({
          code: 'row.line_joined',
          severity: 'info',
          message: `Dòng ${lineNo} được nối vào ô cuối của dòng ${c.line}.`,
          line: lineNo,
        });
      } else {
        warnings.push({
          code: 'row.stray_line',
          severity: 'warning',
          message: `Dòng ${lineNo} nằm trong bảng nhưng không thuộc dòng nào; đã bỏ qua.`,
          line: lineNo,
          text: oneLine(line).slice(0, 200),
        });
      }
      continue;
    }
    close();
    cur = { cells: parts, line: lineNo };
  }
  close();
  return i;
}

/** Rows of at least four tab-separated cells that start with numbers, when no header names the columns. */
function readHeaderlessTable(lines: readonly string[], warnings: ImportWarning[]): RowTable | undefined {
  const counts = new Map<number, number>();
  let first = -1;
  lines.forEach((l, i) => {
    const parts = l.split('\t');
    if (parts.length >= 4 && isNumberToken(parts[0]!)) {
      counts.set(parts.length, (counts.get(parts.length) ?? 0) + 1);
      if (first < 0) first = i;
    }
  });
  const [n, seen] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0] ?? [0, 0];
  const columns = defaultColumns(n);
  if (!columns || seen < 2) return undefined;
  const table: RowTable = { columns, rows: [], headerLine: first + 1, headerless: true };
  readRows(lines, first, n, table, warnings);
  warnings.push({
    code: 'table.no_header',
    severity: 'warning',
    message: `Bảng không có dòng tiêu đề; các cột được hiểu là: ${columns.join(', ')}.`,
    line: first + 1,
  });
  return table;
}

/**
 * The preview from what a reader found: the plan's lines (for its particulars and, without a
 * table, its numbered items) and its tables. Shared by the text, DOCX and XLSX importers.
 */
export function assemblePreview(
  format: ImportFormat,
  rawLines: readonly string[],
  tables: readonly RowTable[],
  readWarnings: readonly ImportWarning[],
): PlanImportPreview {
  const textLines = rawLines.map((l) => oneLine(cleanText(l))).filter((l) => l !== '');
  const meta = readPlanMetadata(textLines);
  const planYear = meta.plan.year ?? (meta.plan.date ? +meta.plan.date.slice(0, 4) : undefined);
  const warnings: ImportWarning[] = [...meta.warnings, ...readWarnings];
  let tasks: ImportedTask[] = [];
  let source: PlanImportPreview['source'] = 'table';
  const usable = tables.filter((t) => t.rows.length > 0);
  if (usable.length > 0) {
    if (usable.length > 1) {
      warnings.push({
        code: 'table.several',
        severity: 'info',
        message: `Văn bản có ${usable.length} bảng nhiệm vụ; các bảng được nối tiếp nhau.`,
      });
    }
    const usedRefs = new Set<string>();
    for (const t of usable) {
      const built = buildTableTasks(t.rows, t.columns, { planYear, usedRefs });
      tasks.push(...built.tasks);
      warnings.push(...built.warnings);
    }
  } else {
    const prose = buildProseTasks(proseLines(rawLines), { planYear });
    if (prose) {
      source = 'prose';
      tasks = prose.tasks;
      warnings.push(...prose.warnings);
    }
  }
  if (tasks.length === 0) {
    throw planImportErrors.notATable(tables.length > 0 ? `Bảng ở dòng ${tables[0]!.headerLine} không có dòng nhiệm vụ nào.` : undefined);
  }
  if (tasks.length > IMPORT_LIMITS.maxTasks) throw planImportErrors.tooLarge(IMPORT_LIMITS.maxBytes);
  return { format, source, plan: meta.plan, tasks, warnings };
}

/** Normalises a text to NFC lines (CRLF, CR, form feeds and U+2028 as line breaks). */
export function textLines(text: string): string[] {
  return text.normalize('NFC').split(/\r\n|\r|\n|\f|\u2028|\u2029/);
}

/**
 * Reads a plan from its published text. Throws `plan_import.empty` for a blank text,
 * `plan_import.too_large` past `IMPORT_LIMITS.maxBytes`, and `plan_import.not_a_table` when there
 * is neither an appendix table nor numbered tasks.
 */
export function importPlanText(text: string): PlanImportPreview {
  if (Buffer.byteLength(text, 'utf8') > IMPORT_LIMITS.maxBytes) throw planImportErrors.tooLarge(IMPORT_LIMITS.maxBytes);
  if (text.trim() === '') throw planImportErrors.empty();
  const lines = textLines(text);
  const { tables, warnings } = readTextTables(lines);
  return assemblePreview('text', lines, tables, warnings);
}
