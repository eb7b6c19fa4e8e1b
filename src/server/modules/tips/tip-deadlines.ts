import type { TipClockStage, TipExtensionKind, TipState } from '../../../contracts/tips.ts';
import { DomainError } from '../../kernel/errors.ts';
import { addDays, daysBetween } from '../../kernel/calendar.ts';
import { VN_OFFSET_MS, vnToday } from '../../kernel/context.ts';

/**
 * The legal clock of a crime source (nguồn tin về tội phạm). Pure: dates in, dates out.
 * Sources: shared/domain/vietnam-ansinh-domain.md §4 ([F] found, [M] to verify, [S] secondary).
 *
 * 1. Receipt — BLTTHS 2015 art. 145/146: every source is received; the commune police of the place
 *    (Công an xã, phường, đặc khu) receives it and makes the biên bản tiếp nhận. A tip sent through
 *    the public portal is received at the moment it is submitted (art. 145: bodies may not refuse
 *    to receive), so `receivedAt` = submission time; recording the biên bản does not move it.
 * 2. Transfer — art. 146 and TTLT 01/2017 [F]: the commune police transfers to the competent Cơ quan
 *    điều tra within 24 hours of receipt, 48 hours for remote communes ("xã vùng sâu, vùng xa,
 *    hải đảo" — a per-commune flag, default false).
 * 3. Settlement — art. 147(1) [F]: 20 days from receipt to one of the decisions khởi tố vụ án /
 *    không khởi tố vụ án / tạm đình chỉ. art. 147(2) [F]: complex cases or verification in many
 *    places may run up to 2 months (from receipt); if still unfinished the Viện trưởng VKS may
 *    extend ONCE by up to 2 months; never more than 4 months in total.
 *    The 5-days-before rule for the procuracy request is [M] and is not enforced.
 * 4. Counting — art. 134 BLTTHS as we read it [M — verify]: the first day is not counted; a
 *    period in days ends at 24:00 (Asia/Ho_Chi_Minh) of its last day; a period in months ends on
 *    the same-numbered day of the later month, or that month's last day. The shift of a deadline
 *    falling on a day off to the next working day is NOT applied (we alert earlier, never later).
 * 5. Suspension / restoration — arts. 148/149 [F for the articles, M for the exact text]: the
 *    rule implemented is "the clock stops": the whole calendar days from the date of the
 *    suspension decision to the date of the restoration decision do not count, so after
 *    restoration the remaining time continues (every deadline, including the legal maximum of
 *    art. 147(2), moves later by those days). Some readings of art. 149 instead give a fresh
 *    period counted from the restoration decision — to be confirmed with the procuracy [M].
 */

export const ARTICLE_SETTLEMENT = 'BLTTHS 2015 Điều 147';
export const ARTICLE_EXTENSION = 'BLTTHS 2015 Điều 147 khoản 2';
export const ARTICLE_TRANSFER = 'BLTTHS 2015 Điều 146; TTLT 01/2017';

export const BASE_DAYS = 20;
export const COMPLEX_MAX_MONTHS = 2;
export const PROCURACY_MAX_MONTHS = 2;
export const TOTAL_MAX_MONTHS = 4;
export const TRANSFER_HOURS = 24;
export const TRANSFER_HOURS_REMOTE = 48;

const DAY_MS = 86_400_000;

/** The instant a day-counted period ending on `date` ends: 24:00 of that day in Asia/Ho_Chi_Minh. */
export const endOfVnDay = (date: string): Date => new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS - VN_OFFSET_MS);


/** Same-numbered day `months` later, or the last day of that month (art. 134). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
}


export interface ClockTip {
  receivedAt: Date;
  remote: boolean;
  state: TipState;
  transferredAt: Date | null;
}

/** The events that move the clock (others are ignored). Dates are the decisions' dates. */
export type ClockEvent =
  | { kind: 'extended'; extensionKind: TipExtensionKind; until: string }
  | { kind: 'suspended'; decidedOn: string }
  | { kind: 'restored'; decidedOn: string }
  | { kind: string };

export interface TipClock {
  stage: TipClockStage;
  /** The deadline that matters now: transfer before transfer, art. 147 after; null when stopped or done. */
  dueAt: Date | null;
  /** Calendar days from today (VN) to the due date; negative when overdue; null without a due date. */
  daysLeft: number | null;
  overdue: boolean;
  transferDueAt: Date;
  /** art. 147 deadline including extensions and suspended days (null while suspended). */
  settlementDueAt: Date | null;
  /** The due date (VN) of art. 147 without the suspension shift, i.e. in "clock days". */
  settlementDueOn: string;
  /** Days not counted because of suspensions (a running suspension counts up to today). */
  suspendedDays: number;
  extensions: TipExtensionKind[];
  /** Latest date the next allowed extension may reach; null when no extension is possible. */
  maxExtensionUntil: string | null;
}

export const transferDueAt = (t: Pick<ClockTip, 'receivedAt' | 'remote'>): Date =>
  new Date(t.receivedAt.getTime() + (t.remote ? TRANSFER_HOURS_REMOTE : TRANSFER_HOURS) * 3_600_000);

const isExt = (e: ClockEvent): e is Extract<ClockEvent, { kind: 'extended' }> => e.kind === 'extended' && 'until' in e;

