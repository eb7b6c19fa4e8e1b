import type { Actor } from '../../kernel/actor.ts';

/**
 * A notification belongs to one user and is visible to that user only — administrators and
 * operators included: it is personal mail, not a record of the organisation.
 */
export const canViewNotification = (actor: Actor, n: { userId: string }): boolean => actor.userId !== null && actor.userId === n.userId;

/** Reading and marking read go together. */
export const canMarkNotificationRead = canViewNotification;
