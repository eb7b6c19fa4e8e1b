import type { ResultValues } from '../modules/campaigns/campaign.ts';
import { shiftYears } from '../modules/campaigns/campaign.ts';
import type { CreateCampaignInput } from '../../contracts/campaigns.ts';
import type { IncidentCategory } from '../../contracts/incidents.ts';
import { operatorActor } from '../kernel/actor.ts';
import type { Ctx } from '../kernel/context.ts';
import {
  closeCampaign,
  createCampaign,
  createCampaignTemplate,
  prefillFromTemplate,
  reportResult,
  startCampaign,
} from '../modules/campaigns/campaign.service.ts';
import { recordModel, recordSession, recordTeam } from '../modules/campaigns/movement.service.ts';
import { listIncidents } from '../modules/incidents/incident-queries.service.ts';
import { createIncident } from '../modules/incidents/incident.service.ts';
import { rng } from './demo-random.ts';
import { addDays } from '../kernel/calendar.ts';

/**
 * Demo campaigns and mass movement, built through the campaigns module's use cases:
 * - the template "Cao điểm Tết" (and a summer template without an instance yet);
 * - last season's Tết campaign, closed, with weekly results of six commune police units and two
 *   departments: the year-earlier base;
 * - this winter's Tết campaign created FROM the template (pre-filled from last season, dates moved
 *   to start twelve days before the load date) and started; the communes report daily up to
 *   yesterday, with links to situations of their commune where there are some;
 * - a few situations in four of those communes during this campaign (so their case load, the
 *   basis of the ranking, is not empty in the demo);
 * - movement data of the six communes over the last six months: sessions, teams, models.
 * Deterministic (seeded); skipped when campaigns exist.
 */
/** Bến Thành, Sài Gòn, Tân Định, Cầu Ông Lãnh, An Phú Đông, Thới An. */
const COMMUNES = ['26743', '26740', '26737', '26758', '26767', '26773'] as const;
const DEPARTMENTS = ['CATP-PC02', 'CATP-PC04'] as const;
const TOPICS = [
  'Phòng, chống tội phạm, tệ nạn xã hội dịp Tết',
  'Cảnh giác với thủ đoạn lừa đảo chiếm đoạt tài sản qua mạng',
  'Không tàng trữ, sử dụng pháo nổ',
  'Phòng, chống ma túy trong thanh thiếu niên',
  'Phòng cháy, chữa cháy khu dân cư',
  'Tố giác tội phạm qua Cổng tin báo, tố giác',
];

