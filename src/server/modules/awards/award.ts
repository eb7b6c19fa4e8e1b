import type {
  Achievement,
  AwardKind,
  AwardRule,
  Eligibility,
  EligibilityReason,
  NominationFacts,
  NominationState,
  NomineeType,
  Tally,
  Vote,
} from '../../../contracts/awards.ts';

/**
 * Emulation and awards — the pure rules (no database). Legal sources, as recorded in
 * shared/domain/vietnam-ansinh-domain.md §7 ([F] found in a source, [S] secondary, [M] from
 * background knowledge and TO BE VERIFIED against the primary text before it is relied on):
 *
 * - Luật Thi đua, khen thưởng số 06/2022/QH15 (effective 01/01/2024) and Nghị định 98/2023/NĐ-CP:
 *   forms of award (Kỷ niệm chương, Bằng khen, Giấy khen), emulation titles incl. Cờ thi đua [F];
 *   the criteria articles (Điều 74 for Bằng khen, Giấy khen, Cờ thi đua) are [M].
 * - Thông tư 20/2025/TT-BCA (14/03/2025, effective 28/04/2025) on the Kỷ niệm chương "Bảo vệ an
 *   ninh Tổ quốc": once per person; not to holders of Huy chương "Chiến sĩ vẻ vang", Huy chương
 *   "Vì an ninh Tổ quốc" or a Huân chương for CAND service; not to people stripped of CAND status,
 *   prosecuted, sent to compulsory education, dismissed collaborators; deferred while under
 *   disciplinary review, complaint, inspection or press allegations [F: lawnet.vn]; leaders ≥ 10
 *   years in post with achievements in the movement, at least one prior commendation for ANTQ
 *   achievements and no complex social-evil spot or serious incident in their area; members of Tổ
 *   bảo vệ ANTT ≥ 15 years (men) / ≥ 10 years (women), time counted double in especially difficult,
 *   border and island areas [F: laodong.vn English summary — secondary wording, verify].
 * - Council votes: the older provincial procedure required ≥ 80 % for a Bằng khen (secret ballot)
 *   [F: older TTHC text, vinabase.com]; whether NĐ 98/2023 keeps it is [M]. The quorum of two thirds
 *   of the members and simple majority for a Giấy khen are council practice [M].
 */

export interface Condition {
  code: string;
  basis: string;
  /** Marked [M] (or secondary) in the domain notes: verify with the primary text. */
  toVerify: boolean;
}

export interface KindRule {
  kind: AwardKind;
  nominees: readonly NomineeType[];
  oncePerPerson: boolean;
  basis: string;
  /** Approval: share of the votes cast (abstentions count as cast). `strict`: more than the percent. */
  approval: { percent: number; strict: boolean; basis: string; toVerify: boolean };
  conditions: readonly Condition[];
}

const TT20 = 'Thông tư 20/2025/TT-BCA';
const LAW = 'Luật Thi đua, khen thưởng 2022; Nghị định 98/2023/NĐ-CP';
const BK_VOTE = { percent: 80, strict: false, basis: 'Thủ tục xét Bằng khen cấp tỉnh (≥ 80% phiếu đồng ý); NĐ 98/2023 cần đối chiếu', toVerify: true };

/** Years in post required of a leader (TT 20/2025; was 5 under TT 11/2021). */
export const KNC_LEADER_YEARS = 10;
/** Tổ bảo vệ ANTT: men / women (TT 20/2025). */
export const KNC_TEAM_YEARS = { male: 15, female: 10 } as const;
/** Consecutive years of "hoàn thành xuất sắc nhiệm vụ" for a Bằng khen for annual merit [M, Điều 74 Luật 2022]. */
export const BANG_KHEN_EXCELLENT_YEARS = 2;

