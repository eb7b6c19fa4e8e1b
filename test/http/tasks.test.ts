import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { makeUser, TEST_PASSWORD } from '../../src/server/seed/factories.ts';
import { backends, countRows, loginAs, testApp, unitIdByCode, type Session, type TestApp } from '../support/db.ts';

const MISSING = '00000000-0000-4000-8000-000000000000';
const WRITE_TABLES = ['tasks', 'task_coordinators', 'progress_reports', 'progress_evidence', 'task_evaluations', 'task_events'] as const;

interface TaskBody {
  id: string;
  version: number;
  status: string;
  state: string;
  progress: number;
  abilities: Record<string, boolean>;
  coordinators: { unitId: string; respondedAt: string | null; responseHours: number | null }[];
}

describe.each(backends())('HTTP tasks [%s]', (backend) => {
  let t: TestApp;
  let admin: Session;
  let benthanh: Session;
  let saigon: Session;
  let thammuu: Session;
  let viewer: Session;
  let sotp: Session;
  const u: Record<string, string> = {};

  const get = (url: string, s?: Session) => t.app.inject({ method: 'GET', url, headers: s?.read ?? {} });
  const send = (method: 'POST' | 'PATCH', url: string, payload: unknown, s?: Session) => t.app.inject({ method, url, payload: payload as object, headers: s?.write ?? {} });
  const counts = async () => {
    const out: Record<string, number> = {};
    for (const x of WRITE_TABLES) out[x] = await countRows(t.db, x);
    return out;
  };
  const body = (over: Record<string, unknown> = {}) => ({
    title: 'Tuyên truyền phòng, chống tội phạm tại phường Bến Thành',
    source: { kind: 'none' },
    assigningUnitId: u['CATP'],
    leadUnitId: u['CAX-26743'],
    coordinators: [{ unitId: u['SO-TP'], part: 'Phổ biến pháp luật' }],
    deadlineOn: '2099-12-31',
    ...over,
  });
  const create = async (over: Record<string, unknown> = {}): Promise<TaskBody> => {
    const r = await send('POST', '/api/tasks', body(over), thammuu);
    expect(r.statusCode, r.body).toBe(201);
    return r.json() as TaskBody;
  };
  const issuePaths = (r: { json: () => unknown }) => ((r.json() as { error: { issues?: { path: string }[] } }).error.issues ?? []).map((i) => i.path);
  const code = (r: { json: () => unknown }) => (r.json() as { error: { code: string } }).error.code;

  beforeAll(async () => {
    t = await testApp(backend);
    for (const c of ['CATP', 'CAX-26743', 'CAX-26740', 'SO-TP', 'CATP-PC02']) u[c] = await unitIdByCode(t.db, c);
    await makeUser(t.ctx, { username: 'http.sotp', unitId: u['SO-TP']!, roles: ['staff_officer'] });
    [admin, benthanh, saigon, thammuu, viewer, sotp] = await Promise.all([
      loginAs(t.app, 'admin'),
      loginAs(t.app, 'canbo.benthanh'),
      loginAs(t.app, 'canbo.saigon'),
      loginAs(t.app, 'thammuu'),
      loginAs(t.app, 'theodoi'),
      loginAs(t.app, 'http.sotp', TEST_PASSWORD),
    ]);
  });
  afterAll(async () => t?.close());

  it('every task route answers 401 without a session', async () => {
    for (const url of ['/api/tasks', '/api/tasks/export.xlsx', `/api/tasks/status-counts?unitId=${MISSING}`, '/api/me/work', `/api/documents/${MISSING}/coverage`, `/api/tasks/${MISSING}`])
      expect((await get(url)).statusCode, url).toBe(401);
    for (const [m, url] of [
      ['POST', '/api/tasks'],
      ['PATCH', `/api/tasks/${MISSING}`],
      ['POST', `/api/tasks/${MISSING}/reports`],
      ['POST', `/api/tasks/${MISSING}/evaluations`],
      ['POST', `/api/tasks/${MISSING}/coordination/${MISSING}/response`],
      ['POST', `/api/tasks/${MISSING}/lifecycle`],
    ] as const)
      expect((await send(m, url, {})).statusCode, url).toBe(401);
  });

  it('the routes are in the OpenAPI document', async () => {
    const doc = (await get('/api/openapi.json')).json() as { paths: Record<string, Record<string, unknown>> };
    for (const [p, m] of [
      ['/api/tasks', 'get'], ['/api/tasks', 'post'], ['/api/tasks/export.xlsx', 'get'], ['/api/tasks/status-counts', 'get'], ['/api/me/work', 'get'],
      ['/api/documents/{id}/coverage', 'get'], ['/api/tasks/{id}', 'get'], ['/api/tasks/{id}', 'patch'], ['/api/tasks/{id}/reports', 'post'],
      ['/api/tasks/{id}/evaluations', 'post'], ['/api/tasks/{id}/coordination/{unitId}/response', 'post'], ['/api/tasks/{id}/lifecycle', 'post'],
    ] as const)
      expect(doc.paths[p]?.[m], `${m} ${p}`).toBeTruthy();
  });

  describe('POST /api/tasks', () => {
    it('400 per field, nothing written', async () => {
      const before = await counts();
      const cases: [Record<string, unknown>, string][] = [
        [{ title: '' }, 'body.title'],
        [{ deadlineOn: '2026-02-31' }, 'body.deadlineOn'],
        [{ leadUnitId: 'not-a-uuid' }, 'body.leadUnitId'],
        [{ source: { kind: 'bogus' } }, 'body.source.kind'],
        [{ priority: 'very' }, 'body.priority'],
        [{ coordinators: [{ unitId: u['SO-TP'], extra: 1 }] }, 'body.coordinators.0'],
        [{ weight: 0 }, 'body.weight'],
      ];
      for (const [over, path] of cases) {
        const r = await send('POST', '/api/tasks', body(over), thammuu);
        expect(r.statusCode, JSON.stringify(over)).toBe(400);
        expect(code(r)).toBe('validation_failed');
        expect(issuePaths(r).some((p) => p.startsWith(path)), `${path} in ${issuePaths(r).join(',')}`).toBe(true);
      }
      expect(await counts()).toEqual(before);
    });

    it('coded refusals: deadline before the assignment, lead = coordinator, duplicate coordinator, unknown parent; 403 for a commune officer at top level', async () => {
      const before = await counts();
      const cases: [Record<string, unknown>, number, string][] = [
        [{ assignedOn: '2026-05-10', deadlineOn: '2026-05-09' }, 422, 'task.deadline_before_assignment'],
        [{ coordinators: [{ unitId: u['CAX-26743'] }] }, 422, 'task.lead_is_coordinator'],
        [{ coordinators: [{ unitId: u['SO-TP'] }, { unitId: u['SO-TP'] }] }, 422, 'task.duplicate_coordinator'],
        [{ source: { kind: 'parent_task', parentId: MISSING } }, 422, 'task.unknown_source'],
      ];
      for (const [over, status, c] of cases) {
        const r = await send('POST', '/api/tasks', body(over), thammuu);
        expect([r.statusCode, code(r)]).toEqual([status, c]);
      }
      const r = await send('POST', '/api/tasks', body({ assigningUnitId: u['CAX-26743'] }), benthanh);
      expect([r.statusCode, code(r)]).toEqual([403, 'forbidden']);
      expect(await counts()).toEqual(before);
    });

    it('201 with abilities', async () => {
      const t1 = await create();
      expect(t1.status).toBe('not_started');
      expect(t1.abilities).toMatchObject({ view: true, update: true, cancel: true, evaluate: false });
    });
  });

  describe('reading', () => {
    it('GET /api/tasks: filters, several statuses, abilities; 400 on bad filters', async () => {
      const r = await get(`/api/tasks?unitId=${u['CAX-26743']}&unitRole=lead&status=overdue&status=in_progress&limit=10`, benthanh);
      expect(r.statusCode).toBe(200);
      const page = r.json() as { total: number; items: TaskBody[] };
      expect(page.items.length).toBeGreaterThan(0);
      expect(page.items.every((i) => ['overdue', 'in_progress'].includes(i.status) && i.abilities.view)).toBe(true);
      for (const q of ['status=bogus', 'limit=0', 'unitId=nope', 'deadlineFrom=2026-02-31', 'unitRole=boss']) expect((await get(`/api/tasks?${q}`, benthanh)).statusCode, q).toBe(400);
    });

    it('GET /api/tasks/:id: 400 bad id, 404 missing, 404 outside scope (audited), 200 with the timeline', async () => {
      const x = await create({ coordinators: [] });
      expect((await get('/api/tasks/nope', benthanh)).statusCode).toBe(400);
      expect((await get(`/api/tasks/${MISSING}`, benthanh)).statusCode).toBe(404);
      const hidden = await get(`/api/tasks/${x.id}`, saigon);
      expect(hidden.statusCode).toBe(404);
      expect(hidden.json()).toEqual({ error: { code: 'not_found', params: { entity: 'task', id: x.id } } }); // the same answer as a task that does not exist
      const denied = await t.db.selectFrom('audit_log').select('entity_id').where('action', '=', 'access.denied').where('actor_user_id', '=', saigon.userId).orderBy('seq', 'desc').limit(1).executeTakeFirst();
      expect(denied).toBeTruthy();
      const ok = await get(`/api/tasks/${x.id}`, benthanh);
      expect(ok.statusCode).toBe(200);
      const detail = ok.json() as TaskBody & { timeline: { kind: string }[]; children: unknown[] };
      expect(detail.timeline[0]!.kind).toBe('assigned');
      expect(detail.abilities).toMatchObject({ view: true, report: true, evaluate: false, update: false });
    });

    it('GET /api/me/work for a commune officer (demo year)', async () => {
      const r = await get('/api/me/work', benthanh);
      expect(r.statusCode).toBe(200);
      const w = r.json() as { toDo: TaskBody[]; toEvaluate: TaskBody[]; coordinationRequests: TaskBody[]; overdue: TaskBody[] };
      expect(w.toDo.length).toBeGreaterThan(0);
      expect(w.coordinationRequests.length).toBeGreaterThan(0);
      expect(w.overdue.every((x) => x.status === 'overdue')).toBe(true);
    });

    it('GET /api/tasks/status-counts: 400 without unitId or with a bad date; 200 counts', async () => {
      expect((await get('/api/tasks/status-counts', thammuu)).statusCode).toBe(400);
      expect((await get(`/api/tasks/status-counts?unitId=${u['CATP']}&asOf=2026-02-30`, thammuu)).statusCode).toBe(400);
      const r = await get(`/api/tasks/status-counts?unitId=${u['CATP']}&asOf=2026-06-01`, thammuu);
      expect(r.statusCode).toBe(200);
      const c = r.json() as { counts: Record<string, number>; total: number; asOf: string };
      expect(c.asOf).toBe('2026-06-01');
      expect(Object.values(c.counts).reduce((a, b) => a + b, 0)).toBe(c.total);
      expect(c.total).toBeGreaterThan(0);
    });

    it('GET /api/documents/:id/coverage: 404 missing, 200 with uncovered clauses first', async () => {
      expect((await get(`/api/documents/${MISSING}/coverage`, thammuu)).statusCode).toBe(404);
      const doc = await t.db.selectFrom('documents').select('id').where('symbol', '=', '46-CT/TW').executeTakeFirstOrThrow();
      const r = await get(`/api/documents/${doc.id}/coverage`, admin);
      expect(r.statusCode).toBe(200);
      const cov = r.json() as { clauseCount: number; uncoveredCount: number; clauses: { taskCount: number }[] };
      expect(cov.clauseCount).toBe(4);
      const firstCovered = cov.clauses.findIndex((c) => c.taskCount > 0);
      expect(cov.clauses.slice(firstCovered).every((c) => c.taskCount > 0)).toBe(true);
      expect(firstCovered).toBe(cov.uncoveredCount);
    });

    it('GET /api/tasks/export.xlsx: 400 on a bad filter; a workbook with Vietnamese headers', async () => {
      expect((await get('/api/tasks/export.xlsx?status=bogus', thammuu)).statusCode).toBe(400);
      const r = await get(`/api/tasks/export.xlsx?unitId=${u['CAX-26743']}&unitRole=lead`, thammuu);
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toContain('spreadsheetml');
      expect(r.headers['content-disposition']).toMatch(/attachment; filename="nhiem-vu-\d{4}-\d{2}-\d{2}\.xlsx"/);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      expect(ws.getCell(3, 3).value).toBe('Tên nhiệm vụ');
      expect(String(ws.getCell(2, 1).value)).toContain('Công an phường Bến Thành');
      expect(ws.getRow(4).getCell(6).value).toBe('Công an phường Bến Thành');
    });
  });

  describe('writes on a task', () => {
    let x: TaskBody;
    beforeAll(async () => {
      x = await create();
    });

    it('PATCH: 400 without version, 404 outside scope, 403 not the assigner, 409 stale, 422 cycle, 200', async () => {
      expect((await send('PATCH', `/api/tasks/${x.id}`, { title: 'x' }, thammuu)).statusCode).toBe(400);
      expect((await send('PATCH', `/api/tasks/${x.id}`, { version: x.version, title: 'x' }, saigon)).statusCode).toBe(404);
      expect((await send('PATCH', `/api/tasks/${x.id}`, { version: x.version, title: 'x' }, benthanh)).statusCode).toBe(403);
      expect((await send('PATCH', `/api/tasks/${x.id}`, { version: x.version + 5, title: 'x' }, thammuu)).statusCode).toBe(409);
      const y = await create({ coordinators: [] });
      const child = await create({ source: { kind: 'parent_task', parentId: y.id }, coordinators: [] });
      const before = await counts();
      const cyc = await send('PATCH', `/api/tasks/${y.id}`, { version: y.version, parentId: child.id }, thammuu);
      expect(await counts()).toEqual(before);
      expect([cyc.statusCode, code(cyc)]).toEqual([422, 'task.cycle']);
      const ok = await send('PATCH', `/api/tasks/${x.id}`, { version: x.version, priority: 'urgent' }, thammuu);
      expect(ok.statusCode).toBe(200);
      x = ok.json() as TaskBody;
    });

    it('coordination response: 400 empty, 403 another unit, 200 with response hours', async () => {
      const url = `/api/tasks/${x.id}/coordination/${u['SO-TP']}/response`;
      expect((await send('POST', url, { response: '' }, sotp)).statusCode).toBe(400);
      expect((await send('POST', url, { response: 'x' }, benthanh)).statusCode).toBe(403);
      const ok = await send('POST', url, { response: 'Đồng ý phối hợp' }, sotp);
      expect(ok.statusCode).toBe(200);
      expect((ok.json() as TaskBody).coordinators.find((c) => c.unitId === u['SO-TP'])!.respondedAt).not.toBeNull();
      expect(code(await send('POST', url, { response: 'lần hai' }, sotp))).toBe('task.already_answered');
    });

    it('reports: 400 percent out of range, 404 outside scope, 403 for the coordinating unit, 409 stale, 201 by the lead unit', async () => {
      const url = `/api/tasks/${x.id}/reports`;
      const r0 = { version: x.version, percent: 40, note: 'Đã triển khai', evidence: [{ kind: 'link', url: 'https://example.gov.vn/a' }] };
      expect((await send('POST', url, { ...r0, percent: 101 }, benthanh)).statusCode).toBe(400);
      expect((await send('POST', url, { ...r0, evidence: [{ kind: 'link', url: 'javascript:alert(1)' }] }, benthanh)).statusCode).toBe(400);
      expect((await send('POST', url, r0, saigon)).statusCode).toBe(404);
      const before = await counts();
      expect((await send('POST', url, r0, sotp)).statusCode).toBe(403);
      expect((await send('POST', url, r0, viewer)).statusCode).toBe(403);
      expect((await send('POST', url, { ...r0, version: x.version - 1 }, benthanh)).statusCode).toBe(409);
      expect((await send('POST', url, { ...r0, percent: 90, submitForEvaluation: true }, benthanh)).statusCode).toBe(422);
      expect(await counts()).toEqual(before);
      const ok = await send('POST', url, r0, benthanh);
      expect(ok.statusCode).toBe(201);
      x = ok.json() as TaskBody;
      expect([x.progress, x.status]).toEqual([40, 'in_progress']);
      const sub = await send('POST', url, { version: x.version, percent: 100, note: 'Hoàn thành', submitForEvaluation: true }, benthanh);
      expect(sub.statusCode).toBe(201);
      x = sub.json() as TaskBody;
      expect(x.status).toBe('awaiting_evaluation');
    });

    it('evaluations: 400 return without reason, 403 not the assigner, 201 returned then accepted', async () => {
      const url = `/api/tasks/${x.id}/evaluations`;
      expect((await send('POST', url, { version: x.version, decision: 'returned' }, thammuu)).statusCode).toBe(400);
      const before = await counts();
      const no = await send('POST', url, { version: x.version, decision: 'accepted' }, benthanh);
      expect([no.statusCode, code(no)]).toEqual([403, 'forbidden']);
      expect((await send('POST', url, { version: x.version, decision: 'accepted' }, sotp)).statusCode).toBe(403);
      expect(await counts()).toEqual(before);
      const back = await send('POST', url, { version: x.version, decision: 'returned', reason: 'Bổ sung minh chứng' }, thammuu);
      expect(back.statusCode).toBe(201);
      x = back.json() as TaskBody;
      expect(x.status).toBe('returned');
      const again = await send('POST', `/api/tasks/${x.id}/reports`, { version: x.version, percent: 100, note: 'Đã bổ sung', evidence: [{ kind: 'text', text: 'Biên bản' }], submitForEvaluation: true }, benthanh);
      x = again.json() as TaskBody;
      const ok = await send('POST', url, { version: x.version, decision: 'accepted' }, thammuu);
      expect(ok.statusCode).toBe(201);
      expect((ok.json() as TaskBody).status).toBe('completed_on_time');
    });

    it('lifecycle: 400 bad action, 403 not the assigner, 200 pause and resume', async () => {
      const y = await create();
      const url = `/api/tasks/${y.id}/lifecycle`;
      expect((await send('POST', url, { version: y.version, action: 'explode', reason: 'x' }, thammuu)).statusCode).toBe(400);
      expect((await send('POST', url, { version: y.version, action: 'pause' }, thammuu)).statusCode).toBe(400);
      expect((await send('POST', url, { version: y.version, action: 'pause', reason: 'x' }, benthanh)).statusCode).toBe(403);
      const p = await send('POST', url, { version: y.version, action: 'pause', reason: 'Chờ chỉ đạo' }, thammuu);
      expect(p.statusCode).toBe(200);
      expect((p.json() as TaskBody).status).toBe('paused');
      const rr = await send('POST', url, { version: (p.json() as TaskBody).version, action: 'resume', reason: 'Tiếp tục' }, thammuu);
      expect((rr.json() as TaskBody).state).toBe('open');
    });
  });
});
