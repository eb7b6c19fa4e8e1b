import fs from 'node:fs';
import type { Command } from 'commander';
import { incidentStatsQuery } from '../../../contracts/statistics.ts';
import type { Runtime } from '../../bootstrap.ts';
import type { Actor } from '../../kernel/actor.ts';
import { exportIncidentStatistics, incidentStatistics } from './statistics.service.ts';

/** `phoihop statistics incidents …`: the situation statistics as a table or an XLSX file (operator scope: the whole city). */
export function statisticsCommands(program: Command, withRuntime: (fn: (rt: Runtime) => Promise<void>) => Promise<void>, op: Actor): void {
  const stats = program.command('statistics').description('Statistics of security and order situations');
  stats
    .command('incidents')
    .description('Counts by category or commune for a period against the same period last year')
    .option('--period <kind>', 'month | quarter | half_year | year | stat_month (15th → 14th) | custom', 'month')
    .option('--year <yyyy>', 'year of the period')
    .option('--index <n>', 'month 1–12, quarter 1–4 or half 1–2')
    .option('--from <date>', 'custom period start YYYY-MM-DD')
    .option('--to <date>', 'custom period end YYYY-MM-DD')
    .option('--group-by <g>', 'category | commune', 'category')
    .option('--out <file>', 'write an XLSX workbook instead of printing')
    .action((o: { period: string; year?: string; index?: string; from?: string; to?: string; groupBy: string; out?: string }) =>
      withRuntime(async (rt) => {
        const q = incidentStatsQuery.parse({ period: o.period, year: o.year, index: o.index, from: o.from, to: o.to, groupBy: o.groupBy });
        if (o.out) {
          const x = await exportIncidentStatistics(rt.ctx, op, q);
          fs.writeFileSync(o.out, x.bytes);
          console.log(`Wrote ${o.out}`);
          return;
        }
        const s = await incidentStatistics(rt.ctx, op, q);
        console.log(`${s.period.label} — so với cùng kỳ: ${s.base.label} — phạm vi: ${s.scope.label}`);
        for (const r of [...s.rows, s.total])
          console.log(`${r.label.padEnd(52)} ${String(r.current.incidents).padStart(6)} ${String(r.base.incidents).padStart(6)} ${(r.change.difference >= 0 ? '+' : '') + r.change.difference}${r.change.percent !== null ? ` (${r.change.percent}%)` : ''}`);
      }),
    );
}
