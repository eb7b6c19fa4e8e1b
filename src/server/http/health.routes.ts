import { sql } from 'kysely';
import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import type { RouteDeps } from './routes.ts';

const startedAt = Date.now();

export function healthRoutes(api: FastifyInstance, { ctx, database }: RouteDeps): void {
  api.withTypeProvider<ZodTypeProvider>().get(
    '/health',
    {
      config: { public: true, rateLimit: false },
      schema: {
        tags: ['system'],
        summary: 'Liveness and database status',
        security: [],
        response: {
          200: z.object({ status: z.literal('ok'), database: z.object({ backend: z.enum(['pglite', 'postgres']), ok: z.boolean(), latencyMs: z.number() }), uptimeSeconds: z.number(), version: z.string() }),
          503: z.object({ status: z.literal('degraded'), database: z.object({ backend: z.enum(['pglite', 'postgres']), ok: z.boolean(), latencyMs: z.number() }), uptimeSeconds: z.number(), version: z.string() }),
        },
      },
    },
    async (_req, reply) => {
      const t = performance.now();
      let ok = true;
      try {
        await sql`select 1`.execute(ctx.db);
      } catch {
        ok = false;
      }
      const body = { database: { backend: database.backend, ok, latencyMs: Math.round((performance.now() - t) * 100) / 100 }, uptimeSeconds: Math.round((Date.now() - startedAt) / 1000), version: '0.1.0' };
      return ok ? reply.send({ status: 'ok' as const, ...body }) : reply.status(503).send({ status: 'degraded' as const, ...body });
    },
  );
}
