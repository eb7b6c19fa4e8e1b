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
}

export type Db = Kysely<DB>;
export type Tx = Transaction<DB>;
