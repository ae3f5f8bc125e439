/**
 * Renders a `PrintableDocument` to DOCX with the `docx` library. Word documents do not embed
 * fonts here: the text is set in Times New Roman, the font of Vietnamese administrative
 * documents (Decree 30/2020), which every Word installation has with Vietnamese glyphs; the
 * language is vi-VN so spelling and hyphenation behave. A4, margins 20/15/20/30 mm.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeightRule,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import {
  NATIONAL_MOTTO,
  NATIONAL_NAME,
  cleanText,
  headerLines,
  listMarker,
  spansOf,
  type Align,
  type Block,
  type PrintableDocument,
  type RichText,
  type Signer,
  type TableBlock,
} from './model.js';

const FONT = 'Times New Roman';
const SIZE = 26; // half-points: 13 pt
const SMALL = 24;
const MM = 56.7; // twips per millimetre
const PAGE = { width: 11906, height: 16838 }; // A4 in twips
const MARGIN = { top: Math.round(20 * MM), right: Math.round(15 * MM), bottom: Math.round(20 * MM), left: Math.round(30 * MM) };
const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const NO_BORDER = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' } as const;
const NO_BORDERS = {
  top: NO_BORDER,
  bottom: NO_BORDER,
  left: NO_BORDER,
  right: NO_BORDER,
  insideHorizontal: NO_BORDER,
  insideVertical: NO_BORDER,
};

const alignments = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  justify: AlignmentType.JUSTIFIED,
} as const;

/** Text runs for a rich text; `\n` becomes a line break inside the paragraph. */
function runs(text: RichText, base: { bold?: boolean; italic?: boolean; size?: number } = {}): TextRun[] {
  const out: TextRun[] = [];
  for (const span of spansOf(text, base)) {
    span.text.split('\n').forEach((line, i) => {
      out.push(new TextRun({ text: line, bold: span.bold, italics: span.italic, size: base.size, break: i > 0 ? 1 : undefined }));
    });
  }
  return out;
}

function para(
  text: RichText,
  opts: { align?: Align; bold?: boolean; italic?: boolean; size?: number; after?: number; keepNext?: boolean } = {},
): Paragraph {
  return new Paragraph({
    children: runs(text, opts),
    alignment: alignments[opts.align ?? 'left'],
    spacing: { after: opts.after ?? 120 },
    keepNext: opts.keepNext,
  });
}

function cell(children: Paragraph[], width: number, extra: { header?: boolean; borders?: boolean } = {}): TableCell {
  return new TableCell({
    children,
    width: { size: width, type: WidthType.DXA },
    borders: extra.borders === false ? NO_BORDERS : undefined,
    shading: extra.header ? { type: ShadingType.CLEAR, fill: 'E7E6E6', color: 'auto' } : undefined,
  });
}

/** Issuer and number on the left, the national motto and place-date on the right, without borders. */
function header(doc: PrintableDocument): (Paragraph | Table)[] {
  const h = headerLines(doc);
  const national = h.national
    ? [
        para(NATIONAL_NAME, { align: 'center', bold: true, size: SMALL, after: 0 }),
        new Paragraph({
          alignment: AlignmentType.CENTER,
          spacing: { after: 120 },
          children: [new TextRun({ text: NATIONAL_MOTTO, bold: true, underline: {} })],
        }),
      ]
    : [];
  const placeDate = h.placeDate ? [para(h.placeDate, { align: 'center', italic: true })] : [];
  if (h.issuer.length === 0 && h.reference === undefined) return [...national, ...placeDate];
  const left = [
    ...h.issuer.map((line, i) =>
      para(line, { align: 'center', bold: i === h.issuer.length - 1, size: SMALL, after: i === h.issuer.length - 1 ? 120 : 0 }),
    ),
    ...(h.reference === undefined ? [] : [para(h.reference, { align: 'center' })]),
  ];
  const leftWidth = Math.round(CONTENT_WIDTH * 0.4);
  const rightWidth = CONTENT_WIDTH - leftWidth;
  return [
    new Table({
      width: { size: CONTENT_WIDTH, type: WidthType.DXA },
      columnWidths: [leftWidth, rightWidth],
      layout: TableLayoutType.FIXED,
      borders: NO_BORDERS,
      rows: [
        new TableRow({
          children: [
            cell(left, leftWidth, { borders: false }),
            cell([...national, ...placeDate].length ? [...national, ...placeDate] : [para('')], rightWidth, { borders: false }),
          ],
        }),
      ],
    }),
  ];
}

function table(block: TableBlock): Table {
  const weights = block.columns.map((c) => c.width ?? 1);
  const total = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => Math.floor((CONTENT_WIDTH * w) / total));
  const headerRow = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: block.columns.map((c, i) =>
      cell([para(c.header, { bold: true, align: 'center', after: 0, size: SMALL })], widths[i]!, { header: true }),
    ),
  });
  const rows = block.rows.map(
    (row) =>
      new TableRow({
        cantSplit: true,
        children: block.columns.map((c, i) => cell([para(row[i] ?? '', { align: c.align ?? 'left', after: 0, size: SMALL })], widths[i]!)),
      }),
  );
  return new Table({
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    rows: [headerRow, ...rows],
  });
}

