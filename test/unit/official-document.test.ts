import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/server/kernel/errors.ts';
import {
  A4,
  basisLines,
  buildOfficialDocx,
  headerColumns,
  isAbbreviatedPlace,
  kinhGuiLines,
  markEnd,
  numberLine,
  placeDateLine,
  recipientLines,
  resolveMargins,
  roman,
  sectionLabel,
  signatureLines,
  signaturePrefix,
  validateOfficialDocument,
  withEndMark,
  type OfficialDocument,
} from '../../src/server/modules/reports/official-document.ts';
import { PARTY_SAMPLE, STATE_SAMPLE } from '../../src/server/modules/reports/official-document.fixtures.ts';
import { textWidthPt } from '../../src/server/modules/reports/text-width.ts';
import { zipEntries, zipText } from '../support/zip.ts';

const reasonOf = (fn: () => unknown): string | null => {
  try {
    fn();
    return null;
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    return `${e.code}:${String(e.params.field)}:${String(e.params.reason)}`;
  }
};

describe('place and date line (NĐ 30/2020 Phụ lục I ô 4)', () => {
  it.each([
    ['2026-01-05', 'Thành phố Hồ Chí Minh, ngày 05 tháng 01 năm 2026'],
    ['2026-02-09', 'Thành phố Hồ Chí Minh, ngày 09 tháng 02 năm 2026'],
    ['2026-03-10', 'Thành phố Hồ Chí Minh, ngày 10 tháng 3 năm 2026'],
    ['2019-06-29', 'Thành phố Hồ Chí Minh, ngày 29 tháng 6 năm 2019'],
    ['2025-12-31', 'Thành phố Hồ Chí Minh, ngày 31 tháng 12 năm 2025'],
  ])('%s → %s', (date, line) => expect(placeDateLine('Thành phố Hồ Chí Minh', date)).toBe(line));
  it('a draft leaves day and month blank', () => expect(placeDateLine('Thành phố Hồ Chí Minh', null, 2026)).toMatch(/^Thành phố Hồ Chí Minh, ngày\s+tháng\s+năm 2026$/));
  it.each([
    ['TP.HCM', true],
    ['TP. Hồ Chí Minh', true],
    ['Tp Hồ Chí Minh', true],
    ['Thành phố HCM', true],
    ['Thành phố Hồ Chí Minh', false],
    ['Hà Nội', false],
  ])('place %s abbreviated: %s', (place, abbreviated) => expect(isAbbreviatedPlace(place)).toBe(abbreviated));
});

describe('number line (document-number grammar)', () => {
  it.each([
    ['state', 15, 'BC-CATP', 'Số: 15/BC-CATP'],
    ['state', 5, 'TB-CATP-PV01', 'Số: 05/TB-CATP-PV01'],
    ['state', 12, 'qđ-ubnd', 'Số: 12/QĐ-UBND'],
    ['party', 12, 'BC/ĐU', 'Số 12-BC/ĐU'],
    ['party', 3, 'TB/TU', 'Số 03-TB/TU'],
  ] as const)('%s %s %s → %s', (system, n, symbol, line) => expect(numberLine(system, n, symbol)).toBe(line));
  it('drafts keep the symbol and leave the number blank', () => {
    expect(numberLine('state', null, 'BC-CATP')).toMatch(/^Số:\s+\/BC-CATP$/);
    expect(numberLine('party', null, 'BC/ĐU')).toMatch(/^Số\s+-BC\/ĐU$/);
  });
  it.each([
    ['state', 'BC/ĐU', 'invalid_symbol'],
    ['party', 'BC-CATP', 'invalid_symbol'],
    ['state', 'XYZ/ABC', 'invalid_symbol'],
    ['party', 'XYZ/TU', 'invalid_symbol'],
    ['state', '2020/NĐ-CP', 'wrong_system'],
  ] as const)('%s symbol %s refused: %s', (system, symbol, reason) => expect(reasonOf(() => numberLine(system, 1, symbol))).toBe(`report.invalid_document:symbol:${reason}`));
});

