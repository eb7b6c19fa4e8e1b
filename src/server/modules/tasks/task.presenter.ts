import type { Recurrence, Task, TaskDetail, TaskState, TimelineEntry } from '../../../contracts/tasks.ts';
import type { Actor } from '../../kernel/actor.ts';
import { deriveTaskStatus, taskCode } from './task.ts';
import { taskAbilities } from './task.policy.ts';
import { canViewDocument } from '../documents/document.policy.ts';
import type { CoordinatorRow, TaskRow } from './task.repository.ts';
import type * as repo from './task.repository.ts';

const hoursBetween = (from: Date, to: Date): number => Math.round(((to.getTime() - from.getTime()) / 3_600_000) * 10) / 10;

/** The derived status of a stored task (the TS rule; the SQL mirror must agree). */
export function statusOf(r: TaskRow, today: string) {
  return deriveTaskStatus(
    { state: r.state as TaskState, deadlineOn: r.deadlineOn, hasReports: r.hasReports, submittedOn: r.submittedOn, nextReportDueOn: r.nextReportDueOn },
    today,
  );
}

export function accessRecord(r: TaskRow) {
  return {
    classification: r.classification,
    state: r.state,
    assigningUnit: r.assigningUnit,
    leadUnit: r.leadUnit,
    coordinators: r.coordinators.map((c) => ({ id: c.id, path: c.path, communeCode: c.communeCode, respondedAt: c.respondedAt })),
  };
}

function presentCoordinator(c: CoordinatorRow) {
  return {
    unitId: c.id,
    unitName: c.name,
    part: c.part,
    requestedAt: c.requestedAt.toISOString(),
    respondedAt: c.respondedAt ? c.respondedAt.toISOString() : null,
    response: c.response,
    responseHours: c.respondedAt ? hoursBetween(c.requestedAt, c.respondedAt) : null,
  };
}

/** Whether the actor may see the task's source document (a secret one is named only to those who can see it). */
const sourceDocumentVisible = (actor: Actor, r: TaskRow): boolean =>
  r.documentClassification === null || canViewDocument(actor, { classification: r.documentClassification, ownerUnitPath: r.documentOwnerPath, ownerUnitCommune: r.documentOwnerCommune });

export function presentTask(actor: Actor, r: TaskRow, today: string): Task {
  const docVisible = sourceDocumentVisible(actor, r);
  return {
    id: r.id,
    number: r.number,
    code: taskCode(r.number),
    title: r.title,
    description: r.description,
    source: {
      kind: r.sourceKind as Task['source']['kind'],
      documentId: r.documentId,
      documentLabel: r.documentId && docVisible ? (r.documentSymbol ?? r.documentSummary) : null,
      clauseId: r.clauseId,
      clauseLabel: docVisible ? r.clauseLabel : null,
      conferenceItemId: r.conferenceItemId,
      conferenceId: r.conferenceId,
      parentId: r.parentId,
    },
    assigningUnit: { id: r.assigningUnit.id, name: r.assigningUnit.name },
    leadUnit: { id: r.leadUnit.id, name: r.leadUnit.name },
    coordinators: r.coordinators.map(presentCoordinator),
    assignedOn: r.assignedOn,
    deadlineOn: r.deadlineOn,
    recurrence: r.recurrence as Recurrence,
    nextReportDueOn: r.nextReportDueOn,
    priority: r.priority as Task['priority'],
    classification: r.classification as Task['classification'],
    weight: r.weight,
    state: r.state as TaskState,
    status: statusOf(r, today),
    progress: r.progress,
    childCount: r.childCount,
    submittedOn: r.submittedOn,
    completedOn: r.completedOn,
    version: r.version,
    abilities: taskAbilities(actor, accessRecord(r)),
  };
}

type Events = Awaited<ReturnType<typeof repo.eventsOf>>;
type Reports = Awaited<ReturnType<typeof repo.reportsOf>>;
type Evaluations = Awaited<ReturnType<typeof repo.evaluationsOf>>;

const EVENT_KINDS: Record<string, TimelineEntry['kind']> = {
  assigned: 'assigned',
  updated: 'updated',
  paused: 'paused',
  resumed: 'resumed',
  cancelled: 'cancelled',
  subtask_created: 'subtask_created',
};

const entry = (e: Partial<TimelineEntry> & Pick<TimelineEntry, 'at' | 'kind'>): TimelineEntry => ({
  actorName: null,
  unitName: null,
  percent: null,
  text: null,
  newDeadlineOn: null,
  evidence: [],
  ...e,
});

/**
 * The full timeline of a task, oldest first: assignment, coordination requests and answers,
 * progress reports with their evidence, submissions, evaluations, lifecycle changes, subtasks.
 */
export function presentTimeline(r: TaskRow, events: Events, reports: Reports, evaluations: Evaluations): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  for (const e of events) {
    const kind = EVENT_KINDS[e.kind];
    if (!kind) continue;
    const data = (e.data ?? {}) as { title?: string; code?: string; after?: { deadlineOn?: string | null } };
    // An edit that moved the deadline shows the new one, like a return with a corrective deadline.
    const newDeadlineOn = kind === 'updated' && typeof data.after?.deadlineOn === 'string' ? data.after.deadlineOn : null;
    out.push(
      entry({ at: e.at.toISOString(), kind, actorName: e.actorName, unitName: e.unitName, newDeadlineOn, text: e.reason ?? (kind === 'subtask_created' ? `${data.code ?? ''} ${data.title ?? ''}`.trim() : null) }),
    );
  }
  for (const c of r.coordinators) {
    out.push(entry({ at: c.requestedAt.toISOString(), kind: 'coordination_requested', unitName: c.name, text: c.part }));
    if (c.respondedAt) out.push(entry({ at: c.respondedAt.toISOString(), kind: 'coordination_answered', unitName: c.name, actorName: c.respondedByName, text: c.response }));
  }
  for (const p of reports)
    out.push(
      entry({
        at: p.at.toISOString(),
        kind: p.submits ? 'submitted' : 'progress',
        actorName: p.actorName,
        unitName: p.unitName,
        percent: p.percent,
        text: p.note,
        evidence: p.evidence.map((x) => ({
          kind: x.kind as TimelineEntry['evidence'][number]['kind'],
          text: x.text,
          url: x.url,
          fileId: x.fileId,
          fileName: x.fileName,
          documentRef: x.documentRef,
          recordType: x.recordType,
          recordId: x.recordId,
        })),
      }),
    );
  for (const v of evaluations)
    out.push(entry({ at: v.at.toISOString(), kind: v.decision === 'accepted' ? 'accepted' : 'returned', actorName: v.actorName, text: v.reason, newDeadlineOn: v.newDeadlineOn }));
  // Stable: same instant keeps insertion order (assignment before its coordination requests).
  return out.map((e, i) => ({ e, i })).sort((a, b) => (a.e.at < b.e.at ? -1 : a.e.at > b.e.at ? 1 : a.i - b.i)).map((x) => x.e);
}

export function presentTaskDetail(actor: Actor, r: TaskRow, children: TaskRow[], timeline: TimelineEntry[], today: string): TaskDetail {
  return { ...presentTask(actor, r, today), timeline, children: children.map((c) => presentTask(actor, c, today)) };
}
