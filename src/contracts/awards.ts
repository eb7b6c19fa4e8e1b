import { z } from 'zod';
import { isoDate, pageOf, pageQuery, text, uuid } from './common.ts';
import { abilitiesSchema } from './organisation.ts';

/**
 * Emulation and awards (thi đua, khen thưởng): award kinds with their rules, nominations pre-filled
 * with measured achievements, an emulation council's review (biên bản họp xét: opinions and
 * votes), the decision (quyết định khen thưởng) and the history per person and unit.
 * Rules and their legal basis: src/server/modules/awards/award.ts.
 */

/** Award kinds handled by the platform (the rule of each: award.ts `AWARD_RULES`). */
export const AWARD_KINDS = [
  'knc_bv_antq', // Kỷ niệm chương "Bảo vệ an ninh Tổ quốc" (TT 20/2025/TT-BCA)
  'bang_khen_bo_truong', // Bằng khen của Bộ trưởng Bộ Công an
  'bang_khen_chu_tich_ubnd', // Bằng khen của Chủ tịch UBND Thành phố
  'giay_khen', // Giấy khen of a unit head
  'co_thi_dua', // Cờ thi đua (emulation flag), collectives only
] as const;
export type AwardKind = (typeof AWARD_KINDS)[number];

export const NOMINEE_TYPES = ['person', 'unit'] as const;
export type NomineeType = (typeof NOMINEE_TYPES)[number];

/** proposed (đề nghị) → approved / rejected (council) → awarded (decision issued). */
export const NOMINATION_STATES = ['proposed', 'approved', 'rejected', 'awarded'] as const;
export type NominationState = (typeof NOMINATION_STATES)[number];

export const VOTES = ['for', 'against', 'abstain'] as const;
export type Vote = (typeof VOTES)[number];

/** Subjects of the Kỷ niệm chương in the mass movement (TT 20/2025/TT-BCA). */
export const KNC_CATEGORIES = ['leader', 'security_team_member'] as const;
export type KncCategory = (typeof KNC_CATEGORIES)[number];

/** Measured achievements read from the records. */
export const ACHIEVEMENT_MEASURES = ['tasks_on_time_as_lead', 'situations_closed_as_lead', 'tips_settled_on_time', 'campaign_results', 'declared'] as const;
export type AchievementMeasure = (typeof ACHIEVEMENT_MEASURES)[number];

/**
 * Facts declared by the nominating unit (proved in the dossier), used by the eligibility rules.
 * Years in post are computed from the person's positions when not declared.
 */
export const nominationFacts = z.strictObject({
  kncCategory: z.enum(KNC_CATEGORIES).optional(),
  yearsInPost: z.number().min(0).max(70).optional(),
  gender: z.enum(['male', 'female']).optional(),
  /** Especially difficult, border or island area: the time counts double (TT 20/2025). */
  hardshipArea: z.boolean().optional(),
  /** At least one earlier commendation for achievements in protecting national security. */
  priorAntqCommendation: z.boolean().optional(),
  /** A complex social-evil spot or a serious security incident in the area led. */
  seriousIncidentsInArea: z.boolean().optional(),
  /** Holds Huy chương "Chiến sĩ vẻ vang", Huy chương "Vì an ninh Tổ quốc" or a Huân chương for CAND service. */
  holdsExcludingDecoration: z.boolean().optional(),
  /** Stripped of CAND status, prosecuted, sent to compulsory education, dismissed collaborator. */
  disqualified: z.boolean().optional(),
  /** Under disciplinary review, complaint, inspection or unresolved press allegations. */
  underReview: z.boolean().optional(),
  /** Consecutive years of "hoàn thành xuất sắc nhiệm vụ". */
  excellentYears: z.number().int().min(0).max(50).optional(),
  /** Leads its emulation bloc (dẫn đầu khối thi đua). */
  leadsEmulationBloc: z.boolean().optional(),
});
export type NominationFacts = z.infer<typeof nominationFacts>;

export const evidenceSchema = z.object({ type: z.enum(['task', 'incident', 'tip', 'campaign', 'document']), id: z.string(), label: z.string(), href: z.string() });
export type Evidence = z.infer<typeof evidenceSchema>;

export const achievementSchema = z.object({
  measure: z.enum(ACHIEVEMENT_MEASURES),
  count: z.number().int().min(0),
  unitId: uuid.nullable(),
  unitName: z.string().nullable(),
  periodFrom: isoDate,
  periodTo: isoDate,
  /** What was counted and how, in words (Vietnamese, shown as is). */
  note: z.string().nullable(),
  /** Links to the records; at most 50 listed, `count` is exact. */
  evidence: z.array(evidenceSchema),
});
export type Achievement = z.infer<typeof achievementSchema>;

