import { CAMPAIGN_INDICATORS, INDICATOR_KEYS, MAX_REPORT_DAYS, type IndicatorKey } from '../../../contracts/campaigns.ts';
import { changePercent, daysIn, lastDayOfMonth, MIN_BASE_FOR_PERCENT, ratePercent, shiftYearBack } from '../statistics/periods.ts';
import { viDate } from '../../kernel/calendar.ts';
import { addDays } from '../../kernel/calendar.ts';

/**
 * Pure rules of campaigns (đợt cao điểm): result checks, progress against targets, the clearance
 * rate, ranking honest about size, template shifting and the comparison base. Dates are
 * YYYY-MM-DD in Asia/Ho_Chi_Minh. Table-driven tests in campaign.test.ts.
 *
 * Plausibility bounds (CAMPAIGN_INDICATORS[k].maxPerDay, one unit, one day; a report of n days
 * allows n times as much). They catch typing errors (an extra zero), they are not legal limits;
 * a real figure above them is reported split over its days or by the city department. Grounds
 * (shared/domain §5.1–5.3):
 * - cases detected / dismantled 50: the whole country records ≈ 135 social-order cases a day
 *   (4,054 in 12/2025) and Ho Chi Minh City 15–25; 50 in one unit in one day is a typo;
 * - gangs broken up 10: the 2020 summer campaign broke up 67 gangs in a month city-wide;
 * - people arrested 200, handled administratively 500: large raids on bars and gambling dens
 *   handle a few hundred people at once;
 * - wanted caught / surrendered 20, removed from the list 50 (a clean-up of the list is done in
 *   batches): the country catches ≈ 146 wanted persons a month;
 * - drugs 2,000 kg: the largest seizures in the city are about a tonne; pills 1,000,000;
 * - weapons 500, vehicles 500, firecrackers 20,000 kg (Tết seizures of tonnes happen).
 * Counts are whole numbers; amounts (kg) take up to three decimals. Negative figures are refused.
 */

export type ResultValues = Partial<Record<IndicatorKey, number>>;

export interface Issue {
  path: string;
  code: 'negative_value' | 'not_integer' | 'implausible_value';
  params: Record<string, unknown>;
}

/** Problems with the figures of one report covering `days` days, in catalogue order. */
export function checkResultValues(values: ResultValues, days: number): Issue[] {
  const issues: Issue[] = [];
  for (const k of INDICATOR_KEYS) {
    const v = values[k];
    if (v === undefined) continue;
    const def = CAMPAIGN_INDICATORS[k];
    const path = `values.${k}`;
    if (!Number.isFinite(v) || v < 0) issues.push({ path, code: 'negative_value', params: { indicator: k, value: v } });
    else if (def.kind === 'count' && !Number.isInteger(v)) issues.push({ path, code: 'not_integer', params: { indicator: k, value: v } });
    else if (def.kind === 'amount' && Math.abs(Math.round(v * 1000) - v * 1000) > 1e-6) issues.push({ path, code: 'not_integer', params: { indicator: k, value: v, decimals: 3 } });
    else if (v > def.maxPerDay * days) issues.push({ path, code: 'implausible_value', params: { indicator: k, value: v, max: def.maxPerDay * days, days, maxPerDay: def.maxPerDay } });
  }
  return issues;
}

export type DateProblem =
  | { code: 'result_too_long'; params: { maxDays: number } }
  | { code: 'result_outside_period'; params: { from: string; to: string } }
  | { code: 'result_in_future'; params: { today: string } };

/** Whether a report's days are acceptable: inside the campaign, not in the future, at most a week. */
export function checkResultDates(from: string, to: string, campaign: { fromOn: string; toOn: string }, today: string): DateProblem | null {
  if (to < from || daysIn({ from, to }) > MAX_REPORT_DAYS) return { code: 'result_too_long', params: { maxDays: MAX_REPORT_DAYS } };
  if (from < campaign.fromOn || to > campaign.toOn) return { code: 'result_outside_period', params: { from: viDate(campaign.fromOn), to: viDate(campaign.toOn) } };
  if (to > today) return { code: 'result_in_future', params: { today } };
  return null;
}

/** Whether two inclusive day ranges share a day. */
export const overlaps = (a: { from: string; to: string }, b: { from: string; to: string }): boolean => a.from <= b.to && b.from <= a.to;

export type ProgressStatus = 'no_target' | 'met' | 'on_track' | 'behind';

/**
 * Progress of a total against a target for the whole campaign, and the pace: after `elapsed` of
 * `total` days a unit is on track when it has reached at least that share of the target.
 */
export function progressOf(value: number, target: number | null, elapsed: number, total: number): { percent: number | null; expectedPercent: number; status: ProgressStatus } {
  const expectedPercent = total > 0 ? Math.round((Math.min(elapsed, total) / total) * 1000) / 10 : 100;
  if (target === null) return { percent: null, expectedPercent, status: 'no_target' };
  if (target === 0) return { percent: 100, expectedPercent, status: 'met' };
  const percent = Math.round((value / target) * 1000) / 10;
  return { percent, expectedPercent, status: value >= target ? 'met' : percent >= expectedPercent ? 'on_track' : 'behind' };
}

/**
 * Clearance rate (tỷ lệ điều tra khám phá) = cases dismantled (khám phá) / cases detected, in %;
 * given only from MIN_BASE_FOR_PERCENT detected cases (the small-number rule of the statistics).
 * It can exceed 100 % when older cases are solved during the campaign; it is not capped.
 */
