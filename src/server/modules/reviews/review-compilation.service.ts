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
import { type Ctx, vnToday } from '../../kernel/context.ts';
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
import { cutoffOf, resolveReviewPeriod, type TaskBucket, TIP_DEADLINE_BASIS, tipDecisionTimeliness } from './review.ts';
import * as repo from './review.repository.ts';
import { actionsOfCycle, checkProgramme, loadVisibleCycle } from './review.service.ts';
import { viDate } from '../../kernel/calendar.ts';

/**
 * compileReview: a review's figures compiled from the records: tasks, coordination, situations and
 * corrective actions from one snapshot (repeatable read), then the decided tips page by page. Definitions are stated in `DEFINITIONS` and in
 * README.md; each figure states its period and carries a drill-down path to the records that
 * produce it (`reviewFigureRecords`).
 *
 * Cost: counts are made in SQL, grouped by unit (tasks by bucket, coordination with its median,
 * situations by category and period); only the tips are read row by row, a page at a time, because
 * their timeliness needs each tip's legal clock. In memory the compilation is linear in the number
 * of units. Measured in bench/README.md (`--section reviews`).
 */

export const TIPS_PAGE = 5000;
/** Records per drill-down page unless asked otherwise (the API's default). */
export const RECORDS_PAGE = 100;

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

/** What the compilation is doing, for a progress display: the step, and for tips the rows done so far. */
export type CompileStep = 'tasks' | 'coordination' | 'situations' | 'tips' | 'scorecards';
export type CompileProgress = (p: { step: CompileStep; done?: number }) => void;

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

/** One unit's counts (or the whole scope's). */
interface Tally {
  tasks: Record<TaskBucket, number> & { assigned: number; withoutDeadline: number };
  coordination: { requests: number; answered: number; medianHours: number | null };
  incidents: Map<IncidentCategory, { current: number; base: number }>;
  tips: { resolved: number; within: number };
}

const newTally = (): Tally => ({
  tasks: { assigned: 0, withoutDeadline: 0, completed_on_time: 0, completed_late: 0, not_completed_within_deadline: 0, not_completed_overdue: 0 },
  coordination: { requests: 0, answered: 0, medianHours: null },
  incidents: new Map(),
  tips: { resolved: 0, within: 0 },
});

/** A unit's tally, created empty on first use. */
function tallyOf(byUnit: Map<string, Tally>, unitId: string): Tally {
  let t = byUnit.get(unitId);
  if (!t) byUnit.set(unitId, (t = newTally()));
  return t;
}

interface Gathered {
  byUnit: Map<string, Tally>;
  /** The whole scope: sums of the units, except the median answer time (computed over all requests). */
  total: Tally;
  units: Map<string, repo.UnitInfo>;
}

const programmeIds = (spec: Spec): repo.Programme => ({ documentIds: spec.programme.documents.map((d) => d.id), conferenceIds: spec.programme.conferences.map((c) => c.id) });

/** A tip's timeliness against the art. 147 deadline in force before its decision, for a page of decided tips. */
const withTimeliness = (rows: repo.TipDecisionRow[]) => rows.map((t) => ({ ...t, ...tipDecisionTimeliness(t, clockEvents(t.events), t.decidedOn) }));

/** Every decided tip of the scope in the period (optionally one unit), a page at a time. */
async function eachDecidedTip(trx: Db | Tx, scopePath: string, period: Period, f: { unitId?: string | undefined }, onPage: (rows: Awaited<ReturnType<typeof withTimeliness>>) => void) {
  let after: { decidedOn: string; id: string } | null = null;
  for (;;) {
    const rows = await repo.tipsDecided(trx, scopePath, period, { after, limit: TIPS_PAGE }, f);
    if (rows.length === 0) return;
    onPage(withTimeliness(rows));
    if (rows.length < TIPS_PAGE) return;
    const last = rows[rows.length - 1]!;
    after = { decidedOn: last.decidedOn, id: last.id };
  }
}