export const declaredAchievementInput = z.strictObject({ note: text(2000), count: z.number().int().min(0).max(100_000).default(1) });

export const eligibilityReasonSchema = z.object({
  /** Condition code (translated by the web: awards.reasons.<code>). */
  code: z.string(),
  ok: z.boolean(),
  /** Legal source of the condition, as cited. */
  basis: z.string(),
  params: z.record(z.string(), z.unknown()),
  /** The condition is marked [M] in the domain notes: to verify with the primary text. */
  toVerify: z.boolean(),
});
export type EligibilityReason = z.infer<typeof eligibilityReasonSchema>;

export const eligibilitySchema = z.object({
  verdict: z.enum(['eligible', 'ineligible', 'deferred']),
  reasons: z.array(eligibilityReasonSchema),
});
export type Eligibility = z.infer<typeof eligibilitySchema>;

const nomineeFields = {
  kind: z.enum(AWARD_KINDS),
  nomineeType: z.enum(NOMINEE_TYPES),
  personId: uuid.nullable().optional(),
  unitId: uuid.nullable().optional(),
  periodFrom: isoDate,
  periodTo: isoDate,
  facts: nominationFacts.default({}),
};

/** Ask what the records say before nominating: measured achievements and the eligibility verdict. */
export const prefillInput = z.strictObject(nomineeFields);
export type PrefillInput = z.infer<typeof prefillInput>;

export const nomineeSchema = z.object({
  type: z.enum(NOMINEE_TYPES),
  personId: uuid.nullable(),
  unitId: uuid,
  name: z.string(),
  /** Position (individuals) or the parent unit (collectives). */
  title: z.string().nullable(),
  unitName: z.string(),
});
export type Nominee = z.infer<typeof nomineeSchema>;

export const prefillSchema = z.object({ nominee: nomineeSchema, achievements: z.array(achievementSchema), eligibility: eligibilitySchema });
export type Prefill = z.infer<typeof prefillSchema>;

export const createNominationInput = z.strictObject({
  ...nomineeFields,
  /** Tóm tắt thành tích. */
  summary: text(4000),
  declared: z.array(declaredAchievementInput).max(20).optional(),
});
export type CreateNominationInput = z.infer<typeof createNominationInput>;

export const voteInput = z.strictObject({
  memberName: text(160),
  memberTitle: text(160).nullable().optional(),
  vote: z.enum(VOTES),
  opinion: text(2000).nullable().optional(),
});

/** Biên bản họp xét of the emulation council, recorded by its standing office. */
export const recordReviewInput = z.strictObject({
  version: z.number().int(),
  councilName: text(300),
  metOn: isoDate,
  /** Members of the council (present or not): the quorum is counted on it. */
  memberCount: z.number().int().min(1).max(100),
  votes: z.array(voteInput).min(1).max(100),
  note: text(2000).nullable().optional(),
});
export type RecordReviewInput = z.infer<typeof recordReviewInput>;

export const tallySchema = z.object({
  memberCount: z.number().int(),
  present: z.number().int(),
  for: z.number().int(),
  against: z.number().int(),
  abstain: z.number().int(),
  quorum: z.number().int(),
  quorumMet: z.boolean(),
  /** Share of the votes cast needed for approval, in percent. */
  thresholdPercent: z.number(),
  forPercent: z.number(),
  result: z.enum(['approved', 'rejected', 'no_quorum']),
  basis: z.string(),
});
export type Tally = z.infer<typeof tallySchema>;

export const reviewSchema = z.object({
  councilName: z.string(),
  metOn: isoDate,
  memberCount: z.number().int(),
  votes: z.array(z.object({ memberName: z.string(), memberTitle: z.string().nullable(), vote: z.enum(VOTES), opinion: z.string().nullable() })),
  note: z.string().nullable(),
  tally: tallySchema,
  recordedBy: z.string(),
  recordedAt: z.string(),
});
export type Review = z.infer<typeof reviewSchema>;

export const decisionRefSchema = z.object({ id: uuid, symbol: z.string(), decidedOn: isoDate, issuerName: z.string(), documentId: uuid.nullable() });

