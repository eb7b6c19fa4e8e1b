import { listOpenCorrectiveActions } from '../reviews/review.service.ts';
import type { Compared, Dashboard, DashboardQuery, Figure } from '../../../contracts/dashboard.ts';
import type { IncidentCategory, IncidentListQuery } from '../../../contracts/incidents.ts';
import type { IncidentStatsQuery } from '../../../contracts/statistics.ts';
import type { TaskListQuery, TaskStatus } from '../../../contracts/tasks.ts';
import type { TipListQuery } from '../../../contracts/tips.ts';
import type { Actor } from '../../kernel/actor.ts';
import type { Ctx } from '../../kernel/context.ts';
import { listIncidents } from '../incidents/incident-queries.service.ts';
import { changePercent, MIN_BASE_FOR_PERCENT, type Period, samePeriodLastYear, statMonthOf } from '../statistics/periods.ts';
import { incidentCountsByPeriod, incidentStatistics, resolvePeriod } from '../statistics/statistics.service.ts';
import { listTasks, statusCountsByLeadUnit } from '../tasks/task-queries.service.ts';
import { listTips } from '../tips/tip.service.ts';
import { BUCKET_STATUSES, bucketCounts, type BucketCounts, daysLate, incidentsPath, rankUnits, tasksPath, tipsPath, trendMonths } from './dashboard.ts';

/** How many overdue tasks the dashboard lists. */
export const OVERDUE_TASKS_SHOWN = 10;

/**
 * The leaders' dashboard for one viewer and period. Every number comes from another module's
 * use case (statistics, situations, tips, tasks) with the viewer as actor, so scope rules are
 * theirs, and every number carries the path of the list that shows the same records.
 */
