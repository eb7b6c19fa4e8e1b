import { Worker } from 'node:worker_threads';
import { DomainError } from '../../kernel/errors.ts';
import { validateOfficialDocument, type OfficialDocument } from './official-document.ts';

/**
 * DOCX rendering off the main thread. Writing a document is CPU work in one request (measured on
 * the synthetic review: 3 units ≈ 1.2 s cold, 200 units and 100 actions ≈ 1.7 s, 1,000 units ≈
 * 6 s); on the main thread it would stall every other user's requests. One worker thread, started
 * on first use and kept (unref'd, so it never keeps the process alive); requests queue in it.
 * The model is validated here first, so refusals come back as ordinary DomainErrors.
 */
let worker: Worker | null = null;
let next = 1;
const pending = new Map<number, { resolve: (b: Buffer) => void; reject: (e: unknown) => void }>();

function failAll(e: unknown): void {
  for (const p of pending.values()) p.reject(e);
  pending.clear();
  worker = null;
}

function getWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL('./docx-worker.mjs', import.meta.url));
  w.unref();
  w.on('message', (m: { id: number; bytes?: Uint8Array; error?: { message: string; code?: string; params?: Record<string, unknown> } }) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (pending.size === 0) w.unref();
    if (m.bytes) p.resolve(Buffer.from(m.bytes));
    else if (m.error?.code) p.reject(new DomainError(m.error.code as never, m.error.params ?? {}));
    else p.reject(new Error(m.error?.message ?? 'DOCX worker failed'));
  });
  w.on('error', failAll);
  w.on('exit', (code) => failAll(new Error(`DOCX worker exited (${code})`)));
  worker = w;
  return w;
}

/** The DOCX bytes of a document, built in the worker thread. */
export function renderDocx(doc: OfficialDocument): Promise<Buffer> {
  validateOfficialDocument(doc);
  const w = getWorker();
  const id = next++;
  return new Promise<Buffer>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    // Keep the process alive while a document is being written.
    w.ref();
    w.postMessage({ id, doc });
  });
}
