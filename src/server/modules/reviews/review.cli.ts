import type { Command } from 'commander';
import { REVIEW_PERIOD_KINDS, reviewPeriodInput, type ReviewCompilation, type Scorecard } from '../../../contracts/reviews.ts';
import type { Runtime } from '../../bootstrap.ts';
import type { Actor } from '../../kernel/actor.ts';
import { DomainError } from '../../kernel/errors.ts';

import { compileAdHoc, compileReview } from './review-compilation.service.ts';
import * as repo from './review.repository.ts';
import { viDate } from '../../kernel/calendar.ts';

const VERDICT_VI = { increase: 'tăng có ý nghĩa', decrease: 'giảm có ý nghĩa', no_significant_change: 'thay đổi không có ý nghĩa', too_few: 'chưa đủ số liệu' } as const;

function line(s: Scorecard): string {
  const parts: string[] = [];
  if (s.tasks) {
    const t = s.tasks;
    parts.push(
      `NV ${t.assigned.value} (HT đúng hạn ${t.completedOnTime.value}, HT quá hạn ${t.completedLate.value}, chưa HT trong hạn ${t.notCompletedWithinDeadline.value}, chưa HT quá hạn ${t.notCompletedOverdue.value}; đúng hạn ${t.onTimeRate.percent === null ? 'chưa đủ số liệu' : `${t.onTimeRate.percent}%`})`,
    );
  }
  if (s.coordination) parts.push(`phối hợp ${s.coordination.requests.value} yêu cầu, trả lời trung vị ${s.coordination.medianHoursToAnswer ?? '—'} giờ`);
  if (s.situations) {
    const x = s.situations.total;
    parts.push(`vụ việc ${x.current.value} / cùng kỳ ${x.base.value} (${VERDICT_VI[x.comparison.verdict]})`);
  }
  if (s.tips) parts.push(`tin báo giải quyết ${s.tips.resolved.value} (đúng hạn ${s.tips.resolvedWithinDeadline.value}, quá hạn ${s.tips.resolvedLate.value})`);
  return parts.length ? parts.join('; ') : 'không có số liệu';
}

export function printCompilation(c: ReviewCompilation): void {
  console.log(`${c.cycle.kind === 'so_ket' ? 'Sơ kết' : 'Tổng kết'}: ${c.cycle.title}`);
  console.log(`Kỳ: ${c.period.label} — so với cùng kỳ: ${c.base.label} — số liệu tính đến ${viDate(c.cutoffOn)} — phạm vi: ${c.cycle.scopeUnit.name}`);
  console.log(`Chương trình: ${[...c.cycle.programme.documents.map((d) => d.symbol ?? d.summary), ...c.cycle.programme.conferences.map((x) => x.title)].join('; ')}`);
  if (c.empty) console.log('Không có số liệu trong kỳ (báo cáo trống, không phải số 0).');
  if (c.total) console.log(`TOÀN PHẠM VI: ${line(c.total)}`);
  for (const s of c.scorecards) console.log(`${s.agendaPosition !== null ? `${s.agendaPosition}. ` : '- '}${s.unit.name}: ${line(s)}`);
  const { recorded, carriedForward } = c.correctiveActions;
  if (recorded.length + carriedForward.length > 0) console.log(`Biện pháp khắc phục: ${recorded.length} ghi nhận tại đợt này, ${carriedForward.length} chuyển tiếp từ đợt trước.`);
}

/** `phoihop reviews compile <cycleId> | --period … --scope CODE --document SYMBOL …`: print a review's summary (operator scope). */
export function reviewCommands(program: Command, withRuntime: (fn: (rt: Runtime) => Promise<void>) => Promise<void>, op: Actor): void {
  const reviews = program.command('reviews').description('Review cycles (sơ kết / tổng kết)');
  reviews
    .command('compile [cycleId]')
    .description('Compile a review cycle from the records, or an ad-hoc review with --period and --scope')
    .option('--period <kind>', `${REVIEW_PERIOD_KINDS.join(' | ')} (stat_month = 15th → 14th; custom = several years)`)
    .option('--year <yyyy>', 'year of the period')
    .option('--index <n>', 'month 1–12, quarter 1–4 or half 1–2')
    .option('--from <date>', 'custom period start YYYY-MM-DD')
    .option('--to <date>', 'custom period end YYYY-MM-DD')
    .option('--scope <unitCode>', 'code of the scope unit (ad-hoc)')
    .option('--document <symbol...>', 'programme documents by number and symbol (ad-hoc)')
    .option('--json', 'print the ReviewCompilation as JSON')
    .action((cycleId: string | undefined, o: { period?: string; year?: string; index?: string; from?: string; to?: string; scope?: string; document?: string[]; json?: boolean }) =>
      withRuntime(async (rt) => {
        let c: ReviewCompilation;
        if (cycleId) c = await compileReview(rt.ctx, op, cycleId);
        else {
          if (!o.period || !o.scope) throw new DomainError('validation_failed', {}, [{ path: o.period ? 'scope' : 'period', code: 'required' }]);
          const scopeUnitId = await repo.unitIdByCode(rt.ctx.db, o.scope);
          if (!scopeUnitId) throw new DomainError('review.unknown_unit', { code: o.scope }, [{ path: 'scope', code: 'unknown_unit' }]);
          const documentIds: string[] = [];
          for (const s of o.document ?? []) {
            const ids = await repo.documentIdsBySymbol(rt.ctx.db, s);
            if (ids.length === 0) throw new DomainError('review.unknown_source', { symbol: s }, [{ path: 'document', code: 'unknown_source' }]);
            documentIds.push(...ids);
          }
          const period = reviewPeriodInput.parse({ kind: o.period, year: o.year, index: o.index, from: o.from, to: o.to });
          c = await compileAdHoc(rt.ctx, op, { kind: 'so_ket', title: `Sơ kết (tổng hợp nhanh) ${o.document?.join(', ') ?? ''}`.trim(), scopeUnitId, documentIds, conferenceIds: [], period });
        }
        if (o.json) console.log(JSON.stringify(c, null, 2));
        else printCompilation(c);
      }),
    );
}
