/**
 * Import of a plan appendix from an XLSX workbook (`format: "xlsx"`). The sheet is the one asked
 * for (name or 1-based position), otherwise the first whose rows include a task-table header.
 * Rows above the header (title, "Kèm theo Kế hoạch số …") are read for the plan's particulars.
 * Merged ranges behave as in Word: a horizontal merge leaves the covered cells empty, a vertical
 * merge repeats the top value, flagged as inherited. Dates stored as serial numbers in the timing
 * column are written back as dd/mm/yyyy.
 */
import { gridToRowTable, type GridTable } from './import-docx.js';
import { assemblePreview } from './import-text.js';
import { IMPORT_LIMITS, planImportErrors } from './errors.js';
import type { PlanImportPreview } from './schema.js';
import { decodeEntities, fold } from './text.js';
import { openZip, type ZipArchive } from './zip.js';

export interface XlsxOptions {
  /** Sheet name (case and accents ignored) or 1-based position. */
  sheet?: string | number | undefined;
}

interface SheetRef {
  name: string;
  path: string;
}

const attr = (attrs: string, name: string): string | undefined => {
  const m = new RegExp(`(?:^|\\s)${name}="([^"]*)"`).exec(attrs);
  return m ? decodeEntities(m[1]!) : undefined;
};

/** Texts of the `<t>` elements of a string item, without phonetic runs. */
function itemText(xml: string): string {
  const noPhonetic = xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '');
  return [...noPhonetic.matchAll(/<t(?:\s[^>]*)?>([^<]*)<\/t>/g)].map((m) => decodeEntities(m[1]!)).join('');
}

