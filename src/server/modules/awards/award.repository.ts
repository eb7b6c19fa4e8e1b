import { sql, type ColumnType, type Generated, type Kysely } from 'kysely';
import type { DB, Db, Tx } from '../../db/schema.ts';
import { containsAllWords, searchWords } from '../../db/search.ts';
import type { Actor } from '../../kernel/actor.ts';
import { visibleNominationsScope } from './award.policy.ts';

/**
 * All SQL of the awards module. Kysely table types of migration 0012_awards live here (as the tips
 * module does) so that the shared db/schema.ts need not change while others edit it; `adb` gives a
 * handle that knows them.
 */
type Json = ColumnType<unknown, string | undefined, string>;
type DateCol = ColumnType<string, string, string>;

export interface AwardNominationsTable {
  id: Generated<string>;
  kind: string;
  nominee_type: string;
  person_id: string | null;
  unit_id: string;
  period_from: DateCol;
  period_to: DateCol;
  facts: Json;
  achievements: Json;
  summary: string;
  state: Generated<string>;
  proposing_unit_id: string | null;
  created_by: string | null;
  created_by_name: string | null;
  decision_id: string | null;
  search_text: string;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface AwardReviewsTable {
  nomination_id: string;
  council_name: string;
  met_on: DateCol;
  member_count: number;
  note: string | null;
  tally: Json;
  result: string;
  recorded_by: string | null;
  recorded_by_name: string;
  recorded_at: Generated<Date>;
}

export interface AwardVotesTable {
  nomination_id: string;
  ordinal: number;
  member_name: string;
  member_title: string | null;
  vote: string;
  opinion: string | null;
}

export interface AwardDecisionsTable {
  id: Generated<string>;
  kind: string;
  symbol: string;
  decided_on: DateCol;
  issuer_name: string;
  parent_body: string | null;
  signer_title: string;
  signer_name: string;
  summary: string;
  recorded: boolean;
  document_id: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface AwardGrantsTable {
  id: Generated<string>;
  decision_id: string;
  nomination_id: string | null;
  kind: string;
  nominee_type: string;
  person_id: string | null;
  unit_id: string;
  awardee_name: string;
  awardee_title: string | null;
  citation: string | null;
  ordinal: number;
}

export interface AwardTables {
  award_nominations: AwardNominationsTable;
  award_reviews: AwardReviewsTable;
  award_votes: AwardVotesTable;
  award_decisions: AwardDecisionsTable;
  award_grants: AwardGrantsTable;
}

export type AwardDB = DB & AwardTables;
export const adb = (db: Db | Tx): Kysely<AwardDB> => db as unknown as Kysely<AwardDB>;

/* Nominations -------------------------------------------------------------------------------- */

export interface NominationRow {
  id: string;
  kind: string;
  nomineeType: string;
  personId: string | null;
  personName: string | null;
  personRank: string | null;
  unitId: string;
  unitName: string;
  unitPath: string;
  unitCommune: string | null;
  periodFrom: string;
  periodTo: string;
  facts: unknown;
  achievements: unknown;
  summary: string;
  state: string;
  proposingUnitId: string | null;
  proposingUnitName: string | null;
  createdBy: string | null;
  createdByName: string | null;
  decisionId: string | null;
  version: number;
  createdAt: Date;
}

const dateText = (col: string) => sql<string>`to_char(${sql.ref(col)}, 'YYYY-MM-DD')`;

function nominationBase(db: Db | Tx) {
  return adb(db)
    .selectFrom('award_nominations as n')
    .innerJoin('units as u', 'u.id', 'n.unit_id')
    .leftJoin('people as pe', 'pe.id', 'n.person_id')
    .leftJoin('units as pu', 'pu.id', 'n.proposing_unit_id')
    .select([
      'n.id',
      'n.kind',
      'n.nominee_type as nomineeType',
      'n.person_id as personId',
      'pe.full_name as personName',
      'pe.rank as personRank',
      'n.unit_id as unitId',
      'u.name as unitName',
      'u.path as unitPath',
      'u.commune_code as unitCommune',
      dateText('n.period_from').as('periodFrom'),
      dateText('n.period_to').as('periodTo'),
      'n.facts',
      'n.achievements',
      'n.summary',
      'n.state',
      'n.proposing_unit_id as proposingUnitId',
      'pu.name as proposingUnitName',
      'n.created_by as createdBy',
      'n.created_by_name as createdByName',
      'n.decision_id as decisionId',
      'n.version',
      'n.created_at as createdAt',
    ]);
}

export async function findNomination(db: Db | Tx, id: string, lock = false): Promise<NominationRow | undefined> {
  if (lock) await adb(db).selectFrom('award_nominations').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
  return nominationBase(db).where('n.id', '=', id).executeTakeFirst() as Promise<NominationRow | undefined>;
}

export interface NominationFilter {
  state?: string | undefined;
  kind?: string | undefined;
  q?: string | undefined;
  personId?: string | undefined;
  unitId?: string | undefined;
}

export async function listNominations(db: Db | Tx, actor: Actor, f: NominationFilter, page: { limit: number; offset: number } | null): Promise<{ total: number; items: NominationRow[] }> {
  let q = nominationBase(db).where((eb) => visibleNominationsScope(eb, actor));
  if (f.state) q = q.where('n.state', '=', f.state);
  if (f.kind) q = q.where('n.kind', '=', f.kind);
  if (f.personId) q = q.where('n.person_id', '=', f.personId);
  if (f.unitId) q = q.where('n.unit_id', '=', f.unitId).where('n.nominee_type', '=', 'unit');
  const words = searchWords(f.q);
  if (words.length) q = q.where((eb) => containsAllWords(eb, 'n.search_text', words));
  const { n } = await q.clearSelect().select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  let items = q.orderBy('n.created_at', 'desc').orderBy('n.id');
  if (page) items = items.limit(page.limit).offset(page.offset);
  return { total: n, items: (await items.execute()) as NominationRow[] };
}

export interface NominationValues {
  kind: string;
  nominee_type: string;
  person_id: string | null;
  unit_id: string;
  period_from: string;
  period_to: string;
  facts: string;
  achievements: string;
  summary: string;
  proposing_unit_id: string | null;
  created_by: string | null;
  created_by_name: string;
  search_text: string;
}

export async function insertNomination(trx: Tx, v: NominationValues): Promise<string> {
  const r = await adb(trx).insertInto('award_nominations').values(v).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function setNominationState(trx: Tx, id: string, state: string, decisionId?: string): Promise<void> {
  await adb(trx)
    .updateTable('award_nominations')
    .set((eb) => ({ state, version: eb('version', '+', 1), updated_at: new Date(), ...(decisionId ? { decision_id: decisionId } : {}) }))
    .where('id', '=', id)
    .execute();
}

/* Reviews ------------------------------------------------------------------------------------ */

export interface ReviewRow {
  nominationId: string;
  councilName: string;
  metOn: string;
  memberCount: number;
  note: string | null;
  tally: unknown;
  result: string;
  recordedByName: string;
  recordedAt: Date;
}

export async function reviewOf(db: Db | Tx, nominationId: string): Promise<{ review: ReviewRow; votes: { memberName: string; memberTitle: string | null; vote: string; opinion: string | null }[] } | null> {
  const review = (await adb(db)
    .selectFrom('award_reviews')
    .select([
      'nomination_id as nominationId',
      'council_name as councilName',
      dateText('met_on').as('metOn'),
      'member_count as memberCount',
      'note',
      'tally',
      'result',
      'recorded_by_name as recordedByName',
      'recorded_at as recordedAt',
    ])
    .where('nomination_id', '=', nominationId)
    .executeTakeFirst()) as ReviewRow | undefined;
  if (!review) return null;
  const votes = await adb(db)
    .selectFrom('award_votes')
    .select(['member_name as memberName', 'member_title as memberTitle', 'vote', 'opinion'])
    .where('nomination_id', '=', nominationId)
    .orderBy('ordinal')
    .execute();
  return { review, votes };
}

export async function insertReview(
  trx: Tx,
  r: { nominationId: string; councilName: string; metOn: string; memberCount: number; note: string | null; tally: unknown; result: string; recordedBy: string | null; recordedByName: string },
  votes: readonly { memberName: string; memberTitle: string | null; vote: string; opinion: string | null }[],
): Promise<void> {
  await adb(trx)
    .insertInto('award_reviews')
    .values({
      nomination_id: r.nominationId,
      council_name: r.councilName,
      met_on: r.metOn,
      member_count: r.memberCount,
      note: r.note,
      tally: JSON.stringify(r.tally),
      result: r.result,
      recorded_by: r.recordedBy,
      recorded_by_name: r.recordedByName,
    })
    .execute();
  await adb(trx)
    .insertInto('award_votes')
    .values(votes.map((v, i) => ({ nomination_id: r.nominationId, ordinal: i + 1, member_name: v.memberName, member_title: v.memberTitle, vote: v.vote, opinion: v.opinion })))
    .execute();
}

/* Decisions and grants ----------------------------------------------------------------------- */

export interface DecisionRow {
  id: string;
  kind: string;
  symbol: string;
  decidedOn: string;
  issuerName: string;
  parentBody: string | null;
  signerTitle: string;
  signerName: string;
  summary: string;
  recorded: boolean;
  documentId: string | null;
}

const decisionCols = [
  'd.id',
  'd.kind',
  'd.symbol',
  dateText('d.decided_on').as('decidedOn'),
  'd.issuer_name as issuerName',
  'd.parent_body as parentBody',
  'd.signer_title as signerTitle',
  'd.signer_name as signerName',
  'd.summary',
  'd.recorded',
  'd.document_id as documentId',
] as const;

export async function findDecision(db: Db | Tx, id: string): Promise<DecisionRow | undefined> {
  return adb(db).selectFrom('award_decisions as d').select(decisionCols).where('d.id', '=', id).executeTakeFirst() as Promise<DecisionRow | undefined>;
}

export async function insertDecision(
  trx: Tx,
  v: { kind: string; symbol: string; decided_on: string; issuer_name: string; parent_body: string | null; signer_title: string; signer_name: string; summary: string; recorded: boolean; document_id: string | null; created_by: string | null },
): Promise<string> {
  const r = await adb(trx).insertInto('award_decisions').values(v).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export interface GrantRow {
  id: string;
  decisionId: string;
  nominationId: string | null;
  kind: string;
  nomineeType: string;
  personId: string | null;
  unitId: string;
  unitName: string;
  unitPath: string;
  unitCommune: string | null;
  awardeeName: string;
  awardeeTitle: string | null;
  citation: string | null;
  symbol: string;
  decidedOn: string;
  issuerName: string;
  documentId: string | null;
}

function grantBase(db: Db | Tx) {
  return adb(db)
    .selectFrom('award_grants as g')
    .innerJoin('award_decisions as d', 'd.id', 'g.decision_id')
    .innerJoin('units as u', 'u.id', 'g.unit_id')
    .select([
      'g.id',
      'g.decision_id as decisionId',
      'g.nomination_id as nominationId',
      'g.kind',
      'g.nominee_type as nomineeType',
      'g.person_id as personId',
      'g.unit_id as unitId',
      'u.name as unitName',
      'u.path as unitPath',
      'u.commune_code as unitCommune',
      'g.awardee_name as awardeeName',
      'g.awardee_title as awardeeTitle',
      'g.citation',
      'd.symbol',
      dateText('d.decided_on').as('decidedOn'),
      'd.issuer_name as issuerName',
      'd.document_id as documentId',
    ]);
}

export async function grantsOfDecision(db: Db | Tx, decisionId: string): Promise<GrantRow[]> {
  return (await grantBase(db).where('g.decision_id', '=', decisionId).orderBy('g.ordinal').execute()) as GrantRow[];
}

export async function findGrant(db: Db | Tx, id: string): Promise<GrantRow | undefined> {
  return (await grantBase(db).where('g.id', '=', id).executeTakeFirst()) as GrantRow | undefined;
}

export async function grantOfNomination(db: Db | Tx, nominationId: string): Promise<GrantRow | undefined> {
  return (await grantBase(db).where('g.nomination_id', '=', nominationId).executeTakeFirst()) as GrantRow | undefined;
}

/** Awards to a person, or to a unit as a collective, newest first. */
export async function grantsOf(db: Db | Tx, who: { personId?: string | undefined; unitId?: string | undefined }, kind?: string): Promise<GrantRow[]> {
  let q = grantBase(db);
  if (who.personId) q = q.where('g.person_id', '=', who.personId);
  else if (who.unitId) q = q.where('g.unit_id', '=', who.unitId).where('g.nominee_type', '=', 'unit');
  else return [];
  if (kind) q = q.where('g.kind', '=', kind);
  return (await q.orderBy('d.decided_on', 'desc').orderBy('g.ordinal').execute()) as GrantRow[];
}

export async function insertGrants(
  trx: Tx,
  decisionId: string,
  rows: readonly { nomination_id: string | null; kind: string; nominee_type: string; person_id: string | null; unit_id: string; awardee_name: string; awardee_title: string | null; citation: string | null }[],
): Promise<void> {
  await adb(trx)
    .insertInto('award_grants')
    .values(rows.map((r, i) => ({ ...r, decision_id: decisionId, ordinal: i + 1 })))
    .execute();
}

/** Serialises decisions about the same people (the once-per-person rule is checked under it). */
export async function lockAwards(trx: Tx): Promise<void> {
  await sql`select pg_advisory_xact_lock(7406300012)`.execute(trx);
}
