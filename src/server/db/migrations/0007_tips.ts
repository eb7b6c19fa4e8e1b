import { type Kysely, sql } from 'kysely';

/**
 * Citizen tips — nguồn tin về tội phạm (BLTTHS 2015 arts. 144–149). Forward-only.
 * - `tip_commune_settings`: per-commune flags for tips; `remote` (xã vùng sâu, vùng xa, hải đảo)
 *   gives 48 h instead of 24 h to transfer to the investigating body (TTLT 01/2017). Default false.
 * - `tips`: one row per source. Only a hash of the sender's secret is stored. `remote` is the
 *   commune's flag at receipt (the legal clock must not change afterwards). `state` changes only by
 *   audited transitions; the clock is derived from `received_at` and `tip_events` (tip-deadlines.ts).
 * - `tip_reporters`: the sender's identity, apart from the tip; read only through its own audited
 *   use case.
 * - `tip_events`: every transition with its data (extensions, suspension, restoration…).
 * - `tip_questions`: the anonymous dialogue (handler asks, sender answers with code + secret).
 * - `tip_files`: files sent with the tip (stored by the files module, metadata stripped).
 * - `tip_challenge_uses`: used proof-of-work nonces (each token is accepted once).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table tip_commune_settings (
      commune_code text primary key references jurisdictions(code),
      remote boolean not null default false,
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create table tips (
      id uuid primary key default gen_random_uuid(),
      tracking_code text not null unique,
      secret_hash text not null,
      kind text not null check (kind in ('to_giac', 'tin_bao')),
      state text not null default 'received',
      what text not null,
      commune_code text not null references jurisdictions(code),
      address text not null,
      lat double precision,
      lng double precision,
      occurred_at text,
      received_at timestamptz not null,
      remote boolean not null default false,
      receiving_unit_id uuid not null references units(id),
      handling_unit_id uuid not null references units(id),
      classification text,
      receipt jsonb,
      transferred_at timestamptz,
      outcome_kind text,
      outcome_decision_no text,
      outcome_decided_on date,
      sender_notified_at timestamptz,
      has_reporter boolean not null default false,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index tips_receiving_unit_idx on tips (receiving_unit_id, received_at desc)`.execute(db);
  await sql`create index tips_handling_unit_idx on tips (handling_unit_id, received_at desc)`.execute(db);
  await sql`create index tips_open_idx on tips (received_at) where state not in ('decided', 'closed')`.execute(db);
  await sql`
    create table tip_reporters (
      tip_id uuid primary key references tips(id) on delete cascade,
      name text,
      phone text,
      email text,
      address text,
      keep_secret boolean not null default true
    )`.execute(db);
  await sql`
    create table tip_events (
      id uuid primary key default gen_random_uuid(),
      tip_id uuid not null references tips(id) on delete cascade,
      kind text not null,
      actor_user_id uuid references users(id),
      actor_name text not null,
      unit_id uuid references units(id),
      data jsonb not null default '{}',
      at timestamptz not null default now()
    )`.execute(db);
  await sql`create index tip_events_tip_idx on tip_events (tip_id, at)`.execute(db);
  await sql`
    create table tip_questions (
      id uuid primary key default gen_random_uuid(),
      tip_id uuid not null references tips(id) on delete cascade,
      question text not null,
      asked_by uuid references users(id),
      asked_at timestamptz not null default now(),
      answer text,
      answered_at timestamptz
    )`.execute(db);
  await sql`create index tip_questions_tip_idx on tip_questions (tip_id, asked_at)`.execute(db);
  await sql`
    create table tip_files (
      tip_id uuid not null references tips(id) on delete cascade,
      file_id uuid not null references files(id),
      position integer not null,
      primary key (tip_id, file_id)
    )`.execute(db);
  await sql`
    create table tip_challenge_uses (
      nonce text primary key,
      expires_at timestamptz not null
    )`.execute(db);
}
