import { describe, expect, it } from 'vitest';
import { foldForSearch } from '../kernel/text.ts';
import { searchWords, wordPatterns } from './search.ts';

describe('searchWords', () => {
  it.each([
    [undefined, []],
    ['', []],
    ['   ', []],
    ['Bến Thành', ['ben', 'thanh']],
    ['  tuyên  truyền   BẾN thành ', ['tuyen', 'truyen', 'ben', 'thanh']],
    ['ben ben thanh', ['ben', 'thanh']],
    ['NV-00042', ['nv-00042']],
    ['a b c d e f g h i j', ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']],
  ] as const)('%j → %j', (q, words) => {
    expect(searchWords(q)).toEqual(words);
  });
});

/** The same semantics as PostgreSQL's `~` for these patterns (POSIX classes are plain here). */
const matches = (text: string, q: string): boolean => wordPatterns(searchWords(q)).every((p) => new RegExp(p).test(foldForSearch(text)));

describe('word matching', () => {
  it.each([
    ['Tuyên truyền, vận động nhân dân phường Bến Thành', 'tuyen truyen ben thanh', true],
    ['Tuyên truyền, vận động nhân dân phường Bến Thành', 'ben thanh tuyen', true],
    ['Tuyên truyền, vận động nhân dân phường Bến Thành', 'ben tha', true], // last word: a prefix
    ['Tuyên truyền, vận động nhân dân phường Bến Thành', 'be thanh', false], // earlier words: whole syllables
    ['Tuyên truyền chống buôn lậu tại Cà Mau', 'ma tuy', false],
    ['Đấu tranh phòng, chống tội phạm về ma túy', 'ma tuy', true],
    ['Đấu tranh phòng, chống tội phạm về ma túy', 'ma túy', true],
    ['Công an phường Bến Thành CAX-26743', '26743', true],
    ['Công an phường Bến Thành CAX-26743', 'cax-26743', true],
    ['NV-00042 Bảo vệ an ninh kinh tế', 'nv-00042', true],
    ['Phòng Cảnh sát hình sự PC02', 'pc02', true],
    ['Phường 10', 'phuong 1', true],
    ['Phường 10', 'phuong 1 x', false],
    ['a.b (c)', 'a.b', true],
    ['abc', '.*', false], // regex characters are taken literally
    ['abc', 'a+', false],
  ] as const)('%j ~ %j → %s', (text, q, expected) => {
    expect(matches(text, q)).toBe(expected);
  });
});
