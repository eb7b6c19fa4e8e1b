/**
 * Helpers shared by the benchmark sections (run.ts, tasks.ts, tips.ts, live.ts, situations.ts,
 * reference-finder.ts): latency statistics, timing, the per-operation watchdog, a bounded pool of
 * jobs, product-vs-SQL pairs, client addresses and free ports.
 */
import net from 'node:net';

export const note = (msg: string): void => void process.stderr.write(`[bench] ${msg}\n`);

export interface Stats {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export const r2 = (x: number): number => Math.round(x * 100) / 100;

/** Nearest-rank percentiles, in milliseconds. */
export function stats(samples: number[]): Stats {
  if (samples.length === 0) return { count: 0, p50: 0, p95: 0, p99: 0, max: 0, mean: 0 };
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number): number => s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
  return { count: s.length, p50: r2(at(50)), p95: r2(at(95)), p99: r2(at(99)), max: r2(s[s.length - 1]!), mean: r2(s.reduce((a, b) => a + b, 0) / s.length) };
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

/** Run `total` jobs with at most `inFlight` at a time; returns per-job latencies and wall time. */
export async function pool(total: number, inFlight: number, job: (i: number) => Promise<void>): Promise<{ latencies: number[]; wallMs: number }> {
  const latencies: number[] = [];
  let next = 0;
  const t0 = performance.now();
  const worker = async () => {
    while (next < total) {
      const i = next++;
      const [ms] = await timed(() => within(60_000, `job ${i}`, job(i)));
      latencies.push(ms);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(inFlight, total)) }, worker));
  return { latencies, wallMs: performance.now() - t0 };
}

export const perSecond = (n: number, ms: number): number => (ms > 0 ? r2((n * 1000) / ms) : 0);

/**
 * A distinct client address for request `i` (`app.inject({ remoteAddress })`), so per-address rate
 * limits (login 20/min, public tip routes 5–30/min) do not refuse a benchmark's requests. Each
 * section uses its own first octet: 10 login, search and tasks, 172 tips, 192 live.
 */
export const clientAddress = (first: number, i: number): string => `${first}.${(i >> 16) & 255}.${(i >> 8) & 255}.${(i & 255) || 1}`;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/** One product-vs-SQL measurement: timings of both, whether they agreed, and what they answered. */
export interface PairCase {
  what: string;
  httpMs: Stats;
  sqlMs: Stats;
  p50Ratio: number | null;
  answer: Record<string, unknown>;
  match: boolean;
}

/**
 * Warm-up + check once, then `rounds` alternating timed runs of the product and of the SQL. A
 * disagreement is pushed to `errors` (the run then exits 1). `httpMs` is the product's time,
 * whether it went through a route (`app.inject`) or a use-case function.
 */
export async function measurePair<P, S>(
  name: string,
  rounds: number,
  product: () => Promise<P>,
  hand: () => Promise<S>,
  check: (p: P, s: S) => { match: boolean; answer: Record<string, unknown> },
  errors: string[],
): Promise<PairCase> {
  const [p0ms, p0] = await timed(product);
  const [s0ms, s0] = await timed(hand);
  const { match, answer } = check(p0, s0);
  if (!match) {
    errors.push(`${name}: the product and the hand-written SQL disagree: ${JSON.stringify(answer).slice(0, 600)}`);
    note(`ERROR ${name}: mismatch ${JSON.stringify(answer).slice(0, 300)}`);
  }
  note(`${name}: first run product ${Math.round(p0ms)} ms, sql ${Math.round(s0ms)} ms`);
  const h: number[] = [];
  const s: number[] = [];
  for (let i = 0; i < rounds; i++) {
    h.push((await timed(product))[0]);
    s.push((await timed(hand))[0]);
  }
  const hs = stats(h);
  const ss = stats(s);
  note(`${name}: product p50 ${hs.p50} / p95 ${hs.p95} / max ${hs.max} ms; sql p50 ${ss.p50} / p95 ${ss.p95} / max ${ss.max} ms`);
  return { what: '', httpMs: hs, sqlMs: ss, p50Ratio: ss.p50 > 0 ? r2(hs.p50 / ss.p50) : null, answer, match };
}

export const sameList = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);
