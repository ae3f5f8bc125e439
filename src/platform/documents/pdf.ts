/**
 * Renders a `PrintableDocument` to PDF with pdfkit. pdfkit's built-in fonts (Helvetica, Times)
 * are WinAnsi-encoded and turn Vietnamese into garbage, so the text is set in Noto Sans shipped
 * in `assets/fonts/` (SIL OFL 1.1): embedded as a subset with a ToUnicode map, so the text can
 * be copied and extracted exactly, in NFC. Nothing is read from the system or the network.
 *
 * A4, margins 20/15/22/30 mm (top/right/bottom/left), 12 pt body. pdfkit wraps long text and
 * starts new pages by itself; headings stay with what follows, signature rows and table rows
 * are never split, and a table's header row is repeated on each page it spans.
 */
import { fileURLToPath } from 'node:url';
import PDFDocument from 'pdfkit';
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

/** Font files (paths or bytes) for the three faces the layout uses. */
export interface PdfFonts {
  regular: string | Buffer;
  bold: string | Buffer;
  italic: string | Buffer;
}

const fontFile = (name: string): string => fileURLToPath(new URL(`../../../assets/fonts/${name}`, import.meta.url));

/** Noto Sans from `assets/fonts/`, shipped with the code. */
export const shippedFonts: Readonly<PdfFonts> = Object.freeze({
  regular: fontFile('NotoSans-Regular.ttf'),
  bold: fontFile('NotoSans-Bold.ttf'),
  italic: fontFile('NotoSans-Italic.ttf'),
});

export interface PdfOptions {
  /** Defaults to the shipped Noto Sans. Tests pass pdfkit's Helvetica to prove the text check fails without it. */
  fonts?: PdfFonts;
}

type Pdf = PDFKit.PDFDocument;

const MM = 72 / 25.4;
const MARGINS = { top: 20 * MM, right: 15 * MM, bottom: 22 * MM, left: 30 * MM };
const BODY = 12;
const SMALL = 11;
const TITLE = 14;
const FOOT = 8;
const GAP = 2; // extra space between lines
const SIGNATURE_SPACE = 62; // room for a signature or fingerprint

function face(opts: { bold?: boolean; italic?: boolean }): 'bold' | 'italic' | 'regular' {
  return opts.bold ? 'bold' : opts.italic ? 'italic' : 'regular';
}

class Layout {
  readonly left: number;
  readonly width: number;

  constructor(readonly pdf: Pdf) {
    this.left = MARGINS.left;
    this.width = pdf.page.width - MARGINS.left - MARGINS.right;
  }

  get bottom(): number {
    return this.pdf.page.height - this.pdf.page.margins.bottom;
  }

  /** Starts a new page unless `height` points still fit on this one. */
  ensure(height: number): void {
    if (this.pdf.y + height > this.bottom && this.pdf.y > this.pdf.page.margins.top + 1) this.pdf.addPage();
  }

  lineHeight(size = BODY, opts: { bold?: boolean; italic?: boolean } = {}): number {
    return this.pdf.font(face(opts)).fontSize(size).currentLineHeight(true) + GAP;
  }

  /** Height of a rich text set at `width`. */
  measure(text: RichText, width: number, size = BODY, base: { bold?: boolean; italic?: boolean } = {}): number {
    const spans = spansOf(text, base);
    // Spans of different faces wrap almost as the widest face; measuring in bold is the safe side.
    const anyBold = spans.some((s) => s.bold);
    const joined = spans.map((s) => s.text).join('');
    return this.pdf
      .font(face({ bold: anyBold, italic: !anyBold && spans.every((s) => s.italic) }))
      .fontSize(size)
      .heightOfString(joined || ' ', { width, lineGap: GAP });
  }

  /** Writes a rich text at (x, y) or at the cursor, wrapping at `width`. */
  write(
    text: RichText,
    o: { x?: number; y?: number; width?: number; align?: Align; size?: number; bold?: boolean; italic?: boolean; height?: number },
  ): void {
    const all = spansOf(text, o);
    // pdfkit drops the leading spaces of a continued fragment: move them to the end of the one before.
    for (let i = 1; i < all.length; i++) {
      const lead = /^\s+/.exec(all[i]!.text)?.[0];
      if (lead) {
        all[i - 1]!.text += lead;
        all[i]!.text = all[i]!.text.slice(lead.length);
      }
    }
    const nonEmpty = all.filter((s) => s.text !== '');
    const spans = nonEmpty.length ? nonEmpty : [{ text: '' }];
    const x = o.x ?? this.left;
    const y = o.y ?? this.pdf.y;
    spans.forEach((s, i) => {
      this.pdf.font(face(s)).fontSize(o.size ?? BODY);
      const options: PDFKit.Mixins.TextOptions = {
        width: o.width ?? this.width,
        align: o.align ?? 'left',
        lineGap: GAP,
        continued: i < spans.length - 1,
        ...(o.height === undefined ? {} : { height: o.height, ellipsis: true }),
      };
      if (i === 0) this.pdf.text(s.text, x, y, options);
      else this.pdf.text(s.text, options);
    });
    this.pdf.x = this.left;
  }

