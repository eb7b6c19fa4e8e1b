import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { uuid } from '../../../contracts/common.ts';
import {
  addSupportingInput,
  categoryChangeInput,
  closingReportInput,
  closureDecisionInput,
  createIncidentInput,
  deescalateInput,
  escalateInput,
  incidentDetailSchema,
  incidentDuplicatesSchema,
  incidentListQuery,
  incidentPage,
  incidentSchema,
  logEntryInput,
  mergeIncidentInput,
  reopenInput,
  significanceInput,
} from '../../../contracts/incidents.ts';
import { actorOf } from '../../http/auth.ts';
import type { RouteDeps } from '../../http/routes.ts';
import {
  addLogEntry,
  addSupportingUnit,
  changeIncidentCategory,
  createIncident,
  decideClosure,
  decideSignificance,
  deescalateIncident,
  escalateIncident,
  mergeIncident,
  reopenIncident,
  reportClosing,
} from './incident.service.ts';
import { findDuplicateIncidents, getIncident, listIncidents } from './incident-queries.service.ts';

const idParams = z.object({ id: uuid });

export function incidentRoutes(api: FastifyInstance, { ctx }: RouteDeps): void {
  const r = api.withTypeProvider<ZodTypeProvider>();
  const tags = ['incidents'];
  const res = { 200: incidentSchema };
  r.get('/incidents', { schema: { tags, summary: 'Visible security and order situations, newest first', querystring: incidentListQuery, response: { 200: incidentPage } } }, (req) =>
    listIncidents(ctx, actorOf(req), req.query),
  );
  r.get('/incidents/:id', { schema: { tags, summary: 'One situation with its joint log and level history', params: idParams, response: { 200: incidentDetailSchema } } }, (req) =>
    getIncident(ctx, actorOf(req), req.params.id),
  );
  r.post('/incidents', { schema: { tags, summary: 'Open a situation (lead unit, supporting units)', body: createIncidentInput, response: { 201: incidentSchema } } }, async (req, reply) =>
    reply.status(201).send(await createIncident(ctx, actorOf(req), req.body)),
  );
  r.post('/incidents/:id/supporting', { schema: { tags, summary: 'Add a supporting unit with its assignment', params: idParams, body: addSupportingInput, response: res } }, (req) =>
    addSupportingUnit(ctx, actorOf(req), req.params.id, req.body),
  );
  r.post('/incidents/:id/log', { schema: { tags, summary: 'Add an entry to the joint activity log for a participating unit', params: idParams, body: logEntryInput, response: res } }, (req) =>
    addLogEntry(ctx, actorOf(req), req.params.id, req.body),
  );
  r.post('/incidents/:id/escalate', { schema: { tags, summary: 'Escalate to a city department or the leadership, with a reason', params: idParams, body: escalateInput, response: res } }, (req) =>
    escalateIncident(ctx, actorOf(req), req.params.id, req.body),
  );
  r.post('/incidents/:id/deescalate', { schema: { tags, summary: 'Return to the previous level, with a reason', params: idParams, body: deescalateInput, response: res } }, (req) =>
    deescalateIncident(ctx, actorOf(req), req.params.id, req.body),
  );
  r.post('/incidents/:id/category', { schema: { tags, summary: 'Change the category, with a reason (counted per unit)', params: idParams, body: categoryChangeInput, response: res } }, (req) =>
    changeIncidentCategory(ctx, actorOf(req), req.params.id, req.body),
  );
  r.post('/incidents/:id/significance', { schema: { tags, summary: 'Propose, verify or reject as a significant situation', params: idParams, body: significanceInput, response: res } }, (req) =>
    decideSignificance(ctx, actorOf(req), req.params.id, req.body),
  );
  r.post('/incidents/:id/closing-report', { schema: { tags, summary: 'The lead unit’s closing report (first key)', params: idParams, body: closingReportInput, response: res } }, (req) =>
    reportClosing(ctx, actorOf(req), req.params.id, req.body),
  );
  r.post('/incidents/:id/closure', { schema: { tags, summary: 'Confirm or return the closure (second key: the assigning or escalated level)', params: idParams, body: closureDecisionInput, response: res } }, (req) =>
    decideClosure(ctx, actorOf(req), req.params.id, req.body),
  );
  r.post('/incidents/:id/reopen', { schema: { tags, summary: 'Reopen a closed situation, with a reason (counted)', params: idParams, body: reopenInput, response: res } }, (req) =>
    reopenIncident(ctx, actorOf(req), req.params.id, req.body),
  );
  r.get('/incidents/:id/duplicates', { schema: { tags, summary: 'Likely duplicates: same commune and category within 48 hours (suggestions for merging)', params: idParams, response: { 200: incidentDuplicatesSchema } } }, (req) =>
    findDuplicateIncidents(ctx, actorOf(req), req.params.id),
  );
  r.post('/incidents/:id/merge', { schema: { tags, summary: 'Merge this duplicate into another situation (closed, not counted; tips move over)', params: idParams, body: mergeIncidentInput, response: res } }, (req) =>
    mergeIncident(ctx, actorOf(req), req.params.id, req.body),
  );
}
