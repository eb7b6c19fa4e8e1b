import type { Actor } from '../../kernel/actor.ts';
import { isAdmin } from '../../kernel/actor.ts';

/**
 * Accounts are managed by system administrators. Everyone else sees only their own account; any
 * other account answers 404 to them. A user may change their own password but not their roles.
 */
export interface UserRecord {
  id: string;
}

export const canListUsers = (actor: Actor): boolean => isAdmin(actor);
export const canViewUser = (actor: Actor, u: UserRecord): boolean => isAdmin(actor) || actor.userId === u.id;
export const canCreateUser = (actor: Actor): boolean => isAdmin(actor);
export const canUpdateUser = (actor: Actor, _u: UserRecord): boolean => isAdmin(actor);
export const canResetPassword = (actor: Actor, _u: UserRecord): boolean => isAdmin(actor);
export const canDisableUser = (actor: Actor, u: UserRecord): boolean => isAdmin(actor) && actor.userId !== u.id;

export const userAbilities = (actor: Actor, u: UserRecord): Record<string, boolean> => ({
  view: canViewUser(actor, u),
  update: canUpdateUser(actor, u),
  resetPassword: canResetPassword(actor, u),
  disable: canDisableUser(actor, u),
});
