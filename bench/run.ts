/**
 * Benchmarks (`npm run bench`). Timing targets live here, never in tests. See bench/README.md.
 *
 *   npm run bench -- [--units 5000] [--users 2000] [--backend pglite|postgres|both]
 *                    [--starts 3] [--logins 40] [--concurrency 8] [--search-rounds 15]
 *                    [--section startup,login,search,tasks,refs] [--tasks 500000] [--reports 3000000]
 *                    [--task-rounds 10] [--status-units 168] [--ref-runs 30] [--op-timeout-s 600]
 *                    [--tips 100] [--tip-concurrency 8] [--live-clients 200] [--live-outsiders 20] [--live-events 50]
 *                    [--incidents 2000000] [--pglite-incidents N] [--situation-rounds 5]
 *                    [--review-rounds 3] [--review-incidents 200000] [--review-tips 100000]
 *
 * One JSON document goes to stdout and to artifacts/bench/latest.json; notes go to stderr.
 * PostgreSQL: BENCH_DATABASE_URL (an empty database) or, by default, a fresh database created
 * on postgres://postgres@127.0.0.1:5432 and dropped afterwards.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openRuntime } from '../src/server/bootstrap.ts';
import { loadConfig } from '../src/server/config/env.ts';
import { openDatabase, type Backend, type Database } from '../src/server/db/connect.ts';
import { buildApp } from '../src/server/http/app.ts';
import { escapeLike } from '../src/server/kernel/text.ts';
import { verifyPassword } from '../src/server/modules/accounts/password.ts';
import { clientAddress, freePort, note, perSecond, pool, r2, stats, timed, within } from './lib.ts';
import { measureReferenceFinder } from './reference-finder.ts';
import { BENCH_TODAY, loadSyntheticTasks } from './synthetic-tasks.ts';
import { measureTasks } from './tasks.ts';
import { measureTips } from './tips.ts';
import { measureLive } from './live.ts';
import { measureSituations } from './situations.ts';
import { measureCampaigns } from './campaigns.ts';
import { measureReviews } from './reviews.ts';
import { loadSyntheticCity, SYNTHETIC_PASSWORD, type SyntheticCity } from './synthetic-city.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// ── Arguments ─────────────────────────────────────────────────────────────────────────────────
interface Options {
  units: number;
  users: number;
  backend: 'pglite' | 'postgres' | 'both';
  starts: number;
  logins: number;
  concurrency: number;
  searchRounds: number;
  seed: number;
  sections: Section[];
  tasks: number;
  reports: number;
  taskRounds: number;
  statusUnits: number;
  refRuns: number;
  opTimeoutS: number;
  tips: number;
  tipConcurrency: number;
  liveClients: number;
  liveOutsiders: number;
  liveEvents: number;
  /** null: 2,000,000 on PostgreSQL and `pgliteIncidents` on PGlite. */
  incidents: number | null;
  pgliteIncidents: number;
  situationRounds: number;
  campaignRounds: number;
  reviewRounds: number;
  reviewIncidents: number;
  reviewTips: number;
}

const SECTIONS = ['startup', 'login', 'search', 'tasks', 'refs', 'tips', 'live', 'situations', 'campaigns', 'reviews'] as const;
/** Default size of the situations data on PostgreSQL (and on PGlite when --incidents is given). */
const DEFAULT_INCIDENTS = 2_000_000;
type Section = (typeof SECTIONS)[number];