describe('signature block (NĐ 30 PL I ô 7a; HD 36)', () => {
  it.each([
    ['state', 'TM', 'TM.'],
    ['state', 'KT', 'KT.'],
    ['state', 'TL', 'TL.'],
    ['state', 'TUQ', 'TUQ.'],
    ['state', 'Q', 'Q.'],
    ['party', 'TM', 'T/M'],
    ['party', 'KT', 'K/T'],
    ['party', 'TL', 'T/L'],
  ] as const)('%s %s → %s', (system, p, text) => expect(signaturePrefix(system, p)).toBe(text));
  it.each([['TUQ'], ['Q']] as const)('Party documents have no %s', (p) => expect(reasonOf(() => signaturePrefix('party', p))).toBe('report.invalid_document:signature.prefix:prefix_not_in_system'));
  it('lines in capitals', () => {
    expect(signatureLines('state', { prefix: 'KT', authority: 'Giám đốc', title: 'Phó Giám đốc', signerName: 'x' })).toEqual(['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC']);
    expect(signatureLines('party', { prefix: 'TM', authority: 'Ban Thường vụ', title: 'Phó Bí thư', signerName: 'x' })).toEqual(['T/M BAN THƯỜNG VỤ', 'PHÓ BÍ THƯ']);
    expect(signatureLines('state', { title: 'Giám đốc', signerName: 'x' })).toEqual(['GIÁM ĐỐC']);
    expect(reasonOf(() => signatureLines('state', { prefix: 'TM', title: 'Chủ tịch', signerName: 'x' }))).toBe('report.invalid_document:signature.authority:required');
  });
});

describe('lists and labels', () => {
  it('Nơi nhận ends with "- Lưu: VT, …."', () => {
    expect(recipientLines(['Ban Thường vụ Thành ủy;', '- Sở Tư pháp'], ['PV01', 'VT'])).toEqual(['- Ban Thường vụ Thành ủy;', '- Sở Tư pháp;', '- Lưu: VT, PV01.']);
    expect(recipientLines([], [])).toEqual(['- Lưu: VT.']);
  });
  it('căn cứ: ";" then "."', () => expect(basisLines(['Căn cứ A', 'Căn cứ B;'])).toEqual(['Căn cứ A;', 'Căn cứ B.']));
  it('kính gửi: one line, or a list', () => {
    expect(kinhGuiLines(['Ban Thường vụ Thành ủy'])).toEqual(['Kính gửi: Ban Thường vụ Thành ủy.']);
    expect(kinhGuiLines(['A', 'B'])).toEqual(['Kính gửi:', '- A;', '- B.']);
  });
  it.each([
    [0, 0, 'I.'],
    [0, 3, 'IV.'],
    [0, 8, 'IX.'],
    [1, 0, '1.'],
    [1, 11, '12.'],
    [2, 0, 'a)'],
    [2, 4, 'đ)'],
    [2, 5, 'e)'],
    [2, 6, 'g)'],
  ])('section label depth %i index %i → %s', (depth, index, label) => expect(sectionLabel(depth, index)).toBe(label));
  it('roman', () => expect([1, 4, 9, 14, 40, 1990].map(roman)).toEqual(['I', 'IV', 'IX', 'XIV', 'XL', 'MCMXC']));
  it.each([
    ['Báo cáo.', 'Báo cáo./.'],
    ['Báo cáo', 'Báo cáo./.'],
    ['Báo cáo./.', 'Báo cáo./.'],
    ['thực hiện;', 'thực hiện./.'],
  ])('end mark %s → %s', (a, b) => expect(withEndMark(a)).toBe(b));
  it('the end mark goes on the last paragraph of the body, or after a final table', () => {
    const d = markEnd({ ...STATE_SAMPLE, closing: undefined });
    const last = JSON.stringify(d.sections.at(-1));
    expect(last).toContain('Các đơn vị phối hợp chặt chẽ./.');
    const t = markEnd({ ...STATE_SAMPLE, closing: [{ kind: 'table', columns: [{ header: 'A', width: 1 }], rows: [['x']] }] });
    expect(t.closing?.at(-1)).toMatchObject({ kind: 'paragraph', text: './.' });
  });
});

