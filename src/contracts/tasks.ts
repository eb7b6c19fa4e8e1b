import { z } from 'zod';
import { isoDate, pageOf, pageQuery, text, uuid } from './common.ts';
import { abilitiesSchema } from './organisation.ts';

/**
 * Tasks (nhiệm vụ): one lead unit (chủ trì), zero or more coordinating units (phối hợp).
 * The displayed status is derived from dates and events, never typed in (see task.ts in the
 * tasks module); labels follow the vocabulary of Vietnamese government task tracking
 * (QĐ 42/2014/QĐ-TTg as amended by QĐ 23/2018/QĐ-TTg; reports such as 1270/BC-TCTTTg).
 */
export const TASK_STATUSES = [
  'not_started', // chưa thực hiện
  'in_progress', // đang thực hiện trong hạn
  'due_soon', // đang thực hiện, sắp đến hạn (≤ 3 ngày)
  'overdue', // quá hạn
  'awaiting_evaluation', // chờ đánh giá
  'completed_on_time', // hoàn thành đúng hạn
  'completed_late', // hoàn thành quá hạn
  'returned', // bị trả lại
  'paused', // tạm dừng
  'cancelled', // hủy
] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/**
 * Official Vietnamese labels: the words of the government's task reports. Used by the web
 * dictionary and by generated files (XLSX) alike, so a status reads the same everywhere.
 */
export const TASK_STATUS_LABELS_VI: Record<TaskStatus, string> = {
  not_started: 'Chưa thực hiện',
  in_progress: 'Đang thực hiện trong hạn',
  due_soon: 'Sắp đến hạn',
  overdue: 'Quá hạn',
  awaiting_evaluation: 'Chờ đánh giá',
  completed_on_time: 'Hoàn thành đúng hạn',
  completed_late: 'Hoàn thành quá hạn',
  returned: 'Bị trả lại',
  paused: 'Tạm dừng',
  cancelled: 'Hủy',
};

/** Lifecycle states stored on the task; changed only by events (reports, evaluations, pause…). */
export const TASK_STATES = ['open', 'submitted', 'returned', 'completed', 'paused', 'cancelled'] as const;
export type TaskState = (typeof TASK_STATES)[number];

export const TASK_SOURCE_KINDS = ['document_clause', 'document', 'conference_item', 'parent_task', 'none'] as const;
export const RECURRENCES = ['none', 'weekly', 'monthly', 'quarterly', 'half_yearly', 'yearly'] as const;
export type Recurrence = (typeof RECURRENCES)[number];
export const PRIORITIES = ['normal', 'high', 'urgent'] as const;
export const PRIORITY_LABELS_VI: Record<(typeof PRIORITIES)[number], string> = { normal: 'Bình thường', high: 'Cao', urgent: 'Khẩn' };
/** thường / mật. A secret task is visible only to its own units' members and leaders above them. */
export const CLASSIFICATIONS = ['normal', 'secret'] as const;
export const CLASSIFICATION_LABELS_VI: Record<(typeof CLASSIFICATIONS)[number], string> = { normal: 'Thường', secret: 'Mật' };
export const EVIDENCE_KINDS = ['text', 'file', 'link', 'document', 'record'] as const;

/** Largest task list written to one XLSX file; a larger one is refused with task.export_too_large. */
export const TASK_EXPORT_MAX = 10_000;

/** Days before the deadline from which an open task counts as "sắp đến hạn". */
export const DUE_SOON_DAYS = 3;

const coordinatorInput = z.strictObject({ unitId: uuid, part: text(1000).nullable().optional() });

export const createTaskInput = z
  .strictObject({
    title: text(300),
    description: text(10_000).nullable().optional(),
    source: z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('document_clause'), documentId: uuid, clauseId: uuid }),
      z.strictObject({ kind: z.literal('document'), documentId: uuid }),
      z.strictObject({ kind: z.literal('conference_item'), conferenceItemId: uuid }),
      z.strictObject({ kind: z.literal('parent_task'), parentId: uuid }),
      z.strictObject({ kind: z.literal('none') }),
    ]),
    assigningUnitId: uuid,
    leadUnitId: uuid,
    coordinators: z.array(coordinatorInput).max(200).default([]),
    assignedOn: isoDate.optional(),
    deadlineOn: isoDate.nullable().optional(),
    recurrence: z.enum(RECURRENCES).default('none'),
    priority: z.enum(PRIORITIES).default('normal'),
    classification: z.enum(CLASSIFICATIONS).default('normal'),
    /** Weight of this task in its parent's progress roll-up. */
    weight: z.number().positive().max(1000).default(1),
  });
