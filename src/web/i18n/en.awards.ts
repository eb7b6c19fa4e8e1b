import type { viAwards } from './vi.awards.ts';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

/** English texts of the awards pages: same keys as vi.awards.ts (the type checker enforces it). */
export const enAwards: Shape<typeof viAwards> = {
  awards: {
    title: "Emulation and awards",
  },
};
