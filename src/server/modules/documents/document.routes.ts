import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import {
  attachFileInput,
  createDocumentInput,
  DOCUMENT_RELATIONS,
  documentDetail,
  documentListQuery,
  documentPage,
  findReferencesInput,
  parseClausesInput,
  parsedClausesSchema,
  referencesResponse,
  relationInput,
  setClausesInput,
  updateDocumentInput,
} from '../../../contracts/documents.ts';
import { uuid } from '../../../contracts/common.ts';
import { actorOf } from '../../http/auth.ts';
import type { RouteDeps } from '../../http/routes.ts';
import {
  addRelation,
  attachFile,
  createDocument,
  detachFile,
  findReferences,
  getDocument,
  listDocuments,
  previewClauses,
  removeRelation,
  setClauses,
  updateDocument,
} from './document.service.ts';

const idParams = z.object({ id: uuid });

export function documentRoutes(api: FastifyInstance, { ctx }: RouteDeps): void {
  const r = api.withTypeProvider<ZodTypeProvider>();
  const tags = ['documents'];
  r.get('/documents', { schema: { tags, summary: 'Registry of documents (filters: kind, issuer, year, accent-insensitive q)', querystring: documentListQuery, response: { 200: documentPage } } }, (req) =>
    listDocuments(ctx, actorOf(req), req.query),
  );
  r.post('/documents', { schema: { tags, summary: 'Register a document (number and symbol parsed and canonicalised)', body: createDocumentInput, response: { 201: documentDetail } } }, async (req, reply) =>
    reply.status(201).send(await createDocument(ctx, actorOf(req), req.body)),
  );
  r.post('/documents/references', { schema: { tags, summary: 'Find references to documents in a text; link them to the registry or propose entries', body: findReferencesInput, response: { 200: referencesResponse } } }, (req) =>
    findReferences(ctx, actorOf(req), req.body.text),
  );
  r.post('/documents/parse-clauses', { schema: { tags, summary: 'Recognise numbered clauses (I., 1., a), Điều 3., Khoản 2) in a text; nothing stored', body: parseClausesInput, response: { 200: parsedClausesSchema } } }, async (req) =>
    previewClauses(req.body.text),
  );
  r.get('/documents/:id', { schema: { tags, summary: 'One document with clauses, relations both ways and attachments', params: idParams, response: { 200: documentDetail } } }, (req) =>
    getDocument(ctx, actorOf(req), req.params.id),
  );
  r.patch('/documents/:id', { schema: { tags, summary: 'Change a document (optimistic concurrency: send version)', params: idParams, body: updateDocumentInput, response: { 200: documentDetail } } }, (req) =>
    updateDocument(ctx, actorOf(req), req.params.id, req.body),
  );
  r.put('/documents/:id/clauses', { schema: { tags, summary: 'Replace the numbered clauses (ids kept by ref)', params: idParams, body: setClausesInput, response: { 200: documentDetail } } }, (req) =>
    setClauses(ctx, actorOf(req), req.params.id, req.body),
  );
  r.post('/documents/:id/relations', { schema: { tags, summary: 'Relate this document to another (implements, reviews, amends, replaces)', params: idParams, body: relationInput, response: { 200: documentDetail } } }, (req) =>
    addRelation(ctx, actorOf(req), req.params.id, req.body),
  );
  r.delete(
    '/documents/:id/relations/:relation/:toDocumentId',
    { schema: { tags, summary: 'Remove a relation', params: z.object({ id: uuid, relation: z.enum(DOCUMENT_RELATIONS), toDocumentId: uuid }), response: { 200: documentDetail } } },
    (req) => removeRelation(ctx, actorOf(req), req.params.id, { relation: req.params.relation, toDocumentId: req.params.toDocumentId }),
  );
  r.post('/documents/:id/files', { schema: { tags, summary: 'Attach an uploaded file', params: idParams, body: attachFileInput, response: { 200: documentDetail } } }, (req) =>
    attachFile(ctx, actorOf(req), req.params.id, req.body.fileId),
  );
  r.delete('/documents/:id/files/:fileId', { schema: { tags, summary: 'Detach a file', params: z.object({ id: uuid, fileId: uuid }), response: { 200: documentDetail } } }, (req) =>
    detachFile(ctx, actorOf(req), req.params.id, req.params.fileId),
  );
}
