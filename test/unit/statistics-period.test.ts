import { describe, expect, it } from 'vitest';
import { resolvePeriod } from '../../src/server/modules/statistics/statistics.service.ts';

describe('resolvePeriod: without an index, the period containing today', () => {
  it.each([
    ['stat month on 26/11 is December’s (15/11–14/12)', { period: 'stat_month' as const }, '2026-11-26', ['2026-11-15', '2026-12-14']],
    ['stat month on 14/11 is November’s', { period: 'stat_month' as const }, '2026-11-14', ['2026-10-15', '2026-11-14']],
    ['stat month on 20/12 is January’s of the next year', { period: 'stat_month' as const }, '2026-12-20', ['2026-12-15', '2027-01-14']],
    ['an explicit index wins', { period: 'stat_month' as const, year: 2026, index: 3 }, '2026-11-26', ['2026-02-15', '2026-03-14']],
    ['calendar month on 26/11', { period: 'month' as const }, '2026-11-26', ['2026-11-01', '2026-11-30']],
    ['quarter on 26/11', { period: 'quarter' as const }, '2026-11-26', ['2026-10-01', '2026-12-31']],
  ])('%s', (_label, q, today, [from, to]) => {
    const p = resolvePeriod(q, today);
    expect([p.from, p.to]).toEqual([from, to]);
  });
});
