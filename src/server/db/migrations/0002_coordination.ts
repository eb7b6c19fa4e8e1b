import { type Kysely, sql } from 'kysely';

/**
 * The coordination loop: directive documents with numbered clauses, conferences and their
 * conclusions, tasks with one lead unit and coordinating units, progress reports with evidence,
 * evaluations, notifications, and stored files. Forward-only.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // Stored files (attachments, evidence). Bytes live in the database so a backup holds everything
  // and several app servers can share one PostgreSQL. Deduplicated by content hash.
  await sql`
    create table file_blobs (
      sha256 text primary key,
      bytes bytea not null,
      size integer not null
    )`.execute(db);
  await sql`
    create table files (
      id uuid primary key default gen_random_uuid(),
      sha256 text not null references file_blobs(sha256),
      filename text not null,
      mime text not null,
      size integer not null,
      uploaded_by uuid references users(id),
      owner_unit_id uuid references units(id),
      created_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table documents (
      id uuid primary key default gen_random_uuid(),
      kind text not null,
      system text not null,
      number integer,
      year integer,
      symbol text,
      register_year integer,
      issuer_name text not null,
      issuer_unit_id uuid references units(id),
      issued_on date,
      summary text not null,
      term text,
      plenum integer,
      body text,
      classification text not null default 'normal',
      owner_unit_id uuid references units(id),
      search_text text not null,
      created_by uuid references users(id),
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  // A number and symbol is unique in its register year (cá biệt numbers restart each year).
  await sql`create unique index documents_symbol_year_uq on documents (symbol, coalesce(register_year, 0)) where symbol is not null`.execute(db);
  await sql`create index documents_search_idx on documents using gin (search_text gin_trgm_ops)`.execute(db);
  await sql`create index documents_issued_idx on documents (issued_on desc nulls last)`.execute(db);

  await sql`
    create table document_clauses (
      id uuid primary key default gen_random_uuid(),
      document_id uuid not null references documents(id) on delete cascade,
      parent_id uuid references document_clauses(id) on delete cascade,
      label text not null,
      ref text not null,
      ordinal integer not null,
      text text not null,
      unique (document_id, ref)
    )`.execute(db);

  await sql`
    create table document_relations (
      from_document_id uuid not null references documents(id) on delete cascade,
      to_document_id uuid not null references documents(id) on delete cascade,
      relation text not null,
      primary key (from_document_id, to_document_id, relation),
      check (from_document_id <> to_document_id)
    )`.execute(db);

  await sql`
    create table document_files (
      document_id uuid not null references documents(id) on delete cascade,
      file_id uuid not null references files(id),
      primary key (document_id, file_id)
    )`.execute(db);

  await sql`
    create table conferences (
      id uuid primary key default gen_random_uuid(),
      kind text not null,
      title text not null,
      held_on date not null,
      place text,
      host_unit_id uuid not null references units(id),
      agenda text,
      minutes text,
      search_text text not null,
      created_by uuid references users(id),
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index conferences_held_idx on conferences (held_on desc)`.execute(db);
  await sql`
    create table conference_chairs (
      conference_id uuid not null references conferences(id) on delete cascade,
      ordinal integer not null,
      person_id uuid references people(id),
      name text not null,
      rank text,
      titles text[] not null default '{}',
      primary key (conference_id, ordinal)
    )`.execute(db);
  await sql`
    create table conference_units (
      conference_id uuid not null references conferences(id) on delete cascade,
      unit_id uuid not null references units(id),
      role text not null,
      primary key (conference_id, unit_id)
    )`.execute(db);
  await sql`create index conference_units_unit_idx on conference_units (unit_id)`.execute(db);
  await sql`
    create table conference_documents (
      conference_id uuid not null references conferences(id) on delete cascade,
      document_id uuid not null references documents(id),
      primary key (conference_id, document_id)
    )`.execute(db);
  await sql`
    create table conference_items (
      id uuid primary key default gen_random_uuid(),
      conference_id uuid not null references conferences(id) on delete cascade,
      ordinal integer not null,
      text text not null,
      document_id uuid references documents(id),
      clause_id uuid references document_clauses(id),
      unique (conference_id, ordinal)
    )`.execute(db);

  await sql`
    create table tasks (
      id uuid primary key default gen_random_uuid(),
      number bigint generated always as identity unique,
      title text not null,
      description text,
      source_kind text not null,
      document_id uuid references documents(id),
      clause_id uuid references document_clauses(id),
      conference_item_id uuid references conference_items(id),
      parent_id uuid references tasks(id),
      path text not null,
      weight numeric not null default 1 check (weight > 0),
      assigning_unit_id uuid not null references units(id),
      assigned_by uuid references users(id),
      lead_unit_id uuid not null references units(id),
      assigned_on date not null,
      deadline_on date,
      recurrence text not null default 'none',
      priority text not null default 'normal',
      classification text not null default 'normal',
      state text not null default 'open',
      progress integer not null default 0 check (progress between 0 and 100),
      last_report_at timestamptz,
      submitted_on date,
      completed_on date,
      search_text text not null,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (deadline_on is null or deadline_on >= assigned_on),
      check (parent_id is null or parent_id <> id)
    )`.execute(db);
  await sql`create index tasks_lead_idx on tasks (lead_unit_id, state)`.execute(db);
  await sql`create index tasks_assigning_idx on tasks (assigning_unit_id, state)`.execute(db);
  await sql`create index tasks_parent_idx on tasks (parent_id)`.execute(db);
  await sql`create index tasks_path_idx on tasks (path text_pattern_ops)`.execute(db);
  await sql`create index tasks_document_idx on tasks (document_id, clause_id)`.execute(db);
  await sql`create index tasks_conference_item_idx on tasks (conference_item_id)`.execute(db);
  await sql`create index tasks_deadline_idx on tasks (deadline_on) where state not in ('completed', 'cancelled')`.execute(db);
  await sql`create index tasks_search_idx on tasks using gin (search_text gin_trgm_ops)`.execute(db);

  await sql`
    create table task_coordinators (
      task_id uuid not null references tasks(id) on delete cascade,
      unit_id uuid not null references units(id),
      part text,
      requested_at timestamptz not null default now(),
      responded_at timestamptz,
      response text,
      responded_by uuid references users(id),
      primary key (task_id, unit_id)
    )`.execute(db);
  await sql`create index task_coordinators_unit_idx on task_coordinators (unit_id, responded_at)`.execute(db);

  await sql`
    create table progress_reports (
      id uuid primary key default gen_random_uuid(),
      task_id uuid not null references tasks(id) on delete cascade,
      unit_id uuid not null references units(id),
      reported_by uuid references users(id),
      percent integer not null check (percent between 0 and 100),
      note text not null,
      submits_for_evaluation boolean not null default false,
      reported_on date not null,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index progress_reports_task_idx on progress_reports (task_id, created_at desc)`.execute(db);
  await sql`
    create table progress_evidence (
      id uuid primary key default gen_random_uuid(),
      report_id uuid not null references progress_reports(id) on delete cascade,
      kind text not null,
      text text,
      url text,
      file_id uuid references files(id),
      document_ref text,
      record_type text,
      record_id text
    )`.execute(db);
  await sql`create index progress_evidence_report_idx on progress_evidence (report_id)`.execute(db);

  await sql`
    create table task_evaluations (
      id uuid primary key default gen_random_uuid(),
      task_id uuid not null references tasks(id) on delete cascade,
      report_id uuid references progress_reports(id),
      evaluated_by uuid references users(id),
      decision text not null,
      reason text,
      new_deadline_on date,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index task_evaluations_task_idx on task_evaluations (task_id, created_at desc)`.execute(db);

  await sql`
    create table notifications (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references users(id) on delete cascade,
      kind text not null,
      task_id uuid references tasks(id) on delete cascade,
      dedupe_key text,
      params jsonb not null default '{}',
      created_at timestamptz not null default now(),
      read_at timestamptz,
      unique (user_id, dedupe_key)
    )`.execute(db);
  await sql`create index notifications_user_idx on notifications (user_id, read_at, created_at desc)`.execute(db);
}
