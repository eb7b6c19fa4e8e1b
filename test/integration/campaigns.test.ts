import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Campaign, CreateCampaignInput, ReportResultInput } from '../../src/contracts/campaigns.ts';
import type { CreateIncidentInput } from '../../src/contracts/incidents.ts';
import type { Actor } from '../../src/server/kernel/actor.ts';
import type { Ctx } from '../../src/server/kernel/context.ts';
import { DomainError } from '../../src/server/kernel/errors.ts';
import { canViewCampaign } from '../../src/server/modules/campaigns/campaign.policy.ts';
import {
  campaignRollup,
  closeCampaign,
  createCampaign,
  createCampaignTemplate,
  getCampaign,
  listCampaignResults,
  listCampaigns,
  prefillFromTemplate,
  reportResult,
  startCampaign,
} from '../../src/server/modules/campaigns/campaign.service.ts';
import { accessRecord } from '../../src/server/modules/campaigns/campaign.presenter.ts';
import { findCampaignById } from '../../src/server/modules/campaigns/campaign.repository.ts';
import { movementLists, movementSummary, recordModel, recordSession, recordTeam } from '../../src/server/modules/campaigns/movement.service.ts';
import { createIncident } from '../../src/server/modules/incidents/incident.service.ts';
import { actorFor } from '../../src/server/seed/factories.ts';
import { backends, countRows, DEMO_PASSWORD, openTestDb, unitIdByCode, type TestDb } from '../support/db.ts';

/**
 * Campaigns on both backends, on dates before the demo city's year (2023–2024) so nothing else
 * counts: a template, last season's instance with hand-written results, this season's instance
 * created from the template; the roll-up is checked against sums written out by hand.
 */
const at = (today: string, ctx: Ctx): Ctx => ({ ...ctx, today: () => today, now: () => new Date(`${today}T10:00:00+07:00`) });

async function expectRefused(t: TestDb, fn: () => Promise<unknown>, code: string): Promise<DomainError> {
  const before = [await countRows(t.db, 'campaign_results'), await countRows(t.db, 'campaign_result_values'), await countRows(t.db, 'campaign_result_evidence'), await countRows(t.db, 'audit_log')];
  const err = await fn().then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DomainError);
  expect((err as DomainError).code).toBe(code);
  const after = [await countRows(t.db, 'campaign_results'), await countRows(t.db, 'campaign_result_values'), await countRows(t.db, 'campaign_result_evidence'), await countRows(t.db, 'audit_log')];
  expect(after).toEqual(before);
  return err as DomainError;
}

