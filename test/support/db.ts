import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { sql } from 'kysely';
import { loadConfig, type Config } from '../../src/server/config/env.ts';
import { openDatabase, type Backend, type Database } from '../../src/server/db/connect.ts';
import type { Db } from '../../src/server/db/schema.ts';
import { buildApp, type App } from '../../src/server/http/app.ts';
import { makeCtx, type Ctx } from '../../src/server/kernel/context.ts';
import { adminQuery, DEMO_PASSWORD, withDatabase } from './template.ts';

export { DEMO_PASSWORD };
export type { Backend };

/**
 * The backends this run tests against: PGlite always, PostgreSQL when TEST_DATABASE_URL is set.
 * Use with `describe.each(backends())`: without TEST_DATABASE_URL the PostgreSQL variants are not
 * generated at all (global setup prints which backends are in use), never silently skipped.
 */
export function backends(): Backend[] {
  return inject('pgTemplate') ? ['pglite', 'postgres'] : ['pglite'];
}

export interface TestDb {
  backend: Backend;
  database: Database;
  db: Db;
  ctx: Ctx;
  /** PGlite: the copied data directory. */
  dataDir?: string;
  /** PostgreSQL: URL of this file's own database. */
  url?: string;
  close(): Promise<void>;
}

let counter = 0;
const unique = (): string => `${process.pid}_${++counter}_${randomBytes(2).toString('hex')}`;

/** A new temporary directory under this run's root (removed at the end of the run). */
export function tempDir(label = 'tmp'): string {
  const dir = path.join(inject('tmpRoot'), `${label}-${unique()}`);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** Copy the seeded PGlite template into a fresh data directory (never initdb per file). */
export function copyPgliteTemplate(label = 'db'): string {
  const dir = tempDir(label);
  fs.cpSync(inject('pgliteTemplate'), dir, { recursive: true, filter: (src) => path.basename(src) !== 'phoihop.lock' });
  return dir;
}

/** Create this file's own PostgreSQL database from the seeded template; returns its URL. */
export async function createPgDatabase(): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  const admin = inject('pgAdminUrl');
  const name = `phoihop_t_${inject('runId')}_${unique()}`;
  for (let attempt = 0; ; attempt++) {
    try {
      await adminQuery(admin, `create database ${name} template ${inject('pgTemplate')}`);
      break;
    } catch (err) {
      // Two files copying the template at the same moment: PostgreSQL refuses the second one.
      if (attempt >= 20 || !/being accessed by other users/.test((err as Error).message)) throw err;
      await new Promise((r) => setTimeout(r, 250 + Math.random() * 500));
    }
  }
  return { url: withDatabase(admin, name), name, drop: () => adminQuery(admin, `drop database if exists ${name} with (force)`).then(() => undefined) };
}

export interface OpenOptions {
  /** Replace the clock of the use-case context (sessions, lock-out). */
  now?: () => Date;
  poolSize?: number;
}

/** Open a private, seeded database (reference data and demo city) on the given backend. */
export async function openTestDb(backend: Backend, opts: OpenOptions = {}): Promise<TestDb> {
  let database: Database;
  let cleanup: () => Promise<void>;
  let dataDir: string | undefined;
  let url: string | undefined;
  if (backend === 'pglite') {
    dataDir = copyPgliteTemplate();
    database = await openDatabase({ dataDir, ...(opts.poolSize ? { poolSize: opts.poolSize } : {}) });
    const dir = dataDir;
    cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
  } else {
    const created = await createPgDatabase();
    url = created.url;
    database = await openDatabase({ databaseUrl: url, poolSize: opts.poolSize ?? 5 });
    cleanup = created.drop;
  }
  const ctx = makeCtx(database.db);
  if (opts.now) ctx.now = opts.now;
  let closed = false;
  return {
    backend,
    database,
    db: database.db,
    ctx,
    ...(dataDir ? { dataDir } : {}),
    ...(url ? { url } : {}),
    async close() {
      if (closed) return;
      closed = true;
      await database.close();
      await cleanup();
    },
  };
}

/** Configuration for tests: silent logs, generous rate limits, overridable. */
export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({ DATA_DIR: inject('tmpRoot'), LOG_LEVEL: 'silent', DEMO: '0', DEMO_PASSWORD, RATE_LIMIT_PER_MINUTE: '100000', ...env });
}

export interface TestApp extends TestDb {
  app: App;
  config: Config;
}

/** A Fastify app over a private seeded database; use `app.inject`. */
export async function testApp(backend: Backend, opts: OpenOptions & { env?: Record<string, string> } = {}): Promise<TestApp> {
  const t = await openTestDb(backend, opts);
  const config = testConfig(opts.env);
  const app = await buildApp({ config, database: t.database, ctx: t.ctx, logger: false, webDir: null });
  await app.ready();
  return {
    ...t,
    app,
    config,
    async close() {
      await app.close();
      await t.close();
    },
  };
}

let addr = 0;
/** A distinct client address per call, so the per-address login rate limit never interferes. */
export const nextAddress = (): string => `10.${(addr >> 16) & 255}.${(addr >> 8) & 255}.${++addr & 255}`;

export interface Session {
  cookie: string;
  csrf: string;
  userId: string;
  /** Headers for a safe (GET) request. */
  read: Record<string, string>;
  /** Headers for a cookie-authenticated write: session cookie and CSRF token. */
  write: Record<string, string>;
}

/** Sign in through the API as a demo account (or any account with `password`). */
export async function loginAs(app: App, username: string, password = DEMO_PASSWORD): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: nextAddress() });
  if (res.statusCode !== 200) throw new Error(`login as ${username} failed: ${res.statusCode} ${res.body}`);
  const c = res.cookies.find((x) => x.name === 'ph_session');
  if (!c) throw new Error('no session cookie');
  const body = res.json() as { csrfToken: string; user: { id: string } };
  const cookie = `ph_session=${c.value}`;
  return { cookie, csrf: body.csrfToken, userId: body.user.id, read: { cookie }, write: { cookie, 'x-csrf-token': body.csrfToken } };
}

/** Row count of a table (to show that refused input wrote nothing). */
export async function countRows(db: Db, table: string): Promise<number> {
  const r = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(db);
  return r.rows[0]!.n;
}

/** Counts of every table that a write could touch. */
export async function snapshotCounts(db: Db): Promise<Record<string, number>> {
  const tables = ['units', 'people', 'positions', 'users', 'user_scope_units', 'user_communes', 'sessions', 'audit_log', 'jurisdictions', 'provinces'];
  const out: Record<string, number> = {};
  for (const t of tables) out[t] = await countRows(db, t);
  return out;
}

/** Id of a unit by its code (demo city codes such as CAX-26743). */
export async function unitIdByCode(db: Db, code: string): Promise<string> {
  const r = await db.selectFrom('units').select('id').where('code', '=', code).executeTakeFirstOrThrow();
  return r.id;
}

/** Superuser SQL (tampering tests): PGlite runs as postgres, and TEST_DATABASE_URL must be a superuser. */
export async function rawSql(db: Db, text: string): Promise<void> {
  await sql.raw(text).execute(db);
}
