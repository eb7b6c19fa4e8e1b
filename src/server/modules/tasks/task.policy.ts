import type { Role } from '../../../contracts/roles.ts';
import type { TaskState } from '../../../contracts/tasks.ts';
import { unitInScope } from '../../db/scope.ts';
import type { Actor } from '../../kernel/actor.ts';
import { hasRole, isAdmin } from '../../kernel/actor.ts';
import { pathInScope } from '../../kernel/scope.ts';

/**
 * Who may see and act on tasks. Record abilities (in memory, `pathInScope`) and the list scope
 * (SQL, `unitInScope`) live together here so they cannot drift; a test asserts that every task the
 * list scope returns passes `canViewTask`.
 *
 * Visibility:
 * - administrators (and the CLI operator) see every task;
 * - others see a task when its assigning unit, its lead unit or any coordinating unit lies in
 *   their scope (their unit subtrees and assigned communes, ADR 004). A commune officer therefore
 *   sees the tasks of their unit and those their unit coordinates; leaders see their subtree.
 * - a `secret` (mật) task narrows this to: users whose own unit is the assigning, lead or a
 *   coordinating unit; leaders whose scope contains the lead unit; the assigner side (leaders and
 *   staff officers whose scope contains the assigning unit — whoever may evaluate the task must
 *   be able to see it); administrators.
 *
 * Acting:
 * - assign: system_admin, or leader / staff_officer with the assigning unit in scope; a
 *   unit_officer only creates subtasks of tasks their own unit leads, for lead units in scope;
 * - the assigner (a working member of the assigning unit, a leader / staff_officer whose scope
 *   contains it, or an administrator) updates, evaluates, pauses, resumes and cancels;
 * - progress is reported by working members of the lead unit, or leaders / staff officers whose
 *   scope contains it (and administrators); coordinating units answer their request instead;
 * - a coordination request is answered by a working member of that coordinating unit (or an
 *   administrator).
 * "Working member": a user of the unit with a role other than viewer.
 */
export interface TaskUnitRef {
  id: string;
  path: string;
  communeCode: string | null;
}

export interface TaskAccessRecord {
  classification: string;
  state: string;
  assigningUnit: TaskUnitRef;
  leadUnit: TaskUnitRef;
  coordinators: (TaskUnitRef & { respondedAt: Date | string | null })[];
}

const WORKING_ROLES: Role[] = ['system_admin', 'leader', 'staff_officer', 'unit_officer'];
const isWorkingMemberOf = (actor: Actor, unitId: string): boolean => actor.unitId === unitId && hasRole(actor, ...WORKING_ROLES);
const inScope = (actor: Actor, u: TaskUnitRef): boolean => pathInScope(actor, u.path, u.communeCode);
const CLOSED: readonly string[] = ['completed', 'cancelled'] satisfies TaskState[];

export function canViewTask(actor: Actor, t: TaskAccessRecord): boolean {
  if (isAdmin(actor)) return true;
  const units = [t.assigningUnit, t.leadUnit, ...t.coordinators];
  if (!units.some((u) => inScope(actor, u))) return false;
  if (t.classification !== 'secret') return true;
  if (actor.unitId !== null && units.some((u) => u.id === actor.unitId)) return true;
  if (hasRole(actor, 'leader') && inScope(actor, t.leadUnit)) return true;
  return hasRole(actor, 'leader', 'staff_officer') && inScope(actor, t.assigningUnit);
}

/** The assigner side of the two keys: evaluates, pauses, resumes, cancels, edits. */
export function isAssigner(actor: Actor, t: Pick<TaskAccessRecord, 'assigningUnit'>): boolean {
  if (isAdmin(actor)) return true;
  if (isWorkingMemberOf(actor, t.assigningUnit.id)) return true;
  return hasRole(actor, 'leader', 'staff_officer') && inScope(actor, t.assigningUnit);
}

/** The lead side: reports progress. */
export function isLeadReporter(actor: Actor, t: Pick<TaskAccessRecord, 'leadUnit'>): boolean {
  if (isAdmin(actor)) return true;
  if (isWorkingMemberOf(actor, t.leadUnit.id)) return true;
  return hasRole(actor, 'leader', 'staff_officer') && inScope(actor, t.leadUnit);
}

export const canUpdateTask = (actor: Actor, t: TaskAccessRecord): boolean => canViewTask(actor, t) && isAssigner(actor, t) && !CLOSED.includes(t.state);

export const canReportProgress = (actor: Actor, t: TaskAccessRecord): boolean =>
  canViewTask(actor, t) && isLeadReporter(actor, t) && (t.state === 'open' || t.state === 'returned');

export const canEvaluateTask = (actor: Actor, t: TaskAccessRecord): boolean => canViewTask(actor, t) && isAssigner(actor, t) && t.state === 'submitted';

