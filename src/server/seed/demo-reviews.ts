import { operatorActor } from '../kernel/actor.ts';
import type { Ctx } from '../kernel/context.ts';

import { periodOf } from '../modules/statistics/periods.ts';
import { findUnitByCode } from '../modules/organisation/unit.repository.ts';
import { changeCorrectiveActionStatus, closeReviewCycle, createReviewCycle, recordCorrectiveAction, setReviewAgenda } from '../modules/reviews/review.service.ts';
import { loadDemoCoordination } from './demo-coordination.ts';
import { addDays } from '../kernel/calendar.ts';

/**
 * Two past review cycles of the demo city — the quarterly sơ kết of the two quarters before the
 * current one, for the whole city and the coordination programme of the demo conference and its
 * documents — built through the reviews use cases with a clock set a few days after each quarter:
 * - the earlier review records two corrective actions and is closed;
 * - the later review closes the first action (closing note, closed in that review), moves the
 *   second to "in progress" (it stays carried forward) and records one new action; it stays open.
 * Idempotent: nothing is done when a review cycle exists.
 */
export async function loadDemoReviews(ctx: Ctx): Promise<void> {
  const existing = await ctx.db.selectFrom('review_cycles').select('id').limit(1).executeTakeFirst();
  if (existing) return;
  const op = operatorActor('demo');
  const coordination = await loadDemoCoordination(ctx);
  const unit = async (code: string) => (await findUnitByCode(ctx.db, code))!.id;
  const today = ctx.today();
  const y = Number(today.slice(0, 4));
  const q = Math.ceil(Number(today.slice(5, 7)) / 3);
  const prev = (yy: number, qq: number) => (qq === 1 ? { year: yy - 1, index: 4 } : { year: yy, index: qq - 1 });
  const later = prev(y, q);
  const earlier = prev(later.year, later.index);
  // Each step at its own hour, so the history of an action reads in the order it happened.
  let hour = 1;
  const at = (day: string): Ctx => {
    const now = new Date(`${day}T${String(hour++ % 24).padStart(2, '0')}:00:00Z`);
    return { ...ctx, today: () => day, now: () => now };
  };
  const programme = { documentIds: Object.values(coordination.documents), conferenceIds: [coordination.conferenceId] };
  const agenda = await Promise.all(['CATP', 'UBND-HCM', 'MTTQ-HCM', 'DTN-HCM', 'CAX-26743', 'CAX-26740'].map(unit));

  // The earlier quarter.
  const p1 = periodOf('quarter', earlier.year, earlier.index);
  const d1 = addDays(p1.to, 5) < today ? addDays(p1.to, 5) : today;
  const c1 = await createReviewCycle(at(d1), op, {
    kind: 'so_ket',
    title: `Sơ kết công tác phối hợp bảo đảm an ninh trật tự ${p1.label}`,
    scopeUnitId: await unit('HCM'),
    ...programme,
    period: { kind: 'quarter', year: earlier.year, index: earlier.index },
  });
  await setReviewAgenda(at(d1), op, c1.id, { unitIds: agenda });
  const a1 = await recordCorrectiveAction(at(d1), op, c1.id, {
    kind: 'limitation',
    text: 'Một số sở, ngành trả lời yêu cầu phối hợp của Công an Thành phố còn chậm, có yêu cầu quá 10 ngày chưa có ý kiến.',
    measure: 'Các sở, ngành trả lời yêu cầu phối hợp trong 03 ngày làm việc; Văn phòng UBND Thành phố theo dõi, đôn đốc hằng tuần.',
    ownerUnitId: await unit('UBND-HCM'),
    deadlineOn: addDays(periodOf('quarter', later.year, later.index).to, -15),
  });
  const a2 = await recordCorrectiveAction(at(d1), op, c1.id, {
    kind: 'obstacle',
    text: 'Hệ thống camera giám sát tại các tuyến, địa bàn trọng điểm phường Bến Thành còn thiếu, chưa kết nối về Công an phường.',
    measure: 'Công an phường Bến Thành phối hợp UBND phường khảo sát, đề xuất bổ sung camera và kết nối dữ liệu.',
    ownerUnitId: await unit('CAX-26743'),
    deadlineOn: addDays(d1, 120),
  });
  await closeReviewCycle(at(addDays(d1, 1)), op, c1.id);

  // The later quarter: what happened to the actions, and a new one.
  const p2 = periodOf('quarter', later.year, later.index);
  const d2 = addDays(p2.to, 5) < today ? addDays(p2.to, 5) : today;
  const c2 = await createReviewCycle(at(d2), op, {
    kind: 'so_ket',
    title: `Sơ kết công tác phối hợp bảo đảm an ninh trật tự ${p2.label}`,
    scopeUnitId: await unit('HCM'),
    ...programme,
    period: { kind: 'quarter', year: later.year, index: later.index },
  });
  await setReviewAgenda(at(d2), op, c2.id, { unitIds: agenda });
  const a1b = await changeCorrectiveActionStatus(at(d2), op, c2.id, a1.id, { status: 'in_progress', note: 'Văn phòng UBND Thành phố đã ban hành văn bản đôn đốc các sở.', version: a1.version });
  await changeCorrectiveActionStatus(at(d2), op, c2.id, a1.id, {
    status: 'closed',
    note: 'Trong quý, các sở trả lời yêu cầu phối hợp với thời gian trung vị dưới 3 ngày; không còn yêu cầu quá hạn.',
    version: a1b.version,
  });
  await changeCorrectiveActionStatus(at(d2), op, c2.id, a2.id, { status: 'in_progress', note: 'Đã khảo sát 12 vị trí; chờ bố trí kinh phí lắp đặt.', version: a2.version });
  await recordCorrectiveAction(at(d2), op, c2.id, {
    kind: 'limitation',
    text: 'Tỷ lệ nguồn tin về tội phạm giải quyết đúng hạn ở một số phường chưa đạt yêu cầu.',
    measure: 'Công an Thành phố kiểm tra, hướng dẫn nghiệp vụ tiếp nhận, phân loại, chuyển nguồn tin đúng thời hạn.',
    ownerUnitId: await unit('CATP'),
    deadlineOn: addDays(d2, 90),
  });
}
