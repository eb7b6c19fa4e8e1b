import { containsAllWords, searchWords } from '../../db/search.ts';
import { type Expression, type ExpressionBuilder, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { TaskStatus } from '../../../contracts/tasks.ts';
import { DUE_SOON_DAYS } from '../../../contracts/tasks.ts';
import type { DB, Db, Tx } from '../../db/schema.ts';
import type { Actor } from '../../kernel/actor.ts';
import { escapeLike } from '../../kernel/text.ts';
import { visibleTasksScope } from './task.policy.ts';

/** Every SQL statement of the tasks module (tasks, coordinators, reports, evidence, evaluations, events). */

type Q = Db | Tx;

// ─── Derived status in SQL ───────────────────────────────────────────────────────────────────

/** Column references the status CASE reads (so the same expression runs over tasks or a VALUES list). */
export interface StatusColumns {
  state: string;
  deadlineOn: string;
  nextReportDueOn: string;
  hasReports: string; // a boolean expression column
  submittedOn: string;
}

const TASK_STATUS_COLUMNS: StatusColumns = {
  state: 't.state',
  deadlineOn: 't.deadline_on',
  nextReportDueOn: 't.next_report_due_on',
  hasReports: 't.has_reports',
  submittedOn: 't.submitted_on',
};

/**
 * The exact SQL mirror of `deriveTaskStatus` (task.ts), parameterised by today's date. Used for
 * filtering, counting and sorting; a table-driven test asserts both agree on every combination.
 */
export function statusSql(today: string, c: StatusColumns = TASK_STATUS_COLUMNS): RawBuilder<TaskStatus> {
  const r = (x: string) => sql.ref(x);
  const hasReports = c.hasReports === 't.has_reports' ? sql`t.last_report_at is not null` : sql`${r(c.hasReports)}`;
  const due = sql`coalesce(${r(c.nextReportDueOn)}, ${r(c.deadlineOn)})`;
  return sql<TaskStatus>`(case
    when ${r(c.state)} = 'cancelled' then 'cancelled'
    when ${r(c.state)} = 'paused' then 'paused'
    when ${r(c.state)} = 'completed' then (case when ${r(c.deadlineOn)} is not null and ${r(c.submittedOn)} is not null and ${r(c.submittedOn)} > ${r(c.deadlineOn)} then 'completed_late' else 'completed_on_time' end)
    when ${r(c.state)} = 'submitted' then 'awaiting_evaluation'
    when ${r(c.state)} = 'returned' then 'returned'
    when ${due} is not null and ${due} < ${today}::date then 'overdue'
    when ${due} is not null and ${due} <= ${today}::date + ${DUE_SOON_DAYS}::int then 'due_soon'
    when ${hasReports} then 'in_progress'
    else 'not_started'
  end)`;
}

/** Urgency rank for sorting: overdue first, then due soon, returned, open work, awaiting evaluation, paused, finished. */
function urgencyRankSql(today: string): Expression<number> {
  return sql<number>`(case ${statusSql(today)}
    when 'overdue' then 0 when 'due_soon' then 1 when 'returned' then 2 when 'in_progress' then 3 when 'not_started' then 3
    when 'awaiting_evaluation' then 4 when 'paused' then 5 else 6 end)`;
}

export interface StatusProbe {
  state: string;
  deadlineOn: string | null;
  nextReportDueOn: string | null;
  hasReports: boolean;
  submittedOn: string | null;
}

/** Evaluate `statusSql` over literal rows (for the TS/SQL agreement test). */
export async function statusesInSql(db: Q, rows: StatusProbe[], today: string): Promise<TaskStatus[]> {
  if (rows.length === 0) return [];
  const values = sql.join(
    rows.map((p, i) => sql`(${i}::int, ${p.state}::text, ${p.deadlineOn}::date, ${p.nextReportDueOn}::date, ${p.hasReports}::boolean, ${p.submittedOn}::date)`),
  );
  const expr = statusSql(today, { state: 'v.state', deadlineOn: 'v.deadline_on', nextReportDueOn: 'v.next_due', hasReports: 'v.has_reports', submittedOn: 'v.submitted_on' });
  const r = await sql<{ status: TaskStatus }>`select ${expr} as status from (values ${values}) as v(i, state, deadline_on, next_due, has_reports, submitted_on) order by v.i`.execute(db);
  return r.rows.map((x) => x.status);
}

// ─── Reading tasks ───────────────────────────────────────────────────────────────────────────

export interface UnitRef {
  id: string;
  name: string;
  path: string;
  communeCode: string | null;
}

export interface CoordinatorRow {
  taskId: string;
  id: string;
  name: string;
  path: string;
  communeCode: string | null;
  part: string | null;
  requestedAt: Date;
  respondedAt: Date | null;
  response: string | null;
  respondedByName: string | null;
}

export interface TaskRow {
  id: string;
  number: number;
  title: string;
  description: string | null;
  sourceKind: string;
  documentId: string | null;
  documentKind: string | null;
  documentSymbol: string | null;
  documentSummary: string | null;
  /** The source document's classification and owner unit (whether the reader may see its label). */
  documentClassification: string | null;
  documentOwnerPath: string | null;
  documentOwnerCommune: string | null;
  clauseId: string | null;
  clauseLabel: string | null;
  conferenceItemId: string | null;
  conferenceId: string | null;
  parentId: string | null;
  path: string;
  weight: number;
  assigningUnit: UnitRef;
  leadUnit: UnitRef;
  assignedOn: string;
  deadlineOn: string | null;
  recurrence: string;
  nextReportDueOn: string | null;
  priority: string;
  classification: string;
  state: string;
  progress: number;
  hasReports: boolean;
  lastReportAt: Date | null;
  submittedOn: string | null;
  completedOn: string | null;
  version: number;
  childCount: number;
  /** Status computed by the SQL mirror (for checks; presenters use the TS rule). */
  sqlStatus: TaskStatus;
  coordinators: CoordinatorRow[];
}

function base(db: Q, today: string) {
  return db
    .selectFrom('tasks as t')
    .innerJoin('units as au', 'au.id', 't.assigning_unit_id')
    .innerJoin('units as lu', 'lu.id', 't.lead_unit_id')
    .leftJoin('documents as d', 'd.id', 't.document_id')
    .leftJoin('units as dou', 'dou.id', 'd.owner_unit_id')
    .leftJoin('document_clauses as dc', 'dc.id', 't.clause_id')
    .leftJoin('conference_items as ci', 'ci.id', 't.conference_item_id')
    .select([
      't.id',
      't.number',
      't.title',
      't.description',
      't.source_kind as sourceKind',
      't.document_id as documentId',
      'd.kind as documentKind',
      'd.symbol as documentSymbol',
      'd.summary as documentSummary',
      'd.classification as documentClassification',
      'dou.path as documentOwnerPath',
      'dou.commune_code as documentOwnerCommune',
      't.clause_id as clauseId',
      'dc.label as clauseLabel',
      't.conference_item_id as conferenceItemId',
      'ci.conference_id as conferenceId',
      't.parent_id as parentId',
      't.path',
      sql<number>`t.weight::float8`.as('weight'),
      'au.id as auId',
      'au.name as auName',
      'au.path as auPath',
      'au.commune_code as auCommune',
      'lu.id as luId',
      'lu.name as luName',
      'lu.path as luPath',
      'lu.commune_code as luCommune',
      't.assigned_on as assignedOn',
      't.deadline_on as deadlineOn',
      't.recurrence',
      't.next_report_due_on as nextReportDueOn',
      't.priority',
      't.classification',
      't.state',
      't.progress',
      sql<boolean>`t.last_report_at is not null`.as('hasReports'),
      't.last_report_at as lastReportAt',
      't.submitted_on as submittedOn',
      't.completed_on as completedOn',
      't.version',
      sql<number>`(select count(*)::int from tasks c where c.parent_id = t.id)`.as('childCount'),
      statusSql(today).as('sqlStatus'),
    ]);
}

type RawRow = Awaited<ReturnType<ReturnType<typeof base>['executeTakeFirstOrThrow']>>;

function shape(r: RawRow, coordinators: CoordinatorRow[]): TaskRow {
  const { auId, auName, auPath, auCommune, luId, luName, luPath, luCommune, ...rest } = r;
  return {
    ...rest,
    number: Number(rest.number),
    assigningUnit: { id: auId, name: auName, path: auPath, communeCode: auCommune },
    leadUnit: { id: luId, name: luName, path: luPath, communeCode: luCommune },
    coordinators,
  };
}

export async function coordinatorsOf(db: Q, taskIds: string[]): Promise<Map<string, CoordinatorRow[]>> {
  const out = new Map<string, CoordinatorRow[]>();
  if (taskIds.length === 0) return out;
  const rows = await db
    .selectFrom('task_coordinators as tc')
    .innerJoin('units as u', 'u.id', 'tc.unit_id')
    .leftJoin('users as ru', 'ru.id', 'tc.responded_by')
    .select([
      'tc.task_id as taskId',
      'u.id',
      'u.name',
      'u.path',
      'u.commune_code as communeCode',
      'tc.part',
      'tc.requested_at as requestedAt',
      'tc.responded_at as respondedAt',
      'tc.response',
      'ru.display_name as respondedByName',
    ])
    .where('tc.task_id', 'in', taskIds)
    .orderBy('tc.requested_at')
    .orderBy(sql`u.sort_key collate "C"`)
    .execute();
  for (const r of rows) {
    const list = out.get(r.taskId) ?? [];
    list.push(r);
    out.set(r.taskId, list);
  }
  return out;
}

async function withCoordinators(db: Q, rows: RawRow[]): Promise<TaskRow[]> {
  const coords = await coordinatorsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => shape(r, coords.get(r.id) ?? []));
}

