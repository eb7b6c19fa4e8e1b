import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type ISectionOptions,
} from 'docx';
import { DomainError } from '../../kernel/errors.ts';
import { formatDocumentNumber, parseDocumentNumber } from '../documents/document-number.ts';
import { mmToTwip, ptToTwip, textWidthPt } from './text-width.ts';

/**
 * Official documents (văn bản) as DOCX, in the two formats Vietnamese bodies use:
 *
 * - `state`: Nghị định 30/2020/NĐ-CP, Phụ lục I "Thể thức, kỹ thuật trình bày văn bản hành chính"
 *   (cited below as "NĐ 30 PL I"), Mẫu 1.4 "văn bản có tên loại" of Phụ lục III;
 * - `party`: Hướng dẫn 36-HD/VPTW (03/04/2018) "thể thức và kỹ thuật trình bày văn bản của Đảng"
 *   (cited as "HD 36").
 *
 * The model (`OfficialDocument`) says what the document contains; this file decides how it looks.
 * Everything here is pure: `validateOfficialDocument` and the text helpers throw or return values,
 * `buildOfficialDocx` returns the bytes. Sources and their reliability: shared/domain/
 * vietnam-ansinh-domain.md §1 ([F] found in the text, [S] secondary, [M] practice to verify).
 */

export type DocumentFormat = 'state' | 'party';

/** Inline text with emphasis. */
export type Inline = string | { text: string; bold?: boolean; italic?: boolean };

export type Block =
  /** A body paragraph: justified, first-line indent (NĐ 30 PL I: body). */
  | { kind: 'paragraph'; text: Inline | readonly Inline[]; indent?: boolean; align?: 'justify' | 'center' | 'left' | 'right' }
  /** A simple table: a bold header row and text cells; `width` in percent of the text width. */
  | { kind: 'table'; columns: readonly { header: string; width: number; align?: 'left' | 'center' | 'right' }[]; rows: readonly (readonly string[])[]; boldLastRow?: boolean; empty?: string };

/** A numbered section: "I." at the first level, "1." at the second, "a)" at the third. */
export interface Section {
  title: string;
  blocks?: readonly Block[];
  sections?: readonly Section[];
}

/** Phụ lục: on its own pages after the document. */
export interface Appendix {
  title: string;
  blocks: readonly Block[];
}

/**
 * Signing authority. State (NĐ 30 PL I, ô 7a): TM. (on behalf of a collective), KT. (deputy
 * for the head), TL. (thừa lệnh), TUQ. (thừa ủy quyền), Q. (acting). Party (HD 36): T/M, K/T, T/L.
 */
export type SignaturePrefix = 'TM' | 'KT' | 'TL' | 'TUQ' | 'Q';

export interface Signature {
  prefix?: SignaturePrefix;
  /** After the prefix: "GIÁM ĐỐC", "BAN THƯỜNG VỤ", "ỦY BAN NHÂN DÂN". Required with a prefix. */
  authority?: string;
  /** The signer's title: "PHÓ GIÁM ĐỐC", "BÍ THƯ". */
  title: string;
  /** Rank and name (armed forces may print the rank, NĐ 30 PL I ô 7c): "Thiếu tướng Lê Quang Hưng"; empty in a draft. */
  signerName: string;
}

