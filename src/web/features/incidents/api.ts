import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  addSupportingInput,
  categoryChangeInput,
  closingReportInput,
  closureDecisionInput,
  CreateIncidentInput,
  deescalateInput,
  escalateInput,
  Incident,
  IncidentCategory,
  IncidentDetail,
  IncidentStatus,
  logEntryInput,
  reopenInput,
  significanceInput,
  IncidentDuplicates,
  mergeIncidentInput,
} from '../../../contracts/incidents.ts';
import type { Unit } from '../../../contracts/organisation.ts';
import { api, type Page, type Query } from '../../lib/api.ts';

export const INCIDENT_PAGE_SIZE = 25;

/** Filters of the situation list, as kept in the address bar. */
export interface IncidentFilters {
  q: string;
  category: IncidentCategory | '';
  communeCode: string;
  status: IncidentStatus | '';
  significant: '' | 'true' | 'false';
  /** YYYY-MM-DD, occurred on or after */
  from: string;
  /** YYYY-MM-DD, occurred on or before */
  to: string;
  /** 'true': not closed; 'false': closed. */
  open: '' | 'true' | 'false';
  /** 'false': duplicates merged into another left out (as the statistics count); 'true': only those. */
  merged: '' | 'true' | 'false';
}

export const EMPTY_FILTERS: IncidentFilters = { q: '', category: '', communeCode: '', status: '', significant: '', from: '', to: '', open: '', merged: '' };

export const incidentKeys = {
  all: ['incidents'] as const,
  one: (id: string) => ['incidents', 'one', id] as const,
};

export function useIncidentList(filters: IncidentFilters, offset: number) {
  const query: Query = { ...filters };
  return useQuery({
    queryKey: ['incidents', 'list', query, offset],
    queryFn: ({ signal }) => api<Page<Incident>>('/incidents', { query: { ...query, limit: INCIDENT_PAGE_SIZE, offset }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useIncident(id: string) {
  return useQuery({ queryKey: incidentKeys.one(id), queryFn: ({ signal }) => api<IncidentDetail>(`/incidents/${id}`, { signal }), enabled: !!id });
}

export function useCreateIncident() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateIncidentInput) => api<Incident>('/incidents', { method: 'POST', body: input }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: incidentKeys.all }),
  });
}

/**
 * Every action on a situation answers the situation; the page then reloads its detail (joint log
 * included). Reloading also after a failure brings the current version after a 409 stale_version.
 */
function useIncidentAction<I>(id: string, action: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: I) => api<Incident>(`/incidents/${id}/${action}`, { method: 'POST', body: input }),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: incidentKeys.all });
      void qc.invalidateQueries({ queryKey: ['notifications'] });
    },
  });
}

export const useAddSupporting = (id: string) => useIncidentAction<z.input<typeof addSupportingInput>>(id, 'supporting');
export const useAddLogEntry = (id: string) => useIncidentAction<z.input<typeof logEntryInput>>(id, 'log');
export const useEscalate = (id: string) => useIncidentAction<z.input<typeof escalateInput>>(id, 'escalate');
export const useDeescalate = (id: string) => useIncidentAction<z.input<typeof deescalateInput>>(id, 'deescalate');
export const useChangeCategory = (id: string) => useIncidentAction<z.input<typeof categoryChangeInput>>(id, 'category');
export const useDecideSignificance = (id: string) => useIncidentAction<z.input<typeof significanceInput>>(id, 'significance');
export const useReportClosing = (id: string) => useIncidentAction<z.input<typeof closingReportInput>>(id, 'closing-report');
export const useDecideClosure = (id: string) => useIncidentAction<z.input<typeof closureDecisionInput>>(id, 'closure');
export const useReopen = (id: string) => useIncidentAction<z.input<typeof reopenInput>>(id, 'reopen');

/** City-level units matching a search (the candidates of an escalation; their type is filtered by the caller). */
export function useCityUnits(q: string) {
  return useQuery({
    queryKey: ['units', 'city', q],
    queryFn: ({ signal }) => api<Page<Unit>>('/units', { query: { level: 'city', q: q || undefined, limit: 200 }, signal }),
    staleTime: 60_000,
  });
}

/** Likely duplicates of a situation (same commune and category within the window). */
export function useIncidentDuplicates(id: string, enabled: boolean) {
  return useQuery({
    queryKey: [...incidentKeys.one(id), 'duplicates'],
    queryFn: ({ signal }) => api<IncidentDuplicates>(`/incidents/${id}/duplicates`, { signal }),
    enabled: enabled && !!id,
  });
}

export const useMergeIncident = (id: string) => useIncidentAction<z.input<typeof mergeIncidentInput>>(id, 'merge');
