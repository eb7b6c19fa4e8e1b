import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Conference,
  ConferenceDraft,
  ConferenceKind,
  ConferenceListItem,
  ConfirmConferenceInput,
  SetConferenceItemsInput,
  UpdateConferenceInput,
} from '../../../contracts/conferences.ts';
import type { Task } from '../../../contracts/tasks.ts';
import { api, type Page } from '../../lib/api.ts';

export const CONFERENCE_PAGE_SIZE = 25;

export function useConferenceList(f: { q: string; kind: ConferenceKind | '' }, offset: number) {
  return useQuery({
    queryKey: ['conferences', 'list', f, offset],
    queryFn: ({ signal }) => api<Page<ConferenceListItem>>('/conferences', { query: { q: f.q, kind: f.kind, limit: CONFERENCE_PAGE_SIZE, offset }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useConference(id: string | null | undefined) {
  return useQuery({
    queryKey: ['conferences', 'one', id],
    queryFn: ({ signal }) => api<Conference>(`/conferences/${id}`, { signal }),
    enabled: !!id,
  });
}

/** Tasks created from the conference's conclusion items (grouped by item on the page). */
export function useConferenceTasks(id: string | null | undefined) {
  return useQuery({
    queryKey: ['tasks', 'list', 'conference', id],
    queryFn: ({ signal }) => api<Page<Task>>('/tasks', { query: { conferenceId: id, limit: 200 }, signal }),
    enabled: !!id,
  });
}

export function useConferenceDraft() {
  return useMutation({
    mutationFn: (text: string) => api<ConferenceDraft>('/conferences/import/draft', { method: 'POST', body: { text } }),
  });
}

export function useConfirmConference() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: ConfirmConferenceInput) => api<Conference>('/conferences/import/confirm', { method: 'POST', body: input }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['conferences'] });
      void qc.invalidateQueries({ queryKey: ['documents'] });
    },
  });
}

/** Change the conference's own fields (title, kind, date, place, agenda, minutes), with its version. */
export function useUpdateConference(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateConferenceInput) => api<Conference>(`/conferences/${id}`, { method: 'PATCH', body: input }),
    onSettled: () => void qc.invalidateQueries({ queryKey: ['conferences'] }),
  });
}

/** Replace the numbered conclusions (existing ids kept, so their tasks stay attached). */
export function useSetConferenceItems(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: SetConferenceItemsInput) => api<Conference>(`/conferences/${id}/items`, { method: 'PUT', body: input }),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: ['conferences'] });
      void qc.invalidateQueries({ queryKey: ['tasks'] });
    },
  });
}
