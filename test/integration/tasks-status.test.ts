import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TASK_STATES } from '../../src/contracts/tasks.ts';
import { deriveTaskStatus, nextReportDueOn } from '../../src/server/modules/tasks/task.ts';
import { statusesInSql, type StatusProbe } from '../../src/server/modules/tasks/task.repository.ts';
import { backends, openTestDb, type TestDb } from '../support/db.ts';
import { addDays } from '../../src/server/kernel/calendar.ts';

/**
 * The derived status exists twice: `deriveTaskStatus` (TypeScript, for presenting) and `statusSql`
 * (SQL, for filtering, counting and sorting). Every combination of state × deadline × reports ×
 * submitted date × recurrence around the due-soon and overdue edges must agree, on each backend.
 */
const TODAY = '2026-05-15';
const offsets = [null, -30, -1, 0, 1, 2, 3, 4, 30];
const at = (o: number | null) => (o === null ? null : addDays(TODAY, o));

function combinations(): StatusProbe[] {
  const out: StatusProbe[] = [];
  for (const state of TASK_STATES)
    for (const d of offsets)
      for (const hasReports of [false, true])
        for (const s of [null, -1, 0, 1, 31])
          for (const recurrence of ['none', 'weekly', 'monthly', 'quarterly'] as const) {
            const deadlineOn = at(d);
            const submittedOn = s === null ? null : deadlineOn ? addDays(deadlineOn, s) : addDays(TODAY, -s);
            // Recurring duties: due at the end of a period near today (assigned a few days around it).
            const nextDue = recurrence === 'none' ? null : nextReportDueOn(recurrence, addDays(TODAY, d ?? 0), hasReports ? addDays(TODAY, -40) : null);
            out.push({ state, deadlineOn, hasReports, submittedOn, nextReportDueOn: nextDue });
          }
  return out;
}

describe.each(backends())('derived status: TypeScript and SQL agree [%s]', (backend) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(backend);
  });
  afterAll(async () => t?.close());

  it('on every combination around the due-soon and overdue edges', async () => {
    const probes = combinations();
    expect(probes.length).toBeGreaterThan(2000);
    for (const today of [TODAY, addDays(TODAY, 3), addDays(TODAY, -4)]) {
      const sqlStatuses: string[] = [];
      for (let i = 0; i < probes.length; i += 500) sqlStatuses.push(...(await statusesInSql(t.db, probes.slice(i, i + 500), today)));
      const mismatches = probes
        .map((p, i) => ({ p, ts: deriveTaskStatus({ ...p, state: p.state as (typeof TASK_STATES)[number] }, today), sql: sqlStatuses[i] }))
        .filter((x) => x.ts !== x.sql);
      expect(mismatches).toEqual([]);
    }
    // And every status is reached by the table.
    const seen = new Set(probes.map((p) => deriveTaskStatus({ ...p, state: p.state as (typeof TASK_STATES)[number] }, TODAY)));
    expect(seen.size).toBe(10);
  });
});
