/**
 * A small model of a printable Vietnamese administrative document (biên bản, phiếu, thông báo),
 * rendered to DOCX by `docx.ts` and to PDF by `pdf.ts`. Builders (e.g. the negotiation and
 * mediation records of the requests module) produce a `PrintableDocument`; the renderers never
 * see domain data. Layout follows the usual presentation of Decree 30/2020/NĐ-CP: issuer and
 * number top left, the national motto top right, the place and date line under it in italics,
 * the title in capitals, signature blocks side by side.
 *
 * All text passes through `cleanText` (NFC, no control characters) in both renderers, so a
 * builder may hand over text as it came from the database or a form.
 */
import { formatDate, formatVnd } from '../i18n.js';

/** A run of inline text with optional emphasis. */
export interface TextSpan {
  text: string;
  bold?: boolean;
  italic?: boolean;
}

/** Plain text, or spans when part of a line needs emphasis. `\n` starts a new line. */
export type RichText = string | readonly TextSpan[];

export type Align = 'left' | 'center' | 'right' | 'justify';

export interface HeadingBlock {
  kind: 'heading';
  text: string;
}

export interface ParagraphBlock {
  kind: 'paragraph';
  text: RichText;
  align?: Align;
  italic?: boolean;
  bold?: boolean;
}

/** "Label: value" lines, the label in bold (e.g. the identity of a party). */
export interface FieldsBlock {
  kind: 'fields';
  items: readonly { label: string; value: string }[];
}

/**
 * An enumeration. `letters` uses the Vietnamese legal sequence a) b) c) d) đ) e) g) h) i) k) …,
 * `dash` the "- " of administrative texts.
 */
export interface ListBlock {
  kind: 'list';
  style: 'dash' | 'numbered' | 'letters';
  items: readonly RichText[];
}

export interface TableColumn {
  header: string;
  /** Relative width (default 1). */
  width?: number;
  align?: 'left' | 'center' | 'right';
}

export interface TableBlock {
  kind: 'table';
  columns: readonly TableColumn[];
  rows: readonly (readonly string[])[];
}

/** One signer: "NGƯỜI TIÊU DÙNG" / "(Ký, ghi rõ họ tên hoặc điểm chỉ)" / space / name. */
export interface Signer {
  title: string;
  hint?: string;
  name?: string;
}

/** Signature blocks, two per row; a row is never split across pages. */
export interface SignaturesBlock {
  kind: 'signatures';
  signers: readonly Signer[];
}

export interface PageBreakBlock {
  kind: 'pageBreak';
}

export type Block = HeadingBlock | ParagraphBlock | FieldsBlock | ListBlock | TableBlock | SignaturesBlock | PageBreakBlock;

export interface PrintableDocument {
  /** Issuing body, one line each, top left (e.g. ["ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK", "SỞ CÔNG THƯƠNG"]); the last line is bold. */
  issuer?: readonly string[];
  /** Number and symbol, e.g. "Số: 12/BB-SCT", printed under the issuer. */
  reference?: string;
  /** The national motto "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM / Độc lập - Tự do - Hạnh phúc" (default true). */
  nationalHeader?: boolean;
  /** "Đắk Lắk, ngày 27 tháng 11 năm 2026", under the motto. */
  placeDate?: { place: string; date: Date | string };
  title: string;
  subtitle?: string;
  blocks: readonly Block[];
  /** Small print at the bottom of every page, next to the page number (e.g. the case code). */
  footerNote?: string;
  /** Document properties (author, subject, keywords). */
  meta?: { author?: string; subject?: string; keywords?: readonly string[] };
}

export const NATIONAL_NAME = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const NATIONAL_MOTTO = 'Độc lập - Tự do - Hạnh phúc';

// C0/C1 controls other than tab and newline are not allowed in XML 1.0 and draw nothing in a PDF.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

/** NFC, CRLF → LF, control characters removed. Every renderer passes every string through this. */
export function cleanText(s: string): string {
  return s.normalize('NFC').replace(/\r\n?/g, '\n').replace(CONTROL, '');
}

/** Spans of a rich text, cleaned. */
export function spansOf(text: RichText, base: { bold?: boolean; italic?: boolean } = {}): TextSpan[] {
  const list: readonly TextSpan[] = typeof text === 'string' ? [{ text }] : text;
  return list.map((s) => ({ text: cleanText(s.text), bold: s.bold ?? base.bold, italic: s.italic ?? base.italic }));
}

/** "Đắk Lắk, ngày 27 tháng 11 năm 2026": the date as dd/mm/yyyy in Asia/Ho_Chi_Minh, spelled out. */
export function placeDateLine(place: string, date: Date | string): string {
  const [d, m, y] = formatDate(date).split('/');
  return `${cleanText(place)}, ngày ${d} tháng ${m} năm ${y}`;
}

const VIETNAMESE_LETTERS = [
  'a',
  'b',
  'c',
  'd',
  'đ',
  'e',
  'g',
  'h',
  'i',
  'k',
  'l',
  'm',
  'n',
  'o',
  'p',
  'q',
  'r',
  's',
  't',
  'u',
  'v',
  'x',
  'y',
];

/** The marker of item `i` (0-based) of a list: "-", "1.", "a)", … "đ)". */
export function listMarker(style: ListBlock['style'], i: number): string {
  if (style === 'dash') return '-';
  if (style === 'numbered') return `${i + 1}.`;
  return `${VIETNAMESE_LETTERS[i] ?? String(i + 1)})`;
}

/** Integer đồng written out for a legal text: 1250000 → "1.250.000 đồng". Never a float. */
export function formatDong(amount: bigint | number | string): string {
  return `${formatVnd(amount).replace(/\s*đ$/u, '')} đồng`;
}

/** A two-digit count as written in records: 3 → "03". */
export function twoDigits(n: number): string {
  return String(n).padStart(2, '0');
}

/** The lines of a document's header, top left then top right; shared by both renderers. */
export function headerLines(doc: PrintableDocument): { issuer: string[]; reference?: string; national: boolean; placeDate?: string } {
  return {
    issuer: (doc.issuer ?? []).map(cleanText),
    reference: doc.reference === undefined ? undefined : cleanText(doc.reference),
    national: doc.nationalHeader ?? true,
    placeDate: doc.placeDate ? placeDateLine(doc.placeDate.place, doc.placeDate.date) : undefined,
  };
}

/** File name for a download: ASCII, no spaces (e.g. "bien-ban-thuong-luong-YC-2026-000123.pdf"). */
export function documentFileName(base: string, format: DocumentFormat): string {
  const ascii = cleanText(base)
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  return `${ascii || 'document'}.${format}`;
}

export type DocumentFormat = 'docx' | 'pdf';

export const contentTypes: Record<DocumentFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
};
