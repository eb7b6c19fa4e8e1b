import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, countRows, loginAs, testApp, unitIdByCode, type Session, type TestApp } from '../support/db.ts';

const MISSING = '00000000-0000-4000-8000-000000000000';
const fixture = fs.readFileSync(path.resolve(process.cwd(), '../shared/fixtures/hoi-nghi-phoi-hop-antt-tphcm.txt'), 'utf8');
type ErrorBody = { error: { code: string; issues?: { path: string; code: string }[] } };
const TABLES = ['conferences', 'conference_chairs', 'conference_units', 'conference_documents', 'conference_items', 'documents'];
/** Refusals answered 403 are themselves audited (access.denied), so the audit trail is compared by action. */

describe.each(backends())('HTTP conferences [%s]', (backend) => {
  let t: TestApp;
  let admin: Session;
  let thammuu: Session;
  let benthanh: Session;
  let leader: Session;
  let demoId: string;
  let catp: string;

  const get = (url: string, s?: Session) => t.app.inject({ method: 'GET', url, headers: s?.read ?? {} });
  const send = (method: 'POST' | 'PATCH' | 'PUT', url: string, payload: unknown, s?: Session) => t.app.inject({ method, url, payload: payload as object, headers: s?.write ?? {} });
  const counts = async (): Promise<Record<string, number>> => {
    const out: Record<string, number> = {};
    for (const x of TABLES) out[x] = await countRows(t.db, x);
    out.audit = Number((await t.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).where('action', '<>', 'access.denied').executeTakeFirstOrThrow()).n);
    return out;
  };

  beforeAll(async () => {
    t = await testApp(backend);
    [admin, thammuu, benthanh, leader] = await Promise.all([loginAs(t.app, 'admin'), loginAs(t.app, 'thammuu'), loginAs(t.app, 'canbo.benthanh'), loginAs(t.app, 'lanhdao')]);
    demoId = (await t.db.selectFrom('conferences').select('id').where('host_unit_id', '=', await unitIdByCode(t.db, 'TU-HCM-BTV')).executeTakeFirstOrThrow()).id;
    catp = await unitIdByCode(t.db, 'CATP');
  });
  afterAll(async () => t?.close());

  it('the routes are in the OpenAPI document', async () => {
    const doc = (await get('/api/openapi.json')).json() as { paths: Record<string, Record<string, unknown>> };
    for (const [p, m] of [['/api/conferences', 'get'], ['/api/conferences', 'post'], ['/api/conferences/{id}', 'get'], ['/api/conferences/{id}', 'patch'], ['/api/conferences/{id}/items', 'put'], ['/api/conferences/import/draft', 'post'], ['/api/conferences/import/confirm', 'post']] as const)
      expect(doc.paths[p]?.[m], `${m} ${p}`).toBeTruthy();
  });

  it.each([
    ['GET', '/api/conferences'], ['POST', '/api/conferences'], ['GET', `/api/conferences/${MISSING}`], ['PATCH', `/api/conferences/${MISSING}`],
    ['PUT', `/api/conferences/${MISSING}/items`], ['POST', '/api/conferences/import/draft'], ['POST', '/api/conferences/import/confirm'],
  ] as const)('%s %s without a session → 401', async (method, url) => {
    const r = await t.app.inject({ method, url, ...(method === 'GET' ? {} : { payload: { bogus: 1 } }) });
    expect(r.statusCode).toBe(401);
  });

  it.each([
    ['kind', { kind: 'hop_mat' }, 'body.kind'],
    ['heldOn 31/02', { heldOn: '2025-02-31' }, 'body.heldOn'],
    ['title empty', { title: '' }, 'body.title'],
    ['hostUnitId', { hostUnitId: 'x' }, 'body.hostUnitId'],
    ['unit role', { units: [{ unitId: MISSING, role: 'boss' }] }, 'body.units.0.role'],
    ['chair name', { chairs: [{ name: '' }] }, 'body.chairs.0.name'],
  ])('POST /api/conferences 400: %s', async (_n, patch, p) => {
    const r = await send('POST', '/api/conferences', { kind: 'giao_ban', title: 'Giao ban', heldOn: '2025-06-01', hostUnitId: MISSING, ...patch }, thammuu);
    expect(r.statusCode).toBe(400);
    expect((r.json() as ErrorBody).error.issues!.map((i) => i.path)).toContain(p);
  });

  it('404 a conference outside the scope; 403 editing one that is visible but hosted outside the scope', async () => {
    expect((await get(`/api/conferences/${demoId}`, benthanh)).statusCode).toBe(404);
    expect((await get(`/api/conferences/${MISSING}`, admin)).statusCode).toBe(404);
    const seen = await get(`/api/conferences/${demoId}`, thammuu);
    expect(seen.statusCode).toBe(200);
    const v = (seen.json() as { version: number }).version;
    const r = await send('PATCH', `/api/conferences/${demoId}`, { version: v, title: 'Đổi tên' }, thammuu);
    expect(r.statusCode).toBe(403);
    expect((await send('POST', '/api/conferences', { kind: 'giao_ban', title: 'Giao ban', heldOn: '2025-06-01', hostUnitId: catp }, benthanh)).statusCode).toBe(403);
  });

  it('happy path: create, list, get with abilities, update, items', async () => {
    const c = await send('POST', '/api/conferences', { kind: 'giao_ban', title: 'Giao ban an ninh trật tự tháng 6', heldOn: '2025-06-30', hostUnitId: catp, items: [{ text: 'Tuần tra khu trung tâm' }] }, thammuu);
    expect(c.statusCode).toBe(201);
    const conf = c.json() as { id: string; version: number; items: { id: string }[]; abilities: Record<string, boolean> };
    expect(conf.abilities).toEqual({ view: true, update: true, setItems: true });
    const list = await get('/api/conferences?q=giao%20ban%20an%20ninh&year=2025&kind=giao_ban', thammuu);
    expect((list.json() as { items: { id: string }[] }).items.map((x) => x.id)).toEqual([conf.id]);
    const u = await send('PATCH', `/api/conferences/${conf.id}`, { version: conf.version, place: 'Công an Thành phố' }, thammuu);
    expect(u.statusCode).toBe(200);
    expect((await send('PATCH', `/api/conferences/${conf.id}`, { version: conf.version, place: 'x' }, thammuu)).statusCode).toBe(409);
    const items = await send('PUT', `/api/conferences/${conf.id}/items`, { version: (u.json() as { version: number }).version, items: [{ text: 'Mục mới' }, { id: conf.items[0]!.id, text: 'Tuần tra khu trung tâm' }] }, thammuu);
    expect(items.statusCode).toBe(200);
    expect((items.json() as { items: { id: string; ordinal: number }[] }).items[1]).toMatchObject({ id: conf.items[0]!.id, ordinal: 2 });
    // The city leader sees it; the commune officer does not.
    expect((await get(`/api/conferences/${conf.id}`, leader)).statusCode).toBe(200);
    expect((await get(`/api/conferences/${conf.id}`, benthanh)).statusCode).toBe(404);
  });

  it('import: the draft creates no rows; confirm creates the reviewed conference', async () => {
    const before = await counts();
    const d = await send('POST', '/api/conferences/import/draft', { text: fixture }, thammuu);
    expect(d.statusCode).toBe(200);
    expect(await counts()).toEqual(before);
    const draft = d.json() as { title: string; hostUnitId: string; chairs: { name: string; rank: string | null; titles: string[] }[]; parties: { unitId: string | null; unitCode: string }[]; documents: { match: { documentId: string } | null }[]; items: { text: string; documentIndex: number | null }[] };
    expect(draft.parties.map((p) => p.unitCode)).toEqual(['TU-HCM-BTV', 'DUCATW-BTV']);
    expect(draft.documents.every((x) => x.match !== null)).toBe(true);
    // Unit officers may not import.
    expect((await send('POST', '/api/conferences/import/draft', { text: fixture }, benthanh)).statusCode).toBe(403);
    expect((await send('POST', '/api/conferences/import/draft', { text: '' }, thammuu)).statusCode).toBe(400);

    const confirm = {
      kind: 'coordination',
      title: draft.title,
      heldOn: '2018-01-06',
      hostUnitId: draft.hostUnitId,
      chairs: draft.chairs.map((c) => ({ name: c.name, rank: c.rank, titles: c.titles })),
      units: draft.parties.map((p) => ({ unitId: p.unitId, role: 'party' })),
      documents: draft.documents.map((x) => ({ documentId: x.match!.documentId })),
      items: draft.items.map((i) => ({ text: i.text, documentIndex: i.documentIndex })),
    };
    // The staff officer's scope does not hold the host (Ban Thường vụ Thành ủy): 403, nothing written.
    expect((await send('POST', '/api/conferences/import/confirm', confirm, thammuu)).statusCode).toBe(403);
    expect((await send('POST', '/api/conferences/import/confirm', { ...confirm, heldOn: '2018-02-30' }, leader)).statusCode).toBe(400);
    expect(await counts()).toEqual(before);
    const ok = await send('POST', '/api/conferences/import/confirm', confirm, leader);
    expect(ok.statusCode).toBe(201);
    const created = ok.json() as { id: string; items: unknown[]; units: unknown[]; createdDocumentIds: string[]; abilities: Record<string, boolean> };
    expect(created).toMatchObject({ createdDocumentIds: [], abilities: { view: true, update: true } });
    expect(created.items).toHaveLength(draft.items.length);
    const after = await counts();
    expect(after.conferences).toBe(before.conferences! + 1);
    expect(after.documents).toBe(before.documents!);
  });
});
