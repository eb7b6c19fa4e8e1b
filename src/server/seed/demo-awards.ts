import { operatorActor } from '../kernel/actor.ts';
import type { Ctx } from '../kernel/context.ts';
import { createNomination, recordExternalDecision } from '../modules/awards/award.service.ts';
import { listPeople } from '../modules/organisation/person.service.ts';
import { findUnitByCode } from '../modules/organisation/unit.repository.ts';
import { DEMO_CONFERENCE } from './demo-coordination.ts';
import { makePerson } from './factories.ts';

/**
 * Awards of the demo city, through the awards use cases:
 *
 * 1. The founding report (shared/fixtures/hoi-nghi-phoi-hop-antt-tphcm.txt) closes with: "Bộ
 *    trưởng Bộ Công an đã tặng Kỷ niệm chương 'Bảo vệ an ninh Tổ quốc' cho 5 đồng chí lãnh đạo
 *    Thành phố". It names neither the five nor the decision: the five are recorded by position
 *    ("lãnh đạo Thành phố", numbered 1–5), the decision with the conference's placeholder date
 *    (demo-coordination.ts) and an ILLUSTRATIVE number — both marked in its summary. The signer is
 *    the Minister named in the report (Thượng tướng Tô Lâm, a public fact of the news report).
 *    It is recorded as a decision issued outside the platform (the Ministry's own procedure).
 * 2. One open nomination: a Bằng khen của Chủ tịch UBND Thành phố for the head of Công an phường
 *    Bến Thành, pre-filled from the ward's records of the last twelve months, awaiting the council.
 */
export const FOUNDING_MEDALS_DECISION = {
  numberSymbol: '01/QĐ-BCA',
  issuerName: 'Bộ Công an',
  signerTitle: 'BỘ TRƯỞNG',
  signerName: 'Thượng tướng Tô Lâm',
} as const;

export async function loadDemoAwards(ctx: Ctx): Promise<{ decisionId: string; nominationId: string }> {
  const op = operatorActor('demo');
  const btv = await findUnitByCode(ctx.db, 'TU-HCM-BTV');
  if (!btv) throw new Error('demo awards: unit TU-HCM-BTV missing');
  const awardees: { nomineeType: 'person'; personId: string; citation: string }[] = [];
  for (let i = 1; i <= 5; i++) {
    const p = await makePerson(ctx, btv.id, `Lãnh đạo Thành phố (${i}/5)`, null, 'Lãnh đạo Thành phố — bản tin không nêu tên, chức vụ', '2015-01-01');
    awardees.push({
      nomineeType: 'person',
      personId: p.id,
      citation: 'Đã có thành tích xuất sắc trong công tác đảm bảo an ninh, trật tự, xây dựng lực lượng Công an nhân dân',
    });
  }
  const decision = await recordExternalDecision(ctx, op, {
    ...FOUNDING_MEDALS_DECISION,
    kind: 'knc_bv_antq',
    decidedOn: DEMO_CONFERENCE.heldOn,
    parentBody: null,
    summary:
      'Về việc tặng Kỷ niệm chương “Bảo vệ an ninh Tổ quốc” cho 5 đồng chí lãnh đạo Thành phố Hồ Chí Minh (trao tại Hội nghị tăng cường phối hợp lãnh đạo, chỉ đạo bảo đảm an ninh trật tự; số và ngày quyết định là minh họa — bản tin không nêu)',
    awardees,
  });

  const ward = await findUnitByCode(ctx.db, 'CAX-26743');
  if (!ward) throw new Error('demo awards: unit CAX-26743 missing');
  const head = (await listPeople(ctx, op, { unitId: ward.id, limit: 50, offset: 0 })).items.find((p) => p.positions.some((x) => x.title === 'Trưởng Công an phường'));
  if (!head) throw new Error('demo awards: head of Công an phường Bến Thành missing');
  const today = ctx.today();
  const from = `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`;
  const nomination = await createNomination(ctx, op, {
    kind: 'bang_khen_chu_tich_ubnd',
    nomineeType: 'person',
    personId: head.id,
    periodFrom: from === `${Number(today.slice(0, 4)) - 1}-02-29` ? from.replace('-02-29', '-02-28') : from,
    periodTo: today,
    facts: { excellentYears: 2 },
    summary: 'Chỉ huy Công an phường Bến Thành hoàn thành xuất sắc nhiệm vụ bảo đảm an ninh, trật tự trên địa bàn trung tâm; các nhiệm vụ chủ trì hoàn thành đúng hạn, vụ việc và nguồn tin được giải quyết trong thời hạn.',
  });
  return { decisionId: decision.id, nominationId: nomination.id };
}
