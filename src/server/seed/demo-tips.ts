import type { IncidentCategory } from '../../contracts/incidents.ts';
import type { Tip, TipIntakeInput } from '../../contracts/tips.ts';
import { operatorActor } from '../kernel/actor.ts';
import type { Ctx } from '../kernel/context.ts';
import { HCMC_COMMUNES } from '../modules/organisation/reference/admin-units.ts';
import { solveChallenge } from '../modules/tips/tip-challenge.ts';

import { answerTipQuestion, getChallenge, submitTip } from '../modules/tips/tip-public.service.ts';
import {
  askTipQuestion,
  classifyTip,
  decideTip,
  extendTip,
  linkTipIncident,
  markSenderNotified,
  recordTipReceipt,
  restoreTip,
  suspendTip,
  transferTip,
} from '../modules/tips/tip.service.ts';
import { rng } from './demo-random.ts';
import { vnToday } from '../kernel/context.ts';

/**
 * A year of citizen tips (nguồn tin về tội phạm) over the 168 communes, sent through the public
 * use case and handled through the tips module's use cases with a clock that walks with each tip:
 * receipt, classification, transfer to the investigating department within 24 hours (a few late),
 * settlement within the art. 147 period, extensions, suspension and restoration, questions to the
 * sender answered anonymously, the result notified (art. 145), some tips opening a situation.
 * The last weeks' tips are still being handled, so the live board and the deadlines have work.
 * Deterministic (seeded). The proof of work is lowered for the loader only (its challenges are
 * issued and solved here; the public route always asks the full difficulty).
 */
export const DEMO_TIP_COUNT = 120;

const WHAT: [IncidentCategory, string, string][] = [
  ['drugs', 'Mua bán ma túy', 'Có nhóm người thường xuyên tụ tập mua bán ma túy tại hẻm, nhiều người lạ ra vào vào ban đêm.'],
  ['social_order', 'Trộm cắp tài sản', 'Nhà tôi bị mất trộm xe máy lúc rạng sáng, camera nhà hàng xóm có ghi lại hình ảnh.'],
  ['high_tech', 'Lừa đảo qua mạng', 'Tôi bị người giả danh cán bộ ngân hàng gọi điện yêu cầu cung cấp mã OTP, bị trừ tiền trong tài khoản.'],
  ['social_order', 'Đánh bạc', 'Một quán cà phê tổ chức đánh bạc ăn tiền vào các buổi tối cuối tuần.'],
  ['economic', 'Kinh doanh hàng giả', 'Cửa hàng bán mỹ phẩm nghi là hàng giả, không có nhãn phụ tiếng Việt.'],
  ['social_order', 'Cho vay nặng lãi', 'Nhóm cho vay lãi suất rất cao, đe dọa, ném chất bẩn vào nhà người vay.'],
  ['environment', 'Xả thải trái phép', 'Cơ sở sản xuất xả nước thải có mùi hôi ra kênh vào ban đêm.'],
];

