/** Web Worker: solves the intake's proof of work off the main thread, reporting progress. */
import { POW_BATCH, searchBatch, type PowMessage, type PowRequest } from './pow-core.ts';

const scope = self as unknown as { onmessage: ((e: MessageEvent<PowRequest>) => void) | null; postMessage: (m: PowMessage) => void };

scope.onmessage = (e) => {
  const { token, difficulty } = e.data;
  void (async () => {
    try {
      for (let tried = 0; ; ) {
        const solution = await searchBatch(token, difficulty, tried);
        tried += POW_BATCH;
        if (solution !== null) return scope.postMessage({ type: 'done', solution, tried });
        if (tried % (POW_BATCH * 4) === 0) scope.postMessage({ type: 'progress', tried });
      }
    } catch (err) {
      scope.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) });
    }
  })();
};
