import { type RawBuilder, sql } from 'kysely';
import type { Db, Tx } from '../../db/schema.ts';
import type { Actor } from '../../kernel/actor.ts';
import { escapeLike } from '../../kernel/text.ts';
import { unitInScope } from '../../db/scope.ts';
import { isAdmin } from '../../kernel/actor.ts';
import { visibleCyclesScope } from './review.policy.ts';
import type { TaskBucket } from './review.ts';

/** Every SQL statement of the reviews module. */

type Q = Db | Tx;

export interface UnitInfo {
  id: string;
  name: string;
  code: string;
  path: string;
  communeCode: string | null;
  sortKey: string;
}

export async function unitsByIds(db: Q, ids: readonly string[]): Promise<Map<string, UnitInfo>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('units')
    .select(['id', 'name', 'code', 'path', 'commune_code as communeCode', 'sort_key as sortKey'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

// ── Cycles ──────────────────────────────────────────────────────────────────────────────────

export interface CycleRow {
  id: string;
  kind: string;
  title: string;
  state: string;
  periodKind: string;
  periodYear: number | null;
  periodIndex: number | null;
  periodFrom: string;
  periodTo: string;
  periodLabel: string;
  createdAt: Date;
  createdByName: string;
  closedAt: Date | null;
  version: number;
  scopeUnit: UnitInfo;
}

function cycleBase(db: Q) {
  return db
    .selectFrom('review_cycles as c')
    .innerJoin('units as su', 'su.id', 'c.scope_unit_id')
    .select([
      'c.id',
      'c.kind',
      'c.title',
      'c.state',
      'c.period_kind as periodKind',
      'c.period_year as periodYear',
      'c.period_index as periodIndex',
      sql<string>`to_char(c.period_from, 'YYYY-MM-DD')`.as('periodFrom'),
      sql<string>`to_char(c.period_to, 'YYYY-MM-DD')`.as('periodTo'),
      'c.period_label as periodLabel',
      'c.created_at as createdAt',
      'c.created_by_name as createdByName',
      'c.closed_at as closedAt',
      'c.version',
      'su.id as suId',
      'su.name as suName',
      'su.code as suCode',
      'su.path as suPath',
      'su.commune_code as suCommune',
      'su.sort_key as suSort',
    ]);
}

type RawCycle = Awaited<ReturnType<ReturnType<typeof cycleBase>['executeTakeFirstOrThrow']>>;
const shapeCycle = ({ suId, suName, suCode, suPath, suCommune, suSort, ...r }: RawCycle): CycleRow => ({
  ...r,
  scopeUnit: { id: suId, name: suName, code: suCode, path: suPath, communeCode: suCommune, sortKey: suSort },
});

export async function findCycle(db: Q, id: string): Promise<CycleRow | undefined> {
  const r = await cycleBase(db).where('c.id', '=', id).executeTakeFirst();
  return r ? shapeCycle(r) : undefined;
}

export async function lockCycle(trx: Tx, id: string): Promise<void> {
  await sql`select id from review_cycles where id = ${id} for update`.execute(trx);
}

export async function listCycles(db: Q, actor: Actor, f: { state?: string | undefined; kind?: string | undefined; limit: number; offset: number }) {
  let q = cycleBase(db).where((eb) => visibleCyclesScope(eb as never, actor) as never);
  if (f.state) q = q.where('c.state', '=', f.state);
  if (f.kind) q = q.where('c.kind', '=', f.kind);
  const total = await db
    .selectFrom('review_cycles as c')
    .innerJoin('units as su', 'su.id', 'c.scope_unit_id')
    .select(sql<number>`count(*)::int`.as('n'))
    .where((eb) => visibleCyclesScope(eb as never, actor) as never)
    .$if(!!f.state, (qq) => qq.where('c.state', '=', f.state!))
    .$if(!!f.kind, (qq) => qq.where('c.kind', '=', f.kind!))
    .executeTakeFirstOrThrow();
  const rows = await q
    .select([
      sql<number>`(select count(*)::int from review_cycle_documents d where d.cycle_id = c.id)`.as('documentCount'),
      sql<number>`(select count(*)::int from review_cycle_conferences d where d.cycle_id = c.id)`.as('conferenceCount'),
      sql<number>`(select count(*)::int from review_actions a where a.cycle_id = c.id and a.status <> 'closed')`.as('openActions'),
    ])
    .orderBy('c.period_to', 'desc')
    .orderBy('c.created_at', 'desc')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  return {
    total: total.n,
    items: rows.map((r) => {
      const { documentCount, conferenceCount, openActions, ...rest } = r;
      return { ...shapeCycle(rest), documentCount: Number(documentCount), conferenceCount: Number(conferenceCount), openActions: Number(openActions) };
    }),
  };
}

export interface NewCycle {
  kind: string;
  title: string;
  scopeUnitId: string;
  period: { kind: string; year: number | null; index: number | null; from: string; to: string; label: string };
  createdBy: string | null;
  createdByName: string;
  now: Date;
}

export async function insertCycle(trx: Tx, c: NewCycle, documentIds: readonly string[], conferenceIds: readonly string[]): Promise<string> {
  const r = await trx
    .insertInto('review_cycles')
    .values({
      kind: c.kind,
      title: c.title,
      scope_unit_id: c.scopeUnitId,
      period_kind: c.period.kind,
      period_year: c.period.year,
      period_index: c.period.index,
      period_from: c.period.from,
      period_to: c.period.to,
      period_label: c.period.label,
      created_by: c.createdBy,
      created_by_name: c.createdByName,
      created_at: c.now,
      updated_at: c.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (documentIds.length) await trx.insertInto('review_cycle_documents').values(documentIds.map((d) => ({ cycle_id: r.id, document_id: d }))).execute();
  if (conferenceIds.length) await trx.insertInto('review_cycle_conferences').values(conferenceIds.map((d) => ({ cycle_id: r.id, conference_id: d }))).execute();
  return r.id;
}

export async function closeCycleRow(trx: Tx, id: string, now: Date): Promise<void> {
  await trx.updateTable('review_cycles').set({ state: 'closed', closed_at: now, updated_at: now, version: sql`version + 1` }).where('id', '=', id).execute();
}

export async function touchCycle(trx: Tx, id: string, now: Date): Promise<void> {
  await trx.updateTable('review_cycles').set({ updated_at: now, version: sql`version + 1` }).where('id', '=', id).execute();
}

export interface ProgrammeRows {
  documents: { id: string; symbol: string | null; kind: string; summary: string; issuedOn: string | null }[];
  conferences: { id: string; title: string; kind: string; heldOn: string }[];
}

export async function programmeOf(db: Q, cycleId: string): Promise<ProgrammeRows> {
  const documents = await db
    .selectFrom('review_cycle_documents as rd')
    .innerJoin('documents as d', 'd.id', 'rd.document_id')
    .select(['d.id', 'd.symbol', 'd.kind', 'd.summary', sql<string | null>`to_char(d.issued_on, 'YYYY-MM-DD')`.as('issuedOn')])
    .where('rd.cycle_id', '=', cycleId)
    .orderBy('d.issued_on')
    .orderBy('d.id')
    .execute();
  const conferences = await db
    .selectFrom('review_cycle_conferences as rc')
    .innerJoin('conferences as c', 'c.id', 'rc.conference_id')
    .select(['c.id', 'c.title', 'c.kind', sql<string>`to_char(c.held_on, 'YYYY-MM-DD')`.as('heldOn')])
    .where('rc.cycle_id', '=', cycleId)
    .orderBy('c.held_on')
    .orderBy('c.id')
    .execute();
  return { documents, conferences };
}

/** Programme sources as given (for creation and ad-hoc compilation), with what visibility needs. */
export async function sourcesByIds(db: Q, documentIds: readonly string[], conferenceIds: readonly string[]) {
  const documents = documentIds.length
    ? await db
        .selectFrom('documents as d')
        .leftJoin('units as ou', 'ou.id', 'd.owner_unit_id')
        .select(['d.id', 'd.symbol', 'd.kind', 'd.summary', sql<string | null>`to_char(d.issued_on, 'YYYY-MM-DD')`.as('issuedOn'), 'd.classification', 'ou.path as ownerPath', 'ou.commune_code as ownerCommune'])
        .where('d.id', 'in', [...documentIds])
        .execute()
    : [];
  const conferences = conferenceIds.length
    ? await db
        .selectFrom('conferences as c')
        .select(['c.id', 'c.title', 'c.kind', sql<string>`to_char(c.held_on, 'YYYY-MM-DD')`.as('heldOn')])
        .where('c.id', 'in', [...conferenceIds])
        .execute()
    : [];
  return { documents, conferences };
}

// ── Agenda ──────────────────────────────────────────────────────────────────────────────────

export async function agendaOf(db: Q, cycleId: string) {
  return db
    .selectFrom('review_agenda as a')
    .innerJoin('units as u', 'u.id', 'a.unit_id')
    .select(['a.position', 'u.id', 'u.name', 'u.code', 'u.path', 'u.commune_code as communeCode', 'u.sort_key as sortKey'])
    .where('a.cycle_id', '=', cycleId)
    .orderBy('a.position')
    .execute();
}

export async function replaceAgenda(trx: Tx, cycleId: string, unitIds: readonly string[]): Promise<void> {
  await trx.deleteFrom('review_agenda').where('cycle_id', '=', cycleId).execute();
  if (unitIds.length) await trx.insertInto('review_agenda').values(unitIds.map((u, i) => ({ cycle_id: cycleId, unit_id: u, position: i + 1 }))).execute();
}

// ── Corrective actions ──────────────────────────────────────────────────────────────────────

export interface ActionRow {
  id: string;
  cycleId: string;
  kind: string;
  text: string;
  measure: string;
  ownerUnitId: string;
  ownerName: string;
  ownerCode: string;
  ownerPath: string;
  ownerCommune: string | null;
  deadlineOn: string | null;
  status: string;
  closingNote: string | null;
  closedInCycleId: string | null;
  closedAt: Date | null;
  version: number;
  createdAt: Date;
  recordedTitle: string;
  recordedKind: string;
  recordedPeriodLabel: string;
  recordedPeriodTo: string;
  recordedScopePath: string;
  closedTitle: string | null;
  closedKind: string | null;
  closedPeriodLabel: string | null;
  closedPeriodTo: string | null;
}

function actionBase(db: Q) {
  return db
    .selectFrom('review_actions as a')
    .innerJoin('units as ou', 'ou.id', 'a.owner_unit_id')
    .innerJoin('review_cycles as rc', 'rc.id', 'a.cycle_id')
    .innerJoin('units as rsu', 'rsu.id', 'rc.scope_unit_id')
    .leftJoin('review_cycles as cc', 'cc.id', 'a.closed_in_cycle_id')
    .select([
      'a.id',
      'a.cycle_id as cycleId',
      'a.kind',
      'a.text',
      'a.measure',
      'a.owner_unit_id as ownerUnitId',
      'ou.name as ownerName',
      'ou.code as ownerCode',
      'ou.path as ownerPath',
      'ou.commune_code as ownerCommune',
      sql<string | null>`to_char(a.deadline_on, 'YYYY-MM-DD')`.as('deadlineOn'),
      'a.status',
      'a.closing_note as closingNote',
      'a.closed_in_cycle_id as closedInCycleId',
      'a.closed_at as closedAt',
      'a.version',
      'a.created_at as createdAt',
      'rc.title as recordedTitle',
      'rc.kind as recordedKind',
      'rc.period_label as recordedPeriodLabel',
      sql<string>`to_char(rc.period_to, 'YYYY-MM-DD')`.as('recordedPeriodTo'),
      'rsu.path as recordedScopePath',
      'cc.title as closedTitle',
      'cc.kind as closedKind',
      'cc.period_label as closedPeriodLabel',
      sql<string | null>`to_char(cc.period_to, 'YYYY-MM-DD')`.as('closedPeriodTo'),
    ]);
}

export async function findAction(db: Q, id: string): Promise<ActionRow | undefined> {
  return actionBase(db).where('a.id', '=', id).executeTakeFirst();
}

/**
 * Actions a review shows: those recorded at it, and the candidates to carry forward (recorded at a
 * review whose period ends earlier, owner in this review's scope, not closed or closed in a review
 * ending no earlier than this one) — the rule itself is `isCarriedForward` in review.ts.
 */
export async function actionsForCycle(db: Q, cycle: { id: string; periodTo: string; scopePath: string }): Promise<ActionRow[]> {
  return actionBase(db)
    .where((eb) =>
      eb.or([
        eb('a.cycle_id', '=', cycle.id),
        eb.and([
          eb('ou.path', 'like', `${escapeLike(cycle.scopePath)}%`),
          eb('rc.period_to', '<', cycle.periodTo),
          eb.or([eb('a.status', '<>', 'closed'), eb('cc.period_to', '>=', cycle.periodTo)]),
        ]),
      ]),
    )
    .orderBy('rc.period_to')
    .orderBy('a.created_at')
    .orderBy('a.id')
    .execute();
}

export async function actionEvents(db: Q, actionIds: readonly string[]) {
  if (actionIds.length === 0) return [];
  return db
    .selectFrom('review_action_events as e')
    .innerJoin('review_cycles as c', 'c.id', 'e.cycle_id')
    .select(['e.action_id as actionId', 'e.at', 'e.kind', 'e.from_status as fromStatus', 'e.to_status as toStatus', 'e.note', 'e.actor_name as actorName', 'c.id as cycleId', 'c.title as cycleTitle', 'c.kind as cycleKind', 'c.period_label as cyclePeriodLabel'])
    .where('e.action_id', 'in', [...actionIds])
    .orderBy('e.at')
    .orderBy('e.id')
    .execute();
}

export async function insertAction(
  trx: Tx,
  a: { cycleId: string; kind: string; text: string; measure: string; ownerUnitId: string; deadlineOn: string | null; createdBy: string | null; now: Date },
): Promise<string> {
  const r = await trx
    .insertInto('review_actions')
    .values({ cycle_id: a.cycleId, kind: a.kind, text: a.text, measure: a.measure, owner_unit_id: a.ownerUnitId, deadline_on: a.deadlineOn, created_by: a.createdBy, created_at: a.now, updated_at: a.now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function insertActionEvent(
  trx: Tx,
  e: { actionId: string; cycleId: string; kind: string; fromStatus?: string | null; toStatus?: string | null; note?: string | null; actor: Actor; at: Date },
): Promise<void> {
  await trx
    .insertInto('review_action_events')
    .values({ action_id: e.actionId, cycle_id: e.cycleId, kind: e.kind, from_status: e.fromStatus ?? null, to_status: e.toStatus ?? null, note: e.note ?? null, actor_user_id: e.actor.userId, actor_name: e.actor.username, at: e.at })
    .execute();
}

export interface ActionChanges {
  text?: string;
  measure?: string;
  owner_unit_id?: string;
  deadline_on?: string | null;
  status?: string;
  closing_note?: string | null;
  closed_in_cycle_id?: string | null;
  closed_at?: Date | null;
}

/** Update with optimistic concurrency; false when the version did not match. */
export async function updateActionRow(trx: Tx, id: string, version: number, changes: ActionChanges, now: Date): Promise<boolean> {
  const r = await trx
    .updateTable('review_actions')
    .set({ ...changes, version: sql`version + 1`, updated_at: now })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// ── Compilation data (read in one transaction) ──────────────────────────────────────────────
//
// The compilation counts in SQL (grouped by unit) and lists records only for a drill-down, so its
// cost grows with the number of units, not with the number of records (bench/README.md, reviews).

export interface Programme {
  documentIds: readonly string[];
  conferenceIds: readonly string[];
}

export interface CompilationRange {
  scopePath: string;
  period: { from: string; to: string };
  cutoff: string;
}

const uuids = (ids: readonly string[]) => sql.join(ids.map((d) => sql`${d}::uuid`));

export interface RecordPage {
  limit: number;
  offset: number;
}

/** A page of a drill-down query, and how many rows it has in all (two statements, same snapshot when in a transaction). */
async function paged<T>(db: Q, base: RawBuilder<unknown>, order: RawBuilder<unknown>, page: RecordPage): Promise<{ total: number; rows: T[] }> {
  const n = await sql<{ n: number }>`select count(*)::int as n from (${base}) x`.execute(db);
  const rows = await sql<T>`select * from (${base}) x order by ${order} limit ${page.limit} offset ${page.offset}`.execute(db);
  return { total: Number(n.rows[0]!.n), rows: rows.rows };
}

/**
 * The ids of the programme's tasks: the tasks linked to a programme document or to a conclusion
 * item of a programme conference (the roots, found by their indexes), and every task below them —
 * subtasks cascaded from a programme task belong to the programme. Descendants are read as a
 * range of the materialised path (`/root/…/`, text_pattern_ops index): from the root's path up to
 * the same string with its final "/" replaced by "0", the next character — one index range scan
 * per root instead of a test on every task of the city. Callers test `id = any(array(…))`: the
 * planner cannot estimate a range join (it guesses a million rows for tens of thousands), and an
 * array makes it look the ids up by primary key instead of scanning every coordination request.
 */
function programmeTaskIds(p: Programme) {
  const ors = [];
  if (p.documentIds.length) ors.push(sql`r.document_id in (${uuids(p.documentIds)})`);
  if (p.conferenceIds.length) ors.push(sql`r.conference_item_id in (select ci.id from conference_items ci where ci.conference_id in (${uuids(p.conferenceIds)}))`);
  if (ors.length === 0) return sql`select null::uuid as id where false`;
  return sql`select distinct d.id from tasks r join tasks d on d.path ~>=~ r.path and d.path ~<~ (left(r.path, -1) || '0')
    where ${sql.join(ors, sql` or `)}`;
}

interface BucketColumns {
  state: string;
  assignedOn: string;
  deadlineOn: string;
  submittedOn: string;
  completedOn: string;
}
const TASK_BUCKET_COLUMNS: BucketColumns = { state: 't.state', assignedOn: 't.assigned_on', deadlineOn: 't.deadline_on', submittedOn: 't.submitted_on', completedOn: 't.completed_on' };

/**
 * The exact SQL mirror of `taskInPeriod` and `classifyTaskAt` (review.ts): the task's bucket at the
 * cut-off, or null when it does not belong to the period. A table-driven test asserts both agree
 * (test/integration/reviews-buckets.test.ts).
 */
export function taskBucketSql(period: { from: string; to: string }, cutoff: string, c: BucketColumns = TASK_BUCKET_COLUMNS) {
  const r = (x: string) => sql.ref(x);
  const done = sql`(case when ${r(c.state)} = 'completed' then coalesce(${r(c.submittedOn)}, ${r(c.completedOn)}) end)`;
  return sql<TaskBucket | null>`(case
    when ${r(c.state)} = 'cancelled' or ${r(c.assignedOn)} > ${period.to}::date then null
    when ${done} < ${period.from}::date then null
    when ${done} <= ${cutoff}::date then (case when ${r(c.deadlineOn)} is not null and ${done} > ${r(c.deadlineOn)} then 'completed_late' else 'completed_on_time' end)
    when ${r(c.deadlineOn)} < ${cutoff}::date then 'not_completed_overdue'
    else 'not_completed_within_deadline'
  end)`;
}

export interface BucketProbe {
  state: string;
  assignedOn: string;
  deadlineOn: string | null;
  submittedOn: string | null;
  completedOn: string | null;
}

/** Evaluate `taskBucketSql` over literal rows (for the TS/SQL agreement test). */
export async function bucketsInSql(db: Q, rows: BucketProbe[], period: { from: string; to: string }, cutoff: string): Promise<(TaskBucket | null)[]> {
  if (rows.length === 0) return [];
  const values = sql.join(rows.map((p, i) => sql`(${i}::int, ${p.state}::text, ${p.assignedOn}::date, ${p.deadlineOn}::date, ${p.submittedOn}::date, ${p.completedOn}::date)`));
  const expr = taskBucketSql(period, cutoff, { state: 'v.state', assignedOn: 'v.assigned_on', deadlineOn: 'v.deadline_on', submittedOn: 'v.submitted_on', completedOn: 'v.completed_on' });
  const r = await sql<{ bucket: TaskBucket | null }>`select ${expr} as bucket from (values ${values}) as v(i, state, assigned_on, deadline_on, submitted_on, completed_on) order by v.i`.execute(db);
  return r.rows.map((x) => x.bucket);
}

/** Programme tasks of the scope in the period with their bucket (a sub-query over `t`). */
function programmeTasksSql(p: Programme, r: CompilationRange) {
  return sql`select t.id, t.number, t.title, t.lead_unit_id, t.deadline_on, ${taskBucketSql(r.period, r.cutoff)} as bucket
    from tasks t join units lu on lu.id = t.lead_unit_id
    where t.id = any(array(${programmeTaskIds(p)})) and lu.path like ${`${escapeLike(r.scopePath)}%`} and t.state <> 'cancelled' and t.assigned_on <= ${r.period.to}::date`;
}

export interface TaskCountRow {
  unitId: string;
  bucket: TaskBucket;
  n: number;
  withoutDeadline: number;
}

/** Programme tasks in the period by lead unit and bucket. */
export async function programmeTaskCounts(db: Q, p: Programme, r: CompilationRange): Promise<TaskCountRow[]> {
  const q = await sql<{ unitId: string; bucket: TaskBucket; n: number; withoutDeadline: number }>`
    select x.lead_unit_id as "unitId", x.bucket, count(*)::int as n, (count(*) filter (where x.deadline_on is null))::int as "withoutDeadline"
    from (${programmeTasksSql(p, r)}) x where x.bucket is not null group by 1, 2`.execute(db);
  return q.rows.map((x) => ({ ...x, n: Number(x.n), withoutDeadline: Number(x.withoutDeadline) }));
}

export interface TaskRecordRow {
  id: string;
  number: number;
  title: string;
  leadUnitId: string;
  deadlineOn: string | null;
}

/** The programme tasks behind one task figure (drill-down): optionally one lead unit, one bucket, or those without a deadline. */
export async function programmeTaskRecords(
  db: Q,
  p: Programme,
  r: CompilationRange,
  f: { unitId?: string | undefined; bucket?: TaskBucket | undefined; withoutDeadline?: boolean },
  page: RecordPage,
): Promise<{ total: number; rows: TaskRecordRow[] }> {
  const base = sql`select x.id, x.number, x.title, x.lead_unit_id as "leadUnitId", to_char(x.deadline_on, 'YYYY-MM-DD') as "deadlineOn"
    from (${programmeTasksSql(p, r)}) x
    where x.bucket is not null
      ${f.unitId ? sql`and x.lead_unit_id = ${f.unitId}::uuid` : sql``}
      ${f.bucket ? sql`and x.bucket = ${f.bucket}` : sql``}
      ${f.withoutDeadline ? sql`and x.deadline_on is null` : sql``}`;
  const res = await paged<TaskRecordRow>(db, base, sql`x.number`, page);
  return { total: res.total, rows: res.rows.map((x) => ({ ...x, number: Number(x.number) })) };
}

/** Coordination requests of programme tasks made in the period (Asia/Ho_Chi_Minh days) to units of the scope. */
function coordinationSql(p: Programme, r: CompilationRange) {
  return sql`select tc.task_id, tc.unit_id, tc.requested_at, tc.responded_at, t.number, t.title
    from task_coordinators tc join tasks t on t.id = tc.task_id join units cu on cu.id = tc.unit_id
    where tc.task_id = any(array(${programmeTaskIds(p)})) and cu.path like ${`${escapeLike(r.scopePath)}%`} and t.state <> 'cancelled'
      and (tc.requested_at at time zone 'Asia/Ho_Chi_Minh')::date between ${r.period.from}::date and ${r.period.to}::date`;
}

export interface CoordinationCountRow {
  /** null = the whole scope. */
  unitId: string | null;
  requests: number;
  answered: number;
  /** Median hours from request to answer over the answered requests, one decimal; null when none answered. */
  medianHours: number | null;
}

/** Requests, answers and the median answer time per asked unit and for the whole scope (grouping sets). */
export async function coordinationCounts(db: Q, p: Programme, r: CompilationRange): Promise<CoordinationCountRow[]> {
  const q = await sql<{ unitId: string | null; requests: number; answered: number; medianHours: string | number | null }>`
    select x.unit_id as "unitId", count(*)::int as requests, count(x.responded_at)::int as answered,
      round((percentile_cont(0.5) within group (order by extract(epoch from (x.responded_at - x.requested_at)) / 3600))::numeric, 1) as "medianHours"
    from (${coordinationSql(p, r)}) x group by grouping sets ((x.unit_id), ())`.execute(db);
  return q.rows.map((x) => ({ unitId: x.unitId, requests: Number(x.requests), answered: Number(x.answered), medianHours: x.medianHours === null ? null : Number(x.medianHours) }));
}

export interface CoordinationRecordRow {
  taskId: string;
  number: number;
  title: string;
  unitId: string;
  requestedAt: Date;
}

/** The requests behind one coordination figure (drill-down). */
export async function coordinationRecords(
  db: Q,
  p: Programme,
  r: CompilationRange,
  f: { unitId?: string | undefined; answered?: boolean | undefined },
  page: RecordPage,
): Promise<{ total: number; rows: CoordinationRecordRow[] }> {
  const base = sql`select x.task_id as "taskId", x.number, x.title, x.unit_id as "unitId", x.requested_at as "requestedAt"
    from (${coordinationSql(p, r)}) x
    where true ${f.unitId ? sql`and x.unit_id = ${f.unitId}::uuid` : sql``}
      ${f.answered === undefined ? sql`` : f.answered ? sql`and x.responded_at is not null` : sql`and x.responded_at is null`}`;
  // A task asks all its coordinating units at the same instant: the unit completes the order.
  const res = await paged<CoordinationRecordRow & { requestedAt: Date | string }>(db, base, sql`x."requestedAt", x."taskId", x."unitId"`, page);
  return { total: res.total, rows: res.rows.map((x) => ({ ...x, number: Number(x.number), requestedAt: new Date(x.requestedAt) })) };
}

export interface IncidentCountRow {
  unitId: string;
  category: string;
  /** In the period / in its comparison base: for periods longer than a year the two overlap, and a situation counts in both. */
  current: number;
  base: number;
}

/** Situations led by units of the scope, by lead unit and category, in the period and in the base (merged duplicates counted once, as the one kept). */
export async function incidentCounts(db: Q, scopePath: string, cur: { from: string; to: string }, base: { from: string; to: string }): Promise<IncidentCountRow[]> {
  const q = await sql<{ unitId: string; category: string; current: number; base: number }>`
    select i.lead_unit_id as "unitId", i.category,
      (count(*) filter (where i.occurred_on between ${cur.from}::date and ${cur.to}::date))::int as current,
      (count(*) filter (where i.occurred_on between ${base.from}::date and ${base.to}::date))::int as base
    from incidents i join units lu on lu.id = i.lead_unit_id
    where lu.path like ${`${escapeLike(scopePath)}%`} and i.merged_into_id is null
      and (i.occurred_on between ${cur.from}::date and ${cur.to}::date or i.occurred_on between ${base.from}::date and ${base.to}::date)
    group by 1, 2`.execute(db);
  return q.rows.map((x) => ({ ...x, current: Number(x.current), base: Number(x.base) }));
}

export interface IncidentRecordRow {
  id: string;
  number: number;
  title: string;
  category: string;
  occurredOn: string;
  leadUnitId: string;
}

/** The situations behind one situation figure (drill-down): those of the range, optionally one lead unit and one category. */
export async function incidentRecords(
  db: Q,
  scopePath: string,
  range: { from: string; to: string },
  f: { unitId?: string | undefined; category?: string | undefined },
  page: RecordPage,
): Promise<{ total: number; rows: IncidentRecordRow[] }> {
  const base = sql`select i.id, i.number, i.title, i.category, to_char(i.occurred_on, 'YYYY-MM-DD') as "occurredOn", i.occurred_on, i.lead_unit_id as "leadUnitId"
    from incidents i join units lu on lu.id = i.lead_unit_id
    where lu.path like ${`${escapeLike(scopePath)}%`} and i.merged_into_id is null
      and i.occurred_on between ${range.from}::date and ${range.to}::date
      ${f.unitId ? sql`and i.lead_unit_id = ${f.unitId}::uuid` : sql``}
      ${f.category ? sql`and i.category = ${f.category}` : sql``}`;
  const res = await paged<IncidentRecordRow>(db, base, sql`x.occurred_on, x.number`, page);
  return { total: res.total, rows: res.rows.map(({ id, number, title, category, occurredOn, leadUnitId }) => ({ id, number: Number(number), title, category, occurredOn, leadUnitId })) };
}

export interface TipDecisionRow {
  id: string;
  trackingCode: string;
  handlingUnitId: string;
  receivedAt: Date;
  remote: boolean;
  outcomeKind: string;
  decidedOn: string;
  /** The events that move its clock, and its decisions, oldest first. */
  events: { kind: string; data: unknown }[];
}

/**
 * Tips handled by units of the scope with a decision of art. 147(1) dated in the period, with the
 * events of their clocks, in pages (keyset on decision date and id over `tips_decided_idx`, `after`
 * = the last row of the previous page) so that a city's five years are never held in memory at
 * once. (The tips tables are typed inside the tips module, so this read is plain SQL over the
 * columns it needs.)
 */
export async function tipsDecided(
  db: Q,
  scopePath: string,
  period: { from: string; to: string },
  page: { after: { decidedOn: string; id: string } | null; limit: number },
  f: { unitId?: string | undefined } = {},
): Promise<TipDecisionRow[]> {
  const r = await sql<Omit<TipDecisionRow, 'receivedAt'> & { receivedAt: Date | string }>`
    select t.id, t.tracking_code as "trackingCode", t.handling_unit_id as "handlingUnitId", t.received_at as "receivedAt", t.remote,
           t.outcome_kind as "outcomeKind", to_char(t.outcome_decided_on, 'YYYY-MM-DD') as "decidedOn",
           coalesce((select json_agg(json_build_object('kind', e.kind, 'data', e.data) order by e.at, e.id) from tip_events e
                     where e.tip_id = t.id and e.kind in ('extended', 'suspended', 'restored', 'decided')), '[]'::json) as events
    from tips t join units hu on hu.id = t.handling_unit_id
    where hu.path like ${`${escapeLike(scopePath)}%`}
      and t.outcome_kind is not null
      and t.outcome_decided_on between ${period.from}::date and ${period.to}::date
      ${f.unitId ? sql`and t.handling_unit_id = ${f.unitId}::uuid` : sql``}
      ${page.after ? sql`and (t.outcome_decided_on, t.id) > (${page.after.decidedOn}::date, ${page.after.id}::uuid)` : sql``}
    order by t.outcome_decided_on, t.id
    limit ${page.limit}`.execute(db);
  return r.rows.map((x) => ({ ...x, receivedAt: new Date(x.receivedAt), events: typeof x.events === 'string' ? (JSON.parse(x.events) as TipDecisionRow['events']) : x.events }));
}

// ── CLI lookups ─────────────────────────────────────────────────────────────────────────────

export async function unitIdByCode(db: Q, code: string): Promise<string | undefined> {
  return (await db.selectFrom('units').select('id').where('code', '=', code).executeTakeFirst())?.id;
}

/** Document ids by canonical number and symbol ("16-NQ/TW"); several when the symbol repeats across years. */
export async function documentIdsBySymbol(db: Q, symbol: string): Promise<string[]> {
  return (await db.selectFrom('documents').select('id').where('symbol', '=', symbol).execute()).map((r) => r.id);
}

/** Corrective actions not yet closed whose owner unit is in the viewer's scope: earliest deadline first (none last). */
export async function openActionsInScope(db: Q, actor: Actor, today: string, limit: number): Promise<{ total: number; overdue: number; items: ActionRow[] }> {
  const q = actionBase(db)
    .where('a.status', '<>', 'closed')
    .where((eb) => (isAdmin(actor) ? eb.lit(true) : unitInScope(eb, actor, { path: 'ou.path', commune: 'ou.commune_code' })));
  const n = await q
    .clearSelect()
    .select([sql<number>`count(*)::int`.as('n'), sql<number>`(count(*) filter (where a.deadline_on < ${today}::date))::int`.as('late')])
    .executeTakeFirstOrThrow();
  const items = await q.orderBy(sql`a.deadline_on asc nulls last`).orderBy('a.created_at').orderBy('a.id').limit(limit).execute();
  return { total: Number(n.n), overdue: Number(n.late), items };
}
