import { z } from 'zod';
import { communeCode, isoDate, pageOf, pageQuery, text, uuid } from './common.ts';
import { INCIDENT_CATEGORIES } from './incidents.ts';
import { abilitiesSchema } from './organisation.ts';

/**
 * Crime-suppression campaigns (đợt cao điểm tấn công, trấn áp tội phạm) and the mass movement
 * "Toàn dân bảo vệ an ninh Tổ quốc" (issue 6).
 *
 * The indicators are those of the Ministry's releases and of campaign reports (shared/domain §5.1,
 * §5.2: số vụ phát hiện / điều tra khám phá, băng nhóm triệt phá, đối tượng bắt / xử lý, truy nã
 * bắt / vận động đầu thú / thanh loại, ma túy thu giữ (kg, viên) …). The clearance rate (tỷ lệ
 * điều tra khám phá = vụ khám phá / vụ xảy ra, §8.5) is derived, never typed in; it may carry a
 * target (the National Assembly's 75 % for social-order crime, §5.2).
 *
 * `maxPerDay` is the plausibility bound of ONE unit for ONE day: a figure above `maxPerDay × days`
 * in a report is refused as a likely typing error (campaign.ts explains each bound). They guard
 * against typos, they are not legal limits.
 */
export interface IndicatorDef {
  /** count: whole numbers; amount: up to three decimals (kg). */
  kind: 'count' | 'amount';
  /** Unit of measure key (texts in the web dictionary): vụ, nhóm, người, kg, viên, khẩu, chiếc. */
  unit: 'case' | 'group' | 'person' | 'kg' | 'pill' | 'piece' | 'vehicle';
  group: 'cases' | 'people' | 'wanted' | 'seized';
  maxPerDay: number;
}

export const CAMPAIGN_INDICATORS = {
  cases_detected: { kind: 'count', unit: 'case', group: 'cases', maxPerDay: 50 }, // số vụ phát hiện (xảy ra)
  cases_dismantled: { kind: 'count', unit: 'case', group: 'cases', maxPerDay: 50 }, // số vụ điều tra khám phá, triệt phá
  gangs_broken_up: { kind: 'count', unit: 'group', group: 'cases', maxPerDay: 10 }, // băng, nhóm tội phạm triệt phá
  people_arrested: { kind: 'count', unit: 'person', group: 'people', maxPerDay: 200 }, // đối tượng bắt giữ
  people_handled_admin: { kind: 'count', unit: 'person', group: 'people', maxPerDay: 500 }, // đối tượng xử lý hành chính
  wanted_caught: { kind: 'count', unit: 'person', group: 'wanted', maxPerDay: 20 }, // truy nã: bắt
  wanted_surrendered: { kind: 'count', unit: 'person', group: 'wanted', maxPerDay: 20 }, // truy nã: vận động đầu thú
  wanted_removed: { kind: 'count', unit: 'person', group: 'wanted', maxPerDay: 50 }, // truy nã: thanh loại
  seized_drugs_kg: { kind: 'amount', unit: 'kg', group: 'seized', maxPerDay: 2000 }, // ma túy thu giữ (kg)
  seized_drug_pills: { kind: 'count', unit: 'pill', group: 'seized', maxPerDay: 1_000_000 }, // ma túy tổng hợp (viên)
  seized_weapons: { kind: 'count', unit: 'piece', group: 'seized', maxPerDay: 500 }, // vũ khí, công cụ hỗ trợ
  seized_firecrackers_kg: { kind: 'amount', unit: 'kg', group: 'seized', maxPerDay: 20_000 }, // pháo nổ (kg)
  seized_vehicles: { kind: 'count', unit: 'vehicle', group: 'seized', maxPerDay: 500 }, // phương tiện
} as const satisfies Record<string, IndicatorDef>;

