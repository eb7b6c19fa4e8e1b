import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { INCIDENT_CATEGORIES, type IncidentCategory } from '../../../contracts/incidents.ts';
import { STAT_GROUPS, STAT_PERIOD_KINDS, type CategoryChangeStats, type IncidentMap, type IncidentStats } from '../../../contracts/statistics.ts';
import { api, apiDownload, type Query } from '../../lib/api.ts';
import { todayIso } from '../../lib/dates.ts';

export type PeriodKind = (typeof STAT_PERIOD_KINDS)[number];
export type GroupBy = (typeof STAT_GROUPS)[number];

/** The choice of period and filters shared by the statistics and map pages, kept in the address bar. */
export interface StatsChoice {
  period: PeriodKind;
  year: number;
  /** Month 1–12, quarter 1–4 or half 1–2 (ignored for year and custom). */
  index: number;
  from: string;
  to: string;
  category: IncidentCategory | '';
  communeCode: string;
  groupBy: GroupBy;
}

export const MAX_INDEX: Record<PeriodKind, number> = { month: 12, stat_month: 12, quarter: 4, half_year: 2, year: 1, custom: 1 };

/** Today's month, quarter or half; the statistical month of a day from the 15th on is the next month. */
export function defaultIndex(kind: PeriodKind, today = todayIso()): { year: number; index: number } {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  const d = Number(today.slice(8, 10));
  switch (kind) {
    case 'month':
      return { year: y, index: m };
    case 'stat_month':
      return d < 15 ? { year: y, index: m } : m === 12 ? { year: y + 1, index: 1 } : { year: y, index: m + 1 };
    case 'quarter':
      return { year: y, index: Math.ceil(m / 3) };
    case 'half_year':
      return { year: y, index: m <= 6 ? 1 : 2 };
    default:
      return { year: y, index: 1 };
  }
}

export function readChoice(p: URLSearchParams): StatsChoice {
  const kind = (STAT_PERIOD_KINDS as readonly string[]).includes(p.get('period') ?? '') ? (p.get('period') as PeriodKind) : 'stat_month';
  const def = defaultIndex(kind);
  const year = Number(p.get('year')) || def.year;
  const rawIndex = Number(p.get('index'));
  const index = rawIndex >= 1 && rawIndex <= MAX_INDEX[kind] ? rawIndex : def.index;
  const category = p.get('category') ?? '';
  const groupBy = p.get('groupBy') === 'commune' ? 'commune' : 'category';
  return {
    period: kind,
    year,
    index,
    from: p.get('from') ?? '',
    to: p.get('to') ?? '',
    category: (INCIDENT_CATEGORIES as readonly string[]).includes(category) ? (category as IncidentCategory) : '',
    communeCode: /^\d{5}$/.test(p.get('communeCode') ?? '') ? p.get('communeCode')! : '',
    groupBy,
  };
}

export function choiceParams(c: StatsChoice): URLSearchParams {
  const p = new URLSearchParams();
  p.set('period', c.period);
  if (c.period === 'custom') {
    if (c.from) p.set('from', c.from);
    if (c.to) p.set('to', c.to);
  } else {
    p.set('year', String(c.year));
    if (c.period !== 'year') p.set('index', String(c.index));
  }
  if (c.category) p.set('category', c.category);
  if (c.communeCode) p.set('communeCode', c.communeCode);
  if (c.groupBy !== 'category') p.set('groupBy', c.groupBy);
  return p;
}

/** The API query (the same for statistics, map, category changes and the XLSX). */
export function choiceQuery(c: StatsChoice, withGroup = true): Query {
  const custom = c.period === 'custom';
  return {
    period: c.period,
    year: custom ? undefined : c.year,
    index: custom || c.period === 'year' ? undefined : c.index,
    from: custom ? c.from : undefined,
    to: custom ? c.to : undefined,
    category: c.category,
    communeCode: c.communeCode,
    groupBy: withGroup ? c.groupBy : undefined,
  };
}

/** A custom period needs both dates in order before anything is asked. */
export const choiceReady = (c: StatsChoice): boolean => c.period !== 'custom' || (!!c.from && !!c.to && c.from <= c.to);

export const statsKeys = {
  incidents: (q: Query) => ['statistics', 'incidents', q] as const,
  changes: (q: Query) => ['statistics', 'category-changes', q] as const,
  map: (q: Query) => ['statistics', 'map', q] as const,
};

export function useIncidentStats(c: StatsChoice) {
  const q = choiceQuery(c);
  return useQuery({
    queryKey: statsKeys.incidents(q),
    queryFn: ({ signal }) => api<IncidentStats>('/statistics/incidents', { query: q, signal }),
    enabled: choiceReady(c),
    placeholderData: keepPreviousData,
  });
}

export function useCategoryChanges(c: StatsChoice) {
  const q = choiceQuery(c, false);
  return useQuery({
    queryKey: statsKeys.changes(q),
    queryFn: ({ signal }) => api<CategoryChangeStats>('/statistics/category-changes', { query: q, signal }),
    enabled: choiceReady(c),
    placeholderData: keepPreviousData,
  });
}

export function useIncidentMap(c: StatsChoice) {
  const q = choiceQuery(c, false);
  return useQuery({
    queryKey: statsKeys.map(q),
    queryFn: ({ signal }) => api<IncidentMap>('/statistics/incidents/map', { query: q, signal }),
    enabled: choiceReady(c),
    placeholderData: keepPreviousData,
  });
}

export function exportStatistics(c: StatsChoice): Promise<void> {
  return apiDownload('/statistics/incidents/export.xlsx', choiceQuery(c), 'thong-ke-vu-viec.xlsx');
}
