import type { Actor } from '../../kernel/actor.ts';
import { hasRole, isAdmin } from '../../kernel/actor.ts';
import { pathInScope } from '../../kernel/scope.ts';

/**
 * People (cán bộ) are personal data: visible only within the actor's scope (their unit subtrees
 * and assigned communes). The list scope is `unitInScope` on the person's unit (db/scope.ts).
 */
export interface PersonRecord {
  unitPath: string;
  unitCommune: string | null;
}

export const canViewPerson = (actor: Actor, p: PersonRecord): boolean => pathInScope(actor, p.unitPath, p.unitCommune);

export const canEditPerson = (actor: Actor, p: PersonRecord): boolean =>
  isAdmin(actor) || (hasRole(actor, 'leader', 'staff_officer') && canViewPerson(actor, p));

export const personAbilities = (actor: Actor, p: PersonRecord): Record<string, boolean> => ({ view: canViewPerson(actor, p), update: canEditPerson(actor, p) });
