import { notifyUnitMembers } from '../notifications/notification.service.ts';
import type { CreateTaskInput, Task, UpdateTaskInput } from '../../../contracts/tasks.ts';
import type { Tx } from '../../db/schema.ts';
import { inTransaction } from '../../db/tx.ts';
import { publishChange } from '../../db/events.ts';
import type { Actor } from '../../kernel/actor.ts';
import { writeAudit } from '../../kernel/audit.ts';
import type { Ctx } from '../../kernel/context.ts';
import { DomainError, forbidden, hiddenNotFound, notFound, staleVersion } from '../../kernel/errors.ts';
import { foldForSearch } from '../../kernel/text.ts';
import { findUnitById } from '../organisation/unit.service.ts';
import { assertClauseOf, assertDocumentsVisible } from '../documents/document.service.ts';
import { isConferenceVisible } from '../conferences/conference.service.ts';
import { nextReportDueOn, rollUpProgress, taskCode } from './task.ts';
import type { TaskState } from '../../../contracts/tasks.ts';
import { canAssignFrom, canCreateSubtask, canViewTask, isAssigner, type TaskUnitRef } from './task.policy.ts';
import { accessRecord, presentTask } from './task.presenter.ts';
import * as repo from './task.repository.ts';

/**
 * Use cases that create and shape tasks: assign (top-level or subtask), edit (deadline,
 * coordinators, re-parenting), pause / resume / cancel. Progress, evaluation and coordination
 * answers are in task-progress.service.ts; reads in task-queries.service.ts.
 */

export const searchTextOf = (number: number, title: string, description: string | null): string => foldForSearch([taskCode(number), title, description ?? ''].join(' '));

/** Load a task the actor can see, or answer 404 (outside scope answers exactly like a missing task). */
export async function loadVisibleTask(db: Ctx['db'] | Tx, actor: Actor, id: string, today: string): Promise<repo.TaskRow> {
  const row = await repo.findTaskById(db, id, today);
  if (!row) throw notFound('task', id);
  if (!canViewTask(actor, accessRecord(row))) throw hiddenNotFound('task', id);
  return row;
}

/** Tell live boards (GET /api/events) that the task changed; sent only if the transaction commits. */
export async function publishTaskChange(trx: Tx, t: repo.TaskRow, alsoUnitIds: readonly string[] = []): Promise<void> {
  const unitIds = [t.assigningUnit.id, t.leadUnit.id, ...t.coordinators.map((c) => c.id), ...alsoUnitIds];
  await publishChange(trx, { type: 'task', id: t.id, unitIds, restricted: t.classification === 'secret' });
}

/** Re-compute the weighted progress of every ancestor of the task at `path`, nearest first. */
export async function rollUpAncestors(trx: Tx, path: string): Promise<void> {
  const ids = path.split('/').filter(Boolean);
  ids.pop(); // the task itself
  for (const ancestorId of ids.reverse()) {
    await repo.lockTask(trx, ancestorId);
    const children = await repo.childWeights(trx, ancestorId);
    if (children.length === 0) continue;
    await repo.setRolledUpProgress(trx, ancestorId, rollUpProgress(children.map((c) => ({ progress: c.progress, weight: c.weight, state: c.state as TaskState }))));
  }
}

async function unitRef(trx: Tx, id: string, path: string): Promise<TaskUnitRef & { name: string }> {
  const u = await findUnitById(trx, id);
  if (!u) throw new DomainError('task.unknown_unit', { id }, [{ path, code: 'unknown_unit' }]);
  return { id: u.id, path: u.path, communeCode: u.communeCode, name: u.name };
}

async function checkCoordinators(trx: Tx, leadUnitId: string, list: { unitId: string }[], existing: string[], field: string): Promise<void> {
  const seen = new Set(existing);
  for (const [i, c] of list.entries()) {
    if (c.unitId === leadUnitId) throw new DomainError('task.lead_is_coordinator', { unitId: c.unitId }, [{ path: `${field}.${i}.unitId`, code: 'lead_is_coordinator' }]);
    if (seen.has(c.unitId)) throw new DomainError('task.duplicate_coordinator', { unitId: c.unitId }, [{ path: `${field}.${i}.unitId`, code: 'duplicate' }]);
    seen.add(c.unitId);
    await unitRef(trx, c.unitId, `${field}.${i}.unitId`);
  }
}

