import type { Config } from './config/env.ts';
import { openDatabase, type Database } from './db/connect.ts';
import { migrateToLatest } from './db/migrate.ts';
import { operatorActor } from './kernel/actor.ts';
import { makeCtx, type Ctx } from './kernel/context.ts';
import { loadReferenceJurisdictions } from './modules/organisation/jurisdiction.service.ts';
import { isDemoLoaded, loadDemoCity } from './seed/demo-city.ts';

export interface Runtime {
  config: Config;
  database: Database;
  ctx: Ctx;
}

/** Open the configured database and bring its schema to the latest migration. */
export async function openRuntime(config: Config, opts: { migrate?: boolean } = {}): Promise<Runtime> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    if (opts.migrate !== false) await migrateToLatest(database.db);
  } catch (err) {
    await database.close();
    throw err;
  }
  return { config, database, ctx: makeCtx(database.db) };
}

/**
 * Reference data is loaded on every start (idempotent). The demo city is loaded when DEMO=1, or
 * with DEMO=auto on the embedded database when it holds no accounts yet.
 */
export async function prepareData(rt: Runtime): Promise<{ demoLoaded: boolean; demoJustLoaded: boolean }> {
  await loadReferenceJurisdictions(rt.ctx, operatorActor('startup'));
  let demoJustLoaded = false;
  const wantDemo =
    rt.config.demo === '1' ||
    (rt.config.demo === 'auto' && rt.database.backend === 'pglite' && !(await rt.ctx.db.selectFrom('users').select('id').limit(1).executeTakeFirst()));
  if (wantDemo && !(await isDemoLoaded(rt.ctx))) {
    await loadDemoCity(rt.ctx, rt.config.demoPassword);
    demoJustLoaded = true;
  }
  return { demoLoaded: await isDemoLoaded(rt.ctx), demoJustLoaded };
}
