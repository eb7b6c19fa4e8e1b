import { describe, expect, it } from 'vitest';
import { CAMPAIGN_INDICATORS, INDICATOR_KEYS } from '../../../contracts/campaigns.ts';
import {
  baseWindow,
  checkResultDates,
  checkResultValues,
  clearanceRate,
  countedUntil,
  nextInstance,
  overlaps,
  progressOf,
  rankUnits,
  rateStatus,
  shiftYears,
  type ResultValues,
} from './campaign.ts';

describe('checkResultValues (negative, whole numbers, plausibility per indicator and day)', () => {
  const cases: [string, ResultValues, number, string[]][] = [
    ['all zeros are fine', { cases_detected: 0, people_arrested: 0 }, 1, []],
    ['typical day of a ward', { cases_detected: 3, cases_dismantled: 2, people_arrested: 4, seized_drugs_kg: 0.125 }, 1, []],
    ['negative count', { people_arrested: -1 }, 1, ['values.people_arrested:negative_value']],
    ['negative amount', { seized_drugs_kg: -0.5 }, 1, ['values.seized_drugs_kg:negative_value']],
    ['not a number', { gangs_broken_up: Number.NaN }, 1, ['values.gangs_broken_up:negative_value']],
    ['fractional count', { cases_detected: 2.5 }, 1, ['values.cases_detected:not_integer']],
    ['amount with four decimals', { seized_drugs_kg: 1.2345 }, 1, ['values.seized_drugs_kg:not_integer']],
    ['amount with three decimals', { seized_firecrackers_kg: 12.345 }, 1, []],
    ['binary fractions are not decimals (8.13 × 1000 ≠ 8130 in floating point)', { seized_drugs_kg: 8.13 }, 1, []],
    ['cases at the daily bound', { cases_detected: 50 }, 1, []],
    ['cases above the daily bound', { cases_detected: 51 }, 1, ['values.cases_detected:implausible_value']],
    ['a week allows seven times the bound', { cases_detected: 350 }, 7, []],
    ['a week: one more is refused', { cases_detected: 351 }, 7, ['values.cases_detected:implausible_value']],
    ['an extra zero on arrests', { people_arrested: 2000 }, 1, ['values.people_arrested:implausible_value']],
    ['wanted caught 21 in a day', { wanted_caught: 21 }, 1, ['values.wanted_caught:implausible_value']],
    ['a tonne of drugs is possible', { seized_drugs_kg: 1000 }, 1, []],
    ['pills: a million, then one more', { seized_drug_pills: 1_000_001 }, 1, ['values.seized_drug_pills:implausible_value']],
    ['several problems, catalogue order', { seized_vehicles: -2, cases_detected: 1.5 }, 1, ['values.cases_detected:not_integer', 'values.seized_vehicles:negative_value']],
  ];
  it.each(cases)('%s', (_l, values, days, expected) => {
    expect(checkResultValues(values, days).map((i) => `${i.path}:${i.code}`)).toEqual(expected);
  });

  it('every indicator has a positive bound and the implausible issue states it', () => {
    for (const k of INDICATOR_KEYS) {
      const max = CAMPAIGN_INDICATORS[k].maxPerDay;
      expect(max).toBeGreaterThan(0);
      const [issue] = checkResultValues({ [k]: max * 2 + 1 }, 2);
      expect(issue).toMatchObject({ code: 'implausible_value', params: { indicator: k, max: max * 2, days: 2 } });
    }
  });
});

