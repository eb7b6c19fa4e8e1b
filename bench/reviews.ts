/**
 * Review benchmark (`--section reviews`, issue 5): a whole-city review cycle (tổng kết) over a
 * 5-year custom period (16/06/2021 – 15/06/2026, today = BENCH_TODAY) whose programme is the 12
 * synthetic plans of the coordination data (synthetic-tasks.ts), over that data and the synthetic
 * situations (synthetic-incidents.ts, generated here unless the `situations` section already did).
 *
 * - `compile`: `compileReview` (the use case, city leader) — one checked run, then `--review-rounds`
 *   timed runs; its statements are captured once (logging Kysely over the same pool) to split the
 *   time into database and in-memory work, and the slowest statement is EXPLAIN ANALYZEd.
 * - `check`: the whole-city total row against hand-written SQL (tasks by bucket, coordination
 *   requests, situations in the period and in the comparison base); a disagreement is an error.
 * - `docx`: the report template alone (`reviewReport`) and `renderDocx` (worker thread) on the
 *   compiled review; then the whole route `GET /api/reviews/:id/report.docx` (`app.inject`) while
 *   `GET /api/health` (which runs `select 1`) is requested one after the other: its latency during
 *   generation against idle, and the event-loop delay over the same time.
 */
import { type IntervalHistogram, monitorEventLoopDelay } from 'node:perf_hooks';
import { Kysely, PostgresDialect } from 'kysely';
import type pg from 'pg';
import type { Backend } from '../src/server/db/connect.ts';
import type { DB } from '../src/server/db/schema.ts';
import { escapeLike } from '../src/server/kernel/text.ts';
import { renderDocx } from '../src/server/modules/reports/docx-render.ts';
import { issuerOf } from '../src/server/modules/reports/report.service.ts';
import { reviewReport } from '../src/server/modules/reports/templates/review-report.ts';
import { compileReview } from '../src/server/modules/reviews/review-compilation.service.ts';
import { createReviewCycle } from '../src/server/modules/reviews/review.service.ts';
import { actorFor } from '../src/server/seed/factories.ts';
import type { buildApp } from '../src/server/http/app.ts';
import { type JobsRuntime, startJobs, stopJobs } from '../src/server/jobs/queue.ts';
import type { ReportRun } from '../src/contracts/reports.ts';
import { clientAddress, note, r2, stats, timed, within } from './lib.ts';
import { SYNTHETIC_PASSWORD } from './synthetic-city.ts';
import { loadSyntheticIncidents } from './synthetic-incidents.ts';
import { loadSyntheticDecidedTips } from './synthetic-tips.ts';
import type { SyntheticTasks } from './synthetic-tasks.ts';

type App = Awaited<ReturnType<typeof buildApp>>;

export interface ReviewsBenchOptions {
  /** Situations generated when the database holds none yet. */
  incidents: number;
  /** Decided tips generated when the database holds none yet. */
  tips: number;
  seed: number;
  rounds: number;
  docxRounds: number;
  timeoutMs: number;
  backend: Backend;
}

/** Five years ending on the benchmark's today (2026-06-15). */
export const REVIEW_PERIOD = { from: '2021-06-16', to: '2026-06-15' };
/** Synthetic tips are received from a little before the period, so some are decided in it. */
const TIPS_RECEIVED_FROM = '2021-04-01';

const HAND_TASKS = `
with recursive prog as (
  select id from tasks where document_id = any($1::uuid[])
  union
  select c.id from tasks c join prog p on c.parent_id = p.id
), t as (
  select t.deadline_on, case when t.state = 'completed' then coalesce(t.submitted_on, t.completed_on) end as done
  from tasks t join prog on prog.id = t.id join units lu on lu.id = t.lead_unit_id
  where lu.path like $2 and t.state <> 'cancelled' and t.assigned_on <= $4::date
)
select count(*)::int as assigned,
  count(*) filter (where done <= $5::date and (deadline_on is null or done <= deadline_on))::int as on_time,
  count(*) filter (where done <= $5::date and deadline_on is not null and done > deadline_on)::int as late,
  count(*) filter (where (done is null or done > $5::date) and (deadline_on is null or deadline_on >= $5::date))::int as within_deadline,
  count(*) filter (where (done is null or done > $5::date) and deadline_on < $5::date)::int as overdue,
  count(*) filter (where deadline_on is null)::int as without_deadline
from t where done is null or done >= $3::date`;

