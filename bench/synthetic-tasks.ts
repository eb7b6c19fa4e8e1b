/**
 * Synthetic coordination data for the tasks benchmarks: documents with clauses, tasks (one lead
 * unit, an assigning unit, ~1.5 coordinating units, a cascade of subtasks), progress reports and
 * evaluations, laid over the synthetic city (synthetic-city.ts) relative to a fixed "today".
 *
 * Everything is generated server-side with `INSERT … SELECT … FROM generate_series(…)` in batches:
 * client-side inserts of 3 M rows take far too long on PGlite. Randomness is deterministic: every
 * draw is `hashint8extended(i, seed·64 + salt)` scaled to [0, 1), ids are version-4 UUIDs cut from `md5(seed:kind:i)`,
 * so the same seed and sizes give the same rows (on the same CPU byte order).
 *
 * The rows satisfy the invariants the task use cases maintain (see bench/README.md):
 * - `path` = parent path + id; subtasks are assigned by their parent's lead unit and end no later
 *   than the parent's deadline; the parent's progress is the weighted roll-up of its children;
 * - `search_text` = foldForSearch("NV-00042 " + title). Shortcut: titles are built in SQL from
 *   word lists whose folded copies are computed here with the real `foldForSearch`, and the folded
 *   title is assembled alongside the title (folding is per character, so folding the parts and
 *   joining them with single spaces gives the same string); the loader checks a sample against
 *   `searchTextOf` afterwards;
 * - `progress` = the percent of the latest report, `last_report_at` = its time (null without
 *   reports), the last report of a submitted / completed / returned task submits for evaluation
 *   at 100 %, `submitted_on` / `completed_on` are set by state, completed late = submitted after
 *   the deadline, returned tasks carry the new deadline of their return;
 * - `next_report_due_on` of recurring duties (monthly, quarterly) = the end of the period after
 *   the latest report's (`nextReportDueOn`);
 * - coordinators differ from the lead unit and from each other; answers come after the request.
 * Not generated: task events (the timeline's lifecycle rows), evidence rows, notifications,
 * conferences. Documents are registered through the documents use case (`createDocument`).
 */
import type pg from 'pg';
import type { Ctx } from '../src/server/kernel/context.ts';
import { operatorActor } from '../src/server/kernel/actor.ts';
import { foldForSearch } from '../src/server/kernel/text.ts';
import { createDocument } from '../src/server/modules/documents/document.service.ts';
import { HCMC_COMMUNES } from '../src/server/modules/organisation/reference/admin-units.ts';
import { searchTextOf } from '../src/server/modules/tasks/task.service.ts';
import { note } from './lib.ts';

/** The fixed "today" of the synthetic tasks (and of the app the benchmark builds). */
export const BENCH_TODAY = '2026-06-15';

export interface SyntheticTasksOptions {
  tasks: number;
  reports: number;
  seed: number;
  /** Tasks per INSERT statement. */
  batch?: number;
}

export interface BenchUser {
  username: string;
  userId: string;
  unitId: string;
  unitName: string;
}

export interface SyntheticTasks {
  tasks: number;
  reports: number;
  coordinators: number;
  evaluations: number;
  documents: { id: string; symbol: string; clauses: number; tasks: number }[];
  today: string;
  /** A unit officer of a commune police unit, of a city department (PC06), and a leader of the city. */
  communeOfficer: BenchUser;
  departmentOfficer: BenchUser;
  cityLeader: BenchUser;
  /** The 168 commune police units, in code order. */
  communeUnitIds: string[];
  /** Folded word that titles contain (about 1 in 25), for the text filter. */
  textFilter: string;
  timings: Record<string, number>;
}

