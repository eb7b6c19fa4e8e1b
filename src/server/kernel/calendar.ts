/**
 * Calendar dates as the application stores them: `YYYY-MM-DD` strings of days in Asia/Ho_Chi_Minh
 * (today's is `vnToday()` in context.ts). Pure arithmetic on those strings, shared by every module.
 */

const DAY_MS = 86_400_000;

/** The day `days` after `date` (negative: before). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (to − from). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** 2026-03-05 → 05/03/2026, the Vietnamese way of writing a date. */
export const viDate = (date: string): string => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
