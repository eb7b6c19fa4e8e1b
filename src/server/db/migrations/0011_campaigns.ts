import { type Kysely, sql } from 'kysely';

/**
 * Crime-suppression campaigns (đợt cao điểm tấn công, trấn áp tội phạm) and the mass movement
 * "Toàn dân bảo vệ an ninh Tổ quốc" (issue 6). Forward-only.
 * - `campaign_templates`: recurring campaigns ("Cao điểm Tết"); a campaign created from a template
 *   keeps `template_id`, so the previous instance gives the same-period-last-year base.
 * - `campaigns`: name, period, launching document, organising unit, target incident categories,
 *   state (draft → running → closed, changed only by audited use cases), closing summary.
 * - `campaign_units`: participating units (only they report results).
 * - `campaign_indicators`: the indicators followed with their targets (catalogue in
 *   src/contracts/campaigns.ts; the clearance rate is derived, its target a percentage).
 * - `campaign_results`: one report of one unit for one day or a few days (weekly); the days of one
 *   unit's reports never overlap (checked in the use case under a row lock on the campaign).
 * - `campaign_result_values`: the figures of a report, one row per indicator.
 * - `campaign_result_evidence`: links to situations and tips, and files (files module).
 * - `movement_sessions` / `movement_teams` / `movement_models`: propaganda sessions with their
 *   audience, grassroots security and order teams (tổ bảo vệ ANTT ở cơ sở) with their members,
 *   model examples (mô hình điển hình), per commune; `unit_id` is the commune police unit that
 *   recorded them (scope). Tips per commune are derived from the tips table, never typed in.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table campaign_templates (
      id uuid primary key default gen_random_uuid(),
      code text not null unique,
      name text not null,
      description text,
      target_categories text[] not null default '{}',
      indicators jsonb not null default '[]',
      owner_unit_id uuid references units(id),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create table campaigns (
      id uuid primary key default gen_random_uuid(),
      template_id uuid references campaign_templates(id),
      name text not null,
      description text,
      from_on date not null,
      to_on date not null,
      document_id uuid references documents(id),
      owner_unit_id uuid not null references units(id),
      target_categories text[] not null default '{}',
      state text not null default 'draft' check (state in ('draft', 'running', 'closed')),
      closing_summary text,
      closed_at timestamptz,
      closed_by uuid references users(id),
      created_by uuid references users(id),
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (to_on >= from_on)
    )`.execute(db);
  await sql`create index campaigns_template_idx on campaigns (template_id, from_on)`.execute(db);
  await sql`
    create table campaign_units (
      campaign_id uuid not null references campaigns(id) on delete cascade,
      unit_id uuid not null references units(id),
      primary key (campaign_id, unit_id)
    )`.execute(db);
  await sql`create index campaign_units_unit_idx on campaign_units (unit_id)`.execute(db);
  await sql`
    create table campaign_indicators (
      campaign_id uuid not null references campaigns(id) on delete cascade,
      indicator text not null,
      ordinal integer not null,
      target numeric,
      primary key (campaign_id, indicator)
    )`.execute(db);
  await sql`
    create table campaign_results (
      id uuid primary key default gen_random_uuid(),
      campaign_id uuid not null references campaigns(id) on delete cascade,
      unit_id uuid not null references units(id),
      from_on date not null,
      to_on date not null,
      note text,
      reported_by uuid references users(id),
      reported_by_name text not null,
      created_at timestamptz not null default now(),
      check (to_on >= from_on)
    )`.execute(db);
  await sql`create index campaign_results_campaign_idx on campaign_results (campaign_id, unit_id, from_on)`.execute(db);
  await sql`
    create table campaign_result_values (
      result_id uuid not null references campaign_results(id) on delete cascade,
      indicator text not null,
      value numeric not null check (value >= 0),
      primary key (result_id, indicator)
    )`.execute(db);
  await sql`
    create table campaign_result_evidence (
      id uuid primary key default gen_random_uuid(),
      result_id uuid not null references campaign_results(id) on delete cascade,
      kind text not null check (kind in ('incident', 'tip', 'file')),
      incident_id uuid references incidents(id),
      tip_id uuid references tips(id),
      file_id uuid references files(id)
    )`.execute(db);
  await sql`create index campaign_result_evidence_result_idx on campaign_result_evidence (result_id)`.execute(db);

  await sql`
    create table movement_sessions (
      id uuid primary key default gen_random_uuid(),
      commune_code text not null references jurisdictions(code),
      unit_id uuid not null references units(id),
      held_on date not null,
      topic text not null,
      audience integer not null check (audience >= 0),
      created_by uuid references users(id),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index movement_sessions_commune_idx on movement_sessions (commune_code, held_on)`.execute(db);
  await sql`
    create table movement_teams (
      id uuid primary key default gen_random_uuid(),
      commune_code text not null references jurisdictions(code),
      unit_id uuid not null references units(id),
      name text not null,
      members integer not null check (members >= 0),
      established_on date not null,
      dissolved_on date,
      created_by uuid references users(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index movement_teams_commune_idx on movement_teams (commune_code)`.execute(db);
  await sql`
    create table movement_models (
      id uuid primary key default gen_random_uuid(),
      commune_code text not null references jurisdictions(code),
      unit_id uuid not null references units(id),
      name text not null,
      since_on date not null,
      description text,
      created_by uuid references users(id),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index movement_models_commune_idx on movement_models (commune_code)`.execute(db);
}