const ACTIONS = [
  'Tăng cường tuần tra, kiểm soát',
  'Rà soát, lập danh sách',
  'Tổ chức tuyên truyền, vận động',
  'Kiểm tra công tác phòng cháy, chữa cháy',
  'Triển khai kế hoạch phòng ngừa',
  'Xây dựng mô hình tự quản về',
  'Phối hợp giải quyết',
  'Tổng kết, đánh giá',
  'Đấu tranh, trấn áp',
  'Xử lý dứt điểm',
  'Quản lý chặt chẽ',
  'Củng cố lực lượng bảo vệ',
  'Báo cáo tình hình',
  'Nắm tình hình, đánh giá',
  'Vận động nhân dân tham gia phòng ngừa',
];
const OBJECTS = [
  'tụ điểm phức tạp về ma túy',
  'cơ sở kinh doanh có điều kiện về an ninh, trật tự',
  'đối tượng có nguy cơ vi phạm pháp luật',
  'tội phạm trộm cắp tài sản',
  'tình trạng đua xe trái phép',
  'tín dụng đen',
  'lừa đảo chiếm đoạt tài sản qua mạng',
  'người nghiện ma túy ngoài xã hội',
  'khu nhà trọ, lưu trú',
  'đơn thư khiếu nại, tố cáo',
  'an ninh trật tự khu dân cư',
  'tai nạn giao thông',
  'vi phạm hành lang an toàn giao thông',
  'phong trào toàn dân bảo vệ an ninh Tổ quốc',
  'mâu thuẫn trong nhân dân',
  'cháy nổ tại chung cư',
  'hoạt động karaoke, vũ trường',
  'buôn lậu, gian lận thương mại',
  'vũ khí, vật liệu nổ, công cụ hỗ trợ',
  'người nước ngoài tạm trú',
  'băng nhóm tội phạm',
  'tệ nạn cờ bạc',
  'trẻ em vi phạm pháp luật',
  'dữ liệu dân cư',
  'an ninh mạng',
];
const PLACES = [
  'trên địa bàn',
  'tại các khu công nghiệp',
  'tại khu vực giáp ranh',
  'dịp Tết Nguyên đán',
  'trong năm 2026',
  'quý III',
  'tại các chợ, trung tâm thương mại',
  'tại bến xe, nhà ga',
  ...HCMC_COMMUNES.slice(0, 40).map((c) => `tại ${c.fullName.charAt(0).toLowerCase()}${c.fullName.slice(1)}`),
];
const NOTES = [
  'Đã triển khai đến các tổ công tác, tiếp tục theo dõi',
  'Đã tổ chức 3 đợt tuần tra, kiểm tra; phát hiện và xử lý vi phạm',
  'Đã rà soát, cập nhật danh sách; báo cáo kết quả kèm theo',
  'Hoàn thành nội dung theo kế hoạch, đề nghị đánh giá',
  'Đang phối hợp với các đơn vị liên quan để xử lý',
  'Đã tổ chức tuyên truyền tại khu dân cư, có biên bản kèm theo',
];

/** A valid version-4 UUID (z.uuid() checks the version and variant) from the md5 of a key. */
const uuidOf = (key: string): string => `(overlay(overlay(md5(${key}) placing '4' from 13) placing '8' from 17)::uuid)`;
const lit = (s: string): string => `'${s.replace(/'/g, "''")}'`;
const arr = (xs: readonly string[]): string => `(array[${xs.map(lit).join(', ')}]::text[])`;

/**
 * Insert and return the coordination data. Statements go through the pool, one at a time (the
 * helper tables are ordinary tables): on PGlite a checked-out client would block the documents
 * use case, which uses the app's own connection.
 */
