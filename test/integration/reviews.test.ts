import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'kysely';
import { reviewCompilationSchema, type ReviewCompilation, type ReviewCycle, type ReviewFigureKey, type Scorecard } from '../../src/contracts/reviews.ts';
import type { Actor } from '../../src/server/kernel/actor.ts';
import { operatorActor } from '../../src/server/kernel/actor.ts';
import { compileReview, reviewFigureRecords } from '../../src/server/modules/reviews/review-compilation.service.ts';
import { changeCorrectiveActionStatus, createReviewCycle, getReviewCycle, listCycleActions, listReviewCycles, recordCorrectiveAction } from '../../src/server/modules/reviews/review.service.ts';
import { cutoffOf, tipDecisionTimeliness } from '../../src/server/modules/reviews/review.ts';
import { clockEvents } from '../../src/server/modules/tips/tip.presenter.ts';
import { printCompilation } from '../../src/server/modules/reviews/review.cli.ts';
import { periodOf, samePeriodLastYear } from '../../src/server/modules/statistics/periods.ts';
import { actorFor } from '../../src/server/seed/factories.ts';
import { backends, countRows, DEMO_PASSWORD, openTestDb, unitIdByCode, type TestDb } from '../support/db.ts';

/**
 * Review cycles on the demo city (which loads two past quarterly reviews through the use cases).
 * Figures are checked against counts derived independently, in plain SQL, from the records.
 */
