import { t } from './i18n/zh-CN.ts';

/** Stable error codes; each maps to one HTTP status in `httpStatusOf`. */
export type ErrorCode =
  | 'NOT_FOUND'
  | 'FORBIDDEN'
  | 'UNAUTHENTICATED'
  | 'INVALID_STATE'
  | 'VALIDATION'
  | 'CONFLICT'
  | 'THROTTLED'
  /** The database is down, restarting or locked by another writer: try again later. */
  | 'UNAVAILABLE'
  // Uploads (web/uploads.ts): a request over its size limit, one without a length, and one the process has no room for now.
  | 'TOO_LARGE'
  | 'LENGTH_REQUIRED'
  | 'BUSY';

export type FieldErrors = Record<string, string>;

/** A failure the user can be told about: a stable code and a safe Chinese message, plus field messages for forms. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields: FieldErrors = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

const STATUS: Record<ErrorCode, number> = {
  NOT_FOUND: 404,
  FORBIDDEN: 403,
  UNAUTHENTICATED: 401,
  INVALID_STATE: 409,
  VALIDATION: 400,
  CONFLICT: 409,
  THROTTLED: 429,
  UNAVAILABLE: 503,
  TOO_LARGE: 413,
  LENGTH_REQUIRED: 411,
  BUSY: 503,
};

/** The HTTP status for an error code, decided in this one place. */
export function httpStatusOf(code: ErrorCode): number {
  return STATUS[code];
}

export const notFound = (message: string = t.errors.notFound) => new DomainError('NOT_FOUND', message);
export const forbidden = (message: string = t.errors.forbidden) => new DomainError('FORBIDDEN', message);
export const invalidState = (message: string) => new DomainError('INVALID_STATE', message);
export const conflict = (message: string) => new DomainError('CONFLICT', message);
