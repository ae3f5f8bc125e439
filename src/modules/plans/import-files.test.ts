import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, VerticalMergeType } from 'docx';
import { AppError } from '../../platform/errors.js';
import { buildXlsx, buildZip } from '../../../test/fixtures/plans/files.js';
import { IMPORT_LIMITS } from './errors.js';
import { detectFormat, importPlan } from './import.js';
import { importPlanDocx } from './import-docx.js';
import { importPlanText, readTextTables, textLines } from './import-text.js';
import { importPlanXlsx } from './import-xlsx.js';
import type { ImportedTask, PlanImportPreview } from './schema.js';

const seed = (name: string): string => readFileSync(new URL(`../../../test/fixtures/plans/seeds/${name}`, import.meta.url), 'utf8');
const SEED_002 = seed('002_97866cbfb5cfd824.txt');

/** The appendix of seed 002 as rows of cells (header first), as a person would type it into Word or Excel. */
function appendixRows(): string[][] {
  const { tables } = readTextTables(textLines(SEED_002));
  const t = tables[0]!;
  const header = [
    'TT',
    'Nội dung nhiệm vụ',
    'Cơ quan, đơn vị chủ trì thực hiện',
    'Cơ quan, đơn vị phối hợp thực hiện',
    'Thời gian hoàn thành',
  ];
  return [header, ...t.rows.map((r) => r.cells.map((c) => c.replace(/<\/?p>/g, '')))];
}

/** What must not depend on the file format. */
const essence = (p: PlanImportPreview) =>
  p.tasks.map((t: ImportedTask) => ({
    ref: t.ref,
    number: t.number,
    section: t.section,
    isSection: t.isSection,
    content: t.content,
    lead: t.leadAgencies,
    co: t.coAgencies,
    deliverable: t.deliverable,
    timing: t.timing,
  }));

const cell = (
  text: string,
  opts: { columnSpan?: number; verticalMerge?: (typeof VerticalMergeType)[keyof typeof VerticalMergeType] } = {},
) => new TableCell({ children: text.split('\n').map((l) => new Paragraph(l)), ...opts });

async function docxOf(children: (Paragraph | Table)[]): Promise<Buffer> {
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}

function assertError(fn: () => unknown, code: string): void {
  assert.throws(fn, (e: unknown) => e instanceof AppError && e.code === code, `expected ${code}`);
}

