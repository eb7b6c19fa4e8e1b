import { type Kysely, sql } from 'kysely';

/**
 * Links between situations and tips. Forward-only.
 * - `tips.incident_id`: the situation a tip opened or joined (a tip belongs to at most one).
 * - `incidents.merged_into_id`: a situation recorded twice is merged into the one kept; the
 *   duplicate is closed and left out of the statistics, its history stays readable.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table tips add column incident_id uuid references incidents(id)`.execute(db);
  await sql`create index tips_incident_idx on tips (incident_id) where incident_id is not null`.execute(db);
  await sql`alter table incidents add column merged_into_id uuid references incidents(id)`.execute(db);
  await sql`alter table incidents add constraint incidents_not_merged_into_self check (merged_into_id is null or merged_into_id <> id)`.execute(db);
  // Duplicate suggestions look for the same commune and category around a time.
  await sql`create index incidents_commune_category_time_idx on incidents (commune_code, category, occurred_at)`.execute(db);
}
