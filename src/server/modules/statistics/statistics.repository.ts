import { sql } from 'kysely';
import type { Db, Tx } from '../../db/schema.ts';
import type { Actor } from '../../kernel/actor.ts';
import { unitInScope } from '../../db/scope.ts';
import { visibleIncidentsScope } from '../incidents/incident.policy.ts';

/** SQL of the statistics module: aggregates over the situations the viewer may see (the incidents list scope). */

type Q = Db | Tx;

export interface MetricRow {
  key: string;
  cur: { incidents: number; dead: number; injured: number; damageVnd: number; reopened: number };
  base: { incidents: number; dead: number; injured: number; damageVnd: number; reopened: number };
}

export interface Range {
  from: string;
  to: string;
}

/** The situations the viewer may see (no joins: the scope is a set of uncorrelated sub-selects). */
function scoped(db: Q, actor: Actor) {
  return db
    .selectFrom('incidents as i')
    .where((eb) => visibleIncidentsScope(eb, actor))
    // A duplicate merged into another situation is counted once, as the situation kept.
    .where('i.merged_into_id', 'is', null);
}

/** Counts and sums per key for the period and its comparison base, in one pass. */
export async function incidentMetrics(
  db: Q,
  actor: Actor,
  groupBy: 'category' | 'commune',
  cur: Range,
  base: Range,
  f: { category?: string | undefined; communeCode?: string | undefined },
): Promise<MetricRow[]> {
  const key = groupBy === 'category' ? sql<string>`i.category` : sql<string>`i.commune_code`;
  const inCur = sql`i.occurred_on between ${cur.from}::date and ${cur.to}::date`;
  const inBase = sql`i.occurred_on between ${base.from}::date and ${base.to}::date`;
  let q = scoped(db, actor)
    .where((eb) => eb.or([eb.between('i.occurred_on', cur.from, cur.to), eb.between('i.occurred_on', base.from, base.to)]))
    .select([
      key.as('key'),
      sql<number>`count(*) filter (where ${inCur})::int`.as('cn'),
      sql<number>`coalesce(sum(i.dead) filter (where ${inCur}), 0)::int`.as('cd'),
      sql<number>`coalesce(sum(i.injured) filter (where ${inCur}), 0)::int`.as('ci'),
      sql<number>`coalesce(sum(i.damage_vnd) filter (where ${inCur}), 0)::float8`.as('cv'),
      sql<number>`count(*) filter (where ${inCur} and i.reopen_count > 0)::int`.as('cr'),
      sql<number>`count(*) filter (where ${inBase})::int`.as('bn'),
      sql<number>`coalesce(sum(i.dead) filter (where ${inBase}), 0)::int`.as('bd'),
      sql<number>`coalesce(sum(i.injured) filter (where ${inBase}), 0)::int`.as('bi'),
      sql<number>`coalesce(sum(i.damage_vnd) filter (where ${inBase}), 0)::float8`.as('bv'),
      sql<number>`count(*) filter (where ${inBase} and i.reopen_count > 0)::int`.as('br'),
    ])
    .groupBy(key);
  if (f.category) q = q.where('i.category', '=', f.category);
  if (f.communeCode) q = q.where('i.commune_code', '=', f.communeCode);
  const rows = await q.execute();
  return rows.map((r) => ({
    key: r.key,
    cur: { incidents: Number(r.cn), dead: Number(r.cd), injured: Number(r.ci), damageVnd: Number(r.cv), reopened: Number(r.cr) },
    base: { incidents: Number(r.bn), dead: Number(r.bd), injured: Number(r.bi), damageVnd: Number(r.bv), reopened: Number(r.br) },
  }));
}

/**
 * Situations counted in several periods and their bases in ONE statement (the dashboard's
 * twelve-month trend): the periods are literal rows joined to the situations of their ranges, so
 * the scope's sub-selects are computed once instead of once per month.
 */
