import { containsAllWords, searchWords } from '../../db/search.ts';
import { sql } from 'kysely';
import type { Db, Tx } from '../../db/schema.ts';
import { escapeLike } from '../../kernel/text.ts';

export interface UnitRow {
  id: string;
  code: string;
  name: string;
  shortName: string | null;
  type: string;
  level: string;
  parentId: string | null;
  parentName: string | null;
  path: string;
  communeCode: string | null;
  validFrom: string;
  validTo: string | null;
  version: number;
  childCount: number;
}

const columns = (db: Db | Tx) =>
  db
    .selectFrom('units as u')
    .leftJoin('units as p', 'p.id', 'u.parent_id')
    .select([
      'u.id',
      'u.code',
      'u.name',
      'u.short_name as shortName',
      'u.type',
      'u.level',
      'u.parent_id as parentId',
      'p.name as parentName',
      'u.path',
      'u.commune_code as communeCode',
      'u.valid_from as validFrom',
      'u.valid_to as validTo',
      'u.version',
      sql<number>`(select count(*)::int from units c where c.parent_id = u.id and (c.valid_to is null or c.valid_to >= current_date))`.as('childCount'),
    ]);

export async function findUnitById(db: Db | Tx, id: string): Promise<UnitRow | undefined> {
  return columns(db).where('u.id', '=', id).executeTakeFirst();
}

export async function findUnitByCode(db: Db | Tx, code: string): Promise<UnitRow | undefined> {
  return columns(db).where('u.code', '=', code).executeTakeFirst();
}

export interface UnitFilter {
  q?: string | undefined;
  parentId?: string | undefined;
  roots?: boolean | undefined;
  type?: string | undefined;
  level?: string | undefined;
  includeEnded?: boolean | undefined;
  limit: number;
  offset: number;
}

export async function listUnits(db: Db | Tx, f: UnitFilter): Promise<{ total: number; items: UnitRow[] }> {
  let q = columns(db);
  const words = searchWords(f.q);
  if (words.length) q = q.where((eb) => containsAllWords(eb, 'u.search_text', words));
  if (f.parentId) q = q.where('u.parent_id', '=', f.parentId);
  if (f.roots) q = q.where('u.parent_id', 'is', null);
  if (f.type) q = q.where('u.type', '=', f.type);
  if (f.level) q = q.where('u.level', '=', f.level);
  if (!f.includeEnded) q = q.where((eb) => eb.or([eb('u.valid_to', 'is', null), eb('u.valid_to', '>=', sql<string>`current_date`)]));
  const total = await q
    .clearSelect()
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  const items = await q
    .orderBy(sql`u.sort_key collate "C"`)
    .orderBy('u.code')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  return { total: total.n, items };
}

export interface NewUnit {
  id?: string;
  code: string;
  name: string;
  shortName: string | null;
  type: string;
  level: string;
  parentId: string | null;
  parentPath: string | null;
  communeCode: string | null;
  validFrom: string;
  searchText: string;
  sortKey: string;
}

export async function insertUnit(trx: Tx, u: NewUnit): Promise<string> {
  const id = u.id ?? (await sql<{ id: string }>`select gen_random_uuid() as id`.execute(trx)).rows[0]!.id;
  await trx
    .insertInto('units')
    .values({
      id,
      code: u.code,
      name: u.name,
      short_name: u.shortName,
      type: u.type,
      level: u.level,
      parent_id: u.parentId,
      path: `${u.parentPath ?? '/'}${id}/`,
      commune_code: u.communeCode,
      valid_from: u.validFrom,
      search_text: u.searchText,
      sort_key: u.sortKey,
    })
    .execute();
  return id;
}

export interface UnitChanges {
  name?: string;
  short_name?: string | null;
  type?: string;
  parent_id?: string | null;
  commune_code?: string | null;
  valid_to?: string | null;
  search_text?: string;
  sort_key?: string;
}

/** Update with optimistic concurrency; returns false when the version did not match. */
export async function updateUnitRow(trx: Tx, id: string, version: number, changes: UnitChanges): Promise<boolean> {
  const r = await trx
    .updateTable('units')
    .set({ ...changes, version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Re-root a subtree after a move: every descendant's path prefix changes. */
export async function movePaths(trx: Tx, oldPath: string, newPath: string): Promise<void> {
  await sql`update units set path = ${newPath} || substr(path, ${oldPath.length + 1}) where path like ${escapeLike(oldPath) + '%'}`.execute(trx);
}

export async function unitsExist(db: Db | Tx, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('units').select('id').where('id', 'in', ids).execute();
  return rows.map((r) => r.id);
}

export async function pathsOf(db: Db | Tx, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('units').select('path').where('id', 'in', [...ids]).execute();
  return rows.map((r) => r.path);
}
