import { sql } from 'kysely';
import type { Db, Tx } from '../../db/schema.ts';

/** Report runs (table `report_runs`, migration 0013): every statement of the runs. */

type Q = Db | Tx;

export interface RunRow {
  id: string;
  kind: string;
  entityId: string;
  input: Record<string, unknown>;
  issue: boolean;
  requestedBy: string;
  state: string;
  step: string | null;
  errorCode: string | null;
  errorParams: Record<string, unknown> | null;
  filename: string | null;
  numberSymbol: string | null;
  documentId: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

const COLUMNS = [
  'id',
  'kind',
  'entity_id as entityId',
  'input',
  'issue',
  'requested_by as requestedBy',
  'state',
  'step',
  'error_code as errorCode',
  'error_params as errorParams',
  'filename',
  'number_symbol as numberSymbol',
  'document_id as documentId',
  'created_at as createdAt',
  'started_at as startedAt',
  'finished_at as finishedAt',
] as const;

export async function insertRun(trx: Tx, r: { kind: string; entityId: string; input: Record<string, unknown>; issue: boolean; requestedBy: string; now: Date }): Promise<string> {
  const row = await trx
    .insertInto('report_runs')
    .values({ kind: r.kind, entity_id: r.entityId, input: JSON.stringify(r.input), issue: r.issue, requested_by: r.requestedBy, step: 'queued', created_at: r.now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findRun(db: Q, id: string): Promise<RunRow | undefined> {
  return (await db.selectFrom('report_runs').select(COLUMNS).where('id', '=', id).executeTakeFirst()) as RunRow | undefined;
}

/** The requester's latest runs for one record (newest first). */
export async function latestRuns(db: Q, requestedBy: string, entityId: string, limit: number): Promise<RunRow[]> {
  return (await db.selectFrom('report_runs').select(COLUMNS).where('requested_by', '=', requestedBy).where('entity_id', '=', entityId).orderBy('created_at', 'desc').orderBy('id').limit(limit).execute()) as RunRow[];
}

/** Take a queued run: true when this caller moved it to `running` (a duplicate delivery gets false). */
export async function claimRun(trx: Tx, id: string, now: Date): Promise<boolean> {
  const r = await trx.updateTable('report_runs').set({ state: 'running', step: 'tasks', started_at: now }).where('id', '=', id).where('state', '=', 'queued').executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function setStep(db: Q, id: string, step: string): Promise<void> {
  await db.updateTable('report_runs').set({ step }).where('id', '=', id).where('state', '=', 'running').execute();
}

/** Finish a run that is still running; false when it is not (already finished, or marked interrupted). */
export async function finishRun(
  trx: Tx,
  id: string,
  r: { state: 'done'; filename: string; bytes: Buffer; numberSymbol: string | null; documentId: string | null; now: Date } | { state: 'failed'; errorCode: string; errorParams: Record<string, unknown>; now: Date },
): Promise<boolean> {
  const res = await trx
    .updateTable('report_runs')
    .set(
      r.state === 'done'
        ? { state: 'done', step: null, filename: r.filename, bytes: r.bytes, number_symbol: r.numberSymbol, document_id: r.documentId, error_code: null, error_params: null, finished_at: r.now }
        : { state: 'failed', error_code: r.errorCode, error_params: JSON.stringify(r.errorParams), finished_at: r.now },
    )
    .where('id', '=', id)
    .where('state', '=', 'running')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function runFile(db: Q, id: string): Promise<{ filename: string; bytes: Buffer } | undefined> {
  const r = await db.selectFrom('report_runs').select(['filename', 'bytes']).where('id', '=', id).where('state', '=', 'done').executeTakeFirst();
  return r?.filename && r.bytes ? { filename: r.filename, bytes: Buffer.from(r.bytes) } : undefined;
}

/** Runs finished or started before `before` (their drafts are kept a week); returns how many were removed. */
export async function purgeRuns(db: Q, before: Date): Promise<number> {
  const r = await db.deleteFrom('report_runs').where('created_at', '<', before).where(sql<boolean>`state in ('done', 'failed')`).executeTakeFirst();
  return Number(r.numDeletedRows);
}
