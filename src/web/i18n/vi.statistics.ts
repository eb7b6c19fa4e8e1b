/** Vietnamese texts of the statistics pages (issue 4). Every key here must also exist in en.statistics.ts. */
export const viStatistics = {
  statistics: {
    title: 'Thống kê',
  },
};
