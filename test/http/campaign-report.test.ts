import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Campaign, CampaignRollup } from '../../src/contracts/campaigns.ts';
import { indicatorRow } from '../../src/server/modules/campaigns/campaign-report.ts';
import { backends, countRows, loginAs, testApp, unitIdByCode, type Session, type TestApp } from '../support/db.ts';
import { zipText } from '../support/zip.ts';

const MISSING = '00000000-0000-4000-8000-000000000000';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const textOf = (xml: string) => xml.replace(/<\/w:p>/g, '\n').replace(/<[^>]+>/g, '');

/** GET (draft) and POST (issue) /api/campaigns/:id/report.docx over the demo Tết campaign; scope and bad input. */
describe.each(backends())('HTTP campaign report (DOCX) [%s]', (backend) => {
  let t: TestApp;
  let admin: Session;
  let thammuu: Session;
  let benthanh: Session;
  let closed: Campaign;
  const get = (url: string, s?: Session) => t.app.inject({ method: 'GET', url, headers: s?.read ?? {} });
  const post = (url: string, payload: object, s: Session) => t.app.inject({ method: 'POST', url, payload, headers: s.write });
  const reportAudits = async () => (await t.db.selectFrom('audit_log').select('seq').where('action', '=', 'report.generated').execute()).length;

  beforeAll(async () => {
    t = await testApp(backend);
    [admin, thammuu, benthanh] = await Promise.all([loginAs(t.app, 'admin'), loginAs(t.app, 'thammuu'), loginAs(t.app, 'canbo.benthanh')]);
    const list = (await get('/api/campaigns?state=closed', thammuu)).json() as { items: Campaign[] };
    closed = list.items.find((c) => c.template?.code === 'CAO-DIEM-TET')!;
  });
  afterAll(async () => t?.close());

  it('401 without a session; the routes are in the OpenAPI document', async () => {
    expect((await get(`/api/campaigns/${closed.id}/report.docx`)).statusCode).toBe(401);
    const doc = (await get('/api/openapi.json', thammuu)).json() as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.paths['/api/campaigns/{id}/report.docx'] ?? {}).sort()).toEqual(['get', 'post']);
  });

  it('a DOCX draft of the closed Tết campaign with the figures of the roll-up the page shows', async () => {
    const r = await get(`/api/campaigns/${closed.id}/report.docx?base=calendar&rankBy=people_arrested`, thammuu);
    expect(r.statusCode, r.body.slice(0, 300)).toBe(200);
    expect(r.headers['content-type']).toBe(DOCX);
    expect(String(r.headers['content-disposition'])).toMatch(/^attachment; filename="bao-cao-ket-qua-dot-cao-diem-du-thao\.docx"/);
    expect(r.headers['x-document-number']).toBeUndefined();
    const text = textOf(zipText(r.rawPayload, 'word/document.xml'));
    const rollup = (await get(`/api/campaigns/${closed.id}/rollup?base=calendar&rankBy=people_arrested`, thammuu)).json() as CampaignRollup;
    for (const s of ['BÁO CÁO', 'I. TÌNH HÌNH', 'II. KẾT QUẢ', 'III. ĐÁNH GIÁ', 'Nơi nhận:', rollup.ranking.explanation, closed.closingSummary!]) expect(text, s).toContain(s);
    rollup.city.indicators.forEach((i, n) => expect(text).toContain(indicatorRow(i, n + 1).join('\n')));
  });

  it('issuing: the organiser side with registry rights gets a number in the register; others 403', async () => {
    const url = `/api/campaigns/${closed.id}/report.docx`;
    expect((await post(url, { issuedOn: '2026-03-02' }, benthanh)).statusCode).toBe(403);
    const docsBefore = await countRows(t.db, 'documents');
    const r = await post(url, { number: 31, issuedOn: '2026-03-02' }, admin);
    expect(r.statusCode, r.body.slice(0, 300)).toBe(201);
    expect(r.headers['content-type']).toBe(DOCX);
    expect(decodeURIComponent(String(r.headers['x-document-number']))).toBe('31/BC-CATP');
    const text = textOf(zipText(r.rawPayload, 'word/document.xml'));
    expect(text).toContain('Số: 31/BC-CATP');
    expect(text).toContain('Thành phố Hồ Chí Minh, ngày 02 tháng 3 năm 2026');
    expect(await countRows(t.db, 'documents')).toBe(docsBefore + 1);
    const doc = (await get(`/api/documents/${String(r.headers['x-document-id'])}`, admin)).json() as { summary: string };
    expect(doc.summary).toMatch(/^BÁO CÁO Kết quả đợt cao điểm/);
  });

  it('404 for a campaign outside the viewer’s scope and for an unknown one; nothing audited', async () => {
    // A campaign of the city with one department only: a ward officer does not see it.
    const created = await post(
      '/api/campaigns',
      { name: 'Cao điểm kiểm thử phạm vi', fromOn: '2026-01-05', toOn: '2026-01-20', ownerUnitId: await unitIdByCode(t.db, 'CATP'), unitIds: [await unitIdByCode(t.db, 'CATP-PC04')], indicators: [{ indicator: 'cases_dismantled', target: 5 }] },
      thammuu,
    );
    expect(created.statusCode, created.body).toBe(201);
    const id = (created.json() as Campaign).id;
    const before = await reportAudits();
    expect((await get(`/api/campaigns/${id}/report.docx`, benthanh)).statusCode).toBe(404);
    expect((await post(`/api/campaigns/${id}/report.docx`, {}, benthanh)).statusCode).toBe(404);
    expect((await get(`/api/campaigns/${MISSING}/report.docx`, thammuu)).statusCode).toBe(404);
    expect(await reportAudits()).toBe(before);
    // The ward sees the Tết campaign it takes part in.
    expect((await get(`/api/campaigns/${closed.id}/report.docx`, benthanh)).statusCode).toBe(200);
  });

  it('bad options answer 400', async () => {
    expect((await get(`/api/campaigns/${closed.id}/report.docx?rankBy=bogus`, thammuu)).statusCode).toBe(400);
    expect((await get(`/api/campaigns/not-a-uuid/report.docx`, thammuu)).statusCode).toBe(400);
  });
});
