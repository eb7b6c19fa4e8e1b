/**
 * Coordination-loop benchmarks (`--section tasks`): "Việc của tôi", the filtered task list, clause
 * coverage of a document and status counts per unit, each through the real routes
 * (buildApp + app.inject: session, validation, policy, repository, presenter, serialization)
 * beside hand-written SQL for the same answer on the same database. Each pair is checked for the
 * same answer (counts, and the ids of first pages); a mismatch is reported as an error.
 */
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { TASK_STATUSES, type TaskStatus } from '../src/contracts/tasks.ts';
import { escapeLike } from '../src/server/kernel/text.ts';
import { searchWords, wordPatterns } from '../src/server/db/search.ts';
import { measurePair, note, r2, sameList, stats, timed, within, type PairCase } from './lib.ts';
import { SYNTHETIC_PASSWORD } from './synthetic-city.ts';
import type { BenchUser, SyntheticTasks } from './synthetic-tasks.ts';

export interface TasksBenchOptions {
  rounds: number;
  /** Commune units swept one by one for per-unit status counts. */
  statusUnits: number;
  /** Watchdog per operation, ms. */
  timeoutMs: number;
}

type App = FastifyInstance;

// ── Hand-written SQL ──────────────────────────────────────────────────────────────────────────
/** The derived status, written out by hand ($1 = today). */
const STATUS = `(case
  when t.state = 'cancelled' then 'cancelled'
  when t.state = 'paused' then 'paused'
  when t.state = 'completed' then (case when t.deadline_on is not null and t.submitted_on > t.deadline_on then 'completed_late' else 'completed_on_time' end)
  when t.state = 'submitted' then 'awaiting_evaluation'
  when t.state = 'returned' then 'returned'
  when coalesce(t.next_report_due_on, t.deadline_on) < $1::date then 'overdue'
  when coalesce(t.next_report_due_on, t.deadline_on) <= $1::date + 3 then 'due_soon'
  when t.last_report_at is not null then 'in_progress'
  else 'not_started' end)`;
const ORDER = `order by (case ${STATUS} when 'overdue' then 0 when 'due_soon' then 1 when 'returned' then 2 when 'in_progress' then 3 when 'not_started' then 3
  when 'awaiting_evaluation' then 4 when 'paused' then 5 else 6 end), coalesce(t.next_report_due_on, t.deadline_on) asc nulls last, t.number desc`;
const ROW = `select t.id, t.number, t.title, t.deadline_on, lu.name as lead_name, ${STATUS} as status from tasks t join units lu on lu.id = t.lead_unit_id`;
const OPEN = `t.state not in ('completed', 'cancelled')`;
const UNANSWERED = `exists (select 1 from task_coordinators c where c.task_id = t.id and c.unit_id = $2 and c.responded_at is null)`;
/** "Việc của tôi" queues ($1 today, $2 the user's unit). Visibility is implied: every row names the user's own unit. */
export const INBOX_SQL = {
  toDo: `${ROW} where t.lead_unit_id = $2 and ${OPEN} ${ORDER} limit 100`,
  toEvaluate: `${ROW} where t.assigning_unit_id = $2 and t.state = 'submitted' ${ORDER} limit 100`,
  coordinationRequests: `${ROW} where ${OPEN} and ${UNANSWERED} ${ORDER} limit 100`,
  overdue: `${ROW} where t.state = 'open' and coalesce(t.next_report_due_on, t.deadline_on) < $1::date and (t.lead_unit_id = $2 or ${UNANSWERED}) ${ORDER} limit 100`,
} as const;
/**
 * Filtered list ($1 today; with a unit: $2 unit in any role, $3 statuses, $4..$5 deadline range,
 * $6 word patterns; without: $2 statuses, $3..$4, $5). Visibility is implied for the bench actors
 * (a leader of the city root sees every task; an officer filtering on their own unit sees its tasks).
 */
export function listSql(withUnit: boolean): { count: string; page: string } {
  const where = withUnit
    ? `where (t.lead_unit_id = $2 or t.assigning_unit_id = $2 or exists (select 1 from task_coordinators c where c.task_id = t.id and c.unit_id = $2))
  and ${STATUS} = any($3::text[]) and t.deadline_on >= $4::date and t.deadline_on <= $5::date and t.search_text ~ all($6::text[])`
    : `where ${STATUS} = any($2::text[]) and t.deadline_on >= $3::date and t.deadline_on <= $4::date and t.search_text ~ all($5::text[])`;
  return { count: `select count(*)::int n from tasks t ${where}`, page: `${ROW} ${where} ${ORDER} limit 50` };
}
/** Clause coverage ($1 today, $2 document; the document-only count takes the document as $1). */
export const COVERAGE_SQL = `select c.id as clause_id, ${STATUS} as status, count(t.id)::int n
  from document_clauses c left join tasks t on t.clause_id = c.id where c.document_id = $2 group by 1, 2`;
