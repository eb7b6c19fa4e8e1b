import { z } from 'zod';
import { communeCode, isoDate, pageOf, pageQuery, text, uuid } from './common.ts';
import { abilitiesSchema } from './organisation.ts';
import { INCIDENT_CATEGORIES, INCIDENT_SEVERITIES, incidentSchema } from './incidents.ts';

/**
 * Citizen tips — nguồn tin về tội phạm (Bộ luật Tố tụng hình sự 2015, arts. 144–149).
 * Public intake without login (tracking code + secret), handling by the commune police of the
 * place and the investigating body, the legal clock of art. 147 (see tip-deadlines.ts).
 */

/** Điều 144: tố giác (an individual reports) / tin báo (an agency, organisation or the media). */
export const TIP_KINDS = ['to_giac', 'tin_bao'] as const;
export type TipKind = (typeof TIP_KINDS)[number];

/** Stored lifecycle state of a tip (changed only by audited transitions). */
export const TIP_STATES = [
  'received', // arrived (public portal), biên bản not yet recorded
  'recorded', // biên bản tiếp nhận recorded by the commune police
  'classified', // phân loại: within competence / to be transferred
  'transferred', // with the investigating (or competent) unit, being verified
  'suspended', // tạm đình chỉ (art. 148)
  'decided', // khởi tố / không khởi tố (art. 147(1)(a)(b))
  'closed', // not a crime source (không phải nguồn tin về tội phạm)
] as const;
export type TipState = (typeof TIP_STATES)[number];

/** Phân loại (Thông tư 28/2020/TT-BCA). */
export const TIP_CLASSIFICATIONS = ['within_competence', 'transfer', 'not_crime_source'] as const;
export type TipClassification = (typeof TIP_CLASSIFICATIONS)[number];

/** Decisions of art. 147(1): khởi tố vụ án / không khởi tố vụ án / tạm đình chỉ. */
export const TIP_OUTCOMES = ['prosecution', 'no_prosecution', 'suspension'] as const;
export type TipOutcome = (typeof TIP_OUTCOMES)[number];

/** Extensions of art. 147(2): by the investigating body for complex cases; once by the procuracy. */
export const TIP_EXTENSION_KINDS = ['complex', 'procuracy'] as const;
export type TipExtensionKind = (typeof TIP_EXTENSION_KINDS)[number];

/** Clock stage: before transfer (24/48 h SLA), settlement (art. 147), stopped, finished. */
export const TIP_CLOCK_STAGES = ['transfer', 'settlement', 'suspended', 'done'] as const;
export type TipClockStage = (typeof TIP_CLOCK_STAGES)[number];

/** What the public status page says (never internal data). */
export const TIP_PUBLIC_STATUSES = ['received', 'processing', 'suspended', 'completed'] as const;

/** Limits of the public intake. */
export const TIP_FILE_MAX_BYTES = 5 * 1024 * 1024;
export const TIP_MAX_FILES = 3;
/** Body limit of the intake route: files travel base64-encoded inside the JSON body. */
export const TIP_INTAKE_BODY_LIMIT = Math.ceil((TIP_FILE_MAX_BYTES * TIP_MAX_FILES * 4) / 3) + 64 * 1024;

export const tipPoint = z.strictObject({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) });

/** Bounded by the route's body limit; the decoded size is checked by the service (413 file.too_large). */
const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64');

export const tipIntakeInput = z.strictObject({
  kind: z.enum(TIP_KINDS),
  /** What happened (stored and returned as text, never interpreted). */
  what: text(10_000),
  communeCode,
  address: text(500),
  point: tipPoint.nullable().optional(),
  /** When it happened, as the sender knows it (ISO date-time or date). */
  occurredAt: z.union([z.iso.datetime({ offset: true }), isoDate]).nullable().optional(),
  reporter: z
    .strictObject({
      name: text(200).optional(),
      phone: z.string().regex(/^\+?[0-9 .-]{6,20}$/, 'phone').optional(),
      email: z.email().max(200).optional(),
      address: text(500).optional(),
      /** Yêu cầu giữ bí mật (the reporter asks for protection of their identity). */
      keepSecret: z.boolean().default(true),
    })
    .nullable()
    .optional(),
  files: z.array(z.strictObject({ filename: text(200), contentBase64: base64 })).max(TIP_MAX_FILES).default([]),
  /** Proof of work: the token from GET /public/challenge and a solution for it. */
  challenge: z.string().max(300),
  solution: z.string().max(64),
});
export type TipIntakeInput = z.infer<typeof tipIntakeInput>;

