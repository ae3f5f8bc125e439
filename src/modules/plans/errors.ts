/** Stable error codes of plan import. Each answers 4xx and nothing is created. */
import { AppError, invalid } from '../../platform/errors.js';

/** Limits on what an import reads: a plan appendix is a few hundred KB; anything near these is not one. */
export const IMPORT_LIMITS = {
  /** Bytes of an uploaded file (DOCX, XLSX) or of a text. */
  maxBytes: 10 * 1024 * 1024,
  /** Bytes of one part inflated from a DOCX/XLSX (guards against ZIP bombs). */
  maxPartBytes: 50 * 1024 * 1024,
  /** Entries of a ZIP container. */
  maxZipEntries: 5000,
  /** Rows or items of one plan. */
  maxTasks: 5000,
} as const;

export const planImportErrorCodes = [
  'plan_import.empty',
  'plan_import.not_a_table',
  'plan_import.corrupt_file',
  'plan_import.too_large',
  'plan_import.sheet_not_found',
  'plan_import.unsupported_format',
] as const;
export type PlanImportErrorCode = (typeof planImportErrorCodes)[number];

export const planImportErrors = {
  empty: () => invalid('plan_import.empty', 'Tệp hoặc văn bản kế hoạch trống.'),
  notATable: (where?: string) =>
    invalid(
      'plan_import.not_a_table',
      'Không tìm thấy bảng nhiệm vụ (cột "Nhiệm vụ", "Cơ quan chủ trì", "Thời gian") hay danh sách nhiệm vụ đánh số.',
      where ? [{ message: where }] : undefined,
    ),
  corruptFile: (why: string) =>
    invalid('plan_import.corrupt_file', 'Tệp bị hỏng hoặc không đúng định dạng.', [{ code: 'corrupt', message: why }]),
  tooLarge: (limit: number) =>
    new AppError('payload_too_large', 'plan_import.too_large', `Tệp quá lớn (tối đa ${Math.round(limit / 1024 / 1024)} MB).`),
  sheetNotFound: (sheet: string, available: readonly string[]) =>
    invalid('plan_import.sheet_not_found', `Không có trang tính "${sheet}".`, [
      { path: 'sheet', message: `Các trang tính: ${available.join(', ')}` },
    ]),
  unsupportedFormat: (format: string) =>
    new AppError('unsupported_media_type', 'plan_import.unsupported_format', `Định dạng "${format}" không được hỗ trợ (text, docx, xlsx).`),
} as const;

/** True when `e` is one of the errors above (for callers that map them). */
export function isPlanImportError(e: unknown): e is AppError {
  return e instanceof AppError && (planImportErrorCodes as readonly string[]).includes(e.code);
}
