import type { DocumentKind, DocumentReference } from '../../../contracts/documents.ts';
import { foldForSearch } from '../../kernel/text.ts';
import { parseDocumentNumber } from './document-number.ts';

/**
 * Finds mentions of documents in free Vietnamese text ("Nghị quyết 16-NQ/TW của Bộ Chính trị khóa
 * XI về …", "Kết luận số 21 ngày 24/10/2017", "Nghị quyết Trung ương 4 (khóa XII)").
 *
 * Matching runs on a folded copy of the text (lower case, no tone marks, đ → d) that keeps a map
 * back to the input offsets, so NFC and NFD input, capitals and unaccented typing all match.
 * Every pattern is either a fixed phrase or a sticky regex without nested quantifiers, anchored
 * where the previous step stopped: the scan is linear in the length of the text.
 */

/** Kind words, folded; longer phrases first so "thông báo kết luận" wins over "thông báo". */
const KIND_WORDS: [string, DocumentKind][] = (
  [
    ['thông báo kết luận', 'thong_bao'], ['thông báo', 'thong_bao'], ['nghị quyết liên tịch', 'nghi_quyet'],
    ['nghị quyết', 'nghi_quyet'], ['kết luận', 'ket_luan'], ['chỉ thị', 'chi_thi'], ['quyết định', 'quyet_dinh'],
    ['quy định', 'quy_dinh'], ['kế hoạch liên tịch', 'ke_hoach'], ['kế hoạch', 'ke_hoach'], ['hướng dẫn', 'huong_dan'],
    ['quy chế phối hợp', 'quy_che'], ['quy chế', 'quy_che'], ['báo cáo', 'bao_cao'], ['công văn', 'cong_van'],
    ['chương trình', 'chuong_trinh'], ['đề án', 'de_an'], ['tờ trình', 'to_trinh'], ['biên bản', 'bien_ban'],
    ['luật', 'luat'], ['nghị định', 'nghi_dinh'], ['thông tư liên tịch', 'thong_tu'], ['thông tư', 'thong_tu'],
    ['thông tri', 'thong_tri'],
  ] as [string, DocumentKind][]
)
  .map(([w, k]): [string, DocumentKind] => [foldForSearch(w), k])
  .sort((a, b) => b[0].length - a[0].length);
const KIND_BY_WORD = new Map(KIND_WORDS);
const KIND_RE = new RegExp(`(?<![a-z0-9])(?:${KIND_WORDS.map(([w]) => w.replace(/ /g, '\\s+')).join('|')})(?![a-z0-9])`, 'g');

/** Issuers written after "của", folded → normalised name. Longest first. */
const ISSUERS: [string, string][] = (
  [
    ['Ban Chấp hành Trung ương Đảng', 'Ban Chấp hành Trung ương'], ['Ban Chấp hành Trung ương', 'Ban Chấp hành Trung ương'],
    ['BCH Trung ương', 'Ban Chấp hành Trung ương'], ['BCHTW', 'Ban Chấp hành Trung ương'],
    ['Trung ương Đảng', 'Ban Chấp hành Trung ương'], ['Trung ương', 'Ban Chấp hành Trung ương'],
    ['Bộ Chính trị', 'Bộ Chính trị'], ['Ban Bí thư', 'Ban Bí thư'], ['Văn phòng Trung ương Đảng', 'Văn phòng Trung ương Đảng'],
    ['Ủy ban Thường vụ Quốc hội', 'Ủy ban Thường vụ Quốc hội'], ['UBTVQH', 'Ủy ban Thường vụ Quốc hội'], ['Quốc hội', 'Quốc hội'],
    ['Thủ tướng Chính phủ', 'Thủ tướng Chính phủ'], ['Thủ tướng', 'Thủ tướng Chính phủ'], ['Chính phủ', 'Chính phủ'],
    ['Bộ trưởng Bộ Công an', 'Bộ trưởng Bộ Công an'], ['Bộ Công an', 'Bộ Công an'],
    ['Đảng ủy Công an Trung ương', 'Đảng ủy Công an Trung ương'],
    ['Ban Thường vụ Thành ủy', 'Ban Thường vụ Thành ủy'], ['Thành ủy', 'Thành ủy'],
    ['Chủ tịch Ủy ban nhân dân Thành phố', 'Chủ tịch Ủy ban nhân dân Thành phố'],
    ['Chủ tịch UBND Thành phố', 'Chủ tịch Ủy ban nhân dân Thành phố'],
    ['Ủy ban nhân dân Thành phố', 'Ủy ban nhân dân Thành phố'], ['UBND Thành phố', 'Ủy ban nhân dân Thành phố'],
    ['Hội đồng nhân dân Thành phố', 'Hội đồng nhân dân Thành phố'], ['HĐND Thành phố', 'Hội đồng nhân dân Thành phố'],
    ['Công an Thành phố', 'Công an Thành phố'],
  ] as [string, string][]
)
  .map(([w, name]): [string, string] => [foldForSearch(w), name])
  .sort((a, b) => b[0].length - a[0].length);

