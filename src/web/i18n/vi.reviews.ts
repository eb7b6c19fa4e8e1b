/** Vietnamese texts of the reviews pages. Every key here must also exist in en.reviews.ts. */
export const viReviews = {
  reviews: {
    title: 'Sơ kết, tổng kết',
  },
};
