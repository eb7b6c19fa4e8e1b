import { INCIDENT_CATEGORIES, type IncidentCategory } from '../../../contracts/incidents.ts';
import type {
  CompilationQuery,
  RecordsQuery,
  ReviewCompilation,
  ReviewFigure,
  ReviewFigureKey,
  ReviewKind,
  ReviewPeriodInput,
  ReviewRecordList,
  ReviewState,
  Scorecard,
} from '../../../contracts/reviews.ts';
import type { Db, Tx } from '../../db/schema.ts';
import type { Actor } from '../../kernel/actor.ts';
import type { Ctx } from '../../kernel/context.ts';
import { DomainError, forbidden, hiddenNotFound } from '../../kernel/errors.ts';
import { compareVietnamese } from '../../kernel/text.ts';
import { incidentCode } from '../incidents/incident.ts';
import { changePercent, daysIn, MIN_BASE_FOR_PERCENT, type Period, ratePercent, samePeriodLastYear } from '../statistics/periods.ts';
import { CATEGORY_LABELS_VI } from '../statistics/statistics-export.ts';
import { ALPHA, comparePeriodCounts, MIN_TOTAL_FOR_TREND, SIGNIFICANCE_TEST } from '../statistics/significance.ts';
import { taskCode } from '../tasks/task.ts';
import { clockEvents } from '../tips/tip.presenter.ts';
import { canOpenCycle, canSeeUnit, seesWholeCycle } from './review.policy.ts';
import { cycleAccess, periodOfCycle, presentPeriod, unitRef } from './review.presenter.ts';
import { classifyTaskAt, cutoffOf, hoursBetween, median, resolveReviewPeriod, type TaskBucket, taskInPeriod, TIP_DEADLINE_BASIS, tipDecisionTimeliness } from './review.ts';
import * as repo from './review.repository.ts';
import { actionsOfCycle, checkProgramme, loadVisibleCycle } from './review.service.ts';
import { viDate } from '../../kernel/calendar.ts';

/**
 * compileReview: a review's figures compiled from the records, in ONE read transaction (repeatable
 * read: every figure comes from the same snapshot). Definitions are stated in `DEFINITIONS` and in
 * README.md; each figure carries the ids of the records that produce it and a drill-down path.
 *
 * Limit (measured in bench, not here): a 5-year whole-city compilation reads every programme task,
 * coordination request, situation and decided tip of the scope in that snapshot and builds the
 * scorecards in memory; on the embedded database the transaction occupies its single backend while
 * it runs. The API answers it synchronously; move it to a pg-boss job (ADR 007) if bench shows
 * seconds rather than hundreds of milliseconds.
 */

export const RECORD_IDS_PER_FIGURE = 1000;

const OUTCOME_VI: Record<string, string> = { prosecution: 'Quyết định khởi tố vụ án', no_prosecution: 'Quyết định không khởi tố vụ án', suspension: 'Quyết định tạm đình chỉ' };

export const DEFINITIONS = {
  tasks:
    'Nhiệm vụ thuộc chương trình (giao từ văn bản hoặc kết luận hội nghị của chương trình, kể cả nhiệm vụ con), do đơn vị chủ trì, không bị hủy, giao đến hết ngày cuối kỳ và chưa hoàn thành trước đầu kỳ. Tình trạng tính đến ngày chốt số liệu: hoàn thành đúng hạn / quá hạn (ngày nộp báo cáo hoàn thành được chấp nhận so với thời hạn); chưa hoàn thành trong hạn / quá hạn (thời hạn so với ngày chốt). Nhiệm vụ không có hạn: hoàn thành tính đúng hạn, chưa hoàn thành tính trong hạn.',
  onTimeRate: 'Tỷ lệ đúng hạn = hoàn thành đúng hạn / (hoàn thành đúng hạn + hoàn thành quá hạn + chưa hoàn thành quá hạn); không nêu tỷ lệ khi mẫu số dưới 10.',
  coordination: 'Yêu cầu phối hợp của nhiệm vụ thuộc chương trình gửi tới đơn vị trong kỳ (theo ngày giờ Việt Nam); thời gian trả lời trung vị tính bằng giờ trên các yêu cầu đã trả lời.',
  situations: 'Vụ việc do đơn vị chủ trì, xảy ra trong kỳ, so với cùng kỳ năm trước; vụ việc trùng đã gộp chỉ tính một lần.',
  tips: `Nguồn tin về tội phạm do đơn vị thụ lý có quyết định giải quyết theo ${TIP_DEADLINE_BASIS} khoản 1 (khởi tố, không khởi tố, tạm đình chỉ) trong kỳ; đúng hạn khi ngày quyết định không muộn hơn thời hạn giải quyết (20 ngày, gia hạn theo khoản 2, không tính thời gian tạm đình chỉ).`,
  comparison: `Kiểm định nhị thức có điều kiện cho hai số đếm Poisson (hai phía, mức ý nghĩa ${ALPHA}); tổng hai kỳ dưới ${MIN_TOTAL_FOR_TREND} thì "chưa đủ số liệu" để kết luận xu hướng.`,
};

