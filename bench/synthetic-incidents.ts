/**
 * Synthetic security and order situations (vụ việc) for the statistics and map benchmarks
 * (`--section situations`), laid over the synthetic city (synthetic-city.ts): N situations over the
 * 168 communes of Ho Chi Minh City from 2023-01-01 to the fixed "today" (BENCH_TODAY, 2026-06-15),
 * with supporting units on ~15 % of them and ~0.5 % duplicates merged into the situation before.
 *
 * Generated server-side with `INSERT … SELECT … FROM generate_series(…)` in batches, like the
 * coordination data (synthetic-tasks.ts); every draw is `hashint8extended(i, seed·64 + salt)`,
 * ids are version-4 UUIDs cut from `md5(seed:incident:i)`, so the same seed and size give the same rows.
 *
 * The rows keep the invariants of migrations 0006/0008 and of the incidents use cases:
 * - `number` from one run of numbers after the existing ones, and `incident_number_seq` set past them;
 * - `occurred_on` = the date of `occurred_at` in Asia/Ho_Chi_Minh (times are written with +07, which
 *   has no daylight saving);
 * - `search_text` = foldForSearch("VV-00042 " + title + " " + description + " " + address): titles,
 *   descriptions and addresses are assembled in SQL from word lists whose folded copies are computed
 *   here with the real `foldForSearch` (folding is per character, so folding the parts and joining
 *   them with single spaces is the same string); a sample is checked afterwards;
 * - lead unit: the commune's police unit (92 %) or a city department (8 %); assigning unit: the city
 *   police (Công an TP); `overseeing_unit_id` fits `level` (`unitFitsLevel`): the assigning unit at
 *   commune level (85 %), a city department at department level (12 %), a command or leadership body
 *   of the city at leadership level (3 %);
 * - state by age: older than 60 days mostly closed; `closed_at` / `closing_report` by state; the
 *   duplicate is closed with `merged_into_id` = the situation kept (never itself merged), same
 *   commune, category and day, 30 minutes later; `log_count` 0 only for some open ones (status
 *   "new"); `version` counts the changes a situation went through.
 * Not generated: `incident_events` (the joint log and lifecycle rows), category changes, tips linked
 * to situations, notifications and audit rows — the statistics and the map read none of them. The
 * 168 communes get a square boundary of ±0.01° around a point in the city when they have none (the
 * synthetic city imports no boundaries), so the map returns communes; located situations (85 %) lie
 * inside their commune's square.
 */
import type pg from 'pg';
import { INCIDENT_CATEGORIES } from '../src/contracts/incidents.ts';
import { foldForSearch } from '../src/server/kernel/text.ts';
import { vnToday } from '../src/server/kernel/context.ts';
import { incidentCode, unitFitsLevel } from '../src/server/modules/incidents/incident.ts';
import { HCMC_COMMUNES } from '../src/server/modules/organisation/reference/admin-units.ts';
import { note } from './lib.ts';
import { BENCH_TODAY } from './synthetic-tasks.ts';

export const INCIDENTS_FROM = '2023-01-01';

export interface SyntheticIncidentsOptions {
  incidents: number;
  seed: number;
  /** Situations per INSERT statement. */
  batch?: number;
}

export interface SyntheticIncidents {
  incidents: number;
  supporting: number;
  merged: number;
  located: number;
  from: string;
  today: string;
  /** Commune codes in code order, and the police unit of the first (the busiest). */
  communes: number;
  busiestCommune: { code: string; policeUnitId: string; incidents: number };
  cityPoliceUnitId: string;
  timings: Record<string, number>;
}

