import type { AuditEntry } from '../../../contracts/audit.ts';
import { inTransaction } from '../../db/tx.ts';
import type { Actor } from '../../kernel/actor.ts';
import { auditHash, GENESIS_HASH, writeAudit } from '../../kernel/audit.ts';
import type { Ctx } from '../../kernel/context.ts';
import { forbidden } from '../../kernel/errors.ts';
import { canReadAudit } from './audit.policy.ts';
import * as repo from './audit.repository.ts';

export async function listAuditEntries(ctx: Ctx, actor: Actor, q: Parameters<typeof repo.listAudit>[1]) {
  if (!canReadAudit(actor)) throw forbidden('audit.read');
  const r = await repo.listAudit(ctx.db, q);
  const names = await repo.userNames(ctx.db, [...new Set(r.items.map((i) => i.actorUserId).filter((x): x is string => !!x))]);
  const items: AuditEntry[] = r.items.map((i) => ({
    seq: i.seq,
    at: i.at.toISOString(),
    actorUserId: i.actorUserId,
    actorName: (i.actorUserId && names.get(i.actorUserId)) || i.actorName,
    action: i.action,
    entityType: i.entityType,
    entityId: i.entityId,
    data: i.data,
    hash: i.hash,
  }));
  return { total: r.total, limit: q.limit, offset: q.offset, items };
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  firstBrokenSeq: number | null;
  reason: string | null;
}

/**
 * Walk the chain from the first row: each row's prev_hash must equal the previous row's hash, and
 * its hash must equal the hash recomputed from its content. Names the first broken row.
 */
export async function verifyAuditChain(ctx: Ctx, actor: Actor): Promise<VerifyResult> {
  if (!canReadAudit(actor)) throw forbidden('audit.verify');
  let prev = GENESIS_HASH;
  let checked = 0;
  for await (const r of repo.auditInOrder(ctx.db)) {
    if (r.prevHash !== prev) return { ok: false, checked, firstBrokenSeq: r.seq, reason: 'prev_hash_mismatch' };
    const expected = auditHash(prev, { at: r.at.toISOString(), actorUserId: r.actorUserId, actorName: r.actorName, action: r.action, entityType: r.entityType, entityId: r.entityId, data: r.data });
    if (expected !== r.hash) return { ok: false, checked, firstBrokenSeq: r.seq, reason: 'content_mismatch' };
    prev = r.hash;
    checked++;
  }
  return { ok: true, checked, firstBrokenSeq: null, reason: null };
}

/** A refused access (403, or 404 for a record outside scope) is logged in the trail. */
export async function recordAccessDenied(ctx: Ctx, actor: Actor, detail: { status: number; method: string; route: string; entity?: unknown; id?: unknown; action?: unknown }) {
  await inTransaction(ctx.db, (trx) =>
    writeAudit(trx, actor, { action: 'access.denied', entityType: String(detail.entity ?? 'route'), entityId: detail.id ? String(detail.id) : null, data: { ...detail } }),
  );
}