describe('DOCX import', () => {
  it('reads the appendix of seed 002 as a Word table, with the same tasks as the text', async () => {
    const rows = appendixRows();
    const file = await docxOf([
      new Table({
        rows: [
          new TableRow({
            children: [cell('ỦY BAN NHÂN DÂN\nTỈNH TUYÊN QUANG'), cell('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc')],
          }),
          new TableRow({ children: [cell('Số: 123/KH-UBND'), cell('Tuyên Quang, ngày 20 tháng 4 năm 2026')] }),
        ],
      }),
      new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: 'KẾ HOẠCH', bold: true })] }),
      new Paragraph('Thực hiện Nghị quyết số 87/NQ-CP ngày 05 tháng 4 năm 2026 của Chính phủ'),
      new Paragraph('PHỤ LỤC'),
      new Table({ rows: rows.map((r) => new TableRow({ children: r.map((c) => cell(c)) })) }),
    ]);
    assert.equal(detectFormat('ke-hoach.docx', file), 'docx');
    const fromDocx = importPlanDocx(file);
    const fromText = importPlanText(SEED_002);
    assert.equal(fromDocx.format, 'docx');
    assert.equal(fromDocx.tasks.filter((t) => !t.isSection).length, 16);
    assert.deepEqual(essence(fromDocx), essence(fromText));
    assert.equal(fromDocx.plan.number, '123/KH-UBND');
    assert.equal(fromDocx.plan.date, '2026-04-20');
    assert.equal(fromDocx.plan.issuer, 'Ủy ban nhân dân tỉnh Tuyên Quang', 'read from the heading block');
    assert.equal(fromDocx.plan.title, 'Kế hoạch thực hiện Nghị quyết số 87/NQ-CP ngày 05 tháng 4 năm 2026 của Chính phủ');
    // The same through the JSON body (base64).
    assert.deepEqual(essence(importPlan({ format: 'docx', content: file.toString('base64') })), essence(fromText));
  });

  it('reads a two-row header and cells merged across and down', async () => {
    const V = VerticalMergeType;
    const file = await docxOf([
      new Table({
        rows: [
          new TableRow({
            children: [
              cell('STT', { verticalMerge: V.RESTART }),
              cell('Nhiệm vụ', { verticalMerge: V.RESTART }),
              cell('Cơ quan thực hiện', { columnSpan: 2 }),
              cell('Sản phẩm', { verticalMerge: V.RESTART }),
              cell('Thời hạn', { verticalMerge: V.RESTART }),
            ],
          }),
          new TableRow({
            children: [
              cell('', { verticalMerge: V.CONTINUE }),
              cell('', { verticalMerge: V.CONTINUE }),
              cell('Chủ trì'),
              cell('Phối hợp'),
              cell('', { verticalMerge: V.CONTINUE }),
              cell('', { verticalMerge: V.CONTINUE }),
            ],
          }),
          new TableRow({ children: [cell('I'), cell('NHIỆM VỤ CHUNG', { columnSpan: 5 })] }),
          new TableRow({
            children: [
              cell('1'),
              cell('Kiểm tra chất lượng xăng dầu'),
              cell('Sở Công Thương', { verticalMerge: V.RESTART }),
              cell('Công an tỉnh'),
              cell('Báo cáo'),
              cell('Quý II/2026'),
            ],
          }),
          new TableRow({
            children: [
              cell('2'),
              cell('Kiểm tra an toàn thực phẩm'),
              cell('', { verticalMerge: V.CONTINUE }),
              cell('Sở Y tế\nSở Nông nghiệp và Môi trường'),
              cell('Báo cáo'),
              cell('Tháng 1/2026'),
            ],
          }),
        ],
      }),
    ]);
    const p = importPlanDocx(file);
    assert.deepEqual(
      p.tasks.map((t) => [
        t.ref,
        t.isSection,
        t.leadAgencies.map((a) => a.text),
        t.coAgencies.map((a) => a.text),
        t.deliverable,
        t.timing.due ?? null,
      ]),
      [
        ['I', true, [], [], '', null],
        ['I.1', false, ['Sở Công Thương'], ['Công an tỉnh'], 'Báo cáo', '2026-06-30'],
        ['I.2', false, ['Sở Công Thương'], ['Sở Y tế', 'Sở Nông nghiệp và Môi trường'], 'Báo cáo', '2026-01-31'],
      ],
    );
    assert.equal(p.tasks[0]!.content, 'NHIỆM VỤ CHUNG');
  });

  it('reads a Word document without a table as text (prose plan)', async () => {
    const lines = seed('001_5414fbd2099fb4e6.txt').split('\n');
    const file = await docxOf(lines.map((l) => new Paragraph(l)));
    const p = importPlanDocx(file);
    assert.equal(p.source, 'prose');
    assert.equal(p.tasks.filter((t) => !t.isSection).length, 20);
  });

  it('refuses files that are not Word documents, and Word documents without tasks', async () => {
    assertError(() => importPlanDocx(Buffer.from('not a zip at all')), 'plan_import.corrupt_file');
    assertError(() => importPlanDocx(buildZip({ 'hello.txt': 'hi' })), 'plan_import.corrupt_file');
    const truncated = (await docxOf([new Paragraph('KẾ HOẠCH')])).subarray(0, 200);
    assertError(() => importPlanDocx(truncated), 'plan_import.corrupt_file');
    const noTasks = await docxOf([new Paragraph('Chỉ là một đoạn văn.')]);
    assertError(() => importPlanDocx(noTasks), 'plan_import.not_a_table');
    assertError(() => importPlanDocx(Buffer.alloc(0)), 'plan_import.empty');
  });

  it('refuses a 50 MB file before reading it, and a part that inflates past the limit', () => {
    const big = Buffer.alloc(50 * 1024 * 1024, 0x20);
    big.writeUInt32LE(0x04034b50, 0);
    assertError(() => importPlanDocx(big), 'plan_import.too_large');
    assertError(() => importPlanXlsx(big), 'plan_import.too_large');
    assert.ok(IMPORT_LIMITS.maxBytes < big.length);
    const bomb = buildZip({ 'word/document.xml': Buffer.alloc(IMPORT_LIMITS.maxPartBytes + 1, 0x41) });
    assert.ok(bomb.length < 1024 * 1024, 'the bomb itself is small');
    assertError(() => importPlanDocx(bomb), 'plan_import.too_large');
  });
});

