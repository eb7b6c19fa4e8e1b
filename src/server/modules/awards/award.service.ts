import type {
  Achievement,
  AwardHistory,
  AwardKind,
  CreateNominationInput,
  Decision,
  Eligibility,
  IssueDecisionInput,
  Nomination,
  NominationFacts,
  NominationListQuery,
  NomineeType,
  Prefill,
  PrefillInput,
  RecordDecisionInput,
  RecordReviewInput,
} from '../../../contracts/awards.ts';
import type { Db, Tx } from '../../db/schema.ts';
import { inTransaction } from '../../db/tx.ts';
import type { Actor } from '../../kernel/actor.ts';
import { writeAudit } from '../../kernel/audit.ts';
import { vnToday, type Ctx } from '../../kernel/context.ts';
import { DomainError, forbidden, hiddenNotFound, notFound, staleVersion } from '../../kernel/errors.ts';
import { foldForSearch } from '../../kernel/text.ts';
import { createDocument } from '../documents/document.service.ts';
import { getPerson } from '../organisation/person.service.ts';
import { findUnitById } from '../organisation/unit.service.ts';
import { measureAchievements } from './award-achievements.service.ts';
import { AWARD_RULES, AWARD_TITLES_VI, checkEligibility, measuredTotal, QUORUM_RULE, rulesForDisplay, stateAfterReview, tallyVotes, VoteError, wholeYears, type PriorAward } from './award.ts';
import { canIssueAny, canIssueFor, canNominate, canRecordReview, canSeeAwardsOf, canViewNomination } from './award.policy.ts';
import { accessOf, presentGrant, presentNomination, presentNominationListItem, presentReview, type AchievementSnapshot } from './award.presenter.ts';
import * as repo from './award.repository.ts';

/** Use cases of emulation and awards: kinds, pre-fill, nominations, council review, decisions, history. */

export function awardKinds() {
  return { items: rulesForDisplay(), quorum: QUORUM_RULE };
}

interface ResolvedNominee {
  type: NomineeType;
  personId: string | null;
  /** The collective, or the person's unit (decides visibility). */
  unit: { id: string; name: string; path: string; communeCode: string | null };
  /** Where the person works now (their current position), whose records are measured. */
  measureUnit: { id: string; name: string };
  name: string;
  title: string | null;
  computedYears: number | null;
}

async function resolveNominee(ctx: Ctx, actor: Actor, n: { nomineeType: NomineeType; personId?: string | null | undefined; unitId?: string | null | undefined }): Promise<ResolvedNominee> {
  const unknown = () => new DomainError('award.unknown_nominee', {}, [{ path: n.nomineeType === 'person' ? 'personId' : 'unitId', code: 'unknown' }]);
  if (n.nomineeType === 'person') {
    if (!n.personId) throw unknown();
    const person = await getPerson(ctx, actor, n.personId);
    const unit = await findUnitById(ctx.db, person.unitId);
    if (!unit) throw unknown();
    const current = person.positions.find((p) => p.toOn === null) ?? person.positions[0] ?? null;
    return {
      type: 'person',
      personId: person.id,
      unit: { id: unit.id, name: unit.name, path: unit.path, communeCode: unit.communeCode },
      measureUnit: current ? { id: current.unitId, name: current.unitName } : { id: unit.id, name: unit.name },
      name: [person.rank, person.fullName].filter(Boolean).join(' '),
      title: current ? `${current.title}, ${current.unitName}` : null,
      computedYears: current ? wholeYears(current.fromOn, ctx.today()) : null,
    };
  }
  if (!n.unitId) throw unknown();
  const unit = await findUnitById(ctx.db, n.unitId);
  if (!unit) throw unknown();
  if (!canSeeAwardsOf(actor, unit)) throw hiddenNotFound('unit', n.unitId);
  return {
    type: 'unit',
    personId: null,
    unit: { id: unit.id, name: unit.name, path: unit.path, communeCode: unit.communeCode },
    measureUnit: { id: unit.id, name: unit.name },
    name: unit.name,
    title: unit.parentName,
    computedYears: null,
  };
}

function assertPeriod(ctx: Ctx, from: string, to: string): void {
  if (from > to || to > ctx.today()) throw new DomainError('award.invalid_period', { from, to }, [{ path: 'periodTo', code: 'invalid_period' }]);
}

