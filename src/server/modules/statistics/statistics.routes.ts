import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { categoryChangeStatsSchema, incidentMapQuery, incidentMapSchema, incidentStatsQuery, incidentStatsSchema } from '../../../contracts/statistics.ts';
import { actorOf } from '../../http/auth.ts';
import type { RouteDeps } from '../../http/routes.ts';
import { categoryChangeStatistics, exportIncidentStatistics, incidentMap, incidentStatistics } from './statistics.service.ts';

export function statisticsRoutes(api: FastifyInstance, { ctx }: RouteDeps): void {
  const r = api.withTypeProvider<ZodTypeProvider>();
  const tags = ['statistics'];
  r.get(
    '/statistics/incidents',
    { schema: { tags, summary: 'Situations by category or commune for a period, with the same period last year', querystring: incidentStatsQuery, response: { 200: incidentStatsSchema } } },
    (req) => incidentStatistics(ctx, actorOf(req), req.query),
  );
  r.get('/statistics/incidents/export.xlsx', { schema: { tags, summary: 'The same statistics as an XLSX workbook', querystring: incidentStatsQuery } }, async (req, reply) => {
    const x = await exportIncidentStatistics(ctx, actorOf(req), req.query);
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="${x.filename}"`)
      .send(x.bytes);
  });
  r.get(
    '/statistics/incidents/map',
    {
      schema: {
        tags,
        summary: 'Situation map: commune boundaries in scope with counts for the period and the same period last year (GeoJSON), and located situations as points',
        querystring: incidentMapQuery,
        response: { 200: incidentMapSchema },
      },
    },
    (req) => incidentMap(ctx, actorOf(req), req.query),
  );
  r.get(
    '/statistics/category-changes',
    { schema: { tags, summary: 'Share of situations reclassified (and lowered) per lead unit, for a period', querystring: incidentStatsQuery, response: { 200: categoryChangeStatsSchema } } },
    (req) => categoryChangeStatistics(ctx, actorOf(req), req.query),
  );
}
