import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateUnitInput, Unit, UpdateUnitInput } from '../../../contracts/organisation.ts';
import { api, type Page } from '../../lib/api.ts';

export const PAGE_SIZE = 20;

export interface UnitBrowse {
  q: string;
  parentId: string | null;
  offset: number;
}

export function useUnitList({ q, parentId, offset }: UnitBrowse) {
  const query = q ? { q } : parentId ? { parentId } : { roots: 'true' };
  return useQuery({
    queryKey: ['units', 'list', query, offset],
    queryFn: ({ signal }) => api<Page<Unit>>('/units', { query: { ...query, limit: PAGE_SIZE, offset }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useUnit(id: string | null) {
  return useQuery({
    queryKey: ['units', 'one', id],
    queryFn: ({ signal }) => api<Unit>(`/units/${id}`, { signal }),
    enabled: !!id,
  });
}

/** The chain from the top of the tree down to `id` (for the breadcrumb). */
export function useUnitPath(id: string | null) {
  return useQuery({
    queryKey: ['units', 'path', id],
    enabled: !!id,
    queryFn: async ({ signal }) => {
      const chain: Unit[] = [];
      let next: string | null = id;
      while (next && chain.length < 20) {
        const u: Unit = await api<Unit>(`/units/${next}`, { signal });
        chain.unshift(u);
        next = u.parentId;
      }
      return chain;
    },
  });
}

export function useUpdateUnit(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateUnitInput) => api<Unit>(`/units/${id}`, { method: 'PATCH', body: input }),
    onSuccess: (u) => {
      qc.setQueryData(['units', 'one', id], u);
      void qc.invalidateQueries({ queryKey: ['units', 'list'] });
      void qc.invalidateQueries({ queryKey: ['units', 'path'] });
    },
  });
}

export function useCreateUnit() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateUnitInput) => api<Unit>('/units', { method: 'POST', body: input }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['units'] }),
  });
}
