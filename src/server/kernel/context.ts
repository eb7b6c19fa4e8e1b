import type { Db } from '../db/schema.ts';

/** Explicit dependencies handed to every use case. */
export interface Ctx {
  db: Db;
  /** Today's date in Asia/Ho_Chi_Minh (YYYY-MM-DD); replaceable in tests. */
  today: () => string;
  now: () => Date;
}

/** Asia/Ho_Chi_Minh is UTC+7 all year (no daylight saving since 1975). */
export const VN_OFFSET_MS = 7 * 3_600_000;

/** The calendar date (YYYY-MM-DD) of an instant in Asia/Ho_Chi_Minh; today by default. */
export function vnToday(d: Date = new Date()): string {
  return new Date(d.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
}

export function makeCtx(db: Db): Ctx {
  return { db, today: () => vnToday(), now: () => new Date() };
}
