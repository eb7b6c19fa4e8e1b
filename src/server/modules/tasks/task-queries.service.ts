import type { DocumentCoverage, MyWork, StatusCounts, StatusCountsQuery, Task, TaskDetail, TaskExportQuery, TaskListQuery, TaskStatus } from '../../../contracts/tasks.ts';
import { TASK_EXPORT_MAX, TASK_STATUSES } from '../../../contracts/tasks.ts';
import type { Actor } from '../../kernel/actor.ts';
import type { Ctx } from '../../kernel/context.ts';
import { DomainError, notFound } from '../../kernel/errors.ts';
import { findUnitById } from '../organisation/unit.service.ts';
import { assertDocumentsVisible } from '../documents/document.service.ts';
import { taskCode } from './task.ts';
import { accessRecord, presentTask, presentTaskDetail, presentTimeline, statusOf } from './task.presenter.ts';
import { canViewTask } from './task.policy.ts';
import * as repo from './task.repository.ts';
import { buildTaskWorkbook } from './task-export.ts';
import { loadVisibleTask } from './task.service.ts';

/** Read use cases: the task list and its export, one task with its timeline, "Việc của tôi", status counts, clause coverage. */

const MY_WORK_LIMIT = 100;

function filterOf(q: TaskExportQuery): repo.TaskFilter {
  return {
    q: q.q,
    unitId: q.unitId,
    unitRole: q.unitRole,
    statuses: q.status === undefined ? undefined : Array.isArray(q.status) ? q.status : [q.status],
    documentId: q.documentId,
    clauseId: q.clauseId,
    conferenceId: q.conferenceId,
    parentId: q.parentId,
    deadlineFrom: q.deadlineFrom,
    deadlineTo: q.deadlineTo,
  };
}

/** Visible tasks matching the filters, most urgent first (overdue, then by due date). */
export async function listTasks(ctx: Ctx, actor: Actor, q: TaskListQuery): Promise<{ total: number; limit: number; offset: number; items: Task[] }> {
  const today = ctx.today();
  const { total, items } = await repo.listTasks(ctx.db, actor, filterOf(q), today, { limit: q.limit, offset: q.offset });
  return { total, limit: q.limit, offset: q.offset, items: items.map((r) => presentTask(actor, r, today)) };
}

export async function getTask(ctx: Ctx, actor: Actor, id: string): Promise<TaskDetail> {
  const today = ctx.today();
  const row = await loadVisibleTask(ctx.db, actor, id, today);
  const [allEvents, reports, evaluations, allChildren] = [await repo.eventsOf(ctx.db, id), await repo.reportsOf(ctx.db, id), await repo.evaluationsOf(ctx.db, id), await repo.childrenOf(ctx.db, id, today)];
  // Subtasks the actor may not see (secret ones) are neither listed nor named in the timeline.
  const children = allChildren.filter((c) => canViewTask(actor, accessRecord(c)));
  const hidden = new Set(allChildren.filter((c) => !children.includes(c)).map((c) => c.id));
  const events = allEvents.filter((e) => e.kind !== 'subtask_created' || !hidden.has(String((e.data as { taskId?: unknown } | null)?.taskId)));
  return presentTaskDetail(actor, row, children, presentTimeline(row, events, reports, evaluations), today);
}

/**
 * "Việc của tôi" for the actor's unit: to do (led by my unit, not finished), to evaluate (submitted
 * tasks my unit assigned), coordination requests my unit has not answered, and the overdue ones
 * among all of those. Each queue holds at most 100 tasks, most urgent first.
 */
export async function myWork(ctx: Ctx, actor: Actor): Promise<MyWork> {
  const today = ctx.today();
  if (actor.unitId === null) return { toDo: [], toEvaluate: [], coordinationRequests: [], overdue: [] };
  const page = { limit: MY_WORK_LIMIT, offset: 0 };
  const queue = async (queueName: repo.TaskFilter['queue']) =>
    (await repo.listTasks(ctx.db, actor, { queue: queueName, queueUnitId: actor.unitId! }, today, page, { withTotal: false })).items.map((r) => presentTask(actor, r, today));
  return { toDo: await queue('to_do'), toEvaluate: await queue('to_evaluate'), coordinationRequests: await queue('coordination'), overdue: await queue('overdue') };
}

/**
 * Counts per derived status of the visible tasks led by the unit or any unit below it, as of a
 * date (default today). The status is derived from the tasks' current lifecycle state against that date.
 */