export const AWARD_RULES: Record<AwardKind, KindRule> = {
  // Kỷ niệm chương "Bảo vệ an ninh Tổ quốc": Luật TĐKT 2022 (Kỷ niệm chương) + TT 20/2025/TT-BCA.
  knc_bv_antq: {
    kind: 'knc_bv_antq',
    nominees: ['person'],
    oncePerPerson: true,
    basis: `${TT20} (thay Thông tư 11/2021/TT-BCA)`,
    approval: { ...BK_VOTE, basis: 'Thực tiễn hội đồng (≥ 80%) — cần đối chiếu' },
    conditions: [
      { code: 'individual_only', basis: `${TT20}, đối tượng`, toVerify: false },
      { code: 'once_per_person', basis: `${TT20}, nguyên tắc: mỗi người chỉ được tặng một lần`, toVerify: false },
      { code: 'no_excluding_decoration', basis: `${TT20}, nguyên tắc`, toVerify: false },
      { code: 'not_disqualified', basis: `${TT20}, nguyên tắc`, toVerify: false },
      { code: 'not_under_review', basis: `${TT20}, nguyên tắc (chưa xét khi đang xem xét kỷ luật, khiếu nại…)`, toVerify: false },
      { code: 'category_stated', basis: `${TT20}, đối tượng`, toVerify: false },
      { code: 'leader_years', basis: `${TT20}: lãnh đạo ≥ 10 năm giữ chức vụ (bản tóm tắt laodong.vn)`, toVerify: true },
      { code: 'prior_antq_commendation', basis: `${TT20}: ít nhất một lần được khen thưởng về thành tích bảo vệ ANTQ`, toVerify: true },
      { code: 'no_serious_incidents', basis: `${TT20}: địa bàn không có tụ điểm tệ nạn phức tạp, vụ việc nghiêm trọng`, toVerify: true },
      { code: 'movement_achievements', basis: `${TT20}: có thành tích trong phong trào toàn dân bảo vệ ANTQ (đo từ hồ sơ)`, toVerify: true },
      { code: 'team_years', basis: `${TT20}: Tổ bảo vệ ANTT ≥ 15 năm (nam) / ≥ 10 năm (nữ), hệ số 2 ở vùng đặc biệt khó khăn`, toVerify: true },
    ],
  },
  // Bằng khen của Bộ trưởng Bộ Công an: Luật TĐKT 2022 (Bằng khen của bộ, ngành) [criteria M].
  bang_khen_bo_truong: {
    kind: 'bang_khen_bo_truong',
    nominees: ['person', 'unit'],
    oncePerPerson: false,
    basis: `${LAW}: Bằng khen của Bộ trưởng`,
    approval: BK_VOTE,
    conditions: [
      { code: 'not_disqualified', basis: `${LAW} (không xét khi đang bị kỷ luật, truy cứu)`, toVerify: true },
      { code: 'not_under_review', basis: `${LAW} (chưa xét khi đang xem xét kỷ luật)`, toVerify: true },
      { code: 'bang_khen_merit', basis: `${LAW}, Điều 74: 2 năm liên tục hoàn thành xuất sắc nhiệm vụ, hoặc thành tích xuất sắc đột xuất được đo từ hồ sơ`, toVerify: true },
    ],
  },
  // Bằng khen của Chủ tịch UBND Thành phố: Luật TĐKT 2022 (Bằng khen của tỉnh) [criteria M].
  bang_khen_chu_tich_ubnd: {
    kind: 'bang_khen_chu_tich_ubnd',
    nominees: ['person', 'unit'],
    oncePerPerson: false,
    basis: `${LAW}: Bằng khen của Chủ tịch UBND cấp tỉnh`,
    approval: BK_VOTE,
    conditions: [
      { code: 'not_disqualified', basis: `${LAW} (không xét khi đang bị kỷ luật, truy cứu)`, toVerify: true },
      { code: 'not_under_review', basis: `${LAW} (chưa xét khi đang xem xét kỷ luật)`, toVerify: true },
      { code: 'bang_khen_merit', basis: `${LAW}, Điều 74: 2 năm liên tục hoàn thành xuất sắc nhiệm vụ, hoặc thành tích xuất sắc đột xuất được đo từ hồ sơ`, toVerify: true },
    ],
  },
  // Giấy khen of a unit head: "hoàn thành tốt nhiệm vụ, hoặc có thành tích được bình xét trong phong trào" [M].
  giay_khen: {
    kind: 'giay_khen',
    nominees: ['person', 'unit'],
    oncePerPerson: false,
    basis: `${LAW}: Giấy khen của thủ trưởng đơn vị`,
    approval: { percent: 50, strict: true, basis: 'Thực tiễn hội đồng: quá nửa số phiếu — cần đối chiếu', toVerify: true },
    conditions: [
      { code: 'not_disqualified', basis: `${LAW}`, toVerify: true },
      { code: 'not_under_review', basis: `${LAW}`, toVerify: true },
      { code: 'giay_khen_merit', basis: `${LAW}: hoàn thành tốt nhiệm vụ hoặc có thành tích trong phong trào thi đua`, toVerify: true },
    ],
  },
  // Cờ thi đua (of the Ministry / the city): emulation title for collectives; TT 22/2025/TT-BCA adds
  // a Cờ thi đua của Bộ Công an for commune police in the "Vì an ninh Tổ quốc" movement [F, secondary].
  co_thi_dua: {
    kind: 'co_thi_dua',
    nominees: ['unit'],
    oncePerPerson: false,
    basis: `${LAW}: Cờ thi đua; Thông tư 22/2025/TT-BCA`,
    approval: BK_VOTE,
    conditions: [
      { code: 'collective_only', basis: `${LAW}: danh hiệu cho tập thể`, toVerify: false },
      { code: 'not_under_review', basis: `${LAW}`, toVerify: true },
      { code: 'leads_emulation_bloc', basis: `${LAW}: tập thể tiêu biểu, dẫn đầu khối thi đua`, toVerify: true },
      { code: 'achievements_recorded', basis: 'Thành tích được đo từ hồ sơ trong kỳ (tiêu chí của nền tảng, hội đồng quyết định)', toVerify: true },
    ],
  },
};