export interface Margins {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

export interface OfficialDocument {
  system: DocumentFormat;
  /** Cơ quan chủ quản / cấp trên: "ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH", "ĐẢNG BỘ THÀNH PHỐ HỒ CHÍ MINH". */
  parentBody?: string;
  /** Cơ quan ban hành: "CÔNG AN THÀNH PHỐ HỒ CHÍ MINH", "ĐẢNG ỦY CÔNG AN THÀNH PHỐ". */
  issuingBody: string;
  /** The issuing body as written in running text ("Công an Thành phố Hồ Chí Minh"), for "(Kèm theo … của …)". */
  issuerName?: string;
  /** The number in the register; null for a draft (left blank for the văn thư to fill in). */
  number: number | null;
  /** The symbol after the number: state "BC-CATP" ("Số: 15/BC-CATP"), Party "BC/ĐU" ("Số 12-BC/ĐU"). */
  symbol: string;
  /** Địa danh, in full: "Thành phố Hồ Chí Minh". */
  place: string;
  /** YYYY-MM-DD; null for a draft ("ngày … tháng … năm <draftYear>"). */
  date: string | null;
  draftYear?: number;
  /** Tên loại: "BÁO CÁO", "THÔNG BÁO", "KẾ HOẠCH". */
  typeName: string;
  /** Trích yếu. */
  subject: string;
  /** Kính gửi: one recipient on the line, several as a list. */
  kinhGui?: readonly string[];
  /** Căn cứ ban hành, one per line ("…;" and the last "."). */
  basis?: readonly string[];
  /** Paragraphs before the first section. */
  opening?: readonly Block[];
  sections: readonly Section[];
  /** Top-level sections as "I." (reports; default) or as "1." (notices: "1. Đánh giá chung", "2. Nhiệm vụ"). */
  numbering?: 'roman' | 'arabic';
  /** Paragraphs after the last section (the last one ends with "./."). */
  closing?: readonly Block[];
  /** Nơi nhận, without the archive line. */
  recipients: readonly string[];
  /** "Lưu: VT, <drafting unit>." — VT (văn thư) comes first. */
  archive: readonly string[];
  signature: Signature;
  appendices?: readonly Appendix[];
  /** Millimetres; defaults per system (see DEFAULT_MARGINS). */
  margins?: Partial<Margins>;
}

/* Typography --------------------------------------------------------------------------------- */

interface Typography {
  parentBody: number;
  issuingBody: number;
  number: number;
  nationalTitle: number;
  motto: number;
  placeDate: number;
  typeName: number;
  subject: number;
  body: number;
  recipientsLabel: number;
  recipients: number;
  signature: number;
  pageNumber: number;
  table: number;
}

/**
 * Sizes in points.
 * State, NĐ 30 PL I Mục II and the table of Mục V [F]: Quốc hiệu 12–13 bold; Tiêu ngữ 13–14 bold;
 * parent body 12–13 upright; issuing body 12–13 bold; "Số:" 13; place and date 13–14 italic; tên
 * loại 13–14 bold; trích yếu 13–14 bold; body 13–14; signing authority and title 13–14 bold;
 * signer 13–14 bold; "Nơi nhận:" 12 bold italic; recipients 11; page numbers 13–14. The place-date
 * line takes 13 so that it fits on one line beside a two-line issuing body.
 * Party, HD 36 sample table [F, as reproduced]: "ĐẢNG CỘNG SẢN VIỆT NAM" 15 bold; superior body
 * 14; issuing body 14 bold; number 14; place and date 14 italic; tên loại 15–16 bold; trích yếu
 * 14–15 bold; body 14–15. "Nơi nhận" 14 underlined and recipients 12 are Party practice [M].
 * Tables: not prescribed; 12 keeps wide statistics tables on the page.
 */
export const TYPOGRAPHY: Record<DocumentFormat, Typography> = {
  state: { parentBody: 13, issuingBody: 13, number: 13, nationalTitle: 12, motto: 13, placeDate: 13, typeName: 14, subject: 14, body: 14, recipientsLabel: 12, recipients: 11, signature: 14, pageNumber: 13, table: 12 },
  party: { parentBody: 14, issuingBody: 14, number: 14, nationalTitle: 15, motto: 15, placeDate: 14, typeName: 16, subject: 14, body: 14, recipientsLabel: 14, recipients: 12, signature: 14, pageNumber: 14, table: 12 },
};

/**
 * Margins in millimetres. State, NĐ 30 PL I [F]: top 20–25, bottom 20–25, left 30–35, right
 * 15–20. Party: HD 36's margins are unresolved in the sources (20/20/30/15 [S] or 25/25/35/15 [S]),
 * so they are configurable; the default is the first.
 */
export const DEFAULT_MARGINS: Record<DocumentFormat, Margins> = {
  state: { top: 20, bottom: 20, left: 30, right: 15 },
  party: { top: 20, bottom: 20, left: 30, right: 15 },
};
const STATE_MARGIN_RANGES: Record<keyof Margins, [number, number]> = { top: [20, 25], bottom: [20, 25], left: [30, 35], right: [15, 20] };
/** Party margins are free within sensible bounds. */
const PARTY_MARGIN_RANGES: Record<keyof Margins, [number, number]> = { top: [10, 40], bottom: [10, 40], left: [15, 40], right: [10, 30] };

/** A4 portrait, NĐ 30 PL I [F]: 210 × 297 mm = 11906 × 16838 twips. */
export const A4 = { width: 11906, height: 16838 } as const;
export const FONT = 'Times New Roman';
/** Body paragraphs, NĐ 30 PL I: first-line indent 1 cm or 1.27 cm; at least 6 pt between paragraphs. */
export const FIRST_LINE_INDENT_TWIPS = 720; // 1.27 cm
export const PARAGRAPH_AFTER_TWIPS = 120; // 6 pt
/** The end of the body, NĐ 30 PL I and Phụ lục III: "./.". */
export const END_MARK = './.';

/* Pure helpers -------------------------------------------------------------------------------- */

const invalid = (field: string, reason: string, params: Record<string, unknown> = {}): DomainError =>
  new DomainError('report.invalid_document', { field, reason, ...params }, [{ path: field, code: reason, ...(Object.keys(params).length ? { params } : {}) }]);

/** Two digits for days below 10 and for months 1 and 2 (NĐ 30 PL I, ô 4) [F]. */
export const dayText = (d: number): string => (d < 10 ? `0${d}` : String(d));
export const monthText = (m: number): string => (m <= 2 ? `0${m}` : String(m));

/**
 * The place and date line (NĐ 30 PL I ô 4; same wording in HD 36):
 * "Thành phố Hồ Chí Minh, ngày 05 tháng 01 năm 2026". A draft leaves day and month blank.
 */
export function placeDateLine(place: string, date: string | null, draftYear?: number): string {
  if (date === null) return `${place}, ngày      tháng      năm ${draftYear ?? ''}`.trimEnd();
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw invalid('date', 'invalid_date');
  return `${place}, ngày ${dayText(Number(m[3]))} tháng ${monthText(Number(m[2]))} năm ${m[1]}`;
}

/**
 * Place names in full: NĐ 30 PL I says places named after a person are written in full
 * ("Thành phố Hồ Chí Minh", never "TP.HCM", "TP. Hồ Chí Minh", "Tp HCM").
 */
export function isAbbreviatedPlace(place: string): boolean {
  return /(^|\s)(tp|t\.p)\.?(\s|$)|(^|\s)tp\.|hcm|tphcm/iu.test(place.normalize('NFC'));
}

/**
 * The number line. State (NĐ 30 PL I ô 3): "Số: 15/BC-CATP"; Party (HD 36): "Số 12-BC/ĐU", no
 * colon. A draft leaves the number blank for the register: "Số:      /BC-CATP", "Số     -BC/ĐU".
 * The symbol is checked with the registry's grammar (documents/document-number.ts).
 */
export function numberLine(system: DocumentFormat, number: number | null, symbol: string): string {
  const canonical = canonicalNumber(system, number ?? 1, symbol);
  if (number !== null) return system === 'party' ? `Số ${canonical}` : `Số: ${canonical}`;
  const tail = symbolOf(system, canonical);
  return system === 'party' ? `Số      -${tail}` : `Số:        /${tail}`;
}

/** "15/BC-CATP" / "12-BC/ĐU": the registry's canonical form, or `report.invalid_document`. */
export function canonicalNumber(system: DocumentFormat, number: number, symbol: string): string {
  const raw = `${number}${system === 'party' ? '-' : '/'}${symbol.trim()}`;
  const r = parseDocumentNumber(raw);
  if (!r.ok) throw invalid('symbol', 'invalid_symbol', { grammar: r.reason });
  if (r.value.system !== system) throw invalid('symbol', 'wrong_system', { system: r.value.system });
  return formatDocumentNumber(r.value);
}

/** The symbol part of a canonical number ("15/BC-CATP" → "BC-CATP"; "12-BC/ĐU" → "BC/ĐU"). */
export function symbolOf(system: DocumentFormat, canonical: string): string {
  return canonical.slice(canonical.indexOf(system === 'party' ? '-' : '/') + 1);
}

const STATE_PREFIX: Record<SignaturePrefix, string> = { TM: 'TM.', KT: 'KT.', TL: 'TL.', TUQ: 'TUQ.', Q: 'Q.' };
const PARTY_PREFIX: Partial<Record<SignaturePrefix, string>> = { TM: 'T/M', KT: 'K/T', TL: 'T/L' };

/** "KT." (state) / "K/T" (Party). TUQ. and Q. exist only in state documents. */
export function signaturePrefix(system: DocumentFormat, prefix: SignaturePrefix): string {
  const p = system === 'party' ? PARTY_PREFIX[prefix] : STATE_PREFIX[prefix];
  if (!p) throw invalid('signature.prefix', 'prefix_not_in_system', { prefix });
  return p;
}

/** The signature block's lines above the signature space, upper case (NĐ 30 PL I ô 7a, 7b). */
export function signatureLines(system: DocumentFormat, s: Signature): string[] {
  const up = (x: string) => x.toLocaleUpperCase('vi');
  if (!s.prefix) return [up(s.title)];
  if (!s.authority?.trim()) throw invalid('signature.authority', 'required');
  return [`${signaturePrefix(system, s.prefix)} ${up(s.authority.trim())}`, up(s.title)];
}

/**
 * Nơi nhận lines (NĐ 30 PL I ô 9b): "- <recipient>;" each, the last "- Lưu: VT, <unit>." with
 * VT (văn thư) first.
 */
export function recipientLines(recipients: readonly string[], archive: readonly string[]): string[] {
  const clean = (x: string) => x.trim().replace(/^-\s*/, '').replace(/[;.,\s]+$/, '');
  const arch = [...new Set(['VT', ...archive.map(clean).filter((x) => x !== '')])];
  return [...recipients.map(clean).filter((x) => x !== '').map((r) => `- ${r};`), `- Lưu: ${arch.join(', ')}.`];
}

/** Căn cứ lines (NĐ 30 PL I): each ends with ";", the last with ".". */
export function basisLines(lines: readonly string[]): string[] {
  const clean = lines.map((l) => l.trim().replace(/[;.,\s]+$/, '')).filter((l) => l !== '');
  return clean.map((l, i) => `${l}${i === clean.length - 1 ? '.' : ';'}`);
}

/** Kính gửi (NĐ 30 PL I ô 9a): "Kính gửi: X." on one line, or the heading and "- X;" lines. */
export function kinhGuiLines(recipients: readonly string[]): string[] {
  const clean = recipients.map((r) => r.trim().replace(/^-\s*/, '').replace(/[;.,\s]+$/, '')).filter((r) => r !== '');
  if (clean.length === 0) return [];
  if (clean.length === 1) return [`Kính gửi: ${clean[0]}.`];
  return ['Kính gửi:', ...clean.map((r, i) => `- ${r}${i === clean.length - 1 ? '.' : ';'}`)];
}

const ROMAN: [number, string][] = [[1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
export function roman(n: number): string {
  let out = '';
  for (const [v, s] of ROMAN)
    while (n >= v) {
      out += s;
      n -= v;
    }
  return out;
}

/** Điểm letters follow the Vietnamese alphabet (NĐ 30 PL I: "a, b, c …" of tiếng Việt): no f, j, w, z; đ after d. */
export const POINT_LETTERS = ['a', 'b', 'c', 'd', 'đ', 'e', 'g', 'h', 'i', 'k', 'l', 'm', 'n', 'o', 'p', 'q', 'r', 's', 't', 'u', 'v', 'x', 'y'] as const;

/** Section labels by depth: "I.", "1.", "a)" (NĐ 30 PL I; the decree's report example "I. NHỮNG KẾT QUẢ…"). */
export function sectionLabel(depth: number, index: number): string {
  if (depth === 0) return `${roman(index + 1)}.`;
  if (depth === 1) return `${index + 1}.`;
  const letter = POINT_LETTERS[index % POINT_LETTERS.length]!;
  return `${index >= POINT_LETTERS.length ? letter.repeat(Math.floor(index / POINT_LETTERS.length) + 1) : letter})`;
}

/** Append the end mark "./." to the last text of a body (without doubling a final period). */
export function withEndMark(text: string): string {
  const t = text.trimEnd();
  if (t.endsWith(END_MARK)) return t;
  return `${t.replace(/[.;:,]+$/, '')}${END_MARK}`;
}

export function resolveMargins(system: DocumentFormat, m: Partial<Margins> | undefined): Margins {
  const out = { ...DEFAULT_MARGINS[system], ...(m ?? {}) };
  const ranges = system === 'state' ? STATE_MARGIN_RANGES : PARTY_MARGIN_RANGES;
  for (const k of Object.keys(ranges) as (keyof Margins)[]) {
    const [lo, hi] = ranges[k];
    if (!(out[k] >= lo && out[k] <= hi)) throw invalid(`margins.${k}`, 'out_of_range', { min: lo, max: hi });
  }
  return out;
}

/** Check a model before building (every rule here cites the format). */
export function validateOfficialDocument(d: OfficialDocument): void {
  if (!d.issuingBody.trim()) throw invalid('issuingBody', 'required');
  if (!d.typeName.trim()) throw invalid('typeName', 'required');
  if (!d.subject.trim()) throw invalid('subject', 'required');
  if (!d.place.trim()) throw invalid('place', 'required');
  if (isAbbreviatedPlace(d.place)) throw invalid('place', 'abbreviated');
  if (d.number !== null && !(Number.isInteger(d.number) && d.number >= 1)) throw invalid('number', 'invalid_number');
  numberLine(d.system, d.number, d.symbol);
  placeDateLine(d.place, d.date, d.draftYear);
  signatureLines(d.system, d.signature);
  resolveMargins(d.system, d.margins);
  const tables = [...(d.opening ?? []), ...(d.closing ?? []), ...(d.appendices ?? []).flatMap((a) => a.blocks), ...allSectionBlocks(d.sections)].filter((b) => b.kind === 'table');
  for (const t of tables) {
    if (t.columns.length === 0) throw invalid('table', 'no_columns');
    for (const r of t.rows) if (r.length !== t.columns.length) throw invalid('table', 'row_width', { expected: t.columns.length, got: r.length });
  }
}

function allSectionBlocks(sections: readonly Section[]): Block[] {
  return sections.flatMap((s) => [...(s.blocks ?? []), ...allSectionBlocks(s.sections ?? [])]);
}

/* DOCX ---------------------------------------------------------------------------------------- */

const halfPoints = (pt: number): number => pt * 2;
const NO_BORDER = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' } as const;
const NO_BORDERS = { top: NO_BORDER, bottom: NO_BORDER, left: NO_BORDER, right: NO_BORDER, insideHorizontal: NO_BORDER, insideVertical: NO_BORDER };
const THIN = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;
const THIN_BORDERS = { top: THIN, bottom: THIN, left: THIN, right: THIN, insideHorizontal: THIN, insideVertical: THIN };
/** Word's default cell margins (0.19 cm) on each side. */
const CELL_MARGIN = 108;

interface RunStyle {
  size: number;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
}

const run = (text: string, s: RunStyle): TextRun =>
  new TextRun({ text, font: FONT, size: halfPoints(s.size), bold: s.bold ?? false, italics: s.italic ?? false, ...(s.underline ? { underline: {} } : {}) });

function line(text: string, s: RunStyle, opts: { align?: 'center' | 'left' | 'right' | 'justify'; after?: number; before?: number; indent?: { left?: number; right?: number; firstLine?: number } } = {}): Paragraph {
  return new Paragraph({
    alignment: ALIGN[opts.align ?? 'center'],
    spacing: { before: opts.before ?? 0, after: opts.after ?? 0, line: 240, lineRule: LineRuleType.AUTO },
    ...(opts.indent ? { indent: opts.indent } : {}),
    children: [run(text, s)],
  });
}

const ALIGN = { center: AlignmentType.CENTER, left: AlignmentType.LEFT, right: AlignmentType.RIGHT, justify: AlignmentType.JUSTIFIED } as const;

/**
 * A centred horizontal rule `widthTw` wide in a column `columnTw` wide: an empty paragraph with a
 * bottom border, narrowed by equal indents (a border spans the paragraph's width).
 */
function rule(widthTw: number, columnTw: number): Paragraph {
  const side = Math.max(0, Math.round((columnTw - 2 * CELL_MARGIN - widthTw) / 2));
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    indent: { left: side, right: side },
    spacing: { before: 40, after: 0, line: 40, lineRule: LineRuleType.EXACT },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    children: [run('', { size: 2 })],
  });
}

const cell = (children: Paragraph[], widthTw: number, valign: 'top' | 'center' = 'top'): TableCell =>
  new TableCell({
    children,
    width: { size: widthTw, type: WidthType.DXA },
    verticalAlign: valign === 'top' ? VerticalAlignTable.TOP : VerticalAlignTable.CENTER,
    borders: { top: NO_BORDER, bottom: NO_BORDER, left: NO_BORDER, right: NO_BORDER },
  });

function layoutTable(widths: number[], rows: Paragraph[][][]): Table {
  return new Table({
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    rows: rows.map((cells) => new TableRow({ children: cells.map((c, i) => cell(c, widths[i]!)) })),
  });
}

/**
 * Column widths of the header table: the right column is as wide as its longest line (Quốc hiệu
 * or "ĐẢNG CỘNG SẢN VIỆT NAM", and the place-date line) so that line never wraps, between 55 % and
 * 70 % of the text width; the left column (issuing body, number) takes the rest.
 */
export function headerColumns(system: DocumentFormat, textWidthTw: number, placeDate: string): [number, number] {
  const t = TYPOGRAPHY[system];
  const title = system === 'state' ? textWidthPt(NATIONAL_TITLE, t.nationalTitle, true) : textWidthPt(PARTY_TITLE, t.nationalTitle, true);
  const needed = ptToTwip(Math.max(title, textWidthPt(placeDate, t.placeDate))) + 2 * CELL_MARGIN + mmToTwip(2);
  const right = Math.round(Math.min(Math.max(needed, textWidthTw * 0.55), textWidthTw * 0.7));
  return [textWidthTw - right, right];
}

/** Nơi nhận and signature: 45 % / 55 %. */
const footerColumns = (textWidthTw: number): [number, number] => {
  const left = Math.round(textWidthTw * 0.45);
  return [left, textWidthTw - left];
};

/** NĐ 30 PL I ô 1 [F]. */
export const NATIONAL_TITLE = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const MOTTO = 'Độc lập - Tự do - Hạnh phúc';
/** HD 36 §II.1.1 [F]. */
export const PARTY_TITLE = 'ĐẢNG CỘNG SẢN VIỆT NAM';

/**
 * The header as a borderless two-column table (NĐ 30 PL I ô 1–4; HD 36 §II.1.1), two rows so the
 * number and the place-date line sit on the same line.
 */
function header(d: OfficialDocument, t: Typography, textWidthTw: number): Table {
  const placeDate = placeDateLine(d.place, d.date, d.draftYear);
  const [lw, rw] = headerColumns(d.system, textWidthTw, placeDate);
  const up = (x: string) => x.toLocaleUpperCase('vi');
  const left: Paragraph[] = [];
  // Parent body upright, not bold; issuing body bold (NĐ 30 PL I ô 2; HD 36: cấp trên / cơ quan ban hành).
  if (d.parentBody?.trim()) left.push(line(up(d.parentBody.trim()), { size: t.parentBody }));
  left.push(line(up(d.issuingBody.trim()), { size: t.issuingBody, bold: true }));
  if (d.system === 'state') {
    // NĐ 30 PL I: a solid rule under the issuing body, 1/3–1/2 of the text's length, centred.
    const longest = Math.max(...up(d.issuingBody).split(/\n/).map((l) => textWidthPt(l, t.issuingBody, true)));
    const textW = Math.min(ptToTwip(longest), lw - 2 * CELL_MARGIN);
    left.push(rule(Math.round(textW * 0.4), lw));
  } else {
    // HD 36: a star "*" under the issuing body instead of a rule.
    left.push(line('*', { size: t.issuingBody }));
  }
  const right: Paragraph[] = [];
  if (d.system === 'state') {
    // NĐ 30 PL I ô 1: Quốc hiệu 12–13 bold upper; Tiêu ngữ 13–14 bold, hyphens with spaces, and a
    // solid rule of the same length under it.
    right.push(line(NATIONAL_TITLE, { size: t.nationalTitle, bold: true }));
    right.push(line(MOTTO, { size: t.motto, bold: true }));
    right.push(rule(ptToTwip(textWidthPt(MOTTO, t.motto, true)), rw));
  } else {
    // HD 36: "ĐẢNG CỘNG SẢN VIỆT NAM" top right, with a solid rule of the same length.
    right.push(line(PARTY_TITLE, { size: t.nationalTitle, bold: true }));
    right.push(rule(ptToTwip(textWidthPt(PARTY_TITLE, t.nationalTitle, true)), rw));
  }
  // Second row: ô 3 (number, upright) level with ô 4 (place and date, italic).
  const num = [line(numberLine(d.system, d.number, d.symbol), { size: t.number }, { before: 120 })];
  const date = [line(placeDate, { size: t.placeDate, italic: true }, { before: 120 })];
  return layoutTable([lw, rw], [
    [left, right],
    [num, date],
  ]);
}

function inlineRuns(text: Inline | readonly Inline[], size: number): TextRun[] {
  const parts = (Array.isArray(text) ? text : [text]) as readonly Inline[];
  return parts.map((p) => (typeof p === 'string' ? run(p, { size }) : run(p.text, { size, bold: p.bold ?? false, italic: p.italic ?? false })));
}

function bodyParagraph(b: Extract<Block, { kind: 'paragraph' }>, t: Typography): Paragraph {
  const indent = b.indent ?? true;
  return new Paragraph({
    alignment: ALIGN[b.align ?? 'justify'],
    spacing: { before: 0, after: PARAGRAPH_AFTER_TWIPS, line: 240, lineRule: LineRuleType.AUTO },
    ...(indent ? { indent: { firstLine: FIRST_LINE_INDENT_TWIPS } } : {}),
    children: inlineRuns(b.text, t.body),
  });
}

function dataTable(b: Extract<Block, { kind: 'table' }>, t: Typography, textWidthTw: number): Table {
  const total = b.columns.reduce((a, c) => a + c.width, 0);
  const widths = b.columns.map((c) => Math.round((c.width / total) * textWidthTw));
  const cellP = (text: string, align: 'left' | 'center' | 'right', bold: boolean) =>
    new Paragraph({ alignment: ALIGN[align], spacing: { before: 40, after: 40 }, children: [run(text, { size: t.table, bold })] });
  const headerRow = new TableRow({
    tableHeader: true,
    children: b.columns.map((c, i) => new TableCell({ width: { size: widths[i]!, type: WidthType.DXA }, verticalAlign: VerticalAlignTable.CENTER, children: [cellP(c.header, 'center', true)] })),
  });
  const rows = b.rows.length
    ? b.rows.map(
        (r, ri) =>
          new TableRow({
            cantSplit: true,
            children: r.map((v, i) => new TableCell({ width: { size: widths[i]!, type: WidthType.DXA }, children: [cellP(v, b.columns[i]!.align ?? 'left', !!b.boldLastRow && ri === b.rows.length - 1)] })),
          }),
      )
    : [new TableRow({ children: [new TableCell({ columnSpan: b.columns.length, children: [cellP(b.empty ?? 'Không có số liệu.', 'center', false)] })] })];
  return new Table({ width: { size: textWidthTw, type: WidthType.DXA }, columnWidths: widths, layout: TableLayoutType.FIXED, borders: THIN_BORDERS, rows: [headerRow, ...rows] });
}

function blocks(list: readonly Block[], t: Typography, textWidthTw: number): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  for (const b of list) {
    if (b.kind === 'paragraph') out.push(bodyParagraph(b, t));
    else {
      out.push(dataTable(b, t, textWidthTw));
      out.push(new Paragraph({ spacing: { after: PARAGRAPH_AFTER_TWIPS }, children: [] }));
    }
  }
  return out;
}