async function priorAwards(db: Db | Tx, kind: AwardKind, personId: string | null, exceptNominationId?: string): Promise<PriorAward[]> {
  if (!personId || !AWARD_RULES[kind].oncePerPerson) return [];
  const rows = await repo.grantsOf(db, { personId }, kind);
  return rows.filter((g) => g.nominationId === null || g.nominationId !== exceptNominationId).map((g) => ({ decisionSymbol: g.symbol, decidedOn: g.decidedOn }));
}

/** The refusal for an ineligible nominee: a second once-per-person award cites its rule and the earlier decision. */
function refusal(kind: AwardKind, e: Eligibility): DomainError {
  const once = e.reasons.find((r) => r.code === 'once_per_person' && !r.ok);
  if (once) return new DomainError('award.already_awarded', { kind, award: AWARD_TITLES_VI[kind], ...once.params, basis: once.basis });
  const failed = e.reasons.filter((r) => !r.ok);
  if (failed.some((r) => r.code === 'individual_only' || r.code === 'collective_only')) return new DomainError('award.kind_not_for_nominee', { kind }, [{ path: 'kind', code: 'kind_not_for_nominee' }]);
  return new DomainError('award.not_eligible', { kind, verdict: e.verdict, reasons: failed.map((r) => r.code).join(', '), failed: failed.map((r) => ({ code: r.code, basis: r.basis, params: r.params })) });
}

/** What the records say about a nominee: measured achievements and the eligibility verdict (nothing stored). */
export async function prefillNomination(ctx: Ctx, actor: Actor, input: PrefillInput): Promise<Prefill> {
  assertPeriod(ctx, input.periodFrom, input.periodTo);
  const nominee = await resolveNominee(ctx, actor, input);
  const achievements = await measureAchievements(ctx, actor, nominee.measureUnit, input.periodFrom, input.periodTo);
  const eligibility = checkEligibility({
    kind: input.kind,
    nomineeType: nominee.type,
    facts: input.facts,
    computedYearsInPost: nominee.computedYears,
    prior: await priorAwards(ctx.db, input.kind, nominee.personId),
    measured: measuredTotal(achievements),
  });
  return {
    nominee: { type: nominee.type, personId: nominee.personId, unitId: nominee.unit.id, name: nominee.name, title: nominee.title, unitName: nominee.unit.name },
    achievements,
    eligibility,
  };
}

async function loadVisible(db: Db | Tx, actor: Actor, id: string, lock = false): Promise<repo.NominationRow> {
  const row = await repo.findNomination(db, id, lock);
  if (!row) throw notFound('nomination', id);
  if (!canViewNomination(actor, accessOf(row))) throw hiddenNotFound('nomination', id);
  return row;
}

async function currentEligibility(db: Db | Tx, ctx: Ctx, actor: Actor, r: repo.NominationRow): Promise<Eligibility> {
  const snap = r.achievements as AchievementSnapshot;
  const facts = r.facts as NominationFacts;
  const person = r.personId ? await personYears(ctx, actor, r.personId) : null;
  return checkEligibility({
    kind: r.kind as AwardKind,
    nomineeType: r.nomineeType as NomineeType,
    facts,
    computedYearsInPost: person,
    prior: await priorAwards(db, r.kind as AwardKind, r.personId, r.id),
    measured: measuredTotal(snap.items),
  });
}

/** Years in the person's current position (from the positions the organisation module keeps). */
async function personYears(ctx: Ctx, actor: Actor, personId: string): Promise<number | null> {
  const p = await getPerson(ctx, actor, personId);
  const current = p.positions.find((x) => x.toOn === null) ?? p.positions[0];
  return current ? wholeYears(current.fromOn, ctx.today()) : null;
}

async function detail(db: Db | Tx, ctx: Ctx, actor: Actor, r: repo.NominationRow): Promise<Nomination> {
  const [rv, decision, grant, eligibility] = await Promise.all([
    repo.reviewOf(db, r.id),
    r.decisionId ? repo.findDecision(db, r.decisionId) : Promise.resolve(undefined),
    repo.grantOfNomination(db, r.id),
    currentEligibility(db, ctx, actor, r),
  ]);
  return presentNomination(actor, r, { review: rv ? presentReview(rv.review, rv.votes) : null, decision: decision ?? null, grantId: grant?.id ?? null, eligibility });
}

