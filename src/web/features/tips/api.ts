import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  askQuestionInput,
  classifyTipInput,
  extendTipInput,
  linkTipIncidentInput,
  recordReceiptInput,
  restoreTipInput,
  suspendTipInput,
  Tip,
  TipDeadlineFilter,
  TipPage,
  TipRelatedIncidents,
  TipReporter,
  TipState,
  tipOutcomeInput,
  transferTipInput,
} from '../../../contracts/tips.ts';
import { api } from '../../lib/api.ts';

export const TIP_PAGE_SIZE = 25;

export type TipListItem = TipPage['items'][number];

/** Filters of the tip list, as kept in the address bar. */
export interface TipFilters {
  state: TipState | '';
  communeCode: string;
  /** Day of receipt (YYYY-MM-DD, Asia/Ho_Chi_Minh), on or after / on or before. */
  receivedFrom: string;
  receivedTo: string;
  /** The legal clock: overdue now, or the art. 147 decision within / after the deadline. */
  deadline: TipDeadlineFilter | '';
}

export const EMPTY_TIP_FILTERS: TipFilters = { state: '', communeCode: '', receivedFrom: '', receivedTo: '', deadline: '' };

export const tipKeys = {
  all: ['tips'] as const,
  list: (f: TipFilters, offset: number) => ['tips', 'list', f, offset] as const,
  one: (id: string) => ['tips', 'one', id] as const,
  related: (id: string) => ['tips', 'related-incidents', id] as const,
};

export function useTipList(filters: TipFilters, offset: number) {
  return useQuery({
    queryKey: tipKeys.list(filters, offset),
    queryFn: ({ signal }) => api<TipPage>('/tips', { query: { ...filters, limit: TIP_PAGE_SIZE, offset }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useTip(id: string) {
  return useQuery({ queryKey: tipKeys.one(id), queryFn: ({ signal }) => api<Tip>(`/tips/${id}`, { signal }), enabled: !!id });
}

/** Where a file sent with the tip downloads (attachment, checked by the server against the tip's visibility). */
export const tipFileUrl = (tipId: string, fileId: string) => `/api/tips/${tipId}/files/${fileId}`;

/**
 * The sender's identity. Every read is written to the audit trail by the server, so it is read
 * only on an explicit request and never again by itself: its own key outside ['tips'] (no list or
 * action invalidation reaches it), no retry, no refetch, and gcTime 0 so it is forgotten as soon as
 * the component showing it unmounts.
 */
export function useTipReporter(id: string) {
  return useQuery({
    queryKey: ['tip-reporter', id],
    queryFn: ({ signal }) => api<TipReporter>(`/tips/${id}/reporter`, { signal }),
    gcTime: 0,
    staleTime: Infinity,
    retry: false,
    refetchOnMount: false,
    refetchOnReconnect: false,
    refetchOnWindowFocus: false,
    refetchInterval: false,
  });
}

type In<S extends z.ZodType> = z.output<S>;

/** Every action answers the tip; the tip and the list are reloaded (clock, events). */
function useTipAction<I>(id: string, path: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: I) => api<Tip>(`/tips/${id}/${path}`, { method: 'POST', body: input }),
    onSuccess: (tip) => qc.setQueryData(tipKeys.one(id), tip),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: tipKeys.all });
      void qc.invalidateQueries({ queryKey: ['notifications'] });
    },
  });
}

export const useRecordReceipt = (id: string) => useTipAction<In<typeof recordReceiptInput>>(id, 'receipt');
export const useClassifyTip = (id: string) => useTipAction<In<typeof classifyTipInput>>(id, 'classification');
export const useTransferTip = (id: string) => useTipAction<In<typeof transferTipInput>>(id, 'transfer');
export const useExtendTip = (id: string) => useTipAction<In<typeof extendTipInput>>(id, 'extensions');
export const useSuspendTip = (id: string) => useTipAction<In<typeof suspendTipInput>>(id, 'suspension');
export const useRestoreTip = (id: string) => useTipAction<In<typeof restoreTipInput>>(id, 'restoration');
export const useDecideTip = (id: string) => useTipAction<In<typeof tipOutcomeInput>>(id, 'outcome');
export const useAskSender = (id: string) => useTipAction<In<typeof askQuestionInput>>(id, 'questions');
export const useNotifySender = (id: string) => useTipAction<Record<string, never>>(id, 'sender-notified');

/** Mark the tip's commune remote (48 h to transfer) or not; administrators only; applies to new tips. */
export function useSetCommuneRemote() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ communeCode, remote }: { communeCode: string; remote: boolean }) =>
      api<{ communeCode: string; remote: boolean }>(`/tips/communes/${communeCode}/remote`, { method: 'PUT', body: { remote } }),
    onSettled: () => void qc.invalidateQueries({ queryKey: tipKeys.all }),
  });
}

/** Situations the tip may belong to (same commune, close in time), asked only when it may be linked. */
export function useRelatedIncidents(id: string, enabled: boolean) {
  return useQuery({
    queryKey: tipKeys.related(id),
    queryFn: ({ signal }) => api<TipRelatedIncidents>(`/tips/${id}/related-incidents`, { signal }),
    enabled,
  });
}

/** Join an existing situation or open a new one from the tip; the situations' lists change too. */
export function useLinkIncident(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: z.input<typeof linkTipIncidentInput>) => api<Tip>(`/tips/${id}/incident`, { method: 'POST', body: input }),
    onSuccess: (tip) => qc.setQueryData(tipKeys.one(id), tip),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: tipKeys.all });
      void qc.invalidateQueries({ queryKey: ['incidents'] });
    },
  });
}
