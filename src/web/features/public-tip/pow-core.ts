/**
 * The browser side of the intake's proof of work (server: src/server/modules/tips/tip-challenge.ts):
 * find a `solution` — a base-36 counter, as `solveChallenge` does — such that
 * sha256(`${token}:${solution}`) starts with `difficulty` zero bits. Shared by the Web Worker and
 * the main-thread fallback.
 */

/** Candidates hashed at once (crypto.subtle.digest is asynchronous: batches keep it busy). */
export const POW_BATCH = 512;

/** Number of leading zero bits of a digest. */
export function leadingZeroBits(b: Uint8Array): number {
  let bits = 0;
  for (const x of b) {
    if (x === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(x) - 24;
  }
  return bits;
}

/** Whether this browser can do the work (crypto.subtle exists only on HTTPS and localhost). */
export const canDigest = (): boolean => typeof crypto !== 'undefined' && typeof crypto.subtle?.digest === 'function';

/** Tries the counters start … start+count−1; the first solution found, or null. */
export async function searchBatch(token: string, difficulty: number, start: number, count = POW_BATCH): Promise<string | null> {
  const encoder = new TextEncoder();
  const candidates = Array.from({ length: count }, (_, k) => (start + k).toString(36));
  const digests = await Promise.all(candidates.map((s) => crypto.subtle.digest('SHA-256', encoder.encode(`${token}:${s}`))));
  for (let k = 0; k < count; k++) if (leadingZeroBits(new Uint8Array(digests[k]!)) >= difficulty) return candidates[k]!;
  return null;
}

/** Messages of the worker. */
export type PowRequest = { token: string; difficulty: number };
export type PowMessage = { type: 'progress'; tried: number } | { type: 'done'; solution: string; tried: number } | { type: 'error'; message: string };