describe('margins and validation', () => {
  it('state margins must stay in NĐ 30 ranges; Party margins are configurable', () => {
    expect(resolveMargins('state', undefined)).toEqual({ top: 20, bottom: 20, left: 30, right: 15 });
    expect(resolveMargins('state', { top: 25, left: 35 })).toMatchObject({ top: 25, left: 35 });
    expect(reasonOf(() => resolveMargins('state', { left: 25 }))).toBe('report.invalid_document:margins.left:out_of_range');
    expect(reasonOf(() => resolveMargins('state', { top: 30 }))).toBe('report.invalid_document:margins.top:out_of_range');
    expect(resolveMargins('party', { top: 25, bottom: 25, left: 35, right: 15 })).toEqual({ top: 25, bottom: 25, left: 35, right: 15 });
  });
  it.each<[string, Partial<OfficialDocument>, string]>([
    ['abbreviated place', { place: 'TP.HCM' }, 'place:abbreviated'],
    ['empty subject', { subject: ' ' }, 'subject:required'],
    ['bad date', { date: '05/01/2026' }, 'date:invalid_date'],
    ['zero number', { number: 0 }, 'number:invalid_number'],
    ['table row width', { closing: [{ kind: 'table', columns: [{ header: 'A', width: 1 }], rows: [['x', 'y']] }] }, 'table:row_width'],
  ])('%s refused', (_, patch, reason) => expect(reasonOf(() => validateOfficialDocument({ ...STATE_SAMPLE, ...patch }))).toBe(`report.invalid_document:${reason}`));
  it('the samples are valid', () => {
    expect(() => validateOfficialDocument(STATE_SAMPLE)).not.toThrow();
    expect(() => validateOfficialDocument(PARTY_SAMPLE)).not.toThrow();
  });
});