export async function incidentCountsOverPeriods(db: Q, actor: Actor, periods: readonly { cur: Range; base: Range }[]): Promise<{ cur: number; base: number }[]> {
  if (periods.length === 0) return [];
  const values = sql.join(periods.map((p, i) => sql`(${i}::int, ${p.cur.from}::date, ${p.cur.to}::date, ${p.base.from}::date, ${p.base.to}::date)`));
  const rows = await scoped(db, actor)
    .innerJoin(sql<{ idx: number; cf: string; ct: string; bf: string; bt: string }>`(values ${values})`.as<'m'>(sql`m(idx, cf, ct, bf, bt)`), (j) =>
      j.on(sql<boolean>`(i.occurred_on between m.cf and m.ct or i.occurred_on between m.bf and m.bt)`),
    )
    .select([sql<number>`m.idx`.as('idx'), sql<number>`count(*) filter (where i.occurred_on between m.cf and m.ct)::int`.as('cur'), sql<number>`count(*) filter (where i.occurred_on between m.bf and m.bt)::int`.as('base')])
    .groupBy(sql`m.idx`)
    .execute();
  const byIdx = new Map(rows.map((r) => [Number(r.idx), { cur: Number(r.cur), base: Number(r.base) }]));
  return periods.map((_, i) => byIdx.get(i) ?? { cur: 0, base: 0 });
}

/** Per lead unit: situations of the period, those reclassified at least once, those lowered at least once. */
export async function categoryChangeCounts(db: Q, actor: Actor, cur: Range) {
  const rows = await scoped(db, actor)
    .innerJoin('units as lu', 'lu.id', 'i.lead_unit_id')
    .where('i.occurred_on', '>=', cur.from)
    .where('i.occurred_on', '<=', cur.to)
    .select([
      'lu.id as unitId',
      'lu.name as unitName',
      'lu.sort_key as sortKey',
      sql<number>`count(*)::int`.as('incidents'),
      sql<number>`count(*) filter (where exists (select 1 from incident_category_changes c where c.incident_id = i.id))::int`.as('changed'),
      sql<number>`count(*) filter (where exists (select 1 from incident_category_changes c where c.incident_id = i.id and c.downgrade))::int`.as('downgraded'),
    ])
    .groupBy(['lu.id', 'lu.name', 'lu.sort_key'])
    .orderBy('lu.sort_key')
    .execute();
  return rows.map((r) => ({ unitId: r.unitId, unitName: r.unitName, incidents: Number(r.incidents), changed: Number(r.changed), downgraded: Number(r.downgraded) }));
}

export interface MapFilters {
  category?: string | undefined;
  communeCode?: string | undefined;
}

export interface MapCommuneRow {
  code: string;
  name: string;
  /** GeoJSON Polygon or MultiPolygon as imported. */
  boundary: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown[] };
}

export interface MapPointRow {
  id: string;
  number: number;
  title: string;
  category: string;
  severity: string;
  /** Columns of the derived status (deriveIncidentStatus in the incidents module). */
  state: string;
  level: string;
  logCount: number;
  reopenCount: number;
  occurredOn: string;
  communeCode: string;
  lat: number;
  lon: number;
}

export interface IncidentMapData {
  /** Counts per commune code for the period and the base: the very rows of the statistics grouped by commune. */
  counts: MetricRow[];
  /** Communes in the viewer's scope, or with a counted situation, that have an imported boundary (code order). */
  communes: MapCommuneRow[];
  /** Located situations of the period, newest first, at most `pointsLimit`. */
  points: MapPointRow[];
  /** Located situations of the period in all (equals points.length unless truncated). */
  pointsTotal: number;
  pointsTruncated: boolean;
}