export async function findTaskById(db: Q, id: string, today: string): Promise<TaskRow | undefined> {
  const r = await base(db, today).where('t.id', '=', id).executeTakeFirst();
  if (!r) return undefined;
  return (await withCoordinators(db, [r]))[0];
}

/** Lock a task row for the rest of the transaction (serialises roll-ups and concurrent edits). */
export async function lockTask(trx: Tx, id: string): Promise<void> {
  await sql`select id from tasks where id = ${id} for update`.execute(trx);
}

// ─── Lists ───────────────────────────────────────────────────────────────────────────────────

export interface TaskFilter {
  q?: string | undefined;
  unitId?: string | undefined;
  unitRole?: 'lead' | 'coordinating' | 'assigning' | 'any' | undefined;
  statuses?: TaskStatus[] | undefined;
  documentId?: string | undefined;
  clauseId?: string | undefined;
  conferenceId?: string | undefined;
  parentId?: string | undefined;
  deadlineFrom?: string | undefined;
  deadlineTo?: string | undefined;
  /** Tasks led by the unit or any unit below it (status counts). */
  leadSubtreeOf?: string | undefined;
  /** "Việc của tôi" queues for the actor's unit. */
  queue?: 'to_do' | 'to_evaluate' | 'coordination' | 'overdue' | undefined;
  queueUnitId?: string | undefined;
}

