import { type RawBuilder, sql } from 'kysely';
import type { IncidentStatus } from '../../../contracts/incidents.ts';
import type { Db, Tx } from '../../db/schema.ts';
import { containsAllWords, searchWords } from '../../db/search.ts';
import type { Actor } from '../../kernel/actor.ts';
import { visibleIncidentsScope } from './incident.policy.ts';

/** Every SQL statement of the incidents module. */

type Q = Db | Tx;

export interface StatusColumns {
  state: string;
  level: string;
  logCount: string;
  reopenCount: string;
}
const INCIDENT_STATUS_COLUMNS: StatusColumns = { state: 'i.state', level: 'i.level', logCount: 'i.log_count', reopenCount: 'i.reopen_count' };

/** The SQL mirror of `deriveIncidentStatus` (incident.ts); a table-driven test keeps both equal. */
export function incidentStatusSql(c: StatusColumns = INCIDENT_STATUS_COLUMNS): RawBuilder<IncidentStatus> {
  const r = (x: string) => sql.ref(x);
  return sql<IncidentStatus>`(case
    when ${r(c.state)} = 'closed' then 'closed'
    when ${r(c.state)} = 'closing' then 'awaiting_confirmation'
    when ${r(c.reopenCount)} > 0 then 'reopened'
    when ${r(c.level)} <> 'commune' then 'escalated'
    when ${r(c.logCount)} > 0 then 'handling'
    else 'new'
  end)`;
}

export async function statusesInSql(db: Q, rows: { state: string; level: string; logCount: number; reopenCount: number }[]): Promise<IncidentStatus[]> {
  if (rows.length === 0) return [];
  const values = sql.join(rows.map((p, i) => sql`(${i}::int, ${p.state}::text, ${p.level}::text, ${p.logCount}::int, ${p.reopenCount}::int)`));
  const expr = incidentStatusSql({ state: 'v.state', level: 'v.level', logCount: 'v.log_count', reopenCount: 'v.reopen_count' });
  const r = await sql<{ status: IncidentStatus }>`select ${expr} as status from (values ${values}) as v(i, state, level, log_count, reopen_count) order by v.i`.execute(db);
  return r.rows.map((x) => x.status);
}

export interface UnitRef {
  id: string;
  name: string;
  path: string;
  communeCode: string | null;
}

export interface SupportingRow extends UnitRef {
  incidentId: string;
  assignment: string;
  assignedAt: Date;
}

export interface IncidentRow {
  id: string;
  number: number;
  title: string;
  category: string;
  severity: string;
  occurredAt: Date;
  occurredOn: string;
  communeCode: string;
  communeName: string;
  address: string | null;
  lat: number | null;
  lon: number | null;
  source: string;
  description: string;
  peopleInvolved: number;
  injured: number;
  dead: number;
  damageVnd: number;
  leadUnit: UnitRef;
  assigningUnit: UnitRef;
  overseeingUnit: UnitRef;
  level: string;
  state: string;
  significance: string;
  reopenCount: number;
  logCount: number;
  closingReport: string | null;
  closingReportedBy: string | null;
  closedAt: Date | null;
  mergedIntoId: string | null;
  mergedIntoNumber: number | null;
  version: number;
  sqlStatus: IncidentStatus;
  supporting: SupportingRow[];
  communePolice: UnitRef[];
}

function base(db: Q) {
  return db
    .selectFrom('incidents as i')
    .innerJoin('units as lu', 'lu.id', 'i.lead_unit_id')
    .innerJoin('units as au', 'au.id', 'i.assigning_unit_id')
    .innerJoin('units as ou', 'ou.id', 'i.overseeing_unit_id')
    .innerJoin('jurisdictions as j', 'j.code', 'i.commune_code')
    .select([
      'i.id',
      'i.number',
      'i.title',
      'i.category',
      'i.severity',
      'i.occurred_at as occurredAt',
      'i.occurred_on as occurredOn',
      'i.commune_code as communeCode',
      'j.full_name as communeName',
      'i.address',
      'i.lat',
      'i.lon',
      'i.source',
      'i.description',
      'i.people_involved as peopleInvolved',
      'i.injured',
      'i.dead',
      sql<number>`i.damage_vnd::float8`.as('damageVnd'),
      'lu.id as luId',
      'lu.name as luName',
      'lu.path as luPath',
      'lu.commune_code as luCommune',
      'au.id as auId',
      'au.name as auName',
      'au.path as auPath',
      'au.commune_code as auCommune',
      'ou.id as ouId',
      'ou.name as ouName',
      'ou.path as ouPath',
      'ou.commune_code as ouCommune',
      'i.level',
      'i.state',
      'i.significance',
      'i.reopen_count as reopenCount',
      'i.log_count as logCount',
      'i.closing_report as closingReport',
      'i.closing_reported_by as closingReportedBy',
      'i.closed_at as closedAt',
      'i.merged_into_id as mergedIntoId',
      (eb) => eb.selectFrom('incidents as mi').select('mi.number').whereRef('mi.id', '=', 'i.merged_into_id').as('mergedIntoNumber'),
      'i.version',
      incidentStatusSql().as('sqlStatus'),
    ]);
}
type RawRow = Awaited<ReturnType<ReturnType<typeof base>['executeTakeFirstOrThrow']>>;