/** The counts of one snapshot: tasks by bucket, coordination, situations (units are loaded later). */
async function gatherCounts(trx: Db | Tx, spec: Spec, base: Period, cutoff: string, progress: CompileProgress): Promise<Omit<Gathered, 'units'>> {
  const range: repo.CompilationRange = { scopePath: spec.scopeUnit.path, period: spec.period, cutoff };
  const byUnit = new Map<string, Tally>();
  const total = newTally();
  const of = (unitId: string) => tallyOf(byUnit, unitId);
  progress({ step: 'tasks' });
  for (const r of await repo.programmeTaskCounts(trx, programmeIds(spec), range))
    for (const t of [of(r.unitId), total]) {
      t.tasks[r.bucket] += r.n;
      t.tasks.assigned += r.n;
      t.tasks.withoutDeadline += r.withoutDeadline;
    }
  progress({ step: 'coordination' });
  for (const r of await repo.coordinationCounts(trx, programmeIds(spec), range)) {
    const t = r.unitId === null ? total : of(r.unitId);
    t.coordination = { requests: r.requests, answered: r.answered, medianHours: r.medianHours };
  }
  progress({ step: 'situations' });
  for (const r of await repo.incidentCounts(trx, spec.scopeUnit.path, spec.period, base))
    for (const t of [of(r.unitId), total]) {
      const c = t.incidents.get(r.category as IncidentCategory) ?? { current: 0, base: 0 };
      t.incidents.set(r.category as IncidentCategory, { current: c.current + r.current, base: c.base + r.base });
    }
  return { byUnit, total };
}

/**
 * The decided tips, added to the counts a page at a time. Each page is its own statement, after the
 * counts' snapshot: on the embedded database (one connection) other requests run between pages
 * instead of waiting for the whole compilation. A decision dated in a past period rarely changes,
 * so reading the tips seconds after the other figures does not change what they mean.
 */
async function gatherTips(db: Db, spec: Spec, g: Omit<Gathered, 'units'>, progress: CompileProgress): Promise<void> {
  const of = (unitId: string) => tallyOf(g.byUnit, unitId);
  progress({ step: 'tips', done: 0 });
  await eachDecidedTip(db, spec.scopeUnit.path, spec.period, {}, (rows) => {
    for (const tip of rows)
      for (const t of [of(tip.handlingUnitId), g.total]) {
        t.tips.resolved += 1;
        if (tip.withinDeadline) t.tips.within += 1;
      }
    progress({ step: 'tips', done: g.total.tips.resolved });
  });
}

type HrefFor = (key: ReviewFigureKey, unitId: string | null, category?: IncidentCategory | null) => string;

const figure = (key: ReviewFigureKey, recordKind: ReviewFigure['recordKind'], value: number, href: string): ReviewFigure => ({ key, value, recordKind, href });

function rate(numerator: number, denominator: number) {
  const percent = ratePercent(numerator, denominator);
  return { numerator, denominator, percent, note: percent === null ? ('too_few' as const) : null };
}

