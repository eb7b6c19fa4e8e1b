import type { Role } from '../../../contracts/roles.ts';
import { unitInScope } from '../../db/scope.ts';
import type { Actor } from '../../kernel/actor.ts';
import { hasRole, isAdmin } from '../../kernel/actor.ts';
import { pathInScope } from '../../kernel/scope.ts';

/**
 * Who may see and run review cycles (sơ kết / tổng kết). Record abilities (in memory) and the list
 * scope (SQL) live together here.
 *
 * Visibility of a cycle: administrators; users whose scope (unit subtrees, assigned communes —
 * ADR 004) contains the cycle's scope unit ("the whole review"); and users whose own scope lies
 * inside the cycle's scope (a commune officer sees the city's review, but only the scorecards of
 * units in their scope). Others get 404.
 *
 * Scorecards: a unit's scorecard is compiled and shown only to users whose scope contains that unit
 * (404 otherwise); the total row only to those who see the whole review.
 *
 * Acting (403 when visible but not allowed):
 * - open a cycle: administrators, leaders and staff officers whose scope contains the scope unit;
 * - manage it (agenda, record and edit corrective actions, close an action, close the cycle): the
 *   same people for its scope unit, while the cycle is open;
 * - move an action between open and in progress: also the working members (any role but viewer)
 *   of the action's owner unit — they report what they did; closing stays with the managers.
 */
export interface ReviewUnitRef {
  id: string;
  path: string;
  communeCode: string | null;
}

export interface CycleAccess {
  state: string;
  scopeUnit: ReviewUnitRef;
}

const WORKING_ROLES: Role[] = ['system_admin', 'leader', 'staff_officer', 'unit_officer'];

export const canSeeUnit = (actor: Actor, u: ReviewUnitRef): boolean => pathInScope(actor, u.path, u.communeCode);

/** Sees every unit of the review (and its total). */
export const seesWholeCycle = (actor: Actor, c: CycleAccess): boolean => canSeeUnit(actor, c.scopeUnit);

export function canViewCycle(actor: Actor, c: CycleAccess): boolean {
  if (isAdmin(actor) || seesWholeCycle(actor, c)) return true;
  return actor.scopePaths.some((p) => p.startsWith(c.scopeUnit.path));
}

export function canOpenCycle(actor: Actor, scopeUnit: ReviewUnitRef): boolean {
  if (isAdmin(actor)) return true;
  return hasRole(actor, 'leader', 'staff_officer') && canSeeUnit(actor, scopeUnit);
}

export const canManageCycle = (actor: Actor, c: CycleAccess): boolean => canViewCycle(actor, c) && canOpenCycle(actor, c.scopeUnit);
export const canEditCycle = (actor: Actor, c: CycleAccess): boolean => c.state === 'open' && canManageCycle(actor, c);

export interface ActionAccess {
  status: string;
  recordedInCycleId: string;
  owner: ReviewUnitRef;
}

/** Edit the wording, owner or deadline: managers, in the review where it was recorded, while not closed. */
export const canUpdateAction = (actor: Actor, c: CycleAccess & { id: string }, a: ActionAccess): boolean =>
  canEditCycle(actor, c) && a.status !== 'closed' && a.recordedInCycleId === c.id;

/** Open ⇄ in progress. */
export function canProgressAction(actor: Actor, c: CycleAccess, a: ActionAccess): boolean {
  if (c.state !== 'open' || a.status === 'closed' || !canViewCycle(actor, c)) return false;
  if (canManageCycle(actor, c)) return true;
  return actor.unitId === a.owner.id && hasRole(actor, ...WORKING_ROLES);
}

export const canCloseAction = (actor: Actor, c: CycleAccess, a: ActionAccess): boolean => a.status !== 'closed' && canEditCycle(actor, c);

export function cycleAbilities(actor: Actor, c: CycleAccess): Record<string, boolean> {
  const edit = canEditCycle(actor, c);
  return { view: canViewCycle(actor, c), compile: canViewCycle(actor, c), seeTotal: seesWholeCycle(actor, c), setAgenda: edit, recordAction: edit, close: edit };
}

export function actionAbilities(actor: Actor, c: CycleAccess & { id: string }, a: ActionAccess): Record<string, boolean> {
  return { update: canUpdateAction(actor, c, a), progress: canProgressAction(actor, c, a), close: canCloseAction(actor, c, a) };
}

type Eb = Parameters<typeof unitInScope>[0];
type Cond = ReturnType<typeof unitInScope>;

/** The list scope: SQL mirror of `canViewCycle`. Expects the scope unit aliased `su`. */
export function visibleCyclesScope(eb: Eb, actor: Actor): Cond {
  if (isAdmin(actor)) return eb.lit(true);
  const ors: Cond[] = [unitInScope(eb, actor, { path: 'su.path', commune: 'su.commune_code' })];
  // The actor's scope root lies inside the cycle's scope: the scope unit's path is a prefix of it.
  for (const p of actor.scopePaths) ors.push(eb(eb.fn('left', [eb.val(p), eb.fn('length', [eb.ref('su.path')])]), '=', eb.ref('su.path')));
  return eb.or(ors);
}