interface Spec {
  cycleId: string | null;
  kind: ReviewKind;
  title: string;
  state: ReviewState;
  scopeUnit: repo.UnitInfo;
  programme: repo.ProgrammeRows;
  period: Period;
  agenda: { position: number; id: string; name: string; code: string; path: string; communeCode: string | null; sortKey: string }[];
}

interface Gathered {
  tasks: { row: repo.ProgrammeTaskRow; bucket: TaskBucket }[];
  coordination: repo.CoordinationRow[];
  /** In the period and/or in its comparison base: for periods longer than a year the two overlap, and a situation counts in both. */
  incidents: (repo.IncidentRow & { inCurrent: boolean; inBase: boolean })[];
  tips: (repo.TipDecisionRow & { withinDeadline: boolean; dueOn: string })[];
  units: Map<string, repo.UnitInfo>;
}

async function gather(trx: Db | Tx, spec: Spec, base: Period, cutoff: string): Promise<Gathered> {
  const programme = { documentIds: spec.programme.documents.map((d) => d.id), conferenceIds: spec.programme.conferences.map((c) => c.id) };
  const scopePath = spec.scopeUnit.path;
  const taskRows = await repo.programmeTasks(trx, programme, scopePath, spec.period.to);
  const tasks = taskRows.filter((t) => taskInPeriod(t, spec.period)).map((row) => ({ row, bucket: classifyTaskAt(row, cutoff) }));
  const coordination = await repo.coordinationRequests(trx, programme, scopePath, spec.period.from, spec.period.to);
  const within = (d: string, p: { from: string; to: string }) => d >= p.from && d <= p.to;
  const incidents = (await repo.incidentsLed(trx, scopePath, spec.period, base)).map((i) => ({ ...i, inCurrent: within(i.occurredOn, spec.period), inBase: within(i.occurredOn, base) }));
  const tipRows = await repo.tipsDecided(trx, scopePath, spec.period.from, spec.period.to);
  const events = await repo.tipClockEvents(
    trx,
    tipRows.map((t) => t.id),
  );
  const byTip = new Map<string, { kind: string; data: unknown }[]>();
  for (const e of events) byTip.set(e.tipId, [...(byTip.get(e.tipId) ?? []), e]);
  const tips = tipRows.map((t) => ({ ...t, ...tipDecisionTimeliness(t, clockEvents(byTip.get(t.id) ?? []), t.decidedOn) }));
  const unitIds = [...tasks.map((t) => t.row.leadUnitId), ...coordination.map((c) => c.unitId), ...incidents.map((i) => i.leadUnitId), ...tips.map((t) => t.handlingUnitId), ...spec.agenda.map((a) => a.id)];
  return { tasks, coordination, incidents, tips, units: await repo.unitsByIds(trx, unitIds) };
}

type HrefFor = (key: ReviewFigureKey, unitId: string | null, category?: IncidentCategory | null) => string;

function figure(key: ReviewFigureKey, recordKind: ReviewFigure['recordKind'], ids: string[], href: string): ReviewFigure {
  return { key, value: ids.length, recordKind, recordIds: ids.slice(0, RECORD_IDS_PER_FIGURE), recordIdsTruncated: ids.length > RECORD_IDS_PER_FIGURE, href };
}

