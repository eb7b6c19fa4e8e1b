import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { uuid } from '../../../contracts/common.ts';
import { actorOf } from '../../http/auth.ts';
import type { RouteDeps } from '../../http/routes.ts';
import { renderDocx } from '../reports/docx-render.ts';
import { DOCX_MIME } from '../reports/official-document.ts';
import { contentDisposition } from '../reports/report.routes.ts';
import { awardCertificateDocument, awardDecisionDocument, certificateFilename, decisionFilename } from './award.docx.ts';
import { decisionForDocx, docxSupport, grantForDocx } from './award.service.ts';

/**
 * DOCX downloads of a decision (with its list of awardees as an appendix) and of one awardee's
 * certificate, in the official format (reports module builder, Nghị định 30/2020/NĐ-CP).
 * Visible to whoever may see the decision / the awardee (404 otherwise).
 */
export function awardDocxRoutes(api: FastifyInstance, { ctx }: RouteDeps): void {
  docxSupport.available = true;
  const r = api.withTypeProvider<ZodTypeProvider>();
  const tags = ['awards'];
  r.get('/awards/decisions/:id/decision.docx', { schema: { tags, summary: 'The award decision as DOCX (NĐ 30/2020 format; awardees in the appendix)', params: z.object({ id: uuid }) } }, async (req, reply) => {
    const d = await decisionForDocx(ctx, actorOf(req), req.params.id);
    const bytes = await renderDocx(awardDecisionDocument(d));
    return reply.type(DOCX_MIME).header('content-disposition', contentDisposition(decisionFilename(d))).header('cache-control', 'private, no-store').send(bytes);
  });
  r.get('/awards/grants/:id/certificate.docx', { schema: { tags, summary: 'The certificate of one awardee as DOCX', params: z.object({ id: uuid }) } }, async (req, reply) => {
    const { grant, decision } = await grantForDocx(ctx, actorOf(req), req.params.id);
    const bytes = await renderDocx(awardCertificateDocument(grant, decision));
    return reply.type(DOCX_MIME).header('content-disposition', contentDisposition(certificateFilename(grant, decision))).header('cache-control', 'private, no-store').send(bytes);
  });
}