function scorecard(unit: repo.UnitInfo, coverage: 'unit' | 'scope', agendaPosition: number | null, t: Tally, period: Period, base: Period, hrefFor: HrefFor): Scorecard {
  const uid = coverage === 'unit' ? unit.id : null;
  const k = t.tasks;
  const tasks =
    k.assigned === 0
      ? null
      : {
          assigned: figure('tasks.assigned', 'task', k.assigned, hrefFor('tasks.assigned', uid)),
          completedOnTime: figure('tasks.completedOnTime', 'task', k.completed_on_time, hrefFor('tasks.completedOnTime', uid)),
          completedLate: figure('tasks.completedLate', 'task', k.completed_late, hrefFor('tasks.completedLate', uid)),
          notCompletedWithinDeadline: figure('tasks.notCompletedWithinDeadline', 'task', k.not_completed_within_deadline, hrefFor('tasks.notCompletedWithinDeadline', uid)),
          notCompletedOverdue: figure('tasks.notCompletedOverdue', 'task', k.not_completed_overdue, hrefFor('tasks.notCompletedOverdue', uid)),
          withoutDeadline: figure('tasks.withoutDeadline', 'task', k.withoutDeadline, hrefFor('tasks.withoutDeadline', uid)),
          onTimeRate: rate(k.completed_on_time, k.completed_on_time + k.completed_late + k.not_completed_overdue),
        };
  const c = t.coordination;
  // Requests are counted per (task, unit): a unit is asked once per task.
  const coordination =
    c.requests === 0
      ? null
      : {
          requests: figure('coordination.requests', 'task', c.requests, hrefFor('coordination.requests', uid)),
          answered: figure('coordination.answered', 'task', c.answered, hrefFor('coordination.answered', uid)),
          unanswered: figure('coordination.unanswered', 'task', c.requests - c.answered, hrefFor('coordination.unanswered', uid)),
          medianHoursToAnswer: c.medianHours,
        };
  const row = (category: IncidentCategory | null) => {
    const counts = category === null ? [...t.incidents.values()] : [t.incidents.get(category)!];
    const cur = counts.reduce((a, x) => a + x.current, 0);
    const prev = counts.reduce((a, x) => a + x.base, 0);
    const pct = changePercent(cur, prev);
    const test = comparePeriodCounts(cur, prev, { currentDays: daysIn(period), baseDays: daysIn(base) });
    return {
      category,
      label: category === null ? 'Tổng số vụ việc' : CATEGORY_LABELS_VI[category],
      current: figure('situations.current', 'incident', cur, hrefFor('situations.current', uid, category)),
      base: figure('situations.base', 'incident', prev, hrefFor('situations.base', uid, category)),
      comparison: { difference: cur - prev, percent: pct.percent, percentNote: pct.note, verdict: test.verdict, pValue: test.pValue === null ? null : Math.round(test.pValue * 10000) / 10000 },
    };
  };
  const situations = t.incidents.size === 0 ? null : { total: row(null), byCategory: INCIDENT_CATEGORIES.filter((x) => t.incidents.has(x)).map((x) => row(x)) };
  const p = t.tips;
  const tips =
    p.resolved === 0
      ? null
      : {
          resolved: figure('tips.resolved', 'tip', p.resolved, hrefFor('tips.resolved', uid)),
          resolvedWithinDeadline: figure('tips.resolvedWithinDeadline', 'tip', p.within, hrefFor('tips.resolvedWithinDeadline', uid)),
          resolvedLate: figure('tips.resolvedLate', 'tip', p.resolved - p.within, hrefFor('tips.resolvedLate', uid)),
          withinDeadlineRate: rate(p.within, p.resolved),
        };
  return { unit: unitRef(unit), coverage, agendaPosition, tasks, coordination, situations, tips, campaignResults: null };
}

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

