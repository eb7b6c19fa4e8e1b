import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Campaign, CampaignRollup } from '../../src/contracts/campaigns.ts';
import type { Actor } from '../../src/server/kernel/actor.ts';
import { campaignReport, indicatorName, indicatorRow, rateText, viNumber } from '../../src/server/modules/campaigns/campaign-report.ts';
import { campaignReportDocx } from '../../src/server/modules/campaigns/campaign-report.service.ts';
import { campaignRollup, createCampaign, listCampaigns } from '../../src/server/modules/campaigns/campaign.service.ts';
import type { Issue } from '../../src/server/modules/reports/templates/common.ts';
import { actorFor } from '../../src/server/seed/factories.ts';
import { backends, DEMO_PASSWORD, openTestDb, unitIdByCode, type TestDb } from '../support/db.ts';
import { zipText } from '../support/zip.ts';

/**
 * The campaign closing report (Báo cáo kết quả đợt cao điểm) built from the demo Tết campaigns:
 * last season's (closed, the closing summary) and this winter's (running, with last season as the
 * comparison window); the figures in word/document.xml are the roll-up's. A campaign without any
 * result gives the honest empty report.
 */
/** Generated samples for inspection (git-ignored). */
const ARTIFACTS = path.resolve('artifacts/reports');

/** The text of the document body: runs joined, tags dropped (a sentence may span several runs). */
const textOf = (xml: string): string =>
  xml
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'");

describe.each(backends())('campaign report (DOCX) [%s]', (backend) => {
  let t: TestDb;
  let thammuu: Actor;
  let closed: Campaign;
  let running: Campaign;
  const rollupOf = (c: Campaign, who: Actor = thammuu) => campaignRollup(t.ctx, who, c.id, { base: 'aligned', rankBy: 'cases_dismantled' });
  const docxText = async (c: Campaign, who: Actor = thammuu, sample?: string) => {
    const { bytes } = await campaignReportDocx(t.ctx, who, c.id, {});
    if (sample) fs.writeFileSync(path.join(ARTIFACTS, `${sample}-${backend}.docx`), bytes);
    return textOf(zipText(bytes, 'word/document.xml'));
  };

  beforeAll(async () => {
    t = await openTestDb(backend);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    thammuu = await actorFor(t.ctx, 'thammuu', DEMO_PASSWORD);
    const list = await listCampaigns(t.ctx, thammuu, { limit: 50, offset: 0 });
    closed = list.items.find((c) => c.state === 'closed' && c.template?.code === 'CAO-DIEM-TET')!;
    running = list.items.find((c) => c.state === 'running' && c.template?.code === 'CAO-DIEM-TET')!;
    expect(closed).toBeDefined();
    expect(running).toBeDefined();
  });
  afterAll(async () => t?.close());

  it("last season's Tết campaign: header, the four parts, the indicators with the roll-up's figures, the closing summary; audited", async () => {
    const r = await rollupOf(closed);
    expect(r.city.reports).toBeGreaterThan(0);
    const text = await docxText(closed, thammuu, 'campaign-report-closed');
    for (const s of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'CÔNG AN THÀNH PHỐ HỒ CHÍ MINH', 'BÁO CÁO', 'Nơi nhận:', 'Lưu: VT'])
      expect(text, s).toContain(s);
    expect(text).toContain(`Kết quả đợt cao điểm ${closed.name.replace(/^Cao điểm /, '')}`);
    expect(text).toMatch(/I\. TÌNH HÌNH[\s\S]*II\. KẾT QUẢ[\s\S]*III\. ĐÁNH GIÁ/);
    expect(text).toMatch(/Số:\s+\/BC-CATP/);
    expect(text).toContain(`Thời gian thực hiện: từ ngày ${viDate(closed.fromOn)} đến ngày ${viDate(closed.toOn)}`);
    for (const u of closed.units) expect(text, u.name).toContain(u.name);
    expect(text).toContain('Phạm tội về ma túy');
    // Every indicator row of the roll-up, cell by cell.
    r.city.indicators.forEach((i, n) => {
      const row = indicatorRow(i, n + 1);
      expect(row[1]).toBe(indicatorName(i.indicator));
      expect(row[3]).toBe(viNumber(i.value));
      expect(text, row.join(' | ')).toContain(row.join('\n'));
    });
    expect(text).toContain(indicatorName('cases_dismantled'));
    expect(text).toContain(rateText(r.city.clearanceRate));
    expect(text).toContain(`khám phá ${viNumber(r.city.clearanceRate.cleared)}/${viNumber(r.city.clearanceRate.detected)} vụ phát hiện`);
    // The ranking basis exactly as the roll-up states it; every unit's row.
    expect(text).toContain(r.ranking.explanation);
    for (const u of r.units) expect(text).toContain(`${u.rank ?? '—'}\n${u.unit.name}\n${viNumber(u.values.cases_dismantled ?? 0)}\n`);
    expect(text).toContain(closed.closingSummary!);
    // No earlier season: the comparison says so.
    expect(r.base.basis).toBe('none');
    expect(text).toContain(r.base.label);
    const audit = await t.db.selectFrom('audit_log').select(['entity_type', 'data']).where('action', '=', 'report.generated').where('entity_id', '=', closed.id).execute();
    expect(audit.at(-1)).toMatchObject({ entity_type: 'campaign', data: { kind: 'campaign-report', draft: true, system: 'state' } });
  });

  it("this winter's campaign: compared with last season over the stated window, base figures from the roll-up", async () => {
    const r = await rollupOf(running);
    expect(r.base.basis).toBe('aligned');
    const text = await docxText(running, thammuu, 'campaign-report-running');
    expect(text).toContain(`So sánh cùng kỳ với ${r.base.label}`);
    r.city.indicators.forEach((i, n) => {
      expect(i.base).not.toBeNull();
      expect(text).toContain(indicatorRow(i, n + 1).join('\n'));
    });
    expect(text).toContain(`cùng kỳ đợt trước: ${rateText(r.city.clearanceRate.base!)}`);
    expect(text).toContain('Đợt cao điểm đang triển khai; chưa có đánh giá khi kết thúc đợt.');
  });

  it('a ward sees its own row only, and the report says so', async () => {
    const benthanh = await actorFor(t.ctx, 'canbo.benthanh', DEMO_PASSWORD);
    const r = await rollupOf(closed, benthanh);
    expect(r.allUnitsVisible).toBe(false);
    const text = await docxText(closed, benthanh);
    expect(text).toContain('chỉ gồm các đơn vị thuộc phạm vi của người lập báo cáo');
    expect(text).toContain(r.ranking.explanation);
  });

  it('a campaign without results: an honest empty report, no figures', async () => {
    const c = await createCampaign(t.ctx, thammuu, {
      name: 'Cao điểm kiểm thử báo cáo rỗng',
      fromOn: t.ctx.today(),
      toOn: t.ctx.today(),
      ownerUnitId: await unitIdByCode(t.db, 'CATP'),
      targetCategories: [],
      unitIds: [await unitIdByCode(t.db, 'CATP-PC04')],
      indicators: [
        { indicator: 'cases_dismantled', target: 12 },
        { indicator: 'clearance_rate', target: 75 },
      ],
    });
    const text = await docxText(c);
    expect(text).toContain('chưa có đơn vị nào báo cáo kết quả trong hệ thống; báo cáo không nêu số liệu thay cho kết quả.');
    expect(text).toContain('Chỉ tiêu được giao: số vụ điều tra khám phá, triệt phá 12 và tỷ lệ điều tra khám phá 75%.');
    expect(text).not.toContain('Chỉ tiêu giao');
    expect(text).not.toContain('Hạng');
    expect(text).toContain('Loại tội phạm, vụ việc trọng tâm: mọi loại.');
    expect(text).toContain('Văn bản phát động: chưa ghi nhận trong hệ thống.');
    expect(text).toContain('Đợt cao điểm chưa triển khai; chưa có đánh giá khi kết thúc đợt.');
  });
});