/** Title templates per category (INCIDENT_CATEGORIES order), 3 each; " tại <commune>" is appended. */
const TITLES: Record<(typeof INCIDENT_CATEGORIES)[number], string[]> = {
  social_order: ['Trộm cắp tài sản', 'Cướp giật điện thoại', 'Cố ý gây thương tích'],
  economic: ['Buôn bán hàng giả', 'Kinh doanh hàng nhập lậu', 'Gian lận thương mại'],
  drugs: ['Tàng trữ trái phép chất ma túy', 'Mua bán trái phép chất ma túy', 'Tổ chức sử dụng trái phép chất ma túy'],
  environment: ['Xả thải gây ô nhiễm môi trường', 'Vi phạm an toàn thực phẩm', 'Khai thác cát trái phép'],
  corruption: ['Nhận hối lộ', 'Lạm dụng chức vụ, quyền hạn', 'Tham ô tài sản'],
  high_tech: ['Lừa đảo chiếm đoạt tài sản qua mạng', 'Mạo danh cơ quan công an qua điện thoại', 'Tổ chức đánh bạc qua mạng'],
  traffic_accident: ['Tai nạn giao thông giữa xe máy và ô tô', 'Tai nạn giao thông liên hoàn', 'Va chạm giao thông gây ùn tắc'],
  fire_explosion: ['Cháy nhà dân', 'Cháy kho hàng', 'Nổ bình gas'],
  mass_gathering: ['Tụ tập đông người khiếu kiện', 'Tụ tập gây rối trật tự công cộng', 'Tụ tập đua xe trái phép'],
  other: ['Phát hiện thi thể không rõ danh tính', 'Người già đi lạc', 'Tình huống khác về an ninh, trật tự'],
};
/** Cumulative shares of the categories (INCIDENT_CATEGORIES order). */
const CATEGORY_CUMULATIVE = [0.3, 0.38, 0.48, 0.52, 0.53, 0.63, 0.83, 0.88, 0.92, 1];
const DESCRIPTIONS = [
  'Lực lượng công an đã có mặt, lập biên bản và xác minh ban đầu',
  'Tiếp nhận tin báo qua đường dây nóng 113, phân công tổ công tác xử lý',
  'Phối hợp với lực lượng dân phòng bảo vệ hiện trường, thu thập thông tin',
  'Đã mời người liên quan về trụ sở làm việc, tiếp tục củng cố hồ sơ',
  'Tổ tuần tra phát hiện trong lúc làm nhiệm vụ, đã báo cáo cấp trên',
  'Người dân phản ánh qua ứng dụng, đã kiểm tra và ghi nhận thiệt hại',
];
const STREETS = ['đường Lê Lợi', 'đường Nguyễn Huệ', 'đường Hai Bà Trưng', 'đường Cách Mạng Tháng Tám', 'đường Điện Biên Phủ', 'đường Võ Văn Kiệt', 'đường Phạm Văn Đồng', 'đường Lũy Bán Bích', 'đường Quang Trung', 'đường số 7'];
const CLOSING = 'Đã xác minh, xử lý xong; đề nghị xác nhận kết thúc vụ việc';
const ASSIGNMENTS = ['Phối hợp xác minh, truy xét', 'Hỗ trợ lực lượng bảo vệ hiện trường', 'Cung cấp thông tin, camera an ninh'];

const uuidOf = (key: string): string => `(overlay(overlay(md5(${key}) placing '4' from 13) placing '8' from 17)::uuid)`;
const lit = (s: string): string => `'${s.replace(/'/g, "''")}'`;
const arr = (xs: readonly string[]): string => `(array[${xs.map(lit).join(', ')}]::text[])`;

/** The same search text the incidents use case writes (incident.service.ts `searchTextOf`). */
export const incidentSearchText = (n: number, i: { title: string; description: string; address: string | null }): string =>
  foldForSearch([incidentCode(n), i.title, i.description, i.address ?? ''].join(' '));