type TaskEb = ExpressionBuilder<DB & { t: DB['tasks']; au: DB['units']; lu: DB['units'] }, 't' | 'au' | 'lu'>;

function applyFilter(actor: Actor, f: TaskFilter, today: string) {
  const status = statusSql(today);
  return (eb: TaskEb) => {
    const ands: Expression<SqlBool>[] = [visibleTasksScope(eb as never, actor) as Expression<SqlBool>];
    const coordinates = (unitId: string) =>
      eb.exists(eb.selectFrom('task_coordinators as ftc').select(eb.lit(1).as('one')).whereRef('ftc.task_id', '=', 't.id').where('ftc.unit_id', '=', unitId));
    const words = searchWords(f.q);
    if (words.length) ands.push(containsAllWords(eb, 't.search_text', words));
    if (f.unitId) {
      const role = f.unitRole ?? 'any';
      if (role === 'lead') ands.push(eb('t.lead_unit_id', '=', f.unitId));
      else if (role === 'assigning') ands.push(eb('t.assigning_unit_id', '=', f.unitId));
      else if (role === 'coordinating') ands.push(coordinates(f.unitId));
      else ands.push(eb.or([eb('t.lead_unit_id', '=', f.unitId), eb('t.assigning_unit_id', '=', f.unitId), coordinates(f.unitId)]));
    }
    if (f.statuses && f.statuses.length > 0) ands.push(eb(status, 'in', f.statuses));
    if (f.documentId) ands.push(eb('t.document_id', '=', f.documentId));
    if (f.clauseId) ands.push(eb('t.clause_id', '=', f.clauseId));
    if (f.conferenceId)
      ands.push(eb('t.conference_item_id', 'in', eb.selectFrom('conference_items as fci').select('fci.id').where('fci.conference_id', '=', f.conferenceId)));
    if (f.parentId) ands.push(eb('t.parent_id', '=', f.parentId));
    if (f.deadlineFrom) ands.push(eb('t.deadline_on', '>=', f.deadlineFrom));
    if (f.deadlineTo) ands.push(eb('t.deadline_on', '<=', f.deadlineTo));
    if (f.leadSubtreeOf) ands.push(eb('lu.path', 'like', eb.selectFrom('units as su').select(sql<string>`replace(replace(replace(su.path, '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%'`.as('p')).where('su.id', '=', f.leadSubtreeOf)));
    if (f.queue && f.queueUnitId) {
      const u = f.queueUnitId;
      const open = eb('t.state', 'not in', ['completed', 'cancelled']);
      const toDo = eb.and([eb('t.lead_unit_id', '=', u), open]);
      const toEvaluate = eb.and([eb('t.assigning_unit_id', '=', u), eb('t.state', '=', 'submitted')]);
      const coordination = eb.and([
        open,
        eb.exists(
          eb
            .selectFrom('task_coordinators as qtc')
            .select(eb.lit(1).as('one'))
            .whereRef('qtc.task_id', '=', 't.id')
            .where('qtc.unit_id', '=', u)
            .where('qtc.responded_at', 'is', null),
        ),
      ]);
      if (f.queue === 'to_do') ands.push(toDo);
      else if (f.queue === 'to_evaluate') ands.push(toEvaluate);
      else if (f.queue === 'coordination') ands.push(coordination);
      else ands.push(eb.and([eb(status, '=', 'overdue'), eb.or([toDo, toEvaluate, coordination])]));
    }
    return eb.and(ands);
  };
}

