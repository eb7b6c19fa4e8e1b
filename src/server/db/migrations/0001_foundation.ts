import { type Kysely, sql } from 'kysely';

/**
 * Foundation: administrative units, the organisation, accounts, sessions and the audit trail.
 * Forward-only. Runs unchanged on PGlite and on PostgreSQL 15+.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create extension if not exists pg_trgm`.execute(db);

  await sql`
    create table provinces (
      code text primary key check (code ~ '^[0-9]{2}$'),
      name text not null,
      full_name text not null,
      name_en text,
      type text not null,
      search_text text not null,
      sort_key text not null,
      valid_from date not null,
      valid_to date
    )`.execute(db);

  await sql`
    create table jurisdictions (
      code text primary key check (code ~ '^[0-9]{5}$'),
      province_code text not null references provinces(code),
      name text not null,
      full_name text not null,
      name_en text,
      type text not null,
      area_km2 numeric,
      boundary jsonb,
      search_text text not null,
      sort_key text not null,
      valid_from date not null,
      valid_to date
    )`.execute(db);
  await sql`create index jurisdictions_province_idx on jurisdictions (province_code, sort_key collate "C")`.execute(db);
  await sql`create index jurisdictions_search_idx on jurisdictions using gin (search_text gin_trgm_ops)`.execute(db);

  await sql`
    create table units (
      id uuid primary key default gen_random_uuid(),
      code text not null unique,
      name text not null,
      short_name text,
      type text not null,
      level text not null,
      parent_id uuid references units(id),
      path text not null,
      commune_code text references jurisdictions(code),
      search_text text not null,
      sort_key text not null,
      valid_from date not null,
      valid_to date,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (valid_to is null or valid_to >= valid_from),
      check (parent_id is null or parent_id <> id)
    )`.execute(db);
  await sql`create index units_parent_idx on units (parent_id)`.execute(db);
  await sql`create index units_path_idx on units (path text_pattern_ops)`.execute(db);
  await sql`create index units_commune_idx on units (commune_code)`.execute(db);
  await sql`create index units_search_idx on units using gin (search_text gin_trgm_ops)`.execute(db);

  await sql`
    create table people (
      id uuid primary key default gen_random_uuid(),
      full_name text not null,
      rank text,
      unit_id uuid not null references units(id),
      search_text text not null,
      sort_key text not null,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index people_unit_idx on people (unit_id)`.execute(db);
  await sql`create index people_search_idx on people using gin (search_text gin_trgm_ops)`.execute(db);

  await sql`
    create table positions (
      id uuid primary key default gen_random_uuid(),
      person_id uuid not null references people(id),
      unit_id uuid not null references units(id),
      title text not null,
      from_on date not null,
      to_on date,
      check (to_on is null or to_on >= from_on)
    )`.execute(db);
  await sql`create index positions_person_idx on positions (person_id)`.execute(db);

  await sql`
    create table users (
      id uuid primary key default gen_random_uuid(),
      username text not null unique,
      display_name text not null,
      unit_id uuid not null references units(id),
      person_id uuid references people(id),
      password_hash text not null,
      roles text[] not null,
      disabled boolean not null default false,
      failed_logins integer not null default 0,
      locked_until timestamptz,
      last_login_at timestamptz,
      password_changed_at timestamptz not null default now(),
      search_text text not null,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index users_unit_idx on users (unit_id)`.execute(db);

  await sql`
    create table user_scope_units (
      user_id uuid not null references users(id) on delete cascade,
      unit_id uuid not null references units(id),
      primary key (user_id, unit_id)
    )`.execute(db);
  await sql`
    create table user_communes (
      user_id uuid not null references users(id) on delete cascade,
      commune_code text not null references jurisdictions(code),
      primary key (user_id, commune_code)
    )`.execute(db);

  await sql`
    create table sessions (
      id text primary key,
      user_id uuid not null references users(id) on delete cascade,
      csrf_token text not null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      last_seen_at timestamptz not null default now(),
      ip text,
      user_agent text
    )`.execute(db);
  await sql`create index sessions_user_idx on sessions (user_id)`.execute(db);

  await sql`
    create table audit_log (
      seq bigint generated always as identity primary key,
      at timestamptz not null,
      actor_user_id uuid,
      actor_name text not null,
      action text not null,
      entity_type text not null,
      entity_id text,
      data jsonb not null,
      prev_hash text not null,
      hash text not null unique
    )`.execute(db);
  await sql`create index audit_entity_idx on audit_log (entity_type, entity_id)`.execute(db);
  await sql`create index audit_actor_idx on audit_log (actor_user_id)`.execute(db);
  await sql`create index audit_action_idx on audit_log (action)`.execute(db);
  // Append-only: the application never updates or deletes audit rows. Anyone who disables this
  // trigger to tamper is caught by the hash chain (phoihop audit verify).
  await sql`
    create function audit_log_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_log is append-only';
    end $$`.execute(db);
  await sql`
    create trigger audit_log_no_change before update or delete on audit_log
    for each row execute function audit_log_append_only()`.execute(db);

  await sql`
    create table app_meta (
      key text primary key,
      value jsonb not null,
      updated_at timestamptz not null default now()
    )`.execute(db);
}