export type IndicatorKey = keyof typeof CAMPAIGN_INDICATORS;
/** Official Vietnamese names, for texts made on the server (roll-up explanation, CLI, reports). */
export const INDICATOR_LABELS_VI: Record<IndicatorKey, string> = {
  cases_detected: 'số vụ phát hiện',
  cases_dismantled: 'số vụ điều tra khám phá, triệt phá',
  gangs_broken_up: 'số băng, nhóm tội phạm triệt phá',
  people_arrested: 'số đối tượng bắt giữ',
  people_handled_admin: 'số đối tượng xử lý hành chính',
  wanted_caught: 'số đối tượng truy nã bắt được',
  wanted_surrendered: 'số đối tượng truy nã vận động đầu thú',
  wanted_removed: 'số đối tượng truy nã thanh loại',
  seized_drugs_kg: 'ma túy thu giữ (kg)',
  seized_drug_pills: 'ma túy tổng hợp thu giữ (viên)',
  seized_weapons: 'vũ khí, công cụ hỗ trợ thu giữ',
  seized_firecrackers_kg: 'pháo nổ thu giữ (kg)',
  seized_vehicles: 'phương tiện thu giữ',
};
export const INDICATOR_KEYS = Object.keys(CAMPAIGN_INDICATORS) as [IndicatorKey, ...IndicatorKey[]];
/** Derived indicators: computed from the others, never reported. */
export const DERIVED_INDICATORS = ['clearance_rate'] as const;
export const TARGETABLE_INDICATORS = [...INDICATOR_KEYS, ...DERIVED_INDICATORS] as [IndicatorKey | 'clearance_rate', ...(IndicatorKey | 'clearance_rate')[]];
export type TargetableIndicator = (typeof TARGETABLE_INDICATORS)[number];

export const CAMPAIGN_STATES = ['draft', 'running', 'closed'] as const;
export type CampaignState = (typeof CAMPAIGN_STATES)[number];

/** A report covers one day (daily) or up to seven (weekly). */
export const MAX_REPORT_DAYS = 7;

const indicatorTarget = z.strictObject({ indicator: z.enum(TARGETABLE_INDICATORS), target: z.number().min(0).max(100_000_000).nullable() });

export const createCampaignInput = z.strictObject({
  name: text(300),
  description: text(4000).nullable().optional(),
  fromOn: isoDate,
  toOn: isoDate,
  templateId: uuid.nullable().optional(),
  /** The directive that launched the campaign (kế hoạch, chỉ thị …). */
  documentId: uuid.nullable().optional(),
  /** The organising unit (e.g. Công an Thành phố); its side starts and closes the campaign. */
  ownerUnitId: uuid,
  targetCategories: z.array(z.enum(INCIDENT_CATEGORIES)).max(INCIDENT_CATEGORIES.length).default([]),
  unitIds: z.array(uuid).min(1).max(400),
  indicators: z.array(indicatorTarget).min(1).max(TARGETABLE_INDICATORS.length),
});
export type CreateCampaignInput = z.infer<typeof createCampaignInput>;

export const campaignTransitionInput = z.strictObject({ version: z.number().int().min(1) });
export const closeCampaignInput = z.strictObject({ version: z.number().int().min(1), summary: text(8000) });

const unitRef = z.object({ id: z.string(), code: z.string(), name: z.string(), communeCode: z.string().nullable() });

export const campaignSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  fromOn: z.string(),
  toOn: z.string(),
  state: z.enum(CAMPAIGN_STATES),
  template: z.object({ id: z.string(), code: z.string(), name: z.string() }).nullable(),
  document: z.object({ id: z.string(), symbol: z.string().nullable(), summary: z.string() }).nullable(),
  ownerUnit: unitRef,
  targetCategories: z.array(z.string()),
  units: z.array(unitRef),
  indicators: z.array(z.object({ indicator: z.enum(TARGETABLE_INDICATORS), target: z.number().nullable() })),
  closingSummary: z.string().nullable(),
  closedAt: z.string().nullable(),
  version: z.number().int(),
  abilities: abilitiesSchema,
});
export type Campaign = z.infer<typeof campaignSchema>;

export const campaignListQuery = pageQuery.extend({ state: z.enum(CAMPAIGN_STATES).optional() });
export type CampaignListQuery = z.infer<typeof campaignListQuery>;
export const campaignPage = pageOf(campaignSchema).extend({ canCreate: z.boolean() });

export const campaignTemplateSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  lastCampaign: z.object({ id: z.string(), name: z.string(), fromOn: z.string(), toOn: z.string() }).nullable(),
});
export const campaignTemplateList = z.object({ items: z.array(campaignTemplateSchema) });

