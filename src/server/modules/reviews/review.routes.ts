import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { uuid } from '../../../contracts/common.ts';
import {
  actionStatusInput,
  agendaInput,
  compilationQuery,
  correctiveActionSchema,
  createActionInput,
  createReviewInput,
  recordsQuery,
  reviewCompilationSchema,
  reviewCycleList,
  reviewCycleSchema,
  reviewListQuery,
  reviewRecordList,
  updateActionInput,
} from '../../../contracts/reviews.ts';
import { actorOf } from '../../http/auth.ts';
import type { RouteDeps } from '../../http/routes.ts';
import { compileReview, reviewFigureRecords } from './review-compilation.service.ts';
import {
  changeCorrectiveActionStatus,
  closeReviewCycle,
  createReviewCycle,
  getReviewCycle,
  listCycleActions,
  listReviewCycles,
  recordCorrectiveAction,
  setReviewAgenda,
  updateCorrectiveAction,
} from './review.service.ts';

const idParams = z.object({ id: uuid });
const actionParams = z.object({ id: uuid, actionId: uuid });
const actionsSchema = z.object({ recorded: z.array(correctiveActionSchema), carriedForward: z.array(correctiveActionSchema) });

/** HTTP adapter of review cycles (sơ kết / tổng kết). */
export function reviewRoutes(api: FastifyInstance, { ctx }: RouteDeps): void {
  const r = api.withTypeProvider<ZodTypeProvider>();
  const tags = ['reviews'];
  r.get('/reviews', { schema: { tags, summary: 'Review cycles visible to the viewer, latest period first', querystring: reviewListQuery, response: { 200: reviewCycleList } } }, (req) =>
    listReviewCycles(ctx, actorOf(req), req.query),
  );
  r.post('/reviews', { schema: { tags, summary: 'Open a review cycle (programme, period, scope unit)', body: createReviewInput, response: { 201: reviewCycleSchema } } }, async (req, reply) =>
    reply.status(201).send(await createReviewCycle(ctx, actorOf(req), req.body)),
  );
  r.get('/reviews/:id', { schema: { tags, summary: 'One review cycle with its programme and agenda', params: idParams, response: { 200: reviewCycleSchema } } }, (req) =>
    getReviewCycle(ctx, actorOf(req), req.params.id),
  );
  r.get(
    '/reviews/:id/compilation',
    {
      schema: {
        tags,
        summary: 'Compile the review from the records: unit scorecards with drill-down, comparisons with the same period last year, corrective actions, agenda',
        params: idParams,
        querystring: compilationQuery,
        response: { 200: reviewCompilationSchema },
      },
    },
    (req) => compileReview(ctx, actorOf(req), req.params.id, req.query),
  );
  r.get('/reviews/:id/records', { schema: { tags, summary: 'The records behind one figure of a scorecard', params: idParams, querystring: recordsQuery, response: { 200: reviewRecordList } } }, (req) =>
    reviewFigureRecords(ctx, actorOf(req), req.params.id, req.query),
  );
  r.put('/reviews/:id/agenda', { schema: { tags, summary: 'Set the order in which units report', params: idParams, body: agendaInput, response: { 200: reviewCycleSchema } } }, (req) =>
    setReviewAgenda(ctx, actorOf(req), req.params.id, req.body),
  );
  r.post('/reviews/:id/close', { schema: { tags, summary: 'Close the review cycle', params: idParams, response: { 200: reviewCycleSchema } } }, (req) => closeReviewCycle(ctx, actorOf(req), req.params.id));
  r.get('/reviews/:id/actions', { schema: { tags, summary: 'Corrective actions recorded at the review and carried forward to it', params: idParams, response: { 200: actionsSchema } } }, (req) =>
    listCycleActions(ctx, actorOf(req), req.params.id),
  );
  r.post('/reviews/:id/actions', { schema: { tags, summary: 'Record a corrective action (limitation or obstacle → measure)', params: idParams, body: createActionInput, response: { 201: correctiveActionSchema } } }, async (req, reply) =>
    reply.status(201).send(await recordCorrectiveAction(ctx, actorOf(req), req.params.id, req.body)),
  );
  r.patch('/reviews/:id/actions/:actionId', { schema: { tags, summary: 'Edit a corrective action (send version)', params: actionParams, body: updateActionInput, response: { 200: correctiveActionSchema } } }, (req) =>
    updateCorrectiveAction(ctx, actorOf(req), req.params.id, req.params.actionId, req.body),
  );
  r.post(
    '/reviews/:id/actions/:actionId/status',
    { schema: { tags, summary: 'Change the status of a corrective action (closing needs a note and records this review)', params: actionParams, body: actionStatusInput, response: { 200: correctiveActionSchema } } },
    (req) => changeCorrectiveActionStatus(ctx, actorOf(req), req.params.id, req.params.actionId, req.body),
  );
}
