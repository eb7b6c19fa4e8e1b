import { useQuery } from '@tanstack/react-query';
import type { Board } from '../../../contracts/board.ts';
import { api } from '../../lib/api.ts';

export const boardKey = ['board'] as const;

/** The live board; refreshed by live events (lib/live.ts) and, as a safety net, every 2 minutes. */
export function useBoard() {
  return useQuery({ queryKey: boardKey, queryFn: ({ signal }) => api<Board>('/board', { signal }), refetchInterval: 120_000 });
}
