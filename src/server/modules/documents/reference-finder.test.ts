import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DocumentReference } from '../../../contracts/documents.ts';
import { dedupeReferences, findDocumentReferences } from './reference-finder.ts';

type Row = [input: string, expected: Partial<DocumentReference>[]];

const NQ16 = { kind: 'nghi_quyet', number: 16, symbol: '16-NQ/TW' } as const;

const rows: Row[] = [
  // The forms people write
  ['Nghị quyết 16-NQ/TW', [{ ...NQ16, start: 0, end: 19, text: 'Nghị quyết 16-NQ/TW' }]],
  ['Nghị quyết số 16 - NQ/TW', [{ ...NQ16, text: 'Nghị quyết số 16 - NQ/TW' }]],
  [
    'Nghị quyết 16-NQ/TW của Bộ Chính trị khóa XI về phương hướng, nhiệm vụ phát triển Thành phố; tiếp tục',
    [{ ...NQ16, issuer: 'Bộ Chính trị', term: 'XI', subject: 'phương hướng, nhiệm vụ phát triển Thành phố', text: 'Nghị quyết 16-NQ/TW của Bộ Chính trị khóa XI' }],
  ],
  ['Kết luận số 21 ngày 24/10/2017 của Bộ Chính trị', [{ kind: 'ket_luan', number: 21, symbol: undefined, date: '2017-10-24', issuer: 'Bộ Chính trị' }]],
  ['Kết luận 21, ngày 24-10-2017', [{ kind: 'ket_luan', number: 21, date: '2017-10-24' }]],
  ['thực hiện Nghị quyết 54 của Quốc hội', [{ kind: 'nghi_quyet', number: 54, issuer: 'Quốc hội', start: 10, text: 'Nghị quyết 54 của Quốc hội' }]],
  ['Nghị quyết số 54/2017/QH14', [{ kind: 'nghi_quyet', number: 54, symbol: '54/2017/QH14', issuer: 'Quốc hội' }]],
  ['Chỉ thị 46 của Bộ Chính trị', [{ kind: 'chi_thi', number: 46, issuer: 'Bộ Chính trị' }]],
  ['chỉ thị 46 của Bộ Chính trị', [{ kind: 'chi_thi', number: 46, issuer: 'Bộ Chính trị' }]],
  ['Chỉ thị 46-CT/TW ngày 22/6/2015 của Ban Bí thư', [{ kind: 'chi_thi', symbol: '46-CT/TW', date: '2015-06-22', issuer: 'Ban Bí thư' }]],
  ['Chỉ thị số 03/CT-BCA-X11, ngày 10-4-2009', [{ kind: 'chi_thi', number: 3, symbol: '03/CT-BCA-X11', date: '2009-04-10', issuer: 'Bộ Công an' }]],
  ['Chỉ thị số 03/CT-BCA-X11 ngày 10 tháng 4 năm 2009', [{ symbol: '03/CT-BCA-X11', date: '2009-04-10' }]],
  ['Chỉ thị 46 - một văn bản quan trọng', [{ kind: 'chi_thi', number: 46, symbol: undefined, text: 'Chỉ thị 46' }]],
  ['Nghị quyết Trung ương 4 (khóa XII)', [{ kind: 'nghi_quyet', plenum: 4, term: 'XII', number: undefined, text: 'Nghị quyết Trung ương 4 (khóa XII)' }]],
  ['Nghị quyết Hội nghị Trung ương 4 khóa XII', [{ kind: 'nghi_quyet', plenum: 4, term: 'XII' }]],
  [
    'Nghị quyết 28 của Ban Chấp hành Trung ương Đảng khóa XI',
    [{ kind: 'nghi_quyet', number: 28, issuer: 'Ban Chấp hành Trung ương', term: 'XI' }],
  ],
  ['Quyết định 1478/QĐ-UBND', [{ kind: 'quyet_dinh', number: 1478, symbol: '1478/QĐ-UBND' }]],
  [
    'Quyết định số 1478/QĐ-UBND ngày 29/6/2019 của Chủ tịch UBND Thành phố',
    [{ symbol: '1478/QĐ-UBND', date: '2019-06-29', issuer: 'Chủ tịch Ủy ban nhân dân Thành phố' }],
  ],
  ['Công văn số 2030/CAT-PV05', [{ kind: 'cong_van', number: 2030, symbol: '2030/CAT-PV05' }]],
  [
    'Công văn 2030/CAT-PV05 của Công an Thành phố về tăng cường tuần tra; các đơn vị',
    [{ kind: 'cong_van', issuer: 'Công an Thành phố', subject: 'tăng cường tuần tra' }],
  ],
  ['Kế hoạch số 34/KH-UBND ngày 05/01/2026', [{ kind: 'ke_hoach', symbol: '34/KH-UBND', date: '2026-01-05' }]],
  ['Kế hoạch 34 ngày 5-1-2026', [{ kind: 'ke_hoach', number: 34, date: '2026-01-05' }]],
  ['Thông báo kết luận số 12-TB/TU', [{ kind: 'thong_bao', number: 12, symbol: '12-TB/TU', text: 'Thông báo kết luận số 12-TB/TU' }]],
  ['Luật 99/2025/QH15', [{ kind: 'luat', number: 99, symbol: '99/2025/QH15', issuer: 'Quốc hội' }]],
  ['Nghị định 30/2020/NĐ-CP', [{ kind: 'nghi_dinh', symbol: '30/2020/NĐ-CP', issuer: 'Chính phủ' }]],
  ['Quyết định số 19/2025/QĐ-TTg', [{ kind: 'quyet_dinh', symbol: '19/2025/QĐ-TTg', issuer: 'Thủ tướng Chính phủ' }]],
  ['Nghị quyết số 1685/NQ-UBTVQH15', [{ symbol: '1685/NQ-UBTVQH15', issuer: 'Ủy ban Thường vụ Quốc hội' }]],
  ['Thông tư 12/2024/TT-BCA', [{ kind: 'thong_tu', symbol: '12/2024/TT-BCA', issuer: 'Bộ Công an' }]],
  [
    'Thông tư liên tịch số 01/2017/TTLT-BCA-BQP-BTC-BNN&PTNT-VKSNDTC',
    [{ kind: 'thong_tu', symbol: '01/2017/TTLT-BCA-BQP-BTC-BNN&PTNT-VKSNDTC' }],
  ],
  ['Hướng dẫn 36-HD/VPTW', [{ kind: 'huong_dan', symbol: '36-HD/VPTW', issuer: 'Văn phòng Trung ương Đảng' }]],
  ['Quy định 08-QĐi/TW', [{ kind: 'quy_dinh', number: 8, symbol: '08-QĐi/TW' }]],
  ['Quy chế phối hợp số 05/QC-CAT-BCHQS', [{ kind: 'quy_che', symbol: '05/QC-CAT-BCHQS' }]],
  ['Chương trình số 24-CTr/TU', [{ kind: 'chuong_trinh', symbol: '24-CTr/TU' }]],
  ['Đề án số 17/ĐA-UBND', [{ kind: 'de_an', symbol: '17/ĐA-UBND' }]],
  ['Tờ trình 9/TTr-CAT', [{ kind: 'to_trinh', number: 9, symbol: '09/TTr-CAT' }]],
  ['Biên bản số 2/BB-CAT', [{ kind: 'bien_ban', symbol: '02/BB-CAT' }]],
  ['Thông tri 05-TT/TW', [{ kind: 'thong_tri', symbol: '05-TT/TW' }]],
  [
    'Báo cáo số 125/BC-UBND ngày 3/7/2025 của Ủy ban nhân dân Thành phố Hồ Chí Minh về kết quả công tác.',
    [{ kind: 'bao_cao', date: '2025-07-03', issuer: 'Ủy ban nhân dân Thành phố Hồ Chí Minh', subject: 'kết quả công tác' }],
  ],
  ['quyết định số 12 của Sở Tư pháp về việc thành lập tổ công tác', [{ kind: 'quyet_dinh', number: 12, issuer: 'Sở Tư pháp', subject: 'việc thành lập tổ công tác' }]],
  // Case, tone marks, Unicode forms
  ['nghi quyet so 16', [{ kind: 'nghi_quyet', number: 16 }]],
  ['NGHỊ QUYẾT SỐ 16-NQ/TW', [{ ...NQ16 }]],
  ['chi thi so 03/ct-bca-x11', [{ kind: 'chi_thi', symbol: '03/CT-BCA-X11' }]],
  // Several references; a listed one ends the subject of the previous one
  ['Nghị quyết 16-NQ/TW và Kết luận 21-KL/TW', [{ ...NQ16 }, { kind: 'ket_luan', symbol: '21-KL/TW' }]],
  [
    'Nghị quyết 28 về Chiến lược bảo vệ Tổ quốc, Chỉ thị 46 về an ninh trật tự',
    [{ number: 28, subject: 'Chiến lược bảo vệ Tổ quốc' }, { number: 46, subject: 'an ninh trật tự' }],
  ],
  ['Kết luận 21 về sơ kết thực hiện Nghị quyết 16-NQ/TW.', [{ number: 21, subject: 'sơ kết thực hiện Nghị quyết 16-NQ/TW' }, { ...NQ16 }]],
  // Invalid dates are dropped, not invented
  ['Kết luận số 21 ngày 31/02/2017 của Bộ Chính trị', [{ kind: 'ket_luan', number: 21, date: undefined, issuer: 'Bộ Chính trị' }]],
  ['Kế hoạch số 34/KH-UBND ngày 12/13/2026', [{ symbol: '34/KH-UBND', date: undefined }]],
  // Negatives: ordinary words, no number
  ['Hội nghị quyết định tăng cường công tác phòng ngừa', []],
  ['Hội nghị quyết định 3 nhiệm vụ trọng tâm', []],
  ['Thủ tướng chỉ thị các bộ, ngành khẩn trương triển khai', []],
  ['Thủ tướng chỉ thị 5 bộ khẩn trương triển khai', []],
  ['Công an báo cáo 5 vụ việc', []],
  ['theo quy định của pháp luật', []],
  ['Luật Công an nhân dân năm 2018', []],
  ['Hội nghị có ý nghĩa rất quan trọng, ngày 10/4/2009', []],
  ['trên cơ sở quy chế đặc thù', []],
  ['', []],
];

