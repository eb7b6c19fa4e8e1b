import type { Locator } from 'playwright-core';

/** The two waits the journeys need (playwright-core has no `expect`). */
export const expect = {
  visible: (l: Locator, timeout = 15_000) => l.first().waitFor({ state: 'visible', timeout }),
  hidden: (l: Locator, timeout = 15_000) => l.first().waitFor({ state: 'hidden', timeout }),
};
