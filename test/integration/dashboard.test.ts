import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Dashboard } from '../../src/contracts/dashboard.ts';
import type { IncidentListQuery } from '../../src/contracts/incidents.ts';
import type { TaskListQuery, TaskStatus } from '../../src/contracts/tasks.ts';
import type { TipListQuery } from '../../src/contracts/tips.ts';
import type { Actor } from '../../src/server/kernel/actor.ts';
import { BUCKET_STATUSES } from '../../src/server/modules/dashboard/dashboard.ts';
import { getDashboard } from '../../src/server/modules/dashboard/dashboard.service.ts';
import { createIncident } from '../../src/server/modules/incidents/incident.service.ts';
import { listIncidents } from '../../src/server/modules/incidents/incident-queries.service.ts';
import { statMonthOf } from '../../src/server/modules/statistics/periods.ts';
import { listTasks } from '../../src/server/modules/tasks/task-queries.service.ts';
import { deriveTaskStatus } from '../../src/server/modules/tasks/task.ts';
import { listTips } from '../../src/server/modules/tips/tip.service.ts';
import { actorFor } from '../../src/server/seed/factories.ts';
import { backends, DEMO_PASSWORD, openTestDb, unitIdByCode, type TestDb } from '../support/db.ts';

/**
 * The dashboard's numbers against counts derived from the records without its code (SQL and the
 * pure status rule), for the whole city; every number equals the total of the list its path
 * opens; a commune officer sees only their scope. Fixtures in statistical month 5/2023 (the demo
 * city has nothing in 2023): 3 situations in Bến Thành, 2 in Sài Gòn, none a year earlier.
 */