export async function loadDemoTips(ctx: Ctx, count = DEMO_TIP_COUNT): Promise<{ tips: number }> {
  if (await ctx.db.selectFrom('tips' as never).select('id' as never).limit(1).executeTakeFirst()) return { tips: 0 };
  const r = rng(20_261_126);
  const op = operatorActor('demo');
  const units = new Map((await ctx.db.selectFrom('units').select(['id', 'code']).execute()).map((u) => [u.code, u.id]));
  const communes = HCMC_COMMUNES.filter((c) => units.has(`CAX-${c.code}`));
  const department: Partial<Record<IncidentCategory, string>> = { drugs: 'CATP-PC04', high_tech: 'CATP-PA05', economic: 'CATP-PC03', environment: 'CATP-PC03' };
  const realNow = Date.now();
  const yearMs = 365 * 86_400_000;
  let made = 0;
  let decisionNo = 1;
  const BATCH = 60;
  for (let b0 = 0; b0 < count; b0 += BATCH) {
    await ctx.db.transaction().execute(async (trx) => {
      const tctx: Ctx = { ...ctx, db: trx };
      for (let k = b0; k < Math.min(count, b0 + BATCH); k++) {
        await one(tctx, k);
        made++;
      }
    });
  }
  return { tips: made };

  async function one(ctx: Ctx, k: number): Promise<void> {
    // Spread over the year, the last tenth in the last three weeks (still being handled).
    const share = k < count * 0.9 ? (k / (count * 0.9)) * (yearMs - 21 * 86_400_000) : yearMs - 21 * 86_400_000 + ((k - count * 0.9) / (count * 0.1)) * (21 * 86_400_000 - 3_600_000);
    let clock = realNow - yearMs + Math.floor(share);
    const at = (): Ctx => ({ ...ctx, now: () => new Date(clock) });
    const step = (minutes: number): boolean => {
      clock += minutes * 60_000;
      return clock < realNow;
    };
    const today = () => vnToday(new Date(clock));
    const commune = r.pick(k % 3 === 0 ? communes.slice(0, 40) : communes);
    const [category, title, what] = r.pick(WHAT);
    const anonymous = r.chance(0.6);
    const challenge = await getChallenge(at(), 1);
    const body: TipIntakeInput = {
      kind: r.chance(0.85) ? 'to_giac' : 'tin_bao',
      what: `${what} (Dữ liệu minh họa.)`,
      communeCode: commune.code,
      address: `Khu phố ${r.int(1, 12)}, ${commune.fullName}`,
      point: null,
      occurredAt: vnToday(new Date(clock - r.int(0, 3) * 86_400_000)),
      reporter: anonymous ? null : { name: 'Người dân (minh họa)', phone: `09${r.int(10_000_000, 99_999_999)}`, keepSecret: true },
      files: [],
      challenge: challenge.token,
      solution: solveChallenge(challenge.token, challenge.difficulty),
    };
    const creds = await submitTip(at(), body);
    const idRow = await ctx.db.selectFrom('tips' as never).select('id' as never).where('tracking_code' as never, '=', creds.trackingCode as never).executeTakeFirstOrThrow();
    const id = (idRow as { id: string }).id;
    const next = (): string => `${String(decisionNo++).padStart(3, '0')}/QĐ-CSĐT`;

    // Recent tips stop at some stage: the board shows work waiting for each step.
    const recent = k >= count * 0.9;
    const pause = () => recent && r.chance(0.35);
    if (pause() || !step(r.int(20, 8 * 60))) return;
    await recordTipReceipt(at(), op, id, { officerName: 'Cán bộ trực ban (minh họa)', form: 'portal', content: `Tiếp nhận nguồn tin: ${title}.`, materials: null });
    if (pause() || !step(r.int(30, 6 * 60))) return;
    if (r.chance(0.1)) {
      await classifyTip(at(), op, id, { classification: 'not_crime_source', note: 'Nội dung là tranh chấp dân sự, hướng dẫn người dân liên hệ cơ quan có thẩm quyền.' });
      return;
    }
    const toDepartment = department[category];
    await classifyTip(at(), op, id, { classification: toDepartment ? 'transfer' : 'within_competence', note: null });
    if (pause() || !step(r.chance(0.05) ? r.int(25 * 60, 40 * 60) : r.int(60, 20 * 60))) return;
    let tip: Tip = await transferTip(at(), op, id, { unitId: units.get(toDepartment ?? 'CATP-PC02')!, note: null });
    if (r.chance(0.15) && step(r.int(60, 3 * 24 * 60))) {
      tip = await linkTipIncident(at(), op, id, { open: { title: `${title} tại ${commune.fullName} (theo nguồn tin ${tip.trackingCode})`, category, severity: 'serious' } });
    }
    if (r.chance(0.25) && step(r.int(60, 4 * 24 * 60))) {
      tip = await askTipQuestion(at(), op, id, { question: 'Đề nghị anh/chị cho biết thêm thời gian cụ thể và đặc điểm nhận dạng phương tiện.' });
      if (r.chance(0.6) && step(r.int(60, 3 * 24 * 60))) {
        await answerTipQuestion(at(), { ...creds, questionId: tip.questions.at(-1)!.id, answer: 'Khoảng 22 giờ, xe máy màu đen, biển số không rõ.' });
      }
    }
    if (r.chance(0.2) && step(r.int(10, 18) * 24 * 60)) {
      tip = await extendTip(at(), op, id, { kind: 'complex', until: tip.clock.maxExtensionUntil!, decisionNo: next(), decidedOn: today() });
    }
    if (r.chance(0.06) && step(r.int(2, 10) * 24 * 60)) {
      await suspendTip(at(), op, id, { reason: 'Đã hết thời hạn nhưng chưa xác định được đối tượng (Điều 148).', decisionNo: next(), decidedOn: today() });
      if (r.chance(0.5) && step(r.int(10, 60) * 24 * 60)) tip = await restoreTip(at(), op, id, { decisionNo: next(), decidedOn: today() });
      else return;
    }
    if (pause() || tip.clock.dueAt === null || !step(r.int(3, 15) * 24 * 60)) return;
    if (new Date(clock) > new Date(tip.clock.dueAt) && r.chance(0.7)) clock = new Date(tip.clock.dueAt).getTime() - 3_600_000; // most are settled in time
    if (clock >= realNow) return;
    await decideTip(at(), op, id, { kind: r.chance(0.45) ? 'prosecution' : 'no_prosecution', decisionNo: next(), decidedOn: today() });
    if (r.chance(0.85) && step(r.int(60, 5 * 24 * 60))) await markSenderNotified(at(), op, id);
  }
}