export async function getNomination(ctx: Ctx, actor: Actor, id: string): Promise<Nomination> {
  return detail(ctx.db, ctx, actor, await loadVisible(ctx.db, actor, id));
}

export async function listNominations(ctx: Ctx, actor: Actor, q: NominationListQuery) {
  const { total, items } = await repo.listNominations(ctx.db, actor, { state: q.state, kind: q.kind, q: q.q }, { limit: q.limit, offset: q.offset });
  const out = [];
  for (const r of items) {
    const decision = r.decisionId ? ((await repo.findDecision(ctx.db, r.decisionId)) ?? null) : null;
    out.push(presentNominationListItem(actor, r, decision, null));
  }
  return { total, limit: q.limit, offset: q.offset, items: out };
}

/**
 * Nominate: the achievements are measured from the records now and kept with the nomination (the
 * evidence the council reviews), declared achievements added; an ineligible nominee is refused
 * with the failing conditions (a second Kỷ niệm chương cites the once-per-person rule).
 */
export async function createNomination(ctx: Ctx, actor: Actor, input: CreateNominationInput): Promise<Nomination> {
  assertPeriod(ctx, input.periodFrom, input.periodTo);
  const nominee = await resolveNominee(ctx, actor, input);
  if (!canNominate(actor, nominee.unit)) throw forbidden('award.nominate');
  if (!AWARD_RULES[input.kind].nominees.includes(nominee.type)) throw new DomainError('award.kind_not_for_nominee', { kind: input.kind }, [{ path: 'kind', code: 'kind_not_for_nominee' }]);
  const measured = await measureAchievements(ctx, actor, nominee.measureUnit, input.periodFrom, input.periodTo);
  const declared: Achievement[] = (input.declared ?? []).map((d) => ({
    measure: 'declared',
    count: d.count,
    unitId: null,
    unitName: null,
    periodFrom: input.periodFrom,
    periodTo: input.periodTo,
    note: d.note,
    evidence: [],
  }));
  const achievements = [...measured, ...declared];
  const id = await inTransaction(ctx.db, async (trx) => {
    await repo.lockAwards(trx);
    const eligibility = checkEligibility({
      kind: input.kind,
      nomineeType: nominee.type,
      facts: input.facts,
      computedYearsInPost: nominee.computedYears,
      prior: await priorAwards(trx, input.kind, nominee.personId),
      measured: measuredTotal(achievements),
    });
    if (eligibility.verdict !== 'eligible') throw refusal(input.kind, eligibility);
    const snapshot: AchievementSnapshot = { title: nominee.title, items: achievements };
    const nid = await repo.insertNomination(trx, {
      kind: input.kind,
      nominee_type: nominee.type,
      person_id: nominee.personId,
      unit_id: nominee.unit.id,
      period_from: input.periodFrom,
      period_to: input.periodTo,
      facts: JSON.stringify(input.facts),
      achievements: JSON.stringify(snapshot),
      summary: input.summary,
      proposing_unit_id: actor.unitId,
      created_by: actor.userId,
      created_by_name: actor.username,
      search_text: foldForSearch(`${nominee.name} ${nominee.title ?? ''} ${nominee.unit.name} ${AWARD_TITLES_VI[input.kind]} ${input.summary}`),
    });
    await writeAudit(trx, actor, {
      action: 'award.nominated',
      entityType: 'award_nomination',
      entityId: nid,
      data: {
        kind: input.kind,
        nomineeType: nominee.type,
        personId: nominee.personId,
        unitId: nominee.unit.id,
        periodFrom: input.periodFrom,
        periodTo: input.periodTo,
        facts: input.facts,
        achievements: achievements.map((a) => ({ measure: a.measure, count: a.count })),
      },
    });
    return nid;
  });
  return getNomination(ctx, actor, id);
}