const HAND_COORDINATION = `
with recursive prog as (
  select id from tasks where document_id = any($1::uuid[])
  union
  select c.id from tasks c join prog p on c.parent_id = p.id
)
select count(*)::int as n from task_coordinators tc join prog on prog.id = tc.task_id join tasks t on t.id = tc.task_id join units cu on cu.id = tc.unit_id
where cu.path like $2 and t.state <> 'cancelled' and (tc.requested_at at time zone 'Asia/Ho_Chi_Minh')::date between $3::date and $4::date`;

const HAND_TIPS = `
select count(*)::int as n from tips t join units hu on hu.id = t.handling_unit_id
where hu.path like $1 and t.outcome_kind is not null and t.outcome_decided_on between $2::date and $3::date`;

const HAND_SITUATIONS = `
select count(*) filter (where i.occurred_on between $2::date and $3::date)::int as cur,
       count(*) filter (where i.occurred_on between $4::date and $5::date)::int as base
from incidents i join units lu on lu.id = i.lead_unit_id
where lu.path like $1 and i.merged_into_id is null`;

/**
 * Run `work` while `GET /api/health` is requested one after the other (5 ms apart): its latencies go
 * to `into` and the event-loop delay over the same time to `loop` — what every other user would see.
 */
async function whileProbing<T>(health: () => Promise<void>, into: number[], loop: IntervalHistogram, work: () => Promise<T>): Promise<T> {
  let done = false;
  const probes = (async () => {
    while (!done) {
      into.push((await timed(health))[0]);
      await new Promise((r) => setTimeout(r, 5));
    }
  })();
  loop.enable();
  try {
    return await work();
  } finally {
    loop.disable();
    done = true;
    await probes;
  }
}

const shiftYear = (d: string) => `${Number(d.slice(0, 4)) - 1}${d.slice(4)}`;