/** Issuer implied by a symbol's agency code when the text does not name one. */
function issuerFromCode(code: string): string | undefined {
  if (code === 'TTg') return 'Thủ tướng Chính phủ';
  if (code === 'CP') return 'Chính phủ';
  if (code === 'BCA') return 'Bộ Công an';
  if (code === 'VPTW') return 'Văn phòng Trung ương Đảng';
  if (/^QH\d+$/.test(code)) return 'Quốc hội';
  if (/^UBTVQH\d+$/.test(code)) return 'Ủy ban Thường vụ Quốc hội';
  return undefined;
}

/** Words that end an issuer name the table does not know. */
const ISSUER_STOP = new Set(['ve', 'ngay', 'khoa', 'va', 'nam', 'da', 'duoc', 'de', 'nham', 'tai', 'theo', 'voi', 'cho', 'thi', 'la', 'ma', 'nay', 'do', 'den', 'gop', 'thuc']);

type Folded = { text: string; from: Int32Array; to: Int32Array };

/** Folded code of each character below U+2000 (Latin, Vietnamese, combining marks): -1 unknown yet, -2 drops. */
const FOLD_TABLE = new Int32Array(0x2000).fill(-1);
const DROP = -2;
const MULTI = -3;

function foldString(ch: string): string {
  return ch === '\n' ? '\n' : /\s/.test(ch) ? ' ' : foldForSearch(ch);
}

function foldCode(c: number): number {
  if (c >= 0x2000) return MULTI;
  let f = FOLD_TABLE[c]!;
  if (f === -1) {
    const s = foldString(String.fromCharCode(c));
    f = s.length === 0 ? DROP : s.length === 1 ? s.charCodeAt(0) : MULTI;
    FOLD_TABLE[c] = f;
  }
  return f;
}

/**
 * Fold the text one character at a time (as foldForSearch does for a whole string, but keeping
 * line breaks and punctuation), remembering where each folded character came from.
 */
function fold(input: string): Folded {
  const cap = input.length * 2 + 1;
  const out = new Uint16Array(cap);
  const from = new Int32Array(cap);
  const to = new Int32Array(cap);
  let n = 0;
  for (let i = 0; i < input.length; ) {
    const c = input.charCodeAt(i);
    const f = foldCode(c);
    if (f >= 0) {
      out[n] = f;
      from[n] = i;
      to[n++] = ++i;
    } else if (f === DROP) {
      if (n > 0) to[n - 1] = i + 1; // a combining mark joins its base
      i++;
    } else {
      const len = c >= 0xd800 && c <= 0xdbff && i + 1 < input.length ? 2 : 1;
      for (const x of foldString(input.slice(i, i + len)).slice(0, 2)) {
        out[n] = x.charCodeAt(0);
        from[n] = i;
        to[n++] = i + len;
      }
      i += len;
    }
  }
  let text = '';
  for (let k = 0; k < n; k += 4096) text += String.fromCharCode(...out.subarray(k, Math.min(n, k + 4096)));
  return { text, from, to };
}