describe.each(backends())('leaders’ dashboard [%s]', (backend) => {
  let t: TestDb;
  const a: Record<string, Actor> = {};

  beforeAll(async () => {
    t = await openTestDb(backend);
    for (const name of ['admin', 'lanhdao', 'canbo.benthanh']) a[name] = await actorFor(t.ctx, name, DEMO_PASSWORD);
    const lead = { '26743': await unitIdByCode(t.db, 'CAX-26743'), '26740': await unitIdByCode(t.db, 'CAX-26740') };
    const fixtures: [string, '26743' | '26740'][] = [
      ['2023-04-15T08:00:00+07:00', '26743'],
      ['2023-04-30T08:00:00+07:00', '26743'],
      ['2023-05-14T22:00:00+07:00', '26743'],
      ['2023-05-01T08:00:00+07:00', '26740'],
      ['2023-05-15T00:30:00+07:00', '26740'], // statistical month 6: not counted
      ['2023-05-02T08:00:00+07:00', '26740'],
    ];
    for (const [occurredAt, communeCode] of fixtures)
      await createIncident(t.ctx, a['admin']!, {
        title: `Vụ việc thử bảng điều hành ${occurredAt}`,
        category: 'social_order',
        severity: 'minor',
        occurredAt,
        communeCode,
        source: 'patrol',
        description: 'Dữ liệu kiểm thử',
        peopleInvolved: 1,
        injured: 0,
        dead: 0,
        damageVnd: 0,
        leadUnitId: lead[communeCode],
        supporting: [],
      });
  });
  afterAll(async () => t?.close());

  /** Every figure of the answer with its path. */
  const figures = (d: Dashboard) => [
    d.situations.total.current,
    d.situations.total.base,
    d.situations.significantOpen,
    ...d.situations.byCategory.flatMap((c) => [c.current, c.base]),
    d.tips.received.current,
    d.tips.received.base,
    d.tips.settledOnTime,
    d.tips.settledLate,
    d.tips.overdue,
    ...[d.tasks, ...d.units].flatMap((b) => [b.total, b.completedOnTime, b.completedLate, b.inTime, b.overdue, b.excluded]),
    ...d.trend.months.flatMap((m) => [m.current, m.base]),
    d.overdueTasks.total,
  ];

  /** The total of the list a path opens, through the modules' list use cases (as the web does). */
  async function openPath(actor: Actor, path: string): Promise<number> {
    const [route, qs] = path.split('?') as [string, string];
    const p = new URLSearchParams(qs);
    const one = Object.fromEntries([...p.keys()].map((k) => [k, p.getAll(k).length > 1 ? p.getAll(k) : p.get(k)]));
    const page = { limit: 1, offset: 0 };
    if (route === '/incidents') return (await listIncidents(t.ctx, actor, { ...page, ...one } as IncidentListQuery)).total;
    if (route === '/tips') return (await listTips(t.ctx, actor, { ...page, ...one } as TipListQuery)).total;
    if (route === '/tasks') {
      const { unitName: _n, ...rest } = one as Record<string, unknown>;
      return (await listTasks(t.ctx, actor, { ...page, ...rest } as TaskListQuery)).total;
    }
    throw new Error(`unknown path ${path}`);
  }

  it('matches counts derived from the records (default: the current statistical month, whole city)', async () => {
    const d = await getDashboard(t.ctx, a['admin']!, { period: 'stat_month' });
    const today = t.ctx.today();
    const sm = statMonthOf(today);
    expect(d.period.kind).toBe('stat_month');
    expect(d.period.label).toContain(`tháng ${sm.month}/${sm.year}`);
    expect(d.period.from <= today && today <= d.period.to).toBe(true);

    const incidents = async (from: string, to: string) =>
      Number((await sql<{ n: number }>`select count(*)::int as n from incidents where merged_into_id is null and occurred_on between ${from}::date and ${to}::date`.execute(t.db)).rows[0]!.n);
    expect(d.situations.total.current.count).toBe(await incidents(d.period.from, d.period.to));
    expect(d.situations.total.base.count).toBe(await incidents(d.base.from, d.base.to));
    for (const m of d.trend.months) {
      expect(m.current.count).toBe(await incidents(m.current.from!, m.current.to!));
      expect(m.base.count).toBe(await incidents(m.base.from!, m.base.to!));
    }
    expect(d.trend.months.at(-1)!.current.count).toBe(d.situations.total.current.count);
    const sig = await sql<{ n: number }>`select count(*)::int as n from incidents where merged_into_id is null and significance = 'verified' and state <> 'closed'`.execute(t.db);
    expect(d.situations.significantOpen.count).toBe(Number(sig.rows[0]!.n));

    const tips = async (from: string, to: string) =>
      Number(
        (await sql<{ n: number }>`select count(*)::int as n from tips where (received_at at time zone 'Asia/Ho_Chi_Minh')::date between ${from}::date and ${to}::date`.execute(t.db)).rows[0]!.n,
      );
    expect(d.tips.received.current.count).toBe(await tips(d.period.from, d.period.to));
    expect(d.tips.received.base.count).toBe(await tips(d.base.from, d.base.to));
    expect(d.tips.settledOnTime.count + d.tips.settledLate.count).toBeLessThanOrEqual(d.tips.received.current.count);

    // Tasks due in the period by the pure status rule, per lead unit.
    const rows = await sql<{ lead: string; state: TaskStatus; deadline: string; next: string | null; reports: boolean; submitted: string | null }>`
      select lead_unit_id as lead, state, to_char(deadline_on, 'YYYY-MM-DD') as deadline, to_char(next_report_due_on, 'YYYY-MM-DD') as next,
             last_report_at is not null as reports, to_char(submitted_on, 'YYYY-MM-DD') as submitted
      from tasks where deadline_on between ${d.period.from}::date and ${d.period.to}::date`.execute(t.db);
    const bucketOf = (s: TaskStatus) => (Object.entries(BUCKET_STATUSES).find(([, list]) => list.includes(s))![0]);
    const expected: Record<string, Record<string, number>> = {};
    for (const r of rows.rows) {
      const s = deriveTaskStatus({ state: r.state as never, deadlineOn: r.deadline, nextReportDueOn: r.next, hasReports: r.reports, submittedOn: r.submitted }, today);
      for (const key of [r.lead, 'all']) {
        expected[key] ??= { total: 0, completedOnTime: 0, completedLate: 0, inTime: 0, overdue: 0, excluded: 0 };
        expected[key]![bucketOf(s)]! += 1;
        expected[key]!.total! += 1;
      }
    }
    const got = (b: Dashboard['tasks']) => ({ total: b.total.count, completedOnTime: b.completedOnTime.count, completedLate: b.completedLate.count, inTime: b.inTime.count, overdue: b.overdue.count, excluded: b.excluded.count });
    expect(got(d.tasks)).toEqual(expected['all'] ?? { total: 0, completedOnTime: 0, completedLate: 0, inTime: 0, overdue: 0, excluded: 0 });
    expect(Object.fromEntries(d.units.map((u) => [u.unitId, got(u)]))).toEqual(Object.fromEntries(Object.entries(expected).filter(([k]) => k !== 'all')));
    // Ranked units first by rate; units with too few tasks with a result carry no rank.
    const ranked = d.units.filter((u) => u.rank !== null);
    expect(ranked.map((u) => u.onTimeRatePercent)).toEqual([...ranked.map((u) => u.onTimeRatePercent)].sort((x, y) => y! - x!));
    expect(d.units.filter((u) => u.tooFew).every((u) => u.withResult < d.minBaseForPercent && u.rank === null)).toBe(true);

    const overdueNow = await sql<{ n: number }>`select count(*)::int as n from tasks where state = 'open' and coalesce(next_report_due_on, deadline_on) < ${today}::date`.execute(t.db);
    expect(d.overdueTasks.total.count).toBe(Number(overdueNow.rows[0]!.n));
    expect(d.overdueTasks.items.map((x) => x.daysOverdue)).toEqual([...d.overdueTasks.items.map((x) => x.daysOverdue)].sort((x, y) => y - x));

    // Every number opens the list of the same records.
    for (const f of figures(d)) expect(await openPath(a['admin']!, f.path), f.path).toBe(f.count);
  });

  it('a commune officer sees only their scope; the city leader sees the city', async () => {
    const q = { period: 'stat_month' as const, year: 2023, index: 5 };
    const city = await getDashboard(t.ctx, a['lanhdao']!, q);
    const ward = await getDashboard(t.ctx, a['canbo.benthanh']!, q);
    expect([city.period.from, city.period.to, city.base.from, city.base.to]).toEqual(['2023-04-15', '2023-05-14', '2022-04-15', '2022-05-14']);
    expect(city.scope.wholeCity).toBe(true);
    expect(ward.scope.wholeCity).toBe(false);
    expect(city.situations.total.current.count).toBe(5);
    expect(ward.situations.total.current.count).toBe(3);
    expect(ward.situations.total).toMatchObject({ difference: 3, percent: null, note: 'no_base' });
    expect(ward.situations.total.current.path).toBe('/incidents?from=2023-04-15&to=2023-05-14&merged=false');

    // Today's view: the officer's numbers are those of the lists the officer can open, and never more than the city's.
    const cityNow = await getDashboard(t.ctx, a['lanhdao']!, { period: 'stat_month' });
    const wardNow = await getDashboard(t.ctx, a['canbo.benthanh']!, { period: 'stat_month' });
    for (const f of figures(wardNow)) expect(await openPath(a['canbo.benthanh']!, f.path), f.path).toBe(f.count);
    expect(wardNow.situations.total.current.count).toBeLessThan(cityNow.situations.total.current.count);
    expect(wardNow.tasks.total.count).toBeLessThan(cityNow.tasks.total.count);
    expect(wardNow.tips.received.current.count).toBeLessThanOrEqual(cityNow.tips.received.current.count);
    const cityOverdue = new Set((await listTasks(t.ctx, a['lanhdao']!, { limit: 10_000, offset: 0, status: 'overdue' } as TaskListQuery)).items.map((x) => x.id));
    expect(wardNow.overdueTasks.items.every((x) => cityOverdue.has(x.id))).toBe(true);
    const wardTasks = new Set((await listTasks(t.ctx, a['canbo.benthanh']!, { limit: 10_000, offset: 0 } as TaskListQuery)).items.map((x) => x.leadUnit.id));
    expect(wardNow.units.every((u) => wardTasks.has(u.unitId))).toBe(true);
  });

  it('lists the corrective actions still open in scope, counted from the records (a ward sees its own)', async () => {
    const today = t.ctx.today();
    const count = async (pathPrefix: string | null) =>
      (
        await sql<{ n: number; late: number }>`select count(*)::int as n, (count(*) filter (where a.deadline_on < ${today}::date))::int as late
          from review_actions a join units u on u.id = a.owner_unit_id
          where a.status <> 'closed' and (${pathPrefix}::text is null or u.path like ${pathPrefix ?? ''} || '%')`.execute(t.db)
      ).rows[0]!;
    const city = await getDashboard(t.ctx, a['admin']!, { period: 'stat_month' });
    const all = await count(null);
    expect(all.n).toBeGreaterThan(0); // the demo carries one forward
    expect([city.correctiveActions.open, city.correctiveActions.overdue]).toEqual([all.n, all.late]);
    expect(city.correctiveActions.items.every((x) => x.status !== 'closed' && x.path === `/reviews/${x.recordedIn.id}`)).toBe(true);
    const bt = await unitIdByCode(t.db, 'CAX-26743');
    const btPath = (await sql<{ path: string }>`select path from units where id = ${bt}`.execute(t.db)).rows[0]!.path;
    const ward = await getDashboard(t.ctx, a['canbo.benthanh']!, { period: 'stat_month' });
    expect(ward.correctiveActions.open).toBe((await count(btPath)).n);
    expect(ward.correctiveActions.open).toBeLessThanOrEqual(city.correctiveActions.open);
  });
});
