/**
 * Statistics and map benchmarks on many situations (`--section situations`): the product's
 * functions — the statistics use case (`incidentStatistics`, grouped by category or commune, a
 * calendar year or the Ministry's statistical month, each with the same period last year), the map
 * use case (`incidentMap`) and the repository function under it (`incidentMapData`) — each beside
 * hand-written SQL for the same answer on the same pool, for an administrator (whole city) and a
 * commune police officer (one commune: the busiest). One warm-up run checks that both give the same
 * answer, then `--situation-rounds` alternating timed runs. The slowest product call is run once
 * more with its statements captured (a logging Kysely over the same pool), and its slowest
 * statement is EXPLAIN ANALYZEd into the JSON, beside the plan of the hand-written SQL.
 *
 * The hand-written scope is written differently from the product's on purpose: the product joins
 * the lead, assigning and overseeing units and matches their paths (`visibleIncidentsScope`);
 * here the units in the viewer's scope are selected once (`su`) and situations are matched by unit
 * id and by the commune of a commune police unit in scope — the same rule, another formulation.
 */
import { Kysely, PostgresDialect } from 'kysely';
import type pg from 'pg';
import { MAP_POINTS_LIMIT } from '../src/contracts/statistics.ts';
import type { DB } from '../src/server/db/schema.ts';
import type { Backend } from '../src/server/db/connect.ts';
import type { Actor } from '../src/server/kernel/actor.ts';
import type { Ctx } from '../src/server/kernel/context.ts';
import { escapeLike } from '../src/server/kernel/text.ts';
import { actorFor, makeUser } from '../src/server/seed/factories.ts';
import { incidentMapData, type MetricRow } from '../src/server/modules/statistics/statistics.repository.ts';
import { incidentMap, incidentStatistics } from '../src/server/modules/statistics/statistics.service.ts';
import { measurePair, note, sameList, within, type PairCase } from './lib.ts';
import { loadSyntheticIncidents } from './synthetic-incidents.ts';

export interface SituationsBenchOptions {
  incidents: number;
  seed: number;
  rounds: number;
  timeoutMs: number;
  backend: Backend;
}

interface Range {
  from: string;
  to: string;
}
/** Periods written out by hand (the product's answer must name the same dates). */
const YEAR_2025 = { cur: { from: '2025-01-01', to: '2025-12-31' }, base: { from: '2024-01-01', to: '2024-12-31' } };
/** Statistical month 6/2026: 15 May to 14 June 2026 (the fixed "today" is 15 June 2026). */
const STAT_MONTH_6_2026 = { cur: { from: '2026-05-15', to: '2026-06-14' }, base: { from: '2025-05-15', to: '2025-06-14' } };
const MONTH_5_2026 = { cur: { from: '2026-05-01', to: '2026-05-31' }, base: { from: '2025-05-01', to: '2025-05-31' } };

interface Viewer {
  key: string;
  label: string;
  actor: Actor;
}

// ── Hand-written SQL ──────────────────────────────────────────────────────────────────────────
/** The viewer's scope ($5 path patterns, $6 commune codes): none for an administrator. */
function scopeSql(v: Viewer): { with: string; where: string; params: unknown[] } {
  if (v.actor.roles.includes('system_admin')) return { with: '', where: '', params: [] };
  return {
    with: `with su as materialized (select id, commune_code, level, type from units where path like any($5::text[]) or commune_code = any($6::text[]))`,
    where: `and (i.lead_unit_id in (select id from su) or i.assigning_unit_id in (select id from su) or i.overseeing_unit_id in (select id from su)
      or exists (select 1 from incident_units x where x.incident_id = i.id and x.unit_id in (select id from su))
      or i.commune_code in (select commune_code from su where level = 'commune' and type = 'police_unit')
      or i.commune_code = any($6::text[]))`,
    params: [v.actor.scopePaths.map((p) => `${escapeLike(p)}%`), [...v.actor.communeCodes]],
  };
}

interface SqlMetric {
  key: string;
  cn: number;
  cd: number;
  ci: number;
  cv: number;
  cr: number;
  bn: number;
  bd: number;
  bi: number;
  bv: number;
  br: number;
}

