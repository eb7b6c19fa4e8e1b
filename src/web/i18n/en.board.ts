import type { viBoard } from './vi.board.ts';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

/** English texts of the board pages: same keys as vi.board.ts (the type checker enforces it). */
export const enBoard: Shape<typeof viBoard> = {
  board: {
    title: 'Live board',
  },
};