/** Record the council's meeting (biên bản họp xét): members' opinions and votes, the tally decides. */
export async function recordReview(ctx: Ctx, actor: Actor, id: string, input: RecordReviewInput): Promise<Nomination> {
  await inTransaction(ctx.db, async (trx) => {
    const row = await loadVisible(trx, actor, id, true);
    if (row.state !== 'proposed') throw new DomainError('award.invalid_transition', { state: row.state, action: 'review' });
    if (!canRecordReview(actor, accessOf(row))) throw forbidden('award.review');
    if (row.version !== input.version) throw staleVersion('nomination', id);
    if (input.metOn < vnToday(row.createdAt) || input.metOn > ctx.today()) {
      throw new DomainError('award.invalid_period', { metOn: input.metOn }, [{ path: 'metOn', code: 'before_nomination' }]);
    }
    let tally;
    try {
      tally = tallyVotes(row.kind as AwardKind, input.memberCount, input.votes);
    } catch (e) {
      if (e instanceof VoteError) throw new DomainError('award.invalid_votes', { reason: e.reason }, [{ path: 'votes', code: e.reason }]);
      throw e;
    }
    if (tally.result === 'no_quorum') throw new DomainError('award.no_quorum', { quorum: tally.quorum, memberCount: tally.memberCount, present: tally.present });
    await repo.insertReview(
      trx,
      {
        nominationId: id,
        councilName: input.councilName,
        metOn: input.metOn,
        memberCount: input.memberCount,
        note: input.note ?? null,
        tally,
        result: tally.result,
        recordedBy: actor.userId,
        recordedByName: actor.username,
      },
      input.votes.map((v) => ({ memberName: v.memberName, memberTitle: v.memberTitle ?? null, vote: v.vote, opinion: v.opinion ?? null })),
    );
    await repo.setNominationState(trx, id, stateAfterReview(tally.result));
    await writeAudit(trx, actor, {
      action: 'award.reviewed',
      entityType: 'award_nomination',
      entityId: id,
      data: { councilName: input.councilName, metOn: input.metOn, memberCount: input.memberCount, votes: input.votes.length, tally },
    });
  });
  return getNomination(ctx, actor, id);
}

function decisionSummary(kind: AwardKind, n: number): string {
  return `Về việc tặng ${AWARD_TITLES_VI[kind]} cho ${n} ${n === 1 ? 'trường hợp' : 'trường hợp'}`;
}

interface GrantDraft {
  nomination_id: string | null;
  kind: string;
  nominee_type: string;
  person_id: string | null;
  unit_id: string;
  awardee_name: string;
  awardee_title: string | null;
  citation: string | null;
}

/** Register the decision in the documents registry (number grammar, collision refused) and store it with its awardees. */
async function storeDecision(
  trx: Tx,
  actor: Actor,
  kind: AwardKind,
  input: { numberSymbol: string; decidedOn: string; issuerName: string; parentBody?: string | null | undefined; signerTitle: string; signerName: string },
  summary: string,
  recorded: boolean,
  grants: GrantDraft[],
): Promise<string> {
  if (AWARD_RULES[kind].oncePerPerson) {
    const seen = new Set<string>();
    for (const g of grants) {
      if (!g.person_id) continue;
      const prior = await repo.grantsOf(trx, { personId: g.person_id }, kind);
      const p = prior[0];
      if (p) throw new DomainError('award.already_awarded', { kind, award: AWARD_TITLES_VI[kind], personId: g.person_id, decisionSymbol: p.symbol, decidedOn: p.decidedOn, basis: AWARD_RULES[kind].basis });
      if (seen.has(g.person_id)) throw new DomainError('award.already_awarded', { kind, award: AWARD_TITLES_VI[kind], personId: g.person_id, decisionSymbol: input.numberSymbol, decidedOn: input.decidedOn, basis: AWARD_RULES[kind].basis });
      seen.add(g.person_id);
    }
  }
  const doc = await createDocument({ db: trx }, actor, { kind: 'quyet_dinh', numberSymbol: input.numberSymbol, issuerName: input.issuerName, issuedOn: input.decidedOn, summary });
  const decisionId = await repo.insertDecision(trx, {
    kind,
    symbol: doc.symbol ?? input.numberSymbol,
    decided_on: input.decidedOn,
    issuer_name: input.issuerName,
    parent_body: input.parentBody ?? null,
    signer_title: input.signerTitle,
    signer_name: input.signerName,
    summary,
    recorded,
    document_id: doc.id,
    created_by: actor.userId,
  });
  await repo.insertGrants(trx, decisionId, grants);
  return decisionId;
}

