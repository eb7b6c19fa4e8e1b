import { describe, expect, it } from 'vitest';
import { binomialTwoSidedP, comparePeriodCounts, lnGamma, MIN_TOTAL_FOR_TREND, type TrendVerdict } from './significance.ts';

describe('lnGamma', () => {
  it.each([
    [1, 0],
    [2, 0],
    [5, Math.log(24)],
    [11, Math.log(3628800)],
    [0.5, Math.log(Math.sqrt(Math.PI))],
  ])('lnGamma(%d)', (x, expected) => expect(lnGamma(x)).toBeCloseTo(expected, 10));
});

describe('binomialTwoSidedP (values of R binom.test)', () => {
  it.each([
    [7, 10, 0.5, 0.34375],
    [10, 10, 0.5, 0.001953125],
    [0, 10, 0.5, 0.001953125],
    [20, 25, 0.5, 0.004077315330505371],
    [12, 22, 0.5, 0.8318119049072266],
    [15, 20, 0.5, 0.04138946533203125],
    [14, 20, 0.5, 0.11531829833984375],
    [100, 170, 0.5, 0.02584438758134168],
  ])('x=%d n=%d p=%d → %d', (x, n, p, expected) => expect(binomialTwoSidedP(x, n, p)).toBeCloseTo(expected, 9));
});

/** The definition, summed term by term (O(n)): what the bounded two-tail sum must reproduce. */
function referenceP(x: number, n: number, p: number): number {
  const lp = (k: number) => lnGamma(n + 1) - lnGamma(k + 1) - lnGamma(n - k + 1) + k * Math.log(p) + (n - k) * Math.log(1 - p);
  const observed = lp(x) + Math.log1p(1e-7);
  let sum = 0;
  for (let k = 0; k <= n; k++) if (lp(k) <= observed) sum += Math.exp(lp(k));
  return Math.min(1, sum);
}

describe('binomialTwoSidedP equals the term-by-term definition', () => {
  const ps = [0.5, 1 / 3, 0.3, 0.9, 0.05, 365 / 731, 29 / 57];
  it.each(ps)('every x for n = 0 … 60, p = %d', (p) => {
    for (let n = 0; n <= 60; n++) for (let x = 0; x <= n; x++) expect(Math.abs(binomialTwoSidedP(x, n, p) - referenceP(x, n, p)), `x=${x} n=${n}`).toBeLessThan(1e-12);
  });
  it.each([
    [2_000, 0.5],
    [20_000, 0.5],
    [50_000, 1826 / 3652],
    [9_999, 0.2],
  ])('n = %d, p = %d: tails, near the mode and beyond', (n, p) => {
    const sd = Math.sqrt(n * p * (1 - p));
    const mean = n * p;
    for (const z of [-40, -6, -3, -1.96, -1, -0.3, 0, 0.4, 1, 2, 3.5, 8, 60]) {
      const x = Math.max(0, Math.min(n, Math.round(mean + z * sd)));
      const ref = referenceP(x, n, p);
      expect(Math.abs(binomialTwoSidedP(x, n, p) - ref), `x=${x}`).toBeLessThanOrEqual(Math.max(1e-12, ref * 1e-9));
    }
  });
});

describe('comparePeriodCounts', () => {
  const cases: [string, number, number, { currentDays?: number; baseDays?: number }, TrendVerdict][] = [
    ['nothing in either period', 0, 0, {}, 'too_few'],
    ['3 → 6: doubled, but too few to call', 6, 3, {}, 'too_few'],
    ['total just below the threshold', 5, 4, {}, 'too_few'],
    ['6 vs 4 (n = 10): tested, no significant change', 6, 4, {}, 'no_significant_change'],
    ['12 vs 10: noise', 12, 10, {}, 'no_significant_change'],
    ['14 vs 6: +133 %, still not significant (p ≈ 0.115)', 14, 6, {}, 'no_significant_change'],
    ['15 vs 5: significant increase (p ≈ 0.041)', 15, 5, {}, 'increase'],
    ['30 vs 10: increase', 30, 10, {}, 'increase'],
    ['10 vs 30: decrease', 10, 30, {}, 'decrease'],
    ['0 vs 10: decrease from ten to none', 0, 10, {}, 'decrease'],
    ['100 vs 70: increase on large numbers (p ≈ 0.026)', 100, 70, {}, 'increase'],
    ['leap February 15 vs 14: same daily rate', 15, 14, { currentDays: 29, baseDays: 28 }, 'no_significant_change'],
    ['2 per day over 10 days vs 1 per day over 20 days: same count, higher rate', 20, 20, { currentDays: 10, baseDays: 20 }, 'increase'],
  ];
  it.each(cases)('%s', (_label, current, base, opts, verdict) => {
    const r = comparePeriodCounts(current, base, opts);
    expect(r.verdict).toBe(verdict);
    if (verdict === 'too_few') expect(r.pValue).toBeNull();
    else expect(r.pValue).toBeGreaterThan(0);
  });

  it('too few is decided on the total of both periods', () => {
    expect(MIN_TOTAL_FOR_TREND).toBe(10);
    expect(comparePeriodCounts(9, 0).verdict).toBe('too_few');
    expect(comparePeriodCounts(10, 0).verdict).toBe('increase');
  });

  it('refuses negative or fractional counts', () => {
    expect(() => comparePeriodCounts(-1, 3)).toThrow(RangeError);
    expect(() => comparePeriodCounts(1.5, 3)).toThrow(RangeError);
  });
});
