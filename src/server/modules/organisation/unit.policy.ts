import type { Actor } from '../../kernel/actor.ts';
import { hasRole, isAdmin } from '../../kernel/actor.ts';
import { pathInScope } from '../../kernel/scope.ts';

/**
 * Who may see and change units. The unit directory (names, codes, the tree) is visible to every
 * signed-in user: tasks and situations name lead and coordinating units across the city, so
 * officers must be able to find them. Changing a unit needs administration rights, or a leader or
 * staff officer whose scope contains it. List scope: db/scope.ts `unitInScope` is used for data
 * that hangs off units (people, users, later tasks), not for the directory itself.
 */
export interface UnitRecord {
  id: string;
  path: string;
  communeCode: string | null;
  parentId: string | null;
}

export const canViewUnit = (_actor: Actor, _unit: UnitRecord): boolean => true;

export function canEditUnit(actor: Actor, unit: UnitRecord): boolean {
  if (isAdmin(actor)) return true;
  return hasRole(actor, 'leader', 'staff_officer') && pathInScope(actor, unit.path, unit.communeCode);
}

/** Creating a child is editing the parent; only administrators create roots. */
export function canCreateUnitUnder(actor: Actor, parent: UnitRecord | null): boolean {
  if (parent === null) return isAdmin(actor);
  return canEditUnit(actor, parent);
}

export function unitAbilities(actor: Actor, unit: UnitRecord): Record<string, boolean> {
  return { view: canViewUnit(actor, unit), update: canEditUnit(actor, unit), createChild: canCreateUnitUnder(actor, unit) };
}
