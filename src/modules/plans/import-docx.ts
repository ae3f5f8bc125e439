/**
 * Import of a plan from a DOCX file (`format: "docx"`): the body of `word/document.xml` is read
 * in order; a table whose header names the task columns is the appendix, other tables (the
 * two-column heading block of Decree 30 documents) and paragraphs are the plan's text, read for
 * its particulars. Horizontal merges (`w:gridSpan`) leave the covered cells empty; vertical merges
 * (`w:vMerge`) repeat the value above, flagged as inherited (table.ts). Without such a table, the
 * paragraphs are read as text (tab-separated lines, or numbered prose).
 */
import { IMPORT_LIMITS, planImportErrors } from './errors.js';
import { assemblePreview, readTextTables, type RowTable } from './import-text.js';
import type { ImportWarning, PlanImportPreview } from './schema.js';
import { readHeader, type Column, type SourceRow } from './table.js';
import { decodeEntities } from './text.js';
import { openZip } from './zip.js';

/** A table as read: each row's cell texts after spans are expanded. */
export interface GridTable {
  /** Cell text; a cell covered by a span is empty, a vertically merged cell repeats the value above. */
  rows: string[][];
  /** The same with span-covered cells repeating the spanning text (for two-row headers). */
  headerRows: string[][];
  inherited: boolean[][];
}

interface CellState {
  paras: string[];
  span: number;
  vmerge: 'restart' | 'continue' | null;
}

/** The body of a WordprocessingML document: paragraphs and top-level tables, in order. */
export function readDocxBody(xml: string): { blocks: ({ kind: 'para'; text: string } | { kind: 'table'; table: GridTable })[] } {
  const blocks: ({ kind: 'para'; text: string } | { kind: 'table'; table: GridTable })[] = [];
  const token = /<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<(\/?)(w:tbl|w:tr|w:tc|w:p|w:tab|w:br|w:cr|w:gridSpan|w:vMerge)(?=[\s/>])([^>]*?)(\/?)>/g;
  let depth = 0;
  let para: string | null = null;
  let rows: CellState[][] = [];
  let row: CellState[] | null = null;
  let cell: CellState | null = null;
  let m: RegExpExecArray | null;
  while ((m = token.exec(xml))) {
    if (m[1] !== undefined) {
      if (para !== null) para += decodeEntities(m[1]);
      continue;
    }
    const closing = m[2] === '/';
    const tag = m[3]!;
    const attrs = m[4] ?? '';
    const selfClosing = m[5] === '/';
    switch (tag) {
      case 'w:p':
        if (selfClosing) {
          if (depth === 0) blocks.push({ kind: 'para', text: '' });
        } else if (!closing) para = '';
        else if (para !== null) {
          if (depth === 0) blocks.push({ kind: 'para', text: para });
          else cell?.paras.push(para);
          para = null;
        }
        break;
      case 'w:tab':
        // A run's tab is a bare <w:tab/>; <w:tab w:val="left" w:pos="…"/> in <w:tabs> is a tab stop.
        if (para !== null && !closing && attrs.trim() === '') para += '\t';
        break;
      case 'w:br':
      case 'w:cr':
        if (para !== null && !closing) para += '\n';
        break;
      case 'w:tbl':
        if (!closing) {
          depth++;
          if (depth === 1) rows = [];
        } else {
          depth--;
          if (depth === 0) blocks.push({ kind: 'table', table: toGrid(rows) });
        }
        break;
      case 'w:tr':
        if (depth !== 1) break;
        if (!closing) row = [];
        else if (row) {
          rows.push(row);
          row = null;
        }
        break;
      case 'w:tc':
        if (depth !== 1) break;
        if (!closing) cell = { paras: [], span: 1, vmerge: null };
        else if (cell) {
          row?.push(cell);
          cell = null;
        }
        break;
      case 'w:gridSpan': {
        const v = /w:val="(\d+)"/.exec(attrs);
        if (cell && depth === 1 && v) cell.span = Math.min(64, Math.max(1, +v[1]!));
        break;
      }
      case 'w:vMerge':
        if (cell && depth === 1) cell.vmerge = /w:val="restart"/.test(attrs) ? 'restart' : 'continue';
        break;
      default:
        break;
    }
  }
  return { blocks };
}