describe.each(backends())('campaigns [%s]', (backend) => {
  let t: TestDb;
  const a: Record<string, Actor> = {};
  const u: Record<string, string> = {};
  let templateId = '';
  let last: Campaign;
  let cur: Campaign;
  const incidents: Record<string, string> = {};

  const report = (who: string, today: string, c: Campaign, input: Partial<ReportResultInput> & Pick<ReportResultInput, 'unitId' | 'fromOn'>) =>
    reportResult(at(today, t.ctx), a[who]!, c.id, { values: {}, incidentIds: [], tipIds: [], fileIds: [], ...input });

  beforeAll(async () => {
    t = await openTestDb(backend);
    for (const name of ['admin', 'lanhdao', 'thammuu', 'canbo.saigon', 'canbo.benthanh', 'theodoi']) a[name] = await actorFor(t.ctx, name, DEMO_PASSWORD);
    for (const code of ['CATP', 'CAX-26743', 'CAX-26740', 'CAX-26737', 'CATP-PC04']) u[code] = await unitIdByCode(t.db, code);
    templateId = (
      await createCampaignTemplate(t.ctx, a['thammuu']!, {
        code: 'TEST-TET',
        name: 'Cao điểm Tết (kiểm thử)',
        description: null,
        targetCategories: ['social_order', 'drugs'],
        indicators: [{ indicator: 'cases_dismantled', target: 20 }],
        ownerUnitId: u['CATP']!,
      })
    ).id;
    const base: CreateCampaignInput = {
      name: 'Cao điểm Tết kiểm thử 2023',
      description: 'Đợt năm trước',
      fromOn: '2023-01-05',
      toOn: '2023-02-20',
      templateId,
      ownerUnitId: u['CATP']!,
      targetCategories: ['social_order', 'drugs'],
      unitIds: [u['CAX-26743']!, u['CAX-26740']!, u['CATP-PC04']!],
      indicators: [
        { indicator: 'cases_dismantled', target: 30 },
        { indicator: 'people_arrested', target: 40 },
        { indicator: 'seized_drugs_kg', target: null },
        { indicator: 'clearance_rate', target: 75 },
      ],
    };
    last = await createCampaign(t.ctx, a['thammuu']!, base);
    last = await startCampaign(t.ctx, a['thammuu']!, last.id, { version: last.version });
    // Last season: Bến Thành days 1–3 and 5, Sài Gòn day 2 (weekly, days 1–7), PC04 day 20 (outside every window below).
    await report('canbo.benthanh', '2023-03-01', last, { unitId: u['CAX-26743']!, fromOn: '2023-01-05', values: { cases_detected: 4, cases_dismantled: 3, people_arrested: 5 } });
    await report('canbo.benthanh', '2023-03-01', last, { unitId: u['CAX-26743']!, fromOn: '2023-01-06', values: { cases_detected: 2, cases_dismantled: 1 } });
    await report('canbo.benthanh', '2023-03-01', last, { unitId: u['CAX-26743']!, fromOn: '2023-01-07', values: { cases_detected: 1, cases_dismantled: 1, seized_drugs_kg: 0.25 } });
    await report('canbo.benthanh', '2023-03-01', last, { unitId: u['CAX-26743']!, fromOn: '2023-01-09', values: { cases_detected: 3, cases_dismantled: 2 } });
    await report('canbo.saigon', '2023-03-01', last, { unitId: u['CAX-26740']!, fromOn: '2023-01-05', toOn: '2023-01-11', values: { cases_detected: 5, cases_dismantled: 4, people_arrested: 6 } });
    await report('thammuu', '2023-03-01', last, { unitId: u['CATP-PC04']!, fromOn: '2023-01-24', values: { seized_drugs_kg: 12.5, people_arrested: 3 } });
    last = await closeCampaign(t.ctx, a['thammuu']!, last.id, { version: (await getCampaign(t.ctx, a['thammuu']!, last.id)).version, summary: 'Tổng kết đợt năm trước.' });

    // Situations in the communes during this season's first days: case loads of 12 (Bến Thành) and 3 (Sài Gòn).
    const mk = async (commune: string, day: string, k: number, category: CreateIncidentInput['category'] = 'social_order') => {
      const i = await createIncident(t.ctx, a['admin']!, {
        title: `Vụ việc kiểm thử cao điểm ${commune} ${k}`,
        category,
        severity: 'minor',
        occurredAt: `${day}T09:00:00+07:00`,
        communeCode: commune,
        source: 'patrol',
        description: 'Kiểm thử',
        peopleInvolved: 1,
        injured: 0,
        dead: 0,
        damageVnd: 0,
        leadUnitId: u[`CAX-${commune}`]!,
        supporting: [],
      });
      return i.id;
    };
    for (let k = 0; k < 12; k++) incidents[`bt${k}`] = await mk('26743', `2024-01-2${k % 3}`, k);
    for (let k = 0; k < 3; k++) incidents[`sg${k}`] = await mk('26740', '2024-01-21', k);
    await mk('26743', '2024-01-21', 99, 'traffic_accident'); // not a target category: not in the case load
  });
  afterAll(async () => t?.close());

  it('create from template: the last instance one year later, same units, indicators and targets', async () => {
    const p = await prefillFromTemplate(t.ctx, a['thammuu']!, templateId);
    expect(p.basis).toBe('previous_instance');
    expect(p.previousCampaign?.id).toBe(last.id);
    expect(p.input).toMatchObject({ name: 'Cao điểm Tết kiểm thử 2024', fromOn: '2024-01-05', toOn: '2024-02-20', templateId, ownerUnitId: u['CATP'] });
    expect(p.input.unitIds.sort()).toEqual([u['CAX-26743'], u['CAX-26740'], u['CATP-PC04']].sort());
    expect(p.input.indicators).toEqual(last.indicators);
    // This season the Tết peak starts on 20 January (the lunar calendar moves): dates edited, the rest kept.
    cur = await createCampaign(t.ctx, a['thammuu']!, { ...p.input, description: p.input.description ?? null, fromOn: '2024-01-20', toOn: '2024-03-05' });
    expect(cur.state).toBe('draft');
    expect(cur.template?.id).toBe(templateId);
  });

  it('a draft refuses results; only the organiser side starts it', async () => {
    await expectRefused(t, () => report('canbo.benthanh', '2024-01-20', cur, { unitId: u['CAX-26743']!, fromOn: '2024-01-20', values: { cases_detected: 1 } }), 'campaign.not_running');
    await expectRefused(t, () => startCampaign(t.ctx, a['canbo.benthanh']!, cur.id, { version: cur.version }), 'forbidden');
    cur = await startCampaign(t.ctx, a['thammuu']!, cur.id, { version: cur.version });
    expect(cur.state).toBe('running');
  });

  it('units report daily or weekly with evidence they can see', async () => {
    const r1 = await report('canbo.benthanh', '2024-01-21', cur, {
      unitId: u['CAX-26743']!,
      fromOn: '2024-01-20',
      values: { cases_detected: 5, cases_dismantled: 4, people_arrested: 6, seized_drugs_kg: 1.125 },
      incidentIds: [incidents['bt0']!, incidents['bt1']!],
      note: 'Triệt phá 1 nhóm trộm cắp',
    });
    expect(r1.incidents.map((i) => i.id).sort()).toEqual([incidents['bt0'], incidents['bt1']].sort());
    expect(r1.values).toEqual({ cases_detected: 5, cases_dismantled: 4, people_arrested: 6, seized_drugs_kg: 1.125 });
    await report('canbo.benthanh', '2024-01-22', cur, { unitId: u['CAX-26743']!, fromOn: '2024-01-21', values: { cases_detected: 3, cases_dismantled: 2, gangs_broken_up: 1 } });
    await report('canbo.saigon', '2024-01-27', cur, { unitId: u['CAX-26740']!, fromOn: '2024-01-20', toOn: '2024-01-26', values: { cases_detected: 6, cases_dismantled: 5, people_arrested: 9 } });
    await report('thammuu', '2024-01-23', cur, { unitId: u['CATP-PC04']!, fromOn: '2024-01-22', values: { seized_drugs_kg: 30, seized_drug_pills: 12000, people_arrested: 4 } });
  });

  it('bad input is refused with the reason and writes nothing', async () => {
    const bt = { unitId: u['CAX-26743']! };
    await expectRefused(t, () => report('canbo.benthanh', '2024-01-25', cur, { ...bt, fromOn: '2024-01-19', values: { cases_detected: 1 } }), 'campaign.result_outside_period');
    await expectRefused(t, () => report('canbo.benthanh', '2024-03-10', cur, { ...bt, fromOn: '2024-03-06', values: { cases_detected: 1 } }), 'campaign.result_outside_period');
    await expectRefused(t, () => report('canbo.benthanh', '2024-01-25', cur, { ...bt, fromOn: '2024-01-26', values: { cases_detected: 1 } }), 'campaign.result_in_future');
    await expectRefused(t, () => report('canbo.benthanh', '2024-02-25', cur, { ...bt, fromOn: '2024-02-01', toOn: '2024-02-08', values: { cases_detected: 1 } }), 'campaign.result_too_long');
    const neg = await expectRefused(t, () => report('canbo.benthanh', '2024-01-25', cur, { ...bt, fromOn: '2024-01-24', values: { people_arrested: -2 } }), 'campaign.negative_value');
    expect(neg.issues?.[0]).toMatchObject({ path: 'values.people_arrested', code: 'negative_value' });
    const big = await expectRefused(t, () => report('canbo.benthanh', '2024-01-25', cur, { ...bt, fromOn: '2024-01-24', values: { cases_detected: 500 } }), 'campaign.implausible_value');
    expect(big.params).toMatchObject({ indicator: 'cases_detected', max: 50, days: 1 });
    await expectRefused(t, () => report('canbo.benthanh', '2024-01-25', cur, { ...bt, fromOn: '2024-01-24', values: { gangs_broken_up: 1.5 } }), 'campaign.not_integer');
    await expectRefused(t, () => report('canbo.benthanh', '2024-01-25', cur, { ...bt, fromOn: '2024-01-24', values: {} }), 'campaign.result_empty');
    // The same day twice, and a week that covers an already reported day.
    await expectRefused(t, () => report('canbo.benthanh', '2024-01-25', cur, { ...bt, fromOn: '2024-01-21', values: { cases_detected: 1 } }), 'campaign.result_overlaps');
    await expectRefused(t, () => report('canbo.benthanh', '2024-01-28', cur, { ...bt, fromOn: '2024-01-19', toOn: '2024-01-25', values: { cases_detected: 1 } }), 'campaign.result_outside_period');
    await expectRefused(t, () => report('canbo.benthanh', '2024-01-28', cur, { ...bt, fromOn: '2024-01-21', toOn: '2024-01-27', values: { cases_detected: 1 } }), 'campaign.result_overlaps');
    // A unit that does not take part (Công an phường 26734), even reported by the city.
    await expectRefused(t, () => report('thammuu', '2024-01-25', cur, { unitId: u['CAX-26737']!, fromOn: '2024-01-24', values: { cases_detected: 1 } }), 'campaign.not_participating');
    // Sài Gòn's officer may not report for Bến Thành.
    await expectRefused(t, () => report('canbo.saigon', '2024-01-25', cur, { ...bt, fromOn: '2024-01-24', values: { cases_detected: 1 } }), 'forbidden');
    // Evidence: a situation of Sài Gòn is not visible to Bến Thành; an id that does not exist.
    const ev = await expectRefused(t, () => report('canbo.benthanh', '2024-01-25', cur, { ...bt, fromOn: '2024-01-24', values: { cases_detected: 1 }, incidentIds: [incidents['sg0']!] }), 'campaign.unknown_evidence');
    expect(ev.issues?.[0]?.path).toBe('incidentIds.0');
    await expectRefused(t, () => report('canbo.benthanh', '2024-01-25', cur, { ...bt, fromOn: '2024-01-24', values: { cases_detected: 1 }, tipIds: ['00000000-0000-4000-8000-000000000000'] }), 'campaign.unknown_evidence');
  });

  it('roll-up equals hand-computed sums, with progress, the previous season aligned and the ranking basis', async () => {
    const r = await campaignRollup(at('2024-01-27', t.ctx), a['lanhdao']!, cur.id, { base: 'aligned', rankBy: 'cases_dismantled' });
    expect(r.period).toMatchObject({ from: '2024-01-20', to: '2024-01-27', days: 8, totalDays: 46 });
    const v = Object.fromEntries(r.city.indicators.map((i) => [i.indicator, i.value]));
    // Bến Thành 4 + 2, Sài Gòn 5 → 11; arrests 6 + 9 + 4; drugs 1.125 + 30.
    expect(v).toMatchObject({ cases_dismantled: 11, people_arrested: 19, seized_drugs_kg: 31.125, cases_detected: 14, gangs_broken_up: 1, seized_drug_pills: 12000 });
    expect(r.city.indicators.map((i) => i.indicator).slice(0, 3)).toEqual(['cases_dismantled', 'people_arrested', 'seized_drugs_kg']);
    const dismantled = r.city.indicators.find((i) => i.indicator === 'cases_dismantled')!;
    // Target 30; 8 of 46 days elapsed → expected 17.4 %, reached 36.7 %.
    expect(dismantled.progress).toEqual({ percent: 36.7, expectedPercent: 17.4, status: 'on_track' });
    // Base: the previous season's first 8 days (05–12/01/2023): Bến Thành 3+1+1+2, Sài Gòn's week 4 → 11; PC04 (24/01) is outside.
    expect(r.base).toMatchObject({ basis: 'aligned', from: '2023-01-05', to: '2023-01-12' });
    expect(r.base.campaign?.id).toBe(last.id);
    expect(dismantled.base).toBe(11);
    expect(dismantled.change).toEqual({ difference: 0, percent: 0, note: null });
    const arrests = r.city.indicators.find((i) => i.indicator === 'people_arrested')!;
    expect([arrests.base, arrests.change?.percent]).toEqual([11, 72.7]);
    // Clearance 11 / 14 = 78.6 % against the 75 % target; base 11 / 15 = 73.3 %.
    expect(r.city.clearanceRate).toMatchObject({ value: 78.6, target: 75, status: 'met', cleared: 11, detected: 14 });
    expect(r.city.clearanceRate.base?.value).toBe(73.3);
    expect([r.city.reports, r.city.unitsReporting, r.city.units]).toEqual([4, 3, 3]);
    // Ranking per case load: Bến Thành 6 dismantled on 12 situations (5 per 10), Sài Gòn 3 situations (too few), PC04 no area.
    const row = (code: string) => r.units.find((x) => x.unit.code === code)!;
    expect(row('CAX-26743')).toMatchObject({ caseLoad: 12, score: 5, rank: 1, notRankedReason: null, values: { cases_dismantled: 6 } });
    expect(row('CAX-26740')).toMatchObject({ caseLoad: 3, score: null, rank: null, notRankedReason: 'case_load_too_small' });
    expect(row('CATP-PC04')).toMatchObject({ caseLoad: null, notRankedReason: 'no_area' });
    expect(r.ranking).toMatchObject({ basis: 'case_load', indicator: 'cases_dismantled', perSituations: 10, minCaseLoad: 10, ranked: 1 });
    expect(r.ranking.explanation).toContain('dân số');
    expect(r.allUnitsVisible).toBe(true);

    // Calendar basis: the same dates a year earlier (20–27/01/2023) hold only PC04's 24/01 report.
    const cal = await campaignRollup(at('2024-01-27', t.ctx), a['lanhdao']!, cur.id, { base: 'calendar', rankBy: 'cases_dismantled' });
    expect(cal.base).toMatchObject({ basis: 'calendar', from: '2023-01-20', to: '2023-01-27' });
    expect(cal.city.indicators.find((i) => i.indicator === 'people_arrested')!.base).toBe(3);
    // As of 21/01 Sài Gòn's week is not complete yet: only Bến Thành's two days count.
    const early = await campaignRollup(at('2024-01-27', t.ctx), a['lanhdao']!, cur.id, { asOf: '2024-01-21', base: 'aligned', rankBy: 'cases_dismantled' });
    expect(early.city.indicators.find((i) => i.indicator === 'cases_dismantled')!.value).toBe(6);
  });

  it('scope: a ward sees its campaigns and its own row; others get 404; lists match the policy', async () => {
    const ward = await campaignRollup(at('2024-01-27', t.ctx), a['canbo.benthanh']!, cur.id, { base: 'aligned', rankBy: 'cases_dismantled' });
    expect(ward.units.map((x) => x.unit.code)).toEqual(['CAX-26743']);
    expect(ward.allUnitsVisible).toBe(false);
    expect(ward.city.indicators.find((i) => i.indicator === 'cases_dismantled')!.value).toBe(11);
    const results = await listCampaignResults(t.ctx, a['canbo.benthanh']!, cur.id, { limit: 50, offset: 0 });
    expect(new Set(results.items.map((x) => x.unit.code))).toEqual(new Set(['CAX-26743']));
    expect((await listCampaignResults(t.ctx, a['lanhdao']!, cur.id, { limit: 50, offset: 0 })).total).toBe(4);

    // A campaign of Sài Gòn and PC04 only: Bến Thành cannot see it (404, like a missing one).
    const other = await createCampaign(t.ctx, a['thammuu']!, {
      name: 'Cao điểm riêng',
      fromOn: '2024-01-01',
      toOn: '2024-01-31',
      ownerUnitId: u['CATP']!,
      targetCategories: [],
      unitIds: [u['CAX-26740']!],
      indicators: [{ indicator: 'cases_detected', target: null }],
    });
    const hidden = await getCampaign(t.ctx, a['canbo.benthanh']!, other.id).catch((e: unknown) => e);
    expect((hidden as DomainError).code).toBe('not_found');
    expect((await getCampaign(t.ctx, a['canbo.saigon']!, other.id)).abilities).toMatchObject({ view: true, start: false, report: false });
    for (const who of ['canbo.benthanh', 'canbo.saigon', 'lanhdao', 'theodoi']) {
      const page = await listCampaigns(t.ctx, a[who]!, { limit: 200, offset: 0 });
      for (const c of page.items) expect(canViewCampaign(a[who]!, accessRecord((await findCampaignById(t.db, c.id))!))).toBe(true);
      if (who === 'canbo.benthanh') expect(page.items.map((c) => c.id)).not.toContain(other.id);
      if (who === 'lanhdao') expect(page.items.map((c) => c.id)).toEqual(expect.arrayContaining([other.id, cur.id, last.id]));
    }
    expect((await listCampaigns(t.ctx, a['canbo.benthanh']!, { limit: 50, offset: 0 })).canCreate).toBe(false);
  });

  it('closing records the summary; a closed campaign refuses results', async () => {
    const fresh = await getCampaign(t.ctx, a['thammuu']!, cur.id);
    await expectRefused(t, () => closeCampaign(t.ctx, a['canbo.benthanh']!, cur.id, { version: fresh.version, summary: 'x' }), 'forbidden');
    await expectRefused(t, () => closeCampaign(t.ctx, a['thammuu']!, cur.id, { version: fresh.version, summary: '   ' }), 'campaign.closing_summary_required');
    const closed = await closeCampaign(t.ctx, a['thammuu']!, cur.id, { version: fresh.version, summary: 'Kết thúc đợt cao điểm: vượt chỉ tiêu triệt phá.' });
    expect(closed).toMatchObject({ state: 'closed', closingSummary: 'Kết thúc đợt cao điểm: vượt chỉ tiêu triệt phá.' });
    await expectRefused(t, () => report('canbo.benthanh', '2024-01-30', cur, { unitId: u['CAX-26743']!, fromOn: '2024-01-29', values: { cases_detected: 1 } }), 'campaign.closed');
    await expectRefused(t, () => closeCampaign(t.ctx, a['thammuu']!, cur.id, { version: closed.version, summary: 'again' }), 'campaign.invalid_transition');
  });

  it('movement: a ward records for its commune only; the summary shows results beside counts', async () => {
    const ctx = at('2024-02-01', t.ctx);
    await recordSession(ctx, a['canbo.benthanh']!, { communeCode: '26743', heldOn: '2024-01-10', topic: 'Phòng chống tội phạm dịp Tết', audience: 120 });
    await recordSession(ctx, a['canbo.benthanh']!, { communeCode: '26743', heldOn: '2024-01-25', topic: 'Cảnh giác lừa đảo qua mạng', audience: 80 });
    await recordTeam(ctx, a['canbo.benthanh']!, { communeCode: '26743', name: 'Tổ bảo vệ ANTT khu phố 1', members: 3, establishedOn: '2023-06-01' });
    await recordTeam(ctx, a['canbo.benthanh']!, { communeCode: '26743', name: 'Tổ bảo vệ ANTT khu phố 2', members: 4, establishedOn: '2024-03-01' }).catch((e: unknown) => {
      expect((e as DomainError).code).toBe('movement.in_future');
    });
    await recordModel(ctx, a['canbo.benthanh']!, { communeCode: '26743', name: 'Camera an ninh khu phố', sinceOn: '2022-05-01' });
    const before = await countRows(t.db, 'movement_sessions');
    for (const [fn, code] of [
      [() => recordSession(ctx, a['canbo.benthanh']!, { communeCode: '26740', heldOn: '2024-01-10', topic: 'x', audience: 10 }), 'movement.commune_outside_scope'],
      [() => recordSession(ctx, a['canbo.benthanh']!, { communeCode: '26743', heldOn: '2024-01-10', topic: 'x', audience: 50_000 }), 'movement.implausible_value'],
      [() => recordSession(ctx, a['canbo.benthanh']!, { communeCode: '26743', heldOn: '2024-01-10', topic: 'x', audience: -1 }), 'campaign.negative_value'],
      [() => recordSession(ctx, a['theodoi']!, { communeCode: '26743', heldOn: '2024-01-10', topic: 'x', audience: 1 }), 'forbidden'],
    ] as const) {
      const e = await fn().catch((x: unknown) => x);
      expect((e as DomainError).code).toBe(code);
    }
    expect(await countRows(t.db, 'movement_sessions')).toBe(before);
    const s = await movementSummary(ctx, a['canbo.benthanh']!, { from: '2024-01-01', to: '2024-01-31' });
    const row = s.rows.find((r) => r.communeCode === '26743')!;
    expect(row).toMatchObject({ sessions: 2, audience: 200, teams: 1, teamMembers: 3, models: 1 });
    expect(row.tipsPerSession).toBe(row.tips === 0 ? 0 : Math.round((row.tips / 2) * 100) / 100);
    expect(s.rows.every((r) => r.communeCode === '26743')).toBe(true);
    const lists = await movementLists(ctx, a['lanhdao']!, { from: '2024-01-01', to: '2024-01-31', communeCode: '26743' });
    expect([lists.sessions.length, lists.teams.length, lists.models.length]).toEqual([2, 1, 1]);
  });
});
