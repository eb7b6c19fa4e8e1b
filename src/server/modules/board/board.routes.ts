import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { boardSchema } from '../../../contracts/board.ts';
import { actorOf } from '../../http/auth.ts';
import type { RouteDeps } from '../../http/routes.ts';
import { getBoard } from './board.service.ts';

export function boardRoutes(api: FastifyInstance, { ctx }: RouteDeps): void {
  const r = api.withTypeProvider<ZodTypeProvider>();
  r.get('/board', { schema: { tags: ['board'], summary: 'The live board: what waits for the viewer’s action, counts, latest situations and tips in scope', response: { 200: boardSchema } } }, (req) =>
    getBoard(ctx, actorOf(req)),
  );
}
