import type pg from 'pg';
import PgBoss from 'pg-boss';
// eslint-disable-next-line no-restricted-imports -- pg-boss runs its SQL inside the caller's Kysely transaction (ADR 007)
import { CompiledQuery } from 'kysely';
import type { Tx } from '../db/schema.ts';

/**
 * pg-boss on the application's own connection (docs/decisions/007-jobs.md).
 *
 * pg-boss 10 never opens a pool of its own when it is given `db: { executeSql }`, and it polls
 * instead of holding a LISTEN connection, so it runs on the embedded database's single connection
 * exactly as on a PostgreSQL server. This file holds no module imports: use cases import
 * `enqueue` from here, and `queue.ts` (which imports the job handlers) starts and stops the boss.
 */

/** Queue names. A job is only accepted by a queue that exists (queue.ts creates them at start). */
export const QUEUES = {
  reminders: 'tasks.reminders',
  email: 'email.send',
  reports: 'reports.generate',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

type Rows = { rows: unknown[] };

/**
 * Runs pg-boss's statements on the app's pool (one connection on PGlite, the server pool on
 * PostgreSQL). Tracks statements in flight so `stop` can wait for them before the database
 * closes, and refuses new ones afterwards (a late poll gets no rows instead of an error).
 */
export class PoolAdapter implements PgBoss.Db {
  #inFlight = 0;
  #closed = false;

  constructor(private readonly pool: pg.Pool) {}

  get inFlight(): number {
    return this.#inFlight;
  }

  close(): void {
    this.#closed = true;
  }

  async executeSql(text: string, values?: unknown[]): Promise<Rows> {
    if (this.#closed) return { rows: [] };
    this.#inFlight++;
    try {
      if (values && values.length > 0) return await this.pool.query(text, values);
      // Statements without parameters may be pg-boss's multi-statement scripts that open their
      // own BEGIN … COMMIT (schema creation, maintenance). Should one fail half-way, the session
      // would stay in an aborted transaction, and on the embedded database that is THE session
      // of the whole app: roll back on the same connection before giving it back.
      const client = await this.pool.connect();
      try {
        return await client.query(text);
      } catch (err) {
        await client.query('rollback').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    } finally {
      this.#inFlight--;
    }
  }
}

/** Runs pg-boss's statements inside a Kysely transaction: the job commits or rolls back with it. */
export function transactionAdapter(trx: Tx): PgBoss.Db {
  return {
    async executeSql(text: string, values?: unknown[]): Promise<Rows> {
      const r = await trx.executeQuery(CompiledQuery.raw(text, values ?? []));
      return { rows: r.rows as unknown[] };
    },
  };
}

/** What the running process offers to use cases that enqueue jobs. */
interface Registered {
  boss: PgBoss;
  /** SMTP is configured: notifications also enqueue an e-mail job. */
  emailEnabled: boolean;
}

let registered: Registered | null = null;

/** Called by queue.ts once the pg-boss schema and queues exist (and with null when stopping). */
export function registerJobs(r: Registered | null): void {
  registered = r;
}

/** Whether notifications should enqueue e-mails in this process. */
export function emailDeliveryEnabled(): boolean {
  return registered?.emailEnabled === true;
}

/** Whether jobs can be enqueued in this process (the queue store is installed). */
export function jobsAvailable(): boolean {
  return registered !== null;
}

/**
 * Enqueue jobs in the caller's transaction: they exist only if it commits. Returns the number
 * enqueued; 0 when the jobs are not set up in this process (nothing is written then).
 */
export async function enqueue(trx: Tx, name: QueueName, items: object[], options: Omit<PgBoss.JobInsert, 'name' | 'data'> = {}): Promise<number> {
  if (!registered || items.length === 0) return 0;
  await registered.boss.insert(
    items.map((data) => ({ ...options, name, data })),
    { db: transactionAdapter(trx) },
  );
  return items.length;
}
