import type { TaskBucket } from '../../../contracts/dashboard.ts';
import type { TaskStatus } from '../../../contracts/tasks.ts';
import { TASK_STATUSES } from '../../../contracts/tasks.ts';
import { type Period, periodOf, ratePercent, statMonthOf } from '../statistics/periods.ts';

/**
 * Pure rules of the leaders' dashboard: which task statuses make each bucket of the government
 * task reports, the on-time rate and the ranking of units, the months of the trend, and the web
 * paths (with filters) that open the records behind every number.
 */

/** The derived task statuses of each bucket (every status belongs to exactly one). */
export const BUCKET_STATUSES: Record<TaskBucket | 'excluded', readonly TaskStatus[]> = {
  completedOnTime: ['completed_on_time'],
  completedLate: ['completed_late'],
  inTime: ['not_started', 'in_progress', 'due_soon', 'awaiting_evaluation', 'returned'],
  overdue: ['overdue'],
  excluded: ['paused', 'cancelled'],
};

export interface BucketCounts {
  completedOnTime: number;
  completedLate: number;
  inTime: number;
  overdue: number;
  excluded: number;
  total: number;
  /** Tasks with a result against their deadline: completed (on time or late) or overdue. */
  withResult: number;
  onTimeRatePercent: number | null;
}

export function bucketCounts(counts: Partial<Record<TaskStatus, number>>): BucketCounts {
  const sum = (k: keyof typeof BUCKET_STATUSES) => BUCKET_STATUSES[k].reduce((a, s) => a + (counts[s] ?? 0), 0);
  const b = { completedOnTime: sum('completedOnTime'), completedLate: sum('completedLate'), inTime: sum('inTime'), overdue: sum('overdue'), excluded: sum('excluded') };
  const withResult = b.completedOnTime + b.completedLate + b.overdue;
  return { ...b, total: TASK_STATUSES.reduce((a, s) => a + (counts[s] ?? 0), 0), withResult, onTimeRatePercent: ratePercent(b.completedOnTime, withResult) };
}

/**
 * Units by on-time rate (highest first; ties: more tasks with a result, then the given order).
 * A unit with fewer than MIN_BASE_FOR_PERCENT tasks with a result has no rate: it is marked
 * `tooFew` and listed after the ranked ones, unranked, in the given order.
 */
export function rankUnits<T extends { counts: BucketCounts }>(units: readonly T[]): (T & { rank: number | null; tooFew: boolean })[] {
  const indexed = units.map((u, i) => ({ u, i }));
  const ranked = indexed
    .filter((x) => x.u.counts.onTimeRatePercent !== null)
    .sort((a, b) => b.u.counts.onTimeRatePercent! - a.u.counts.onTimeRatePercent! || b.u.counts.withResult - a.u.counts.withResult || a.i - b.i);
  const few = indexed.filter((x) => x.u.counts.onTimeRatePercent === null);
  // Equal rates share a rank ("1, 2, 2, 4").
  let rank = 0;
  const out = ranked.map((x, k) => {
    if (k === 0 || x.u.counts.onTimeRatePercent !== ranked[k - 1]!.u.counts.onTimeRatePercent) rank = k + 1;
    return { ...x.u, rank, tooFew: false };
  });
  return [...out, ...few.map((x) => ({ ...x.u, rank: null, tooFew: true }))];
}

/**
 * The twelve months of the trend, oldest first, ending with the month the period ends in:
 * statistical months (15th–14th) when the period is one, calendar months otherwise.
 */
export function trendMonths(period: Pick<Period, 'kind' | 'to'>): Period[] {
  const kind = period.kind === 'stat_month' ? 'stat_month' : 'month';
  const end = kind === 'stat_month' ? statMonthOf(period.to) : { year: Number(period.to.slice(0, 4)), month: Number(period.to.slice(5, 7)) };
  const out: Period[] = [];
  for (let k = 11; k >= 0; k--) {
    const m0 = end.year * 12 + (end.month - 1) - k;
    out.push(periodOf(kind, Math.floor(m0 / 12), (m0 % 12) + 1));
  }
  return out;
}

/** Calendar days from `due` to `today` (positive when overdue). */
export function daysLate(due: string, today: string): number {
  return Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${due}T00:00:00Z`)) / 86_400_000);
}

const qs = (pairs: [string, string | undefined | null][]): string => {
  const p = new URLSearchParams();
  for (const [k, v] of pairs) if (v) p.append(k, v);
  const s = p.toString();
  return s ? `?${s}` : '';
};

/** /tasks with the list filters (statuses repeated, the unit as lead with its name for the filter label). */
export function tasksPath(f: { deadlineFrom?: string; deadlineTo?: string; statuses?: readonly TaskStatus[]; unit?: { id: string; name: string } }): string {
  return `/tasks${qs([
    ['unitId', f.unit?.id],
    ['unitName', f.unit?.name],
    ['unitRole', f.unit ? 'lead' : undefined],
    ...(f.statuses ?? []).map((s): [string, string] => ['status', s]),
    ['deadlineFrom', f.deadlineFrom],
    ['deadlineTo', f.deadlineTo],
  ])}`;
}

/** /incidents counted as the statistics count them (duplicates merged into another left out). */
export function incidentsPath(f: { from?: string; to?: string; category?: string; significant?: boolean; open?: boolean }): string {
  return `/incidents${qs([
    ['category', f.category],
    ['significant', f.significant === undefined ? undefined : String(f.significant)],
    ['open', f.open === undefined ? undefined : String(f.open)],
    ['from', f.from],
    ['to', f.to],
    ['merged', 'false'],
  ])}`;
}

export function tipsPath(f: { receivedFrom?: string; receivedTo?: string; deadline?: 'overdue' | 'settled_on_time' | 'settled_late' }): string {
  return `/tips${qs([
    ['receivedFrom', f.receivedFrom],
    ['receivedTo', f.receivedTo],
    ['deadline', f.deadline],
  ])}`;
}
