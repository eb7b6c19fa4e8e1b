import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreateTaskInput } from '../../src/contracts/tasks.ts';
import type { Actor } from '../../src/server/kernel/actor.ts';
import { operatorActor } from '../../src/server/kernel/actor.ts';
import type { Ctx } from '../../src/server/kernel/context.ts';
import { DomainError } from '../../src/server/kernel/errors.ts';
import { createConference, getConference } from '../../src/server/modules/conferences/conference.service.ts';
import { createDocument } from '../../src/server/modules/documents/document.service.ts';
import { downloadFile, uploadFile } from '../../src/server/modules/files/file.service.ts';
import { assignTask } from '../../src/server/modules/tasks/task.service.ts';
import { submitProgressReport } from '../../src/server/modules/tasks/task-progress.service.ts';
import { exportTasks, getTask, listTasks } from '../../src/server/modules/tasks/task-queries.service.ts';
import { actorFor, makeUser } from '../../src/server/seed/factories.ts';
import { backends, DEMO_PASSWORD, openTestDb, unitIdByCode, type TestDb } from '../support/db.ts';

/**
 * Secret (mật) records must not leak through records that reference them: subtasks under a visible
 * task, a document named as a task's source, evidence files, conference conclusions; and ids in
 * bodies (conference items) must name records the actor can see.
 */
const op = operatorActor('test');
const PDF = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n');

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

