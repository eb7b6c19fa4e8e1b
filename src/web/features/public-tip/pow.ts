import { canDigest, POW_BATCH, searchBatch, type PowMessage } from './pow-core.ts';

/** Thrown when the page is not in a secure context (no crypto.subtle): the work cannot be done. */
export class PowUnavailableError extends Error {
  constructor() {
    super('pow_unavailable');
    this.name = 'PowUnavailableError';
  }
}

const yieldToUi = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Main-thread fallback (no Worker): batches with a pause between them so the page stays responsive. */
async function solveHere(token: string, difficulty: number, onProgress: (tried: number) => void, signal?: AbortSignal): Promise<string> {
  for (let tried = 0; ; ) {
    if (signal?.aborted) throw new DOMException('aborted', 'AbortError');
    const solution = await searchBatch(token, difficulty, tried);
    tried += POW_BATCH;
    if (solution !== null) return solution;
    onProgress(tried);
    await yieldToUi();
  }
}

function solveInWorker(token: string, difficulty: number, onProgress: (tried: number) => void, signal?: AbortSignal): Promise<string> | null {
  let worker: Worker;
  try {
    worker = new Worker(new URL('./pow.worker.ts', import.meta.url), { type: 'module' });
  } catch {
    return null;
  }
  return new Promise<string>((resolve, reject) => {
    const stop = () => {
      worker.terminate();
      reject(new DOMException('aborted', 'AbortError'));
    };
    signal?.addEventListener('abort', stop, { once: true });
    const finish = () => {
      signal?.removeEventListener('abort', stop);
      worker.terminate();
    };
    worker.onmessage = (e: MessageEvent<PowMessage>) => {
      const m = e.data;
      if (m.type === 'progress') onProgress(m.tried);
      else if (m.type === 'done') {
        finish();
        resolve(m.solution);
      } else {
        finish();
        reject(new Error(m.message));
      }
    };
    // A worker that cannot start (blocked by a policy, old browser): do the work here instead.
    worker.onerror = (e) => {
      e.preventDefault();
      finish();
      solveHere(token, difficulty, onProgress, signal).then(resolve, reject);
    };
    worker.postMessage({ token, difficulty });
  });
}

/**
 * Solves a challenge of GET /api/public/challenge in the browser: in a Web Worker when possible,
 * otherwise on the main thread in yielding batches. `onProgress` receives the number of tries.
 */
export function solvePow(token: string, difficulty: number, onProgress: (tried: number) => void, signal?: AbortSignal): Promise<string> {
  if (!canDigest()) return Promise.reject(new PowUnavailableError());
  return solveInWorker(token, difficulty, onProgress, signal) ?? solveHere(token, difficulty, onProgress, signal);
}
