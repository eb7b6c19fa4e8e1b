import type { MarkAllRead, Notification, NotificationKind, NotificationListQuery, NotificationPage } from '../../../contracts/notifications.ts';
import type { Role } from '../../../contracts/roles.ts';
import type { Tx } from '../../db/schema.ts';
import { inTransaction } from '../../db/tx.ts';
import { emailDeliveryEnabled, enqueue, QUEUES } from '../../jobs/boss.ts';
import type { Actor } from '../../kernel/actor.ts';
import { writeAudit } from '../../kernel/audit.ts';
import type { Ctx } from '../../kernel/context.ts';
import { hiddenNotFound, notFound } from '../../kernel/errors.ts';
import { canViewNotification } from './notification.policy.ts';
import { presentNotification } from './notification.presenter.ts';
import * as repo from './notification.repository.ts';

/** One notification to create. */
export interface NewNotification {
  userId: string;
  kind: NotificationKind;
  taskId?: string | null;
  /**
   * Makes the notification unique per user: a second one with the same key is skipped
   * (e.g. `task:<id>:overdue:<date>`). Null/absent = always created.
   */
  dedupeKey?: string | null;
  /** Parameters for the message (dates as YYYY-MM-DD, names, counts); no display text. */
  params?: Record<string, unknown>;
}

export interface CreatedNotifications {
  /** Notifications actually created (duplicates by dedupe key are skipped). */
  created: number;
  /** E-mail jobs enqueued with them (0 when SMTP is not configured). */
  emails: number;
  /** Created notifications per kind. */
  byKind: Partial<Record<NotificationKind, number>>;
}

/**
 * Create notifications inside the caller's transaction, audit them as one row, and, when SMTP is
 * configured, enqueue one `email.send` job per created notification in the same transaction.
 * Used by the reminder scan and by use cases of other modules.
 */
export async function createNotifications(trx: Tx, actor: Actor, items: readonly NewNotification[]): Promise<CreatedNotifications> {
  if (items.length === 0) return { created: 0, emails: 0, byKind: {} };
  const rows = await repo.insertNotifications(
    trx,
    items.map((i) => ({ userId: i.userId, kind: i.kind, taskId: i.taskId ?? null, dedupeKey: i.dedupeKey ?? null, params: i.params ?? {} })),
  );
  if (rows.length === 0) return { created: 0, emails: 0, byKind: {} };
  const byKind: Partial<Record<NotificationKind, number>> = {};
  for (const r of rows) byKind[r.kind as NotificationKind] = (byKind[r.kind as NotificationKind] ?? 0) + 1;
  const taskIds = new Set<string>();
  for (const i of items) if (i.taskId) taskIds.add(i.taskId);
  await writeAudit(trx, actor, {
    action: 'notification.created',
    entityType: 'notification',
    entityId: rows.length === 1 ? rows[0]!.id : null,
    data: { created: rows.length, requested: items.length, byKind, taskIds: [...taskIds].slice(0, 200) },
  });
  const emails = emailDeliveryEnabled() ? await enqueue(trx, QUEUES.email, rows.map((r) => ({ notificationId: r.id }))) : 0;
  return { created: rows.length, emails, byKind };
}

/** Roles that receive work notifications of a unit: everyone but read-only viewers. */
export const WORKING_ROLES: readonly Role[] = ['system_admin', 'leader', 'staff_officer', 'unit_officer'];

/**
 * Notify the members of some units (for "a task was assigned to your unit", "your report was
 * returned"…). By default every working role; the acting user is never notified of their own act.
 */
export async function notifyUnitMembers(
  trx: Tx,
  actor: Actor,
  n: { unitIds: readonly string[]; kind: NotificationKind; taskId?: string | null; params?: Record<string, unknown>; dedupeKey?: string | null; roles?: readonly Role[] },
): Promise<CreatedNotifications> {
  const users = await repo.usersOfUnits(trx, n.unitIds, n.roles ?? WORKING_ROLES, actor.userId ? [actor.userId] : []);
  return createNotifications(
    trx,
    actor,
    users.map((u) => ({ userId: u.id, kind: n.kind, taskId: n.taskId ?? null, dedupeKey: n.dedupeKey ?? null, params: n.params ?? {} })),
  );
}

/** Users of some units with some roles (recipient lists for the reminder scan). */
export const recipientsOfUnits = (trx: Tx, unitIds: readonly string[], roles: readonly Role[] = WORKING_ROLES) => repo.usersOfUnits(trx, unitIds, roles);

/** The actor's own notifications, newest first. */
export async function listMyNotifications(ctx: Ctx, actor: Actor, q: NotificationListQuery): Promise<NotificationPage> {
  if (!actor.userId) return { total: 0, limit: q.limit, offset: q.offset, items: [], unread: 0 };
  const r = await repo.listForUser(ctx.db, actor.userId, { unreadOnly: q.unread === 'true', limit: q.limit, offset: q.offset });
  const unread = q.unread === 'true' ? r.total : await repo.countUnread(ctx.db, actor.userId);
  return { total: r.total, limit: q.limit, offset: q.offset, items: r.items.map(presentNotification), unread };
}

export async function countMyUnread(ctx: Ctx, actor: Actor): Promise<{ unread: number }> {
  return { unread: actor.userId ? await repo.countUnread(ctx.db, actor.userId) : 0 };
}

/** Mark one of the actor's notifications read (idempotent). Someone else's answers 404. */
export async function markNotificationRead(ctx: Ctx, actor: Actor, id: string): Promise<Notification> {
  return inTransaction(ctx.db, async (trx) => {
    const row = await repo.findNotification(trx, id);
    if (!row) throw notFound('notification', id);
    if (!canViewNotification(actor, row)) throw hiddenNotFound('notification', id);
    if (await repo.markRead(trx, id, row.userId)) {
      await writeAudit(trx, actor, { action: 'notification.read', entityType: 'notification', entityId: id, data: {} });
    }
    return presentNotification((await repo.findNotification(trx, id))!);
  });
}

/** Mark all of the actor's notifications read; audited as one row with the count. */
export async function markAllMyNotificationsRead(ctx: Ctx, actor: Actor): Promise<MarkAllRead> {
  const userId = actor.userId;
  if (!userId) return { marked: 0 };
  return inTransaction(ctx.db, async (trx) => {
    const marked = await repo.markAllRead(trx, userId);
    if (marked > 0) await writeAudit(trx, actor, { action: 'notification.read_all', entityType: 'notification', entityId: null, data: { marked } });
    return { marked };
  });
}
