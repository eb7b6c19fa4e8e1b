import type { viIncidents } from './vi.incidents.ts';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

/** English texts of the incidents pages: same keys as vi.incidents.ts (the type checker enforces it). */
export const enIncidents: Shape<typeof viIncidents> = {
  incidents: {
    title: 'Security & order situations',
  },
};