describe('XLSX import', () => {
  it('reads the appendix of seed 002 as a sheet, with the same tasks as the text', () => {
    const rows = appendixRows();
    const file = buildXlsx([
      { name: 'Ghi chú', rows: [['Bảng này ghi chú, không có nhiệm vụ']] },
      { name: 'Phụ lục', rows: [['PHỤ LỤC'], ['CÁC NHIỆM VỤ TRIỂN KHAI CỤ THỂ VÀ PHÂN CÔNG THỰC HIỆN'], [], ...rows] },
    ]);
    assert.equal(detectFormat(undefined, file), 'xlsx');
    const p = importPlanXlsx(file);
    assert.equal(p.format, 'xlsx');
    assert.deepEqual(essence(p), essence(importPlanText(SEED_002)));
    assert.equal(p.tasks.find((t) => t.ref === 'III.2')!.line, 14, 'the line is the sheet row');
    assert.deepEqual(essence(importPlanXlsx(file, { sheet: 'phu luc' })), essence(p), 'the sheet is found by name without accents');
    assert.deepEqual(essence(importPlan({ format: 'xlsx', content: file.toString('base64'), sheet: 2 })), essence(p));
  });

  it('reads inline strings, numbers, merged section rows, merged lead cells and date cells', () => {
    const file = buildXlsx(
      [
        {
          name: 'Sheet1',
          rows: [
            ['STT', 'Nội dung', 'Đơn vị chủ trì', 'Đơn vị phối hợp', 'Kết quả', 'Thời gian'],
            ['I. Nhiệm vụ trọng tâm'],
            [1, 'Kiểm tra xăng dầu', 'Sở Công Thương', 'Công an tỉnh', 'Báo cáo', 46203],
            [2, 'Kiểm tra thực phẩm', null, 'Sở Y tế', 'Báo cáo', 'Hằng quý'],
            [2.1, 'Kiểm tra bếp ăn tập thể', 'Sở Y tế', '', 'Biên bản', 'Quý III/2026'],
          ],
          merges: ['A2:F2', 'C3:C4'],
        },
      ],
      { inlineStrings: true },
    );
    const p = importPlanXlsx(file);
    assert.deepEqual(
      p.tasks.map((t) => [
        t.ref,
        t.isSection,
        t.leadAgencies.map((a) => a.text),
        t.timing.kind,
        t.timing.due ?? t.timing.recurrence?.every ?? null,
      ]),
      [
        ['I', true, [], 'unparsed', null],
        ['I.1', false, ['Sở Công Thương'], 'once', '2026-06-30'],
        ['I.2', true, ['Sở Công Thương'], 'recurring', 'quarter'],
        ['I.2.1', false, ['Sở Y tế'], 'once', '2026-09-30'],
      ],
    );
    assert.equal(p.tasks[0]!.content, 'Nhiệm vụ trọng tâm');
    assert.equal(p.tasks[1]!.timing.text, '30/06/2026', 'a date cell is written as dd/mm/yyyy');
  });

  it('refuses a wrong sheet, a workbook without a task table and a corrupt file', () => {
    const file = buildXlsx([
      {
        name: 'Sheet1',
        rows: [
          ['Họ tên', 'Số điện thoại'],
          ['A', '0912'],
        ],
      },
    ]);
    assertError(() => importPlanXlsx(file), 'plan_import.not_a_table');
    assertError(() => importPlanXlsx(file, { sheet: 'Phụ lục' }), 'plan_import.sheet_not_found');
    assertError(() => importPlanXlsx(file, { sheet: 3 }), 'plan_import.sheet_not_found');
    assertError(() => importPlanXlsx(Buffer.from('bm90IGEgd29ya2Jvb2s=', 'base64')), 'plan_import.corrupt_file');
    assertError(() => importPlanXlsx(buildZip({ 'word/document.xml': '<w:document/>' })), 'plan_import.corrupt_file');
    // Damage the sheet's compressed data (after its local header).
    const damaged = Buffer.from(file);
    const at = damaged.indexOf('xl/worksheets/sheet1.xml') + 'xl/worksheets/sheet1.xml'.length;
    damaged.fill(0x55, at + 2, at + 12);
    assertError(() => importPlanXlsx(damaged), 'plan_import.corrupt_file');
  });
});
