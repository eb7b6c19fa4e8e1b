import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { challengeSchema, PublicCommune, TipIntakeInput, TipPublicStatus, tipReceiptSchema } from '../../../contracts/tips.ts';
import { api } from '../../lib/api.ts';

/**
 * The public tip endpoints only (no login, no session): these pages never call /api/me or any
 * authenticated route. `quiet401` keeps an unexpected 401 from touching the signed-in state.
 */

export type Challenge = z.infer<typeof challengeSchema>;
export type TipReceipt = z.infer<typeof tipReceiptSchema>;
export type TipCredentials = { trackingCode: string; secret: string };

export function usePublicCommunes() {
  return useQuery({
    queryKey: ['public', 'communes'],
    queryFn: ({ signal }) => api<{ items: PublicCommune[] }>('/public/communes', { signal, quiet401: true }),
    staleTime: Infinity,
  });
}

export const fetchChallenge = (signal?: AbortSignal) => api<Challenge>('/public/challenge', { signal, quiet401: true });

export const sendTip = (body: TipIntakeInput, signal?: AbortSignal) => api<TipReceipt>('/public/tips', { method: 'POST', body, signal, quiet401: true });

export const fetchTipStatus = (creds: TipCredentials) => api<TipPublicStatus>('/public/tips/status', { method: 'POST', body: creds, quiet401: true });

export const answerQuestion = (input: TipCredentials & { questionId: string; answer: string }) =>
  api<TipPublicStatus>('/public/tips/answer', { method: 'POST', body: input, quiet401: true });