/**
 * Two signers a row, as three table rows (titles and hints, room to sign, names) so the names
 * line up whatever the length of the titles; an odd last signer is centred across both columns.
 */
function signatures(signers: readonly Signer[]): Table {
  const half = Math.floor(CONTENT_WIDTH / 2);
  const rows: TableRow[] = [];
  const cells = (pair: readonly Signer[], content: (s: Signer) => Paragraph[]): TableCell[] =>
    pair.length === 2
      ? pair.map((s) => cell(content(s), half, { borders: false }))
      : [
          new TableCell({
            children: content(pair[0]!),
            width: { size: half * 2, type: WidthType.DXA },
            borders: NO_BORDERS,
            columnSpan: 2,
          }),
        ];
  for (let i = 0; i < signers.length; i += 2) {
    const pair = signers.slice(i, i + 2);
    rows.push(
      new TableRow({
        cantSplit: true,
        keepNext: true,
        children: cells(pair, (s) => [
          para(s.title, { align: 'center', bold: true, after: 0 }),
          ...(s.hint ? [para(s.hint, { align: 'center', italic: true, after: 0 })] : []),
        ]),
      }),
      // Room for the signature or fingerprint.
      new TableRow({
        cantSplit: true,
        keepNext: true,
        height: { value: 1300, rule: HeightRule.ATLEAST },
        children: cells(pair, () => [para('')]),
      }),
      new TableRow({ cantSplit: true, children: cells(pair, (s) => [para(s.name ?? '', { align: 'center', bold: true, after: 240 })]) }),
    );
  }
  return new Table({
    width: { size: half * 2, type: WidthType.DXA },
    columnWidths: [half, half],
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    rows,
  });
}

function block(b: Block): (Paragraph | Table)[] {
  switch (b.kind) {
    case 'heading':
      return [para(b.text, { bold: true, keepNext: true, after: 120 })];
    case 'paragraph':
      return [para(b.text, { align: b.align ?? 'justify', bold: b.bold, italic: b.italic })];
    case 'fields':
      return b.items.map(
        (f) =>
          new Paragraph({
            alignment: AlignmentType.LEFT,
            spacing: { after: 60 },
            indent: { left: 284 },
            children: [new TextRun({ text: `${cleanText(f.label)}: `, bold: true }), ...runs(f.value)],
          }),
      );
    case 'list':
      return b.items.map(
        (item, i) =>
          new Paragraph({
            alignment: AlignmentType.JUSTIFIED,
            spacing: { after: 60 },
            indent: { left: 567, hanging: 567 },
            children: [new TextRun({ text: `${listMarker(b.style, i)}\t` }), ...runs(item)],
          }),
      );
    case 'table':
      return [table(b), para('', { after: 120 })];
    case 'signatures':
      return [para('', { after: 120, keepNext: true }), signatures(b.signers)];
    case 'pageBreak':
      return [new Paragraph({ children: [new PageBreak()] })];
  }
}

function footer(note: string | undefined): Footer {
  const text = note ? `${cleanText(note)} · ` : '';
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new TextRun({ text: `${text}Trang `, size: 16 }),
          pageField(PageNumber.CURRENT),
          slash(),
          pageField(PageNumber.TOTAL_PAGES),
        ],
      }),
    ],
  });
}

const pageField = (f: (typeof PageNumber)[keyof typeof PageNumber]): TextRun => new TextRun({ children: [f], size: 16 });
const slash = (): TextRun => new TextRun({ text: '/', size: 16 });

/** The DOCX file of a document. */
export async function renderDocx(doc: PrintableDocument): Promise<Buffer> {
  const body: (Paragraph | Table)[] = [
    ...header(doc),
    para(doc.title, { align: 'center', bold: true, size: 28, after: doc.subtitle ? 60 : 240, keepNext: true }),
    ...(doc.subtitle ? [para(doc.subtitle, { align: 'center', bold: true, after: 240, keepNext: true })] : []),
    ...doc.blocks.flatMap(block),
  ];
  const document = new Document({
    creator: cleanText(doc.meta?.author ?? 'bvntd'),
    title: cleanText(doc.title),
    subject: doc.meta?.subject === undefined ? undefined : cleanText(doc.meta.subject),
    keywords: doc.meta?.keywords?.map(cleanText).join(', '),
    styles: {
      default: {
        document: {
          run: { font: FONT, size: SIZE, language: { value: 'vi-VN' } },
          paragraph: { spacing: { line: 276 } },
        },
      },
    },
    sections: [
      {
        properties: { page: { size: PAGE, margin: { ...MARGIN, header: 567, footer: 567 } } },
        footers: { default: footer(doc.footerNote) },
        children: body,
      },
    ],
  });
  return Packer.toBuffer(document);
}