const sourceError = (path: string) => new DomainError('task.unknown_source', {}, [{ path, code: 'unknown_source' }]);

export async function assignTask(ctx: Ctx, actor: Actor, input: CreateTaskInput): Promise<Task> {
  const today = ctx.today();
  const now = ctx.now();
  return inTransaction(ctx.db, async (trx) => {
    const assigning = await unitRef(trx, input.assigningUnitId, 'assigningUnitId');
    const lead = await unitRef(trx, input.leadUnitId, 'leadUnitId');
    await checkCoordinators(trx, lead.id, input.coordinators, [], 'coordinators');

    let parent: repo.TaskRow | undefined;
    let documentId: string | null = null;
    let clauseId: string | null = null;
    let conferenceItemId: string | null = null;
    const src = input.source;
    if (src.kind === 'document_clause') {
      await assertDocumentsVisible(trx, actor, [src.documentId], 'source.documentId');
      await assertClauseOf(trx, src.clauseId, src.documentId, 'source.clauseId');
      documentId = src.documentId;
      clauseId = src.clauseId;
    } else if (src.kind === 'document') {
      await assertDocumentsVisible(trx, actor, [src.documentId], 'source.documentId');
      documentId = src.documentId;
    } else if (src.kind === 'conference_item') {
      const item = await repo.findConferenceItem(trx, src.conferenceItemId);
      if (!item) throw sourceError('source.conferenceItemId');
      // The conclusion must belong to a conference the actor can see (an id outside scope leaks nothing).
      if (!(await isConferenceVisible(trx, actor, item.conferenceId))) throw sourceError('source.conferenceItemId');
      conferenceItemId = item.id;
      documentId = item.documentId;
      clauseId = item.clauseId;
    } else if (src.kind === 'parent_task') {
      parent = await repo.findTaskById(trx, src.parentId, today);
      if (!parent || !canViewTask(actor, accessRecord(parent))) throw sourceError('source.parentId');
    }

    if (parent) {
      if (!canCreateSubtask(actor, accessRecord(parent), assigning, lead)) throw forbidden('task.create_subtask');
    } else if (!canAssignFrom(actor, assigning)) throw forbidden('task.assign');

    const assignedOn = input.assignedOn ?? today;
    // A subtask without its own deadline inherits its parent's (it cannot outlive it).
    const deadlineOn = input.deadlineOn ?? parent?.deadlineOn ?? null;
    if (deadlineOn !== null && deadlineOn < assignedOn)
      throw new DomainError('task.deadline_before_assignment', { assignedOn, deadlineOn }, [{ path: 'deadlineOn', code: 'before_assignment' }]);
    if (parent?.deadlineOn && deadlineOn !== null && deadlineOn > parent.deadlineOn)
      throw new DomainError('task.deadline_after_parent', { parentDeadlineOn: parent.deadlineOn, deadlineOn }, [{ path: 'deadlineOn', code: 'after_parent' }]);

    const { id, number } = await repo.insertTask(
      trx,
      {
        title: input.title,
        description: input.description ?? null,
        sourceKind: src.kind,
        documentId,
        clauseId,
        conferenceItemId,
        parentId: parent?.id ?? null,
        parentPath: parent?.path ?? null,
        weight: input.weight,
        assigningUnitId: assigning.id,
        assignedBy: actor.userId,
        leadUnitId: lead.id,
        assignedOn,
        deadlineOn,
        recurrence: input.recurrence,
        nextReportDueOn: nextReportDueOn(input.recurrence, assignedOn, null),
        priority: input.priority,
        classification: input.classification,
        now,
      },
      (n) => searchTextOf(n, input.title, input.description ?? null),
    );
    await repo.insertCoordinators(
      trx,
      id,
      input.coordinators.map((c) => ({ unitId: c.unitId, part: c.part ?? null })),
      now,
    );
    await repo.insertEvent(trx, { taskId: id, kind: 'assigned', actor, unitId: assigning.id, at: now });
    await notifyUnitMembers(trx, actor, { unitIds: [lead.id], kind: 'task_assigned', taskId: id });
    if (input.coordinators.length) await notifyUnitMembers(trx, actor, { unitIds: input.coordinators.map((c) => c.unitId), kind: 'coordination_requested', taskId: id });
    if (parent) {
      await repo.insertEvent(trx, { taskId: parent.id, kind: 'subtask_created', actor, unitId: lead.id, data: { taskId: id, code: taskCode(number), title: input.title }, at: now });
      await rollUpAncestors(trx, `${parent.path}${id}/`);
    }
    await writeAudit(trx, actor, { action: 'task.assigned', entityType: 'task', entityId: id, data: { ...input, assignedOn, deadlineOn, number } });
    const changed = (await repo.findTaskById(trx, id, today))!;
    await publishTaskChange(trx, changed);
    return presentTask(actor, changed, today);
  });
}

