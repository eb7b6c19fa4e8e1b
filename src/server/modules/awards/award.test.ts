import { describe, expect, it } from 'vitest';
import type { AwardKind, NominationFacts, NomineeType, Vote } from '../../../contracts/awards.ts';
import { AWARD_RULES, checkEligibility, tallyVotes, VoteError, wholeYears, type EligibilityInput } from './award.ts';

const input = (kind: AwardKind, nomineeType: NomineeType, facts: NominationFacts, over: Partial<EligibilityInput> = {}): EligibilityInput => ({
  kind,
  nomineeType,
  facts,
  computedYearsInPost: null,
  prior: [],
  measured: 0,
  ...over,
});

const leader: NominationFacts = { kncCategory: 'leader', yearsInPost: 12, priorAntqCommendation: true, seriousIncidentsInArea: false };
const earlier = [{ decisionSymbol: '125/QĐ-BCA', decidedOn: '2018-01-06' }];

describe('eligibility (Luật TĐKT 2022, NĐ 98/2023, TT 20/2025/TT-BCA)', () => {
  it.each<[string, EligibilityInput, 'eligible' | 'ineligible' | 'deferred', string[]]>([
    ['KNC leader with 12 years, prior commendation, achievements', input('knc_bv_antq', 'person', leader, { measured: 3 }), 'eligible', []],
    ['KNC a second time: refused citing once per person', input('knc_bv_antq', 'person', leader, { measured: 3, prior: earlier }), 'ineligible', ['once_per_person']],
    ['KNC leader with 9 years: too few (≥ 10)', input('knc_bv_antq', 'person', { ...leader, yearsInPost: 9 }, { measured: 3 }), 'ineligible', ['leader_years']],
    ['KNC years computed from positions when not declared', input('knc_bv_antq', 'person', { ...leader, yearsInPost: undefined }, { measured: 1, computedYearsInPost: 10 }), 'eligible', []],
    ['KNC leader without a prior ANTQ commendation', input('knc_bv_antq', 'person', { ...leader, priorAntqCommendation: false }, { measured: 1 }), 'ineligible', ['prior_antq_commendation']],
    ['KNC leader with a serious incident in the area', input('knc_bv_antq', 'person', { ...leader, seriousIncidentsInArea: true }, { measured: 1 }), 'ineligible', ['no_serious_incidents']],
    ['KNC leader without measured achievements', input('knc_bv_antq', 'person', leader), 'ineligible', ['movement_achievements']],
    ['KNC holder of Huy chương Vì an ninh Tổ quốc', input('knc_bv_antq', 'person', { ...leader, holdsExcludingDecoration: true }, { measured: 1 }), 'ineligible', ['no_excluding_decoration']],
    ['KNC under disciplinary review: deferred', input('knc_bv_antq', 'person', { ...leader, underReview: true }, { measured: 1 }), 'deferred', ['not_under_review']],
    ['KNC to a unit: individuals only', input('knc_bv_antq', 'unit', {}), 'ineligible', ['individual_only']],
    ['KNC without a category', input('knc_bv_antq', 'person', {}), 'ineligible', ['category_stated']],
    ['KNC team member, man, 15 years', input('knc_bv_antq', 'person', { kncCategory: 'security_team_member', gender: 'male', yearsInPost: 15 }), 'eligible', []],
    ['KNC team member, man, 14 years', input('knc_bv_antq', 'person', { kncCategory: 'security_team_member', gender: 'male', yearsInPost: 14 }), 'ineligible', ['team_years']],
    ['KNC team member, woman, 10 years', input('knc_bv_antq', 'person', { kncCategory: 'security_team_member', gender: 'female', yearsInPost: 10 }), 'eligible', []],
    ['KNC team member, man, 8 years in a hardship area (× 2)', input('knc_bv_antq', 'person', { kncCategory: 'security_team_member', gender: 'male', yearsInPost: 8, hardshipArea: true }), 'eligible', []],
    ['Bằng khen from measured achievements', input('bang_khen_bo_truong', 'person', {}, { measured: 4 }), 'eligible', []],
    ['Bằng khen from 2 excellent years', input('bang_khen_chu_tich_ubnd', 'unit', { excellentYears: 2 }), 'eligible', []],
    ['Bằng khen with nothing to show', input('bang_khen_chu_tich_ubnd', 'unit', { excellentYears: 1 }), 'ineligible', ['bang_khen_merit']],
    ['Bằng khen may be given again', input('bang_khen_bo_truong', 'person', {}, { measured: 1, prior: earlier }), 'eligible', []],
    ['Giấy khen with one achievement', input('giay_khen', 'person', {}, { measured: 1 }), 'eligible', []],
    ['Giấy khen to a disqualified person', input('giay_khen', 'person', { disqualified: true }, { measured: 1 }), 'ineligible', ['not_disqualified']],
    ['Cờ thi đua to a person: collectives only', input('co_thi_dua', 'person', { leadsEmulationBloc: true }, { measured: 2 }), 'ineligible', ['collective_only']],
    ['Cờ thi đua to a unit leading its bloc', input('co_thi_dua', 'unit', { leadsEmulationBloc: true }, { measured: 2 }), 'eligible', []],
    ['Cờ thi đua without leading the bloc', input('co_thi_dua', 'unit', {}, { measured: 2 }), 'ineligible', ['leads_emulation_bloc']],
  ])('%s', (_name, i, verdict, failed) => {
    const e = checkEligibility(i);
    expect(e.verdict).toBe(verdict);
    expect(e.reasons.filter((r) => !r.ok).map((r) => r.code)).toEqual(failed);
    for (const r of e.reasons) expect(r.basis.length).toBeGreaterThan(0);
  });

  it('a refused second medal names the earlier decision and cites the circular', () => {
    const r = checkEligibility(input('knc_bv_antq', 'person', leader, { measured: 1, prior: earlier })).reasons.find((x) => x.code === 'once_per_person')!;
    expect(r.params).toEqual({ decisionSymbol: '125/QĐ-BCA', decidedOn: '2018-01-06' });
    expect(r.basis).toContain('Thông tư 20/2025/TT-BCA');
    expect(r.toVerify).toBe(false);
  });

  it('every rule names its legal basis; individual-only and collective-only kinds are consistent', () => {
    for (const rule of Object.values(AWARD_RULES)) {
      expect(rule.basis).toMatch(/Luật|Thông tư/);
      expect(rule.nominees.length).toBeGreaterThan(0);
    }
    expect(AWARD_RULES.knc_bv_antq.nominees).toEqual(['person']);
    expect(AWARD_RULES.co_thi_dua.nominees).toEqual(['unit']);
  });

  it.each([
    ['2015-07-01', '2025-06-30', 9],
    ['2015-07-01', '2025-07-01', 10],
    ['2024-02-29', '2025-02-28', 0],
    ['2030-01-01', '2025-01-01', 0],
  ])('wholeYears(%s, %s) = %i', (a, b, n) => expect(wholeYears(a, b)).toBe(n));
});

