import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignPrefillSchema, campaignRollupSchema, type Campaign } from '../../src/contracts/campaigns.ts';
import { vnToday } from '../../src/server/kernel/context.ts';
import { backends, loginAs, testApp, unitIdByCode, type Session, type TestApp } from '../support/db.ts';

/** The campaigns API over the demo city: this winter's Tết campaign (created from its template), results, roll-up, refusals. */
describe.each(backends())('HTTP campaigns [%s]', (backend) => {
  let t: TestApp;
  let thammuu: Session;
  let benthanh: Session;
  let theodoi: Session;
  let running: Campaign;
  const get = (url: string, s?: Session) => t.app.inject({ method: 'GET', url, headers: s?.read ?? {} });
  const post = (url: string, s: Session, payload: unknown) => t.app.inject({ method: 'POST', url, headers: s.write, payload: payload as object });

  beforeAll(async () => {
    t = await testApp(backend);
    [thammuu, benthanh, theodoi] = await Promise.all([loginAs(t.app, 'thammuu'), loginAs(t.app, 'canbo.benthanh'), loginAs(t.app, 'theodoi')]);
    const list = (await get('/api/campaigns?state=running', benthanh)).json() as { items: Campaign[] };
    running = list.items[0]!;
  });
  afterAll(async () => t?.close());

  it('401 without a session; the routes are in the OpenAPI document', async () => {
    expect((await get('/api/campaigns')).statusCode).toBe(401);
    const doc = (await get('/api/openapi.json', thammuu)).json() as { paths: Record<string, unknown> };
    for (const p of ['/api/campaigns', '/api/campaigns/{id}', '/api/campaigns/{id}/results', '/api/campaigns/{id}/rollup', '/api/campaign-templates', '/api/movement/summary']) expect(doc.paths[p], p).toBeTruthy();
  });

  it('the demo: a running Tết campaign from the template, with a closed one a year earlier as base', async () => {
    expect(running.template?.code).toBe('CAO-DIEM-TET');
    expect(running.abilities).toMatchObject({ view: true, report: true, close: false, seeAllUnits: false });
    const r = await get(`/api/campaigns/${running.id}/rollup`, thammuu);
    expect(r.statusCode, r.body).toBe(200);
    const rollup = campaignRollupSchema.parse(r.json());
    expect(rollup.base.basis).toBe('aligned');
    expect(rollup.base.campaign).not.toBeNull();
    expect(rollup.city.indicators.find((i) => i.indicator === 'cases_dismantled')!.base).not.toBeNull();
    expect(rollup.units.length).toBe(running.units.length);
    const templates = (await get('/api/campaign-templates', thammuu)).json() as { items: { id: string; code: string }[] };
    const tet = templates.items.find((x) => x.code === 'CAO-DIEM-TET')!;
    const pre = campaignPrefillSchema.parse((await get(`/api/campaign-templates/${tet.id}/prefill`, thammuu)).json());
    expect(pre.basis).toBe('previous_instance');
    expect(pre.previousCampaign?.id).toBe(running.id);
  });

  it('a ward reports today with 201; bad input answers 422 with the reason; another unit 403; unknown 404', async () => {
    const today = vnToday();
    const unitId = await unitIdByCode(t.db, 'CAX-26743');
    const ok = await post(`/api/campaigns/${running.id}/results`, benthanh, { unitId, fromOn: today, values: { cases_detected: 2, cases_dismantled: 1 } });
    expect(ok.statusCode, ok.body).toBe(201);
    const twice = await post(`/api/campaigns/${running.id}/results`, benthanh, { unitId, fromOn: today, values: { cases_detected: 1 } });
    expect([twice.statusCode, twice.json().error.code]).toEqual([422, 'campaign.result_overlaps']);
    const neg = await post(`/api/campaigns/${running.id}/results`, benthanh, { unitId, fromOn: today, values: { people_arrested: -3 } });
    expect(neg.statusCode).toBe(422);
    expect(neg.json().error).toMatchObject({ code: 'campaign.negative_value', issues: [{ path: 'values.people_arrested', code: 'negative_value' }] });
    const saigon = await unitIdByCode(t.db, 'CAX-26740');
    expect((await post(`/api/campaigns/${running.id}/results`, benthanh, { unitId: saigon, fromOn: today, values: { cases_detected: 1 } })).statusCode).toBe(403);
    expect((await post(`/api/campaigns/${running.id}/results`, theodoi, { unitId, fromOn: today, values: { cases_detected: 1 } })).statusCode).toBe(403);
    expect((await get('/api/campaigns/00000000-0000-4000-8000-000000000000', benthanh)).statusCode).toBe(404);
    const bad = await post('/api/campaigns', benthanh, { name: 'x' });
    expect(bad.statusCode).toBe(400);
  });

  it('movement summary for a period, tips counted', async () => {
    const today = vnToday();
    const res = await get(`/api/movement/summary?from=${today.slice(0, 4)}-01-01&to=${today}`, benthanh);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { rows: { communeCode: string; sessions: number }[] };
    expect(body.rows.map((r) => r.communeCode)).toEqual(['26743']);
  });
});
