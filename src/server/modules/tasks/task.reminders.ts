import type { NotificationKind } from '../../../contracts/notifications.ts';
import type { Recurrence, TaskState } from '../../../contracts/tasks.ts';
import type { Tx } from '../../db/schema.ts';
import { inTransaction } from '../../db/tx.ts';
import type { Actor } from '../../kernel/actor.ts';
import { vnToday, type Ctx } from '../../kernel/context.ts';
import { createNotifications, recipientsOfUnits, WORKING_ROLES, type NewNotification } from '../notifications/notification.service.ts';
import { addDays, daysBetween } from '../../kernel/calendar.ts';
import { nextReportDueOn } from './task.ts';
import * as repo from './task-reminder.repository.ts';

/**
 * Reminders and escalation (nhắc việc, báo cáo cấp trên), decided once a day by the
 * `tasks.reminders` job (07:00 Asia/Ho_Chi_Minh) or `phoihop jobs run-reminders`.
 *
 * `decideReminders` is pure: task × today → what to send to whom. Each decision carries a dedupe
 * key that is stable for its period (a deadline, an overdue week), so running the scan twice — or
 * catching up after a day the server was down — never sends the same reminder twice.
 */

export interface ReminderSettings {
  /** "Sắp đến hạn" reminder this many days before the deadline (REMINDER_DAYS_BEFORE). */
  daysBefore: number;
  /** Escalate to the lead unit's superior when overdue by this many days (ESCALATION_DAYS). */
  escalationDays: number;
  /** A completion report waiting longer than this for evaluation reminds the assigning unit. */
  evaluationWaitDays: number;
  /** A coordinating unit silent for longer than this is reminded. */
  coordinationWaitDays: number;
}

export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = { daysBefore: 3, escalationDays: 3, evaluationWaitDays: 5, coordinationWaitDays: 3 };

export interface ReminderTask {
  id: string;
  state: TaskState;
  recurrence: Recurrence;
  assignedOn: string;
  deadlineOn: string | null;
  /** Recurring duties: when the next periodic report is due (stored; computed when absent). */
  nextReportDueOn: string | null;
  lastReportOn: string | null;
  submittedOn: string | null;
  leadUnitName: string;
  /** Coordinating units that have not answered, with the (Vietnamese) date they were asked. */
  unansweredCoordinators: readonly { unitId: string; unitName: string; requestedOn: string }[];
}

/** Who receives a reminder. */
export type Audience =
  | { to: 'lead_unit' } // users of the lead unit, every role but viewer
  | { to: 'superior' } // parent unit's leaders and staff officers, leaders whose scope holds the lead unit
  | { to: 'assigning_unit' } // leaders and staff officers of the assigning unit
  | { to: 'coordinating_unit'; unitId: string }; // users of that coordinating unit, every role but viewer

export interface ReminderDecision {
  kind: NotificationKind;
  audience: Audience;
  dedupeKey: string;
  params: Record<string, unknown>;
}


/** Start of the weekly period, counted from `first`, that contains `today` (first ≤ today). */
const weekBucket = (first: string, today: string): string => addDays(first, Math.floor(daysBetween(first, today) / 7) * 7);

/** The date the task is due for reminders: the next periodic report of a duty, else the deadline. */
export function reminderDueOn(t: Pick<ReminderTask, 'recurrence' | 'assignedOn' | 'deadlineOn' | 'nextReportDueOn' | 'lastReportOn'>): string | null {
  if (t.recurrence !== 'none') return t.nextReportDueOn ?? nextReportDueOn(t.recurrence, t.assignedOn, t.lastReportOn) ?? t.deadlineOn;
  return t.deadlineOn;
}

export function decideReminders(t: ReminderTask, today: string, s: ReminderSettings = DEFAULT_REMINDER_SETTINGS): ReminderDecision[] {
  const out: ReminderDecision[] = [];
  const key = (...parts: string[]) => ['task', t.id, ...parts].join(':');
  const recurring = t.recurrence !== 'none' ? { recurring: true } : {};

  if (t.state === 'open' || t.state === 'returned') {
    const due = reminderDueOn(t);
    if (due !== null) {
      const left = daysBetween(today, due);
      if (left > 0 && left <= s.daysBefore) {
        out.push({ kind: 'due_soon', audience: { to: 'lead_unit' }, dedupeKey: key('due_soon', due), params: { dueOn: due, daysBefore: left, ...recurring } });
      } else if (left === 0) {
        out.push({ kind: 'due_today', audience: { to: 'lead_unit' }, dedupeKey: key('due_today', due), params: { dueOn: due, ...recurring } });
      } else if (left < 0) {
        const overdue = -left;
        // The day after the deadline, then once a week (whichever day of that week the scan runs).
        const period = weekBucket(addDays(due, 1), today);
        out.push({ kind: 'overdue', audience: { to: 'lead_unit' }, dedupeKey: key('overdue', period), params: { dueOn: due, daysOverdue: overdue, ...recurring } });
        if (overdue >= s.escalationDays) {
          out.push({
            kind: 'escalated',
            audience: { to: 'superior' },
            dedupeKey: key('escalated', due),
            params: { dueOn: due, daysOverdue: overdue, leadUnitName: t.leadUnitName, ...recurring },
          });
        }
      }
    }
  }

  if (t.state === 'submitted' && t.submittedOn !== null) {
    const waiting = daysBetween(t.submittedOn, today);
    if (waiting > s.evaluationWaitDays) {
      const period = weekBucket(addDays(t.submittedOn, s.evaluationWaitDays + 1), today);
      out.push({
        kind: 'evaluation_pending',
        audience: { to: 'assigning_unit' },
        dedupeKey: key('evaluation_pending', period),
        params: { submittedOn: t.submittedOn, daysWaiting: waiting, leadUnitName: t.leadUnitName },
      });
    }
  }

  if (t.state === 'open' || t.state === 'returned' || t.state === 'submitted') {
    for (const c of t.unansweredCoordinators) {
      const waiting = daysBetween(c.requestedOn, today);
      if (waiting > s.coordinationWaitDays) {
        const period = weekBucket(addDays(c.requestedOn, s.coordinationWaitDays + 1), today);
        out.push({
          kind: 'coordination_pending',
          audience: { to: 'coordinating_unit', unitId: c.unitId },
          dedupeKey: key('coordination_pending', c.unitId, period),
          params: { unitName: c.unitName, requestedOn: c.requestedOn, daysWaiting: waiting, leadUnitName: t.leadUnitName },
        });
      }
    }
  }
  return out;
}

