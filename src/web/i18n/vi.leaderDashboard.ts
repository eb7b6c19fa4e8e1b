/** Vietnamese texts of the leaderDashboard pages. Every key here must also exist in en.leaderDashboard.ts. */
export const viLeaderDashboard = {
  leaderDashboard: {
    title: 'Bảng điều hành của lãnh đạo',
  },
};
