import { unitInScope } from '../../db/scope.ts';
import type { Actor } from '../../kernel/actor.ts';
import { hasRole, isAdmin } from '../../kernel/actor.ts';
import { pathInScope } from '../../kernel/scope.ts';

/**
 * Who may do what with awards. Kept simple and role-based (ADR 004: a role says what, the scope
 * says on which records); the nominee's unit (the collective, or the person's unit) decides.
 *
 * - See a nomination, a decision's awardee, the history of a person or unit: administrators and
 *   users whose scope contains that unit (404 otherwise, as elsewhere).
 * - Nominate (lập hồ sơ đề nghị): leaders and staff officers (the unit's leadership and its
 *   emulation staff) whose scope contains the nominee's unit; administrators. Not unit officers,
 *   not viewers (403).
 * - Record the emulation council's review (biên bản họp xét: members, opinions, votes): the council
 *   is the hội đồng thi đua, khen thưởng of the level whose scope contains the nominee; its standing
 *   office records the meeting — leaders and staff officers with that scope. The council members
 *   themselves are listed by name in the record (they need no account).
 * - Issue a decision (ký quyết định): leaders whose scope contains every awardee's unit, and
 *   administrators; recording a decision issued outside the platform likewise.
 */
export interface AwardUnitRef {
  path: string;
  communeCode: string | null;
}

export const canSeeAwardsOf = (actor: Actor, u: AwardUnitRef): boolean => isAdmin(actor) || pathInScope(actor, u.path, u.communeCode);

export const canNominate = (actor: Actor, u: AwardUnitRef): boolean => isAdmin(actor) || (hasRole(actor, 'leader', 'staff_officer') && pathInScope(actor, u.path, u.communeCode));

export interface NominationAccess {
  state: string;
  unit: AwardUnitRef;
}

export const canViewNomination = (actor: Actor, n: NominationAccess): boolean => canSeeAwardsOf(actor, n.unit);

export const canRecordReview = (actor: Actor, n: NominationAccess): boolean => n.state === 'proposed' && canNominate(actor, n.unit);

export const canIssueFor = (actor: Actor, u: AwardUnitRef): boolean => isAdmin(actor) || (hasRole(actor, 'leader') && pathInScope(actor, u.path, u.communeCode));

export const canIssueDecision = (actor: Actor, n: NominationAccess): boolean => n.state === 'approved' && canIssueFor(actor, n.unit);

export const canIssueAny = (actor: Actor): boolean => isAdmin(actor) || hasRole(actor, 'leader');
export const canNominateAny = (actor: Actor): boolean => isAdmin(actor) || hasRole(actor, 'leader', 'staff_officer');

export function nominationAbilities(actor: Actor, n: NominationAccess): Record<string, boolean> {
  return {
    view: canViewNomination(actor, n),
    recordReview: canRecordReview(actor, n),
    issueDecision: canIssueDecision(actor, n),
  };
}

type Eb = Parameters<typeof unitInScope>[0];
type Cond = ReturnType<typeof unitInScope>;

/** The list scope: SQL mirror of `canViewNomination`; expects `units as u` joined on the nominee's unit. */
export function visibleNominationsScope(eb: Eb, actor: Actor): Cond {
  return unitInScope(eb, actor);
}
