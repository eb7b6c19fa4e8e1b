import type { DocumentKind, DocumentNumberError, DocumentSystem, ParsedDocumentNumber } from '../../../contracts/documents.ts';

/**
 * Document numbers (số, ký hiệu văn bản): parse what people type, validate, print.
 *
 * - State documents, Nghị định 30/2020/NĐ-CP Phụ lục I (ô số 3): "Số: 15/QĐ-BNV" — "/" between the
 *   number and the symbol, "-" between the symbol's groups, numbers below 10 with a leading zero;
 *   a công văn has no type abbreviation ("Số: 05/BNV-VP"). Abbreviations: Phụ lục III.
 * - Legal normative documents (văn bản quy phạm pháp luật) carry the year: "30/2020/NĐ-CP";
 *   National Assembly laws and resolutions have no type part: "54/2017/QH14".
 * - Party documents, Hướng dẫn 36-HD/VPTW: "Số 36-HD/VPTW" — "-" between the number and the type,
 *   "/" before the issuer, no colon after "Số". Party types are a closed list (Quy định 66-QĐ/TW,
 *   replaced by 399-QĐ/TW).
 */

export type ParseResult =
  | { ok: true; value: ParsedDocumentNumber }
  | { ok: false; reason: DocumentNumberError; params?: Record<string, string | number> };

/** What is needed to print a number. */
export type DocumentNumberParts = {
  system: DocumentSystem;
  number: number;
  year?: number;
  typeAbbr?: string;
  issuer: string;
  units?: readonly string[];
};

type TypeTable = ReadonlyMap<string, { abbr: string; kind: DocumentKind | undefined }>;

function table(entries: [abbr: string, kind: DocumentKind | undefined][]): TypeTable {
  return new Map(entries.map(([abbr, kind]) => [abbr.toUpperCase(), { abbr, kind }]));
}

/** NĐ 30/2020 Phụ lục III (Mục I), plus KL (inspection conclusions) and the VBQPPL types. */
const STATE_TYPES = table([
  ['NQ', 'nghi_quyet'], ['QĐ', 'quyet_dinh'], ['CT', 'chi_thi'], ['QC', 'quy_che'], ['QyĐ', 'quy_dinh'],
  ['TC', 'other'], ['TB', 'thong_bao'], ['HD', 'huong_dan'], ['CTr', 'chuong_trinh'], ['KH', 'ke_hoach'],
  ['PA', 'other'], ['ĐA', 'de_an'], ['DA', 'other'], ['BC', 'bao_cao'], ['BB', 'bien_ban'], ['TTr', 'to_trinh'],
  ['HĐ', 'other'], ['CĐ', 'other'], ['BGN', 'other'], ['BTT', 'other'], ['GUQ', 'other'], ['GM', 'other'],
  ['GGT', 'other'], ['GNP', 'other'], ['PG', 'other'], ['PC', 'other'], ['PB', 'other'], ['SY', 'other'],
  ['TrS', 'other'], ['SL', 'other'], ['KL', 'ket_luan'],
  ['NĐ', 'nghi_dinh'], ['TT', 'thong_tu'], ['TTLT', 'thong_tu'], ['NQLT', 'nghi_quyet'],
]);

/**
 * Types that may precede the issuer in a number with a year (Luật Ban hành VBQPPL; older chỉ thị
 * and joint resolutions kept for historical texts; L-CTN is a Presidential order).
 */
const LEGAL_TYPES = table([
  ['NQ', 'nghi_quyet'], ['NĐ', 'nghi_dinh'], ['QĐ', 'quyet_dinh'], ['TT', 'thong_tu'], ['TTLT', 'thong_tu'],
  ['NQLT', 'nghi_quyet'], ['CT', 'chi_thi'], ['L', 'other'],
]);

/**
 * Party types (Quy định 66-QĐ/TW, 399-QĐ/TW; abbreviations per HD 36-HD/VPTW practice). Closed list.
 * "QĐ" numbers both quyết định and central quy định (66-QĐ/TW and 399-QĐ/TW are quy định), so it
 * does not tell the kind.
 */
