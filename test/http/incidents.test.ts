import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, countRows, loginAs, testApp, unitIdByCode, type Session, type TestApp } from '../support/db.ts';

const MISSING = '00000000-0000-4000-8000-000000000000';
const WRITE_TABLES = ['incidents', 'incident_units', 'incident_events', 'incident_category_changes'] as const;

interface IncidentBody {
  id: string;
  version: number;
  state: string;
  status: string;
  level: string;
  abilities: Record<string, boolean>;
}

describe.each(backends())('HTTP incidents [%s]', (backend) => {
  let t: TestApp;
  let benthanh: Session;
  let saigon: Session;
  let thammuu: Session;
  let viewer: Session;
  const u: Record<string, string> = {};

  const get = (url: string, s?: Session) => t.app.inject({ method: 'GET', url, headers: s?.read ?? {} });
  const post = (url: string, payload: unknown, s?: Session) => t.app.inject({ method: 'POST', url, payload: payload as object, headers: s?.write ?? {} });
  const counts = async () => {
    const out: Record<string, number> = {};
    for (const x of WRITE_TABLES) out[x] = await countRows(t.db, x);
    return out;
  };
  const code = (r: { json: () => unknown }) => (r.json() as { error: { code: string } }).error.code;
  const issuePaths = (r: { json: () => unknown }) => ((r.json() as { error: { issues?: { path: string }[] } }).error.issues ?? []).map((i) => i.path);
  const body = (over: Record<string, unknown> = {}) => ({
    title: 'Tụ tập đông người trước trụ sở UBND phường',
    category: 'mass_gathering',
    severity: 'serious',
    occurredAt: new Date(Date.now() - 7200_000).toISOString(),
    communeCode: '26743',
    address: 'Trước trụ sở UBND phường Bến Thành',
    point: { lat: 10.7745, lon: 106.699 },
    source: 'patrol',
    description: 'Khoảng 40 người tụ tập khiếu nại về dự án.',
    peopleInvolved: 40,
    leadUnitId: u['CAX-26743'],
    ...over,
  });
  const create = async (over: Record<string, unknown> = {}): Promise<IncidentBody> => {
    const r = await post('/api/incidents', body(over), benthanh);
    expect(r.statusCode, r.body).toBe(201);
    return r.json() as IncidentBody;
  };

  beforeAll(async () => {
    t = await testApp(backend);
    for (const c of ['CATP', 'CATP-PC02', 'CAX-26743', 'CAX-26740']) u[c] = await unitIdByCode(t.db, c);
    [benthanh, saigon, thammuu, viewer] = await Promise.all([loginAs(t.app, 'canbo.benthanh'), loginAs(t.app, 'canbo.saigon'), loginAs(t.app, 'thammuu'), loginAs(t.app, 'theodoi')]);
  });
  afterAll(async () => t?.close());

  const POSTS = ['supporting', 'log', 'escalate', 'deescalate', 'category', 'significance', 'closing-report', 'closure', 'reopen'];

  it('every situation route answers 401 without a session and is in the OpenAPI document', async () => {
    expect((await get('/api/incidents')).statusCode).toBe(401);
    expect((await get(`/api/incidents/${MISSING}`)).statusCode).toBe(401);
    expect((await post('/api/incidents', {})).statusCode).toBe(401);
    for (const p of POSTS) expect((await post(`/api/incidents/${MISSING}/${p}`, {})).statusCode, p).toBe(401);
    const doc = (await get('/api/openapi.json')).json() as { paths: Record<string, Record<string, unknown>> };
    expect(doc.paths['/api/incidents']?.get).toBeTruthy();
    expect(doc.paths['/api/incidents']?.post).toBeTruthy();
    expect(doc.paths['/api/incidents/{id}']?.get).toBeTruthy();
    for (const p of POSTS) expect(doc.paths[`/api/incidents/{id}/${p}`]?.post, p).toBeTruthy();
  });

  it('400 per field (negative counts, bad time, bad category, malformed commune), nothing written', async () => {
    const before = await counts();
    const cases: [Record<string, unknown>, string][] = [
      [{ injured: -1 }, 'body.injured'],
      [{ dead: -2 }, 'body.dead'],
      [{ peopleInvolved: -5 }, 'body.peopleInvolved'],
      [{ damageVnd: -1000 }, 'body.damageVnd'],
      [{ occurredAt: '2026-02-31T10:00:00+07:00' }, 'body.occurredAt'],
      [{ category: 'terrorism' }, 'body.category'],
      [{ communeCode: '2674' }, 'body.communeCode'],
      [{ title: '   ' }, 'body.title'],
      [{ point: { lat: 100, lon: 106 } }, 'body.point.lat'],
    ];
    for (const [over, path] of cases) {
      const r = await post('/api/incidents', body(over), benthanh);
      expect(r.statusCode, path).toBe(400);
      expect(code(r)).toBe('validation_failed');
      expect(issuePaths(r), path).toContain(path);
    }
    expect(await counts()).toEqual(before);
  });

  it('422 coded: unknown commune, point outside the city; nothing written', async () => {
    const before = await counts();
    const r1 = await post('/api/incidents', body({ communeCode: '00001' }), benthanh);
    expect([r1.statusCode, code(r1)]).toEqual([422, 'incident.unknown_commune']);
    const r2 = await post('/api/incidents', body({ point: { lat: 16.0544, lon: 108.2022 } }), benthanh); // Đà Nẵng
    expect([r2.statusCode, code(r2)]).toEqual([422, 'incident.point_outside_city']);
    expect(await counts()).toEqual(before);
  });

  it('404 outside scope (logged as a denial), 403 visible but not allowed, the two-key closure over HTTP', async () => {
    const i = await create();
    expect(i.abilities).toMatchObject({ view: true, reportClosing: true, decideClosure: false });
    // Commune B: as if it did not exist.
    const hidden = await get(`/api/incidents/${i.id}`, saigon);
    expect(hidden.statusCode).toBe(404);
    // Same body as a missing id: nothing tells commune B that it exists.
    expect(hidden.json()).toEqual({ error: { code: 'not_found', params: { entity: 'incident', id: i.id } } });
    expect((await get(`/api/incidents/${MISSING}`, saigon)).json()).toEqual({ error: { code: 'not_found', params: { entity: 'incident', id: MISSING } } });
    expect((await post(`/api/incidents/${i.id}/log`, { unitId: u['CAX-26740'], text: 'x' }, saigon)).statusCode).toBe(404);
    const denied = await t.db.selectFrom('audit_log').select('action').where('action', '=', 'access.denied').where('actor_user_id', '=', saigon.userId).execute();
    expect(denied.length).toBeGreaterThanOrEqual(1);
    // The viewer sees it but may not log.
    expect((await get(`/api/incidents/${i.id}`, viewer)).statusCode).toBe(200);
    expect((await post(`/api/incidents/${i.id}/log`, { unitId: u['CAX-26743'], text: 'x' }, viewer)).statusCode).toBe(403);

    const log = await post(`/api/incidents/${i.id}/log`, { unitId: u['CAX-26743'], text: 'Lực lượng có mặt, vận động giải tán.' }, benthanh);
    expect([log.statusCode, (log.json() as IncidentBody).status]).toEqual([200, 'handling']);
    const before = await counts();
    const early = await post(`/api/incidents/${i.id}/closure`, { version: i.version, decision: 'confirm' }, thammuu);
    expect([early.statusCode, code(early)]).toEqual([422, 'incident.closing_report_required']);
    const noReport = await post(`/api/incidents/${i.id}/closing-report`, { version: i.version }, benthanh);
    expect([noReport.statusCode, issuePaths(noReport)]).toEqual([400, ['body.report']]);
    expect(await counts()).toEqual(before);
    const rep = await post(`/api/incidents/${i.id}/closing-report`, { version: i.version, report: 'Đã giải tán, tiếp nhận đơn chuyển UBND phường.' }, benthanh);
    expect(rep.statusCode, rep.body).toBe(200);
    const v = (rep.json() as IncidentBody).version;
    const wrong = await post(`/api/incidents/${i.id}/closure`, { version: v, decision: 'confirm' }, benthanh);
    expect([wrong.statusCode, code(wrong)]).toEqual([403, 'forbidden']);
    const stale = await post(`/api/incidents/${i.id}/closure`, { version: v - 1, decision: 'confirm' }, thammuu);
    expect([stale.statusCode, code(stale)]).toEqual([409, 'stale_version']);
    const ok = await post(`/api/incidents/${i.id}/closure`, { version: v, decision: 'confirm' }, thammuu);
    expect([ok.statusCode, (ok.json() as IncidentBody).status]).toEqual([200, 'closed']);
    const d = (await get(`/api/incidents/${i.id}`, thammuu)).json() as { events: { kind: string }[] };
    expect(d.events.map((e) => e.kind)).toEqual(['opened', 'log', 'closing_reported', 'closure_confirmed']);
  });

  it('escalation with a wrong target is 422; the list filters by status and significance', async () => {
    const i = await create();
    const bad = await post(`/api/incidents/${i.id}/escalate`, { version: i.version, toLevel: 'department', unitId: u['CATP'], reason: 'x' }, benthanh);
    expect([bad.statusCode, code(bad)]).toEqual([422, 'incident.invalid_escalation']);
    const up = await post(`/api/incidents/${i.id}/escalate`, { version: i.version, toLevel: 'department', unitId: u['CATP-PC02'], reason: 'Có dấu hiệu bị kích động' }, benthanh);
    expect([up.statusCode, (up.json() as IncidentBody).level]).toEqual([200, 'department']);
    const list = (await get('/api/incidents?status=escalated&limit=200', thammuu)).json() as { items: IncidentBody[] };
    expect(list.items.map((x) => x.id)).toContain(i.id);
    expect(list.items.every((x) => x.status === 'escalated')).toBe(true);
    const mine = (await get('/api/incidents?limit=200', saigon)).json() as { items: IncidentBody[] };
    expect(mine.items.map((x) => x.id)).not.toContain(i.id);
    expect((await get('/api/incidents?status=bogus', thammuu)).statusCode).toBe(400);
  });
});
