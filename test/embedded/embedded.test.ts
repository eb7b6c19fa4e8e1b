import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openDatabase, DatabaseUnavailableError } from '../../src/server/db/connect.ts';
import { DataDirLockedError } from '../../src/server/db/lock.ts';
import { makeCtx } from '../../src/server/kernel/context.ts';
import { makeUnit } from '../../src/server/seed/factories.ts';
import { login, resolveSession } from '../../src/server/modules/accounts/auth.service.ts';
import { copyPgliteTemplate, DEMO_PASSWORD, tempDir } from '../support/db.ts';
import { runCli } from '../support/cli.ts';

/** Behaviour specific to the embedded database (PGlite in a worker behind pglite-socket). */
describe('embedded database (PGlite)', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = copyPgliteTemplate('embedded');
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('data survives close and reopen', async () => {
    const a = await openDatabase({ dataDir });
    const u = await makeUnit(makeCtx(a.db), { name: 'Đơn vị bền vững' });
    await a.close();
    expect(fs.existsSync(path.join(dataDir, 'phoihop.lock'))).toBe(false);
    const b = await openDatabase({ dataDir });
    try {
      const row = await b.db.selectFrom('units').select(['name', 'path']).where('id', '=', u.id).executeTakeFirst();
      expect(row?.name).toBe('Đơn vị bền vững');
      expect(b.backend).toBe('pglite');
    } finally {
      await b.close();
    }
  });

  it('a second open of the same data directory in this process throws DataDirLockedError', async () => {
    const a = await openDatabase({ dataDir });
    try {
      await expect(openDatabase({ dataDir })).rejects.toBeInstanceOf(DataDirLockedError);
      await expect(openDatabase({ dataDir })).rejects.toThrow(/already using the data directory/);
      // The first one still works.
      expect((await sql<{ n: number }>`select 1::int as n`.execute(a.db)).rows[0]!.n).toBe(1);
    } finally {
      await a.close();
    }
  });

  it('a second PROCESS on the same data directory exits non-zero with a clear message and no stack trace', async () => {
    const a = await openDatabase({ dataDir });
    try {
      const r = await runCli(['migrate'], { DATA_DIR: dataDir });
      expect(r.code).not.toBe(0);
      expect(r.stderr).toContain(`pid ${process.pid}`);
      expect(r.stderr).toMatch(/already using the data directory/);
      expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
      expect((await sql<{ n: number }>`select count(*)::int as n from units`.execute(a.db)).rows[0]!.n).toBeGreaterThan(0);
    } finally {
      await a.close();
    }
  });

  it('a stale lock file (its process gone) is taken over', async () => {
    fs.writeFileSync(path.join(dataDir, 'phoihop.lock'), '999999999');
    const a = await openDatabase({ dataDir });
    expect(fs.readFileSync(path.join(dataDir, 'phoihop.lock'), 'utf8')).toBe(String(process.pid));
    await a.close();
  });

  it('concurrent queries each get their own answer (no interleaving between connections)', async () => {
    const a = await openDatabase({ dataDir, poolSize: 4 });
    try {
      const values = Array.from({ length: 40 }, (_, i) => i);
      const got = await Promise.all(values.map((i) => sql<{ v: number; s: string }>`select ${i}::int as v, repeat('x', ${i}) as s`.execute(a.db).then((r) => r.rows[0]!)));
      expect(got.map((r) => r.v)).toEqual(values);
      expect(got.map((r) => r.s.length)).toEqual(values);
      // Transactions and plain queries side by side: concurrent sign-ins of the demo accounts
      // (a transaction each, then a read of the session just written).
      const ctx = makeCtx(a.db);
      const names = ['admin', 'lanhdao', 'thammuu', 'canbo.benthanh', 'canbo.saigon', 'theodoi'];
      const settings = { sessionTtlMs: 60_000, maxFailures: 5, lockMs: 60_000 };
      const sessions = await Promise.all(
        names.map(async (username) => {
          const r = await login(ctx, settings, { username, password: DEMO_PASSWORD, ip: null, userAgent: null });
          return (await resolveSession(ctx, r.sessionToken))?.actor.username;
        }),
      );
      expect(sessions).toEqual(names);
      const units = await Promise.all(Array.from({ length: 6 }, (_, i) => makeUnit(ctx, { name: `Song song ${i}` })));
      expect(new Set(units.map((u) => u.id)).size).toBe(6);
    } finally {
      await a.close();
    }
  });

  it('the event loop stays responsive during a long query', async () => {
    const a = await openDatabase({ dataDir });
    try {
      let ticks = 0;
      const timer = setInterval(() => ticks++, 10);
      const started = Date.now();
      const r = await sql<{ n: number }>`select count(*)::int as n from generate_series(1, 3000000)`.execute(a.db);
      const elapsed = Date.now() - started;
      clearInterval(timer);
      expect(r.rows[0]!.n).toBe(3_000_000);
      // Loose on purpose: a frozen loop would tick about once; a free one ticks about elapsed/10 times.
      expect(ticks).toBeGreaterThanOrEqual(Math.min(5, Math.floor(elapsed / 40)));
      if (elapsed >= 200) expect(ticks).toBeGreaterThanOrEqual(5);
    } finally {
      await a.close();
    }
  });

  it('a data directory that is not a database gives a clear error and releases the lock', async () => {
    const bad = tempDir('bad');
    fs.mkdirSync(path.join(bad, 'pg'));
    fs.writeFileSync(path.join(bad, 'pg', 'PG_VERSION'), 'garbage');
    await expect(openDatabase({ dataDir: bad })).rejects.toBeInstanceOf(DatabaseUnavailableError);
    expect(fs.existsSync(path.join(bad, 'phoihop.lock'))).toBe(false);
  });

  it('an unreachable PostgreSQL server gives a clear error, not a stack trace', async () => {
    const err = await openDatabase({ databaseUrl: 'postgres://nobody:secret-pw@127.0.0.1:1/none' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatabaseUnavailableError);
    expect((err as Error).message).toMatch(/Cannot connect to PostgreSQL at postgres:\/\/nobody:\*\*\*@127\.0\.0\.1:1\/none/);
    expect((err as Error).message).not.toContain('secret-pw');
  });
});