describe.each(backends())('reviews [%s]', (backend) => {
  let t: TestDb;
  const a: Record<string, Actor> = {};
  const op = operatorActor('test');
  let cycles: ReviewCycle[];
  let earlier: ReviewCycle;
  let later: ReviewCycle;
  let compiled: ReviewCompilation;

  beforeAll(async () => {
    t = await openTestDb(backend);
    for (const name of ['admin', 'lanhdao', 'thammuu', 'canbo.benthanh', 'canbo.saigon', 'theodoi']) a[name] = await actorFor(t.ctx, name, DEMO_PASSWORD);
    const list = await listReviewCycles(t.ctx, a['lanhdao']!, { limit: 50, offset: 0 });
    cycles = await Promise.all(list.items.map((c) => getReviewCycle(t.ctx, a['lanhdao']!, c.id)));
    [later, earlier] = cycles as [ReviewCycle, ReviewCycle];
    compiled = await compileReview(t.ctx, a['lanhdao']!, later.id);
  });
  afterAll(async () => t?.close());

  it('the demo city has two past quarterly reviews, the earlier one closed', () => {
    expect(cycles).toHaveLength(2);
    expect(earlier.state).toBe('closed');
    expect(later.state).toBe('open');
    expect(earlier.period.to < later.period.from).toBe(true);
    expect(later.period.kind).toBe('quarter');
    expect(later.agenda.map((x) => x.unit.code).slice(0, 2)).toEqual(['CATP', 'UBND-HCM']);
    expect(() => reviewCompilationSchema.parse(compiled)).not.toThrow();
  });

  it('task figures equal counts derived from the task records (per lead unit and for the whole city)', async () => {
    const p = compiled.period;
    const cutoff = cutoffOf(p, t.ctx.today());
    const docs = compiled.cycle.programme.documents.map((d) => d.id);
    const confs = compiled.cycle.programme.conferences.map((c) => c.id);
    // Independent derivation: programme tasks by ancestor or self, in the period, four buckets at the cut-off.
    const r = await sql<{ unit: string; assigned: number; on_time: number; late: number; within: number; overdue: number }>`
      with prog as (
        select t.* from tasks t
        where t.state <> 'cancelled' and t.assigned_on <= ${p.to}::date
          and exists (select 1 from tasks r left join conference_items ci on ci.id = r.conference_item_id
                      where t.path like r.path || '%' and (r.document_id = any(${docs}::uuid[]) or ci.conference_id = any(${confs}::uuid[])))
      ), x as (
        select lead_unit_id, deadline_on,
               case when state = 'completed' then coalesce(submitted_on, completed_on) end as done
        from prog
      )
      select lead_unit_id as unit, count(*)::int as assigned,
        count(*) filter (where done <= ${cutoff}::date and (deadline_on is null or done <= deadline_on))::int as on_time,
        count(*) filter (where done <= ${cutoff}::date and done > deadline_on)::int as late,
        count(*) filter (where (done is null or done > ${cutoff}::date) and (deadline_on is null or deadline_on >= ${cutoff}::date))::int as within,
        count(*) filter (where (done is null or done > ${cutoff}::date) and deadline_on < ${cutoff}::date)::int as overdue
      from x where done is null or done >= ${p.from}::date
      group by lead_unit_id`.execute(t.db);
    expect(r.rows.length).toBeGreaterThan(0);
    const byUnit = new Map(compiled.scorecards.map((s) => [s.unit.id, s]));
    let sum = 0;
    for (const row of r.rows) {
      const s = byUnit.get(row.unit)!;
      expect(s.tasks, `unit ${s.unit.name}`).not.toBeNull();
      const tk = s.tasks!;
      expect([tk.assigned.value, tk.completedOnTime.value, tk.completedLate.value, tk.notCompletedWithinDeadline.value, tk.notCompletedOverdue.value]).toEqual([row.assigned, row.on_time, row.late, row.within, row.overdue]);
      sum += row.assigned;
    }
    expect(compiled.total!.tasks!.assigned.value).toBe(sum);
    const rate = compiled.total!.tasks!.onTimeRate;
    expect(rate.denominator).toBe(compiled.total!.tasks!.completedOnTime.value + compiled.total!.tasks!.completedLate.value + compiled.total!.tasks!.notCompletedOverdue.value);
  });

  it('situations by lead unit and category equal SQL counts for the period and the same period last year', async () => {
    const p = compiled.period;
    const base = samePeriodLastYear(periodOf('quarter', p.year!, p.index!));
    expect(compiled.base.from).toBe(base.from);
    const r = await sql<{ unit: string; category: string; cur: number; prev: number }>`
      select lead_unit_id as unit, category,
        count(*) filter (where occurred_on between ${p.from}::date and ${p.to}::date)::int as cur,
        count(*) filter (where occurred_on between ${base.from}::date and ${base.to}::date)::int as prev
      from incidents where merged_into_id is null group by 1, 2`.execute(t.db);
    const byUnit = new Map(compiled.scorecards.map((s) => [s.unit.id, s]));
    let total = 0;
    for (const row of r.rows.filter((x) => x.cur + x.prev > 0)) {
      const s: Scorecard = byUnit.get(row.unit)!;
      const c = s.situations!.byCategory.find((x) => x.category === row.category)!;
      expect([c.current.value, c.base.value]).toEqual([row.cur, row.prev]);
      total += row.cur;
    }
    expect(compiled.total!.situations?.total.current.value ?? 0).toBe(total);
    for (const s of compiled.scorecards)
      for (const c of s.situations?.byCategory ?? []) if (c.current.value + c.base.value < 10) expect(c.comparison.verdict).toBe('too_few');
  });

  it('tips resolved in the period equal the decided tips by handling unit; the drill-down lists them', async () => {
    const p = compiled.period;
    const r = await sql<{ n: number }>`select count(*)::int as n from tips where outcome_kind is not null and outcome_decided_on between ${p.from}::date and ${p.to}::date`.execute(t.db);
    const n = r.rows[0]!.n;
    expect(compiled.total!.tips?.resolved.value ?? 0).toBe(n);
    expect(n, 'the demo year holds decided tips in the review quarter').toBeGreaterThan(0);
    const x = compiled.total!.tips!;
    expect(x.resolvedWithinDeadline.value + x.resolvedLate.value).toBe(n);
    const rec = await reviewFigureRecords(t.ctx, a['lanhdao']!, later.id, { figure: 'tips.resolved', limit: 500 });
    expect(rec.total).toBe(n);
    expect(rec.items).toHaveLength(n);
    // Within the deadline, derived independently: each tip's events read on their own, the rule applied.
    const tips = await sql<{ id: string; received_at: Date; remote: boolean; decided: string }>`
      select id, received_at, remote, to_char(outcome_decided_on, 'YYYY-MM-DD') as decided from tips
      where outcome_kind is not null and outcome_decided_on between ${p.from}::date and ${p.to}::date`.execute(t.db);
    let within = 0;
    for (const tip of tips.rows) {
      const ev = await sql<{ kind: string; data: unknown }>`select kind, data from tip_events where tip_id = ${tip.id} order by at, id`.execute(t.db);
      if (tipDecisionTimeliness({ receivedAt: new Date(tip.received_at), remote: tip.remote }, clockEvents(ev.rows), tip.decided).withinDeadline) within++;
    }
    expect(x.resolvedWithinDeadline.value).toBe(within);
  });

  it('coordination: request counts and the median answer time match SQL', async () => {
    const p = compiled.period;
    const r = await sql<{ unit: string; n: number; med: number | null }>`
      select tc.unit_id as unit, count(*)::int as n,
        percentile_cont(0.5) within group (order by extract(epoch from (tc.responded_at - tc.requested_at)) / 3600) as med
      from task_coordinators tc join tasks t on t.id = tc.task_id
      where t.state <> 'cancelled' and (tc.requested_at at time zone 'Asia/Ho_Chi_Minh')::date between ${p.from}::date and ${p.to}::date
        and exists (select 1 from tasks r left join conference_items ci on ci.id = r.conference_item_id
                    where t.path like r.path || '%' and (r.document_id = any(${compiled.cycle.programme.documents.map((d) => d.id)}::uuid[]) or ci.conference_id = any(${compiled.cycle.programme.conferences.map((c) => c.id)}::uuid[])))
      group by 1`.execute(t.db);
    const byUnit = new Map(compiled.scorecards.map((s) => [s.unit.id, s]));
    for (const row of r.rows) {
      const c = byUnit.get(row.unit)!.coordination!;
      expect(c.requests.value).toBe(row.n);
      if (row.med === null) expect(c.medianHoursToAnswer).toBeNull();
      else expect(Math.abs(c.medianHoursToAnswer! - Number(row.med))).toBeLessThanOrEqual(0.1);
    }
  });

  it('the CLI summary states the period, the base, the cut-off and every unit', () => {
    const lines: string[] = [];
    const spy = vi.spyOn(console, 'log').mockImplementation((...x: unknown[]) => void lines.push(x.join(' ')));
    try {
      printCompilation(compiled);
    } finally {
      spy.mockRestore();
    }
    const out = lines.join('\n');
    expect(out).toContain(compiled.period.label);
    expect(out).toContain(`so với cùng kỳ: ${compiled.base.label}`);
    expect(out).toContain('TOÀN PHẠM VI');
    for (const s of compiled.scorecards) expect(out).toContain(s.unit.name);
    expect(out).toContain('chuyển tiếp từ đợt trước');
  });

  it('every figure of the total row and of three units lists exactly as many records as it counts', async () => {
    const figuresOf = (s: Scorecard) => [
      ...Object.values(s.tasks ?? {}).filter((x) => typeof x === 'object' && 'key' in x),
      ...[s.coordination?.requests, s.coordination?.answered, s.coordination?.unanswered].filter((x) => x !== undefined),
      ...(s.situations ? [s.situations.total, ...s.situations.byCategory].flatMap((r) => [{ ...r.current, category: r.category }, { ...r.base, category: r.category }]) : []),
      ...[s.tips?.resolved, s.tips?.resolvedWithinDeadline, s.tips?.resolvedLate].filter((x) => x !== undefined),
    ] as { key: ReviewFigureKey; value: number; category?: string | null }[];
    const withData = compiled.scorecards.filter((s) => s.tasks && s.situations).slice(0, 3);
    expect(withData.length).toBeGreaterThan(0);
    let checked = 0;
    for (const s of [compiled.total!, ...withData]) {
      const unitId = s.coverage === 'unit' ? s.unit.id : undefined;
      for (const f of figuresOf(s)) {
        const rec = await reviewFigureRecords(t.ctx, a['lanhdao']!, later.id, { figure: f.key, ...(unitId ? { unitId } : {}), ...(f.category ? { category: f.category as never } : {}) });
        expect(rec.total, `${s.unit.name} ${f.key} ${f.category ?? ''}`).toBe(f.value);
        expect(rec.items).toHaveLength(Math.min(f.value, rec.limit));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('the records of a figure come a page at a time: the pages together are the whole list, in order, without repeats', async () => {
    const f = compiled.total!.situations!.total.current;
    expect(f.value).toBeGreaterThan(10);
    const all = await reviewFigureRecords(t.ctx, a['lanhdao']!, later.id, { figure: 'situations.current', limit: 500 });
    const paged: string[] = [];
    for (let offset = 0; offset < f.value; offset += 7) {
      const p = await reviewFigureRecords(t.ctx, a['lanhdao']!, later.id, { figure: 'situations.current', limit: 7, offset });
      expect([p.total, p.limit, p.offset]).toEqual([f.value, 7, offset]);
      paged.push(...p.items.map((x) => x.id));
    }
    expect(paged).toEqual(all.items.map((x) => x.id));
    expect(new Set(paged).size).toBe(f.value);
  });

  it('every figure links to its records', () => {
    const f = compiled.total!.tasks!.completedOnTime;
    expect(f.href).toBe(`/reviews/${later.id}?figure=tasks.completedOnTime`);
    const s = compiled.scorecards.find((x) => x.tasks)!;
    expect(s.tasks!.assigned.href).toContain(`unitId=${s.unit.id}`);
  });

  it('carry-forward: the later review shows the earlier actions — one closed in it, one still in progress — and closing records the review', async () => {
    const { recorded, carriedForward } = compiled.correctiveActions;
    expect(recorded).toHaveLength(1);
    expect(carriedForward).toHaveLength(2);
    const closed = carriedForward.find((x) => x.status === 'closed')!;
    const open = carriedForward.find((x) => x.status !== 'closed')!;
    expect(closed.closedIn?.id).toBe(later.id);
    expect(closed.closingNote).toBeTruthy();
    expect(closed.recordedIn.id).toBe(earlier.id);
    expect(closed.history.map((h) => h.toStatus)).toEqual(['open', 'in_progress', 'closed']);
    expect(open.status).toBe('in_progress');
    expect(open.ownerUnit.code).toBe('CAX-26743');

    // A review of the current quarter carries the still-open ones (two), not the closed one.
    const today = t.ctx.today();
    const q = Math.ceil(Number(today.slice(5, 7)) / 3);
    const next = await createReviewCycle(t.ctx, a['lanhdao']!, {
      kind: 'so_ket',
      title: 'Sơ kết quý hiện tại',
      scopeUnitId: await unitIdByCode(t.db, 'HCM'),
      documentIds: later.programme.documents.map((d) => d.id),
      conferenceIds: later.programme.conferences.map((c) => c.id),
      period: { kind: 'quarter', year: Number(today.slice(0, 4)), index: q },
    });
    let acts = await listCycleActions(t.ctx, a['lanhdao']!, next.id);
    expect(acts.carriedForward.map((x) => x.status).sort()).toEqual(['in_progress', 'open']);
    const camera = acts.carriedForward.find((x) => x.id === open.id)!;
    // The owner unit's officer moves it back to open; closing is for the review's managers (403).
    const back = await changeCorrectiveActionStatus(t.ctx, a['canbo.benthanh']!, next.id, camera.id, { status: 'open', note: 'Chưa có kinh phí', version: camera.version });
    await expect(changeCorrectiveActionStatus(t.ctx, a['canbo.benthanh']!, next.id, camera.id, { status: 'closed', note: 'x', version: back.version })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(changeCorrectiveActionStatus(t.ctx, a['lanhdao']!, next.id, camera.id, { status: 'closed', version: back.version })).rejects.toMatchObject({ code: 'review.closing_note_required' });
    const done = await changeCorrectiveActionStatus(t.ctx, a['lanhdao']!, next.id, camera.id, { status: 'closed', note: 'Đã lắp 12 camera, kết nối về Công an phường.', version: back.version });
    expect(done.closedIn?.id).toBe(next.id);
    // The later review still shows it, closed in a later review.
    acts = await listCycleActions(t.ctx, a['lanhdao']!, later.id);
    expect(acts.carriedForward.find((x) => x.id === camera.id)?.closedIn?.id).toBe(next.id);
    // The closed earlier review refuses changes.
    await expect(recordCorrectiveAction(t.ctx, a['lanhdao']!, earlier.id, { kind: 'limitation', text: 'x', measure: 'y', ownerUnitId: await unitIdByCode(t.db, 'CATP') })).rejects.toMatchObject({ code: 'review.closed' });
  });

  it('scope: a commune officer sees the city review with only their own scorecard; another unit is 404; a viewer may not record (403)', async () => {
    const mine = await compileReview(t.ctx, a['canbo.saigon']!, later.id);
    const saigon = await unitIdByCode(t.db, 'CAX-26740');
    expect(mine.total).toBeNull();
    expect(mine.scorecards.every((s) => s.unit.id === saigon)).toBe(true);
    const benThanh = await unitIdByCode(t.db, 'CAX-26743');
    await expect(compileReview(t.ctx, a['canbo.saigon']!, later.id, { unitId: benThanh })).rejects.toMatchObject({ code: 'not_found' });
    await expect(reviewFigureRecords(t.ctx, a['canbo.saigon']!, later.id, { unitId: benThanh, figure: 'situations.current' })).rejects.toMatchObject({ code: 'not_found' });
    // A review scoped to Bến Thành does not exist for the Sài Gòn officer.
    const ward = await createReviewCycle(t.ctx, op, { kind: 'so_ket', title: 'Sơ kết phường Bến Thành', scopeUnitId: benThanh, documentIds: later.programme.documents.map((d) => d.id), conferenceIds: [], period: { kind: 'quarter', year: later.period.year!, index: later.period.index! } });
    await expect(compileReview(t.ctx, a['canbo.saigon']!, ward.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(getReviewCycle(t.ctx, a['canbo.saigon']!, ward.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(recordCorrectiveAction(t.ctx, a['theodoi']!, later.id, { kind: 'limitation', text: 'x', measure: 'y', ownerUnitId: benThanh })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(createReviewCycle(t.ctx, a['canbo.saigon']!, { kind: 'so_ket', title: 'x', scopeUnitId: saigon, documentIds: later.programme.documents.map((d) => d.id), conferenceIds: [], period: { kind: 'year', year: 2025 } })).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('an empty period is an honest empty report (no zeros presented as results)', async () => {
    const c = await createReviewCycle(t.ctx, a['lanhdao']!, {
      kind: 'tong_ket',
      title: 'Tổng kết 2011–2015',
      scopeUnitId: await unitIdByCode(t.db, 'HCM'),
      documentIds: later.programme.documents.map((d) => d.id),
      conferenceIds: [],
      period: { kind: 'custom', from: '2011-01-01', to: '2015-12-31' },
    });
    const r = await compileReview(t.ctx, a['lanhdao']!, c.id);
    expect(r.empty).toBe(true);
    expect(r.scorecards).toEqual([]);
    expect(r.total).toMatchObject({ tasks: null, coordination: null, situations: null, tips: null, campaignResults: null });
    expect(r.period.label).toBe('từ 01/01/2011 đến 31/12/2015');
  });

  it('a period longer than a year: the same period last year overlaps it, and a situation counts in both', async () => {
    // Two years starting 300 days ago: its base (one year earlier) overlaps it where the demo year lies.
    const start = new Date(Date.parse(`${t.ctx.today()}T00:00:00Z`) - 300 * 86_400_000).toISOString().slice(0, 10);
    const to = `${Number(start.slice(0, 4)) + 2}-${start.slice(5, 10)}`;
    const c = await createReviewCycle(t.ctx, a['lanhdao']!, {
      kind: 'tong_ket',
      title: 'Tổng kết hai năm',
      scopeUnitId: await unitIdByCode(t.db, 'HCM'),
      documentIds: later.programme.documents.map((d) => d.id),
      conferenceIds: [],
      period: { kind: 'custom', from: start, to },
    });
    const r = await compileReview(t.ctx, a['lanhdao']!, c.id);
    const count = async (f: string, to: string) =>
      (await sql<{ n: number }>`select count(*)::int as n from incidents where merged_into_id is null and occurred_on between ${f}::date and ${to}::date`.execute(t.db)).rows[0]!.n;
    const cur = await count(r.period.from, r.period.to);
    const base = await count(r.base.from, r.base.to);
    expect(base).toBeGreaterThan(0); // the demo year lies in both ranges
    expect([r.total!.situations!.total.current.value, r.total!.situations!.total.base.value]).toEqual([cur, base]);
  });

  it('a period that ends before it starts, or an empty programme, is refused and writes nothing', async () => {
    const before = await countRows(t.db, 'review_cycles');
    const scopeUnitId = await unitIdByCode(t.db, 'HCM');
    await expect(
      createReviewCycle(t.ctx, a['lanhdao']!, { kind: 'so_ket', title: 'x', scopeUnitId, documentIds: later.programme.documents.map((d) => d.id), conferenceIds: [], period: { kind: 'custom', from: '2026-03-31', to: '2026-01-01' } }),
    ).rejects.toMatchObject({ code: 'review.invalid_period', issues: [{ path: 'period.to', code: 'invalid_period' }] });
    await expect(createReviewCycle(t.ctx, a['lanhdao']!, { kind: 'so_ket', title: 'x', scopeUnitId, documentIds: [], conferenceIds: [], period: { kind: 'year', year: 2025 } })).rejects.toMatchObject({ code: 'review.empty_programme' });
    expect(await countRows(t.db, 'review_cycles')).toBe(before);
  });
});