export async function loadSyntheticIncidents(c: pg.Pool, o: SyntheticIncidentsOptions): Promise<SyntheticIncidents> {
  const t0 = performance.now();
  const timings: Record<string, number> = {};
  const lap = (name: string, since: number): number => {
    timings[name] = Math.round(performance.now() - since);
    note(`situations data: ${name} ${timings[name]} ms`);
    return performance.now();
  };
  const q = (text: string, params: unknown[] = []) => c.query(text, params);
  const seed = o.seed;
  const N = o.incidents;
  const batch = Math.max(1000, o.batch ?? 100_000);
  const R = (i: string, salt: number): string => `((hashint8extended((${i})::bigint, ${seed * 64 + 1000 + salt}) & 9007199254740991)::float8 / 9007199254740992.0)`;
  const today = BENCH_TODAY;
  const days = Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${INCIDENTS_FROM}T00:00:00Z`)) / 86_400_000) + 1;

  // ── Communes (code order) with their police unit and a point; departments; leadership bodies ──
  const communes = [...HCMC_COMMUNES].sort((a, b) => (a.code < b.code ? -1 : 1));
  const place = (name: string) => `tại ${name.charAt(0).toLowerCase()}${name.slice(1)}`;
  const communeRows = communes.map((x, idx) => ({
    idx,
    code: x.code,
    place: place(x.fullName),
    lat: 10.45 + (((idx * 7919) % 168) / 168) * 0.9,
    lon: 106.4 + (((idx * 104729) % 168) / 168) * 1.0,
  }));
  await q('drop table if exists bench_inc_communes, bench_inc_units');
  await q('create table bench_inc_communes (idx int primary key, code text not null, police_id uuid not null, lat float8 not null, lon float8 not null)');
  await q(
    `insert into bench_inc_communes select (x->>'idx')::int, x->>'code', u.id, (x->>'lat')::float8, (x->>'lon')::float8
     from jsonb_array_elements($1::jsonb) x
     join lateral (select u.id from units u join units p on p.id = u.parent_id
       where u.commune_code = x->>'code' and u.level = 'commune' and u.type = 'police_unit' and p.short_name = 'Công an TP' and u.code like 'SYN-%' order by u.code limit 1) u on true`,
    [JSON.stringify(communeRows)],
  );
  const nC = Number(((await q('select count(*)::int n from bench_inc_communes')).rows[0] as { n: number }).n);
  if (nC !== communes.length) throw new Error(`situations data: ${nC} of ${communes.length} communes have a police unit in the synthetic city`);
  await q('create table bench_inc_units (kind text not null, idx int not null, id uuid not null, primary key (kind, idx))');
  await q(`insert into bench_inc_units select 'dept', (row_number() over (order by u.code))::int - 1, u.id
    from units u join units p on p.id = u.parent_id
    where u.code like 'SYN-%' and u.level = 'city' and u.type in ('department', 'fire_rescue_police') and p.short_name in ('Công an TP', 'UBND Thành phố')`);
  await q(`insert into bench_inc_units select 'top', x.idx, u.id from units u
    join (values (0, 'Công an TP'), (1, 'UBND Thành phố'), (2, 'Thành ủy Thành phố Hồ Chí Minh'), (3, 'Ban Chỉ đạo 138')) x(idx, name) on coalesce(u.short_name, u.name) = x.name
    where u.code like 'SYN-%' and u.level = 'city'`);
  const kinds = (await q(`select kind, count(*)::int n from bench_inc_units group by kind`)).rows as { kind: string; n: number }[];
  const nD = kinds.find((k) => k.kind === 'dept')?.n ?? 0;
  if (nD === 0 || kinds.find((k) => k.kind === 'top')?.n !== 4) throw new Error(`situations data: the synthetic city lacks departments or leadership bodies (${JSON.stringify(kinds)})`);
  const cityPoliceUnitId = ((await q(`select id from bench_inc_units where kind = 'top' and idx = 0`)).rows[0] as { id: string }).id;
  // Boundaries for the map: a square around each commune's point, where none was imported.
  await q(
    `update jurisdictions j set boundary = jsonb_build_object('type', 'Polygon', 'coordinates', jsonb_build_array(jsonb_build_array(
        jsonb_build_array(b.lon - 0.01, b.lat - 0.01), jsonb_build_array(b.lon + 0.01, b.lat - 0.01), jsonb_build_array(b.lon + 0.01, b.lat + 0.01),
        jsonb_build_array(b.lon - 0.01, b.lat + 0.01), jsonb_build_array(b.lon - 0.01, b.lat - 0.01))))
     from bench_inc_communes b where j.code = b.code and j.boundary is null`,
  );
  let t = lap('units', t0);

  // ── Situations ──
  const existing = Number(((await q('select count(*)::int n, coalesce(max(number), 0)::int m from incidents')).rows[0] as { n: number; m: number }).m);
  const base = existing;
  const cats = INCIDENT_CATEGORIES;
  const titles = cats.flatMap((k) => TITLES[k]);
  const fold = (xs: readonly string[]) => xs.map((x) => foldForSearch(x));
  const places = communeRows.map((x) => x.place);
  const catCase = (u: string) => `(case ${CATEGORY_CUMULATIVE.map((p, k) => `when ${u} < ${p} then ${k}`).join(' ')} else ${cats.length - 1} end)`;
  for (let lo = 1; lo <= N; lo += batch) {
    const hi = Math.min(N, lo + batch - 1);
    await q(`
      insert into incidents (id, number, title, category, severity, occurred_at, occurred_on, commune_code, address, lat, lon, source, description,
        people_involved, injured, dead, damage_vnd, lead_unit_id, assigning_unit_id, overseeing_unit_id, level, state, significance, reopen_count, log_count,
        closing_report, closing_reported_by, closed_at, search_text, created_by, version, created_at, updated_at, merged_into_id)
      select s.id, s.number, s.title, s.category, s.severity, s.occurred_at, s.occurred_on, s.code, s.address, s.lat, s.lon, s.source, s.description,
        s.people, s.injured, s.dead, s.damage, s.lead_id, ${lit(cityPoliceUnitId)}::uuid,
        case s.level when 'commune' then ${lit(cityPoliceUnitId)}::uuid when 'department' then od.id else ot.id end,
        s.level, s.state, s.significance, s.reopen_count, s.log_count,
        case when s.state in ('closing', 'closed') and not s.dup then ${lit(CLOSING)} end, null,
        case when s.state = 'closed' then least((date '${today}'::text || ' 17:00:00+07')::timestamptz, s.occurred_at + (1 + floor(${R('s.i', 40)} * 30)) * interval '1 day') end,
        'vv-' || (case when length(s.number::text) >= 5 then s.number::text else lpad(s.number::text, 5, '0') end) || ' ' || s.title_f || ' ' || s.desc_f || coalesce(' ' || s.address_f, ''),
        null,
        1 + (s.level <> 'commune')::int + (s.state = 'closing')::int + 2 * (s.state = 'closed')::int + 2 * s.reopen_count,
        s.occurred_at + interval '10 minutes', s.occurred_at + interval '10 minutes',
        case when s.dup then ${uuidOf(`'${seed}:incident:' || (s.i - 1)`)} end
      from (
        select r.*,
          ${base} + r.i as number,
          ${uuidOf(`'${seed}:incident:' || r.i`)} as id,
          (${lit(INCIDENTS_FROM)}::date + r.doff) as occurred_on,
          ((${lit(INCIDENTS_FROM)}::date + r.doff)::text || ' 00:00:00+07')::timestamptz + r.secs * interval '1 second' as occurred_at,
          ${arr(cats)}[1 + r.cat] as category,
          ${arr(titles)}[1 + r.cat * 3 + r.tk] || ' ' || ${arr(places)}[1 + r.c] as title,
          ${arr(fold(titles))}[1 + r.cat * 3 + r.tk] || ' ' || ${arr(fold(places))}[1 + r.c] as title_f,
          ${arr(DESCRIPTIONS)}[1 + r.dk] as description,
          ${arr(fold(DESCRIPTIONS))}[1 + r.dk] as desc_f,
          case when r.has_addr then 'Số ' || r.house || ', ' || ${arr(STREETS)}[1 + r.sk] end as address,
          case when r.has_addr then 'so ' || r.house || ', ' || ${arr(fold(STREETS))}[1 + r.sk] end as address_f,
          case when r.located then bc.lat + (${R('r.i', 34)} - 0.5) * 0.018 end as lat,
          case when r.located then bc.lon + (${R('r.i', 35)} - 0.5) * 0.018 end as lon,
          bc.code, case when r.lead_dept then ld.id else bc.police_id end as lead_id,
          case when r.dup then 'closed'
               when (date '${today}' - (${lit(INCIDENTS_FROM)}::date + r.doff)) > 60 then (case when r.ust < 0.85 then 'closed' when r.ust < 0.9 then 'closing' else 'open' end)
               else (case when r.ust < 0.25 then 'closed' when r.ust < 0.4 then 'closing' else 'open' end) end as state,
          case when r.dup then 0 when ${R('r.i', 24)} < 0.02 then 1 else 0 end as reopen_count,
          case when r.ulog < 0.2 then 0 else 1 + floor(${R('r.i', 26)} * 8)::int end as log_count0
        from (
          select g.i, d.dup, x.b,
            floor(power(${R('x.b', 2)}, 1.6) * ${nC})::int as c,
            floor(${R('x.b', 3)} * ${days})::int as doff,
            least(floor(${R('x.b', 4)} * 86400)::int + (case when d.dup then 1800 else 0 end), 86399) as secs,
            ${catCase(R('x.b', 5))} as cat,
            floor(${R('x.b', 6)} * 3)::int as tk,
            floor(${R('g.i', 7)} * ${DESCRIPTIONS.length})::int as dk,
            ${R('g.i', 31)} < 0.9 as has_addr, 1 + floor(${R('g.i', 32)} * 300)::int as house, floor(${R('g.i', 33)} * ${STREETS.length})::int as sk,
            ${R('g.i', 36)} < 0.85 as located,
            ${R('g.i', 8)} < 0.08 as lead_dept, floor(${R('g.i', 9)} * ${nD})::int as ldi,
            case when ${R('g.i', 10)} < 0.7 then 'minor' when ${R('g.i', 10)} < 0.9 then 'serious' when ${R('g.i', 10)} < 0.98 then 'very_serious' else 'especially_serious' end as severity,
            case when ${R('g.i', 11)} < 0.4 then 'call_113' when ${R('g.i', 11)} < 0.7 then 'patrol' when ${R('g.i', 11)} < 0.8 then 'tip' when ${R('g.i', 11)} < 0.9 then 'other_unit' else 'media' end as source,
            case when d.dup then 'commune' when ${R('g.i', 20)} < 0.85 then 'commune' when ${R('g.i', 20)} < 0.97 then 'department' else 'leadership' end as level,
            floor(${R('g.i', 21)} * ${nD})::int as odi, floor(${R('g.i', 21)} * 4)::int as oti,
            ${R('g.i', 22)} as ust, ${R('g.i', 25)} as ulog,
            case when ${R('g.i', 23)} < 0.03 then 'proposed' when ${R('g.i', 23)} < 0.05 then 'verified' else 'none' end as significance,
            floor(${R('g.i', 27)} * 6)::int as people,
            ${R('g.i', 28)} as uinj, ${R('g.i', 29)} as udead, ${R('g.i', 30)} as udmg
          from generate_series(${lo}, ${hi}) g(i)
          cross join lateral (select (g.i > 1 and ${R('g.i', 1)} < 0.005 and ${R('g.i - 1', 1)} >= 0.005) as dup) d
          cross join lateral (select case when d.dup then g.i - 1 else g.i end as b) x
        ) r
        join bench_inc_communes bc on bc.idx = r.c
        left join bench_inc_units ld on ld.kind = 'dept' and ld.idx = r.ldi
      ) s0
      cross join lateral (select s0.*,
          case when s0.state = 'open' then s0.log_count0 else greatest(1, s0.log_count0) end as log_count,
          case when s0.category = 'traffic_accident' then floor(power(s0.uinj, 3) * 4)::int when s0.uinj < 0.05 then 1 else 0 end as injured,
          case when s0.udead < (case s0.category when 'traffic_accident' then 0.03 when 'fire_explosion' then 0.01 when 'social_order' then 0.005 else 0 end) then 1 else 0 end as dead,
          case when s0.category in ('economic', 'high_tech', 'fire_explosion', 'social_order', 'corruption') then floor(power(s0.udmg, 2) * 500)::bigint * 1000000 else 0 end as damage
        ) s
      left join bench_inc_units od on od.kind = 'dept' and od.idx = s.odi
      left join bench_inc_units ot on ot.kind = 'top' and ot.idx = s.oti
      order by s.i`);
    // Supporting units: ~15 % of the situations (not duplicates), a nearby commune's police or a department, never the lead unit.
    await q(`
      insert into incident_units (incident_id, unit_id, assignment, assigned_at)
      select i.id, case when ${R('i.number', 41)} < 0.6 then nb.police_id else d.id end,
        ${arr(ASSIGNMENTS)}[1 + (i.number % ${ASSIGNMENTS.length})::int], i.created_at
      from incidents i
      join bench_inc_communes bc on bc.code = i.commune_code
      join bench_inc_communes nb on nb.idx = (bc.idx + 1 + floor(${R('i.number', 42)} * 3)::int) % ${nC}
      join bench_inc_units d on d.kind = 'dept' and d.idx = floor(${R('i.number', 43)} * ${nD})::int
      where i.number between ${base + lo} and ${base + hi} and i.merged_into_id is null and ${R('i.number', 44)} < 0.15
        and (case when ${R('i.number', 41)} < 0.6 then nb.police_id else d.id end) <> i.lead_unit_id`);
    if ((hi / batch) % 5 === 0 || hi === N) note(`situations data: ${hi} of ${N} situations`);
  }
  await q(`select setval('incident_number_seq', (select max(number) from incidents))`);
  t = lap('incidents', t);

  // ── Check a sample against the app's own rules, then plan statistics ──
  const sample = (await q(
    `select i.number, i.title, i.description, i.address, i.search_text, i.occurred_at, to_char(i.occurred_on, 'YYYY-MM-DD') occurred_on, i.level,
       ou.level ou_level, ou.type ou_type, lu.level lu_level, i.state, i.closed_at, i.merged_into_id, m.merged_into_id m_merged, m.commune_code m_commune, i.commune_code
     from incidents i join units ou on ou.id = i.overseeing_unit_id join units lu on lu.id = i.lead_unit_id left join incidents m on m.id = i.merged_into_id
     where i.number > $1 and (i.number % 6007 = 0 or i.merged_into_id is not null) order by i.number limit 600`,
    [base],
  )).rows as {
    number: number;
    title: string;
    description: string;
    address: string | null;
    search_text: string;
    occurred_at: Date;
    occurred_on: string;
    level: 'commune' | 'department' | 'leadership';
    ou_level: string;
    ou_type: string;
    lu_level: string;
    state: string;
    closed_at: Date | null;
    merged_into_id: string | null;
    m_merged: string | null;
    m_commune: string | null;
    commune_code: string;
  }[];
  for (const s of sample) {
    const want = incidentSearchText(s.number, s);
    if (want !== s.search_text) throw new Error(`search_text of situation ${s.number} is ${JSON.stringify(s.search_text)}, the app would write ${JSON.stringify(want)}`);
    if (vnToday(new Date(s.occurred_at)) !== s.occurred_on) throw new Error(`situation ${s.number}: occurred_on ${s.occurred_on} is not the Asia/Ho_Chi_Minh date of ${new Date(s.occurred_at).toISOString()}`);
    if (!unitFitsLevel(s.level, { level: s.ou_level, type: s.ou_type }) && s.level !== 'commune') throw new Error(`situation ${s.number}: overseeing unit does not fit level ${s.level}`);
    if ((s.state === 'closed') !== (s.closed_at !== null)) throw new Error(`situation ${s.number}: state ${s.state} with closed_at ${String(s.closed_at)}`);
    if (s.merged_into_id && (s.m_merged !== null || s.m_commune !== s.commune_code || s.state !== 'closed')) throw new Error(`situation ${s.number}: bad merge`);
  }
  const totals = (await q(`select (select count(*) from incidents where number > $1)::int n,
      (select count(*) from incident_units iu join incidents i on i.id = iu.incident_id where i.number > $1)::int s,
      (select count(*) from incidents where number > $1 and merged_into_id is not null)::int m,
      (select count(*) from incidents where number > $1 and lat is not null)::int l`, [base])).rows[0] as { n: number; s: number; m: number; l: number };
  if (totals.n !== N) throw new Error(`situations data: ${totals.n} situations inserted, ${N} wanted`);
  const busiest = (await q(`select b.code, b.police_id, (select count(*)::int from incidents i where i.commune_code = b.code) n from bench_inc_communes b where b.idx = 0`)).rows[0] as {
    code: string;
    police_id: string;
    n: number;
  };
  await q('drop table bench_inc_communes, bench_inc_units');
  t = lap('checks', t);
  await q('analyze');
  lap('analyze', t);
  timings.totalMs = Math.round(performance.now() - t0);
  return {
    incidents: totals.n,
    supporting: totals.s,
    merged: totals.m,
    located: totals.l,
    from: INCIDENTS_FROM,
    today,
    communes: nC,
    busiestCommune: { code: busiest.code, policeUnitId: busiest.police_id, incidents: busiest.n },
    cityPoliceUnitId,
    timings,
  };
}
