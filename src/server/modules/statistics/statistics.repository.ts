import { sql } from 'kysely';
import type { Db, Tx } from '../../db/schema.ts';
import type { Actor } from '../../kernel/actor.ts';
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

function scoped(db: Q, actor: Actor) {
  return db
    .selectFrom('incidents as i')
    .innerJoin('units as lu', 'lu.id', 'i.lead_unit_id')
    .innerJoin('units as au', 'au.id', 'i.assigning_unit_id')
    .innerJoin('units as ou', 'ou.id', 'i.overseeing_unit_id')
    .where((eb) => visibleIncidentsScope(eb, actor));
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

/** Per lead unit: situations of the period, those reclassified at least once, those lowered at least once. */
export async function categoryChangeCounts(db: Q, actor: Actor, cur: Range) {
  const rows = await scoped(db, actor)
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

export async function communeNames(db: Q, codes: string[]): Promise<Map<string, { name: string; sortKey: string }>> {
  if (!codes.length) return new Map();
  const rows = await db.selectFrom('jurisdictions').select(['code', 'full_name', 'sort_key']).where('code', 'in', codes).execute();
  return new Map(rows.map((r) => [r.code, { name: r.full_name, sortKey: r.sort_key }]));
}

export async function scopeUnits(db: Q, ids: readonly string[]): Promise<{ name: string; level: string; type: string; parentId: string | null }[]> {
  if (!ids.length) return [];
  return db.selectFrom('units').select(['name', 'level', 'type', 'parent_id as parentId']).where('id', 'in', [...ids]).orderBy('sort_key').execute();
}