export async function measureReviews(app: App, rt: JobsRuntime, db: pg.Pool, tasksData: SyntheticTasks, o: ReviewsBenchOptions) {
  const ctx = rt.ctx;
  const errors: string[] = [];
  const T = o.timeoutMs;

  // ── Data: situations (unless already there), the cycle ──
  const existing = (await db.query<{ n: number }>('select count(*)::int n from incidents')).rows[0]!.n;
  let incidentsData: Awaited<ReturnType<typeof loadSyntheticIncidents>> | { reused: number } = { reused: existing };
  if (existing < 1000) {
    note(`${o.backend}: reviews: generating ${o.incidents} situations`);
    incidentsData = await loadSyntheticIncidents(db, { incidents: o.incidents, seed: o.seed });
  }
  const existingTips = (await db.query<{ n: number }>('select count(*)::int n from tips where outcome_kind is not null')).rows[0]!.n;
  let tipsData: Awaited<ReturnType<typeof loadSyntheticDecidedTips>> | { reused: number } = { reused: existingTips };
  if (existingTips < 1000 && o.tips > 0) {
    note(`${o.backend}: reviews: generating ${o.tips} decided tips`);
    tipsData = await loadSyntheticDecidedTips(db, { tips: o.tips, seed: o.seed, from: TIPS_RECEIVED_FROM, to: REVIEW_PERIOD.to });
    note(`${o.backend}: reviews: tips loaded in ${(tipsData as { ms: number }).ms} ms`);
  }
  const city = (await db.query<{ id: string; path: string }>(`select id, path from units where short_name = 'TP.HCM' and code like 'SYN-%'`)).rows[0]!;
  const actor = await actorFor(ctx, tasksData.cityLeader.username, SYNTHETIC_PASSWORD);
  const documentIds = tasksData.documents.map((d) => d.id);
  const cycle = await createReviewCycle(ctx, actor, {
    kind: 'tong_ket',
    title: 'Tổng kết 5 năm thực hiện chương trình phối hợp (benchmark)',
    scopeUnitId: city.id,
    documentIds,
    conferenceIds: [],
    period: { kind: 'custom', from: REVIEW_PERIOD.from, to: REVIEW_PERIOD.to },
  });
  note(`${o.backend}: reviews: cycle ${cycle.id}, ${documentIds.length} documents, ${REVIEW_PERIOD.from}..${REVIEW_PERIOD.to}, scope ${city.path}`);

  // ── compileReview: checked run, then timed runs ──
  const compile = () => within(T, 'compileReview', compileReview(ctx, actor, cycle.id));
  const [firstMs, c0] = await timed(compile);
  const rssAfterMiB = Math.round(process.memoryUsage().rss / 2 ** 20);
  note(`${o.backend}: reviews: first compile ${Math.round(firstMs)} ms, ${c0.scorecards.length} scorecards, rss ${rssAfterMiB} MiB`);

  const cutoff = c0.cutoffOn;
  const like = `${escapeLike(city.path)}%`;
  const base = { from: shiftYear(REVIEW_PERIOD.from), to: shiftYear(REVIEW_PERIOD.to) };
  const [handMs, hand] = await timed(async () => ({
    tasks: (await within(T, 'hand tasks', db.query(HAND_TASKS, [documentIds, like, REVIEW_PERIOD.from, REVIEW_PERIOD.to, cutoff]))).rows[0] as Record<string, number>,
    coordination: (await within(T, 'hand coordination', db.query<{ n: number }>(HAND_COORDINATION, [documentIds, like, REVIEW_PERIOD.from, REVIEW_PERIOD.to]))).rows[0]!.n,
    situations: (await within(T, 'hand situations', db.query<{ cur: number; base: number }>(HAND_SITUATIONS, [like, REVIEW_PERIOD.from, REVIEW_PERIOD.to, base.from, base.to]))).rows[0]!,
    tips: (await within(T, 'hand tips', db.query<{ n: number }>(HAND_TIPS, [like, REVIEW_PERIOD.from, REVIEW_PERIOD.to]))).rows[0]!.n,
  }));
  const tot = c0.total;
  const pairs: [string, number | null, number][] = [
    ['tasks.assigned', tot?.tasks?.assigned.value ?? null, hand.tasks.assigned!],
    ['tasks.completedOnTime', tot?.tasks?.completedOnTime.value ?? null, hand.tasks.on_time!],
    ['tasks.completedLate', tot?.tasks?.completedLate.value ?? null, hand.tasks.late!],
    ['tasks.notCompletedWithinDeadline', tot?.tasks?.notCompletedWithinDeadline.value ?? null, hand.tasks.within_deadline!],
    ['tasks.notCompletedOverdue', tot?.tasks?.notCompletedOverdue.value ?? null, hand.tasks.overdue!],
    ['tasks.withoutDeadline', tot?.tasks?.withoutDeadline.value ?? null, hand.tasks.without_deadline!],
    ['coordination.requests', tot?.coordination?.requests.value ?? null, hand.coordination],
    ['situations.current', tot?.situations?.total.current.value ?? null, hand.situations.cur],
    [`situations.base (${base.from}..${base.to})`, tot?.situations?.total.base.value ?? null, hand.situations.base],
    ['tips.resolved', tot?.tips?.resolved.value ?? 0, hand.tips],
    ['tips.resolvedWithinDeadline + tips.resolvedLate', (tot?.tips?.resolvedWithinDeadline.value ?? 0) + (tot?.tips?.resolvedLate.value ?? 0), hand.tips],
  ];
  const checks = pairs.map(([figure, product, sql]) => ({ figure, product, sql, match: product === sql }));
  for (const c of checks.filter((x) => !x.match)) {
    errors.push(`reviews: whole-city ${c.figure}: compileReview says ${c.product}, hand-written SQL ${c.sql}`);
    note(`ERROR reviews: ${c.figure}: product ${c.product} vs SQL ${c.sql}`);
  }
  note(`${o.backend}: reviews: checks ${checks.filter((c) => c.match).length}/${checks.length} agree (hand SQL ${Math.round(handMs)} ms)`);

  const compileMs: number[] = [];
  for (let i = 0; i < o.rounds; i++) compileMs.push((await timed(compile))[0]);
  const compileStats = stats(compileMs);
  note(`${o.backend}: reviews: compileReview p50 ${compileStats.p50} ms, max ${compileStats.max} ms over ${o.rounds}`);

  // ── Where the time goes: the statements of one compilation, the slowest EXPLAINed ──
  const captured: { sql: string; parameters: readonly unknown[]; ms: number }[] = [];
  const logging = new Kysely<DB>({
    dialect: new PostgresDialect({ pool: db }),
    log: (e) => {
      if (e.level === 'query') captured.push({ sql: e.query.sql, parameters: e.query.parameters, ms: e.queryDurationMillis });
    },
  });
  const [loggedMs] = await timed(() => within(T, 'compileReview (logged)', compileReview({ ...ctx, db: logging }, actor, cycle.id)));
  const dbMs = captured.reduce((a, s) => a + s.ms, 0);
  const statements = [...captured].sort((a, b) => b.ms - a.ms);
  const top = statements[0]!;
  const plan = (await within(T, 'explain', db.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${top.sql}`, [...top.parameters]))).rows.map((r) => r['QUERY PLAN']);
  note(`${o.backend}: reviews: logged compile ${Math.round(loggedMs)} ms, ${captured.length} statements ${Math.round(dbMs)} ms; slowest ${Math.round(top.ms)} ms:\n${plan.join('\n')}`);

  // ── DOCX: template and worker rendering alone ──
  const issueBase = await issuerOf(ctx.db, actor, city.id, {}, null);
  const buildMs: number[] = [];
  const renderMs: number[] = [];
  let bytes = 0;
  for (let i = 0; i < o.docxRounds; i++) {
    const [bm, doc] = await timed(async () => reviewReport({ compilation: c0, issue: { ...issueBase, number: null, date: null, draftYear: 2026 } }));
    const [rm, buf] = await timed(() => within(T, 'renderDocx', renderDocx(doc)));
    buildMs.push(bm);
    renderMs.push(rm);
    bytes = buf.length;
  }
  note(`${o.backend}: reviews: template p50 ${stats(buildMs).p50} ms, renderDocx p50 ${stats(renderMs).p50} ms, ${bytes} bytes`);

  // ── The route, with GET /api/health requested one after the other meanwhile ──
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: tasksData.cityLeader.username, password: SYNTHETIC_PASSWORD }, remoteAddress: clientAddress(10, 250_001) });
  if (login.statusCode !== 200) throw new Error(`reviews login failed: ${login.statusCode} ${login.body.slice(0, 200)}`);
  const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const health = async () => {
    const r = await app.inject({ method: 'GET', url: '/api/health' });
    if (r.statusCode !== 200) throw new Error(`health answered ${r.statusCode}`);
  };
  const idle: number[] = [];
  for (let i = 0; i < 100; i++) {
    idle.push((await timed(health))[0]);
    await new Promise((r) => setTimeout(r, 5));
  }
  const during: number[] = [];
  const routeMs: number[] = [];
  const loop = monitorEventLoopDelay({ resolution: 10 });
  let routeBytes = 0;
  for (let i = 0; i < o.docxRounds; i++) {
    const [ms, res] = await whileProbing(health, during, loop, () => timed(() => within(T, 'GET report.docx', app.inject({ method: 'GET', url: `/api/reviews/${cycle.id}/report.docx`, headers: { cookie } }))));
    if (res.statusCode !== 200 || res.rawPayload.subarray(0, 2).toString() !== 'PK') {
      errors.push(`reviews: GET /api/reviews/:id/report.docx answered ${res.statusCode}: ${res.body.slice(0, 200)}`);
      break;
    }
    routeBytes = res.rawPayload.length;
    routeMs.push(ms);
    note(`${o.backend}: reviews: report.docx ${Math.round(ms)} ms (${routeBytes} bytes), ${during.length} health probes so far`);
  }
  const idleStats = stats(idle);
  const duringStats = stats(during);
  note(`${o.backend}: reviews: GET /api/health idle p50 ${idleStats.p50} / p99 ${idleStats.p99} ms; during report p50 ${duringStats.p50} / p99 ${duringStats.p99} / max ${duringStats.max} ms; event-loop delay max ${r2(loop.max / 1e6)} ms`);


  // ── The report as a background run (what the review page does): POST, follow, download ──
  const csrf = (login.json() as { csrfToken: string }).csrfToken;
  await startJobs({ ...rt, config: { ...rt.config, jobs: { ...rt.config.jobs, enabled: true } } }, { workers: true });
  const runDuring: number[] = [];
  const runs: { totalMs: number; acceptedMs: number; steps: string[]; bytes: number }[] = [];
  const runLoop = monitorEventLoopDelay({ resolution: 10 });
  try {
    for (let i = 0; i < o.docxRounds; i++) {
      const r = await whileProbing(health, runDuring, runLoop, async () => {
        const t0 = performance.now();
        const started = await app.inject({ method: 'POST', url: `/api/reviews/${cycle.id}/report-runs`, headers: { cookie, 'x-csrf-token': csrf }, payload: {} });
        const acceptedMs = performance.now() - t0;
        if (started.statusCode !== 202) return { started, acceptedMs, run: null, steps: [], file: null, totalMs: 0 };
        const steps: string[] = [];
        let run = started.json() as ReportRun;
        const deadline = Date.now() + T;
        while (run.state !== 'done' && run.state !== 'failed' && Date.now() < deadline) {
          await new Promise((res) => setTimeout(res, 200));
          run = (await app.inject({ method: 'GET', url: `/api/report-runs/${run.id}`, headers: { cookie } })).json() as ReportRun;
          const label = run.step === 'tips' && run.stepDone ? `tips(${run.stepDone})` : (run.step ?? run.state);
          if (steps.at(-1) !== label) steps.push(label);
        }
        const file = run.state === 'done' ? await app.inject({ method: 'GET', url: `/api/report-runs/${run.id}/file`, headers: { cookie } }) : null;
        return { started, acceptedMs, run, steps, file, totalMs: performance.now() - t0 };
      });
      const { started, acceptedMs, run, steps, file, totalMs } = r;
      if (!run) {
        errors.push(`reviews: POST /api/reviews/:id/report-runs answered ${started.statusCode}: ${started.body.slice(0, 200)}`);
        break;
      }
      if (!file || file.statusCode !== 200 || file.rawPayload.subarray(0, 2).toString() !== 'PK') {
        errors.push(`reviews: report run ${run.state} ${JSON.stringify(run.error)}`);
        break;
      }
      runs.push({ totalMs: Math.round(totalMs), acceptedMs: r2(acceptedMs), steps, bytes: file.rawPayload.length });
      note(`${o.backend}: reviews: report run ${Math.round(totalMs)} ms (accepted in ${r2(acceptedMs)} ms), steps ${steps.join(' → ')}`);
    }
  } finally {
    await stopJobs();
  }
  const runDuringStats = stats(runDuring);
  note(`${o.backend}: reviews: GET /api/health during report runs p50 ${runDuringStats.p50} / p99 ${runDuringStats.p99} / max ${runDuringStats.max} ms; event-loop delay max ${r2(runLoop.max / 1e6)} ms`);

  return {
    what: `whole-city tổng kết over ${REVIEW_PERIOD.from}..${REVIEW_PERIOD.to} (custom, 5 years), programme = the ${documentIds.length} synthetic plans, viewer = the city leader`,
    data: {
      situations: incidentsData,
      tips: tipsData,
      tipsInTotalRow: c0.total?.tips ? { resolved: c0.total.tips.resolved.value, withinDeadline: c0.total.tips.resolvedWithinDeadline.value, late: c0.total.tips.resolvedLate.value } : null,
      programmeDocuments: documentIds.length,
      scorecards: c0.scorecards.length,
      totalRow: Object.fromEntries(pairs.map(([k, p]) => [k, p])),
      cutoffOn: cutoff,
      basePeriod: c0.base,
      rssAfterCompileMiB: rssAfterMiB,
    },
    check: { handMs: Math.round(handMs), allAgree: checks.every((c) => c.match), checks, sql: { tasks: HAND_TASKS.trim(), coordination: HAND_COORDINATION.trim(), situations: HAND_SITUATIONS.trim(), tips: HAND_TIPS.trim() } },
    compile: {
      what: 'compileReview(ctx, cityLeader, cycleId): one repeatable-read transaction; tasks by bucket, coordination and situations counted in SQL grouped by unit, decided tips read a page at a time; scorecards built in memory',
      firstMs: Math.round(firstMs),
      ms: compileStats,
      breakdown: {
        loggedRunMs: Math.round(loggedMs),
        statements: captured.length,
        databaseMs: Math.round(dbMs),
        inMemoryMs: Math.round(loggedMs - dbMs),
        slowest: statements.slice(0, 6).map((s) => ({ ms: Math.round(s.ms), sql: s.sql.slice(0, 400) })),
      },
      explain: { sql: top.sql, plan },
    },
    docx: {
      templateMs: stats(buildMs),
      renderDocxMs: stats(renderMs),
      bytes,
      route: { what: 'GET /api/reviews/:id/report.docx through app.inject (compile + issuer + template + worker rendering + audit row)', ms: stats(routeMs), bytes: routeBytes },
      run: {
        what: 'POST /api/reviews/:id/report-runs, then GET /api/report-runs/:id every 200 ms until done, then the file (pg-boss worker in the same process, reports queue polled every second)',
        totalMs: stats(runs.map((x) => x.totalMs)),
        acceptedMs: stats(runs.map((x) => x.acceptedMs)),
        runs,
      },
    },
    otherRequests: {
      what: 'GET /api/health (route + select 1) through app.inject, one after the other with 5 ms pauses: idle, and while the report route runs (same process)',
      idleMs: idleStats,
      duringReportMs: duringStats,
      eventLoopDelayDuringReportMs: { p50: r2(loop.percentile(50) / 1e6), p99: r2(loop.percentile(99) / 1e6), max: r2(loop.max / 1e6) },
      duringReportRunsMs: runDuringStats,
      eventLoopDelayDuringReportRunsMs: { p50: r2(runLoop.percentile(50) / 1e6), p99: r2(runLoop.percentile(99) / 1e6), max: r2(runLoop.max / 1e6) },
    },
    errors,
  };
}
