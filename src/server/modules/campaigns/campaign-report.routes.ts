import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { INDICATOR_KEYS, ROLLUP_BASES } from '../../../contracts/campaigns.ts';
import { uuid } from '../../../contracts/common.ts';
import { issueReportInput, reportOptions } from '../../../contracts/reports.ts';
import { actorOf } from '../../http/auth.ts';
import type { RouteDeps } from '../../http/routes.ts';
import { sendDocx } from '../reports/report.routes.ts';
import { campaignReportDocx } from './campaign-report.service.ts';

const idParams = z.object({ id: uuid });
/** The roll-up's comparison basis and ranking indicator (defaults: aligned, cases_dismantled — as on the page). */
const rollupChoice = { base: z.enum(ROLLUP_BASES).optional(), rankBy: z.enum(INDICATOR_KEYS).optional() };

/**
 * Báo cáo kết quả đợt cao điểm as DOCX (reports module builder, NĐ 30/2020): GET = draft (no
 * number), POST = issue (number in the organising unit's register, registry entry with the file).
 * 404 when the campaign is outside the viewer's scope.
 */
export function campaignReportRoutes(api: FastifyInstance, { ctx }: RouteDeps): void {
  const r = api.withTypeProvider<ZodTypeProvider>();
  const tags = ['campaigns', 'reports'];
  r.get('/campaigns/:id/report.docx', { schema: { tags, summary: 'Báo cáo kết quả đợt cao điểm as a DOCX draft (from the roll-up)', params: idParams, querystring: reportOptions.extend(rollupChoice) } }, async (req, reply) =>
    sendDocx(reply, await campaignReportDocx(ctx, actorOf(req), req.params.id, req.query)),
  );
  r.post('/campaigns/:id/report.docx', { schema: { tags, summary: 'Issue the campaign report: number in the register, registry entry with the file, DOCX', params: idParams, body: issueReportInput.extend(rollupChoice) } }, async (req, reply) => {
    const { base, rankBy, ...issue } = req.body;
    return sendDocx(reply, await campaignReportDocx(ctx, actorOf(req), req.params.id, { ...issue, ...(base ? { base } : {}), ...(rankBy ? { rankBy } : {}) }, issue), 201);
  });
}
