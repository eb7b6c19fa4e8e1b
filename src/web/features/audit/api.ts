import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { AuditEntry, auditVerifySchema } from '../../../contracts/audit.ts';
import { api, type Page } from '../../lib/api.ts';

export const PAGE_SIZE = 25;

export interface AuditFilters {
  action: string;
  entityType: string;
  from: string;
  to: string;
}

export function useAuditList(f: AuditFilters, offset: number) {
  return useQuery({
    queryKey: ['audit', f, offset],
    queryFn: ({ signal }) => api<Page<AuditEntry>>('/audit', { query: { ...f, limit: PAGE_SIZE, offset }, signal }),
    placeholderData: keepPreviousData,
  });
}

export type AuditVerification = z.infer<typeof auditVerifySchema>;

export function useVerifyChain() {
  return useMutation({ mutationFn: () => api<AuditVerification>('/audit/verify') });
}
