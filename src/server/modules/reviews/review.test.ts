import { describe, expect, it } from 'vitest';
import type { CorrectiveActionStatus } from '../../../contracts/reviews.ts';
import { DomainError } from '../../kernel/errors.ts';
import type { ClockEvent } from '../tips/tip-deadlines.ts';
import {
  actionOverdue,
  checkActionTransition,
  classifyTaskAt,
  cutoffOf,
  isCarriedForward,
  resolveReviewPeriod,
  type ReviewTaskFacts,
  type TaskBucket,
  taskInPeriod,
  tipDecisionTimeliness,
} from './review.ts';

const Q1 = { from: '2026-01-01', to: '2026-03-31' };
const task = (o: Partial<ReviewTaskFacts>): ReviewTaskFacts => ({ state: 'open', assignedOn: '2026-01-05', deadlineOn: '2026-03-15', submittedOn: null, completedOn: null, ...o });

describe('resolveReviewPeriod', () => {
  it.each([
    [{ kind: 'quarter', year: 2026, index: 1 }, '2026-01-01', '2026-03-31', 'quý I/2026'],
    [{ kind: 'half_year', year: 2026, index: 2 }, '2026-07-01', '2026-12-31', '6 tháng cuối năm 2026'],
    [{ kind: 'year', year: 2025 }, '2025-01-01', '2025-12-31', 'năm 2025'],
    [{ kind: 'stat_month', year: 2026, index: 1 }, '2025-12-15', '2026-01-14', 'tháng 1/2026 theo kỳ thống kê (từ 15/12/2025 đến 14/01/2026)'],
    [{ kind: 'custom', from: '2021-01-01', to: '2025-12-31' }, '2021-01-01', '2025-12-31', 'từ 01/01/2021 đến 31/12/2025'],
    [{ kind: 'custom', from: '2026-02-10', to: '2026-02-10' }, '2026-02-10', '2026-02-10', 'từ 10/02/2026 đến 10/02/2026'],
    [{ kind: 'month' }, '2026-05-01', '2026-05-31', 'tháng 5/2026'], // defaults to today's month
  ] as const)('%j', (input, from, to, label) => {
    const p = resolveReviewPeriod(input, '2026-05-20');
    expect([p.from, p.to, p.label]).toEqual([from, to, label]);
  });

  it.each([
    [{ kind: 'custom', from: '2026-03-31', to: '2026-01-01' }, 'period.to'], // ends before it starts
    [{ kind: 'custom', from: '2026-03-31' }, 'period.to'],
    [{ kind: 'custom', to: '2026-03-31' }, 'period.from'],
    [{ kind: 'quarter', year: 2026, index: 5 }, 'period.index'],
    [{ kind: 'half_year', year: 2026, index: 3 }, 'period.index'],
  ] as const)('refuses %j with review.invalid_period at %s', (input, path) => {
    try {
      resolveReviewPeriod(input, '2026-05-20');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).code).toBe('review.invalid_period');
      expect((e as DomainError).issues?.[0]?.path).toBe(path);
    }
  });

  it('cut-off is the last day of the period, or today while it runs', () => {
    expect(cutoffOf(Q1, '2026-05-20')).toBe('2026-03-31');
    expect(cutoffOf(Q1, '2026-02-10')).toBe('2026-02-10');
  });
});

describe('taskInPeriod', () => {
  it.each<[string, Partial<ReviewTaskFacts>, boolean]>([
    ['open, assigned in the period', {}, true],
    ['assigned before the period, still open', { assignedOn: '2025-10-01', deadlineOn: '2025-12-01' }, true],
    ['assigned on the last day', { assignedOn: '2026-03-31' }, true],
    ['assigned after the period', { assignedOn: '2026-04-01' }, false],
    ['deadline after the period (counts: not completed within deadline)', { deadlineOn: '2026-06-30' }, true],
    ['completed before the period began', { assignedOn: '2025-10-01', state: 'completed', submittedOn: '2025-12-31' }, false],
    ['completed on the first day', { assignedOn: '2025-10-01', state: 'completed', submittedOn: '2026-01-01' }, true],
    ['completed after the period', { state: 'completed', submittedOn: '2026-04-10' }, true],
    ['cancelled', { state: 'cancelled' }, false],
  ])('%s → %s', (_l, o, expected) => expect(taskInPeriod(task(o), Q1)).toBe(expected));
});

describe('classifyTaskAt (cut-off 2026-03-31)', () => {
  const C = '2026-03-31';
  it.each<[string, Partial<ReviewTaskFacts>, TaskBucket]>([
    ['completed on the deadline', { state: 'completed', submittedOn: '2026-03-15' }, 'completed_on_time'],
    ['completed a day late', { state: 'completed', submittedOn: '2026-03-16' }, 'completed_late'],
    ['completed without a deadline', { state: 'completed', deadlineOn: null, submittedOn: '2026-03-20' }, 'completed_on_time'],
    ['completed, no submission date: acceptance date counts', { state: 'completed', submittedOn: null, completedOn: '2026-03-10' }, 'completed_on_time'],
    ['completed after the cut-off, deadline passed before it', { state: 'completed', submittedOn: '2026-04-02' }, 'not_completed_overdue'],
    ['completed after the cut-off, deadline after it', { state: 'completed', deadlineOn: '2026-04-30', submittedOn: '2026-04-02' }, 'not_completed_within_deadline'],
    ['open, deadline passed', {}, 'not_completed_overdue'],
    ['open, deadline is the cut-off day', { deadlineOn: C }, 'not_completed_within_deadline'],
    ['open, deadline after the period', { deadlineOn: '2026-06-30' }, 'not_completed_within_deadline'],
    ['open, no deadline', { deadlineOn: null }, 'not_completed_within_deadline'],
    ['submitted, awaiting evaluation, past deadline', { state: 'submitted', submittedOn: '2026-03-10' }, 'not_completed_overdue'],
    ['returned, past deadline', { state: 'returned', submittedOn: '2026-03-10' }, 'not_completed_overdue'],
    ['paused, deadline after cut-off', { state: 'paused', deadlineOn: '2026-04-15' }, 'not_completed_within_deadline'],
  ])('%s → %s', (_l, o, expected) => expect(classifyTaskAt(task(o), C)).toBe(expected));
});

