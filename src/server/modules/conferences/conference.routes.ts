import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import {
  conferenceDraftInput,
  conferenceDraftSchema,
  conferenceListQuery,
  conferencePage,
  conferenceSchema,
  confirmConferenceInput,
  confirmedConferenceSchema,
  createConferenceInput,
  setConferenceItemsInput,
  updateConferenceInput,
} from '../../../contracts/conferences.ts';
import { uuid } from '../../../contracts/common.ts';
import { actorOf } from '../../http/auth.ts';
import type { RouteDeps } from '../../http/routes.ts';
import { confirmConferenceImport, createConference, draftConferenceImport, getConference, listConferences, setConferenceItems, updateConference } from './conference.service.ts';

const idParams = z.object({ id: uuid });

export function conferenceRoutes(api: FastifyInstance, { ctx }: RouteDeps): void {
  const r = api.withTypeProvider<ZodTypeProvider>();
  const tags = ['conferences'];
  r.get('/conferences', { schema: { tags, summary: 'Conferences visible to the user (host or participating unit in scope)', querystring: conferenceListQuery, response: { 200: conferencePage } } }, (req) =>
    listConferences(ctx, actorOf(req), req.query),
  );
  r.post('/conferences', { schema: { tags, summary: 'Record a conference', body: createConferenceInput, response: { 201: conferenceSchema } } }, async (req, reply) =>
    reply.status(201).send(await createConference(ctx, actorOf(req), req.body)),
  );
  r.post('/conferences/import/draft', { schema: { tags, summary: 'Draft a conference from a pasted report or minutes (nothing stored)', body: conferenceDraftInput, response: { 200: conferenceDraftSchema } } }, (req) =>
    draftConferenceImport(ctx, actorOf(req), req.body.text),
  );
  r.post('/conferences/import/confirm', { schema: { tags, summary: 'Create the reviewed draft in one transaction (conference, new documents, links, items)', body: confirmConferenceInput, response: { 201: confirmedConferenceSchema } } }, async (req, reply) =>
    reply.status(201).send(await confirmConferenceImport(ctx, actorOf(req), req.body)),
  );
  r.get('/conferences/:id', { schema: { tags, summary: 'One conference with co-chairs, units, documents and conclusion items', params: idParams, response: { 200: conferenceSchema } } }, (req) =>
    getConference(ctx, actorOf(req), req.params.id),
  );
  r.patch('/conferences/:id', { schema: { tags, summary: 'Change a conference (optimistic concurrency: send version)', params: idParams, body: updateConferenceInput, response: { 200: conferenceSchema } } }, (req) =>
    updateConference(ctx, actorOf(req), req.params.id, req.body),
  );
  r.put('/conferences/:id/items', { schema: { tags, summary: 'Replace the numbered conclusion items (ids kept)', params: idParams, body: setConferenceItemsInput, response: { 200: conferenceSchema } } }, (req) =>
    setConferenceItems(ctx, actorOf(req), req.params.id, req.body),
  );
}
