import { z } from 'zod';
import { isoDate, pageQuery, pageOf, text, uuid } from './common.ts';
import { INCIDENT_CATEGORIES } from './incidents.ts';
import { abilitiesSchema } from './organisation.ts';

/**
 * Review cycles (đợt sơ kết / tổng kết) of a coordination programme, their compilation from the
 * records (unit scorecards), corrective actions (hạn chế, vướng mắc → biện pháp khắc phục) and the
 * agenda. Definitions of every figure: src/server/modules/reviews/README.md.
 *
 * `reviewCompilationSchema` is the stable input of the DOCX review report (reports module).
 */

/** Sơ kết (interim review) / tổng kết (final review). */
export const REVIEW_KINDS = ['so_ket', 'tong_ket'] as const;
export type ReviewKind = (typeof REVIEW_KINDS)[number];

export const REVIEW_STATES = ['open', 'closed'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

/** The period kinds of statistics/periods.ts; `custom` covers "several years". stat_month = 15th → 14th. */
export const REVIEW_PERIOD_KINDS = ['month', 'quarter', 'half_year', 'year', 'stat_month', 'custom'] as const;
export type ReviewPeriodKind = (typeof REVIEW_PERIOD_KINDS)[number];

/** Hạn chế (limitation) / vướng mắc (obstacle). */
export const CORRECTIVE_ACTION_KINDS = ['limitation', 'obstacle'] as const;
export type CorrectiveActionKind = (typeof CORRECTIVE_ACTION_KINDS)[number];

export const CORRECTIVE_ACTION_STATUSES = ['open', 'in_progress', 'closed'] as const;
export type CorrectiveActionStatus = (typeof CORRECTIVE_ACTION_STATUSES)[number];

/** Verdict of a period comparison (statistics/significance.ts). */
export const TREND_VERDICTS = ['increase', 'decrease', 'no_significant_change', 'too_few'] as const;
export type TrendVerdict = (typeof TREND_VERDICTS)[number];

/** Figures that can be drilled down to their records (GET /reviews/:id/records?figure=…). */
export const REVIEW_FIGURES = [
  'tasks.assigned',
  'tasks.completedOnTime',
  'tasks.completedLate',
  'tasks.notCompletedWithinDeadline',
  'tasks.notCompletedOverdue',
  'tasks.withoutDeadline',
  'coordination.requests',
  'coordination.answered',
  'coordination.unanswered',
  'situations.current',
  'situations.base',
  'tips.resolved',
  'tips.resolvedWithinDeadline',
  'tips.resolvedLate',
] as const;
export type ReviewFigureKey = (typeof REVIEW_FIGURES)[number];

// ── Inputs ──────────────────────────────────────────────────────────────────────────────────

export const reviewPeriodInput = z.strictObject({
  kind: z.enum(REVIEW_PERIOD_KINDS),
  year: z.coerce.number().int().min(1900).max(9999).optional(),
  /** Month 1–12, quarter 1–4, half 1–2 (ignored for year and custom). */
  index: z.coerce.number().int().min(1).max(12).optional(),
  /** Custom periods (several years): first and last day. A period that ends before it starts → review.invalid_period. */
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export type ReviewPeriodInput = z.infer<typeof reviewPeriodInput>;

export const createReviewInput = z.strictObject({
  kind: z.enum(REVIEW_KINDS),
  title: text(500),
  /** Whose units are reviewed: this unit and its subtree. */
  scopeUnitId: uuid,
  /** The coordination programme: documents and conferences (at least one in all). */
  documentIds: z.array(uuid).max(100).default([]),
  conferenceIds: z.array(uuid).max(100).default([]),
  period: reviewPeriodInput,
});
export type CreateReviewInput = z.infer<typeof createReviewInput>;

export const reviewListQuery = pageQuery.extend({
  state: z.enum(REVIEW_STATES).optional(),
  kind: z.enum(REVIEW_KINDS).optional(),
});
export type ReviewListQuery = z.infer<typeof reviewListQuery>;

export const agendaInput = z.strictObject({
  /** Units in reporting order (each in the review's scope, no repeats). */
  unitIds: z.array(uuid).max(500),
});
export type AgendaInput = z.infer<typeof agendaInput>;

export const createActionInput = z.strictObject({
  kind: z.enum(CORRECTIVE_ACTION_KINDS),
  /** The limitation or obstacle as stated at the review. */
  text: text(4000),
  /** The corrective measure (biện pháp khắc phục). */
  measure: text(4000),
  ownerUnitId: uuid,
  deadlineOn: isoDate.nullable().optional(),
});
export type CreateActionInput = z.infer<typeof createActionInput>;

export const updateActionInput = z.strictObject({
  text: text(4000).optional(),
  measure: text(4000).optional(),
  ownerUnitId: uuid.optional(),
  deadlineOn: isoDate.nullable().optional(),
  version: z.number().int(),
});
export type UpdateActionInput = z.infer<typeof updateActionInput>;

export const actionStatusInput = z.strictObject({
  status: z.enum(CORRECTIVE_ACTION_STATUSES),
  /** What happened; required when closing (the closing note). */
  note: text(4000).optional(),
  version: z.number().int(),
});
export type ActionStatusInput = z.infer<typeof actionStatusInput>;

export const compilationQuery = z.object({
  /** Only this unit's scorecard (404 when the unit is outside the viewer's scope). */
  unitId: uuid.optional(),
});
export type CompilationQuery = z.infer<typeof compilationQuery>;

export const recordsQuery = z.object({
  /** The unit of the scorecard; omitted = the whole scope (the total row). */
  unitId: uuid.optional(),
  figure: z.enum(REVIEW_FIGURES),
  /** For situations: one category (omitted = all categories). */
  category: z.enum(INCIDENT_CATEGORIES).optional(),
  /** A page of the records (a whole-city figure counts hundreds of thousands). */
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export type RecordsQuery = z.infer<typeof recordsQuery>;

// ── Records ─────────────────────────────────────────────────────────────────────────────────

const unitRef = z.object({ id: uuid, name: z.string(), code: z.string() });

export const reviewPeriodSchema = z.object({
  kind: z.enum(REVIEW_PERIOD_KINDS),
  year: z.number().int().nullable(),
  index: z.number().int().nullable(),
  from: isoDate,
  to: isoDate,
  /** Vietnamese label ("quý I/2026", "tháng 3/2026 theo kỳ thống kê (từ 15/02/2026 đến 14/03/2026)"). */
  label: z.string(),
});
export type ReviewPeriod = z.infer<typeof reviewPeriodSchema>;

const programmeSchema = z.object({
  documents: z.array(z.object({ id: uuid, symbol: z.string().nullable(), kind: z.string(), summary: z.string(), issuedOn: isoDate.nullable() })),
  conferences: z.array(z.object({ id: uuid, title: z.string(), kind: z.string(), heldOn: isoDate })),
});

const cycleRef = z.object({ id: uuid, title: z.string(), kind: z.enum(REVIEW_KINDS), periodLabel: z.string() });

export const agendaItemSchema = z.object({ position: z.number().int(), unit: unitRef });

export const actionEventSchema = z.object({
  at: z.string(),
  /** The review in which the change was recorded. */
  cycle: cycleRef,
  kind: z.enum(['recorded', 'updated', 'status_changed']),
  fromStatus: z.enum(CORRECTIVE_ACTION_STATUSES).nullable(),
  toStatus: z.enum(CORRECTIVE_ACTION_STATUSES).nullable(),
  note: z.string().nullable(),
  actorName: z.string(),
});

export const correctiveActionSchema = z.object({
  id: uuid,
  kind: z.enum(CORRECTIVE_ACTION_KINDS),
  /** "What we said": the limitation or obstacle and the measure, as recorded. */
  text: z.string(),
  measure: z.string(),
  ownerUnit: unitRef,
  deadlineOn: isoDate.nullable(),
  status: z.enum(CORRECTIVE_ACTION_STATUSES),
  closingNote: z.string().nullable(),
  /** The review at which it was recorded. */
  recordedIn: cycleRef,
  /** The review in which it was closed (null while open). */
  closedIn: cycleRef.nullable(),
  closedAt: z.string().nullable(),
  /** Deadline passed (before the cut-off of the review shown) and not closed. */
  overdue: z.boolean(),
  /** "What happened": every change since it was recorded, oldest first. */
  history: z.array(actionEventSchema),
  version: z.number().int(),
  abilities: abilitiesSchema,
});
export type CorrectiveAction = z.infer<typeof correctiveActionSchema>;

export const reviewCycleSchema = z.object({
  id: uuid,
  kind: z.enum(REVIEW_KINDS),
  title: z.string(),
  state: z.enum(REVIEW_STATES),
  scopeUnit: unitRef,
  period: reviewPeriodSchema,
  /** Same period of the previous year (cùng kỳ), the comparison base of the situations. */
  base: reviewPeriodSchema,
  programme: programmeSchema,
  agenda: z.array(agendaItemSchema),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
  closedAt: z.string().nullable(),
  version: z.number().int(),
  abilities: abilitiesSchema,
});
export type ReviewCycle = z.infer<typeof reviewCycleSchema>;

export const reviewCycleListItem = reviewCycleSchema.omit({ programme: true, agenda: true }).extend({
  documentCount: z.number().int(),
  conferenceCount: z.number().int(),
  openActions: z.number().int(),
});
export const reviewCycleList = pageOf(reviewCycleListItem);

// ── Compilation ─────────────────────────────────────────────────────────────────────────────

/**
 * One number of a scorecard and `href`, the web path that lists the records producing it (the
 * review page's drill-down, served by `GET /api/reviews/:id/records`). Figures carry no record ids:
 * a whole-city review has hundreds of scorecards and hundreds of thousands of records. `value` is
 * never null: figures of a block that has no data are not given at all (the block is null).
 */
export const figureSchema = z.object({
  key: z.enum(REVIEW_FIGURES),
  value: z.number().int(),
  recordKind: z.enum(['task', 'incident', 'tip']),
  href: z.string(),
});
export type ReviewFigure = z.infer<typeof figureSchema>;

/** A rate with the small-number rule: `percent` null when the denominator is below minBaseForPercent. */
export const rateSchema = z.object({
  numerator: z.number().int(),
  denominator: z.number().int(),
  percent: z.number().nullable(),
  note: z.enum(['too_few']).nullable(),
});

/** Current period against the same period last year, with the significance test's verdict. */
export const comparisonSchema = z.object({
  difference: z.number().int(),
  /** Percent change; null when the base is 0 or below minBaseForPercent (`percentNote` says which). */
  percent: z.number().nullable(),
  percentNote: z.enum(['no_base', 'base_too_small']).nullable(),
  verdict: z.enum(TREND_VERDICTS),
  /** Two-sided p-value of the test; null when too few to test. */
  pValue: z.number().nullable(),
});
export type ReviewComparison = z.infer<typeof comparisonSchema>;

export const situationRowSchema = z.object({
  /** null = all categories. */
  category: z.enum(INCIDENT_CATEGORIES).nullable(),
  label: z.string(),
  current: figureSchema,
  base: figureSchema,
  comparison: comparisonSchema,
});

export const scorecardSchema = z.object({
  unit: unitRef,
  /** 'unit' = the unit's own records; 'scope' = the whole scope subtree (the total row). */
  coverage: z.enum(['unit', 'scope']),
  /** Position on the agenda (1-based), null when the unit is not on it. */
  agendaPosition: z.number().int().nullable(),
  /** Programme tasks led by the unit; null = no programme task in the period (no data). */
  tasks: z
    .object({
      assigned: figureSchema,
      completedOnTime: figureSchema,
      completedLate: figureSchema,
      notCompletedWithinDeadline: figureSchema,
      notCompletedOverdue: figureSchema,
      /** Of `assigned`: tasks without a deadline (counted on time when completed, within deadline otherwise). */
      withoutDeadline: figureSchema,
      /** completedOnTime / (completedOnTime + completedLate + notCompletedOverdue). */
      onTimeRate: rateSchema,
    })
    .nullable(),
  /** Coordination requests of programme tasks made to the unit in the period; null = none. */
  coordination: z
    .object({
      requests: figureSchema,
      answered: figureSchema,
      unanswered: figureSchema,
      /** Median hours from request to answer over the answered requests; null when none answered. */
      medianHoursToAnswer: z.number().nullable(),
    })
    .nullable(),
  /** Situations led by the unit, by category, against the same period last year; null = none in either. */
  situations: z.object({ total: situationRowSchema, byCategory: z.array(situationRowSchema) }).nullable(),
  /** Tips with an art. 147(1) decision in the period, handled by the unit; null = none. */
  tips: z
    .object({
      resolved: figureSchema,
      resolvedWithinDeadline: figureSchema,
      resolvedLate: figureSchema,
      withinDeadlineRate: rateSchema,
    })
    .nullable(),
  /** Campaign results: a slot for issue 6 (campaigns). Always null until campaigns exist. */
  campaignResults: z.null(),
});
export type Scorecard = z.infer<typeof scorecardSchema>;

export const reviewCompilationSchema = z.object({
  cycle: z.object({
    /** null for an ad-hoc compilation (CLI with --period). */
    id: uuid.nullable(),
    kind: z.enum(REVIEW_KINDS),
    title: z.string(),
    state: z.enum(REVIEW_STATES),
    scopeUnit: unitRef,
    programme: programmeSchema,
  }),
  period: reviewPeriodSchema,
  /** Comparison base: the same period of the previous year. */
  base: reviewPeriodSchema,
  /** Statuses are taken as of this date: the period's last day, or today while the period runs. */
  cutoffOn: isoDate,
  compiledAt: z.string(),
  /** Vietnamese statements of what each block counts (for the report and the page). */
  definitions: z.object({
    tasks: z.string(),
    onTimeRate: z.string(),
    coordination: z.string(),
    situations: z.string(),
    tips: z.string(),
    comparison: z.string(),
  }),
  significance: z.object({ test: z.literal('conditional_binomial_exact'), alpha: z.number(), minTotal: z.number().int() }),
  minBaseForPercent: z.number().int(),
  agenda: z.array(agendaItemSchema),
  /** Units in agenda order, then the others by name. Only units in the viewer's scope. */
  scorecards: z.array(scorecardSchema),
  /** The whole scope; null when the viewer does not see the whole scope or asked for one unit. */
  total: scorecardSchema.nullable(),
  correctiveActions: z.object({
    /** Recorded at this review. */
    recorded: z.array(correctiveActionSchema),
    /** Recorded at an earlier review (period ending earlier) for an owner in this scope, still open — or closed in this review or a later one. */
    carriedForward: z.array(correctiveActionSchema),
  }),
  /** True when no block of any scorecard has data: the report says "no data" instead of zeros. */
  empty: z.boolean(),
});
export type ReviewCompilation = z.infer<typeof reviewCompilationSchema>;

export const reviewRecordSchema = z.object({
  kind: z.enum(['task', 'incident', 'tip']),
  id: uuid,
  code: z.string(),
  title: z.string(),
  unitName: z.string(),
  /** The date that placed it in the figure (deadline, request, occurrence or decision). */
  on: isoDate.nullable(),
  href: z.string(),
});
export const reviewRecordList = z.object({
  figure: z.enum(REVIEW_FIGURES),
  unit: unitRef,
  period: reviewPeriodSchema,
  /** All the records of the figure (equals the figure's value); `items` is the page asked for. */
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
  items: z.array(reviewRecordSchema),
});
export type ReviewRecordList = z.infer<typeof reviewRecordList>;
