import { sql } from 'kysely';
import type { Role } from '../../../contracts/roles.ts';
import type { Tx } from '../../db/schema.ts';

/**
 * SQL of the daily reminder scan (task.reminders.ts). It only narrows the candidates: the pure
 * decision function says exactly what each task needs today.
 */

export interface ReminderCandidateRow {
  id: string;
  number: number;
  state: string;
  recurrence: string;
  assignedOn: string;
  deadlineOn: string | null;
  nextReportDueOn: string | null;
  lastReportAt: Date | null;
  submittedOn: string | null;
  leadUnitId: string;
  leadUnitName: string;
  assigningUnitId: string;
}

/**
 * Open tasks (open, returned, submitted) that may need a reminder on `today`: a deadline or a
 * periodic report due within `daysBefore` days or past, a completion waiting for evaluation, or a
 * coordinating unit that has not answered for a few days. Keyset-paged by id.
 */
export async function findReminderCandidates(
  trx: Tx,
  p: { today: string; daysBefore: number; coordinationWaitDays: number; after: string | null; limit: number },
): Promise<ReminderCandidateRow[]> {
  const horizon = sql`(${p.today}::date + ${p.daysBefore}::int)`;
  let q = trx
    .selectFrom('tasks as t')
    .innerJoin('units as lu', 'lu.id', 't.lead_unit_id')
    .select([
      't.id',
      't.number',
      't.state',
      't.recurrence',
      't.assigned_on as assignedOn',
      't.deadline_on as deadlineOn',
      't.next_report_due_on as nextReportDueOn',
      't.last_report_at as lastReportAt',
      't.submitted_on as submittedOn',
      't.lead_unit_id as leadUnitId',
      'lu.name as leadUnitName',
      't.assigning_unit_id as assigningUnitId',
    ])
    .where('t.state', 'in', ['open', 'returned', 'submitted'])
    .where(
      sql<boolean>`(
        (t.state in ('open', 'returned') and t.recurrence = 'none' and t.deadline_on is not null and t.deadline_on <= ${horizon})
        or (t.state in ('open', 'returned') and t.recurrence <> 'none' and (t.next_report_due_on is null or t.next_report_due_on <= ${horizon}
              or (t.deadline_on is not null and t.deadline_on <= ${horizon})))
        or t.state = 'submitted'
        or exists (select 1 from task_coordinators c where c.task_id = t.id and c.responded_at is null
                   and c.requested_at < (${p.today}::date - ${p.coordinationWaitDays - 1}::int)::timestamp at time zone 'UTC')
      )`,
    );
  if (p.after) q = q.where('t.id', '>', p.after);
  return q.orderBy('t.id').limit(p.limit).execute();
}

export interface PendingCoordinatorRow {
  taskId: string;
  unitId: string;
  unitName: string;
  requestedAt: Date;
}

/** Coordinating units of these tasks that have not answered yet. */
export async function findUnansweredCoordinators(trx: Tx, taskIds: readonly string[]): Promise<PendingCoordinatorRow[]> {
  if (taskIds.length === 0) return [];
  return trx
    .selectFrom('task_coordinators as c')
    .innerJoin('units as u', 'u.id', 'c.unit_id')
    .select(['c.task_id as taskId', 'c.unit_id as unitId', 'u.name as unitName', 'c.requested_at as requestedAt'])
    .where('c.task_id', 'in', [...taskIds])
    .where('c.responded_at', 'is', null)
    .execute();
}

/**
 * The superiors of each lead unit, for escalation: users of the parent unit who are leaders or
 * staff officers, and leaders whose scope contains the lead unit (members of the lead unit
 * itself excluded — they already get the overdue reminders).
 */
export async function findSuperiors(trx: Tx, leadUnitIds: readonly string[]): Promise<{ leadUnitId: string; userId: string }[]> {
  if (leadUnitIds.length === 0) return [];
  const ids = sql.join([...leadUnitIds].map((id) => sql`${id}::uuid`));
  const parentRoles: Role[] = ['leader', 'staff_officer'];
  const r = await sql<{ leadUnitId: string; userId: string }>`
    select lu.id as "leadUnitId", u.id as "userId"
      from units lu
      join users u on u.unit_id = lu.parent_id
     where lu.id in (${ids}) and not u.disabled and u.roles && ${sql.val(parentRoles)}::text[]
    union
    select lu.id, u.id
      from units lu
      join units su on starts_with(lu.path, su.path)
      join user_scope_units s on s.unit_id = su.id
      join users u on u.id = s.user_id
     where lu.id in (${ids}) and not u.disabled and 'leader' = any(u.roles) and u.unit_id <> lu.id
  `.execute(trx);
  return r.rows;
}
