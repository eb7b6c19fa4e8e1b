import { describe, expect, it } from 'vitest';
import { changePercent, customPeriod, daysIn, isLeapYear, MIN_BASE_FOR_PERCENT, periodOf, PeriodError, ratePercent, samePeriodLastYear, shiftYearBack, statMonthOf } from './periods.ts';

describe('periodOf', () => {
  it.each([
    ['month', 2026, 3, '2026-03-01', '2026-03-31', 'tháng 3/2026'],
    ['month', 2024, 2, '2024-02-01', '2024-02-29', 'tháng 2/2024'],
    ['month', 2025, 2, '2025-02-01', '2025-02-28', 'tháng 2/2025'],
    ['month', 2000, 2, '2000-02-01', '2000-02-29', 'tháng 2/2000'],
    ['month', 1900, 2, '1900-02-01', '1900-02-28', 'tháng 2/1900'],
    ['month', 2026, 12, '2026-12-01', '2026-12-31', 'tháng 12/2026'],
    ['quarter', 2026, 1, '2026-01-01', '2026-03-31', 'quý I/2026'],
    ['quarter', 2026, 2, '2026-04-01', '2026-06-30', 'quý II/2026'],
    ['quarter', 2026, 3, '2026-07-01', '2026-09-30', 'quý III/2026'],
    ['quarter', 2026, 4, '2026-10-01', '2026-12-31', 'quý IV/2026'],
    ['half_year', 2026, 1, '2026-01-01', '2026-06-30', '6 tháng đầu năm 2026'],
    ['half_year', 2026, 2, '2026-07-01', '2026-12-31', '6 tháng cuối năm 2026'],
    ['year', 2026, 1, '2026-01-01', '2026-12-31', 'năm 2026'],
    ['stat_month', 2025, 12, '2025-11-15', '2025-12-14', 'tháng 12/2025 theo kỳ thống kê (từ 15/11/2025 đến 14/12/2025)'],
    ['stat_month', 2026, 1, '2025-12-15', '2026-01-14', 'tháng 1/2026 theo kỳ thống kê (từ 15/12/2025 đến 14/01/2026)'],
    ['stat_month', 2024, 3, '2024-02-15', '2024-03-14', 'tháng 3/2024 theo kỳ thống kê (từ 15/02/2024 đến 14/03/2024)'],
  ] as const)('%s %i/%i → %s..%s', (kind, year, index, from, to, label) => {
    const p = periodOf(kind, year, index);
    expect([p.from, p.to, p.label]).toEqual([from, to, label]);
  });

  it.each([
    ['month', 2026, 0],
    ['month', 2026, 13],
    ['quarter', 2026, 5],
    ['half_year', 2026, 3],
    ['stat_month', 2026, 13],
    ['month', 2026, 1.5],
  ] as const)('refuses %s %i/%s', (kind, year, index) => {
    expect(() => periodOf(kind, year, index)).toThrow(PeriodError);
  });

  it('refuses a custom range that ends before it starts', () => {
    expect(() => customPeriod('2026-03-02', '2026-03-01')).toThrow(PeriodError);
  });
});

describe('same period last year', () => {
  it.each([
    ['month', 2025, 2, '2024-02-01', '2024-02-29'],
    ['month', 2024, 2, '2023-02-01', '2023-02-28'],
    ['quarter', 2026, 1, '2025-01-01', '2025-03-31'],
    ['half_year', 2026, 2, '2025-07-01', '2025-12-31'],
    ['year', 2026, 1, '2025-01-01', '2025-12-31'],
    ['stat_month', 2026, 1, '2024-12-15', '2025-01-14'],
    ['stat_month', 2025, 3, '2024-02-15', '2024-03-14'],
  ] as const)('%s %i/%i → %s..%s', (kind, year, index, from, to) => {
    const b = samePeriodLastYear(periodOf(kind, year, index));
    expect([b.from, b.to]).toEqual([from, to]);
  });

  it.each([
    ['2024-02-29', '2023-02-28'],
    ['2024-03-01', '2023-03-01'],
    ['2025-03-01', '2024-03-01'],
    ['2026-01-01', '2025-01-01'],
    ['2001-02-28', '2000-02-28'],
  ])('shiftYearBack(%s) = %s', (d, want) => expect(shiftYearBack(d)).toBe(want));

  it('a custom range is shifted day by day', () => {
    const b = samePeriodLastYear(customPeriod('2024-02-10', '2024-02-29'));
    expect([b.from, b.to, b.label]).toEqual(['2023-02-10', '2023-02-28', 'từ 10/02/2023 đến 28/02/2023']);
  });
});

describe('statMonthOf', () => {
  it.each([
    ['2025-11-14', 2025, 11],
    ['2025-11-15', 2025, 12],
    ['2025-12-14', 2025, 12],
    ['2025-12-15', 2026, 1],
    ['2026-01-01', 2026, 1],
    ['2024-02-29', 2024, 3],
  ])('%s → %i/%i', (d, year, month) => expect(statMonthOf(d)).toEqual({ year, month }));

  it('every day of a year lies in exactly one statistical month, and that month contains it', () => {
    for (let t = Date.UTC(2023, 11, 15); t <= Date.UTC(2025, 0, 14); t += 86_400_000) {
      const d = new Date(t).toISOString().slice(0, 10);
      const { year, month } = statMonthOf(d);
      const p = periodOf('stat_month', year, month);
      expect(d >= p.from && d <= p.to, d).toBe(true);
    }
  });
});

describe('sizes and small numbers', () => {
  it.each([
    [periodOf('year', 2024), 366],
    [periodOf('year', 2025), 365],
    [periodOf('stat_month', 2024, 3), 29],
    [periodOf('stat_month', 2025, 3), 28],
    [periodOf('quarter', 2024, 1), 91],
  ])('%o has %i days', (p, n) => expect(daysIn(p)).toBe(n));
  it.each([
    [2024, true],
    [2025, false],
    [2000, true],
    [2100, false],
  ])('isLeapYear(%i) = %s', (y, want) => expect(isLeapYear(y)).toBe(want));
  it.each([
    [5, 0, null, 'no_base'],
    [6, 3, null, 'base_too_small'],
    [0, MIN_BASE_FOR_PERCENT - 1, null, 'base_too_small'],
    [12, 10, 20, null],
    [9, 12, -25, null],
    [10, 30, -66.7, null],
  ] as const)('change %i vs %i → %s (%s)', (cur, base, percent, note) => expect(changePercent(cur, base)).toEqual({ percent, note }));
  it.each([
    [1, 9, null],
    [3, 10, 30],
    [1, 3, null],
    [2, 30, 6.7],
  ])('rate %i of %i → %s', (part, whole, want) => expect(ratePercent(part, whole)).toBe(want));
});