export const nominationSchema = z.object({
  id: uuid,
  kind: z.enum(AWARD_KINDS),
  nominee: nomineeSchema,
  periodFrom: isoDate,
  periodTo: isoDate,
  facts: nominationFacts,
  summary: z.string(),
  achievements: z.array(achievementSchema),
  state: z.enum(NOMINATION_STATES),
  proposingUnit: z.object({ id: uuid, name: z.string() }).nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  eligibility: eligibilitySchema,
  review: reviewSchema.nullable(),
  decision: decisionRefSchema.nullable(),
  grantId: uuid.nullable(),
  version: z.number().int(),
  abilities: abilitiesSchema,
});
export type Nomination = z.infer<typeof nominationSchema>;

export const nominationListItem = nominationSchema.omit({ achievements: true, review: true, eligibility: true, facts: true });
export type NominationListItem = z.infer<typeof nominationListItem>;
export const nominationListQuery = pageQuery.extend({
  state: z.enum(NOMINATION_STATES).optional(),
  kind: z.enum(AWARD_KINDS).optional(),
  q: z.string().max(200).optional(),
});
export type NominationListQuery = z.infer<typeof nominationListQuery>;
export const nominationPage = pageOf(nominationListItem);

const decisionFields = {
  /** Số, ký hiệu: "125/QĐ-BCA", validated by the document-number grammar; refused when taken. */
  numberSymbol: z.string().trim().min(1).max(80),
  decidedOn: isoDate,
  /** Cơ quan ban hành: "Bộ Công an", "Ủy ban nhân dân Thành phố Hồ Chí Minh". */
  issuerName: text(200),
  /** Cơ quan chủ quản (optional). */
  parentBody: text(200).nullable().optional(),
  signerTitle: text(160),
  signerName: text(160),
};

/** Issue a decision for nominations approved by the council (one kind per decision). */
export const issueDecisionInput = z.strictObject({ ...decisionFields, nominationIds: z.array(uuid).min(1).max(200) });
export type IssueDecisionInput = z.infer<typeof issueDecisionInput>;

/** Record a decision issued outside the platform (e.g. by the Minister): awardees listed directly. */
export const recordDecisionInput = z.strictObject({
  ...decisionFields,
  kind: z.enum(AWARD_KINDS),
  summary: text(2000).nullable().optional(),
  awardees: z
    .array(z.strictObject({ nomineeType: z.enum(NOMINEE_TYPES), personId: uuid.nullable().optional(), unitId: uuid.nullable().optional(), citation: text(1000).nullable().optional() }))
    .min(1)
    .max(200),
});
export type RecordDecisionInput = z.infer<typeof recordDecisionInput>;

export const grantSchema = z.object({
  id: uuid,
  kind: z.enum(AWARD_KINDS),
  nomineeType: z.enum(NOMINEE_TYPES),
  personId: uuid.nullable(),
  unitId: uuid,
  awardeeName: z.string(),
  awardeeTitle: z.string().nullable(),
  unitName: z.string(),
  citation: z.string().nullable(),
  nominationId: uuid.nullable(),
  decision: decisionRefSchema,
});
export type Grant = z.infer<typeof grantSchema>;

export const decisionSchema = decisionRefSchema.extend({
  kind: z.enum(AWARD_KINDS),
  parentBody: z.string().nullable(),
  signerTitle: z.string(),
  signerName: z.string(),
  recorded: z.boolean(),
  summary: z.string(),
  grants: z.array(grantSchema),
  /** DOCX downloads are available (the report machinery is present). */
  docx: z.boolean(),
});
export type Decision = z.infer<typeof decisionSchema>;

export const historyQuery = z.object({ personId: uuid.optional(), unitId: uuid.optional() });
export const historySchema = z.object({ name: z.string(), grants: z.array(grantSchema), nominations: z.array(nominationListItem) });
export type AwardHistory = z.infer<typeof historySchema>;

export const awardRuleSchema = z.object({
  kind: z.enum(AWARD_KINDS),
  nominees: z.array(z.enum(NOMINEE_TYPES)),
  oncePerPerson: z.boolean(),
  basis: z.string(),
  /** Condition codes (awards.reasons.<code>) with their basis. */
  conditions: z.array(z.object({ code: z.string(), basis: z.string(), toVerify: z.boolean() })),
  /** Council approval threshold, percent of the votes cast. */
  thresholdPercent: z.number(),
});
export type AwardRule = z.infer<typeof awardRuleSchema>;
export const awardRulesSchema = z.object({ items: z.array(awardRuleSchema), quorum: z.string() });