export async function getDashboard(ctx: Ctx, actor: Actor, q: DashboardQuery): Promise<Dashboard> {
  const today = ctx.today();
  // The current statistical month runs from the 15th: on 26 November it is December's.
  const current = statMonthOf(today);
  const period = resolvePeriod(q.period === 'stat_month' && q.index === undefined && q.year === undefined ? { ...q, year: current.year, index: current.month } : q, today);
  const base = samePeriodLastYear(period);
  const statsQuery = (p: Period): IncidentStatsQuery =>
    p.kind === 'custom' ? { period: 'custom', from: p.from, to: p.to, groupBy: 'category' } : { period: p.kind, year: p.year!, index: p.index!, groupBy: 'category' };
  const fig = (count: number, path: string, range: { from: string; to: string } | null, asOf: string | null = null): Figure => ({
    count,
    from: range?.from ?? null,
    to: range?.to ?? null,
    asOf,
    path,
  });
  const compared = (current: Figure, baseFig: Figure): Compared => ({ current, base: baseFig, difference: current.count - baseFig.count, ...changePercent(current.count, baseFig.count) });

  // Situations: the statistics of the period against the same period last year.
  const stats = await incidentStatistics(ctx, actor, statsQuery(period));
  const situation = (category: IncidentCategory | undefined, cur: number, b: number) =>
    compared(fig(cur, incidentsPath({ from: period.from, to: period.to, category }), period), fig(b, incidentsPath({ from: base.from, to: base.to, category }), base));
  const incidentCount = async (f: Partial<IncidentListQuery>) => (await listIncidents(ctx, actor, { limit: 1, offset: 0, ...f } as IncidentListQuery)).total;
  const significantOpen = await incidentCount({ significant: 'true', open: 'true', merged: 'false' });

  // Tips: received in the period (and the base), decisions against the art. 147 deadline, overdue today.
  const tipCount = async (f: Partial<TipListQuery>) => (await listTips(ctx, actor, { limit: 1, offset: 0, ...f } as TipListQuery)).total;
  const received = (p: Period) => ({ receivedFrom: p.from, receivedTo: p.to });
  const [tipsCur, tipsBase, settledOnTime, settledLate, tipsOverdue] = [
    await tipCount(received(period)),
    await tipCount(received(base)),
    await tipCount({ ...received(period), deadline: 'settled_on_time' }),
    await tipCount({ ...received(period), deadline: 'settled_late' }),
    await tipCount({ deadline: 'overdue' }),
  ];

  // Tasks due in the period, per lead unit and in total, by the status derived today.
  const due = { deadlineFrom: period.from, deadlineTo: period.to };
  const perUnit = await statusCountsByLeadUnit(ctx, actor, due);
  const totals: Partial<Record<TaskStatus, number>> = {};
  for (const u of perUnit.rows) for (const [s, n] of Object.entries(u.counts) as [TaskStatus, number][]) totals[s] = (totals[s] ?? 0) + n;
  const buckets = (c: BucketCounts, unit?: { id: string; name: string }) => {
    const f = (statuses: readonly TaskStatus[] | undefined, n: number) => fig(n, tasksPath({ ...due, statuses, unit }), period, today);
    return {
      total: f(undefined, c.total),
      completedOnTime: f(BUCKET_STATUSES.completedOnTime, c.completedOnTime),
      completedLate: f(BUCKET_STATUSES.completedLate, c.completedLate),
      inTime: f(BUCKET_STATUSES.inTime, c.inTime),
      overdue: f(BUCKET_STATUSES.overdue, c.overdue),
      excluded: f(BUCKET_STATUSES.excluded, c.excluded),
      onTimeRatePercent: c.onTimeRatePercent,
      withResult: c.withResult,
    };
  };
  const units = rankUnits(perUnit.rows.map((u) => ({ unitId: u.unitId, unitName: u.unitName, counts: bucketCounts(u.counts) }))).map((u) => ({
    unitId: u.unitId,
    unitName: u.unitName,
    rank: u.rank,
    tooFew: u.tooFew,
    ...buckets(u.counts, { id: u.unitId, name: u.unitName }),
  }));

  // Trend: twelve months ending with the period's, each against the same month a year earlier.
  const trend = (await incidentCountsByPeriod(ctx, actor, trendMonths(period))).map((m) => ({
    year: m.period.year!,
    month: m.period.index!,
    label: m.period.label,
    current: fig(m.current, incidentsPath({ from: m.period.from, to: m.period.to }), m.period),
    base: fig(m.baseCount, incidentsPath({ from: m.base.from, to: m.base.to }), m.base),
  }));

  // The most overdue tasks today (the list's order: overdue first, earliest due date first).
  const overdue = await listTasks(ctx, actor, { limit: OVERDUE_TASKS_SHOWN, offset: 0, status: 'overdue' } as TaskListQuery);
  const actions = await listOpenCorrectiveActions(ctx, actor, OVERDUE_TASKS_SHOWN);

  return {
    generatedAt: ctx.now().toISOString(),
    asOf: today,
    period: { kind: period.kind, from: period.from, to: period.to, label: period.label },
    base: { kind: base.kind, from: base.from, to: base.to, label: base.label },
    scope: stats.scope,
    minBaseForPercent: MIN_BASE_FOR_PERCENT,
    situations: {
      total: situation(undefined, stats.total.current.incidents, stats.total.base.incidents),
      byCategory: stats.rows.filter((r) => r.current.incidents + r.base.incidents > 0).map((r) => ({ category: r.key as IncidentCategory, ...situation(r.key as IncidentCategory, r.current.incidents, r.base.incidents) })),
      significantOpen: fig(significantOpen, incidentsPath({ significant: true, open: true }), null, today),
    },
    tips: {
      received: compared(fig(tipsCur, tipsPath(received(period)), period), fig(tipsBase, tipsPath(received(base)), base)),
      settledOnTime: fig(settledOnTime, tipsPath({ ...received(period), deadline: 'settled_on_time' }), period, today),
      settledLate: fig(settledLate, tipsPath({ ...received(period), deadline: 'settled_late' }), period, today),
      overdue: fig(tipsOverdue, tipsPath({ deadline: 'overdue' }), null, today),
    },
    tasks: buckets(bucketCounts(totals)),
    trend: { kind: period.kind === 'stat_month' ? 'stat_month' : 'month', months: trend },
    units,
    overdueTasks: {
      total: fig(overdue.total, tasksPath({ statuses: ['overdue'] }), null, today),
      limit: OVERDUE_TASKS_SHOWN,
      items: overdue.items.map((t) => {
        const dueOn = t.nextReportDueOn ?? t.deadlineOn;
        return { id: t.id, code: t.code, title: t.title, leadUnit: t.leadUnit, deadlineOn: t.deadlineOn, dueOn, daysOverdue: dueOn ? daysLate(dueOn, today) : 0, path: `/tasks/${t.id}` };
      }),
    },
    correctiveActions: {
      open: actions.total,
      overdue: actions.overdue,
      limit: OVERDUE_TASKS_SHOWN,
      items: actions.items.map((a) => ({
        id: a.id,
        text: a.text,
        ownerUnit: { id: a.ownerUnit.id, name: a.ownerUnit.name },
        deadlineOn: a.deadlineOn,
        status: a.status,
        overdue: a.overdue,
        recordedIn: { id: a.recordedIn.id, title: a.recordedIn.title, periodLabel: a.recordedIn.periodLabel },
        path: `/reviews/${a.recordedIn.id}`,
      })),
    },
  };
}
