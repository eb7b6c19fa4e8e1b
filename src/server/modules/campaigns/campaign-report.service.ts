import type { CampaignRollupQuery } from '../../../contracts/campaigns.ts';
import type { IssueReportInput, ReportOptions } from '../../../contracts/reports.ts';
import type { Actor } from '../../kernel/actor.ts';
import type { Ctx } from '../../kernel/context.ts';
import { describeDocuments } from '../documents/document.service.ts';
import { emitReport, issuerOf, type GeneratedReport } from '../reports/report.service.ts';
import { campaignReport } from './campaign-report.ts';
import { campaignRollup, getCampaign } from './campaign.service.ts';

export type CampaignReportOptions = ReportOptions & Partial<Pick<CampaignRollupQuery, 'base' | 'rankBy'>>;

/**
 * Báo cáo kết quả đợt cao điểm: the campaign and its roll-up through the campaigns use cases (404
 * outside the viewer's scope; the per-unit rows the viewer may see), issued by the organising
 * unit unless another is given; a draft (GET) or issued with a number (POST), audited by the
 * reports module (emitReport).
 */
export async function campaignReportDocx(ctx: Ctx, actor: Actor, campaignId: string, o: CampaignReportOptions, issue: IssueReportInput | null = null): Promise<GeneratedReport> {
  const campaign = await getCampaign(ctx, actor, campaignId);
  const rollup = await campaignRollup(ctx, actor, campaignId, { base: o.base ?? 'aligned', rankBy: o.rankBy ?? 'cases_dismantled' });
  const [document] = campaign.document ? await describeDocuments(ctx.db, actor, [campaign.document.id]) : [];
  const { base: _b, rankBy: _r, ...options } = o;
  const issuer = await issuerOf(ctx.db, actor, campaign.ownerUnit.id, issue ?? options, null);
  return emitReport(
    ctx,
    actor,
    issuer,
    { kind: 'campaign-report', entityType: 'campaign', entityId: campaignId, documentKind: 'bao_cao', typeAbbr: 'BC', filename: 'bao-cao-ket-qua-dot-cao-diem', build: (i) => campaignReport({ campaign, rollup, document: document ?? null, issue: i }) },
    issue,
  );
}
