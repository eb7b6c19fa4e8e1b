import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import { foldForSearch } from '../kernel/text.ts';

/**
 * Accent-insensitive search over a stored `search_text` column (ADR 003). The query is folded the
 * same way as the column and split into words. A record matches when every word stands in it as a
 * whole syllable — the last word may be the start of one, so results follow the typing — in any
 * order: "tuyen truyen ben thanh" finds "Tuyên truyền … phường Bến Thành", while "ma tuy" does not
 * find "tuyên truyền … Cà Mau" (Vietnamese is written in syllables; plain substrings over-match).
 * The condition is a regular expression, which the pg_trgm GIN index on `search_text` serves.
 */
export function searchWords(q: string | undefined | null): string[] {
  if (!q) return [];
  return [...new Set(foldForSearch(q).split(' ').filter((w) => w.length > 0))].slice(0, 8);
}

const escapeRegex = (s: string): string => s.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
const BOUNDARY_BEFORE = '(^|[^a-z0-9])';
const BOUNDARY_AFTER = '([^a-z0-9]|$)';

/** POSIX regular expressions, one per word (whole syllable; the last word as a prefix). */
export function wordPatterns(words: readonly string[]): string[] {
  return words.map((w, i) => `${BOUNDARY_BEFORE}${escapeRegex(w)}${i === words.length - 1 ? '' : BOUNDARY_AFTER}`);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- works on any table's column
export function containsAllWords(eb: ExpressionBuilder<any, any>, column: string, words: readonly string[]): Expression<SqlBool> {
  return eb.and(wordPatterns(words).map((p) => eb(sql.ref(column), '~', p)));
}
