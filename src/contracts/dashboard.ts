import { z } from 'zod';
import { isoDate, uuid } from './common.ts';
import { INCIDENT_CATEGORIES } from './incidents.ts';
import { incidentStatsQuery, STAT_PERIOD_KINDS } from './statistics.ts';

/**
 * The leaders' dashboard (bảng điều hành): key figures of the viewer's scope for a period, each
 * with the period or date it covers, its comparison base where there is one, and `path` — the web
 * address (with filters) of the records that produce it. Same period query as the statistics;
 * the default is the current statistical month (15th of the previous month to the 14th).
 *
 * Task figures count the visible tasks whose deadline falls in the period, by the status derived
 * today (the vocabulary of government task reports): completed on time / completed late / not
 * completed and not overdue / overdue. Tips: received in the period; of those, art. 147 decisions
 * taken within / after the deadline; overdue tips (any period) as of today.
 */
export const dashboardQuery = incidentStatsQuery.pick({ year: true, index: true, from: true, to: true }).extend({
  period: z.enum(STAT_PERIOD_KINDS).default('stat_month'),
});
export type DashboardQuery = z.infer<typeof dashboardQuery>;

const periodSchema = z.object({ kind: z.enum(STAT_PERIOD_KINDS), from: isoDate, to: isoDate, label: z.string() });

/** A number and the records that produce it. `from`/`to`: the dates it covers (null: any date); `asOf`: the day statuses were read. */
export const figureSchema = z.object({
  count: z.number().int(),
  from: isoDate.nullable(),
  to: isoDate.nullable(),
  asOf: isoDate.nullable(),
  path: z.string(),
});
export type Figure = z.infer<typeof figureSchema>;

/** A figure of the period against the same period last year (statistics rules: percent only on a base of at least minBaseForPercent). */
export const comparedSchema = z.object({
  current: figureSchema,
  base: figureSchema,
  difference: z.number().int(),
  percent: z.number().nullable(),
  note: z.enum(['no_base', 'base_too_small']).nullable(),
});
export type Compared = z.infer<typeof comparedSchema>;

/** The four buckets of the task reports, plus paused/cancelled tasks (not counted in a rate). */
export const TASK_BUCKETS = ['completedOnTime', 'completedLate', 'inTime', 'overdue'] as const;
export type TaskBucket = (typeof TASK_BUCKETS)[number];

const bucketsSchema = z.object({
  total: figureSchema,
  completedOnTime: figureSchema,
  completedLate: figureSchema,
  /** Not completed, not overdue: not started, in progress, due soon, awaiting evaluation, returned. */
  inTime: figureSchema,
  overdue: figureSchema,
  /** Paused or cancelled: shown, never in a rate. */
  excluded: figureSchema,
  /** completedOnTime / (completedOnTime + completedLate + overdue), null below minBaseForPercent tasks with a result. */
  onTimeRatePercent: z.number().nullable(),
  /** completedOnTime + completedLate + overdue: the tasks with a result against their deadline. */
  withResult: z.number().int(),
});

export const dashboardSchema = z.object({
  generatedAt: z.string(),
  asOf: isoDate,
  period: periodSchema,
  base: periodSchema,
  scope: z.object({ label: z.string(), wholeCity: z.boolean() }),
  minBaseForPercent: z.number().int(),
  situations: z.object({
    total: comparedSchema,
    byCategory: z.array(comparedSchema.extend({ category: z.enum(INCIDENT_CATEGORIES) })),
    /** Verified significant situations not closed, as of today (any period). */
    significantOpen: figureSchema,
  }),
  tips: z.object({
    received: comparedSchema,
    /** Of the tips received in the period: art. 147 decisions taken within / after the deadline in force. */
    settledOnTime: figureSchema,
    settledLate: figureSchema,
    /** Tips whose transfer or art. 147 deadline has passed, as of today (any period). */
    overdue: figureSchema,
  }),
  tasks: bucketsSchema,
  /** Situations per month (statistical months when the period is one) for the 12 months ending with the period, and the same months a year earlier. */
  trend: z.object({
    kind: z.enum(['month', 'stat_month']),
    months: z.array(z.object({ year: z.number().int(), month: z.number().int(), label: z.string(), current: figureSchema, base: figureSchema })),
  }),
  /** Lead units of the tasks due in the period: ranked by on-time rate; units with too few tasks with a result are marked, not ranked. */
  units: z.array(bucketsSchema.extend({ unitId: uuid, unitName: z.string(), rank: z.number().int().nullable(), tooFew: z.boolean() })),
  /** The most overdue visible tasks today (any period), most overdue first. */
  overdueTasks: z.object({
    total: figureSchema,
    limit: z.number().int(),
    items: z.array(
      z.object({ id: uuid, code: z.string(), title: z.string(), leadUnit: z.object({ id: uuid, name: z.string() }), deadlineOn: isoDate.nullable(), dueOn: isoDate.nullable(), daysOverdue: z.number().int(), path: z.string() }),
    ),
  }),
  /** Corrective actions (hạn chế, vướng mắc) recorded at reviews and not yet closed, owner in scope, as of today. */
  correctiveActions: z.object({
    open: z.number().int(),
    overdue: z.number().int(),
    limit: z.number().int(),
    items: z.array(
      z.object({
        id: uuid,
        text: z.string(),
        ownerUnit: z.object({ id: uuid, name: z.string() }),
        deadlineOn: isoDate.nullable(),
        status: z.enum(['open', 'in_progress', 'closed']),
        overdue: z.boolean(),
        recordedIn: z.object({ id: uuid, title: z.string(), periodLabel: z.string() }),
        /** The review that records it (where its history and status are kept). */
        path: z.string(),
      }),
    ),
  }),
});
export type Dashboard = z.infer<typeof dashboardSchema>;
