import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { dashboardQuery, dashboardSchema } from '../../../contracts/dashboard.ts';
import { actorOf } from '../../http/auth.ts';
import type { RouteDeps } from '../../http/routes.ts';
import { getDashboard } from './dashboard.service.ts';

export function dashboardRoutes(api: FastifyInstance, { ctx }: RouteDeps): void {
  const r = api.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/dashboard',
    {
      schema: {
        tags: ['dashboard'],
        summary: "The leaders' dashboard for a period (default: the current statistical month): key figures against the same period last year, trend, on-time rates by unit, overdue tasks; every number with the path of its records",
        querystring: dashboardQuery,
        response: { 200: dashboardSchema },
      },
    },
    (req) => getDashboard(ctx, actorOf(req), req.query),
  );
}
