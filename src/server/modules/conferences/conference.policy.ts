import type { Actor } from '../../kernel/actor.ts';
import { hasRole, isAdmin } from '../../kernel/actor.ts';
import { pathInScope } from '../../kernel/scope.ts';

/**
 * Who may see and change conferences (hội nghị). A conference is visible to administrators, to
 * leaders whose scope is a whole territory (a root of the organisation such as the city: they
 * follow every conference held about it), and to users whose scope contains the host unit or any
 * participating unit. Creating and editing is for administrators, leaders and staff officers whose
 * scope contains the host unit. List scope: conference.repository.ts `visibleConferences`.
 */
export interface UnitRef {
  path: string;
  communeCode: string | null;
}

export interface ConferenceAccess {
  host: UnitRef;
  units: UnitRef[];
}

/** A leader whose scope is a root of the unit tree ("/<id>/"), e.g. the city. */
export const seesAllConferences = (actor: Actor): boolean =>
  isAdmin(actor) || (hasRole(actor, 'leader') && actor.scopePaths.some((p) => p.split('/').filter(Boolean).length === 1));

export function canViewConference(actor: Actor, c: ConferenceAccess): boolean {
  if (seesAllConferences(actor)) return true;
  return [c.host, ...c.units].some((u) => pathInScope(actor, u.path, u.communeCode));
}

export function canHostConference(actor: Actor, host: UnitRef): boolean {
  if (isAdmin(actor)) return true;
  return hasRole(actor, 'leader', 'staff_officer') && pathInScope(actor, host.path, host.communeCode);
}

export const canEditConference = (actor: Actor, c: ConferenceAccess): boolean => canViewConference(actor, c) && canHostConference(actor, c.host);

/** Import needs the right to create a conference somewhere. */
export const canImportConference = (actor: Actor): boolean => hasRole(actor, 'system_admin', 'leader', 'staff_officer');

export function conferenceAbilities(actor: Actor, c: ConferenceAccess): Record<string, boolean> {
  const edit = canEditConference(actor, c);
  return { view: canViewConference(actor, c), update: edit, setItems: edit };
}