export function clearanceRate(cleared: number, detected: number): { value: number | null; cleared: number; detected: number; note: 'base_too_small' | null } {
  const value = ratePercent(cleared, detected);
  return { value, cleared, detected, note: value === null ? 'base_too_small' : null };
}

/** Clearance-rate target check (a rate target is met or not; no pace). */
export function rateStatus(rate: number | null, target: number | null): ProgressStatus {
  if (target === null) return 'no_target';
  if (rate === null) return 'behind';
  return rate >= target ? 'met' : 'behind';
}

export { changePercent };

/** Ranking per case load: score = value per PER_SITUATIONS situations in the unit's area. */
export const PER_SITUATIONS = 10;
/** Below this case load a per-case score says more about chance than about the unit (same threshold as percentages). */
export const MIN_CASE_LOAD = MIN_BASE_FOR_PERCENT;

export interface RankInput {
  unitId: string;
  value: number;
  /** null: the unit has no area of its own (a city department). */
  caseLoad: number | null;
}
export interface RankOutput {
  unitId: string;
  score: number | null;
  rank: number | null;
  notRankedReason: 'no_area' | 'case_load_too_small' | null;
}

/**
 * Ranks units by value per case load, highest first, ties sharing a rank (1, 1, 3). Units without
 * an area or with fewer than MIN_CASE_LOAD situations are listed unranked with the reason: a ward
 * with 3 situations and 2 cases dismantled is not "better" than one with 200 and 90.
 */
export function rankUnits(rows: readonly RankInput[], minCaseLoad = MIN_CASE_LOAD): RankOutput[] {
  const scored = rows.map((r) => {
    if (r.caseLoad === null) return { unitId: r.unitId, score: null, rank: null, notRankedReason: 'no_area' as const };
    if (r.caseLoad < minCaseLoad) return { unitId: r.unitId, score: null, rank: null, notRankedReason: 'case_load_too_small' as const };
    return { unitId: r.unitId, score: Math.round((r.value / r.caseLoad) * PER_SITUATIONS * 100) / 100, rank: null as number | null, notRankedReason: null };
  });
  const ranked = scored.filter((s) => s.score !== null).sort((a, b) => b.score! - a.score!);
  ranked.forEach((s, i) => {
    s.rank = i > 0 && ranked[i - 1]!.score === s.score ? ranked[i - 1]!.rank : i + 1;
  });
  return scored;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The same day `years` years later (negative: earlier); 29 February becomes 28 February. */
export function shiftYears(d: string, years: number): string {
  const y = Number(d.slice(0, 4)) + years;
  const m = Number(d.slice(5, 7));
  const day = Math.min(Number(d.slice(8, 10)), lastDayOfMonth(y, m));
  return `${String(y).padStart(4, '0')}-${pad(m)}-${pad(day)}`;
}


/**
 * The next instance of a recurring campaign: dates one year later and the name's year(s) moved on
 * ("Cao điểm Tết Ất Tỵ 2025" → "… 2026"; the can-chi name is left for the user to change).
 * A campaign that ended on 28 February of the year before a leap year keeps ending on 28 February.
 */
export function nextInstance(prev: { name: string; fromOn: string; toOn: string }): { name: string; fromOn: string; toOn: string } {
  const name = prev.name.replace(/\b(19|20)\d{2}\b/g, (y) => String(Number(y) + 1));
  return { name, fromOn: shiftYears(prev.fromOn, 1), toOn: shiftYears(prev.toOn, 1) };
}

/**
 * The previous instance of a recurring campaign is the template's latest campaign that started at
 * least this many days earlier: the one of the previous season ("cùng kỳ năm trước"), not a second
 * campaign of the same winter.
 */
export const PREVIOUS_SEASON_GAP_DAYS = 180;

/** The last day counted: as of `asOf` (default today), clamped into the campaign. */
export function countedUntil(campaign: { fromOn: string; toOn: string }, today: string, asOf?: string): string {
  const d = asOf ?? today;
  if (d > campaign.toOn) return campaign.toOn;
  if (d < campaign.fromOn) return addDays(campaign.fromOn, -1); // nothing counted yet
  return d;
}

/**
 * The comparison window in the previous instance of the template ("so với cùng kỳ"):
 * - aligned: its first N days, N = the days counted in the current campaign (for the lunar Tết,
 *   "day 10 of the campaign" is the fair match); capped at its own end;
 * - calendar: the same dates one year earlier (shiftYearBack), within its period.
 * Null when nothing is counted yet or the windows do not meet.
 */
export function baseWindow(
  basis: 'aligned' | 'calendar',
  current: { fromOn: string },
  until: string,
  prev: { fromOn: string; toOn: string },
): { from: string; to: string } | null {
  if (until < current.fromOn) return null;
  if (basis === 'aligned') {
    const n = daysIn({ from: current.fromOn, to: until });
    const to = addDays(prev.fromOn, n - 1);
    return { from: prev.fromOn, to: to > prev.toOn ? prev.toOn : to };
  }
  const from = shiftYearBack(current.fromOn);
  const to = shiftYearBack(until);
  const f = from < prev.fromOn ? prev.fromOn : from;
  const t = to > prev.toOn ? prev.toOn : to;
  return f <= t ? { from: f, to: t } : null;
}

export { daysIn, viDate };