function sheetsOf(zip: ZipArchive): SheetRef[] {
  const workbook = zip.text('xl/workbook.xml');
  if (workbook === undefined) throw planImportErrors.corruptFile('no xl/workbook.xml: not an Excel workbook');
  const rels = zip.text('xl/_rels/workbook.xml.rels') ?? '';
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b([^>]*)\/?>/g)) {
    const id = attr(m[1]!, 'Id');
    const target = attr(m[1]!, 'Target');
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`);
  }
  const sheets: SheetRef[] = [];
  for (const m of workbook.matchAll(/<sheet\b([^>]*)\/?>/g)) {
    const name = attr(m[1]!, 'name') ?? `Sheet${sheets.length + 1}`;
    const rid = attr(m[1]!, 'r:id') ?? /\br:id="([^"]+)"|\bid="([^"]+)"/.exec(m[1]!)?.slice(1).find(Boolean);
    const path = (rid && targets.get(rid)) ?? `xl/worksheets/sheet${sheets.length + 1}.xml`;
    sheets.push({ name, path });
  }
  return sheets;
}

/** "B12" → { row: 11, col: 1 } (0-based). */
function cellRef(ref: string): { row: number; col: number } | undefined {
  const m = /^([A-Z]{1,3})(\d{1,7})$/.exec(ref);
  if (!m) return undefined;
  let col = 0;
  for (const ch of m[1]!) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: +m[2]! - 1, col: col - 1 };
}

/** Excel serial day (1900 system) → dd/mm/yyyy. */
function serialDate(n: number): string {
  const t = new Date(Date.UTC(1899, 11, 30) + Math.round(n) * 86400000);
  return `${String(t.getUTCDate()).padStart(2, '0')}/${String(t.getUTCMonth() + 1).padStart(2, '0')}/${t.getUTCFullYear()}`;
}

/** The cells of a worksheet as a grid (row 1 of the sheet is index 0). */
export function readSheet(xml: string, shared: readonly string[]): GridTable & { firstRow: number } {
  const cells = new Map<number, Map<number, string>>();
  let maxRow = -1;
  let maxCol = -1;
  let minRow = Number.MAX_SAFE_INTEGER;
  let rowIndex = -1;
  for (const r of xml.matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
    const rAttr = attr(r[1]!, 'r');
    rowIndex = rAttr ? +rAttr - 1 : rowIndex + 1;
    let colIndex = -1;
    for (const c of (r[2] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const ref = attr(c[1]!, 'r');
      const pos = ref ? cellRef(ref) : undefined;
      colIndex = pos ? pos.col : colIndex + 1;
      const type = attr(c[1]!, 't');
      const body = c[2] ?? '';
      const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
      let text: string;
      if (type === 's') text = shared[Number(v)] ?? '';
      else if (type === 'inlineStr') text = itemText(/<is>([\s\S]*?)<\/is>/.exec(body)?.[1] ?? '');
      else if (type === 'b') text = v === '1' ? 'TRUE' : v === '0' ? 'FALSE' : '';
      else text = v !== undefined ? decodeEntities(v) : '';
      if (text === '') continue;
      const row = pos ? pos.row : rowIndex;
      if (!cells.has(row)) cells.set(row, new Map());
      cells.get(row)!.set(colIndex, text);
      maxRow = Math.max(maxRow, row);
      minRow = Math.min(minRow, row);
      maxCol = Math.max(maxCol, colIndex);
    }
  }
  const grid: GridTable & { firstRow: number } = { rows: [], headerRows: [], inherited: [], firstRow: 0 };
  if (maxRow < 0) return grid;
  const width = Math.min(maxCol + 1, 64);
  for (let r = 0; r <= maxRow; r++) {
    const row = Array.from({ length: width }, (_, c) => cells.get(r)?.get(c) ?? '');
    grid.rows.push(row);
    grid.headerRows.push([...row]);
    grid.inherited.push(Array.from({ length: width }, () => false));
  }
  for (const m of xml.matchAll(/<mergeCell\b[^>]*\bref="([A-Z]+\d+):([A-Z]+\d+)"/g)) {
    const a = cellRef(m[1]!);
    const b = cellRef(m[2]!);
    if (!a || !b) continue;
    const top = grid.rows[a.row]?.[a.col] ?? '';
    for (let r = a.row; r <= Math.min(b.row, maxRow); r++) {
      for (let c = a.col; c <= Math.min(b.col, width - 1); c++) {
        if (r === a.row && c === a.col) continue;
        grid.headerRows[r]![c] = top;
        if (c === a.col && r > a.row) {
          // Merged down: the value belongs to each row of the range.
          grid.rows[r]![c] = top;
          grid.inherited[r]![c] = true;
        }
      }
    }
  }
  return grid;
}

/**
 * Reads a plan appendix from an XLSX workbook. Throws `plan_import.empty`, `plan_import.too_large`,
 * `plan_import.corrupt_file`, `plan_import.sheet_not_found` or `plan_import.not_a_table`.
 */
export function importPlanXlsx(file: Buffer, opts: XlsxOptions = {}): PlanImportPreview {
  if (file.length === 0) throw planImportErrors.empty();
  if (file.length > IMPORT_LIMITS.maxBytes) throw planImportErrors.tooLarge(IMPORT_LIMITS.maxBytes);
  const zip = openZip(file);
  const sheets = sheetsOf(zip);
  if (sheets.length === 0) throw planImportErrors.corruptFile('the workbook has no sheet');
  let candidates = sheets;
  if (opts.sheet !== undefined && opts.sheet !== '') {
    const wanted = opts.sheet;
    const byIndex = typeof wanted === 'number' || /^\d+$/.test(wanted) ? sheets[Number(wanted) - 1] : undefined;
    const found = byIndex ?? sheets.find((s) => fold(s.name) === fold(String(wanted)));
    if (!found)
      throw planImportErrors.sheetNotFound(
        String(wanted),
        sheets.map((s) => s.name),
      );
    candidates = [found];
  }
  const sharedXml = zip.text('xl/sharedStrings.xml') ?? '';
  const shared = [...sharedXml.matchAll(/<si>([\s\S]*?)<\/si>|<si\/>/g)].map((m) => itemText(m[1] ?? ''));
  for (const sheet of candidates) {
    const xml = zip.text(sheet.path);
    if (xml === undefined) throw planImportErrors.corruptFile(`missing part ${sheet.path}`);
    const grid = readSheet(xml, shared);
    const table = gridToRowTable(grid);
    if (!table) continue;
    const timingCol = table.columns.indexOf('timing');
    if (timingCol >= 0) {
      for (const row of table.rows) {
        const v = row.cells[timingCol] ?? '';
        if (/^\d{5}(\.\d+)?$/.test(v) && +v > 20000 && +v < 80000) row.cells[timingCol] = serialDate(+v);
      }
    }
    const above = grid.rows.slice(0, Math.max(0, table.headerLine - 1)).flatMap((r) => r.filter((c) => c !== ''));
    return assemblePreview('xlsx', above, [table], []);
  }
  throw planImportErrors.notATable(
    candidates.length === 1
      ? `Trang tính "${candidates[0]!.name}" không có bảng nhiệm vụ.`
      : `Không trang tính nào có bảng nhiệm vụ: ${sheets.map((s) => s.name).join(', ')}.`,
  );
}
