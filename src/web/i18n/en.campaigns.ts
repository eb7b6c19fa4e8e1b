import type { viCampaigns } from './vi.campaigns.ts';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

/** English texts of the campaigns pages: same keys as vi.campaigns.ts (the type checker enforces it). */
export const enCampaigns: Shape<typeof viCampaigns> = {
  campaigns: {
    title: "Campaigns",
  },
};
