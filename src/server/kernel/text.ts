/**
 * Vietnamese text helpers. One folding function is used for stored search keys and for queries,
 * so "ben thanh" finds "Công an phường Bến Thành" on both database backends.
 */

/** NFC, lower case, tone and vowel marks removed, đ → d, runs of space collapsed. */
export function foldForSearch(input: string): string {
  return input
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    // Đ/đ, and the look-alike Ð/ð (U+00D0/U+00F0) that legacy font converters write for it.
    .replace(/[đð]/g, 'd')
    .replace(/[ĐÐ]/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Escape LIKE wildcards in user text. */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/*
 * Vietnamese collation key. PGlite has no Vietnamese collation and server databases may be created
 * with any locale, so names carry a sort key that orders correctly under the byte-wise "C"
 * collation on every backend (docs/decisions/003-vietnamese-search-and-sort.md).
 *
 * Vietnamese alphabet (29 letters): a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y.
 * Primary level: letters in that order (f, j, w, z from foreign words are slotted by Latin order).
 * Secondary level: tones in the order used by dictionaries: none, huyền, hỏi, ngã, sắc, nặng
 * — matching ICU's `vi` tailoring that Intl.Collator('vi') uses (ngang, huyền, hỏi, ngã, sắc, nặng).
 */
const PRIMARY_ORDER = 'aăâbcdđeêfghijklmnoôơpqrstuưvwxyz';
const TONE_MARKS: Record<string, number> = {
  '\u0300': 1, // huyền
  '\u0309': 2, // hỏi
  '\u0303': 3, // ngã
  '\u0301': 4, // sắc
  '\u0323': 5, // nặng
};
const VOWEL_MARKS: Record<string, string> = { '\u0306': 'breve', '\u0302': 'circumflex', '\u031b': 'horn' };

function baseLetter(base: string, mark: string | undefined): string {
  if (!mark) return base;
  if (mark === 'breve' && base === 'a') return 'ă';
  if (mark === 'circumflex') return ({ a: 'â', e: 'ê', o: 'ô' } as Record<string, string>)[base] ?? base;
  if (mark === 'horn') return ({ o: 'ơ', u: 'ư' } as Record<string, string>)[base] ?? base;
  return base;
}

export function vietnameseSortKey(input: string): string {
  const decomposed = input.normalize('NFD').toLowerCase();
  const primary: string[] = [];
  const tones: string[] = [];
  const cases: string[] = [];
  const original = input.normalize('NFD');
  let i = 0;
  while (i < decomposed.length) {
    const ch = decomposed[i]!;
    const origCh = original[i] ?? ch;
    i++;
    let vowelMark: string | undefined;
    let tone = 0;
    while (i < decomposed.length && /[\u0300-\u036f]/.test(decomposed[i]!)) {
      const m = decomposed[i]!;
      if (TONE_MARKS[m] !== undefined) tone = TONE_MARKS[m];
      else if (VOWEL_MARKS[m]) vowelMark = VOWEL_MARKS[m];
      i++;
    }
    const letter = ch === 'đ' ? 'đ' : baseLetter(ch, vowelMark);
    const idx = PRIMARY_ORDER.indexOf(letter);
    if (idx >= 0) {
      primary.push(String.fromCharCode(0x41 + idx)); // 'A'.. inside printable ASCII
      tones.push(String(tone));
      cases.push(origCh !== ch ? '1' : '0');
    } else if (/\s/.test(ch)) {
      primary.push('!'); // after the level separator (space) so "An" < "An Giang"
    } else if (/[0-9]/.test(ch)) {
      primary.push('"' + ch); // digits before letters
    } else {
      // punctuation and others: keep code point so order is stable
      primary.push('#' + ch);
    }
  }
  return `${primary.join('')} ${tones.join('')} ${cases.join('')}`;
}

const collator = new Intl.Collator('vi', { sensitivity: 'variant' });
/** Compare two strings in Vietnamese order (for in-memory sorts). */
export const compareVietnamese = (a: string, b: string): number => collator.compare(a, b);
