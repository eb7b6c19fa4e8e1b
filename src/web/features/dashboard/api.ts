import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Dashboard } from '../../../contracts/dashboard.ts';
import { api, type Query } from '../../lib/api.ts';
import { choiceReady, type StatsChoice } from '../statistics/api.ts';

/** The period part of the statistics choice (the dashboard has no category or commune filter). */
export function dashboardQuery(c: StatsChoice): Query {
  const custom = c.period === 'custom';
  return {
    period: c.period,
    year: custom ? undefined : c.year,
    index: custom || c.period === 'year' ? undefined : c.index,
    from: custom ? c.from : undefined,
    to: custom ? c.to : undefined,
  };
}

export function useDashboard(c: StatsChoice) {
  const q = dashboardQuery(c);
  return useQuery({
    queryKey: ['dashboard', q],
    queryFn: ({ signal }) => api<Dashboard>('/dashboard', { query: q, signal }),
    enabled: choiceReady(c),
    placeholderData: keepPreviousData,
  });
}
