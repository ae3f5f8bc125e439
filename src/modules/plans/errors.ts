/** Stable error codes of plan import. Each answers 4xx and nothing is created. */
import { AppError, invalid, notFound } from '../../platform/errors.js';

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

/** Stable error codes of stored plans, tasks and reports. */
export const planErrors = {
  planNotFound: () => notFound('plan.not_found', 'Không tìm thấy kế hoạch.'),
  taskNotFound: () => notFound('plan.task_not_found', 'Không tìm thấy nhiệm vụ trong kế hoạch.'),
  reportNotFound: () => notFound('plan.report_not_found', 'Không tìm thấy báo cáo.'),
  evidenceNotFound: () => notFound('plan.evidence_not_found', 'Không tìm thấy tệp minh chứng.'),
  unknownAgency: (id: string) =>
    invalid('plan.unknown_agency', 'Cơ quan không có trong danh bạ của tỉnh.', [{ path: 'agencyId', message: id }]),
  unknownAssignment: (id: string) =>
    invalid('plan.unknown_assignment', 'Phân công không thuộc nhiệm vụ này.', [{ path: 'agencies', message: id }]),
  groupAssignment: () =>
    new AppError(
      'invalid_state',
      'plan.group_assignment',
      'Phân công cho một nhóm cơ quan (ví dụ "UBND xã, phường") không gắn với một cơ quan.',
    ),
  sectionHasNoReport: () =>
    new AppError('invalid_state', 'plan.section_not_reportable', 'Mục lớn không có báo cáo riêng; báo cáo theo từng nhiệm vụ.'),
  duplicateRef: (ref: string) => invalid('plan.duplicate_ref', `Số thứ tự nhiệm vụ "${ref}" bị trùng.`, [{ path: 'tasks', message: ref }]),
  unknownSection: (ref: string) =>
    invalid('plan.unknown_section', `Nhiệm vụ thuộc mục "${ref}" nhưng mục này không có (hoặc đứng sau).`, [
      { path: 'tasks', message: ref },
    ]),
  notAssigned: () => new AppError('forbidden', 'plan.not_assigned', 'Cơ quan của bạn không được giao chủ trì hay phối hợp nhiệm vụ này.'),
  noAgency: () => new AppError('forbidden', 'plan.no_agency', 'Tài khoản chưa gắn với cơ quan nào nên không báo cáo được.'),
  periodNotInPlan: (period: string) =>
    invalid('plan.unknown_period', `Kỳ báo cáo ${period} không có trong lịch báo cáo của kế hoạch.`, [{ path: 'period', message: period }]),
  noReportingCalendar: () =>
    new AppError('invalid_state', 'plan.no_reporting_calendar', 'Kế hoạch chưa có lịch báo cáo (ví dụ trước ngày 10/11 hằng năm).'),
  archived: () => new AppError('invalid_state', 'plan.archived', 'Kế hoạch đã lưu trữ, không sửa được.'),
  evidenceType: () => new AppError('unsupported_media_type', 'plan.evidence_type', 'Minh chứng nhận tệp JPEG, PNG, PDF hoặc DOCX.'),
  evidenceTooLarge: () => new AppError('payload_too_large', 'plan.evidence_too_large', 'Mỗi tệp minh chứng tối đa 10 MB.'),
  tooManyEvidence: () => new AppError('invalid_state', 'plan.too_many_evidence', 'Mỗi báo cáo tối đa 10 tệp minh chứng.'),
  notMultipart: () => new AppError('unsupported_media_type', 'plan.not_multipart', 'Gửi tệp theo dạng multipart/form-data.'),
  missingFile: () => invalid('plan.missing_file', 'Chưa chọn tệp.'),
  badRange: () => invalid('plan.bad_range', 'Ngày kết thúc phải sau ngày bắt đầu.', [{ path: 'to', message: 'to <= from' }]),
  unknownIndicator: (codes: readonly string[]) =>
    invalid(
      'plan.unknown_indicator',
      `Chỉ số không có trong danh mục: ${codes.join(', ')}.`,
      codes.map((c) => ({ path: 'indicators', message: c })),
    ),
} as const;
