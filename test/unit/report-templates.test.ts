import { describe, expect, it } from 'vitest';
import { sampleCompilation } from '../../src/server/modules/reports/review-report.fixtures.ts';
import { assignmentSentence, chairPhrase } from '../../src/server/modules/reports/templates/conclusion-notice.ts';
import { changeText, comparisonSentence, reviewReport, scorecardTable } from '../../src/server/modules/reports/templates/review-report.ts';
import { joinVi, typedSymbol, viPercent } from '../../src/server/modules/reports/templates/common.ts';
import type { Issue } from '../../src/server/modules/reports/templates/common.ts';

const issue: Issue = { system: 'state', issuingBody: 'Công an Thành phố Hồ Chí Minh', issuerName: 'Công an Thành phố Hồ Chí Minh', number: null, issuerSymbol: 'CATP', place: 'Thành phố Hồ Chí Minh', date: null, draftYear: 2026, signature: { title: 'Giám đốc', signerName: '' }, archive: ['VT'] };
const cmp = (difference: number, percent: number | null) => ({ difference, percent, percentNote: null, verdict: 'no_significant_change' as const, pValue: 0.4 });

describe('template helpers', () => {
  it.each([
    [[], ''],
    [['A'], 'A'],
    [['A', 'B'], 'A và B'],
    [['A', 'B', 'C'], 'A, B và C'],
  ])('joinVi %j', (items, out) => expect(joinVi(items)).toBe(out));
  it.each([
    ['state', 'BC', 'CATP', 'BC-CATP'],
    ['party', 'BC', 'ĐU', 'BC/ĐU'],
  ] as const)('typedSymbol %s %s %s', (s, t, i, out) => expect(typedSymbol(s, t, i)).toBe(out));
  it('viPercent uses a decimal comma', () => expect(viPercent(85.71)).toBe('85,7%'));
  it('assignment sentence (§6.2: Giao … chủ trì, phối hợp …; hoàn thành trước ngày …)', () => {
    expect(assignmentSentence({ leadUnit: { id: 'x', name: 'Công an Thành phố' }, coordinators: [{ unitName: 'Sở Tư pháp' }, { unitName: 'UBND phường Bến Thành' }] as never, deadlineOn: '2026-03-31' })).toBe(
      'Giao Công an Thành phố chủ trì, phối hợp Sở Tư pháp và UBND phường Bến Thành; hoàn thành, báo cáo kết quả trước ngày 31/03/2026.',
    );
    expect(assignmentSentence({ leadUnit: { id: 'x', name: 'Sở Y tế' }, coordinators: [], deadlineOn: null })).toBe('Giao Sở Y tế chủ trì.');
    expect(chairPhrase({ ordinal: 0, name: 'Tô Lâm', rank: 'Thượng tướng', titles: ['Bộ trưởng Bộ Công an'], personId: null })).toBe('đồng chí Thượng tướng Tô Lâm, Bộ trưởng Bộ Công an');
  });
  it.each([
    [cmp(5, 12.5), 'tăng 5 vụ (+12,5%)'],
    [cmp(-3, null), 'giảm 3 vụ'],
    [cmp(0, 0), 'bằng cùng kỳ'],
  ])('changeText %j', (c, out) => expect(changeText(c)).toBe(out));
  it('a comparison states its period and its base', () => {
    const c = sampleCompilation();
    expect(comparisonSentence('xảy ra', 41, 52, { ...cmp(-11, -21.2), verdict: 'decrease' }, c.period, c.base)).toBe(
      'Trong quý I/2026 (từ 01/01/2026 đến 31/03/2026), xảy ra 41 vụ; so với cùng kỳ quý I/2025 (52 vụ), giảm 11 vụ (−21,2%); giảm có ý nghĩa thống kê.',
    );
  });
});

describe('review report', () => {
  it('outline of §6.1 with the scorecard table, hạn chế and the Phụ lục', () => {
    const d = reviewReport({ compilation: sampleCompilation({ units: 4, actions: 4 }), issue });
    expect(d.sections.map((s) => s.title)).toEqual(['Đặc điểm tình hình', 'Kết quả thực hiện', 'Phương hướng, nhiệm vụ thời gian tới', 'Đề xuất, kiến nghị']);
    expect(d.sections[1]!.sections!.map((s) => s.title)).toContain('Hạn chế, vướng mắc');
    expect(d.symbol).toBe('BC-CATP');
    expect(d.appendices).toHaveLength(1);
    const json = JSON.stringify(d);
    expect(json).toContain('Những hạn chế nêu tại các kỳ trước');
    expect(json).toContain('Kết quả: đã khắc phục');
    expect(scorecardTable(sampleCompilation({ units: 4 }))).toMatchObject({ kind: 'table', boldLastRow: true });
  });
  it('an empty compilation is an honest empty report, not zeros', () => {
    const d = reviewReport({ compilation: sampleCompilation({ empty: true }), issue });
    const json = JSON.stringify(d);
    expect(json).toContain('không có số liệu');
    expect(json).not.toContain('"kind":"table"');
    expect(d.appendices).toEqual([]);
  });
});
