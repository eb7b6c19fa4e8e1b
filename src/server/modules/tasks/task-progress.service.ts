import { notifyUnitMembers } from '../notifications/notification.service.ts';
import type { EvaluationInput, ProgressReportInput, Task } from '../../../contracts/tasks.ts';
import type { Recurrence } from '../../../contracts/tasks.ts';
import { inTransaction } from '../../db/tx.ts';
import type { Actor } from '../../kernel/actor.ts';
import { isAdmin } from '../../kernel/actor.ts';
import { writeAudit } from '../../kernel/audit.ts';
import type { Ctx } from '../../kernel/context.ts';
import { DomainError, forbidden, staleVersion } from '../../kernel/errors.ts';
import { assertFilesUsable } from '../files/file.service.ts';
import { nextReportDueOn } from './task.ts';
import { canRespondFor, isAssigner, isLeadReporter } from './task.policy.ts';
import { accessRecord, presentTask } from './task.presenter.ts';
import * as repo from './task.repository.ts';
import { loadVisibleTask, publishTaskChange, rollUpAncestors } from './task.service.ts';

/**
 * The two keys of a task: the lead unit reports progress (with evidence) and submits for
 * evaluation; the assigner accepts (completed) or returns it with a reason and optionally a new
 * deadline (a corrective action). Coordinating units answer their coordination request.
 */

export async function submitProgressReport(ctx: Ctx, actor: Actor, id: string, input: ProgressReportInput): Promise<Task> {
  const today = ctx.today();
  const now = ctx.now();
  return inTransaction(ctx.db, async (trx) => {
    const row = await loadVisibleTask(trx, actor, id, today);
    if (!isLeadReporter(actor, row)) throw forbidden('task.report');
    if (row.state !== 'open' && row.state !== 'returned') throw new DomainError('task.invalid_transition', { state: row.state, action: 'report' });
    if (input.submitForEvaluation && input.percent !== 100)
      throw new DomainError('task.submit_requires_full_progress', { percent: input.percent }, [{ path: 'percent', code: 'must_be_100' }]);
    const fileIds = input.evidence.flatMap((e) => (e.kind === 'file' ? [e.fileId] : []));
    if (fileIds.length > 0) await assertFilesUsable(trx, actor, fileIds, 'evidence');
    if (row.version !== input.version) throw staleVersion('task', id);

    const changes: repo.TaskChanges = {
      state: input.submitForEvaluation ? 'submitted' : 'open',
      last_report_at: now,
      next_report_due_on: nextReportDueOn(row.recurrence as Recurrence, row.assignedOn, today),
    };
    // The progress of a task with subtasks is their weighted roll-up; a report on it records its note and evidence.
    if (row.childCount === 0) changes.progress = input.percent;
    if (input.submitForEvaluation) changes.submitted_on = today;
    if (!(await repo.updateTaskRow(trx, id, input.version, changes, now))) throw staleVersion('task', id);
    const reportId = await repo.insertReport(
      trx,
      { taskId: id, unitId: row.leadUnit.id, reportedBy: actor.userId, percent: input.percent, note: input.note, submits: input.submitForEvaluation, reportedOn: today, at: now },
      input.evidence.map((e) => {
        switch (e.kind) {
          case 'text':
            return { kind: 'text', text: e.text };
          case 'file':
            return { kind: 'file', fileId: e.fileId };
          case 'link':
            return { kind: 'link', url: e.url };
          case 'document':
            return { kind: 'document', documentRef: e.documentRef };
          case 'record':
            return { kind: 'record', recordType: e.recordType, recordId: e.recordId };
        }
      }),
    );
    await rollUpAncestors(trx, row.path);
    if (input.submitForEvaluation) await notifyUnitMembers(trx, actor, { unitIds: [row.assigningUnit.id], kind: 'evaluation_requested', taskId: id });
    await writeAudit(trx, actor, {
      action: input.submitForEvaluation ? 'task.submitted' : 'task.progress_reported',
      entityType: 'task',
      entityId: id,
      data: { reportId, percent: input.percent, evidence: input.evidence.length, fromState: row.state },
    });
    const changed = (await repo.findTaskById(trx, id, today))!;
    await publishTaskChange(trx, changed);
    return presentTask(actor, changed, today);
  });
}

