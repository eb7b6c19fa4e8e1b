import { describe, expect, it } from 'vitest';
import { searchWords } from './search.ts';

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