/**
 * Section headings: level 1 "I. TITLE" upper case bold (NĐ 30 PL I, the decree's report example),
 * level 2 "1. Title" bold, level 3 "a) Title" italic; indented like the body.
 */
function sectionParagraphs(sections: readonly Section[], t: Typography, textWidthTw: number, depth: number): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  sections.forEach((s, i) => {
    const title = depth === 0 ? s.title.toLocaleUpperCase('vi') : s.title;
    out.push(
      new Paragraph({
        alignment: AlignmentType.JUSTIFIED,
        keepNext: true,
        spacing: { before: depth === 0 ? 120 : 0, after: PARAGRAPH_AFTER_TWIPS },
        indent: { firstLine: FIRST_LINE_INDENT_TWIPS },
        children: [run(`${sectionLabel(depth, i)} ${title}`, { size: t.body, bold: depth < 2, italic: depth >= 2 })],
      }),
    );
    out.push(...blocks(s.blocks ?? [], t, textWidthTw));
    out.push(...sectionParagraphs(s.sections ?? [], t, textWidthTw, depth + 1));
  });
  return out;
}

/** Put "./." at the end of the body: on the last paragraph, or on its own line after a table. */
export function markEnd(d: OfficialDocument): OfficialDocument {
  const mark = (list: readonly Block[]): Block[] | null => {
    const last = list[list.length - 1];
    if (!last) return null;
    if (last.kind === 'table') return [...list, { kind: 'paragraph', text: END_MARK, indent: false, align: 'right' }];
    const parts = (Array.isArray(last.text) ? [...(last.text as Inline[])] : [last.text as Inline]);
    const tail = parts[parts.length - 1]!;
    parts[parts.length - 1] = typeof tail === 'string' ? withEndMark(tail) : { ...tail, text: withEndMark(tail.text) };
    return [...list.slice(0, -1), { ...last, text: parts }];
  };
  if (d.closing?.length) return { ...d, closing: mark(d.closing)! };
  const markSections = (ss: readonly Section[]): Section[] | null => {
    const last = ss[ss.length - 1];
    if (!last) return null;
    const inner = markSections(last.sections ?? []);
    if (inner) return [...ss.slice(0, -1), { ...last, sections: inner }];
    const b = mark(last.blocks ?? []);
    return b ? [...ss.slice(0, -1), { ...last, blocks: b }] : null;
  };
  const s = markSections(d.sections);
  if (s) return { ...d, sections: s };
  return { ...d, closing: [{ kind: 'paragraph', text: END_MARK, indent: false, align: 'right' }] };
}

