/**
 * Background work (pg-boss polls, live events) finishes on its own schedule: wait for a condition
 * with a deadline instead of fixed sleeps. Returns the last value read; the caller asserts on it,
 * so a timeout fails with the value that was seen.
 */
export async function waitFor<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}