describe('tipDecisionTimeliness (BLTTHS art. 147)', () => {
  const received = { receivedAt: new Date('2026-01-10T09:00:00+07:00'), remote: false };
  const decided = (on: string): ClockEvent => ({ kind: 'decided', decidedOn: on } as ClockEvent);
  it.each<[string, ClockEvent[], string, string, boolean]>([
    ['decided on day 20', [decided('2026-01-30')], '2026-01-30', '2026-01-30', true],
    ['decided on day 21', [decided('2026-01-31')], '2026-01-31', '2026-01-30', false],
    ['extended (complex) to 2 months, decided inside', [{ kind: 'extended', extensionKind: 'complex', until: '2026-03-10' }, decided('2026-03-01')], '2026-03-01', '2026-03-10', true],
    [
      'suspended 10 days, restored, decided on day 28 (18 clock days)',
      [{ kind: 'suspended', decidedOn: '2026-01-20' }, { kind: 'restored', decidedOn: '2026-01-30' }, decided('2026-02-07')],
      '2026-02-07',
      '2026-02-09',
      true,
    ],
    ['suspension as the decision, on day 15', [{ kind: 'suspended', decidedOn: '2026-01-25' }], '2026-01-25', '2026-01-30', true],
  ])('%s', (_l, events, decidedOn, dueOn, within) => {
    expect(tipDecisionTimeliness(received, events, decidedOn)).toEqual({ dueOn, withinDeadline: within });
  });
});

describe('corrective actions', () => {
  it.each<[CorrectiveActionStatus, CorrectiveActionStatus, string | undefined, string | null]>([
    ['open', 'in_progress', undefined, null],
    ['in_progress', 'open', undefined, null],
    ['open', 'closed', 'done', null],
    ['in_progress', 'closed', 'done', null],
    ['open', 'closed', undefined, 'review.closing_note_required'],
    ['open', 'open', undefined, 'review.invalid_transition'],
    ['closed', 'open', 'again', 'review.invalid_transition'],
    ['closed', 'in_progress', undefined, 'review.invalid_transition'],
  ])('%s → %s (note %s)', (from, to, note, code) => {
    if (code === null) expect(() => checkActionTransition(from, to, note)).not.toThrow();
    else expect(() => checkActionTransition(from, to, note)).toThrow(expect.objectContaining({ code }));
  });

  const q1 = { id: 'q1', periodTo: '2026-03-31', scopePath: '/city/' };
  const q2 = { id: 'q2', periodTo: '2026-06-30', scopePath: '/city/' };
  const q3 = { id: 'q3', periodTo: '2026-09-30', scopePath: '/city/' };
  const ward = { id: 'w2', periodTo: '2026-06-30', scopePath: '/city/ward-a/' };
  const action = (o: Partial<Parameters<typeof isCarriedForward>[1]> = {}) => ({ recordedIn: q1, ownerPath: '/city/ward-a/', status: 'open' as CorrectiveActionStatus, closedInPeriodTo: null, ...o });
  it.each<[string, typeof q1, ReturnType<typeof action>, boolean]>([
    ['open, next quarter', q2, action(), true],
    ['in progress, two quarters later', q3, action({ status: 'in_progress' }), true],
    ['not in the review where it was recorded', q1, action(), false],
    ['not in an earlier review', q1, action({ recordedIn: q2 }), false],
    ['owner in a narrower review scope', ward, action(), true],
    ['owner outside the review scope', ward, action({ ownerPath: '/city/ward-b/' }), false],
    ['closed in this review', q2, action({ status: 'closed', closedInPeriodTo: '2026-06-30' }), true],
    ['closed in a later review: an older review still shows it', q2, action({ status: 'closed', closedInPeriodTo: '2026-09-30' }), true],
    ['closed in an earlier review', q3, action({ status: 'closed', closedInPeriodTo: '2026-06-30' }), false],
  ])('%s → %s', (_l, cycle, a, expected) => expect(isCarriedForward(cycle, a)).toBe(expected));

  it('overdue: deadline before the cut-off and not closed', () => {
    expect(actionOverdue({ deadlineOn: '2026-03-30', status: 'open' }, '2026-03-31')).toBe(true);
    expect(actionOverdue({ deadlineOn: '2026-03-31', status: 'open' }, '2026-03-31')).toBe(false);
    expect(actionOverdue({ deadlineOn: '2026-03-01', status: 'closed' }, '2026-03-31')).toBe(false);
    expect(actionOverdue({ deadlineOn: null, status: 'open' }, '2026-03-31')).toBe(false);
  });
});