async function complete(db: Q, rows: RawRow[]): Promise<IncidentRow[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const sup = await db
    .selectFrom('incident_units as iu')
    .innerJoin('units as u', 'u.id', 'iu.unit_id')
    .select(['iu.incident_id as incidentId', 'u.id', 'u.name', 'u.path', 'u.commune_code as communeCode', 'iu.assignment', 'iu.assigned_at as assignedAt'])
    .where('iu.incident_id', 'in', ids)
    .orderBy('iu.assigned_at')
    .orderBy('u.sort_key')
    .execute();
  const communes = [...new Set(rows.map((r) => r.communeCode))];
  const police = await db
    .selectFrom('units')
    .select(['id', 'name', 'path', 'commune_code as communeCode'])
    .where('commune_code', 'in', communes)
    .where('level', '=', 'commune')
    .where('type', '=', 'police_unit')
    .execute();
  return rows.map((r) => {
    const { luId, luName, luPath, luCommune, auId, auName, auPath, auCommune, ouId, ouName, ouPath, ouCommune, ...rest } = r;
    return {
      ...rest,
      number: Number(rest.number),
      mergedIntoNumber: rest.mergedIntoNumber === null ? null : Number(rest.mergedIntoNumber),
      damageVnd: Number(rest.damageVnd),
      leadUnit: { id: luId, name: luName, path: luPath, communeCode: luCommune },
      assigningUnit: { id: auId, name: auName, path: auPath, communeCode: auCommune },
      overseeingUnit: { id: ouId, name: ouName, path: ouPath, communeCode: ouCommune },
      supporting: sup.filter((s) => s.incidentId === r.id),
      communePolice: police.filter((p) => p.communeCode === r.communeCode),
    };
  });
}

export async function findIncidentById(db: Q, id: string): Promise<IncidentRow | undefined> {
  const r = await base(db).where('i.id', '=', id).executeTakeFirst();
  return r ? (await complete(db, [r]))[0] : undefined;
}

export async function lockIncident(trx: Tx, id: string): Promise<void> {
  await trx.selectFrom('incidents').select('id').where('id', '=', id).forUpdate().execute();
}

export interface IncidentFilter {
  category?: string | undefined;
  communeCode?: string | undefined;
  status?: IncidentStatus | undefined;
  significant?: boolean | undefined;
  significance?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  q?: string | undefined;
  open?: boolean | undefined;
  merged?: boolean | undefined;
}

export async function listIncidents(db: Q, actor: Actor, f: IncidentFilter, page: { limit: number; offset: number } | null): Promise<{ total: number; items: IncidentRow[] }> {
  let q = base(db).where((eb) => visibleIncidentsScope(eb, actor));
  if (f.category) q = q.where('i.category', '=', f.category);
  if (f.communeCode) q = q.where('i.commune_code', '=', f.communeCode);
  if (f.status) q = q.where(incidentStatusSql(), '=', f.status);
  if (f.significant !== undefined) q = f.significant ? q.where('i.significance', '=', 'verified') : q.where('i.significance', '<>', 'verified');
  if (f.significance) q = q.where('i.significance', '=', f.significance);
  if (f.from) q = q.where('i.occurred_on', '>=', f.from);
  if (f.to) q = q.where('i.occurred_on', '<=', f.to);
  if (f.open !== undefined) q = q.where('i.state', f.open ? '<>' : '=', 'closed');
  if (f.merged !== undefined) q = q.where('i.merged_into_id', f.merged ? 'is not' : 'is', null);
  const words = searchWords(f.q);
  if (words.length) q = q.where((eb) => containsAllWords(eb, 'i.search_text', words));
  const total = await q.clearSelect().select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  let listQ = q.orderBy('i.occurred_at', 'desc').orderBy('i.number', 'desc');
  if (page) listQ = listQ.limit(page.limit).offset(page.offset);
  return { total: Number(total.n), items: await complete(db, await listQ.execute()) };
}

