import type { Notification, NotificationKind } from '../../../contracts/notifications.ts';
import { taskCode } from '../tasks/task.ts';
import type { NotificationRow } from './notification.repository.ts';

/** Row → response. Kinds are written only through `createNotifications` (typed), so the cast holds. */
export function presentNotification(r: NotificationRow): Notification {
  return {
    id: r.id,
    kind: r.kind as NotificationKind,
    task: r.taskId && r.taskNumber !== null && r.taskTitle !== null ? { id: r.taskId, code: taskCode(r.taskNumber), title: r.taskTitle } : null,
    params: r.params ?? {},
    createdAt: r.createdAt.toISOString(),
    readAt: r.readAt ? r.readAt.toISOString() : null,
  };
}
