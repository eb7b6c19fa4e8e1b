import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from '@fastify/type-provider-zod';
import type { ApiErrorBody, ErrorCode } from '../../contracts/errors.ts';
import { DomainError, HIDDEN } from '../kernel/errors.ts';

/**
 * The one mapping from error codes to HTTP statuses: not visible → 404, visible but not allowed →
 * 403, rule broken → 409/422, bad shape → 400.
 */
const STATUS: Partial<Record<ErrorCode, number>> = {
  validation_failed: 400,
  bad_request: 400,
  'import.invalid_file': 400,
  unauthenticated: 401,
  session_expired: 401,
  'auth.invalid_credentials': 401,
  forbidden: 403,
  csrf_failed: 403,
  'auth.account_disabled': 403,
  not_found: 404,
  conflict: 409,
  stale_version: 409,
  'organisation.duplicate_code': 409,
  'accounts.duplicate_username': 409,
  'document.duplicate_number': 409,
  'report.run_not_ready': 409,
  'report.jobs_unavailable': 503,
  'document.duplicate_relation': 409,
  'document.clause_in_use': 409,
  'conference.item_in_use': 409,
  'tip.invalid_transition': 409,
  'tip.question_answered': 409,
  'tip.not_found_or_wrong_secret': 404,
  'tip.challenge_failed': 400,
  'file.too_large': 413,
  'file.type_not_allowed': 415,
  'file.empty': 400,
  payload_too_large: 413,
  unsupported_media_type: 415,
  'auth.locked': 423,
  rate_limited: 429,
  internal_error: 500,
};

export const statusOf = (code: ErrorCode): number => STATUS[code] ?? 422;

export function errorBody(e: DomainError): ApiErrorBody {
  const { [HIDDEN]: _hidden, ...params } = e.params;
  const body: ApiErrorBody = { error: { code: e.code } };
  if (Object.keys(params).length) body.error.params = params;
  if (e.issues?.length) body.error.issues = e.issues;
  return body;
}

/** Convert anything thrown into a DomainError; unknown errors become internal_error. */
export function toDomainError(err: unknown): { error: DomainError; unexpected: boolean } {
  if (err instanceof DomainError) return { error: err, unexpected: false };
  if (hasZodFastifySchemaValidationErrors(err)) {
    const issues = err.validation.map((v) => ({
      path: `${err.validationContext ?? 'body'}${v.instancePath ? v.instancePath.replace(/\//g, '.') : ''}`,
      code: String((v.params as { issue?: { code?: string } })?.issue?.code ?? v.keyword ?? 'invalid'),
      params: { message: v.message },
    }));
    return { error: new DomainError('validation_failed', { in: err.validationContext }, issues), unexpected: false };
  }
  const fe = err as FastifyError;
  switch (fe.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { error: new DomainError('payload_too_large'), unexpected: false };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { error: new DomainError('unsupported_media_type'), unexpected: false };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { error: new DomainError('bad_request', { reason: 'invalid_json' }), unexpected: false };
    default:
  }
  if (fe.statusCode === 429) return { error: new DomainError('rate_limited'), unexpected: false };
  if (err instanceof SyntaxError || fe.statusCode === 400) return { error: new DomainError('bad_request', { reason: 'invalid_json' }), unexpected: false };
  if (fe.statusCode === 413) return { error: new DomainError('payload_too_large'), unexpected: false };
  if (fe.statusCode === 415) return { error: new DomainError('unsupported_media_type'), unexpected: false };
  if (fe.statusCode === 404) return { error: new DomainError('not_found'), unexpected: false };
  return { error: new DomainError('internal_error'), unexpected: true };
}

export function sendError(reply: FastifyReply, req: FastifyRequest, err: unknown): FastifyReply {
  const { error, unexpected } = toDomainError(err);
  if (unexpected) req.log.error({ err }, 'unexpected error');
  return reply.status(statusOf(error.code)).type('application/json').send(errorBody(error));
}
