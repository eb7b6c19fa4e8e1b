import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MarkAllRead, Notification, NotificationPage } from '../../../contracts/notifications.ts';
import { api } from '../../lib/api.ts';

export const NOTIFICATION_PAGE_SIZE = 20;

export function useUnreadCount() {
  return useQuery({
    queryKey: ['notifications', 'unread'],
    queryFn: ({ signal }) => api<{ unread: number }>('/notifications/unread-count', { signal }),
    refetchInterval: 60_000,
    staleTime: 0,
    // A missing endpoint must not flood the console with retries.
    retry: false,
  });
}

export function useNotifications(unreadOnly: boolean, offset: number, limit = NOTIFICATION_PAGE_SIZE, enabled = true) {
  return useQuery({
    queryKey: ['notifications', 'list', unreadOnly, offset, limit],
    queryFn: ({ signal }) => api<NotificationPage>('/notifications', { query: { unread: unreadOnly ? 'true' : undefined, limit, offset }, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<Notification>(`/notifications/${id}/read`, { method: 'POST' }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['notifications'] }),
  });
}

export function useMarkAllRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<MarkAllRead>('/notifications/read-all', { method: 'POST' }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['notifications'] }),
  });
}