  space(points: number): void {
    this.pdf.y += points;
  }
}

/** Largest size ≤ `size` at which `text` fits on one line of `width`. */
function fitSize(l: Layout, text: string, width: number, size: number, bold: boolean): number {
  let s = size;
  while (s > 8 && l.pdf.font(face({ bold })).fontSize(s).widthOfString(text) > width) s -= 0.5;
  return s;
}

function centredRule(l: Layout, x: number, colWidth: number, ruleWidth: number, y: number): void {
  const start = x + (colWidth - ruleWidth) / 2;
  l.pdf
    .moveTo(start, y)
    .lineTo(start + ruleWidth, y)
    .lineWidth(0.6)
    .stroke();
}

function header(l: Layout, doc: PrintableDocument): void {
  const h = headerLines(doc);
  const top = l.pdf.y;
  const twoColumns = h.issuer.length > 0 || h.reference !== undefined;
  const leftW = twoColumns ? l.width * 0.4 : 0;
  const rightX = l.left + leftW;
  const rightW = l.width - leftW;

  let leftBottom = top;
  if (twoColumns) {
    l.pdf.y = top;
    h.issuer.forEach((line, i) => {
      const bold = i === h.issuer.length - 1;
      l.write(line, { x: l.left, width: leftW, align: 'center', size: SMALL, bold });
    });
    if (h.issuer.length > 0) {
      const issuerLast = h.issuer[h.issuer.length - 1]!;
      const w = Math.min(leftW * 0.5, l.pdf.font('bold').fontSize(SMALL).widthOfString(issuerLast) * 0.6);
      centredRule(l, l.left, leftW, w, l.pdf.y + 1);
      l.space(6);
    }
    if (h.reference !== undefined) l.write(h.reference, { x: l.left, width: leftW, align: 'center', size: BODY });
    leftBottom = l.pdf.y;
  }

  l.pdf.y = top;
  if (h.national) {
    l.write(NATIONAL_NAME, { x: rightX, width: rightW, align: 'center', bold: true, size: fitSize(l, NATIONAL_NAME, rightW, SMALL, true) });
    const mottoSize = fitSize(l, NATIONAL_MOTTO, rightW, BODY, true);
    l.write(NATIONAL_MOTTO, { x: rightX, width: rightW, align: 'center', bold: true, size: mottoSize });
    const w = l.pdf.font('bold').fontSize(mottoSize).widthOfString(NATIONAL_MOTTO);
    centredRule(l, rightX, rightW, w, l.pdf.y + 1);
    l.space(8);
  }
  if (h.placeDate) l.write(h.placeDate, { x: rightX, width: rightW, align: 'center', italic: true });
  l.pdf.y = Math.max(leftBottom, l.pdf.y) + 14;
}

function table(l: Layout, b: TableBlock): void {
  const pad = 4;
  const weights = b.columns.map((c) => c.width ?? 1);
  const total = weights.reduce((a, c) => a + c, 0);
  const widths = weights.map((w) => (l.width * w) / total);
  const xs = widths.map((_, i) => l.left + widths.slice(0, i).reduce((a, c) => a + c, 0));
  const size = SMALL;
  const heightOf = (cells: readonly string[], bold: boolean): number =>
    Math.max(...b.columns.map((_, i) => l.measure(cleanText(cells[i] ?? ''), widths[i]! - 2 * pad, size, { bold }))) + 2 * pad;

  const drawRow = (cells: readonly string[], isHeader: boolean): void => {
    const pageRoom = l.bottom - l.pdf.page.margins.top;
    const h = Math.min(heightOf(cells, isHeader), pageRoom);
    const y = l.pdf.y;
    if (isHeader) l.pdf.rect(l.left, y, l.width, h).fill('#e7e6e6').fillColor('black');
    b.columns.forEach((c, i) => {
      l.pdf.rect(xs[i]!, y, widths[i]!, h).lineWidth(0.5).stroke();
      l.write(cells[i] ?? '', {
        x: xs[i]! + pad,
        y: y + pad,
        width: widths[i]! - 2 * pad,
        align: isHeader ? 'center' : (c.align ?? 'left'),
        size,
        bold: isHeader,
        height: h - pad,
      });
    });
    l.pdf.y = y + h;
  };

  const headers = b.columns.map((c) => c.header);
  const headerH = heightOf(headers, true);
  l.ensure(headerH + heightOf(b.rows[0] ?? [], false));
  drawRow(headers, true);
  for (const row of b.rows) {
    const h = heightOf(row, false);
    if (l.pdf.y + h > l.bottom) {
      l.pdf.addPage();
      drawRow(headers, true);
    }
    drawRow(row, false);
  }
  l.space(10);
}

function signerHeadHeight(l: Layout, s: Signer, width: number): number {
  return l.measure(s.title, width, BODY, { bold: true }) + (s.hint ? l.measure(s.hint, width, SMALL, { italic: true }) : 0);
}