/** Nơi nhận (left, NĐ 30 PL I ô 9b) and the signature (right, ô 7) side by side. */
function footer(d: OfficialDocument, t: Typography, textWidthTw: number): Table {
  const [lw, rw] = footerColumns(textWidthTw);
  const recipientsLabel =
    d.system === 'state'
      ? line('Nơi nhận:', { size: t.recipientsLabel, bold: true, italic: true }, { align: 'left' })
      : line('Nơi nhận:', { size: t.recipientsLabel, underline: true }, { align: 'left' });
  const left = [recipientsLabel, ...recipientLines(d.recipients, d.archive).map((l) => line(l, { size: t.recipients }, { align: 'left' }))];
  const sig = signatureLines(d.system, d.signature);
  const right = [
    ...sig.map((l) => line(l, { size: t.signature, bold: true })),
    // Space for the signature and the seal (ô 7c, 8).
    ...[0, 1, 2, 3].map(() => line('', { size: t.signature })),
    line(d.signature.signerName.trim(), { size: t.signature, bold: true }),
  ];
  return layoutTable([lw, rw], [[left, right]]);
}

/** Page numbers: centred in the top margin, not on the first page (NĐ 30 PL I) [F]. */
function pageNumberHeaders(t: Typography): Pick<ISectionOptions, 'headers'> {
  return {
    headers: {
      default: new Header({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: halfPoints(t.pageNumber) })] })] }),
      first: new Header({ children: [new Paragraph({ children: [] })] }),
    },
  };
}

