import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TASK_STATES } from '../../src/contracts/tasks.ts';
import { addDays } from '../../src/server/kernel/calendar.ts';
import { bucketsInSql, type BucketProbe } from '../../src/server/modules/reviews/review.repository.ts';
import { classifyTaskAt, taskInPeriod } from '../../src/server/modules/reviews/review.ts';
import { backends, openTestDb, type TestDb } from '../support/db.ts';

/**
 * A review's task buckets exist twice: `taskInPeriod` + `classifyTaskAt` (TypeScript, the rule with
 * its table-driven tests) and `taskBucketSql` (SQL, which counts a city's tasks without reading them).
 * Every combination of state × assignment × deadline × submission × acceptance around the period's
 * first day, the cut-off and the period's last day must agree, on each backend.
 */
const PERIOD = { from: '2026-01-01', to: '2026-03-31' };
const edges = (d: string) => [-1, 0, 1].map((o) => addDays(d, o));

function combinations(cutoff: string): BucketProbe[] {
  const days = [...new Set([...edges(PERIOD.from), ...edges(cutoff), ...edges(PERIOD.to), '2025-06-30', '2026-09-30'])].sort();
  const out: BucketProbe[] = [];
  for (const state of TASK_STATES)
    for (const assignedOn of ['2025-06-01', PERIOD.from, PERIOD.to, addDays(PERIOD.to, 1)])
      for (const deadlineOn of [null, ...days])
        for (const submittedOn of [null, ...days.filter((_, i) => i % 2 === 0)])
          for (const completedOn of [null, cutoff]) out.push({ state, assignedOn, deadlineOn, submittedOn, completedOn });
  return out;
}

describe.each(backends())('review task buckets: TypeScript and SQL agree [%s]', (backend) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(backend);
  });
  afterAll(async () => t?.close());

  it.each([PERIOD.to, '2026-02-14'])('on every combination around the edges (cut-off %s)', async (cutoff) => {
    const probes = combinations(cutoff);
    expect(probes.length).toBeGreaterThan(2000);
    const fromSql: (string | null)[] = [];
    for (let i = 0; i < probes.length; i += 1000) fromSql.push(...(await bucketsInSql(t.db, probes.slice(i, i + 1000), PERIOD, cutoff)));
    const ts = probes.map((p) => (taskInPeriod(p, PERIOD) ? classifyTaskAt(p, cutoff) : null));
    const mismatches = probes.map((p, i) => ({ p, ts: ts[i], sql: fromSql[i] })).filter((x) => x.ts !== x.sql);
    expect(mismatches.slice(0, 5)).toEqual([]);
    // Every bucket, and "not in the period", is reached by the table.
    expect(new Set(ts).size).toBe(5);
  });
});
