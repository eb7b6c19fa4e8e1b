import type { CorrectiveActionStatus, ReviewPeriodInput } from '../../../contracts/reviews.ts';
import { DomainError } from '../../kernel/errors.ts';
import { customPeriod, type Period, periodOf, PeriodError } from '../statistics/periods.ts';
import { type ClockEvent, tipClock } from '../tips/tip-deadlines.ts';
import { addDays } from '../../kernel/calendar.ts';

/**
 * Pure rules of review cycles (đợt sơ kết / tổng kết). Definitions of the figures are in README.md
 * next to this file; the compilation (review-compilation.service.ts) applies these rules to the
 * records.
 */

// ── Period ──────────────────────────────────────────────────────────────────────────────────

/**
 * The review period, from the calendar of statistics/periods.ts (month, quarter, half-year, year,
 * the ministry's statistical month 15th → 14th; custom = any range, e.g. several years).
 * A period that ends before it starts, or an index out of range, is refused with
 * `review.invalid_period` naming the field.
 */
export function resolveReviewPeriod(p: ReviewPeriodInput, today: string): Period {
  const bad = (field: string) => new DomainError('review.invalid_period', { kind: p.kind, from: p.from ?? null, to: p.to ?? null }, [{ path: `period.${field}`, code: 'invalid_period' }]);
  if (p.kind === 'custom') {
    if (!p.from) throw bad('from');
    if (!p.to) throw bad('to');
    if (p.to < p.from) throw bad('to');
    return customPeriod(p.from, p.to);
  }
  const month = Number(today.slice(5, 7));
  const year = p.year ?? Number(today.slice(0, 4));
  const defaults = { month, stat_month: month, quarter: Math.ceil(month / 3), half_year: month <= 6 ? 1 : 2, year: 1 };
  try {
    return periodOf(p.kind, year, p.kind === 'year' ? 1 : (p.index ?? defaults[p.kind]));
  } catch (e) {
    if (e instanceof PeriodError) throw bad('index');
    throw e;
  }
}

/** Statuses are taken as of the period's last day, or today while the period is still running. */
export const cutoffOf = (period: { to: string }, today: string): string => (today < period.to ? today : period.to);

// ── Tasks ───────────────────────────────────────────────────────────────────────────────────

export interface ReviewTaskFacts {
  state: string;
  assignedOn: string;
  deadlineOn: string | null;
  /** Date the accepted completion report was submitted (decides on time / late, as deriveTaskStatus). */
  submittedOn: string | null;
  completedOn: string | null;
}

export type TaskBucket = 'completed_on_time' | 'completed_late' | 'not_completed_within_deadline' | 'not_completed_overdue';

/** The day a completed task counts as done: its accepted submission (or acceptance when unknown). */
const doneOn = (t: ReviewTaskFacts): string | null => (t.state === 'completed' ? (t.submittedOn ?? t.completedOn) : null);

/**
 * Whether a programme task belongs to the review period: not cancelled, assigned on or before the
 * period's last day, and not already completed before the period began (those were reported at an
 * earlier review). Tasks whose deadline lies after the period are included: official reports count
 * them as "chưa hoàn thành — trong hạn" (1270/BC-TCTTTg; shared/domain §6.3).
 */
export function taskInPeriod(t: ReviewTaskFacts, period: { from: string; to: string }): boolean {
  if (t.state === 'cancelled') return false;
  if (t.assignedOn > period.to) return false;
  const done = doneOn(t);
  return !(done !== null && done < period.from);
}

/**
 * The four official buckets at the cut-off date (QĐ 42/2014/QĐ-TTg reporting vocabulary, §6.3):
 * completed on time / late (submission date vs deadline, as deriveTaskStatus in tasks/task.ts) when
 * completed by the cut-off; otherwise not completed — within the deadline when the deadline is the
 * cut-off day or later (or there is none), overdue when it passed before the cut-off. A task
 * submitted but not yet accepted, returned or paused is not completed.
 */
