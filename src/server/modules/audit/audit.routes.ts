import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { auditListQuery, auditPage, auditVerifySchema } from '../../../contracts/audit.ts';
import { actorOf } from '../../http/auth.ts';
import type { RouteDeps } from '../../http/routes.ts';
import { listAuditEntries, verifyAuditChain } from './audit.service.ts';

export function auditRoutes(api: FastifyInstance, { ctx }: RouteDeps): void {
  const r = api.withTypeProvider<ZodTypeProvider>();
  const tags = ['audit'];
  r.get('/audit', { schema: { tags, summary: 'The audit trail, newest first, with filters', querystring: auditListQuery, response: { 200: auditPage } } }, (req) =>
    listAuditEntries(ctx, actorOf(req), req.query),
  );
  r.get('/audit/verify', { schema: { tags, summary: 'Verify the hash chain', response: { 200: auditVerifySchema } } }, (req) => verifyAuditChain(ctx, actorOf(req)));
}
