import { INCIDENT_CATEGORIES, type IncidentCategory } from '../../../contracts/incidents.ts';
import { type CategoryChangeStats, type IncidentMap, type IncidentMapQuery, type IncidentStats, type IncidentStatsQuery, MAP_POINTS_LIMIT } from '../../../contracts/statistics.ts';
import type { IncidentLevel, IncidentSeverity, IncidentState } from '../../../contracts/incidents.ts';
import { deriveIncidentStatus, incidentCode } from '../incidents/incident.ts';
import { compareVietnamese } from '../../kernel/text.ts';
import type { Actor } from '../../kernel/actor.ts';
import { isAdmin } from '../../kernel/actor.ts';
import type { Ctx } from '../../kernel/context.ts';
import { DomainError } from '../../kernel/errors.ts';
import { CATEGORY_LABELS_VI, buildStatsWorkbook } from './statistics-export.ts';
import { changePercent, customPeriod, MIN_BASE_FOR_PERCENT, type Period, periodOf, PeriodError, ratePercent, samePeriodLastYear, statMonthOf } from './periods.ts';
import * as repo from './statistics.repository.ts';

/**
 * Statistics of security and order situations, scoped to the viewer (the incidents list scope):
 * counts by category or commune for a period with the same period of the previous year as the
 * base; the category-change rate per lead unit. Every answer names its period, base and scope.
 */

export function resolvePeriod(q: Pick<IncidentStatsQuery, 'period' | 'year' | 'index' | 'from' | 'to'>, today: string): Period {
  const bad = (field: string) => new DomainError('statistics.invalid_period', { period: q.period }, [{ path: `querystring.${field}`, code: 'invalid_period' }]);
  try {
    if (q.period === 'custom') {
      if (!q.from || !q.to) throw bad(q.from ? 'to' : 'from');
      if (q.from > q.to) throw bad('to');
      return customPeriod(q.from, q.to);
    }
    // Without an index: the period containing today. For the statistical month that is the one
    // running from the 15th (from 15 November, today counts towards December's; statMonthOf).
    const current = statMonthOf(today);
    if (q.period === 'stat_month' && q.index === undefined && (q.year === undefined || q.year === current.year)) return periodOf('stat_month', current.year, current.month);
    const year = q.year ?? Number(today.slice(0, 4));
    const defIndex = { month: Number(today.slice(5, 7)), stat_month: Number(today.slice(5, 7)), quarter: Math.ceil(Number(today.slice(5, 7)) / 3), half_year: Number(today.slice(5, 7)) <= 6 ? 1 : 2, year: 1 }[q.period];
    return periodOf(q.period, year, q.period === 'year' ? 1 : (q.index ?? defIndex));
  } catch (e) {
    if (e instanceof PeriodError) throw bad('index');
    throw e;
  }
}

async function scopeOf(ctx: Ctx, actor: Actor): Promise<{ label: string; wholeCity: boolean }> {
  if (isAdmin(actor)) return { label: 'toàn Thành phố', wholeCity: true };
  const units = await repo.scopeUnits(ctx.db, actor.scopeUnitIds);
  const wholeCity = units.some((u) => u.type === 'administrative_area' && u.level === 'city');
  if (wholeCity) return { label: 'toàn Thành phố', wholeCity };
  const communes = await repo.communeNames(ctx.db, [...actor.communeCodes]);
  const parts = [...units.map((u) => u.name), ...[...communes.values()].map((c) => c.name)];
  return { label: parts.length ? `trong phạm vi: ${[...new Set(parts)].join(', ')}` : 'không có phạm vi', wholeCity: false };
}

const p = (x: Period) => ({ kind: x.kind, from: x.from, to: x.to, label: x.label });

const ZERO = { incidents: 0, dead: 0, injured: 0, damageVnd: 0, reopened: 0 };

export async function incidentStatistics(ctx: Ctx, actor: Actor, q: IncidentStatsQuery): Promise<IncidentStats> {
  const period = resolvePeriod(q, ctx.today());
  const base = samePeriodLastYear(period);
  const rows = await repo.incidentMetrics(ctx.db, actor, q.groupBy, period, base, { category: q.category, communeCode: q.communeCode });
  const byKey = new Map(rows.map((r) => [r.key, r]));
  let keys: { key: string; label: string }[];
  if (q.groupBy === 'category') {
    keys = INCIDENT_CATEGORIES.filter((c) => !q.category || c === q.category).map((c) => ({ key: c, label: CATEGORY_LABELS_VI[c as IncidentCategory] }));
  } else {
    const names = await repo.communeNames(ctx.db, rows.map((r) => r.key));
    keys = rows
      .map((r) => ({ key: r.key, label: names.get(r.key)?.name ?? r.key, sortKey: names.get(r.key)?.sortKey ?? r.key }))
      .sort((a, b) => compareVietnamese(a.label, b.label))
      .map(({ key, label }) => ({ key, label }));
  }
  const build = (key: string, label: string, cur: typeof ZERO, b: typeof ZERO) => ({
    key,
    label,
    current: cur,
    base: b,
    change: { difference: cur.incidents - b.incidents, ...changePercent(cur.incidents, b.incidents) },
  });
  const out = keys.map(({ key, label }) => build(key, label, byKey.get(key)?.cur ?? ZERO, byKey.get(key)?.base ?? ZERO));
  const sum = (pick: 'current' | 'base') =>
    out.reduce(
      (a, r) => ({
        incidents: a.incidents + r[pick].incidents,
        dead: a.dead + r[pick].dead,
        injured: a.injured + r[pick].injured,
        damageVnd: a.damageVnd + r[pick].damageVnd,
        reopened: a.reopened + r[pick].reopened,
      }),
      ZERO,
    );
  return {
    period: p(period),
    base: p(base),
    scope: await scopeOf(ctx, actor),
    groupBy: q.groupBy,
    filters: { category: q.category ?? null, communeCode: q.communeCode ?? null },
    minBaseForPercent: MIN_BASE_FOR_PERCENT,
    rows: out,
    total: build('total', 'Tổng cộng', sum('current'), sum('base')),
  };
}