export function classifyTaskAt(t: ReviewTaskFacts, cutoff: string): TaskBucket {
  const done = doneOn(t);
  if (done !== null && done <= cutoff) return t.deadlineOn !== null && done > t.deadlineOn ? 'completed_late' : 'completed_on_time';
  return t.deadlineOn !== null && t.deadlineOn < cutoff ? 'not_completed_overdue' : 'not_completed_within_deadline';
}

// ── Tips ────────────────────────────────────────────────────────────────────────────────────

/** Legal basis of the tips figure. */
export const TIP_DEADLINE_BASIS = 'BLTTHS 2015 Điều 147';

/**
 * Whether a tip was resolved within the legal deadline (BLTTHS 2015 art. 147: 20 days, extended
 * under art. 147(2) up to 2 + 2 months; days of suspension under arts. 148/149 do not count — the
 * clock of tips/tip-deadlines.ts). "Resolved" = one of the decisions of art. 147(1): khởi tố,
 * không khởi tố or tạm đình chỉ, dated `decidedOn`. The deadline is the one in force just before
 * that decision: the clock is run over the events that precede the last decision event.
 * `events` are the tip's events, oldest first, with their data spread (clockEvents in tips).
 */
export function tipDecisionTimeliness(
  tip: { receivedAt: Date; remote: boolean },
  events: readonly ClockEvent[],
  decidedOn: string,
): { dueOn: string; withinDeadline: boolean } {
  let last = -1;
  events.forEach((e, i) => {
    if (e.kind === 'decided' || e.kind === 'suspended') last = i;
  });
  const prior = last >= 0 ? events.slice(0, last) : events;
  const clock = tipClock({ receivedAt: tip.receivedAt, remote: tip.remote, state: 'transferred', transferredAt: tip.receivedAt }, prior, new Date(`${decidedOn}T12:00:00+07:00`));
  const dueOn = addDays(clock.settlementDueOn, clock.suspendedDays);
  return { dueOn, withinDeadline: decidedOn <= dueOn };
}

// ── Corrective actions ──────────────────────────────────────────────────────────────────────

/**
 * Status changes of a corrective action: open ⇄ in progress, either → closed with a closing note.
 * Closed is final (a new limitation is recorded as a new action). Refused with coded errors.
 */
export function checkActionTransition(from: CorrectiveActionStatus, to: CorrectiveActionStatus, note: string | undefined): void {
  if (from === 'closed' || from === to) throw new DomainError('review.invalid_transition', { from, to }, [{ path: 'status', code: 'invalid_transition' }]);
  if (to === 'closed' && !note) throw new DomainError('review.closing_note_required', {}, [{ path: 'note', code: 'required' }]);
}

export interface CarryCycle {
  id: string;
  periodTo: string;
  scopePath: string;
}

/**
 * Whether a review shows an action recorded at another review as "carried forward": the action
 * was recorded at an earlier review (whose period ends before this one's), its owner lies in this
 * review's scope (subtree of the scope unit), and it is still not closed — or it was closed in this
 * review or a later one (so an old review still shows what it carried).
 */
export function isCarriedForward(
  cycle: CarryCycle,
  action: { recordedIn: CarryCycle; ownerPath: string; status: CorrectiveActionStatus; closedInPeriodTo: string | null },
): boolean {
  if (action.recordedIn.id === cycle.id) return false;
  if (!(action.recordedIn.periodTo < cycle.periodTo)) return false;
  if (!action.ownerPath.startsWith(cycle.scopePath)) return false;
  return action.status !== 'closed' || (action.closedInPeriodTo !== null && action.closedInPeriodTo >= cycle.periodTo);
}

/** Deadline passed before the cut-off and not closed. */
export const actionOverdue = (a: { deadlineOn: string | null; status: string }, cutoff: string): boolean => a.status !== 'closed' && a.deadlineOn !== null && a.deadlineOn < cutoff;