/** `withTotal: false` skips the count (queues that show a first page only); total is then -1. */
export async function listTasks(
  db: Q,
  actor: Actor,
  f: TaskFilter,
  today: string,
  page: { limit: number; offset: number } | null,
  opts: { withTotal?: boolean } = {},
): Promise<{ total: number; items: TaskRow[] }> {
  const where = applyFilter(actor, f, today);
  const q = base(db, today).where(where as never);
  const total =
    opts.withTotal === false
      ? { n: -1 }
      : await db
          .selectFrom('tasks as t')
          .innerJoin('units as au', 'au.id', 't.assigning_unit_id')
          .innerJoin('units as lu', 'lu.id', 't.lead_unit_id')
          .select(sql<number>`count(*)::int`.as('n'))
          .where(where as never)
          .executeTakeFirstOrThrow();
  let ordered = q
    .orderBy(urgencyRankSql(today))
    .orderBy(sql`coalesce(t.next_report_due_on, t.deadline_on) asc nulls last`)
    .orderBy('t.number', 'desc');
  if (page) ordered = ordered.limit(page.limit).offset(page.offset);
  const rows = await ordered.execute();
  return { total: total.n, items: await withCoordinators(db, rows) };
}

/** Counts per derived status of the visible tasks matching the filter. */
export async function countByStatus(db: Q, actor: Actor, f: TaskFilter, today: string): Promise<Map<TaskStatus, number>> {
  const status = statusSql(today);
  const rows = await db
    .selectFrom('tasks as t')
    .innerJoin('units as au', 'au.id', 't.assigning_unit_id')
    .innerJoin('units as lu', 'lu.id', 't.lead_unit_id')
    .select([status.as('status'), sql<number>`count(*)::int`.as('n')])
    .where(applyFilter(actor, f, today) as never)
    .groupBy(sql`1`)
    .execute();
  return new Map(rows.map((r) => [r.status, r.n]));
}