function rate(numerator: number, denominator: number) {
  const percent = ratePercent(numerator, denominator);
  return { numerator, denominator, percent, note: percent === null ? ('too_few' as const) : null };
}

function scorecard(
  unit: repo.UnitInfo,
  coverage: 'unit' | 'scope',
  agendaPosition: number | null,
  g: Omit<Gathered, 'units'>,
  period: Period,
  base: Period,
  hrefFor: HrefFor,
): Scorecard {
  const uid = coverage === 'unit' ? unit.id : null;
  const ids = <T extends { id: string }>(xs: T[]) => xs.map((x) => x.id);
  const tasksOf = (b?: TaskBucket) => g.tasks.filter((t) => b === undefined || t.bucket === b).map((t) => t.row.id);
  const onTime = tasksOf('completed_on_time').length;
  const late = tasksOf('completed_late').length;
  const overdue = tasksOf('not_completed_overdue').length;
  const tasks =
    g.tasks.length === 0
      ? null
      : {
          assigned: figure('tasks.assigned', 'task', tasksOf(), hrefFor('tasks.assigned', uid)),
          completedOnTime: figure('tasks.completedOnTime', 'task', tasksOf('completed_on_time'), hrefFor('tasks.completedOnTime', uid)),
          completedLate: figure('tasks.completedLate', 'task', tasksOf('completed_late'), hrefFor('tasks.completedLate', uid)),
          notCompletedWithinDeadline: figure('tasks.notCompletedWithinDeadline', 'task', tasksOf('not_completed_within_deadline'), hrefFor('tasks.notCompletedWithinDeadline', uid)),
          notCompletedOverdue: figure('tasks.notCompletedOverdue', 'task', tasksOf('not_completed_overdue'), hrefFor('tasks.notCompletedOverdue', uid)),
          withoutDeadline: figure(
            'tasks.withoutDeadline',
            'task',
            g.tasks.filter((t) => t.row.deadlineOn === null).map((t) => t.row.id),
            hrefFor('tasks.withoutDeadline', uid),
          ),
          onTimeRate: rate(onTime, onTime + late + overdue),
        };
  const answered = g.coordination.filter((c) => c.respondedAt !== null);
  const unanswered = g.coordination.filter((c) => c.respondedAt === null);
  const uniq = (xs: string[]) => [...new Set(xs)];
  const coordination =
    g.coordination.length === 0
      ? null
      : {
          requests: figure('coordination.requests', 'task', uniq(g.coordination.map((c) => c.taskId)), hrefFor('coordination.requests', uid)),
          answered: figure('coordination.answered', 'task', uniq(answered.map((c) => c.taskId)), hrefFor('coordination.answered', uid)),
          unanswered: figure('coordination.unanswered', 'task', uniq(unanswered.map((c) => c.taskId)), hrefFor('coordination.unanswered', uid)),
          medianHoursToAnswer: median(answered.map((c) => hoursBetween(c.requestedAt, c.respondedAt!))),
        };
  // Requests are counted per (task, unit): a unit is asked once per task, so task ids are unique per unit.
  if (coordination && coverage === 'scope') {
    coordination.requests.value = g.coordination.length;
    coordination.answered.value = answered.length;
    coordination.unanswered.value = unanswered.length;
  }
  const cur = g.incidents.filter((i) => i.inCurrent);
  const prev = g.incidents.filter((i) => i.inBase);
  const row = (category: IncidentCategory | null) => {
    const c = cur.filter((i) => category === null || i.category === category);
    const b = prev.filter((i) => category === null || i.category === category);
    const pct = changePercent(c.length, b.length);
    const test = comparePeriodCounts(c.length, b.length, { currentDays: daysIn(period), baseDays: daysIn(base) });
    return {
      category,
      label: category === null ? 'Tổng số vụ việc' : CATEGORY_LABELS_VI[category],
      current: figure('situations.current', 'incident', ids(c), hrefFor('situations.current', uid, category)),
      base: figure('situations.base', 'incident', ids(b), hrefFor('situations.base', uid, category)),
      comparison: { difference: c.length - b.length, percent: pct.percent, percentNote: pct.note, verdict: test.verdict, pValue: test.pValue === null ? null : Math.round(test.pValue * 10000) / 10000 },
    };
  };
  const situations =
    g.incidents.length === 0
      ? null
      : { total: row(null), byCategory: INCIDENT_CATEGORIES.filter((k) => g.incidents.some((i) => i.category === k)).map((k) => row(k)) };
  const within = g.tips.filter((t) => t.withinDeadline);
  const lateTips = g.tips.filter((t) => !t.withinDeadline);
  const tips =
    g.tips.length === 0
      ? null
      : {
          resolved: figure('tips.resolved', 'tip', ids(g.tips), hrefFor('tips.resolved', uid)),
          resolvedWithinDeadline: figure('tips.resolvedWithinDeadline', 'tip', ids(within), hrefFor('tips.resolvedWithinDeadline', uid)),
          resolvedLate: figure('tips.resolvedLate', 'tip', ids(lateTips), hrefFor('tips.resolvedLate', uid)),
          withinDeadlineRate: rate(within.length, g.tips.length),
        };
  return { unit: unitRef(unit), coverage, agendaPosition, tasks, coordination, situations, tips, campaignResults: null };
}

