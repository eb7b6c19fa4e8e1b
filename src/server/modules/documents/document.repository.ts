import { containsAllWords, searchWords } from '../../db/search.ts';
import { sql, type ExpressionBuilder } from 'kysely';
import type { Db, Tx } from '../../db/schema.ts';
import { unitInScope } from '../../db/scope.ts';
import type { Actor } from '../../kernel/actor.ts';
import { escapeLike, foldForSearch } from '../../kernel/text.ts';

export interface DocumentRow {
  id: string;
  kind: string;
  system: string;
  number: number | null;
  year: number | null;
  symbol: string | null;
  registerYear: number | null;
  issuerName: string;
  issuerUnitId: string | null;
  issuerUnitName: string | null;
  issuedOn: string | null;
  summary: string;
  term: string | null;
  plenum: number | null;
  classification: string;
  ownerUnitId: string | null;
  ownerUnitName: string | null;
  ownerUnitPath: string | null;
  ownerUnitCommune: string | null;
  version: number;
}

const columns = (db: Db | Tx) =>
  db
    .selectFrom('documents as d')
    .leftJoin('units as o', 'o.id', 'd.owner_unit_id')
    .leftJoin('units as iu', 'iu.id', 'd.issuer_unit_id')
    .select([
      'd.id',
      'd.kind',
      'd.system',
      'd.number',
      'd.year',
      'd.symbol',
      'd.register_year as registerYear',
      'd.issuer_name as issuerName',
      'd.issuer_unit_id as issuerUnitId',
      'iu.name as issuerUnitName',
      sql<string | null>`to_char(d.issued_on, 'YYYY-MM-DD')`.as('issuedOn'),
      'd.summary',
      'd.term',
      'd.plenum',
      'd.classification',
      'd.owner_unit_id as ownerUnitId',
      'o.name as ownerUnitName',
      'o.path as ownerUnitPath',
      'o.commune_code as ownerUnitCommune',
      'd.version',
    ]);

/** The list scope: what `canViewDocument` allows, in SQL (documents aliased d, owner units o). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- used on joins of documents with their owner unit
export function visibleDocuments(eb: ExpressionBuilder<any, any>, actor: Actor) {
  return eb.or([eb('d.classification', '<>', 'secret'), eb.and([eb('o.id', 'is not', null), unitInScope(eb, actor, { path: 'o.path', commune: 'o.commune_code' })])]);
}

export async function findDocumentById(db: Db | Tx, id: string): Promise<DocumentRow | undefined> {
  return columns(db).where('d.id', '=', id).executeTakeFirst();
}

export async function findDocumentBody(db: Db | Tx, id: string): Promise<string | null> {
  const r = await db.selectFrom('documents').select('body').where('id', '=', id).executeTakeFirst();
  return r?.body ?? null;
}

export async function findDocumentsByIds(db: Db | Tx, ids: readonly string[]): Promise<DocumentRow[]> {
  if (ids.length === 0) return [];
  return columns(db).where('d.id', 'in', [...ids]).execute();
}

export async function findBySymbol(db: Db | Tx, symbol: string, registerYear: number | null): Promise<DocumentRow | undefined> {
  return columns(db)
    .where('d.symbol', '=', symbol)
    .where(sql<boolean>`coalesce(d.register_year, 0) = ${registerYear ?? 0}`)
    .executeTakeFirst();
}

export interface DocumentFilter {
  q?: string | undefined;
  kind?: string | undefined;
  issuer?: string | undefined;
  issuerUnitId?: string | undefined;
  year?: number | undefined;
  limit: number;
  offset: number;
}

export async function listDocuments(db: Db | Tx, actor: Actor, f: DocumentFilter): Promise<{ total: number; items: DocumentRow[] }> {
  let q = columns(db).where((eb) => visibleDocuments(eb, actor));
  const words = searchWords(f.q);
  if (words.length) q = q.where((eb) => containsAllWords(eb, 'd.search_text', words));
  if (f.kind) q = q.where('d.kind', '=', f.kind);
  if (f.issuerUnitId) q = q.where('d.issuer_unit_id', '=', f.issuerUnitId);
  const issuer = f.issuer ? foldForSearch(f.issuer) : '';
  // The issuer's name is part of search_text; the filter asks for it in the folded name only.
  if (issuer !== '') q = q.where(sql<string>`lower(translate(d.issuer_name, ${FOLD_FROM}, ${FOLD_TO}))`, 'like', `%${escapeLike(issuer)}%`);
  if (f.year) q = q.where((eb) => eb.or([eb(sql<number>`extract(year from d.issued_on)::int`, '=', f.year!), eb('d.register_year', '=', f.year!)]));
  const total = await q.clearSelect().select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  const items = await q.orderBy(sql`d.issued_on desc nulls last`).orderBy('d.symbol').orderBy('d.id').limit(f.limit).offset(f.offset).execute();
  return { total: total.n, items };
}

/* Vietnamese letters → their folded form, for the issuer filter (foldForSearch in SQL). */
const VI_FROM = 'àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ';
const FOLD_FROM = VI_FROM;
const FOLD_TO = [...VI_FROM].map((c) => foldForSearch(c)).join('');

