/**
 * Pure period arithmetic for statistics (dates as YYYY-MM-DD, calendar of Asia/Ho_Chi_Minh).
 *
 * - month, quarter, half-year, year: calendar periods;
 * - stat_month: the Ministry of Public Security's statistical month, from the 15th of the previous
 *   month to the 14th (e.g. "tháng 12-2025 (từ 15-11-2025 đến 14-12-2025)", NĐ 62/2024 releases,
 *   shared/domain §5.1); January runs from 15 December of the previous year;
 * - custom: any from..to range.
 * The comparison base is the same period of the previous year ("so với cùng kỳ"): the same kind
 * and index one year earlier, so February 2025 (to the 28th) compares with February 2024 (to the
 * 29th); a custom range is shifted back one year day by day, 29 February becoming 28 February.
 */
import { viDate } from '../../kernel/calendar.ts';
export const PERIOD_KINDS = ['month', 'quarter', 'half_year', 'year', 'stat_month', 'custom'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export interface Period {
  kind: PeriodKind;
  /** Year and index (month 1–12, quarter 1–4, half 1–2, year 1) for calendar kinds; null for custom. */
  year: number | null;
  index: number | null;
  from: string;
  to: string;
  label: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number): string => {
  const dt = new Date(Date.UTC(y, m - 1, d));
  return `${String(dt.getUTCFullYear()).padStart(4, '0')}-${pad(dt.getUTCMonth() + 1)}-${pad(dt.getUTCDate())}`;
};
/** Last day of month m (1–12) of year y. */
export const lastDayOfMonth = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate();
export const isLeapYear = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

const ROMAN = ['I', 'II', 'III', 'IV'];
const MAX_INDEX: Record<Exclude<PeriodKind, 'custom'>, number> = { month: 12, quarter: 4, half_year: 2, year: 1, stat_month: 12 };

export class PeriodError extends Error {}

/** A calendar period of a kind; throws PeriodError for an index out of range. */
export function periodOf(kind: Exclude<PeriodKind, 'custom'>, year: number, index = 1): Period {
  if (!Number.isInteger(year) || year < 1900 || year > 9999 || !Number.isInteger(index) || index < 1 || index > MAX_INDEX[kind]) throw new PeriodError(`${kind} ${year} ${index}`);
  switch (kind) {
    case 'month':
      return { kind, year, index, from: iso(year, index, 1), to: iso(year, index, lastDayOfMonth(year, index)), label: `tháng ${index}/${year}` };
    case 'quarter': {
      const m0 = (index - 1) * 3 + 1;
      return { kind, year, index, from: iso(year, m0, 1), to: iso(year, m0 + 2, lastDayOfMonth(year, m0 + 2)), label: `quý ${ROMAN[index - 1]}/${year}` };
    }
    case 'half_year':
      return index === 1
        ? { kind, year, index, from: iso(year, 1, 1), to: iso(year, 6, 30), label: `6 tháng đầu năm ${year}` }
        : { kind, year, index, from: iso(year, 7, 1), to: iso(year, 12, 31), label: `6 tháng cuối năm ${year}` };
    case 'year':
      return { kind, year, index: 1, from: iso(year, 1, 1), to: iso(year, 12, 31), label: `năm ${year}` };
    case 'stat_month': {
      const from = iso(year, index - 1, 15); // month 0 rolls back to December of the previous year
      const to = iso(year, index, 14);
      return { kind, year, index, from, to, label: `tháng ${index}/${year} theo kỳ thống kê (từ ${viDate(from)} đến ${viDate(to)})` };
    }
  }
}

export function customPeriod(from: string, to: string): Period {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || !/^\d{4}-\d{2}-\d{2}$/.test(to) || from > to) throw new PeriodError(`${from}..${to}`);
  return { kind: 'custom', year: null, index: null, from, to, label: `từ ${viDate(from)} đến ${viDate(to)}` };
}

/** The same day one year earlier; 29 February becomes 28 February. */
export function shiftYearBack(d: string): string {
  const y = Number(d.slice(0, 4)) - 1;
  const m = Number(d.slice(5, 7));
  const day = Math.min(Number(d.slice(8, 10)), lastDayOfMonth(y, m));
  return iso(y, m, day);
}

/** The same period of the previous year (cùng kỳ năm trước). */
export function samePeriodLastYear(p: Period): Period {
  if (p.kind === 'custom') return customPeriod(shiftYearBack(p.from), shiftYearBack(p.to));
  return periodOf(p.kind, p.year! - 1, p.index!);
}

/** The statistical month a day belongs to: from the 15th a day counts towards the next month. */
export function statMonthOf(day: string): { year: number; month: number } {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  const d = Number(day.slice(8, 10));
  if (d < 15) return { year: y, month: m };
  return m === 12 ? { year: y + 1, month: 1 } : { year: y, month: m + 1 };
}

/** Number of days in a period (inclusive). */
export function daysIn(p: { from: string; to: string }): number {
  return Math.round((Date.parse(`${p.to}T00:00:00Z`) - Date.parse(`${p.from}T00:00:00Z`)) / 86_400_000) + 1;
}

/**
 * Honest small numbers: a percentage change is given only when the comparison base has at least
 * MIN_BASE_FOR_PERCENT cases. Below that (and when the base is zero) only the absolute difference
 * is stated, with a note saying why: on 3 → 6 cases "+100 %" says more about chance than about
 * the situation. The same threshold applies to rates (a rate needs at least that many cases under it).
 */
export const MIN_BASE_FOR_PERCENT = 10;

export function changePercent(current: number, base: number): { percent: number | null; note: 'no_base' | 'base_too_small' | null } {
  if (base === 0) return { percent: null, note: 'no_base' };
  if (base < MIN_BASE_FOR_PERCENT) return { percent: null, note: 'base_too_small' };
  return { percent: Math.round(((current - base) / base) * 1000) / 10, note: null };
}

export function ratePercent(part: number, whole: number): number | null {
  if (whole < MIN_BASE_FOR_PERCENT) return null;
  return Math.round((part / whole) * 1000) / 10;
}
