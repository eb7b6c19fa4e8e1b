import { type Kysely, sql } from 'kysely';

/**
 * Security and order situations (vụ việc, tình huống ANTT). Forward-only.
 * - `incidents`: one row per situation; `state` (open, closing, closed) and `significance` (none,
 *   proposed, verified) are set only by events; the displayed status is derived (incident.ts).
 *   `level` is the handling level (commune → department → leadership); `overseeing_unit_id` is the
 *   unit of that level which assigned the situation or to which it was escalated — it holds the
 *   second key of closure.
 * - `incident_units`: supporting units, each with its own assignment.
 * - `incident_events`: the time-stamped joint log by unit and every lifecycle event (escalation
 *   and de-escalation with the level history, verification, closure, reopening).
 * - `incident_category_changes`: each change of category with its reason, the lead unit at the
 *   time and whether it lowered the category (for the per-unit change rate).
 * No personal data: counts of people only.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create sequence incident_number_seq`.execute(db);
  await sql`
    create table incidents (
      id uuid primary key default gen_random_uuid(),
      number integer not null unique,
      title text not null,
      category text not null,
      severity text not null,
      occurred_at timestamptz not null,
      occurred_on date not null,
      commune_code text not null references jurisdictions(code),
      address text,
      lat double precision,
      lon double precision,
      source text not null,
      description text not null,
      people_involved integer not null default 0 check (people_involved >= 0),
      injured integer not null default 0 check (injured >= 0),
      dead integer not null default 0 check (dead >= 0),
      damage_vnd bigint not null default 0 check (damage_vnd >= 0),
      lead_unit_id uuid not null references units(id),
      assigning_unit_id uuid not null references units(id),
      overseeing_unit_id uuid not null references units(id),
      level text not null default 'commune',
      state text not null default 'open',
      significance text not null default 'none',
      reopen_count integer not null default 0,
      log_count integer not null default 0,
      closing_report text,
      closing_reported_by uuid references users(id),
      closed_at timestamptz,
      search_text text not null default '',
      created_by uuid references users(id),
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index incidents_occurred_idx on incidents (occurred_on)`.execute(db);
  await sql`create index incidents_commune_idx on incidents (commune_code, occurred_on)`.execute(db);
  await sql`create index incidents_lead_idx on incidents (lead_unit_id)`.execute(db);
  await sql`
    create table incident_units (
      incident_id uuid not null references incidents(id) on delete cascade,
      unit_id uuid not null references units(id),
      assignment text not null,
      assigned_at timestamptz not null,
      primary key (incident_id, unit_id)
    )`.execute(db);
  await sql`create index incident_units_unit_idx on incident_units (unit_id)`.execute(db);
  await sql`
    create table incident_events (
      id uuid primary key default gen_random_uuid(),
      incident_id uuid not null references incidents(id) on delete cascade,
      kind text not null,
      unit_id uuid references units(id),
      actor_user_id uuid references users(id),
      actor_name text,
      reason text,
      data jsonb not null default '{}',
      at timestamptz not null
    )`.execute(db);
  await sql`create index incident_events_incident_idx on incident_events (incident_id, at)`.execute(db);
  await sql`
    create table incident_category_changes (
      id uuid primary key default gen_random_uuid(),
      incident_id uuid not null references incidents(id) on delete cascade,
      lead_unit_id uuid not null references units(id),
      from_category text not null,
      to_category text not null,
      downgrade boolean not null,
      reason text not null,
      actor_user_id uuid references users(id),
      at timestamptz not null
    )`.execute(db);
  await sql`create index incident_category_changes_unit_idx on incident_category_changes (lead_unit_id, at)`.execute(db);
}
