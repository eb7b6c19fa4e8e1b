import type { Achievement, Evidence } from '../../../contracts/awards.ts';
import type { Actor } from '../../kernel/actor.ts';
import type { Ctx } from '../../kernel/context.ts';
import { vnToday } from '../../kernel/context.ts';
import { listIncidents } from '../incidents/incident-queries.service.ts';
import { listTasks } from '../tasks/task-queries.service.ts';
import { listTips } from '../tips/tip.service.ts';

/**
 * Measured achievements of a unit over a period, read from the records through the owning
 * modules' services (so the reader's scope applies, as on their pages):
 * - tasks completed on time as the lead unit (status "hoàn thành đúng hạn"), completed in the period;
 * - situations (vụ việc) closed in the period with the unit as lead unit (merged duplicates excluded);
 * - citizen tips received in the period, handled by the unit and settled within the legal deadline
 *   of BLTTHS art. 147 (the tips module's clock, as its page shows it).
 * Campaign results: the campaigns module has not landed; when it does, its service adds a line here.
 * Each achievement lists its evidence (links to the records, at most EVIDENCE_MAX) with an exact count.
 */
export const EVIDENCE_MAX = 50;
const PAGE = 200;

async function allPages<T>(fetch: (offset: number) => Promise<{ total: number; items: T[] }>): Promise<T[]> {
  const out: T[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const p = await fetch(offset);
    out.push(...p.items);
    if (p.items.length < PAGE || out.length >= p.total) return out;
  }
}

const within = (d: string | null | undefined, from: string, to: string): boolean => !!d && d >= from && d <= to;

function achievement(measure: Achievement['measure'], unit: { id: string; name: string }, from: string, to: string, evidence: Evidence[], note: string): Achievement {
  return { measure, count: evidence.length, unitId: unit.id, unitName: unit.name, periodFrom: from, periodTo: to, note, evidence: evidence.slice(0, EVIDENCE_MAX) };
}

export async function measureAchievements(ctx: Ctx, actor: Actor, unit: { id: string; name: string }, from: string, to: string): Promise<Achievement[]> {
  const tasks = await allPages((offset) => listTasks(ctx, actor, { unitId: unit.id, unitRole: 'lead', status: 'completed_on_time', limit: PAGE, offset }));
  const taskEvidence: Evidence[] = tasks
    .filter((t) => t.leadUnit.id === unit.id && within(t.completedOn, from, to))
    .sort((a, b) => (a.completedOn! < b.completedOn! ? -1 : 1))
    .map((t) => ({ type: 'task', id: t.id, label: `${t.code} — ${t.title}`, href: `/tasks/${t.id}` }));

  const incidents = await allPages((offset) => listIncidents(ctx, actor, { status: 'closed', to, limit: PAGE, offset }));
  const incidentEvidence: Evidence[] = incidents
    .filter((i) => i.leadUnit.id === unit.id && i.mergedInto === null && i.closedAt !== null && within(vnToday(new Date(i.closedAt)), from, to))
    .sort((a, b) => (a.closedAt! < b.closedAt! ? -1 : 1))
    .map((i) => ({ type: 'incident', id: i.id, label: `${i.code} — ${i.title}`, href: `/incidents/${i.id}` }));

  const tips = await allPages((offset) => listTips(ctx, actor, { deadline: 'settled_on_time', receivedFrom: from, receivedTo: to, limit: PAGE, offset }));
  const tipEvidence: Evidence[] = tips
    .filter((t) => t.handlingUnit.id === unit.id)
    .sort((a, b) => (a.receivedAt < b.receivedAt ? -1 : 1))
    .map((t) => ({ type: 'tip', id: t.id, label: t.trackingCode, href: `/tips/${t.id}` }));

  return [
    achievement('tasks_on_time_as_lead', unit, from, to, taskEvidence, 'Nhiệm vụ chủ trì, hoàn thành đúng hạn trong kỳ'),
    achievement('situations_closed_as_lead', unit, from, to, incidentEvidence, 'Vụ việc chủ trì giải quyết, kết thúc trong kỳ'),
    achievement('tips_settled_on_time', unit, from, to, tipEvidence, 'Nguồn tin tiếp nhận trong kỳ, giải quyết trong thời hạn Điều 147 BLTTHS'),
  ];
}
