import { z } from 'zod';
import { communeCode, pageOf, pageQuery, text, uuid } from './common.ts';
import { abilitiesSchema } from './organisation.ts';

/**
 * Security and order situations (vụ việc, tình huống an ninh, trật tự). Categories follow the
 * groupings of the Ministry's monthly statistics (shared/domain §5.1); counts of people and damage
 * only — never a dossier on a person. The displayed status is derived from events (incident.ts in
 * the incidents module), never typed in.
 */
export const INCIDENT_CATEGORIES = [
  'social_order', // phạm tội về trật tự xã hội
  'economic', // trật tự quản lý kinh tế
  'drugs', // ma túy
  'environment', // môi trường, an toàn thực phẩm
  'corruption', // tham nhũng, chức vụ
  'high_tech', // công nghệ cao, lừa đảo trực tuyến
  'traffic_accident', // tai nạn giao thông
  'fire_explosion', // cháy, nổ
  'mass_gathering', // tụ tập đông người, phức tạp
  'other', // khác
] as const;
export type IncidentCategory = (typeof INCIDENT_CATEGORIES)[number];

export const INCIDENT_SEVERITIES = ['minor', 'serious', 'very_serious', 'especially_serious'] as const;
export type IncidentSeverity = (typeof INCIDENT_SEVERITIES)[number];

export const INCIDENT_SOURCES = ['call_113', 'patrol', 'tip', 'other_unit', 'media'] as const;

/** Handling levels: commune police → city department → leadership. */
export const INCIDENT_LEVELS = ['commune', 'department', 'leadership'] as const;
export type IncidentLevel = (typeof INCIDENT_LEVELS)[number];

/** Lifecycle states stored on the situation; changed only by events. */
export const INCIDENT_STATES = ['open', 'closing', 'closed'] as const;
export type IncidentState = (typeof INCIDENT_STATES)[number];
export const SIGNIFICANCE = ['none', 'proposed', 'verified'] as const;
export type Significance = (typeof SIGNIFICANCE)[number];

/** Derived status (incident.ts). */
export const INCIDENT_STATUSES = [
  'new', // mới tiếp nhận: nothing logged yet
  'handling', // đang xử lý
  'escalated', // đang xử lý ở cấp trên (department or leadership)
  'awaiting_confirmation', // chờ xác nhận kết thúc
  'closed', // đã kết thúc
  'reopened', // mở lại, đang xử lý
] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

const count = z.number().int().min(0).max(1_000_000);
const point = z.strictObject({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) });

export const createIncidentInput = z.strictObject({
  title: text(300),
  category: z.enum(INCIDENT_CATEGORIES),
  severity: z.enum(INCIDENT_SEVERITIES).default('minor'),
  /** ISO date-time with offset, e.g. 2026-03-14T21:30:00+07:00. */
  occurredAt: z.iso.datetime({ offset: true }),
  communeCode,
  address: text(500).nullable().optional(),
  /** WGS84 point; must fall inside the city (incident.city_bounds). */
  point: point.nullable().optional(),
  source: z.enum(INCIDENT_SOURCES),
  description: text(10_000),
  peopleInvolved: count.default(0),
  injured: count.default(0),
  dead: count.default(0),
  damageVnd: z.number().int().min(0).max(1e15).default(0),
  leadUnitId: uuid,
  /** The unit that assigns the lead unit (defaults to the lead unit's parent). Holds the confirming key at commune level. */
  assigningUnitId: uuid.optional(),
  supporting: z.array(z.strictObject({ unitId: uuid, assignment: text(1000) })).max(50).default([]),
});
export type CreateIncidentInput = z.infer<typeof createIncidentInput>;

