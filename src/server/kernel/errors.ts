import type { ErrorCode } from '../../contracts/errors.ts';

/**
 * The only error the domain throws. It carries a code and parameters, never display text and never
 * an HTTP status: the HTTP adapter maps codes to statuses (src/server/http/errors.ts).
 */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly params: Record<string, unknown>;
  readonly issues: { path: string; code: string; params?: Record<string, unknown> }[] | undefined;

  constructor(
    code: ErrorCode,
    params: Record<string, unknown> = {},
    issues?: { path: string; code: string; params?: Record<string, unknown> }[],
  ) {
    super(code);
    this.name = 'DomainError';
    this.code = code;
    this.params = params;
    this.issues = issues;
  }
}

export const notFound = (entity: string, id?: string): DomainError => new DomainError('not_found', { entity, id });
/**
 * The record exists but lies outside the actor's scope. Answers exactly like `notFound` (404, same
 * body); the HTTP layer logs the refusal in the audit trail and strips the marker.
 */
export const hiddenNotFound = (entity: string, id?: string): DomainError => new DomainError('not_found', { entity, id, [HIDDEN]: true });
export const HIDDEN = '__hidden';
export const forbidden = (action: string): DomainError => new DomainError('forbidden', { action });
export const staleVersion = (entity: string, id: string): DomainError =>
  new DomainError('stale_version', { entity, id });
