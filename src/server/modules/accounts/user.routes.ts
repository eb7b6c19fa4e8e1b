import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { createUserInput, resetPasswordInput, updateUserInput, userListQuery, userPage, userSchema } from '../../../contracts/accounts.ts';
import { okResponse, uuid } from '../../../contracts/common.ts';
import { actorOf } from '../../http/auth.ts';
import type { RouteDeps } from '../../http/routes.ts';
import { createUser, getUser, listUsers, resetPassword, updateUser } from './user.service.ts';

const idParams = z.object({ id: uuid });

export function userRoutes(api: FastifyInstance, { ctx }: RouteDeps): void {
  const r = api.withTypeProvider<ZodTypeProvider>();
  const tags = ['users'];
  r.get('/users', { schema: { tags, summary: 'List accounts', querystring: userListQuery, response: { 200: userPage } } }, (req) => listUsers(ctx, actorOf(req), req.query));
  r.post('/users', { schema: { tags, summary: 'Create an account', body: createUserInput, response: { 201: userSchema } } }, async (req, reply) =>
    reply.status(201).send(await createUser(ctx, actorOf(req), req.body)),
  );
  r.get('/users/:id', { schema: { tags, summary: 'One account', params: idParams, response: { 200: userSchema } } }, (req) => getUser(ctx, actorOf(req), req.params.id));
  r.patch('/users/:id', { schema: { tags, summary: 'Change an account', params: idParams, body: updateUserInput, response: { 200: userSchema } } }, (req) =>
    updateUser(ctx, actorOf(req), req.params.id, req.body),
  );
  r.post('/users/:id/password', { schema: { tags, summary: 'Set a new password (administrator)', params: idParams, body: resetPasswordInput, response: { 200: okResponse } } }, async (req) => {
    await resetPassword(ctx, actorOf(req), req.params.id, req.body.newPassword);
    return { ok: true as const };
  });
}
