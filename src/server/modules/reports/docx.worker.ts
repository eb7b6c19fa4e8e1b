import { parentPort } from 'node:worker_threads';
import { buildOfficialDocx, type OfficialDocument } from './official-document.ts';

/** Builds one DOCX per message off the main thread (a big review report is seconds of CPU). */
parentPort?.on('message', (msg: { id: number; doc: OfficialDocument }) => {
  buildOfficialDocx(msg.doc).then(
    (bytes) => parentPort?.postMessage({ id: msg.id, bytes }),
    (e: unknown) => parentPort?.postMessage({ id: msg.id, error: e instanceof Error ? { message: e.message, code: (e as { code?: string }).code, params: (e as { params?: unknown }).params } : { message: String(e) } }),
  );
});