function metricsSql(v: Viewer, groupBy: 'category' | 'commune'): { text: string; extra: unknown[] } {
  const s = scopeSql(v);
  const key = groupBy === 'category' ? 'i.category' : 'i.commune_code';
  const cur = 'i.occurred_on between $1::date and $2::date';
  const base = 'i.occurred_on between $3::date and $4::date';
  return {
    text: `${s.with} select ${key} as key,
      count(*) filter (where ${cur})::int cn, coalesce(sum(i.dead) filter (where ${cur}), 0)::int cd, coalesce(sum(i.injured) filter (where ${cur}), 0)::int ci,
      coalesce(sum(i.damage_vnd) filter (where ${cur}), 0)::float8 cv, count(*) filter (where ${cur} and i.reopen_count > 0)::int cr,
      count(*) filter (where ${base})::int bn, coalesce(sum(i.dead) filter (where ${base}), 0)::int bd, coalesce(sum(i.injured) filter (where ${base}), 0)::int bi,
      coalesce(sum(i.damage_vnd) filter (where ${base}), 0)::float8 bv, count(*) filter (where ${base} and i.reopen_count > 0)::int br
      from incidents i where i.merged_into_id is null and (${cur} or ${base}) ${s.where} group by 1`,
    extra: s.params,
  };
}

type Metrics = { incidents: number; dead: number; injured: number; damageVnd: number; reopened: number };
const fromSql = (r: SqlMetric): { cur: Metrics; base: Metrics } => ({
  cur: { incidents: r.cn, dead: r.cd, injured: r.ci, damageVnd: Number(r.cv), reopened: r.cr },
  base: { incidents: r.bn, dead: r.bd, injured: r.bi, damageVnd: Number(r.bv), reopened: r.br },
});
const sameMetrics = (a: Metrics, b: Metrics): boolean => a.incidents === b.incidents && a.dead === b.dead && a.injured === b.injured && a.damageVnd === b.damageVnd && a.reopened === b.reopened;
const ZERO: Metrics = { incidents: 0, dead: 0, injured: 0, damageVnd: 0, reopened: 0 };

/** Keys with any non-zero metric, compared as maps (the product lists every category, zeros included). */
function compareMetrics(product: Map<string, { cur: Metrics; base: Metrics }>, hand: SqlMetric[]): { match: boolean; differing: string[] } {
  const h = new Map(hand.map((r) => [r.key, fromSql(r)]));
  const keys = new Set([...product.keys(), ...h.keys()]);
  const differing: string[] = [];
  for (const k of keys) {
    const p = product.get(k) ?? { cur: ZERO, base: ZERO };
    const s = h.get(k) ?? { cur: ZERO, base: ZERO };
    if (!sameMetrics(p.cur, s.cur) || !sameMetrics(p.base, s.base)) differing.push(k);
  }
  return { match: differing.length === 0, differing: differing.slice(0, 10) };
}

interface SqlMap {
  metrics: SqlMetric[];
  communes: string[];
  points: string[];
  pointsTotal: number;
}

async function mapByHand(db: pg.Pool, v: Viewer, p: { cur: Range; base: Range }, limit: number, T: number): Promise<SqlMap> {
  const m = metricsSql(v, 'commune');
  const metrics = (await within(T, 'sql map counts', db.query<SqlMetric>(m.text, [p.cur.from, p.cur.to, p.base.from, p.base.to, ...m.extra]))).rows;
  const counted = metrics.map((r) => r.key);
  const admin = v.actor.roles.includes('system_admin');
  const communes = (
    await within(
      T,
      'sql map communes',
      db.query<{ code: string }>(
        `select j.code from jurisdictions j where j.boundary is not null and (
           exists (select 1 from units u where u.commune_code = j.code ${admin ? '' : 'and (u.path like any($2::text[]) or u.commune_code = any($3::text[]))'})
           or j.code = any($1::text[]) ${admin ? '' : 'or j.code = any($3::text[])'}) order by j.code`,
        admin ? [counted] : [counted, ...scopeSql(v).params],
      ),
    )
  ).rows.map((r) => r.code);
  const s = scopeSql(v);
  const where = `from incidents i where i.merged_into_id is null and i.occurred_on between $1::date and $2::date and i.lat is not null and i.lon is not null ${s.where.replaceAll('$5', '$3').replaceAll('$6', '$4')}`;
  const w = s.with.replaceAll('$5', '$3').replaceAll('$6', '$4');
  const points = (await within(T, 'sql map points', db.query<{ id: string }>(`${w} select i.id ${where} order by i.occurred_at desc, i.id limit ${limit}`, [p.cur.from, p.cur.to, ...s.params]))).rows.map(
    (r) => r.id,
  );
  const pointsTotal = (await within(T, 'sql map total', db.query<{ n: number }>(`${w} select count(*)::int n ${where}`, [p.cur.from, p.cur.to, ...s.params]))).rows[0]!.n;
  return { metrics, communes, points, pointsTotal };
}