function parseArgs(argv: string[]): Options {
  const o: Options = {
    units: 5000,
    users: 2000,
    backend: 'pglite',
    starts: 3,
    logins: 40,
    concurrency: 8,
    searchRounds: 15,
    seed: 20260701,
    sections: [...SECTIONS],
    tasks: 500_000,
    reports: 3_000_000,
    taskRounds: 10,
    statusUnits: 168,
    refRuns: 30,
    opTimeoutS: 600,
    tips: 100,
    tipConcurrency: 8,
    liveClients: 200,
    liveOutsiders: 20,
    liveEvents: 50,
    incidents: null,
    pgliteIncidents: 500_000,
    situationRounds: 5,
    campaignRounds: 10,
    reviewRounds: 3,
    reviewIncidents: 200_000,
    reviewTips: 100_000,
  };
  const ints: Record<string, keyof Options> = {
    '--units': 'units',
    '--users': 'users',
    '--starts': 'starts',
    '--logins': 'logins',
    '--concurrency': 'concurrency',
    '--search-rounds': 'searchRounds',
    '--seed': 'seed',
    '--tasks': 'tasks',
    '--reports': 'reports',
    '--task-rounds': 'taskRounds',
    '--status-units': 'statusUnits',
    '--ref-runs': 'refRuns',
    '--op-timeout-s': 'opTimeoutS',
    '--tips': 'tips',
    '--tip-concurrency': 'tipConcurrency',
    '--live-clients': 'liveClients',
    '--live-outsiders': 'liveOutsiders',
    '--live-events': 'liveEvents',
    '--incidents': 'incidents',
    '--pglite-incidents': 'pgliteIncidents',
    '--situation-rounds': 'situationRounds',
    '--campaign-rounds': 'campaignRounds',
    '--review-rounds': 'reviewRounds',
    '--review-incidents': 'reviewIncidents',
    '--review-tips': 'reviewTips',
  };
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i]!;
    const [flag, inline] = raw.includes('=') ? (raw.split('=', 2) as [string, string]) : [raw, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    if (flag === '--backend') {
      const v = value();
      if (v !== 'pglite' && v !== 'postgres' && v !== 'both') throw new Error('--backend must be pglite, postgres or both');
      o.backend = v;
    } else if (flag === '--section') {
      const list = value().split(',').map((x) => x.trim()).filter(Boolean);
      const bad = list.filter((x) => !(SECTIONS as readonly string[]).includes(x));
      if (bad.length || list.length === 0) throw new Error(`--section takes a comma-separated list of ${SECTIONS.join(', ')}`);
      o.sections = list as Section[];
    } else if (flag in ints) {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 0) throw new Error(`${flag} must be a non-negative integer`);
      (o[ints[flag]!] as number) = n;
    } else if (flag === '--help' || flag === '-h') {
      process.stderr.write(
        'npm run bench -- [--units N] [--users M] [--backend pglite|postgres|both] [--starts K] [--logins L] [--concurrency C] [--search-rounds R] [--seed S]\n' +
          '               [--section startup,login,search,tasks,refs,tips,live,situations] [--tasks N] [--reports N] [--task-rounds R] [--status-units K] [--ref-runs N] [--op-timeout-s S]\n' +
          '               [--tips N] [--tip-concurrency C] [--live-clients K] [--live-outsiders K] [--live-events E] [--incidents N] [--pglite-incidents N] [--situation-rounds R]\n',
      );
      process.exit(0);
    } else {
      throw new Error(`Unknown option ${raw}`);
    }
  }
  if (o.units < 250) throw new Error('--units must be at least 250 (the fixed part of the city tree)');
  if (o.users < 1) throw new Error('--users must be at least 1');
  if ((o.sections.includes('tasks') || o.sections.includes('reviews')) && o.tasks < 50) throw new Error('--tasks must be at least 50');
  if (o.sections.includes('tips') && (o.tips < 1 || o.tipConcurrency < 1)) throw new Error('--tips and --tip-concurrency must be at least 1');
  if (o.sections.includes('live') && (o.liveClients < 1 || o.liveEvents < 1)) throw new Error('--live-clients and --live-events must be at least 1');
  if (o.sections.includes('situations') && (o.incidents ?? DEFAULT_INCIDENTS) < 1000) throw new Error('--incidents must be at least 1000');
  return o;
}

// ── Statistics ────────────────────────────────────────────────────────────────────────────────
export type { Stats } from './lib.ts';