describe.each(backends())('secret records through references [%s]', (backend) => {
  let t: TestDb;
  const u: Record<string, string> = {};
  const a: Record<string, Actor> = {};
  const on = (day: string): Ctx => ({ ...t.ctx, today: () => day, now: () => new Date(`${day}T05:00:00Z`) });

  beforeAll(async () => {
    t = await openTestDb(backend);
    for (const code of ['HCM', 'CATP', 'CATP-PV01', 'CATP-PC02', 'CATP-PA04', 'SO-TP']) u[code] = await unitIdByCode(t.db, code);
    for (const name of ['admin', 'thammuu', 'theodoi']) a[name] = await actorFor(t.ctx, name, DEMO_PASSWORD);
    await makeUser(t.ctx, { username: 'leak.pc02', unitId: u['CATP-PC02']!, roles: ['unit_officer'] });
    await makeUser(t.ctx, { username: 'leak.sotp', unitId: u['SO-TP']!, roles: ['staff_officer'] });
    // A viewer of Phòng Tham mưu (scope: own unit), where the staff officer who uploads works.
    await makeUser(t.ctx, { username: 'leak.pv01', unitId: u['CATP-PV01']!, roles: ['viewer'] });
    a['leak.pc02'] = await actorFor(t.ctx, 'leak.pc02');
    a['leak.pv01'] = await actorFor(t.ctx, 'leak.pv01');
    a['leak.sotp'] = await actorFor(t.ctx, 'leak.sotp');
  });
  afterAll(async () => t?.close());

  const input = (over: Partial<CreateTaskInput> = {}): CreateTaskInput => ({
    title: 'Nhiệm vụ thường',
    description: null,
    source: { kind: 'none' },
    assigningUnitId: u['CATP']!,
    leadUnitId: u['CATP-PC02']!,
    coordinators: [],
    assignedOn: '2026-03-01',
    deadlineOn: '2026-06-30',
    recurrence: 'none',
    priority: 'normal',
    classification: 'normal',
    weight: 1,
    ...over,
  });

  it('a secret subtask is neither listed among the children of a visible parent nor named in its timeline', async () => {
    const ctx = on('2026-03-01');
    const parent = await assignTask(ctx, a['thammuu']!, input());
    const child = await assignTask(ctx, a['thammuu']!, input({ title: 'Chuyên án mật XK-17', classification: 'secret', leadUnitId: u['CATP-PA04']!, source: { kind: 'parent_task', parentId: parent.id } }));
    // The viewer (scope: the whole city) sees the parent but not the secret subtask.
    await refused(getTask(ctx, a['theodoi']!, child.id), 'not_found');
    const seen = await getTask(ctx, a['theodoi']!, parent.id);
    expect(seen.children.map((c) => c.id)).not.toContain(child.id);
    expect(JSON.stringify(seen.timeline)).not.toContain('XK-17');
    // Whoever can see it still finds it under its parent.
    const own = await getTask(ctx, a['thammuu']!, parent.id);
    expect(own.children.map((c) => c.id)).toContain(child.id);
    expect(JSON.stringify(own.timeline)).toContain('XK-17');
  });

  it('a task does not name a secret source document (symbol, summary, clause) to users who cannot see the document', async () => {
    const ctx = on('2026-03-01');
    const doc = await createDocument(ctx, a['thammuu']!, {
      kind: 'ke_hoach',
      system: 'party',
      numberSymbol: null,
      issuerName: 'Công an Thành phố',
      summary: 'Kế hoạch mật đấu tranh chuyên án BX-9',
      classification: 'secret',
      ownerUnitId: u['CATP-PA04']!,
      clauses: [{ label: 'Mục 1 — lực lượng BX-9', ref: '1', text: 'Bố trí lực lượng' }],
    });
    // Sở Tư pháp coordinates the (normal) task, so its staff officer sees the task but not the secret document.
    const task = await assignTask(ctx, a['thammuu']!, input({ title: 'Rà soát địa bàn', coordinators: [{ unitId: u['SO-TP']! }], source: { kind: 'document_clause', documentId: doc.id, clauseId: doc.clauses[0]!.id } }));
    expect((await getTask(ctx, a['thammuu']!, task.id)).source).toMatchObject({ documentLabel: 'Kế hoạch mật đấu tranh chuyên án BX-9', clauseLabel: 'Mục 1 — lực lượng BX-9' });
    const viewer = a['leak.sotp']!;
    const seen = await getTask(ctx, viewer, task.id);
    expect(seen.source.documentLabel).toBeNull();
    expect(seen.source.clauseLabel).toBeNull();
    const listed = (await listTasks(ctx, viewer, { limit: 200, offset: 0, q: 'ra soat dia ban' })).items.find((x) => x.id === task.id)!;
    expect(JSON.stringify(listed)).not.toContain('BX-9');
    const x = await exportTasks(ctx, viewer, { q: 'ra soat dia ban' });
    expect(x.count).toBeGreaterThan(0);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.bytes as unknown as ArrayBuffer);
    const cells: string[] = [];
    wb.eachSheet((s) => s.eachRow((r) => r.eachCell((c) => void cells.push(String(c.value)))));
    expect(cells.join(' ')).not.toContain('BX-9');
  });

  it('a task cannot be created from a conclusion item of a conference the actor cannot see', async () => {
    const ctx = on('2026-03-01');
    const conf = await createConference(ctx, a['admin']!, {
      kind: 'giao_ban',
      title: 'Giao ban nội bộ Công an Thành phố',
      heldOn: '2026-02-20',
      hostUnitId: u['CATP']!,
      chairs: [],
      units: [{ unitId: u['CATP-PC02']!, role: 'participant' }],
      documentIds: [],
      items: [{ text: 'Kết luận nội bộ' }],
    });
    // A staff officer of Sở Tư pháp (scope: own unit) cannot see the conference…
    await refused(getConference(ctx, a['leak.sotp']!, conf.id), 'not_found');
    // …so cannot cite its conclusion either.
    await refused(
      assignTask(ctx, a['leak.sotp']!, input({ assigningUnitId: u['SO-TP']!, leadUnitId: u['SO-TP']!, source: { kind: 'conference_item', conferenceItemId: conf.items[0]!.id } })),
      'task.unknown_source',
    );
    // The host side can.
    const ok = await assignTask(ctx, a['thammuu']!, input({ source: { kind: 'conference_item', conferenceItemId: conf.items[0]!.id } }));
    expect(ok.source.conferenceId).toBe(conf.id);
  });

  it('evidence of a secret task is downloadable only by those who can see the task', async () => {
    const ctx = on('2026-03-01');
    const task = await assignTask(ctx, a['thammuu']!, input({ title: 'Xác minh đối tượng mật', classification: 'secret' }));
    const file = await uploadFile(ctx, a['leak.pc02']!, { filename: 'bien-ban.pdf', bytes: PDF });
    await submitProgressReport(ctx, a['leak.pc02']!, task.id, { version: task.version, percent: 50, note: 'Đã xác minh', evidence: [{ kind: 'file', fileId: file.id }], submitForEvaluation: false });
    // The city-wide viewer cannot see the secret task, so cannot fetch its evidence.
    await refused(getTask(ctx, a['theodoi']!, task.id), 'not_found');
    await refused(downloadFile(ctx, a['theodoi']!, file.id), 'not_found');
    // The uploader, the assigner side and administrators can.
    for (const who of [a['leak.pc02']!, a['thammuu']!, op]) expect((await downloadFile(ctx, who, file.id)).bytes.equals(PDF)).toBe(true);
  });

  it('an attachment of a secret document is downloadable only by those who can see the document', async () => {
    const ctx = on('2026-03-01');
    const file = await uploadFile(ctx, a['thammuu']!, { filename: 'ke-hoach-mat.pdf', bytes: PDF });
    await createDocument(ctx, a['thammuu']!, { kind: 'ke_hoach', system: 'party', numberSymbol: null, issuerName: 'Công an Thành phố', summary: 'Kế hoạch mật có đính kèm', classification: 'secret', ownerUnitId: u['CATP-PA04']!, fileIds: [file.id] });
    // The uploader's unit is in this viewer's scope, but the secret document is not.
    await refused(downloadFile(ctx, a['leak.pv01']!, file.id), 'not_found');
    expect((await downloadFile(ctx, a['thammuu']!, file.id)).bytes.equals(PDF)).toBe(true);
  });

  it('a conference conclusion does not name a secret document or clause the reader cannot see', async () => {
    const ctx = on('2026-03-01');
    const doc = await createDocument(ctx, a['thammuu']!, {
      kind: 'ke_hoach',
      system: 'state',
      numberSymbol: '77/KH-CATP',
      issuedOn: '2026-01-05',
      issuerName: 'Công an Thành phố',
      summary: 'Kế hoạch mật KT-5',
      classification: 'secret',
      ownerUnitId: u['CATP-PA04']!,
      clauses: [{ label: 'Mục 1', ref: '1', text: 'Bố trí' }],
    });
    const conf = await createConference(ctx, a['thammuu']!, {
      kind: 'giao_ban',
      title: 'Giao ban có kết luận theo kế hoạch mật',
      heldOn: '2026-02-21',
      hostUnitId: u['CATP']!,
      chairs: [],
      units: [{ unitId: u['SO-TP']!, role: 'participant' }],
      documentIds: [],
      items: [{ text: 'Triển khai theo kế hoạch', documentId: doc.id, clauseId: doc.clauses[0]!.id }],
    });
    const seen = await getConference(ctx, a['leak.sotp']!, conf.id);
    expect(JSON.stringify(seen)).not.toContain('77/KH-CATP');
    expect(seen.items[0]).toMatchObject({ documentSymbol: null, clauseRef: null });
    expect((await getConference(ctx, a['thammuu']!, conf.id)).items[0]).toMatchObject({ documentId: doc.id, documentSymbol: '77/KH-CATP', clauseRef: '1' });
    // A clause cited without its document must still belong to a document the actor can see.
    await refused(
      createConference(ctx, a['leak.sotp']!, { kind: 'giao_ban', title: 'x', heldOn: '2026-02-22', hostUnitId: u['SO-TP']!, chairs: [], units: [], documentIds: [], items: [{ text: 'y', clauseId: doc.clauses[0]!.id }] }),
      'document.unknown_clause',
    );
  });
});