export async function loadDemoCampaigns(ctx: Ctx): Promise<{ campaigns: number; results: number }> {
  if (await ctx.db.selectFrom('campaigns').select('id').limit(1).executeTakeFirst()) return { campaigns: 0, results: 0 };
  const r = rng(20_270_206);
  const op = operatorActor('demo');
  const units = new Map((await ctx.db.selectFrom('units').select(['id', 'code']).execute()).map((u) => [u.code, u.id]));
  const communes = COMMUNES.filter((c) => units.has(`CAX-${c}`));
  if (!units.has('CATP') || communes.length === 0) return { campaigns: 0, results: 0 };
  const today = ctx.today();
  const yesterday = addDays(today, -1);
  let results = 0;

  return ctx.db.transaction().execute(async (trx) => {
    const tctx: Ctx = { ...ctx, db: trx };
    const tet = await createCampaignTemplate(tctx, op, {
      code: 'CAO-DIEM-TET',
      name: 'Cao điểm tấn công, trấn áp tội phạm, bảo đảm an ninh, trật tự Tết Nguyên đán',
      description: 'Đợt cao điểm hằng năm trước, trong và sau Tết Nguyên đán, đến hết Rằm tháng Giêng.',
      targetCategories: ['social_order', 'drugs', 'high_tech'],
      indicators: [
        { indicator: 'cases_dismantled', target: 300 },
        { indicator: 'people_arrested', target: 400 },
        { indicator: 'gangs_broken_up', target: 20 },
        { indicator: 'wanted_caught', target: 15 },
        { indicator: 'seized_drugs_kg', target: null },
        { indicator: 'clearance_rate', target: 75 },
      ],
      ownerUnitId: units.get('CATP')!,
    });
    await createCampaignTemplate(tctx, op, {
      code: 'CAO-DIEM-HE',
      name: 'Cao điểm tấn công, trấn áp tội phạm mùa hè',
      description: 'Từ 15/7 đến 15/9 hằng năm.',
      targetCategories: ['social_order', 'drugs'],
      indicators: [
        { indicator: 'cases_dismantled', target: 200 },
        { indicator: 'wanted_caught', target: 10 },
        { indicator: 'clearance_rate', target: 75 },
      ],
      ownerUnitId: units.get('CATP')!,
    });

    // This season: twelve days in; last season: the same start a year earlier, over by now.
    const curFrom = addDays(today, -12);
    const curTo = addDays(curFrom, 97);
    const lastFrom = shiftYears(curFrom, -1);
    const lastTo = shiftYears(curTo, -1);
    const unitIds = [...communes.map((c) => units.get(`CAX-${c}`)!), ...DEPARTMENTS.filter((d) => units.has(d)).map((d) => units.get(d)!)];
    const lastInput: CreateCampaignInput = {
      name: `Cao điểm tấn công, trấn áp tội phạm Tết Nguyên đán ${lastTo.slice(0, 4)}`,
      description: 'Thực hiện kế hoạch của Công an Thành phố về bảo đảm an ninh, trật tự Tết Nguyên đán.',
      fromOn: lastFrom,
      toOn: lastTo,
      templateId: tet.id,
      ownerUnitId: units.get('CATP')!,
      targetCategories: ['social_order', 'drugs', 'high_tech'],
      unitIds,
      indicators: [
        { indicator: 'cases_dismantled', target: 250 },
        { indicator: 'people_arrested', target: 350 },
        { indicator: 'gangs_broken_up', target: 15 },
        { indicator: 'wanted_caught', target: 12 },
        { indicator: 'seized_drugs_kg', target: null },
        { indicator: 'clearance_rate', target: 75 },
      ],
    };
    let last = await createCampaign(tctx, op, lastInput);
    last = await startCampaign(tctx, op, last.id, { version: last.version });

    const communeDay = (scale: number): ResultValues => {
      const detected = r.int(0, Math.round(4 * scale));
      const dismantled = Math.max(0, detected - r.int(0, 1)) + (r.chance(0.15) ? 1 : 0);
      const v: ResultValues = { cases_detected: detected, cases_dismantled: dismantled, people_arrested: dismantled + r.int(0, 2) };
      if (r.chance(0.1)) v.gangs_broken_up = 1;
      if (r.chance(0.08)) v.wanted_caught = 1;
      if (r.chance(0.05)) v.wanted_surrendered = 1;
      if (r.chance(0.15)) v.seized_drugs_kg = Math.round(r.next() * 500) / 1000;
      if (r.chance(0.1)) v.seized_firecrackers_kg = r.int(1, 40);
      return v;
    };
    // A department's day (a week of these is what a department reports weekly).
    const deptDay = (): ResultValues => {
      const detected = r.int(0, 2);
      return {
        cases_detected: detected,
        cases_dismantled: Math.max(0, detected - r.int(0, 1)),
        gangs_broken_up: r.chance(0.15) ? 1 : 0,
        people_arrested: r.int(1, 4),
        wanted_caught: r.chance(0.2) ? 1 : 0,
        seized_drugs_kg: Math.round(r.next() * 3000) / 1000,
        seized_drug_pills: r.int(0, 700),
      };
    };
    const days = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;
    const lastEnd = lastTo < yesterday ? lastTo : yesterday;
    // Last season: daily reports for the first three weeks (the early days of this season have a base), weekly after.
    for (let d = lastFrom; d <= lastEnd; d = addDays(d, d < addDays(lastFrom, 21) ? 1 : 7)) {
      const to = d < addDays(lastFrom, 21) ? d : addDays(d, 6) > lastEnd ? lastEnd : addDays(d, 6);
      for (const id of unitIds) {
        const isDept = !communes.some((c) => units.get(`CAX-${c}`) === id);
        const values: ResultValues = sumDays(Array.from({ length: days(d, to) }, () => (isDept ? deptDay() : communeDay(0.9))));
        await reportResult(tctx, op, last.id, { unitId: id, fromOn: d, toOn: to, values, note: null, incidentIds: [], tipIds: [], fileIds: [] });
        results++;
      }
    }
    await closeCampaign(tctx, op, last.id, {
      version: last.version,
      summary: 'Kết thúc đợt cao điểm: các đơn vị hoàn thành chỉ tiêu triệt phá, giữ vững an ninh, trật tự trước, trong và sau Tết.',
    });

    // Situations in four communes during this campaign (the ranking's case load).
    const cats: IncidentCategory[] = ['social_order', 'social_order', 'drugs', 'high_tech'];
    for (const c of communes.slice(2)) {
      for (let k = 0; k < 11 + r.int(0, 6); k++) {
        const day = addDays(curFrom, r.int(0, 11));
        await createIncident(tctx, op, {
          title: `${r.pick(['Trộm cắp tài sản', 'Cướp giật tài sản', 'Tàng trữ trái phép chất ma túy', 'Lừa đảo qua mạng'])} (đợt cao điểm)`,
          category: r.pick(cats),
          severity: 'minor',
          occurredAt: `${day}T${String(r.int(7, 22)).padStart(2, '0')}:00:00+07:00`,
          communeCode: c,
          source: r.pick(['call_113', 'patrol', 'tip'] as const),
          description: 'Dữ liệu minh họa trong đợt cao điểm.',
          peopleInvolved: r.int(1, 3),
          injured: 0,
          dead: 0,
          damageVnd: r.int(0, 50) * 1_000_000,
          leadUnitId: units.get(`CAX-${c}`)!,
          supporting: [],
        });
      }
    }

    // This winter: created from the template, dates moved to the actual start.
    const prefill = await prefillFromTemplate(tctx, op, tet.id);
    let cur = await createCampaign(tctx, op, { ...prefill.input, description: prefill.input.description, fromOn: curFrom, toOn: curTo, name: `Cao điểm tấn công, trấn áp tội phạm Tết Nguyên đán ${curTo.slice(0, 4)}` });
    cur = await startCampaign(tctx, op, cur.id, { version: cur.version });
    for (let d = curFrom; d <= yesterday; d = addDays(d, 1)) {
      for (const c of communes) {
        const unitId = units.get(`CAX-${c}`)!;
        const evidence = await listIncidents(tctx, op, { communeCode: c, from: d, to: d, limit: 3, offset: 0 });
        await reportResult(tctx, op, cur.id, { unitId, fromOn: d, values: communeDay(1), note: null, incidentIds: evidence.items.map((i) => i.id), tipIds: [], fileIds: [] });
        results++;
      }
      // The departments report daily too, like last season (comparable bases).
      for (const code of DEPARTMENTS) {
        const unitId = units.get(code);
        if (!unitId || !cur.units.some((u) => u.id === unitId)) continue;
        await reportResult(tctx, op, cur.id, { unitId, fromOn: d, values: deptDay(), note: null, incidentIds: [], tipIds: [], fileIds: [] });
        results++;
      }
    }

    // Movement: six months of sessions, the teams and models of the six communes.
    const since = addDays(today, -180);
    for (const c of communes) {
      for (let k = 0; k < r.int(4, 9); k++)
        await recordSession(tctx, op, { communeCode: c, heldOn: addDays(since, r.int(0, 179)), topic: r.pick(TOPICS), audience: r.int(40, 400) });
      for (let k = 1; k <= r.int(3, 7); k++)
        await recordTeam(tctx, op, { communeCode: c, name: `Tổ bảo vệ an ninh, trật tự khu phố ${k}`, members: r.int(3, 5), establishedOn: addDays(today, -r.int(200, 500)) });
      await recordModel(tctx, op, { communeCode: c, name: r.pick(['Camera an ninh khu phố', 'Tổ an ninh tự quản', 'Zalo kết nối toàn dân - bình yên cuộc sống', 'Đường dây nóng Trưởng Công an phường']), sinceOn: addDays(today, -r.int(300, 900)) });
    }
    return { campaigns: 2, results };
  });
}

function sumDays(days: ResultValues[]): ResultValues {
  const out: ResultValues = {};
  for (const v of days) for (const [k, x] of Object.entries(v) as [keyof ResultValues, number][]) out[k] = Math.round(((out[k] ?? 0) + x) * 1000) / 1000;
  return out;
}