export const tipReceiptSchema = z.object({
  /** Shown once: the sender keeps both to follow the tip. Only a hash of the secret is stored. */
  trackingCode: z.string(),
  secret: z.string(),
});

export const challengeSchema = z.object({ token: z.string(), nonce: z.string(), difficulty: z.number().int(), expiresAt: z.string() });

/** A commune of the city for the public form (GET /public/communes): official code and full name. */
export const publicCommuneSchema = z.object({ code: z.string(), name: z.string() });
export type PublicCommune = z.infer<typeof publicCommuneSchema>;
export const publicCommuneList = z.object({ items: z.array(publicCommuneSchema) });

export const tipCredentials = z.strictObject({ trackingCode: z.string().min(1).max(40), secret: z.string().min(1).max(80) });

export const tipPublicStatusSchema = z.object({
  trackingCode: z.string(),
  status: z.enum(TIP_PUBLIC_STATUSES),
  submittedAt: z.string(),
  questions: z.array(z.object({ id: uuid, question: z.string(), askedAt: z.string(), answer: z.string().nullable(), answeredAt: z.string().nullable() })),
  /** Present once the handler has notified the sender of the result (art. 145). */
  outcome: z.object({ kind: z.enum(TIP_OUTCOMES), decidedOn: isoDate, notifiedAt: z.string() }).nullable(),
});
export type TipPublicStatus = z.infer<typeof tipPublicStatusSchema>;

export const tipAnswerInput = tipCredentials.extend({ questionId: uuid, answer: text(5000) });

// ── Handling ────────────────────────────────────────────────────────────────────────────────

const unitRef = z.object({ id: uuid, name: z.string() });

export const tipClockSchema = z.object({
  stage: z.enum(TIP_CLOCK_STAGES),
  dueAt: z.string().nullable(),
  daysLeft: z.number().int().nullable(),
  overdue: z.boolean(),
  transferDueAt: z.string(),
  settlementDueAt: z.string().nullable(),
  /** Latest date an extension may reach now (art. 147(2)); null when none is possible. */
  maxExtensionUntil: isoDate.nullable(),
});

export const tipSchema = z.object({
  id: uuid,
  trackingCode: z.string(),
  kind: z.enum(TIP_KINDS),
  state: z.enum(TIP_STATES),
  what: z.string(),
  communeCode: z.string(),
  communeName: z.string(),
  remoteCommune: z.boolean(),
  address: z.string(),
  point: tipPoint.nullable(),
  occurredAt: z.string().nullable(),
  receivedAt: z.string(),
  receivingUnit: unitRef,
  handlingUnit: unitRef,
  hasReporter: z.boolean(),
  classification: z.enum(TIP_CLASSIFICATIONS).nullable(),
  receipt: z
    .object({ recordedAt: z.string(), officerName: z.string(), form: z.string(), content: z.string(), materials: z.string().nullable() })
    .nullable(),
  transferredAt: z.string().nullable(),
  outcome: z.object({ kind: z.enum(TIP_OUTCOMES), decisionNo: z.string(), decidedOn: isoDate }).nullable(),
  senderNotifiedAt: z.string().nullable(),
  /** The situation this tip opened or joined (vụ việc), by code; open it to see more. */
  incident: z.object({ id: uuid, code: z.string() }).nullable(),
  clock: tipClockSchema,
  files: z.array(z.object({ id: uuid, filename: z.string(), mime: z.string(), size: z.number().int() })),
  questions: z.array(z.object({ id: uuid, question: z.string(), askedAt: z.string(), answer: z.string().nullable(), answeredAt: z.string().nullable() })),
  events: z.array(z.object({ kind: z.string(), at: z.string(), actorName: z.string(), data: z.record(z.string(), z.unknown()) })),
  version: z.number().int(),
  abilities: abilitiesSchema,
});
export type Tip = z.infer<typeof tipSchema>;

