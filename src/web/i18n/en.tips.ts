import type { viTips } from './vi.tips.ts';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

/** English texts of the tips pages: same keys as vi.tips.ts (the type checker enforces it). */
export const enTips: Shape<typeof viTips> = {
  tips: {
    title: 'Crime reports (tips)',
  },
};