function walk(tip: ClockTip, events: readonly ClockEvent[], today: string) {
  const receiptOn = vnToday(tip.receivedAt);
  let dueOn = addDays(receiptOn, BASE_DAYS); // in clock days (without the suspension shift)
  const extensions: TipExtensionKind[] = [];
  let suspendedDays = 0;
  let suspendedSince: string | null = null;
  for (const e of events) {
    if (isExt(e)) {
      extensions.push(e.extensionKind);
      dueOn = addDays(e.until, -suspendedDays); // `until` is a calendar date: back to clock days
    } else if (e.kind === 'suspended' && 'decidedOn' in e && suspendedSince === null) {
      suspendedSince = e.decidedOn;
    } else if (e.kind === 'restored' && 'decidedOn' in e && suspendedSince !== null) {
      suspendedDays += Math.max(0, daysBetween(suspendedSince, e.decidedOn));
      suspendedSince = null;
    }
  }
  const running = suspendedSince !== null ? Math.max(0, daysBetween(suspendedSince, today)) : 0;
  return { receiptOn, dueOn, extensions, suspendedDays, suspendedSince, running };
}

/** Latest calendar date the next extension may reach (art. 147(2)), or null when none is left. */
function nextExtensionMax(receiptOn: string, dueOn: string, extensions: readonly TipExtensionKind[], shift: number): string | null {
  const total = addMonths(receiptOn, TOTAL_MAX_MONTHS);
  if (extensions.includes('procuracy')) return null;
  if (!extensions.includes('complex')) return addDays(addMonths(receiptOn, COMPLEX_MAX_MONTHS), shift);
  const byProcuracy = addMonths(dueOn, PROCURACY_MAX_MONTHS);
  return addDays(byProcuracy < total ? byProcuracy : total, shift);
}

/** The clock of a tip at `now`: stage, due date, days left, overdue. */
export function tipClock(tip: ClockTip, events: readonly ClockEvent[], now: Date): TipClock {
  const today = vnToday(now);
  const w = walk(tip, events, today);
  const transferDue = transferDueAt(tip);
  const done = tip.state === 'decided' || tip.state === 'closed';
  const suspended = tip.state === 'suspended' || w.suspendedSince !== null;
  const settlementDueAt = suspended ? null : endOfVnDay(addDays(w.dueOn, w.suspendedDays));
  const stage: TipClockStage = done ? 'done' : suspended ? 'suspended' : tip.transferredAt === null ? 'transfer' : 'settlement';
  const dueAt = stage === 'transfer' ? transferDue : stage === 'settlement' ? settlementDueAt : null;
  const daysLeft = dueAt ? daysBetween(today, vnToday(new Date(dueAt.getTime() - 1))) : null;
  return {
    stage,
    dueAt,
    daysLeft,
    overdue: dueAt !== null && now.getTime() > dueAt.getTime(),
    transferDueAt: transferDue,
    settlementDueAt,
    settlementDueOn: w.dueOn,
    suspendedDays: w.suspendedDays + w.running,
    extensions: w.extensions,
    maxExtensionUntil: done || suspended ? null : nextExtensionMax(w.receiptOn, w.dueOn, w.extensions, w.suspendedDays),
  };
}

/**
 * Check an extension request against art. 147(2); throws a coded DomainError citing the article.
 * `until` is a calendar date (the new last day of the period).
 */
export function checkExtension(tip: ClockTip, events: readonly ClockEvent[], req: { kind: TipExtensionKind; until: string }, now: Date): void {
  const clock = tipClock(tip, events, now);
  if (clock.stage === 'done' || clock.stage === 'suspended') throw new DomainError('tip.invalid_transition', { state: tip.state, action: 'extend' });
  if (clock.extensions.includes(req.kind))
    throw new DomainError('tip.extension_already_used', { kind: req.kind, article: ARTICLE_EXTENSION }, [{ path: 'kind', code: 'already_used' }]);
  if (req.kind === 'procuracy' && !clock.extensions.includes('complex'))
    throw new DomainError('tip.extension_requires_complex', { article: ARTICLE_EXTENSION }, [{ path: 'kind', code: 'requires_complex' }]);
  if (req.kind === 'complex' && clock.extensions.includes('procuracy'))
    throw new DomainError('tip.extension_already_used', { kind: 'procuracy', article: ARTICLE_EXTENSION }, [{ path: 'kind', code: 'already_used' }]);
  const current = addDays(clock.settlementDueOn, clock.suspendedDays);
  if (req.until <= current) throw new DomainError('tip.extension_not_later', { currentDueOn: current }, [{ path: 'until', code: 'not_later' }]);
  const max = clock.maxExtensionUntil;
  if (max === null || req.until > max)
    throw new DomainError(
      'tip.extension_exceeds_legal_maximum',
      { article: ARTICLE_EXTENSION, maxUntil: max, maxMonths: req.kind === 'complex' ? COMPLEX_MAX_MONTHS : TOTAL_MAX_MONTHS },
      [{ path: 'until', code: 'exceeds_legal_maximum' }],
    );
}

/**
 * Whether an art. 147(1) decision (khởi tố / không khởi tố / tạm đình chỉ) was taken within the
 * deadline in force on the day it was taken: extensions count, and the days of earlier
 * suspensions that were restored move the deadline later (rule 5). `decidedOn` is the decision
 * date; for a tip still suspended it is the date of that suspension, whose running days do not
 * count. Null when the tip has no such decision (open, or closed as not a crime source).
 */
export function settledWithinDeadline(clock: Pick<TipClock, 'settlementDueOn' | 'suspendedDays'>, state: TipState, decidedOn: string | null, today: string): boolean | null {
  if ((state !== 'decided' && state !== 'suspended') || decidedOn === null) return null;
  const earlierSuspendedDays = state === 'suspended' ? clock.suspendedDays - Math.max(0, daysBetween(decidedOn, today)) : clock.suspendedDays;
  return decidedOn <= addDays(clock.settlementDueOn, earlierSuspendedDays);
}
