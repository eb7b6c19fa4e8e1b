import type { Kysely } from 'kysely';
import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';
import * as m0001 from './migrations/0001_foundation.ts';
import * as m0002 from './migrations/0002_coordination.ts';
import * as m0004 from './migrations/0004_task_tracking.ts';
import * as m0005 from './migrations/0005_user_email.ts';
import * as m0006 from './migrations/0006_incidents.ts';
import * as m0007 from './migrations/0007_tips.ts';
import * as m0008 from './migrations/0008_situation_links.ts';
import * as m0009 from './migrations/0009_reviews.ts';
import * as m0011 from './migrations/0011_campaigns.ts';
import * as m0012 from './migrations/0012_awards.ts';
import * as m0013 from './migrations/0013_report_runs.ts';

/** Forward-only migrations, listed in order. Add new files here. */
const MIGRATIONS: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_coordination': m0002,
  '0004_task_tracking': m0004,
  '0005_user_email': m0005,
  '0006_incidents': m0006,
  '0007_tips': m0007,
  '0008_situation_links': m0008,
  '0009_reviews': m0009,
  '0011_campaigns': m0011,
  '0012_awards': m0012,
  '0013_report_runs': m0013,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

export interface MigrationReport {
  applied: string[];
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the migrator works on any schema
export async function migrateToLatest(db: Kysely<any>): Promise<MigrationReport> {
  const migrator = new Migrator({ db, provider, migrationTableName: 'schema_migrations', migrationLockTableName: 'schema_migrations_lock' });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${(error as Error).message ?? String(error)}`);
  }
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}
