import { type Kysely, sql } from 'kysely';

/**
 * Report runs: an official document generated in the background (a pg-boss job, ADR 007) so that
 * a long compilation — a whole city over five years — shows its progress and never holds up other
 * requests. Forward-only.
 * - `report_runs`: who asked for what (`kind`, `entity_id`, the options or the issuing input),
 *   the state (`queued` → `running` → `done` | `failed`), the step reached, the coded error of a
 *   failed run, and the result (file name, the DOCX, and when issued its number and registry
 *   entry). The DOCX of a draft lives only here; runs older than a week are purged by the job.
 * - `tips_decided_idx`: the review compilation reads decided tips a page at a time in decision
 *   order (keyset on decision date and id); without it every page scanned the tips table.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table report_runs (
      id uuid primary key default gen_random_uuid(),
      kind text not null,
      entity_id uuid not null,
      input jsonb not null default '{}',
      issue boolean not null default false,
      requested_by uuid not null references users(id),
      state text not null default 'queued' check (state in ('queued', 'running', 'done', 'failed')),
      step text,
      error_code text,
      error_params jsonb,
      filename text,
      bytes bytea,
      number_symbol text,
      document_id uuid references documents(id),
      created_at timestamptz not null default now(),
      started_at timestamptz,
      finished_at timestamptz
    )`.execute(db);
  await sql`create index report_runs_requester_idx on report_runs (requested_by, created_at desc)`.execute(db);
  await sql`create index report_runs_entity_idx on report_runs (entity_id, created_at desc)`.execute(db);
  await sql`create index tips_decided_idx on tips (outcome_decided_on, id) where outcome_kind is not null`.execute(db);
}
