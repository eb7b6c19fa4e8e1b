import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from '@fastify/type-provider-zod';
import type { Config } from '../config/env.ts';
import type { Database } from '../db/connect.ts';
import { makeCtx, type Ctx } from '../kernel/context.ts';
import { DomainError, HIDDEN } from '../kernel/errors.ts';
import { recordAccessDenied } from '../modules/audit/audit.service.ts';
import { registerAuth } from './auth.ts';
import { sendError, toDomainError } from './errors.ts';
import { registerRoutes } from './routes.ts';

export type App = FastifyInstance;
export const BODY_LIMIT = 1024 * 1024;

export interface AppOptions {
  config: Config;
  database: Database;
  ctx?: Ctx;
  logger?: boolean;
  /** Directory with the built web app; served at / when present. */
  webDir?: string | null;
}

const here = path.dirname(fileURLToPath(import.meta.url));
export const DEFAULT_WEB_DIR = path.resolve(here, '../../../dist/web');

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const { config, database } = opts;
  const ctx = opts.ctx ?? makeCtx(database.db);
  const app = Fastify({
    logger: opts.logger === false ? false : { level: config.logLevel },
    bodyLimit: BODY_LIMIT,
    trustProxy: config.trustProxy,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Mantine sets CSS variables through a style element.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        workerSrc: ["'self'", 'blob:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    strictTransportSecurity: config.cookieSecure === 'always',
  });
  await app.register(cookie);
  await app.register(rateLimit, {
    global: true,
    max: config.rateLimitPerMinute,
    timeWindow: 60_000,
    allowList: (req) => !req.url.startsWith('/api/'),
    errorResponseBuilder: (_req, ctxt) => {
      const e = new DomainError('rate_limited', { retryAfterSeconds: Math.ceil(ctxt.ttl / 1000) }) as DomainError & { statusCode: number };
      e.statusCode = 429;
      return e;
    },
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Phối Hợp API', version: '0.1.0', description: 'Coordination of security and public order work (bảo đảm an ninh trật tự).' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'ph_session' }, csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' } } },
      security: [{ session: [], csrf: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } });

  app.setErrorHandler(async (err, req, reply) => {
    const { error } = toDomainError(err);
    if (error.code === 'forbidden' || (error.code === 'not_found' && error.params[HIDDEN] === true)) {
      const actor = req.auth?.actor;
      if (actor) {
        await recordAccessDenied(ctx, actor, {
          status: error.code === 'forbidden' ? 403 : 404,
          method: req.method,
          route: req.routeOptions.url ?? req.url,
          entity: error.params.entity,
          id: error.params.id,
          action: error.params.action,
        }).catch((e) => req.log.error({ err: e }, 'could not record access denial'));
      }
    }
    return sendError(reply, req, err);
  });
  app.setNotFoundHandler((req, reply) => {
    const route = req.url.split('?')[0] ?? '';
    // API paths and missing files (anything with an extension) are real 404s; other paths are
    // client-side routes of the web app.
    if (route.startsWith('/api/') || !webIndex || /\.[a-z0-9]+$/i.test(route)) return sendError(reply, req, new DomainError('not_found', { route }));
    return reply.type('text/html').send(webIndex);
  });

  registerAuth(app, ctx, config);
  // Text the database cannot hold (NUL, unpaired UTF-16 surrogates) is bad input: refuse it here,
  // before it reaches a query and fails there as a 500.
  app.addHook('preValidation', async (req) => {
    if (!req.url.startsWith('/api/')) return;
    for (const [part, value] of [['body', req.body], ['querystring', req.query], ['params', req.params]] as const) {
      const at = badTextPath(value);
      if (at !== null) throw new DomainError('bad_request', { reason: 'invalid_text' }, [{ path: at ? `${part}.${at}` : part, code: 'invalid_text' }]);
    }
  });
  await app.register(async (api) => registerRoutes(api, { ctx, config, database }), { prefix: '/api' });

  const webDir = opts.webDir === undefined ? DEFAULT_WEB_DIR : opts.webDir;
  let webIndex: string | null = null;
  if (webDir && fs.existsSync(path.join(webDir, 'index.html'))) {
    webIndex = fs.readFileSync(path.join(webDir, 'index.html'), 'utf8');
    // wildcard: files are looked up per request, so a rebuilt web app is served without a restart;
    // a missing file falls through to the not-found handler (SPA fallback above).
    await app.register(fastifyStatic, { root: webDir, prefix: '/', wildcard: true, index: false });
    app.get('/', { config: { public: true }, schema: { hide: true } }, (_req, reply) => reply.type('text/html').send(webIndex));
  }
  return app;
}

// eslint-disable-next-line no-control-regex -- NUL and lone surrogates are exactly what we look for
const BAD_TEXT = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Path of the first string (or key) holding NUL or an unpaired surrogate; null when clean. */
export function badTextPath(value: unknown, path = '', depth = 0): string | null {
  if (typeof value === 'string') return BAD_TEXT.test(value) ? path : null;
  if (value === null || typeof value !== 'object' || depth > 64) return null;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const p = path ? `${path}.${k}` : k;
    if (BAD_TEXT.test(k)) return p;
    const found = badTextPath(v, p, depth + 1);
    if (found !== null) return found;
  }
  return null;
}
