import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { uuid } from '../../../contracts/common.ts';
import {
  awardRulesSchema,
  createNominationInput,
  decisionSchema,
  historyQuery,
  historySchema,
  issueDecisionInput,
  nominationListQuery,
  nominationPage,
  nominationSchema,
  prefillInput,
  prefillSchema,
  recordDecisionInput,
  recordReviewInput,
} from '../../../contracts/awards.ts';
import { actorOf } from '../../http/auth.ts';
import type { RouteDeps } from '../../http/routes.ts';
import {
  awardHistory,
  awardKinds,
  createNomination,
  getDecision,
  getNomination,
  issueDecision,
  listNominations,
  prefillNomination,
  recordExternalDecision,
  recordReview,
} from './award.service.ts';
import { awardDocxRoutes } from './award.docx.routes.ts';

const idParams = z.object({ id: uuid });

export function awardRoutes(api: FastifyInstance, deps: RouteDeps): void {
  const { ctx } = deps;
  const r = api.withTypeProvider<ZodTypeProvider>();
  const tags = ['awards'];
  r.get('/awards/kinds', { schema: { tags, summary: 'Award kinds with their rules, legal basis and council thresholds', response: { 200: awardRulesSchema } } }, () => awardKinds());
  r.post('/awards/prefill', { schema: { tags, summary: 'Measured achievements (with evidence) and the eligibility verdict for a nominee; stores nothing', body: prefillInput, response: { 200: prefillSchema } } }, (req) =>
    prefillNomination(ctx, actorOf(req), req.body),
  );
  r.get('/awards/nominations', { schema: { tags, summary: 'Nominations within scope, newest first', querystring: nominationListQuery, response: { 200: nominationPage } } }, (req) =>
    listNominations(ctx, actorOf(req), req.query),
  );
  r.post('/awards/nominations', { schema: { tags, summary: 'Nominate (pre-filled from the records); ineligible nominees refused with the rule', body: createNominationInput, response: { 201: nominationSchema } } }, async (req, reply) =>
    reply.status(201).send(await createNomination(ctx, actorOf(req), req.body)),
  );
  r.get('/awards/nominations/:id', { schema: { tags, summary: 'One nomination: achievements, eligibility, council review, decision', params: idParams, response: { 200: nominationSchema } } }, (req) =>
    getNomination(ctx, actorOf(req), req.params.id),
  );
  r.post('/awards/nominations/:id/review', { schema: { tags, summary: 'Record the emulation council’s review (opinions and votes; quorum and majority)', params: idParams, body: recordReviewInput, response: { 200: nominationSchema } } }, (req) =>
    recordReview(ctx, actorOf(req), req.params.id, req.body),
  );
  r.post('/awards/decisions', { schema: { tags, summary: 'Issue a decision for approved nominations (number checked and registered)', body: issueDecisionInput, response: { 201: decisionSchema } } }, async (req, reply) =>
    reply.status(201).send(await issueDecision(ctx, actorOf(req), req.body)),
  );
  r.post('/awards/decisions/recorded', { schema: { tags, summary: 'Record a decision issued outside the platform, with its awardees', body: recordDecisionInput, response: { 201: decisionSchema } } }, async (req, reply) =>
    reply.status(201).send(await recordExternalDecision(ctx, actorOf(req), req.body)),
  );
  r.get('/awards/decisions/:id', { schema: { tags, summary: 'One decision with its awardees', params: idParams, response: { 200: decisionSchema } } }, (req) => getDecision(ctx, actorOf(req), req.params.id));
  r.get('/awards/history', { schema: { tags, summary: 'Awards and nominations of a person (personId) or a unit (unitId)', querystring: historyQuery, response: { 200: historySchema } } }, (req) =>
    awardHistory(ctx, actorOf(req), req.query),
  );
  awardDocxRoutes(api, deps);
}