/**
 * Issue a decision for nominations the council approved. Refused, with nothing written: before the
 * council's review is recorded (or dated before its meeting), when the council did not approve,
 * for mixed kinds, a second once-per-person award, or a number that is invalid or already in the
 * issuer's register (document-number grammar, documents registry).
 */
export async function issueDecision(ctx: Ctx, actor: Actor, input: IssueDecisionInput): Promise<Decision> {
  if (!canIssueAny(actor)) throw forbidden('award.issue');
  const ids = [...new Set(input.nominationIds)];
  const decisionId = await inTransaction(ctx.db, async (trx) => {
    await repo.lockAwards(trx);
    const rows: repo.NominationRow[] = [];
    for (const id of ids) rows.push(await loadVisible(trx, actor, id, true));
    const kind = rows[0]!.kind as AwardKind;
    if (rows.some((r) => r.kind !== kind)) throw new DomainError('award.mixed_kinds', { kinds: [...new Set(rows.map((r) => r.kind))] }, [{ path: 'nominationIds', code: 'mixed_kinds' }]);
    const grants: GrantDraft[] = [];
    for (const r of rows) {
      if (r.state === 'proposed') throw new DomainError('award.review_required', { nominationId: r.id }, [{ path: 'nominationIds', code: 'review_required' }]);
      if (r.state === 'rejected') throw new DomainError('award.not_approved', { nominationId: r.id }, [{ path: 'nominationIds', code: 'not_approved' }]);
      if (r.state !== 'approved') throw new DomainError('award.invalid_transition', { nominationId: r.id, state: r.state, action: 'decide' });
      if (!canIssueFor(actor, { path: r.unitPath, communeCode: r.unitCommune })) throw forbidden('award.issue');
      const rv = await repo.reviewOf(trx, r.id);
      if (!rv) throw new DomainError('award.review_required', { nominationId: r.id });
      if (input.decidedOn < rv.review.metOn) throw new DomainError('award.review_required', { nominationId: r.id, metOn: rv.review.metOn }, [{ path: 'decidedOn', code: 'before_review' }]);
      const snap = r.achievements as AchievementSnapshot;
      grants.push({
        nomination_id: r.id,
        kind,
        nominee_type: r.nomineeType,
        person_id: r.personId,
        unit_id: r.unitId,
        awardee_name: r.nomineeType === 'person' ? [r.personRank, r.personName].filter(Boolean).join(' ') : r.unitName,
        awardee_title: snap.title,
        citation: r.summary,
      });
    }
    const summary = decisionSummary(kind, grants.length);
    const id = await storeDecision(trx, actor, kind, input, summary, false, grants);
    for (const r of rows) await repo.setNominationState(trx, r.id, 'awarded', id);
    await writeAudit(trx, actor, {
      action: 'award.decision_issued',
      entityType: 'award_decision',
      entityId: id,
      data: { kind, symbol: input.numberSymbol, decidedOn: input.decidedOn, issuerName: input.issuerName, signer: `${input.signerTitle} ${input.signerName}`, nominationIds: ids },
    });
    return id;
  });
  return getDecision(ctx, actor, decisionId);
}

/** Record a decision issued outside the platform (e.g. by the Minister of Public Security), with its awardees. */
export async function recordExternalDecision(ctx: Ctx, actor: Actor, input: RecordDecisionInput): Promise<Decision> {
  if (!canIssueAny(actor)) throw forbidden('award.record_decision');
  const grants: GrantDraft[] = [];
  for (const a of input.awardees) {
    const n = await resolveNominee(ctx, actor, a);
    if (!AWARD_RULES[input.kind].nominees.includes(n.type)) throw new DomainError('award.kind_not_for_nominee', { kind: input.kind }, [{ path: 'awardees', code: 'kind_not_for_nominee' }]);
    if (!canIssueFor(actor, n.unit)) throw forbidden('award.record_decision');
    grants.push({ nomination_id: null, kind: input.kind, nominee_type: n.type, person_id: n.personId, unit_id: n.unit.id, awardee_name: n.name, awardee_title: n.title, citation: a.citation ?? null });
  }
  const id = await inTransaction(ctx.db, async (trx) => {
    await repo.lockAwards(trx);
    const summary = input.summary ?? decisionSummary(input.kind, grants.length);
    const did = await storeDecision(trx, actor, input.kind, input, summary, true, grants);
    await writeAudit(trx, actor, {
      action: 'award.decision_recorded',
      entityType: 'award_decision',
      entityId: did,
      data: { kind: input.kind, symbol: input.numberSymbol, decidedOn: input.decidedOn, issuerName: input.issuerName, awardees: grants.map((g) => ({ personId: g.person_id, unitId: g.unit_id })) },
    });
    return did;
  });
  return getDecision(ctx, actor, id);
}

