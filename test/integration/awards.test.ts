import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Actor } from '../../src/server/kernel/actor.ts';
import { DomainError } from '../../src/server/kernel/errors.ts';
import { actorFor } from '../../src/server/seed/factories.ts';
import {
  awardHistory,
  createNomination,
  getDecision,
  getNomination,
  issueDecision,
  prefillNomination,
  recordExternalDecision,
  recordReview,
} from '../../src/server/modules/awards/award.service.ts';
import { settledWithinDeadline, tipClock } from '../../src/server/modules/tips/tip-deadlines.ts';
import { clockEvents } from '../../src/server/modules/tips/tip.presenter.ts';
import type { TipState } from '../../src/contracts/tips.ts';
import { FOUNDING_MEDALS_DECISION } from '../../src/server/seed/demo-awards.ts';
import { backends, countRows, DEMO_PASSWORD, openTestDb, unitIdByCode, type TestDb } from '../support/db.ts';
import { vnToday } from '../../src/server/kernel/context.ts';

const codeOf = async (p: Promise<unknown>): Promise<{ code: string; params: Record<string, unknown> }> => {
  try {
    await p;
  } catch (e) {
    if (e instanceof DomainError) return { code: e.code, params: e.params };
    throw e;
  }
  throw new Error('expected a refusal');
};

const votes = (n: number, against = 0) => [
  ...Array.from({ length: n }, (_, i) => ({ memberName: `Ủy viên ${i + 1}`, memberTitle: 'Ủy viên Hội đồng', vote: 'for' as const, opinion: i === 0 ? 'Thành tích được chứng minh bằng hồ sơ.' : null })),
  ...Array.from({ length: against }, (_, i) => ({ memberName: `Ủy viên phản đối ${i + 1}`, vote: 'against' as const })),
];

