import type { Role } from '../../../contracts/roles.ts';
import type { TipState } from '../../../contracts/tips.ts';
import { unitInScope } from '../../db/scope.ts';
import type { Actor } from '../../kernel/actor.ts';
import { hasRole, isAdmin } from '../../kernel/actor.ts';
import { pathInScope } from '../../kernel/scope.ts';

/**
 * Who may see and handle citizen tips. Record abilities (in memory) and the list scope (SQL) live
 * together so they cannot drift; a test asserts that every listed tip passes `canViewTip`.
 *
 * Visibility: administrators; users whose scope (unit subtrees, assigned communes — ADR 004)
 * contains the receiving unit (the commune police of the tip's commune) or the handling unit (the
 * investigating unit after transfer). So the commune police sees its commune's tips, leaders above
 * see their subtree, and commune A never sees commune B's tips (404).
 *
 * Handling (record receipt, classify, transfer, extend, suspend, restore, ask, record the outcome,
 * mark the sender notified): working members (not viewers) of the handling unit, leaders and staff
 * officers whose scope contains the handling unit, administrators.
 *
 * The sender's identity: ONLY members of the handling unit with role unit_officer, staff_officer
 * or leader — not viewers, not leaders above, not administrators, not other communes. A user who
 * can see the tip but may not read the identity gets 403; one who cannot see the tip gets 404.
 * Every read is audited (`tip.reporter_read`).
 */
export interface TipUnitRef {
  id: string;
  path: string;
  communeCode: string | null;
}

export interface TipAccessRecord {
  state: TipState;
  classification: string | null;
  receivingUnit: TipUnitRef;
  handlingUnit: TipUnitRef;
  hasReporter: boolean;
  hasOutcome: boolean;
  senderNotified: boolean;
  /** Already linked to a situation. */
  linked?: boolean;
}

const HANDLER_ROLES: Role[] = ['leader', 'staff_officer', 'unit_officer'];
const inScope = (actor: Actor, u: TipUnitRef): boolean => pathInScope(actor, u.path, u.communeCode);

export function canViewTip(actor: Actor, t: Pick<TipAccessRecord, 'receivingUnit' | 'handlingUnit'>): boolean {
  if (isAdmin(actor)) return true;
  return inScope(actor, t.receivingUnit) || inScope(actor, t.handlingUnit);
}

export function isTipHandler(actor: Actor, t: TipAccessRecord): boolean {
  if (!canViewTip(actor, t)) return false;
  if (isAdmin(actor)) return true;
  if (actor.unitId === t.handlingUnit.id && hasRole(actor, ...HANDLER_ROLES)) return true;
  return hasRole(actor, 'leader', 'staff_officer') && inScope(actor, t.handlingUnit);
}

export function canReadReporter(actor: Actor, t: TipAccessRecord): boolean {
  return canViewTip(actor, t) && actor.kind === 'user' && actor.unitId === t.handlingUnit.id && hasRole(actor, ...HANDLER_ROLES);
}

const can = (actor: Actor, t: TipAccessRecord, states: readonly TipState[]): boolean => states.includes(t.state) && isTipHandler(actor, t);

export const canRecordReceipt = (a: Actor, t: TipAccessRecord) => can(a, t, ['received']);
export const canClassify = (a: Actor, t: TipAccessRecord) => can(a, t, ['recorded']);
export const canTransfer = (a: Actor, t: TipAccessRecord) => can(a, t, ['classified']) && (t.classification === 'within_competence' || t.classification === 'transfer');
export const canExtend = (a: Actor, t: TipAccessRecord) => can(a, t, ['transferred']);
export const canSuspend = (a: Actor, t: TipAccessRecord) => can(a, t, ['transferred']);
export const canRestore = (a: Actor, t: TipAccessRecord) => can(a, t, ['suspended']);
export const canDecide = (a: Actor, t: TipAccessRecord) => can(a, t, ['transferred']);
export const canAsk = (a: Actor, t: TipAccessRecord) => can(a, t, ['received', 'recorded', 'classified', 'transferred', 'suspended']);
export const canNotifySender = (a: Actor, t: TipAccessRecord) => can(a, t, ['decided', 'suspended']) && t.hasOutcome && !t.senderNotified;

/** Open or join a situation from the tip: its handlers, once, while it is a crime source being handled. */
export const canLinkIncident = (a: Actor, t: TipAccessRecord) => t.linked !== true && can(a, t, ['received', 'recorded', 'classified', 'transferred', 'suspended', 'decided']);

export function tipAbilities(actor: Actor, t: TipAccessRecord): Record<string, boolean> {
  return {
    view: canViewTip(actor, t),
    recordReceipt: canRecordReceipt(actor, t),
    classify: canClassify(actor, t),
    transfer: canTransfer(actor, t),
    extend: canExtend(actor, t),
    suspend: canSuspend(actor, t),
    restore: canRestore(actor, t),
    decide: canDecide(actor, t),
    ask: canAsk(actor, t),
    notifySender: canNotifySender(actor, t),
    readReporter: t.hasReporter && canReadReporter(actor, t),
    linkIncident: canLinkIncident(actor, t),
  };
}

type Eb = Parameters<typeof unitInScope>[0];
type Cond = ReturnType<typeof unitInScope>;

/** The list scope: SQL mirror of `canViewTip`; expects `tips as t`, `units as ru` (receiving), `units as hu` (handling). */
export function visibleTipsScope(eb: Eb, actor: Actor): Cond {
  if (isAdmin(actor)) return eb.lit(true);
  return eb.or([unitInScope(eb, actor, { path: 'ru.path', commune: 'ru.commune_code' }), unitInScope(eb, actor, { path: 'hu.path', commune: 'hu.commune_code' })]);
}