function toGrid(rows: CellState[][]): GridTable {
  const out: GridTable = { rows: [], headerRows: [], inherited: [] };
  for (const r of rows) {
    const texts: string[] = [];
    const header: string[] = [];
    const inherited: boolean[] = [];
    for (const c of r) {
      const col = texts.length;
      let text = c.paras.join('\n');
      let inh = false;
      if (c.vmerge === 'continue') {
        text = out.rows[out.rows.length - 1]?.[col] ?? '';
        inh = true;
      }
      texts.push(text);
      header.push(c.vmerge === 'continue' ? (out.headerRows[out.headerRows.length - 1]?.[col] ?? '') : text);
      inherited.push(inh);
      for (let k = 1; k < c.span; k++) {
        texts.push('');
        header.push(text);
        inherited.push(false);
      }
    }
    out.rows.push(texts);
    out.headerRows.push(header);
    out.inherited.push(inherited);
  }
  return out;
}

/**
 * The task table in a grid: its header (one row, or two when the second names sub-columns such
 * as "Chủ trì" / "Phối hợp" under "Cơ quan thực hiện"), and the rows under it.
 */
export function gridToRowTable(grid: GridTable, lineOf: (row: number) => number = (r) => r + 1): RowTable | undefined {
  for (let h = 0; h < Math.min(grid.rows.length, 30); h++) {
    const one = readHeader(grid.headerRows[h]!);
    const next = grid.headerRows[h + 1];
    let two: (Column | undefined)[] | undefined;
    if (next && !/^\s*\d/.test(grid.rows[h + 1]?.[0] ?? '')) {
      const combined = grid.headerRows[h]!.map((c, i) => (next[i] && next[i] !== c ? `${c} ${next[i]}` : c));
      two = readHeader(combined);
    }
    const known = (cols?: (Column | undefined)[]): number => cols?.filter(Boolean).length ?? 0;
    const columns = known(two) > known(one) ? two : one;
    if (!columns) continue;
    const first = columns === two ? h + 2 : h + 1;
    const rows: SourceRow[] = [];
    for (let r = first; r < grid.rows.length; r++) {
      rows.push({ cells: grid.rows[r]!, line: lineOf(r), inherited: grid.inherited[r] });
    }
    return { columns, rows, headerLine: lineOf(h) };
  }
  return undefined;
}

/**
 * Reads a plan from a DOCX file. Throws `plan_import.empty`, `plan_import.too_large`,
 * `plan_import.corrupt_file` (not a ZIP, no `word/document.xml`) or `plan_import.not_a_table`.
 */
export function importPlanDocx(file: Buffer): PlanImportPreview {
  if (file.length === 0) throw planImportErrors.empty();
  if (file.length > IMPORT_LIMITS.maxBytes) throw planImportErrors.tooLarge(IMPORT_LIMITS.maxBytes);
  const zip = openZip(file);
  const xml = zip.text('word/document.xml');
  if (xml === undefined) throw planImportErrors.corruptFile('no word/document.xml: not a Word document');
  const { blocks } = readDocxBody(xml);
  const lines: string[] = [];
  const tables: RowTable[] = [];
  for (const b of blocks) {
    if (b.kind === 'para') {
      lines.push(...b.text.split('\n'));
      continue;
    }
    const table = gridToRowTable(b.table);
    if (table) tables.push(table);
    // Other tables (the heading block: issuer | motto, "Số: …" | place and date) are text.
    else for (const row of b.table.rows) for (const c of row) if (c) lines.push(...c.split('\n'));
  }
  if (lines.every((l) => l.trim() === '') && tables.length === 0) throw planImportErrors.empty();
  let warnings: ImportWarning[] = [];
  if (tables.length === 0) {
    // A plan pasted as text: tab-separated paragraphs.
    const fromText = readTextTables(lines);
    tables.push(...fromText.tables);
    warnings = fromText.warnings;
  }
  return assemblePreview('docx', lines, tables, warnings);
}