const versioned = { version: z.number().int() };
export const addSupportingInput = z.strictObject({ ...versioned, unitId: uuid, assignment: text(1000) });
export const logEntryInput = z.strictObject({ unitId: uuid, text: text(5000) });
export const escalateInput = z.strictObject({ ...versioned, toLevel: z.enum(INCIDENT_LEVELS), unitId: uuid, reason: text(2000) });
export const deescalateInput = z.strictObject({ ...versioned, reason: text(2000) });
export const categoryChangeInput = z.strictObject({ ...versioned, category: z.enum(INCIDENT_CATEGORIES), reason: text(2000) });
export const significanceInput = z.strictObject({ ...versioned, action: z.enum(['propose', 'verify', 'reject']), reason: text(2000).nullable().optional() });
export const closingReportInput = z.strictObject({ ...versioned, report: text(10_000) });
export const closureDecisionInput = z.strictObject({ ...versioned, decision: z.enum(['confirm', 'return']), reason: text(2000).nullable().optional() });
export const reopenInput = z.strictObject({ ...versioned, reason: text(2000) });
/** Merge this situation (a duplicate) into another one, which is kept. */
export const mergeIncidentInput = z.strictObject({ ...versioned, intoId: uuid, reason: text(2000) });

export const incidentListQuery = pageQuery.extend({
  category: z.enum(INCIDENT_CATEGORIES).optional(),
  communeCode: communeCode.optional(),
  status: z.enum(INCIDENT_STATUSES).optional(),
  significant: z.enum(['true', 'false']).optional(),
  /** The verification gate's stage (none / proposed / verified). */
  significance: z.enum(SIGNIFICANCE).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  q: z.string().max(200).optional(),
  /** true: not closed (any status but closed); false: closed. */
  open: z.enum(['true', 'false']).optional(),
  /** false: without duplicates merged into another situation (as the statistics count); true: only those. */
  merged: z.enum(['true', 'false']).optional(),
});
export type IncidentListQuery = z.infer<typeof incidentListQuery>;

const unitRef = z.object({ id: uuid, name: z.string() });

export const incidentSchema = z.object({
  id: uuid,
  number: z.number().int(),
  code: z.string(),
  title: z.string(),
  category: z.enum(INCIDENT_CATEGORIES),
  severity: z.enum(INCIDENT_SEVERITIES),
  occurredAt: z.string(),
  communeCode: z.string(),
  communeName: z.string(),
  address: z.string().nullable(),
  point: point.nullable(),
  source: z.enum(INCIDENT_SOURCES),
  description: z.string(),
  peopleInvolved: z.number().int(),
  injured: z.number().int(),
  dead: z.number().int(),
  damageVnd: z.number(),
  leadUnit: unitRef,
  assigningUnit: unitRef,
  overseeingUnit: unitRef,
  supporting: z.array(z.object({ unitId: uuid, unitName: z.string(), assignment: z.string(), assignedAt: z.string() })),
  level: z.enum(INCIDENT_LEVELS),
  state: z.enum(INCIDENT_STATES),
  significance: z.enum(SIGNIFICANCE),
  status: z.enum(INCIDENT_STATUSES),
  reopenCount: z.number().int(),
  closingReport: z.string().nullable(),
  closedAt: z.string().nullable(),
  /** Set when this situation was a duplicate merged into another (then it is closed and not counted). */
  mergedInto: z.object({ id: uuid, code: z.string() }).nullable(),
  version: z.number().int(),
  abilities: abilitiesSchema,
});
export type Incident = z.infer<typeof incidentSchema>;

export const incidentEventSchema = z.object({
  id: uuid,
  kind: z.string(),
  at: z.string(),
  unitId: uuid.nullable(),
  unitName: z.string().nullable(),
  actorName: z.string().nullable(),
  reason: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
});
export const incidentDetailSchema = incidentSchema.extend({ events: z.array(incidentEventSchema) });
export type IncidentDetail = z.infer<typeof incidentDetailSchema>;
export const incidentPage = pageOf(incidentSchema);

/** Likely duplicates of a situation: same commune and category within the window (hours). */
export const incidentDuplicatesSchema = z.object({ windowHours: z.number().int(), items: z.array(incidentSchema) });
export type IncidentDuplicates = z.infer<typeof incidentDuplicatesSchema>;
