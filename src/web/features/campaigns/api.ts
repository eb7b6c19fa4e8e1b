import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Campaign,
  CampaignPrefill,
  CampaignResult,
  CampaignRollup,
  CreateCampaignInput,
  MovementLists,
  MovementSummary,
  ReportResultInput,
} from '../../../contracts/campaigns.ts';
import type { Incident } from '../../../contracts/incidents.ts';
import { api, type Page } from '../../lib/api.ts';

export type CampaignPage = Page<Campaign> & { canCreate: boolean };
export interface CampaignTemplate {
  id: string;
  code: string;
  name: string;
  description: string | null;
  lastCampaign: { id: string; name: string; fromOn: string; toOn: string } | null;
}

export const useCampaigns = (offset: number) =>
  useQuery({ queryKey: ['campaigns', 'list', offset], queryFn: ({ signal }) => api<CampaignPage>('/campaigns', { query: { limit: 25, offset }, signal }), placeholderData: keepPreviousData });
export const useCampaign = (id: string) => useQuery({ queryKey: ['campaigns', id], queryFn: ({ signal }) => api<Campaign>(`/campaigns/${id}`, { signal }) });
export const useRollup = (id: string, base: 'aligned' | 'calendar', rankBy: string) =>
  useQuery({ queryKey: ['campaigns', id, 'rollup', base, rankBy], queryFn: ({ signal }) => api<CampaignRollup>(`/campaigns/${id}/rollup`, { query: { base, rankBy }, signal }), placeholderData: keepPreviousData });
export const useResults = (id: string) =>
  useQuery({ queryKey: ['campaigns', id, 'results'], queryFn: ({ signal }) => api<Page<CampaignResult>>(`/campaigns/${id}/results`, { query: { limit: 50 }, signal }) });
export const useTemplates = () => useQuery({ queryKey: ['campaign-templates'], queryFn: ({ signal }) => api<{ items: CampaignTemplate[] }>('/campaign-templates', { signal }) });
export const fetchPrefill = (templateId: string) => api<CampaignPrefill>(`/campaign-templates/${templateId}/prefill`);

function useInvalidate() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: ['campaigns'] });
}
export function useCreateCampaign() {
  const inv = useInvalidate();
  return useMutation({ mutationFn: (input: CreateCampaignInput) => api<Campaign>('/campaigns', { method: 'POST', body: input }), onSuccess: inv });
}
export function useTransition(id: string) {
  const inv = useInvalidate();
  return useMutation({
    mutationFn: (x: { action: 'start' | 'close'; version: number; summary?: string }) =>
      api<Campaign>(`/campaigns/${id}/${x.action}`, { method: 'POST', body: x.action === 'close' ? { version: x.version, summary: x.summary } : { version: x.version } }),
    onSuccess: inv,
  });
}
export function useReportResult(id: string) {
  const inv = useInvalidate();
  return useMutation({ mutationFn: (input: ReportResultInput) => api<CampaignResult>(`/campaigns/${id}/results`, { method: 'POST', body: input }), onSuccess: inv });
}

/** Situations of a commune over some days (evidence picker). */
export const useCommuneIncidents = (communeCode: string | null, from: string, to: string) =>
  useQuery({
    queryKey: ['campaign-evidence', 'incidents', communeCode, from, to],
    queryFn: ({ signal }) => api<Page<Incident>>('/incidents', { query: { communeCode, from, to, limit: 100 }, signal }),
    enabled: !!communeCode && !!from,
  });
/** Tips received from a commune over some days (evidence picker). */
export const useCommuneTips = (communeCode: string | null, from: string, to: string) =>
  useQuery({
    queryKey: ['campaign-evidence', 'tips', communeCode, from, to],
    queryFn: ({ signal }) => api<Page<{ id: string; trackingCode: string; what?: string }>>('/tips', { query: { communeCode, receivedFrom: from, receivedTo: to, limit: 100 }, signal }),
    enabled: !!communeCode && !!from,
  });

export const useMovementSummary = (from: string, to: string) =>
  useQuery({ queryKey: ['movement', 'summary', from, to], queryFn: ({ signal }) => api<MovementSummary>('/movement/summary', { query: { from, to }, signal }), enabled: !!from && !!to && from <= to });
export const useMovementRecords = (from: string, to: string, communeCode: string | null) =>
  useQuery({
    queryKey: ['movement', 'records', from, to, communeCode],
    queryFn: ({ signal }) => api<MovementLists>('/movement/records', { query: { from, to, communeCode }, signal }),
    enabled: !!communeCode && !!from && !!to && from <= to,
  });
export function useRecordSession() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { communeCode: string; heldOn: string; topic: string; audience: number }) => api<{ id: string }>('/movement/sessions', { method: 'POST', body: input }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['movement'] }),
  });
}
