import { describe, expect, it } from 'vitest';
import { DomainError } from '../../kernel/errors.ts';
import { parentRef, parseClauses, registerYear, resolveNumber, validateClauses } from './document.ts';

const code = (fn: () => unknown): string | null => {
  try {
    fn();
    return null;
  } catch (e) {
    return e instanceof DomainError ? `${e.code}${e.issues?.[0] ? `:${e.issues[0].code}` : ''}` : String(e);
  }
};

describe('resolveNumber', () => {
  it.each([
    ['nghi_quyet', '16-NQ/TW', { system: 'party', number: 16, year: null, symbol: '16-NQ/TW' }],
    ['nghi_quyet', 'Số 16 - NQ/TW', { system: 'party', number: 16, year: null, symbol: '16-NQ/TW' }],
    ['ket_luan', '21-kl/tw', { system: 'party', number: 21, year: null, symbol: '21-KL/TW' }],
    ['nghi_quyet', '54/2017/QH14', { system: 'state_legal', number: 54, year: 2017, symbol: '54/2017/QH14' }],
    ['quyet_dinh', 'Số: 1478/QĐ-UBND', { system: 'state', number: 1478, year: null, symbol: '1478/QĐ-UBND' }],
    ['cong_van', '2030/CAT-PV05', { system: 'state', number: 2030, year: null, symbol: '2030/CAT-PV05' }],
    ['chi_thi', '03/CT-BCA-X11', { system: 'state', number: 3, year: null, symbol: '03/CT-BCA-X11' }],
  ] as const)('%s %j', (kind, typed, expected) => {
    expect(resolveNumber(kind, typed, undefined)).toEqual(expected);
  });

  it.each([
    ['nghi_quyet', '16', undefined, 'document.invalid_number:missing_symbol'],
    ['nghi_quyet', 'NQ/TW', undefined, 'document.invalid_number:no_number'],
    ['nghi_quyet', '16/NQ/TW', undefined, 'document.invalid_number:mixed_systems'],
    ['nghi_quyet', '16-XYZ/TW', undefined, 'document.invalid_number:unknown_type'],
    ['nghi_quyet', '54/3017/QH14', undefined, 'document.invalid_number:year_out_of_range'],
    ['nghi_quyet', '21-KL/TW', undefined, 'document.kind_mismatch:kind_mismatch'],
    ['nghi_quyet', '16-NQ/TW', 'state', 'document.invalid_number:mixed_systems'],
    ['nghi_quyet', null, undefined, 'document.system_required:required'],
    ['nghi_quyet', '  ', undefined, 'document.system_required:required'],
  ] as const)('%s %j (system %s) → %s', (kind, typed, system, expected) => {
    expect(code(() => resolveNumber(kind, typed, system))).toBe(expected);
  });

  it('no number with a system is a document without symbol', () => {
    expect(resolveNumber('nghi_quyet', null, 'party')).toEqual({ system: 'party', number: null, year: null, symbol: null });
  });
});

describe('registerYear', () => {
  it.each([
    [{ system: 'state_legal', number: 54, year: 2017, symbol: '54/2017/QH14' }, '2017-11-24', 2017],
    [{ system: 'party', number: 16, year: null, symbol: '16-NQ/TW' }, '2012-08-10', 2012],
    [{ system: 'party', number: 16, year: null, symbol: '16-NQ/TW' }, null, null],
  ] as const)('%j issued %s → %s', (n, on, y) => expect(registerYear(n, on)).toBe(y));
});

describe('clauses', () => {
  it.each([
    ['II.3.a', 'II.3'],
    ['II.3', 'II'],
    ['II', null],
  ])('parent of %s is %s', (ref, parent) => expect(parentRef(ref)).toBe(parent));

  it.each([
    [[{ label: 'Mục I', ref: 'I', text: '' }, { label: 'Khoản 1', ref: 'I.1', text: 'x' }], null],
    [[{ label: 'Mục I', ref: 'I', text: '' }, { label: 'Mục I', ref: 'I', text: '' }], 'document.duplicate_clause_ref:duplicate'],
    [[{ label: 'Khoản 1', ref: 'I.1', text: 'x' }], 'document.unknown_clause:missing_parent'],
    [[{ label: 'Khoản 1', ref: 'I.1', text: 'x' }, { label: 'Mục I', ref: 'I', text: '' }], 'document.unknown_clause:missing_parent'],
  ])('validate %j → %s', (list, expected) => expect(code(() => validateClauses(list))).toBe(expected));

  const cases: [string, string, [string, string, string][]][] = [
    ['roman, numbered, points', 'Căn cứ ...\nI. MỤC ĐÍCH\nNội dung mục đích\nII. NHIỆM VỤ\n1. Tuyên truyền\na) Trong cán bộ\nb) Trong nhân dân\n2. Phòng ngừa', [
      ['Mục I', 'I', 'MỤC ĐÍCH\nNội dung mục đích'],
      ['Mục II', 'II', 'NHIỆM VỤ'],
      ['Khoản 1', 'II.1', 'Tuyên truyền'],
      ['Điểm a', 'II.1.a', 'Trong cán bộ'],
      ['Điểm b', 'II.1.b', 'Trong nhân dân'],
      ['Khoản 2', 'II.2', 'Phòng ngừa'],
    ]],
    ['articles and khoản words', 'Điều 1. Phạm vi\nKhoản 1 Áp dụng cho\nĐiểm a các đơn vị\nĐiều 2. Đối tượng\n1. Công an', [
      ['Điều 1', '1', 'Phạm vi'],
      ['Khoản 1', '1.1', 'Áp dụng cho'],
      ['Điểm a', '1.1.a', 'các đơn vị'],
      ['Điều 2', '2', 'Đối tượng'],
      ['Khoản 1', '2.1', 'Công an'],
    ]],
    ['no headings', 'Chỉ là một đoạn văn.\nKhông có mục nào.', []],
    ['decimals are not headings', '1. Chỉ tiêu\n1.5 triệu lượt tuyên truyền', [['Khoản 1', '1', 'Chỉ tiêu\n1.5 triệu lượt tuyên truyền']]],
    ['repeated number gets a unique ref', '1. Một\n1. Lại một', [['Khoản 1', '1', 'Một'], ['Khoản 1', '1b2', 'Lại một']]],
    ['NFD input and CRLF', 'Điều 3. Trách nhiệm\r\na) Công an'.normalize('NFD'), [['Điều 3', '3', 'Trách nhiệm'], ['Điểm a', '3.a', 'Công an']]],
  ];
  it.each(cases)('parseClauses: %s', (_name, body, expected) => {
    const got = parseClauses(body).map((c) => [c.label, c.ref, c.text]);
    expect(got).toEqual(expected);
    // Whatever it parses passes validation.
    expect(() => validateClauses(parseClauses(body))).not.toThrow();
  });
});
