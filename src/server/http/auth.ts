import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import type { Config } from '../config/env.ts';
import type { Actor } from '../kernel/actor.ts';
import type { Ctx } from '../kernel/context.ts';
import { DomainError } from '../kernel/errors.ts';
import { resolveSession, type ResolvedSession } from '../modules/accounts/auth.service.ts';

export const SESSION_COOKIE = 'ph_session';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    auth: ResolvedSession | null;
  }
  interface FastifyContextConfig {
    /** Route needs no session (health, login, OpenAPI, the web app). */
    public?: boolean;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function equal(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function cookieOptions(config: Config, req: FastifyRequest, expires?: Date) {
  const secure = config.cookieSecure === 'always' || (config.cookieSecure === 'auto' && req.protocol === 'https');
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure, ...(expires ? { expires } : {}) };
}

/**
 * Resolves the session cookie on every /api request, refuses requests without one on non-public
 * routes (401) before their body is read, and checks the CSRF token on cookie-authenticated writes (403): the token is bound
 * to the session and must come back in the X-CSRF-Token header.
 */
export function registerAuth(app: FastifyInstance, ctx: Ctx, config: Config): void {
  app.decorateRequest('auth', null);
  // onRequest, before the body is parsed and validated: a request without a session gets 401 (not
  // a 400 that describes the schema to anonymous callers), and a write without its CSRF token gets
  // 403 whatever its body.
  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    if (!req.url.startsWith('/api/')) return;
    const token = req.cookies[SESSION_COOKIE];
    if (token) {
      req.auth = await resolveSession(ctx, token);
      if (!req.auth) reply.clearCookie(SESSION_COOKIE, { path: '/' });
    }
    if (req.routeOptions.config.public || req.url.startsWith('/api/docs')) return;
    if (!req.auth) throw new DomainError(token ? 'session_expired' : 'unauthenticated');
    if (!SAFE_METHODS.has(req.method)) {
      const sent = req.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !equal(sent, req.auth.csrfToken)) throw new DomainError('csrf_failed');
    }
  });
  void config;
}

export function actorOf(req: FastifyRequest): Actor {
  if (!req.auth) throw new DomainError('unauthenticated');
  return req.auth.actor;
}

/** Login has no session yet: refuse cross-site posts by their Origin (login CSRF). */
export function assertSameOrigin(req: FastifyRequest): void {
  const origin = req.headers.origin;
  if (!origin) return;
  try {
    const o = new URL(origin);
    // Compare as URLs so that an explicit default port ("Host: example.org:443") still matches.
    if (!req.headers.host || o.host !== new URL(`${o.protocol}//${req.headers.host}`).host) throw new DomainError('csrf_failed');
  } catch (e) {
    if (e instanceof DomainError) throw e;
    throw new DomainError('csrf_failed');
  }
}