/** toMatchObject, where a key given as undefined must be absent. */
function expectRefs(refs: DocumentReference[], expected: Partial<DocumentReference>[]): void {
  expect(refs).toHaveLength(expected.length);
  expected.forEach((e, i) => {
    const defined = Object.fromEntries(Object.entries(e).filter(([, v]) => v !== undefined));
    expect(refs[i]).toMatchObject(defined);
    for (const [k, v] of Object.entries(e)) if (v === undefined) expect(refs[i]![k as keyof DocumentReference], k).toBeUndefined();
  });
}

const fixture = (): string => fs.readFileSync(path.resolve(process.cwd(), '../shared/fixtures/hoi-nghi-phoi-hop-antt-tphcm.txt'), 'utf8');

describe('findDocumentReferences', () => {
  it.each(rows)('%j', (input, expected) => {
    const refs = findDocumentReferences(input);
    expectRefs(refs, expected);
    for (const r of refs) expect(input.slice(r.start, r.end)).toBe(r.text);
  });

  it('has at least 40 sentences', () => expect(rows.length).toBeGreaterThanOrEqual(40));

  it('reads NFD text with offsets into the input', () => {
    const input = 'Theo Nghị quyết 16-NQ/TW của Bộ Chính trị khóa XI.'.normalize('NFD');
    const [r] = findDocumentReferences(input);
    expect(r).toMatchObject({ ...NQ16, issuer: 'Bộ Chính trị', term: 'XI', start: 5 });
    expect(r!.text).toBe(input.slice(r!.start, r!.end));
    expect(r!.text.normalize('NFC')).toBe('Nghị quyết 16-NQ/TW của Bộ Chính trị khóa XI');
  });

  // Speed (100 KB well under 50 ms, no catastrophic backtracking) is measured by `npm run bench`
  // (bench/reference-finder.ts); tests assert behaviour only.
  it('finds every mention in long, dense text', () => {
    const chunk =
      'Thực hiện Nghị quyết số 16 - NQ/TW ngày 10/8/2012 của Bộ Chính trị khóa XI về phương hướng; Hội nghị quyết định ' +
      'tăng cường phối hợp, Chỉ thị 46 của Bộ Chính trị, quyết định 1478/QĐ-UBND. nghi quyet so ';
    const copies = 500;
    const refs = findDocumentReferences(chunk.repeat(copies));
    expect(refs.filter((r) => r.symbol === '16-NQ/TW')).toHaveLength(copies);
    expect(refs.filter((r) => r.symbol === '1478/QĐ-UBND')).toHaveLength(copies);
  });
});

