import type { viLeaderDashboard } from './vi.leaderDashboard.ts';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

/** English texts of the leaderDashboard pages: same keys as vi.leaderDashboard.ts (the type checker enforces it). */
export const enLeaderDashboard: Shape<typeof viLeaderDashboard> = {
  leaderDashboard: {
    title: "Leaders' dashboard",
  },
};