/** Whether the DOCX templates can be built (set by the awards DOCX module when the report machinery is present). */
export const docxSupport = { available: false };

export async function getDecision(ctx: Ctx, actor: Actor, id: string): Promise<Decision> {
  const d = await repo.findDecision(ctx.db, id);
  if (!d) throw notFound('award_decision', id);
  const grants = await repo.grantsOfDecision(ctx.db, id);
  if (!grants.some((g) => canSeeAwardsOf(actor, { path: g.unitPath, communeCode: g.unitCommune }))) throw hiddenNotFound('award_decision', id);
  return {
    id: d.id,
    symbol: d.symbol,
    decidedOn: d.decidedOn,
    issuerName: d.issuerName,
    documentId: d.documentId,
    kind: d.kind as AwardKind,
    parentBody: d.parentBody,
    signerTitle: d.signerTitle,
    signerName: d.signerName,
    recorded: d.recorded,
    summary: d.summary,
    grants: grants.map(presentGrant),
    docx: docxSupport.available,
  };
}

/** Awards and nominations of a person, or of a unit as a collective. */
export async function awardHistory(ctx: Ctx, actor: Actor, who: { personId?: string | undefined; unitId?: string | undefined }): Promise<AwardHistory> {
  let name: string;
  if (who.personId) {
    const p = await getPerson(ctx, actor, who.personId);
    name = [p.rank, p.fullName].filter(Boolean).join(' ');
  } else if (who.unitId) {
    const u = await findUnitById(ctx.db, who.unitId);
    if (!u) throw notFound('unit', who.unitId);
    if (!canSeeAwardsOf(actor, u)) throw hiddenNotFound('unit', who.unitId);
    name = u.name;
  } else {
    throw new DomainError('validation_failed', {}, [{ path: 'personId', code: 'required' }]);
  }
  const grants = await repo.grantsOf(ctx.db, who);
  const noms = await repo.listNominations(ctx.db, actor, { personId: who.personId, unitId: who.personId ? undefined : who.unitId }, null);
  const decisions = new Map<string, repo.DecisionRow | null>();
  for (const r of noms.items) if (r.decisionId && !decisions.has(r.decisionId)) decisions.set(r.decisionId, (await repo.findDecision(ctx.db, r.decisionId)) ?? null);
  return {
    name,
    grants: grants.map(presentGrant),
    nominations: noms.items.map((r) => presentNominationListItem(actor, r, r.decisionId ? (decisions.get(r.decisionId) ?? null) : null, grants.find((g) => g.nominationId === r.id)?.id ?? null)),
  };
}

/** For the CLI `awards check`: the nomination's current eligibility with its achievements. */
export async function checkNomination(ctx: Ctx, actor: Actor, id: string): Promise<Nomination> {
  return getNomination(ctx, actor, id);
}

/** The decision's data for the DOCX templates (visible to the actor). */
export async function decisionForDocx(ctx: Ctx, actor: Actor, id: string): Promise<Decision> {
  return getDecision(ctx, actor, id);
}

export async function grantForDocx(ctx: Ctx, actor: Actor, grantId: string): Promise<{ grant: ReturnType<typeof presentGrant>; decision: Decision }> {
  const g = await repo.findGrant(ctx.db, grantId);
  if (!g) throw notFound('award_grant', grantId);
  if (!canSeeAwardsOf(actor, { path: g.unitPath, communeCode: g.unitCommune })) throw hiddenNotFound('award_grant', grantId);
  return { grant: presentGrant(g), decision: await getDecision(ctx, actor, g.decisionId) };
}