/**
 * Everything the situation map needs, for one viewer, period and base (benchmarked on large data):
 * 1. counts per commune — `incidentMetrics` grouped by commune, so the map and the statistics
 *    never disagree (same scope, same period predicate, same filters);
 * 2. the boundaries of the communes in the viewer's scope (communes of the units in the unit scope,
 *    and communes assigned to the viewer) plus those where a counted situation lies, restricted to
 *    the commune filter;
 * 3. up to `pointsLimit` located situations of the period (+1 to detect truncation; the exact
 *    total is counted only when truncated).
 */
export async function incidentMapData(db: Q, actor: Actor, cur: Range, base: Range, f: MapFilters, pointsLimit: number): Promise<IncidentMapData> {
  const counts = await incidentMetrics(db, actor, 'commune', cur, base, f);
  const counted = counts.map((r) => r.key);
  let cq = db
    .selectFrom('jurisdictions as j')
    .select(['j.code', 'j.full_name as name', 'j.boundary'])
    .where('j.boundary', 'is not', null)
    .where((eb) => {
      const ors = [
        eb.exists(
          eb
            .selectFrom('units as u')
            .select(eb.lit(1).as('one'))
            .whereRef('u.commune_code', '=', 'j.code')
            .where((e) => unitInScope(e, actor)),
        ),
      ];
      if (actor.communeCodes.length > 0) ors.push(eb('j.code', 'in', [...actor.communeCodes]));
      if (counted.length > 0) ors.push(eb('j.code', 'in', counted));
      return eb.or(ors);
    })
    .orderBy('j.code');
  if (f.communeCode) cq = cq.where('j.code', '=', f.communeCode);
  const communes = (await cq.execute()).map((r) => ({ code: r.code, name: r.name, boundary: (typeof r.boundary === 'string' ? JSON.parse(r.boundary) : r.boundary) as MapCommuneRow['boundary'] }));

  const located = () => {
    let q = scoped(db, actor)
      .where('i.occurred_on', '>=', cur.from)
      .where('i.occurred_on', '<=', cur.to)
      .where('i.lat', 'is not', null)
      .where('i.lon', 'is not', null);
    if (f.category) q = q.where('i.category', '=', f.category);
    if (f.communeCode) q = q.where('i.commune_code', '=', f.communeCode);
    return q;
  };
  const rows = await located()
    .select([
      'i.id',
      'i.number',
      'i.title',
      'i.category',
      'i.severity',
      'i.state',
      'i.level',
      'i.log_count as logCount',
      'i.reopen_count as reopenCount',
      sql<string>`to_char(i.occurred_on, 'YYYY-MM-DD')`.as('occurredOn'),
      'i.commune_code as communeCode',
      'i.lat',
      'i.lon',
    ])
    .orderBy('i.occurred_at', 'desc')
    .orderBy('i.id')
    .limit(pointsLimit + 1)
    .execute();
  const pointsTruncated = rows.length > pointsLimit;
  const points = rows.slice(0, pointsLimit).map((r) => ({ ...r, number: Number(r.number), logCount: Number(r.logCount), reopenCount: Number(r.reopenCount), lat: Number(r.lat), lon: Number(r.lon) }));
  const pointsTotal = pointsTruncated ? Number((await located().select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n) : points.length;
  return { counts, communes, points, pointsTotal, pointsTruncated };
}

export async function communeNames(db: Q, codes: string[]): Promise<Map<string, { name: string; sortKey: string }>> {
  if (!codes.length) return new Map();
  const rows = await db.selectFrom('jurisdictions').select(['code', 'full_name', 'sort_key']).where('code', 'in', codes).execute();
  return new Map(rows.map((r) => [r.code, { name: r.full_name, sortKey: r.sort_key }]));
}

export async function scopeUnits(db: Q, ids: readonly string[]): Promise<{ name: string; level: string; type: string; parentId: string | null }[]> {
  if (!ids.length) return [];
  return db.selectFrom('units').select(['name', 'level', 'type', 'parent_id as parentId']).where('id', 'in', [...ids]).orderBy('sort_key').execute();
}
