import pg from 'pg';
import { openDatabase, type Database } from '../../src/server/db/connect.ts';
import { migrateToLatest } from '../../src/server/db/migrate.ts';
import { operatorActor } from '../../src/server/kernel/actor.ts';
import { makeCtx } from '../../src/server/kernel/context.ts';
import { loadReferenceJurisdictions } from '../../src/server/modules/organisation/jurisdiction.service.ts';
import { loadDemoCity } from '../../src/server/seed/demo-city.ts';

/** Password of the demo accounts in the test fixture. */
export const DEMO_PASSWORD = 'phoihop-demo-2026';

/** Migrate and seed a fresh database: reference jurisdictions and the demo city. */
export async function seedTemplate(database: Database): Promise<void> {
  await migrateToLatest(database.db);
  const ctx = makeCtx(database.db);
  await loadReferenceJurisdictions(ctx, operatorActor('test-template'));
  await loadDemoCity(ctx, DEMO_PASSWORD);
}

/** The same server URL pointed at another database. */
export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function adminQuery<T extends pg.QueryResultRow = pg.QueryResultRow>(url: string, text: string, values?: unknown[]): Promise<pg.QueryResult<T>> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await c.connect();
  try {
    return await c.query<T>(text, values);
  } finally {
    await c.end();
  }
}

export async function openPgTemplate(adminUrl: string, name: string): Promise<void> {
  await adminQuery(adminUrl, `create database ${name}`);
  try {
    const database = await openDatabase({ databaseUrl: withDatabase(adminUrl, name), poolSize: 4 });
    try {
      await seedTemplate(database);
    } finally {
      await database.close();
    }
  } catch (err) {
    await adminQuery(adminUrl, `drop database if exists ${name} with (force)`).catch(() => undefined);
    throw err;
  }
}
