/** Vietnamese texts of the tips pages (issue 4). Every key here must also exist in en.tips.ts. */
export const viTips = {
  tips: {
    title: 'Nguồn tin về tội phạm',
  },
};
