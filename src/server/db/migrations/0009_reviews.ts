import { type Kysely, sql } from 'kysely';

/**
 * Review cycles — đợt sơ kết / tổng kết (issue 5). Forward-only.
 * - `review_cycles`: kind, title, the scope unit (whose units are reviewed), the period as resolved
 *   by statistics/periods.ts (kind, year, index, first and last day, label), state open → closed.
 *   A period never ends before it starts (checked by the use case with a coded error, and here).
 * - `review_cycle_documents` / `review_cycle_conferences`: the coordination programme.
 * - `review_agenda`: the order in which units report at the review conference.
 * - `review_actions`: corrective actions (hạn chế, vướng mắc → biện pháp khắc phục) recorded at a
 *   review, with owner unit, deadline and status; `closed_in_cycle_id` is the review in which the
 *   action was closed. Later reviews whose scope covers the owner carry open ones forward.
 * - `review_action_events`: what happened to an action (recorded, edited, status changes with
 *   their notes), each in the review where it was recorded.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table review_cycles (
      id uuid primary key default gen_random_uuid(),
      kind text not null check (kind in ('so_ket', 'tong_ket')),
      title text not null,
      state text not null default 'open' check (state in ('open', 'closed')),
      scope_unit_id uuid not null references units(id),
      period_kind text not null check (period_kind in ('month', 'quarter', 'half_year', 'year', 'stat_month', 'custom')),
      period_year integer,
      period_index integer,
      period_from date not null,
      period_to date not null,
      period_label text not null,
      created_by uuid references users(id),
      created_by_name text not null,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      closed_at timestamptz,
      constraint review_cycles_period_order check (period_to >= period_from)
    )`.execute(db);
  await sql`create index review_cycles_scope_idx on review_cycles (scope_unit_id, period_to desc)`.execute(db);
  await sql`create index review_cycles_period_idx on review_cycles (period_to desc, created_at desc)`.execute(db);
  await sql`
    create table review_cycle_documents (
      cycle_id uuid not null references review_cycles(id) on delete cascade,
      document_id uuid not null references documents(id),
      primary key (cycle_id, document_id)
    )`.execute(db);
  await sql`
    create table review_cycle_conferences (
      cycle_id uuid not null references review_cycles(id) on delete cascade,
      conference_id uuid not null references conferences(id),
      primary key (cycle_id, conference_id)
    )`.execute(db);
  await sql`
    create table review_agenda (
      cycle_id uuid not null references review_cycles(id) on delete cascade,
      unit_id uuid not null references units(id),
      position integer not null check (position >= 1),
      primary key (cycle_id, unit_id),
      unique (cycle_id, position)
    )`.execute(db);
  await sql`
    create table review_actions (
      id uuid primary key default gen_random_uuid(),
      cycle_id uuid not null references review_cycles(id),
      kind text not null check (kind in ('limitation', 'obstacle')),
      text text not null,
      measure text not null,
      owner_unit_id uuid not null references units(id),
      deadline_on date,
      status text not null default 'open' check (status in ('open', 'in_progress', 'closed')),
      closing_note text,
      closed_in_cycle_id uuid references review_cycles(id),
      closed_at timestamptz,
      created_by uuid references users(id),
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint review_actions_closed check ((status = 'closed') = (closed_in_cycle_id is not null and closing_note is not null))
    )`.execute(db);
  await sql`create index review_actions_cycle_idx on review_actions (cycle_id, created_at)`.execute(db);
  await sql`create index review_actions_owner_idx on review_actions (owner_unit_id, status)`.execute(db);
  await sql`
    create table review_action_events (
      id uuid primary key default gen_random_uuid(),
      action_id uuid not null references review_actions(id) on delete cascade,
      cycle_id uuid not null references review_cycles(id),
      kind text not null check (kind in ('recorded', 'updated', 'status_changed')),
      from_status text,
      to_status text,
      note text,
      actor_user_id uuid references users(id),
      actor_name text not null,
      at timestamptz not null default now()
    )`.execute(db);
  await sql`create index review_action_events_action_idx on review_action_events (action_id, at)`.execute(db);
}
