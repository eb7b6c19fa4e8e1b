import type { FastifyInstance } from 'fastify';
import type { RouteDeps } from '../../http/routes.ts';

/**
 * DOCX downloads of a decision and its certificates. They need the official-document builder of
 * src/server/modules/reports (Nghị định 30/2020 format), which has not landed yet: no routes until
 * then, and decisions answer `docx: false`.
 */
export function awardDocxRoutes(_api: FastifyInstance, _deps: RouteDeps): void {}
