/**
 * Whether a change between two periods is more than noise. Pure and small, shared by reviews and
 * (later) statistics.
 *
 * Counts of events in a period (situations, tips…) are modelled as Poisson. To compare the count
 * `current` of one period with the count `base` of another (e.g. the same period last year), we use
 * the conditional binomial test for two Poisson counts (Przyborowski & Wilenski 1940; R's
 * `poisson.test(c(current, base), c(tCurrent, tBase))`): given the total n = current + base, under
 * "same daily rate" `current` follows Binomial(n, p0) with p0 = tCurrent / (tCurrent + tBase) — the
 * share of days that belong to the current period (0.5 for periods of equal length; a leap-year
 * February is slightly longer). The two-sided exact p-value sums the probabilities of every outcome
 * no more likely than the one observed (as R's binom.test). A change is called an increase or a
 * decrease when p < alpha (0.05).
 *
 * Small numbers are not called trends: when n < MIN_TOTAL_FOR_TREND the verdict is `too_few`
 * ("chưa đủ số liệu") and no test is run. (At n < 6 no result could reach p < 0.05 anyway; the
 * threshold matches the statistics module's small-number rule, MIN_BASE_FOR_PERCENT = 10.)
 */
export const MIN_TOTAL_FOR_TREND = 10;
export const ALPHA = 0.05;
export const SIGNIFICANCE_TEST = 'conditional_binomial_exact' as const;

export type TrendVerdict = 'increase' | 'decrease' | 'no_significant_change' | 'too_few';

export interface TrendResult {
  verdict: TrendVerdict;
  /** Two-sided exact p-value; null when too few to test. */
  pValue: number | null;
}

/** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9; ~15 significant digits). */
export function lnGamma(x: number): number {
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  const y = x - 1;
  let a = c[0]!;
  const t = y + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (y + i);
  return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(a);
}

function logBinomPmf(k: number, n: number, p: number): number {
  if (p <= 0) return k === 0 ? 0 : -Infinity;
  if (p >= 1) return k === n ? 0 : -Infinity;
  return lnGamma(n + 1) - lnGamma(k + 1) - lnGamma(n - k + 1) + k * Math.log(p) + (n - k) * Math.log(1 - p);
}

/**
 * Two-sided exact binomial p-value of observing x successes in n trials with probability p: the
 * sum of the probabilities of every outcome no more likely than x (as R's binom.test, relative
 * tolerance 1e-7).
 *
 * The binomial distribution is unimodal, so those outcomes are two tails, [0, a] and [b, n]: a and
 * b are found by bisection on either side of the mode, and each tail is summed from its inner end
 * outwards until the terms no longer change the sum (they fall off faster than geometrically past a
 * few standard deviations). Work is O(log n + √n) instead of O(n): a five-year city total
 * (n ≈ 400,000) costs microseconds, not the half-second of summing every term.
 */
export function binomialTwoSidedP(x: number, n: number, p: number): number {
  const lp = (k: number) => logBinomPmf(k, n, p);
  const threshold = lp(x) + Math.log1p(1e-7); // relative tolerance, as R
  const mode = Math.min(n, Math.max(0, Math.floor((n + 1) * p)));
  if (lp(mode) <= threshold) return 1; // x is (one of) the most likely outcomes
  // a: the largest k ≤ mode with lp(k) ≤ threshold (lp rises up to the mode); -1 when none.
  let a = -1;
  if (lp(0) <= threshold) {
    let lo = 0;
    let hi = mode; // lp(lo) ≤ threshold < lp(hi)
    while (hi - lo > 1) {
      const mid = (lo + hi) >>> 1;
      if (lp(mid) <= threshold) lo = mid;
      else hi = mid;
    }
    a = lo;
  }
  // b: the smallest k ≥ mode with lp(k) ≤ threshold (lp falls after the mode); n + 1 when none.
  let b = n + 1;
  if (lp(n) <= threshold) {
    let lo = mode; // lp(lo) > threshold ≥ lp(hi)
    let hi = n;
    while (hi - lo > 1) {
      const mid = (lo + hi) >>> 1;
      if (lp(mid) <= threshold) hi = mid;
      else lo = mid;
    }
    b = hi;
  }
  const tail = (from: number, step: 1 | -1, end: number) => {
    let sum = 0;
    for (let k = from; step === 1 ? k <= end : k >= end; k += step) {
      const term = Math.exp(lp(k));
      sum += term;
      if (term <= sum * 1e-17) break;
    }
    return sum;
  };
  const lower = a >= 0 ? tail(a, -1, 0) : 0;
  const upper = b <= n ? tail(b, 1, n) : 0;
  return Math.min(1, lower + upper);
}

/**
 * Compare the count of the current period with the count of the base period.
 * `currentDays` / `baseDays`: lengths of the periods (equal by default).
 */
export function comparePeriodCounts(current: number, base: number, opts: { currentDays?: number; baseDays?: number; alpha?: number; minTotal?: number } = {}): TrendResult {
  const n = current + base;
  if (!Number.isInteger(current) || !Number.isInteger(base) || current < 0 || base < 0) throw new RangeError(`counts ${current}, ${base}`);
  if (n < (opts.minTotal ?? MIN_TOTAL_FOR_TREND)) return { verdict: 'too_few', pValue: null };
  const tc = opts.currentDays ?? 1;
  const tb = opts.baseDays ?? tc;
  const p0 = tc / (tc + tb);
  const pValue = binomialTwoSidedP(current, n, p0);
  if (pValue >= (opts.alpha ?? ALPHA)) return { verdict: 'no_significant_change', pValue };
  return { verdict: current / tc > base / tb ? 'increase' : 'decrease', pValue };
}
