import type { Db } from '../db/schema.ts';

/** Explicit dependencies handed to every use case. */
export interface Ctx {
  db: Db;
  /** Today's date in Asia/Ho_Chi_Minh (YYYY-MM-DD); replaceable in tests. */
  today: () => string;
  now: () => Date;
}

export function vnToday(d: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

export function makeCtx(db: Db): Ctx {
  return { db, today: () => vnToday(), now: () => new Date() };
}
