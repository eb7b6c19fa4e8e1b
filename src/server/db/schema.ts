import type { ColumnType, Generated, Kysely, Transaction } from 'kysely';

/** Table types for Kysely. Keep in step with src/server/db/migrations. */
type DateOn = ColumnType<string, string | undefined, string>;

export interface ProvincesTable {
  code: string;
  name: string;
  full_name: string;
  name_en: string | null;
  type: string;
  search_text: string;
  sort_key: string;
  valid_from: DateOn;
  valid_to: string | null;
}

export interface JurisdictionsTable {
  code: string;
  province_code: string;
  name: string;
  full_name: string;
  name_en: string | null;
  type: string;
  area_km2: number | null;
  boundary: ColumnType<unknown, string | null | undefined, string | null>;
  search_text: string;
  sort_key: string;
  valid_from: DateOn;
  valid_to: string | null;
}

export interface UnitsTable {
  id: Generated<string>;
  code: string;
  name: string;
  short_name: string | null;
  type: string;
  level: string;
  parent_id: string | null;
  /** Materialised path of ids: "/<root id>/…/<own id>/". */
  path: string;
  commune_code: string | null;
  search_text: string;
  sort_key: string;
  valid_from: DateOn;
  valid_to: string | null;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface PeopleTable {
  id: Generated<string>;
  full_name: string;
  rank: string | null;
  unit_id: string;
  search_text: string;
  sort_key: string;
  created_at: Generated<Date>;
}

export interface PositionsTable {
  id: Generated<string>;
  person_id: string;
  unit_id: string;
  title: string;
  from_on: string;
  to_on: string | null;
}

export interface UsersTable {
  id: Generated<string>;
  username: string;
  display_name: string;
  unit_id: string;
  person_id: string | null;
  password_hash: string;
  /** For notification e-mails (migration 0005); optional. */
  email: ColumnType<string | null, string | null | undefined, string | null>;
  roles: string[];
  disabled: Generated<boolean>;
  failed_logins: Generated<number>;
  locked_until: Date | null;
  last_login_at: Date | null;
  password_changed_at: Generated<Date>;
  search_text: string;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface UserScopeUnitsTable {
  user_id: string;
  unit_id: string;
}

export interface UserCommunesTable {
  user_id: string;
  commune_code: string;
}

export interface SessionsTable {
  /** sha256 of the cookie token; the token itself is never stored. */
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: Generated<Date>;
  expires_at: Date;
  last_seen_at: Generated<Date>;
  ip: string | null;
  user_agent: string | null;
}

export interface AuditLogTable {
  seq: Generated<number>;
  at: Date;
  actor_user_id: string | null;
  actor_name: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  data: ColumnType<unknown, string, never>;
  prev_hash: string;
  hash: string;
}

export interface AppMetaTable {
  key: string;
  value: ColumnType<unknown, string, string>;
  updated_at: Generated<Date>;
}

export interface FileBlobsTable {
  sha256: string;
  bytes: Buffer;
  size: number;
}

export interface FilesTable {
  id: Generated<string>;
  sha256: string;
  filename: string;
  mime: string;
  size: number;
  uploaded_by: string | null;
  owner_unit_id: string | null;
  created_at: Generated<Date>;
}

export interface DocumentsTable {
  id: Generated<string>;
  kind: string;
  system: string;
  number: number | null;
  year: number | null;
  /** Canonical number and symbol ("16-NQ/TW", "1478/QĐ-UBND"). */
  symbol: string | null;
  register_year: number | null;
  issuer_name: string;
  issuer_unit_id: string | null;
  issued_on: string | null;
  /** Trích yếu. */
  summary: string;
  /** Khóa (term), e.g. "XI". */
  term: string | null;
  plenum: number | null;
  body: string | null;
  classification: string;
  owner_unit_id: string | null;
  search_text: string;
  created_by: string | null;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface DocumentClausesTable {
  id: Generated<string>;
  document_id: string;
  parent_id: string | null;
  /** As printed: "Mục II", "Điều 3", "Khoản 2", "Điểm a". */
  label: string;
  /** Stable reference within the document: "II", "II.3", "II.3.a". */
  ref: string;
  ordinal: number;
  text: string;
}

export interface DocumentRelationsTable {
  from_document_id: string;
  to_document_id: string;
  relation: string;
}

export interface DocumentFilesTable {
  document_id: string;
  file_id: string;
}

export interface ConferencesTable {
  id: Generated<string>;
  kind: string;
  title: string;
  held_on: string;
  place: string | null;
  host_unit_id: string;
  agenda: string | null;
  minutes: string | null;
  search_text: string;
  created_by: string | null;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ConferenceChairsTable {
  conference_id: string;
  ordinal: number;
  person_id: string | null;
  name: string;
  rank: string | null;
  /** Positions held at the time of the conference. */
  titles: string[];
}

export interface ConferenceUnitsTable {
  conference_id: string;
  unit_id: string;
  /** 'party' (co-holding body) or 'participant'. */
  role: string;
}

export interface ConferenceDocumentsTable {
  conference_id: string;
  document_id: string;
}

export interface ConferenceItemsTable {
  id: Generated<string>;
  conference_id: string;
  ordinal: number;
  text: string;
  document_id: string | null;
  clause_id: string | null;
}

export interface TasksTable {
  id: Generated<string>;
  number: Generated<number>;
  title: string;
  description: string | null;
  source_kind: string;
  document_id: string | null;
  clause_id: string | null;
  conference_item_id: string | null;
  parent_id: string | null;
  /** Materialised path of task ids, "/<root>/…/<own>/": cascades and cycle checks. */
  path: string;
  weight: ColumnType<number, number | undefined, number>;
  assigning_unit_id: string;
  assigned_by: string | null;
  lead_unit_id: string;
  assigned_on: string;
  deadline_on: string | null;
  recurrence: Generated<string>;
  priority: Generated<string>;
  classification: Generated<string>;
  /** Lifecycle state set by events (open, submitted, returned, completed, paused, cancelled); the displayed status is derived. */
  state: Generated<string>;
  progress: Generated<number>;
  last_report_at: Date | null;
  /** Date the accepted completion report was submitted (decides on time / late). */
  submitted_on: string | null;
  completed_on: string | null;
  /** Recurring duties: when the next periodic report is due (migration 0004). */
  next_report_due_on: ColumnType<string | null, string | null | undefined, string | null>;
  search_text: string;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface TaskCoordinatorsTable {
  task_id: string;
  unit_id: string;
  part: string | null;
  requested_at: Generated<Date>;
  responded_at: Date | null;
  response: string | null;
  responded_by: string | null;
}

export interface ProgressReportsTable {
  id: Generated<string>;
  task_id: string;
  unit_id: string;
  reported_by: string | null;
  percent: number;
  note: string;
  submits_for_evaluation: Generated<boolean>;
  reported_on: string;
  created_at: Generated<Date>;
}

export interface ProgressEvidenceTable {
  id: Generated<string>;
  report_id: string;
  /** text | file | link | document | record */
  kind: string;
  text: string | null;
  url: string | null;
  file_id: string | null;
  document_ref: string | null;
  record_type: string | null;
  record_id: string | null;
}

export interface TaskEvaluationsTable {
  id: Generated<string>;
  task_id: string;
  report_id: string | null;
  evaluated_by: string | null;
  /** accepted | returned */
  decision: string;
  reason: string | null;
  new_deadline_on: string | null;
  created_at: Generated<Date>;
}

/** Lifecycle events of a task for its timeline (migration 0004). */
export interface TaskEventsTable {
  id: Generated<string>;
  task_id: string;
  /** assigned | updated | paused | resumed | cancelled | subtask_created */
  kind: string;
  actor_user_id: string | null;
  actor_name: string | null;
  unit_id: string | null;
  reason: string | null;
  data: ColumnType<unknown, string | undefined, string>;
  at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface NotificationsTable {
  id: Generated<string>;
  user_id: string;
  kind: string;
  task_id: string | null;
  dedupe_key: string | null;
  params: ColumnType<unknown, string | undefined, string>;
  created_at: Generated<Date>;
  read_at: Date | null;
}

export interface IncidentsTable {
  id: Generated<string>;
  number: number;
  title: string;
  category: string;
  severity: string;
  occurred_at: ColumnType<Date, Date | string, Date | string>;
  occurred_on: DateOn;
  commune_code: string;
  address: string | null;
  lat: number | null;
  lon: number | null;
  source: string;
  description: string;
  people_involved: number;
  injured: number;
  dead: number;
  damage_vnd: ColumnType<string, string | number, string | number>;
  lead_unit_id: string;
  assigning_unit_id: string;
  overseeing_unit_id: string;
  level: string;
  state: string;
  significance: string;
  reopen_count: Generated<number>;
  log_count: Generated<number>;
  closing_report: string | null;
  closing_reported_by: string | null;
  closed_at: Date | null;
  /** The situation this one was merged into (migration 0008); the duplicate is closed. */
  merged_into_id: ColumnType<string | null, string | null | undefined, string | null>;
  search_text: string;
  created_by: string | null;
  version: Generated<number>;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface IncidentUnitsTable {
  incident_id: string;
  unit_id: string;
  assignment: string;
  assigned_at: ColumnType<Date, Date | string, Date | string>;
}

export interface IncidentEventsTable {
  id: Generated<string>;
  incident_id: string;
  kind: string;
  unit_id: string | null;
  actor_user_id: string | null;
  actor_name: string | null;
  reason: string | null;
  data: ColumnType<unknown, string | undefined, string>;
  at: ColumnType<Date, Date | string, Date | string>;
}

export interface IncidentCategoryChangesTable {
  id: Generated<string>;
  incident_id: string;
  lead_unit_id: string;
  from_category: string;
  to_category: string;
  downgrade: boolean;
  reason: string;
  actor_user_id: string | null;
  at: ColumnType<Date, Date | string, Date | string>;
}

/** Review cycles (migration 0009_reviews). */
export interface ReviewCyclesTable {
  id: Generated<string>;
  kind: string;
  title: string;
  state: Generated<string>;
  scope_unit_id: string;
  period_kind: string;
  period_year: number | null;
  period_index: number | null;
  period_from: string;
  period_to: string;
  period_label: string;
  created_by: string | null;
  created_by_name: string;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  closed_at: Date | null;
}

export interface ReviewCycleDocumentsTable {
  cycle_id: string;
  document_id: string;
}

export interface ReviewCycleConferencesTable {
  cycle_id: string;
  conference_id: string;
}

export interface ReviewAgendaTable {
  cycle_id: string;
  unit_id: string;
  position: number;
}

export interface ReviewActionsTable {
  id: Generated<string>;
  cycle_id: string;
  kind: string;
  text: string;
  measure: string;
  owner_unit_id: string;
  deadline_on: string | null;
  status: Generated<string>;
  closing_note: string | null;
  closed_in_cycle_id: string | null;
  closed_at: Date | null;
  created_by: string | null;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ReviewActionEventsTable {
  id: Generated<string>;
  action_id: string;
  cycle_id: string;
  kind: string;
  from_status: string | null;
  to_status: string | null;
  note: string | null;
  actor_user_id: string | null;
  actor_name: string;
  at: Generated<Date>;
}

/** Report runs: official documents generated in the background (migration 0013). */
export interface ReportRunsTable {
  id: Generated<string>;
  kind: string;
  entity_id: string;
  input: unknown;
  issue: boolean;
  requested_by: string;
  state: Generated<string>;
  step: string | null;
  error_code: string | null;
  error_params: unknown;
  filename: string | null;
  bytes: Buffer | null;
  number_symbol: string | null;
  document_id: string | null;
  created_at: Generated<Date>;
  started_at: Date | null;
  finished_at: Date | null;
}

/** Campaigns and the mass movement (migration 0011). */
export interface CampaignTemplatesTable {
  id: Generated<string>;
  code: string;
  name: string;
  description: string | null;
  target_categories: string[];
  /** [{ indicator, target }] pre-filled into a campaign created from the template without a previous instance. */
  indicators: ColumnType<unknown, string, string>;
  owner_unit_id: string | null;
  created_at: Generated<Date>;
}

export interface CampaignsTable {
  id: Generated<string>;
  template_id: string | null;
  name: string;
  description: string | null;
  from_on: string;
  to_on: string;
  document_id: string | null;
  owner_unit_id: string;
  target_categories: string[];
  /** draft | running | closed */
  state: Generated<string>;
  closing_summary: string | null;
  closed_at: Date | null;
  closed_by: string | null;
  created_by: string | null;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface CampaignUnitsTable {
  campaign_id: string;
  unit_id: string;
}

export interface CampaignIndicatorsTable {
  campaign_id: string;
  indicator: string;
  ordinal: number;
  target: number | null;
}

export interface CampaignResultsTable {
  id: Generated<string>;
  campaign_id: string;
  unit_id: string;
  from_on: string;
  to_on: string;
  note: string | null;
  reported_by: string | null;
  reported_by_name: string;
  created_at: Generated<Date>;
}

export interface CampaignResultValuesTable {
  result_id: string;
  indicator: string;
  value: number;
}

export interface CampaignResultEvidenceTable {
  id: Generated<string>;
  result_id: string;
  /** incident | tip | file */
  kind: string;
  incident_id: string | null;
  tip_id: string | null;
  file_id: string | null;
}

export interface MovementSessionsTable {
  id: Generated<string>;
  commune_code: string;
  unit_id: string;
  held_on: string;
  topic: string;
  audience: number;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface MovementTeamsTable {
  id: Generated<string>;
  commune_code: string;
  unit_id: string;
  name: string;
  members: number;
  established_on: string;
  dissolved_on: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface MovementModelsTable {
  id: Generated<string>;
  commune_code: string;
  unit_id: string;
  name: string;
  since_on: string;
  description: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface DB {
  provinces: ProvincesTable;
  jurisdictions: JurisdictionsTable;
  units: UnitsTable;
  people: PeopleTable;
  positions: PositionsTable;
  users: UsersTable;
  user_scope_units: UserScopeUnitsTable;
  user_communes: UserCommunesTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
  app_meta: AppMetaTable;
  file_blobs: FileBlobsTable;
  files: FilesTable;
  documents: DocumentsTable;
  document_clauses: DocumentClausesTable;
  document_relations: DocumentRelationsTable;
  document_files: DocumentFilesTable;
  conferences: ConferencesTable;
  conference_chairs: ConferenceChairsTable;
  conference_units: ConferenceUnitsTable;
  conference_documents: ConferenceDocumentsTable;
  conference_items: ConferenceItemsTable;
  tasks: TasksTable;
  task_coordinators: TaskCoordinatorsTable;
  progress_reports: ProgressReportsTable;
  progress_evidence: ProgressEvidenceTable;
  task_evaluations: TaskEvaluationsTable;
  task_events: TaskEventsTable;
  notifications: NotificationsTable;
  incidents: IncidentsTable;
  incident_units: IncidentUnitsTable;
  incident_events: IncidentEventsTable;
  incident_category_changes: IncidentCategoryChangesTable;
  campaign_templates: CampaignTemplatesTable;
  campaigns: CampaignsTable;
  campaign_units: CampaignUnitsTable;
  campaign_indicators: CampaignIndicatorsTable;
  campaign_results: CampaignResultsTable;
  campaign_result_values: CampaignResultValuesTable;
  campaign_result_evidence: CampaignResultEvidenceTable;
  movement_sessions: MovementSessionsTable;
  movement_teams: MovementTeamsTable;
  movement_models: MovementModelsTable;
  review_cycles: ReviewCyclesTable;
  review_cycle_documents: ReviewCycleDocumentsTable;
  review_cycle_conferences: ReviewCycleConferencesTable;
  review_agenda: ReviewAgendaTable;
  review_actions: ReviewActionsTable;
  review_action_events: ReviewActionEventsTable;
  report_runs: ReportRunsTable;
}

export type Db = Kysely<DB>;
export type Tx = Transaction<DB>;
