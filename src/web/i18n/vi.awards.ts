/** Vietnamese texts of the awards pages. Every key here must also exist in en.awards.ts. */
export const viAwards = {
  awards: {
    title: 'Thi đua, khen thưởng',
  },
};
