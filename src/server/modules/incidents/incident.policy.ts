import type { Role } from '../../../contracts/roles.ts';
import { unitInScope } from '../../db/scope.ts';
import type { Actor } from '../../kernel/actor.ts';
import { hasRole, isAdmin } from '../../kernel/actor.ts';
import { pathInScope } from '../../kernel/scope.ts';

/**
 * Who may see and act on security and order situations. Record abilities (in memory) and the list
 * scope (SQL) live together here; a test asserts every listed situation passes `canViewIncident`.
 *
 * Visibility: administrators; otherwise a situation is visible when any of its units — lead,
 * supporting, assigning, overseeing (the level it was escalated to) or the police unit of its
 * commune — lies in the user's scope (unit subtrees and assigned communes, ADR 004), or when its
 * commune is assigned to the user. Leaders above those units therefore see it.
 *
 * A unit's "side": a working member of the unit (any role but viewer), a leader or staff officer
 * whose scope contains the unit, or an administrator.
 * - the lead side logs, adds supporting units, escalates, changes the category, proposes the
 *   situation as significant and files the closing report (first key);
 * - the overseeing side (the unit that assigned the situation, or the unit of the level it was
 *   escalated to) does the same except the closing report, de-escalates, and holds the second key:
 *   confirms or returns the closure and reopens. A working member of the overseeing unit holds it
 *   only when that unit is not the lead unit itself; the user who filed the closing report never
 *   confirms it;
 * - a supporting unit's side logs for that unit and may propose significance;
 * - verification of significance (the "significant events controller" of WebEOC): leaders and
 *   staff officers whose scope contains the overseeing unit, and administrators.
 */
export interface IncidentUnitRef {
  id: string;
  path: string;
  communeCode: string | null;
}

export interface IncidentAccessRecord {
  communeCode: string;
  state: string;
  level: string;
  significance: string;
  closingReportedBy: string | null;
  leadUnit: IncidentUnitRef;
  assigningUnit: IncidentUnitRef;
  overseeingUnit: IncidentUnitRef;
  supporting: IncidentUnitRef[];
  communePolice: IncidentUnitRef[];
}

const WORKING_ROLES: Role[] = ['system_admin', 'leader', 'staff_officer', 'unit_officer'];
const isWorkingMemberOf = (actor: Actor, unitId: string): boolean => actor.unitId === unitId && hasRole(actor, ...WORKING_ROLES);
const inScope = (actor: Actor, u: IncidentUnitRef): boolean => pathInScope(actor, u.path, u.communeCode);

/** Whether the actor acts for a unit (member, leader/staff above it, administrator). */
export function actsFor(actor: Actor, u: IncidentUnitRef): boolean {
  if (isAdmin(actor)) return true;
  if (isWorkingMemberOf(actor, u.id)) return true;
  return hasRole(actor, 'leader', 'staff_officer') && inScope(actor, u);
}

export function canViewIncident(actor: Actor, i: IncidentAccessRecord): boolean {
  if (isAdmin(actor)) return true;
  if (actor.communeCodes.includes(i.communeCode)) return true;
  return [i.leadUnit, i.assigningUnit, i.overseeingUnit, ...i.supporting, ...i.communePolice].some((u) => inScope(actor, u));
}

const isLeadSide = (a: Actor, i: IncidentAccessRecord) => actsFor(a, i.leadUnit);
/** The second key: the level that assigned or to which the situation was escalated. */
export function isOverseer(actor: Actor, i: IncidentAccessRecord): boolean {
  if (isAdmin(actor)) return true;
  if (i.overseeingUnit.id !== i.leadUnit.id && isWorkingMemberOf(actor, i.overseeingUnit.id)) return true;
  return hasRole(actor, 'leader', 'staff_officer') && inScope(actor, i.overseeingUnit);
}
const steers = (a: Actor, i: IncidentAccessRecord) => isLeadSide(a, i) || isOverseer(a, i);
const live = (i: IncidentAccessRecord) => i.state !== 'closed';

export function canLogFor(actor: Actor, i: IncidentAccessRecord, unitId: string): boolean {
  if (!canViewIncident(actor, i) || !live(i)) return false;
  const u = [i.leadUnit, i.overseeingUnit, ...i.supporting].find((x) => x.id === unitId);
  return !!u && actsFor(actor, u);
}
export const canAddSupporting = (a: Actor, i: IncidentAccessRecord) => canViewIncident(a, i) && i.state === 'open' && steers(a, i);
export const canEscalate = (a: Actor, i: IncidentAccessRecord) => canViewIncident(a, i) && i.state === 'open' && i.level !== 'leadership' && steers(a, i);
export const canDeescalate = (a: Actor, i: IncidentAccessRecord) => canViewIncident(a, i) && i.state === 'open' && i.level !== 'commune' && isOverseer(a, i);
export const canChangeCategory = (a: Actor, i: IncidentAccessRecord) => canViewIncident(a, i) && live(i) && steers(a, i);
export const canProposeSignificant = (a: Actor, i: IncidentAccessRecord) =>
  canViewIncident(a, i) && live(i) && i.significance === 'none' && (steers(a, i) || i.supporting.some((s) => actsFor(a, s)));