describe('text width and header columns', () => {
  it('Times metrics: bold is wider; diacritics take the base letter', () => {
    expect(textWidthPt('Độc lập', 13, true)).toBeCloseTo(textWidthPt('Doc lap', 13, true));
    expect(textWidthPt('ABC', 12, true)).toBeGreaterThan(textWidthPt('ABC', 12));
    expect(textWidthPt('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 12, true)).toBeGreaterThan(240);
  });
  it('the right column fits the place-date line, within 55–70 % of the text width', () => {
    const w = A4.width - 1701 - 850;
    const [l, r] = headerColumns('state', w, 'Thành phố Hồ Chí Minh, ngày 05 tháng 01 năm 2026');
    expect(l + r).toBe(w);
    expect(r / w).toBeGreaterThanOrEqual(0.55);
    expect(r / w).toBeLessThanOrEqual(0.7);
  });
});

/** The DOCX itself: the XML Word and LibreOffice read. */
describe('DOCX output', () => {
  it('state format: A4, margins, Times New Roman, sizes, header texts, Nơi nhận, signature', async () => {
    const bytes = await buildOfficialDocx(STATE_SAMPLE);
    expect([...zipEntries(bytes).keys()]).toEqual(expect.arrayContaining(['[Content_Types].xml', 'word/document.xml', 'word/styles.xml']));
    const xml = zipText(bytes, 'word/document.xml');
    expect(xml).toContain('<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"/>');
    // 20 / 15 / 20 / 30 mm in twips.
    expect(xml).toMatch(/<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701"/);
    expect(xml).toContain('w:ascii="Times New Roman"');
    expect(xml).not.toMatch(/w:ascii="(?!Times New Roman)/);
    for (const text of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'BỘ CÔNG AN', 'CÔNG AN THÀNH PHỐ HỒ CHÍ MINH', 'Số: 15/BC-CATP', 'Thành phố Hồ Chí Minh, ngày 05 tháng 01 năm 2026', 'BÁO CÁO', 'I. ĐẶC ĐIỂM TÌNH HÌNH', 'II. KẾT QUẢ THỰC HIỆN', '1. Kết quả thực hiện các nhiệm vụ', 'a) Ưu điểm', 'Nơi nhận:', '- Lưu: VT, PV01.', 'KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC', 'Thiếu tướng Lê Quang Hưng', 'Ban Thường vụ Thành ủy./.', 'Phụ lục', 'Kèm theo Báo cáo số 15/BC-CATP ngày 05 tháng 01 năm 2026 của Công an Thành phố Hồ Chí Minh'])
      expect(xml, text).toContain(text);
    const runOf = (text: string) => {
      const i = xml.indexOf(`>${text}<`);
      return xml.slice(xml.lastIndexOf('<w:r>', i), i);
    };
    // Sizes in half-points: Quốc hiệu 12 bold, Tiêu ngữ 13 bold, date 13 italic, title 14 bold, Nơi nhận 12 bold italic, list 11.
    expect(runOf('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')).toMatch(/<w:b\/>.*<w:sz w:val="24"\/>/);
    expect(runOf('Độc lập - Tự do - Hạnh phúc')).toMatch(/<w:b\/>.*<w:sz w:val="26"\/>/);
    expect(runOf('BỘ CÔNG AN')).toMatch(/<w:b w:val="false"\/>.*<w:sz w:val="26"\/>/);
    expect(runOf('Thành phố Hồ Chí Minh, ngày 05 tháng 01 năm 2026')).toMatch(/<w:i\/>.*<w:sz w:val="26"\/>/);
    expect(runOf('BÁO CÁO')).toMatch(/<w:b\/>.*<w:sz w:val="28"\/>/);
    expect(runOf('Nơi nhận:')).toMatch(/<w:b\/>.*<w:i\/>.*<w:sz w:val="24"\/>/);
    expect(runOf('- Lưu: VT, PV01.')).toContain('<w:sz w:val="22"/>');
    // Body: justified, first line 1.27 cm, 6 pt after.
    expect(/<w:spacing w:after="120" w:before="0" w:line="240" w:lineRule="auto"\/><w:ind w:firstLine="720"\/><w:jc w:val="both"\/>/.test(xml)).toBe(true);
    // Page numbers from page 2: a different first page, PAGE field in the default header.
    expect(xml).toContain('<w:titlePg/>');
    const headers = [...zipEntries(bytes).keys()].filter((k) => /^word\/header\d+\.xml$/.test(k)).map((k) => zipText(bytes, k));
    expect(headers.some((h) => h.includes('PAGE'))).toBe(true);
  });

  it('Party format: ĐẢNG CỘNG SẢN VIỆT NAM, star, "Số 12-BC/ĐU", T/M, sizes of HD 36', async () => {
    const xml = zipText(await buildOfficialDocx(PARTY_SAMPLE), 'word/document.xml');
    for (const text of ['ĐẢNG CỘNG SẢN VIỆT NAM', 'ĐẢNG BỘ THÀNH PHỐ HỒ CHÍ MINH', 'ĐẢNG ỦY CÔNG AN THÀNH PHỐ', '>*<', 'Số 12-BC/ĐU', 'Thành phố Hồ Chí Minh, ngày 15 tháng 3 năm 2026', 'T/M BAN THƯỜNG VỤ', 'PHÓ BÍ THƯ', 'Nơi nhận:'])
      expect(xml, text).toContain(text);
    expect(xml).not.toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(xml).not.toContain('Số:');
    const i = xml.indexOf('>ĐẢNG CỘNG SẢN VIỆT NAM<');
    expect(xml.slice(xml.lastIndexOf('<w:r>', i), i)).toMatch(/<w:b\/>.*<w:sz w:val="30"\/>/);
    const j = xml.indexOf('>BÁO CÁO<');
    expect(xml.slice(xml.lastIndexOf('<w:r>', j), j)).toContain('<w:sz w:val="32"/>');
  });

  it('Party margins are configurable', async () => {
    const xml = zipText(await buildOfficialDocx({ ...PARTY_SAMPLE, margins: { top: 25, bottom: 25, left: 35, right: 15 } }), 'word/document.xml');
    expect(xml).toMatch(/<w:pgMar w:top="1417" w:right="850" w:bottom="1417" w:left="1984"/);
  });

  it('a draft prints blanks for the number and the day', async () => {
    const xml = zipText(await buildOfficialDocx({ ...STATE_SAMPLE, number: null, date: null, draftYear: 2026 }), 'word/document.xml');
    expect(xml).toMatch(/Số:\s+\/BC-CATP/);
    expect(xml).toMatch(/ngày\s+tháng\s+năm 2026/);
  });
});
