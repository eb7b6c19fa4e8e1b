import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { ApiError } from './api.ts';
import { formatDateTime } from './dates.ts';

/** Translated sentence for anything thrown by the API client; never a bare code. */
export function errorMessage(t: TFunction, e: unknown): string {
  if (!(e instanceof ApiError)) return errorText(t, 'internal_error', {});
  if (e.code === 'auth.locked') {
    const until = typeof e.params.until === 'string' ? e.params.until : null;
    return until ? errorText(t, 'auth.locked', { time: formatDateTime(until) }) : errorText(t, 'auth.locked_no_time', {});
  }
  return errorText(t, e.code, e.params);
}

/**
 * Error codes contain dots ("auth.locked") and are flat keys inside `errors`, so they are looked up
 * in the dictionary object rather than through i18next's nested key syntax.
 */
export function errorText(t: TFunction, code: string, params: Record<string, unknown>): string {
  const errors = t('errors', { returnObjects: true }) as unknown as Record<string, string>;
  const text = errors[code];
  if (typeof text !== 'string') return t('errors.unknown', { code });
  return text.replace(/\{\{(\w+)\}\}/g, (_m, k: string) => String(params[k] ?? ''));
}

export type FieldErrors = Record<string, string>;

interface IssueLike {
  code: string;
  message?: string;
  minimum?: unknown;
  maximum?: unknown;
  origin?: string;
}

function issueText(t: TFunction, i: IssueLike): string {
  const custom = i.message && /^[a-z_]+$/.test(i.message) ? t(`validation.${i.message}`, { defaultValue: '' }) : '';
  if (custom) return custom;
  switch (i.code) {
    case 'too_small':
      if (i.origin === 'array' || i.origin === 'set') return t('validation.too_small_array', { minimum: Number(i.minimum) });
      if (Number(i.minimum) === 1) return t('validation.required');
      return t('validation.too_small', { minimum: Number(i.minimum) });
    case 'too_big':
      return t('validation.too_big', { maximum: Number(i.maximum) });
    case 'invalid_format':
      return t('validation.invalid_format');
    default:
      return t('validation.invalid');
  }
}

/** Field → translated message, from a contract schema's safeParse issues (client-side check). */
export function zodFieldErrors(t: TFunction, error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '_');
    out[field] ??= issueText(t, issue as unknown as IssueLike);
  }
  return out;
}

/** Field → translated message, from a validation_failed answer of the server. */
export function apiFieldErrors(t: TFunction, e: unknown): FieldErrors {
  const out: FieldErrors = {};
  if (!(e instanceof ApiError) || e.code !== 'validation_failed') return out;
  for (const issue of e.issues) {
    const field = issue.path.replace(/^(body|querystring|params)\.?/, '').split('.')[0] || '_';
    const message = typeof issue.params?.message === 'string' ? issue.params.message : undefined;
    out[field] ??= issueText(t, { code: issue.code, message });
  }
  return out;
}

/**
 * Dotted path → translated message ("coordinators.1.unitId"), for forms with nested fields.
 * Client side: the contract schema's issues.
 */
export function zodPathErrors(t: TFunction, error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.') || '_';
    out[path] ??= issueText(t, issue as unknown as IssueLike);
  }
  return out;
}

/**
 * Server side: a validation_failed answer gives per-field texts; a domain error that names fields
 * (task.lead_is_coordinator on coordinators.0.unitId…) shows its own translated sentence there.
 */
export function apiPathErrors(t: TFunction, e: unknown): FieldErrors {
  const out: FieldErrors = {};
  if (!(e instanceof ApiError)) return out;
  const domain = e.code === 'validation_failed' ? null : errorMessage(t, e);
  for (const issue of e.issues) {
    const path = issue.path.replace(/^(body|querystring|params)\.?/, '') || '_';
    const message = typeof issue.params?.message === 'string' ? issue.params.message : undefined;
    out[path] ??= domain ?? issueText(t, { code: issue.code, message });
  }
  return out;
}

/** The first message of any field under `prefix` ("source" → "source.clauseId"). */
export function errorUnder(errors: FieldErrors, prefix: string): string | undefined {
  if (errors[prefix]) return errors[prefix];
  const key = Object.keys(errors).find((k) => k.startsWith(`${prefix}.`));
  return key ? errors[key] : undefined;
}
