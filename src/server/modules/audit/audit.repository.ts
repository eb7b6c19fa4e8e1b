import { sql } from 'kysely';
import type { Db } from '../../db/schema.ts';

export interface AuditRow {
  seq: number;
  at: Date;
  actorUserId: string | null;
  actorName: string;
  action: string;
  entityType: string;
  entityId: string | null;
  data: unknown;
  prevHash: string;
  hash: string;
}

const cols = ['seq', 'at', 'actor_user_id as actorUserId', 'actor_name as actorName', 'action', 'entity_type as entityType', 'entity_id as entityId', 'data', 'prev_hash as prevHash', 'hash'] as const;

export async function listAudit(
  db: Db,
  f: { action?: string | undefined; entityType?: string | undefined; entityId?: string | undefined; actorUserId?: string | undefined; from?: string | undefined; to?: string | undefined; limit: number; offset: number },
) {
  let q = db.selectFrom('audit_log').select([...cols]);
  if (f.action) q = q.where('action', 'like', `${f.action.replace(/[\\%_]/g, (c) => '\\' + c)}%`);
  if (f.entityType) q = q.where('entity_type', '=', f.entityType);
  if (f.entityId) q = q.where('entity_id', '=', f.entityId);
  if (f.actorUserId) q = q.where('actor_user_id', '=', f.actorUserId);
  // Dates are calendar days in Asia/Ho_Chi_Minh.
  if (f.from) q = q.where('at', '>=', sql<Date>`(${f.from}::date)::timestamp at time zone 'Asia/Ho_Chi_Minh'`);
  if (f.to) q = q.where('at', '<', sql<Date>`((${f.to}::date) + 1)::timestamp at time zone 'Asia/Ho_Chi_Minh'`);
  const { n } = await q.clearSelect().select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  const items = (await q.orderBy('seq', 'desc').limit(f.limit).offset(f.offset).execute()) as AuditRow[];
  return { total: n, items };
}

/** Read the chain in order, in batches, for verification. */
export async function* auditInOrder(db: Db, batch = 2000): AsyncGenerator<AuditRow> {
  let after = 0;
  for (;;) {
    const rows = (await db.selectFrom('audit_log').select([...cols]).where('seq', '>', after).orderBy('seq').limit(batch).execute()) as AuditRow[];
    if (rows.length === 0) return;
    for (const r of rows) yield r;
    after = rows[rows.length - 1]!.seq;
  }
}

export async function userNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}
