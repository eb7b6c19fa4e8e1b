import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { backends, countRows, loginAs, nextAddress, testApp, type Session, type TestApp } from '../support/db.ts';
import { zipText } from '../support/zip.ts';

describe.each(backends())('HTTP awards [%s]', (backend) => {
  let t: TestApp;
  let leader: Session;
  let staff: Session;
  let officer: Session;
  const get = (url: string, s: Session) => t.app.inject({ method: 'GET', url, headers: s.read });
  const post = (url: string, payload: unknown, s: Session) => t.app.inject({ method: 'POST', url, payload: payload as object, headers: s.write, remoteAddress: nextAddress() });
  const code = (r: { json: () => unknown }) => (r.json() as { error: { code: string } }).error.code;

  beforeAll(async () => {
    t = await testApp(backend);
    leader = await loginAs(t.app, 'lanhdao');
    staff = await loginAs(t.app, 'thammuu');
    officer = await loginAs(t.app, 'canbo.saigon');
  });
  afterAll(async () => t?.close());

  it('kinds, prefill, nominate, review, decide and download the decision and the certificate as DOCX', async () => {
    const kinds = await get('/api/awards/kinds', officer);
    expect(kinds.statusCode).toBe(200);
    expect(kinds.json().items.map((k: { kind: string }) => k.kind)).toContain('knc_bv_antq');

    const person = (await sql<{ id: string }>`select id from people where full_name = 'Lý Thanh Tâm'`.execute(t.db)).rows[0]!.id;
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
    const base = { kind: 'giay_khen', nomineeType: 'person', personId: person, periodFrom: '2025-07-01', periodTo: today, facts: { excellentYears: 1 } };
    const pre = await post('/api/awards/prefill', base, staff);
    expect(pre.statusCode).toBe(200);
    expect(pre.json().eligibility.verdict).toBe('eligible');

    expect((await post('/api/awards/nominations', { ...base, summary: 'x' }, officer)).statusCode).toBe(403);
    const bad = await post('/api/awards/nominations', { ...base, periodFrom: today, periodTo: '2025-07-01', summary: 'x' }, staff);
    expect([bad.statusCode, code(bad)]).toEqual([422, 'award.invalid_period']);
    const created = await post('/api/awards/nominations', { ...base, summary: 'Phó Trưởng Công an phường hoàn thành tốt nhiệm vụ.' }, staff);
    expect(created.statusCode).toBe(201);
    const n = created.json();

    const early = await post('/api/awards/decisions', { numberSymbol: '21/QĐ-CATP', decidedOn: today, issuerName: 'Công an Thành phố Hồ Chí Minh', signerTitle: 'GIÁM ĐỐC', signerName: 'Trung tướng Trần Minh Khôi', nominationIds: [n.id] }, leader);
    expect([early.statusCode, code(early)]).toEqual([422, 'award.review_required']);

    const rv = await post(`/api/awards/nominations/${n.id}/review`, { version: n.version, councilName: 'Hội đồng Thi đua - Khen thưởng Công an phường Sài Gòn', metOn: today, memberCount: 5, votes: [{ memberName: 'A', vote: 'for' }, { memberName: 'B', vote: 'for' }, { memberName: 'C', vote: 'abstain', opinion: 'Cần bổ sung minh chứng' }, { memberName: 'D', vote: 'for' }] }, staff);
    expect(rv.statusCode).toBe(200);
    expect(rv.json().state).toBe('approved');

    const issued = await post('/api/awards/decisions', { numberSymbol: 'Số: 21/QĐ-CATP', decidedOn: today, issuerName: 'Công an Thành phố Hồ Chí Minh', signerTitle: 'GIÁM ĐỐC', signerName: 'Trung tướng Trần Minh Khôi', nominationIds: [n.id] }, leader);
    expect(issued.statusCode).toBe(201);
    const d = issued.json();
    expect(d.symbol).toBe('21/QĐ-CATP');
    expect(d.docx).toBe(true);
    const before = await countRows(t.db, 'award_decisions');
    const dup = await post('/api/awards/decisions/recorded', { kind: 'giay_khen', numberSymbol: '21/QĐ-CATP', decidedOn: today, issuerName: 'Công an Thành phố Hồ Chí Minh', signerTitle: 'GIÁM ĐỐC', signerName: 'X', awardees: [{ nomineeType: 'person', personId: person }] }, leader);
    expect([dup.statusCode, code(dup)]).toEqual([409, 'document.duplicate_number']);
    expect(await countRows(t.db, 'award_decisions')).toBe(before);

    const docx = await get(`/api/awards/decisions/${d.id}/decision.docx`, staff);
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toContain('officedocument.wordprocessingml');
    const xml = zipText(docx.rawPayload, 'word/document.xml');
    for (const s of ['QUYẾT ĐỊNH', 'Số: 21/QĐ-CATP', 'Thiếu tá Lý Thanh Tâm', 'Giấy khen', 'Trung tướng Trần Minh Khôi']) expect(xml).toContain(s);
    const cert = await get(`/api/awards/grants/${d.grants[0].id}/certificate.docx`, staff);
    expect(cert.statusCode).toBe(200);
    expect(zipText(cert.rawPayload, 'word/document.xml')).toContain('GIẤY CHỨNG NHẬN');

    const other = await loginAs(t.app, 'canbo.benthanh');
    expect((await get(`/api/awards/decisions/${d.id}/decision.docx`, other)).statusCode).toBe(404);
    expect((await get(`/api/awards/nominations/${n.id}`, other)).statusCode).toBe(404);

    const h = await get(`/api/awards/history?personId=${person}`, leader);
    expect(h.json().grants.map((g: { decision: { symbol: string } }) => g.decision.symbol)).toEqual(['21/QĐ-CATP']);
  });
});