export const QUORUM_RULE = 'Họp hợp lệ khi có ít nhất 2/3 số thành viên hội đồng (thực tiễn; NĐ 98/2023 cần đối chiếu); tỷ lệ đồng ý tính trên số phiếu có mặt, phiếu không biểu quyết tính là phiếu có mặt.';

export function rulesForDisplay(): AwardRule[] {
  return Object.values(AWARD_RULES).map((r) => ({
    kind: r.kind,
    nominees: [...r.nominees],
    oncePerPerson: r.oncePerPerson,
    basis: r.basis,
    conditions: r.conditions.map((c) => ({ ...c })),
    thresholdPercent: r.approval.percent,
  }));
}

/** An earlier award of the same kind to the same person (history). */
export interface PriorAward {
  decisionSymbol: string;
  decidedOn: string;
}

export interface EligibilityInput {
  kind: AwardKind;
  nomineeType: NomineeType;
  facts: NominationFacts;
  /** Years in post computed from the person's positions (used when none is declared). */
  computedYearsInPost: number | null;
  /** Earlier awards of this kind to this person. */
  prior: readonly PriorAward[];
  /** Total of the measured achievements (records) in the period. */
  measured: number;
}

/**
 * Check a nomination against the rules of its kind. Every condition of the kind gives a reason
 * (ok or not, with its basis); `deferred` when only `not_under_review` fails (the rule says "not
 * yet", not "no"). Conditions that do not apply to the stated category are left out.
 */
export function checkEligibility(input: EligibilityInput): Eligibility {
  const rule = AWARD_RULES[input.kind];
  const f = input.facts;
  const reasons: EligibilityReason[] = [];
  const add = (code: string, ok: boolean, params: Record<string, unknown> = {}) => {
    const c = rule.conditions.find((x) => x.code === code);
    if (!c) return;
    reasons.push({ code, ok, basis: c.basis, params, toVerify: c.toVerify });
  };
  const years = f.yearsInPost ?? input.computedYearsInPost ?? 0;
  const yearsSource = f.yearsInPost !== undefined ? 'declared' : input.computedYearsInPost !== null ? 'positions' : 'none';

  add('individual_only', input.nomineeType === 'person');
  add('collective_only', input.nomineeType === 'unit');
  if (rule.oncePerPerson) {
    const p = input.prior[0];
    add('once_per_person', input.prior.length === 0, p ? { decisionSymbol: p.decisionSymbol, decidedOn: p.decidedOn } : {});
  }
  add('no_excluding_decoration', f.holdsExcludingDecoration !== true);
  add('not_disqualified', f.disqualified !== true);
  add('not_under_review', f.underReview !== true);

  if (input.kind === 'knc_bv_antq' && input.nomineeType === 'person') {
    add('category_stated', f.kncCategory !== undefined);
    if (f.kncCategory === 'leader') {
      add('leader_years', years >= KNC_LEADER_YEARS, { years, required: KNC_LEADER_YEARS, source: yearsSource });
      add('prior_antq_commendation', f.priorAntqCommendation === true);
      add('no_serious_incidents', f.seriousIncidentsInArea !== true);
      add('movement_achievements', input.measured > 0, { measured: input.measured });
    } else if (f.kncCategory === 'security_team_member') {
      const required = f.gender === 'female' ? KNC_TEAM_YEARS.female : KNC_TEAM_YEARS.male;
      const counted = f.hardshipArea ? years * 2 : years;
      add('team_years', counted >= required, { years, counted, required, hardship: f.hardshipArea === true, gender: f.gender ?? 'male', source: yearsSource });
    }
  }
  const excellent = f.excellentYears ?? 0;
  add('bang_khen_merit', excellent >= BANG_KHEN_EXCELLENT_YEARS || input.measured > 0, { excellentYears: excellent, required: BANG_KHEN_EXCELLENT_YEARS, measured: input.measured });
  add('giay_khen_merit', excellent >= 1 || input.measured > 0, { excellentYears: excellent, measured: input.measured });
  add('leads_emulation_bloc', f.leadsEmulationBloc === true);
  add('achievements_recorded', input.measured > 0, { measured: input.measured });

  const failed = reasons.filter((r) => !r.ok);
  const verdict = failed.length === 0 ? 'eligible' : failed.every((r) => r.code === 'not_under_review') ? 'deferred' : 'ineligible';
  return { verdict, reasons };
}

