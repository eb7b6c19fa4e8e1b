import type { Role } from '../../contracts/roles.ts';

/**
 * Who is acting. Built by the HTTP auth layer from a session, by the CLI as an explicit operator,
 * or by a job from the actor id in its payload. Use cases take this, never a request.
 */
export interface Actor {
  kind: 'user' | 'operator' | 'system';
  userId: string | null;
  username: string;
  unitId: string | null;
  roles: readonly Role[];
  /** Roots of the unit subtrees the actor may see (always includes their own unit for users). */
  scopeUnitIds: readonly string[];
  /** Materialised paths of those roots ("/id/…/id/"), for prefix filters. */
  scopePaths: readonly string[];
  /** Commune codes assigned to the actor. */
  communeCodes: readonly string[];
}

/** The CLI acts as an operator with full rights; its actions are audited under this name. */
export function operatorActor(name = 'cli'): Actor {
  return { kind: 'operator', userId: null, username: `operator:${name}`, unitId: null, roles: ['system_admin'], scopeUnitIds: [], scopePaths: [], communeCodes: [] };
}

export function systemActor(name: string): Actor {
  return { kind: 'system', userId: null, username: `system:${name}`, unitId: null, roles: ['system_admin'], scopeUnitIds: [], scopePaths: [], communeCodes: [] };
}

export const hasRole = (actor: Actor, ...roles: Role[]): boolean => roles.some((r) => actor.roles.includes(r));
export const isAdmin = (actor: Actor): boolean => actor.roles.includes('system_admin');
