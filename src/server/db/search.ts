import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import { escapeLike, foldForSearch } from '../kernel/text.ts';

/**
 * Accent-insensitive search over a stored `search_text` column (ADR 003). The query is folded the
 * same way as the column and split into words; a record matches when it contains every word, in
 * any order ("tuyen truyen ben thanh" finds "Tuyên truyền … phường Bến Thành").
 */
export function searchWords(q: string | undefined | null): string[] {
  if (!q) return [];
  return [...new Set(foldForSearch(q).split(' ').filter((w) => w.length > 0))].slice(0, 8);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- works on any table's column
export function containsAllWords(eb: ExpressionBuilder<any, any>, column: string, words: readonly string[]): Expression<SqlBool> {
  return eb.and(words.map((w) => eb(sql.ref(column), 'like', `%${escapeLike(w)}%`)));
}
