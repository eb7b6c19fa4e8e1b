import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { makeUser, TEST_PASSWORD } from '../../src/server/seed/factories.ts';
import { addMonths } from '../../src/server/modules/tips/tip-deadlines.ts';
import { SCRIPT_TEXT, solved, tipBody } from '../../src/server/modules/tips/tip.fixtures.ts';
import { PUBLIC_TIP_LIMITS } from '../../src/server/modules/tips/tip.routes.ts';
import { HCMC_COMMUNES } from '../../src/server/modules/organisation/reference/admin-units.ts';
import { vietnameseSortKey } from '../../src/server/kernel/text.ts';
import { TIP_FILE_MAX_BYTES } from '../../src/contracts/tips.ts';
import { backends, countRows, loginAs, nextAddress, testApp, unitIdByCode, type Session, type TestApp } from '../support/db.ts';
import { addDays } from '../../src/server/kernel/calendar.ts';
import { vnToday } from '../../src/server/kernel/context.ts';

const WRITE_TABLES = ['tips', 'tip_reporters', 'tip_files', 'tip_events', 'files', 'file_blobs'] as const;
const MISSING = '00000000-0000-4000-8000-000000000000';

describe.each(backends())('HTTP tips [%s]', (backend) => {
  let t: TestApp;
  let benthanh: Session;
  let saigon: Session;
  let viewer: Session;
  let leader: Session;
  let investigator: Session;
  let pc02: string;

  const get = (url: string, s?: Session) => t.app.inject({ method: 'GET', url, headers: s?.read ?? {} });
  const post = (url: string, payload: unknown, s?: Session, remoteAddress = nextAddress()) =>
    t.app.inject({ method: 'POST', url, payload: payload as object, headers: s?.write ?? {}, remoteAddress });
  const code = (r: { json: () => unknown }) => (r.json() as { error: { code: string } }).error.code;
  const counts = async () => Object.fromEntries(await Promise.all(WRITE_TABLES.map(async (x) => [x, await countRows(t.db, x)] as const)));
  const challenge = async (addr: string) => {
    const r = await t.app.inject({ method: 'GET', url: '/api/public/challenge', remoteAddress: addr });
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as { token: string; difficulty: number };
  };
  const submit = async (body: object, addr = nextAddress()) => post('/api/public/tips', { ...body, ...solved(await challenge(addr)) }, undefined, addr);
  const newTip = async (over: Parameters<typeof tipBody>[0] = {}) => {
    const r = await submit(tipBody(over));
    expect(r.statusCode, r.body).toBe(201);
    const creds = r.json() as { trackingCode: string; secret: string };
    const row = await sql<{ id: string }>`select id from tips where tracking_code = ${creds.trackingCode}`.execute(t.db);
    return { ...creds, id: row.rows[0]!.id };
  };
  const auditCount = async (action: string, entityId: string) =>
    (await sql<{ n: number }>`select count(*)::int as n from audit_log where action = ${action} and entity_id = ${entityId}`.execute(t.db)).rows[0]!.n;

  beforeAll(async () => {
    t = await testApp(backend);
    pc02 = await unitIdByCode(t.db, 'CATP-PC02');
    const cax = await unitIdByCode(t.db, 'CAX-26743');
    await makeUser(t.ctx, { username: 'tips.dtv', unitId: pc02, roles: ['unit_officer'] });
    await makeUser(t.ctx, { username: 'tips.xem', unitId: cax, roles: ['viewer'], communeCodes: ['26743'] });
    [benthanh, saigon, viewer, leader, investigator] = await Promise.all([
      loginAs(t.app, 'canbo.benthanh'),
      loginAs(t.app, 'canbo.saigon'),
      loginAs(t.app, 'tips.xem', TEST_PASSWORD),
      loginAs(t.app, 'lanhdao'),
      loginAs(t.app, 'tips.dtv', TEST_PASSWORD),
    ]);
  });
  afterAll(async () => t?.close());

  it('takes a tip without login, strips GPS from the photo, stores only a hash of the secret', async () => {
    const r = await submit(tipBody({ withPhoto: true }));
    expect(r.statusCode, r.body).toBe(201);
    const { trackingCode, secret } = r.json() as { trackingCode: string; secret: string };
    expect(trackingCode).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    expect(secret.replace(/-/g, '')).toHaveLength(20);
    const row = (await sql<{ id: string; secret_hash: string; what: string }>`select id, secret_hash, what from tips where tracking_code = ${trackingCode}`.execute(t.db)).rows[0]!;
    expect(row.secret_hash).toMatch(/^\$argon2id\$/);
    expect(row.secret_hash).not.toContain(secret);
    expect(row.what).toBe(SCRIPT_TEXT);
    const blob = (await sql<{ bytes: Buffer; mime: string }>`select b.bytes, f.mime from tip_files tf join files f on f.id = tf.file_id join file_blobs b on b.sha256 = f.sha256 where tf.tip_id = ${row.id}`.execute(t.db)).rows[0]!;
    expect(blob.mime).toBe('image/jpeg');
    expect(Buffer.from(blob.bytes).includes(Buffer.from('GPSLatitude'))).toBe(false);
    expect(Buffer.from(blob.bytes).includes(Buffer.from('Exif'))).toBe(false);

    const s = await post('/api/public/tips/status', { trackingCode: trackingCode.toLowerCase(), secret });
    expect(s.statusCode, s.body).toBe(200);
    expect(s.json()).toMatchObject({ trackingCode, status: 'received', questions: [], outcome: null });
    // the commune police is told
    const n = await get('/api/notifications', benthanh);
    expect((n.json() as { items: { kind: string }[] }).items.some((i) => i.kind === 'tip_received')).toBe(true);
  });

  it('answers a wrong secret exactly like an unknown code', async () => {
    const tip = await newTip();
    const wrong = await post('/api/public/tips/status', { trackingCode: tip.trackingCode, secret: 'AAAAA-AAAAA-AAAAA-AAAAA' });
    const unknown = await post('/api/public/tips/status', { trackingCode: 'ZZZZZ-ZZZZZ', secret: tip.secret });
    expect(wrong.statusCode).toBe(404);
    expect(unknown.statusCode).toBe(404);
    expect(wrong.body).toBe(unknown.body);
    expect(wrong.headers['content-type']).toBe(unknown.headers['content-type']);
    expect(code(wrong)).toBe('tip.not_found_or_wrong_secret');
    const answer = await post('/api/public/tips/answer', { trackingCode: tip.trackingCode, secret: 'x', questionId: MISSING, answer: 'a' });
    expect(answer.body).toBe(unknown.body);
  });

  it('takes comparable time for a wrong secret and an unknown code (one Argon2 verification each)', async () => {
    const tip = await newTip();
    const time = async (payload: object) => {
      const start = performance.now();
      const r = await post('/api/public/tips/status', payload);
      expect(r.statusCode).toBe(404);
      return performance.now() - start;
    };
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const wrong: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 5; i++) {
      wrong.push(await time({ trackingCode: tip.trackingCode, secret: `WRONG-${i}` }));
      unknown.push(await time({ trackingCode: `ZZZZZ-ZZZZ${i}`, secret: `WRONG-${i}` }));
    }
    const ratio = median(wrong) / median(unknown);
    expect(ratio).toBeGreaterThan(1 / 3);
    expect(ratio).toBeLessThan(3);
  });

  it.each([
    ['a program named .jpg', () => [{ filename: 'anh.jpg', contentBase64: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(100)]).toString('base64') }], 415, 'file.type_not_allowed'],
    ['a ZIP named .pdf', () => [{ filename: 'don.pdf', contentBase64: Buffer.from('PK\x03\x04abcdef').toString('base64') }], 415, 'file.type_not_allowed'],
    ['a WebP (no metadata stripper)', () => [{ filename: 'a.webp', contentBase64: Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8 '), Buffer.alloc(20)]).toString('base64') }], 415, 'file.type_not_allowed'],
    ['a file over 5 MiB', () => [{ filename: 'a.pdf', contentBase64: Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(TIP_FILE_MAX_BYTES)]).toString('base64') }], 413, 'file.too_large'],
  ])('refuses %s before storing anything', async (_n, files, status, want) => {
    const before = await counts();
    const r = await submit({ ...tipBody(), files: files() });
    expect(r.statusCode, r.body).toBe(status);
    expect(code(r)).toBe(want);
    expect(await counts()).toEqual(before);
  });

  it.each([
    ['an unknown commune', { communeCode: '99999' }, 'tip.unknown_commune', 'communeCode'],
    ['a commune of another province', { communeCode: '00004' }, 'tip.unknown_commune', 'communeCode'],
    ['a point outside the city', { point: { lat: 21.03, lng: 105.85 } }, 'tip.point_outside_city', 'point'],
  ])('refuses %s (422) and writes nothing', async (_n, over, want, path) => {
    const before = await counts();
    const r = await submit(tipBody(over as Parameters<typeof tipBody>[0]));
    expect(r.statusCode, r.body).toBe(422);
    expect(code(r)).toBe(want);
    expect((r.json() as { error: { issues: { path: string }[] } }).error.issues[0]!.path).toBe(path);
    expect(await counts()).toEqual(before);
  });

  it('refuses a missing, wrong or reused proof of work', async () => {
    const addr = nextAddress();
    const c = await challenge(addr);
    const s = solved(c);
    const bad = await post('/api/public/tips', { ...tipBody(), challenge: c.token, solution: `${s.solution}-nope-${'x'.repeat(10)}` }, undefined, addr);
    // a wrong solution may by chance still carry enough zero bits; that case is covered by the unit test
    if (bad.statusCode !== 201) expect(code(bad)).toBe('tip.challenge_failed');
    const forged = await post('/api/public/tips', { ...tipBody(), challenge: `${c.token.split('.')[0]}.AAAA`, solution: s.solution }, undefined, addr);
    expect(code(forged)).toBe('tip.challenge_failed');
    const addr2 = nextAddress();
    const c2 = await challenge(addr2);
    const s2 = solved(c2);
    expect((await post('/api/public/tips', { ...tipBody(), ...s2 }, undefined, addr2)).statusCode).toBe(201);
    const again = await post('/api/public/tips', { ...tipBody(), ...s2 }, undefined, addr2);
    expect(again.statusCode).toBe(400);
    expect((again.json() as { error: { params: { reason: string } } }).error.params.reason).toBe('used');
  });

  it('answers a flood with 429', async () => {
    const addr = nextAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await post('/api/public/tips', {}, undefined, addr)).statusCode);
    expect(statuses.slice(0, 5).every((s) => s === 400)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    const r = await post('/api/public/tips', {}, undefined, addr);
    expect(code(r)).toBe('rate_limited');
  });

  it('lists the city’s communes without login, in Vietnamese order, and limits floods', async () => {
    const addr = nextAddress();
    const r = await t.app.inject({ method: 'GET', url: '/api/public/communes', remoteAddress: addr });
    expect(r.statusCode, r.body).toBe(200);
    const { items } = r.json() as { items: { code: string; name: string }[] };
    expect(items).toHaveLength(168);
    expect(items).toContainEqual({ code: '26743', name: 'Phường Bến Thành' });
    const byName = [...HCMC_COMMUNES].sort((a, b) => (vietnameseSortKey(a.name) < vietnameseSortKey(b.name) ? -1 : vietnameseSortKey(a.name) > vietnameseSortKey(b.name) ? 1 : a.code < b.code ? -1 : 1));
    expect(items.map((c) => c.code)).toEqual(byName.map((c) => c.code));
    const statuses: number[] = [];
    for (let i = 1; i <= PUBLIC_TIP_LIMITS.communes; i++) statuses.push((await t.app.inject({ method: 'GET', url: '/api/public/communes', remoteAddress: addr })).statusCode);
    expect(statuses.at(-2)).toBe(200);
    expect(statuses.at(-1)).toBe(429);
  });

  it('keeps commune A out of commune B’s tips (404) and never puts the sender in lists or records', async () => {
    const tip = await newTip();
    expect((await get(`/api/tips/${tip.id}`, saigon)).statusCode).toBe(404);
    expect((await get(`/api/tips/${tip.id}/reporter`, saigon)).statusCode).toBe(404);
    const listB = (await get('/api/tips?limit=200', saigon)).json() as { items: { id: string }[] };
    expect(listB.items.some((i) => i.id === tip.id)).toBe(false);
    const listA = await get('/api/tips?limit=200', benthanh);
    expect((listA.json() as { items: { id: string }[] }).items.some((i) => i.id === tip.id)).toBe(true);
    const one = await get(`/api/tips/${tip.id}`, benthanh);
    expect(one.statusCode).toBe(200);
    for (const body of [listA.body, one.body]) {
      expect(body).not.toContain('Nguyễn Văn Báo');
      expect(body).not.toContain('0909 000 111');
    }
    expect(one.json()).toMatchObject({ what: SCRIPT_TEXT, hasReporter: true, state: 'received', abilities: { readReporter: true, recordReceipt: true } });
  });

  it('shows the sender only to the handling unit, auditing every read', async () => {
    const tip = await newTip();
    const url = `/api/tips/${tip.id}/reporter`;
    const r1 = await get(url, benthanh);
    expect(r1.statusCode, r1.body).toBe(200);
    expect(r1.json()).toMatchObject({ name: 'Nguyễn Văn Báo', phone: '0909 000 111', keepSecret: true });
    await get(url, benthanh);
    expect(await auditCount('tip.reporter_read', tip.id)).toBe(2);
    // viewers of the same commune and leaders above see the tip but not the sender: 403
    expect((await get(`/api/tips/${tip.id}`, viewer)).statusCode).toBe(200);
    expect((await get(url, viewer)).statusCode).toBe(403);
    expect((await get(`/api/tips/${tip.id}`, leader)).statusCode).toBe(200);
    expect((await get(url, leader)).statusCode).toBe(403);
    // the investigating unit before transfer cannot see the tip at all: 404
    expect((await get(url, investigator)).statusCode).toBe(404);
    expect(await auditCount('tip.reporter_read', tip.id)).toBe(2);
  });

  it('runs the legal flow: receipt, classification, transfer, extension within the law, question, outcome, notice', async () => {
    const tip = await newTip({ withPhoto: true });
    const base = `/api/tips/${tip.id}`;
    const ok = async (r: Promise<{ statusCode: number; body: string; json: () => unknown }>) => {
      const x = await r;
      expect(x.statusCode, x.body).toBe(200);
      return x.json() as { state: string; clock: { stage: string; maxExtensionUntil: string | null }; abilities: Record<string, boolean> };
    };
    expect((await post(`${base}/classification`, { classification: 'within_competence' }, benthanh)).statusCode).toBe(409);
    expect((await post(`${base}/receipt`, { officerName: 'Huỳnh Thị Mai', content: 'Tiếp nhận qua cổng' }, viewer)).statusCode).toBe(403);
    expect((await ok(post(`${base}/receipt`, { officerName: 'Huỳnh Thị Mai', content: 'Tiếp nhận qua cổng' }, benthanh))).state).toBe('recorded');
    expect((await ok(post(`${base}/classification`, { classification: 'within_competence' }, benthanh))).state).toBe('classified');
    const moved = await ok(post(`${base}/transfer`, { unitId: pc02 }, benthanh));
    expect(moved).toMatchObject({ state: 'transferred', clock: { stage: 'settlement' } });
    // after the transfer the sender is for the investigating unit only
    expect((await get(`${base}/reporter`, benthanh)).statusCode).toBe(403);
    expect((await get(`${base}/reporter`, investigator)).statusCode).toBe(200);
    // the files sent with the tip follow the tip
    const fileId = (await sql<{ file_id: string }>`select file_id from tip_files where tip_id = ${tip.id}`.execute(t.db)).rows[0]!.file_id;
    const dl = await get(`${base}/files/${fileId}`, investigator);
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toBe('image/jpeg');
    expect(dl.headers['x-content-type-options']).toBe('nosniff');
    expect(dl.rawPayload.includes(Buffer.from('GPSLatitude'))).toBe(false);
    expect((await get(`${base}/files/${fileId}`, saigon)).statusCode).toBe(404);
    expect((await get(`${base}/files/${MISSING}`, investigator)).statusCode).toBe(404);

    const today = vnToday(new Date());
    const max = addMonths(today, 2);
    const before = await countRows(t.db, 'tip_events');
    const tooFar = await post(`${base}/extensions`, { kind: 'complex', until: addDays(max, 1), decisionNo: '12/QĐ-CSHS', decidedOn: today }, investigator);
    expect(tooFar.statusCode, tooFar.body).toBe(422);
    expect(tooFar.json()).toMatchObject({ error: { code: 'tip.extension_exceeds_legal_maximum', params: { article: 'BLTTHS 2015 Điều 147 khoản 2', maxUntil: max } } });
    expect(await countRows(t.db, 'tip_events')).toBe(before);
    const proc = await post(`${base}/extensions`, { kind: 'procuracy', until: addDays(today, 30), decisionNo: '1/QĐ-VKS', decidedOn: today }, investigator);
    expect(code(proc)).toBe('tip.extension_requires_complex');
    const ext = await ok(post(`${base}/extensions`, { kind: 'complex', until: max, decisionNo: '12/QĐ-CSHS', decidedOn: today }, investigator));
    expect(ext.clock.maxExtensionUntil).toBe(addMonths(max, 2));

    const asked = (await post(`${base}/questions`, { question: 'Anh/chị thấy sự việc lúc mấy giờ?' }, investigator)).json() as { questions: { id: string }[] };
    const questionId = asked.questions[0]!.id;
    const ans = await post('/api/public/tips/answer', { trackingCode: tip.trackingCode, secret: tip.secret, questionId, answer: 'Khoảng 21 giờ <b>tối</b>' });
    expect(ans.statusCode, ans.body).toBe(200);
    expect(ans.json()).toMatchObject({ status: 'processing', questions: [{ id: questionId, answer: 'Khoảng 21 giờ <b>tối</b>' }], outcome: null });
    expect(code(await post('/api/public/tips/answer', { trackingCode: tip.trackingCode, secret: tip.secret, questionId, answer: 'lần hai' }))).toBe('tip.question_answered');

    expect((await ok(post(`${base}/outcome`, { kind: 'prosecution', decisionNo: '45/QĐ-KTVA', decidedOn: today }, investigator))).state).toBe('decided');
    const hidden = (await post('/api/public/tips/status', { trackingCode: tip.trackingCode, secret: tip.secret })).json() as { outcome: unknown; status: string };
    expect(hidden).toMatchObject({ status: 'completed', outcome: null });
    await ok(post(`${base}/sender-notified`, {}, investigator));
    const shown = (await post('/api/public/tips/status', { trackingCode: tip.trackingCode, secret: tip.secret })).json() as { outcome: { kind: string; decidedOn: string } };
    expect(shown.outcome).toMatchObject({ kind: 'prosecution', decidedOn: today });
    expect(JSON.stringify(shown)).not.toContain('45/QĐ-KTVA');
    for (const a of ['tip.receipt_recorded', 'tip.classified', 'tip.transferred', 'tip.extended', 'tip.question_asked', 'tip.decided', 'tip.sender_notified']) expect(await auditCount(a, tip.id), a).toBe(1);
  });

  it('suspends and restores; the clock stops and continues', async () => {
    const tip = await newTip();
    const base = `/api/tips/${tip.id}`;
    await post(`${base}/receipt`, { officerName: 'Huỳnh Thị Mai', content: 'x' }, benthanh);
    await post(`${base}/classification`, { classification: 'within_competence' }, benthanh);
    await post(`${base}/transfer`, { unitId: pc02 }, benthanh);
    const today = vnToday(new Date());
    const s = await post(`${base}/suspension`, { reason: 'Chờ kết quả giám định', decisionNo: '3/QĐ-TĐC', decidedOn: today }, investigator);
    expect(s.json()).toMatchObject({ state: 'suspended', clock: { stage: 'suspended', dueAt: null } });
    expect(code(await post(`${base}/extensions`, { kind: 'complex', until: addDays(today, 40), decisionNo: '1', decidedOn: today }, investigator))).toBe('tip.invalid_transition');
    const r = await post(`${base}/restoration`, { decisionNo: '4/QĐ-PH', decidedOn: today }, investigator);
    expect(r.json()).toMatchObject({ state: 'transferred', clock: { stage: 'settlement' } });
    expect(code(await post(`${base}/restoration`, { decisionNo: '4/QĐ-PH', decidedOn: addDays(today, 1) }, investigator))).toBe('tip.invalid_transition');
  });

  it('closes a source that is not about a crime', async () => {
    const tip = await newTip();
    await post(`/api/tips/${tip.id}/receipt`, { officerName: 'Huỳnh Thị Mai', content: 'x' }, benthanh);
    const r = await post(`/api/tips/${tip.id}/classification`, { classification: 'not_crime_source' }, benthanh);
    expect(r.json()).toMatchObject({ state: 'closed', clock: { stage: 'done' } });
  });

  it('answers 401 without a session on handling routes, and documents the public routes', async () => {
    expect((await get('/api/tips')).statusCode).toBe(401);
    const spec = (await get('/api/openapi.json')).json() as { paths: Record<string, unknown> };
    for (const p of ['/api/public/tips', '/api/public/tips/status', '/api/public/tips/answer', '/api/public/challenge', '/api/public/communes', '/api/tips/{id}/reporter']) expect(spec.paths[p], p).toBeDefined();
  });
});
