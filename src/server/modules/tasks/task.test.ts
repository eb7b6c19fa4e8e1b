import { describe, expect, it } from 'vitest';
import type { TaskState, TaskStatus } from '../../../contracts/tasks.ts';
import { deriveTaskStatus, nextReportDueOn, periodEnd, rollUpProgress, taskCode } from './task.ts';
import { addDays } from '../../kernel/calendar.ts';

const T = '2026-05-15';

describe('deriveTaskStatus', () => {
  const cases: [string, { state: TaskState; deadlineOn: string | null; hasReports: boolean; submittedOn: string | null; nextReportDueOn?: string | null }, TaskStatus][] = [
    ['open, no deadline, no report', { state: 'open', deadlineOn: null, hasReports: false, submittedOn: null }, 'not_started'],
    ['open, no deadline, reported', { state: 'open', deadlineOn: null, hasReports: true, submittedOn: null }, 'in_progress'],
    ['open, deadline in 4 days', { state: 'open', deadlineOn: addDays(T, 4), hasReports: true, submittedOn: null }, 'in_progress'],
    ['open, deadline in 3 days (due soon edge)', { state: 'open', deadlineOn: addDays(T, 3), hasReports: false, submittedOn: null }, 'due_soon'],
    ['open, deadline today', { state: 'open', deadlineOn: T, hasReports: true, submittedOn: null }, 'due_soon'],
    ['open, deadline yesterday (overdue edge)', { state: 'open', deadlineOn: addDays(T, -1), hasReports: true, submittedOn: null }, 'overdue'],
    ['open, recurring report overdue, deadline far', { state: 'open', deadlineOn: addDays(T, 200), hasReports: true, submittedOn: null, nextReportDueOn: addDays(T, -1) }, 'overdue'],
    ['open, recurring report due soon', { state: 'open', deadlineOn: null, hasReports: false, submittedOn: null, nextReportDueOn: addDays(T, 2) }, 'due_soon'],
    ['submitted, past deadline', { state: 'submitted', deadlineOn: addDays(T, -10), hasReports: true, submittedOn: addDays(T, -9) }, 'awaiting_evaluation'],
    ['completed, submitted on the deadline', { state: 'completed', deadlineOn: T, hasReports: true, submittedOn: T }, 'completed_on_time'],
    ['completed, submitted a day late', { state: 'completed', deadlineOn: T, hasReports: true, submittedOn: addDays(T, 1) }, 'completed_late'],
    ['completed, no deadline', { state: 'completed', deadlineOn: null, hasReports: true, submittedOn: addDays(T, 100) }, 'completed_on_time'],
    ['returned, past deadline', { state: 'returned', deadlineOn: addDays(T, -5), hasReports: true, submittedOn: addDays(T, -6) }, 'returned'],
    ['paused, past deadline', { state: 'paused', deadlineOn: addDays(T, -5), hasReports: false, submittedOn: null }, 'paused'],
    ['cancelled', { state: 'cancelled', deadlineOn: addDays(T, -5), hasReports: false, submittedOn: null }, 'cancelled'],
  ];
  it.each(cases)('%s → %s', (_l, input, expected) => {
    expect(deriveTaskStatus({ nextReportDueOn: null, ...input }, T)).toBe(expected);
  });
});

describe('reporting periods', () => {
  it.each([
    ['2026-05-15', 'weekly', '2026-05-17'], // Friday → Sunday
    ['2026-05-17', 'weekly', '2026-05-17'], // Sunday is the end of its week
    ['2026-05-18', 'weekly', '2026-05-24'],
    ['2026-02-10', 'monthly', '2026-02-28'],
    ['2028-02-10', 'monthly', '2028-02-29'],
    ['2026-05-15', 'quarterly', '2026-06-30'],
    ['2026-10-01', 'quarterly', '2026-12-31'],
    ['2026-06-30', 'half_yearly', '2026-06-30'],
    ['2026-07-01', 'half_yearly', '2026-12-31'],
    ['2026-01-01', 'yearly', '2026-12-31'],
  ] as const)('periodEnd(%s, %s) = %s', (day, r, end) => expect(periodEnd(day, r)).toBe(end));

  it('the next report is due at the end of the first period not yet covered', () => {
    expect(nextReportDueOn('none', '2026-01-10', null)).toBeNull();
    expect(nextReportDueOn('monthly', '2026-01-10', null)).toBe('2026-01-31');
    expect(nextReportDueOn('monthly', '2026-01-10', '2026-01-20')).toBe('2026-02-28');
    expect(nextReportDueOn('monthly', '2026-01-10', '2026-02-01')).toBe('2026-03-31');
    expect(nextReportDueOn('quarterly', '2026-01-10', '2026-03-31')).toBe('2026-06-30');
  });
});

describe('rollUpProgress', () => {
  it.each([
    [[], 0],
    [[{ progress: 40, weight: 1, state: 'open' }, { progress: 0, weight: 3, state: 'open' }], 10],
    [[{ progress: 40, weight: 1, state: 'open' }, { progress: 100, weight: 3, state: 'submitted' }], 85],
    [[{ progress: 40, weight: 1, state: 'completed' }, { progress: 0, weight: 1, state: 'open' }], 50], // completed counts as 100
    [[{ progress: 40, weight: 1, state: 'cancelled' }, { progress: 60, weight: 1, state: 'open' }], 60], // cancelled drops out
    [[{ progress: 40, weight: 1, state: 'cancelled' }], 0],
    [[{ progress: 33, weight: 1, state: 'open' }, { progress: 34, weight: 2, state: 'open' }], 34],
  ] as const)('%j → %i', (children, expected) => expect(rollUpProgress(children.map((c) => ({ ...c, state: c.state as TaskState })))).toBe(expected));
});

it('task codes', () => {
  expect(taskCode(7)).toBe('NV-00007');
  expect(taskCode(123456)).toBe('NV-123456');
});
