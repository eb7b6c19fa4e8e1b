import { type Kysely, sql } from 'kysely';

/**
 * Emulation and awards (thi đua, khen thưởng). Forward-only.
 * - `award_nominations`: one nominee (a person, or a unit = collective) for one award kind, with the
 *   period, declared facts, the achievements measured from the records at nomination (snapshot with
 *   evidence links) and the state (proposed → approved / rejected → awarded). `unit_id` is the
 *   collective, or the person's unit: it decides who sees the nomination.
 * - `award_reviews` + `award_votes`: the emulation council's biên bản họp xét — members, opinions,
 *   votes and the tally (quorum and approval share); at most one per nomination.
 * - `award_decisions`: quyết định khen thưởng, registered in the documents registry (`document_id`);
 *   `recorded` marks a decision issued outside the platform and recorded here.
 * - `award_grants`: one awardee of a decision. A partial unique index keeps the Kỷ niệm chương
 *   "Bảo vệ an ninh Tổ quốc" to one per person (Thông tư 20/2025/TT-BCA).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table award_decisions (
      id uuid primary key default gen_random_uuid(),
      kind text not null,
      symbol text not null,
      decided_on date not null,
      issuer_name text not null,
      parent_body text,
      signer_title text not null,
      signer_name text not null,
      summary text not null,
      recorded boolean not null default false,
      document_id uuid references documents(id),
      created_by uuid references users(id),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create table award_nominations (
      id uuid primary key default gen_random_uuid(),
      kind text not null,
      nominee_type text not null check (nominee_type in ('person', 'unit')),
      person_id uuid references people(id),
      unit_id uuid not null references units(id),
      period_from date not null,
      period_to date not null,
      facts jsonb not null default '{}',
      achievements jsonb not null default '[]',
      summary text not null,
      state text not null default 'proposed',
      proposing_unit_id uuid references units(id),
      created_by uuid references users(id),
      created_by_name text,
      decision_id uuid references award_decisions(id),
      search_text text not null,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check ((nominee_type = 'person') = (person_id is not null)),
      check (period_from <= period_to)
    )`.execute(db);
  await sql`create index award_nominations_unit_idx on award_nominations (unit_id, created_at desc)`.execute(db);
  await sql`create index award_nominations_person_idx on award_nominations (person_id) where person_id is not null`.execute(db);
  await sql`
    create table award_reviews (
      nomination_id uuid primary key references award_nominations(id),
      council_name text not null,
      met_on date not null,
      member_count integer not null check (member_count > 0),
      note text,
      tally jsonb not null,
      result text not null,
      recorded_by uuid references users(id),
      recorded_by_name text not null,
      recorded_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create table award_votes (
      nomination_id uuid not null references award_reviews(nomination_id),
      ordinal integer not null,
      member_name text not null,
      member_title text,
      vote text not null check (vote in ('for', 'against', 'abstain')),
      opinion text,
      primary key (nomination_id, ordinal)
    )`.execute(db);
  await sql`
    create table award_grants (
      id uuid primary key default gen_random_uuid(),
      decision_id uuid not null references award_decisions(id),
      nomination_id uuid unique references award_nominations(id),
      kind text not null,
      nominee_type text not null check (nominee_type in ('person', 'unit')),
      person_id uuid references people(id),
      unit_id uuid not null references units(id),
      awardee_name text not null,
      awardee_title text,
      citation text,
      ordinal integer not null,
      check ((nominee_type = 'person') = (person_id is not null))
    )`.execute(db);
  await sql`create unique index award_grants_knc_once_idx on award_grants (person_id) where kind = 'knc_bv_antq'`.execute(db);
  await sql`create index award_grants_unit_idx on award_grants (unit_id)`.execute(db);
  await sql`create index award_grants_decision_idx on award_grants (decision_id, ordinal)`.execute(db);
}
