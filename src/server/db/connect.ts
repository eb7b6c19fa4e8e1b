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
  /**
   * Subscribe to a NOTIFY channel (delivered on commit only). One dedicated listener per process,
   * fanned out in memory; resolves once the LISTEN is in place; returns the unsubscribe function.
   * See docs/decisions/010-live-events.md.
   */
  listen(channel: string, handler: NotificationHandler, opts?: ListenOptions): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export type NotificationHandler = (payload: string) => void;
export interface ListenOptions {
  /** Called after the listener reconnected: notifications sent meanwhile were lost. */
  onReconnect?: () => void;
}

interface Subscription {
  handler: NotificationHandler;
  onReconnect?: (() => void) | undefined;
}

/**
 * The in-memory fan-out shared by both backends: handlers per channel, and the LISTEN / UNLISTEN
 * of the backend's dedicated listener when a channel gains its first or loses its last handler.
 */
class Fanout {
  readonly channels = new Map<string, Set<Subscription>>();
  constructor(
    private readonly start: (channel: string) => Promise<void>,
    private readonly stop: (channel: string) => Promise<void>,
  ) {}

  async add(channel: string, handler: NotificationHandler, opts: ListenOptions = {}): Promise<() => Promise<void>> {
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(channel)) throw new Error(`invalid channel name: ${channel}`);
    const sub: Subscription = { handler, onReconnect: opts.onReconnect };
    let set = this.channels.get(channel);
    if (!set) {
      set = new Set();
      this.channels.set(channel, set);
      set.add(sub);
      try {
        await this.start(channel);
      } catch (err) {
        set.delete(sub);
        if (set.size === 0 && this.channels.get(channel) === set) this.channels.delete(channel);
        throw err;
      }
    } else set.add(sub);
    let removed = false;
    return async () => {
      if (removed) return;
      removed = true;
      const s = this.channels.get(channel);
      if (!s) return;
      s.delete(sub);
      if (s.size === 0) {
        this.channels.delete(channel);
        await this.stop(channel).catch(() => undefined);
      }
    };
  }

  dispatch(channel: string, payload: string): void {
    for (const sub of this.channels.get(channel) ?? []) {
      try {
        sub.handler(payload);
      } catch {
        /* a failing handler must not stop the others */
      }
    }
  }

  reconnected(): void {
    for (const set of this.channels.values())
      for (const sub of set) {
        try {
          sub.onReconnect?.();
        } catch {
          /* as above */
        }
      }
  }
}

const quoteIdent = (channel: string): string => `"${channel}"`;

/**
 * PostgreSQL: one dedicated `pg.Client` (outside the pool) that LISTENs; when its connection is
 * lost it reconnects with backoff, LISTENs again to every channel and tells the subscribers
 * (notifications sent while it was away are lost).
 */
function postgresListener(url: string): { fanout: Fanout; close: () => Promise<void> } {
  let client: pg.Client | null = null;
  let connecting: Promise<pg.Client> | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | null = null;
  let delay = 250;

  const connect = async (): Promise<pg.Client> => {
    if (client) return client;
    if (connecting) return connecting;
    connecting = (async () => {
      const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
      c.on('notification', (n) => fanout.dispatch(n.channel, n.payload ?? ''));
      const lost = () => {
        if (client !== c) return;
        client = null;
        c.removeAllListeners('end');
        c.end().catch(() => undefined);
        scheduleReconnect();
      };
      c.on('error', lost);
      c.on('end', lost);
      try {
        await c.connect();
        for (const ch of fanout.channels.keys()) await c.query(`listen ${quoteIdent(ch)}`);
      } catch (err) {
        c.removeAllListeners('end');
        await c.end().catch(() => undefined);
        throw err;
      }
      client = c;
      delay = 250;
      return c;
    })();
    try {
      return await connecting;
    } finally {
      connecting = null;
    }
  };

  const scheduleReconnect = () => {
    if (closed || retry || fanout.channels.size === 0) return;
    retry = setTimeout(() => {
      retry = null;
      connect().then(
        () => fanout.reconnected(),
        () => {
          delay = Math.min(delay * 2, 5_000);
          scheduleReconnect();
        },
      );
    }, delay);
    retry.unref();
  };

  const fanout: Fanout = new Fanout(
    async (channel) => {
      if (closed) throw new Error('database closed');
      const c = await connect();
      await c.query(`listen ${quoteIdent(channel)}`);
    },
    async (channel) => {
      if (client) await client.query(`unlisten ${quoteIdent(channel)}`);
    },
  );
  return {
    fanout,
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      const c = client;
      client = null;
      if (c) {
        c.removeAllListeners('end');
        await c.end().catch(() => undefined);
      }
    },
  };
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
  const listener = postgresListener(url);
  return {
    db,
    backend: 'postgres',
    location: redact(url),
    pool,
    listen: (channel, handler, o) => listener.fanout.add(channel, handler, o),
    async close() {
      await listener.close();
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
  // LISTEN / NOTIFY on the embedded database (docs/decisions/010-live-events.md). PGlite is ONE
  // session: the worker's in-process `db.listen` registers the LISTEN for it, but measured, a
  // notify committed through the socket never reaches that in-process callback (pglite-socket
  // streams the raw protocol output back to the socket): the NotificationResponse goes to the
  // socket connection that committed. All of this process's statements go through the one pooled
  // connection, so every pooled client forwards its notifications into the fan-out. Notifies
  // raised by in-process queries in the worker arrive as 'notification' messages instead.
  pool.on('connect', (client) => client.on('notification', (n) => fanout.dispatch(n.channel, n.payload ?? '')));
  worker.on('message', (m: { type: string; channel?: string; payload?: string }) => {
    if (m.type === 'notification' && m.channel) fanout.dispatch(m.channel, m.payload ?? '');
  });
  let reqSeq = 0;
  const askWorker = (type: 'listen' | 'unlisten', channel: string) =>
    new Promise<void>((resolve, reject) => {
      const reqId = ++reqSeq;
      const onMsg = (m: { type: string; reqId?: number; message?: string }) => {
        if (m.reqId !== reqId) return;
        worker.off('message', onMsg);
        if (m.type === 'listen-failed') reject(new Error(m.message));
        else resolve();
      };
      worker.on('message', onMsg);
      worker.postMessage({ type, channel, reqId });
    });
  const fanout = new Fanout(
    (channel) => {
      if (closed) return Promise.reject(new Error('database closed'));
      return askWorker('listen', channel);
    },
    (channel) => (closed ? Promise.resolve() : askWorker('unlisten', channel)),
  );
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  let closed = false;
  return {
    db,
    backend: 'pglite',
    location: dataDir,
    pool,
    listen: (channel, handler, o) => fanout.add(channel, handler, o),
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
