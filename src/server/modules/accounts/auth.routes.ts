import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { changePasswordInput, loginInput, meSchema } from '../../../contracts/accounts.ts';
import { okResponse } from '../../../contracts/common.ts';
import { actorOf, assertSameOrigin, cookieOptions, SESSION_COOKIE } from '../../http/auth.ts';
import type { RouteDeps } from '../../http/routes.ts';
import { changeOwnPassword, login, logout, me, resolveSession } from './auth.service.ts';

export function authRoutes(api: FastifyInstance, { ctx, config }: RouteDeps): void {
  const r = api.withTypeProvider<ZodTypeProvider>();
  const settings = { sessionTtlMs: config.sessionTtlMs, maxFailures: config.loginMaxFailures, lockMs: config.loginLockMs };

  r.post(
    '/auth/login',
    {
      config: { public: true, rateLimit: { max: 20, timeWindow: 60_000 } },
      schema: { tags: ['auth'], summary: 'Sign in; sets the session cookie', security: [], body: loginInput, response: { 200: meSchema } },
    },
    async (req, reply) => {
      assertSameOrigin(req);
      const res = await login(ctx, settings, { ...req.body, ip: req.ip, userAgent: req.headers['user-agent'] ?? null });
      reply.setCookie(SESSION_COOKIE, res.sessionToken, cookieOptions(config, req, res.expiresAt));
      const session = (await resolveSession(ctx, res.sessionToken))!;
      return me(ctx, session.actor, res.csrfToken);
    },
  );

  r.post('/auth/logout', { schema: { tags: ['auth'], summary: 'Sign out', response: { 200: okResponse } } }, async (req, reply) => {
    await logout(ctx, actorOf(req), req.auth!.sessionId);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true as const };
  });

  r.get('/auth/me', { schema: { tags: ['auth'], summary: 'The signed-in user, their abilities and CSRF token', response: { 200: meSchema } } }, async (req) =>
    me(ctx, actorOf(req), req.auth!.csrfToken),
  );

  r.post(
    '/auth/password',
    { config: { rateLimit: { max: 10, timeWindow: 60_000 } }, schema: { tags: ['auth'], summary: 'Change my password', body: changePasswordInput, response: { 200: okResponse } } },
    async (req) => {
      await changeOwnPassword(ctx, actorOf(req), req.auth!.sessionId, req.body.currentPassword, req.body.newPassword);
      return { ok: true as const };
    },
  );
}
