import { useQuery } from '@tanstack/react-query';
import type { Jurisdiction } from '../../../contracts/organisation.ts';
import { api, type Page } from '../../lib/api.ts';

/** Ho Chi Minh City, the province of the demo city. */
export const HOME_PROVINCE = '79';

export function useCommunes(q = '') {
  return useQuery({
    queryKey: ['jurisdictions', HOME_PROVINCE, q],
    queryFn: ({ signal }) => api<Page<Jurisdiction>>('/jurisdictions', { query: { province: HOME_PROVINCE, q, limit: 500 }, signal }),
    staleTime: 10 * 60_000,
  });
}

/** Commune code → display name ("Phường Bến Thành"), from the cached full list. */
export function useCommuneNames(): Map<string, string> {
  const all = useCommunes();
  const map = new Map<string, string>();
  for (const c of all.data?.items ?? []) map.set(c.code, c.fullName);
  return map;
}
