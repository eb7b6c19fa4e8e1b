import type { Incident, IncidentCategory, IncidentDetail, IncidentLevel, IncidentState, Significance } from '../../../contracts/incidents.ts';
import type { Actor } from '../../kernel/actor.ts';
import { deriveIncidentStatus, incidentCode } from './incident.ts';
import { incidentAbilities, type IncidentAccessRecord } from './incident.policy.ts';
import type { IncidentRow } from './incident.repository.ts';
import type * as repo from './incident.repository.ts';

export function statusOf(r: IncidentRow) {
  return deriveIncidentStatus({ state: r.state as IncidentState, level: r.level as IncidentLevel, logCount: r.logCount, reopenCount: r.reopenCount });
}

export function accessRecord(r: IncidentRow): IncidentAccessRecord {
  const ref = (u: { id: string; path: string; communeCode: string | null }) => ({ id: u.id, path: u.path, communeCode: u.communeCode });
  return {
    communeCode: r.communeCode,
    state: r.state,
    level: r.level,
    significance: r.significance,
    closingReportedBy: r.closingReportedBy,
    leadUnit: ref(r.leadUnit),
    assigningUnit: ref(r.assigningUnit),
    overseeingUnit: ref(r.overseeingUnit),
    supporting: r.supporting.map(ref),
    communePolice: r.communePolice.map(ref),
  };
}

export function presentIncident(actor: Actor, r: IncidentRow): Incident {
  return {
    id: r.id,
    number: r.number,
    code: incidentCode(r.number),
    title: r.title,
    category: r.category as IncidentCategory,
    severity: r.severity as Incident['severity'],
    occurredAt: r.occurredAt.toISOString(),
    communeCode: r.communeCode,
    communeName: r.communeName,
    address: r.address,
    point: r.lat !== null && r.lon !== null ? { lat: r.lat, lon: r.lon } : null,
    source: r.source as Incident['source'],
    description: r.description,
    peopleInvolved: r.peopleInvolved,
    injured: r.injured,
    dead: r.dead,
    damageVnd: r.damageVnd,
    leadUnit: { id: r.leadUnit.id, name: r.leadUnit.name },
    assigningUnit: { id: r.assigningUnit.id, name: r.assigningUnit.name },
    overseeingUnit: { id: r.overseeingUnit.id, name: r.overseeingUnit.name },
    supporting: r.supporting.map((s) => ({ unitId: s.id, unitName: s.name, assignment: s.assignment, assignedAt: s.assignedAt.toISOString() })),
    level: r.level as IncidentLevel,
    state: r.state as IncidentState,
    significance: r.significance as Significance,
    status: statusOf(r),
    reopenCount: r.reopenCount,
    closingReport: r.closingReport,
    closedAt: r.closedAt ? r.closedAt.toISOString() : null,
    mergedInto: r.mergedIntoId && r.mergedIntoNumber !== null ? { id: r.mergedIntoId, code: incidentCode(r.mergedIntoNumber) } : null,
    version: r.version,
    abilities: incidentAbilities(actor, accessRecord(r)),
  };
}

type Events = Awaited<ReturnType<typeof repo.eventsOf>>;

export function presentIncidentDetail(actor: Actor, r: IncidentRow, events: Events): IncidentDetail {
  return {
    ...presentIncident(actor, r),
    events: events.map((e) => ({
      id: e.id,
      kind: e.kind,
      at: e.at.toISOString(),
      unitId: e.unitId,
      unitName: e.unitName,
      actorName: e.actorName,
      reason: e.reason,
      data: (e.data ?? {}) as Record<string, unknown>,
    })),
  };
}
