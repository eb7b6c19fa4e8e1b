import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  ActionStatusInput,
  CorrectiveAction,
  CreateActionInput,
  createReviewInput,
  ReviewCompilation,
  ReviewCycle,
  ReviewFigureKey,
  ReviewRecordList,
  reviewCycleList,
} from '../../../contracts/reviews.ts';
import type { IncidentCategory } from '../../../contracts/incidents.ts';
import type { ReportRun } from '../../../contracts/reports.ts';
import { api } from '../../lib/api.ts';

export const REVIEW_PAGE_SIZE = 25;
export type ReviewListPage = z.infer<typeof reviewCycleList>;

export const reviewKeys = {
  all: ['reviews'] as const,
  list: (offset: number) => ['reviews', 'list', offset] as const,
  one: (id: string) => ['reviews', 'one', id] as const,
  compilation: (id: string) => ['reviews', 'compilation', id] as const,
  records: (id: string, unitId: string, figure: string, category: string, offset: number) => ['reviews', 'records', id, unitId, figure, category, offset] as const,
};

export function useReviewList(offset: number) {
  return useQuery({
    queryKey: reviewKeys.list(offset),
    queryFn: ({ signal }) => api<ReviewListPage>('/reviews', { query: { limit: REVIEW_PAGE_SIZE, offset }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useReview(id: string) {
  return useQuery({ queryKey: reviewKeys.one(id), queryFn: ({ signal }) => api<ReviewCycle>(`/reviews/${id}`, { signal }), enabled: !!id });
}

export function useCompilation(id: string) {
  return useQuery({ queryKey: reviewKeys.compilation(id), queryFn: ({ signal }) => api<ReviewCompilation>(`/reviews/${id}/compilation`, { signal }), enabled: !!id });
}

export const RECORDS_PAGE_SIZE = 50;

export function useFigureRecords(id: string, q: { unitId: string; figure: ReviewFigureKey | ''; category: IncidentCategory | ''; offset: number }) {
  return useQuery({
    queryKey: reviewKeys.records(id, q.unitId, q.figure, q.category, q.offset),
    queryFn: ({ signal }) => api<ReviewRecordList>(`/reviews/${id}/records`, { query: { unitId: q.unitId, figure: q.figure, category: q.category, limit: RECORDS_PAGE_SIZE, offset: q.offset }, signal }),
    enabled: !!id && !!q.figure,
    placeholderData: keepPreviousData,
  });
}

export function useCreateReview() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof createReviewInput>) => api<ReviewCycle>('/reviews', { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: reviewKeys.all }),
  });
}

function useReviewMutation<I, O>(id: string, fn: (input: I) => Promise<O>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: reviewKeys.all }) });
}

export const useSetAgenda = (id: string) => useReviewMutation(id, (unitIds: string[]) => api<ReviewCycle>(`/reviews/${id}/agenda`, { method: 'PUT', body: { unitIds } }));
export const useCloseReview = (id: string) => useReviewMutation(id, () => api<ReviewCycle>(`/reviews/${id}/close`, { method: 'POST' }));
export const useRecordAction = (id: string) => useReviewMutation(id, (body: CreateActionInput) => api<CorrectiveAction>(`/reviews/${id}/actions`, { method: 'POST', body }));
export const useActionStatus = (id: string) =>
  useReviewMutation(id, ({ actionId, ...body }: ActionStatusInput & { actionId: string }) => api<CorrectiveAction>(`/reviews/${id}/actions/${actionId}/status`, { method: 'POST', body }));

/** The review report generated in the background: start a run, then follow it until it ends. */
export function useStartReportRun(id: string) {
  return useMutation({ mutationFn: () => api<ReportRun>(`/reviews/${id}/report-runs`, { method: 'POST', body: {} }) });
}

/** The viewer's latest report run of this review, if any (to pick up a run started before a reload). */
export function useLatestReportRun(id: string) {
  return useQuery({ queryKey: ['report-runs', 'latest', id], queryFn: ({ signal }) => api<{ items: ReportRun[] }>(`/reviews/${id}/report-runs`, { signal }).then((r) => r.items[0] ?? null), enabled: !!id });
}

const finished = (r: ReportRun | undefined) => r?.state === 'done' || r?.state === 'failed';

export function useReportRun(runId: string | null) {
  return useQuery({
    queryKey: ['report-runs', runId],
    queryFn: ({ signal }) => api<ReportRun>(`/report-runs/${runId}`, { signal }),
    enabled: !!runId,
    refetchInterval: (q) => (finished(q.state.data) ? false : 700),
  });
}