const PARTY_TYPES = table([
  ['NQ', 'nghi_quyet'], ['CT', 'chi_thi'], ['KL', 'ket_luan'], ['QĐ', undefined], ['QĐi', 'quy_dinh'],
  ['QC', 'quy_che'], ['TB', 'thong_bao'], ['HD', 'huong_dan'], ['TT', 'thong_tri'], ['BC', 'bao_cao'],
  ['KH', 'ke_hoach'], ['CTr', 'chuong_trinh'], ['TTr', 'to_trinh'], ['ĐA', 'de_an'], ['PA', 'other'],
  ['CV', 'cong_van'], ['BB', 'bien_ban'], ['BS', 'other'], ['TC', 'other'], ['GM', 'other'],
]);

/** Abbreviations typed without "Đ" (unambiguous ones only: DA and ĐA are different state types). */
const WITHOUT_D: Record<string, string> = { QD: 'QĐ', ND: 'NĐ', QYD: 'QYĐ', QDI: 'QĐI', CD: 'CĐ' };

function lookup(types: TypeTable, raw: string): { abbr: string; kind: DocumentKind | undefined } | undefined {
  const key = raw.toUpperCase();
  return types.get(key) ?? types.get(WITHOUT_D[key] ?? '');
}

/** National Assembly and its Standing Committee: no type part ("99/2025/QH15", "02/2022/UBTVQH15"). */
const LEGISLATURE = /^(?:QH|UBTVQH)\d{1,2}$/;
/** Letters, digits and "&" ("BNN&PTNT"). */
const SYMBOL_PART = /^[\p{L}\d&]+$/u;
/** Vietnam's state documents start in 1945; anything past 2099 is a typo. */
const YEAR_MIN = 1945;
const YEAR_MAX = 2099;
/** Phụ lục VI NĐ 30/2020: the number field (CodeNumber) holds at most 11 characters. */
const MAX_NUMBER_DIGITS = 11;

type Failure = Extract<ParseResult, { ok: false }>;
const fail = (reason: DocumentNumberError, params?: Record<string, string | number>): Failure =>
  params ? { ok: false, reason, params } : { ok: false, reason };

/** Upper-case an agency code; "TTg" (Thủ tướng) keeps its lower-case g, as printed ("QĐ-TTg"). */
function normaliseCode(part: string): string {
  return part.toUpperCase().replace(/TTG$/, 'TTg');
}

/** Normalise the loose ways people type a number: "Số: 15 / qđ - bnv", NFD, en dashes, Ð. */
function normalise(raw: string): string {
  return raw
    .normalize('NFC')
    .replace(/\u00d0/g, 'Đ')
    .replace(/\u00f0/g, 'đ')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\uff0f/g, '/')
    .trim()
    .replace(/^(?:số|so|no)\s*[:.]?\s*/iu, '')
    .replace(/[\s.,;:]+$/u, '')
    .replace(/\s*([-/])\s*/g, '$1');
}

export function parseDocumentNumber(raw: string): ParseResult {
  if (raw.trim() === '') return fail('empty');
  const s = normalise(raw);
  const head = /^\d+/.exec(s);
  if (!head) return fail('no_number');
  const digits = head[0];
  const rest = s.slice(digits.length);
  if (rest === '' || rest === '-' || rest === '/') return fail('missing_symbol');
  const sep = rest[0];
  const body = rest.slice(1);
  if (sep === '-' && body.startsWith('/')) return fail('missing_type');
  if ((sep !== '-' && sep !== '/') || body.startsWith('-') || body.startsWith('/') || /\s/.test(body)) {
    return fail('bad_separator');
  }
  const number = Number(digits);
  const parsed = sep === '-' ? parseParty(body) : parseState(body);
  if ('reason' in parsed) return parsed;
  if (number < 1 || digits.replace(/^0+/, '').length > MAX_NUMBER_DIGITS) return fail('number_out_of_range', { number: digits });
  const parts = { ...parsed, number };
  const value: ParsedDocumentNumber = { ...parts, canonical: formatDocumentNumber(parts) };
  return { ok: true, value };
}

type SymbolParts = Omit<ParsedDocumentNumber, 'number' | 'canonical'>;

