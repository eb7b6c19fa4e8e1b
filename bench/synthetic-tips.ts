/**
 * Synthetic decided tips (nguồn tin về tội phạm with an art. 147(1) decision) for the review
 * benchmark (`--section reviews`): N tips over the 168 communes' police units of the synthetic city,
 * received between `from` and
 * `to`, each decided 3–75 days after receipt — so some within the 20-day deadline, some within an
 * extension, some late. Generated server-side in batches with `generate_series` and
 * `hashint8extended(i, seed)` draws, ids cut from `md5(seed:tip:i)`: the same seed and size give the
 * same rows.
 *
 * Events, in the shapes the tips use cases write (tips/tip-deadlines.ts `ClockEvent`): every tip
 * has `decided` (data as `decideTip` writes it); 30 % an `extended` (kind `complex`, until received + 2 months) before it; 5 % a
 * `suspended` then `restored` pair (10–30 days) before the decision. Not generated: reporters,
 * questions, files, notifications, audit rows — the review reads none of them.
 */
import type pg from 'pg';
import { note } from './lib.ts';

export interface SyntheticTipsOptions {
  tips: number;
  seed: number;
  from: string;
  to: string;
  batch?: number;
}

export async function loadSyntheticDecidedTips(db: pg.Pool, o: SyntheticTipsOptions): Promise<{ tips: number; events: number; ms: number }> {
  const t0 = performance.now();
  const batch = o.batch ?? 20_000;
  const days = Math.round((Date.parse(o.to) - Date.parse(o.from)) / 86_400_000);
  // The communes' police units of the synthetic city (the first by code where a commune has several).
  await db.query('drop table if exists bench_tip_communes');
  await db.query(`create table bench_tip_communes as
    select (row_number() over (order by x.code))::int - 1 as idx, x.code, x.police_id from (
      select distinct on (u.commune_code) u.commune_code as code, u.id as police_id
      from units u join units p on p.id = u.parent_id
      where u.level = 'commune' and u.type = 'police_unit' and p.short_name = 'Công an TP' and u.code like 'SYN-%' and u.commune_code is not null
      order by u.commune_code, u.code) x`);
  const communes = Number((await db.query<{ n: number }>('select count(*)::int n from bench_tip_communes')).rows[0]!.n);
  if (communes === 0) throw new Error('tips data: the synthetic city has no commune police units');
  for (let a = 0; a < o.tips; a += batch) {
    const b = Math.min(o.tips, a + batch) - 1;
    await db.query(
      `with d as (
         select i,
           md5($1 || ':tip:' || i)::uuid as id,
           (abs(hashint8extended(i, $1::bigint * 64 + 1)) % $4)::int as c,
           ($2::date + (abs(hashint8extended(i, $1::bigint * 64 + 2)) % $3)::int)::timestamp
             + make_interval(mins => (abs(hashint8extended(i, $1::bigint * 64 + 3)) % 1440)::int) as local_received,
           3 + (abs(hashint8extended(i, $1::bigint * 64 + 4)) % 73)::int as after_days,
           (abs(hashint8extended(i, $1::bigint * 64 + 5)) % 100)::int as r
         from generate_series($5::int, $6::int) i
       ), x as (
         select d.*, bc.code, bc.police_id, (d.local_received at time zone 'Asia/Ho_Chi_Minh') as received_at
         from d join bench_tip_communes bc on bc.idx = d.c
       )
       insert into tips (id, tracking_code, secret_hash, kind, state, what, commune_code, address, received_at, remote, receiving_unit_id, handling_unit_id,
                           classification, transferred_at, outcome_kind, outcome_decision_no, outcome_decided_on, version)
         select id, 'BT' || lpad(i::text, 9, '0'), 'benchmark', case when r % 2 = 0 then 'to_giac' else 'tin_bao' end, 'decided',
                'Nguồn tin (benchmark) ' || i, code, 'Địa chỉ (benchmark)', received_at, false, police_id, police_id,
                'within_competence', received_at + interval '3 hours',
                case when r < 40 then 'prosecution' when r < 95 then 'no_prosecution' else 'suspension' end,
                i || '/QĐ-BENCH', least($7::date, (local_received::date + after_days)), 6
       from x`,
      [String(o.seed), o.from, days, communes, a, b, o.to],
    );
    // Events: decided for all; extended (30 %); suspended + restored (5 %, before the decision).
    await db.query(
      `insert into tip_events (tip_id, kind, actor_user_id, actor_name, unit_id, data, at)
       select t.id, e.kind, null, 'benchmark', t.handling_unit_id, e.data, e.at
       from tips t
       cross join lateral (
         select 'extended' as kind,
                jsonb_build_object('extensionKind', 'complex', 'until', to_char((t.received_at at time zone 'Asia/Ho_Chi_Minh')::date + 60, 'YYYY-MM-DD'), 'decisionNo', '1/QĐ-GH') as data,
                t.received_at + interval '15 days' as at
         where abs(hashint8extended(substr(t.tracking_code, 3)::bigint, $1::bigint * 64 + 6)) % 100 < 30
         union all
         select 'suspended', jsonb_build_object('decidedOn', to_char(t.outcome_decided_on - 25, 'YYYY-MM-DD'), 'decisionNo', '1/QĐ-TĐC', 'reason', 'benchmark'), t.received_at + interval '1 day'
         where abs(hashint8extended(substr(t.tracking_code, 3)::bigint, $1::bigint * 64 + 7)) % 100 < 5 and t.outcome_decided_on - 25 > (t.received_at at time zone 'Asia/Ho_Chi_Minh')::date
         union all
         select 'restored', jsonb_build_object('decidedOn', to_char(t.outcome_decided_on - 10, 'YYYY-MM-DD'), 'decisionNo', '1/QĐ-PH'), t.received_at + interval '2 days'
         where abs(hashint8extended(substr(t.tracking_code, 3)::bigint, $1::bigint * 64 + 7)) % 100 < 5 and t.outcome_decided_on - 25 > (t.received_at at time zone 'Asia/Ho_Chi_Minh')::date
         union all
         select 'decided', jsonb_build_object('outcome', t.outcome_kind, 'decisionNo', t.outcome_decision_no, 'decidedOn', to_char(t.outcome_decided_on, 'YYYY-MM-DD')), (t.outcome_decided_on::timestamp + interval '9 hours') at time zone 'Asia/Ho_Chi_Minh'
       ) e
       where t.tracking_code between 'BT' || lpad($2::text, 9, '0') and 'BT' || lpad($3::text, 9, '0')`,
      [String(o.seed), a, b],
    );
    if ((a / batch) % 5 === 4) note(`tips data: ${b + 1} of ${o.tips} decided tips`);
  }
  await db.query('drop table bench_tip_communes');
  await db.query('analyze tips');
  await db.query('analyze tip_events');
  const events = Number((await db.query<{ n: number }>(`select count(*)::int n from tip_events e join tips t on t.id = e.tip_id where t.tracking_code like 'BT%'`)).rows[0]!.n);
  return { tips: o.tips, events, ms: Math.round(performance.now() - t0) };
}