/** Two signers a row, names on one line whatever the length of the titles; an odd last signer is centred. */
function signatures(l: Layout, signers: readonly Signer[]): void {
  const colW = l.width / 2;
  l.space(8);
  for (let i = 0; i < signers.length; i += 2) {
    const pair = signers.slice(i, i + 2);
    const w = (pair.length === 1 ? l.width : colW) - 8;
    const head = Math.max(...pair.map((s) => signerHeadHeight(l, s, w)));
    const name = Math.max(...pair.map((s) => (s.name ? l.measure(s.name, w, BODY, { bold: true }) : 0)));
    l.ensure(head + SIGNATURE_SPACE + name);
    const y = l.pdf.y;
    pair.forEach((s, j) => {
      const x = l.left + j * colW + 4;
      l.write(s.title, { x, y, width: w, align: 'center', bold: true });
      if (s.hint) l.write(s.hint, { x, width: w, align: 'center', italic: true, size: SMALL });
      if (s.name) l.write(s.name, { x, y: y + head + SIGNATURE_SPACE, width: w, align: 'center', bold: true });
    });
    l.pdf.y = y + head + SIGNATURE_SPACE + name + 14;
  }
}

function block(l: Layout, b: Block): void {
  switch (b.kind) {
    case 'heading':
      // Keep the heading with at least two lines of what follows.
      l.ensure(l.measure(b.text, l.width, BODY, { bold: true }) + 2 * l.lineHeight());
      l.space(4);
      l.write(b.text, { bold: true });
      l.space(3);
      return;
    case 'paragraph':
      l.ensure(l.lineHeight());
      l.write(b.text, { align: b.align ?? 'justify', bold: b.bold, italic: b.italic });
      l.space(5);
      return;
    case 'fields':
      for (const f of b.items) {
        l.ensure(l.lineHeight());
        l.write([{ text: `${f.label}: `, bold: true }, { text: f.value }], { x: l.left + 8, width: l.width - 8 });
        l.space(2);
      }
      l.space(4);
      return;
    case 'list': {
      const markerW = Math.max(
        20,
        ...b.items.map((_, i) => l.pdf.font('regular').fontSize(BODY).widthOfString(listMarker(b.style, i)) + 6),
      );
      b.items.forEach((item, i) => {
        l.ensure(l.lineHeight());
        const y = l.pdf.y;
        l.write(listMarker(b.style, i), { x: l.left + 8, y, width: markerW });
        l.write(item, { x: l.left + 8 + markerW, y, width: l.width - 8 - markerW, align: 'justify' });
        l.space(2);
      });
      l.space(4);
      return;
    }
    case 'table':
      table(l, b);
      return;
    case 'signatures':
      signatures(l, b.signers);
      return;
    case 'pageBreak':
      l.pdf.addPage();
      return;
  }
}

/** Page numbers and the footer note in the bottom margin of every page. */
function footers(l: Layout, note: string | undefined): void {
  const range = l.pdf.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    l.pdf.switchToPage(i);
    const bottom = l.pdf.page.margins.bottom;
    l.pdf.page.margins.bottom = 0; // writing inside the margin must not start a page
    const text = `${note ? `${cleanText(note)} · ` : ''}Trang ${i - range.start + 1}/${range.count}`;
    l.pdf
      .font('regular')
      .fontSize(FOOT)
      .fillColor('#555555')
      .text(text, l.left, l.pdf.page.height - bottom + 16, { width: l.width, align: 'center', height: 24, ellipsis: true });
    l.pdf.fillColor('black');
    l.pdf.page.margins.bottom = bottom;
  }
}

/** The PDF file of a document. */
export async function renderPdf(doc: PrintableDocument, options: PdfOptions = {}): Promise<Buffer> {
  const fonts = options.fonts ?? shippedFonts;
  const pdf: Pdf = new PDFDocument({
    size: 'A4',
    margins: MARGINS,
    bufferPages: true,
    lang: 'vi-VN',
    displayTitle: true,
    pdfVersion: '1.7',
    // pdfkit hashes every info value: an undefined one makes it throw.
    info: {
      Title: cleanText(doc.title),
      Author: cleanText(doc.meta?.author ?? 'bvntd'),
      Creator: 'bvntd',
      ...(doc.meta?.subject === undefined ? {} : { Subject: cleanText(doc.meta.subject) }),
      ...(doc.meta?.keywords === undefined ? {} : { Keywords: doc.meta.keywords.map(cleanText).join(', ') }),
    },
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });

  pdf.registerFont('regular', fonts.regular);
  pdf.registerFont('bold', fonts.bold);
  pdf.registerFont('italic', fonts.italic);
  const l = new Layout(pdf);

  header(l, doc);
  l.write(doc.title, { align: 'center', bold: true, size: TITLE });
  if (doc.subtitle) l.write(doc.subtitle, { align: 'center', bold: true });
  l.space(12);
  for (const b of doc.blocks) block(l, b);
  footers(l, doc.footerNote);

  pdf.end();
  return done;
}
