import type { viStatistics } from './vi.statistics.ts';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

/** English texts of the statistics pages: same keys as vi.statistics.ts (the type checker enforces it). */
export const enStatistics: Shape<typeof viStatistics> = {
  statistics: {
    title: 'Statistics',
  },
};
