/** Vietnamese texts of the publicTip pages (issue 4). Every key here must also exist in en.publicTip.ts. */
export const viPublicTip = {
  publicTip: {
    title: 'Gửi tin báo, tố giác tội phạm',
  },
};
