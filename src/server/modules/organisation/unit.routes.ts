import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { createUnitInput, unitListQuery, unitPage, unitSchema, updateUnitInput } from '../../../contracts/organisation.ts';
import { uuid } from '../../../contracts/common.ts';
import { actorOf } from '../../http/auth.ts';
import type { RouteDeps } from '../../http/routes.ts';
import { createUnit, getUnit, listUnits, updateUnit } from './unit.service.ts';

const idParams = z.object({ id: uuid });

export function unitRoutes(api: FastifyInstance, { ctx }: RouteDeps): void {
  const r = api.withTypeProvider<ZodTypeProvider>();
  const tags = ['organisation'];
  r.get('/units', { schema: { tags, summary: 'Search and browse units (accent-insensitive q)', querystring: unitListQuery, response: { 200: unitPage } } }, (req) =>
    listUnits(ctx, actorOf(req), req.query),
  );
  r.post('/units', { schema: { tags, summary: 'Create a unit', body: createUnitInput, response: { 201: unitSchema } } }, async (req, reply) =>
    reply.status(201).send(await createUnit(ctx, actorOf(req), req.body)),
  );
  r.get('/units/:id', { schema: { tags, summary: 'One unit', params: idParams, response: { 200: unitSchema } } }, (req) => getUnit(ctx, actorOf(req), req.params.id));
  r.patch('/units/:id', { schema: { tags, summary: 'Change a unit (optimistic concurrency: send version)', params: idParams, body: updateUnitInput, response: { 200: unitSchema } } }, (req) =>
    updateUnit(ctx, actorOf(req), req.params.id, req.body),
  );
}
