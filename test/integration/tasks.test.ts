import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { CreateTaskInput, Task } from '../../src/contracts/tasks.ts';
import type { Actor } from '../../src/server/kernel/actor.ts';
import { operatorActor } from '../../src/server/kernel/actor.ts';
import type { Ctx } from '../../src/server/kernel/context.ts';
import { DomainError } from '../../src/server/kernel/errors.ts';
import { createDocument } from '../../src/server/modules/documents/document.service.ts';
import { assignTask, changeTaskLifecycle, updateTask } from '../../src/server/modules/tasks/task.service.ts';
import { evaluateTask, respondToCoordination, submitProgressReport } from '../../src/server/modules/tasks/task-progress.service.ts';
import { documentCoverage, exportTasks, getTask, listTasks, myWork, statusCounts } from '../../src/server/modules/tasks/task-queries.service.ts';
import { EXPORT_HEADERS } from '../../src/server/modules/tasks/task-export.ts';
import { canViewTask } from '../../src/server/modules/tasks/task.policy.ts';
import { accessRecord } from '../../src/server/modules/tasks/task.presenter.ts';
import { findTaskById } from '../../src/server/modules/tasks/task.repository.ts';
import { actorFor, makeUser } from '../../src/server/seed/factories.ts';
import { backends, countRows, DEMO_PASSWORD, openTestDb, unitIdByCode, type TestDb } from '../support/db.ts';

const op = operatorActor('test');
const TABLES = ['tasks', 'task_coordinators', 'progress_reports', 'progress_evidence', 'task_evaluations', 'task_events', 'audit_log'] as const;

type Counts = Record<(typeof TABLES)[number], number>;
async function counts(t: TestDb): Promise<Counts> {
  const out = {} as Counts;
  for (const x of TABLES) out[x] = await countRows(t.db, x);
  return out;
}

async function refused(p: Promise<unknown>, code: string): Promise<DomainError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).code).toBe(code);
    return e as DomainError;
  }
  throw new Error(`expected ${code}`);
}

