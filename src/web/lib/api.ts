import type { ApiErrorBody, ErrorCode } from '../../contracts/errors.ts';

/** An error answered by the API (or a network failure, code `network_error`). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'network_error',
    readonly params: Record<string, unknown> = {},
    readonly issues: NonNullable<ApiErrorBody['error']['issues']> = [],
  ) {
    super(code);
    this.name = 'ApiError';
  }
}

let csrfToken: string | null = null;
let onUnauthorized: (() => void) | null = null;

/** The CSRF token bound to the session; sent back on every write. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when any request answers 401 (the session ended): the app goes back to the login page. */
export function setUnauthorizedHandler(fn: (() => void) | null): void {
  onUnauthorized = fn;
}

export type Query = Record<string, string | number | boolean | readonly string[] | null | undefined>;

/** Appends the query; empty values are left out, a list repeats its key (`status=a&status=b`). */
export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) for (const item of v as readonly string[]) qs.append(k, item);
    else qs.set(k, String(v));
  }
  const s = qs.toString();
  return s ? `${path}?${s}` : path;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  query?: Query;
  signal?: AbortSignal;
  /** Do not treat a 401 as the end of the session (the login form itself). */
  quiet401?: boolean;
}

export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const method = opts.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(withQuery(`/api${path}`, opts.query), {
      method,
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'network_error');
  }
  if (res.ok) return (await res.json()) as T;
  throw await errorOf(res, opts.quiet401);
}

async function errorOf(res: Response, quiet401 = false): Promise<ApiError> {
  let body: Partial<ApiErrorBody> = {};
  try {
    body = (await res.json()) as ApiErrorBody;
  } catch {
    /* not JSON (a proxy error page) */
  }
  const err = new ApiError(res.status, body.error?.code ?? 'internal_error', body.error?.params ?? {}, body.error?.issues ?? []);
  if (res.status === 401 && !quiet401 && onUnauthorized) onUnauthorized();
  return err;
}

/** Uploads one file as multipart/form-data (part "file"), with the CSRF token. */
export async function apiUpload<T>(path: string, file: Blob, filename: string): Promise<T> {
  const form = new FormData();
  form.append('file', file, filename);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(`/api${path}`, { method: 'POST', headers, body: form, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'network_error');
  }
  if (res.ok) return (await res.json()) as T;
  throw await errorOf(res);
}

/** Fetches a file (an export) and hands it to the browser as a download; API errors are thrown translated-ready. */
export async function apiDownload(path: string, query: Query | undefined, fallbackName: string): Promise<void> {
  let res: Response;
  try {
    res = await fetch(withQuery(`/api${path}`, query), { credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'network_error');
  }
  if (!res.ok) throw await errorOf(res);
  const blob = await res.blob();
  const disposition = res.headers.get('content-disposition') ?? '';
  const name = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1] ?? /filename="?([^";]+)"?/i.exec(disposition)?.[1];
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name ? decodeURIComponent(name) : fallbackName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const isApiError = (e: unknown, code?: string): e is ApiError => e instanceof ApiError && (code === undefined || e.code === code);

/** Shape of every list answer. */
export interface Page<T> {
  total: number;
  limit: number;
  offset: number;
  items: T[];
}
