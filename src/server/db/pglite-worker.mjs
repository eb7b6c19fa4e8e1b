// PGlite runs in this worker thread so that long queries never freeze the HTTP server's event loop
// (measured: a 500 ms aggregate in-process stopped every timer). The main thread talks to it with
// node-postgres over a Unix socket served by pglite-socket. See docs/decisions/002-embedded-database.md.
// Plain JavaScript so it loads the same way under tsx, vitest and plain node.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

const { dataDir, socketPath, maxConnections } = workerData;
let db;
let server;
/** channel → unsubscribe of the in-process `db.listen` (see connect.ts: socket commits are forwarded by the main thread). */
const listeners = new Map();

async function start() {
  db = await PGlite.create({ dataDir, extensions: { pg_trgm } });
  server = new PGLiteSocketServer({ db, path: socketPath, maxConnections });
  await server.start();
  parentPort.postMessage({ type: 'ready' });
}

parentPort.on('message', async (msg) => {
  if (msg?.type === 'close') {
    try {
      await server?.stop();
      await db?.close();
    } finally {
      parentPort.postMessage({ type: 'closed' });
    }
  } else if (msg?.type === 'listen' || msg?.type === 'unlisten') {
    const { channel, reqId } = msg;
    try {
      if (msg.type === 'listen' && !listeners.has(channel)) {
        const unsub = await db.listen(channel, (payload) => parentPort.postMessage({ type: 'notification', channel, payload }));
        listeners.set(channel, unsub);
      } else if (msg.type === 'unlisten' && listeners.has(channel)) {
        const unsub = listeners.get(channel);
        listeners.delete(channel);
        await unsub();
      }
      parentPort.postMessage({ type: 'listened', reqId });
    } catch (err) {
      parentPort.postMessage({ type: 'listen-failed', reqId, message: String(err?.message ?? err) });
    }
  } else if (msg?.type === 'dump') {
    try {
      const blob = await db.dumpDataDir('gzip');
      const buf = Buffer.from(await blob.arrayBuffer());
      parentPort.postMessage({ type: 'dumped', data: buf }, [buf.buffer]);
    } catch (err) {
      parentPort.postMessage({ type: 'error', message: String(err?.message ?? err) });
    }
  }
});

start().catch((err) => parentPort.postMessage({ type: 'error', message: String(err?.stack ?? err) }));