export interface ReminderScanResult {
  today: string;
  tasksScanned: number;
  decisions: number;
  created: number;
  emails: number;
  byKind: Partial<Record<NotificationKind, number>>;
}

const BATCH = 500;

/**
 * The scan: page through candidate tasks, decide, resolve recipients and create the
 * notifications. One short transaction per page (the embedded database has one connection, so
 * users are never blocked for the whole scan); each page's notifications are audited as one row.
 */
export async function scanTaskReminders(ctx: Ctx, actor: Actor, opts: { today?: string; settings?: Partial<ReminderSettings> } = {}): Promise<ReminderScanResult> {
  const today = opts.today ?? ctx.today();
  const s: ReminderSettings = { ...DEFAULT_REMINDER_SETTINGS, ...opts.settings };
  const result: ReminderScanResult = { today, tasksScanned: 0, decisions: 0, created: 0, emails: 0, byKind: {} };
  let after: string | null = null;
  for (;;) {
    const page: repo.ReminderCandidateRow[] = await inTransaction(ctx.db, async (trx) => {
      const rows = await repo.findReminderCandidates(trx, { today, daysBefore: s.daysBefore, coordinationWaitDays: s.coordinationWaitDays, after, limit: BATCH });
      if (rows.length === 0) return rows;
      const pending = await repo.findUnansweredCoordinators(trx, rows.map((r) => r.id));
      const decided = rows.map((r) => ({
        row: r,
        decisions: decideReminders(
          {
            id: r.id,
            state: r.state as TaskState,
            recurrence: r.recurrence as Recurrence,
            assignedOn: r.assignedOn,
            deadlineOn: r.deadlineOn,
            nextReportDueOn: r.nextReportDueOn,
            lastReportOn: r.lastReportAt ? vnToday(r.lastReportAt) : null,
            submittedOn: r.submittedOn,
            leadUnitName: r.leadUnitName,
            unansweredCoordinators: pending.filter((c) => c.taskId === r.id).map((c) => ({ unitId: c.unitId, unitName: c.unitName, requestedOn: vnToday(c.requestedAt) })),
          },
          today,
          s,
        ),
      }));
      const items = await resolveRecipients(trx, decided);
      result.decisions += decided.reduce((n, d) => n + d.decisions.length, 0);
      const created = await createNotifications(trx, actor, items);
      result.created += created.created;
      result.emails += created.emails;
      for (const [k, n] of Object.entries(created.byKind)) result.byKind[k as NotificationKind] = (result.byKind[k as NotificationKind] ?? 0) + n;
      return rows;
    });
    result.tasksScanned += page.length;
    if (page.length < BATCH) break;
    after = page[page.length - 1]!.id;
  }
  return result;
}

async function resolveRecipients(trx: Tx, decided: { row: repo.ReminderCandidateRow; decisions: ReminderDecision[] }[]): Promise<NewNotification[]> {
  const leadUnits = new Set<string>();
  const superiorOf = new Set<string>();
  const assigning = new Set<string>();
  const coordinating = new Set<string>();
  for (const { row, decisions } of decided)
    for (const d of decisions) {
      if (d.audience.to === 'lead_unit') leadUnits.add(row.leadUnitId);
      else if (d.audience.to === 'superior') superiorOf.add(row.leadUnitId);
      else if (d.audience.to === 'assigning_unit') assigning.add(row.assigningUnitId);
      else coordinating.add(d.audience.unitId);
    }
  const group = (rows: { unitId: string; id: string }[]) => {
    const m = new Map<string, string[]>();
    for (const r of rows) m.set(r.unitId, [...(m.get(r.unitId) ?? []), r.id]);
    return m;
  };
  const members = group(await recipientsOfUnits(trx, [...new Set([...leadUnits, ...coordinating])], WORKING_ROLES));
  const assigners = group(await recipientsOfUnits(trx, [...assigning], ['leader', 'staff_officer']));
  const superiors = group((await repo.findSuperiors(trx, [...superiorOf])).map((r) => ({ unitId: r.leadUnitId, id: r.userId })));

  const items: NewNotification[] = [];
  for (const { row, decisions } of decided)
    for (const d of decisions) {
      const users =
        d.audience.to === 'lead_unit'
          ? members.get(row.leadUnitId)
          : d.audience.to === 'superior'
            ? superiors.get(row.leadUnitId)
            : d.audience.to === 'assigning_unit'
              ? assigners.get(row.assigningUnitId)
              : members.get(d.audience.unitId);
      for (const userId of new Set(users ?? [])) items.push({ userId, kind: d.kind, taskId: row.id, dedupeKey: d.dedupeKey, params: d.params });
    }
  return items;
}
