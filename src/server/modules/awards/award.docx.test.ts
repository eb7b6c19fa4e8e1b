import { describe, expect, it } from 'vitest';
import type { Decision } from '../../../contracts/awards.ts';
import { buildOfficialDocx, validateOfficialDocument } from '../reports/official-document.ts';
import { awardCertificateDocument, awardDecisionDocument } from './award.docx.ts';

const decision: Decision = {
  id: '00000000-0000-4000-8000-000000000001',
  symbol: '15/QĐ-BCA',
  decidedOn: '2026-03-02',
  issuerName: 'Bộ Công an',
  documentId: null,
  kind: 'bang_khen_bo_truong',
  parentBody: null,
  signerTitle: 'BỘ TRƯỞNG',
  signerName: 'Đại tướng Lương Tam Quang',
  recorded: false,
  summary: 'Về việc tặng Bằng khen của Bộ trưởng Bộ Công an cho 1 trường hợp',
  docx: true,
  grants: [
    {
      id: '00000000-0000-4000-8000-000000000002',
      kind: 'bang_khen_bo_truong',
      nomineeType: 'person',
      personId: '00000000-0000-4000-8000-000000000003',
      unitId: '00000000-0000-4000-8000-000000000004',
      awardeeName: 'Thượng tá Bùi Quốc Bảo',
      awardeeTitle: 'Trưởng Công an phường, Công an phường Sài Gòn',
      unitName: 'Công an phường Sài Gòn',
      citation: 'Hoàn thành xuất sắc nhiệm vụ',
      nominationId: null,
      decision: { id: '00000000-0000-4000-8000-000000000001', symbol: '15/QĐ-BCA', decidedOn: '2026-03-02', issuerName: 'Bộ Công an', documentId: null },
    },
  ],
};

describe('award DOCX (NĐ 30/2020 via the reports builder)', () => {
  it.each([
    ['decision', awardDecisionDocument(decision)],
    ['certificate', awardCertificateDocument(decision.grants[0]!, decision)],
  ])('%s: a valid official document that builds to a DOCX', async (_n, doc) => {
    expect(() => validateOfficialDocument(doc)).not.toThrow();
    expect(doc.number).toBe(15);
    expect(doc.symbol).toBe('QĐ-BCA');
    expect(doc.place).toBe('Hà Nội');
    const bytes = await buildOfficialDocx(doc);
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
  });

  it('the decision lists its awardees in the appendix and cites the 2022 law for a current decision', () => {
    const doc = awardDecisionDocument(decision);
    expect(doc.appendices![0]!.blocks[0]).toMatchObject({ kind: 'table', rows: [['1', 'Thượng tá Bùi Quốc Bảo', 'Trưởng Công an phường, Công an phường Sài Gòn', 'Hoàn thành xuất sắc nhiệm vụ']] });
    expect(doc.basis![0]).toContain('Luật Thi đua, khen thưởng');
    expect(awardDecisionDocument({ ...decision, decidedOn: '2018-01-06', recorded: true }).basis).toEqual(['Xét đề nghị của cơ quan, đơn vị có liên quan']);
  });
});
