import { createHash } from 'node:crypto';
import type { StoredFile } from '../../../contracts/files.ts';
import type { Db, Tx } from '../../db/schema.ts';
import { inTransaction } from '../../db/tx.ts';
import type { Actor } from '../../kernel/actor.ts';
import { writeAudit } from '../../kernel/audit.ts';
import type { Ctx } from '../../kernel/context.ts';
import { DomainError, forbidden, hiddenNotFound, notFound } from '../../kernel/errors.ts';
import { checkUpload } from './file.ts';
import { canUploadFile, canViewFile } from './file.policy.ts';
import { presentFile } from './file.presenter.ts';
import * as repo from './file.repository.ts';

/**
 * Store an uploaded file. Size and type (by magic bytes) are checked before anything is written;
 * bytes are stored once per sha256. The file belongs to the uploader's unit.
 */
export async function uploadFile(ctx: Ctx, actor: Actor, input: { filename: string; bytes: Buffer }): Promise<StoredFile> {
  if (!canUploadFile(actor)) throw forbidden('file.upload');
  const checked = checkUpload(input.filename, input.bytes);
  const sha256 = createHash('sha256').update(input.bytes).digest('hex');
  return inTransaction(ctx.db, async (trx) => {
    await repo.putBlob(trx, sha256, input.bytes);
    const id = await repo.insertFile(trx, { sha256, filename: checked.filename, mime: checked.mime, size: input.bytes.length, uploadedBy: actor.userId, ownerUnitId: actor.unitId });
    await writeAudit(trx, actor, { action: 'file.uploaded', entityType: 'file', entityId: id, data: { filename: checked.filename, mime: checked.mime, size: input.bytes.length, sha256 } });
    return presentFile((await repo.findFileById(trx, id))!);
  });
}

async function loadVisible(db: Db | Tx, actor: Actor, id: string): Promise<repo.FileRow> {
  const row = await repo.findFileById(db, id);
  if (!row) throw notFound('file', id);
  if (!canViewFile(actor, await repo.fileAccess(db, row))) throw hiddenNotFound('file', id);
  return row;
}

export async function getFile(ctx: Ctx, actor: Actor, id: string): Promise<StoredFile> {
  return presentFile(await loadVisible(ctx.db, actor, id));
}

/** The bytes of a file the actor may see, with its name and type, for a download. */
export async function downloadFile(ctx: Ctx, actor: Actor, id: string): Promise<StoredFile & { bytes: Buffer }> {
  const row = await loadVisible(ctx.db, actor, id);
  const bytes = await repo.readBlob(ctx.db, row.sha256);
  if (!bytes) throw notFound('file', id);
  return { ...presentFile(row), bytes };
}

/**
 * For other modules (document attachments, progress evidence): every id names a stored file the
 * actor may see. Call with the transaction of the change. Unknown and invisible files are refused
 * alike (`file.unknown`, with the offending ids as issues), so ids outside the scope leak nothing.
 */
export async function assertFilesUsable(db: Db | Tx, actor: Actor, fileIds: readonly string[], path = 'fileIds'): Promise<StoredFile[]> {
  const unique = [...new Set(fileIds)];
  const rows = await repo.findFilesByIds(db, unique);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const bad: string[] = [];
  for (const id of unique) {
    const row = byId.get(id);
    if (!row || !canViewFile(actor, await repo.fileAccess(db, row))) bad.push(id);
  }
  if (bad.length) throw new DomainError('file.unknown', { ids: bad }, bad.map((id) => ({ path, code: 'unknown_file', params: { id } })));
  return unique.map((id) => presentFile(byId.get(id)!));
}


/** Name, type and size of stored files, for records that list them (no visibility check: the record's own policy decides). */
export async function describeFiles(db: Db | Tx, ids: readonly string[]): Promise<StoredFile[]> {
  const rows = await repo.findFilesByIds(db, ids);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.filter((id) => byId.has(id)).map((id) => presentFile(byId.get(id)!));
}

/**
 * Store bytes already checked by the caller with `checkUpload` (and possibly rewritten, e.g. image
 * metadata stripped), inside the caller's transaction; the caller writes the audit row. For use
 * cases without an uploading user (the public tip intake).
 */
export async function storeCheckedFile(trx: Tx, f: { filename: string; mime: string; bytes: Buffer; ownerUnitId: string | null }): Promise<StoredFile> {
  const sha256 = createHash('sha256').update(f.bytes).digest('hex');
  await repo.putBlob(trx, sha256, f.bytes);
  const id = await repo.insertFile(trx, { sha256, filename: f.filename, mime: f.mime, size: f.bytes.length, uploadedBy: null, ownerUnitId: f.ownerUnitId });
  return presentFile((await repo.findFileById(trx, id))!);
}

/** A stored file with its bytes, for records that attach it (no visibility check: the record's own policy decides). */
export async function readAttachedFile(db: Db | Tx, id: string): Promise<(StoredFile & { bytes: Buffer }) | undefined> {
  const row = await repo.findFileById(db, id);
  const bytes = row ? await repo.readBlob(db, row.sha256) : undefined;
  return row && bytes ? { ...presentFile(row), bytes } : undefined;
}