export async function updateTask(ctx: Ctx, actor: Actor, id: string, input: UpdateTaskInput): Promise<Task> {
  const today = ctx.today();
  const now = ctx.now();
  return inTransaction(ctx.db, async (trx) => {
    const row = await loadVisibleTask(trx, actor, id, today);
    if (!isAssigner(actor, row)) throw forbidden('task.update');
    if (row.state === 'completed' || row.state === 'cancelled') throw new DomainError('task.invalid_transition', { state: row.state, action: 'update' });
    if (row.version !== input.version) throw staleVersion('task', id);

    const changes: repo.TaskChanges = {};
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    const note = (k: string, b: unknown, a: unknown) => {
      if (b !== a) {
        before[k] = b;
        after[k] = a;
      }
    };
    if (input.title !== undefined) {
      changes.title = input.title;
      note('title', row.title, input.title);
    }
    if (input.description !== undefined) {
      changes.description = input.description;
      note('description', row.description, input.description);
    }
    if (input.title !== undefined || input.description !== undefined)
      changes.search_text = searchTextOf(row.number, input.title ?? row.title, input.description === undefined ? row.description : input.description);
    if (input.priority !== undefined) {
      changes.priority = input.priority;
      note('priority', row.priority, input.priority);
    }
    if (input.classification !== undefined) {
      changes.classification = input.classification;
      note('classification', row.classification, input.classification);
    }
    if (input.weight !== undefined) {
      changes.weight = input.weight;
      note('weight', row.weight, input.weight);
    }

    // Re-parenting (cascade): the new parent must be visible, accept the actor's subtasks, and not lie in this task's subtree.
    let parent: repo.TaskRow | null | undefined;
    let newPath: string | null = null;
    if (input.parentId !== undefined && input.parentId !== row.parentId) {
      if (input.parentId === null) parent = null;
      else {
        parent = await repo.findTaskById(trx, input.parentId, today);
        if (!parent || !canViewTask(actor, accessRecord(parent))) throw sourceError('parentId');
        if (parent.path.startsWith(row.path)) throw new DomainError('task.cycle', { id, parentId: parent.id }, [{ path: 'parentId', code: 'cycle' }]);
        if (!canCreateSubtask(actor, accessRecord(parent), row.assigningUnit, row.leadUnit)) throw forbidden('task.move');
      }
      changes.parent_id = parent?.id ?? null;
      changes.source_kind = parent ? 'parent_task' : row.clauseId ? 'document_clause' : row.conferenceItemId ? 'conference_item' : row.documentId ? 'document' : 'none';
      newPath = `${parent?.path ?? '/'}${row.id}/`;
      note('parentId', row.parentId, parent?.id ?? null);
    } else if (row.parentId) parent = await repo.findTaskById(trx, row.parentId, today);

    const deadlineOn = input.deadlineOn !== undefined ? input.deadlineOn : row.deadlineOn;
    if (input.deadlineOn !== undefined || newPath) {
      if (deadlineOn !== null && deadlineOn < row.assignedOn)
        throw new DomainError('task.deadline_before_assignment', { assignedOn: row.assignedOn, deadlineOn }, [{ path: 'deadlineOn', code: 'before_assignment' }]);
      if (parent?.deadlineOn && (deadlineOn === null || deadlineOn > parent.deadlineOn))
        throw new DomainError('task.deadline_after_parent', { parentDeadlineOn: parent.deadlineOn, deadlineOn }, [{ path: 'deadlineOn', code: 'after_parent' }]);
    }
    if (input.deadlineOn !== undefined) {
      const childLatest = await repo.latestChildDeadline(trx, id);
      if (deadlineOn !== null && childLatest !== null && childLatest > deadlineOn)
        throw new DomainError('task.deadline_before_subtask', { deadlineOn, subtaskDeadlineOn: childLatest }, [{ path: 'deadlineOn', code: 'before_subtask' }]);
      changes.deadline_on = deadlineOn;
      note('deadlineOn', row.deadlineOn, deadlineOn);
    }

    const removed = input.removeCoordinatorUnitIds ?? [];
    for (const [i, u] of removed.entries())
      if (!row.coordinators.some((c) => c.id === u)) throw new DomainError('task.not_coordinator', { unitId: u }, [{ path: `removeCoordinatorUnitIds.${i}`, code: 'not_coordinator' }]);
    const remaining = row.coordinators.map((c) => c.id).filter((u) => !removed.includes(u));
    const added = input.addCoordinators ?? [];
    await checkCoordinators(trx, row.leadUnit.id, added, remaining, 'addCoordinators');
    if (removed.length) note('removedCoordinators', null, removed);
    if (added.length) note('addedCoordinators', null, added);

    if (!(await repo.updateTaskRow(trx, id, input.version, changes, now))) throw staleVersion('task', id);
    await repo.deleteCoordinators(trx, id, removed);
    await repo.insertCoordinators(
      trx,
      id,
      added.map((c) => ({ unitId: c.unitId, part: c.part ?? null })),
      now,
    );
    if (newPath) {
      await repo.moveTaskPaths(trx, row.path, newPath);
      await rollUpAncestors(trx, row.path);
      await rollUpAncestors(trx, newPath);
    } else if (input.weight !== undefined) await rollUpAncestors(trx, row.path);
    if (added.length) await notifyUnitMembers(trx, actor, { unitIds: added.map((c) => c.unitId), kind: 'coordination_requested', taskId: id });
    await repo.insertEvent(trx, { taskId: id, kind: 'updated', actor, data: { before, after }, at: now });
    await writeAudit(trx, actor, { action: 'task.updated', entityType: 'task', entityId: id, data: { before, after } });
    const changed = (await repo.findTaskById(trx, id, today))!;
    await publishTaskChange(trx, changed, removed);
    return presentTask(actor, changed, today);
  });
}