/** What "create from template" pre-fills, and from where. */
export const campaignPrefillSchema = z.object({
  /** The same fields as createCampaignInput (plain, for the response). */
  input: z.object({
    name: z.string(),
    description: z.string().nullable(),
    fromOn: z.string(),
    toOn: z.string(),
    templateId: z.string().nullable(),
    documentId: z.string().nullable(),
    ownerUnitId: z.string(),
    targetCategories: z.array(z.enum(INCIDENT_CATEGORIES)),
    unitIds: z.array(z.string()),
    indicators: z.array(z.object({ indicator: z.enum(TARGETABLE_INDICATORS), target: z.number().nullable() })),
  }),
  /** previous_instance: the template's last campaign shifted one year; template: its defaults. */
  basis: z.enum(['previous_instance', 'template']),
  previousCampaign: z.object({ id: z.string(), name: z.string(), fromOn: z.string(), toOn: z.string() }).nullable(),
  /** Names of the pre-filled units (organiser and participants), for display. */
  unitNames: z.record(z.string(), z.string()),
});
export type CampaignPrefill = z.infer<typeof campaignPrefillSchema>;

// ── Results ─────────────────────────────────────────────────────────────────────────────────────

export const reportResultInput = z.strictObject({
  unitId: uuid,
  fromOn: isoDate,
  /** Last day covered; the same as fromOn (default) for a daily report. */
  toOn: isoDate.optional(),
  /** Figures by indicator; checked by the rules (negative, whole numbers, plausibility). */
  values: z.partialRecord(z.enum(INDICATOR_KEYS), z.number().finite()),
  note: text(4000).nullable().optional(),
  incidentIds: z.array(uuid).max(50).default([]),
  tipIds: z.array(uuid).max(50).default([]),
  fileIds: z.array(uuid).max(20).default([]),
});
export type ReportResultInput = z.infer<typeof reportResultInput>;

export const campaignResultSchema = z.object({
  id: z.string(),
  campaignId: z.string(),
  unit: unitRef,
  fromOn: z.string(),
  toOn: z.string(),
  values: z.partialRecord(z.enum(INDICATOR_KEYS), z.number()),
  note: z.string().nullable(),
  incidents: z.array(z.object({ id: z.string(), number: z.number().int(), title: z.string() })),
  tips: z.array(z.object({ id: z.string(), trackingCode: z.string() })),
  files: z.array(z.object({ id: z.string(), filename: z.string() })),
  reportedBy: z.string(),
  createdAt: z.string(),
});
export type CampaignResult = z.infer<typeof campaignResultSchema>;
export const campaignResultListQuery = pageQuery.extend({ unitId: uuid.optional() });
export const campaignResultPage = pageOf(campaignResultSchema);

// ── Roll-up ─────────────────────────────────────────────────────────────────────────────────────

export const ROLLUP_BASES = ['aligned', 'calendar'] as const;
export const campaignRollupQuery = z.object({
  /** Count results up to this day (default: today, or the last day when the campaign is over). */
  asOf: isoDate.optional(),
  /**
   * aligned: the previous instance's first N days, N = days elapsed (Tết follows the lunar
   * calendar, so "day 5 of the campaign" is the fair comparison); calendar: the previous
   * instance's results on the same dates one year earlier.
   */
  base: z.enum(ROLLUP_BASES).default('aligned'),
  /** Indicator the units are ranked on (per case load). */
  rankBy: z.enum(INDICATOR_KEYS).default('cases_dismantled'),
});
export type CampaignRollupQuery = z.infer<typeof campaignRollupQuery>;

const change = z.object({ difference: z.number(), percent: z.number().nullable(), note: z.enum(['no_base', 'base_too_small']).nullable() });
export const PROGRESS_STATUSES = ['no_target', 'met', 'on_track', 'behind'] as const;
const progress = z.object({
  /** value / target in %, null without a target. */
  percent: z.number().nullable(),
  /** The share of the period elapsed, in % — where the pace would put a unit on track. */
  expectedPercent: z.number(),
  status: z.enum(PROGRESS_STATUSES),
});
const rate = z.object({ value: z.number().nullable(), cleared: z.number(), detected: z.number(), note: z.enum(['base_too_small']).nullable() });

