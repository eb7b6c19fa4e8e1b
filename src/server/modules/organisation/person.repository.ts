import { containsAllWords, searchWords } from '../../db/search.ts';
import { sql } from 'kysely';
import type { Db, Tx } from '../../db/schema.ts';
import type { Actor } from '../../kernel/actor.ts';
import { unitInScope } from '../../db/scope.ts';

export interface PersonRow {
  id: string;
  fullName: string;
  rank: string | null;
  unitId: string;
  unitName: string;
  unitPath: string;
  unitCommune: string | null;
}

const base = (db: Db | Tx) =>
  db
    .selectFrom('people as pe')
    .innerJoin('units as u', 'u.id', 'pe.unit_id')
    .select(['pe.id', 'pe.full_name as fullName', 'pe.rank', 'pe.unit_id as unitId', 'u.name as unitName', 'u.path as unitPath', 'u.commune_code as unitCommune']);

export async function findPerson(db: Db | Tx, id: string): Promise<PersonRow | undefined> {
  return base(db).where('pe.id', '=', id).executeTakeFirst();
}

export async function listPeople(db: Db | Tx, actor: Actor, f: { q?: string | undefined; unitId?: string | undefined; limit: number; offset: number }) {
  let q = base(db).where((eb) => unitInScope(eb, actor));
  const words = searchWords(f.q);
  if (words.length) q = q.where((eb) => containsAllWords(eb, 'pe.search_text', words));
  if (f.unitId) q = q.where('pe.unit_id', '=', f.unitId);
  const { n } = await q.clearSelect().select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  const items = await q.orderBy(sql`pe.sort_key collate "C"`).orderBy('pe.id').limit(f.limit).offset(f.offset).execute();
  return { total: n, items };
}

export async function positionsOf(db: Db | Tx, personIds: string[]) {
  if (personIds.length === 0) return [];
  return db
    .selectFrom('positions as po')
    .innerJoin('units as u', 'u.id', 'po.unit_id')
    .select(['po.person_id as personId', 'po.title', 'po.unit_id as unitId', 'u.name as unitName', 'po.from_on as fromOn', 'po.to_on as toOn'])
    .where('po.person_id', 'in', personIds)
    .orderBy('po.from_on', 'desc')
    .execute();
}

export async function insertPerson(trx: Tx, p: { fullName: string; rank: string | null; unitId: string; searchText: string; sortKey: string }): Promise<string> {
  const r = await trx
    .insertInto('people')
    .values({ full_name: p.fullName, rank: p.rank, unit_id: p.unitId, search_text: p.searchText, sort_key: p.sortKey })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function insertPosition(trx: Tx, p: { personId: string; unitId: string; title: string; fromOn: string; toOn: string | null }): Promise<void> {
  await trx.insertInto('positions').values({ person_id: p.personId, unit_id: p.unitId, title: p.title, from_on: p.fromOn, to_on: p.toOn }).execute();
}