/** Whole years between two dates (YYYY-MM-DD), never negative. */
export function wholeYears(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  let y = ty - fy;
  if (tm < fm || (tm === fm && td < fd)) y -= 1;
  return Math.max(0, y);
}

/** Sum of the measured achievements (records), declared ones excluded. */
export const measuredTotal = (a: readonly Pick<Achievement, 'measure' | 'count'>[]): number => a.filter((x) => x.measure !== 'declared').reduce((s, x) => s + x.count, 0);

export class VoteError extends Error {
  constructor(readonly reason: 'more_votes_than_members' | 'duplicate_member') {
    super(reason);
  }
}

/**
 * Count the council's votes. Quorum: at least two thirds of the members voted (present).
 * Approval: the votes "for" reach the kind's share of the votes cast (abstentions are cast votes),
 * e.g. ≥ 80 % for a Bằng khen, more than half for a Giấy khen. Without a quorum nothing is decided.
 */
export function tallyVotes(kind: AwardKind, memberCount: number, votes: readonly { memberName: string; vote: Vote }[]): Tally {
  if (votes.length > memberCount) throw new VoteError('more_votes_than_members');
  const names = votes.map((v) => v.memberName.normalize('NFC').trim().toLocaleLowerCase('vi'));
  if (new Set(names).size !== names.length) throw new VoteError('duplicate_member');
  const rule = AWARD_RULES[kind].approval;
  const present = votes.length;
  const count = (v: Vote) => votes.filter((x) => x.vote === v).length;
  const yes = count('for');
  const quorum = Math.ceil((memberCount * 2) / 3);
  const quorumMet = present >= quorum;
  const forPercent = present === 0 ? 0 : Math.round((yes / present) * 1000) / 10;
  const passes = rule.strict ? yes * 100 > rule.percent * present : yes * 100 >= rule.percent * present;
  return {
    memberCount,
    present,
    for: yes,
    against: count('against'),
    abstain: count('abstain'),
    quorum,
    quorumMet,
    thresholdPercent: rule.percent,
    forPercent,
    result: !quorumMet ? 'no_quorum' : passes ? 'approved' : 'rejected',
    basis: `${QUORUM_RULE} ${rule.basis}`,
  };
}

/** The state after the council's result. */
export const stateAfterReview = (result: Tally['result']): NominationState => (result === 'approved' ? 'approved' : 'rejected');

/** Human title of a kind, as printed on decisions and certificates. */
export const AWARD_TITLES_VI: Record<AwardKind, string> = {
  knc_bv_antq: 'Kỷ niệm chương “Bảo vệ an ninh Tổ quốc”',
  bang_khen_bo_truong: 'Bằng khen của Bộ trưởng Bộ Công an',
  bang_khen_chu_tich_ubnd: 'Bằng khen của Chủ tịch Ủy ban nhân dân Thành phố',
  giay_khen: 'Giấy khen',
  co_thi_dua: 'Cờ thi đua',
};
