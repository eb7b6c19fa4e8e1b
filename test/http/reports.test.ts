import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, countRows, loginAs, testApp, unitIdByCode, type Session, type TestApp } from '../support/db.ts';
import { zipText } from '../support/zip.ts';

const MISSING = '00000000-0000-4000-8000-000000000000';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
/** Generated samples for inspection (git-ignored). */
const ARTIFACTS = path.resolve('artifacts/reports');

describe.each(backends())('HTTP reports (DOCX) [%s]', (backend) => {
  let t: TestApp;
  let admin: Session;
  let benthanh: Session;
  let thammuu: Session;
  let conferenceId: string;
  let cycleId: string;
  const get = (url: string, s?: Session) => t.app.inject({ method: 'GET', url, headers: s?.read ?? {} });
  const post = (url: string, payload: object, s: Session) => t.app.inject({ method: 'POST', url, payload, headers: s.write });
  const xmlOf = (r: { rawPayload: Buffer }) => zipText(r.rawPayload, 'word/document.xml');
  const code = (r: { json: () => unknown }) => (r.json() as { error: { code: string } }).error.code;
  const audits = async (action: string) => (await t.db.selectFrom('audit_log').select(['entity_type', 'entity_id', 'data']).where('action', '=', action).execute()) as { entity_type: string; entity_id: string | null; data: Record<string, unknown> }[];

  beforeAll(async () => {
    t = await testApp(backend);
    [admin, benthanh, thammuu] = await Promise.all([loginAs(t.app, 'admin'), loginAs(t.app, 'canbo.benthanh'), loginAs(t.app, 'thammuu')]);
    conferenceId = (await t.db.selectFrom('conferences').select('id').where('host_unit_id', '=', await unitIdByCode(t.db, 'TU-HCM-BTV')).executeTakeFirstOrThrow()).id;
    cycleId = (await t.db.selectFrom('review_cycles').select('id').orderBy('created_at').executeTakeFirstOrThrow()).id;
    fs.mkdirSync(ARTIFACTS, { recursive: true });
  });
  afterAll(async () => t?.close());

  it('answers 401 without a session', async () => {
    for (const url of [`/api/conferences/${conferenceId}/conclusion-notice.docx`, '/api/tasks/assignment-list.docx', `/api/reviews/${cycleId}/report.docx`]) expect((await get(url)).statusCode, url).toBe(401);
  });

  it('conclusion notice: a Party-format DOCX draft of the demo conference, audited', async () => {
    const r = await get(`/api/conferences/${conferenceId}/conclusion-notice.docx`, admin);
    expect(r.statusCode, r.body.slice(0, 300)).toBe(200);
    expect(r.headers['content-type']).toBe(DOCX);
    expect(String(r.headers['content-disposition'])).toMatch(/^attachment; filename="thong-bao-ket-luan-du-thao\.docx"/);
    fs.writeFileSync(path.join(ARTIFACTS, `conclusion-notice-${backend}.docx`), r.rawPayload);
    const xml = xmlOf(r);
    // The host is Ban Thường vụ Thành ủy (party committee): HD 36 format.
    for (const s of ['ĐẢNG CỘNG SẢN VIỆT NAM', 'BAN THƯỜNG VỤ THÀNH ỦY THÀNH PHỐ HỒ CHÍ MINH', 'THÔNG BÁO', 'Nguyễn Thiện Nhân', 'kết luận như sau:', '1. Nhiệm vụ cụ thể', 'Nơi nhận:', 'thông báo để các cơ quan, đơn vị biết, thực hiện./.'])
      expect(xml, s).toContain(s);
    expect(xml).toMatch(/Số\s+-TB\/TU-HCM-BTV/);
    expect(xml).toContain('w:ascii="Times New Roman"');
    expect(xml).toContain('<w:pgSz w:w="11906" w:h="16838"');
    const a = (await audits('report.generated')).filter((x) => x.entity_id === conferenceId);
    expect(a.at(-1)?.data).toMatchObject({ kind: 'conclusion-notice', draft: true, system: 'party' });
  });

  it('state format on request, with a signature', async () => {
    const r = await get(`/api/conferences/${conferenceId}/conclusion-notice.docx?system=state&issuerSymbol=VPTU&signaturePrefix=TL&signatureAuthority=${encodeURIComponent('Ban Thường vụ')}&signerTitle=${encodeURIComponent('Chánh Văn phòng')}&signerName=${encodeURIComponent('Nguyễn Văn A')}`, admin);
    expect(r.statusCode, r.body.slice(0, 300)).toBe(200);
    const xml = xmlOf(r);
    for (const s of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'TL. BAN THƯỜNG VỤ', 'CHÁNH VĂN PHÒNG', 'Nguyễn Văn A']) expect(xml, s).toContain(s);
    expect(xml).toMatch(/Số:\s+\/TB-VPTU/);
  });

  it('404 outside scope and for an unknown conference; nothing audited', async () => {
    const before = (await audits('report.generated')).length;
    expect((await get(`/api/conferences/${conferenceId}/conclusion-notice.docx`, benthanh)).statusCode).toBe(404);
    expect((await get(`/api/conferences/${MISSING}/conclusion-notice.docx`, admin)).statusCode).toBe(404);
    expect((await get(`/api/reviews/${MISSING}/report.docx`, admin)).statusCode).toBe(404);
    expect((await audits('report.generated')).length).toBe(before);
  });

  it('a bad option is refused with a coded error', async () => {
    const r = await get(`/api/conferences/${conferenceId}/conclusion-notice.docx?system=party&signaturePrefix=TUQ&signatureAuthority=X`, admin);
    expect(r.statusCode).toBe(422);
    expect(code(r)).toBe('report.invalid_document');
    expect((await get(`/api/conferences/${conferenceId}/conclusion-notice.docx?system=bogus`, admin)).statusCode).toBe(400);
  });

  it('task assignment list with the task list filters', async () => {
    const unit = await unitIdByCode(t.db, 'CATP');
    const r = await get(`/api/tasks/assignment-list.docx?unitId=${unit}&unitRole=lead`, thammuu);
    expect(r.statusCode, r.body.slice(0, 300)).toBe(200);
    expect(r.headers['content-type']).toBe(DOCX);
    fs.writeFileSync(path.join(ARTIFACTS, `assignment-list-${backend}.docx`), r.rawPayload);
    const xml = xmlOf(r);
    for (const s of ['Danh sách nhiệm vụ phân công', 'Đơn vị chủ trì', 'Đơn vị phối hợp', 'Hạn hoàn thành', 'Trạng thái', 'PHÒNG THAM MƯU', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM']) expect(xml, s).toContain(s);
  });

  it('review report from a demo review cycle', async () => {
    const r = await get(`/api/reviews/${cycleId}/report.docx`, admin);
    expect(r.statusCode, r.body.slice(0, 300)).toBe(200);
    fs.writeFileSync(path.join(ARTIFACTS, `review-report-${backend}.docx`), r.rawPayload);
    const xml = xmlOf(r);
    for (const s of ['BÁO CÁO', 'I. ĐẶC ĐIỂM TÌNH HÌNH', 'II. KẾT QUẢ THỰC HIỆN', 'III. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI', 'IV. ĐỀ XUẤT, KIẾN NGHỊ', 'Hạn chế, vướng mắc', 'so với cùng kỳ']) expect(xml, s).toContain(s);
  });

  it('issuing takes a number in the register, refuses a collision, and stores the file with the registry entry', async () => {
    const url = `/api/conferences/${conferenceId}/conclusion-notice.docx`;
    // The staff officer's scope (Công an Thành phố) does not contain the host (Ban Thường vụ Thành ủy).
    const refused = await post(url, { number: 7, issuedOn: '2026-01-05' }, thammuu);
    expect(refused.statusCode).toBe(403);
    const docsBefore = await countRows(t.db, 'documents');
    const r = await post(url, { number: 7, issuedOn: '2026-01-05' }, admin);
    expect(r.statusCode, r.body.slice(0, 300)).toBe(201);
    expect(decodeURIComponent(String(r.headers['x-document-number']))).toBe('07-TB/TU-HCM-BTV');
    const xml = xmlOf(r);
    expect(xml).toContain('Số 07-TB/TU-HCM-BTV');
    expect(xml).toContain('Thành phố Hồ Chí Minh, ngày 05 tháng 01 năm 2026');
    const documentId = String(r.headers['x-document-id']);
    const doc = await get(`/api/documents/${documentId}`, admin);
    expect(doc.statusCode).toBe(200);
    expect(doc.json()).toMatchObject({ symbol: '07-TB/TU-HCM-BTV', kind: 'thong_bao', issuedOn: '2026-01-05' });
    expect((doc.json() as { attachments: { filename: string }[] }).attachments.map((f) => f.filename)).toEqual(['thong-bao-ket-luan-07-TB-TU-HCM-BTV.docx']);
    const a = (await audits('report.generated')).find((x) => x.data.documentId === documentId);
    expect(a?.data).toMatchObject({ draft: false, numberSymbol: '07-TB/TU-HCM-BTV', registerYear: 2026 });

    const dup = await post(url, { number: 7, issuedOn: '2026-03-01' }, admin);
    expect(dup.statusCode).toBe(409);
    expect(code(dup)).toBe('document.duplicate_number');
    expect(await countRows(t.db, 'documents')).toBe(docsBefore + 1);
    // Another year is another register.
    expect((await post(url, { number: 7, issuedOn: '2027-01-04' }, admin)).statusCode).toBe(201);
    // Without a number: the next free one in the register.
    const nextOne = await post(url, { issuedOn: '2026-02-02' }, admin);
    expect(nextOne.statusCode).toBe(201);
    expect(decodeURIComponent(String(nextOne.headers['x-document-number']))).toBe('08-TB/TU-HCM-BTV');
  });
});
