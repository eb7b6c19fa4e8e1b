import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  AwardHistory,
  AwardKind,
  AwardRule,
  createNominationInput,
  Decision,
  issueDecisionInput,
  Nomination,
  NominationListItem,
  NominationState,
  Prefill,
  prefillInput,
  recordReviewInput,
} from '../../../contracts/awards.ts';
import { api, apiDownload } from '../../lib/api.ts';

export const NOMINATION_PAGE_SIZE = 25;

export interface NominationFilters {
  state: NominationState | '';
  kind: AwardKind | '';
  q: string;
}

export const awardKeys = {
  all: ['awards'] as const,
  kinds: ['awards', 'kinds'] as const,
  list: (f: NominationFilters, offset: number) => ['awards', 'list', f, offset] as const,
  one: (id: string) => ['awards', 'nomination', id] as const,
  decision: (id: string) => ['awards', 'decision', id] as const,
  history: (who: { personId?: string; unitId?: string }) => ['awards', 'history', who] as const,
};

interface Page<T> {
  total: number;
  limit: number;
  offset: number;
  items: T[];
}

export function useAwardKinds() {
  return useQuery({ queryKey: awardKeys.kinds, queryFn: ({ signal }) => api<{ items: AwardRule[]; quorum: string }>('/awards/kinds', { signal }), staleTime: Infinity });
}

export function useNominations(f: NominationFilters, offset: number) {
  return useQuery({
    queryKey: awardKeys.list(f, offset),
    queryFn: ({ signal }) => api<Page<NominationListItem>>('/awards/nominations', { query: { state: f.state, kind: f.kind, q: f.q, limit: NOMINATION_PAGE_SIZE, offset }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useNomination(id: string) {
  return useQuery({ queryKey: awardKeys.one(id), queryFn: ({ signal }) => api<Nomination>(`/awards/nominations/${id}`, { signal }), enabled: !!id });
}

export function useDecision(id: string | null) {
  return useQuery({ queryKey: awardKeys.decision(id ?? ''), queryFn: ({ signal }) => api<Decision>(`/awards/decisions/${id}`, { signal }), enabled: !!id });
}

export function useAwardHistory(who: { personId?: string; unitId?: string }) {
  return useQuery({
    queryKey: awardKeys.history(who),
    queryFn: ({ signal }) => api<AwardHistory>('/awards/history', { query: { personId: who.personId, unitId: who.unitId }, signal }),
    enabled: !!(who.personId || who.unitId),
  });
}

export function usePrefill() {
  return useMutation({ mutationFn: (input: z.input<typeof prefillInput>) => api<Prefill>('/awards/prefill', { method: 'POST', body: input }) });
}

export function useCreateNomination() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: z.input<typeof createNominationInput>) => api<Nomination>('/awards/nominations', { method: 'POST', body: input }),
    onSettled: () => void qc.invalidateQueries({ queryKey: awardKeys.all }),
  });
}

export function useRecordReview(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: z.input<typeof recordReviewInput>) => api<Nomination>(`/awards/nominations/${id}/review`, { method: 'POST', body: input }),
    onSuccess: (n) => qc.setQueryData(awardKeys.one(id), n),
    onSettled: () => void qc.invalidateQueries({ queryKey: awardKeys.all }),
  });
}

export function useIssueDecision() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: z.input<typeof issueDecisionInput>) => api<Decision>('/awards/decisions', { method: 'POST', body: input }),
    onSettled: () => void qc.invalidateQueries({ queryKey: awardKeys.all }),
  });
}

export const downloadDecision = (d: { id: string; symbol: string }) => apiDownload(`/awards/decisions/${d.id}/decision.docx`, undefined, `quyet-dinh-${d.symbol.replace(/\W+/g, '-')}.docx`);
export const downloadCertificate = (grantId: string) => apiDownload(`/awards/grants/${grantId}/certificate.docx`, undefined, 'giay-chung-nhan.docx');

export function usePeopleSearch(q: string) {
  return useQuery({
    queryKey: ['awards', 'people', q],
    queryFn: ({ signal }) => api<Page<{ id: string; fullName: string; rank: string | null; unitName: string; positions: { title: string }[] }>>('/people', { query: { q: q || undefined, limit: 50 }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useUnitSearch(q: string) {
  return useQuery({
    queryKey: ['awards', 'units', q],
    queryFn: ({ signal }) => api<Page<{ id: string; name: string; code: string }>>('/units', { query: { q: q || undefined, limit: 50 }, signal }),
    placeholderData: keepPreviousData,
    enabled: q.trim().length >= 2,
  });
}
