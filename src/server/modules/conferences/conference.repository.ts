import { containsAllWords, searchWords } from '../../db/search.ts';
import { sql } from 'kysely';
import type { Db, Tx } from '../../db/schema.ts';
import { unitInScope } from '../../db/scope.ts';
import type { Actor } from '../../kernel/actor.ts';
import { escapeLike } from '../../kernel/text.ts';
import type { ConferenceAccess } from './conference.policy.ts';

export interface ConferenceRow {
  id: string;
  kind: string;
  title: string;
  heldOn: string;
  place: string | null;
  hostUnitId: string;
  hostUnitName: string;
  hostPath: string;
  hostCommune: string | null;
  agenda: string | null;
  minutes: string | null;
  itemCount: number;
  version: number;
}

const columns = (db: Db | Tx) =>
  db
    .selectFrom('conferences as c')
    .innerJoin('units as h', 'h.id', 'c.host_unit_id')
    .select([
      'c.id',
      'c.kind',
      'c.title',
      sql<string>`to_char(c.held_on, 'YYYY-MM-DD')`.as('heldOn'),
      'c.place',
      'c.host_unit_id as hostUnitId',
      'h.name as hostUnitName',
      'h.path as hostPath',
      'h.commune_code as hostCommune',
      'c.agenda',
      'c.minutes',
      sql<number>`(select count(*)::int from conference_items i where i.conference_id = c.id)`.as('itemCount'),
      'c.version',
    ]);

export async function findConferenceById(db: Db | Tx, id: string): Promise<ConferenceRow | undefined> {
  return columns(db).where('c.id', '=', id).executeTakeFirst();
}

/** Units of a conference for the policy: host and participants. */
export async function conferenceAccess(db: Db | Tx, row: ConferenceRow): Promise<ConferenceAccess> {
  const units = await db
    .selectFrom('conference_units as cu')
    .innerJoin('units as u', 'u.id', 'cu.unit_id')
    .select(['u.path', 'u.commune_code as communeCode'])
    .where('cu.conference_id', '=', row.id)
    .execute();
  return { host: { path: row.hostPath, communeCode: row.hostCommune }, units };
}

export interface ConferenceFilter {
  q?: string | undefined;
  kind?: string | undefined;
  year?: number | undefined;
  unitId?: string | undefined;
  limit: number;
  offset: number;
}

export async function listConferences(db: Db | Tx, actor: Actor, seesAll: boolean, f: ConferenceFilter): Promise<{ total: number; items: ConferenceRow[] }> {
  let q = columns(db);
  if (!seesAll)
    q = q.where((eb) =>
      eb.or([
        unitInScope(eb, actor, { path: 'h.path', commune: 'h.commune_code' }),
        eb.exists(
          eb
            .selectFrom('conference_units as cu')
            .innerJoin('units as pu', 'pu.id', 'cu.unit_id')
            .select(sql`1`.as('one'))
            .whereRef('cu.conference_id', '=', 'c.id')
            .where((e2) => unitInScope(e2, actor, { path: 'pu.path', commune: 'pu.commune_code' })),
        ),
      ]),
    );
  const words = searchWords(f.q);
  if (words.length) q = q.where((eb) => containsAllWords(eb, 'c.search_text', words));
  if (f.kind) q = q.where('c.kind', '=', f.kind);
  if (f.year) q = q.where(sql<number>`extract(year from c.held_on)::int`, '=', f.year);
  if (f.unitId) {
    const unitId = f.unitId;
    q = q.where((eb) => eb.or([eb('c.host_unit_id', '=', unitId), eb.exists(eb.selectFrom('conference_units as cx').select(sql`1`.as('one')).whereRef('cx.conference_id', '=', 'c.id').where('cx.unit_id', '=', unitId))]));
  }
  const total = await q.clearSelect().select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  const items = await q.orderBy('c.held_on', 'desc').orderBy('c.id').limit(f.limit).offset(f.offset).execute();
  return { total: total.n, items };
}

export interface ConferenceValues {
  kind: string;
  title: string;
  held_on: string;
  place: string | null;
  host_unit_id: string;
  agenda: string | null;
  minutes: string | null;
  search_text: string;
}

