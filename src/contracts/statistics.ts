import { z } from 'zod';
import { communeCode, isoDate, uuid } from './common.ts';
import { INCIDENT_CATEGORIES, INCIDENT_SEVERITIES, INCIDENT_STATUSES } from './incidents.ts';

/**
 * Statistics of security and order situations: counts by category or commune for a period,
 * compared with the same period of the previous year ("so với cùng kỳ"). Every answer states its
 * period, its comparison base and the viewer's scope. Percent changes are given only on bases of
 * at least `minBaseForPercent` cases (otherwise `percent` is null and `note` says why).
 */
export const STAT_PERIOD_KINDS = ['month', 'quarter', 'half_year', 'year', 'stat_month', 'custom'] as const;
export const STAT_GROUPS = ['category', 'commune'] as const;

export const incidentStatsQuery = z.object({
  /** stat_month = the Ministry's statistical month: 15th of the previous month to the 14th. */
  period: z.enum(STAT_PERIOD_KINDS).default('month'),
  year: z.coerce.number().int().min(1900).max(9999).optional(),
  /** Month 1–12, quarter 1–4, half 1–2 (ignored for year and custom). */
  index: z.coerce.number().int().min(1).max(12).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  groupBy: z.enum(STAT_GROUPS).default('category'),
  category: z.enum(INCIDENT_CATEGORIES).optional(),
  communeCode: communeCode.optional(),
});
export type IncidentStatsQuery = z.infer<typeof incidentStatsQuery>;

const periodSchema = z.object({ kind: z.enum(STAT_PERIOD_KINDS), from: z.string(), to: z.string(), label: z.string() });
const metrics = z.object({
  incidents: z.number().int(),
  dead: z.number().int(),
  injured: z.number().int(),
  damageVnd: z.number(),
  reopened: z.number().int(),
});
const comparison = z.object({
  difference: z.number().int(),
  /** Null when the base is zero or below minBaseForPercent. */
  percent: z.number().nullable(),
  note: z.enum(['no_base', 'base_too_small']).nullable(),
});
const row = z.object({ key: z.string(), label: z.string(), current: metrics, base: metrics, change: comparison });

export const incidentStatsSchema = z.object({
  period: periodSchema,
  base: periodSchema,
  scope: z.object({ label: z.string(), wholeCity: z.boolean() }),
  groupBy: z.enum(STAT_GROUPS),
  filters: z.object({ category: z.string().nullable(), communeCode: z.string().nullable() }),
  minBaseForPercent: z.number().int(),
  rows: z.array(row),
  total: row,
});
export type IncidentStats = z.infer<typeof incidentStatsSchema>;

export const categoryChangeStatsSchema = z.object({
  period: periodSchema,
  scope: z.object({ label: z.string(), wholeCity: z.boolean() }),
  minBaseForPercent: z.number().int(),
  rows: z.array(
    z.object({
      unitId: uuid,
      unitName: z.string(),
      /** Situations led by the unit that occurred in the period. */
      incidents: z.number().int(),
      /** Of those, situations whose category was changed at least once / lowered at least once. */
      changed: z.number().int(),
      downgraded: z.number().int(),
      changeRatePercent: z.number().nullable(),
      downgradeRatePercent: z.number().nullable(),
    }),
  ),
});
export type CategoryChangeStats = z.infer<typeof categoryChangeStatsSchema>;

/**
 * The situation map: the same period, base, scope and filters as the statistics (groupBy is not
 * used), answered as GeoJSON. `communes` holds the communes in the viewer's scope (and any other
 * commune where a visible situation is counted) that have imported boundaries, each with the
 * count of the period and of the comparison base; `boundaries` is 'missing' when none has one, so
 * the client shows the points only. `points` are the visible situations of the period that have a
 * WGS84 point, newest first, at most `pointsLimit` (`pointsTruncated` says when more exist).
 */
export const incidentMapQuery = incidentStatsQuery.omit({ groupBy: true });
export type IncidentMapQuery = z.infer<typeof incidentMapQuery>;

export const MAP_POINTS_LIMIT = 5000;

const polygon = z.object({ type: z.enum(['Polygon', 'MultiPolygon']), coordinates: z.array(z.unknown()) });
export const mapCommuneFeature = z.object({
  type: z.literal('Feature'),
  id: z.string(),
  properties: z.object({ code: z.string(), name: z.string(), count: z.number().int(), baseCount: z.number().int() }),
  geometry: polygon,
});
export const mapPointFeature = z.object({
  type: z.literal('Feature'),
  id: z.string(),
  properties: z.object({
    id: uuid,
    code: z.string(),
    title: z.string(),
    category: z.enum(INCIDENT_CATEGORIES),
    severity: z.enum(INCIDENT_SEVERITIES),
    status: z.enum(INCIDENT_STATUSES),
    occurredOn: z.string(),
    communeCode: z.string(),
  }),
  geometry: z.object({ type: z.literal('Point'), coordinates: z.tuple([z.number(), z.number()]) }),
});

export const incidentMapSchema = z.object({
  period: periodSchema,
  base: periodSchema,
  scope: z.object({ label: z.string(), wholeCity: z.boolean() }),
  filters: z.object({ category: z.string().nullable(), communeCode: z.string().nullable() }),
  /** 'missing': no commune of the answer has an imported boundary; show the points only. */
  boundaries: z.enum(['imported', 'missing']),
  communes: z.object({ type: z.literal('FeatureCollection'), features: z.array(mapCommuneFeature) }),
  points: z.object({ type: z.literal('FeatureCollection'), features: z.array(mapPointFeature) }),
  pointsLimit: z.number().int(),
  /** Visible situations of the period that have a point (may exceed the features sent). */
  pointsTotal: z.number().int(),
  pointsTruncated: z.boolean(),
  /** All visible situations of the period and of the base (as the statistics' total). */
  total: z.object({ count: z.number().int(), baseCount: z.number().int() }),
  /** Situations of the period counted in communes that have no boundary on the map. */
  outsideBoundaries: z.number().int(),
});
export type IncidentMap = z.infer<typeof incidentMapSchema>;
