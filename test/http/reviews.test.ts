import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reviewCompilationSchema, reviewCycleSchema, type ReviewCycle } from '../../src/contracts/reviews.ts';
import { backends, loginAs, testApp, unitIdByCode, type Session, type TestApp } from '../support/db.ts';

describe.each(backends())('HTTP reviews [%s]', (backend) => {
  let t: TestApp;
  let lanhdao: Session;
  let saigon: Session;
  let theodoi: Session;
  let later: ReviewCycle;
  const get = (url: string, s?: Session) => t.app.inject({ method: 'GET', url, headers: s?.read ?? {} });
  const post = (url: string, s: Session, payload: unknown, method: 'POST' | 'PUT' = 'POST') => t.app.inject({ method, url, headers: s.write, payload: payload as object });

  beforeAll(async () => {
    t = await testApp(backend);
    [lanhdao, saigon, theodoi] = await Promise.all([loginAs(t.app, 'lanhdao'), loginAs(t.app, 'canbo.saigon'), loginAs(t.app, 'theodoi')]);
    const list = (await get('/api/reviews', lanhdao)).json() as { items: { id: string; state: string }[] };
    later = (await get(`/api/reviews/${list.items.find((c) => c.state === 'open')!.id}`, lanhdao)).json() as ReviewCycle;
  });
  afterAll(async () => t?.close());

  it('401 without a session; the routes are in the OpenAPI document', async () => {
    expect((await get('/api/reviews')).statusCode).toBe(401);
    const doc = (await get('/api/openapi.json', lanhdao)).json() as { paths: Record<string, Record<string, unknown>> };
    for (const p of ['/api/reviews', '/api/reviews/{id}', '/api/reviews/{id}/compilation', '/api/reviews/{id}/records', '/api/reviews/{id}/actions', '/api/reviews/{id}/agenda']) expect(doc.paths[p], p).toBeTruthy();
  });

  it('compilation answers the contract; a figure drills down to its records', async () => {
    const res = await get(`/api/reviews/${later.id}/compilation`, lanhdao);
    expect(res.statusCode).toBe(200);
    const c = reviewCompilationSchema.parse(res.json());
    expect(c.correctiveActions.carriedForward.length).toBe(2);
    const f = c.total!.tasks!.assigned;
    const rec = await get(`/api${f.href.replace(`/reviews/${later.id}?`, `/reviews/${later.id}/records?`)}`, lanhdao);
    expect(rec.statusCode).toBe(200);
    const body = rec.json() as { total: number; limit: number; items: unknown[] };
    expect(body.total).toBe(f.value);
    expect(body.items).toHaveLength(Math.min(f.value, body.limit));
    // Past the page size the API refuses rather than answering with everything.
    expect((await get(`/api/reviews/${later.id}/records?figure=tasks.assigned&limit=501`, lanhdao)).statusCode).toBe(400);
  });

  it('a period that ends before it starts: 422 review.invalid_period naming the field', async () => {
    const res = await post('/api/reviews', lanhdao, {
      kind: 'tong_ket',
      title: 'Tổng kết',
      scopeUnitId: later.scopeUnit.id,
      documentIds: later.programme.documents.map((d) => d.id),
      period: { kind: 'custom', from: '2025-12-31', to: '2021-01-01' },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ error: { code: 'review.invalid_period', issues: [{ path: 'period.to' }] } });
  });

  it('scope: another unit’s scorecard is 404; a viewer recording an action is 403; a leader creates (201)', async () => {
    const benThanh = await unitIdByCode(t.db, 'CAX-26743');
    expect((await get(`/api/reviews/${later.id}/compilation?unitId=${benThanh}`, saigon)).statusCode).toBe(404);
    expect((await get(`/api/reviews/${later.id}/compilation`, saigon)).statusCode).toBe(200);
    const refused = await post(`/api/reviews/${later.id}/actions`, theodoi, { kind: 'limitation', text: 'x', measure: 'y', ownerUnitId: benThanh });
    expect(refused.statusCode).toBe(403);
    const created = await post('/api/reviews', lanhdao, {
      kind: 'so_ket',
      title: 'Sơ kết năm',
      scopeUnitId: later.scopeUnit.id,
      documentIds: later.programme.documents.map((d) => d.id),
      conferenceIds: later.programme.conferences.map((c) => c.id),
      period: { kind: 'stat_month', year: 2026, index: 1 },
    });
    expect(created.statusCode).toBe(201);
    const cyc = reviewCycleSchema.parse(created.json());
    expect([cyc.period.from, cyc.period.to]).toEqual(['2025-12-15', '2026-01-14']);
    const agenda = await post(`/api/reviews/${cyc.id}/agenda`, lanhdao, { unitIds: [benThanh] }, 'PUT');
    expect(agenda.statusCode).toBe(200);
    expect((agenda.json() as ReviewCycle).agenda.map((a) => a.unit.id)).toEqual([benThanh]);
  });
});
