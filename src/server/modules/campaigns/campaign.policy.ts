import type { Role } from '../../../contracts/roles.ts';
import { unitInScope } from '../../db/scope.ts';
import type { Actor } from '../../kernel/actor.ts';
import { hasRole, isAdmin } from '../../kernel/actor.ts';
import { pathInScope } from '../../kernel/scope.ts';

/**
 * Who may see and act on campaigns and on the mass movement. Record abilities (in memory) and the
 * list scope (SQL) live together; the integration test checks every listed campaign passes
 * `canViewCampaign`.
 *
 * Campaigns:
 * - visible to administrators and to users whose scope (unit subtrees, assigned communes — ADR
 *   004) contains the organising unit or a participating unit: a commune police officer sees the
 *   campaigns their unit takes part in, the city (leaders and staff officers above) sees all;
 * - in the roll-up, everyone who sees the campaign sees the city totals; the per-unit rows are
 *   limited to units in the viewer's scope (a ward sees its own row and rank, not the others');
 * - the organiser side (administrators, leaders and staff officers whose scope contains the
 *   organising unit) creates, starts and closes;
 * - results are reported for a participating unit by its working members (any role but viewer),
 *   by leaders and staff officers whose scope contains it, or by administrators; only while the
 *   campaign is running.
 * Movement records of a commune: visible with the commune's police unit in scope or the commune
 * assigned; recorded by working members of that unit, leaders and staff officers above, admins.
 */
export interface CampaignUnitRef {
  id: string;
  path: string;
  communeCode: string | null;
}

export interface CampaignAccessRecord {
  state: string;
  ownerUnit: CampaignUnitRef;
  units: CampaignUnitRef[];
}

const WORKING_ROLES: Role[] = ['system_admin', 'leader', 'staff_officer', 'unit_officer'];
const isWorkingMemberOf = (actor: Actor, unitId: string): boolean => actor.unitId === unitId && hasRole(actor, ...WORKING_ROLES);
export const unitVisible = (actor: Actor, u: CampaignUnitRef): boolean => pathInScope(actor, u.path, u.communeCode);

export function canViewCampaign(actor: Actor, c: CampaignAccessRecord): boolean {
  if (isAdmin(actor)) return true;
  return unitVisible(actor, c.ownerUnit) || c.units.some((u) => unitVisible(actor, u));
}

/** Whether the actor may organise campaigns for this unit (create, start, close). */
export function canOrganiseFor(actor: Actor, ownerUnit: CampaignUnitRef): boolean {
  if (isAdmin(actor)) return true;
  return hasRole(actor, 'leader', 'staff_officer') && unitVisible(actor, ownerUnit);
}

/** For navigation: whether the actor may create campaigns at all. */
export const canCreateCampaigns = (actor: Actor): boolean => hasRole(actor, 'system_admin', 'leader', 'staff_officer');

export const canStartCampaign = (a: Actor, c: CampaignAccessRecord) => canViewCampaign(a, c) && c.state === 'draft' && canOrganiseFor(a, c.ownerUnit);
export const canCloseCampaign = (a: Actor, c: CampaignAccessRecord) => canViewCampaign(a, c) && c.state === 'running' && canOrganiseFor(a, c.ownerUnit);

/** Whether the actor acts for a unit (reporting its results, recording its movement data). */
export function actsForUnit(actor: Actor, u: CampaignUnitRef): boolean {
  if (isAdmin(actor)) return true;
  if (isWorkingMemberOf(actor, u.id)) return true;
  return hasRole(actor, 'leader', 'staff_officer') && unitVisible(actor, u);
}

/** The participating units the actor may report for (the campaign must be running). */
export function reportableUnits(actor: Actor, c: CampaignAccessRecord): CampaignUnitRef[] {
  if (!canViewCampaign(actor, c) || c.state !== 'running') return [];
  return c.units.filter((u) => actsForUnit(actor, u));
}

/** Whether the viewer sees every unit's row of the roll-up (organiser side or scope over all). */
export const seesAllUnits = (actor: Actor, c: CampaignAccessRecord): boolean => canOrganiseFor(actor, c.ownerUnit) || c.units.every((u) => unitVisible(actor, u));

export function campaignAbilities(actor: Actor, c: CampaignAccessRecord): Record<string, boolean> {
  return {
    view: canViewCampaign(actor, c),
    start: canStartCampaign(actor, c),
    close: canCloseCampaign(actor, c),
    report: reportableUnits(actor, c).length > 0,
    seeAllUnits: seesAllUnits(actor, c),
  };
}

type Eb = Parameters<typeof unitInScope>[0];
type Cond = ReturnType<typeof unitInScope>;

/** The list scope: the SQL mirror of `canViewCampaign` (campaigns aliased `c`, organising unit `ou`). */
export function visibleCampaignsScope(eb: Eb, actor: Actor): Cond {
  if (isAdmin(actor)) return eb.lit(true);
  return eb.or([
    unitInScope(eb, actor, { path: 'ou.path', commune: 'ou.commune_code' }),
    eb.exists(
      eb
        .selectFrom('campaign_units as scu')
        .innerJoin('units as su', 'su.id', 'scu.unit_id')
        .select(eb.lit(1).as('one'))
        .whereRef('scu.campaign_id', '=', 'c.id')
        .where((e: Eb) => unitInScope(e, actor, { path: 'su.path', commune: 'su.commune_code' })),
    ),
  ]);
}

/** Movement records: the SQL scope over their recording unit (aliased `mu`). */
export function visibleMovementScope(eb: Eb, actor: Actor): Cond {
  return unitInScope(eb, actor, { path: 'mu.path', commune: 'mu.commune_code' });
}
