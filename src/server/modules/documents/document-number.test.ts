import { describe, expect, it } from 'vitest';
import { formatDocumentNumber, formatNumberLine, parseDocumentNumber } from './document-number.ts';

type Valid = [input: string, canonical: string, fields: Record<string, unknown>];

const valid: Valid[] = [
  // Party: <n>-<TYPE>/<ISSUER> (HD 36-HD/VPTW)
  ['16-NQ/TW', '16-NQ/TW', { system: 'party', number: 16, typeAbbr: 'NQ', kind: 'nghi_quyet', issuer: 'TW', units: [] }],
  ['21-KL/TW', '21-KL/TW', { system: 'party', kind: 'ket_luan' }],
  ['46-CT/TW', '46-CT/TW', { system: 'party', kind: 'chi_thi' }],
  ['36-HD/VPTW', '36-HD/VPTW', { kind: 'huong_dan', issuer: 'VPTW' }],
  ['1234-CV/TU', '1234-CV/TU', { kind: 'cong_van', issuer: 'TU' }],
  ['08-QĐi/TW', '08-QĐi/TW', { number: 8, typeAbbr: 'QĐi', kind: 'quy_dinh' }],
  ['399-QĐ/TW', '399-QĐ/TW', { kind: undefined, typeAbbr: 'QĐ' }], // Party QĐ: quyết định or quy định
  ['12-TB/TU', '12-TB/TU', { kind: 'thong_bao' }],
  ['05-TT/TW', '05-TT/TW', { kind: 'thong_tri' }],
  ['12-NQ/ĐU', '12-NQ/ĐU', { issuer: 'ĐU' }],
  ['Số 36-HD/VPTW', '36-HD/VPTW', {}],
  ['số 16 - NQ/TW', '16-NQ/TW', { number: 16 }],
  ['Số: 16 -NQ / TW', '16-NQ/TW', {}],
  ['16-nq/tw', '16-NQ/TW', {}],
  ['8-qđi/tw', '08-QĐi/TW', {}],
  ['8-QDi/TW', '08-QĐi/TW', {}],
  ['16–NQ/TW', '16-NQ/TW', {}], // en dash
  ['24-ctr/\u00d0U', '24-CTr/ĐU', { kind: 'chuong_trinh', issuer: 'ĐU' }], // legacy Ð
  // State: <n>/<TYPE>-<ISSUER>[-<UNIT>…] (NĐ 30/2020)
  ['15/QĐ-BNV', '15/QĐ-BNV', { system: 'state', number: 15, typeAbbr: 'QĐ', kind: 'quyet_dinh', issuer: 'BNV', units: [] }],
  ['Số: 15/QĐ-BNV', '15/QĐ-BNV', {}],
  ['số: 15 / qđ - bnv', '15/QĐ-BNV', {}],
  ['15/QD-BNV', '15/QĐ-BNV', {}],
  ['Số: 15/QĐ-BNV'.normalize('NFD'), '15/QĐ-BNV', {}],
  ['1478/QĐ-UBND', '1478/QĐ-UBND', { issuer: 'UBND' }],
  ['125/BC-UBND', '125/BC-UBND', { kind: 'bao_cao' }],
  ['34/KH-UBND', '34/KH-UBND', { kind: 'ke_hoach' }],
  ['2030/CAT-PV05', '2030/CAT-PV05', { kind: 'cong_van', issuer: 'CAT', units: ['PV05'], typeAbbr: undefined }],
  ['5/BNV-VP', '05/BNV-VP', { number: 5, kind: 'cong_van' }],
  ['12/UBND-VX', '12/UBND-VX', { kind: 'cong_van', issuer: 'UBND', units: ['VX'] }],
  ['03/CT-BCA-X11', '03/CT-BCA-X11', { number: 3, kind: 'chi_thi', issuer: 'BCA', units: ['X11'] }],
  ['1685/NQ-UBTVQH15', '1685/NQ-UBTVQH15', { kind: 'nghi_quyet', issuer: 'UBTVQH15' }],
  ['7/QyĐ-UBND', '07/QyĐ-UBND', { kind: 'quy_dinh' }],
  ['3/qyd-ubnd', '03/QyĐ-UBND', { kind: 'quy_dinh' }],
  ['9/TTr-CAT', '09/TTr-CAT', { kind: 'to_trinh' }],
  ['4/QC-UBND-CAT', '04/QC-UBND-CAT', { kind: 'quy_che', units: ['CAT'] }],
  ['1270/BC-TCTTTg', '1270/BC-TCTTTg', { issuer: 'TCTTTg' }],
  ['17/ĐA-UBND', '17/ĐA-UBND', { kind: 'de_an' }],
  ['2/GM-UBND', '02/GM-UBND', { kind: 'other', typeAbbr: 'GM' }],
  ['Số: 15/QĐ-BNV.', '15/QĐ-BNV', {}],
  // Legal normative documents: <n>/<yyyy>/<TYPE>-<ISSUER> or <n>/<yyyy>/QH<term>
  ['54/2017/QH14', '54/2017/QH14', { system: 'state_legal', year: 2017, issuer: 'QH14', kind: undefined, typeAbbr: undefined }],
  ['99/2025/QH15', '99/2025/QH15', { year: 2025 }],
  ['02/2022/UBTVQH15', '02/2022/UBTVQH15', { issuer: 'UBTVQH15' }],
  ['19/2025/QĐ-TTg', '19/2025/QĐ-TTg', { kind: 'quyet_dinh', issuer: 'TTg' }],
  ['19/2025/qđ-ttg', '19/2025/QĐ-TTg', {}],
  ['30/2020/NĐ-CP', '30/2020/NĐ-CP', { kind: 'nghi_dinh', issuer: 'CP' }],
  ['30/2020/ND-CP', '30/2020/NĐ-CP', {}],
  ['1/2024/TT-BCA', '01/2024/TT-BCA', { kind: 'thong_tu', number: 1 }],
  [
    '01/2017/TTLT-BCA-BQP-BTC-BNN&PTNT-VKSNDTC',
    '01/2017/TTLT-BCA-BQP-BTC-BNN&PTNT-VKSNDTC',
    { kind: 'thong_tu', typeAbbr: 'TTLT', issuer: 'BCA', units: ['BQP', 'BTC', 'BNN&PTNT', 'VKSNDTC'] },
  ],
  ['12/2020/NQ-HĐND', '12/2020/NQ-HĐND', { kind: 'nghi_quyet', issuer: 'HĐND' }],
];