const forUnit = (g: Gathered, unitId: string): Omit<Gathered, 'units'> => ({
  tasks: g.tasks.filter((t) => t.row.leadUnitId === unitId),
  coordination: g.coordination.filter((c) => c.unitId === unitId),
  incidents: g.incidents.filter((i) => i.leadUnitId === unitId),
  tips: g.tips.filter((t) => t.handlingUnitId === unitId),
});

const isEmpty = (s: Scorecard) => s.tasks === null && s.coordination === null && s.situations === null && s.tips === null;

function hrefBuilder(spec: Spec): HrefFor {
  return (key, unitId, category) => {
    if (spec.cycleId) {
      const q = new URLSearchParams({ figure: key });
      if (unitId) q.set('unitId', unitId);
      if (category) q.set('category', category);
      return `/reviews/${spec.cycleId}?${q.toString()}`;
    }
    // Ad-hoc compilation (CLI): the closest list page.
    const p = key.startsWith('situations.') ? (key === 'situations.base' ? samePeriodLastYear(spec.period) : spec.period) : spec.period;
    if (key.startsWith('tasks.') || key.startsWith('coordination.')) return `/tasks?${new URLSearchParams({ ...(unitId ? { unitId, unitRole: key.startsWith('tasks.') ? 'lead' : 'coordinating' } : {}) }).toString()}`;
    if (key.startsWith('situations.')) return `/incidents?${new URLSearchParams({ from: p.from, to: p.to, ...(category ? { category } : {}) }).toString()}`;
    return '/tips';
  };
}