describe.each(backends())('awards use cases [%s]', (backend) => {
  let t: TestDb;
  const a: Record<string, Actor> = {};
  const personId = async (name: string) => (await sql<{ id: string }>`select id from people where full_name = ${name}`.execute(t.db)).rows[0]!.id;
  const counts = async () => ({
    nominations: await countRows(t.db, 'award_nominations'),
    reviews: await countRows(t.db, 'award_reviews'),
    votes: await countRows(t.db, 'award_votes'),
    decisions: await countRows(t.db, 'award_decisions'),
    grants: await countRows(t.db, 'award_grants'),
    documents: await countRows(t.db, 'documents'),
    audit: await countRows(t.db, 'audit_log'),
  });

  beforeAll(async () => {
    t = await openTestDb(backend);
    for (const u of ['lanhdao', 'thammuu', 'canbo.benthanh', 'canbo.saigon', 'admin']) a[u] = await actorFor(t.ctx, u, DEMO_PASSWORD);
  });
  afterAll(async () => t?.close());

  it('the demo city records the five medals of the founding report as one decision, and one open nomination', async () => {
    const d = (await sql<{ id: string }>`select id from award_decisions where symbol = ${FOUNDING_MEDALS_DECISION.numberSymbol}`.execute(t.db)).rows[0]!;
    const decision = await getDecision(t.ctx, a.lanhdao!, d.id);
    expect(decision.kind).toBe('knc_bv_antq');
    expect(decision.recorded).toBe(true);
    expect(decision.grants).toHaveLength(5);
    expect(decision.documentId).not.toBeNull();
    const open = (await sql<{ id: string; state: string }>`select id, state from award_nominations`.execute(t.db)).rows;
    expect(open.map((r) => r.state)).toEqual(['proposed']);
  });

  it('pre-filled achievements equal the counts derived independently from the records', async () => {
    const today = t.ctx.today();
    const from = `${Number(today.slice(0, 4)) - 1}-01-01`;
    for (const code of ['CAX-26743', 'CATP-PC02']) {
      const unitId = await unitIdByCode(t.db, code);
      const p = await prefillNomination(t.ctx, a.lanhdao!, { kind: 'bang_khen_bo_truong', nomineeType: 'unit', unitId, periodFrom: from, periodTo: today, facts: {} });
      const got = Object.fromEntries(p.achievements.filter((x) => x.measure !== 'campaign_results').map((x) => [x.measure, x.count]));
      const tasks = await sql<{ n: number }>`
        select count(*)::int as n from tasks where lead_unit_id = ${unitId} and state = 'completed'
          and not (deadline_on is not null and submitted_on is not null and submitted_on > deadline_on)
          and completed_on between ${from} and ${today}`.execute(t.db);
      const incidents = await sql<{ n: number }>`
        select count(*)::int as n from incidents where lead_unit_id = ${unitId} and state = 'closed' and merged_into_id is null
          and (closed_at at time zone 'Asia/Ho_Chi_Minh')::date between ${from} and ${today}`.execute(t.db);
      const tipRows = await sql<{ id: string; received_at: Date; remote: boolean; state: string; transferred_at: Date | null; outcome_decided_on: string | null }>`
        select id, received_at, remote, state, transferred_at, to_char(outcome_decided_on, 'YYYY-MM-DD') as outcome_decided_on from tips
        where handling_unit_id = ${unitId} and (received_at at time zone 'Asia/Ho_Chi_Minh')::date between ${from} and ${today}`.execute(t.db);
      let tips = 0;
      const now = t.ctx.now();
      for (const r of tipRows.rows) {
        const ev = await sql<{ kind: string; data: unknown }>`select kind, data from tip_events where tip_id = ${r.id} order by at`.execute(t.db);
        const clock = tipClock({ receivedAt: new Date(r.received_at), remote: r.remote, state: r.state as TipState, transferredAt: r.transferred_at ? new Date(r.transferred_at) : null }, clockEvents(ev.rows), now);
        if (settledWithinDeadline(clock, r.state as TipState, r.outcome_decided_on, vnToday(now)) === true) tips++;
      }
      expect(got, code).toEqual({ tasks_on_time_as_lead: tasks.rows[0]!.n, situations_closed_as_lead: incidents.rows[0]!.n, tips_settled_on_time: tips });
      for (const x of p.achievements.filter((y) => y.measure !== 'campaign_results')) expect(x.evidence.length).toBe(Math.min(x.count, 50));
    }
  });

  it('a second Kỷ niệm chương for the same person is refused citing the rule, nothing written', async () => {
    const h = await sql<{ person_id: string }>`select g.person_id from award_grants g join award_decisions d on d.id = g.decision_id where d.symbol = ${FOUNDING_MEDALS_DECISION.numberSymbol} limit 1`.execute(t.db);
    const pid = h.rows[0]!.person_id;
    const before = await counts();
    const e = await codeOf(
      createNomination(t.ctx, a.lanhdao!, {
        kind: 'knc_bv_antq',
        nomineeType: 'person',
        personId: pid,
        periodFrom: '2024-01-01',
        periodTo: '2024-12-31',
        facts: { kncCategory: 'leader', yearsInPost: 12, priorAntqCommendation: true },
        summary: 'Đề nghị lần hai',
      }),
    );
    expect(e.code).toBe('award.already_awarded');
    expect(e.params).toMatchObject({ decisionSymbol: FOUNDING_MEDALS_DECISION.numberSymbol, basis: expect.stringContaining('Thông tư 20/2025/TT-BCA') });
    const e2 = await codeOf(
      recordExternalDecision(t.ctx, a.admin!, { ...FOUNDING_MEDALS_DECISION, numberSymbol: '77/QĐ-BCA', kind: 'knc_bv_antq', decidedOn: '2024-08-19', awardees: [{ nomineeType: 'person', personId: pid }] }),
    );
    expect(e2.code).toBe('award.already_awarded');
    expect(await counts()).toEqual(before);
  });

  it('too few years in post is refused citing the condition; a unit officer may not nominate; another ward does not see the nomination', async () => {
    const dat = await personId('Nguyễn Văn Đạt');
    const e = await codeOf(
      createNomination(t.ctx, a.lanhdao!, {
        kind: 'knc_bv_antq',
        nomineeType: 'person',
        personId: dat,
        periodFrom: '2025-07-01',
        periodTo: t.ctx.today(),
        facts: { kncCategory: 'leader', yearsInPost: 9, priorAntqCommendation: true },
        summary: 'Đề nghị Kỷ niệm chương',
      }),
    );
    expect(e.code).toBe('award.not_eligible');
    expect(String(e.params.reasons)).toContain('leader_years');
    expect((e.params.failed as { code: string; params: Record<string, unknown> }[]).find((f) => f.code === 'leader_years')!.params).toMatchObject({ years: 9, required: 10 });

    const f = await codeOf(
      createNomination(t.ctx, a['canbo.benthanh']!, { kind: 'giay_khen', nomineeType: 'person', personId: dat, periodFrom: '2025-07-01', periodTo: t.ctx.today(), facts: { excellentYears: 1 }, summary: 'x' }),
    );
    expect(f.code).toBe('forbidden');
    const open = (await sql<{ id: string }>`select id from award_nominations where state = 'proposed' limit 1`.execute(t.db)).rows[0]!;
    expect((await codeOf(getNomination(t.ctx, a['canbo.saigon']!, open.id))).code).toBe('not_found');
    expect((await getNomination(t.ctx, a['canbo.benthanh']!, open.id)).abilities.recordReview).toBe(false);
  });

  it('nominate → decision before the council refused → council review → number collision refused → decision issued; history', async () => {
    const bao = await personId('Bùi Quốc Bảo');
    const n = await createNomination(t.ctx, a.thammuu!, {
      kind: 'bang_khen_bo_truong',
      nomineeType: 'person',
      personId: bao,
      periodFrom: '2025-07-01',
      periodTo: t.ctx.today(),
      facts: { excellentYears: 2 },
      summary: 'Chỉ huy Công an phường Sài Gòn hoàn thành xuất sắc nhiệm vụ.',
      declared: [{ note: 'Chủ trì triệt phá 01 đường dây đánh bạc', count: 1 }],
    });
    expect(n.state).toBe('proposed');
    expect(n.eligibility.verdict).toBe('eligible');
    expect(n.achievements.map((x) => x.measure).filter((m) => m !== 'campaign_results')).toEqual(['tasks_on_time_as_lead', 'situations_closed_as_lead', 'tips_settled_on_time', 'declared']);
    expect(n.nominee.title).toContain('Trưởng Công an phường');

    const decision = { numberSymbol: '15/QĐ-BCA', decidedOn: t.ctx.today(), issuerName: 'Bộ Công an', signerTitle: 'BỘ TRƯỞNG', signerName: 'Đại tướng Lương Tam Quang', nominationIds: [n.id] };
    let before = await counts();
    expect((await codeOf(issueDecision(t.ctx, a.lanhdao!, decision))).code).toBe('award.review_required');
    expect(await counts()).toEqual(before);

    expect((await codeOf(recordReview(t.ctx, a.thammuu!, n.id, { version: n.version, councilName: 'Hội đồng Thi đua - Khen thưởng Công an Thành phố', metOn: t.ctx.today(), memberCount: 9, votes: votes(5) }))).code).toBe(
      'award.no_quorum',
    );
    expect((await codeOf(recordReview(t.ctx, a['canbo.saigon']!, n.id, { version: n.version, councilName: 'HĐ', metOn: t.ctx.today(), memberCount: 3, votes: votes(3) }))).code).toBe('forbidden');
    const reviewed = await recordReview(t.ctx, a.thammuu!, n.id, {
      version: n.version,
      councilName: 'Hội đồng Thi đua - Khen thưởng Công an Thành phố',
      metOn: t.ctx.today(),
      memberCount: 9,
      votes: votes(7, 1),
    });
    expect(reviewed.state).toBe('approved');
    expect(reviewed.review!.tally).toMatchObject({ present: 8, for: 7, against: 1, quorumMet: true, result: 'approved' });
    expect(reviewed.review!.votes[0]!.opinion).toBe('Thành tích được chứng minh bằng hồ sơ.');

    // 14/QĐ-BCA of this year is already in the register (another decision).
    await recordExternalDecision(t.ctx, a.admin!, { ...FOUNDING_MEDALS_DECISION, numberSymbol: '14/QĐ-BCA', kind: 'giay_khen', decidedOn: t.ctx.today(), awardees: [{ nomineeType: 'unit', unitId: await unitIdByCode(t.db, 'CAX-26740') }] });
    before = await counts();
    expect((await codeOf(issueDecision(t.ctx, a.lanhdao!, { ...decision, decidedOn: '2018-01-06' }))).code).toBe('award.review_required');
    expect((await codeOf(issueDecision(t.ctx, a.lanhdao!, { ...decision, numberSymbol: 'Số: 14/QĐ-BCA' }))).code).toBe('document.duplicate_number');
    expect((await codeOf(issueDecision(t.ctx, a.lanhdao!, { ...decision, numberSymbol: '15/QĐBCA' }))).code).toMatch(/^document\./);
    expect(await counts()).toEqual(before);
    expect((await codeOf(issueDecision(t.ctx, a.thammuu!, decision))).code).toBe('forbidden');

    const issued = await issueDecision(t.ctx, a.lanhdao!, decision);
    expect(issued.symbol).toBe('15/QĐ-BCA');
    expect(issued.grants).toHaveLength(1);
    expect(issued.grants[0]!.personId).toBe(bao);
    const again = await codeOf(issueDecision(t.ctx, a.lanhdao!, { ...decision, numberSymbol: '16/QĐ-BCA' }));
    expect(again.code).toBe('award.invalid_transition');
    const collision = await codeOf(
      recordExternalDecision(t.ctx, a.admin!, { ...FOUNDING_MEDALS_DECISION, numberSymbol: '15/QĐ-BCA', kind: 'giay_khen', decidedOn: t.ctx.today(), awardees: [{ nomineeType: 'person', personId: bao }] }),
    );
    expect(collision.code).toBe('document.duplicate_number');

    const after = await getNomination(t.ctx, a.lanhdao!, n.id);
    expect(after.state).toBe('awarded');
    expect(after.decision!.symbol).toBe('15/QĐ-BCA');
    const h = await awardHistory(t.ctx, a.lanhdao!, { personId: bao });
    expect(h.grants.map((g) => g.decision.symbol)).toEqual(['15/QĐ-BCA']);
    expect(h.nominations.map((x) => x.id)).toEqual([n.id]);
    const audit = await sql<{ action: string }>`select action from audit_log where entity_id in (${n.id}, ${issued.id}) order by seq`.execute(t.db);
    expect(audit.rows.map((r) => r.action)).toEqual(['award.nominated', 'award.reviewed', 'award.decision_issued']);
  });
});
