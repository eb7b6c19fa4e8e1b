import { containsAllWords, searchWords } from '../../db/search.ts';
import { sql } from 'kysely';
import type { Db, Tx } from '../../db/schema.ts';

export interface UserRow {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  unitId: string;
  unitName: string;
  unitPath: string;
  unitCommune: string | null;
  passwordHash: string;
  roles: string[];
  disabled: boolean;
  failedLogins: number;
  lockedUntil: Date | null;
  lastLoginAt: Date | null;
  createdAt: Date;
  version: number;
}

const base = (db: Db | Tx) =>
  db
    .selectFrom('users as us')
    .innerJoin('units as u', 'u.id', 'us.unit_id')
    .select([
      'us.id',
      'us.username',
      'us.display_name as displayName',
      'us.email',
      'us.unit_id as unitId',
      'u.name as unitName',
      'u.path as unitPath',
      'u.commune_code as unitCommune',
      'us.password_hash as passwordHash',
      'us.roles',
      'us.disabled',
      'us.failed_logins as failedLogins',
      'us.locked_until as lockedUntil',
      'us.last_login_at as lastLoginAt',
      'us.created_at as createdAt',
      'us.version',
    ]);

export const findUserById = (db: Db | Tx, id: string): Promise<UserRow | undefined> => base(db).where('us.id', '=', id).executeTakeFirst();
export const findUserByUsername = (db: Db | Tx, username: string): Promise<UserRow | undefined> => base(db).where('us.username', '=', username).executeTakeFirst();

export async function listUsers(db: Db | Tx, f: { q?: string | undefined; unitId?: string | undefined; limit: number; offset: number }) {
  let q = base(db);
  const words = searchWords(f.q);
  if (words.length) q = q.where((eb) => containsAllWords(eb, 'us.search_text', words));
  if (f.unitId) q = q.where('us.unit_id', '=', f.unitId);
  const { n } = await q.clearSelect().select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  const items = await q.orderBy('us.username').limit(f.limit).offset(f.offset).execute();
  return { total: n, items };
}

export async function scopesOf(db: Db | Tx, userIds: string[]): Promise<{ scope: Map<string, string[]>; communes: Map<string, string[]> }> {
  const scope = new Map<string, string[]>();
  const communes = new Map<string, string[]>();
  if (userIds.length === 0) return { scope, communes };
  for (const r of await db.selectFrom('user_scope_units').select(['user_id', 'unit_id']).where('user_id', 'in', userIds).execute())
    scope.set(r.user_id, [...(scope.get(r.user_id) ?? []), r.unit_id]);
  for (const r of await db.selectFrom('user_communes').select(['user_id', 'commune_code']).where('user_id', 'in', userIds).orderBy('commune_code').execute())
    communes.set(r.user_id, [...(communes.get(r.user_id) ?? []), r.commune_code]);
  return { scope, communes };
}

export async function insertUser(trx: Tx, u: { username: string; displayName: string; email?: string | null; unitId: string; passwordHash: string; roles: string[]; searchText: string }): Promise<string> {
  const r = await trx
    .insertInto('users')
    .values({ username: u.username, display_name: u.displayName, email: u.email ?? null, unit_id: u.unitId, password_hash: u.passwordHash, roles: u.roles, search_text: u.searchText })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function replaceScopes(trx: Tx, userId: string, unitIds: string[] | undefined, communeCodes: string[] | undefined): Promise<void> {
  if (unitIds !== undefined) {
    await trx.deleteFrom('user_scope_units').where('user_id', '=', userId).execute();
    if (unitIds.length) await trx.insertInto('user_scope_units').values(unitIds.map((unit_id) => ({ user_id: userId, unit_id }))).execute();
  }
  if (communeCodes !== undefined) {
    await trx.deleteFrom('user_communes').where('user_id', '=', userId).execute();
    if (communeCodes.length) await trx.insertInto('user_communes').values(communeCodes.map((commune_code) => ({ user_id: userId, commune_code }))).execute();
  }
}

export async function updateUserRow(
  trx: Tx,
  id: string,
  version: number,
  set: Partial<{ display_name: string; email: string | null; unit_id: string; roles: string[]; disabled: boolean; search_text: string; password_hash: string; password_changed_at: Date; failed_logins: number; locked_until: Date | null }>,
): Promise<boolean> {
  const r = await trx
    .updateTable('users')
    .set({ ...set, version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Count one failed sign-in atomically and return the new count: concurrent wrong passwords must
 * all be counted, or parallel guessing would never reach the lock-out.
 */
export async function incrementLoginFailures(trx: Tx, id: string): Promise<number> {
  const r = await trx.updateTable('users').set({ failed_logins: sql`failed_logins + 1` }).where('id', '=', id).returning('failed_logins').executeTakeFirstOrThrow();
  return r.failed_logins;
}

/** Login bookkeeping does not bump the record version (it is not an edit of the account). */
export async function recordLoginOutcome(trx: Tx, id: string, set: { failed_logins: number; locked_until: Date | null; last_login_at?: Date }): Promise<void> {
  await trx.updateTable('users').set(set).where('id', '=', id).execute();
}

export async function insertSession(trx: Tx, s: { id: string; userId: string; csrfToken: string; expiresAt: Date; ip: string | null; userAgent: string | null }): Promise<void> {
  await trx.insertInto('sessions').values({ id: s.id, user_id: s.userId, csrf_token: s.csrfToken, expires_at: s.expiresAt, ip: s.ip, user_agent: s.userAgent }).execute();
}

export async function findSession(db: Db | Tx, id: string) {
  return db.selectFrom('sessions').select(['id', 'user_id as userId', 'csrf_token as csrfToken', 'expires_at as expiresAt', 'last_seen_at as lastSeenAt']).where('id', '=', id).executeTakeFirst();
}

export async function touchSession(db: Db | Tx, id: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: sql`now()` }).where('id', '=', id).execute();
}

export async function deleteSession(db: Db | Tx, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

export async function deleteSessionsOf(trx: Tx, userId: string, exceptId?: string): Promise<void> {
  let q = trx.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptId) q = q.where('id', '<>', exceptId);
  await q.execute();
}
