/**
 * One entry point for plan import, whatever the format: the JSON body `{ format, content }` (text,
 * or base64 for DOCX and XLSX) and the multipart upload (bytes and a file name) both end here.
 * Nothing is stored: the caller shows the preview, then commits it.
 */
import { IMPORT_LIMITS, planImportErrors } from './errors.js';
import { importPlanDocx } from './import-docx.js';
import { importPlanText } from './import-text.js';
import { importPlanXlsx } from './import-xlsx.js';
import { importFormats, type ImportFormat, type PlanImportPreview } from './schema.js';

export interface PlanImportInput {
  format: string;
  /** The text itself for `text`; base64 (or the bytes) for `docx` and `xlsx`. */
  content: string | Buffer;
  /** XLSX: sheet name or 1-based position. */
  sheet?: string | number | undefined;
}

/** Decodes base64 strictly: anything else is a corrupt file, not an empty one. */
function fromBase64(s: string): Buffer {
  const compact = s.replace(/\s+/g, '').replace(/^data:[^,]*;base64,/, '');
  if (compact.length * 0.75 > IMPORT_LIMITS.maxBytes + 4) throw planImportErrors.tooLarge(IMPORT_LIMITS.maxBytes);
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(compact) || compact.length % 4 === 1) throw planImportErrors.corruptFile('content is not base64');
  return Buffer.from(compact, compact.includes('-') || compact.includes('_') ? 'base64url' : 'base64');
}

/** The format of an uploaded file from its name or its first bytes. */
export function detectFormat(fileName: string | undefined, bytes: Buffer): ImportFormat | undefined {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName ?? '')?.[1]?.toLowerCase();
  if (ext === 'docx' || ext === 'xlsx') return ext;
  if (ext === 'txt' || ext === 'text') return 'text';
  if (bytes.length >= 4 && bytes.readUInt32LE(0) === 0x04034b50) {
    const head = bytes.subarray(0, Math.min(bytes.length, 4096)).toString('latin1');
    if (head.includes('word/')) return 'docx';
    if (head.includes('xl/')) return 'xlsx';
    return undefined;
  }
  return ext === undefined ? 'text' : undefined;
}

/**
 * Reads a plan in any supported format into the preview `{ plan, tasks, warnings }`. Errors are
 * AppErrors with the stable codes of errors.ts (`plan_import.*`).
 */
export function importPlan(input: PlanImportInput): PlanImportPreview {
  const format = input.format.toLowerCase();
  if (!(importFormats as readonly string[]).includes(format)) throw planImportErrors.unsupportedFormat(input.format);
  if (format === 'text') {
    const text = typeof input.content === 'string' ? input.content : input.content.toString('utf8');
    return importPlanText(text);
  }
  const bytes = typeof input.content === 'string' ? fromBase64(input.content) : input.content;
  if (bytes.length === 0) throw planImportErrors.empty();
  return format === 'docx' ? importPlanDocx(bytes) : importPlanXlsx(bytes, { sheet: input.sheet });
}
