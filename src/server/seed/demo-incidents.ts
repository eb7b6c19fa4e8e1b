import type { CreateIncidentInput, Incident, IncidentCategory } from '../../contracts/incidents.ts';
import { operatorActor } from '../kernel/actor.ts';
import type { Ctx } from '../kernel/context.ts';
import { HCMC_COMMUNES } from '../modules/organisation/reference/admin-units.ts';
import {
  addLogEntry,
  addSupportingUnit,
  changeIncidentCategory,
  createIncident,
  decideClosure,
  decideSignificance,
  escalateIncident,
  reopenIncident,
  reportClosing,
} from '../modules/incidents/incident.service.ts';
import { rng } from './demo-random.ts';
import { demoActor } from './factories.ts';

/**
 * A year of security and order situations over the 168 communes, built through the incidents
 * module's use cases (the same code as the API and the tests) with a clock that walks with each
 * situation, so statuses, logs, levels and statistics are consistent. Deterministic (seeded);
 * about 200 situations (bounded by first-start time, see DEMO_INCIDENT_COUNT), weighted towards the categories and communes of a large city (social
 * order and drugs most, central wards busier), each handled by its commune police and closed with
 * the confirmation of the level above in most cases. Places are near the commune's centre when
 * known, otherwise without a point. No persons: counts only.
 */

/**
 * Measured on PGlite: each use case is about a dozen statements (lock, load, write, event, audit,
 * re-read), ~1 ms each, so a situation with its life costs ~30 ms; 200 keep the first start's
 * extra time near 10 s. (1,200 took ~65 s on the same machine.)
 */
export const DEMO_INCIDENT_COUNT = 200;

const WEIGHTS: [IncidentCategory, number][] = [
  ['social_order', 34],
  ['drugs', 18],
  ['traffic_accident', 14],
  ['high_tech', 9],
  ['economic', 5],
  ['fire_explosion', 6],
  ['mass_gathering', 4],
  ['environment', 3],
  ['corruption', 1],
  ['other', 6],
];

const TITLES: Record<IncidentCategory, string[]> = {
  social_order: ['Cướp giật tài sản', 'Trộm cắp xe máy', 'Cố ý gây thương tích', 'Đánh nhau gây rối trật tự công cộng', 'Trộm cắp tài sản trong nhà dân', 'Cưỡng đoạt tài sản'],
  drugs: ['Tàng trữ trái phép chất ma túy', 'Tổ chức sử dụng trái phép chất ma túy', 'Mua bán trái phép chất ma túy'],
  traffic_accident: ['Va chạm giao thông giữa xe máy và ô tô', 'Tai nạn giao thông tại giao lộ', 'Xe tải va chạm xe máy'],
  high_tech: ['Lừa đảo chiếm đoạt tài sản qua mạng', 'Giả danh cơ quan công an gọi điện lừa đảo', 'Lừa đảo đầu tư trực tuyến'],
  economic: ['Kinh doanh hàng giả', 'Buôn lậu thuốc lá điếu', 'Vi phạm quy định về kinh doanh'],
  fire_explosion: ['Cháy nhà dân', 'Cháy kho hàng', 'Nổ bình gas'],
  mass_gathering: ['Tụ tập đông người khiếu nại', 'Tụ tập đua xe trái phép', 'Tập trung đông người tại công trường'],
  environment: ['Xả thải trái phép ra kênh', 'Vi phạm an toàn thực phẩm tại cơ sở kinh doanh'],
  corruption: ['Dấu hiệu lợi dụng chức vụ trong quản lý đất đai'],
  other: ['Phát hiện thi thể không rõ danh tính', 'Tranh chấp dân sự có nguy cơ mất trật tự', 'Người mất tích'],
};

