/**
 * Campaign roll-up benchmark (`--section campaigns`, issue 6): two instances of one template over
 * the synthetic city's 168 commune police units — last season and this one, each a year long —
 * with one result a day per unit (61,320 reports and 306,600 figures per campaign) generated
 * server-side with INSERT … SELECT over generate_series. The product's roll-up
 * (`campaignRollup`: city totals and progress, the previous instance aligned as the base, the
 * clearance rate, per-unit sums and the ranking per case load, whose case loads come from the
 * statistics use case) beside hand-written SQL for the same answer on the same pool. One run
 * checks they agree, then `--campaign-rounds` alternating timed runs.
 */
import type pg from 'pg';
import { INDICATOR_KEYS } from '../src/contracts/campaigns.ts';
import { operatorActor } from '../src/server/kernel/actor.ts';
import type { Ctx } from '../src/server/kernel/context.ts';
import { campaignRollup, createCampaign, createCampaignTemplate, startCampaign } from '../src/server/modules/campaigns/campaign.service.ts';
import { MIN_CASE_LOAD, PER_SITUATIONS } from '../src/server/modules/campaigns/campaign.ts';
import { measurePair, note, within } from './lib.ts';

export interface CampaignBenchOptions {
  rounds: number;
  seed: number;
  timeoutMs: number;
  /** The fixed "today" of the run: this season ends on it. */
  today: string;
}

const INDICATORS = [
  ['cases_detected', 5, 1],
  ['cases_dismantled', 4, 1],
  ['people_arrested', 7, 1],
  ['gangs_broken_up', 2, 1],
  ['seized_drugs_kg', 2000, 1000],
] as const;

const HAND_SQL = `
with cur as (
  select r.unit_id, v.indicator, sum(v.value)::float8 as s
  from campaign_results r join campaign_result_values v on v.result_id = r.id
  where r.campaign_id = $1 and r.from_on >= $2::date and r.to_on <= $3::date
  group by r.unit_id, v.indicator
), base as (
  select v.indicator, sum(v.value)::float8 as s
  from campaign_results r join campaign_result_values v on v.result_id = r.id
  where r.campaign_id = $4 and r.from_on >= $5::date and r.to_on <= $6::date
  group by v.indicator
), loads as (
  select commune_code, count(*)::int as n from incidents
  where merged_into_id is null and occurred_on between $2::date and $3::date
  group by commune_code
), units as (
  select u.id, u.commune_code, coalesce(c.s, 0) as v, coalesce(l.n, 0) as load
  from campaign_units cu join units u on u.id = cu.unit_id
  left join cur c on c.unit_id = u.id and c.indicator = 'cases_dismantled'
  left join loads l on l.commune_code = u.commune_code
  where cu.campaign_id = $1
)
select 'city' as kind, c.indicator as key, round(sum(c.s)::numeric, 3)::float8 as value, (select round(b.s::numeric, 3)::float8 from base b where b.indicator = c.indicator) as base, null::int as rank
  from cur c group by c.indicator
union all
select 'unit', u.id::text, u.v, u.load, case when u.load >= $7 then (rank() over (partition by u.load >= $7 order by round((u.v / nullif(u.load, 0) * $8)::numeric, 2) desc))::int end
  from units u`;