/** Pause, resume or cancel, with a reason, by the assigner. */
export async function changeTaskLifecycle(ctx: Ctx, actor: Actor, id: string, input: { version: number; action: 'pause' | 'resume' | 'cancel'; reason: string }): Promise<Task> {
  const today = ctx.today();
  const now = ctx.now();
  return inTransaction(ctx.db, async (trx) => {
    const row = await loadVisibleTask(trx, actor, id, today);
    if (!isAssigner(actor, row)) throw forbidden(`task.${input.action}`);
    const allowed: Record<typeof input.action, string[]> = { pause: ['open', 'submitted', 'returned'], resume: ['paused'], cancel: ['open', 'submitted', 'returned', 'paused'] };
    if (!allowed[input.action].includes(row.state)) throw new DomainError('task.invalid_transition', { state: row.state, action: input.action });
    if (row.version !== input.version) throw staleVersion('task', id);
    const state = input.action === 'pause' ? 'paused' : input.action === 'cancel' ? 'cancelled' : ((await repo.stateBeforePause(trx, id)) ?? 'open');
    if (!(await repo.updateTaskRow(trx, id, input.version, { state }, now))) throw staleVersion('task', id);
    const kind = input.action === 'pause' ? 'paused' : input.action === 'cancel' ? 'cancelled' : 'resumed';
    await repo.insertEvent(trx, { taskId: id, kind, actor, reason: input.reason, data: { fromState: row.state, toState: state }, at: now });
    await rollUpAncestors(trx, row.path);
    await writeAudit(trx, actor, { action: `task.${kind}`, entityType: 'task', entityId: id, data: { reason: input.reason, fromState: row.state, toState: state } });
    const changed = (await repo.findTaskById(trx, id, today))!;
    await publishTaskChange(trx, changed);
    return presentTask(actor, changed, today);
  });
}
