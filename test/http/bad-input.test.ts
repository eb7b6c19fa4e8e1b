import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { backends, DEMO_PASSWORD, loginAs, nextAddress, snapshotCounts, testApp, unitIdByCode, type Session, type TestApp } from '../support/db.ts';

/**
 * "Bad input" of the foundation issue, one test per class: each gets a coded 4xx, nothing is
 * half-written (row counts of every table before/after), the server keeps answering, no 500.
 */
describe.each(backends())('bad input [%s]', (backend) => {
  let t: TestApp;
  let admin: Session;
  let hcm: string;

  beforeAll(async () => {
    t = await testApp(backend);
    admin = await loginAs(t.app, 'admin');
    hcm = await unitIdByCode(t.db, 'HCM');
  });
  afterAll(async () => t?.close());

  /** Send a bad request and check the refusal is coded, clean and harmless. */
  async function refused(send: () => Promise<LightMyRequestResponse>, status: number, code: string, mayShrink: string[] = []): Promise<LightMyRequestResponse> {
    const before = await snapshotCounts(t.db);
    const res = await send();
    expect(res.statusCode, res.body).toBe(status);
    expect(res.statusCode).toBeLessThan(500);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect((res.json() as { error: { code: string } }).error.code).toBe(code);
    const after = await snapshotCounts(t.db);
    // A refused write adds no data row; only the audit trail may record the refusal itself.
    for (const table of mayShrink) {
      expect(after[table]!).toBeLessThanOrEqual(before[table]!);
      after[table] = before[table]!;
    }
    expect({ ...after, audit_log: 0 }).toEqual({ ...before, audit_log: 0 });
    const health = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(200);
    return res;
  }

  const postUnit = (payload: string | object, headers: Record<string, string> = admin.write) =>
    t.app.inject({ method: 'POST', url: '/api/units', headers: { 'content-type': 'application/json', ...headers }, payload: typeof payload === 'string' ? payload : JSON.stringify(payload) });
  const goodUnit = (over: Record<string, unknown> = {}) => ({ code: `BAD-${Math.floor(Math.random() * 1e9)}`, name: 'Đơn vị hợp lệ', type: 'department', level: 'city', parentId: hcm, ...over });

  it.each([
    ['truncated', '{"code": "X1", "name": '],
    ['trailing comma', '{"code": "X1",}'],
    ['single quotes', "{'code': 'X1'}"],
    ['empty body', ''],
    ['prototype pollution', '{"__proto__": {"admin": true}, "code": "X1"}'],
  ])('malformed JSON (%s) → 400 bad_request', async (_l, body) => {
    await refused(() => postUnit(body), 400, 'bad_request');
  });

  it('unknown fields are refused by the strict schemas → 400 with the field named', async () => {
    const res = await refused(() => postUnit(goodUnit({ isAdmin: true })), 400, 'validation_failed');
    expect((res.json() as { error: { issues: { code: string }[] } }).error.issues[0]!.code).toBe('unrecognized_keys');
    await refused(() => t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: DEMO_PASSWORD, role: 'system_admin' }, remoteAddress: nextAddress() }), 400, 'validation_failed');
  });

  it('an oversized body (> 1 MiB) → 413 payload_too_large', async () => {
    await refused(() => postUnit(goodUnit({ name: 'x'.repeat(1024 * 1024 + 10) })), 413, 'payload_too_large');
  });

  it.each([
    ['name as a number', { name: 42 }, 'body.name'],
    ['parentId as an object', { parentId: { id: 1 } }, 'body.parentId'],
    ['type as an array', { type: ['department'] }, 'body.type'],
    ['validFrom not a date', { validFrom: '31/12/2025' }, 'body.validFrom'],
    ['communeCode as a number', { communeCode: 26743 }, 'body.communeCode'],
  ])('wrong type (%s) → 400 naming the field', async (_l, over, path) => {
    const res = await refused(() => postUnit(goodUnit(over)), 400, 'validation_failed');
    expect((res.json() as { error: { issues: { path: string }[] } }).error.issues.map((i) => i.path)).toContain(path);
  });

  it('wrong types in the query string and path → 400', async () => {
    await refused(() => t.app.inject({ method: 'GET', url: '/api/units?limit=abc&offset=-1', headers: admin.read }), 400, 'validation_failed');
    await refused(() => t.app.inject({ method: 'GET', url: "/api/units/1'%20or%20'1'='1", headers: admin.read }), 400, 'validation_failed');
  });

  it('a non-JSON content type → 415', async () => {
    await refused(() => t.app.inject({ method: 'POST', url: '/api/units', headers: { ...admin.write, 'content-type': 'text/xml' }, payload: '<unit/>' }), 415, 'unsupported_media_type');
  });

  it('an unknown unit id → 422 organisation.unknown_unit', async () => {
    await refused(() => postUnit(goodUnit({ parentId: '00000000-0000-4000-8000-000000000000' })), 422, 'organisation.unknown_unit');
    await refused(
      () => t.app.inject({ method: 'POST', url: '/api/people', headers: admin.write, payload: { fullName: 'Không có đơn vị', unitId: '00000000-0000-4000-8000-000000000000' } }),
      422,
      'organisation.unknown_unit',
    );
  });

  it('an unknown commune code → 422 organisation.unknown_commune', async () => {
    await refused(() => postUnit(goodUnit({ communeCode: '99999' })), 422, 'organisation.unknown_commune');
    const pv01 = await unitIdByCode(t.db, 'CATP-PV01');
    await refused(
      () => t.app.inject({ method: 'POST', url: '/api/users', headers: admin.write, payload: { username: 'xa.khongco', displayName: 'x', unitId: pv01, roles: ['viewer'], communeCodes: ['00000'], password: 'Mat-khau-hop-le-1' } }),
      422,
      'organisation.unknown_commune',
    );
  });

  it.each([
    ['<script>alert(1)</script>'],
    ["'; drop table units; --"],
    ['Robert"); DROP TABLE users;--'],
    ['%_\\ 100% _ký tự đặc biệt_'],
    ['<img src=x onerror=alert(1)> Phường Bến Thành'],
  ])('script or SQL text in a name (%j) is stored and returned literally', async (name) => {
    const created = await t.app.inject({ method: 'POST', url: '/api/units', headers: admin.write, payload: goodUnit({ name }) });
    expect(created.statusCode).toBe(201);
    expect(created.headers['content-type']).toMatch(/application\/json/);
    const { id } = created.json() as { id: string };
    const back = await t.app.inject({ method: 'GET', url: `/api/units/${id}`, headers: admin.read });
    expect((back.json() as { name: string }).name).toBe(name);
    const row = await t.db.selectFrom('units').select('name').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.name).toBe(name);
    // Searching with the same text finds it and nothing was executed.
    const search = await t.app.inject({ method: 'GET', url: `/api/units?q=${encodeURIComponent(name)}`, headers: admin.read });
    expect(search.statusCode).toBe(200);
    expect((search.json() as { items: { id: string }[] }).items.map((u) => u.id)).toContain(id);
    expect((await t.app.inject({ method: 'GET', url: '/api/units?limit=1', headers: admin.read })).statusCode).toBe(200);
    expect(await t.db.selectFrom('users').select('id').limit(1).execute()).toHaveLength(1);
  });

  it.each([
    ['a NUL byte in a search', () => t.app.inject({ method: 'GET', url: '/api/units?q=ben%00thanh', headers: admin.read })],
    ['a NUL byte in a login name', () => t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'adm\u0000in', password: 'x' }, remoteAddress: nextAddress() })],
    ['a lone surrogate in a name', () => postUnit(`{"code":"SURR-1","name":"Tên \\ud800 lỗi","type":"department","level":"city","parentId":"${hcm}"}`)],
    ['a NUL byte in an audit filter', () => t.app.inject({ method: 'GET', url: '/api/audit?action=unit%00', headers: admin.read })],
  ])('text the database cannot store (%s) → 400, not 500', async (_l, send) => {
    await refused(send, 400, 'bad_request');
  });

  it('a forged session cookie → 401 session_expired, and the cookie is cleared', async () => {
    const res = await refused(() => t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: 'ph_session=forged-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' } }), 401, 'session_expired');
    expect(res.cookies.find((c) => c.name === 'ph_session')?.value).toBe('');
    await refused(() => postUnit(goodUnit(), { cookie: 'ph_session=forged', 'x-csrf-token': 'forged' }), 401, 'session_expired');
  });

  it('an expired session → 401 session_expired, also for writes', async () => {
    const s = await loginAs(t.app, 'thammuu');
    await t.db.updateTable('sessions').set({ expires_at: new Date(Date.now() - 1000) }).where('user_id', '=', s.userId).execute();
    // The expired session row itself is removed when it is presented.
    await refused(() => t.app.inject({ method: 'GET', url: '/api/units', headers: s.read }), 401, 'session_expired', ['sessions']);
    expect(await t.db.selectFrom('sessions').select('id').where('user_id', '=', s.userId).execute()).toHaveLength(0);
    await refused(() => postUnit(goodUnit(), s.write), 401, 'session_expired');
  });

  it('a cookie-authenticated write without or with a wrong CSRF token → 403 csrf_failed', async () => {
    await refused(() => postUnit(goodUnit(), { cookie: admin.cookie }), 403, 'csrf_failed');
    await refused(() => postUnit(goodUnit(), { cookie: admin.cookie, 'x-csrf-token': 'x'.repeat(admin.csrf.length) }), 403, 'csrf_failed');
    await refused(() => postUnit(goodUnit(), { cookie: admin.cookie, 'x-csrf-token': `${admin.csrf}x` }), 403, 'csrf_failed');
    // Another session's token does not fit this session.
    const other = await loginAs(t.app, 'admin');
    await refused(() => postUnit(goodUnit(), { cookie: admin.cookie, 'x-csrf-token': other.csrf }), 403, 'csrf_failed');
    // Even with an invalid body the CSRF refusal comes first.
    await refused(() => postUnit({ nonsense: true }, { cookie: admin.cookie }), 403, 'csrf_failed');
    // Logout is a write too.
    await refused(() => t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: admin.cookie } }), 403, 'csrf_failed');
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: admin.read })).statusCode).toBe(200);
  });

  it('a cross-origin login → 403 csrf_failed and no session', async () => {
    const res = await refused(
      () => t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { origin: 'https://evil.example' }, payload: { username: 'admin', password: DEMO_PASSWORD }, remoteAddress: nextAddress() }),
      403,
      'csrf_failed',
    );
    expect(res.cookies.find((c) => c.name === 'ph_session')).toBeUndefined();
    await refused(
      () => t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { origin: 'null' }, payload: { username: 'admin', password: DEMO_PASSWORD }, remoteAddress: nextAddress() }),
      403,
      'csrf_failed',
    );
    await refused(
      () => t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { origin: 'https://phoihop.example.evil.example', host: 'phoihop.example' }, payload: { username: 'admin', password: DEMO_PASSWORD }, remoteAddress: nextAddress() }),
      403,
      'csrf_failed',
    );
    for (const [origin, host] of [['https://phoihop.example', 'phoihop.example'], ['http://localhost:80', 'localhost:80'], ['http://127.0.0.1:3000', '127.0.0.1:3000']]) {
      const same = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { origin: origin!, host: host! }, payload: { username: 'admin', password: DEMO_PASSWORD }, remoteAddress: nextAddress() });
      expect(same.statusCode, `${origin} on ${host}`).toBe(200);
    }
  });

  it('login throttling: more than 20 attempts a minute from one address → 429 rate_limited', async () => {
    const ip = nextAddress();
    const codes: number[] = [];
    for (let i = 0; i < 22; i++) codes.push((await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'khong.co', password: 'x' }, remoteAddress: ip })).statusCode);
    expect(codes.slice(0, 20).every((c) => c === 401)).toBe(true);
    expect(codes.slice(20)).toEqual([429, 429]);
    expect((await t.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  });
});