/** Whether the actor may answer for a coordinating unit of the task. */
export function canRespondFor(actor: Actor, t: TaskAccessRecord, unitId: string): boolean {
  if (!canViewTask(actor, t) || CLOSED.includes(t.state)) return false;
  if (!t.coordinators.some((c) => c.id === unitId)) return false;
  return isAdmin(actor) || isWorkingMemberOf(actor, unitId);
}

export const canPauseTask = (actor: Actor, t: TaskAccessRecord): boolean =>
  canViewTask(actor, t) && isAssigner(actor, t) && ['open', 'submitted', 'returned'].includes(t.state);
export const canResumeTask = (actor: Actor, t: TaskAccessRecord): boolean => canViewTask(actor, t) && isAssigner(actor, t) && t.state === 'paused';
export const canCancelTask = (actor: Actor, t: TaskAccessRecord): boolean => canViewTask(actor, t) && isAssigner(actor, t) && !CLOSED.includes(t.state);

/** Whether the actor may assign top-level tasks at all (for navigation; per unit see canAssignFrom). */
export const canAssignTasks = (actor: Actor): boolean => hasRole(actor, 'system_admin', 'leader', 'staff_officer');

/** Whether the actor may assign top-level tasks on behalf of a unit. */
export function canAssignFrom(actor: Actor, assigningUnit: TaskUnitRef): boolean {
  if (isAdmin(actor)) return true;
  return hasRole(actor, 'leader', 'staff_officer') && inScope(actor, assigningUnit);
}

/**
 * Whether the actor may split a task into subtasks assigned by `assigningUnit` to `leadUnit`.
 * Leaders and staff officers: as for top-level tasks. A unit officer: only under a task their own
 * unit leads, assigning from their unit, to lead units in their scope (cascade down to communes).
 */
export function canCreateSubtask(actor: Actor, parent: TaskAccessRecord, assigningUnit: TaskUnitRef, leadUnit: TaskUnitRef | null): boolean {
  if (!canViewTask(actor, parent) || CLOSED.includes(parent.state)) return false;
  if (canAssignFrom(actor, assigningUnit)) return true;
  return (
    hasRole(actor, 'unit_officer') &&
    actor.unitId === parent.leadUnit.id &&
    assigningUnit.id === actor.unitId &&
    (leadUnit === null || inScope(actor, leadUnit))
  );
}

export function taskAbilities(actor: Actor, t: TaskAccessRecord): Record<string, boolean> {
  const respondable = t.coordinators.filter((c) => c.respondedAt === null && canRespondFor(actor, t, c.id));
  return {
    view: canViewTask(actor, t),
    update: canUpdateTask(actor, t),
    report: canReportProgress(actor, t),
    evaluate: canEvaluateTask(actor, t),
    respond: respondable.length > 0,
    pause: canPauseTask(actor, t),
    resume: canResumeTask(actor, t),
    cancel: canCancelTask(actor, t),
    createSubtask: canCreateSubtask(actor, t, t.leadUnit, null),
  };
}

/** Expression builder of a task query (`tasks as t`, `units as au` assigning, `units as lu` lead). */
type Eb = Parameters<typeof unitInScope>[0];
type Cond = ReturnType<typeof unitInScope>;

/**
 * The list scope: the SQL mirror of `canViewTask`. Expects the query to alias the tasks table `t`,
 * the assigning unit `au` and the lead unit `lu`.
 */
export function visibleTasksScope(eb: Eb, actor: Actor): Cond {
  if (isAdmin(actor)) return eb.lit(true);
  const coordinatorInScope = eb.exists(
    eb
      .selectFrom('task_coordinators as stc')
      .innerJoin('units as scu', 'scu.id', 'stc.unit_id')
      .select(eb.lit(1).as('one'))
      .whereRef('stc.task_id', '=', 't.id')
      .where((e: Eb) => unitInScope(e, actor, { path: 'scu.path', commune: 'scu.commune_code' })),
  );
  const inScopeCond = eb.or([
    unitInScope(eb, actor, { path: 'au.path', commune: 'au.commune_code' }),
    unitInScope(eb, actor, { path: 'lu.path', commune: 'lu.commune_code' }),
    coordinatorInScope,
  ]);
  const secretOk: Cond[] = [eb('t.classification', '<>', 'secret')];
  if (actor.unitId !== null) {
    secretOk.push(eb('t.assigning_unit_id', '=', actor.unitId), eb('t.lead_unit_id', '=', actor.unitId));
    secretOk.push(
      eb.exists(
        eb
          .selectFrom('task_coordinators as mtc')
          .select(eb.lit(1).as('one'))
          .whereRef('mtc.task_id', '=', 't.id')
          .where('mtc.unit_id', '=', actor.unitId),
      ),
    );
  }
  if (hasRole(actor, 'leader')) secretOk.push(unitInScope(eb, actor, { path: 'lu.path', commune: 'lu.commune_code' }));
  if (hasRole(actor, 'leader', 'staff_officer')) secretOk.push(unitInScope(eb, actor, { path: 'au.path', commune: 'au.commune_code' }));
  return eb.and([inScopeCond, eb.or(secretOk)]);
}