/** Counts per lead unit and derived status of the visible tasks matching the filter. */
export async function countByLeadUnitAndStatus(db: Q, actor: Actor, f: TaskFilter, today: string): Promise<{ unitId: string; unitName: string; sortKey: string; status: TaskStatus; n: number }[]> {
  const status = statusSql(today);
  const rows = await db
    .selectFrom('tasks as t')
    .innerJoin('units as au', 'au.id', 't.assigning_unit_id')
    .innerJoin('units as lu', 'lu.id', 't.lead_unit_id')
    .select(['lu.id as unitId', 'lu.name as unitName', 'lu.sort_key as sortKey', status.as('status'), sql<number>`count(*)::int`.as('n')])
    .where(applyFilter(actor, f, today) as never)
    .groupBy(['lu.id', 'lu.name', 'lu.sort_key', sql`4`])
    .execute();
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}

export async function childrenOf(db: Q, parentId: string, today: string): Promise<TaskRow[]> {
  const rows = await base(db, today).where('t.parent_id', '=', parentId).orderBy('t.number').execute();
  return withCoordinators(db, rows);
}

// ─── Writing tasks ───────────────────────────────────────────────────────────────────────────

export interface NewTask {
  title: string;
  description: string | null;
  sourceKind: string;
  documentId: string | null;
  clauseId: string | null;
  conferenceItemId: string | null;
  parentId: string | null;
  parentPath: string | null;
  weight: number;
  assigningUnitId: string;
  assignedBy: string | null;
  leadUnitId: string;
  assignedOn: string;
  deadlineOn: string | null;
  recurrence: string;
  nextReportDueOn: string | null;
  priority: string;
  classification: string;
  now: Date;
}

export async function insertTask(trx: Tx, t: NewTask, searchText: (number: number) => string): Promise<{ id: string; number: number }> {
  const id = (await sql<{ id: string }>`select gen_random_uuid() as id`.execute(trx)).rows[0]!.id;
  const r = await trx
    .insertInto('tasks')
    .values({
      id,
      title: t.title,
      description: t.description,
      source_kind: t.sourceKind,
      document_id: t.documentId,
      clause_id: t.clauseId,
      conference_item_id: t.conferenceItemId,
      parent_id: t.parentId,
      path: `${t.parentPath ?? '/'}${id}/`,
      weight: t.weight,
      assigning_unit_id: t.assigningUnitId,
      assigned_by: t.assignedBy,
      lead_unit_id: t.leadUnitId,
      assigned_on: t.assignedOn,
      deadline_on: t.deadlineOn,
      recurrence: t.recurrence,
      next_report_due_on: t.nextReportDueOn,
      priority: t.priority,
      classification: t.classification,
      search_text: '',
      created_at: t.now,
      updated_at: t.now,
    })
    .returning('number')
    .executeTakeFirstOrThrow();
  const number = Number(r.number);
  await trx.updateTable('tasks').set({ search_text: searchText(number) }).where('id', '=', id).execute();
  return { id, number };
}

export async function insertCoordinators(trx: Tx, taskId: string, list: { unitId: string; part: string | null }[], at: Date): Promise<void> {
  if (list.length === 0) return;
  await trx
    .insertInto('task_coordinators')
    .values(list.map((c) => ({ task_id: taskId, unit_id: c.unitId, part: c.part, requested_at: at })))
    .execute();
}

export async function deleteCoordinators(trx: Tx, taskId: string, unitIds: string[]): Promise<void> {
  if (unitIds.length === 0) return;
  await trx.deleteFrom('task_coordinators').where('task_id', '=', taskId).where('unit_id', 'in', unitIds).execute();
}

export interface TaskChanges {
  title?: string;
  description?: string | null;
  deadline_on?: string | null;
  priority?: string;
  classification?: string;
  weight?: number;
  state?: string;
  progress?: number;
  submitted_on?: string | null;
  completed_on?: string | null;
  last_report_at?: Date;
  next_report_due_on?: string | null;
  parent_id?: string | null;
  source_kind?: string;
  search_text?: string;
}

