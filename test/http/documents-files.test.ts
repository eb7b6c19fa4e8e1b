import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FILE_MAX_BYTES } from '../../src/contracts/files.ts';
import { makeZip } from '../../src/server/modules/files/file.fixtures.ts';
import { backends, countRows, loginAs, testApp, type Session, type TestApp } from '../support/db.ts';

const MISSING = '00000000-0000-4000-8000-000000000000';
const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n');
const DOCX = makeZip(['[Content_Types].xml', '_rels/.rels', 'word/document.xml']);

/** A multipart/form-data body with one file part. */
function multipart(filename: string, bytes: Buffer, contentType = 'application/pdf', field = 'file'): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----phoihop${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, bytes, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe.each(backends())('HTTP files and attachments [%s]', (backend) => {
  let t: TestApp;
  let thammuu: Session;
  let benthanh: Session;
  let saigon: Session;
  let viewer: Session;
  let leader: Session;
  const upload = (s: Session | null, name: string, bytes: Buffer, type?: string) => {
    const m = multipart(name, bytes, type);
    return t.app.inject({ method: 'POST', url: '/api/files', payload: m.payload, headers: { ...m.headers, ...(s?.write ?? {}) } });
  };
  const stored = async () => ({ files: await countRows(t.db, 'files'), blobs: await countRows(t.db, 'file_blobs'), audit: await countRows(t.db, 'audit_log') });

  beforeAll(async () => {
    t = await testApp(backend);
    [thammuu, benthanh, saigon, viewer, leader] = await Promise.all([loginAs(t.app, 'thammuu'), loginAs(t.app, 'canbo.benthanh'), loginAs(t.app, 'canbo.saigon'), loginAs(t.app, 'theodoi'), loginAs(t.app, 'lanhdao')]);
  });
  afterAll(async () => t?.close());

  it('401 without a session', async () => {
    expect((await upload(null, 'a.pdf', PDF)).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: `/api/files/${MISSING}` })).statusCode).toBe(401);
  });

  it('uploads a PDF and a DOCX; downloads with the name, the type and nosniff', async () => {
    const r = await upload(benthanh, 'Báo cáo tiến độ.pdf', PDF, 'application/octet-stream');
    expect(r.statusCode).toBe(201);
    const f = r.json() as { id: string; filename: string; mime: string; size: number };
    expect(f).toMatchObject({ filename: 'Báo cáo tiến độ.pdf', mime: 'application/pdf', size: PDF.length });
    const d = await t.app.inject({ method: 'GET', url: `/api/files/${f.id}`, headers: benthanh.read });
    expect(d.statusCode).toBe(200);
    expect(d.headers['content-type']).toBe('application/pdf');
    expect(d.headers['x-content-type-options']).toBe('nosniff');
    expect(d.headers['content-disposition']).toBe(`attachment; filename="Bao cao tien do.pdf"; filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20ti%E1%BA%BFn%20%C4%91%E1%BB%99.pdf`);
    expect(d.rawPayload.equals(PDF)).toBe(true);
    const w = await upload(thammuu, 'ket-luan.docx', DOCX, 'application/pdf');
    expect(w.statusCode).toBe(201);
    expect((w.json() as { mime: string }).mime).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  });

  it.each([
    ['a .pdf name with plain ZIP bytes', 'bao-cao.pdf', makeZip(['readme.txt']), 415, 'file.type_not_allowed'],
    ['a .pdf name with an executable', 'bao-cao.pdf', Buffer.concat([Buffer.from('MZ\x90\x00'), Buffer.alloc(256)]), 415, 'file.type_not_allowed'],
    ['a .docx name with PDF bytes', 'bao-cao.docx', PDF, 415, 'file.type_not_allowed'],
    ['an HTML page', 'trang.html', Buffer.from('<html><script>alert(1)</script></html>'), 415, 'file.type_not_allowed'],
    ['an empty file', 'rong.pdf', Buffer.alloc(0), 400, 'file.empty'],
  ])('refuses %s before storage', async (_n, name, bytes, status, code) => {
    const before = await stored();
    const r = await upload(thammuu, name, bytes);
    expect(r.statusCode).toBe(status);
    expect((r.json() as { error: { code: string } }).error.code).toBe(code);
    expect(await stored()).toEqual(before);
  });

  it('refuses a file over the limit (413 file.too_large) before storage; exactly the limit is accepted', async () => {
    const before = await stored();
    const big = Buffer.concat([PDF, Buffer.alloc(FILE_MAX_BYTES + 1 - PDF.length)]);
    const r = await upload(thammuu, 'lon.pdf', big);
    expect(r.statusCode).toBe(413);
    expect((r.json() as { error: { code: string } }).error.code).toBe('file.too_large');
    expect(await stored()).toEqual(before);
    const ok = await upload(thammuu, 'vua.pdf', big.subarray(0, FILE_MAX_BYTES));
    expect(ok.statusCode).toBe(201);
  });

  it('400 without a file part, 415 when not multipart, 403 for a viewer', async () => {
    const noPart = await t.app.inject({ method: 'POST', url: '/api/files', payload: Buffer.from(`--x\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n--x--\r\n`), headers: { 'content-type': 'multipart/form-data; boundary=x', ...thammuu.write } });
    expect(noPart.statusCode).toBe(400);
    const json = await t.app.inject({ method: 'POST', url: '/api/files', payload: { file: 'x' }, headers: thammuu.write });
    expect(json.statusCode).toBe(415);
    const before = await stored();
    const v = await upload(viewer, 'a.pdf', PDF);
    expect(v.statusCode).toBe(403);
    expect(await stored()).toMatchObject({ files: before.files, blobs: before.blobs });
  });

  it("404 for a file outside the scope; visible once attached to a document the reader can see", async () => {
    const f = (await upload(thammuu, 'ke-hoach.pdf', Buffer.concat([PDF, Buffer.from('kh')]))).json() as { id: string };
    expect((await t.app.inject({ method: 'GET', url: `/api/files/${f.id}`, headers: saigon.read })).statusCode).toBe(404);
    const d = await t.app.inject({ method: 'POST', url: '/api/documents', payload: { kind: 'ke_hoach', numberSymbol: '88/KH-CAT', issuerName: 'Công an Thành phố', summary: 'Kế hoạch có tệp', issuedOn: '2025-10-10' }, headers: thammuu.write });
    const doc = d.json() as { id: string };
    const a = await t.app.inject({ method: 'POST', url: `/api/documents/${doc.id}/files`, payload: { fileId: f.id }, headers: thammuu.write });
    expect(a.statusCode).toBe(200);
    expect((a.json() as { attachments: { id: string }[] }).attachments.map((x) => x.id)).toEqual([f.id]);
    expect((await t.app.inject({ method: 'GET', url: `/api/files/${f.id}`, headers: saigon.read })).statusCode).toBe(200);
    // A file of a unit outside the staff officer's scope cannot be attached (422 file.unknown).
    const mine = (await upload(leader, 'rieng.pdf', Buffer.concat([PDF, Buffer.from('bt')]))).json() as { id: string };
    const bad = await t.app.inject({ method: 'POST', url: `/api/documents/${doc.id}/files`, payload: { fileId: mine.id }, headers: thammuu.write });
    expect(bad.statusCode).toBe(422);
    expect((bad.json() as { error: { code: string } }).error.code).toBe('file.unknown');
    const det = await t.app.inject({ method: 'DELETE', url: `/api/documents/${doc.id}/files/${f.id}`, headers: thammuu.write });
    expect((det.json() as { attachments: unknown[] }).attachments).toEqual([]);
    expect((await t.app.inject({ method: 'GET', url: `/api/files/${f.id}`, headers: saigon.read })).statusCode).toBe(404);
  });
});
