/**
 * One error type for the whole app. Business code throws AppError with a kind and a stable
 * dotted code; the kind maps to HTTP status in exactly one place (`httpStatusOf`).
 * Postgres errors are translated by SQLSTATE, never by message text.
 */
export type ErrorKind =
  | 'validation'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'invalid_state'
  | 'rate_limited'
  | 'payload_too_large'
  | 'unsupported_media_type';

export interface ErrorDetail {
  path?: string;
  code?: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly details?: ErrorDetail[],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

const statusByKind: Record<ErrorKind, number> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  invalid_state: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
};

export function httpStatusOf(kind: ErrorKind): number {
  return statusByKind[kind];
}

export const notFound = (code: string, message = 'Không tìm thấy.'): AppError => new AppError('not_found', code, message);
export const forbidden = (code = 'auth.forbidden', message = 'Bạn không có quyền thực hiện thao tác này.'): AppError =>
  new AppError('forbidden', code, message);
export const unauthenticated = (message = 'Bạn cần đăng nhập.'): AppError =>
  new AppError('unauthenticated', 'auth.unauthenticated', message);
export const invalid = (code: string, message: string, details?: ErrorDetail[]): AppError =>
  new AppError('validation', code, message, details);

/** Translates a Postgres error (by SQLSTATE) into an AppError; returns undefined for other errors. */
export function fromPgError(e: unknown): AppError | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) return undefined;
  switch (code) {
    case '23505':
      return new AppError('conflict', 'db.unique_violation', 'Bản ghi đã tồn tại.');
    case '23503':
      return new AppError('conflict', 'db.foreign_key_violation', 'Bản ghi liên quan không tồn tại hoặc đang được sử dụng.');
    case '23514':
    case '23502':
      return new AppError('validation', 'db.check_violation', 'Dữ liệu không thỏa mãn ràng buộc.');
    case '22P02':
    case '22007':
    case '22008':
    case '22003':
    case '22001':
      return new AppError('validation', 'db.invalid_value', 'Giá trị không hợp lệ.');
    case '40001':
    case '40P01':
      return new AppError('conflict', 'db.retry', 'Xung đột đồng thời, vui lòng thử lại.');
    default:
      return undefined;
  }
}
