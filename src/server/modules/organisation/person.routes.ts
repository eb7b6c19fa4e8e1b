import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { createPersonInput, personListQuery, personPage, personSchema } from '../../../contracts/organisation.ts';
import { uuid } from '../../../contracts/common.ts';
import { actorOf } from '../../http/auth.ts';
import type { RouteDeps } from '../../http/routes.ts';
import { createPerson, getPerson, listPeople } from './person.service.ts';

export function personRoutes(api: FastifyInstance, { ctx }: RouteDeps): void {
  const r = api.withTypeProvider<ZodTypeProvider>();
  const tags = ['organisation'];
  r.get('/people', { schema: { tags, summary: 'People (cán bộ) within my scope', querystring: personListQuery, response: { 200: personPage } } }, (req) =>
    listPeople(ctx, actorOf(req), req.query),
  );
  r.post('/people', { schema: { tags, summary: 'Add a person with a position', body: createPersonInput, response: { 201: personSchema } } }, async (req, reply) =>
    reply.status(201).send(await createPerson(ctx, actorOf(req), req.body)),
  );
  r.get('/people/:id', { schema: { tags, summary: 'One person', params: z.object({ id: uuid }), response: { 200: personSchema } } }, (req) =>
    getPerson(ctx, actorOf(req), req.params.id),
  );
}