async function compileSpec(ctx: Ctx, actor: Actor, spec: Spec, opts: { unitId?: string | undefined; shownIn: ReturnType<typeof cycleAccess> | null; cycleRow: repo.CycleRow | null }): Promise<ReviewCompilation> {
  const today = ctx.today();
  const base = samePeriodLastYear(spec.period);
  const cutoff = cutoffOf(spec.period, today);
  const access = { state: spec.state, scopeUnit: spec.scopeUnit };
  return ctx.db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      if (opts.unitId) {
        const u = (await repo.unitsByIds(trx, [opts.unitId])).get(opts.unitId);
        if (!u || !u.path.startsWith(spec.scopeUnit.path)) throw new DomainError('review.unit_outside_scope', { unitId: opts.unitId }, [{ path: 'querystring.unitId', code: 'unit_outside_scope' }]);
        if (!canSeeUnit(actor, u)) throw hiddenNotFound('unit', opts.unitId);
      }
      const g = await gather(trx, spec, base, cutoff);
      const hrefFor = hrefBuilder(spec);
      const agendaPos = new Map(spec.agenda.map((a) => [a.id, a.position]));
      const ids = opts.unitId ? [opts.unitId] : [...g.units.keys()];
      if (opts.unitId && !g.units.has(opts.unitId)) g.units.set(opts.unitId, (await repo.unitsByIds(trx, [opts.unitId])).get(opts.unitId)!);
      const units = ids
        .map((id) => g.units.get(id)!)
        .filter((u) => u.path.startsWith(spec.scopeUnit.path) && canSeeUnit(actor, u))
        .sort((a, b) => {
          const pa = agendaPos.get(a.id) ?? Number.MAX_SAFE_INTEGER;
          const pb = agendaPos.get(b.id) ?? Number.MAX_SAFE_INTEGER;
          return pa !== pb ? pa - pb : compareVietnamese(a.name, b.name);
        });
      const scorecards = units.map((u) => scorecard(u, 'unit', agendaPos.get(u.id) ?? null, forUnit(g, u.id), spec.period, base, hrefFor));
      const whole = seesWholeCycle(actor, access);
      const total = whole && !opts.unitId ? scorecard(spec.scopeUnit, 'scope', null, g, spec.period, base, hrefFor) : null;
      const actions = opts.cycleRow ? await actionsOfCycle(trx, actor, opts.cycleRow, today, opts.shownIn) : { recorded: [], carriedForward: [] };
      return {
        cycle: { id: spec.cycleId, kind: spec.kind, title: spec.title, state: spec.state, scopeUnit: unitRef(spec.scopeUnit), programme: spec.programme },
        period: presentPeriod(spec.period),
        base: presentPeriod(base),
        cutoffOn: cutoff,
        compiledAt: ctx.now().toISOString(),
        definitions: DEFINITIONS,
        significance: { test: SIGNIFICANCE_TEST, alpha: ALPHA, minTotal: MIN_TOTAL_FOR_TREND },
        minBaseForPercent: MIN_BASE_FOR_PERCENT,
        limits: { recordIdsPerFigure: RECORD_IDS_PER_FIGURE },
        agenda: spec.agenda.filter((a) => whole || canSeeUnit(actor, a)).map((a) => ({ position: a.position, unit: unitRef(a) })),
        scorecards,
        total,
        correctiveActions: actions,
        empty: scorecards.every(isEmpty) && (total === null || isEmpty(total)),
      };
    });
}

async function specOfCycle(db: Db | Tx, c: repo.CycleRow): Promise<Spec> {
  return {
    cycleId: c.id,
    kind: c.kind as ReviewKind,
    title: c.title,
    state: c.state as ReviewState,
    scopeUnit: c.scopeUnit,
    programme: await repo.programmeOf(db, c.id),
    period: periodOfCycle(c),
    agenda: await repo.agendaOf(db, c.id),
  };
}

/**
 * Compile a review cycle from the records (GET /reviews/:id/compilation). 404 when the cycle, or
 * the unit asked for, lies outside the viewer's scope.
 */
export async function compileReview(ctx: Ctx, actor: Actor, cycleId: string, q: CompilationQuery = {}): Promise<ReviewCompilation> {
  const c = await loadVisibleCycle(ctx.db, actor, cycleId);
  return compileSpec(ctx, actor, await specOfCycle(ctx.db, c), { unitId: q.unitId, shownIn: cycleAccess(c), cycleRow: c });
}

/** Compile without a stored cycle (CLI `reviews compile --period …`): same rules, no actions, no agenda. */
export async function compileAdHoc(
  ctx: Ctx,
  actor: Actor,
  input: { kind: ReviewKind; title: string; scopeUnitId: string; documentIds: string[]; conferenceIds: string[]; period: ReviewPeriodInput },
): Promise<ReviewCompilation> {
  const period = resolveReviewPeriod(input.period, ctx.today());
  const scope = (await repo.unitsByIds(ctx.db, [input.scopeUnitId])).get(input.scopeUnitId);
  if (!scope) throw new DomainError('review.unknown_unit', { unitId: input.scopeUnitId }, [{ path: 'scopeUnitId', code: 'unknown_unit' }]);
  if (!canOpenCycle(actor, scope) && !canSeeUnit(actor, scope)) throw forbidden('review.compile');
  await checkProgramme(ctx.db, actor, input.documentIds, input.conferenceIds);
  const s = await repo.sourcesByIds(ctx.db, input.documentIds, input.conferenceIds);
  const programme = { documents: s.documents.map(({ id, symbol, kind, summary, issuedOn }) => ({ id, symbol, kind, summary, issuedOn })), conferences: s.conferences };
  return compileSpec(ctx, actor, { cycleId: null, kind: input.kind, title: input.title, state: 'open', scopeUnit: scope, programme, period, agenda: [] }, { shownIn: null, cycleRow: null });
}

