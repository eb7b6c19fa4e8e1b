import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { openDatabase } from '../db/connect.ts';
import { acquireDataDirLock } from '../db/lock.ts';

/**
 * Backup of the embedded database: PGlite's dumpDataDir taken inside its worker, where no other
 * query can run at the same time, so the copy is consistent. The data directory is locked while it
 * runs, so stop the server first (PostgreSQL installs use pg_dump instead).
 */
export async function backupEmbedded(dataDir: string, file: string): Promise<number> {
  if (!fs.existsSync(path.join(dataDir, 'pg'))) throw new Error(`No embedded database in ${dataDir}.`);
  const db = await openDatabase({ dataDir });
  try {
    const buf = await db.dumpDataDir!();
    fs.writeFileSync(file, buf);
    return buf.length;
  } finally {
    await db.close();
  }
}

export async function restoreEmbedded(dataDir: string, file: string, force: boolean): Promise<void> {
  if (!fs.existsSync(file)) throw new Error(`Backup file ${file} not found.`);
  const pgDir = path.join(dataDir, 'pg');
  const release = acquireDataDirLock(dataDir);
  try {
    if (fs.existsSync(pgDir)) {
      if (!force) throw new Error(`${pgDir} already holds a database; pass --force to replace it.`);
      fs.rmSync(pgDir, { recursive: true, force: true });
    }
    const blob = new Blob([fs.readFileSync(file)], { type: 'application/x-gzip' });
    const pg = await PGlite.create({ dataDir: pgDir, loadDataDir: blob, extensions: { pg_trgm } });
    await pg.query('select 1');
    await pg.close();
  } finally {
    release();
  }
}