describe('checkResultDates', () => {
  const c = { fromOn: '2026-01-20', toOn: '2026-03-05' };
  const today = '2026-02-10';
  const cases: [string, string, string, string | null][] = [
    ['first day', '2026-01-20', '2026-01-20', null],
    ['a week up to today', '2026-02-04', '2026-02-10', null],
    ['eight days', '2026-02-03', '2026-02-10', 'result_too_long'],
    ['to before from', '2026-02-05', '2026-02-04', 'result_too_long'],
    ['day before the campaign', '2026-01-19', '2026-01-19', 'result_outside_period'],
    ['straddles the start', '2026-01-18', '2026-01-21', 'result_outside_period'],
    ['tomorrow', '2026-02-11', '2026-02-11', 'result_in_future'],
    ['after the end (outside wins)', '2026-03-06', '2026-03-06', 'result_outside_period'],
  ];
  it.each(cases)('%s', (_l, from, to, expected) => {
    expect(checkResultDates(from, to, c, today)?.code ?? null).toBe(expected);
  });
  it('outside the period names the period in dd/mm/yyyy', () => {
    expect(checkResultDates('2026-01-01', '2026-01-01', c, today)).toEqual({ code: 'result_outside_period', params: { from: '20/01/2026', to: '05/03/2026' } });
  });
  it.each([
    [{ from: '2026-02-01', to: '2026-02-07' }, { from: '2026-02-07', to: '2026-02-07' }, true],
    [{ from: '2026-02-01', to: '2026-02-07' }, { from: '2026-02-08', to: '2026-02-08' }, false],
    [{ from: '2026-02-05', to: '2026-02-05' }, { from: '2026-02-01', to: '2026-02-07' }, true],
  ])('overlaps %o %o → %s', (a, b, expected) => expect(overlaps(a, b)).toBe(expected));
});

describe('progressOf (target and pace)', () => {
  const cases: [string, number, number | null, number, number, { percent: number | null; expectedPercent: number; status: string }][] = [
    ['no target', 12, null, 5, 10, { percent: null, expectedPercent: 50, status: 'no_target' }],
    ['met early', 100, 100, 3, 10, { percent: 100, expectedPercent: 30, status: 'met' }],
    ['ahead of pace', 40, 100, 3, 10, { percent: 40, expectedPercent: 30, status: 'on_track' }],
    ['exactly on pace', 30, 100, 3, 10, { percent: 30, expectedPercent: 30, status: 'on_track' }],
    ['behind pace', 29, 100, 3, 10, { percent: 29, expectedPercent: 30, status: 'behind' }],
    ['over target', 150, 100, 10, 10, { percent: 150, expectedPercent: 100, status: 'met' }],
    ['target zero is met', 0, 0, 1, 10, { percent: 100, expectedPercent: 10, status: 'met' }],
    ['nothing counted yet', 0, 50, 0, 45, { percent: 0, expectedPercent: 0, status: 'on_track' }],
    ['rounding to one decimal', 1, 3, 1, 3, { percent: 33.3, expectedPercent: 33.3, status: 'on_track' }],
  ];
  it.each(cases)('%s', (_l, value, target, elapsed, total, expected) => expect(progressOf(value, target, elapsed, total)).toEqual(expected));
});

describe('clearance rate (derived, small-number rule)', () => {
  it.each([
    [7, 9, null, 'base_too_small'],
    [0, 0, null, 'base_too_small'],
    [8, 10, 80, null],
    [547, 855, 64, null], // "khám phá 547/855 vụ (gần 64 %)", SGGP 2023
    [12, 10, 120, null], // older cases solved during the campaign: not capped
  ])('%i / %i → %s', (cleared, detected, value, note) => expect(clearanceRate(cleared, detected)).toEqual({ value, cleared, detected, note }));
  it.each([
    [80, 75, 'met'],
    [74.9, 75, 'behind'],
    [null, 75, 'behind'],
    [50, null, 'no_target'],
  ] as const)('rate %s vs target %s → %s', (rate, target, status) => expect(rateStatus(rate, target)).toBe(status));
});

