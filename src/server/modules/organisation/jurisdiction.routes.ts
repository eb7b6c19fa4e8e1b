import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { jurisdictionListQuery, jurisdictionPage, provinceSchema } from '../../../contracts/organisation.ts';
import { provinceCode } from '../../../contracts/common.ts';
import { actorOf } from '../../http/auth.ts';
import type { RouteDeps } from '../../http/routes.ts';
import { communeBoundaries, listJurisdictions, listProvinces } from './jurisdiction.service.ts';

export function jurisdictionRoutes(api: FastifyInstance, { ctx }: RouteDeps): void {
  const r = api.withTypeProvider<ZodTypeProvider>();
  const tags = ['jurisdictions'];
  r.get('/jurisdictions', { schema: { tags, summary: 'Communes (phường, xã, đặc khu) by province', querystring: jurisdictionListQuery, response: { 200: jurisdictionPage } } }, (req) =>
    listJurisdictions(ctx, actorOf(req), req.query),
  );
  r.get('/provinces', { schema: { tags, summary: 'Provinces and municipalities', response: { 200: z.object({ items: z.array(provinceSchema) }) } } }, (req) =>
    listProvinces(ctx, actorOf(req)),
  );
  r.get('/provinces/:code/boundaries', { schema: { tags, summary: 'Commune boundaries as GeoJSON (for maps)', params: z.object({ code: provinceCode }) } }, (req) =>
    communeBoundaries(ctx, actorOf(req), req.params.code),
  );
}
