import { randomBytes } from 'node:crypto';
import { sql, type ColumnType, type Generated, type Kysely } from 'kysely';
import type { DB, Db, Tx } from '../../db/schema.ts';
import type { Actor } from '../../kernel/actor.ts';
import { visibleTipsScope } from './tip.policy.ts';

/** All SQL of the tips module. */

/**
 * Kysely table types of the tips module (migration 0007_tips). They live with the module so that
 * the shared `db/schema.ts` need not change; `tdb` gives a handle that knows them.
 */
type Json = ColumnType<unknown, string | undefined, string>;

export interface TipCommuneSettingsTable {
  commune_code: string;
  remote: boolean;
  updated_at: Generated<Date>;
}

export interface TipsTable {
  id: Generated<string>;
  tracking_code: string;
  secret_hash: string;
  kind: string;
  state: Generated<string>;
  what: string;
  commune_code: string;
  address: string;
  lat: number | null;
  lng: number | null;
  occurred_at: string | null;
  received_at: ColumnType<Date, Date, Date>;
  remote: boolean;
  receiving_unit_id: string;
  handling_unit_id: string;
  classification: string | null;
  receipt: ColumnType<unknown, string | null | undefined, string | null>;
  transferred_at: Date | null;
  outcome_kind: string | null;
  outcome_decision_no: string | null;
  outcome_decided_on: ColumnType<string | null, string | null | undefined, string | null>;
  sender_notified_at: Date | null;
  has_reporter: boolean;
  /** The situation the tip opened or joined (migration 0008). */
  incident_id: ColumnType<string | null, string | null | undefined, string | null>;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface TipReportersTable {
  tip_id: string;
  name: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  keep_secret: boolean;
}

export interface TipEventsTable {
  id: Generated<string>;
  tip_id: string;
  kind: string;
  actor_user_id: string | null;
  actor_name: string;
  unit_id: string | null;
  data: Json;
  at: ColumnType<Date, Date | undefined, Date>;
}

export interface TipQuestionsTable {
  id: Generated<string>;
  tip_id: string;
  question: string;
  asked_by: string | null;
  asked_at: ColumnType<Date, Date | undefined, Date>;
  answer: string | null;
  answered_at: Date | null;
}

export interface TipFilesTable {
  tip_id: string;
  file_id: string;
  position: number;
}

export interface TipChallengeUsesTable {
  nonce: string;
  expires_at: Date;
}

export interface TipTables {
  tip_commune_settings: TipCommuneSettingsTable;
  tips: TipsTable;
  tip_reporters: TipReportersTable;
  tip_events: TipEventsTable;
  tip_questions: TipQuestionsTable;
  tip_files: TipFilesTable;
  tip_challenge_uses: TipChallengeUsesTable;
}

export type TipDB = DB & TipTables;

/** The same handle (root or transaction), typed with the tips tables. */
export const tdb = (db: Db | Tx): Kysely<TipDB> => db as unknown as Kysely<TipDB>;


export interface CommuneForTips {
  code: string;
  name: string;
  remote: boolean;
  policeUnitId: string | null;
}

/** A current commune of the province with its commune police unit and tip settings. */
export async function communeForTips(db: Db | Tx, code: string, provinceCode: string): Promise<CommuneForTips | undefined> {
  const r = await tdb(db)
    .selectFrom('jurisdictions as j')
    .leftJoin('tip_commune_settings as s', 's.commune_code', 'j.code')
    .select((eb) => [
      'j.code',
      'j.full_name as name',
      eb.fn.coalesce('s.remote', eb.val(false)).as('remote'),
      eb
        .selectFrom('units as u')
        .select('u.id')
        .whereRef('u.commune_code', '=', 'j.code')
        .where('u.type', '=', 'police_unit')
        .where('u.level', '=', 'commune')
        .where('u.valid_to', 'is', null)
        .orderBy('u.code')
        .limit(1)
        .as('policeUnitId'),
    ])
    .where('j.code', '=', code)
    .where('j.province_code', '=', provinceCode)
    .where('j.valid_to', 'is', null)
    .executeTakeFirst();
  return r ? { code: r.code, name: r.name, remote: Boolean(r.remote), policeUnitId: r.policeUnitId ?? null } : undefined;
}

export async function setCommuneRemote(trx: Tx, code: string, remote: boolean): Promise<void> {
  await tdb(trx)
    .insertInto('tip_commune_settings')
    .values({ commune_code: code, remote })
    .onConflict((oc) => oc.column('commune_code').doUpdateSet({ remote, updated_at: new Date() }))
    .execute();
}

export interface NewTip {
  trackingCode: string;
  secretHash: string;
  kind: string;
  what: string;
  communeCode: string;
  address: string;
  lat: number | null;
  lng: number | null;
  occurredAt: string | null;
  receivedAt: Date;
  remote: boolean;
  unitId: string;
  hasReporter: boolean;
}

export async function insertTip(trx: Tx, t: NewTip): Promise<string> {
  const r = await tdb(trx)
    .insertInto('tips')
    .values({
      tracking_code: t.trackingCode,
      secret_hash: t.secretHash,
      kind: t.kind,
      what: t.what,
      commune_code: t.communeCode,
      address: t.address,
      lat: t.lat,
      lng: t.lng,
      occurred_at: t.occurredAt,
      received_at: t.receivedAt,
      remote: t.remote,
      receiving_unit_id: t.unitId,
      handling_unit_id: t.unitId,
      has_reporter: t.hasReporter,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function insertReporter(trx: Tx, tipId: string, r: { name: string | null; phone: string | null; email: string | null; address: string | null; keepSecret: boolean }): Promise<void> {
  await tdb(trx).insertInto('tip_reporters').values({ tip_id: tipId, name: r.name, phone: r.phone, email: r.email, address: r.address, keep_secret: r.keepSecret }).execute();
}

export async function insertTipFiles(trx: Tx, tipId: string, fileIds: readonly string[]): Promise<void> {
  if (fileIds.length === 0) return;
  await tdb(trx)
    .insertInto('tip_files')
    .values(fileIds.map((fileId, position) => ({ tip_id: tipId, file_id: fileId, position })))
    .execute();
}

export async function insertEvent(trx: Tx, e: { tipId: string; kind: string; actor: Actor; unitId: string | null; data?: Record<string, unknown>; at: Date }): Promise<void> {
  await tdb(trx)
    .insertInto('tip_events')
    .values({ tip_id: e.tipId, kind: e.kind, actor_user_id: e.actor.userId, actor_name: e.actor.username, unit_id: e.unitId, data: JSON.stringify(e.data ?? {}), at: e.at })
    .execute();
}

/** Record a proof-of-work nonce as used; false when it was used before. Forgets expired ones. */
export async function useChallengeNonce(trx: Tx, nonce: string, expiresAt: Date, now: Date): Promise<boolean> {
  await tdb(trx).deleteFrom('tip_challenge_uses').where('expires_at', '<', now).execute();
  const r = await tdb(trx)
    .insertInto('tip_challenge_uses')
    .values({ nonce, expires_at: expiresAt })
    .onConflict((oc) => oc.column('nonce').doNothing())
    .returning('nonce')
    .executeTakeFirst();
  return r !== undefined;
}

const CHALLENGE_KEY = 'tips.challenge_key';

/** The server's HMAC key for challenges, created once (random) and kept in app_meta. */
export async function challengeKey(db: Db | Tx): Promise<Buffer> {
  const read = () => db.selectFrom('app_meta').select('value').where('key', '=', CHALLENGE_KEY).executeTakeFirst();
  let row = await read();
  if (!row) {
    await db
      .insertInto('app_meta')
      .values({ key: CHALLENGE_KEY, value: JSON.stringify(randomBytes(32).toString('base64')) })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    row = await read();
  }
  return Buffer.from(String(row!.value), 'base64');
}

const tipColumns = (db: Db | Tx) =>
  tdb(db)
    .selectFrom('tips as t')
    .innerJoin('units as ru', 'ru.id', 't.receiving_unit_id')
    .innerJoin('units as hu', 'hu.id', 't.handling_unit_id')
    .innerJoin('jurisdictions as j', 'j.code', 't.commune_code')
    .select([
      't.id',
      't.tracking_code as trackingCode',
      't.kind',
      't.state',
      't.what',
      't.commune_code as communeCode',
      'j.full_name as communeName',
      't.remote',
      't.address',
      't.lat',
      't.lng',
      't.occurred_at as occurredAt',
      't.received_at as receivedAt',
      't.classification',
      't.receipt',
      't.transferred_at as transferredAt',
      't.outcome_kind as outcomeKind',
      't.outcome_decision_no as outcomeDecisionNo',
      sql<string | null>`to_char(t.outcome_decided_on, 'YYYY-MM-DD')`.as('outcomeDecidedOn'),
      't.sender_notified_at as senderNotifiedAt',
      't.has_reporter as hasReporter',
      't.incident_id as incidentId',
      (eb) => eb.selectFrom('incidents as ti').select('ti.number').whereRef('ti.id', '=', 't.incident_id').as('incidentNumber'),
      't.version',
      'ru.id as ruId',
      'ru.name as ruName',
      'ru.path as ruPath',
      'ru.commune_code as ruCommune',
      'hu.id as huId',
      'hu.name as huName',
      'hu.path as huPath',
      'hu.commune_code as huCommune',
    ]);

export type TipRow = Awaited<ReturnType<ReturnType<typeof tipColumns>['executeTakeFirstOrThrow']>>;

export async function findTipById(db: Db | Tx, id: string, lock = false): Promise<TipRow | undefined> {
  let q = tipColumns(db).where('t.id', '=', id);
  if (lock) q = q.forUpdate('t');
  return q.executeTakeFirst();
}

/** For the public side: the tip's id and secret hash by tracking code. */
export async function findCredentialsByCode(db: Db | Tx, trackingCode: string): Promise<{ id: string; secretHash: string } | undefined> {
  return tdb(db).selectFrom('tips').select(['id', 'secret_hash as secretHash']).where('tracking_code', '=', trackingCode).executeTakeFirst();
}

export interface TipListFilter {
  state?: string | undefined;
  /** Any of these states (the clock filters narrow to the states where they can hold). */
  states?: readonly string[] | undefined;
  communeCode?: string | undefined;
  /** Received on or after / before these instants (the service turns dates into Asia/Ho_Chi_Minh days). */
  receivedFrom?: Date | undefined;
  receivedBefore?: Date | undefined;
}

/** Visible tips matching the filter, newest first; `page` null returns every match. */
export async function listTips(db: Db | Tx, actor: Actor, f: TipListFilter, page: { limit: number; offset: number } | null): Promise<{ total: number; items: TipRow[] }> {
  let q = tipColumns(db).where((eb) => visibleTipsScope(eb, actor));
  if (f.state) q = q.where('t.state', '=', f.state);
  if (f.states) q = f.states.length ? q.where('t.state', 'in', [...f.states]) : q.where(sql<boolean>`false`);
  if (f.communeCode) q = q.where('t.commune_code', '=', f.communeCode);
  if (f.receivedFrom) q = q.where('t.received_at', '>=', f.receivedFrom);
  if (f.receivedBefore) q = q.where('t.received_at', '<', f.receivedBefore);
  let listQ = q.orderBy('t.received_at', 'desc').orderBy('t.id');
  if (page) listQ = listQ.limit(page.limit).offset(page.offset);
  const items = await listQ.execute();
  if (!page) return { total: items.length, items };
  const total = await q
    .clearSelect()
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return { total: Number(total.n), items };
}

export async function eventsOf(db: Db | Tx, tipId: string) {
  // The actor's display name when it was a user (the stored login name otherwise: the public side, the operator).
  return tdb(db)
    .selectFrom('tip_events as e')
    .leftJoin('users as u', 'u.id', 'e.actor_user_id')
    .select((eb) => ['e.kind', 'e.at', eb.fn.coalesce('u.display_name', 'e.actor_name').as('actorName'), 'e.data'])
    .where('e.tip_id', '=', tipId)
    .orderBy('e.at')
    .orderBy('e.id')
    .execute();
}

export async function eventsOfMany(db: Db | Tx, tipIds: readonly string[]) {
  if (tipIds.length === 0) return [];
  return tdb(db).selectFrom('tip_events').select(['tip_id as tipId', 'kind', 'data', 'at']).where('tip_id', 'in', [...tipIds]).where('kind', 'in', ['extended', 'suspended', 'restored']).orderBy('at').orderBy('id').execute();
}

export async function questionsOf(db: Db | Tx, tipId: string) {
  return tdb(db)
    .selectFrom('tip_questions')
    .select(['id', 'question', 'asked_at as askedAt', 'answer', 'answered_at as answeredAt'])
    .where('tip_id', '=', tipId)
    .orderBy('asked_at')
    .orderBy('id')
    .execute();
}

export async function fileIdsOf(db: Db | Tx, tipId: string): Promise<string[]> {
  const rows = await tdb(db).selectFrom('tip_files').select('file_id').where('tip_id', '=', tipId).orderBy('position').execute();
  return rows.map((r) => r.file_id);
}

export async function reporterOf(db: Db | Tx, tipId: string) {
  return tdb(db).selectFrom('tip_reporters').select(['name', 'phone', 'email', 'address', 'keep_secret as keepSecret']).where('tip_id', '=', tipId).executeTakeFirst();
}

export interface TipChanges {
  state?: string;
  classification?: string | null;
  receipt?: string | null;
  handlingUnitId?: string;
  transferredAt?: Date | null;
  outcomeKind?: string | null;
  outcomeDecisionNo?: string | null;
  outcomeDecidedOn?: string | null;
  senderNotifiedAt?: Date | null;
}

export async function updateTip(trx: Tx, id: string, c: TipChanges, now: Date): Promise<void> {
  await tdb(trx)
    .updateTable('tips')
    .set((eb) => ({
      ...(c.state !== undefined ? { state: c.state } : {}),
      ...(c.classification !== undefined ? { classification: c.classification } : {}),
      ...(c.receipt !== undefined ? { receipt: c.receipt } : {}),
      ...(c.handlingUnitId !== undefined ? { handling_unit_id: c.handlingUnitId } : {}),
      ...(c.transferredAt !== undefined ? { transferred_at: c.transferredAt } : {}),
      ...(c.outcomeKind !== undefined ? { outcome_kind: c.outcomeKind } : {}),
      ...(c.outcomeDecisionNo !== undefined ? { outcome_decision_no: c.outcomeDecisionNo } : {}),
      ...(c.outcomeDecidedOn !== undefined ? { outcome_decided_on: c.outcomeDecidedOn } : {}),
      ...(c.senderNotifiedAt !== undefined ? { sender_notified_at: c.senderNotifiedAt } : {}),
      version: eb('version', '+', 1),
      updated_at: now,
    }))
    .where('id', '=', id)
    .execute();
}

export async function insertQuestion(trx: Tx, tipId: string, question: string, askedBy: string | null, at: Date): Promise<string> {
  const r = await tdb(trx).insertInto('tip_questions').values({ tip_id: tipId, question, asked_by: askedBy, asked_at: at }).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function findQuestion(db: Db | Tx, tipId: string, questionId: string) {
  return tdb(db).selectFrom('tip_questions').select(['id', 'answer']).where('id', '=', questionId).where('tip_id', '=', tipId).forUpdate().executeTakeFirst();
}

export async function answerQuestion(trx: Tx, questionId: string, answer: string, at: Date): Promise<void> {
  await tdb(trx).updateTable('tip_questions').set({ answer, answered_at: at }).where('id', '=', questionId).execute();
}

/** Open tips for the deadline scan (not decided, not closed, not suspended). */
export async function openTipsForScan(db: Db | Tx, afterId: string | null, limit: number) {
  let q = tdb(db)
    .selectFrom('tips as t')
    .select(['t.id', 't.tracking_code as trackingCode', 't.state', 't.received_at as receivedAt', 't.remote', 't.transferred_at as transferredAt', 't.handling_unit_id as handlingUnitId'])
    .where('t.state', 'not in', ['decided', 'closed', 'suspended']);
  if (afterId) q = q.where('t.id', '>', afterId);
  return q.orderBy('t.id').limit(limit).execute();
}

/** Link a tip to a situation (opened from it or joined). */
export async function setTipIncident(trx: Tx, tipId: string, incidentId: string, now: Date): Promise<void> {
  await tdb(trx).updateTable('tips').set({ incident_id: incidentId, updated_at: now }).where('id', '=', tipId).execute();
}

/** Visible tips received in [from, to] (days in Asia/Ho_Chi_Minh) per commune of the place, and of them those linked to a situation. */
export async function countTipsByCommune(db: Db | Tx, actor: Actor, from: string, to: string, communeCode?: string): Promise<{ communeCode: string; received: number; linked: number }[]> {
  let q = tdb(db)
    .selectFrom('tips as t')
    .innerJoin('units as ru', 'ru.id', 't.receiving_unit_id')
    .innerJoin('units as hu', 'hu.id', 't.handling_unit_id')
    .select(['t.commune_code as communeCode', sql<number>`count(*)::int`.as('received'), sql<number>`(count(*) filter (where t.incident_id is not null))::int`.as('linked')])
    .where(sql<boolean>`t.received_at >= (${from}::date::timestamp at time zone 'Asia/Ho_Chi_Minh')`)
    .where(sql<boolean>`t.received_at < ((${to}::date + 1)::timestamp at time zone 'Asia/Ho_Chi_Minh')`)
    .where((eb) => visibleTipsScope(eb, actor))
    .groupBy('t.commune_code');
  if (communeCode) q = q.where('t.commune_code', '=', communeCode);
  return q.execute();
}