export const canVerifySignificant = (a: Actor, i: IncidentAccessRecord) =>
  canViewIncident(a, i) && i.significance === 'proposed' && (isAdmin(a) || (hasRole(a, 'leader', 'staff_officer') && inScope(a, i.overseeingUnit)));
export const canReportClosing = (a: Actor, i: IncidentAccessRecord) => canViewIncident(a, i) && i.state === 'open' && isLeadSide(a, i);
export const canDecideClosure = (a: Actor, i: IncidentAccessRecord) =>
  canViewIncident(a, i) && i.state === 'closing' && isOverseer(a, i) && !(a.userId !== null && a.userId === i.closingReportedBy);
/** Merging a duplicate into another situation: the overseeing level, while the duplicate is not closed. */
export const canMergeIncident = (a: Actor, i: IncidentAccessRecord) => canViewIncident(a, i) && i.state !== 'closed' && isOverseer(a, i);
export const canReopen = (a: Actor, i: IncidentAccessRecord) => canViewIncident(a, i) && i.state === 'closed' && isOverseer(a, i);

/** Whether the actor may open a situation led by `lead`, assigned by `assigning`. */
export function canCreateIncident(actor: Actor, lead: IncidentUnitRef & { parentId: string | null }, assigning: IncidentUnitRef): boolean {
  if (isAdmin(actor)) return true;
  if (hasRole(actor, 'leader', 'staff_officer') && inScope(actor, assigning)) return true;
  return isWorkingMemberOf(actor, lead.id) && (assigning.id === lead.id || assigning.id === lead.parentId);
}

/** Whether the actor may record situations at all (for navigation). */
export const canRecordIncidents = (actor: Actor): boolean => hasRole(actor, ...WORKING_ROLES);

export function incidentAbilities(actor: Actor, i: IncidentAccessRecord): Record<string, boolean> {
  return {
    view: canViewIncident(actor, i),
    log: [i.leadUnit, i.overseeingUnit, ...i.supporting].some((u) => canLogFor(actor, i, u.id)),
    addSupporting: canAddSupporting(actor, i),
    escalate: canEscalate(actor, i),
    deescalate: canDeescalate(actor, i),
    changeCategory: canChangeCategory(actor, i),
    proposeSignificant: canProposeSignificant(actor, i),
    verifySignificant: canVerifySignificant(actor, i),
    reportClosing: canReportClosing(actor, i),
    decideClosure: canDecideClosure(actor, i),
    reopen: canReopen(actor, i),
    merge: canMergeIncident(actor, i),
  };
}

type Eb = Parameters<typeof unitInScope>[0];
type Cond = ReturnType<typeof unitInScope>;

/**
 * The list scope: the SQL mirror of `canViewIncident`. Expects the incidents table aliased `i`.
 *
 * Every branch is an *uncorrelated* sub-select (`i.lead_unit_id in (units in scope)`, `i.id in
 * (situations supported by a unit in scope)`, `i.commune_code in (communes whose police unit is in
 * scope)`): PostgreSQL computes each once per query and probes it as a hash for every row, instead
 * of joining three units tables and running two correlated sub-queries per situation — which made
 * a commune officer's yearly statistics on 2 M situations slower than the whole city's
 * (bench/README.md, situations).
 */
export function visibleIncidentsScope(eb: Eb, actor: Actor): Cond {
  if (isAdmin(actor)) return eb.lit(true);
  const unitsInScope = () => eb.selectFrom('units as su').select('su.id').where((e: Eb) => unitInScope(e, actor, { path: 'su.path', commune: 'su.commune_code' }));
  const ors: Cond[] = [
    eb('i.lead_unit_id', 'in', unitsInScope()),
    eb('i.assigning_unit_id', 'in', unitsInScope()),
    eb('i.overseeing_unit_id', 'in', unitsInScope()),
    eb(
      'i.id',
      'in',
      eb
        .selectFrom('incident_units as siu')
        .select('siu.incident_id')
        .where('siu.unit_id', 'in', unitsInScope()),
    ),
    eb(
      'i.commune_code',
      'in',
      eb
        .selectFrom('units as cpu')
        .select('cpu.commune_code')
        .where('cpu.level', '=', 'commune')
        .where('cpu.type', '=', 'police_unit')
        .where('cpu.commune_code', 'is not', null)
        .where((e: Eb) => unitInScope(e, actor, { path: 'cpu.path', commune: 'cpu.commune_code' })),
    ),
  ];
  if (actor.communeCodes.length > 0) ors.push(eb('i.commune_code', 'in', [...actor.communeCodes]));
  return eb.or(ors);
}
