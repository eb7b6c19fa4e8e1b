import { useEffect, useState, useSyncExternalStore } from 'react';
import type { QueryClient } from '@tanstack/react-query';

/**
 * Live changes from the server (GET /api/events, Server-Sent Events; ADR 010). One stream per tab,
 * opened while someone is signed in. An event carries only a record type and id: the browser
 * refetches through the normal API, which applies the access rules. On each event the queries of
 * that kind are marked stale (and refetched when shown); `resync` (the server lost its listener)
 * marks everything stale.
 */
export interface LiveChange {
  type: string;
  id: string;
  at: number;
}

export type LiveStatus = 'connecting' | 'live' | 'reconnecting' | 'off';

/** Query-key roots to refresh for each record type. */
const REFRESH: Record<string, readonly string[]> = {
  task: ['tasks', 'board', 'notifications'],
  incident: ['incidents', 'board', 'notifications', 'statistics'],
  tip: ['tips', 'board', 'notifications'],
};

let source: EventSource | null = null;
let status: LiveStatus = 'off';
const statusListeners = new Set<() => void>();
const changeListeners = new Set<(c: LiveChange) => void>();

function setStatus(s: LiveStatus) {
  if (s === status) return;
  status = s;
  for (const fn of statusListeners) fn();
}

/** Open the stream (idempotent); returns a function that closes it. */
export function startLive(qc: QueryClient): () => void {
  if (source) return () => undefined;
  if (typeof EventSource === 'undefined') return () => undefined;
  setStatus('connecting');
  const es = new EventSource('/api/events', { withCredentials: true });
  source = es;
  let pending = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    timer = null;
    const roots = pending;
    pending = new Set();
    void qc.invalidateQueries({ predicate: (q) => roots.has('*') || roots.has(String(q.queryKey[0])) });
  };
  // Several changes in a burst refresh once.
  const refresh = (roots: readonly string[]) => {
    for (const r of roots) pending.add(r);
    timer ??= setTimeout(flush, 250);
  };
  es.onopen = () => setStatus('live');
  es.onerror = () => setStatus(es.readyState === EventSource.CLOSED ? 'off' : 'reconnecting');
  es.onmessage = (m: MessageEvent<string>) => {
    let data: { type?: unknown; id?: unknown };
    try {
      data = JSON.parse(m.data) as typeof data;
    } catch {
      return;
    }
    if (data.type === 'resync') return refresh(['*']);
    if (typeof data.type !== 'string' || typeof data.id !== 'string') return;
    refresh(REFRESH[data.type] ?? [data.type]);
    const change = { type: data.type, id: data.id, at: Date.now() };
    for (const fn of changeListeners) fn(change);
  };
  return () => {
    if (timer) clearTimeout(timer);
    es.close();
    if (source === es) source = null;
    setStatus('off');
  };
}

export function useLiveStatus(): LiveStatus {
  return useSyncExternalStore(
    (fn) => {
      statusListeners.add(fn);
      return () => statusListeners.delete(fn);
    },
    () => status,
  );
}

/** Ids changed live since the component mounted (newest first), to highlight them. */
export function useLiveChanges(types: readonly string[], max = 50): LiveChange[] {
  const [changes, setChanges] = useState<LiveChange[]>([]);
  const key = types.join(',');
  useEffect(() => {
    const wanted = new Set(key.split(','));
    const fn = (c: LiveChange) => {
      if (wanted.has(c.type)) setChanges((prev) => [c, ...prev.filter((p) => p.id !== c.id)].slice(0, max));
    };
    changeListeners.add(fn);
    return () => {
      changeListeners.delete(fn);
    };
  }, [key, max]);
  return changes;
}