/** The Document object (exported for tests that inspect it); `buildOfficialDocx` packs it. */
export function officialDocument(input: OfficialDocument): Document {
  validateOfficialDocument(input);
  const d = markEnd(input);
  const t = TYPOGRAPHY[d.system];
  const m = resolveMargins(d.system, d.margins);
  const textWidthTw = A4.width - mmToTwip(m.left) - mmToTwip(m.right);
  const page = {
    size: { width: A4.width, height: A4.height, orientation: PageOrientation.PORTRAIT },
    margin: { top: mmToTwip(m.top), bottom: mmToTwip(m.bottom), left: mmToTwip(m.left), right: mmToTwip(m.right), header: mmToTwip(Math.max(8, m.top - 10)), footer: mmToTwip(10) },
  };
  const children: (Paragraph | Table)[] = [header(d, t, textWidthTw)];
  // Tên loại and trích yếu, centred, bold (NĐ 30 PL I ô 5a), with a short rule under the trích yếu.
  children.push(line(d.typeName.toLocaleUpperCase('vi'), { size: t.typeName, bold: true }, { before: 360 }));
  children.push(line(d.subject.trim(), { size: t.subject, bold: true }));
  children.push(rule(Math.round(Math.min(ptToTwip(textWidthPt(d.subject.trim(), t.subject, true)), textWidthTw) * 0.4), textWidthTw + 2 * CELL_MARGIN));
  const kg = kinhGuiLines(d.kinhGui ?? []);
  if (kg.length === 1) children.push(line(kg[0]!, { size: t.body }, { before: 240, after: 120 }));
  else if (kg.length > 1) {
    children.push(line(kg[0]!, { size: t.body }, { before: 240, align: 'left', indent: { left: Math.round(textWidthTw * 0.2) } }));
    for (const l of kg.slice(1)) children.push(line(l, { size: t.body }, { align: 'left', indent: { left: Math.round(textWidthTw * 0.2) + 1100 } }));
  }
  children.push(new Paragraph({ spacing: { after: 120 }, children: [] }));
  for (const b of basisLines(d.basis ?? []))
    children.push(new Paragraph({ alignment: AlignmentType.JUSTIFIED, spacing: { after: PARAGRAPH_AFTER_TWIPS }, indent: { firstLine: FIRST_LINE_INDENT_TWIPS }, children: [run(b, { size: t.body, italic: true })] }));
  children.push(...blocks(d.opening ?? [], t, textWidthTw));
  children.push(...sectionParagraphs(d.sections, t, textWidthTw, d.numbering === 'arabic' ? 1 : 0));
  children.push(...blocks(d.closing ?? [], t, textWidthTw));
  children.push(new Paragraph({ spacing: { after: 120 }, children: [] }));
  children.push(footer(d, t, textWidthTw));

  const sections: ISectionOptions[] = [{ properties: { page, titlePage: true }, ...pageNumberHeaders(t), children }];
  for (const [i, a] of (d.appendices ?? []).entries()) {
    // NĐ 30 PL I: "Phụ lục" (Roman numerals when several) and its title in bold capitals, with
    // "(Kèm theo …)" in italics; appendix pages are numbered on their own.
    const label = (d.appendices?.length ?? 0) > 1 ? `Phụ lục ${roman(i + 1)}` : 'Phụ lục';
    const numberText = d.number !== null ? canonicalNumber(d.system, d.number, d.symbol) : `      ${d.system === 'party' ? '-' : '/'}${symbolOf(d.system, canonicalNumber(d.system, 1, d.symbol))}`;
    const dateText = d.date ? `ngày ${dayText(Number(d.date.slice(8, 10)))} tháng ${monthText(Number(d.date.slice(5, 7)))} năm ${d.date.slice(0, 4)}` : `ngày      tháng      năm ${d.draftYear ?? ''}`.trimEnd();
    const typeWord = d.typeName.trim().toLocaleLowerCase('vi');
    sections.push({
      properties: { page: { ...page, pageNumbers: { start: 1 } }, titlePage: true },
      ...pageNumberHeaders(t),
      children: [
        line(label, { size: 14, bold: true }),
        line(a.title.toLocaleUpperCase('vi'), { size: 14, bold: true }),
        line(`(Kèm theo ${typeWord.charAt(0).toLocaleUpperCase('vi')}${typeWord.slice(1)} số ${numberText} ${dateText}${d.issuerName ? ` của ${d.issuerName}` : ''})`, { size: 14, italic: true }, { after: 120 }),
        rule(ptToTwip(60), textWidthTw + 2 * CELL_MARGIN),
        new Paragraph({ spacing: { after: 120 }, children: [] }),
        ...blocks(a.blocks, t, textWidthTw),
      ],
    });
  }
  return new Document({
    creator: 'Phối Hợp',
    title: `${d.typeName} ${d.subject}`.slice(0, 250),
    styles: { default: { document: { run: { font: FONT, size: halfPoints(t.body) } } } },
    sections,
  });
}

/** The DOCX bytes of an official document. */
export async function buildOfficialDocx(d: OfficialDocument): Promise<Buffer> {
  return Packer.toBuffer(officialDocument(d));
}

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
