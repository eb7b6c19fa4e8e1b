import type { Campaign, CampaignResult, CampaignState } from '../../../contracts/campaigns.ts';
import type { Actor } from '../../kernel/actor.ts';
import { campaignAbilities, type CampaignAccessRecord } from './campaign.policy.ts';
import type { CampaignRow, ResultRow, UnitRow } from './campaign.repository.ts';

export const accessRecord = (r: CampaignRow): CampaignAccessRecord => ({ state: r.state, ownerUnit: r.ownerUnit, units: r.units });

export const presentUnit = (u: UnitRow) => ({ id: u.id, code: u.code, name: u.name, communeCode: u.communeCode });

export function presentCampaign(actor: Actor, r: CampaignRow, document: { id: string; symbol: string | null; summary: string } | null): Campaign {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    fromOn: r.fromOn,
    toOn: r.toOn,
    state: r.state as CampaignState,
    template: r.template,
    document,
    ownerUnit: presentUnit(r.ownerUnit),
    targetCategories: r.targetCategories,
    units: r.units.map(presentUnit),
    indicators: r.indicators,
    closingSummary: r.closingSummary,
    closedAt: r.closedAt ? new Date(r.closedAt).toISOString() : null,
    version: r.version,
    abilities: campaignAbilities(actor, accessRecord(r)),
  };
}

export function presentResult(r: ResultRow): CampaignResult {
  return {
    id: r.id,
    campaignId: r.campaignId,
    unit: presentUnit(r.unit),
    fromOn: r.fromOn,
    toOn: r.toOn,
    values: r.values,
    note: r.note,
    incidents: r.incidents,
    tips: r.tips,
    files: r.files,
    reportedBy: r.reportedByName,
    createdAt: new Date(r.createdAt).toISOString(),
  };
}
