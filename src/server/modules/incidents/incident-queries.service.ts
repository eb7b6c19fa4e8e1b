import type { Incident, IncidentDetail, IncidentDuplicates, IncidentListQuery } from '../../../contracts/incidents.ts';
import { DUPLICATE_WINDOW_HOURS } from './incident.ts';
import type { Actor } from '../../kernel/actor.ts';
import type { Ctx } from '../../kernel/context.ts';
import { presentIncident, presentIncidentDetail } from './incident.presenter.ts';
import * as repo from './incident.repository.ts';
import { loadVisibleIncident } from './incident.service.ts';

/** Reads: the visible list with filters (newest first) and one situation with its joint log and history. */
export async function listIncidents(ctx: Ctx, actor: Actor, q: IncidentListQuery): Promise<{ total: number; limit: number; offset: number; items: Incident[] }> {
  const { total, items } = await repo.listIncidents(
    ctx.db,
    actor,
    {
      category: q.category,
      communeCode: q.communeCode,
      status: q.status,
      significant: q.significant === undefined ? undefined : q.significant === 'true',
      significance: q.significance,
      from: q.from,
      to: q.to,
      q: q.q,
      open: q.open === undefined ? undefined : q.open === 'true',
      merged: q.merged === undefined ? undefined : q.merged === 'true',
    },
    { limit: q.limit, offset: q.offset },
  );
  return { total, limit: q.limit, offset: q.offset, items: items.map((r) => presentIncident(actor, r)) };
}

export async function getIncident(ctx: Ctx, actor: Actor, id: string): Promise<IncidentDetail> {
  const row = await loadVisibleIncident(ctx.db, actor, id);
  return presentIncidentDetail(actor, row, await repo.eventsOf(ctx.db, id));
}

/** Likely duplicates of a situation the actor can see (suggestions for merging; see isLikelyDuplicate). */
export async function findDuplicateIncidents(ctx: Ctx, actor: Actor, id: string): Promise<IncidentDuplicates> {
  const row = await loadVisibleIncident(ctx.db, actor, id);
  if (row.mergedIntoId) return { windowHours: DUPLICATE_WINDOW_HOURS, items: [] };
  const items = await repo.duplicateCandidates(ctx.db, actor, row, DUPLICATE_WINDOW_HOURS);
  return { windowHours: DUPLICATE_WINDOW_HOURS, items: items.map((r) => presentIncident(actor, r)) };
}

/** Visible situations in a commune within `windowHours` of a moment, nearest first (for a tip to join). */
export async function incidentsNear(db: Ctx['db'], actor: Actor, communeCode: string, at: Date, windowHours: number): Promise<Incident[]> {
  return (await repo.incidentsNear(db, actor, communeCode, at, windowHours)).map((r) => presentIncident(actor, r));
}
