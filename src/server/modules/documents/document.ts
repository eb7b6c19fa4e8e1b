import { DOCUMENT_KIND_INFO, type ClauseInput, type DocumentKind, type DocumentSystem, type ParsedDocumentNumber } from '../../../contracts/documents.ts';
import { DomainError } from '../../kernel/errors.ts';
import { foldForSearch } from '../../kernel/text.ts';
import { parseDocumentNumber } from './document-number.ts';

/** Pure rules for the document registry (văn bản). */

export interface ResolvedNumber {
  system: DocumentSystem;
  number: number | null;
  year: number | null;
  symbol: string | null;
}

/**
 * Parse, validate and canonicalise the typed number and symbol. Malformed → `document.invalid_number`
 * with the parser's reason; a symbol that names another kind ("21-KL/TW" as a nghị quyết) →
 * `document.kind_mismatch`; no number at all needs the system spelled out.
 */
export function resolveNumber(kind: DocumentKind, numberSymbol: string | null | undefined, system: DocumentSystem | undefined): ResolvedNumber {
  if (numberSymbol === null || numberSymbol === undefined || numberSymbol.trim() === '') {
    if (!system) throw new DomainError('document.system_required', {}, [{ path: 'system', code: 'required' }]);
    return { system, number: null, year: null, symbol: null };
  }
  const r = parseDocumentNumber(numberSymbol);
  if (!r.ok) throw new DomainError('document.invalid_number', { reason: r.reason, ...(r.params ?? {}) }, [{ path: 'numberSymbol', code: r.reason, ...(r.params ? { params: r.params } : {}) }]);
  const p: ParsedDocumentNumber = r.value;
  if (p.kind && p.kind !== kind && !kindsCompatible(kind, p.kind))
    throw new DomainError('document.kind_mismatch', { kind, symbolKind: p.kind }, [{ path: 'kind', code: 'kind_mismatch', params: { symbolKind: p.kind } }]);
  if (system && system !== p.system) throw new DomainError('document.invalid_number', { reason: 'mixed_systems' }, [{ path: 'system', code: 'mixed_systems' }]);
  return { system: p.system, number: p.number, year: p.year ?? null, symbol: p.canonical };
}

/** Abbreviations shared by several kinds ("TT": thông tư in state texts, thông tri in Party texts; "TB" covers thông báo kết luận). */
function kindsCompatible(kind: DocumentKind, symbolKind: DocumentKind): boolean {
  if (symbolKind === 'other') return true;
  return (kind === 'thong_tri' && symbolKind === 'thong_tu') || (kind === 'thong_tu' && symbolKind === 'thong_tri');
}

/**
 * The register year: numbers restart each year (NĐ 30/2020 Điều 15), so a number and symbol is
 * unique per year. Legal documents carry the year in the number; others take the issue date's.
 */
export function registerYear(n: ResolvedNumber, issuedOn: string | null | undefined): number | null {
  if (n.year !== null) return n.year;
  if (issuedOn) return Number(issuedOn.slice(0, 4));
  return null;
}

export function documentSearchText(d: { kind: DocumentKind; symbol: string | null; issuerName: string; summary: string; term: string | null; number: number | null }): string {
  return foldForSearch(
    [DOCUMENT_KIND_INFO[d.kind].name, d.symbol ?? '', d.number !== null ? `số ${d.number}` : '', d.issuerName, d.term ? `khóa ${d.term}` : '', d.summary].join(' '),
  );
}

/** The parent ref of a clause ref ("II.3.a" → "II.3"; "II" → null). */
export function parentRef(ref: string): string | null {
  const i = ref.lastIndexOf('.');
  return i < 0 ? null : ref.slice(0, i);
}

/**
 * Check a clause list: refs unique, every parent present and listed before its children.
 * Returns the list with each clause's parent ref and depth.
 */
export function validateClauses(clauses: readonly ClauseInput[]): (ClauseInput & { parentRef: string | null; depth: number })[] {
  const seen = new Map<string, number>();
  const issues: { path: string; code: string; params?: Record<string, unknown> }[] = [];
  const out = clauses.map((c, i) => {
    const parent = parentRef(c.ref);
    if (seen.has(c.ref)) issues.push({ path: `clauses.${i}.ref`, code: 'duplicate', params: { ref: c.ref } });
    if (parent !== null && !seen.has(parent)) issues.push({ path: `clauses.${i}.ref`, code: 'missing_parent', params: { ref: c.ref, parent } });
    seen.set(c.ref, i);
    return { ...c, parentRef: parent, depth: c.ref.split('.').length - 1 };
  });
  if (issues.length) throw new DomainError(issues.some((x) => x.code === 'duplicate') ? 'document.duplicate_clause_ref' : 'document.unknown_clause', { count: issues.length }, issues);
  return out;
}

