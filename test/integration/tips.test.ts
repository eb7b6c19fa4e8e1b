import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { actorFor, makeUser } from '../../src/server/seed/factories.ts';
import { operatorActor, type Actor } from '../../src/server/kernel/actor.ts';
import { getChallenge, submitTip } from '../../src/server/modules/tips/tip-public.service.ts';
import { classifyTip, getTip, listTips, recordTipReceipt, setTipCommuneRemote, transferTip } from '../../src/server/modules/tips/tip.service.ts';
import { scanTipDeadlines } from '../../src/server/modules/tips/tip.reminders.ts';
import { canViewTip } from '../../src/server/modules/tips/tip.policy.ts';
import { accessRecord } from '../../src/server/modules/tips/tip.presenter.ts';
import { findTipById } from '../../src/server/modules/tips/tip.repository.ts';
import { solved, tipBody } from '../../src/server/modules/tips/tip.fixtures.ts';
import { backends, DEMO_PASSWORD, openTestDb, unitIdByCode, type TestDb } from '../support/db.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe.each(backends())('tips use cases [%s]', (backend) => {
  let t: TestDb;
  const actors: Record<string, Actor> = {};
  let pc02: string;

  const send = async (over: Parameters<typeof tipBody>[0] = {}) => {
    const creds = await submitTip(t.ctx, { ...tipBody(over), ...solved(await getChallenge(t.ctx)) } as Parameters<typeof submitTip>[1]);
    const row = await sql<{ id: string }>`select id from tips where tracking_code = ${creds.trackingCode}`.execute(t.db);
    return row.rows[0]!.id;
  };
  const inbox = async (username: string, kind: string, tipId: string) =>
    (
      await sql<{ n: number }>`select count(*)::int as n from notifications n join users u on u.id = n.user_id where u.username = ${username} and n.kind = ${kind} and n.params->>'tipId' = ${tipId}`.execute(
        t.db,
      )
    ).rows[0]!.n;

  beforeAll(async () => {
    t = await openTestDb(backend);
    pc02 = await unitIdByCode(t.db, 'CATP-PC02');
    await makeUser(t.ctx, { username: 'tipsi.dtv', unitId: pc02, roles: ['unit_officer'] });
    for (const u of ['canbo.benthanh', 'canbo.saigon', 'lanhdao', 'thammuu', 'theodoi', 'admin']) actors[u] = await actorFor(t.ctx, u, DEMO_PASSWORD);
    actors['dtv'] = await actorFor(t.ctx, 'tipsi.dtv');
  });
  afterAll(async () => t?.close());

  it('lists only tips the policy lets the actor see (list scope = canViewTip)', async () => {
    const a = await send();
    const b = await send({ communeCode: '26740', address: '1 Nguyễn Huệ' });
    await recordTipReceipt(t.ctx, actors['canbo.benthanh']!, a, { officerName: 'Cán bộ A', form: 'portal', content: 'x' });
    await classifyTip(t.ctx, actors['canbo.benthanh']!, a, { classification: 'within_competence' });
    await transferTip(t.ctx, actors['canbo.benthanh']!, a, { unitId: pc02 });
    const seen: Record<string, string[]> = {};
    for (const [name, actor] of Object.entries(actors)) {
      const page = await listTips(t.ctx, actor, { limit: 200, offset: 0 });
      seen[name] = page.items.map((i) => i.id);
      for (const item of page.items) expect(canViewTip(actor, accessRecord((await findTipById(t.db, item.id))!)), `${name} ${item.id}`).toBe(true);
      for (const id of [a, b]) {
        const visible = canViewTip(actor, accessRecord((await findTipById(t.db, id))!));
        expect(seen[name]!.includes(id), `${name} lists ${id}`).toBe(visible);
      }
    }
    expect(seen['canbo.benthanh']).toContain(a);
    expect(seen['canbo.benthanh']).not.toContain(b);
    expect(seen['canbo.saigon']).toContain(b);
    expect(seen['canbo.saigon']).not.toContain(a);
    expect(seen['dtv']).toContain(a);
    expect(seen['dtv']).not.toContain(b);
    expect(seen['admin']).toEqual(expect.arrayContaining([a, b]));
  });

  it('gives remote communes 48 hours to transfer', async () => {
    await setTipCommuneRemote(t.ctx, operatorActor('test'), '26740', true);
    const id = await send({ communeCode: '26740', address: '1 Nguyễn Huệ' });
    const tip = await getTip(t.ctx, actors['canbo.saigon']!, id);
    expect(Date.parse(tip.clock.transferDueAt) - Date.parse(tip.receivedAt)).toBe(48 * HOUR);
    await setTipCommuneRemote(t.ctx, operatorActor('test'), '26740', false);
  });

  it('the deadline scan tells handlers once per deadline: transfer SLA, then art. 147', async () => {
    const id = await send();
    const received = Date.parse((await getTip(t.ctx, actors['canbo.benthanh']!, id)).receivedAt);
    const sys = operatorActor('scan');
    await scanTipDeadlines(t.ctx, sys, { now: new Date(received + 10 * HOUR) });
    expect(await inbox('canbo.benthanh', 'tip_transfer_due', id)).toBe(0);
    await scanTipDeadlines(t.ctx, sys, { now: new Date(received + 20 * HOUR) });
    await scanTipDeadlines(t.ctx, sys, { now: new Date(received + 21 * HOUR) });
    expect(await inbox('canbo.benthanh', 'tip_transfer_due', id)).toBe(1);
    await scanTipDeadlines(t.ctx, sys, { now: new Date(received + 25 * HOUR) });
    expect(await inbox('canbo.benthanh', 'tip_transfer_due', id)).toBe(2); // once more when late

    await recordTipReceipt(t.ctx, actors['canbo.benthanh']!, id, { officerName: 'Cán bộ A', form: 'portal', content: 'x' });
    await classifyTip(t.ctx, actors['canbo.benthanh']!, id, { classification: 'within_competence' });
    await transferTip(t.ctx, actors['canbo.benthanh']!, id, { unitId: pc02 });
    await scanTipDeadlines(t.ctx, sys, { now: new Date(received + 10 * DAY) });
    expect(await inbox('tipsi.dtv', 'tip_deadline_soon', id)).toBe(0);
    await scanTipDeadlines(t.ctx, sys, { now: new Date(received + 18 * DAY) });
    await scanTipDeadlines(t.ctx, sys, { now: new Date(received + 18 * DAY + HOUR) });
    expect(await inbox('tipsi.dtv', 'tip_deadline_soon', id)).toBe(1);
    await scanTipDeadlines(t.ctx, sys, { now: new Date(received + 22 * DAY) });
    expect(await inbox('tipsi.dtv', 'tip_overdue', id)).toBe(1);
    expect(await inbox('canbo.benthanh', 'tip_overdue', id)).toBe(0);
  });

  it('never writes the sender or the content into the audit trail', async () => {
    const id = await send();
    const rows = await sql<{ data: unknown }>`select data from audit_log where entity_id = ${id}`.execute(t.db);
    const text = JSON.stringify(rows.rows);
    expect(rows.rows.length).toBeGreaterThan(0);
    expect(text).not.toContain('Nguyễn Văn Báo');
    expect(text).not.toContain('ma túy');
  });
});
