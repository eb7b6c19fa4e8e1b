/**
 * Error codes shared by server and web. The server never produces display text: it sends a code
 * and parameters, and the web translates them (see src/web/i18n).
 */
export const ERROR_CODES = [
  'validation_failed',
  'bad_request',
  'unauthenticated',
  'session_expired',
  'forbidden',
  'not_found',
  'conflict',
  'stale_version',
  'csrf_failed',
  'rate_limited',
  'payload_too_large',
  'unsupported_media_type',
  'internal_error',
  'auth.invalid_credentials',
  'auth.locked',
  'auth.account_disabled',
  'auth.password_too_weak',
  'auth.wrong_current_password',
  'organisation.unknown_unit',
  'organisation.unknown_commune',
  'organisation.unknown_province',
  'organisation.duplicate_code',
  'organisation.cycle',
  'organisation.invalid_validity',
  'accounts.duplicate_username',
  'accounts.unknown_role',
  'accounts.cannot_disable_self',
  'import.invalid_file',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** Body of every error response of the API. */
export interface ApiErrorBody {
  error: {
    code: ErrorCode;
    params?: Record<string, unknown>;
    /** Field-level problems for validation_failed: path → code. */
    issues?: { path: string; code: string; params?: Record<string, unknown> }[];
  };
}
