import type { Command } from 'commander';
import { campaignListQuery, campaignRollupQuery } from '../../../contracts/campaigns.ts';
import type { Runtime } from '../../bootstrap.ts';
import type { Actor } from '../../kernel/actor.ts';

import { campaignRollup, listCampaigns } from './campaign.service.ts';
import { viDate } from '../../kernel/calendar.ts';

/** `phoihop campaigns list | rollup <id>` (operator scope: the whole city). */
export function campaignCommands(program: Command, withRuntime: (fn: (rt: Runtime) => Promise<void>) => Promise<void>, op: Actor): void {
  const cmd = program.command('campaigns').description('Crime-suppression campaigns (đợt cao điểm)');
  cmd
    .command('list')
    .description('Campaigns, latest first')
    .option('--state <s>', 'draft | running | closed')
    .action((o: { state?: string }) =>
      withRuntime(async (rt) => {
        const page = await listCampaigns(rt.ctx, op, campaignListQuery.parse({ state: o.state, limit: 200 }));
        for (const c of page.items) console.log(`${c.id}  ${c.state.padEnd(8)} ${viDate(c.fromOn)}–${viDate(c.toOn)}  ${String(c.units.length).padStart(3)} đơn vị  ${c.name}`);
        console.log(`${page.total} campaign(s)`);
      }),
    );
  cmd
    .command('rollup <id>')
    .description('Totals, progress against targets, same period last year, ranking per case load')
    .option('--as-of <date>', 'count results up to this day (YYYY-MM-DD)')
    .option('--base <b>', 'aligned (first N days of the previous instance) | calendar (same dates a year earlier)', 'aligned')
    .option('--rank-by <indicator>', 'indicator for the ranking', 'cases_dismantled')
    .option('--json', 'print the roll-up as JSON')
    .action((id: string, o: { asOf?: string; base: string; rankBy: string; json?: boolean }) =>
      withRuntime(async (rt) => {
        const r = await campaignRollup(rt.ctx, op, id, campaignRollupQuery.parse({ asOf: o.asOf, base: o.base, rankBy: o.rankBy }));
        if (o.json) {
          console.log(JSON.stringify(r, null, 2));
          return;
        }
        console.log(`${r.campaign.name} (${r.campaign.state}) — ${r.period.label}, ngày ${r.period.days}/${r.period.totalDays}`);
        console.log(`So sánh: ${r.base.label}`);
        console.log(`${'Chỉ tiêu'.padEnd(24)} ${'Kết quả'.padStart(10)} ${'Chỉ tiêu'.padStart(10)} ${'%'.padStart(7)} ${'Cùng kỳ'.padStart(10)} Thay đổi`);
        for (const i of r.city.indicators) {
          const ch = i.change ? `${i.change.difference >= 0 ? '+' : ''}${i.change.difference}${i.change.percent !== null ? ` (${i.change.percent}%)` : i.change.note ? ` (${i.change.note})` : ''}` : '';
          console.log(`${i.indicator.padEnd(24)} ${String(i.value).padStart(10)} ${String(i.target ?? '—').padStart(10)} ${String(i.progress.percent ?? '—').padStart(7)} ${String(i.base ?? '—').padStart(10)} ${ch}`);
        }
        const cr = r.city.clearanceRate;
        console.log(`Tỷ lệ khám phá: ${cr.value ?? '—'}% (${cr.cleared}/${cr.detected}), chỉ tiêu ${cr.target ?? '—'}%, cùng kỳ ${cr.base?.value ?? '—'}%`);
        console.log(`\nXếp hạng (${r.ranking.explanation})`);
        for (const u of r.units)
          console.log(`${String(u.rank ?? '—').padStart(3)}  ${u.unit.name.padEnd(48)} ${String(u.values[r.ranking.indicator] ?? 0).padStart(6)}  vụ việc ${String(u.caseLoad ?? '—').padStart(4)}  ${u.score ?? u.notRankedReason}`);
      }),
    );
}