export type CreateTaskInput = z.infer<typeof createTaskInput>;

export const updateTaskInput = z.strictObject({
  version: z.number().int(),
  title: text(300).optional(),
  description: text(10_000).nullable().optional(),
  deadlineOn: isoDate.nullable().optional(),
  priority: z.enum(PRIORITIES).optional(),
  classification: z.enum(CLASSIFICATIONS).optional(),
  weight: z.number().positive().max(1000).optional(),
  addCoordinators: z.array(coordinatorInput).max(200).optional(),
  removeCoordinatorUnitIds: z.array(uuid).max(200).optional(),
  /** Re-parent the task (cascade); null makes it a top-level task. A move under its own subtree is refused (task.cycle). */
  parentId: uuid.nullable().optional(),
});
export type UpdateTaskInput = z.infer<typeof updateTaskInput>;

export const evidenceInput = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('text'), text: text(5000) }),
  z.strictObject({ kind: z.literal('file'), fileId: uuid }),
  z.strictObject({ kind: z.literal('link'), url: z.url({ protocol: /^https?$/ }).max(2000) }),
  z.strictObject({ kind: z.literal('document'), documentRef: text(120) }),
  z.strictObject({ kind: z.literal('record'), recordType: z.string().max(40), recordId: z.string().max(80) }),
]);
export type EvidenceInput = z.infer<typeof evidenceInput>;

export const progressReportInput = z.strictObject({
  version: z.number().int(),
  percent: z.number().int().min(0).max(100),
  note: text(5000),
  evidence: z.array(evidenceInput).max(50).default([]),
  /** Ask the assigner to evaluate (completion report). Requires percent = 100. */
  submitForEvaluation: z.boolean().default(false),
});
export type ProgressReportInput = z.infer<typeof progressReportInput>;

export const evaluationInput = z.discriminatedUnion('decision', [
  z.strictObject({ version: z.number().int(), decision: z.literal('accepted'), reason: text(2000).nullable().optional() }),
  z.strictObject({ version: z.number().int(), decision: z.literal('returned'), reason: text(2000), newDeadlineOn: isoDate.nullable().optional() }),
]);
export type EvaluationInput = z.infer<typeof evaluationInput>;

export const coordinatorResponseInput = z.strictObject({ response: text(5000) });

export const taskLifecycleInput = z.strictObject({ version: z.number().int(), action: z.enum(['pause', 'resume', 'cancel']), reason: text(2000) });

export const coordinatorSchema = z.object({
  unitId: uuid,
  unitName: z.string(),
  part: z.string().nullable(),
  requestedAt: z.string(),
  respondedAt: z.string().nullable(),
  response: z.string().nullable(),
  /** Hours from request to response (null while unanswered). */
  responseHours: z.number().nullable(),
});

export const taskSchema = z.object({
  id: uuid,
  number: z.number().int(),
  code: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  source: z.object({
    kind: z.enum(TASK_SOURCE_KINDS),
    documentId: uuid.nullable(),
    documentLabel: z.string().nullable(),
    clauseId: uuid.nullable(),
    clauseLabel: z.string().nullable(),
    conferenceItemId: uuid.nullable(),
    conferenceId: uuid.nullable(),
    parentId: uuid.nullable(),
  }),
  assigningUnit: z.object({ id: uuid, name: z.string() }),
  leadUnit: z.object({ id: uuid, name: z.string() }),
  coordinators: z.array(coordinatorSchema),
  assignedOn: isoDate,
  deadlineOn: isoDate.nullable(),
  recurrence: z.enum(RECURRENCES),
  nextReportDueOn: isoDate.nullable(),
  priority: z.enum(PRIORITIES),
  classification: z.enum(CLASSIFICATIONS),
  weight: z.number(),
  state: z.enum(TASK_STATES),
  status: z.enum(TASK_STATUSES),
  progress: z.number().int(),
  childCount: z.number().int(),
  submittedOn: isoDate.nullable(),
  completedOn: isoDate.nullable(),
  version: z.number().int(),
  abilities: abilitiesSchema,
});
export type Task = z.infer<typeof taskSchema>;

