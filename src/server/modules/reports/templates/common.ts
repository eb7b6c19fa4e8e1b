import type { Block, DocumentFormat, OfficialDocument, Signature } from '../official-document.ts';
import { dayText, monthText } from '../official-document.ts';

/**
 * What every template needs besides its record: who issues the document, under which number
 * (null: a draft), on which date, and who signs. The service fills it from the issuing unit and
 * the request.
 */
export interface Issue {
  system: DocumentFormat;
  parentBody?: string;
  issuingBody: string;
  issuerName: string;
  number: number | null;
  /** The symbol without the type: state "CATP" → "TB-CATP"; Party "ĐU" → "TB/ĐU". */
  issuerSymbol: string;
  place: string;
  date: string | null;
  draftYear: number;
  signature: Signature;
  /** Drafting unit for "Lưu: VT, …". */
  archive: readonly string[];
}

/** The symbol of a document type for an issuer: state "BC-CATP", Party "BC/ĐU". */
export const typedSymbol = (system: DocumentFormat, typeAbbr: string, issuerSymbol: string): string =>
  system === 'party' ? `${typeAbbr}/${issuerSymbol}` : `${typeAbbr}-${issuerSymbol}`;

/** The common part of an OfficialDocument from an Issue. */
export function issued(issue: Issue, typeAbbr: string): Pick<OfficialDocument, 'system' | 'parentBody' | 'issuingBody' | 'issuerName' | 'number' | 'symbol' | 'place' | 'date' | 'draftYear' | 'signature' | 'archive'> {
  return {
    system: issue.system,
    ...(issue.parentBody ? { parentBody: issue.parentBody } : {}),
    issuingBody: issue.issuingBody,
    issuerName: issue.issuerName,
    number: issue.number,
    symbol: typedSymbol(issue.system, typeAbbr, issue.issuerSymbol),
    place: issue.place,
    date: issue.date,
    draftYear: issue.draftYear,
    signature: issue.signature,
    archive: issue.archive,
  };
}


/** "ngày 05 tháng 01 năm 2026" (the document date style, NĐ 30/2020 Phụ lục I). */
export const viLongDate = (iso: string): string => `ngày ${dayText(Number(iso.slice(8, 10)))} tháng ${monthText(Number(iso.slice(5, 7)))} năm ${iso.slice(0, 4)}`;

export const paragraph = (text: string, opts: { indent?: boolean } = {}): Block => ({ kind: 'paragraph', text, ...(opts.indent === false ? { indent: false } : {}) });

/** "A, B và C". */
export function joinVi(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} và ${items[items.length - 1]}`;
}

/** Percent with a comma as decimal separator (Vietnamese): 85.7 → "85,7%". */
export const viPercent = (p: number): string => `${(Math.round(p * 10) / 10).toString().replace('.', ',')}%`;
