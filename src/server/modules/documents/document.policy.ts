import type { Actor } from '../../kernel/actor.ts';
import { hasRole, isAdmin } from '../../kernel/actor.ts';
import { pathInScope } from '../../kernel/scope.ts';

/**
 * Who may see and change documents (văn bản). The registry of directive documents is shared by
 * every signed-in user: tasks, conferences and reports cite them across units. A document marked
 * 'secret' (mật) is visible only to administrators and to users whose scope contains its owner
 * unit. Registering and editing documents is staff work: administrators, leaders and staff
 * officers (tham mưu); unit officers and viewers read only. List scope: document.repository.ts
 * `visibleDocuments` mirrors `canViewDocument` in SQL.
 */
export interface DocumentAccess {
  classification: string;
  ownerUnitPath: string | null;
  ownerUnitCommune: string | null;
}

export function canViewDocument(actor: Actor, d: DocumentAccess): boolean {
  if (d.classification !== 'secret') return true;
  if (isAdmin(actor)) return true;
  return d.ownerUnitPath !== null && pathInScope(actor, d.ownerUnitPath, d.ownerUnitCommune);
}

/** Roles that keep the registry. */
export const canCreateDocument = (actor: Actor): boolean => hasRole(actor, 'system_admin', 'leader', 'staff_officer');

export const canEditDocument = (actor: Actor, d: DocumentAccess): boolean => canViewDocument(actor, d) && canCreateDocument(actor);

/** A secret document must be owned by a unit the actor answers for, or they could not see it afterwards. */
export function canOwnSecret(actor: Actor, owner: { path: string; communeCode: string | null } | null): boolean {
  if (isAdmin(actor)) return true;
  return owner !== null && pathInScope(actor, owner.path, owner.communeCode);
}

export function documentAbilities(actor: Actor, d: DocumentAccess): Record<string, boolean> {
  const edit = canEditDocument(actor, d);
  return { view: canViewDocument(actor, d), update: edit, setClauses: edit, relate: edit, attach: edit };
}