export interface DocumentValues {
  kind: string;
  system: string;
  number: number | null;
  year: number | null;
  symbol: string | null;
  register_year: number | null;
  issuer_name: string;
  issuer_unit_id: string | null;
  issued_on: string | null;
  summary: string;
  term: string | null;
  plenum: number | null;
  body: string | null;
  classification: string;
  owner_unit_id: string | null;
  search_text: string;
}

export async function insertDocument(trx: Tx, v: DocumentValues & { created_by: string | null }): Promise<string> {
  const r = await trx.insertInto('documents').values(v).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updateDocumentRow(trx: Tx, id: string, version: number, v: Partial<DocumentValues>): Promise<boolean> {
  const r = await trx
    .updateTable('documents')
    .set({ ...v, version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/* Clauses ------------------------------------------------------------------------------------ */

export interface ClauseRow {
  id: string;
  parentId: string | null;
  label: string;
  ref: string;
  ordinal: number;
  text: string;
}

export async function listClauses(db: Db | Tx, documentId: string): Promise<ClauseRow[]> {
  return db
    .selectFrom('document_clauses')
    .select(['id', 'parent_id as parentId', 'label', 'ref', 'ordinal', 'text'])
    .where('document_id', '=', documentId)
    .orderBy('ordinal')
    .execute();
}

export async function findClause(db: Db | Tx, clauseId: string): Promise<(ClauseRow & { documentId: string }) | undefined> {
  return db
    .selectFrom('document_clauses')
    .select(['id', 'document_id as documentId', 'parent_id as parentId', 'label', 'ref', 'ordinal', 'text'])
    .where('id', '=', clauseId)
    .executeTakeFirst();
}

/** Clauses among `ids` that a task or a conference conclusion points at. */
export async function clausesInUse(db: Db | Tx, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const r = await sql<{ id: string }>`
    select distinct clause_id as id from tasks where clause_id in (${sql.join([...ids])})
    union select distinct clause_id from conference_items where clause_id in (${sql.join([...ids])})`.execute(db);
  return r.rows.map((x) => x.id);
}

/**
 * Replace the clause list, keeping the id of every clause whose ref stays (tasks point at clause
 * ids). `clauses` are in document order with their parent refs; parents come first.
 */
export async function replaceClauses(
  trx: Tx,
  documentId: string,
  clauses: readonly { label: string; ref: string; text: string; parentRef: string | null }[],
  removeIds: readonly string[],
): Promise<void> {
  if (removeIds.length) {
    // Children of removed clauses that stay are re-parented below; detach first so the cascade does not take them.
    await trx.updateTable('document_clauses').set({ parent_id: null }).where('document_id', '=', documentId).execute();
    await trx.deleteFrom('document_clauses').where('id', 'in', [...removeIds]).execute();
  }
  const existing = new Map((await listClauses(trx, documentId)).map((c) => [c.ref, c.id]));
  // Ordinals are rewritten; move the old ones out of the way first (no unique index, but keep order stable).
  const ids = new Map<string, string>();
  let ordinal = 0;
  for (const c of clauses) {
    ordinal++;
    const parentId = c.parentRef ? (ids.get(c.parentRef) ?? null) : null;
    const id = existing.get(c.ref);
    if (id) {
      await trx.updateTable('document_clauses').set({ label: c.label, text: c.text, ordinal, parent_id: parentId }).where('id', '=', id).execute();
      ids.set(c.ref, id);
    } else {
      const r = await trx
        .insertInto('document_clauses')
        .values({ document_id: documentId, parent_id: parentId, label: c.label, ref: c.ref, ordinal, text: c.text })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.set(c.ref, r.id);
    }
  }
}

/* Relations ---------------------------------------------------------------------------------- */

export interface RelationRow {
  relation: string;
  id: string;
  kind: string;
  symbol: string | null;
  summary: string;
  issuedOn: string | null;
  classification: string;
  ownerUnitPath: string | null;
  ownerUnitCommune: string | null;
}

async function relationsWhere(db: Db | Tx, documentId: string, direction: 'from' | 'to'): Promise<RelationRow[]> {
  const self = direction === 'from' ? 'r.from_document_id' : 'r.to_document_id';
  const other = direction === 'from' ? 'r.to_document_id' : 'r.from_document_id';
  return db
    .selectFrom('document_relations as r')
    .innerJoin('documents as d', 'd.id', other)
    .leftJoin('units as o', 'o.id', 'd.owner_unit_id')
    .select([
      'r.relation',
      'd.id',
      'd.kind',
      'd.symbol',
      'd.summary',
      sql<string | null>`to_char(d.issued_on, 'YYYY-MM-DD')`.as('issuedOn'),
      'd.classification',
      'o.path as ownerUnitPath',
      'o.commune_code as ownerUnitCommune',
    ])
    .where(self, '=', documentId)
    .orderBy('r.relation')
    .orderBy(sql`d.issued_on nulls last`)
    .execute();
}

export const relationsFrom = (db: Db | Tx, id: string) => relationsWhere(db, id, 'from');
export const relationsTo = (db: Db | Tx, id: string) => relationsWhere(db, id, 'to');

export async function relationExists(db: Db | Tx, from: string, to: string, relation: string): Promise<boolean> {
  return !!(await db
    .selectFrom('document_relations')
    .select('relation')
    .where('from_document_id', '=', from)
    .where('to_document_id', '=', to)
    .where('relation', '=', relation)
    .executeTakeFirst());
}

export async function insertRelation(trx: Tx, from: string, to: string, relation: string): Promise<void> {
  await trx.insertInto('document_relations').values({ from_document_id: from, to_document_id: to, relation }).execute();
}

export async function deleteRelation(trx: Tx, from: string, to: string, relation: string): Promise<boolean> {
  const r = await trx.deleteFrom('document_relations').where('from_document_id', '=', from).where('to_document_id', '=', to).where('relation', '=', relation).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

/* Attachments -------------------------------------------------------------------------------- */

export async function attachmentIds(db: Db | Tx, documentId: string): Promise<string[]> {
  const rows = await db.selectFrom('document_files as df').innerJoin('files as f', 'f.id', 'df.file_id').select('df.file_id').where('df.document_id', '=', documentId).orderBy('f.created_at').execute();
  return rows.map((r) => r.file_id);
}

export async function attachFiles(trx: Tx, documentId: string, fileIds: readonly string[]): Promise<number> {
  if (fileIds.length === 0) return 0;
  const r = await trx
    .insertInto('document_files')
    .values(fileIds.map((file_id) => ({ document_id: documentId, file_id })))
    .onConflict((oc) => oc.columns(['document_id', 'file_id']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0);
}

export async function detachFile(trx: Tx, documentId: string, fileId: string): Promise<boolean> {
  const r = await trx.deleteFrom('document_files').where('document_id', '=', documentId).where('file_id', '=', fileId).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

/* Matching references ------------------------------------------------------------------------ */

export interface MatchCriteria {
  symbol?: string | undefined;
  kind?: string | undefined;
  number?: number | undefined;
  plenum?: number | undefined;
  term?: string | undefined;
  year?: number | undefined;
}

/** Visible registry entries that fit a reference (the caller picks when exactly one fits). */
export async function findMatching(db: Db | Tx, actor: Actor, c: MatchCriteria): Promise<DocumentRow[]> {
  let q = columns(db).where((eb) => visibleDocuments(eb, actor));
  if (c.symbol) q = q.where('d.symbol', '=', c.symbol);
  if (c.kind) q = q.where('d.kind', '=', c.kind);
  if (c.number !== undefined) q = q.where('d.number', '=', c.number);
  if (c.plenum !== undefined) q = q.where('d.plenum', '=', c.plenum);
  if (c.term) q = q.where('d.term', '=', c.term);
  if (c.year !== undefined) q = q.where((eb) => eb.or([eb(sql<number>`extract(year from d.issued_on)::int`, '=', c.year!), eb('d.register_year', '=', c.year!)]));
  return q.orderBy(sql`d.issued_on desc nulls last`).limit(20).execute();
}

