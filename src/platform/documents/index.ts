/**
 * Printable documents (biên bản, phiếu, thông báo) in Vietnamese, as DOCX and PDF. A builder
 * makes a `PrintableDocument` (model.ts); `renderDocument` turns it into the bytes of a file.
 * The PDF uses the Noto Sans shipped in `assets/fonts/`; nothing is downloaded at run time.
 */
import { renderDocx } from './docx.js';
import { renderPdf } from './pdf.js';
import { contentTypes, type DocumentFormat, type PrintableDocument } from './model.js';

export * from './model.js';
export { renderDocx } from './docx.js';
export { renderPdf, shippedFonts, type PdfFonts, type PdfOptions } from './pdf.js';

export interface RenderedDocument {
  body: Buffer;
  contentType: string;
  format: DocumentFormat;
}

/** The file of a document in the format asked for, with its content type. */
export async function renderDocument(doc: PrintableDocument, format: DocumentFormat): Promise<RenderedDocument> {
  const body = format === 'docx' ? await renderDocx(doc) : await renderPdf(doc);
  return { body, contentType: contentTypes[format], format };
}
