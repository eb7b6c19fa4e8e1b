import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { CreateIncidentInput } from '../../src/contracts/incidents.ts';
import { openChangeFeed, type ChangeEvent } from '../../src/server/db/events.ts';
import type { Actor } from '../../src/server/kernel/actor.ts';
import { DomainError } from '../../src/server/kernel/errors.ts';
import { vnToday } from '../../src/server/kernel/context.ts';
import { createIncident, escalateIncident, mergeIncident } from '../../src/server/modules/incidents/incident.service.ts';
import { findDuplicateIncidents, getIncident } from '../../src/server/modules/incidents/incident-queries.service.ts';
import { getChallenge, submitTip } from '../../src/server/modules/tips/tip-public.service.ts';
import { getTip, linkTipIncident, recordTipReceipt, relatedIncidentsForTip } from '../../src/server/modules/tips/tip.service.ts';
import { solved, tipBody } from '../../src/server/modules/tips/tip.fixtures.ts';
import { incidentStatistics } from '../../src/server/modules/statistics/statistics.service.ts';
import { actorFor, makeUser } from '../../src/server/seed/factories.ts';
import { backends, DEMO_PASSWORD, openTestDb, unitIdByCode, type TestDb } from '../support/db.ts';

async function refused(p: Promise<unknown>, code: string): Promise<void> {
  await expect(p).rejects.toSatisfy((e: unknown) => e instanceof DomainError && e.code === code);
}

const until = async (cond: () => boolean, ms = 5_000): Promise<void> => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