const SOURCES = ['call_113', 'call_113', 'patrol', 'patrol', 'tip', 'other_unit', 'media'] as const;
const DEPARTMENT_FOR: Partial<Record<IncidentCategory, string>> = {
  social_order: 'CATP-PC02',
  drugs: 'CATP-PC04',
  high_tech: 'CATP-PA05',
  economic: 'CATP-PC03',
  environment: 'CATP-PC03',
  corruption: 'CATP-PC03',
  traffic_accident: 'CATP-PC08',
  fire_explosion: 'CATP-PC07',
  mass_gathering: 'CATP-PC06',
};
/** Rough centres of the three former areas (for points when a commune has no geometry loaded). */
const CENTRE = { lat: 10.78, lon: 106.7 };

export async function loadDemoIncidents(ctx: Ctx, count = DEMO_INCIDENT_COUNT): Promise<{ incidents: number }> {
  if (await ctx.db.selectFrom('incidents').select('id').limit(1).executeTakeFirst()) return { incidents: 0 };
  const r = rng(20_260_701);
  const op = operatorActor('demo');
  const units = new Map((await ctx.db.selectFrom('units').select(['id', 'code']).execute()).map((u) => [u.code, u.id]));
  // The second keys are turned by the demo's staff officer and city leader (the operator stands in when absent).
  const staff = await demoActor(ctx, 'thammuu');
  const leader = await demoActor(ctx, 'lanhdao');
  const communes = HCMC_COMMUNES.filter((c) => units.has(`CAX-${c.code}`));
  // Central wards get more situations: the first 40 communes in the list (former inner districts) weigh 3.
  const communeWeights = communes.map((c, k) => ({ c, w: k < 40 ? 3 : 1 }));
  const totalW = communeWeights.reduce((s, x) => s + x.w, 0);
  const pickCommune = () => {
    let x = r.next() * totalW;
    for (const cw of communeWeights) if ((x -= cw.w) < 0) return cw.c;
    return communeWeights[communeWeights.length - 1]!.c;
  };
  const catTotal = WEIGHTS.reduce((s, [, w]) => s + w, 0);
  const pickCategory = (): IncidentCategory => {
    let x = r.next() * catTotal;
    for (const [c, w] of WEIGHTS) if ((x -= w) < 0) return c;
    return 'other';
  };

  const realNow = Date.now();
  const yearMs = 365 * 86_400_000;
  let made = 0;
  // Batches of situations share one transaction (the use cases join the caller's transaction):
  // the same rules and audit rows, far fewer commits on the embedded database.
  const BATCH = 100;
  for (let b0 = 0; b0 < count; b0 += BATCH) {
    await ctx.db.transaction().execute(async (trx) => {
      const tctx: Ctx = { ...ctx, db: trx };
      for (let k = b0; k < Math.min(count, b0 + BATCH); k++) if (await one(tctx, k)) made++;
    });
  }
  return { incidents: made };

  /** One situation and its life up to now; false when nothing was created. */
  async function one(ctx: Ctx, k: number): Promise<boolean> {
    const occurred = realNow - yearMs + Math.floor(((k + r.next()) / count) * (yearMs - 3 * 3600_000));
    let clock = occurred + r.int(5, 60) * 60_000;
    const at = (): Ctx => ({ ...ctx, now: () => new Date(clock) });
    const step = (minutes: number): boolean => {
      clock += minutes * 60_000;
      return clock < realNow;
    };
    const commune = pickCommune();
    const category = pickCategory();
    const lead = units.get(`CAX-${commune.code}`)!;
    const severe = r.chance(0.08);
    const input: CreateIncidentInput = {
      title: `${r.pick(TITLES[category])} tại ${commune.fullName}`,
      category,
      severity: severe ? r.pick(['very_serious', 'especially_serious'] as const) : r.pick(['minor', 'minor', 'serious'] as const),
      occurredAt: new Date(occurred).toISOString(),
      communeCode: commune.code,
      address: `Khu phố ${r.int(1, 12)}, ${commune.fullName}`,
      point: r.chance(0.7) ? { lat: CENTRE.lat + (r.next() - 0.5) * 0.3, lon: CENTRE.lon + (r.next() - 0.5) * 0.3 } : null,
      source: r.pick(SOURCES),
      description: 'Dữ liệu minh họa: tiếp nhận, xác minh ban đầu, phân công lực lượng xử lý theo quy định.',
      peopleInvolved: r.int(1, category === 'mass_gathering' ? 60 : 5),
      injured: category === 'traffic_accident' || category === 'fire_explosion' ? r.int(0, 3) : r.chance(0.1) ? 1 : 0,
      dead: category === 'traffic_accident' && r.chance(0.15) ? 1 : 0,
      damageVnd: r.chance(0.5) ? r.int(1, 500) * 1_000_000 : 0,
      leadUnitId: lead,
      supporting: [],
    };
    let i: Incident = await createIncident(at(), op, input);
    if (!step(r.int(10, 240))) return true;
    if (r.chance(0.4)) i = await addLogEntry(at(), op, i.id, { unitId: lead, text: 'Lực lượng có mặt tại hiện trường, bảo vệ hiện trường, xác minh ban đầu.' });
    const dept = DEPARTMENT_FOR[category];
    if (dept && r.chance(severe ? 0.8 : 0.08) && step(r.int(60, 600))) {
      i = await escalateIncident(at(), op, i.id, { version: i.version, toLevel: 'department', unitId: units.get(dept)!, reason: 'Tính chất phức tạp, vượt khả năng xử lý của Công an cấp xã' });
      if (step(30)) i = await addLogEntry(at(), op, i.id, { unitId: units.get(dept)!, text: 'Phòng nghiệp vụ tiếp nhận, phân công trinh sát phối hợp.' });
      if (severe && r.chance(0.3) && step(r.int(60, 600))) {
        i = await escalateIncident(at(), op, i.id, { version: i.version, toLevel: 'leadership', unitId: units.get('CATP')!, reason: 'Báo cáo Ban Giám đốc chỉ đạo' });
      }
    }
    if (r.chance(0.12) && step(r.int(30, 300))) {
      const other = units.get(`CAX-${r.pick(communes).code}`)!;
      if (other !== lead) {
        i = await addSupportingUnit(at(), op, i.id, { version: i.version, unitId: other, assignment: 'Phối hợp truy xét, xác minh đối tượng liên quan trên địa bàn' });
        if (step(60)) i = await addLogEntry(at(), op, i.id, { unitId: other, text: 'Đã xác minh tại địa bàn, báo kết quả cho đơn vị chủ trì.' });
      }
    }
    if (severe && r.chance(0.6) && step(r.int(30, 120))) {
      i = await decideSignificance(at(), op, i.id, { version: i.version, action: 'propose', reason: 'Hậu quả nghiêm trọng, dư luận quan tâm' });
      if (step(r.int(30, 240))) i = await decideSignificance(at(), staff, i.id, { version: i.version, action: r.chance(0.85) ? 'verify' : 'reject', reason: 'Đã xác minh' });
    }
    if (r.chance(0.04) && step(r.int(60, 2000))) {
      const to: IncidentCategory = r.chance(0.5) ? 'other' : r.pick(['social_order', 'economic', 'high_tech'] as const);
      if (to !== i.category) i = await changeIncidentCategory(at(), op, i.id, { version: i.version, category: to, reason: 'Kết quả xác minh cho thấy tính chất vụ việc khác với nhận định ban đầu' });
    }
    if (r.chance(0.75) && step(r.int(600, 30 * 24 * 60))) {
      i = await reportClosing(at(), op, i.id, { version: i.version, report: 'Đã giải quyết xong: lập hồ sơ, chuyển cơ quan có thẩm quyền, thông báo kết quả.' });
      if (step(r.int(60, 5 * 24 * 60))) {
        const confirmer = i.level === 'leadership' ? leader : staff;
        i = await decideClosure(at(), confirmer, i.id, { version: i.version, decision: 'confirm' });
        if (r.chance(0.02) && step(r.int(24 * 60, 20 * 24 * 60))) await reopenIncident(at(), staff, i.id, { version: i.version, reason: 'Phát hiện tình tiết mới' });
      }
    }
    return true;
  }
}
