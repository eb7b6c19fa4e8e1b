import type { Db, Tx } from './schema.ts';

/**
 * Run `fn` in a transaction, or inside the caller's transaction when `db` already is one.
 * Rule for the codebase: inside `fn` use only the `trx` argument. Using the root handle there
 * deadlocks the embedded database (one backend) and escapes the transaction on PostgreSQL.
 */
export async function inTransaction<T>(db: Db | Tx, fn: (trx: Tx) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db as Tx);
  return db.transaction().execute(fn);
}