const votes = (f: number, a: number, ab: number): { memberName: string; vote: Vote }[] => [
  ...Array.from({ length: f }, (_, i) => ({ memberName: `Thành viên F${i}`, vote: 'for' as const })),
  ...Array.from({ length: a }, (_, i) => ({ memberName: `Thành viên A${i}`, vote: 'against' as const })),
  ...Array.from({ length: ab }, (_, i) => ({ memberName: `Thành viên K${i}`, vote: 'abstain' as const })),
];

describe('council vote (quorum 2/3 of members; approval share of the votes cast)', () => {
  it.each<[string, AwardKind, number, [number, number, number], 'approved' | 'rejected' | 'no_quorum', number]>([
    ['Bằng khen 8 of 9 present for (88.9 % ≥ 80 %)', 'bang_khen_bo_truong', 9, [8, 1, 0], 'approved', 6],
    ['Bằng khen exactly 80 %', 'bang_khen_bo_truong', 5, [4, 1, 0], 'approved', 4],
    ['Bằng khen 75 %: rejected', 'bang_khen_chu_tich_ubnd', 8, [6, 1, 1], 'rejected', 6],
    ['abstentions count as cast votes', 'bang_khen_bo_truong', 5, [3, 0, 2], 'rejected', 4],
    ['5 of 9 present: no quorum (6 needed)', 'bang_khen_bo_truong', 9, [5, 0, 0], 'no_quorum', 6],
    ['6 of 9 present: quorum', 'bang_khen_bo_truong', 9, [6, 0, 0], 'approved', 6],
    ['Giấy khen: more than half', 'giay_khen', 6, [3, 1, 0], 'approved', 4],
    ['Giấy khen: exactly half is not enough', 'giay_khen', 4, [2, 2, 0], 'rejected', 3],
    ['Kỷ niệm chương: ≥ 80 %', 'knc_bv_antq', 7, [5, 0, 1], 'approved', 5],
  ])('%s', (_n, kind, members, [f, a, ab], result, quorum) => {
    const t = tallyVotes(kind, members, votes(f, a, ab));
    expect(t.result).toBe(result);
    expect(t.quorum).toBe(quorum);
    expect([t.for, t.against, t.abstain, t.present]).toEqual([f, a, ab, f + a + ab]);
  });

  it.each<[string, number, { memberName: string; vote: Vote }[], string]>([
    ['more votes than members', 2, votes(3, 0, 0), 'more_votes_than_members'],
    ['one member voting twice (names compared without case)', 5, [{ memberName: 'Nguyễn Văn A', vote: 'for' }, { memberName: 'nguyễn văn a ', vote: 'against' }], 'duplicate_member'],
  ])('refuses %s', (_n, members, v, reason) => {
    expect(() => tallyVotes('giay_khen', members, v)).toThrow(VoteError);
    try {
      tallyVotes('giay_khen', members, v);
    } catch (e) {
      expect((e as VoteError).reason).toBe(reason);
    }
  });
});
