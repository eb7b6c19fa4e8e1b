import type { CorrectiveAction, CorrectiveActionKind, CorrectiveActionStatus, ReviewCycle, ReviewKind, ReviewPeriod, ReviewPeriodKind, ReviewState } from '../../../contracts/reviews.ts';
import type { Actor } from '../../kernel/actor.ts';
import { samePeriodLastYear, type Period } from '../statistics/periods.ts';
import { actionOverdue } from './review.ts';
import { actionAbilities, type CycleAccess, cycleAbilities } from './review.policy.ts';
import type { ActionRow, CycleRow, ProgrammeRows, UnitInfo, actionEvents, agendaOf } from './review.repository.ts';

/** Records → API shapes, with abilities. */

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());
export const unitRef = (u: Pick<UnitInfo, 'id' | 'name' | 'code'>) => ({ id: u.id, name: u.name, code: u.code });

export const periodOfCycle = (c: Pick<CycleRow, 'periodKind' | 'periodYear' | 'periodIndex' | 'periodFrom' | 'periodTo' | 'periodLabel'>): Period => ({
  kind: c.periodKind as ReviewPeriodKind,
  year: c.periodYear,
  index: c.periodIndex,
  from: c.periodFrom,
  to: c.periodTo,
  label: c.periodLabel,
});

export const presentPeriod = (p: Period): ReviewPeriod => ({ kind: p.kind, year: p.year, index: p.index, from: p.from, to: p.to, label: p.label });

export const cycleAccess = (c: CycleRow): CycleAccess & { id: string } => ({ id: c.id, state: c.state, scopeUnit: c.scopeUnit });

export function presentCycle(actor: Actor, c: CycleRow, programme: ProgrammeRows, agenda: Awaited<ReturnType<typeof agendaOf>>): ReviewCycle {
  const period = periodOfCycle(c);
  return {
    id: c.id,
    kind: c.kind as ReviewKind,
    title: c.title,
    state: c.state as ReviewState,
    scopeUnit: unitRef(c.scopeUnit),
    period: presentPeriod(period),
    base: presentPeriod(samePeriodLastYear(period)),
    programme,
    agenda: agenda.map((a) => ({ position: a.position, unit: unitRef(a) })),
    createdAt: iso(c.createdAt)!,
    createdByName: c.createdByName,
    closedAt: iso(c.closedAt),
    version: c.version,
    abilities: cycleAbilities(actor, cycleAccess(c)),
  };
}

type EventRow = Awaited<ReturnType<typeof actionEvents>>[number];

/** An action as shown in review `shownIn` (null for an ad-hoc compilation: no abilities). */
export function presentAction(actor: Actor, a: ActionRow, events: readonly EventRow[], shownIn: (CycleAccess & { id: string }) | null, cutoff: string): CorrectiveAction {
  const access = { status: a.status, recordedInCycleId: a.cycleId, owner: { id: a.ownerUnitId, path: a.ownerPath, communeCode: a.ownerCommune } };
  return {
    id: a.id,
    kind: a.kind as CorrectiveActionKind,
    text: a.text,
    measure: a.measure,
    ownerUnit: { id: a.ownerUnitId, name: a.ownerName, code: a.ownerCode },
    deadlineOn: a.deadlineOn,
    status: a.status as CorrectiveActionStatus,
    closingNote: a.closingNote,
    recordedIn: { id: a.cycleId, title: a.recordedTitle, kind: a.recordedKind as ReviewKind, periodLabel: a.recordedPeriodLabel },
    closedIn: a.closedInCycleId ? { id: a.closedInCycleId, title: a.closedTitle!, kind: a.closedKind as ReviewKind, periodLabel: a.closedPeriodLabel! } : null,
    closedAt: iso(a.closedAt),
    overdue: actionOverdue(a, cutoff),
    history: events
      .filter((e) => e.actionId === a.id)
      .map((e) => ({
        at: iso(e.at)!,
        cycle: { id: e.cycleId, title: e.cycleTitle, kind: e.cycleKind as ReviewKind, periodLabel: e.cyclePeriodLabel },
        kind: e.kind as 'recorded' | 'updated' | 'status_changed',
        fromStatus: e.fromStatus as CorrectiveActionStatus | null,
        toStatus: e.toStatus as CorrectiveActionStatus | null,
        note: e.note,
        actorName: e.actorName,
      })),
    version: a.version,
    abilities: shownIn ? actionAbilities(actor, shownIn, access) : { update: false, progress: false, close: false },
  };
}
