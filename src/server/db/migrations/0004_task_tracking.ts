import { type Kysely, sql } from 'kysely';

/**
 * Task tracking additions. Forward-only.
 * - `tasks.next_report_due_on`: for recurring reporting duties, the date the next periodic report
 *   is due (computed by the tasks module's `nextReportDueOn` whenever a report is filed), so the
 *   derived status can be filtered and sorted in SQL without re-deriving calendar periods.
 * - `task_events`: lifecycle changes (assigned, updated, paused, resumed, cancelled, subtask
 *   created) with the acting user and reason, for the task timeline. Reports, evaluations and
 *   coordination answers have their own tables.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table tasks add column next_report_due_on date`.execute(db);
  await sql`create index tasks_next_report_idx on tasks (next_report_due_on) where next_report_due_on is not null and state not in ('completed', 'cancelled')`.execute(db);
  await sql`
    create table task_events (
      id uuid primary key default gen_random_uuid(),
      task_id uuid not null references tasks(id) on delete cascade,
      kind text not null,
      actor_user_id uuid references users(id),
      actor_name text,
      unit_id uuid references units(id),
      reason text,
      data jsonb not null default '{}',
      at timestamptz not null default now()
    )`.execute(db);
  await sql`create index task_events_task_idx on task_events (task_id, at)`.execute(db);
}
