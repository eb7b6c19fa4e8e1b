import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Tx } from '../db/schema.ts';
import type { Actor } from './actor.ts';
import { canonicalJson } from './canonical.ts';

/** Hash of the row before the first one. */
export const GENESIS_HASH = '0'.repeat(64);
/** Advisory lock key that serialises appends so the chain stays linear under concurrency. */
const AUDIT_LOCK_KEY = 7_406_300_001;

export interface AuditInput {
  action: string;
  entityType: string;
  entityId?: string | null;
  data?: Record<string, unknown>;
}

export interface HashedFields {
  at: string;
  actorUserId: string | null;
  actorName: string;
  action: string;
  entityType: string;
  entityId: string | null;
  data: unknown;
}

/** The hash of one audit row: sha256 over the previous hash and the row's canonical JSON. */
export function auditHash(prevHash: string, f: HashedFields): string {
  return createHash('sha256')
    .update(prevHash)
    .update('\n')
    .update(canonicalJson({ at: f.at, actorUserId: f.actorUserId, actorName: f.actorName, action: f.action, entityType: f.entityType, entityId: f.entityId, data: f.data }))
    .digest('hex');
}

/**
 * Append an audit row. Must be called with the transaction that makes the change, so the change
 * and its record commit or roll back together.
 */
export async function writeAudit(trx: Tx, actor: Actor, input: AuditInput): Promise<void> {
  await sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`.execute(trx);
  const last = await trx.selectFrom('audit_log').select('hash').orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const prevHash = last?.hash ?? GENESIS_HASH;
  const fields: HashedFields = {
    at: new Date().toISOString(),
    actorUserId: actor.userId,
    actorName: actor.username,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId ?? null,
    data: JSON.parse(canonicalJson(input.data ?? {})),
  };
  const hash = auditHash(prevHash, fields);
  await trx
    .insertInto('audit_log')
    .values({
      at: new Date(fields.at),
      actor_user_id: fields.actorUserId,
      actor_name: fields.actorName,
      action: fields.action,
      entity_type: fields.entityType,
      entity_id: fields.entityId,
      data: JSON.stringify(fields.data),
      prev_hash: prevHash,
      hash,
    })
    .execute();
}