const viDate = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;

describe('campaign report template (pure)', () => {
  it.each([
    [0, '0'],
    [7, '7'],
    [1234, '1.234'],
    [1234567, '1.234.567'],
    [12.5, '12,5'],
    [0.125, '0,125'],
    [-3, '−3'],
  ])('viNumber(%s) = %s', (x, s) => expect(viNumber(x)).toBe(s));

  it('indicator names carry their unit once', () => {
    expect(indicatorName('cases_detected')).toBe('Số vụ phát hiện (vụ)');
    expect(indicatorName('seized_drugs_kg')).toBe('Ma túy thu giữ (kg)');
  });

  it('a launching document is named by kind, number and date', () => {
    const issue: Issue = { system: 'state', issuingBody: 'CÔNG AN THÀNH PHỐ HỒ CHÍ MINH', issuerName: 'Công an Thành phố Hồ Chí Minh', number: null, issuerSymbol: 'CATP', place: 'Thành phố Hồ Chí Minh', date: null, draftYear: 2026, signature: { title: 'GIÁM ĐỐC', signerName: '' }, archive: ['VT'] };
    const unit = { id: 'u1', code: 'CATP', name: 'Công an Thành phố Hồ Chí Minh', communeCode: null };
    const campaign: Campaign = {
      id: 'c1', name: 'Cao điểm Tết 2026', description: null, fromOn: '2026-01-10', toOn: '2026-03-05', state: 'closed', template: null,
      document: { id: 'd1', symbol: '12/KH-CATP', summary: 'Về cao điểm Tết' }, ownerUnit: unit, targetCategories: [], units: [unit],
      indicators: [], closingSummary: 'Hoàn thành.', closedAt: '2026-03-06T10:00:00Z', version: 3, abilities: {},
    } as unknown as Campaign;
    const rollup = { period: { from: '2026-01-10', to: '2026-03-05', days: 55, totalDays: 55, label: 'từ 10/01/2026 đến 05/03/2026' }, city: { reports: 0, unitsReporting: 0, units: 1, indicators: [] } } as unknown as CampaignRollup;
    const doc = campaignReport({ campaign, rollup, document: { kind: 'ke_hoach', symbol: '12/KH-CATP', issuedOn: '2026-01-05', summary: 'Về cao điểm Tết' }, issue });
    expect(doc.subject).toBe('Kết quả đợt cao điểm Tết 2026');
    const tinhHinh = doc.sections[0]!.blocks!.map((b) => (b.kind === 'paragraph' ? String(b.text) : '')).join('\n');
    expect(tinhHinh).toMatch(/Văn bản phát động: .+ số 12\/KH-CATP ngày 05\/01\/2026 về cao điểm Tết\./);
    expect(doc.sections[2]!.blocks).toEqual([{ kind: 'paragraph', text: 'Hoàn thành.' }]);
  });
});
