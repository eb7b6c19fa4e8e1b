import type { viReviews } from './vi.reviews.ts';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

/** English texts of the reviews pages: same keys as vi.reviews.ts (the type checker enforces it). */
export const enReviews: Shape<typeof viReviews> = {
  reviews: {
    title: "Reviews",
  },
};
