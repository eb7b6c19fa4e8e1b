import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, countRows, loginAs, testApp, unitIdByCode, type Session, type TestApp } from '../support/db.ts';

const MISSING = '00000000-0000-4000-8000-000000000000';
type Issues = { error: { code: string; params?: Record<string, unknown>; issues?: { path: string; code: string }[] } };

describe.each(backends())('HTTP documents [%s]', (backend) => {
  let t: TestApp;
  let admin: Session;
  let thammuu: Session;
  let benthanh: Session;
  let viewer: Session;
  let secretId: string;
  let nq16: string;

  const get = (url: string, s?: Session) => t.app.inject({ method: 'GET', url, headers: s?.read ?? {} });
  const send = (method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload: unknown, s?: Session) =>
    t.app.inject({ method, url, ...(payload === undefined ? {} : { payload: payload as object }), headers: s?.write ?? {} });

  beforeAll(async () => {
    t = await testApp(backend);
    [admin, thammuu, benthanh, viewer] = await Promise.all([loginAs(t.app, 'admin'), loginAs(t.app, 'thammuu'), loginAs(t.app, 'canbo.benthanh'), loginAs(t.app, 'theodoi')]);
    const catp = await unitIdByCode(t.db, 'CATP');
    const r = await send('POST', '/api/documents', { kind: 'ke_hoach', numberSymbol: '11/KH-CAT-PV01', issuerName: 'Công an Thành phố', summary: 'Kế hoạch mật về cao điểm', issuedOn: '2025-04-01', classification: 'secret', ownerUnitId: catp }, thammuu);
    expect(r.statusCode).toBe(201);
    secretId = (r.json() as { id: string }).id;
    nq16 = (await t.db.selectFrom('documents').select('id').where('symbol', '=', '16-NQ/TW').executeTakeFirstOrThrow()).id;
  });
  afterAll(async () => t?.close());

  it('the routes are in the OpenAPI document', async () => {
    const doc = (await get('/api/openapi.json')).json() as { paths: Record<string, Record<string, unknown>> };
    for (const [p, m] of [
      ['/api/documents', 'get'], ['/api/documents', 'post'], ['/api/documents/{id}', 'get'], ['/api/documents/{id}', 'patch'], ['/api/documents/{id}/clauses', 'put'],
      ['/api/documents/{id}/relations', 'post'], ['/api/documents/{id}/relations/{relation}/{toDocumentId}', 'delete'], ['/api/documents/{id}/files', 'post'],
      ['/api/documents/{id}/files/{fileId}', 'delete'], ['/api/documents/references', 'post'], ['/api/documents/parse-clauses', 'post'], ['/api/files', 'post'], ['/api/files/{id}', 'get'],
    ] as const)
      expect(doc.paths[p]?.[m], `${m} ${p}`).toBeTruthy();
  });

  it.each([
    ['GET', '/api/documents'], ['POST', '/api/documents'], ['GET', `/api/documents/${MISSING}`], ['PATCH', `/api/documents/${MISSING}`], ['PUT', `/api/documents/${MISSING}/clauses`],
    ['POST', `/api/documents/${MISSING}/relations`], ['DELETE', `/api/documents/${MISSING}/relations/reviews/${MISSING}`], ['POST', `/api/documents/${MISSING}/files`],
    ['DELETE', `/api/documents/${MISSING}/files/${MISSING}`], ['POST', '/api/documents/references'], ['POST', '/api/documents/parse-clauses'],
  ] as const)('%s %s without a session → 401', async (method, url) => {
    const r = await t.app.inject({ method, url, ...(method === 'GET' || method === 'DELETE' ? {} : { payload: { bogus: 1 } }) });
    expect(r.statusCode).toBe(401);
    expect(r.json()).toEqual({ error: { code: 'unauthenticated' } });
  });

  describe('400 per field', () => {
    it.each([
      ['kind', { kind: 'nghi_dinh_gia' }, 'body.kind'],
      ['issuedOn 31/02', { issuedOn: '2025-02-31' }, 'body.issuedOn'],
      ['issuedOn dd/mm/yyyy', { issuedOn: '24/10/2017' }, 'body.issuedOn'],
      ['summary empty', { summary: '   ' }, 'body.summary'],
      ['term', { term: 'mười hai' }, 'body.term'],
      ['classification', { classification: 'toi_mat' }, 'body.classification'],
      ['ownerUnitId', { ownerUnitId: 'abc' }, 'body.ownerUnitId'],
      ['unknown field', { colour: 'red' }, 'body.'],
    ])('POST /api/documents: %s', async (_n, patch, path) => {
      const before = await countRows(t.db, 'documents');
      const r = await send('POST', '/api/documents', { kind: 'nghi_quyet', numberSymbol: '77-NQ/TU', issuerName: 'Thành ủy', summary: 'Thử', ...patch }, thammuu);
      expect(r.statusCode).toBe(400);
      const body = r.json() as Issues;
      expect(body.error.code).toBe('validation_failed');
      expect(body.error.issues!.map((i) => i.path)).toContain(path);
      expect(await countRows(t.db, 'documents')).toBe(before);
    });

    it('GET /api/documents: bad filters', async () => {
      const r = await get('/api/documents?kind=x&year=3000&limit=0', viewer);
      expect(r.statusCode).toBe(400);
      expect((r.json() as Issues).error.issues!.map((i) => i.path).sort()).toEqual(['querystring.kind', 'querystring.limit', 'querystring.year']);
    });

    it('PUT clauses: a malformed ref', async () => {
      const r = await send('PUT', `/api/documents/${nq16}/clauses`, { version: 1, clauses: [{ ref: 'II..3', label: 'x', text: '' }] }, admin);
      expect(r.statusCode).toBe(400);
      expect((r.json() as Issues).error.issues![0]!.path).toBe('body.clauses.0.ref');
    });
  });

  it('422 a malformed number with its reason; nothing written', async () => {
    const before = await countRows(t.db, 'documents');
    const r = await send('POST', '/api/documents', { kind: 'nghi_quyet', numberSymbol: '16/NQ/TW', issuerName: 'Bộ Chính trị', summary: 'Thử' }, thammuu);
    expect(r.statusCode).toBe(422);
    expect(r.json()).toEqual({ error: { code: 'document.invalid_number', params: { reason: 'mixed_systems' }, issues: [{ path: 'numberSymbol', code: 'mixed_systems' }] } });
    expect(await countRows(t.db, 'documents')).toBe(before);
  });

  it('409 the same number in the same year', async () => {
    const body = { kind: 'cong_van', numberSymbol: '2030/CAT-PV05', issuerName: 'Công an Thành phố', summary: 'Về việc phối hợp', issuedOn: '2025-09-09' };
    expect((await send('POST', '/api/documents', body, thammuu)).statusCode).toBe(201);
    const before = await countRows(t.db, 'audit_log');
    const r = await send('POST', '/api/documents', { ...body, numberSymbol: 'Số: 2030/cat-pv05', issuedOn: '2025-12-01' }, thammuu);
    expect(r.statusCode).toBe(409);
    expect((r.json() as Issues).error.code).toBe('document.duplicate_number');
    expect(await countRows(t.db, 'audit_log')).toBe(before);
  });

  it('404 a secret document outside the scope (and the refusal is audited)', async () => {
    const r = await get(`/api/documents/${secretId}`, benthanh);
    expect(r.statusCode).toBe(404);
    expect(r.json()).toEqual({ error: { code: 'not_found', params: { entity: 'document', id: secretId } } });
    const denied = await t.db.selectFrom('audit_log').select('data').where('action', '=', 'access.denied').where('actor_user_id', '=', benthanh.userId).orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(denied.data).toMatchObject({ status: 404, entity: 'document', id: secretId });
    expect((await send('PATCH', `/api/documents/${secretId}`, { version: 1, summary: 'x' }, benthanh)).statusCode).toBe(404);
    expect((await get(`/api/documents/${MISSING}`, admin)).statusCode).toBe(404);
    expect((await get(`/api/documents/${secretId}`, thammuu)).statusCode).toBe(200);
  });

  it('403 a unit officer or a viewer creating or editing a document', async () => {
    const before = await countRows(t.db, 'documents');
    for (const s of [benthanh, viewer]) {
      const r = await send('POST', '/api/documents', { kind: 'chi_thi', numberSymbol: '01/CT-UBND', issuerName: 'UBND', summary: 'Thử' }, s);
      expect(r.statusCode).toBe(403);
      expect((r.json() as Issues).error.code).toBe('forbidden');
      expect((await send('PATCH', `/api/documents/${nq16}`, { version: 1, summary: 'x' }, s)).statusCode).toBe(403);
    }
    expect(await countRows(t.db, 'documents')).toBe(before);
  });

  it('happy path: create, list, get with abilities, update, clauses, relations', async () => {
    const c = await send('POST', '/api/documents', { kind: 'ke_hoach', numberSymbol: '1478/KH-UBND', issuerName: 'Ủy ban nhân dân Thành phố', summary: 'Kế hoạch thực hiện Kết luận 21', issuedOn: '2017-12-20' }, thammuu);
    expect(c.statusCode).toBe(201);
    const doc = c.json() as { id: string; version: number; symbol: string; abilities: Record<string, boolean> };
    expect(doc).toMatchObject({ symbol: '1478/KH-UBND', abilities: { view: true, update: true, setClauses: true, relate: true, attach: true } });

    const list = await get('/api/documents?q=ke%20hoach%20thuc%20hien%20ket%20luan&year=2017', viewer);
    expect(list.statusCode).toBe(200);
    expect((list.json() as { items: { id: string; abilities: Record<string, boolean> }[] }).items).toEqual([expect.objectContaining({ id: doc.id, abilities: expect.objectContaining({ view: true, update: false }) })]);

    const u = await send('PATCH', `/api/documents/${doc.id}`, { version: doc.version, summary: 'Kế hoạch thực hiện Kết luận 21-KL/TW' }, thammuu);
    expect(u.statusCode).toBe(200);
    const stale = await send('PATCH', `/api/documents/${doc.id}`, { version: doc.version, summary: 'x' }, thammuu);
    expect(stale.statusCode).toBe(409);
    expect((stale.json() as Issues).error.code).toBe('stale_version');

    const parsed = await send('POST', '/api/documents/parse-clauses', { text: 'I. MỤC ĐÍCH\nII. NHIỆM VỤ\n1. Tuyên truyền\na) Trường học' }, thammuu);
    expect((parsed.json() as { clauses: { ref: string }[] }).clauses.map((x) => x.ref)).toEqual(['I', 'II', 'II.1', 'II.1.a']);
    const cl = await send('PUT', `/api/documents/${doc.id}/clauses`, { version: (u.json() as { version: number }).version, ...(parsed.json() as object) }, thammuu);
    expect(cl.statusCode).toBe(200);
    expect((cl.json() as { clauses: { ref: string; depth: number }[] }).clauses.map((x) => [x.ref, x.depth])).toEqual([['I', 0], ['II', 0], ['II.1', 1], ['II.1.a', 2]]);

    const kl21 = (await t.db.selectFrom('documents').select('id').where('symbol', '=', '21-KL/TW').executeTakeFirstOrThrow()).id;
    const rel = await send('POST', `/api/documents/${doc.id}/relations`, { relation: 'implements', toDocumentId: kl21 }, thammuu);
    expect(rel.statusCode).toBe(200);
    expect((await send('POST', `/api/documents/${doc.id}/relations`, { relation: 'implements', toDocumentId: kl21 }, thammuu)).statusCode).toBe(409);
    expect((await send('POST', `/api/documents/${doc.id}/relations`, { relation: 'implements', toDocumentId: doc.id }, thammuu)).statusCode).toBe(422);
    const back = (await get(`/api/documents/${kl21}`, benthanh)).json() as { relatedBy: { relation: string; document: { id: string } }[]; relations: { document: { symbol: string } }[] };
    expect(back.relatedBy).toContainEqual({ relation: 'implements', document: expect.objectContaining({ id: doc.id }) });
    expect(back.relations.map((x) => x.document.symbol)).toEqual(['16-NQ/TW']);
    expect((await send('DELETE', `/api/documents/${doc.id}/relations/implements/${kl21}`, undefined, thammuu)).statusCode).toBe(200);
    expect((await send('DELETE', `/api/documents/${doc.id}/relations/implements/${kl21}`, undefined, thammuu)).statusCode).toBe(404);
  });

  it('POST /api/documents/references links to the registry or proposes an entry', async () => {
    const r = await send('POST', '/api/documents/references', { text: 'Thực hiện Nghị quyết 16-NQ/TW và Quyết định số 19/2025/QĐ-TTg của Thủ tướng Chính phủ.' }, benthanh);
    expect(r.statusCode).toBe(200);
    const refs = (r.json() as { references: { symbol: string; match: { documentId: string } | null; proposal: { numberSymbol: string; system: string } | null }[] }).references;
    expect(refs.map((x) => x.symbol)).toEqual(['16-NQ/TW', '19/2025/QĐ-TTg']);
    expect(refs[0]!.match!.documentId).toBe(nq16);
    expect(refs[1]).toMatchObject({ match: null, proposal: { numberSymbol: '19/2025/QĐ-TTg', system: 'state_legal' } });
    expect((await send('POST', '/api/documents/references', { txt: 'x' }, benthanh)).statusCode).toBe(400);
  });
});