export const taskListQuery = pageQuery.extend({
  q: z.string().max(200).optional(),
  unitId: uuid.optional(),
  /** lead | coordinating | assigning | any (default any) — how unitId relates to the task. */
  unitRole: z.enum(['lead', 'coordinating', 'assigning', 'any']).optional(),
  status: z.union([z.enum(TASK_STATUSES), z.array(z.enum(TASK_STATUSES))]).optional(),
  documentId: uuid.optional(),
  clauseId: uuid.optional(),
  conferenceId: uuid.optional(),
  parentId: uuid.optional(),
  deadlineFrom: isoDate.optional(),
  deadlineTo: isoDate.optional(),
});
export type TaskListQuery = z.infer<typeof taskListQuery>;
export const taskPage = pageOf(taskSchema);

export const timelineEntrySchema = z.object({
  at: z.string(),
  kind: z.enum(['assigned', 'coordination_requested', 'coordination_answered', 'progress', 'submitted', 'accepted', 'returned', 'paused', 'resumed', 'cancelled', 'updated', 'subtask_created']),
  actorName: z.string().nullable(),
  unitName: z.string().nullable(),
  percent: z.number().int().nullable(),
  text: z.string().nullable(),
  newDeadlineOn: isoDate.nullable(),
  evidence: z.array(
    z.object({ kind: z.enum(EVIDENCE_KINDS), text: z.string().nullable(), url: z.string().nullable(), fileId: uuid.nullable(), fileName: z.string().nullable(), documentRef: z.string().nullable(), recordType: z.string().nullable(), recordId: z.string().nullable() }),
  ),
});
export const taskDetailSchema = taskSchema.extend({ timeline: z.array(timelineEntrySchema), children: z.array(taskSchema) });
export type TaskDetail = z.infer<typeof taskDetailSchema>;

/** "Việc của tôi" — the four queues of a user's work. */
export const myWorkSchema = z.object({
  toDo: z.array(taskSchema),
  toEvaluate: z.array(taskSchema),
  coordinationRequests: z.array(taskSchema),
  overdue: z.array(taskSchema),
});

export const statusCountsSchema = z.object({ counts: z.record(z.enum(TASK_STATUSES), z.number().int()), total: z.number().int(), asOf: isoDate });

/** Same filters as the list, without paging: the export holds every matching task. */
export const taskExportQuery = taskListQuery.omit({ limit: true, offset: true });
export type TaskExportQuery = z.infer<typeof taskExportQuery>;

export const statusCountsQuery = z.object({ unitId: uuid, asOf: isoDate.optional() });
export type StatusCountsQuery = z.infer<typeof statusCountsQuery>;
export type StatusCounts = z.infer<typeof statusCountsSchema>;
export type MyWork = z.infer<typeof myWorkSchema>;
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

/** A task as listed under a document clause (clause coverage). */
export const coverageTaskSchema = z.object({
  id: uuid,
  code: z.string(),
  title: z.string(),
  status: z.enum(TASK_STATUSES),
  leadUnitName: z.string(),
  deadlineOn: isoDate.nullable(),
  progress: z.number().int(),
});

/**
 * Clause coverage of a document: every clause with the (visible) tasks pointing at it and their
 * status counts; clauses without any task come first.
 */
export const documentCoverageSchema = z.object({
  documentId: uuid,
  asOf: isoDate,
  clauseCount: z.number().int(),
  uncoveredCount: z.number().int(),
  clauses: z.array(
    z.object({
      clauseId: uuid,
      parentId: uuid.nullable(),
      ref: z.string(),
      label: z.string(),
      text: z.string(),
      taskCount: z.number().int(),
      counts: z.record(z.enum(TASK_STATUSES), z.number().int()),
      tasks: z.array(coverageTaskSchema),
    }),
  ),
  /** Tasks anchored to the document as a whole (no clause). */
  documentTasks: z.array(coverageTaskSchema),
});
export type DocumentCoverage = z.infer<typeof documentCoverageSchema>;
