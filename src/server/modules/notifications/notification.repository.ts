import { sql } from 'kysely';
import type { Role } from '../../../contracts/roles.ts';
import type { Db, Tx } from '../../db/schema.ts';

export interface NotificationRow {
  id: string;
  userId: string;
  kind: string;
  taskId: string | null;
  taskNumber: number | null;
  taskTitle: string | null;
  taskClassification: string | null;
  params: Record<string, unknown>;
  createdAt: Date;
  readAt: Date | null;
}

export interface NotificationInsert {
  userId: string;
  kind: string;
  taskId: string | null;
  dedupeKey: string | null;
  params: Record<string, unknown>;
}

const base = (db: Db | Tx) =>
  db
    .selectFrom('notifications as n')
    .leftJoin('tasks as t', 't.id', 'n.task_id')
    .select([
      'n.id',
      'n.user_id as userId',
      'n.kind',
      'n.task_id as taskId',
      't.number as taskNumber',
      't.title as taskTitle',
      't.classification as taskClassification',
      sql<Record<string, unknown>>`n.params`.as('params'),
      'n.created_at as createdAt',
      'n.read_at as readAt',
    ]);

/**
 * Insert notifications; a (user, dedupe key) pair that already exists is skipped, so a re-run of
 * the same reminder on the same day creates nothing. Returns the ids actually created.
 */
export async function insertNotifications(trx: Tx, rows: NotificationInsert[]): Promise<{ id: string; userId: string; kind: string }[]> {
  const out: { id: string; userId: string; kind: string }[] = [];
  // Chunks keep each statement's parameter count far below PostgreSQL's 65535.
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000);
    const r = await trx
      .insertInto('notifications')
      .values(chunk.map((n) => ({ user_id: n.userId, kind: n.kind, task_id: n.taskId, dedupe_key: n.dedupeKey, params: JSON.stringify(n.params) })))
      .onConflict((oc) => oc.columns(['user_id', 'dedupe_key']).doNothing())
      .returning(['id', 'user_id as userId', 'kind'])
      .execute();
    out.push(...r);
  }
  return out;
}

export const findNotification = (db: Db | Tx, id: string): Promise<NotificationRow | undefined> => base(db).where('n.id', '=', id).executeTakeFirst();

export async function listForUser(db: Db | Tx, userId: string, f: { unreadOnly: boolean; limit: number; offset: number }): Promise<{ total: number; items: NotificationRow[] }> {
  let q = base(db).where('n.user_id', '=', userId);
  if (f.unreadOnly) q = q.where('n.read_at', 'is', null);
  const { n } = await q.clearSelect().select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  const items = await q.orderBy('n.created_at', 'desc').orderBy('n.id', 'desc').limit(f.limit).offset(f.offset).execute();
  return { total: n, items };
}

export async function countUnread(db: Db | Tx, userId: string): Promise<number> {
  const r = await db.selectFrom('notifications').select(sql<number>`count(*)::int`.as('n')).where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirstOrThrow();
  return r.n;
}

/** Mark one notification read; returns false when it already was. */
export async function markRead(trx: Tx, id: string, userId: string): Promise<boolean> {
  const r = await trx.updateTable('notifications').set({ read_at: sql`now()` }).where('id', '=', id).where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function markAllRead(trx: Tx, userId: string): Promise<number> {
  const r = await trx.updateTable('notifications').set({ read_at: sql`now()` }).where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/**
 * Active (not disabled) users of the given units having at least one of `roles`. Users listed
 * in `except` are left out (typically the actor who caused the event).
 */
export async function usersOfUnits(db: Db | Tx, unitIds: readonly string[], roles: readonly Role[], except: readonly string[] = []): Promise<{ id: string; unitId: string }[]> {
  if (unitIds.length === 0 || roles.length === 0) return [];
  let q = db
    .selectFrom('users')
    .select(['id', 'unit_id as unitId'])
    .where('unit_id', 'in', [...unitIds])
    .where('disabled', '=', false)
    .where(sql<boolean>`roles && ${sql.val([...roles])}::text[]`);
  if (except.length) q = q.where('id', 'not in', [...except]);
  return q.orderBy('id').execute();
}

/** What an e-mail needs: the recipient's address and name, and the notification with its task. */
export async function findForEmail(db: Db | Tx, id: string) {
  return base(db)
    .innerJoin('users as us', 'us.id', 'n.user_id')
    .select(['us.email', 'us.display_name as displayName', 'us.disabled'])
    .where('n.id', '=', id)
    .executeTakeFirst();
}
