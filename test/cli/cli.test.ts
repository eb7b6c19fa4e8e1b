import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openDatabase, type Database } from '../../src/server/db/connect.ts';
import { makeCtx } from '../../src/server/kernel/context.ts';
import { login } from '../../src/server/modules/accounts/auth.service.ts';
import { backends, copyPgliteTemplate, createPgDatabase, tempDir, type Backend } from '../support/db.ts';
import { runCli } from '../support/cli.ts';

const SHARED = path.resolve(import.meta.dirname, '../../../shared/data/vn-admin-units');
const NO_STACK = /\n\s+at .+:\d+:\d+/;

describe.each(backends())('operator CLI [%s]', (backend: Backend) => {
  let env: Record<string, string>;
  let dropPg: (() => Promise<void>) | undefined;
  let dataDir: string | undefined;

  /** Open the CLI's database in this process for a moment (the embedded one is locked while open). */
  async function withDb<T>(fn: (d: Database) => Promise<T>): Promise<T> {
    const d = await openDatabase(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL, poolSize: 2 } : { dataDir: env.DATA_DIR! });
    try {
      return await fn(d);
    } finally {
      await d.close();
    }
  }

  beforeAll(async () => {
    if (backend === 'pglite') {
      dataDir = copyPgliteTemplate('cli');
      env = { DATA_DIR: dataDir };
    } else {
      const created = await createPgDatabase();
      dropPg = created.drop;
      env = { DATABASE_URL: created.url };
    }
  });
  afterAll(async () => {
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    await dropPg?.();
  });

  it('users add creates an administrator who can sign in', async () => {
    const r = await runCli(['users', 'add', '-u', 'quantri2', '-n', 'Quản trị viên 2', '--unit', 'catp-pv01', '-p', 'Mat-khau-quan-tri-9'], env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Created quantri2 \(system_admin\) in Phòng Tham mưu/);
    await withDb(async (d) => {
      const row = await d.db.selectFrom('users').select(['roles', 'password_hash']).where('username', '=', 'quantri2').executeTakeFirstOrThrow();
      expect(row.roles).toEqual(['system_admin']);
      expect(row.password_hash).toMatch(/^\$argon2id\$/);
      await login(makeCtx(d.db), { sessionTtlMs: 60_000, maxFailures: 5, lockMs: 60_000 }, { username: 'quantri2', password: 'Mat-khau-quan-tri-9', ip: null, userAgent: null });
      const audit = await d.db.selectFrom('audit_log').select(['actor_name']).where('action', '=', 'user.created').orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
      expect(audit.actor_name).toMatch(/^operator:/);
    });
  });

  it('users add with an unknown unit or a weak password fails with a coded message and no stack trace', async () => {
    const unknown = await runCli(['users', 'add', '-u', 'quantri3', '-n', 'x', '--unit', 'KHONG-CO', '-p', 'Mat-khau-quan-tri-9'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('organisation.unknown_unit');
    expect(unknown.stderr).not.toMatch(NO_STACK);
    const weak = await runCli(['users', 'add', '-u', 'quantri3', '-n', 'x', '--unit', 'CATP', '-p', 'short'], env);
    expect(weak.code).toBe(1);
    expect(weak.stderr).toMatch(/password/);
    expect(weak.stderr).not.toMatch(NO_STACK);
  });

  it('import units loads the national list and is idempotent', async () => {
    const file = path.join(SHARED, 'units-2026.json');
    const first = await runCli(['import', 'units', file], env);
    expect(first.code, first.stderr).toBe(0);
    const r1 = JSON.parse(first.stdout) as { communes: { inserted: number; unchanged: number } };
    expect(r1.communes).toMatchObject({ inserted: 3321 - 168, unchanged: 168 });
    const second = await runCli(['import', 'units', file], env);
    expect(JSON.parse(second.stdout)).toMatchObject({ communes: { inserted: 0, updated: 0, unchanged: 3321 } });
    await withDb(async (d) => expect((await sql<{ n: number }>`select count(*)::int as n from jurisdictions`.execute(d.db)).rows[0]!.n).toBe(3321));
  });

  it('import boundaries stores the 168 ward boundaries; a broken file is refused', async () => {
    const r = await runCli(['import', 'boundaries', path.join(SHARED, 'hcmc-wards.geojson')], env);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ stored: 168, invalid: 0, unknownCodes: [] });
    const broken = path.join(tempDir('geo'), 'broken.geojson');
    fs.writeFileSync(broken, '{"type": "FeatureCollection", "features": [');
    const bad = await runCli(['import', 'boundaries', broken], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('import.invalid_file');
    expect(bad.stderr).not.toMatch(NO_STACK);
  });

  it('audit verify exits 0 on an intact chain and 1 naming the first broken seq after tampering', async () => {
    const ok = await runCli(['audit', 'verify'], env);
    expect(ok.code, ok.stderr).toBe(0);
    const total = await withDb(async (d) => (await sql<{ n: number }>`select count(*)::int as n from audit_log`.execute(d.db)).rows[0]!.n);
    expect(ok.stdout).toContain(`Audit chain intact: ${total} rows verified.`);

    const target = await withDb(async (d) => {
      const seqs = (await d.db.selectFrom('audit_log').select('seq').orderBy('seq').execute()).map((r) => r.seq);
      const seq = seqs[Math.floor(seqs.length / 3)]!;
      await sql.raw('alter table audit_log disable trigger audit_log_no_change').execute(d.db);
      await sql.raw(`update audit_log set data = jsonb_set(data, '{name}', '"Đã bị sửa"') where seq = ${seq}`).execute(d.db);
      await sql.raw('alter table audit_log enable trigger audit_log_no_change').execute(d.db);
      return seq;
    });
    const broken = await runCli(['audit', 'verify'], env);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain(`seq=${target} `);
    expect(broken.stderr).toMatch(/BROKEN/);
    expect(broken.stderr).not.toMatch(NO_STACK);
  });

  it('a bad DATABASE_URL gives a clear error and exit 1', async () => {
    const r = await runCli(['migrate'], { DATABASE_URL: 'mysql://root@localhost/x' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('DATABASE_URL must start with postgres://');
    expect(r.stderr).not.toMatch(NO_STACK);
  });
});

describe('backup and restore of the embedded database', () => {
  it('restoring a backup into a new DATA_DIR gives identical query results', async () => {
    const source = copyPgliteTemplate('backup-src');
    const target = tempDir('backup-dst');
    const file = path.join(tempDir('backup-file'), 'phoihop.tar.gz');
    const snapshot = async (dataDir: string) => {
      const d = await openDatabase({ dataDir });
      try {
        const q = async (text: string) => (await sql.raw<Record<string, unknown>>(text).execute(d.db)).rows;
        return {
          counts: await q(`select (select count(*)::int from units) u, (select count(*)::int from people) p, (select count(*)::int from users) us, (select count(*)::int from audit_log) a, (select count(*)::int from jurisdictions) j`),
          units: await q(`select id, code, name, path, version from units order by sort_key collate "C", code`),
          users: await q(`select id, username, password_hash, roles from users order by username`),
          audit: await q(`select seq, hash, prev_hash, data from audit_log order by seq`),
          search: await q(`select code from units where search_text like '%ben thanh%' order by code`),
        };
      } finally {
        await d.close();
      }
    };
    const before = await snapshot(source);
    const backup = await runCli(['backup', file], { DATA_DIR: source });
    expect(backup.code, backup.stderr).toBe(0);
    expect(fs.statSync(file).size).toBeGreaterThan(1000);
    const restore = await runCli(['restore', file], { DATA_DIR: target });
    expect(restore.code, restore.stderr).toBe(0);
    expect(await snapshot(target)).toEqual(before);
    const verify = await runCli(['audit', 'verify'], { DATA_DIR: target });
    expect(verify.code, verify.stderr).toBe(0);
    // Restoring over an existing database needs --force.
    const again = await runCli(['restore', file], { DATA_DIR: target });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/--force/);
    expect(again.stderr).not.toMatch(NO_STACK);
    // Five CLI processes, each opening the embedded database: minutes on a loaded 2-core machine.
  }, 240_000);
});
