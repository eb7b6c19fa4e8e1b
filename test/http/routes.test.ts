import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, countRows, DEMO_PASSWORD, loginAs, nextAddress, testApp, unitIdByCode, type Session, type TestApp } from '../support/db.ts';

const MISSING_UUID = '00000000-0000-4000-8000-000000000000';

describe.each(backends())('HTTP API [%s]', (backend) => {
  let t: TestApp;
  let admin: Session;
  let benthanh: Session;
  let saigon: Session;
  let thammuu: Session;
  let viewer: Session;
  let btPersonId: string;
  let benthanhUnit: string;

  const get = (url: string, s?: Session) => t.app.inject({ method: 'GET', url, headers: s?.read ?? {} });
  const send = (method: 'POST' | 'PATCH', url: string, payload: unknown, s?: Session) => t.app.inject({ method, url, payload: payload as object, headers: s?.write ?? {} });
  const deniedRows = (userId: string) => t.db.selectFrom('audit_log').selectAll().where('action', '=', 'access.denied').where('actor_user_id', '=', userId).orderBy('seq', 'desc').execute();

  beforeAll(async () => {
    t = await testApp(backend);
    [admin, benthanh, saigon, thammuu, viewer] = await Promise.all([
      loginAs(t.app, 'admin'),
      loginAs(t.app, 'canbo.benthanh'),
      loginAs(t.app, 'canbo.saigon'),
      loginAs(t.app, 'thammuu'),
      loginAs(t.app, 'theodoi'),
    ]);
    btPersonId = (await t.db.selectFrom('people').select('id').where('full_name', '=', 'Nguyễn Văn Đạt').executeTakeFirstOrThrow()).id;
    benthanhUnit = await unitIdByCode(t.db, 'CAX-26743');
  });
  afterAll(async () => t?.close());

  describe('public routes', () => {
    it('GET /api/health reports status and the backend', async () => {
      const r = await get('/api/health');
      expect(r.statusCode).toBe(200);
      expect(r.json()).toMatchObject({ status: 'ok', database: { backend, ok: true } });
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['content-security-policy']).toContain("default-src 'self'");
    });

    it('GET /api/openapi.json is OpenAPI 3 with the routes', async () => {
      const r = await get('/api/openapi.json');
      expect(r.statusCode).toBe(200);
      const doc = r.json() as { openapi: string; info: { title: string }; paths: Record<string, Record<string, unknown>> };
      expect(doc.openapi).toMatch(/^3\.\d+\.\d+$/);
      expect(doc.info.title).toBeTruthy();
      const expected: [string, string][] = [
        ['/api/health', 'get'], ['/api/auth/login', 'post'], ['/api/auth/logout', 'post'], ['/api/auth/me', 'get'], ['/api/auth/password', 'post'],
        ['/api/units', 'get'], ['/api/units', 'post'], ['/api/units/{id}', 'get'], ['/api/units/{id}', 'patch'],
        ['/api/jurisdictions', 'get'], ['/api/provinces', 'get'], ['/api/people', 'get'], ['/api/people', 'post'], ['/api/people/{id}', 'get'],
        ['/api/users', 'get'], ['/api/users', 'post'], ['/api/users/{id}', 'get'], ['/api/users/{id}', 'patch'], ['/api/users/{id}/password', 'post'],
        ['/api/audit', 'get'], ['/api/audit/verify', 'get'],
      ];
      for (const [p, m] of expected) expect(doc.paths[p]?.[m], `${m.toUpperCase()} ${p}`).toBeTruthy();
      for (const [p, ops] of Object.entries(doc.paths)) for (const [m, op] of Object.entries(ops)) expect((op as { responses?: unknown }).responses, `${m} ${p} has responses`).toBeTruthy();
    });

    it('GET /api/docs serves the browsable page', async () => {
      const r = await t.app.inject({ method: 'GET', url: '/api/docs/' });
      expect([200, 302]).toContain(r.statusCode);
    });
  });

  describe('401 without a session', () => {
    it.each([
      ['GET', '/api/auth/me'], ['POST', '/api/auth/logout'], ['POST', '/api/auth/password'], ['GET', '/api/units'], ['POST', '/api/units'],
      ['GET', `/api/units/${MISSING_UUID}`], ['PATCH', `/api/units/${MISSING_UUID}`], ['GET', '/api/jurisdictions?province=79'], ['GET', '/api/provinces'],
      ['GET', '/api/people'], ['POST', '/api/people'], ['GET', `/api/people/${MISSING_UUID}`], ['GET', '/api/users'], ['POST', '/api/users'],
      ['GET', `/api/users/${MISSING_UUID}`], ['PATCH', `/api/users/${MISSING_UUID}`], ['POST', `/api/users/${MISSING_UUID}/password`],
      ['GET', '/api/audit'], ['GET', '/api/audit/verify'], ['GET', '/api/provinces/79/boundaries'],
    ] as const)('%s %s → 401 unauthenticated (even with an invalid body)', async (method, url) => {
      const r = await t.app.inject({ method, url, ...(method === 'GET' ? {} : { payload: { bogus: 1 } }) });
      expect(r.statusCode).toBe(401);
      expect(r.json()).toEqual({ error: { code: 'unauthenticated' } });
    });
  });

  describe('auth', () => {
    it('POST /api/auth/login: 400 per field, 401 on a wrong password, 200 sets an httpOnly SameSite cookie', async () => {
      const bad = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: '' }, remoteAddress: nextAddress() });
      expect(bad.statusCode).toBe(400);
      const issues = (bad.json() as { error: { code: string; issues: { path: string; code: string }[] } }).error;
      expect(issues.code).toBe('validation_failed');
      expect(issues.issues.map((i) => i.path).sort()).toEqual(['body.password', 'body.username']);
      const wrong = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'theodoi', password: 'sai-mat-khau' }, remoteAddress: nextAddress() });
      expect(wrong.statusCode).toBe(401);
      expect(wrong.json()).toEqual({ error: { code: 'auth.invalid_credentials' } });
      const ok = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'TheoDoi', password: DEMO_PASSWORD }, remoteAddress: nextAddress() });
      expect(ok.statusCode).toBe(200);
      const cookie = ok.cookies.find((c) => c.name === 'ph_session')!;
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
      expect(ok.json()).toMatchObject({ user: { username: 'theodoi', abilities: expect.any(Object) }, csrfToken: expect.any(String), can: { viewAudit: false } });
    });

    it('GET /api/auth/me returns the user, abilities and what the navigation may show', async () => {
      const r = await get('/api/auth/me', admin);
      expect(r.statusCode).toBe(200);
      expect(r.json()).toMatchObject({ user: { username: 'admin', roles: ['system_admin'] }, can: { manageUsers: true, viewAudit: true } });
    });

    it('POST /api/auth/logout ends the session', async () => {
      const s = await loginAs(t.app, 'theodoi');
      expect((await send('POST', '/api/auth/logout', {}, s)).statusCode).toBe(200);
      const after = await get('/api/auth/me', s);
      expect(after.statusCode).toBe(401);
      expect(after.json()).toEqual({ error: { code: 'session_expired' } });
    });

    it('POST /api/auth/password: 400 per field, 422 wrong current password, 200 ends the other sessions', async () => {
      const pv01 = await unitIdByCode(t.db, 'CATP-PV01');
      const created = await send('POST', '/api/users', { username: 'doi.matkhau', displayName: 'Đổi mật khẩu', unitId: pv01, roles: ['viewer'], password: 'Mat-khau-ban-dau-1' }, admin);
      expect(created.statusCode).toBe(201);
      const a = await loginAs(t.app, 'doi.matkhau', 'Mat-khau-ban-dau-1');
      const b = await loginAs(t.app, 'doi.matkhau', 'Mat-khau-ban-dau-1');
      const short = await send('POST', '/api/auth/password', { currentPassword: 'x', newPassword: 'short' }, a);
      expect(short.statusCode).toBe(400);
      expect((short.json() as { error: { issues: { path: string }[] } }).error.issues.map((i) => i.path)).toEqual(['body.newPassword']);
      const wrong = await send('POST', '/api/auth/password', { currentPassword: 'khong-dung-1', newPassword: 'Mat-khau-moi-2026' }, a);
      expect(wrong.statusCode).toBe(422);
      expect(wrong.json()).toMatchObject({ error: { code: 'auth.wrong_current_password', issues: [{ path: 'currentPassword' }] } });
      const ok = await send('POST', '/api/auth/password', { currentPassword: 'Mat-khau-ban-dau-1', newPassword: 'Mat-khau-moi-2026' }, a);
      expect(ok.statusCode).toBe(200);
      expect((await get('/api/auth/me', a)).statusCode).toBe(200);
      expect((await get('/api/auth/me', b)).statusCode).toBe(401);
    });
  });

  describe('units', () => {
    it('GET /api/units?q=ben thanh returns items with id and name, and abilities', async () => {
      const r = await get('/api/units?q=ben%20thanh', viewer);
      expect(r.statusCode).toBe(200);
      const body = r.json() as { total: number; items: { id: string; name: string; abilities: Record<string, boolean> }[] };
      const hit = body.items.find((u) => u.name === 'Công an phường Bến Thành');
      expect(hit).toMatchObject({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), abilities: { view: true, update: false } });
    });

    it('GET /api/units: 400 per field', async () => {
      const r = await get('/api/units?limit=0&level=district', viewer);
      expect(r.statusCode).toBe(400);
      expect((r.json() as { error: { issues: { path: string }[] } }).error.issues.map((i) => i.path).sort()).toEqual(['querystring.level', 'querystring.limit']);
    });

    it('GET /api/units/:id: 400 bad id, 404 unknown, 200 with abilities per actor', async () => {
      expect((await get('/api/units/not-a-uuid', viewer)).statusCode).toBe(400);
      const missing = await get(`/api/units/${MISSING_UUID}`, viewer);
      expect(missing.statusCode).toBe(404);
      expect(missing.json()).toEqual({ error: { code: 'not_found', params: { entity: 'unit', id: MISSING_UUID } } });
      const asAdmin = (await get(`/api/units/${benthanhUnit}`, admin)).json() as { abilities: Record<string, boolean> };
      const asOfficer = (await get(`/api/units/${benthanhUnit}`, benthanh)).json() as { abilities: Record<string, boolean> };
      expect(asAdmin.abilities).toEqual({ view: true, update: true, createChild: true });
      expect(asOfficer.abilities).toEqual({ view: true, update: false, createChild: false });
    });

    it('PATCH /api/units/:id: 400 per field, 404 unknown, 403 for an officer (audited), 200 for the staff officer, 409 stale', async () => {
      const unit = (await get(`/api/units/${benthanhUnit}`, benthanh)).json() as { version: number; name: string };
      const bad = await send('PATCH', `/api/units/${benthanhUnit}`, { version: 'one', name: '' }, benthanh);
      expect(bad.statusCode).toBe(400);
      expect((bad.json() as { error: { issues: { path: string }[] } }).error.issues.map((i) => i.path).sort()).toEqual(['body.name', 'body.version']);
      expect((await send('PATCH', `/api/units/${MISSING_UUID}`, { version: 1, name: 'x' }, benthanh)).statusCode).toBe(404);
      const forbidden = await send('PATCH', `/api/units/${benthanhUnit}`, { version: unit.version, name: 'Đổi tên trái phép' }, benthanh);
      expect(forbidden.statusCode).toBe(403);
      expect(forbidden.json()).toEqual({ error: { code: 'forbidden', params: { action: 'unit.update' } } });
      expect((await deniedRows(benthanh.userId))[0]).toMatchObject({ data: expect.objectContaining({ status: 403, method: 'PATCH' }) });
      expect(((await get(`/api/units/${benthanhUnit}`, admin)).json() as { name: string }).name).toBe(unit.name);

      const ok = await send('PATCH', `/api/units/${benthanhUnit}`, { version: unit.version, shortName: 'CAP Bến Thành' }, thammuu);
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toMatchObject({ shortName: 'CAP Bến Thành', version: unit.version + 1, abilities: { update: true } });
      const stale = await send('PATCH', `/api/units/${benthanhUnit}`, { version: unit.version, shortName: 'Lần hai' }, thammuu);
      expect(stale.statusCode).toBe(409);
      expect(stale.json()).toMatchObject({ error: { code: 'stale_version' } });
    });

    it('POST /api/units: 400 per field, 403 for an officer, 201 for an administrator, 409 duplicate code', async () => {
      const bad = await send('POST', '/api/units', { code: 'có dấu', name: '', type: 'club', level: 'city', parentId: null }, admin);
      expect(bad.statusCode).toBe(400);
      expect((bad.json() as { error: { issues: { path: string }[] } }).error.issues.map((i) => i.path).sort()).toEqual(['body.code', 'body.name', 'body.type']);
      const body = { code: 'CAX-26743-DOI1', name: 'Đội Cảnh sát khu vực 1', type: 'police_unit', level: 'commune', parentId: benthanhUnit, communeCode: '26743' };
      expect((await send('POST', '/api/units', body, benthanh)).statusCode).toBe(403);
      const created = await send('POST', '/api/units', body, admin);
      expect(created.statusCode).toBe(201);
      expect(created.json()).toMatchObject({ code: 'CAX-26743-DOI1', parentId: benthanhUnit, parentName: 'Công an phường Bến Thành', abilities: { update: true } });
      const dup = await send('POST', '/api/units', body, admin);
      expect(dup.statusCode).toBe(409);
      expect(dup.json()).toMatchObject({ error: { code: 'organisation.duplicate_code', issues: [{ path: 'code', code: 'duplicate' }] } });
    });
  });

  describe('jurisdictions', () => {
    it('GET /api/jurisdictions?province=79 returns total 168 and items', async () => {
      const r = await get('/api/jurisdictions?province=79', viewer);
      expect(r.statusCode).toBe(200);
      const body = r.json() as { total: number; items: { code: string; provinceCode: string }[] };
      expect(body.total).toBe(168);
      expect(body.items).toHaveLength(168);
      expect(body.items.every((i) => i.provinceCode === '79')).toBe(true);
    });

    it('GET /api/jurisdictions: 400 for a bad province code', async () => {
      const r = await get('/api/jurisdictions?province=7', viewer);
      expect(r.statusCode).toBe(400);
      expect((r.json() as { error: { issues: { path: string }[] } }).error.issues[0]!.path).toBe('querystring.province');
    });

    it('GET /api/provinces lists the 34 provinces with commune counts', async () => {
      const r = await get('/api/provinces', viewer);
      const items = (r.json() as { items: { code: string; communeCount: number }[] }).items;
      expect(items).toHaveLength(34);
      expect(items.find((p) => p.code === '79')?.communeCount).toBe(168);
    });
  });

  describe('people', () => {
    it('GET /api/people is scoped', async () => {
      const r = await get('/api/people', saigon);
      expect(r.statusCode).toBe(200);
      const names = (r.json() as { items: { fullName: string; abilities: Record<string, boolean> }[] }).items.map((p) => p.fullName).sort();
      expect(names).toEqual(['Bùi Quốc Bảo', 'Lý Thanh Tâm']);
    });

    it('GET /api/people/:id outside scope → 404, indistinguishable from a missing one, and audited as access.denied', async () => {
      const hidden = await get(`/api/people/${btPersonId}`, saigon);
      expect(hidden.statusCode).toBe(404);
      expect(hidden.json()).toEqual({ error: { code: 'not_found', params: { entity: 'person', id: btPersonId } } });
      const denied = await deniedRows(saigon.userId);
      expect(denied[0]).toMatchObject({ entity_type: 'person', entity_id: btPersonId, data: expect.objectContaining({ status: 404, method: 'GET', route: '/api/people/:id' }) });
      const missing = await get(`/api/people/${MISSING_UUID}`, saigon);
      expect(missing.statusCode).toBe(404);
      expect(missing.json()).toEqual({ error: { code: 'not_found', params: { entity: 'person', id: MISSING_UUID } } });
      expect(await deniedRows(saigon.userId)).toHaveLength(denied.length); // a truly missing record is not a refusal
      const mine = await get(`/api/people/${btPersonId}`, benthanh);
      expect(mine.statusCode).toBe(200);
      expect(mine.json()).toMatchObject({ fullName: 'Nguyễn Văn Đạt', abilities: { view: true, update: false }, positions: [{ title: 'Trưởng Công an phường' }] });
    });

    it('POST /api/people: 400 per field, 403 for an officer, 201 for the staff officer in scope', async () => {
      const bad = await send('POST', '/api/people', { fullName: '', unitId: 'x' }, thammuu);
      expect(bad.statusCode).toBe(400);
      expect((bad.json() as { error: { issues: { path: string }[] } }).error.issues.map((i) => i.path).sort()).toEqual(['body.fullName', 'body.unitId']);
      const body = { fullName: 'Tạ Thị Hồng', rank: 'Thượng úy', unitId: benthanhUnit, position: { title: 'Cán bộ', fromOn: '2026-01-05' } };
      expect((await send('POST', '/api/people', body, benthanh)).statusCode).toBe(403);
      const ok = await send('POST', '/api/people', body, thammuu);
      expect(ok.statusCode).toBe(201);
      expect(ok.json()).toMatchObject({ fullName: 'Tạ Thị Hồng', unitId: benthanhUnit, abilities: { update: true } });
    });
  });

  describe('users', () => {
    it('GET /api/users: 403 for a non-administrator (audited), 200 for the administrator', async () => {
      const r = await get('/api/users', viewer);
      expect(r.statusCode).toBe(403);
      expect((await deniedRows(viewer.userId))[0]).toMatchObject({ data: expect.objectContaining({ status: 403, route: '/api/users' }) });
      const ok = await get('/api/users?q=canbo', admin);
      expect(ok.statusCode).toBe(200);
      expect((ok.json() as { items: { username: string }[] }).items.map((u) => u.username)).toEqual(['canbo.benthanh', 'canbo.saigon']);
    });

    it('GET /api/users/:id: someone else → 404 audited as access.denied; oneself → 200', async () => {
      const other = await get(`/api/users/${benthanh.userId}`, saigon);
      expect(other.statusCode).toBe(404);
      expect(other.json()).toEqual({ error: { code: 'not_found', params: { entity: 'user', id: benthanh.userId } } });
      expect((await deniedRows(saigon.userId))[0]).toMatchObject({ entity_type: 'user', entity_id: benthanh.userId, data: expect.objectContaining({ status: 404 }) });
      const self = await get(`/api/users/${saigon.userId}`, saigon);
      expect(self.statusCode).toBe(200);
      expect(self.json()).toMatchObject({ username: 'canbo.saigon', communeCodes: ['26740'], abilities: { view: true, update: false, disable: false } });
      expect((self.json() as Record<string, unknown>).passwordHash).toBeUndefined();
    });

    it('POST /api/users: 400 per field, 403 non-admin, 201 admin, 409 duplicate, 422 unknown unit', async () => {
      const pv01 = await unitIdByCode(t.db, 'CATP-PV01');
      const bad = await send('POST', '/api/users', { username: 'A', displayName: '', unitId: pv01, roles: ['king'], password: 'short' }, admin);
      expect(bad.statusCode).toBe(400);
      expect((bad.json() as { error: { issues: { path: string }[] } }).error.issues.map((i) => i.path).sort()).toEqual(['body.displayName', 'body.password', 'body.roles.0', 'body.username']);
      const body = { username: 'canbo.moi', displayName: 'Cán bộ mới', unitId: pv01, roles: ['unit_officer'], password: 'Mat-khau-rat-manh-1' };
      expect((await send('POST', '/api/users', body, thammuu)).statusCode).toBe(403);
      const created = await send('POST', '/api/users', body, admin);
      expect(created.statusCode).toBe(201);
      expect(created.json()).toMatchObject({ username: 'canbo.moi', roles: ['unit_officer'], scopeUnitIds: [pv01], abilities: { update: true } });
      expect((await send('POST', '/api/users', body, admin)).statusCode).toBe(409);
      const unknown = await send('POST', '/api/users', { ...body, username: 'canbo.khac', unitId: MISSING_UUID }, admin);
      expect(unknown.statusCode).toBe(422);
      expect(unknown.json()).toMatchObject({ error: { code: 'organisation.unknown_unit' } });
    });

    it('PATCH /api/users/:id: 404 someone else, 403 oneself, 422 admin disabling self, 200 admin', async () => {
      const self = (await get(`/api/users/${benthanh.userId}`, benthanh)).json() as { version: number };
      expect((await send('PATCH', `/api/users/${saigon.userId}`, { version: 1, displayName: 'x' }, benthanh)).statusCode).toBe(404);
      expect((await send('PATCH', `/api/users/${benthanh.userId}`, { version: self.version, roles: ['system_admin'] }, benthanh)).statusCode).toBe(403);
      const adminSelf = (await get(`/api/users/${admin.userId}`, admin)).json() as { version: number };
      const selfDisable = await send('PATCH', `/api/users/${admin.userId}`, { version: adminSelf.version, disabled: true }, admin);
      expect(selfDisable.statusCode).toBe(422);
      expect(selfDisable.json()).toMatchObject({ error: { code: 'accounts.cannot_disable_self' } });
      const ok = await send('PATCH', `/api/users/${benthanh.userId}`, { version: self.version, displayName: 'Cán bộ Bến Thành (đổi)' }, admin);
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toMatchObject({ displayName: 'Cán bộ Bến Thành (đổi)', version: self.version + 1 });
    });

    it('POST /api/users/:id/password: 403 non-admin on self, 200 admin (ends their sessions)', async () => {
      const s = await loginAs(t.app, 'canbo.moi', 'Mat-khau-rat-manh-1');
      expect((await send('POST', `/api/users/${s.userId}/password`, { newPassword: 'Tu-dat-lai-1234' }, s)).statusCode).toBe(403);
      expect((await send('POST', `/api/users/${s.userId}/password`, { newPassword: 'Quan-tri-dat-lai-1' }, admin)).statusCode).toBe(200);
      expect((await get('/api/auth/me', s)).statusCode).toBe(401);
      await loginAs(t.app, 'canbo.moi', 'Quan-tri-dat-lai-1');
    });
  });

  describe('audit', () => {
    it('GET /api/audit: 403 for a non-administrator, audited; 200 for the administrator with filters', async () => {
      const r = await get('/api/audit', benthanh);
      expect(r.statusCode).toBe(403);
      expect((await deniedRows(benthanh.userId))[0]).toMatchObject({ data: expect.objectContaining({ status: 403, route: '/api/audit' }) });
      const ok = await get('/api/audit?action=access.denied&limit=50', admin);
      expect(ok.statusCode).toBe(200);
      const body = ok.json() as { total: number; items: { action: string; actorName: string }[] };
      expect(body.total).toBeGreaterThanOrEqual(3);
      expect(body.items.every((i) => i.action === 'access.denied')).toBe(true);
      expect(body.items.some((i) => i.actorName.includes('Bến Thành'))).toBe(true);
    });

    it('GET /api/audit/verify: the chain is intact after all of the above', async () => {
      const r = await get('/api/audit/verify', admin);
      expect(r.statusCode).toBe(200);
      expect(r.json()).toMatchObject({ ok: true, firstBrokenSeq: null, checked: await countRows(t.db, 'audit_log') });
      expect((await get('/api/audit/verify', viewer)).statusCode).toBe(403);
    });
  });

  it('an unknown API route answers a coded 404', async () => {
    const r = await get('/api/khong-co', admin);
    expect(r.statusCode).toBe(404);
    expect(r.json()).toMatchObject({ error: { code: 'not_found' } });
  });
});
