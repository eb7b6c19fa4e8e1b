import type { User } from '../../../contracts/accounts.ts';
import type { Role } from '../../../contracts/roles.ts';
import type { Actor } from '../../kernel/actor.ts';
import { userAbilities } from './user.policy.ts';
import type { UserRow } from './user.repository.ts';

export function presentUser(actor: Actor, r: UserRow, scopeUnitIds: string[], communeCodes: string[]): User {
  return {
    id: r.id,
    username: r.username,
    displayName: r.displayName,
    email: r.email,
    unitId: r.unitId,
    unitName: r.unitName,
    roles: r.roles as Role[],
    scopeUnitIds,
    communeCodes,
    disabled: r.disabled,
    lockedUntil: r.lockedUntil && r.lockedUntil > new Date() ? r.lockedUntil.toISOString() : null,
    lastLoginAt: r.lastLoginAt ? r.lastLoginAt.toISOString() : null,
    createdAt: r.createdAt.toISOString(),
    version: r.version,
    abilities: userAbilities(actor, r),
  };
}
