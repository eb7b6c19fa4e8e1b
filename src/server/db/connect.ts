import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.ts';
import { acquireDataDirLock } from './lock.ts';

// date columns stay 'YYYY-MM-DD' strings (a `…On` field is a calendar date, not an instant);
// int8 (counts, sequence numbers) become numbers: our counts stay far below 2^53.
pg.types.setTypeParser(1082, (v) => v);
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));
pg.types.setTypeParser(1700, (v) => Number.parseFloat(v));

export type Backend = 'pglite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  backend: Backend;
  /** Human-readable location (data directory or server without password). */
  location: string;
  /** A raw pool for LISTEN/NOTIFY and tools; never use it inside a transaction. */
  pool: pg.Pool;
  /** For the embedded database: a consistent gzip tarball of the data directory. */
  dumpDataDir?: () => Promise<Buffer>;
  close(): Promise<void>;
}

export class DatabaseUnavailableError extends Error {}

export interface OpenOptions {
  databaseUrl?: string | undefined;
  dataDir?: string;
  poolSize?: number;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, opts.poolSize ?? 10);
  if (!opts.dataDir) throw new Error('dataDir or databaseUrl is required');
  return openPglite(opts.dataDir, opts.poolSize ?? 4);
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(invalid url)';
  }
}

async function openPostgres(url: string, max: number): Promise<Database> {
  // JIT off for the app's connections: its queries are short and interactive, and JIT compiling
  // cost ~750 ms of a 1.4 s inbox query at 500k tasks (bench/README.md). Reports can turn it on.
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 10_000, options: '-c jit=off' });
  pool.on('error', () => {
    /* idle client errors are reported by the next query */
  });
  try {
    const c = await pool.connect();
    try {
      // `show` names its column after the setting; select it under a known name.
      const r = await c.query<{ v: string }>(`select current_setting('server_version_num') as v`);
      const v = Number(r.rows[0]?.v ?? 0);
      if (v < 150000) throw new DatabaseUnavailableError(`PostgreSQL 15 or newer is required (server is ${v}).`);
    } finally {
      c.release();
    }
  } catch (err) {
    await pool.end().catch(() => undefined);
    if (err instanceof DatabaseUnavailableError) throw err;
    const e = err as NodeJS.ErrnoException & { code?: string };
    throw new DatabaseUnavailableError(
      `Cannot connect to PostgreSQL at ${redact(url)}: ${e.message || e.code || String(err)}`,
    );
  }
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    backend: 'postgres',
    location: redact(url),
    pool,
    async close() {
      await db.destroy();
    },
  };
}

async function openPglite(dataDir: string, max: number): Promise<Database> {
  const release = acquireDataDirLock(dataDir);
  const pgDir = path.join(dataDir, 'pg');
  // The Unix socket lives in a private temporary directory (0700): no TCP port is opened.
  const sockDir = fs.mkdtempSync(path.join(os.tmpdir(), 'phoihop-'));
  const port = 5432;
  const socketPath = path.join(sockDir, `.s.PGSQL.${port}`);
  const worker = new Worker(new URL('./pglite-worker.mjs', import.meta.url), {
    workerData: { dataDir: pgDir, socketPath, maxConnections: max + 2 },
    execArgv: [],
  });
  try {
    await new Promise<void>((resolve, reject) => {
      const onMsg = (m: { type: string; message?: string }) => {
        if (m.type === 'ready') {
          worker.off('message', onMsg);
          resolve();
        } else if (m.type === 'error') {
          worker.off('message', onMsg);
          reject(new DatabaseUnavailableError(`The embedded database in ${pgDir} could not start: ${m.message}`));
        }
      };
      worker.on('message', onMsg);
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new DatabaseUnavailableError(`The embedded database stopped (exit ${code}).`)));
    });
  } catch (err) {
    await worker.terminate().catch(() => undefined);
    fs.rmSync(sockDir, { recursive: true, force: true });
    release();
    throw err;
  }
  // ONE connection to the embedded database, whatever `max` says. PGlite is a single session and
  // pglite-socket feeds the protocol messages of all its connections into it one message at a
  // time: outside a transaction, the Parse/Bind/Execute/Sync sequences of two connections
  // interleave, so a query runs another connection's statement or fails with 'portal "" does not
  // exist' (seen with five concurrent sign-ins). With one connection node-postgres queues the
  // queries itself; the worker thread still keeps the event loop free. `max` only sizes the
  // socket server's connection limit.
  const pool = new pg.Pool({ host: sockDir, port, user: 'postgres', database: 'postgres', max: 1 });
  pool.on('error', () => undefined);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  let closed = false;
  return {
    db,
    backend: 'pglite',
    location: dataDir,
    pool,
    dumpDataDir: () =>
      new Promise<Buffer>((resolve, reject) => {
        const onMsg = (m: { type: string; data?: Uint8Array; message?: string }) => {
          if (m.type === 'dumped') {
            worker.off('message', onMsg);
            resolve(Buffer.from(m.data!));
          } else if (m.type === 'error') {
            worker.off('message', onMsg);
            reject(new Error(m.message));
          }
        };
        worker.on('message', onMsg);
        worker.postMessage({ type: 'dump' });
      }),
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy().catch(() => undefined);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, 10_000);
        worker.on('message', (m: { type: string }) => {
          if (m.type === 'closed') {
            clearTimeout(t);
            resolve();
          }
        });
        worker.postMessage({ type: 'close' });
      });
      worker.removeAllListeners('exit');
      await worker.terminate().catch(() => undefined);
      fs.rmSync(sockDir, { recursive: true, force: true });
      release();
    },
  };
}
