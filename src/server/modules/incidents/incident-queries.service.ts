import type { Incident, IncidentDetail, IncidentListQuery } from '../../../contracts/incidents.ts';
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
      from: q.from,
      to: q.to,
      q: q.q,
    },
    { limit: q.limit, offset: q.offset },
  );
  return { total, limit: q.limit, offset: q.offset, items: items.map((r) => presentIncident(actor, r)) };
}

export async function getIncident(ctx: Ctx, actor: Actor, id: string): Promise<IncidentDetail> {
  const row = await loadVisibleIncident(ctx.db, actor, id);
  return presentIncidentDetail(actor, row, await repo.eventsOf(ctx.db, id));
}
