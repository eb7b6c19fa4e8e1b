import { z } from 'zod';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { uuid } from '../../../contracts/common.ts';
import { assignmentListQuery, issueReportInput, reportOptions, reportRunSchema, startReportRunInput } from '../../../contracts/reports.ts';
import { actorOf } from '../../http/auth.ts';
import type { RouteDeps } from '../../http/routes.ts';
import { DOCX_MIME } from './official-document.ts';
import { assignmentListDocx, conclusionNoticeDocx, type GeneratedReport } from './report.service.ts';
import { reviewReportDocx } from './review-report.service.ts';
import { getReportRun, listReviewReportRuns, reportRunFile, requestReviewReport } from './report-run.service.ts';

const idParams = z.object({ id: uuid });

/** RFC 6266: an ASCII fallback and the UTF-8 name. */
export function contentDisposition(filename: string): string {
  const ascii = filename.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

export function sendDocx(reply: FastifyReply, r: GeneratedReport, status = 200): FastifyReply {
  reply.status(status).type(DOCX_MIME).header('content-disposition', contentDisposition(r.filename));
  if (r.numberSymbol) reply.header('x-document-number', encodeURIComponent(r.numberSymbol));
  if (r.documentId) reply.header('x-document-id', r.documentId);
  return reply.send(r.bytes);
}

/** Official documents as DOCX: GET = draft (no number), POST = issue (number in the register, stored, audited). */
export function reportRoutes(api: FastifyInstance, { ctx }: RouteDeps): void {
  const r = api.withTypeProvider<ZodTypeProvider>();
  const tags = ['reports'];
  r.get('/conferences/:id/conclusion-notice.docx', { schema: { tags, summary: 'Thông báo kết luận of a conference as a DOCX draft (NĐ 30/2020 or HD 36-HD/VPTW format)', params: idParams, querystring: reportOptions } }, async (req, reply) =>
    sendDocx(reply, await conclusionNoticeDocx(ctx, actorOf(req), req.params.id, req.query)),
  );
  r.post('/conferences/:id/conclusion-notice.docx', { schema: { tags, summary: 'Issue the thông báo kết luận: number in the register, registry entry with the file, DOCX', params: idParams, body: issueReportInput } }, async (req, reply) =>
    sendDocx(reply, await conclusionNoticeDocx(ctx, actorOf(req), req.params.id, req.body, req.body), 201),
  );
  r.get('/tasks/assignment-list.docx', { schema: { tags, summary: 'Danh sách nhiệm vụ phân công (same filters as the task list) as a DOCX draft', querystring: assignmentListQuery } }, async (req, reply) =>
    sendDocx(reply, await assignmentListDocx(ctx, actorOf(req), req.query)),
  );
  r.get('/reviews/:id/report.docx', { schema: { tags, summary: 'Báo cáo sơ kết/tổng kết of a review cycle as a DOCX draft (compiled from the records)', params: idParams, querystring: reportOptions } }, async (req, reply) =>
    sendDocx(reply, await reviewReportDocx(ctx, actorOf(req), req.params.id, req.query)),
  );
  r.post('/reviews/:id/report.docx', { schema: { tags, summary: 'Issue the review report: number in the register, registry entry with the file, DOCX', params: idParams, body: issueReportInput } }, async (req, reply) =>
    sendDocx(reply, await reviewReportDocx(ctx, actorOf(req), req.params.id, req.body, req.body), 201),
  );
  // The same report generated in the background, with progress (what the review page uses).
  r.post(
    '/reviews/:id/report-runs',
    { schema: { tags, summary: 'Start generating the review report in the background (draft, or issued with issue: true); follow it at /report-runs/:id', params: idParams, body: startReportRunInput, response: { 202: reportRunSchema } } },
    async (req, reply) => reply.status(202).send(await requestReviewReport(ctx, actorOf(req), req.params.id, req.body)),
  );
  r.get('/reviews/:id/report-runs', { schema: { tags, summary: "The viewer's own latest report runs for this review (newest first, at most 5)", params: idParams, response: { 200: z.object({ items: z.array(reportRunSchema) }) } } }, async (req) =>
    listReviewReportRuns(ctx, actorOf(req), req.params.id),
  );
  r.get('/report-runs/:id', { schema: { tags, summary: 'A report run: state, step reached, error, and where to download the file (only the requester)', params: idParams, response: { 200: reportRunSchema } } }, async (req) =>
    getReportRun(ctx, actorOf(req), req.params.id),
  );
  r.get('/report-runs/:id/file', { schema: { tags, summary: 'The DOCX of a finished report run', params: idParams } }, async (req, reply) => sendDocx(reply, await reportRunFile(ctx, actorOf(req), req.params.id)));
}