export const campaignRollupSchema = z.object({
  campaign: z.object({ id: z.string(), name: z.string(), fromOn: z.string(), toOn: z.string(), state: z.enum(CAMPAIGN_STATES) }),
  period: z.object({ from: z.string(), to: z.string(), days: z.number().int(), totalDays: z.number().int(), label: z.string() }),
  base: z.object({
    basis: z.enum(['aligned', 'calendar', 'none']),
    campaign: z.object({ id: z.string(), name: z.string(), fromOn: z.string(), toOn: z.string() }).nullable(),
    from: z.string().nullable(),
    to: z.string().nullable(),
    label: z.string(),
  }),
  city: z.object({
    reports: z.number().int(),
    unitsReporting: z.number().int(),
    units: z.number().int(),
    indicators: z.array(
      z.object({ indicator: z.enum(INDICATOR_KEYS), value: z.number(), target: z.number().nullable(), progress, base: z.number().nullable(), change: change.nullable() }),
    ),
    clearanceRate: rate.extend({ target: z.number().nullable(), status: z.enum(PROGRESS_STATUSES), base: rate.nullable() }),
  }),
  units: z.array(
    z.object({
      unit: unitRef,
      reports: z.number().int(),
      lastReportOn: z.string().nullable(),
      values: z.partialRecord(z.enum(INDICATOR_KEYS), z.number()),
      clearanceRate: rate,
      /** Situations in the unit's area in the period (null: the unit has no area). */
      caseLoad: z.number().int().nullable(),
      /** rankBy per 10 situations of case load; null when not ranked. */
      score: z.number().nullable(),
      rank: z.number().int().nullable(),
      notRankedReason: z.enum(['no_area', 'case_load_too_small']).nullable(),
    }),
  ),
  ranking: z.object({
    indicator: z.enum(INDICATOR_KEYS),
    basis: z.literal('case_load'),
    perSituations: z.number().int(),
    minCaseLoad: z.number().int(),
    ranked: z.number().int(),
    /** Where the sizes come from and why not population — stated with every answer. */
    explanation: z.string(),
  }),
  /** false: the viewer sees the city totals but only the units in their scope. */
  allUnitsVisible: z.boolean(),
});
export type CampaignRollup = z.infer<typeof campaignRollupSchema>;

// ── Mass movement ───────────────────────────────────────────────────────────────────────────────

export const movementSessionInput = z.strictObject({
  communeCode,
  heldOn: isoDate,
  topic: text(500),
  audience: z.number().int(),
});
export const movementTeamInput = z.strictObject({
  communeCode,
  name: text(300),
  members: z.number().int(),
  establishedOn: isoDate,
});
export const movementTeamUpdateInput = z.strictObject({ members: z.number().int(), dissolvedOn: isoDate.nullable().optional() });
export const movementModelInput = z.strictObject({
  communeCode,
  name: text(300),
  sinceOn: isoDate,
  description: text(4000).nullable().optional(),
});
export type MovementSessionInput = z.infer<typeof movementSessionInput>;
export type MovementTeamInput = z.infer<typeof movementTeamInput>;
export type MovementModelInput = z.infer<typeof movementModelInput>;

export const movementQuery = z.object({ from: isoDate, to: isoDate, communeCode: communeCode.optional() });
export type MovementQuery = z.infer<typeof movementQuery>;

export const movementSessionSchema = z.object({ id: z.string(), communeCode: z.string(), communeName: z.string(), heldOn: z.string(), topic: z.string(), audience: z.number().int() });
export const movementTeamSchema = z.object({
  id: z.string(),
  communeCode: z.string(),
  communeName: z.string(),
  name: z.string(),
  members: z.number().int(),
  establishedOn: z.string(),
  dissolvedOn: z.string().nullable(),
});
export const movementModelSchema = z.object({ id: z.string(), communeCode: z.string(), communeName: z.string(), name: z.string(), sinceOn: z.string(), description: z.string().nullable() });

const movementFigures = z.object({
  sessions: z.number().int(),
  audience: z.number().int(),
  teams: z.number().int(),
  teamMembers: z.number().int(),
  models: z.number().int(),
  /** Tips received from the commune in the period (tips module, by place and day of receipt). */
  tips: z.number().int(),
  /** Of which linked to a situation (the tip opened or joined one). */
  tipsLinked: z.number().int(),
  /** Results beside counts: null when the denominator is zero. */
  tipsPerSession: z.number().nullable(),
  tipsPer100Members: z.number().nullable(),
});
export const movementSummarySchema = z.object({
  period: z.object({ from: z.string(), to: z.string(), label: z.string() }),
  rows: z.array(movementFigures.extend({ communeCode: z.string(), communeName: z.string() })),
  total: movementFigures,
  canRecord: z.boolean(),
  explanation: z.string(),
});
export type MovementSummary = z.infer<typeof movementSummarySchema>;
export const movementLists = z.object({
  sessions: z.array(movementSessionSchema),
  teams: z.array(movementTeamSchema),
  models: z.array(movementModelSchema),
});
export type MovementLists = z.infer<typeof movementLists>;