/** Update with optimistic concurrency; false when the version did not match (nothing written). */
export async function updateTaskRow(trx: Tx, id: string, version: number, changes: TaskChanges, now: Date): Promise<boolean> {
  const r = await trx
    .updateTable('tasks')
    .set({ ...changes, version: sql`version + 1`, updated_at: now })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Set the rolled-up progress of a parent (derived from its children; not a user edit, no version bump). */
export async function setRolledUpProgress(trx: Tx, id: string, progress: number): Promise<void> {
  await trx.updateTable('tasks').set({ progress }).where('id', '=', id).execute();
}

export async function childWeights(trx: Tx, parentId: string): Promise<{ progress: number; weight: number; state: string }[]> {
  return trx.selectFrom('tasks').select(['progress', sql<number>`weight::float8`.as('weight'), 'state']).where('parent_id', '=', parentId).execute();
}

/** Re-root a task subtree after re-parenting. */
export async function moveTaskPaths(trx: Tx, oldPath: string, newPath: string): Promise<void> {
  await sql`update tasks set path = ${newPath} || substr(path, ${oldPath.length + 1}) where path like ${escapeLike(oldPath) + '%'}`.execute(trx);
}

/** Latest deadline among a task's direct children (null when none has one). */
export async function latestChildDeadline(db: Q, parentId: string): Promise<string | null> {
  const r = await db.selectFrom('tasks').select(sql<string | null>`max(deadline_on)::text`.as('d')).where('parent_id', '=', parentId).where('state', '<>', 'cancelled').executeTakeFirst();
  return r?.d ?? null;
}

// ─── Coordination, reports, evaluations, events ──────────────────────────────────────────────

export async function recordCoordinatorResponse(trx: Tx, taskId: string, unitId: string, response: string, userId: string | null, at: Date): Promise<boolean> {
  const r = await trx
    .updateTable('task_coordinators')
    .set({ response, responded_at: at, responded_by: userId })
    .where('task_id', '=', taskId)
    .where('unit_id', '=', unitId)
    .where('responded_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export interface NewEvidence {
  kind: string;
  text?: string | null;
  url?: string | null;
  fileId?: string | null;
  documentRef?: string | null;
  recordType?: string | null;
  recordId?: string | null;
}

export async function insertReport(
  trx: Tx,
  r: { taskId: string; unitId: string; reportedBy: string | null; percent: number; note: string; submits: boolean; reportedOn: string; at: Date },
  evidence: NewEvidence[],
): Promise<string> {
  const row = await trx
    .insertInto('progress_reports')
    .values({
      task_id: r.taskId,
      unit_id: r.unitId,
      reported_by: r.reportedBy,
      percent: r.percent,
      note: r.note,
      submits_for_evaluation: r.submits,
      reported_on: r.reportedOn,
      created_at: r.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (evidence.length > 0)
    await trx
      .insertInto('progress_evidence')
      .values(
        evidence.map((e) => ({
          report_id: row.id,
          kind: e.kind,
          text: e.text ?? null,
          url: e.url ?? null,
          file_id: e.fileId ?? null,
          document_ref: e.documentRef ?? null,
          record_type: e.recordType ?? null,
          record_id: e.recordId ?? null,
        })),
      )
      .execute();
  return row.id;
}

export async function latestSubmissionReportId(db: Q, taskId: string): Promise<string | null> {
  const r = await db
    .selectFrom('progress_reports')
    .select('id')
    .where('task_id', '=', taskId)
    .where('submits_for_evaluation', '=', true)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r?.id ?? null;
}

export async function insertEvaluation(trx: Tx, e: { taskId: string; reportId: string | null; evaluatedBy: string | null; decision: string; reason: string | null; newDeadlineOn: string | null; at: Date }): Promise<void> {
  await trx
    .insertInto('task_evaluations')
    .values({ task_id: e.taskId, report_id: e.reportId, evaluated_by: e.evaluatedBy, decision: e.decision, reason: e.reason, new_deadline_on: e.newDeadlineOn, created_at: e.at })
    .execute();
}

export async function insertEvent(trx: Tx, e: { taskId: string; kind: string; actor: Actor; unitId?: string | null; reason?: string | null; data?: Record<string, unknown>; at: Date }): Promise<void> {
  await trx
    .insertInto('task_events')
    .values({
      task_id: e.taskId,
      kind: e.kind,
      actor_user_id: e.actor.userId,
      actor_name: e.actor.username,
      unit_id: e.unitId ?? null,
      reason: e.reason ?? null,
      data: JSON.stringify(e.data ?? {}),
      at: e.at,
    })
    .execute();
}

/** The state a task had before its latest pause (to resume into it). */
export async function stateBeforePause(db: Q, taskId: string): Promise<string | null> {
  const r = await db.selectFrom('task_events').select('data').where('task_id', '=', taskId).where('kind', '=', 'paused').orderBy('at', 'desc').limit(1).executeTakeFirst();
  const data = r?.data as { fromState?: string } | undefined;
  return data?.fromState ?? null;
}

// ─── Timeline ────────────────────────────────────────────────────────────────────────────────

export async function eventsOf(db: Q, taskId: string) {
  return db
    .selectFrom('task_events as e')
    .leftJoin('users as u', 'u.id', 'e.actor_user_id')
    .leftJoin('units as un', 'un.id', 'e.unit_id')
    .select(['e.kind', 'e.at', 'e.reason', 'e.data', sql<string | null>`coalesce(u.display_name, e.actor_name)`.as('actorName'), 'un.name as unitName'])
    .where('e.task_id', '=', taskId)
    .orderBy('e.at')
    .execute();
}

export async function reportsOf(db: Q, taskId: string) {
  const reports = await db
    .selectFrom('progress_reports as r')
    .leftJoin('users as u', 'u.id', 'r.reported_by')
    .innerJoin('units as un', 'un.id', 'r.unit_id')
    .select(['r.id', 'r.percent', 'r.note', 'r.submits_for_evaluation as submits', 'r.reported_on as reportedOn', 'r.created_at as at', 'u.display_name as actorName', 'un.name as unitName'])
    .where('r.task_id', '=', taskId)
    .orderBy('r.created_at')
    .execute();
  const evidence =
    reports.length === 0
      ? []
      : await db
          .selectFrom('progress_evidence as e')
          .leftJoin('files as f', 'f.id', 'e.file_id')
          .select(['e.report_id as reportId', 'e.kind', 'e.text', 'e.url', 'e.file_id as fileId', 'f.filename as fileName', 'e.document_ref as documentRef', 'e.record_type as recordType', 'e.record_id as recordId'])
          .where(
            'e.report_id',
            'in',
            reports.map((r) => r.id),
          )
          // Evidence rows are written once, in one INSERT, and never updated or deleted on their own:
          // their physical order is the order the reporter listed them.
          .orderBy(sql`e.ctid`)
          .execute();
  return reports.map((r) => ({ ...r, evidence: evidence.filter((e) => e.reportId === r.id) }));
}

export async function evaluationsOf(db: Q, taskId: string) {
  return db
    .selectFrom('task_evaluations as e')
    .leftJoin('users as u', 'u.id', 'e.evaluated_by')
    .select(['e.decision', 'e.reason', 'e.new_deadline_on as newDeadlineOn', 'e.created_at as at', 'u.display_name as actorName'])
    .where('e.task_id', '=', taskId)
    .orderBy('e.created_at')
    .execute();
}

// ─── Sources (documents, clauses, conference items): existence checks and coverage ───────────

export async function findConferenceItem(db: Q, id: string): Promise<{ id: string; conferenceId: string; documentId: string | null; clauseId: string | null } | undefined> {
  return db
    .selectFrom('conference_items')
    .select(['id', 'conference_id as conferenceId', 'document_id as documentId', 'clause_id as clauseId'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function clausesOf(db: Q, documentId: string) {
  return db
    .selectFrom('document_clauses')
    .select(['id', 'parent_id as parentId', 'ref', 'label', 'text', 'ordinal'])
    .where('document_id', '=', documentId)
    .orderBy('ordinal')
    .orderBy('ref')
    .execute();
}