/**
 * The records behind one figure of a scorecard (the drill-down of the review page): the same
 * compilation restricted to the unit, then the records named. Every record is listed (no cap).
 */
export async function reviewFigureRecords(ctx: Ctx, actor: Actor, cycleId: string, q: RecordsQuery): Promise<ReviewRecordList> {
  const c = await loadVisibleCycle(ctx.db, actor, cycleId);
  const spec = await specOfCycle(ctx.db, c);
  if (!q.unitId && !seesWholeCycle(actor, cycleAccess(c))) throw forbidden('review.scope_total');
  const today = ctx.today();
  const base = samePeriodLastYear(spec.period);
  const cutoff = cutoffOf(spec.period, today);
  return ctx.db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      let unit = spec.scopeUnit;
      if (q.unitId) {
        const u = (await repo.unitsByIds(trx, [q.unitId])).get(q.unitId);
        if (!u || !u.path.startsWith(spec.scopeUnit.path)) throw new DomainError('review.unit_outside_scope', { unitId: q.unitId }, [{ path: 'querystring.unitId', code: 'unit_outside_scope' }]);
        if (!canSeeUnit(actor, u)) throw hiddenNotFound('unit', q.unitId);
        unit = u;
      }
      const all = await gather(trx, spec, base, cutoff);
      const g = q.unitId ? forUnit(all, q.unitId) : all;
      const name = (id: string) => all.units.get(id)?.name ?? '';
      const f = q.figure;
      const taskItems = (xs: { row: repo.ProgrammeTaskRow }[]) =>
        xs.map(({ row }) => ({ kind: 'task' as const, id: row.id, code: taskCode(row.number), title: row.title, unitName: name(row.leadUnitId), on: row.deadlineOn, href: `/tasks/${row.id}` }));
      let items: ReviewRecordList['items'];
      if (f.startsWith('tasks.')) {
        const bucket = ({ 'tasks.completedOnTime': 'completed_on_time', 'tasks.completedLate': 'completed_late', 'tasks.notCompletedWithinDeadline': 'not_completed_within_deadline', 'tasks.notCompletedOverdue': 'not_completed_overdue' } as Record<string, TaskBucket>)[f];
        items = taskItems(g.tasks.filter((t) => (f === 'tasks.withoutDeadline' ? t.row.deadlineOn === null : bucket === undefined || t.bucket === bucket)));
      } else if (f.startsWith('coordination.')) {
        items = g.coordination
          .filter((r) => f === 'coordination.requests' || (f === 'coordination.answered') === (r.respondedAt !== null))
          .map((r) => ({ kind: 'task' as const, id: r.taskId, code: taskCode(r.number), title: r.title, unitName: name(r.unitId), on: r.requestedAt.toISOString().slice(0, 10), href: `/tasks/${r.taskId}` }));
      } else if (f.startsWith('situations.')) {
        items = g.incidents
          .filter((i) => (f === 'situations.current' ? i.inCurrent : i.inBase) && (!q.category || i.category === q.category))
          .map((i) => ({ kind: 'incident' as const, id: i.id, code: incidentCode(i.number), title: i.title, unitName: name(i.leadUnitId), on: i.occurredOn, href: `/incidents/${i.id}` }));
      } else {
        items = g.tips
          .filter((t) => f === 'tips.resolved' || (f === 'tips.resolvedWithinDeadline') === t.withinDeadline)
          .map((t) => ({ kind: 'tip' as const, id: t.id, code: t.trackingCode, title: `${OUTCOME_VI[t.outcomeKind] ?? t.outcomeKind} (hạn ${viDate(t.dueOn)})`, unitName: name(t.handlingUnitId), on: t.decidedOn, href: `/tips/${t.id}` }));
      }
      return { figure: f, unit: unitRef(unit), period: presentPeriod(f === 'situations.base' ? base : spec.period), items };
    });
}
