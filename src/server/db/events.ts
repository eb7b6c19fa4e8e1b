import { sql } from 'kysely';
import { z } from 'zod';
import type { Database } from './connect.ts';
import type { Db, Tx } from './schema.ts';

/**
 * Live change events (docs/decisions/010-live-events.md).
 *
 * A use case calls `publishChange(trx, …)` inside its own transaction: `pg_notify` is queued with
 * the transaction and delivered only when it commits (a rollback sends nothing). The payload
 * carries ids only — the record type, its id and the units (and optionally the commune) that
 * decide who may see it — never the record: browsers refetch it through the normal API, which
 * applies the full access rules.
 */
export const CHANGES_CHANNEL = 'phoihop_changes';

/** NOTIFY refuses payloads of 8000 bytes or more; stay well below. */
export const MAX_PAYLOAD_BYTES = 7000;

export interface Change {
  /** Record type, e.g. 'task', 'incident', 'tip'. */
  type: string;
  id: string;
  /** Units whose scope covers the record (lead, assigning, coordinating, handling…). */
  unitIds: readonly string[];
  /** Commune of the record's place: users assigned that commune see it. */
  communeCode?: string | null;
  /**
   * A record with narrower visibility than its units' scope (e.g. a `secret` task): delivered only
   * to members of the listed units and administrators. It may under-deliver (a leader above the
   * unit refreshes on the next reload) but never leaks.
   */
  restricted?: boolean;
}

const wireSchema = z.object({
  t: z.string().min(1).max(64),
  i: z.string().min(1).max(128),
  u: z.array(z.string()).max(1000),
  c: z.string().max(32).nullable().optional(),
  r: z.boolean().optional(),
});

export type ChangeEvent = Required<Omit<Change, 'communeCode'>> & { communeCode: string | null };

function encode(change: Change): string {
  const unitIds = [...new Set(change.unitIds)];
  const base = { t: change.type, i: change.id, c: change.communeCode ?? null, r: change.restricted === true };
  let json = JSON.stringify({ ...base, u: unitIds });
  // Too many units for one notification: keep those that fit (fewer viewers notified, none leaked).
  while (Buffer.byteLength(json) > MAX_PAYLOAD_BYTES && unitIds.length > 0) {
    unitIds.length = Math.floor(unitIds.length / 2);
    json = JSON.stringify({ ...base, u: unitIds });
  }
  return json;
}

export function decodeChange(payload: string): ChangeEvent | null {
  try {
    const w = wireSchema.parse(JSON.parse(payload));
    return { type: w.t, id: w.i, unitIds: w.u, communeCode: w.c ?? null, restricted: w.r === true };
  } catch {
    return null;
  }
}

/** Queue a change notification in the caller's transaction (sent on commit). */
export async function publishChange(trx: Tx | Db, change: Change): Promise<void> {
  await sql`select pg_notify(${CHANGES_CHANNEL}, ${encode(change)})`.execute(trx);
}

export type ChangeListener = (event: ChangeEvent | { type: 'resync' }) => void;

export interface ChangeFeed {
  /** Receive every committed change (and `resync` after the listener lost its connection). */
  subscribe(fn: ChangeListener): () => void;
  close(): Promise<void>;
}

/** One LISTEN for the process, turned into in-memory events for any number of subscribers. */
export async function openChangeFeed(database: Pick<Database, 'listen'>): Promise<ChangeFeed> {
  const subscribers = new Set<ChangeListener>();
  const emit = (e: ChangeEvent | { type: 'resync' }) => {
    for (const fn of subscribers) {
      try {
        fn(e);
      } catch {
        /* one subscriber's failure must not stop the others */
      }
    }
  };
  const unlisten = await database.listen(
    CHANGES_CHANNEL,
    (payload) => {
      const e = decodeChange(payload);
      if (e) emit(e);
    },
    { onReconnect: () => emit({ type: 'resync' }) },
  );
  return {
    subscribe(fn) {
      subscribers.add(fn);
      return () => subscribers.delete(fn);
    },
    async close() {
      subscribers.clear();
      await unlisten();
    },
  };
}
