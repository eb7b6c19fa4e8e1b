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
  'document.invalid_number',
  'document.duplicate_number',
  'document.kind_mismatch',
  'document.system_required',
  'document.unknown_document',
  'document.unknown_clause',
  'document.duplicate_clause_ref',
  'document.clause_in_use',
  'document.self_relation',
  'document.duplicate_relation',
  'conference.duplicate_unit',
  'conference.unknown_person',
  'conference.item_in_use',
  'file.type_not_allowed',
  'file.too_large',
  'file.empty',
  'file.unknown',
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
  'task.unknown_unit',
  'task.unknown_source',
  'task.lead_is_coordinator',
  'task.duplicate_coordinator',
  'task.deadline_before_assignment',
  'task.deadline_after_parent',
  'task.deadline_before_subtask',
  'task.new_deadline_in_past',
  'task.cycle',
  'task.invalid_transition',
  'task.submit_requires_full_progress',
  'task.not_coordinator',
  'task.already_answered',
  'tip.unknown_commune',
  'tip.point_outside_city',
  'tip.challenge_failed',
  'tip.not_found_or_wrong_secret',
  'tip.unknown_question',
  'tip.question_answered',
  'tip.invalid_transition',
  'tip.unknown_unit',
  'tip.extension_already_used',
  'tip.extension_requires_complex',
  'tip.extension_not_later',
  'tip.extension_exceeds_legal_maximum',
  'tip.decision_date_invalid',
  'tip.not_decided',
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
