import type { Achievement, Evidence } from '../../../contracts/awards.ts';
import type { Actor } from '../../kernel/actor.ts';
import type { Ctx } from '../../kernel/context.ts';
import { vnToday } from '../../kernel/context.ts';
import { listIncidents } from '../incidents/incident-queries.service.ts';
import { incidentCode } from '../incidents/incident.ts';
import { listTasks } from '../tasks/task-queries.service.ts';
import { listTips } from '../tips/tip.service.ts';
import { listCampaignResults, listCampaigns } from '../campaigns/campaign.service.ts';
import { INDICATOR_LABELS_VI, type IndicatorKey } from '../../../contracts/campaigns.ts';

/**
 * Measured achievements of a unit over a period, read from the records through the owning
 * modules' services (so the reader's scope applies, as on their pages):
 * - tasks completed on time as the lead unit (status "hoàn thành đúng hạn"), completed in the period;
 * - situations (vụ việc) closed in the period with the unit as lead unit (merged duplicates excluded);
 * - citizen tips received in the period, handled by the unit and settled within the legal deadline
 *   of BLTTHS art. 147 (the tips module's clock, as its page shows it).
 * - campaign results (đợt cao điểm): per campaign overlapping the period in which the unit takes
 *   part, the results it reported in the period (count = result reports; the note sums the
 *   indicators), with the campaign and the situations and tips attached as evidence.
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

  const campaigns = await allPages((offset) => listCampaigns(ctx, actor, { limit: PAGE, offset }));
  const campaignItems: Achievement[] = [];
  for (const c of campaigns) {
    if (c.toOn < from || c.fromOn > to || !c.units.some((u) => u.id === unit.id)) continue;
    const results = (await allPages((offset) => listCampaignResults(ctx, actor, c.id, { unitId: unit.id, limit: PAGE, offset }))).filter((r) => r.unit.id === unit.id && r.fromOn >= from && r.toOn <= to);
    if (results.length === 0) continue;
    const sums = new Map<IndicatorKey, number>();
    for (const r of results) for (const [k, v] of Object.entries(r.values)) sums.set(k as IndicatorKey, (sums.get(k as IndicatorKey) ?? 0) + (v ?? 0));
    const evidence: Evidence[] = [
      { type: 'campaign', id: c.id, label: c.name, href: `/campaigns/${c.id}` },
      ...results.flatMap((r) => r.incidents.map((i) => ({ type: 'incident' as const, id: i.id, label: `${incidentCode(i.number)} — ${i.title}`, href: `/incidents/${i.id}` }))),
      ...results.flatMap((r) => r.tips.map((tp) => ({ type: 'tip' as const, id: tp.id, label: tp.trackingCode, href: `/tips/${tp.id}` }))),
    ];
    const note = `${c.name}: ${[...sums].filter(([, v]) => v > 0).map(([k, v]) => `${INDICATOR_LABELS_VI[k]} ${Math.round(v * 100) / 100}`).join('; ')}`;
    campaignItems.push({ measure: 'campaign_results', count: results.length, unitId: unit.id, unitName: unit.name, periodFrom: from, periodTo: to, note, evidence: evidence.slice(0, EVIDENCE_MAX) });
  }

  return [
    ...campaignItems,
    achievement('tasks_on_time_as_lead', unit, from, to, taskEvidence, 'Nhiệm vụ chủ trì, hoàn thành đúng hạn trong kỳ'),
    achievement('situations_closed_as_lead', unit, from, to, incidentEvidence, 'Vụ việc chủ trì giải quyết, kết thúc trong kỳ'),
    achievement('tips_settled_on_time', unit, from, to, tipEvidence, 'Nguồn tin tiếp nhận trong kỳ, giải quyết trong thời hạn Điều 147 BLTTHS'),
  ];
}
