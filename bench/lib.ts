/**
 * Helpers shared by the benchmark sections (run.ts, tasks.ts, reference-finder.ts): latency
 * statistics, timing, and the per-operation watchdog.
 */

export const note = (msg: string): void => void process.stderr.write(`[bench] ${msg}\n`);

export interface Stats {
  count: number;
  p50: number;
  p95: number;
  max: number;
  mean: number;
}

export const r2 = (x: number): number => Math.round(x * 100) / 100;

/** Nearest-rank percentiles, in milliseconds. */
export function stats(samples: number[]): Stats {
  if (samples.length === 0) return { count: 0, p50: 0, p95: 0, max: 0, mean: 0 };
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number): number => s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
  return { count: s.length, p50: r2(at(50)), p95: r2(at(95)), max: r2(s[s.length - 1]!), mean: r2(s.reduce((a, b) => a + b, 0) / s.length) };
}

export async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t = performance.now();
  const v = await fn();
  return [performance.now() - t, v];
}

/** Fail loudly instead of hanging when one operation never completes (e.g. a database deadlock). */
export async function within<T>(ms: number, label: string, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${label}: no answer within ${ms / 1000} s`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}