export const tipListItem = tipSchema.omit({ files: true, questions: true, events: true, receipt: true });
export const tipPage = pageOf(tipListItem);
export type TipPage = z.infer<typeof tipPage>;

/**
 * Filters on the legal clock (computed as on the tip page): `overdue` — the transfer or art. 147
 * deadline has passed (open tips); `settled_on_time` / `settled_late` — an art. 147(1) decision
 * (khởi tố, không khởi tố, tạm đình chỉ) taken within / after the deadline in force that day.
 */
export const TIP_DEADLINE_FILTERS = ['overdue', 'settled_on_time', 'settled_late'] as const;
export type TipDeadlineFilter = (typeof TIP_DEADLINE_FILTERS)[number];

export const tipListQuery = pageQuery.extend({
  state: z.enum(TIP_STATES).optional(),
  communeCode: communeCode.optional(),
  /** Received on or after / on or before this date (Asia/Ho_Chi_Minh). */
  receivedFrom: isoDate.optional(),
  receivedTo: isoDate.optional(),
  deadline: z.enum(TIP_DEADLINE_FILTERS).optional(),
});
export type TipListQuery = z.infer<typeof tipListQuery>;

export const tipReporterSchema = z.object({
  name: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  address: z.string().nullable(),
  keepSecret: z.boolean(),
});
export type TipReporter = z.infer<typeof tipReporterSchema>;

const decision = { decisionNo: text(60), decidedOn: isoDate };

export const recordReceiptInput = z.strictObject({
  officerName: text(200),
  form: z.enum(['portal', 'in_person', 'phone', 'post', 'document', 'forwarded']).default('portal'),
  content: text(10_000),
  materials: text(2000).nullable().optional(),
});
export const classifyTipInput = z.strictObject({ classification: z.enum(TIP_CLASSIFICATIONS), note: text(2000).nullable().optional() });
export const transferTipInput = z.strictObject({ unitId: uuid, note: text(2000).nullable().optional() });
export const extendTipInput = z.strictObject({ kind: z.enum(TIP_EXTENSION_KINDS), until: isoDate, ...decision });
export const suspendTipInput = z.strictObject({ reason: text(2000), ...decision });
export const restoreTipInput = z.strictObject({ ...decision });
export const tipOutcomeInput = z.strictObject({ kind: z.enum(['prosecution', 'no_prosecution']), ...decision });
export const askQuestionInput = z.strictObject({ question: text(2000) });
export const remoteCommuneInput = z.strictObject({ remote: z.boolean() });
export type RecordReceiptInput = z.infer<typeof recordReceiptInput>;
export type ClassifyTipInput = z.infer<typeof classifyTipInput>;
export type TransferTipInput = z.infer<typeof transferTipInput>;
export type ExtendTipInput = z.infer<typeof extendTipInput>;
export type SuspendTipInput = z.infer<typeof suspendTipInput>;
export type RestoreTipInput = z.infer<typeof restoreTipInput>;
export type TipOutcomeInput = z.infer<typeof tipOutcomeInput>;

// ── Tip ↔ situation ─────────────────────────────────────────────────────────────────────────

/** Join an existing situation, or open a new one from the tip (place, time and text come from the tip). */
export const linkTipIncidentInput = z.union([
  z.strictObject({ incidentId: uuid }),
  z.strictObject({
    open: z.strictObject({
      title: text(300),
      category: z.enum(INCIDENT_CATEGORIES),
      severity: z.enum(INCIDENT_SEVERITIES).default('minor'),
      /** Defaults to the commune police of the place (the receiving unit). */
      leadUnitId: uuid.optional(),
    }),
  }),
]);
export type LinkTipIncidentInput = z.infer<typeof linkTipIncidentInput>;

/** Situations a tip may belong to: same commune, close in time (suggestions, nearest first). */
export const tipRelatedIncidentsSchema = z.object({ windowHours: z.number().int(), items: z.array(incidentSchema) });
export type TipRelatedIncidents = z.infer<typeof tipRelatedIncidentsSchema>;