/**
 * Situations visible to the viewer in each period and in its same period last year (merged
 * duplicates once), in one statement: the dashboard's trend. Same counts as `incidentStatistics`'
 * totals for each period.
 */
export async function incidentCountsByPeriod(ctx: Ctx, actor: Actor, periods: readonly Period[]): Promise<{ period: Period; base: Period; current: number; baseCount: number }[]> {
  const withBase = periods.map((period) => ({ period, base: samePeriodLastYear(period) }));
  const counts = await repo.incidentCountsOverPeriods(
    ctx.db,
    actor,
    withBase.map((p) => ({ cur: p.period, base: p.base })),
  );
  return withBase.map((p, i) => ({ ...p, current: counts[i]!.cur, baseCount: counts[i]!.base }));
}

export async function exportIncidentStatistics(ctx: Ctx, actor: Actor, q: IncidentStatsQuery): Promise<{ filename: string; bytes: Buffer }> {
  const s = await incidentStatistics(ctx, actor, q);
  return { filename: `thong-ke-vu-viec-${s.period.from}-${s.period.to}.xlsx`, bytes: await buildStatsWorkbook(s, ctx.today()) };
}

/** The rate of situations whose category was changed (and lowered) per lead unit, for a period. */
export async function categoryChangeStatistics(ctx: Ctx, actor: Actor, q: IncidentStatsQuery): Promise<CategoryChangeStats> {
  const period = resolvePeriod(q, ctx.today());
  const rows = await repo.categoryChangeCounts(ctx.db, actor, period);
  return {
    period: { kind: period.kind, from: period.from, to: period.to, label: period.label },
    scope: await scopeOf(ctx, actor),
    minBaseForPercent: MIN_BASE_FOR_PERCENT,
    rows: rows.map((r) => ({ ...r, changeRatePercent: ratePercent(r.changed, r.incidents), downgradeRatePercent: ratePercent(r.downgraded, r.incidents) })),
  };
}

/**
 * The situation map for a period: commune boundaries in the viewer's scope with the count of the
 * period and of the same period last year (the statistics grouped by commune: same scope, period
 * logic and filters), and the located situations of the period as points. Not audited (a read,
 * like the statistics).
 */
export async function incidentMap(ctx: Ctx, actor: Actor, q: IncidentMapQuery, pointsLimit = MAP_POINTS_LIMIT): Promise<IncidentMap> {
  const period = resolvePeriod(q, ctx.today());
  const base = samePeriodLastYear(period);
  const d = await repo.incidentMapData(ctx.db, actor, period, base, { category: q.category, communeCode: q.communeCode }, pointsLimit);
  const byCode = new Map(d.counts.map((r) => [r.key, r]));
  const total = d.counts.reduce((a, r) => ({ count: a.count + r.cur.incidents, baseCount: a.baseCount + r.base.incidents }), { count: 0, baseCount: 0 });
  const features = d.communes.map((c) => ({
    type: 'Feature' as const,
    id: c.code,
    properties: { code: c.code, name: c.name, count: byCode.get(c.code)?.cur.incidents ?? 0, baseCount: byCode.get(c.code)?.base.incidents ?? 0 },
    geometry: c.boundary,
  }));
  const onMap = features.reduce((a, f) => a + f.properties.count, 0);
  return {
    period: p(period),
    base: p(base),
    scope: await scopeOf(ctx, actor),
    filters: { category: q.category ?? null, communeCode: q.communeCode ?? null },
    boundaries: features.length > 0 ? 'imported' : 'missing',
    communes: { type: 'FeatureCollection', features },
    points: {
      type: 'FeatureCollection',
      features: d.points.map((r) => ({
        type: 'Feature' as const,
        id: r.id,
        properties: {
          id: r.id,
          code: incidentCode(r.number),
          title: r.title,
          category: r.category as IncidentCategory,
          severity: r.severity as IncidentSeverity,
          status: deriveIncidentStatus({ state: r.state as IncidentState, level: r.level as IncidentLevel, logCount: r.logCount, reopenCount: r.reopenCount }),
          occurredOn: r.occurredOn,
          communeCode: r.communeCode,
        },
        geometry: { type: 'Point' as const, coordinates: [r.lon, r.lat] as [number, number] },
      })),
    },
    pointsLimit,
    pointsTotal: d.pointsTotal,
    pointsTruncated: d.pointsTruncated,
    total,
    outsideBoundaries: total.count - onMap,
  };
}