async function compileSpec(
  ctx: Ctx,
  actor: Actor,
  spec: Spec,
  opts: { unitId?: string | undefined; shownIn: ReturnType<typeof cycleAccess> | null; cycleRow: repo.CycleRow | null; progress?: CompileProgress | undefined },
): Promise<ReviewCompilation> {
  const today = ctx.today();
  const base = samePeriodLastYear(spec.period);
  const cutoff = cutoffOf(spec.period, today);
  const access = { state: spec.state, scopeUnit: spec.scopeUnit };
  const progress = opts.progress ?? (() => {});
  // Tasks, coordination, situations and the corrective actions from one snapshot (repeatable read).
  const { counts, actions } = await ctx.db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      if (opts.unitId) {
        const u = (await repo.unitsByIds(trx, [opts.unitId])).get(opts.unitId);
        if (!u || !u.path.startsWith(spec.scopeUnit.path)) throw new DomainError('review.unit_outside_scope', { unitId: opts.unitId }, [{ path: 'querystring.unitId', code: 'unit_outside_scope' }]);
        if (!canSeeUnit(actor, u)) throw hiddenNotFound('unit', opts.unitId);
      }
      return {
        counts: await gatherCounts(trx, spec, base, cutoff, progress),
        actions: opts.cycleRow ? await actionsOfCycle(trx, actor, opts.cycleRow, today, opts.shownIn) : { recorded: [], carriedForward: [] },
      };
    });
  await gatherTips(ctx.db, spec, counts, progress);
  progress({ step: 'scorecards' });
  const g: Gathered = { ...counts, units: await repo.unitsByIds(ctx.db, [...counts.byUnit.keys(), ...spec.agenda.map((a) => a.id), ...(opts.unitId ? [opts.unitId] : [])]) };
  const hrefFor = hrefBuilder(spec);
  const agendaPos = new Map(spec.agenda.map((a) => [a.id, a.position]));
  const ids = opts.unitId ? [opts.unitId] : [...g.byUnit.keys()];
  const units = ids
    .map((id) => g.units.get(id)!)
    .filter((u) => u.path.startsWith(spec.scopeUnit.path) && canSeeUnit(actor, u))
    .sort((a, b) => {
      const pa = agendaPos.get(a.id) ?? Number.MAX_SAFE_INTEGER;
      const pb = agendaPos.get(b.id) ?? Number.MAX_SAFE_INTEGER;
      return pa !== pb ? pa - pb : compareVietnamese(a.name, b.name);
    });
  const scorecards = units.map((u) => scorecard(u, 'unit', agendaPos.get(u.id) ?? null, g.byUnit.get(u.id) ?? newTally(), spec.period, base, hrefFor));
  const whole = seesWholeCycle(actor, access);
  const total = whole && !opts.unitId ? scorecard(spec.scopeUnit, 'scope', null, g.total, spec.period, base, hrefFor) : null;
  return {
    cycle: { id: spec.cycleId, kind: spec.kind, title: spec.title, state: spec.state, scopeUnit: unitRef(spec.scopeUnit), programme: spec.programme },
    period: presentPeriod(spec.period),
    base: presentPeriod(base),
    cutoffOn: cutoff,
    compiledAt: ctx.now().toISOString(),
    definitions: DEFINITIONS,
    significance: { test: SIGNIFICANCE_TEST, alpha: ALPHA, minTotal: MIN_TOTAL_FOR_TREND },
    minBaseForPercent: MIN_BASE_FOR_PERCENT,
    agenda: spec.agenda.filter((a) => whole || canSeeUnit(actor, a)).map((a) => ({ position: a.position, unit: unitRef(a) })),
    scorecards,
    total,
    correctiveActions: actions,
    empty: scorecards.every(isEmpty) && (total === null || isEmpty(total)),
  };
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
export async function compileReview(ctx: Ctx, actor: Actor, cycleId: string, q: CompilationQuery = {}, progress?: CompileProgress): Promise<ReviewCompilation> {
  const c = await loadVisibleCycle(ctx.db, actor, cycleId);
  return compileSpec(ctx, actor, await specOfCycle(ctx.db, c), { unitId: q.unitId, shownIn: cycleAccess(c), cycleRow: c, progress });
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
 * The records behind one figure of a scorecard (the drill-down of the review page): the SQL of the
 * count, filtered to the figure and the unit, a page at a time, with the total (= the figure).
 */
export async function reviewFigureRecords(ctx: Ctx, actor: Actor, cycleId: string, q: Omit<RecordsQuery, 'limit' | 'offset'> & { limit?: number; offset?: number }): Promise<ReviewRecordList> {
  const c = await loadVisibleCycle(ctx.db, actor, cycleId);
  const spec = await specOfCycle(ctx.db, c);
  if (!q.unitId && !seesWholeCycle(actor, cycleAccess(c))) throw forbidden('review.scope_total');
  const today = ctx.today();
  const base = samePeriodLastYear(spec.period);
  const cutoff = cutoffOf(spec.period, today);
  const f = q.figure;
  const only = { unitId: q.unitId };
  const page = { limit: q.limit ?? RECORDS_PAGE, offset: q.offset ?? 0 };
  let unit = spec.scopeUnit;
  if (q.unitId) {
    const u = (await repo.unitsByIds(ctx.db, [q.unitId])).get(q.unitId);
    if (!u || !u.path.startsWith(spec.scopeUnit.path)) throw new DomainError('review.unit_outside_scope', { unitId: q.unitId }, [{ path: 'querystring.unitId', code: 'unit_outside_scope' }]);
    if (!canSeeUnit(actor, u)) throw hiddenNotFound('unit', q.unitId);
    unit = u;
  }
  let items: ReviewRecordList['items'];
  let unitIds: string[];
  let total: number;
  if (f.startsWith('tips.')) {
    // As in the compilation, decided tips are read a page at a time (each page its own statement);
    // timeliness needs each tip's clock, so the page asked for is cut from the figure's tips.
    const tips: ReturnType<typeof withTimeliness> = [];
    await eachDecidedTip(ctx.db, spec.scopeUnit.path, spec.period, only, (rows) => tips.push(...rows.filter((t) => f === 'tips.resolved' || (f === 'tips.resolvedWithinDeadline') === t.withinDeadline)));
    total = tips.length;
    const shown = tips.slice(page.offset, page.offset + page.limit);
    unitIds = shown.map((t) => t.handlingUnitId);
    items = shown.map((t) => ({ kind: 'tip' as const, id: t.id, code: t.trackingCode, title: `${OUTCOME_VI[t.outcomeKind] ?? t.outcomeKind} (hạn ${viDate(t.dueOn)})`, unitName: t.handlingUnitId, on: t.decidedOn, href: `/tips/${t.id}` }));
  } else {
    const r = await ctx.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (trx) => {
        const range: repo.CompilationRange = { scopePath: spec.scopeUnit.path, period: spec.period, cutoff };
        if (f.startsWith('tasks.')) {
          const bucket = ({ 'tasks.completedOnTime': 'completed_on_time', 'tasks.completedLate': 'completed_late', 'tasks.notCompletedWithinDeadline': 'not_completed_within_deadline', 'tasks.notCompletedOverdue': 'not_completed_overdue' } as Partial<Record<ReviewFigureKey, TaskBucket>>)[f];
          const { total: n, rows } = await repo.programmeTaskRecords(trx, programmeIds(spec), range, { ...only, bucket, withoutDeadline: f === 'tasks.withoutDeadline' }, page);
          return { total: n, unitIds: rows.map((x) => x.leadUnitId), items: rows.map((row) => ({ kind: 'task' as const, id: row.id, code: taskCode(row.number), title: row.title, unitName: row.leadUnitId, on: row.deadlineOn, href: `/tasks/${row.id}` })) };
        }
        if (f.startsWith('coordination.')) {
          const { total: n, rows } = await repo.coordinationRecords(trx, programmeIds(spec), range, { ...only, answered: f === 'coordination.requests' ? undefined : f === 'coordination.answered' }, page);
          return { total: n, unitIds: rows.map((x) => x.unitId), items: rows.map((x) => ({ kind: 'task' as const, id: x.taskId, code: taskCode(x.number), title: x.title, unitName: x.unitId, on: vnToday(x.requestedAt), href: `/tasks/${x.taskId}` })) };
        }
        const { total: n, rows } = await repo.incidentRecords(trx, spec.scopeUnit.path, f === 'situations.current' ? spec.period : base, { ...only, category: q.category }, page);
        return { total: n, unitIds: rows.map((x) => x.leadUnitId), items: rows.map((i) => ({ kind: 'incident' as const, id: i.id, code: incidentCode(i.number), title: i.title, unitName: i.leadUnitId, on: i.occurredOn, href: `/incidents/${i.id}` })) };
      });
    ({ total, unitIds, items } = r);
  }
  // unitName holds the unit id until here: one lookup for the names.
  const names = await repo.unitsByIds(ctx.db, unitIds);
  items = items.map((x) => ({ ...x, unitName: names.get(x.unitName)?.name ?? '' }));
  return { figure: f, unit: unitRef(unit), period: presentPeriod(f === 'situations.base' ? base : spec.period), total, limit: page.limit, offset: page.offset, items };
}
