import { z } from 'zod';
import { isoDate, pageOf, pageQuery, text, uuid } from './common.ts';

/**
 * Documents (văn bản): kinds, numbering systems and the shapes returned by the pure number parser
 * and reference finder (src/server/modules/documents). Browser-safe: no server imports.
 *
 * Sources: Nghị định 30/2020/NĐ-CP, Phụ lục III (state abbreviations); Hướng dẫn 36-HD/VPTW and
 * Quy định 66-QĐ/TW → 399-QĐ/TW (Party types); see shared/domain/vietnam-ansinh-domain.md §1.
 */

/** Kinds of document (loại văn bản), snake_case codes. Labels come from DOCUMENT_KIND_INFO / i18n. */
export const DOCUMENT_KINDS = [
  'nghi_quyet',
  'ket_luan',
  'chi_thi',
  'quyet_dinh',
  'quy_dinh',
  'ke_hoach',
  'thong_bao', // includes "thông báo kết luận"
  'huong_dan',
  'quy_che', // includes "quy chế phối hợp"
  'bao_cao',
  'cong_van',
  'chuong_trinh',
  'de_an',
  'to_trinh',
  'bien_ban',
  'luat',
  'nghi_dinh',
  'thong_tu', // includes "thông tư liên tịch" (TTLT)
  'thong_tri', // Party only
  'other',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/**
 * Vietnamese name and type abbreviations of each kind.
 * `state`: abbreviations in state documents (NĐ 30/2020 Phụ lục III; VBQPPL types for luật/NĐ/TT);
 * `party`: abbreviations in Party documents (HD 36-HD/VPTW practice). An empty list means the kind
 * carries no abbreviation in that system (a state công văn: `<n>/<agency>-<unit>`; a law:
 * `<n>/<yyyy>/QH<term>`).
 */
export const DOCUMENT_KIND_INFO: Record<DocumentKind, { name: string; state: readonly string[]; party: readonly string[] }> = {
  nghi_quyet: { name: 'Nghị quyết', state: ['NQ'], party: ['NQ'] },
  ket_luan: { name: 'Kết luận', state: ['KL'], party: ['KL'] },
  chi_thi: { name: 'Chỉ thị', state: ['CT'], party: ['CT'] },
  quyet_dinh: { name: 'Quyết định', state: ['QĐ'], party: ['QĐ'] },
  quy_dinh: { name: 'Quy định', state: ['QyĐ'], party: ['QĐi', 'QĐ'] },
  ke_hoach: { name: 'Kế hoạch', state: ['KH'], party: ['KH'] },
  thong_bao: { name: 'Thông báo', state: ['TB'], party: ['TB'] },
  huong_dan: { name: 'Hướng dẫn', state: ['HD'], party: ['HD'] },
  quy_che: { name: 'Quy chế', state: ['QC'], party: ['QC'] },
  bao_cao: { name: 'Báo cáo', state: ['BC'], party: ['BC'] },
  cong_van: { name: 'Công văn', state: [], party: ['CV'] },
  chuong_trinh: { name: 'Chương trình', state: ['CTr'], party: ['CTr'] },
  de_an: { name: 'Đề án', state: ['ĐA'], party: ['ĐA'] },
  to_trinh: { name: 'Tờ trình', state: ['TTr'], party: ['TTr'] },
  bien_ban: { name: 'Biên bản', state: ['BB'], party: ['BB'] },
  luat: { name: 'Luật', state: [], party: [] },
  nghi_dinh: { name: 'Nghị định', state: ['NĐ'], party: [] },
  thong_tu: { name: 'Thông tư', state: ['TT', 'TTLT'], party: [] },
  thong_tri: { name: 'Thông tri', state: [], party: ['TT'] },
  other: { name: 'Văn bản khác', state: [], party: [] },
};

/**
 * Numbering systems:
 * - `party`: `<n>-<TYPE>/<ISSUER>` (HD 36-HD/VPTW), e.g. 16-NQ/TW;
 * - `state`: `<n>/<TYPE>-<ISSUER>[-<UNIT>…]` (NĐ 30/2020), e.g. 1478/QĐ-UBND, 2030/CAT-PV05;
 * - `state_legal`: legal normative documents with the year, `<n>/<yyyy>/<TYPE>-<ISSUER>` or
 *   `<n>/<yyyy>/QH<term>`, e.g. 30/2020/NĐ-CP, 54/2017/QH14.
 */
export const DOCUMENT_SYSTEMS = ['party', 'state', 'state_legal'] as const;
export type DocumentSystem = (typeof DOCUMENT_SYSTEMS)[number];

/** Why a document number was refused (coded; the web translates). */
export const DOCUMENT_NUMBER_ERRORS = [
  'empty', // nothing typed
  'no_number', // does not start with a number
  'missing_symbol', // a number and nothing else ("16", "16/")
  'bad_separator', // wrong or doubled separator ("16.NQ/TW", "16//QĐ-UBND", "16-NQ/TW/X")
  'mixed_systems', // Party and state separators combined ("16/NQ/TW", "15-QĐ-BNV")
  'missing_type', // "16-/TW"
  'unknown_type', // not a type of its system ("16-XYZ/TW", "5/2020/XYZ-CP")
  'missing_issuer', // "16-NQ", "16/NQ-", "16-NQ/"
  'invalid_character', // a symbol part with characters other than letters, digits and "&"
  'year_out_of_range', // "54/3017/QH14"
  'number_out_of_range', // 0, or more than 8 digits
] as const;
export type DocumentNumberError = (typeof DOCUMENT_NUMBER_ERRORS)[number];

/** A document number taken apart. `canonical` is the identity used for lookups and de-duplication. */
export type ParsedDocumentNumber = {
  system: DocumentSystem;
  number: number;
  /** Only for `state_legal`. */
  year?: number;
  /** As printed ("QĐ", "QyĐ", "CTr", "QĐi"); absent for a state công văn or a National Assembly text. */
  typeAbbr?: string;
  /** Absent when the abbreviation alone does not say (e.g. "54/2017/QH14": law or resolution). */
  kind?: DocumentKind;
  /** First agency code after the type ("TW", "UBND", "CAT", "QH14"). */
  issuer: string;
  /** Further symbol parts (drafting unit, co-issuers of a joint text). */
  units: string[];
  canonical: string;
};

/** A mention of a document found in free text. Offsets are UTF-16 indices into the input. */
export type DocumentReference = {
  kind: DocumentKind;
  number?: number;
  /** Canonical number when a symbol was written ("16-NQ/TW"). */
  symbol?: string;
  /** YYYY-MM-DD; omitted when the written date is not a real date. */
  date?: string;
  /** Normalised issuer name ("Bộ Chính trị", "Quốc hội"). */
  issuer?: string;
  /** Party congress term ("XI", "XII"). */
  term?: string;
  /** Central Committee plenum ("Nghị quyết Trung ương 4" → 4). */
  plenum?: number;
  /** Trailing "về …" clause. */
  subject?: string;
  start: number;
  end: number;
  /** The matched span (kind, number, date, issuer and term; not the subject). */
  text: string;
};

/* ---------------------------------------------------------------------------------------------
 * Registry API (documents module): inputs and responses.
 * ------------------------------------------------------------------------------------------- */

/** Thường / mật. A secret document is visible only within the scope of its owner unit. */
export const DOCUMENT_CLASSIFICATIONS = ['normal', 'secret'] as const;
export type DocumentClassification = (typeof DOCUMENT_CLASSIFICATIONS)[number];

/** How one document relates to another ("21-KL/TW reviews 16-NQ/TW"), read from → to. */
export const DOCUMENT_RELATIONS = ['implements', 'reviews', 'amends', 'replaces'] as const;
export type DocumentRelation = (typeof DOCUMENT_RELATIONS)[number];

/** Khóa: a Roman numeral ("XI", "XII"). */
const termSchema = z.string().trim().toUpperCase().regex(/^[IVXLC]{1,8}$/, 'term');
/** Clause reference within a document: "II", "II.3", "II.3.a", "3.2" — dot-separated tokens. */
export const clauseRef = z.string().trim().regex(/^[\p{L}\d]{1,12}(?:\.[\p{L}\d]{1,12}){0,5}$/u, 'clause_ref');

export const clauseInput = z.strictObject({
  /** As printed: "Mục II", "Điều 3", "Khoản 2", "Điểm a". */
  label: text(60),
  /** The parent is the clause whose ref is this one without its last token ("II.3" for "II.3.a"). */
  ref: clauseRef,
  text: text(20_000, 0),
});
export type ClauseInput = z.infer<typeof clauseInput>;

export const clauseSchema = z.object({ id: uuid, parentId: uuid.nullable(), label: z.string(), ref: z.string(), depth: z.number().int(), text: z.string() });
export type Clause = z.infer<typeof clauseSchema>;

const documentFields = {
  kind: z.enum(DOCUMENT_KINDS),
  /** Required only when there is no number (the number tells the system). */
  system: z.enum(DOCUMENT_SYSTEMS).optional(),
  /** Số, ký hiệu as typed ("16-NQ/TW", "Số: 1478/QĐ-UBND"); parsed, validated and stored canonical. */
  numberSymbol: z.string().max(80).nullable().optional(),
  issuerName: text(200),
  issuerUnitId: uuid.nullable().optional(),
  issuedOn: isoDate.nullable().optional(),
  summary: text(2000),
  term: termSchema.nullable().optional(),
  plenum: z.number().int().min(1).max(30).nullable().optional(),
  body: text(500_000, 0).nullable().optional(),
  classification: z.enum(DOCUMENT_CLASSIFICATIONS).optional(),
  /** Defaults to the creator's unit; decides who sees a secret document. */
  ownerUnitId: uuid.nullable().optional(),
};

export const createDocumentInput = z.strictObject({
  ...documentFields,
  clauses: z.array(clauseInput).max(2000).optional(),
  fileIds: z.array(uuid).max(50).optional(),
});
export type CreateDocumentInput = z.infer<typeof createDocumentInput>;

export const updateDocumentInput = z.strictObject({
  version: z.number().int(),
  kind: documentFields.kind.optional(),
  system: documentFields.system,
  numberSymbol: documentFields.numberSymbol,
  issuerName: text(200).optional(),
  issuerUnitId: documentFields.issuerUnitId,
  issuedOn: documentFields.issuedOn,
  summary: text(2000).optional(),
  term: documentFields.term,
  plenum: documentFields.plenum,
  body: documentFields.body,
  classification: documentFields.classification,
  ownerUnitId: documentFields.ownerUnitId,
});
export type UpdateDocumentInput = z.infer<typeof updateDocumentInput>;

export const setClausesInput = z.strictObject({ version: z.number().int(), clauses: z.array(clauseInput).max(2000) });
export type SetClausesInput = z.infer<typeof setClausesInput>;

export const parseClausesInput = z.strictObject({ text: z.string().max(500_000) });
export const parsedClausesSchema = z.object({ clauses: z.array(z.object({ label: z.string(), ref: z.string(), text: z.string() })) });

export const relationInput = z.strictObject({ relation: z.enum(DOCUMENT_RELATIONS), toDocumentId: uuid });
export type RelationInput = z.infer<typeof relationInput>;

export const attachFileInput = z.strictObject({ fileId: uuid });

export const documentListQuery = pageQuery.extend({
  q: z.string().max(200).optional(),
  kind: z.enum(DOCUMENT_KINDS).optional(),
  /** Accent-insensitive part of the issuer's name ("bo chinh tri"). */
  issuer: z.string().max(200).optional(),
  issuerUnitId: uuid.optional(),
  year: z.coerce.number().int().min(1945).max(2099).optional(),
});
export type DocumentListQuery = z.infer<typeof documentListQuery>;

export const documentRefSchema = z.object({
  id: uuid,
  kind: z.enum(DOCUMENT_KINDS),
  symbol: z.string().nullable(),
  summary: z.string(),
  issuedOn: isoDate.nullable(),
});

export const documentListItem = z.object({
  id: uuid,
  kind: z.enum(DOCUMENT_KINDS),
  system: z.enum(DOCUMENT_SYSTEMS),
  number: z.number().int().nullable(),
  symbol: z.string().nullable(),
  issuerName: z.string(),
  issuerUnitId: uuid.nullable(),
  issuedOn: isoDate.nullable(),
  summary: z.string(),
  term: z.string().nullable(),
  plenum: z.number().int().nullable(),
  classification: z.enum(DOCUMENT_CLASSIFICATIONS),
  ownerUnitId: uuid.nullable(),
  version: z.number().int(),
  abilities: z.record(z.string(), z.boolean()),
});
export type DocumentListItem = z.infer<typeof documentListItem>;
export const documentPage = pageOf(documentListItem);

export const documentDetail = documentListItem.extend({
  registerYear: z.number().int().nullable(),
  year: z.number().int().nullable(),
  issuerUnitName: z.string().nullable(),
  ownerUnitName: z.string().nullable(),
  body: z.string().nullable(),
  clauses: z.array(clauseSchema),
  /** This document → others ("reviews 16-NQ/TW"). */
  relations: z.array(z.object({ relation: z.enum(DOCUMENT_RELATIONS), document: documentRefSchema })),
  /** Others → this document ("reviewed by 21-KL/TW"). */
  relatedBy: z.array(z.object({ relation: z.enum(DOCUMENT_RELATIONS), document: documentRefSchema })),
  attachments: z.array(z.object({ id: uuid, filename: z.string(), mime: z.string(), size: z.number().int() })),
});
export type DocumentDetail = z.infer<typeof documentDetail>;

/** Fields of a registry entry to create for a reference that matched nothing (for review). */
export const documentProposalSchema = z.object({
  kind: z.enum(DOCUMENT_KINDS),
  system: z.enum(DOCUMENT_SYSTEMS).nullable(),
  numberSymbol: z.string().nullable(),
  issuerName: z.string().nullable(),
  issuedOn: isoDate.nullable(),
  term: z.string().nullable(),
  plenum: z.number().int().nullable(),
  summary: z.string(),
});
export type DocumentProposal = z.infer<typeof documentProposalSchema>;

export const findReferencesInput = z.strictObject({ text: z.string().max(200_000) });
export const referenceMatchSchema = z.object({ documentId: uuid, symbol: z.string().nullable(), summary: z.string() });
export const resolvedReferenceSchema = z.object({
  kind: z.enum(DOCUMENT_KINDS),
  number: z.number().int().nullable(),
  symbol: z.string().nullable(),
  date: isoDate.nullable(),
  issuer: z.string().nullable(),
  term: z.string().nullable(),
  plenum: z.number().int().nullable(),
  subject: z.string().nullable(),
  text: z.string(),
  start: z.number().int(),
  end: z.number().int(),
  match: referenceMatchSchema.nullable(),
  proposal: documentProposalSchema.nullable(),
});
export type ResolvedReference = z.infer<typeof resolvedReferenceSchema>;
export const referencesResponse = z.object({ references: z.array(resolvedReferenceSchema) });