// ── The section ───────────────────────────────────────────────────────────────────────────────
export async function measureSituations(ctx: Ctx, db: pg.Pool, o: SituationsBenchOptions) {
  const errors: string[] = [];
  const T = o.timeoutMs;
  note(`${o.backend}: generating ${o.incidents} situations`);
  const data = await loadSyntheticIncidents(db, { incidents: o.incidents, seed: o.seed });
  note(`${o.backend}: situations loaded in ${Math.round(data.timings.totalMs! / 1000)} s: ${data.incidents} situations, ${data.supporting} supporting units, ${data.merged} merged, ${data.located} located`);

  const city = (await db.query<{ id: string }>(`select id from units where short_name = 'TP.HCM' and code like 'SYN-%'`)).rows[0]!.id;
  await makeUser(ctx, { username: 'bench.vv.quantri', displayName: 'Quản trị (bench)', unitId: city, roles: ['system_admin'] });
  await makeUser(ctx, { username: 'bench.vv.xa', displayName: 'Cán bộ Công an xã (bench)', unitId: data.busiestCommune.policeUnitId, roles: ['unit_officer'] });
  const viewers: Viewer[] = [
    { key: 'Admin', label: 'administrator (whole city)', actor: await actorFor(ctx, 'bench.vv.quantri') },
    { key: 'CommuneOfficer', label: `unit_officer of the police of commune ${data.busiestCommune.code} (${data.busiestCommune.incidents} situations there)`, actor: await actorFor(ctx, 'bench.vv.xa') },
  ];

  const results: Record<string, PairCase> = {};
  /** The product call of each case, to capture its statements for EXPLAIN. */
  const calls: Record<string, { product: (c: Ctx) => Promise<unknown>; sql: { text: string; params: unknown[] } }> = {};
  for (const v of viewers) {
    // 1–3. Statistics (the use case) vs the hand-written metrics.
    for (const [name, groupBy, period, q] of [
      ['statsByCategoryYear', 'category', YEAR_2025, { period: 'year', year: 2025 }],
      ['statsByCommuneYear', 'commune', YEAR_2025, { period: 'year', year: 2025 }],
      ['statsByCategoryStatMonth', 'category', STAT_MONTH_6_2026, { period: 'stat_month', year: 2026, index: 6 }],
    ] as const) {
      const key = `${name}${v.key}`;
      const m = metricsSql(v, groupBy);
      const params = [period.cur.from, period.cur.to, period.base.from, period.base.to, ...m.extra];
      const product = (c: Ctx) => within(T, key, incidentStatistics(c, v.actor, { groupBy, ...q }));
      calls[key] = { product, sql: { text: m.text, params } };
      const r = await measurePair(
        key,
        o.rounds,
        () => product(ctx),
        async () => (await within(T, `sql ${key}`, db.query<SqlMetric>(m.text, params))).rows,
        (p, s) => {
          const pm = new Map(p.rows.map((r) => [r.key, { cur: r.current, base: r.base }]));
          const c = compareMetrics(pm, s);
          const periodOk = p.period.from === period.cur.from && p.period.to === period.cur.to && p.base.from === period.base.from && p.base.to === period.base.to;
          const sqlTotal = s.reduce((a, r) => a + r.cn, 0);
          const match = c.match && periodOk && p.total.current.incidents === sqlTotal;
          return { match, answer: { period: `${p.period.from}..${p.period.to} vs ${p.base.from}..${p.base.to}`, rows: p.rows.length, current: p.total.current.incidents, base: p.total.base.incidents, ...(match ? {} : { sqlCurrent: sqlTotal, periodOk, differing: c.differing }) } };
        },
        errors,
      );
      r.what = `incidentStatistics(ctx, ${v.label}, groupBy=${groupBy}, ${JSON.stringify(q)}) vs hand-written count/sum per ${groupBy} for ${period.cur.from}..${period.cur.to} and ${period.base.from}..${period.base.to}`;
      results[key] = r;
    }

    // 4–6. The map: the use case (month and year) and the repository function under it (month).
    for (const [name, layer, period, q] of [
      ['mapServiceMonth', 'service', MONTH_5_2026, { period: 'month', year: 2026, index: 5 }],
      ['mapRepositoryMonth', 'repository', MONTH_5_2026, { period: 'month', year: 2026, index: 5 }],
      ['mapServiceYear', 'service', YEAR_2025, { period: 'year', year: 2025 }],
    ] as const) {
      const key = `${name}${v.key}`;
      type Answer = { counts: Map<string, { cur: Metrics; base: Metrics }>; communes: string[]; points: string[]; pointsTotal: number; periodOk: boolean };
      const product = async (c: Ctx): Promise<Answer> => {
        if (layer === 'repository') {
          const d = await within(T, key, incidentMapData(c.db, v.actor, period.cur, period.base, {}, MAP_POINTS_LIMIT));
          return { counts: new Map(d.counts.map((r: MetricRow) => [r.key, r])), communes: d.communes.map((x) => x.code), points: d.points.map((x) => x.id), pointsTotal: d.pointsTotal, periodOk: true };
        }
        const d = await within(T, key, incidentMap(c, v.actor, q));
        const counts = new Map(
          d.communes.features.map((f) => [f.properties.code, { cur: { ...ZERO, incidents: f.properties.count }, base: { ...ZERO, incidents: f.properties.baseCount } }]),
        );
        const periodOk = d.period.from === period.cur.from && d.period.to === period.cur.to && d.base.from === period.base.from && d.base.to === period.base.to;
        return { counts, communes: d.communes.features.map((f) => f.properties.code), points: d.points.features.map((f) => f.id), pointsTotal: d.pointsTotal, periodOk };
      };
      const m = metricsSql(v, 'commune');
      calls[key] = { product, sql: { text: m.text, params: [period.cur.from, period.cur.to, period.base.from, period.base.to, ...m.extra] } };
      const r = await measurePair(
        key,
        o.rounds,
        () => product(ctx),
        () => mapByHand(db, v, period, MAP_POINTS_LIMIT, T),
        (p, s) => {
          // The service shows the counts of the communes it draws; the repository returns every counted commune with all metrics.
          const hand = layer === 'repository' ? s.metrics : s.metrics.filter((x) => s.communes.includes(x.key)).map((x) => ({ ...x, cd: 0, ci: 0, cv: 0, cr: 0, bd: 0, bi: 0, bv: 0, br: 0 }));
          const c = compareMetrics(p.counts, hand);
          const match = c.match && p.periodOk && sameList(p.communes, s.communes) && sameList(p.points, s.points) && p.pointsTotal === s.pointsTotal;
          return {
            match,
            answer: {
              communes: p.communes.length,
              points: p.points.length,
              pointsTotal: p.pointsTotal,
              counted: s.metrics.reduce((a, x) => a + x.cn, 0),
              ...(match ? {} : { sql: { communes: s.communes.length, points: s.points.length, pointsTotal: s.pointsTotal }, samePoints: sameList(p.points, s.points), periodOk: p.periodOk, differing: c.differing }),
            },
          };
        },
        errors,
      );
      r.what =
        layer === 'repository'
          ? `incidentMapData(db, ${v.label}, ${period.cur.from}..${period.cur.to}, base ${period.base.from}..${period.base.to}, {}, ${MAP_POINTS_LIMIT}) vs hand-written counts per commune, communes with a boundary, first ${MAP_POINTS_LIMIT} located points and their total`
          : `incidentMap(ctx, ${v.label}, ${JSON.stringify(q)}) (GeoJSON boundaries with counts, points ≤ ${MAP_POINTS_LIMIT}) vs the same hand-written statements`;
      results[key] = r;
    }
  }

  // ── EXPLAIN ANALYZE of the slowest product call's slowest statement, and of its hand-written SQL ──
  const slowest = Object.entries(results).sort((a, b) => b[1].httpMs.p50 - a[1].httpMs.p50)[0]!;
  const captured: { sql: string; parameters: readonly unknown[]; ms: number }[] = [];
  const logging = new Kysely<DB>({
    dialect: new PostgresDialect({ pool: db }),
    log: (e) => {
      if (e.level === 'query') captured.push({ sql: e.query.sql, parameters: e.query.parameters, ms: e.queryDurationMillis });
    },
  });
  await calls[slowest[0]]!.product({ ...ctx, db: logging });
  const statements = [...captured].sort((a, b) => b.ms - a.ms);
  const top = statements[0]!;
  const plan = async (text: string, params: readonly unknown[]) =>
    (await within(T, 'explain', db.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${text}`, [...params]))).rows.map((r) => r['QUERY PLAN']);
  const explain = {
    case: slowest[0],
    productP50Ms: slowest[1].httpMs.p50,
    statements: statements.map((s) => ({ ms: Math.round(s.ms * 10) / 10, sql: s.sql.slice(0, 300) })),
    slowestStatement: { sql: top.sql, parameters: top.parameters, plan: await plan(top.sql, top.parameters) },
    handWritten: { sql: calls[slowest[0]]!.sql.text, plan: await plan(calls[slowest[0]]!.sql.text, calls[slowest[0]]!.sql.params) },
  };
  note(`situations: slowest product call ${slowest[0]} (p50 ${slowest[1].httpMs.p50} ms); its slowest statement took ${Math.round(top.ms)} ms:\n${explain.slowestStatement.plan.join('\n')}`);
  return { data, results, explain, errors };
}