/** Situations ↔ tips: live publishing, notifications, duplicate suggestions and merging, a tip opening or joining a situation. */
describe.each(backends())('situation links [%s]', (backend) => {
  let t: TestDb;
  const u: Record<string, string> = {};
  const a: Record<string, Actor> = {};
  const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000).toISOString();
  const input = (over: Partial<CreateIncidentInput> = {}): CreateIncidentInput => ({
    title: 'Tụ tập đua xe trái phép trên đường Tôn Đức Thắng',
    category: 'mass_gathering',
    severity: 'serious',
    occurredAt: hoursAgo(2),
    communeCode: '26743',
    address: 'Đường Tôn Đức Thắng',
    point: null,
    source: 'patrol',
    description: 'Tổ tuần tra phát hiện khoảng 30 thanh niên tụ tập.',
    peopleInvolved: 30,
    injured: 0,
    dead: 0,
    damageVnd: 0,
    leadUnitId: u['CAX-26743']!,
    supporting: [],
    ...over,
  });
  const sendTip = async (over: Parameters<typeof tipBody>[0] = {}) => {
    const creds = await submitTip(t.ctx, { ...tipBody(over), ...solved(await getChallenge(t.ctx)) } as Parameters<typeof submitTip>[1]);
    return (await sql<{ id: string }>`select id from tips where tracking_code = ${creds.trackingCode}`.execute(t.db)).rows[0]!.id;
  };
  const inbox = async (username: string, kind: string, incidentId: string) =>
    (
      await sql<{ n: number }>`select count(*)::int as n from notifications n join users u on u.id = n.user_id where u.username = ${username} and n.kind = ${kind} and n.params->>'incidentId' = ${incidentId}`.execute(
        t.db,
      )
    ).rows[0]!.n;

  beforeAll(async () => {
    t = await openTestDb(backend);
    for (const code of ['CATP', 'CATP-PC02', 'CAX-26743', 'CAX-26740']) u[code] = await unitIdByCode(t.db, code);
    for (const name of ['admin', 'thammuu', 'canbo.benthanh', 'canbo.saigon']) a[name] = await actorFor(t.ctx, name, DEMO_PASSWORD);
    await makeUser(t.ctx, { username: 'links.pc02', unitId: u['CATP-PC02']!, roles: ['unit_officer'] });
    a['pc02'] = await actorFor(t.ctx, 'links.pc02');
  });
  afterAll(async () => t?.close());

  it('announces situation and tip changes on commit, with the units that decide who sees them', async () => {
    const feed = await openChangeFeed(t.database);
    const got: ChangeEvent[] = [];
    feed.subscribe((e) => {
      if ('id' in e) got.push(e);
    });
    try {
      const i = await createIncident(t.ctx, a['canbo.benthanh']!, input());
      await until(() => got.some((e) => e.id === i.id));
      const ev = got.find((e) => e.id === i.id)!;
      expect(ev.type).toBe('incident');
      expect(ev.unitIds).toEqual(expect.arrayContaining([u['CAX-26743'], u['CATP']]));
      expect(ev.communeCode).toBe('26743');

      const tipId = await sendTip();
      await until(() => got.some((e) => e.id === tipId));
      await recordTipReceipt(t.ctx, a['canbo.benthanh']!, tipId, { officerName: 'Trần Văn Trực', form: 'portal', content: 'Ghi nhận', materials: null });
      await until(() => got.filter((e) => e.id === tipId).length === 2);
      const tipEvents = got.filter((e) => e.id === tipId);
      expect(tipEvents.every((e) => e.type === 'tip' && e.unitIds.includes(u['CAX-26743']!) && e.communeCode === null)).toBe(true);
    } finally {
      await feed.close();
    }
  });

  it('tells the units concerned: assignment to lead and supporting units, escalation to the department', async () => {
    const i = await createIncident(t.ctx, a['canbo.benthanh']!, input({ supporting: [{ unitId: u['CAX-26740']!, assignment: 'Chốt chặn đầu cầu' }] }));
    expect(await inbox('canbo.saigon', 'incident_assigned', i.id)).toBe(1);
    expect(await inbox('canbo.benthanh', 'incident_assigned', i.id)).toBe(0); // never the actor
    await escalateIncident(t.ctx, a['canbo.benthanh']!, i.id, { version: i.version, toLevel: 'department', unitId: u['CATP-PC02']!, reason: 'Có dấu hiệu tổ chức đua xe' });
    expect(await inbox('links.pc02', 'incident_escalated', i.id)).toBe(1);
  });

  it('suggests likely duplicates (same commune and category within 48 h) and merges one into the other', async () => {
    const bt = a['canbo.benthanh']!;
    const kept = await createIncident(t.ctx, bt, input({ category: 'drugs', title: 'Nghi mua bán ma túy tại hẻm 12', occurredAt: hoursAgo(10) }));
    const dup = await createIncident(t.ctx, bt, input({ category: 'drugs', title: 'Tin báo 113: mua bán ma túy hẻm 12', source: 'call_113', occurredAt: hoursAgo(8) }));
    const otherCategory = await createIncident(t.ctx, bt, input({ category: 'traffic_accident', occurredAt: hoursAgo(9) }));
    const tooOld = await createIncident(t.ctx, bt, input({ category: 'drugs', occurredAt: hoursAgo(80) }));
    const otherCommune = await createIncident(t.ctx, a['canbo.saigon']!, input({ category: 'drugs', communeCode: '26740', leadUnitId: u['CAX-26740']!, occurredAt: hoursAgo(9) }));

    const sugg = await findDuplicateIncidents(t.ctx, bt, dup.id);
    const ids = sugg.items.map((x) => x.id);
    expect(sugg.windowHours).toBe(48);
    expect(ids).toContain(kept.id);
    for (const x of [dup, otherCategory, tooOld, otherCommune]) expect(ids).not.toContain(x.id);

    // A tip already joined the duplicate: it follows the merge.
    const tipId = await sendTip();
    await linkTipIncident(t.ctx, bt, tipId, { incidentId: dup.id });

    await refused(mergeIncident(t.ctx, bt, dup.id, { version: dup.version, intoId: kept.id, reason: 'Trùng' }), 'forbidden'); // the commune does not oversee its own situation
    const boss = a['thammuu']!;
    const fresh = await getIncident(t.ctx, boss, dup.id);
    await refused(mergeIncident(t.ctx, boss, dup.id, { version: fresh.version, intoId: dup.id, reason: 'x' }), 'incident.invalid_merge');
    // Days in Vietnam (occurred_on is the Asia/Ho_Chi_Minh date).
    const today = t.ctx.today();
    const weekAgo = vnToday(new Date(Date.now() - 7 * 86400_000));
    const drugsHere = async () =>
      (await incidentStatistics(t.ctx, boss, { period: 'custom', from: weekAgo, to: today, groupBy: 'category', category: 'drugs', communeCode: '26743' })).total.current.incidents;
    const countedBefore = await drugsHere();
    const merged = await mergeIncident(t.ctx, boss, dup.id, { version: fresh.version, intoId: kept.id, reason: 'Cùng một vụ: tin báo 113 và tuần tra' });
    expect(merged.mergedInto).toEqual({ id: kept.id, code: kept.code });
    expect([merged.state, merged.status]).toEqual(['closed', 'closed']);
    expect(merged.abilities.merge).toBe(false);
    expect(await drugsHere()).toBe(countedBefore - 1); // counted once, as the situation kept
    expect((await getTip(t.ctx, bt, tipId)).incident?.id).toBe(kept.id);
    const keptDetail = await getIncident(t.ctx, boss, kept.id);
    expect(keptDetail.events.map((e) => e.kind)).toContain('merged_from');
    // A merged situation is no longer suggested, nor can anything be merged into it.
    expect((await findDuplicateIncidents(t.ctx, bt, kept.id)).items.map((x) => x.id)).not.toContain(dup.id);
    const k2 = await getIncident(t.ctx, boss, kept.id);
    await refused(mergeIncident(t.ctx, boss, kept.id, { version: k2.version, intoId: dup.id, reason: 'x' }), 'incident.invalid_merge');
  });

  it('a tip opens a situation (source tip, place and text from the tip) once; another tip joins it', async () => {
    const bt = a['canbo.benthanh']!;
    const tipId = await sendTip({ occurredAt: null });
    expect((await getTip(t.ctx, bt, tipId)).abilities.linkIncident).toBe(true);
    const tip = await linkTipIncident(t.ctx, bt, tipId, { open: { title: 'Mua bán ma túy theo tin báo', category: 'drugs', severity: 'serious' } });
    expect(tip.incident).not.toBeNull();
    expect(tip.abilities.linkIncident).toBe(false);
    expect(tip.events.at(-1)).toMatchObject({ kind: 'incident_linked', data: { opened: true } });
    const inc = await getIncident(t.ctx, bt, tip.incident!.id);
    expect([inc.source, inc.communeCode, inc.leadUnit.id, inc.description]).toEqual(['tip', '26743', u['CAX-26743'], tip.what]);
    expect(inc.point).toEqual({ lat: 10.7725, lon: 106.698 });
    expect(inc.events.map((e) => e.kind)).toContain('tip_linked');
    await refused(linkTipIncident(t.ctx, bt, tipId, { incidentId: inc.id }), 'tip.already_linked');

    const second = await sendTip({ occurredAt: null });
    const related = await relatedIncidentsForTip(t.ctx, bt, second);
    expect(related.items.map((x) => x.id)).toContain(inc.id);
    const joined = await linkTipIncident(t.ctx, bt, second, { incidentId: inc.id });
    expect(joined.incident).toEqual({ id: inc.id, code: inc.code });
    // A situation the handler cannot see is "not found", never joined.
    const hidden = await createIncident(t.ctx, a['canbo.saigon']!, input({ communeCode: '26740', leadUnitId: u['CAX-26740']! }));
    await refused(linkTipIncident(t.ctx, bt, await sendTip(), { incidentId: hidden.id }), 'not_found');
    // Commune B's officer cannot link commune A's tip.
    await refused(linkTipIncident(t.ctx, a['canbo.saigon']!, await sendTip(), { incidentId: hidden.id }), 'not_found');
  });
});