describe('rankUnits (per case load, honest about size)', () => {
  it('ranks by value per 10 situations; small or missing areas are listed unranked with the reason', () => {
    const out = rankUnits([
      { unitId: 'big', value: 90, caseLoad: 200 }, // 4.5 per 10
      { unitId: 'mid', value: 30, caseLoad: 40 }, // 7.5 per 10
      { unitId: 'tiny', value: 2, caseLoad: 3 }, // would be 6.67: too few situations to say
      { unitId: 'dept', value: 500, caseLoad: null },
      { unitId: 'tie', value: 15, caseLoad: 20 }, // 7.5 per 10, ties with mid
      { unitId: 'zero', value: 0, caseLoad: 10 },
    ]);
    expect(Object.fromEntries(out.map((r) => [r.unitId, [r.score, r.rank, r.notRankedReason]]))).toEqual({
      big: [4.5, 3, null],
      mid: [7.5, 1, null],
      tiny: [null, null, 'case_load_too_small'],
      dept: [null, null, 'no_area'],
      tie: [7.5, 1, null],
      zero: [0, 4, null],
    });
  });
  it('the threshold is inclusive', () => {
    expect(rankUnits([{ unitId: 'a', value: 1, caseLoad: 10 }])[0]!.rank).toBe(1);
    expect(rankUnits([{ unitId: 'a', value: 1, caseLoad: 9 }])[0]!.rank).toBeNull();
  });
});

describe('templates: the next instance and the comparison base', () => {
  it.each([
    ['Cao điểm Tết Ất Tỵ 2025', '2025-01-10', '2025-02-15', 'Cao điểm Tết Ất Tỵ 2026', '2026-01-10', '2026-02-15'],
    ['Cao điểm 2024-2025', '2024-12-15', '2025-02-29'.replace('29', '28'), 'Cao điểm 2025-2026', '2025-12-15', '2026-02-28'],
    ['Đợt cao điểm', '2027-02-01', '2027-02-28', 'Đợt cao điểm', '2028-02-01', '2028-02-28'],
    ['Leap day', '2028-02-29', '2028-03-10', 'Leap day', '2029-02-28', '2029-03-10'],
  ])('%s %s..%s → %s %s..%s', (name, f, t, n2, f2, t2) => expect(nextInstance({ name, fromOn: f, toOn: t })).toEqual({ name: n2, fromOn: f2, toOn: t2 }));

  it.each([
    ['2026-02-10', -1, '2025-02-10'],
    ['2024-02-29', -1, '2023-02-28'],
    ['2024-02-29', 4, '2028-02-29'],
  ])('shiftYears(%s, %i) = %s', (d, n, out) => expect(shiftYears(d, n)).toBe(out));

  const cur = { fromOn: '2026-01-20', toOn: '2026-03-05' };
  it.each([
    ['before the start', '2026-01-10', undefined, '2026-01-19'],
    ['during', '2026-02-10', undefined, '2026-02-10'],
    ['after the end', '2026-04-01', undefined, '2026-03-05'],
    ['as of a given day', '2026-04-01', '2026-02-01', '2026-02-01'],
  ])('countedUntil %s', (_l, today, asOf, out) => expect(countedUntil(cur, today, asOf)).toBe(out));

  const prev = { fromOn: '2025-01-05', toOn: '2025-02-20' }; // Tết Ất Tỵ came 19 days earlier
  it.each([
    ['aligned, day 1', 'aligned', '2026-01-20', { from: '2025-01-05', to: '2025-01-05' }],
    ['aligned, day 22', 'aligned', '2026-02-10', { from: '2025-01-05', to: '2025-01-26' }],
    ['aligned, the whole campaign (45 days)', 'aligned', '2026-03-05', { from: '2025-01-05', to: '2025-02-18' }],
    ['calendar, same dates a year earlier', 'calendar', '2026-02-10', { from: '2025-01-20', to: '2025-02-10' }],
    ['calendar, capped at the previous end', 'calendar', '2026-03-05', { from: '2025-01-20', to: '2025-02-20' }],
    ['nothing counted yet', 'aligned', '2026-01-19', null],
  ] as const)('%s', (_l, basis, until, out) => expect(baseWindow(basis, cur, until, prev)).toEqual(out));
  it('aligned: capped at the end of a shorter previous instance', () => {
    expect(baseWindow('aligned', cur, '2026-03-05', { fromOn: '2025-01-05', toOn: '2025-02-10' })).toEqual({ from: '2025-01-05', to: '2025-02-10' });
  });
  it('calendar windows that do not meet give no base', () => {
    expect(baseWindow('calendar', { fromOn: '2026-06-01' }, '2026-06-10', prev)).toBeNull();
  });
});