// ── PostgreSQL databases for the run ──────────────────────────────────────────────────────────
const DEFAULT_PG_ADMIN = 'postgres://postgres@127.0.0.1:5432/postgres';

function adminUrlFor(url: string): string {
  const u = new URL(url);
  u.pathname = '/postgres';
  return u.toString();
}
function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}
const createDb = (adminUrl: string, name: string) => adminQuery(adminUrl, `create database "${name}"`);
const dropDb = (adminUrl: string, name: string) => adminQuery(adminUrl, `drop database if exists "${name}" with (force)`).catch((e) => note(`could not drop ${name}: ${(e as Error).message}`));

// ── 1. Start-up: spawn the real server, time until GET /api/health answers 200 ────────────────
function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal); // the server runs in its own process group (npx → tsx → node)
  } catch {
    /* already gone */
  }
}

async function stopServer(child: ChildProcess, lockFile: string | null): Promise<void> {
  const exited = new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
  killGroup(child, 'SIGTERM');
  const deadline = Date.now() + 20_000;
  await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);
  // npx may exit before the server has closed the database: wait for the data-directory lock.
  while (lockFile && fs.existsSync(lockFile) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  if (child.exitCode === null && child.signalCode === null) killGroup(child, 'SIGKILL');
  if (lockFile && fs.existsSync(lockFile)) {
    killGroup(child, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Milliseconds from spawning `npx tsx src/server/main.ts serve` to the first 200 from /api/health. */
async function startOnce(env: Record<string, string>, lockFile: string | null): Promise<number> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn('npx', ['tsx', 'src/server/main.ts', 'serve'], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} before answering:\n${stderr}`);
      if (performance.now() - t0 > 180_000) throw new Error(`server did not answer within 180 s:\n${stderr}`);
      try {
        const res = await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(2000) });
        if (res.status === 200) {
          await res.arrayBuffer();
          return performance.now() - t0;
        }
      } catch {
        /* not listening yet */
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    await stopServer(child, lockFile);
  }
}

async function measureStartup(backend: Backend, o: Options, pgAdmin: string) {
  const cold: number[] = [];
  const warm: number[] = [];
  const rawCold: number[] = [];
  const rawWarm: number[] = [];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'phoihop-bench-start-'));
  const created: string[] = [];
  try {
    let last: Record<string, string> = {};
    for (let i = 0; i < o.starts; i++) {
      let env: Record<string, string>;
      let lock: string | null = null;
      if (backend === 'pglite') {
        const dir = path.join(tmp, `cold-${i}`);
        env = { DATA_DIR: dir, DATABASE_URL: '' };
        lock = path.join(dir, 'phoihop.lock');
      } else {
        const name = `phoihop_bench_start_${process.pid}_${i}`;
        await createDb(pgAdmin, name);
        created.push(name);
        env = { DATABASE_URL: withDatabase(pgAdmin, name), DATA_DIR: path.join(tmp, 'unused') };
      }
      const ms = await startOnce(env, lock);
      cold.push(ms);
      last = env;
      note(`${backend}: cold start ${i + 1}/${o.starts}: ${Math.round(ms)} ms`);
    }
    for (let i = 0; i < o.starts; i++) {
      const ms = await startOnce(last, backend === 'pglite' ? path.join(last.DATA_DIR!, 'phoihop.lock') : null);
      warm.push(ms);
      note(`${backend}: warm start ${i + 1}/${o.starts}: ${Math.round(ms)} ms`);
    }
    // The same database work by hand: open the database (initdb on a fresh directory / connect to
    // a fresh database), run `select 1`, close — no tsx, no migrations, no seed data, no HTTP.
    for (let i = 0; i < o.starts; i++) {
      const fresh = async () => {
        if (backend === 'pglite') return openDatabase({ dataDir: path.join(tmp, `raw-${i}`) });
        const name = `phoihop_bench_raw_${process.pid}_${i}`;
        created.push(name);
        await createDb(pgAdmin, name);
        return openDatabase({ databaseUrl: withDatabase(pgAdmin, name) });
      };
      const [ms, db] = await timed(async () => {
        const db = await fresh();
        await db.pool.query('select 1');
        return db;
      });
      await db.close();
      rawCold.push(ms);
      const [wms, db2] = await timed(async () => {
        const db2 = backend === 'pglite' ? await openDatabase({ dataDir: path.join(tmp, `raw-${i}`) }) : await openDatabase({ databaseUrl: withDatabase(pgAdmin, created.at(-1)!) });
        await db2.pool.query('select 1');
        return db2;
      });
      await db2.close();
      rawWarm.push(wms);
    }
  } finally {
    for (const name of created) await dropDb(pgAdmin, name);
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return {
    what:
      backend === 'pglite'
        ? 'spawn `npx tsx src/server/main.ts serve` → first 200 from GET /api/health. Cold: fresh DATA_DIR (initdb, migrations, reference data, demo city). Warm: the same DATA_DIR again.'
        : 'spawn `npx tsx src/server/main.ts serve` with DATABASE_URL → first 200 from GET /api/health. Cold: fresh empty database (migrations, reference data). Warm: the same database again.',
    coldMs: stats(cold),
    warmMs: stats(warm),
    sql: {
      what:
        backend === 'pglite'
          ? 'in-process: open the embedded database (worker + socket) on a fresh directory, `select 1` (cold) / on that directory again (warm)'
          : 'in-process: `create database`, connect, `select 1` (cold) / connect to it again, `select 1` (warm)',
      coldMs: stats(rawCold),
      warmMs: stats(rawWarm),
    },
  };
}

// ── Runtime over the synthetic city ───────────────────────────────────────────────────────────
async function openBenchRuntime(backend: Backend, databaseUrl: string | undefined, dataDir: string) {
  const config = loadConfig({
    DATA_DIR: dataDir,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    LOG_LEVEL: 'silent',
    // The benchmark is one client hammering the API: lift the per-address limit of all /api
    // routes. /auth/login keeps its own limit of 20 a minute per address, so login requests
    // come from distinct addresses (remoteAddress).
    RATE_LIMIT_PER_MINUTE: String(1e9),
    DEMO: '0',
  });
  const rt = await openRuntime(config);
  if (rt.database.backend !== backend) throw new Error(`expected ${backend}, opened ${rt.database.backend}`);
  return rt;
}

type App = Awaited<ReturnType<typeof buildApp>>;
const addr = (i: number): string => clientAddress(10, i);

// ── 2. Login throughput ───────────────────────────────────────────────────────────────────────
async function measureLogin(app: App, database: Database, city: SyntheticCity, o: Options) {
  let ipSeq = 1;
  const user = (i: number): string => city.usernames[(i * 7919) % city.usernames.length]!;
  const httpLogin = async (i: number) => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user(i), password: SYNTHETIC_PASSWORD }, remoteAddress: addr(ipSeq++) });
    if (res.statusCode !== 200) throw new Error(`login ${user(i)} answered ${res.statusCode}: ${res.body.slice(0, 300)}`);
  };
  // By hand: look the user up, verify the Argon2id hash, record the login and the session.
  const sqlLogin = async (i: number) => {
    const u = await database.pool.query<{ id: string; password_hash: string; disabled: boolean; locked_until: Date | null }>(
      'select id, password_hash, disabled, locked_until from users where username = $1',
      [user(i)],
    );
    const row = u.rows[0];
    if (!row || row.disabled || !(await verifyPassword(row.password_hash, SYNTHETIC_PASSWORD))) throw new Error(`sql login ${user(i)} failed`);
    const c = await database.pool.connect();
    try {
      await c.query('begin');
      await c.query('update users set failed_logins = 0, locked_until = null, last_login_at = now() where id = $1', [row.id]);
      await c.query("insert into sessions (id, user_id, csrf_token, expires_at) values (md5(random()::text || clock_timestamp()::text), $1, md5(random()::text), now() + interval '12 hours')", [row.id]);
      await c.query('commit');
    } catch (e) {
      await c.query('rollback').catch(() => undefined);
      throw e;
    } finally {
      c.release();
    }
  };
  const hashOnly = async (i: number) => {
    const u = await database.pool.query<{ password_hash: string }>('select password_hash from users where username = $1', [user(i)]);
    if (!(await verifyPassword(u.rows[0]!.password_hash, SYNTHETIC_PASSWORD))) throw new Error('verify failed');
  };

  note('login: warm-up');
  await within(60_000, 'warm-up http login', httpLogin(0)); // JIT, first statements
  await within(60_000, 'warm-up sql login', sqlLogin(0));
  const out: Record<string, unknown> = {};
  for (const [name, job] of [
    ['http', httpLogin],
    ['sql', sqlLogin],
    ['argon2VerifyOnly', hashOnly],
  ] as const) {
    note(`login ${name}: ${o.logins} sequential…`);
    const seq = await pool(o.logins, 1, (i) => job(i + 1));
    note(`login ${name}: ${o.logins * 2} with ${o.concurrency} in flight…`);
    const conc = await pool(o.logins * 2, o.concurrency, (i) => job(i + 1000));
    out[name] = {
      sequential: { latencyMs: stats(seq.latencies), loginsPerSecond: perSecond(seq.latencies.length, seq.wallMs) },
      concurrent: { inFlight: o.concurrency, latencyMs: stats(conc.latencies), loginsPerSecond: perSecond(conc.latencies.length, conc.wallMs) },
    };
    note(`login ${name}: ${perSecond(seq.latencies.length, seq.wallMs)}/s sequential, ${perSecond(conc.latencies.length, conc.wallMs)}/s with ${o.concurrency} in flight`);
  }
  return {
    what: 'POST /api/auth/login through buildApp + app.inject (validation, lookup, Argon2id verify, login record, session, audit row, then the session is resolved and /me built) vs the same by hand-written SQL (lookup, verify, update + insert session in a transaction, no audit) vs Argon2id verify alone',
    ...out,
  };
}

// ── 3. Unit search latency ────────────────────────────────────────────────────────────────────
async function measureSearch(app: App, database: Database, city: SyntheticCity, o: Options) {
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: city.usernames[0]!, password: SYNTHETIC_PASSWORD }, remoteAddress: '10.255.0.1' });
  if (login.statusCode !== 200) throw new Error(`search login failed: ${login.statusCode} ${login.body.slice(0, 200)}`);
  const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const SQL = 'select id, name from units where search_text like $1 order by sort_key collate "C" limit 50';

  const http = async (q: string) => {
    const res = await within(60_000, `GET /api/units?q=${q}`, app.inject({ method: 'GET', url: `/api/units?q=${encodeURIComponent(q)}&limit=50`, headers: { cookie } }));
    if (res.statusCode !== 200) throw new Error(`search ${q} answered ${res.statusCode}: ${res.body.slice(0, 200)}`);
    return res.json() as { total: number; items: { id: string }[] };
  };
  const byHand = (q: string) => within(60_000, `sql search ${q}`, database.pool.query<{ id: string; name: string }>(SQL, [`%${escapeLike(q)}%`]));

  const perFragment: Record<string, { total: number; httpItems: number; sqlRows: number; httpP50: number; sqlP50: number }> = {};
  for (const f of city.searchFragments) {
    const a = await http(f); // warm-up and correctness: both return the same first page size
    const b = await byHand(f);
    perFragment[f] = { total: a.total, httpItems: a.items.length, sqlRows: b.rows.length, httpP50: 0, sqlP50: 0 };
  }
  const httpAll: number[] = [];
  const sqlAll: number[] = [];
  const httpBy = new Map<string, number[]>();
  const sqlBy = new Map<string, number[]>();
  for (let round = 0; round < o.searchRounds; round++) {
    for (const f of city.searchFragments) {
      const [hm] = await timed(() => http(f));
      const [sm] = await timed(() => byHand(f));
      httpAll.push(hm);
      sqlAll.push(sm);
      (httpBy.get(f) ?? httpBy.set(f, []).get(f)!).push(hm);
      (sqlBy.get(f) ?? sqlBy.set(f, []).get(f)!).push(sm);
    }
  }
  for (const f of city.searchFragments) {
    perFragment[f]!.httpP50 = stats(httpBy.get(f)!).p50;
    perFragment[f]!.sqlP50 = stats(sqlBy.get(f)!).p50;
  }
  const h = stats(httpAll);
  const s = stats(sqlAll);
  note(`unit search: http p50 ${h.p50} ms / p95 ${h.p95} ms; sql p50 ${s.p50} ms / p95 ${s.p95} ms`);
  return {
    what: 'GET /api/units?q=<folded fragment>&limit=50 through app.inject (session check, count(*), first page with parent name and child counts, abilities, serialization) vs hand-written SQL on the same pool',
    sqlText: SQL,
    httpMs: h,
    sqlMs: s,
    p50Ratio: s.p50 > 0 ? r2(h.p50 / s.p50) : null,
    perFragment,
  };
}

// ── Main ──────────────────────────────────────────────────────────────────────────────────────
async function benchBackend(backend: Backend, o: Options) {
  const pgAdmin = process.env.BENCH_DATABASE_URL ? adminUrlFor(process.env.BENCH_DATABASE_URL) : DEFAULT_PG_ADMIN;
  note(`── ${backend} ──`);
  const startup = o.starts > 0 && o.sections.includes('startup') ? await measureStartup(backend, o, pgAdmin) : null;
  const wantDb = o.sections.some((s) => s !== 'startup' && s !== 'refs');
  if (!wantDb) return { startup };

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'phoihop-bench-data-'));
  let ownDb: string | null = null;
  let url: string | undefined;
  if (backend === 'postgres') {
    if (process.env.BENCH_DATABASE_URL) url = process.env.BENCH_DATABASE_URL;
    else {
      ownDb = `phoihop_bench_${process.pid}`;
      await createDb(pgAdmin, ownDb);
      url = withDatabase(pgAdmin, ownDb);
    }
  }
  try {
    const rt = await openBenchRuntime(backend, url, dataDir);
    try {
      note(`${backend}: generating the synthetic city (${o.units} units, ${o.users} users)`);
      const city = await loadSyntheticCity(rt.ctx, { units: o.units, users: o.users, seed: o.seed });
      note(`${backend}: synthetic city loaded in ${Math.round(city.timings.totalMs)} ms (units ${Math.round(city.timings.unitsMs)} ms, users ${Math.round(city.timings.usersMs)} ms)`);
      let tasksData: Awaited<ReturnType<typeof loadSyntheticTasks>> | null = null;
      if (o.sections.includes('tasks') || o.sections.includes('reviews')) {
        note(`${backend}: generating the coordination data (${o.tasks} tasks, ${o.reports} progress reports, today = ${BENCH_TODAY})`);
        tasksData = await loadSyntheticTasks(rt.ctx, rt.database.pool, { tasks: o.tasks, reports: o.reports, seed: o.seed });
        note(`${backend}: coordination data loaded in ${Math.round(tasksData.timings.totalMs! / 1000)} s: ${tasksData.tasks} tasks, ${tasksData.reports} reports, ${tasksData.coordinators} coordinators, ${tasksData.evaluations} evaluations`);
      }
      // The synthetic tasks are laid out relative to a fixed "today": the app sees the same date.
      const ctx = { ...rt.ctx, today: () => BENCH_TODAY };
      const app = await buildApp({ config: rt.config, database: rt.database, ctx, logger: false, webDir: null });
      await app.ready();
      try {
        const login = o.sections.includes('login') ? await measureLogin(app, rt.database, city, o) : null;
        const search = o.sections.includes('search') ? await measureSearch(app, rt.database, city, o) : null;
        const tasks = tasksData && o.sections.includes('tasks')
          ? {
              data: { ...tasksData, communeUnitIds: tasksData.communeUnitIds.length },
              ...(await measureTasks(app, rt.database.pool, tasksData, { rounds: o.taskRounds, statusUnits: o.statusUnits, timeoutMs: o.opTimeoutS * 1000 })),
            }
          : null;
        const tips = o.sections.includes('tips') ? await measureTips(app, rt.database.pool, { tips: o.tips, concurrency: o.tipConcurrency }) : null;
        const live = o.sections.includes('live')
          ? await measureLive(app, ctx, rt.database.pool, { clients: o.liveClients, outsiders: o.liveOutsiders, events: o.liveEvents, timeoutMs: 30_000 })
          : null;
        const situations = o.sections.includes('situations')
          ? await measureSituations(ctx, rt.database.pool, {
              incidents: o.incidents ?? (backend === 'pglite' ? o.pgliteIncidents : DEFAULT_INCIDENTS),
              seed: o.seed,
              rounds: o.situationRounds,
              timeoutMs: o.opTimeoutS * 1000,
              backend,
            })
          : null;
        const campaigns = o.sections.includes('campaigns') ? await measureCampaigns(ctx, rt.database.pool, { rounds: o.campaignRounds, seed: o.seed, timeoutMs: o.opTimeoutS * 1000, today: BENCH_TODAY }) : null;
        const reviews =
          o.sections.includes('reviews') && tasksData
            ? await measureReviews(app, { ...rt, ctx }, rt.database.pool, tasksData, { incidents: o.reviewIncidents, tips: o.reviewTips, seed: o.seed, rounds: o.reviewRounds, docxRounds: 3, timeoutMs: o.opTimeoutS * 1000, backend })
            : null;
        return { syntheticCity: { units: city.units, users: city.users, loadMs: city.timings }, startup, login, search, tasks, tips, live, situations, campaigns, reviews };
      } finally {
        await app.close();
      }
    } finally {
      await rt.database.close();
    }
  } finally {
    if (ownDb) await dropDb(pgAdmin, ownDb);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function gitCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const t0 = performance.now();
  const backends: Backend[] = o.backend === 'both' ? ['pglite', 'postgres'] : [o.backend];
  const results: Record<string, unknown> = {};
  const refs = o.sections.includes('refs') ? measureReferenceFinder(o.refRuns) : null;
  for (const b of backends) results[b] = await benchBackend(b, o);
  type WithErrors = { errors?: string[] } | null | undefined;
  const errors = Object.entries(results).flatMap(([b, r]) => {
    const x = r as { tasks?: WithErrors; tips?: WithErrors; live?: WithErrors; situations?: WithErrors; campaigns?: WithErrors; reviews?: WithErrors };
    return [x.tasks, x.tips, x.live, x.situations, x.campaigns, x.reviews].flatMap((s) => (s?.errors ?? []).map((e) => `${b}: ${e}`));
  });
  const doc = {
    benchmark: 'phoi-hop',
    at: new Date().toISOString(),
    commit: gitCommit(),
    machine: { node: process.version, platform: `${os.platform()} ${os.release()}`, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? null, memoryGiB: r2(os.totalmem() / 2 ** 30) },
    options: o,
    units: 'milliseconds unless named otherwise; stats are nearest-rank percentiles',
    referenceFinder: refs,
    results,
    errors,
    totalSeconds: r2((performance.now() - t0) / 1000),
  };
  const json = JSON.stringify(doc, null, 2);
  const outDir = path.join(ROOT, 'artifacts', 'bench');
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, 'latest.json'), json + '\n');
  process.stdout.write(json + '\n');
  note(`done in ${doc.totalSeconds} s; written to artifacts/bench/latest.json`);
  if (errors.length > 0) {
    for (const e of errors) note(`ERROR ${e}`);
    process.exitCode = 1;
  }
}

main().catch((err) => {
  note(`failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exit(1);
});