export const COVERAGE_DOC_SQL = `select count(*)::int n from tasks t where t.document_id = $1 and t.clause_id is null`;
/** Whole city: counts per lead unit and derived status ($1 today, $2 LIKE pattern of the city's path). */
export const CITY_COUNTS_SQL = `select t.lead_unit_id, ${STATUS} as status, count(*)::int n from tasks t join units lu on lu.id = t.lead_unit_id
  where lu.path like $2 group by 1, 2`;
/** One unit's subtree ($1 today, $2 LIKE pattern of the unit's path). */
export const UNIT_COUNTS_SQL = `select ${STATUS} as status, count(*)::int n from tasks t join units lu on lu.id = t.lead_unit_id where lu.path like $2 group by 1`;

// ── Helpers ───────────────────────────────────────────────────────────────────────────────────
async function session(app: App, u: BenchUser, ip: string): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: u.username, password: SYNTHETIC_PASSWORD }, remoteAddress: ip });
  if (res.statusCode !== 200) throw new Error(`login ${u.username} answered ${res.statusCode}: ${res.body.slice(0, 300)}`);
  return res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
}

async function get<T>(app: App, cookie: string, url: string, timeoutMs: number): Promise<T> {
  const res = await within(timeoutMs, `GET ${url}`, app.inject({ method: 'GET', url, headers: { cookie } }));
  if (res.statusCode !== 200) throw new Error(`GET ${url} answered ${res.statusCode}: ${res.body.slice(0, 300)}`);
  return res.json() as T;
}

// ── The section ───────────────────────────────────────────────────────────────────────────────
interface TaskBrief {
  id: string;
  status: TaskStatus;
}
interface MyWorkBody {
  toDo: TaskBrief[];
  toEvaluate: TaskBrief[];
  coordinationRequests: TaskBrief[];
  overdue: TaskBrief[];
}
type CountsBody = { counts: Record<TaskStatus, number>; total: number };
interface CoverageBody {
  clauseCount: number;
  uncoveredCount: number;
  clauses: { clauseId: string; taskCount: number; counts: Record<TaskStatus, number> }[];
  documentTasks: unknown[];
}