export async function insertConference(trx: Tx, v: ConferenceValues & { created_by: string | null }): Promise<string> {
  return (await trx.insertInto('conferences').values(v).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateConferenceRow(trx: Tx, id: string, version: number, v: Partial<ConferenceValues>): Promise<boolean> {
  const r = await trx
    .updateTable('conferences')
    .set({ ...v, version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/* Chairs, units, documents --------------------------------------------------------------------- */

export interface ChairRow {
  ordinal: number;
  name: string;
  rank: string | null;
  titles: string[];
  personId: string | null;
}

export async function listChairs(db: Db | Tx, id: string): Promise<ChairRow[]> {
  return db.selectFrom('conference_chairs').select(['ordinal', 'name', 'rank', 'titles', 'person_id as personId']).where('conference_id', '=', id).orderBy('ordinal').execute();
}

export async function replaceChairs(trx: Tx, id: string, chairs: readonly { name: string; rank: string | null; titles: string[]; personId: string | null }[]): Promise<void> {
  await trx.deleteFrom('conference_chairs').where('conference_id', '=', id).execute();
  if (chairs.length)
    await trx
      .insertInto('conference_chairs')
      .values(chairs.map((c, i) => ({ conference_id: id, ordinal: i + 1, name: c.name, rank: c.rank, titles: c.titles, person_id: c.personId })))
      .execute();
}

export async function listUnits(db: Db | Tx, id: string): Promise<{ unitId: string; code: string; name: string; role: string }[]> {
  return db
    .selectFrom('conference_units as cu')
    .innerJoin('units as u', 'u.id', 'cu.unit_id')
    .select(['cu.unit_id as unitId', 'u.code', 'u.name', 'cu.role'])
    .where('cu.conference_id', '=', id)
    .orderBy('cu.role', 'desc')
    .orderBy(sql`u.sort_key collate "C"`)
    .execute();
}

export async function replaceUnits(trx: Tx, id: string, units: readonly { unitId: string; role: string }[]): Promise<void> {
  await trx.deleteFrom('conference_units').where('conference_id', '=', id).execute();
  if (units.length) await trx.insertInto('conference_units').values(units.map((u) => ({ conference_id: id, unit_id: u.unitId, role: u.role }))).execute();
}

export async function listDocumentIds(db: Db | Tx, id: string): Promise<string[]> {
  return (await db.selectFrom('conference_documents').select('document_id').where('conference_id', '=', id).execute()).map((r) => r.document_id);
}

export async function replaceDocuments(trx: Tx, id: string, documentIds: readonly string[]): Promise<void> {
  await trx.deleteFrom('conference_documents').where('conference_id', '=', id).execute();
  if (documentIds.length) await trx.insertInto('conference_documents').values(documentIds.map((d) => ({ conference_id: id, document_id: d }))).execute();
}

export async function peopleExist(db: Db | Tx, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  return (await db.selectFrom('people').select('id').where('id', 'in', [...ids]).execute()).map((r) => r.id);
}

/** People whose search key starts with one of the folded names (co-chairs of an imported report); the caller compares full names. */
export async function peopleByFoldedName(db: Db | Tx, folded: readonly string[]): Promise<{ id: string; fullName: string }[]> {
  if (folded.length === 0) return [];
  return db
    .selectFrom('people')
    .select(['id', 'full_name as fullName'])
    .where((eb) => eb.or(folded.map((n) => eb('search_text', 'like', `${escapeLike(n)}%`))))
    .limit(200)
    .execute();
}

/* Items ------------------------------------------------------------------------------------------ */

export interface ItemRow {
  id: string;
  ordinal: number;
  text: string;
  documentId: string | null;
  documentSymbol: string | null;
  clauseId: string | null;
  clauseRef: string | null;
  /** Classification and owner unit of the cited document (or of the cited clause's document). */
  documentClassification: string | null;
  documentOwnerPath: string | null;
  documentOwnerCommune: string | null;
}

export async function listItems(db: Db | Tx, id: string): Promise<ItemRow[]> {
  return db
    .selectFrom('conference_items as i')
    .leftJoin('document_clauses as dc', 'dc.id', 'i.clause_id')
    .leftJoin('documents as d', (j) => j.on(sql<boolean>`d.id = coalesce(i.document_id, dc.document_id)`))
    .leftJoin('units as dou', 'dou.id', 'd.owner_unit_id')
    .select([
      'i.id',
      'i.ordinal',
      'i.text',
      'i.document_id as documentId',
      sql<string | null>`case when i.document_id is not null then d.symbol end`.as('documentSymbol'),
      'i.clause_id as clauseId',
      'dc.ref as clauseRef',
      'd.classification as documentClassification',
      'dou.path as documentOwnerPath',
      'dou.commune_code as documentOwnerCommune',
    ])
    .where('i.conference_id', '=', id)
    .orderBy('i.ordinal')
    .execute();
}

/** Items among `ids` from which tasks were created. */
export async function itemsInUse(db: Db | Tx, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  return (await db.selectFrom('tasks').select('conference_item_id').distinct().where('conference_item_id', 'in', [...ids]).execute()).map((r) => r.conference_item_id!);
}

/**
 * Replace the numbered items, keeping the id of each item passed with its id (tasks point at
 * items). Ordinals follow the list order.
 */
export async function replaceItems(
  trx: Tx,
  conferenceId: string,
  items: readonly { id?: string | undefined; text: string; documentId: string | null; clauseId: string | null }[],
  removeIds: readonly string[],
): Promise<string[]> {
  if (removeIds.length) await trx.deleteFrom('conference_items').where('id', 'in', [...removeIds]).execute();
  // (conference_id, ordinal) is unique: park the kept items on negative ordinals first.
  await trx.updateTable('conference_items').set({ ordinal: sql`-ordinal` }).where('conference_id', '=', conferenceId).execute();
  const ids: string[] = [];
  let ordinal = 0;
  for (const it of items) {
    ordinal++;
    if (it.id) {
      await trx.updateTable('conference_items').set({ ordinal, text: it.text, document_id: it.documentId, clause_id: it.clauseId }).where('id', '=', it.id).where('conference_id', '=', conferenceId).execute();
      ids.push(it.id);
    } else {
      const r = await trx
        .insertInto('conference_items')
        .values({ conference_id: conferenceId, ordinal, text: it.text, document_id: it.documentId, clause_id: it.clauseId })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.push(r.id);
    }
  }
  return ids;
}