describe('dedupeReferences', () => {
  it('groups mentions of one document and merges their details', () => {
    const refs = findDocumentReferences(
      'Nghị quyết 16-NQ/TW của Bộ Chính trị; sau đó Nghị quyết số 16 - NQ/TW ngày 10/8/2012 khóa XI; Kết luận 21 của Bộ Chính trị; Kết luận số 21 ngày 24/10/2017.',
    );
    expect(refs).toHaveLength(4);
    expect(refs[0]!.symbol).toBe(refs[1]!.symbol);
    expect(dedupeReferences(refs)).toMatchObject([
      { ...NQ16, issuer: 'Bộ Chính trị', date: '2012-08-10', term: 'XI', start: 0 },
      { kind: 'ket_luan', number: 21, issuer: 'Bộ Chính trị', date: '2017-10-24' },
    ]);
  });

  it('keeps different documents apart', () => {
    const refs = findDocumentReferences(
      'Nghị quyết 28 khóa XI; Nghị quyết 28 khóa XIII; Quyết định 15/QĐ-BNV; Quyết định 15/QĐ-UBND; Chỉ thị 15 của Bộ Công an; Nghị quyết Trung ương 4 khóa XII; Nghị quyết Trung ương 4 khóa XI.',
    );
    expect(dedupeReferences(refs)).toHaveLength(7);
  });

  it('finds exactly the six documents of the fixture', () => {
    const refs = findDocumentReferences(fixture());
    expect(refs.filter((r) => r.symbol === '16-NQ/TW')).toHaveLength(3);
    const docs = dedupeReferences(refs).map(({ start: _s, end: _e, text: _t, subject: _j, ...rest }) => rest);
    expect(docs).toEqual([
      { ...NQ16, issuer: 'Bộ Chính trị', term: 'XI' },
      { kind: 'ket_luan', number: 21, date: '2017-10-24', issuer: 'Bộ Chính trị' },
      { kind: 'nghi_quyet', number: 54, issuer: 'Quốc hội' },
      { kind: 'nghi_quyet', number: 28, issuer: 'Ban Chấp hành Trung ương', term: 'XI' },
      { kind: 'chi_thi', number: 46, issuer: 'Bộ Chính trị' },
      { kind: 'nghi_quyet', plenum: 4, issuer: 'Ban Chấp hành Trung ương', term: 'XII' },
    ]);
    const subjects = dedupeReferences(refs).map((r) => r.subject);
    expect(subjects[3]).toBe('Chiến lược bảo vệ Tổ quốc trong tình hình mới');
    expect(subjects[5]).toBe('tăng cường xây dựng, chỉnh đốn Đảng');
  });
});