export async function loadSyntheticTasks(ctx: Ctx, c: pg.Pool, o: SyntheticTasksOptions): Promise<SyntheticTasks> {
  const t0 = performance.now();
  const timings: Record<string, number> = {};
  const lap = (name: string, since: number): number => {
    timings[name] = Math.round(performance.now() - since);
    note(`tasks data: ${name} ${timings[name]} ms`);
    return performance.now();
  };
  const q = (text: string, params: unknown[] = []) => c.query(text, params);
  const seed = o.seed;
  const today = BENCH_TODAY;
  const N = o.tasks;
  const batch = Math.max(50, Math.floor((o.batch ?? 50_000) / 50) * 50);
  /** Deterministic draw in [0, 1) for row `i` and a salt. */
  const R = (i: string, salt: number): string => `((hashint8extended((${i})::bigint, ${seed * 64 + salt}) & 9007199254740991)::float8 / 9007199254740992.0)`;

  // ── Units the tasks are spread over ──
  await q('drop table if exists bench_units, bench_docs, bench_clauses, bench_task_meta');
  await q('create table bench_units (kind text not null, idx int not null, id uuid not null, path text not null, parent_idx int, primary key (kind, idx))');
  await q(`insert into bench_units select 'commune', (row_number() over (order by u.code))::int - 1, u.id, u.path, null
    from units u join units p on p.id = u.parent_id where u.code like 'SYN-%' and u.level = 'commune' and p.short_name = 'Công an TP'`);
  await q(`insert into bench_units select 'dept', (row_number() over (order by u.code))::int - 1, u.id, u.path, null
    from units u join units p on p.id = u.parent_id
    where u.code like 'SYN-%' and u.level = 'city' and u.type in ('department', 'fire_rescue_police') and p.short_name in ('Công an TP', 'UBND Thành phố')`);
  await q(`insert into bench_units select 'team', (row_number() over (order by u.code))::int - 1, u.id, u.path, c.idx
    from units u join bench_units c on c.kind = 'commune' and c.id = u.parent_id`);
  await q(`insert into bench_units select 'top', x.idx, u.id, u.path, null from units u
    join (values (0, 'Công an TP'), (1, 'UBND Thành phố'), (2, 'Thành ủy Thành phố Hồ Chí Minh')) x(idx, name) on coalesce(u.short_name, u.name) = x.name
    where u.code like 'SYN-%'`);
  // Units that may coordinate: communes first (positions 0..nC-1), then departments.
  const counts = (await q(`select kind, count(*)::int n from bench_units group by kind`)).rows as { kind: string; n: number }[];
  const n = (k: string): number => counts.find((r) => r.kind === k)?.n ?? 0;
  const nC = n('commune');
  const nD = n('dept');
  const nT = n('team');
  if (nC === 0 || nD === 0 || n('top') !== 3) throw new Error(`synthetic city lacks communes/departments (communes ${nC}, departments ${nD}, top ${n('top')})`);
  const M = nC + nD;
  const teamShare = nT > 0 ? 0.05 : 0;
  let t = lap('units', t0);

  // ── Documents with clauses, through the documents use case ──
  const DOCS = 12;
  const docs: { id: string; symbol: string; clauses: number }[] = [];
  const existingDocs = (await q(`select count(*)::int n from documents where symbol like '%/KH-BCĐ'`)).rows[0] as { n: number };
  if (existingDocs.n > 0) throw new Error('This database already holds synthetic documents: point the benchmark at an empty database.');
  for (let k = 0; k < DOCS; k++) {
    const clauses = 12 + ((k * 7) % 20);
    const d = await createDocument(ctx, operatorActor('bench'), {
      kind: 'ke_hoach',
      numberSymbol: `${900 + k}/KH-BCĐ`,
      issuerName: 'Ban Chỉ đạo 138 Thành phố',
      issuedOn: `2025-${String(1 + (k % 12)).padStart(2, '0')}-15`,
      summary: `Kế hoạch thực hiện công tác bảo đảm an ninh, trật tự năm 2026 — đợt ${k + 1}`,
      clauses: Array.from({ length: clauses }, (_, j) => ({ ref: String(j + 1), label: `Khoản ${j + 1}`, text: `Nhiệm vụ ${j + 1}: ${ACTIONS[j % ACTIONS.length]} ${OBJECTS[(j * 3 + k) % OBJECTS.length]}` })),
    });
    docs.push({ id: d.id, symbol: `${900 + k}/KH-BCĐ`, clauses });
  }
  await q('create table bench_docs (idx int primary key, id uuid not null, n int not null)');
  await q(`insert into bench_docs select (x->>'idx')::int, (x->>'id')::uuid, (x->>'n')::int from jsonb_array_elements($1::jsonb) x`, [
    JSON.stringify(docs.map((d, idx) => ({ idx, id: d.id, n: d.clauses }))),
  ]);
  await q(`create table bench_clauses as select d.idx doc_idx, (row_number() over (partition by d.idx order by c.ordinal, c.ref))::int - 1 idx, c.id
    from bench_docs d join document_clauses c on c.document_id = d.id`);
  await q('alter table bench_clauses add primary key (doc_idx, idx)');
  t = lap('documents', t);

  // ── Per-task plan (one row per task, everything derived from i) ──
  await q(`create table bench_task_meta (
    i int primary key, id uuid not null, parent_i int, lead_kind text not null, lead_id uuid not null, lead_pos int not null,
    assigning_id uuid not null, assigned_on date not null, deadline_on date, new_deadline_on date, recurrence text not null,
    state text not null, submitted_on date, completed_on date, end_on date not null, priority text not null, classification text not null,
    doc_idx int, ucl float8, title text not null, title_folded text not null, final_percent int not null,
    needs boolean not null, w numeric not null, n_reports int not null default 0, coord_n int not null, ucoord float8 not null)`);
  const today_ = `date '${today}'`;
  const assigned = (i: string): string => `(${today_} - floor(${R(i, 3)} * 540)::int)`;
  const topDeadline = (i: string): string => `(${assigned(i)} + 15 + floor(${R(i, 4)} * 165)::int)`;
  const fold = (xs: readonly string[]) => xs.map((x) => foldForSearch(x));
  for (let lo = 1; lo <= N; lo += batch) {
    const hi = Math.min(N, lo + batch - 1);
    await q(`
      insert into bench_task_meta (i, id, parent_i, lead_kind, lead_id, lead_pos, assigning_id, assigned_on, deadline_on, new_deadline_on, recurrence, state,
        submitted_on, completed_on, end_on, priority, classification, doc_idx, ucl, title, title_folded, final_percent, needs, w, coord_n, ucoord)
      select s.i, ${uuidOf(`'${seed}:task:' || s.i`)}, s.parent_i, s.lk, lu.id,
        case s.lk when 'commune' then s.lidx when 'dept' then ${nC} + s.lidx else floor(s.ucp * ${M})::int end,
        coalesce(au.id, tp.id), s.assigned_on, s.deadline_on, s.new_deadline_on, s.rec, s.state,
        s.submitted_on, s.completed_on,
        case when s.state in ('completed', 'submitted', 'returned') then s.submitted_on else greatest(s.assigned_on, ${today_} - floor(s.usub * 30)::int) end,
        s.priority, s.classification, s.doc_idx, s.ucl, s.title, s.title_folded,
        case when s.state in ('completed', 'submitted', 'returned') then 100 else least(95, 10 + floor(s.upct * 85)::int) end,
        s.needs,
        round(((case when s.state in ('completed', 'submitted', 'returned') then s.submitted_on else greatest(s.assigned_on, ${today_} - floor(s.usub * 30)::int) end - s.assigned_on + 7) * (0.5 + s.uw))::numeric, 4),
        s.coord_n, s.ucoord
      from (
        select b.*,
          case
            when b.state = 'completed' then (case
              when b.deadline_on is null then least(${today_}, b.assigned_on + floor(b.usub * 60)::int)
              when b.past and b.ulate < 0.2 then least(${today_}, b.deadline_on + 1 + floor(b.usub * 20)::int)
              else greatest(b.assigned_on, least(${today_}, b.deadline_on) - floor(b.usub * 10)::int) end)
            when b.state = 'submitted' then greatest(b.assigned_on, ${today_} - floor(b.usub * 10)::int)
            when b.state = 'returned' then greatest(b.assigned_on, ${today_} - 10 - floor(b.usub * 20)::int)
          end as submitted_on,
          null::date as completed_on,
          case when b.state = 'returned' and b.parent_i is null then ${today_} + 7 + floor(b.ulate * 23)::int end as new_deadline_on,
          case when b.state in ('completed', 'submitted', 'returned') then true when b.state = 'open' then b.uneeds < 0.75 else b.uneeds < 0.5 end as needs
        from (
          select a.*,
            case when a.past then (case when a.ust < 0.66 then 'completed' when a.ust < 0.69 then 'cancelled' when a.ust < 0.71 then 'paused'
                                        when a.ust < 0.76 then 'submitted' when a.ust < 0.80 then 'returned' else 'open' end)
                 else (case when a.ust < 0.10 then 'completed' when a.ust < 0.11 then 'cancelled' when a.ust < 0.13 then 'paused'
                            when a.ust < 0.21 then 'submitted' when a.ust < 0.25 then 'returned' else 'open' end) end as state
          from (
            select r.*, (r.deadline_on is not null and r.deadline_on < ${today_}) as past
            from (
              select g.i,
                case when g.i % 50 between 1 and 4 then g.i - g.i % 50 end as parent_i,
                x.lk,
                case x.lk when 'dept' then floor(${R('g.i', 2)} * ${nD})::int when 'commune' then floor(${R('g.i', 2)} * ${nC})::int else floor(${R('g.i', 2)} * ${Math.max(1, nT)})::int end as lidx,
                case when g.i % 50 between 1 and 4 then 'dept'
                     when x.lk = 'commune' then (case when x.ua < 0.5 then 'top' when x.ua < 0.8 then 'dept' else 'top' end)
                     when x.lk = 'dept' then 'top' end as ak,
                case when g.i % 50 between 1 and 4 then floor(${R('g.i - g.i % 50', 2)} * ${nD})::int
                     when x.lk = 'commune' then (case when x.ua < 0.5 then 0 when x.ua < 0.8 then floor(${R('g.i', 5)} * ${nD})::int when x.ua < 0.9 then 1 else 2 end)
                     when x.lk = 'dept' then (case when x.ua < 0.6 then 0 when x.ua < 0.9 then 1 else 2 end) end as aidx,
                x.assigned_on,
                case when g.i % 50 between 1 and 4 then least(${topDeadline('g.i - g.i % 50')}, x.assigned_on + 10 + floor(${R('g.i', 4)} * 60)::int)
                     when g.i % 50 = 0 then ${topDeadline('g.i')}
                     when x.urec < 0.06 and ${R('g.i', 6)} < 0.7 then null
                     when x.urec > 0.96 then null
                     else ${topDeadline('g.i')} end as deadline_on,
                case when g.i % 50 between 0 and 4 then 'none' when x.urec < 0.04 then 'monthly' when x.urec < 0.06 then 'quarterly' else 'none' end as rec,
                ${R('g.i', 7)} as ust, ${R('g.i', 8)} as usub, ${R('g.i', 12)} as ulate, ${R('g.i', 11)} as uneeds, ${R('g.i', 15)} as upct,
                ${R('g.i', 14)} as uw, ${R('g.i', 19)} as ucoord, ${R('g.i', 20)} as ucp,
                case when ${R('g.i', 9)} < 0.8 then 'normal' when ${R('g.i', 9)} < 0.95 then 'high' else 'urgent' end as priority,
                case when ${R('g.i', 10)} < 0.03 then 'secret' else 'normal' end as classification,
                case when g.i % 50 not between 1 and 4 and ${R('g.i', 16)} < 0.08 then floor(power(${R('g.i', 17)}, 2) * ${DOCS})::int end as doc_idx,
                ${R('g.i', 18)} as ucl,
                case when ${R('g.i', 21)} < 0.15 then 0 when ${R('g.i', 21)} < 0.45 then 1 when ${R('g.i', 21)} < 0.85 then 2 else 3 end as coord_n,
                ${arr(ACTIONS)}[1 + floor(${R('g.i', 22)} * ${ACTIONS.length})::int] || ' ' || ${arr(OBJECTS)}[1 + floor(${R('g.i', 23)} * ${OBJECTS.length})::int]
                  || ' ' || ${arr(PLACES)}[1 + floor(${R('g.i', 24)} * ${PLACES.length})::int] as title,
                ${arr(fold(ACTIONS))}[1 + floor(${R('g.i', 22)} * ${ACTIONS.length})::int] || ' ' || ${arr(fold(OBJECTS))}[1 + floor(${R('g.i', 23)} * ${OBJECTS.length})::int]
                  || ' ' || ${arr(fold(PLACES))}[1 + floor(${R('g.i', 24)} * ${PLACES.length})::int] as title_folded
              from generate_series(${lo}, ${hi}) g(i)
              cross join lateral (select
                case when g.i % 50 = 0 then 'dept' when g.i % 50 between 1 and 4 then 'commune'
                     when ${R('g.i', 1)} < 0.70 then 'commune' when ${R('g.i', 1)} < ${0.7 + teamShare} then 'team' else 'dept' end as lk,
                ${R('g.i', 13)} as ua,
                ${R('g.i', 6)} as urec,
                case when g.i % 50 between 1 and 4 then least(${today_}, ${assigned('g.i - g.i % 50')} + 3 * (g.i % 50)) else ${assigned('g.i')} end as assigned_on
              ) x
            ) r
          ) a
        ) b
      ) s
      join bench_units lu on lu.kind = s.lk and lu.idx = s.lidx
      left join bench_units au on au.kind = s.ak and au.idx = s.aidx
      left join bench_units tp on s.lk = 'team' and tp.kind = 'commune' and tp.idx = lu.parent_idx`);
  }
  // Completion date of accepted tasks: a few days after the submission, never after today.
  await q(`update bench_task_meta set completed_on = least(date '${today}', submitted_on + (i % 6)) where state = 'completed'`);
  // Reports: one for every task that has any, the rest spread in proportion to the task's span
  // (cumulative floor), so the total is exactly the number asked for.
  const needRow = (await q('select count(*) filter (where needs)::bigint k, coalesce(sum(w) filter (where needs), 0)::text w from bench_task_meta')).rows[0] as { k: string; w: string };
  const need = Number(needRow.k);
  const extra = Math.max(0, o.reports - need);
  if (o.reports < need) note(`tasks data: --reports ${o.reports} is below the ${need} tasks that need one; each gets one`);
  await q(`update bench_task_meta m set n_reports = s.n from (
      select i, 1 + (floor(cum * ${extra}::numeric / ${Number(needRow.w) > 0 ? needRow.w : '1'}::numeric) - floor((cum - w) * ${extra}::numeric / ${Number(needRow.w) > 0 ? needRow.w : '1'}::numeric))::int n
      from (select i, w, sum(w) over (order by i) cum from bench_task_meta where needs) z
    ) s where m.i = s.i`);
  t = lap('plan', t);

  // ── Tasks ──
  const base = Number(((await q('select coalesce(max(number), 0)::bigint n from tasks')).rows[0] as { n: string }).n);
  const taskNo = (i: string) => `(${base} + ${i})`;
  const code = `(case when length(${taskNo('m.i')}::text) >= 5 then ${taskNo('m.i')}::text else lpad(${taskNo('m.i')}::text, 5, '0') end)`;
  const lastReportAt = `case when m.n_reports > 0 then (m.end_on::text || ' 16:30:00+07')::timestamptz + m.n_reports * interval '1 second' end`;
  const periodEndAfter = (d: string, unit: 'month' | 'quarter', plus: number) => `(date_trunc('${unit}', ${d}) + interval '${plus} month' - interval '1 day')::date`;
  for (let lo = 1; lo <= N; lo += batch) {
    const hi = Math.min(N, lo + batch - 1);
    await q(`
      insert into tasks (id, number, title, description, source_kind, document_id, clause_id, parent_id, path, weight, assigning_unit_id, lead_unit_id,
        assigned_on, deadline_on, recurrence, next_report_due_on, priority, classification, state, progress, last_report_at, submitted_on, completed_on,
        search_text, version, created_at, updated_at)
      overriding system value
      select m.id, ${taskNo('m.i')}, m.title, null,
        case when m.parent_i is not null then 'parent_task' when m.doc_idx is null then 'none' when m.ucl < 0.1 then 'document' else 'document_clause' end,
        d.id, case when m.ucl >= 0.1 then cl.id end, p.id,
        case when p.id is null then '/' || m.id || '/' else '/' || p.id || '/' || m.id || '/' end,
        1, m.assigning_id, m.lead_id, m.assigned_on, coalesce(m.new_deadline_on, m.deadline_on), m.recurrence,
        case m.recurrence
          when 'monthly' then (case when m.n_reports > 0 then ${periodEndAfter('m.end_on', 'month', 2)} else ${periodEndAfter('m.assigned_on', 'month', 1)} end)
          when 'quarterly' then (case when m.n_reports > 0 then ${periodEndAfter('m.end_on', 'quarter', 6)} else ${periodEndAfter('m.assigned_on', 'quarter', 3)} end)
        end,
        m.priority, m.classification, m.state, case when m.n_reports > 0 then m.final_percent else 0 end, ${lastReportAt}, m.submitted_on, m.completed_on,
        'nv-' || ${code} || ' ' || m.title_folded, 1 + m.n_reports + (m.state in ('completed', 'returned'))::int,
        (m.assigned_on::text || ' 08:00:00+07')::timestamptz, coalesce(${lastReportAt}, (m.assigned_on::text || ' 08:00:00+07')::timestamptz)
      from bench_task_meta m
      left join bench_task_meta p on p.i = m.parent_i
      left join bench_docs d on d.idx = m.doc_idx
      left join bench_clauses cl on cl.doc_idx = m.doc_idx and cl.idx = floor(((m.ucl - 0.1) / 0.9) * greatest(1, floor(d.n * 0.8)))::int
      where m.i between ${lo} and ${hi}
      order by m.i`);
  }
  await q(`select setval(pg_get_serial_sequence('tasks', 'number'), (select max(number) from tasks))`);
  // Cascade: a parent's progress is the weighted roll-up of its live children (completed = 100).
  await q(`update tasks p set progress = s.pr from (
      select parent_id, round(sum(weight * case when state = 'completed' then 100 else progress end) / sum(weight))::int pr
      from tasks where parent_id is not null and state <> 'cancelled' group by parent_id) s
    where p.id = s.parent_id and p.id in (select id from bench_task_meta where i % 50 = 0)`);
  t = lap('tasks', t);

  // ── Coordinating units ──
  const step = Math.floor((M - 1) / 3);
  for (let lo = 1; lo <= N; lo += batch) {
    const hi = Math.min(N, lo + batch - 1);
    await q(`
      insert into task_coordinators (task_id, unit_id, part, requested_at, responded_at, response)
      select m.id, cu.id, ${arr(['Cung cấp thông tin, tài liệu', 'Bố trí lực lượng phối hợp', 'Phối hợp kiểm tra, xử lý', 'Tham gia tuyên truyền'])}[1 + (m.i + k) % 4],
        (m.assigned_on::text || ' 08:00:00+07')::timestamptz,
        case when m.state in ('completed', 'cancelled') or ${R('m.i * 4 + k', 25)} < 0.6
          then least((date '${today}')::timestamptz + interval '8 hours', (m.assigned_on::text || ' 08:00:00+07')::timestamptz + (1 + floor(${R('m.i * 4 + k', 26)} * 10)) * interval '1 day' + interval '2 hours') end,
        case when m.state in ('completed', 'cancelled') or ${R('m.i * 4 + k', 25)} < 0.6 then 'Đã nhận, phối hợp thực hiện theo phần việc được giao' end
      from bench_task_meta m
      cross join generate_series(0, 2) k
      join (select (case kind when 'commune' then idx else ${nC} + idx end) pos, id from bench_units where kind in ('commune', 'dept')) cu
        on cu.pos = (m.lead_pos + 1 + k * ${step} + floor(m.ucoord * ${step})::int) % ${M}
      where m.i between ${lo} and ${hi} and k < m.coord_n`);
  }
  t = lap('coordinators', t);

  // ── Progress reports ──
  const rbatch = Math.max(1000, Math.floor(batch / 2));
  for (let lo = 1; lo <= N; lo += rbatch) {
    const hi = Math.min(N, lo + rbatch - 1);
    await q(`
      insert into progress_reports (id, task_id, unit_id, reported_by, percent, note, submits_for_evaluation, reported_on, created_at)
      select ${uuidOf(`'${seed}:report:' || m.i || ':' || j`)}, m.id, m.lead_id, null,
        case when j = m.n_reports then m.final_percent else (m.final_percent * j / (m.n_reports + 1)) end,
        ${arr(NOTES)}[1 + (m.i + j) % ${NOTES.length}],
        j = m.n_reports and m.state in ('completed', 'submitted', 'returned'),
        m.assigned_on + ((m.end_on - m.assigned_on) * j / m.n_reports),
        ((m.assigned_on + ((m.end_on - m.assigned_on) * j / m.n_reports))::text || ' 16:30:00+07')::timestamptz + j * interval '1 second'
      from bench_task_meta m cross join generate_series(1, m.n_reports) j
      where m.i between ${lo} and ${hi} and m.n_reports > 0`);
  }
  t = lap('reports', t);

  // ── Evaluations: accepted for completed tasks, returned (with the new deadline) for returned ones ──
  await q(`
    insert into task_evaluations (task_id, report_id, evaluated_by, decision, reason, new_deadline_on, created_at)
    select m.id, ${uuidOf(`'${seed}:report:' || m.i || ':' || m.n_reports`)}, null,
      case when m.state = 'completed' then 'accepted' else 'returned' end,
      case when m.state = 'returned' then 'Chưa đủ minh chứng kết quả; đề nghị bổ sung số liệu và biên bản' end,
      m.new_deadline_on,
      case when m.state = 'completed' then (m.completed_on::text || ' 09:00:00+07')::timestamptz else (m.submitted_on::text || ' 09:00:00+07')::timestamptz + interval '2 days' end
    from bench_task_meta m where m.state in ('completed', 'returned') and m.n_reports > 0`);
  t = lap('evaluations', t);

  // ── Bench users: a commune officer, a department officer (PC06), a leader of the city ──
  const hash = ((await q(`select password_hash from users where username not like 'bench.%' limit 1`)).rows[0] as { password_hash: string } | undefined)?.password_hash;
  if (!hash) throw new Error('the synthetic city has no users to copy the password hash from');
  const unitOf = async (sqlText: string): Promise<{ id: string; name: string }> => {
    const r = (await q(sqlText)).rows[0] as { id: string; name: string } | undefined;
    if (!r) throw new Error(`no unit for ${sqlText}`);
    return r;
  };
  const commune = await unitOf(`select u.id, u.name from bench_units b join units u on u.id = b.id where b.kind = 'commune' and b.idx = 0`);
  const pc06 = await unitOf(`select id, name from units where short_name = 'PC06' and code like 'SYN-%'`);
  const city = await unitOf(`select id, name from units where short_name = 'TP.HCM' and code like 'SYN-%'`);
  const mkUser = async (username: string, displayName: string, unit: { id: string; name: string }, role: string): Promise<BenchUser> => {
    const id = ((await q(`select ${uuidOf('$1')} id`, [`${seed}:user:${username}`])).rows[0] as { id: string }).id;
    await q(`insert into users (id, username, display_name, unit_id, password_hash, roles, search_text) values ($1, $2, $3, $4, $5, $6, $7)`, [
      id,
      username,
      displayName,
      unit.id,
      hash,
      [role],
      foldForSearch(`${username} ${displayName}`),
    ]);
    await q(`insert into user_scope_units (user_id, unit_id) values ($1, $2)`, [id, unit.id]);
    return { username, userId: id, unitId: unit.id, unitName: unit.name };
  };
  const communeOfficer = await mkUser('bench.xa', 'Cán bộ Công an xã (bench)', commune, 'unit_officer');
  const departmentOfficer = await mkUser('bench.pc06', 'Cán bộ Phòng PC06 (bench)', pc06, 'unit_officer');
  const cityLeader = await mkUser('bench.lanhdao', 'Lãnh đạo Thành phố (bench)', city, 'leader');
  const communeUnitIds = ((await q(`select id from bench_units where kind = 'commune' order by idx`)).rows as { id: string }[]).map((r) => r.id);

  // ── Check a sample against the app's own functions, then plan statistics ──
  const sample = (await q(`select number::int n, title, description, search_text from tasks where number % 997 = 0 order by number limit 300`)).rows as {
    n: number;
    title: string;
    description: string | null;
    search_text: string;
  }[];
  for (const s of sample) {
    const want = searchTextOf(s.n, s.title, s.description);
    if (want !== s.search_text) throw new Error(`search_text of task ${s.n} is ${JSON.stringify(s.search_text)}, the app would write ${JSON.stringify(want)}`);
  }
  const bad = (await q(`select count(*)::int n from tasks t where t.number % 101 = 0 and (
      (t.last_report_at is not null) <> exists (select 1 from progress_reports r where r.task_id = t.id)
      or (t.progress <> coalesce((select r.percent from progress_reports r where r.task_id = t.id order by r.created_at desc limit 1), 0)
          and not exists (select 1 from tasks ch where ch.parent_id = t.id))
      or t.last_report_at <> (select max(r.created_at) from progress_reports r where r.task_id = t.id))`)).rows[0] as { n: number };
  if (bad.n > 0) throw new Error(`${bad.n} sampled tasks break the report invariants`);
  const docTasks = (await q(`select d.idx, count(t.id)::int n from bench_docs d left join tasks t on t.document_id = d.id group by d.idx order by d.idx`)).rows as { idx: number; n: number }[];
  const totals = (await q(`select (select count(*) from tasks)::int t, (select count(*) from progress_reports)::int r, (select count(*) from task_coordinators)::int c, (select count(*) from task_evaluations)::int e`))
    .rows[0] as { t: number; r: number; c: number; e: number };
  await q('drop table bench_task_meta, bench_clauses, bench_docs, bench_units');
  t = lap('users+checks', t);
  await q('analyze');
  lap('analyze', t);
  timings.totalMs = Math.round(performance.now() - t0);

  return {
    tasks: totals.t,
    reports: totals.r,
    coordinators: totals.c,
    evaluations: totals.e,
    documents: docs.map((d, idx) => ({ ...d, tasks: docTasks.find((x) => x.idx === idx)?.n ?? 0 })),
    today,
    communeOfficer,
    departmentOfficer,
    cityLeader,
    communeUnitIds,
    textFilter: 'ma tuy',
    timings,
  };
}