export async function measureTasks(app: App, pool: pg.Pool, data: SyntheticTasks, o: TasksBenchOptions) {
  const errors: string[] = [];
  const today = data.today;
  const T = o.timeoutMs;
  const sqlq = async <R extends pg.QueryResultRow>(label: string, text: string, params: unknown[]): Promise<R[]> => (await within(T, label, pool.query<R>(text, params))).rows;
  const communeCookie = await session(app, data.communeOfficer, '10.254.0.1');
  const deptCookie = await session(app, data.departmentOfficer, '10.254.0.2');
  const leaderCookie = await session(app, data.cityLeader, '10.254.0.3');
  const pathOf = async (unitId: string) => (await sqlq<{ path: string }>('unit path', 'select path from units where id = $1', [unitId]))[0]!.path;
  const results: Record<string, PairCase | Record<string, unknown>> = {};

  // 1. Việc của tôi
  for (const [key, user, cookie] of [
    ['inboxCommuneOfficer', data.communeOfficer, communeCookie],
    ['inboxDepartmentOfficer', data.departmentOfficer, deptCookie],
  ] as const) {
    const c = await measurePair(
      key,
      o.rounds,
      () => get<MyWorkBody>(app, cookie, '/api/me/work', T),
      async () => {
        const out: Record<string, string[]> = {};
        for (const [queue, text] of Object.entries(INBOX_SQL)) out[queue] = (await sqlq<{ id: string }>(`inbox ${queue}`, text, [today, user.unitId])).map((r) => r.id);
        return out;
      },
      (p, s) => {
        const answer: Record<string, unknown> = {};
        let match = true;
        for (const queue of Object.keys(INBOX_SQL) as (keyof MyWorkBody)[]) {
          const ids = p[queue].map((x) => x.id);
          const ok = sameList(ids, s[queue] ?? []);
          match &&= ok;
          answer[queue] = ok ? ids.length : { http: ids.length, sql: s[queue]?.length, sameIds: false };
        }
        return { match, answer };
      },
      errors,
    );
    c.what = `GET /api/me/work as ${user.username} (unit_officer of ${user.unitName}): four queues of at most 100 tasks, most urgent first, vs four hand-written SELECTs; answer = tasks per queue (same ids in the same order)`;
    results[key] = c;
  }

  // 2. Filtered task list: unit (any role) + statuses + deadline range + accent-insensitive text, first page + total.
  const statuses: TaskStatus[] = ['overdue', 'due_soon', 'in_progress', 'not_started', 'completed_late'];
  const from = '2025-10-01';
  const to = '2026-09-30';
  const qText = 'ma túy';
  // The product's word matching (src/server/db/search.ts): every word a whole syllable, the last a prefix.
  const likeQ = wordPatterns(searchWords(qText));
  for (const [key, user, cookie, unitId] of [
    ['listCityLeaderCommune', data.cityLeader, leaderCookie, data.communeOfficer.unitId],
    ['listDepartmentOfficerOwnUnit', data.departmentOfficer, deptCookie, data.departmentOfficer.unitId],
    ['listCityLeaderWholeCity', data.cityLeader, leaderCookie, null],
  ] as const) {
    const qs = new URLSearchParams({ deadlineFrom: from, deadlineTo: to, q: qText, limit: '50' });
    if (unitId) qs.set('unitId', unitId);
    for (const st of statuses) qs.append('status', st);
    const params = unitId ? [today, unitId, statuses, from, to, likeQ] : [today, statuses, from, to, likeQ];
    const { count: countSql, page: pageSql } = listSql(unitId !== null);
    const c = await measurePair(
      key,
      o.rounds,
      () => get<{ total: number; items: TaskBrief[] }>(app, cookie, `/api/tasks?${qs.toString()}`, T),
      async () => ({ total: (await sqlq<{ n: number }>('list count', countSql, params))[0]!.n, ids: (await sqlq<{ id: string }>('list page', pageSql, params)).map((r) => r.id) }),
      (p, s) => {
        const ids = p.items.map((x) => x.id);
        const match = p.total === s.total && sameList(ids, s.ids);
        return { match, answer: match ? { total: p.total, page: ids.length } : { http: { total: p.total, page: ids.length }, sql: { total: s.total, page: s.ids.length } } };
      },
      errors,
    );
    c.what = `GET /api/tasks?${unitId ? 'unitId=<unit>&' : ''}status=${statuses.join('&status=')}&deadlineFrom=${from}&deadlineTo=${to}&q=${qText}&limit=50 as ${user.username} (total + first page) vs hand-written count + page`;
    results[key] = c;
  }

  // 3. Clause coverage: the document with the most tasks and the one with the fewest.
  const docs = [...data.documents].sort((a, b) => b.tasks - a.tasks);
  for (const [key, doc] of [
    ['coverageLargestDocument', docs[0]!],
    ['coverageSmallestDocument', docs[docs.length - 1]!],
  ] as const) {
    const c = await measurePair(
      key,
      o.rounds,
      () => get<CoverageBody>(app, leaderCookie, `/api/documents/${doc.id}/coverage`, T),
      async () => ({
        rows: await sqlq<{ clause_id: string; status: TaskStatus; n: number }>('coverage', COVERAGE_SQL, [today, doc.id]),
        docOnly: (await sqlq<{ n: number }>('coverage doc', COVERAGE_DOC_SQL, [doc.id]))[0]!.n,
      }),
      (p, s) => {
        const byClause = new Map<string, number>();
        const statusTotals = new Map<string, number>();
        for (const r of s.rows) {
          byClause.set(r.clause_id, (byClause.get(r.clause_id) ?? 0) + r.n);
          if (r.n > 0) statusTotals.set(`${r.clause_id}:${r.status}`, r.n);
        }
        const sqlUncovered = [...byClause.values()].filter((n) => n === 0).length;
        let match = p.clauseCount === byClause.size && p.uncoveredCount === sqlUncovered && p.documentTasks.length === s.docOnly;
        for (const cl of p.clauses) {
          if (cl.taskCount !== (byClause.get(cl.clauseId) ?? -1)) match = false;
          for (const st of TASK_STATUSES) if ((cl.counts[st] ?? 0) !== (statusTotals.get(`${cl.clauseId}:${st}`) ?? 0)) match = false;
        }
        const tasks = p.clauses.reduce((a, x) => a + x.taskCount, 0);
        return { match, answer: { document: doc.symbol, clauses: p.clauseCount, uncovered: p.uncoveredCount, clauseTasks: tasks, documentOnlyTasks: p.documentTasks.length, sql: { clauses: byClause.size, uncovered: sqlUncovered, documentOnlyTasks: s.docOnly } } };
      },
      errors,
    );
    c.what = `GET /api/documents/:id/coverage of ${doc.symbol} (${doc.clauses} clauses, ${doc.tasks} tasks) as ${data.cityLeader.username} vs hand-written group by clause and derived status + document-only count; answer = clauses, uncovered, tasks per clause and per status`;
    results[key] = c;
  }

  // 4. Status counts. Whole city: the product's count for the city subtree vs a hand-written table
  //    of counts per lead unit and derived status (summed for the check). Then per unit: the
  //    product for each commune (one request each) vs the same by hand.
  const cityUnitId = (await sqlq<{ id: string }>('city', `select id from units where short_name = 'TP.HCM' and code like 'SYN-%'`, []))[0]!.id;
  const cityLike = `${escapeLike(await pathOf(cityUnitId))}%`;
  {
    const c = await measurePair(
      'statusCountsWholeCity',
      o.rounds,
      () => get<CountsBody>(app, leaderCookie, `/api/tasks/status-counts?unitId=${cityUnitId}`, T),
      () => sqlq<{ lead_unit_id: string; status: TaskStatus; n: number }>('city counts', CITY_COUNTS_SQL, [today, cityLike]),
      (p, s) => {
        const sum = new Map<string, number>();
        for (const r of s) sum.set(r.status, (sum.get(r.status) ?? 0) + r.n);
        const match = TASK_STATUSES.every((st) => (p.counts[st] ?? 0) === (sum.get(st) ?? 0));
        return { match, answer: { total: p.total, leadUnitsInTable: new Set(s.map((r) => r.lead_unit_id)).size, counts: p.counts, ...(match ? {} : { sql: Object.fromEntries(sum) }) } };
      },
      errors,
    );
    c.what = `GET /api/tasks/status-counts?unitId=<city> as ${data.cityLeader.username} (counts per derived status, city subtree) vs hand-written counts per lead unit × derived status for the whole city (rows summed to compare)`;
    results.statusCountsWholeCity = c;
  }
  {
    const units = data.communeUnitIds.slice(0, o.statusUnits);
    const h: number[] = [];
    const s: number[] = [];
    let mismatched = 0;
    let total = 0;
    for (const [i, unitId] of units.entries()) {
      const like = `${escapeLike(await pathOf(unitId))}%`;
      if (i === 0) {
        await get<CountsBody>(app, leaderCookie, `/api/tasks/status-counts?unitId=${unitId}`, T); // warm-up
        await sqlq('unit counts', UNIT_COUNTS_SQL, [today, like]);
      }
      const [hm, p] = await timed(() => get<CountsBody>(app, leaderCookie, `/api/tasks/status-counts?unitId=${unitId}`, T));
      const [sm, rows] = await timed(() => sqlq<{ status: TaskStatus; n: number }>('unit counts', UNIT_COUNTS_SQL, [today, like]));
      h.push(hm);
      s.push(sm);
      total += p.total;
      const m = new Map(rows.map((r) => [r.status, r.n]));
      if (!TASK_STATUSES.every((st) => (p.counts[st] ?? 0) === (m.get(st) ?? 0))) mismatched++;
    }
    if (mismatched > 0) errors.push(`statusCountsPerCommune: ${mismatched} of ${units.length} communes disagree between the product and the hand-written SQL`);
    const hs = stats(h);
    const ss = stats(s);
    note(`statusCountsPerCommune (${units.length} units): http p50 ${hs.p50} / p95 ${hs.p95} ms; sql p50 ${ss.p50} / p95 ${ss.p95} ms`);
    results.statusCountsPerCommune = {
      what: `GET /api/tasks/status-counts?unitId=<commune> for ${units.length} commune units, one request each (a per-unit table built by the product), vs the same count by hand per unit; one sample per unit`,
      httpMs: hs,
      sqlMs: ss,
      p50Ratio: ss.p50 > 0 ? r2(hs.p50 / ss.p50) : null,
      sweepHttpMs: Math.round(h.reduce((a, b) => a + b, 0)),
      sweepSqlMs: Math.round(s.reduce((a, b) => a + b, 0)),
      answer: { units: units.length, tasksLedInTheseSubtrees: total, mismatchedUnits: mismatched },
      match: mismatched === 0,
    };
  }
  return { today, results, errors };
}