/** A real calendar date as YYYY-MM-DD, or undefined ("31/02/2017" is dropped, not invented). */
function calendarDate(day: number, month: number, year: number): string | undefined {
  if (month < 1 || month > 12 || day < 1 || year < 1900 || year > 2099) return undefined;
  const days = [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  if (day > days[month - 1]!) return undefined;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const MAX_SYMBOL_GROUPS = 10;
/** Cheap look-ahead: a date, term or issuer follows only after ",", "(", "ngày", "khóa" or "của". */
const DETAIL_START = /^\s*[,(nkc]/;
const SO = /\s*(?:so\s*[:.]?\s*)?(?=\d)/y;
const HAS_SO = /\s*so\b/y;
const DIGITS = /\d+/y;
const SYMBOL_STEP = /\s*[-/\u2010-\u2015\u2212]\s*[a-z0-9&]+/y;
const PLENUM = /\s+(?:hoi nghi\s+)?(?:trung uong|tw)\s*(\d{1,2})(?![\d/-])/y;
const DATE_NUM = /\s*,?\s*(?:ban hanh\s+)?ngay\s+(\d{1,2})\s*([-/.])\s*(\d{1,2})\s*\2\s*(\d{4})(?!\d)/y;
const DATE_WORDS = /\s*,?\s*(?:ban hanh\s+)?ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})(?!\d)/y;
const TERM_PAREN = /\s*,?\s*\(\s*khoa\s+([ivxlc]+)\s*\)/y;
const TERM = /\s*,?\s*khoa\s+([ivxlc]+)(?![a-z0-9])/y;
const OF = /\s*,?\s*cua\s+/y;
const ABOUT = /\s*,?\s*ve\s+/y;
const PLACE = /\s+(?:thanh pho|tinh)(?![a-z0-9])/y;
const WORD = /\s+([a-z0-9&]+)/y;

function sticky(re: RegExp, s: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(s);
}

type Draft = DocumentReference & { fStart: number; fEnd: number };

class Scanner {
  readonly f: Folded;
  constructor(readonly input: string) {
    this.f = fold(input);
  }
  orig(fs: number, fe: number): string {
    return fe <= fs ? '' : this.input.slice(this.f.from[fs], this.f.to[fe - 1]).normalize('NFC');
  }
  isUpper(fi: number): boolean {
    const ch = this.input[this.f.from[fi] ?? -1] ?? '';
    return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
  }

  /** The reference whose kind word is at [ks, ke), or undefined when it is just a word. */
  read(ks: number, ke: number, kind: DocumentKind): Draft | undefined {
    const t = this.f.text;
    const ref: Partial<DocumentReference> = {};
    let end: number;
    let needsDetail = false; // a bare number after a lower-case kind word may be a verb and its object
    const so = sticky(SO, t, ke);
    const plenum = !so && kind === 'nghi_quyet' ? sticky(PLENUM, t, ke) : null;
    if (so) {
      const hasSo = sticky(HAS_SO, t, ke) !== null;
      const digits = sticky(DIGITS, t, so.index + so[0].length)!;
      const nStart = digits.index;
      end = nStart + digits[0].length;
      ref.number = Number(digits[0]);
      const steps = [end];
      // A symbol has at most a handful of groups ("01/2017/TTLT-BCA-BQP-BTC-BNN&PTNT-VKSNDTC" has 7).
      for (let m = sticky(SYMBOL_STEP, t, end); m && steps.length <= MAX_SYMBOL_GROUPS; m = sticky(SYMBOL_STEP, t, m.index + m[0].length)) {
        steps.push(m.index + m[0].length);
      }
      for (let i = steps.length - 1; i > 0; i--) {
        const parsed = parseDocumentNumber(this.orig(nStart, steps[i]!));
        if (parsed.ok) {
          ref.symbol = parsed.value.canonical;
          ref.number = parsed.value.number;
          const implied = issuerFromCode(parsed.value.issuer);
          if (implied) ref.issuer = implied;
          end = steps[i]!;
          break;
        }
      }
      if (!ref.symbol && ref.number === 0) return undefined;
      needsDetail = !ref.symbol && !hasSo && !this.isUpper(ks);
    } else if (plenum) {
      ref.plenum = Number(plenum[1]);
      ref.issuer = 'Ban Chấp hành Trung ương';
      end = plenum.index + plenum[0].length;
    } else {
      return undefined;
    }
    let explicit = false;
    let named = false;
    for (let progress = true; progress && DETAIL_START.test(t.slice(end, end + 3)); ) {
      progress = false;
      const d = !ref.date && (sticky(DATE_NUM, t, end) ?? sticky(DATE_WORDS, t, end));
      if (d) {
        const [day, month, year] = d[2] && !/\d/.test(d[2]) ? [d[1], d[3], d[4]] : [d[1], d[2], d[3]];
        const date = calendarDate(Number(day), Number(month), Number(year));
        if (date) ref.date = date;
        end = d.index + d[0].length;
        explicit = progress = true;
        continue;
      }
      const term = !ref.term && (sticky(TERM_PAREN, t, end) ?? sticky(TERM, t, end));
      if (term) {
        ref.term = term[1]!.toUpperCase();
        end = term.index + term[0].length;
        explicit = progress = true;
        continue;
      }
      const of = named ? null : sticky(OF, t, end);
      const issuer = of && this.issuer(of.index + of[0].length);
      if (issuer) {
        ref.issuer = issuer.name;
        end = issuer.end;
        named = explicit = progress = true;
      }
    }
    if (needsDetail && !explicit) return undefined; // "Hội nghị quyết định 3 nhiệm vụ": a verb, not a document
    const fStart = ks;
    const start = this.f.from[fStart]!;
    const stop = this.f.to[end - 1]!;
    return { kind, ...ref, start, end: stop, text: this.input.slice(start, stop), fStart, fEnd: end };
  }

  /** Issuer name starting at folded index `at`: a known body, or a run of words up to a stop word. */
  issuer(at: number): { name: string; end: number } | undefined {
    const t = this.f.text;
    for (const [phrase, name] of ISSUERS) {
      const e = at + phrase.length;
      if (t.startsWith(phrase, at) && !/[a-z0-9]/.test(t[e] ?? '')) {
        if (!name.endsWith('Thành phố')) return { name, end: e };
        const place = this.capitalisedRun(e);
        return { name: place.end > e ? `${name} ${this.orig(place.start, place.end)}` : name, end: place.end };
      }
    }
    if (!this.isUpper(at)) return undefined;
    let end = at;
    let words = 0;
    for (let m = sticky(WORD, t, at - 1); m && words < 8 && !ISSUER_STOP.has(m[1]!); m = sticky(WORD, t, end)) {
      end = m.index + m[0].length;
      words++;
      const place = sticky(PLACE, t, end);
      if (place) {
        end = this.capitalisedRun(place.index + place[0].length).end;
        break;
      }
    }
    return words > 0 ? { name: this.orig(at, end), end } : undefined;
  }

  /** Capitalised words from `at` ("Hồ Chí Minh"); empty when the next word is lower case. */
  capitalisedRun(at: number): { start: number; end: number } {
    const t = this.f.text;
    let end = at;
    for (let m = sticky(WORD, t, at); m && this.isUpper(m.index + m[0].length - m[1]!.length); m = sticky(WORD, t, end)) {
      end = m.index + m[0].length;
    }
    return { start: at + (t[at] === ' ' ? 1 : 0), end };
  }

  /** The "về …" clause after a reference, up to ";", ".", a line break, or the next listed reference. */
  subject(after: number, bound: number): string | undefined {
    const t = this.f.text;
    const m = sticky(ABOUT, t, after);
    if (!m) return undefined;
    const s = m.index + m[0].length;
    let e = s;
    while (e < bound && e < t.length) {
      const c = t[e]!;
      if (c === ';' || c === '\n' || c === '\u2026' || c === '(' || (c === '.' && !/\d/.test(t[e + 1] ?? ''))) break;
      e++;
    }
    const text = this.orig(s, e).replace(/[\s,.…]+$/u, '').trim();
    return text === '' ? undefined : text;
  }
}

/** All mentions of documents in the text, in order of appearance. */
export function findDocumentReferences(text: string): DocumentReference[] {
  const sc = new Scanner(text);
  const t = sc.f.text;
  const drafts: Draft[] = [];
  KIND_RE.lastIndex = 0;
  for (let m = KIND_RE.exec(t); m; m = KIND_RE.exec(t)) {
    const kind = KIND_BY_WORD.get(m[0].replace(/\s+/g, ' '))!;
    const ref = sc.read(m.index, m.index + m[0].length, kind);
    if (ref) {
      drafts.push(ref);
      KIND_RE.lastIndex = ref.fEnd;
    } else {
      KIND_RE.lastIndex = m.index + 1; // overlapping words: "hội nghị quyết định" holds "nghị quyết" and "quyết định"
    }
  }
  return drafts.map((d, i) => {
    const next = drafts[i + 1];
    // A following reference ends the subject only when it is listed (", Chỉ thị 46", "và Kết luận 21").
    const listed = next && /(?:[,;]|\bva)\s*$/.test(t.slice(Math.max(d.fEnd, next.fStart - 6), next.fStart));
    const subject = sc.subject(d.fEnd, listed ? next.fStart : t.length);
    const { fStart: _s, fEnd: _e, ...ref } = d;
    return subject ? { ...ref, subject } : ref;
  });
}

const compatible = <T>(a: T | undefined, b: T | undefined): boolean => a === undefined || b === undefined || a === b;

/**
 * Groups mentions of the same document: same kind and symbol; or same kind and number with
 * compatible issuer, term and date (a mention without symbol joins the only such group); or the
 * same Central Committee plenum and term. Details found in any mention are merged into the first.
 */
export function dedupeReferences(refs: readonly DocumentReference[]): DocumentReference[] {
  const groups: DocumentReference[] = [];
  for (const r of refs) {
    const fits = (g: DocumentReference): boolean =>
      g.kind === r.kind &&
      compatible(g.term, r.term) &&
      compatible(g.date, r.date) &&
      (r.symbol !== undefined && g.symbol !== undefined
        ? g.symbol === r.symbol
        : r.number !== undefined
          ? g.number === r.number && compatible(g.issuer, r.issuer)
          : r.plenum !== undefined && g.plenum === r.plenum);
    const exact = r.symbol !== undefined ? groups.filter((g) => g.symbol === r.symbol && g.kind === r.kind) : [];
    const candidates = exact.length > 0 ? exact : groups.filter(fits);
    const g = candidates.length === 1 ? candidates[0] : undefined;
    if (!g) {
      groups.push({ ...r });
      continue;
    }
    for (const key of ['number', 'symbol', 'date', 'issuer', 'term', 'plenum', 'subject'] as const) {
      if (g[key] === undefined && r[key] !== undefined) (g as Record<string, unknown>)[key] = r[key];
    }
  }
  return groups;
}