export function assertRelation(fromId: string, toId: string): void {
  if (fromId === toId) throw new DomainError('document.self_relation', { id: fromId }, [{ path: 'toDocumentId', code: 'self_relation' }]);
}

/* ---------------------------------------------------------------------------------------------
 * Clauses from body text.
 * ------------------------------------------------------------------------------------------- */

type Level = 'part' | 'article' | 'item' | 'point';
const RANK: Record<Level, number> = { part: 0, article: 1, item: 2, point: 3 };

interface Heading {
  level: Level;
  token: string;
  label: string;
  rest: string;
}

const ROMAN = /^(?:(?:phần|mục|muc|phan)\s+)?([IVXLC]{1,7})[.:)]\s*(.*)$/iu;
const ARTICLE = /^(?:điều|dieu)\s+(\d{1,3})\s*[.:]\s*(.*)$/iu;
const ITEM_WORD = /^(?:khoản|khoan)\s+(\d{1,3})\s*[.:]?\s*(.*)$/iu;
const ITEM = /^(\d{1,3})[.)](?!\d)\s*(.*)$/u;
const POINT_WORD = /^(?:điểm|diem)\s+([a-zđ])\s*[.:)]?\s*(.*)$/iu;
const POINT = /^([a-zđ])\)\s*(.*)$/u;

function heading(line: string): Heading | null {
  let m = ARTICLE.exec(line);
  if (m) return { level: 'article', token: m[1]!, label: `Điều ${m[1]}`, rest: m[2]! };
  m = ROMAN.exec(line);
  // A lone capital "I" or "V" followed by ". " at the start of a sentence is a heading here: the
  // patterns only run on the first characters of a line.
  if (m) return { level: 'part', token: m[1]!.toUpperCase(), label: `Mục ${m[1]!.toUpperCase()}`, rest: m[2]! };
  m = ITEM_WORD.exec(line);
  if (m) return { level: 'item', token: m[1]!, label: `Khoản ${m[1]}`, rest: m[2]! };
  m = ITEM.exec(line);
  if (m) return { level: 'item', token: m[1]!, label: `Khoản ${m[1]}`, rest: m[2]! };
  m = POINT_WORD.exec(line);
  if (m) return { level: 'point', token: m[1]!.toLowerCase(), label: `Điểm ${m[1]!.toLowerCase()}`, rest: m[2]! };
  m = POINT.exec(line);
  if (m) return { level: 'point', token: m[1]!, label: `Điểm ${m[1]}`, rest: m[2]! };
  return null;
}

/**
 * Numbered clauses of a document body: "I." / "Mục II" (mục), "Điều 3." (điều), "1." / "Khoản 2"
 * (khoản), "a)" / "Điểm b" (điểm). Refs nest by position: "II.3.a" is point a of item 3 of part II.
 * Lines that are not headings continue the clause above; text before the first heading is
 * ignored (preamble). Deterministic; refs made unique with a suffix ("3b2") when a number repeats.
 */
export function parseClauses(body: string): ClauseInput[] {
  const out: { label: string; ref: string; text: string[] }[] = [];
  // Open headings by level: the nearest enclosing one of each rank.
  const stack: { level: Level; ref: string }[] = [];
  const used = new Set<string>();
  for (const raw of body.normalize('NFC').split(/\r?\n/)) {
    const line = raw.replace(/\s+/g, ' ').trim();
    if (line === '') continue;
    const h = heading(line);
    if (!h) {
      const last = out[out.length - 1];
      if (last) last.text.push(line);
      continue;
    }
    while (stack.length && RANK[stack[stack.length - 1]!.level] >= RANK[h.level]) stack.pop();
    const parent = stack[stack.length - 1];
    let ref = parent ? `${parent.ref}.${h.token}` : h.token;
    if (used.has(ref)) {
      let k = 2;
      while (used.has(`${ref}~${k}`)) k++;
      ref = `${ref}~${k}`;
    }
    used.add(ref);
    stack.push({ level: h.level, ref });
    out.push({ label: h.label, ref, text: h.rest ? [h.rest] : [] });
  }
  return out.map((c) => ({ label: c.label, ref: c.ref.replace(/~/g, 'b'), text: c.text.join('\n') }));
}
