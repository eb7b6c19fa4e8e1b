import type { IssueReportInput, ReportOptions, ReportRunStep } from '../../../contracts/reports.ts';
import type { Actor } from '../../kernel/actor.ts';
import type { Ctx } from '../../kernel/context.ts';
import { compileReview } from '../reviews/review-compilation.service.ts';
import { reviewReport } from './templates/review-report.ts';
import { emitReport, issuerOf, type GeneratedReport } from './report.service.ts';

/**
 * Báo cáo sơ kết / tổng kết of a review cycle: compiled by the reviews module (404 outside the
 * viewer's scope), issued by the cycle's scope unit unless another is given.
 */
export async function reviewReportDocx(
  ctx: Ctx,
  actor: Actor,
  cycleId: string,
  o: ReportOptions,
  issue: IssueReportInput | null = null,
  progress?: (p: { step: ReportRunStep; done?: number }) => void,
): Promise<GeneratedReport> {
  const compilation = await compileReview(ctx, actor, cycleId, {}, progress);
  progress?.({ step: 'rendering' });
  const base = await issuerOf(ctx.db, actor, compilation.cycle.scopeUnit.id, issue ?? o, null);
  return emitReport(ctx, actor, base, { kind: 'review-report', entityType: 'review_cycle', entityId: cycleId, documentKind: 'bao_cao', typeAbbr: 'BC', filename: 'bao-cao-so-ket', build: (i) => reviewReport({ compilation, issue: i }) }, issue);
}