type Invalid = [input: string, reason: string];

const invalid: Invalid[] = [
  ['', 'empty'],
  ['   ', 'empty'],
  ['abc', 'no_number'],
  ['Số:', 'no_number'],
  ['NQ/TW', 'no_number'],
  ['16', 'missing_symbol'],
  ['16/', 'missing_symbol'],
  ['16-', 'missing_symbol'],
  ['16/NQ-', 'missing_issuer'],
  ['16/NQ', 'missing_issuer'],
  ['16-NQ', 'missing_issuer'],
  ['16-NQ/', 'missing_issuer'],
  ['16/2017', 'missing_issuer'],
  ['54/2017/', 'missing_issuer'],
  ['16-/TW', 'missing_type'],
  ['16-XYZ/TW', 'unknown_type'],
  ['16-QyĐ/TW', 'unknown_type'], // QyĐ is a state abbreviation only
  ['5/2020/XYZ-CP', 'unknown_type'],
  ['5/2020/UBND', 'unknown_type'],
  ['54/3017/QH14', 'year_out_of_range'],
  ['54/1900/QH14', 'year_out_of_range'],
  ['54/17/QH14', 'year_out_of_range'],
  ['0/QĐ-UBND', 'number_out_of_range'],
  ['123456789012/QĐ-UBND', 'number_out_of_range'],
  ['16.NQ/TW', 'bad_separator'],
  ['16 NQ/TW', 'bad_separator'],
  ['16_NQ/TW', 'bad_separator'],
  ['16//QĐ-UBND', 'bad_separator'],
  ['16--NQ/TW', 'bad_separator'],
  ['16/QĐ--UBND', 'bad_separator'],
  ['16-NQ/TW/HCM', 'bad_separator'],
  ['16/2017/QH14/X', 'bad_separator'],
  ['16/NQ/TW', 'mixed_systems'],
  ['15-QĐ-BNV', 'mixed_systems'],
  ['15/QĐ-B.NV', 'invalid_character'],
  ['16-NQ/T(W)', 'invalid_character'],
];

describe('parseDocumentNumber', () => {
  it.each(valid)('%j → %s', (input, canonical, fields) => {
    const r = parseDocumentNumber(input);
    expect(r).toMatchObject({ ok: true, value: { canonical } });
    if (!r.ok) return;
    for (const [k, v] of Object.entries(fields)) expect(r.value[k as keyof typeof r.value], k).toEqual(v);
    // The canonical form is a fixed point.
    expect(parseDocumentNumber(canonical)).toEqual(r);
  });

  it.each(invalid)('%j → %s', (input, reason) => {
    expect(parseDocumentNumber(input)).toMatchObject({ ok: false, reason });
  });

  it('has at least 40 rows', () => expect(valid.length + invalid.length).toBeGreaterThanOrEqual(40));

  it('reports the offending part', () => {
    expect(parseDocumentNumber('16-XYZ/TW')).toEqual({ ok: false, reason: 'unknown_type', params: { type: 'XYZ' } });
    expect(parseDocumentNumber('54/3017/QH14')).toEqual({ ok: false, reason: 'year_out_of_range', params: { year: '3017' } });
  });
});

describe('formatDocumentNumber / formatNumberLine', () => {
  it.each([
    [{ system: 'state', number: 15, typeAbbr: 'QĐ', issuer: 'BNV' }, '15/QĐ-BNV', 'Số: 15/QĐ-BNV'],
    [{ system: 'state', number: 5, issuer: 'BNV', units: ['VP'] }, '05/BNV-VP', 'Số: 05/BNV-VP'],
    [{ system: 'party', number: 36, typeAbbr: 'HD', issuer: 'VPTW' }, '36-HD/VPTW', 'Số 36-HD/VPTW'],
    [{ system: 'party', number: 8, typeAbbr: 'QĐi', issuer: 'TW' }, '08-QĐi/TW', 'Số 08-QĐi/TW'],
    [{ system: 'state_legal', number: 30, year: 2020, typeAbbr: 'NĐ', issuer: 'CP' }, '30/2020/NĐ-CP', 'Số: 30/2020/NĐ-CP'],
    [{ system: 'state_legal', number: 54, year: 2017, issuer: 'QH14' }, '54/2017/QH14', 'Số: 54/2017/QH14'],
  ] as const)('%j', (parts, canonical, line) => {
    expect(formatDocumentNumber(parts)).toBe(canonical);
    expect(formatNumberLine(parts)).toBe(line);
  });

  it('prints what it parsed', () => {
    const r = parseDocumentNumber('số 3 / ct - bca - x11');
    expect(r.ok && formatNumberLine(r.value)).toBe('Số: 03/CT-BCA-X11');
  });
});
