import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/server/db/connect.ts';
import { adminQuery, openPgTemplate, seedTemplate } from './template.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Data directory of the seeded PGlite template (copy it, never open it). */
    pgliteTemplate: string;
    /** Root of this run's temporary directories. */
    tmpRoot: string;
    /** Name of the seeded PostgreSQL template database, or '' when TEST_DATABASE_URL is unset. */
    pgTemplate: string;
    /** Server URL from TEST_DATABASE_URL, or ''. */
    pgAdminUrl: string;
    /** Unique id of this test run (prefix of the per-file databases). */
    runId: string;
  }
}

/**
 * Builds the template databases ONCE per run: a PGlite data directory (initdb, migrations,
 * reference data, demo city) and, with TEST_DATABASE_URL, a PostgreSQL template database with the
 * same content. Test files copy them (test/support/db.ts).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const runId = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'phoihop-test-'));
  const pgliteTemplate = path.join(tmpRoot, 'template');
  const adminUrl = process.env.TEST_DATABASE_URL ?? '';
  const pgTemplate = adminUrl ? `phoihop_tpl_${runId}` : '';
  const t0 = Date.now();

  const buildPglite = (async () => {
    const database = await openDatabase({ dataDir: pgliteTemplate });
    try {
      await seedTemplate(database);
    } finally {
      await database.close();
    }
  })();
  const buildPg = adminUrl ? openPgTemplate(adminUrl, pgTemplate) : Promise.resolve();
  await Promise.all([buildPglite, buildPg]);
  fs.rmSync(path.join(pgliteTemplate, 'phoihop.lock'), { force: true });

  const used = adminUrl ? `PGlite (embedded) and PostgreSQL (${new URL(adminUrl).host}, TEST_DATABASE_URL)` : 'PGlite (embedded) only — set TEST_DATABASE_URL to also run on PostgreSQL';
  console.log(`[phoihop tests] database backends: ${used}; templates ready in ${Date.now() - t0} ms`);

  project.provide('pgliteTemplate', pgliteTemplate);
  project.provide('tmpRoot', tmpRoot);
  project.provide('pgTemplate', pgTemplate);
  project.provide('pgAdminUrl', adminUrl);
  project.provide('runId', runId);

  return async () => {
    if (adminUrl) {
      // Per-file databases are dropped by their files; this sweeps what a crashed file left.
      const left = await adminQuery<{ datname: string }>(adminUrl, `select datname from pg_database where datname like $1`, [`phoihop_%${runId}%`]);
      for (const { datname } of left.rows) await adminQuery(adminUrl, `drop database if exists ${datname} with (force)`).catch(() => undefined);
    }
    fs.rmSync(tmpRoot, { recursive: true, force: true });
  };
}