describe.each(backends())('tasks [%s]', (backend) => {
  let t: TestDb;
  const u: Record<string, string> = {};
  const a: Record<string, Actor> = {};
  /** A context whose clock reads the given day (noon in Ho Chi Minh City). */
  const on = (day: string): Ctx => ({ ...t.ctx, today: () => day, now: () => new Date(`${day}T05:00:00Z`) });

  beforeAll(async () => {
    t = await openTestDb(backend);
    for (const code of ['HCM', 'CATP', 'CATP-PV01', 'CATP-PC02', 'CATP-PA04', 'CAX-26743', 'CAX-26740', 'SO-TP', 'DTN-HCM', 'TU-HCM-BTV', 'UBND-HCM']) u[code] = await unitIdByCode(t.db, code);
    for (const name of ['admin', 'lanhdao', 'thammuu', 'canbo.benthanh', 'canbo.saigon', 'theodoi']) a[name] = await actorFor(t.ctx, name, DEMO_PASSWORD);
    // A unit officer of PC02 and a staff officer of Sở Tư pháp (scope: their own unit only).
    await makeUser(t.ctx, { username: 'canbo.pc02', unitId: u['CATP-PC02']!, roles: ['unit_officer'] });
    await makeUser(t.ctx, { username: 'thammuu.sotp', unitId: u['SO-TP']!, roles: ['staff_officer'] });
    a['canbo.pc02'] = await actorFor(t.ctx, 'canbo.pc02');
    a['thammuu.sotp'] = await actorFor(t.ctx, 'thammuu.sotp');
  });
  afterAll(async () => t?.close());

  const input = (over: Partial<CreateTaskInput> = {}): CreateTaskInput => ({
    title: 'Tuyên truyền, vận động nhân dân tham gia phòng, chống tội phạm',
    description: 'Theo kết luận Hội nghị phối hợp',
    source: { kind: 'none' },
    assigningUnitId: u['CATP']!,
    leadUnitId: u['CATP-PC02']!,
    coordinators: [
      { unitId: u['SO-TP']!, part: 'Phổ biến pháp luật' },
      { unitId: u['CAX-26743']!, part: 'Tổ chức tại địa bàn phường Bến Thành' },
    ],
    assignedOn: '2026-03-01',
    deadlineOn: '2026-06-30',
    recurrence: 'none',
    priority: 'normal',
    classification: 'normal',
    weight: 1,
    ...over,
  });

  describe('assign', () => {
    it('a staff officer assigns a task with a lead unit and coordinating units; audit and events in the same transaction', async () => {
      const before = await counts(t);
      const lastSeq = (await t.db.selectFrom('audit_log').select((eb) => eb.fn.max('seq').as('m')).executeTakeFirstOrThrow()).m ?? 0;
      const task = await assignTask(on('2026-03-01'), a['thammuu']!, input());
      expect(task.code).toMatch(/^NV-\d{5}$/);
      expect(task.status).toBe('not_started');
      expect(task.state).toBe('open');
      expect(task.progress).toBe(0);
      expect(task.coordinators.map((c) => c.unitId).sort()).toEqual([u['SO-TP'], u['CAX-26743']].sort());
      expect(task.coordinators.every((c) => c.requestedAt === '2026-03-01T05:00:00.000Z' && c.respondedAt === null && c.responseHours === null)).toBe(true);
      expect(task.abilities).toMatchObject({ view: true, update: true, evaluate: false, cancel: true });
      const after = await counts(t);
      expect(after.tasks - before.tasks).toBe(1);
      expect(after.task_coordinators - before.task_coordinators).toBe(2);
      // The assignment and the notifications it sends (lead unit, coordinating units) are audited.
      const rows = await t.db.selectFrom('audit_log').select(['action', 'entity_id']).where('seq', '>', Number(lastSeq)).orderBy('seq').execute();
      expect(rows.filter((r) => r.action.startsWith('task.'))).toEqual([{ action: 'task.assigned', entity_id: task.id }]);
      expect(rows.every((r) => r.action === 'task.assigned' || r.action.startsWith('notification'))).toBe(true);
    });

    it('announces the task to the lead unit and the coordination request to each coordinating unit; never to the assigner', async () => {
      const task = await assignTask(on('2026-03-02'), a['thammuu']!, input({ title: 'Thông báo giao việc' }));
      const notes = await t.db
        .selectFrom('notifications as n')
        .innerJoin('users as us', 'us.id', 'n.user_id')
        .select(['us.username', 'n.kind'])
        .where('n.task_id', '=', task.id)
        .execute();
      expect(notes).toEqual(expect.arrayContaining([{ username: 'canbo.pc02', kind: 'task_assigned' }, { username: 'canbo.benthanh', kind: 'coordination_requested' }]));
      expect(notes.some((n) => n.username === 'thammuu')).toBe(false);
      expect(notes.some((n) => n.username === 'canbo.saigon')).toBe(false);
    });

    it('refuses bad input with a code and writes nothing', async () => {
      const ctx = on('2026-03-01');
      const cases: [Partial<CreateTaskInput>, string, string][] = [
        [{ coordinators: [{ unitId: u['CATP-PC02']! }] }, 'task.lead_is_coordinator', 'coordinators.0.unitId'],
        [{ coordinators: [{ unitId: u['SO-TP']! }, { unitId: u['SO-TP']! }] }, 'task.duplicate_coordinator', 'coordinators.1.unitId'],
        [{ deadlineOn: '2026-02-28' }, 'task.deadline_before_assignment', 'deadlineOn'],
        [{ leadUnitId: '00000000-0000-4000-8000-000000000000' }, 'task.unknown_unit', 'leadUnitId'],
        [{ coordinators: [{ unitId: '00000000-0000-4000-8000-000000000000' }] }, 'task.unknown_unit', 'coordinators.0.unitId'],
        [{ source: { kind: 'parent_task', parentId: '00000000-0000-4000-8000-000000000000' } }, 'task.unknown_source', 'source.parentId'],
        [{ source: { kind: 'conference_item', conferenceItemId: '00000000-0000-4000-8000-000000000000' } }, 'task.unknown_source', 'source.conferenceItemId'],
        [{ source: { kind: 'document', documentId: '00000000-0000-4000-8000-000000000000' } }, 'document.unknown_document', 'source.documentId'],
      ];
      for (const [over, code, path] of cases) {
        const before = await counts(t);
        const e = await refused(assignTask(ctx, a['thammuu']!, input(over)), code);
        expect(e.issues?.[0]?.path).toBe(path);
        expect(await counts(t)).toEqual(before);
      }
    });

    it('who may assign: staff officers and leaders for units in scope, never unit officers or viewers at top level', async () => {
      const ctx = on('2026-03-01');
      await refused(assignTask(ctx, a['canbo.benthanh']!, input({ assigningUnitId: u['CAX-26743']!, leadUnitId: u['CAX-26743']!, coordinators: [] })), 'forbidden');
      await refused(assignTask(ctx, a['theodoi']!, input({ assigningUnitId: u['UBND-HCM']! })), 'forbidden');
      // Staff officer of city police: CATP in scope, UBND not.
      await refused(assignTask(ctx, a['thammuu']!, input({ assigningUnitId: u['UBND-HCM']! })), 'forbidden');
      const byLeader = await assignTask(ctx, a['lanhdao']!, input({ assigningUnitId: u['TU-HCM-BTV']!, leadUnitId: u['CATP']! }));
      expect(byLeader.assigningUnit.id).toBe(u['TU-HCM-BTV']);
    });

    it('cascades: a unit officer splits a task their unit leads into subtasks for units in scope; deadlines bounded by the parent', async () => {
      const ctx = on('2026-03-01');
      const parent = await assignTask(ctx, a['thammuu']!, input({ leadUnitId: u['CAX-26743']!, coordinators: [{ unitId: u['SO-TP']! }] }));
      const sub = await assignTask(ctx, a['canbo.benthanh']!, input({ title: 'Tổ chức tuyên truyền tại khu phố', source: { kind: 'parent_task', parentId: parent.id }, assigningUnitId: u['CAX-26743']!, leadUnitId: u['CAX-26743']!, coordinators: [], deadlineOn: '2026-05-31' }));
      expect(sub.source).toMatchObject({ kind: 'parent_task', parentId: parent.id });
      const row = await findTaskById(t.db, sub.id, '2026-03-01');
      const parentRow = await findTaskById(t.db, parent.id, '2026-03-01');
      expect(row!.path).toBe(`${parentRow!.path}${sub.id}/`);
      // Inherit the parent's deadline when none is given; never later than it.
      const inherit = await assignTask(ctx, a['canbo.benthanh']!, input({ source: { kind: 'parent_task', parentId: parent.id }, assigningUnitId: u['CAX-26743']!, leadUnitId: u['CAX-26743']!, coordinators: [], deadlineOn: undefined }));
      expect(inherit.deadlineOn).toBe('2026-06-30');
      const before = await counts(t);
      await refused(assignTask(ctx, a['canbo.benthanh']!, input({ source: { kind: 'parent_task', parentId: parent.id }, assigningUnitId: u['CAX-26743']!, leadUnitId: u['CAX-26743']!, coordinators: [], deadlineOn: '2026-07-01' })), 'task.deadline_after_parent');
      // Lead unit outside the officer's scope.
      await refused(assignTask(ctx, a['canbo.benthanh']!, input({ source: { kind: 'parent_task', parentId: parent.id }, assigningUnitId: u['CAX-26743']!, leadUnitId: u['CAX-26740']!, coordinators: [] })), 'forbidden');
      // A task the officer's unit does not lead (it only coordinates it).
      const other = await assignTask(ctx, a['thammuu']!, input());
      await refused(assignTask(ctx, a['canbo.benthanh']!, input({ source: { kind: 'parent_task', parentId: other.id }, assigningUnitId: u['CAX-26743']!, leadUnitId: u['CAX-26743']!, coordinators: [] })), 'forbidden');
      expect((await counts(t)).tasks).toBe(before.tasks + 1);
      const detail = await getTask(ctx, a['thammuu']!, parent.id);
      expect(detail.children.map((c) => c.id).sort()).toEqual([sub.id, inherit.id].sort());
      expect(detail.timeline.filter((e) => e.kind === 'subtask_created')).toHaveLength(2);
    });

    it('a document clause and a conference item are valid sources; a clause of another document is refused', async () => {
      const ctx = on('2026-03-01');
      const doc = await createDocument(ctx, op, { kind: 'ket_luan', system: 'party', numberSymbol: null, issuerName: 'Bộ Chính trị', summary: 'Kết luận thử nghiệm về phối hợp', clauses: [{ label: 'Mục 1', ref: '1', text: 'Tuyên truyền' }, { label: 'Mục 2', ref: '2', text: 'Rà soát' }, { label: 'Mục 3', ref: '3', text: 'Bảo vệ an ninh kinh tế' }] });
      const other = await createDocument(ctx, op, { kind: 'chi_thi', system: 'party', numberSymbol: null, issuerName: 'Bộ Chính trị', summary: 'Chỉ thị khác', clauses: [{ label: 'Mục 1', ref: '1', text: 'Khác' }] });
      const [c1, c2] = doc.clauses;
      const t1 = await assignTask(ctx, a['thammuu']!, input({ source: { kind: 'document_clause', documentId: doc.id, clauseId: c1!.id } }));
      expect(t1.source).toMatchObject({ kind: 'document_clause', documentId: doc.id, clauseId: c1!.id, clauseLabel: 'Mục 1' });
      await assignTask(ctx, a['thammuu']!, input({ source: { kind: 'document_clause', documentId: doc.id, clauseId: c1!.id }, deadlineOn: '2026-03-02' }));
      await assignTask(ctx, a['thammuu']!, input({ source: { kind: 'document', documentId: doc.id } }));
      await refused(assignTask(ctx, a['thammuu']!, input({ source: { kind: 'document_clause', documentId: doc.id, clauseId: other.clauses[0]!.id } })), 'document.unknown_clause');

      const cov = await documentCoverage(ctx, a['thammuu']!, doc.id);
      expect(cov.clauseCount).toBe(3);
      expect(cov.uncoveredCount).toBe(2);
      expect(cov.clauses.map((c) => c.ref)).toEqual(['2', '3', '1']);
      expect(cov.clauses[2]!.taskCount).toBe(2);
      expect(cov.clauses[2]!.counts).toMatchObject({ not_started: 1, due_soon: 1 });
      expect(cov.documentTasks).toHaveLength(1);
      expect(c2).toBeDefined();
      // Coverage counts only what the reader may see.
      expect((await documentCoverage(ctx, a['canbo.saigon']!, doc.id)).clauses.every((c) => c.taskCount === 0)).toBe(true);
      await refused(documentCoverage(ctx, a['thammuu']!, '00000000-0000-4000-8000-000000000000'), 'not_found');
      const byClause = await listTasks(ctx, a['thammuu']!, { limit: 50, offset: 0, clauseId: c1!.id });
      expect(byClause.total).toBe(2);
      expect(byClause.items[0]!.status).toBe('due_soon');
    });
  });

  describe('visibility', () => {
    it('commune officers see their unit’s tasks and those their unit coordinates; others answer 404', async () => {
      const ctx = on('2026-03-01');
      const task = await assignTask(ctx, a['thammuu']!, input());
      expect((await getTask(ctx, a['canbo.benthanh']!, task.id)).id).toBe(task.id);
      await refused(getTask(ctx, a['canbo.saigon']!, task.id), 'not_found');
      expect((await getTask(ctx, a['lanhdao']!, task.id)).abilities.evaluate).toBe(false);
      expect((await getTask(ctx, a['theodoi']!, task.id)).abilities).toMatchObject({ view: true, update: false, report: false, evaluate: false });
    });

    it('secret tasks narrow to the task’s own units, leaders above the lead unit and administrators', async () => {
      const ctx = on('2026-03-01');
      const task = await assignTask(ctx, a['thammuu']!, input({ classification: 'secret', leadUnitId: u['CATP-PA04']!, coordinators: [{ unitId: u['CAX-26743']! }] }));
      expect((await getTask(ctx, a['canbo.benthanh']!, task.id)).classification).toBe('secret'); // own unit coordinates
      // A staff officer of PV01 assigned it on behalf of CATP: the assigner side keeps sight of it (it evaluates it).
      expect((await getTask(ctx, a['thammuu']!, task.id)).abilities).toMatchObject({ view: true, update: true });
      expect((await getTask(ctx, a['lanhdao']!, task.id)).id).toBe(task.id); // leader, lead unit in scope
      expect((await getTask(ctx, a['admin']!, task.id)).id).toBe(task.id);
      await refused(getTask(ctx, a['theodoi']!, task.id), 'not_found'); // viewer with the whole city in scope
      await refused(getTask(ctx, a['canbo.pc02']!, task.id), 'not_found');
    });

    it('the list scope returns exactly the tasks canViewTask allows, for every demo actor', async () => {
      const today = '2026-03-01';
      const all = await listTasks(on(today), a['admin']!, { limit: 200, offset: 0 });
      const rows = await Promise.all(all.items.map((x) => findTaskById(t.db, x.id, today)));
      for (const [name, actor] of Object.entries(a)) {
        const seen = new Set<string>();
        for (let offset = 0; ; offset += 200) {
          const page = await listTasks(on(today), actor, { limit: 200, offset });
          for (const item of page.items) seen.add(item.id);
          if (page.items.length < 200) break;
        }
        for (const r of rows) expect([name, r!.id, seen.has(r!.id)]).toEqual([name, r!.id, canViewTask(actor, accessRecord(r!))]);
      }
    });
  });

  describe('the loop: progress, evaluation, coordination', () => {
    let task: Task;
    beforeAll(async () => {
      task = await assignTask(on('2026-03-01'), a['thammuu']!, input({ leadUnitId: u['CAX-26743']!, coordinators: [{ unitId: u['SO-TP']!, part: 'Cung cấp tài liệu' }] }));
    });

    it('only the lead unit reports; a coordinating unit answers 403; percent changes only through a report', async () => {
      const ctx = on('2026-03-10');
      await refused(submitProgressReport(ctx, a['thammuu.sotp']!, task.id, { version: task.version, percent: 30, note: 'x', evidence: [], submitForEvaluation: false }), 'forbidden');
      await refused(submitProgressReport(ctx, a['canbo.saigon']!, task.id, { version: task.version, percent: 30, note: 'x', evidence: [], submitForEvaluation: false }), 'not_found');
      await refused(submitProgressReport(ctx, a['theodoi']!, task.id, { version: task.version, percent: 30, note: 'x', evidence: [], submitForEvaluation: false }), 'forbidden');
      const before = await counts(t);
      task = await submitProgressReport(ctx, a['canbo.benthanh']!, task.id, {
        version: task.version,
        percent: 40,
        note: 'Đã tổ chức 3 buổi tuyên truyền tại khu phố',
        evidence: [
          { kind: 'text', text: '120 lượt người dân tham dự' },
          { kind: 'link', url: 'https://example.gov.vn/tin-tuc/1' },
          { kind: 'document', documentRef: 'Báo cáo 15/BC-CAP' },
          { kind: 'record', recordType: 'incident', recordId: 'VV-2026-001' },
        ],
        submitForEvaluation: false,
      });
      expect(task.progress).toBe(40);
      expect(task.status).toBe('in_progress');
      const after = await counts(t);
      expect(after.progress_reports - before.progress_reports).toBe(1);
      expect(after.progress_evidence - before.progress_evidence).toBe(4);
      // Editing the task does not touch progress (there is no such field).
      task = await updateTask(ctx, a['thammuu']!, task.id, { version: task.version, priority: 'high' });
      expect(task.progress).toBe(40);
    });

    it('stale version answers 409 and writes nothing; the first edit is kept', async () => {
      const ctx = on('2026-03-11');
      const v = task.version;
      task = await submitProgressReport(ctx, a['canbo.benthanh']!, task.id, { version: v, percent: 50, note: 'Lần 1', evidence: [], submitForEvaluation: false });
      const before = await counts(t);
      await refused(submitProgressReport(ctx, a['canbo.benthanh']!, task.id, { version: v, percent: 60, note: 'Lần 2', evidence: [{ kind: 'text', text: 'x' }], submitForEvaluation: false }), 'stale_version');
      await refused(updateTask(ctx, a['thammuu']!, task.id, { version: v, title: 'Đổi tên' }), 'stale_version');
      expect(await counts(t)).toEqual(before);
      expect((await getTask(ctx, a['thammuu']!, task.id)).progress).toBe(50);
    });

    it('concurrent reports on one version: exactly one wins', async () => {
      const ctx = on('2026-03-12');
      const v = task.version;
      const results = await Promise.allSettled([50, 55].map((p) => submitProgressReport(ctx, a['canbo.benthanh']!, task.id, { version: v, percent: p, note: `Đồng thời ${p}`, evidence: [], submitForEvaluation: false })));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect((rejected.reason as DomainError).code).toBe('stale_version');
      task = (results.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<Task>).value;
    });

    it('a coordinating unit answers once; response time in hours', async () => {
      const ctx: Ctx = { ...on('2026-03-03'), now: () => new Date('2026-03-03T05:00:00Z') };
      await refused(respondToCoordination(ctx, a['canbo.benthanh']!, task.id, u['SO-TP']!, { response: 'x' }), 'forbidden');
      await refused(respondToCoordination(ctx, a['thammuu.sotp']!, task.id, u['CAX-26740']!, { response: 'x' }), 'task.not_coordinator');
      const r = await respondToCoordination(ctx, a['thammuu.sotp']!, task.id, u['SO-TP']!, { response: 'Đã gửi 500 tờ rơi pháp luật' });
      const c = r.coordinators.find((x) => x.unitId === u['SO-TP'])!;
      expect(c.response).toBe('Đã gửi 500 tờ rơi pháp luật');
      expect(c.responseHours).toBe(48);
      await refused(respondToCoordination(ctx, a['thammuu.sotp']!, task.id, u['SO-TP']!, { response: 'lần 2' }), 'task.already_answered');
      task = r;
    });

    it('submission needs 100 %; the assigner returns with a reason and a new deadline; reported again; accepted late', async () => {
      await refused(submitProgressReport(on('2026-06-20'), a['canbo.benthanh']!, task.id, { version: task.version, percent: 90, note: 'x', evidence: [], submitForEvaluation: true }), 'task.submit_requires_full_progress');
      task = await submitProgressReport(on('2026-06-20'), a['canbo.benthanh']!, task.id, { version: task.version, percent: 100, note: 'Hoàn thành', evidence: [], submitForEvaluation: true });
      expect(task.status).toBe('awaiting_evaluation');
      expect(task.submittedOn).toBe('2026-06-20');
      await refused(submitProgressReport(on('2026-06-21'), a['canbo.benthanh']!, task.id, { version: task.version, percent: 100, note: 'x', evidence: [], submitForEvaluation: false }), 'task.invalid_transition');
      // Not the assigner: a coordinating unit's staff officer and the lead unit's officer both see it → 403.
      await refused(evaluateTask(on('2026-06-22'), a['thammuu.sotp']!, task.id, { version: task.version, decision: 'accepted' }), 'forbidden');
      await refused(evaluateTask(on('2026-06-22'), a['canbo.benthanh']!, task.id, { version: task.version, decision: 'accepted' }), 'forbidden');
      await refused(evaluateTask(on('2026-06-22'), a['canbo.saigon']!, task.id, { version: task.version, decision: 'accepted' }), 'not_found');
      await refused(evaluateTask(on('2026-06-22'), a['thammuu']!, task.id, { version: task.version, decision: 'returned', reason: 'Thiếu số liệu', newDeadlineOn: '2026-06-21' }), 'task.new_deadline_in_past');
      task = await evaluateTask(on('2026-06-22'), a['thammuu']!, task.id, { version: task.version, decision: 'returned', reason: 'Thiếu số liệu', newDeadlineOn: '2026-07-15' });
      expect(task.status).toBe('returned');
      expect(task.deadlineOn).toBe('2026-07-15');
      const returnedNote = await t.db.selectFrom('notifications').select(['kind', 'params']).where('task_id', '=', task.id).where('kind', '=', 'task_returned').executeTakeFirstOrThrow();
      expect(returnedNote.params).toEqual({ newDeadlineOn: '2026-07-15' });
      expect(task.abilities).toMatchObject({ evaluate: false, report: true }); // the staff officer's scope contains the lead unit
      task = await submitProgressReport(on('2026-07-01'), a['canbo.benthanh']!, task.id, { version: task.version, percent: 95, note: 'Bổ sung số liệu', evidence: [], submitForEvaluation: false });
      expect(task.state).toBe('open');
      task = await submitProgressReport(on('2026-07-20'), a['canbo.benthanh']!, task.id, { version: task.version, percent: 100, note: 'Đã bổ sung', evidence: [], submitForEvaluation: true });
      task = await evaluateTask(on('2026-07-21'), a['thammuu']!, task.id, { version: task.version, decision: 'accepted', reason: null });
      expect(task.state).toBe('completed');
      expect(task.completedOn).toBe('2026-07-21');
      expect(task.status).toBe('completed_late'); // submitted 20/07 after the corrective deadline 15/07
      await refused(submitProgressReport(on('2026-07-22'), a['canbo.benthanh']!, task.id, { version: task.version, percent: 100, note: 'x', evidence: [], submitForEvaluation: false }), 'task.invalid_transition');
      const detail = await getTask(on('2026-07-22'), a['thammuu']!, task.id);
      const kinds = detail.timeline.map((e) => e.kind);
      expect(kinds[0]).toBe('assigned');
      expect(kinds).toEqual(expect.arrayContaining(['coordination_requested', 'coordination_answered', 'progress', 'submitted', 'returned', 'accepted', 'updated']));
      expect(kinds.indexOf('returned')).toBeLessThan(kinds.lastIndexOf('submitted'));
      expect(detail.timeline.find((e) => e.kind === 'progress' && e.evidence.length === 4)!.evidence.map((e) => e.kind)).toEqual(['text', 'link', 'document', 'record']);
    });

    it('accepted on time when submitted by the deadline', async () => {
      const x = await assignTask(on('2026-03-01'), a['thammuu']!, input({ leadUnitId: u['CAX-26743']!, coordinators: [] }));
      const s = await submitProgressReport(on('2026-06-30'), a['canbo.benthanh']!, x.id, { version: x.version, percent: 100, note: 'Xong', evidence: [], submitForEvaluation: true });
      const done = await evaluateTask(on('2026-07-05'), a['thammuu']!, x.id, { version: s.version, decision: 'accepted' });
      expect(done.status).toBe('completed_on_time');
    });
  });

  describe('cascade roll-up and re-parenting', () => {
    it('weighted progress rolls up through every ancestor on each change; cancelled subtasks drop out', async () => {
      const ctx = on('2026-03-01');
      const root = await assignTask(ctx, a['thammuu']!, input({ leadUnitId: u['CATP-PC02']!, coordinators: [] }));
      const mid = await assignTask(ctx, a['thammuu']!, input({ source: { kind: 'parent_task', parentId: root.id }, leadUnitId: u['CAX-26743']!, coordinators: [], weight: 1 }));
      const leafA = await assignTask(ctx, a['canbo.benthanh']!, input({ source: { kind: 'parent_task', parentId: mid.id }, assigningUnitId: u['CAX-26743']!, leadUnitId: u['CAX-26743']!, coordinators: [], weight: 1 }));
      const leafB = await assignTask(ctx, a['canbo.benthanh']!, input({ source: { kind: 'parent_task', parentId: mid.id }, assigningUnitId: u['CAX-26743']!, leadUnitId: u['CAX-26743']!, coordinators: [], weight: 3 }));
      const progress = async (id: string) => (await getTask(ctx, a['admin']!, id)).progress;
      await submitProgressReport(ctx, a['canbo.benthanh']!, leafA.id, { version: leafA.version, percent: 40, note: 'A', evidence: [], submitForEvaluation: false });
      expect(await progress(mid.id)).toBe(10); // (40·1 + 0·3) / 4
      expect(await progress(root.id)).toBe(10);
      const b = await submitProgressReport(ctx, a['canbo.benthanh']!, leafB.id, { version: leafB.version, percent: 100, note: 'B', evidence: [], submitForEvaluation: true });
      expect(await progress(mid.id)).toBe(85); // (40 + 300) / 4
      // A report on a parent records its note but does not override the roll-up.
      const m = await getTask(ctx, a['admin']!, mid.id);
      await submitProgressReport(ctx, a['canbo.benthanh']!, mid.id, { version: m.version, percent: 20, note: 'Tổng hợp', evidence: [], submitForEvaluation: false });
      expect(await progress(mid.id)).toBe(85);
      const la = await getTask(ctx, a['admin']!, leafA.id);
      await changeTaskLifecycle(ctx, a['canbo.benthanh']!, leafA.id, { version: la.version, action: 'cancel', reason: 'Gộp vào nhiệm vụ B' });
      expect(await progress(mid.id)).toBe(100);
      expect(await progress(root.id)).toBe(100);
      expect(b.status).toBe('awaiting_evaluation');
    });

    it('re-parenting under its own subtree is refused (task.cycle); a valid move re-roots the subtree', async () => {
      const ctx = on('2026-03-01');
      const p = await assignTask(ctx, a['thammuu']!, input({ coordinators: [] }));
      const c = await assignTask(ctx, a['thammuu']!, input({ source: { kind: 'parent_task', parentId: p.id }, coordinators: [] }));
      const g = await assignTask(ctx, a['thammuu']!, input({ source: { kind: 'parent_task', parentId: c.id }, coordinators: [] }));
      const before = await counts(t);
      await refused(updateTask(ctx, a['thammuu']!, p.id, { version: p.version, parentId: g.id }), 'task.cycle');
      await refused(updateTask(ctx, a['thammuu']!, p.id, { version: p.version, parentId: p.id }), 'task.cycle');
      expect(await counts(t)).toEqual(before);
      const q = await assignTask(ctx, a['thammuu']!, input({ coordinators: [], deadlineOn: '2026-12-31' }));
      const cNow = await getTask(ctx, a['thammuu']!, c.id);
      const moved = await updateTask(ctx, a['thammuu']!, c.id, { version: cNow.version, parentId: q.id });
      expect(moved.source.parentId).toBe(q.id);
      const qRow = await findTaskById(t.db, q.id, '2026-03-01');
      expect((await findTaskById(t.db, g.id, '2026-03-01'))!.path).toBe(`${qRow!.path}${c.id}/${g.id}/`);
      // A parent's deadline may not move before a subtask's.
      const qNow = await getTask(ctx, a['thammuu']!, q.id);
      await refused(updateTask(ctx, a['thammuu']!, q.id, { version: qNow.version, deadlineOn: '2026-04-01' }), 'task.deadline_before_subtask');
      await refused(updateTask(ctx, a['thammuu']!, c.id, { version: moved.version, deadlineOn: '2027-01-31' }), 'task.deadline_after_parent');
    });

    it('coordinators can be added and removed; the lead unit and duplicates are refused', async () => {
      const ctx = on('2026-03-01');
      const x = await assignTask(ctx, a['thammuu']!, input());
      await refused(updateTask(ctx, a['thammuu']!, x.id, { version: x.version, addCoordinators: [{ unitId: u['CATP-PC02']! }] }), 'task.lead_is_coordinator');
      await refused(updateTask(ctx, a['thammuu']!, x.id, { version: x.version, addCoordinators: [{ unitId: u['SO-TP']! }] }), 'task.duplicate_coordinator');
      const y = await updateTask(ctx, a['thammuu']!, x.id, { version: x.version, addCoordinators: [{ unitId: u['DTN-HCM']!, part: 'Huy động đoàn viên' }], removeCoordinatorUnitIds: [u['SO-TP']!] });
      expect(y.coordinators.map((c) => c.unitId).sort()).toEqual([u['CAX-26743'], u['DTN-HCM']].sort());
      await refused(updateTask(ctx, a['canbo.benthanh']!, x.id, { version: y.version, title: 'x' }), 'forbidden');
    });

    it('an edit that moves the deadline shows the new deadline in the timeline', async () => {
      const ctx = on('2026-03-01');
      const x = await assignTask(ctx, a['thammuu']!, input());
      await updateTask(ctx, a['thammuu']!, x.id, { version: x.version, priority: 'high' });
      const again = await getTask(ctx, a['thammuu']!, x.id);
      await updateTask(ctx, a['thammuu']!, x.id, { version: again.version, deadlineOn: '2026-05-31' });
      const updates = (await getTask(ctx, a['thammuu']!, x.id)).timeline.filter((e) => e.kind === 'updated');
      expect(updates.map((e) => e.newDeadlineOn)).toEqual([null, '2026-05-31']);
    });
  });

  describe('lifecycle', () => {
    it('pause restores the previous state on resume; paused tasks refuse reports; cancel by the assigner only', async () => {
      const ctx = on('2026-03-05');
      let x = await assignTask(ctx, a['thammuu']!, input({ leadUnitId: u['CAX-26743']!, coordinators: [] }));
      x = await submitProgressReport(ctx, a['canbo.benthanh']!, x.id, { version: x.version, percent: 100, note: 'Xong', evidence: [], submitForEvaluation: true });
      await refused(changeTaskLifecycle(ctx, a['canbo.benthanh']!, x.id, { version: x.version, action: 'pause', reason: 'x' }), 'forbidden');
      x = await changeTaskLifecycle(ctx, a['thammuu']!, x.id, { version: x.version, action: 'pause', reason: 'Chờ chỉ đạo' });
      expect(x.status).toBe('paused');
      await refused(submitProgressReport(ctx, a['canbo.benthanh']!, x.id, { version: x.version, percent: 100, note: 'x', evidence: [], submitForEvaluation: false }), 'task.invalid_transition');
      await refused(changeTaskLifecycle(ctx, a['thammuu']!, x.id, { version: x.version, action: 'pause', reason: 'x' }), 'task.invalid_transition');
      x = await changeTaskLifecycle(ctx, a['thammuu']!, x.id, { version: x.version, action: 'resume', reason: 'Tiếp tục' });
      expect(x.state).toBe('submitted');
      x = await changeTaskLifecycle(ctx, a['thammuu']!, x.id, { version: x.version, action: 'cancel', reason: 'Không còn phù hợp' });
      expect(x.status).toBe('cancelled');
      await refused(changeTaskLifecycle(ctx, a['thammuu']!, x.id, { version: x.version, action: 'resume', reason: 'x' }), 'task.invalid_transition');
      const kinds = (await getTask(ctx, a['thammuu']!, x.id)).timeline.map((e) => e.kind);
      expect(kinds).toEqual(expect.arrayContaining(['paused', 'resumed', 'cancelled']));
    });

    it('recurring duties are due at the end of each period; a report moves the next due date', async () => {
      let x = await assignTask(on('2026-04-10'), a['thammuu']!, input({ leadUnitId: u['CAX-26743']!, coordinators: [], recurrence: 'monthly', deadlineOn: '2026-12-31', assignedOn: '2026-04-10' }));
      expect(x.nextReportDueOn).toBe('2026-04-30');
      expect((await getTask(on('2026-04-27'), a['thammuu']!, x.id)).status).toBe('due_soon');
      expect((await getTask(on('2026-05-01'), a['thammuu']!, x.id)).status).toBe('overdue');
      x = await submitProgressReport(on('2026-05-02'), a['canbo.benthanh']!, x.id, { version: x.version, percent: 10, note: 'Báo cáo tháng 4', evidence: [], submitForEvaluation: false });
      expect(x.nextReportDueOn).toBe('2026-06-30');
      expect(x.status).toBe('in_progress');
    });
  });

  describe('queries', () => {
    it('“Việc của tôi”: to do, to evaluate, coordination requests, overdue', async () => {
      const ctx = on('2026-03-01');
      const lead = await assignTask(ctx, a['thammuu']!, input({ title: 'Việc chủ trì của Bến Thành', leadUnitId: u['CAX-26743']!, coordinators: [], deadlineOn: '2026-03-05' }));
      const coord = await assignTask(ctx, a['thammuu']!, input({ title: 'Việc phối hợp của Bến Thành', leadUnitId: u['CATP-PC02']!, coordinators: [{ unitId: u['CAX-26743']! }] }));
      const sub = await submitProgressReport(ctx, a['canbo.benthanh']!, lead.id, { version: lead.version, percent: 10, note: 'Bắt đầu', evidence: [], submitForEvaluation: false });
      const w = await myWork(on('2026-03-10'), a['canbo.benthanh']!);
      expect(w.toDo.map((x) => x.id)).toContain(lead.id);
      expect(w.coordinationRequests.map((x) => x.id)).toContain(coord.id);
      expect(w.overdue.map((x) => x.id)).toContain(lead.id);
      expect(w.overdue.every((x) => x.status === 'overdue')).toBe(true);
      expect(w.toDo.every((x) => x.leadUnit.id === u['CAX-26743'])).toBe(true);
      const sent = await submitProgressReport(on('2026-03-10'), a['canbo.benthanh']!, lead.id, { version: sub.version, percent: 100, note: 'Xong', evidence: [], submitForEvaluation: true });
      const boss = await myWork(on('2026-03-10'), a['thammuu']!);
      expect(boss.toEvaluate).toEqual([]); // CATP assigned it, the staff officer's unit is PV01
      const catpUser = await makeUser(t.ctx, { unitId: u['CATP']!, roles: ['leader'] });
      const catp = await actorFor(t.ctx, catpUser.username);
      expect((await myWork(on('2026-03-10'), catp)).toEvaluate.map((x) => x.id)).toContain(sent.id);
      expect(await myWork(ctx, op)).toEqual({ toDo: [], toEvaluate: [], coordinationRequests: [], overdue: [] });
    });

    it('filters: unit + role, statuses, deadline range, accent-insensitive text; sorted by urgency', async () => {
      const ctx = on('2026-03-01');
      const x = await assignTask(ctx, a['thammuu']!, input({ title: 'Truy nã tội phạm nguy hiểm đợt cao điểm', leadUnitId: u['CATP-PA04']!, coordinators: [{ unitId: u['DTN-HCM']! }], deadlineOn: '2026-03-02' }));
      const page = { limit: 200, offset: 0 };
      for (const q of ['truy na toi pham', 'TRUY NÃ', x.code, x.code.toLowerCase()]) expect((await listTasks(ctx, a['thammuu']!, { ...page, q })).items.map((i) => i.id)).toContain(x.id);
      expect((await listTasks(ctx, a['thammuu']!, { ...page, q: '%' })).total).toBe(0);
      expect((await listTasks(ctx, a['thammuu']!, { ...page, unitId: u['DTN-HCM']!, unitRole: 'coordinating' })).items.map((i) => i.id)).toContain(x.id);
      expect((await listTasks(ctx, a['thammuu']!, { ...page, unitId: u['DTN-HCM']!, unitRole: 'lead' })).items.map((i) => i.id)).not.toContain(x.id);
      const overdue = await listTasks(on('2026-03-03'), a['thammuu']!, { ...page, status: ['overdue'], unitId: u['CATP-PA04']!, unitRole: 'lead' });
      expect(overdue.items.map((i) => i.id)).toContain(x.id);
      expect(overdue.items.every((i) => i.status === 'overdue')).toBe(true);
      expect((await listTasks(ctx, a['thammuu']!, { ...page, deadlineFrom: '2026-03-02', deadlineTo: '2026-03-02' })).items.every((i) => i.deadlineOn === '2026-03-02')).toBe(true);
      const all = await listTasks(on('2026-03-03'), a['admin']!, page);
      const rank = (s: string) => ['overdue', 'due_soon', 'returned', 'in_progress|not_started', 'awaiting_evaluation', 'paused'].findIndex((k) => k.split('|').includes(s));
      const ranks = all.items.map((i) => (rank(i.status) === -1 ? 6 : rank(i.status)));
      expect(ranks).toEqual([...ranks].sort((p, q) => p - q));
    });

    it('status counts per unit subtree agree with the list', async () => {
      const ctx = on('2026-03-20');
      const c = await statusCounts(ctx, a['admin']!, { unitId: u['CATP']! });
      expect(c.asOf).toBe('2026-03-20');
      const list = await listTasks(ctx, a['admin']!, { limit: 200, offset: 0 });
      const catpPath = (await t.db.selectFrom('units').select('path').where('id', '=', u['CATP']!).executeTakeFirstOrThrow()).path;
      const ledHere = [];
      for (const i of list.items) {
        const lp = (await t.db.selectFrom('units').select('path').where('id', '=', i.leadUnit.id).executeTakeFirstOrThrow()).path;
        if (lp.startsWith(catpPath)) ledHere.push(i);
      }
      if (list.total <= 200) {
        expect(c.total).toBe(ledHere.length);
        for (const s of Object.keys(c.counts)) expect([s, c.counts[s as keyof typeof c.counts]]).toEqual([s, ledHere.filter((i) => i.status === s).length]);
      }
      const other = await statusCounts(on('2020-01-01'), a['canbo.saigon']!, { unitId: u['CATP']!, asOf: '2020-01-01' });
      expect(other.asOf).toBe('2020-01-01');
      await refused(statusCounts(ctx, a['admin']!, { unitId: '00000000-0000-4000-8000-000000000000' }), 'task.unknown_unit');
    });

    it('exports a real XLSX with Vietnamese headers, dd/mm/yyyy dates and a title row stating the filters and date', async () => {
      const ctx = on('2026-03-03');
      const x = await assignTask(ctx, a['thammuu']!, input({ title: 'Bảo vệ an ninh kinh tế tại khu công nghiệp Hiệp Phước', leadUnitId: u['CATP-PA04']!, deadlineOn: '2026-09-30', assignedOn: '2026-03-03' }));
      const out = await exportTasks(ctx, a['thammuu']!, { q: 'khu cong nghiep hiep phuoc', unitId: u['CATP-PA04']!, unitRole: 'lead' });
      expect(out.filename).toBe('nhiem-vu-2026-03-03.xlsx');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(out.bytes as unknown as ArrayBuffer);
      const ws = wb.getWorksheet('Nhiệm vụ')!;
      expect(ws.getCell(1, 1).value).toBe('DANH SÁCH NHIỆM VỤ');
      const sub = String(ws.getCell(2, 1).value);
      expect(sub).toContain('Tính đến ngày 03/03/2026');
      expect(sub).toContain('Phòng An ninh kinh tế');
      expect(sub).toContain('khu cong nghiep hiep phuoc');
      expect((ws.getRow(3).values as unknown[]).slice(1)).toEqual([...EXPORT_HEADERS]);
      const row = ws.getRow(4);
      expect(row.getCell(2).value).toBe(x.code);
      expect(row.getCell(3).value).toBe('Bảo vệ an ninh kinh tế tại khu công nghiệp Hiệp Phước');
      expect(row.getCell(6).value).toBe('Phòng An ninh kinh tế');
      expect(row.getCell(8).value).toEqual(new Date('2026-03-03T00:00:00Z'));
      expect(row.getCell(8).numFmt).toBe('dd/mm/yyyy');
      expect(row.getCell(9).value).toEqual(new Date('2026-09-30T00:00:00Z'));
      expect(row.getCell(10).value).toBe('Chưa thực hiện');
      expect(out.count).toBe(1);
    });
  });
});
