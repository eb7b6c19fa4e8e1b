/** Vietnamese texts of the campaigns pages. Every key here must also exist in en.campaigns.ts. */
export const viCampaigns = {
  campaigns: {
    title: 'Đợt cao điểm',
  },
};
