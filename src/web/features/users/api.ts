import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateUserInput, UpdateUserInput, User } from '../../../contracts/accounts.ts';
import { api, type Page } from '../../lib/api.ts';

export const PAGE_SIZE = 25;

export function useUserList(q: string, offset: number) {
  return useQuery({
    queryKey: ['users', 'list', q, offset],
    queryFn: ({ signal }) => api<Page<User>>('/users', { query: { q, limit: PAGE_SIZE, offset }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useCreateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateUserInput) => api<User>('/users', { method: 'POST', body: input }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['users'] }),
  });
}

export function useUpdateUser(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateUserInput) => api<User>(`/users/${id}`, { method: 'PATCH', body: input }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['users'] }),
  });
}

export function useResetPassword(id: string) {
  return useMutation({
    mutationFn: (newPassword: string) => api<{ ok: true }>(`/users/${id}/password`, { method: 'POST', body: { newPassword } }),
  });
}