export async function measureCampaigns(ctx: Ctx, db: pg.Pool, o: CampaignBenchOptions) {
  const errors: string[] = [];
  const op = operatorActor('bench');
  const bctx: Ctx = { ...ctx, today: () => o.today };
  const units = (await db.query<{ id: string }>(`select id from units where level = 'commune' and type = 'police_unit' and commune_code is not null order by commune_code limit 168`)).rows.map((r) => r.id);
  const owner = (await db.query<{ id: string }>(`select id from units where level = 'city' and type = 'police_unit' order by path limit 1`)).rows[0]?.id ?? units[0]!;
  note(`campaigns: ${units.length} commune units, today ${o.today}`);
  const day = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
  const curFrom = day(o.today, -364);
  const prevFrom = day(curFrom, -365);
  const prevTo = day(curFrom, -1);

  const tpl = await createCampaignTemplate(bctx, op, { code: `BENCH-${o.seed}`, name: 'Cao điểm (benchmark)', description: null, targetCategories: [], indicators: [], ownerUnitId: owner });
  const mk = async (name: string, fromOn: string, toOn: string) => {
    const c = await createCampaign(bctx, op, {
      name,
      fromOn,
      toOn,
      templateId: tpl.id,
      ownerUnitId: owner,
      targetCategories: [],
      unitIds: units,
      indicators: [
        { indicator: 'cases_dismantled', target: 100_000 },
        { indicator: 'people_arrested', target: 150_000 },
        { indicator: 'clearance_rate', target: 75 },
      ],
    });
    return startCampaign(bctx, op, c.id, { version: c.version });
  };
  const prev = await mk('Cao điểm năm trước (benchmark)', prevFrom, prevTo);
  const cur = await mk('Cao điểm năm nay (benchmark)', curFrom, o.today);

  const t0 = performance.now();
  for (const c of [prev, cur]) {
    await within(
      o.timeoutMs,
      'generate campaign results',
      db.query(
        `insert into campaign_results (id, campaign_id, unit_id, from_on, to_on, reported_by_name, created_at)
         select md5($1::text || ':' || u.id || ':' || d)::uuid, $1::uuid, u.id, $2::date + d, $2::date + d, 'bench', now()
         from unnest($3::uuid[]) as u(id) cross join generate_series(0, ($4::date - $2::date)) as d`,
        [c.id, c.fromOn, units, c.toOn],
      ),
    );
    await within(
      o.timeoutMs,
      'generate campaign figures',
      db.query(
        `insert into campaign_result_values (result_id, indicator, value)
         select r.id, k.indicator, (abs(hashint8extended(('x' || substr(md5(r.id::text || k.indicator), 1, 15))::bit(60)::bigint, $2)) % k.mod)::numeric / k.div
         from campaign_results r cross join (select * from unnest($3::text[], $4::int[], $5::int[]) as k(indicator, mod, div)) k
         where r.campaign_id = $1`,
        [c.id, o.seed, INDICATORS.map((i) => i[0]), INDICATORS.map((i) => i[1]), INDICATORS.map((i) => i[2])],
      ),
    );
  }
  await db.query('analyze campaign_results');
  await db.query('analyze campaign_result_values');
  const counts = (await db.query<{ r: number; v: number }>(`select (select count(*) from campaign_results)::int as r, (select count(*) from campaign_result_values)::int as v`)).rows[0]!;
  const genMs = Math.round(performance.now() - t0);
  note(`campaigns: generated ${counts.r} reports and ${counts.v} figures in ${genMs} ms`);

  const product = () => within(o.timeoutMs, 'campaignRollup', campaignRollup(bctx, op, cur.id, { base: 'aligned', rankBy: 'cases_dismantled' }));
  // The aligned base of a full-year campaign is the previous instance's first 365 days: all of it.
  const hand = () => within(o.timeoutMs, 'hand-written roll-up', db.query<{ kind: string; key: string; value: number; base: number | null; rank: number | null }>(HAND_SQL, [cur.id, curFrom, o.today, prev.id, prevFrom, prevTo, MIN_CASE_LOAD, PER_SITUATIONS]));
  const rollup = await measurePair(
    'campaigns rollup (168 units × 365 days, with last year)',
    o.rounds,
    product,
    hand,
    (p, s) => {
      const cityHand = new Map(s.rows.filter((r) => r.kind === 'city').map((r) => [r.key, r]));
      const cityDiff = INDICATOR_KEYS.flatMap((k) => {
        const pi = p.city.indicators.find((i) => i.indicator === k);
        const h = cityHand.get(k);
        const pv = pi?.value ?? 0;
        const hv = h?.value ?? 0;
        const pb = pi?.base ?? 0;
        const hb = h?.base ?? 0;
        return Math.abs(pv - hv) > 1e-6 || Math.abs(pb - hb) > 1e-6 ? [{ k, product: [pv, pb], sql: [hv, hb] }] : [];
      });
      const unitHand = new Map(s.rows.filter((r) => r.kind === 'unit').map((r) => [r.key, r]));
      const unitDiff = p.units.flatMap((u) => {
        const h = unitHand.get(u.unit.id);
        const pv = u.values.cases_dismantled ?? 0;
        return !h || Math.abs(pv - h.value) > 1e-6 || (u.caseLoad ?? 0) !== h.base || u.rank !== h.rank ? [{ unit: u.unit.code, product: [pv, u.caseLoad, u.rank], sql: h ? [h.value, h.base, h.rank] : null }] : [];
      });
      return {
        match: cityDiff.length === 0 && unitDiff.length === 0 && p.units.length === units.length,
        answer: {
          units: p.units.length,
          dismantled: p.city.indicators.find((i) => i.indicator === 'cases_dismantled')?.value,
          base: p.base,
          ranked: p.ranking.ranked,
          cityDiff: cityDiff.slice(0, 5),
          unitDiff: unitDiff.slice(0, 5),
        },
      };
    },
    errors,
  );
  return {
    what:
      'campaignRollup (use case: load + scope, sums per unit and indicator over the counted window, the previous instance aligned as the base, progress, clearance rate, case loads per commune from incidentStatistics, ranking) vs one hand-written SQL statement for the same city totals, base, per-unit figure, case loads and ranks',
    data: { units: units.length, days: 365, reports: counts.r, figures: counts.v, generateMs: genMs },
    rollup: { ...rollup, what: 'GET /api/campaigns/:id/rollup through the use case, admin viewer, base aligned, rank by cases dismantled' },
    sqlText: HAND_SQL.trim(),
    errors,
  };
}
