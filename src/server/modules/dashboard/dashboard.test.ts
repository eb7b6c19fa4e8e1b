import { describe, expect, it } from 'vitest';
import { TASK_STATUSES, type TaskStatus } from '../../../contracts/tasks.ts';
import { BUCKET_STATUSES, bucketCounts, rankUnits, tasksPath, trendMonths } from './dashboard.ts';

describe('dashboard rules', () => {
  it('puts every task status in exactly one bucket', () => {
    const all = Object.values(BUCKET_STATUSES).flat();
    expect([...all].sort()).toEqual([...TASK_STATUSES].sort());
  });

  it.each<[string, Partial<Record<TaskStatus, number>>, { onTime: number; late: number; inTime: number; overdue: number; withResult: number; rate: number | null }]>([
    ['rate over tasks with a result', { completed_on_time: 8, completed_late: 1, overdue: 1, in_progress: 5, paused: 2 }, { onTime: 8, late: 1, inTime: 5, overdue: 1, withResult: 10, rate: 80 }],
    ['too few tasks with a result: no rate', { completed_on_time: 3, due_soon: 20 }, { onTime: 3, late: 0, inTime: 20, overdue: 0, withResult: 3, rate: null }],
    ['awaiting evaluation and returned are not completed, not overdue', { awaiting_evaluation: 2, returned: 1, not_started: 1 }, { onTime: 0, late: 0, inTime: 4, overdue: 0, withResult: 0, rate: null }],
  ])('%s', (_n, counts, want) => {
    const b = bucketCounts(counts);
    expect({ onTime: b.completedOnTime, late: b.completedLate, inTime: b.inTime, overdue: b.overdue, withResult: b.withResult, rate: b.onTimeRatePercent }).toEqual(want);
  });

  it('ranks units by rate; equal rates share a rank; too few are marked and unranked, last', () => {
    const u = (name: string, c: Partial<Record<TaskStatus, number>>) => ({ name, counts: bucketCounts(c) });
    const r = rankUnits([u('A', { completed_on_time: 2 }), u('B', { completed_on_time: 9, overdue: 1 }), u('C', { completed_on_time: 19, completed_late: 1 }), u('E', { completed_on_time: 9, completed_late: 1 }), u('D', { completed_on_time: 5, overdue: 5 })]);
    expect(r.map((x) => [x.name, x.rank, x.tooFew])).toEqual([
      ['C', 1, false],
      ['B', 2, false],
      ['E', 2, false],
      ['D', 4, false],
      ['A', null, true],
    ]);
  });

  it.each([
    [{ kind: 'stat_month' as const, to: '2026-12-14' }, 'stat_month', '2026-01', '2025-12-15', '2026-12-14'],
    [{ kind: 'month' as const, to: '2026-03-31' }, 'month', '2025-04', '2025-04-01', '2026-03-31'],
    [{ kind: 'quarter' as const, to: '2026-06-30' }, 'month', '2025-07', '2025-07-01', '2026-06-30'],
  ])('trend: twelve months ending with the period (%o)', (p, kind, first, from, to) => {
    const m = trendMonths(p);
    expect(m).toHaveLength(12);
    expect(m.every((x) => x.kind === kind)).toBe(true);
    expect(`${m[0]!.year}-${String(m[0]!.index).padStart(2, '0')}`).toBe(first);
    expect([m[0]!.from, m[11]!.to]).toEqual([from, to]);
  });

  it('paths carry the list filters', () => {
    expect(tasksPath({ deadlineFrom: '2026-11-15', deadlineTo: '2026-12-14', statuses: ['overdue'], unit: { id: 'u1', name: 'Công an phường Bến Thành' } })).toBe(
      '/tasks?unitId=u1&unitName=C%C3%B4ng+an+ph%C6%B0%E1%BB%9Dng+B%E1%BA%BFn+Th%C3%A0nh&unitRole=lead&status=overdue&deadlineFrom=2026-11-15&deadlineTo=2026-12-14',
    );
  });
});
