import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreateDocumentInput,
  DocumentDetail,
  DocumentKind,
  DocumentRelation,
  DocumentListItem,
  RelationInput,
  ResolvedReference,
  SetClausesInput,
  UpdateDocumentInput,
} from '../../../contracts/documents.ts';
import { api, type Page } from '../../lib/api.ts';

export const DOCUMENT_PAGE_SIZE = 25;

export interface DocumentFilters {
  q: string;
  kind: DocumentKind | '';
  issuer: string;
  year: string;
}

export function useDocumentList(f: DocumentFilters, offset: number) {
  const query = { q: f.q, kind: f.kind, issuer: f.issuer, year: f.year };
  return useQuery({
    queryKey: ['documents', 'list', query, offset],
    queryFn: ({ signal }) => api<Page<DocumentListItem>>('/documents', { query: { ...query, limit: DOCUMENT_PAGE_SIZE, offset }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useDocument(id: string | null | undefined) {
  return useQuery({
    queryKey: ['documents', 'one', id],
    queryFn: ({ signal }) => api<DocumentDetail>(`/documents/${id}`, { signal }),
    enabled: !!id,
  });
}

export function useCreateDocument() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateDocumentInput) => api<DocumentDetail>('/documents', { method: 'POST', body: input }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['documents'] }),
  });
}

export function useUpdateDocument(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateDocumentInput) => api<DocumentDetail>(`/documents/${id}`, { method: 'PATCH', body: input }),
    onSettled: () => void qc.invalidateQueries({ queryKey: ['documents'] }),
  });
}

export function useSetClauses(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: SetClausesInput) => api<DocumentDetail>(`/documents/${id}/clauses`, { method: 'PUT', body: input }),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: ['documents'] });
      void qc.invalidateQueries({ queryKey: ['tasks', 'coverage', id] });
    },
  });
}

export function useAddRelation(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: RelationInput) => api<DocumentDetail>(`/documents/${id}/relations`, { method: 'POST', body: input }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['documents'] }),
  });
}

export function useRemoveRelation(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { relation: DocumentRelation; toDocumentId: string }) => api<DocumentDetail>(`/documents/${id}/relations/${input.relation}/${input.toDocumentId}`, { method: 'DELETE' }),
    onSettled: () => void qc.invalidateQueries({ queryKey: ['documents'] }),
  });
}

export function useDetachFile(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (fileId: string) => api<DocumentDetail>(`/documents/${id}/files/${fileId}`, { method: 'DELETE' }),
    onSuccess: (d) => qc.setQueryData(['documents', 'one', id], d),
    onSettled: () => void qc.invalidateQueries({ queryKey: ['documents', 'one', id] }),
  });
}

export function useAttachFile(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (fileId: string) => api<DocumentDetail>(`/documents/${id}/files`, { method: 'POST', body: { fileId } }),
    onSuccess: (d) => qc.setQueryData(['documents', 'one', id], d),
  });
}

export const previewClauses = (text: string) => api<{ clauses: { label: string; ref: string; text: string }[] }>('/documents/parse-clauses', { method: 'POST', body: { text } });

export function useFindReferences() {
  return useMutation({
    mutationFn: (text: string) => api<{ references: ResolvedReference[] }>('/documents/references', { method: 'POST', body: { text } }),
  });
}