/** `<TYPE>/<ISSUER>` after "<n>-". */
function parseParty(body: string): SymbolParts | Failure {
  const slash = body.split('/');
  if (slash.length === 1) return body.includes('-') ? fail('mixed_systems') : fail('missing_issuer');
  if (slash.length > 2) return fail('bad_separator');
  const [type = '', issuerPart = ''] = slash;
  if (type === '') return fail('missing_type');
  if (issuerPart === '') return fail('missing_issuer');
  if (type.includes('-')) return fail('bad_separator');
  const t = lookup(PARTY_TYPES, type);
  if (!t) return fail('unknown_type', { type });
  const codes = splitCodes(issuerPart);
  if ('reason' in codes) return codes;
  return { system: 'party', typeAbbr: t.abbr, ...(t.kind ? { kind: t.kind } : {}), issuer: codes[0]!, units: codes.slice(1) };
}

/** `<TYPE>-<ISSUER>…`, `<ISSUER>-<UNIT>` (công văn) or `<yyyy>/<TYPE>-<ISSUER>…` after "<n>/". */
function parseState(body: string): SymbolParts | Failure {
  const slash = body.split('/');
  if (slash.length > 2) return fail('bad_separator');
  if (slash.length === 2) {
    const [yearText = '', symbol = ''] = slash;
    if (!/^\d+$/.test(yearText)) return fail('mixed_systems');
    const year = Number(yearText);
    if (yearText.length !== 4 || year < YEAR_MIN || year > YEAR_MAX) return fail('year_out_of_range', { year: yearText });
    if (symbol === '') return fail('missing_issuer');
    const segs = symbol.split('-');
    const t = lookup(LEGAL_TYPES, segs[0]!);
    if (t) {
      const codes = splitCodes(segs.slice(1).join('-'));
      if ('reason' in codes) return codes;
      return { system: 'state_legal', year, typeAbbr: t.abbr, ...(t.kind ? { kind: t.kind } : {}), issuer: codes[0]!, units: codes.slice(1) };
    }
    const upper = normaliseCode(symbol);
    if (!LEGISLATURE.test(upper)) return fail('unknown_type', { type: segs[0]! });
    return { system: 'state_legal', year, issuer: upper, units: [] };
  }
  const segs = body.split('-');
  const t = lookup(STATE_TYPES, segs[0]!);
  if (t) {
    const codes = splitCodes(segs.slice(1).join('-'));
    if ('reason' in codes) return codes;
    return { system: 'state', typeAbbr: t.abbr, ...(t.kind ? { kind: t.kind } : {}), issuer: codes[0]!, units: codes.slice(1) };
  }
  // No type: a công văn, "<agency>-<drafting unit>" (NĐ 30/2020 Phụ lục III, Mẫu 1.5).
  if (/^\d+$/.test(segs[0]!)) return fail('missing_issuer');
  const codes = splitCodes(body);
  if ('reason' in codes) return codes;
  return { system: 'state', kind: 'cong_van', issuer: codes[0]!, units: codes.slice(1) };
}

/** "TW", "BCA-X11", "BCA-BQP-BNN&PTNT" → codes; the first is the issuer. */
function splitCodes(text: string): string[] | Failure {
  if (text === '') return fail('missing_issuer');
  const parts = text.split('-');
  if (parts.some((p) => p === '')) return fail('bad_separator');
  for (const p of parts) if (!SYMBOL_PART.test(p)) return fail('invalid_character', { part: p });
  return parts.map(normaliseCode);
}

/** Two digits at least: "numbers < 10 get a leading 0" (NĐ 30/2020 Phụ lục I; Party practice too: 08-QĐi/TW). */
const pad = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** Canonical text: "16-NQ/TW", "05/BNV-VP", "30/2020/NĐ-CP", "54/2017/QH14". */
export function formatDocumentNumber(p: DocumentNumberParts): string {
  const codes = [p.issuer, ...(p.units ?? [])];
  if (p.system === 'party') return `${pad(p.number)}-${p.typeAbbr ?? ''}/${codes.join('-')}`;
  const symbol = [...(p.typeAbbr ? [p.typeAbbr] : []), ...codes].join('-');
  if (p.system === 'state_legal') return `${pad(p.number)}/${p.year ?? ''}/${symbol}`;
  return `${pad(p.number)}/${symbol}`;
}

/**
 * The number line as printed on the document: state "Số: 15/QĐ-BNV" (NĐ 30/2020 Phụ lục I:
 * "Số" then a colon); Party "Số 36-HD/VPTW" (HD 36-HD/VPTW samples: no colon).
 */
export function formatNumberLine(p: DocumentNumberParts): string {
  return p.system === 'party' ? `Số ${formatDocumentNumber(p)}` : `Số: ${formatDocumentNumber(p)}`;
}
