import { DUE_SOON_DAYS, type Recurrence, type TaskState, type TaskStatus } from '../../../contracts/tasks.ts';
import { addDays } from '../../kernel/calendar.ts';

/**
 * Pure rules for tasks (nhiệm vụ).
 *
 * Status vocabulary follows Vietnamese government task tracking (Quyết định 42/2014/QĐ-TTg, amended
 * by Quyết định 23/2018/QĐ-TTg; reports such as 1270/BC-TCTTTg): completed on time / late, not
 * completed within the deadline / overdue, plus "sắp đến hạn" for the last DUE_SOON_DAYS days.
 * The status is derived from the stored lifecycle state and dates; it is never typed in.
 */
export interface StatusInput {
  state: TaskState;
  /** Deadline in force (YYYY-MM-DD), null for tasks without one. */
  deadlineOn: string | null;
  /** Whether any progress report exists. */
  hasReports: boolean;
  /** Date the accepted completion report was submitted. */
  submittedOn: string | null;
  /** For recurring reporting duties: when the next periodic report is due. */
  nextReportDueOn: string | null;
}

export function deriveTaskStatus(t: StatusInput, today: string): TaskStatus {
  switch (t.state) {
    case 'cancelled':
      return 'cancelled';
    case 'paused':
      return 'paused';
    case 'completed':
      return t.deadlineOn !== null && t.submittedOn !== null && t.submittedOn > t.deadlineOn ? 'completed_late' : 'completed_on_time';
    case 'submitted':
      return 'awaiting_evaluation';
    case 'returned':
      return 'returned';
    case 'open':
    default: {
      const due = t.nextReportDueOn ?? t.deadlineOn;
      if (due !== null && today > due) return 'overdue';
      if (due !== null && addDays(today, DUE_SOON_DAYS) >= due) return 'due_soon';
      return t.hasReports ? 'in_progress' : 'not_started';
    }
  }
}

/** Statuses that count as finished (for "open work" lists and completion rates). */
export const FINISHED_STATUSES: readonly TaskStatus[] = ['completed_on_time', 'completed_late', 'cancelled'];

/**
 * End of the reporting period that contains `day`, for recurring reporting duties. Periods are
 * calendar periods (week Monday–Sunday, month, quarter, half-year, year).
 */
export function periodEnd(day: string, r: Exclude<Recurrence, 'none'>): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const iso = (yy: number, mm: number, dd: number) => new Date(Date.UTC(yy, mm - 1, dd)).toISOString().slice(0, 10);
  switch (r) {
    case 'weekly': {
      const dow = new Date(Date.UTC(y, m - 1, d)).getUTCDay(); // 0 = Sunday
      return addDays(day, dow === 0 ? 0 : 7 - dow);
    }
    case 'monthly':
      return iso(y, m + 1, 0);
    case 'quarterly':
      return iso(y, Math.ceil(m / 3) * 3 + 1, 0);
    case 'half_yearly':
      return iso(y, m <= 6 ? 7 : 13, 0);
    case 'yearly':
      return iso(y, 12, 31);
  }
}

/**
 * When the next periodic report of a recurring duty is due: the end of the first period not yet
 * covered by a report (the period of the assignment when nothing was reported yet).
 */
export function nextReportDueOn(recurrence: Recurrence, assignedOn: string, lastReportOn: string | null): string | null {
  if (recurrence === 'none') return null;
  if (lastReportOn === null) return periodEnd(assignedOn, recurrence);
  return periodEnd(addDays(periodEnd(lastReportOn, recurrence), 1), recurrence);
}

/** Weighted progress of a parent from its children (completed children count as 100). */
export function rollUpProgress(children: { progress: number; weight: number; state: TaskState }[]): number {
  const live = children.filter((c) => c.state !== 'cancelled');
  const total = live.reduce((s, c) => s + c.weight, 0);
  if (total === 0) return 0;
  const sum = live.reduce((s, c) => s + c.weight * (c.state === 'completed' ? 100 : c.progress), 0);
  return Math.round(sum / total);
}

/** Human code of a task: NV-<number>. */
export const taskCode = (n: number): string => `NV-${String(n).padStart(5, '0')}`;
