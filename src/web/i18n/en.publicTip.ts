import type { viPublicTip } from './vi.publicTip.ts';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

/** English texts of the publicTip pages: same keys as vi.publicTip.ts (the type checker enforces it). */
export const enPublicTip: Shape<typeof viPublicTip> = {
  publicTip: {
    title: 'Report a crime',
  },
};