export async function evaluateTask(ctx: Ctx, actor: Actor, id: string, input: EvaluationInput): Promise<Task> {
  const today = ctx.today();
  const now = ctx.now();
  return inTransaction(ctx.db, async (trx) => {
    const row = await loadVisibleTask(trx, actor, id, today);
    if (!isAssigner(actor, row)) throw forbidden('task.evaluate');
    if (row.state !== 'submitted') throw new DomainError('task.invalid_transition', { state: row.state, action: 'evaluate' });
    if (row.version !== input.version) throw staleVersion('task', id);
    const changes: repo.TaskChanges = {};
    let newDeadlineOn: string | null = null;
    if (input.decision === 'accepted') {
      changes.state = 'completed';
      changes.completed_on = today;
    } else {
      changes.state = 'returned';
      newDeadlineOn = input.newDeadlineOn ?? null;
      if (newDeadlineOn !== null) {
        if (newDeadlineOn < today) throw new DomainError('task.new_deadline_in_past', { newDeadlineOn, today }, [{ path: 'newDeadlineOn', code: 'in_past' }]);
        const parent = row.parentId ? await repo.findTaskById(trx, row.parentId, today) : undefined;
        if (parent?.deadlineOn && newDeadlineOn > parent.deadlineOn)
          throw new DomainError('task.deadline_after_parent', { parentDeadlineOn: parent.deadlineOn, deadlineOn: newDeadlineOn }, [{ path: 'newDeadlineOn', code: 'after_parent' }]);
        const childLatest = await repo.latestChildDeadline(trx, id);
        if (childLatest !== null && childLatest > newDeadlineOn)
          throw new DomainError('task.deadline_before_subtask', { deadlineOn: newDeadlineOn, subtaskDeadlineOn: childLatest }, [{ path: 'newDeadlineOn', code: 'before_subtask' }]);
        changes.deadline_on = newDeadlineOn;
      }
    }
    if (!(await repo.updateTaskRow(trx, id, input.version, changes, now))) throw staleVersion('task', id);
    await repo.insertEvaluation(trx, {
      taskId: id,
      reportId: await repo.latestSubmissionReportId(trx, id),
      evaluatedBy: actor.userId,
      decision: input.decision,
      reason: input.reason ?? null,
      newDeadlineOn,
      at: now,
    });
    await rollUpAncestors(trx, row.path);
    await notifyUnitMembers(trx, actor, { unitIds: [row.leadUnit.id], kind: input.decision === 'accepted' ? 'task_accepted' : 'task_returned', taskId: id, params: newDeadlineOn ? { newDeadlineOn } : {} });
    await writeAudit(trx, actor, {
      action: input.decision === 'accepted' ? 'task.accepted' : 'task.returned',
      entityType: 'task',
      entityId: id,
      data: { reason: input.reason ?? null, newDeadlineOn, previousDeadlineOn: row.deadlineOn, submittedOn: row.submittedOn },
    });
    const changed = (await repo.findTaskById(trx, id, today))!;
    await publishTaskChange(trx, changed);
    return presentTask(actor, changed, today);
  });
}

/** A coordinating unit answers its request (once); the answer time gives the unit's response time. */
export async function respondToCoordination(ctx: Ctx, actor: Actor, id: string, unitId: string, input: { response: string }): Promise<Task> {
  const today = ctx.today();
  const now = ctx.now();
  return inTransaction(ctx.db, async (trx) => {
    const row = await loadVisibleTask(trx, actor, id, today);
    const coordinator = row.coordinators.find((c) => c.id === unitId);
    if (!coordinator) throw new DomainError('task.not_coordinator', { unitId }, [{ path: 'unitId', code: 'not_coordinator' }]);
    if (!isAdmin(actor) && actor.unitId !== unitId) throw forbidden('task.respond');
    if (!canRespondFor(actor, accessRecord(row), unitId)) {
      if (row.state === 'completed' || row.state === 'cancelled') throw new DomainError('task.invalid_transition', { state: row.state, action: 'respond' });
      throw forbidden('task.respond');
    }
    if (coordinator.respondedAt) throw new DomainError('task.already_answered', { unitId });
    if (!(await repo.recordCoordinatorResponse(trx, id, unitId, input.response, actor.userId, now))) throw new DomainError('task.already_answered', { unitId });
    await writeAudit(trx, actor, { action: 'task.coordination_answered', entityType: 'task', entityId: id, data: { unitId, response: input.response } });
    const changed = (await repo.findTaskById(trx, id, today))!;
    await publishTaskChange(trx, changed);
    return presentTask(actor, changed, today);
  });
}
