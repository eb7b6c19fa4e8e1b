import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { uuid } from '../../../contracts/common.ts';
import {
  campaignPage,
  campaignListQuery,
  campaignPrefillSchema,
  campaignResultListQuery,
  campaignResultPage,
  campaignResultSchema,
  campaignRollupQuery,
  campaignRollupSchema,
  campaignSchema,
  campaignTemplateList,
  campaignTransitionInput,
  closeCampaignInput,
  createCampaignInput,
  movementLists,
  movementModelInput,
  movementQuery,
  movementSessionInput,
  movementSummarySchema,
  movementTeamInput,
  movementTeamUpdateInput,
  reportResultInput,
} from '../../../contracts/campaigns.ts';
import { actorOf } from '../../http/auth.ts';
import type { RouteDeps } from '../../http/routes.ts';
import {
  campaignRollup,
  closeCampaign,
  createCampaign,
  getCampaign,
  listCampaignResults,
  listCampaigns,
  listCampaignTemplates,
  prefillFromTemplate,
  reportResult,
  startCampaign,
} from './campaign.service.ts';
import { campaignReportRoutes } from './campaign-report.routes.ts';
import { movementLists as listMovement, movementSummary, recordModel, recordSession, recordTeam, updateTeam } from './movement.service.ts';

const idParams = z.object({ id: uuid });
const created = z.object({ id: z.string() });

export function campaignRoutes(api: FastifyInstance, deps: RouteDeps): void {
  const { ctx } = deps;
  const r = api.withTypeProvider<ZodTypeProvider>();
  const tags = ['campaigns'];
  r.get('/campaigns', { schema: { tags, summary: 'Visible campaigns (đợt cao điểm), latest first', querystring: campaignListQuery, response: { 200: campaignPage } } }, (req) =>
    listCampaigns(ctx, actorOf(req), req.query),
  );
  r.post('/campaigns', { schema: { tags, summary: 'Create a campaign (draft)', body: createCampaignInput, response: { 201: campaignSchema } } }, async (req, reply) =>
    reply.status(201).send(await createCampaign(ctx, actorOf(req), req.body)),
  );
  r.get('/campaign-templates', { schema: { tags, summary: 'Templates of recurring campaigns with their last instance', response: { 200: campaignTemplateList } } }, (req) =>
    listCampaignTemplates(ctx, actorOf(req)),
  );
  r.get(
    '/campaign-templates/:id/prefill',
    { schema: { tags, summary: 'The next campaign of a template, pre-filled (nothing is written)', params: idParams, response: { 200: campaignPrefillSchema } } },
    (req) => prefillFromTemplate(ctx, actorOf(req), req.params.id),
  );
  r.get('/campaigns/:id', { schema: { tags, summary: 'One campaign', params: idParams, response: { 200: campaignSchema } } }, (req) => getCampaign(ctx, actorOf(req), req.params.id));
  r.post('/campaigns/:id/start', { schema: { tags, summary: 'Start a draft campaign (organiser)', params: idParams, body: campaignTransitionInput, response: { 200: campaignSchema } } }, (req) =>
    startCampaign(ctx, actorOf(req), req.params.id, req.body),
  );
  r.post('/campaigns/:id/close', { schema: { tags, summary: 'Close a running campaign with a summary (organiser)', params: idParams, body: closeCampaignInput, response: { 200: campaignSchema } } }, (req) =>
    closeCampaign(ctx, actorOf(req), req.params.id, req.body),
  );
  r.get(
    '/campaigns/:id/results',
    { schema: { tags, summary: 'Reported results (units in the viewer’s scope)', params: idParams, querystring: campaignResultListQuery, response: { 200: campaignResultPage } } },
    (req) => listCampaignResults(ctx, actorOf(req), req.params.id, req.query),
  );
  r.post(
    '/campaigns/:id/results',
    { schema: { tags, summary: 'Report a participating unit’s results for a day or a week, with evidence', params: idParams, body: reportResultInput, response: { 201: campaignResultSchema } } },
    async (req, reply) => reply.status(201).send(await reportResult(ctx, actorOf(req), req.params.id, req.body)),
  );
  r.get(
    '/campaigns/:id/rollup',
    { schema: { tags, summary: 'Totals, progress against targets, same period last year, ranking per case load', params: idParams, querystring: campaignRollupQuery, response: { 200: campaignRollupSchema } } },
    (req) => campaignRollup(ctx, actorOf(req), req.params.id, req.query),
  );
  campaignReportRoutes(api, deps);

  const mtags = ['movement'];
  r.get('/movement/summary', { schema: { tags: mtags, summary: 'Mass movement per commune and period, results beside counts', querystring: movementQuery, response: { 200: movementSummarySchema } } }, (req) =>
    movementSummary(ctx, actorOf(req), req.query),
  );
  r.get('/movement/records', { schema: { tags: mtags, summary: 'Sessions, teams and model examples in the period', querystring: movementQuery, response: { 200: movementLists } } }, (req) =>
    listMovement(ctx, actorOf(req), req.query),
  );
  r.post('/movement/sessions', { schema: { tags: mtags, summary: 'Record a propaganda session', body: movementSessionInput, response: { 201: created } } }, async (req, reply) =>
    reply.status(201).send(await recordSession(ctx, actorOf(req), req.body)),
  );
  r.post('/movement/teams', { schema: { tags: mtags, summary: 'Record a grassroots security and order team', body: movementTeamInput, response: { 201: created } } }, async (req, reply) =>
    reply.status(201).send(await recordTeam(ctx, actorOf(req), req.body)),
  );
  r.patch('/movement/teams/:id', { schema: { tags: mtags, summary: 'Change a team’s members or record its dissolution', params: idParams, body: movementTeamUpdateInput, response: { 200: created } } }, (req) =>
    updateTeam(ctx, actorOf(req), req.params.id, req.body),
  );
  r.post('/movement/models', { schema: { tags: mtags, summary: 'Record a model example (mô hình điển hình)', body: movementModelInput, response: { 201: created } } }, async (req, reply) =>
    reply.status(201).send(await recordModel(ctx, actorOf(req), req.body)),
  );
}
