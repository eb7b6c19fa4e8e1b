import type {
  Achievement,
  AwardKind,
  Eligibility,
  Grant,
  Nomination,
  NominationFacts,
  NominationListItem,
  NominationState,
  NomineeType,
  Review,
  Tally,
  Vote,
} from '../../../contracts/awards.ts';
import type { Actor } from '../../kernel/actor.ts';
import { nominationAbilities, type NominationAccess } from './award.policy.ts';
import type { DecisionRow, GrantRow, NominationRow, ReviewRow } from './award.repository.ts';

/** Records → API responses, with the viewer's abilities. */

export const accessOf = (r: Pick<NominationRow, 'state' | 'unitPath' | 'unitCommune'>): NominationAccess => ({ state: r.state, unit: { path: r.unitPath, communeCode: r.unitCommune } });

export function presentDecisionRef(d: Pick<DecisionRow, 'id' | 'symbol' | 'decidedOn' | 'issuerName' | 'documentId'>) {
  return { id: d.id, symbol: d.symbol, decidedOn: d.decidedOn, issuerName: d.issuerName, documentId: d.documentId };
}

/** Stored snapshot: { title, items } (title = the person's position at nomination). */
export interface AchievementSnapshot {
  title: string | null;
  items: Achievement[];
}

export function presentNominationListItem(actor: Actor, r: NominationRow, decision: DecisionRow | null, grantId: string | null): NominationListItem {
  const snap = r.achievements as AchievementSnapshot;
  return {
    id: r.id,
    kind: r.kind as AwardKind,
    nominee: {
      type: r.nomineeType as NomineeType,
      personId: r.personId,
      unitId: r.unitId,
      name: r.nomineeType === 'person' ? [r.personRank, r.personName].filter(Boolean).join(' ') : r.unitName,
      title: snap.title,
      unitName: r.unitName,
    },
    periodFrom: r.periodFrom,
    periodTo: r.periodTo,
    summary: r.summary,
    state: r.state as NominationState,
    proposingUnit: r.proposingUnitId ? { id: r.proposingUnitId, name: r.proposingUnitName ?? '' } : null,
    createdBy: r.createdByName,
    createdAt: r.createdAt.toISOString(),
    decision: decision ? presentDecisionRef(decision) : null,
    grantId,
    version: r.version,
    abilities: nominationAbilities(actor, accessOf(r)),
  };
}

export function presentReview(review: ReviewRow, votes: { memberName: string; memberTitle: string | null; vote: string; opinion: string | null }[]): Review {
  return {
    councilName: review.councilName,
    metOn: review.metOn,
    memberCount: review.memberCount,
    votes: votes.map((v) => ({ ...v, vote: v.vote as Vote })),
    note: review.note,
    tally: review.tally as Tally,
    recordedBy: review.recordedByName,
    recordedAt: review.recordedAt.toISOString(),
  };
}

export function presentNomination(
  actor: Actor,
  r: NominationRow,
  extra: { review: Review | null; decision: DecisionRow | null; grantId: string | null; eligibility: Eligibility },
): Nomination {
  const snap = r.achievements as AchievementSnapshot;
  return {
    ...presentNominationListItem(actor, r, extra.decision, extra.grantId),
    facts: r.facts as NominationFacts,
    achievements: snap.items,
    eligibility: extra.eligibility,
    review: extra.review,
  };
}

export function presentGrant(g: GrantRow): Grant {
  return {
    id: g.id,
    kind: g.kind as AwardKind,
    nomineeType: g.nomineeType as NomineeType,
    personId: g.personId,
    unitId: g.unitId,
    awardeeName: g.awardeeName,
    awardeeTitle: g.awardeeTitle,
    unitName: g.unitName,
    citation: g.citation,
    nominationId: g.nominationId,
    decision: presentDecisionRef({ id: g.decisionId, symbol: g.symbol, decidedOn: g.decidedOn, issuerName: g.issuerName, documentId: g.documentId }),
  };
}
