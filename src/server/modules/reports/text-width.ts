/**
 * Estimated printed width of a line of Times New Roman, for the rules (đường kẻ) under the header
 * texts: NĐ 30/2020/NĐ-CP Phụ lục I wants the rule under the Tiêu ngữ "the same length as the
 * text" and the one under the issuing body "1/3 to 1/2 of the text". Word and LibreOffice draw a
 * paragraph border as wide as the paragraph, so the builder narrows the paragraph to the width
 * computed here. Pure.
 *
 * Widths are the Adobe font metrics of Times-Roman and Times-Bold (1/1000 em), which Times New
 * Roman and Liberation Serif match; a Vietnamese letter takes the width of its base letter (the
 * diacritics stack above or below it).
 */

// prettier-ignore
const ROMAN: Record<string, number> = {
  ' ': 250, '-': 333, '.': 250, ',': 250, ':': 278, ';': 278, '/': 278, '(': 333, ')': 333, '*': 500, '&': 778,
  '0': 500, '1': 500, '2': 500, '3': 500, '4': 500, '5': 500, '6': 500, '7': 500, '8': 500, '9': 500,
  A: 722, B: 667, C: 667, D: 722, E: 611, F: 556, G: 722, H: 722, I: 333, J: 389, K: 722, L: 611, M: 889,
  N: 722, O: 722, P: 556, Q: 722, R: 667, S: 556, T: 611, U: 722, V: 722, W: 944, X: 722, Y: 722, Z: 611,
  a: 444, b: 500, c: 444, d: 500, e: 444, f: 333, g: 500, h: 500, i: 278, j: 278, k: 500, l: 278, m: 778,
  n: 500, o: 500, p: 500, q: 500, r: 333, s: 389, t: 278, u: 500, v: 500, w: 722, x: 500, y: 500, z: 444,
};

// prettier-ignore
const BOLD: Record<string, number> = {
  ' ': 250, '-': 333, '.': 250, ',': 250, ':': 333, ';': 333, '/': 278, '(': 333, ')': 333, '*': 500, '&': 833,
  '0': 500, '1': 500, '2': 500, '3': 500, '4': 500, '5': 500, '6': 500, '7': 500, '8': 500, '9': 500,
  A: 722, B: 667, C: 722, D: 722, E: 667, F: 611, G: 778, H: 778, I: 389, J: 500, K: 778, L: 667, M: 944,
  N: 722, O: 778, P: 611, Q: 778, R: 722, S: 556, T: 667, U: 722, V: 722, W: 1000, X: 722, Y: 722, Z: 667,
  a: 500, b: 556, c: 444, d: 556, e: 444, f: 333, g: 500, h: 556, i: 278, j: 333, k: 556, l: 278, m: 833,
  n: 556, o: 500, p: 556, q: 556, r: 444, s: 389, t: 333, u: 556, v: 500, w: 722, x: 500, y: 500, z: 444,
};

/** The letter whose width a character takes: "Ộ" → "O", "đ" → "d". */
function baseLetter(ch: string): string {
  if (ch === 'Đ') return 'D';
  if (ch === 'đ') return 'd';
  return ch.normalize('NFD').replace(/\p{M}/gu, '');
}

/** Width in points of `text` set in Times New Roman at `sizePt`. Unknown characters count as an "n". */
export function textWidthPt(text: string, sizePt: number, bold = false): number {
  const table = bold ? BOLD : ROMAN;
  let units = 0;
  for (const ch of text.normalize('NFC')) units += table[baseLetter(ch)] ?? table['n']!;
  return (units * sizePt) / 1000;
}

/** Points → twips (1/20 pt), the unit of Word's layout. */
export const ptToTwip = (pt: number): number => Math.round(pt * 20);
/** Millimetres → twips. */
export const mmToTwip = (mm: number): number => Math.round((mm / 25.4) * 1440);
