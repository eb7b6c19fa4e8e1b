import { sql } from 'kysely';
import type { Db, Tx } from '../../db/schema.ts';
import type { FileAccess } from './file.policy.ts';
import type { TaskAccessRecord } from '../tasks/task.policy.ts';

export interface FileRow {
  id: string;
  sha256: string;
  filename: string;
  mime: string;
  size: number;
  uploadedBy: string | null;
  ownerUnitId: string | null;
}

const columns = (db: Db | Tx) =>
  db
    .selectFrom('files as f')
    .select(['f.id', 'f.sha256', 'f.filename', 'f.mime', 'f.size', 'f.uploaded_by as uploadedBy', 'f.owner_unit_id as ownerUnitId']);

export async function findFileById(db: Db | Tx, id: string): Promise<FileRow | undefined> {
  return columns(db).where('f.id', '=', id).executeTakeFirst();
}

export async function findFilesByIds(db: Db | Tx, ids: readonly string[]): Promise<FileRow[]> {
  if (ids.length === 0) return [];
  return columns(db).where('f.id', 'in', [...ids]).execute();
}

/** Store the bytes once per content hash; later uploads of the same bytes reuse them. */
export async function putBlob(trx: Tx, sha256: string, bytes: Buffer): Promise<void> {
  await trx
    .insertInto('file_blobs')
    .values({ sha256, bytes, size: bytes.length })
    .onConflict((oc) => oc.column('sha256').doNothing())
    .execute();
}

export async function insertFile(
  trx: Tx,
  f: { sha256: string; filename: string; mime: string; size: number; uploadedBy: string | null; ownerUnitId: string | null },
): Promise<string> {
  const r = await trx
    .insertInto('files')
    .values({ sha256: f.sha256, filename: f.filename, mime: f.mime, size: f.size, uploaded_by: f.uploadedBy, owner_unit_id: f.ownerUnitId })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function readBlob(db: Db | Tx, sha256: string): Promise<Buffer | undefined> {
  const r = await db.selectFrom('file_blobs').select('bytes').where('sha256', '=', sha256).executeTakeFirst();
  return r?.bytes;
}

/** Everything the policy needs to decide who may see a file. */
export async function fileAccess(db: Db | Tx, file: FileRow): Promise<FileAccess> {
  const owner = file.ownerUnitId
    ? await db.selectFrom('units').select(['path', 'commune_code as communeCode']).where('id', '=', file.ownerUnitId).executeTakeFirst()
    : undefined;
  const documents = await db
    .selectFrom('document_files as df')
    .innerJoin('documents as d', 'd.id', 'df.document_id')
    .leftJoin('units as o', 'o.id', 'd.owner_unit_id')
    .select(['d.classification', 'o.path as ownerUnitPath', 'o.commune_code as ownerUnitCommune'])
    .where('df.file_id', '=', file.id)
    .execute();
  const taskRows = await sql<{ id: string; classification: string; state: string; auId: string; auPath: string; auCommune: string | null; luId: string; luPath: string; luCommune: string | null }>`
    select distinct t.id, t.classification, t.state,
           au.id as "auId", au.path as "auPath", au.commune_code as "auCommune",
           lu.id as "luId", lu.path as "luPath", lu.commune_code as "luCommune"
      from progress_evidence e
      join progress_reports r on r.id = e.report_id
      join tasks t on t.id = r.task_id
      join units au on au.id = t.assigning_unit_id
      join units lu on lu.id = t.lead_unit_id
     where e.file_id = ${file.id}`.execute(db);
  const taskIds = taskRows.rows.map((r) => r.id);
  const coordinators =
    taskIds.length === 0
      ? []
      : await db
          .selectFrom('task_coordinators as c')
          .innerJoin('units as u', 'u.id', 'c.unit_id')
          .select(['c.task_id as taskId', 'u.id', 'u.path', 'u.commune_code as communeCode', 'c.responded_at as respondedAt'])
          .where('c.task_id', 'in', taskIds)
          .execute();
  const tasks: TaskAccessRecord[] = taskRows.rows.map((r) => ({
    classification: r.classification,
    state: r.state,
    assigningUnit: { id: r.auId, path: r.auPath, communeCode: r.auCommune },
    leadUnit: { id: r.luId, path: r.luPath, communeCode: r.luCommune },
    coordinators: coordinators.filter((c) => c.taskId === r.id).map((c) => ({ id: c.id, path: c.path, communeCode: c.communeCode, respondedAt: c.respondedAt })),
  }));
  return { uploadedBy: file.uploadedBy, owner: owner ?? null, documents, tasks };
}