export async function statusCounts(ctx: Ctx, actor: Actor, q: StatusCountsQuery): Promise<StatusCounts> {
  const asOf = q.asOf ?? ctx.today();
  if (!(await findUnitById(ctx.db, q.unitId))) throw new DomainError('task.unknown_unit', { id: q.unitId }, [{ path: 'unitId', code: 'unknown_unit' }]);
  const m = await repo.countByStatus(ctx.db, actor, { leadSubtreeOf: q.unitId }, asOf);
  const counts = Object.fromEntries(TASK_STATUSES.map((s) => [s, m.get(s) ?? 0])) as Record<TaskStatus, number>;
  return { counts, total: [...m.values()].reduce((a, b) => a + b, 0), asOf };
}

/**
 * Counts per lead unit and derived status (as of today) of the visible tasks matching the list
 * filters — the same filters and status as GET /api/tasks, so every count opens as a list.
 */
export async function statusCountsByLeadUnit(
  ctx: Ctx,
  actor: Actor,
  q: Pick<TaskListQuery, 'deadlineFrom' | 'deadlineTo' | 'status'>,
): Promise<{ asOf: string; rows: { unitId: string; unitName: string; counts: Record<TaskStatus, number>; total: number }[] }> {
  const asOf = ctx.today();
  const rows = await repo.countByLeadUnitAndStatus(ctx.db, actor, filterOf(q), asOf);
  const units = new Map<string, { unitId: string; unitName: string; sortKey: string; counts: Record<TaskStatus, number>; total: number }>();
  for (const r of rows) {
    const u = units.get(r.unitId) ?? { unitId: r.unitId, unitName: r.unitName, sortKey: r.sortKey, counts: emptyCounts(), total: 0 };
    u.counts[r.status] += r.n;
    u.total += r.n;
    units.set(r.unitId, u);
  }
  return { asOf, rows: [...units.values()].sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0)).map(({ sortKey: _s, ...u }) => u) };
}

const emptyCounts = (): Record<TaskStatus, number> => Object.fromEntries(TASK_STATUSES.map((s) => [s, 0])) as Record<TaskStatus, number>;

/** Clause coverage of a document: each clause with the visible tasks pointing at it; clauses without a task first. */
export async function documentCoverage(ctx: Ctx, actor: Actor, documentId: string): Promise<DocumentCoverage> {
  const today = ctx.today();
  try {
    await assertDocumentsVisible(ctx.db, actor, [documentId]);
  } catch (e) {
    if (e instanceof DomainError && e.code === 'document.unknown_document') throw notFound('document', documentId);
    throw e;
  }
  const clauses = await repo.clausesOf(ctx.db, documentId);
  const { items } = await repo.listTasks(ctx.db, actor, { documentId }, today, null);
  const brief = (r: repo.TaskRow) => ({ id: r.id, code: taskCode(r.number), title: r.title, status: statusOf(r, today), leadUnitName: r.leadUnit.name, deadlineOn: r.deadlineOn, progress: r.progress });
  const rows = clauses.map((c, ordinal) => {
    const tasks = items.filter((t) => t.clauseId === c.id).map(brief);
    const counts = emptyCounts();
    for (const t of tasks) counts[t.status] += 1;
    return { ordinal, clause: { clauseId: c.id, parentId: c.parentId, ref: c.ref, label: c.label, text: c.text, taskCount: tasks.length, counts, tasks } };
  });
  rows.sort((a, b) => Number(a.clause.taskCount > 0) - Number(b.clause.taskCount > 0) || a.ordinal - b.ordinal);
  return {
    documentId,
    asOf: today,
    clauseCount: clauses.length,
    uncoveredCount: rows.filter((r) => r.clause.taskCount === 0).length,
    clauses: rows.map((r) => r.clause),
    documentTasks: items.filter((t) => t.clauseId === null).map(brief),
  };
}

/** Every visible task matching the filters as an XLSX workbook (Vietnamese headers and labels). */
export async function exportTasks(ctx: Ctx, actor: Actor, q: TaskExportQuery): Promise<{ filename: string; bytes: Buffer; count: number }> {
  const today = ctx.today();
  const { total, items } = await repo.listTasks(ctx.db, actor, filterOf(q), today, { limit: TASK_EXPORT_MAX, offset: 0 });
  if (total > TASK_EXPORT_MAX) throw new DomainError('task.export_too_large', { total, max: TASK_EXPORT_MAX });
  const unitName = q.unitId ? ((await findUnitById(ctx.db, q.unitId))?.name ?? null) : null;
  const tasks = items.map((r) => presentTask(actor, r, today));
  const bytes = await buildTaskWorkbook(tasks, { asOf: today, query: q, unitName });
  return { filename: `nhiem-vu-${today}.xlsx`, bytes, count: tasks.length };
}