export interface NewIncident {
  title: string;
  category: string;
  severity: string;
  occurredAt: Date;
  occurredOn: string;
  communeCode: string;
  address: string | null;
  lat: number | null;
  lon: number | null;
  source: string;
  description: string;
  peopleInvolved: number;
  injured: number;
  dead: number;
  damageVnd: number;
  leadUnitId: string;
  assigningUnitId: string;
  createdBy: string | null;
  now: Date;
}

export async function insertIncident(trx: Tx, n: NewIncident, searchText: (number: number) => string): Promise<{ id: string; number: number }> {
  const num = Number((await sql<{ n: number }>`select nextval('incident_number_seq')::int as n`.execute(trx)).rows[0]!.n);
  const r = await trx
    .insertInto('incidents')
    .values({
      number: num,
      title: n.title,
      category: n.category,
      severity: n.severity,
      occurred_at: n.occurredAt,
      occurred_on: n.occurredOn,
      commune_code: n.communeCode,
      address: n.address,
      lat: n.lat,
      lon: n.lon,
      source: n.source,
      description: n.description,
      people_involved: n.peopleInvolved,
      injured: n.injured,
      dead: n.dead,
      damage_vnd: n.damageVnd,
      lead_unit_id: n.leadUnitId,
      assigning_unit_id: n.assigningUnitId,
      overseeing_unit_id: n.assigningUnitId,
      level: 'commune',
      state: 'open',
      significance: 'none',
      closing_report: null,
      closing_reported_by: null,
      closed_at: null,
      search_text: searchText(num),
      created_by: n.createdBy,
      created_at: n.now,
      updated_at: n.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: r.id, number: num };
}

export async function insertSupporting(trx: Tx, incidentId: string, list: { unitId: string; assignment: string }[], at: Date): Promise<void> {
  if (!list.length) return;
  await trx
    .insertInto('incident_units')
    .values(list.map((s) => ({ incident_id: incidentId, unit_id: s.unitId, assignment: s.assignment, assigned_at: at })))
    .execute();
}

export interface IncidentChanges {
  category?: string;
  level?: string;
  overseeing_unit_id?: string;
  state?: string;
  significance?: string;
  closing_report?: string | null;
  closing_reported_by?: string | null;
  closed_at?: Date | null;
  merged_into_id?: string | null;
}

/** Optimistic update: applies only when the stored version matches; bumps the version. */
export async function updateIncidentRow(trx: Tx, id: string, version: number, changes: IncidentChanges, now: Date, extra: { reopened?: boolean } = {}): Promise<boolean> {
  const r = await trx
    .updateTable('incidents')
    .set({
      ...changes,
      ...(extra.reopened ? { reopen_count: sql<number>`reopen_count + 1` } : {}),
      version: sql<number>`version + 1`,
      updated_at: now,
    })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function bumpLogCount(trx: Tx, id: string, now: Date): Promise<void> {
  await trx.updateTable('incidents').set({ log_count: sql<number>`log_count + 1`, updated_at: now }).where('id', '=', id).execute();
}

export async function insertEvent(trx: Tx, e: { incidentId: string; kind: string; actor: Actor; unitId?: string | null; reason?: string | null; data?: Record<string, unknown>; at: Date }): Promise<void> {
  await trx
    .insertInto('incident_events')
    .values({
      incident_id: e.incidentId,
      kind: e.kind,
      unit_id: e.unitId ?? null,
      actor_user_id: e.actor.userId,
      actor_name: e.actor.username,
      reason: e.reason ?? null,
      data: JSON.stringify(e.data ?? {}),
      at: e.at,
    })
    .execute();
}

export async function eventsOf(db: Q, incidentId: string) {
  return db
    .selectFrom('incident_events as e')
    .leftJoin('units as u', 'u.id', 'e.unit_id')
    .leftJoin('users as au', 'au.id', 'e.actor_user_id')
    // The actor's display name when it was a user (the stored login name otherwise, e.g. the operator).
    .select((eb) => ['e.id', 'e.kind', 'e.at', 'e.unit_id as unitId', 'u.name as unitName', eb.fn.coalesce('au.display_name', 'e.actor_name').as('actorName'), 'e.reason', 'e.data'])
    .where('e.incident_id', '=', incidentId)
    .orderBy('e.at')
    .orderBy('e.id')
    .execute();
}

/** Escalations and de-escalations in order (to rebuild the level history). */
export async function levelEvents(db: Q, incidentId: string): Promise<{ kind: string; data: unknown }[]> {
  return db
    .selectFrom('incident_events')
    .select(['kind', 'data'])
    .where('incident_id', '=', incidentId)
    .where('kind', 'in', ['escalated', 'deescalated'])
    .orderBy('at')
    .orderBy('id')
    .execute();
}

export async function insertCategoryChange(
  trx: Tx,
  c: { incidentId: string; leadUnitId: string; from: string; to: string; downgrade: boolean; reason: string; actorUserId: string | null; at: Date },
): Promise<void> {
  await trx
    .insertInto('incident_category_changes')
    .values({ incident_id: c.incidentId, lead_unit_id: c.leadUnitId, from_category: c.from, to_category: c.to, downgrade: c.downgrade, reason: c.reason, actor_user_id: c.actorUserId, at: c.at })
    .execute();
}

/** Whether a commune code belongs to the city (province 79, Thành phố Hồ Chí Minh). */
export async function communeOfCity(db: Q, code: string): Promise<boolean> {
  return !!(await db.selectFrom('jurisdictions').select('code').where('code', '=', code).where('province_code', '=', CITY_PROVINCE).executeTakeFirst());
}
export const CITY_PROVINCE = '79';

export async function unitForIncident(db: Q, id: string): Promise<(UnitRef & { parentId: string | null; level: string; type: string }) | undefined> {
  return db.selectFrom('units').select(['id', 'name', 'path', 'commune_code as communeCode', 'parent_id as parentId', 'level', 'type']).where('id', '=', id).executeTakeFirst();
}

/**
 * Visible situations likely to be the same as `of` (same commune and category, occurred within
 * the window; see isLikelyDuplicate), not merged away, nearest in time first.
 */
export async function duplicateCandidates(db: Q, actor: Actor, of: { id: string; communeCode: string; category: string; occurredAt: Date }, windowHours: number, limit = 10): Promise<IncidentRow[]> {
  const ms = windowHours * 3600_000;
  const rows = await base(db)
    .where((eb) => visibleIncidentsScope(eb, actor))
    .where('i.id', '<>', of.id)
    .where('i.commune_code', '=', of.communeCode)
    .where('i.category', '=', of.category)
    .where('i.merged_into_id', 'is', null)
    .where('i.occurred_at', '>=', new Date(of.occurredAt.getTime() - ms))
    .where('i.occurred_at', '<=', new Date(of.occurredAt.getTime() + ms))
    .orderBy(sql`abs(extract(epoch from (i.occurred_at - ${of.occurredAt.toISOString()}::timestamptz)))`)
    .orderBy('i.number')
    .limit(limit)
    .execute();
  return complete(db, rows);
}

/** Visible situations in a commune around a time (any category), for a tip to join; nearest first. */
export async function incidentsNear(db: Q, actor: Actor, communeCode: string, at: Date, windowHours: number, limit = 10): Promise<IncidentRow[]> {
  const ms = windowHours * 3600_000;
  const rows = await base(db)
    .where((eb) => visibleIncidentsScope(eb, actor))
    .where('i.commune_code', '=', communeCode)
    .where('i.merged_into_id', 'is', null)
    .where('i.occurred_at', '>=', new Date(at.getTime() - ms))
    .where('i.occurred_at', '<=', new Date(at.getTime() + ms))
    .orderBy(sql`abs(extract(epoch from (i.occurred_at - ${at.toISOString()}::timestamptz)))`)
    .orderBy('i.number')
    .limit(limit)
    .execute();
  return complete(db, rows);
}

export async function setMergedInto(trx: Tx, id: string, intoId: string, now: Date): Promise<void> {
  await trx.updateTable('incidents').set({ merged_into_id: intoId, updated_at: now }).where('id', '=', id).execute();
}

/** Move the tips linked to a merged duplicate over to the kept situation; how many moved. */
export async function moveTips(trx: Tx, fromId: string, toId: string): Promise<number> {
  const r = await sql`update tips set incident_id = ${toId}, updated_at = now() where incident_id = ${fromId}`.execute(trx);
  return Number(r.numAffectedRows ?? 0);
}
