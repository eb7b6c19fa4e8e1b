import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { BoardAction } from '../../src/contracts/board.ts';
import type { Actor } from '../../src/server/kernel/actor.ts';
import { getBoard, sortActions } from '../../src/server/modules/board/board.service.ts';
import { createIncident, decideSignificance, reportClosing } from '../../src/server/modules/incidents/incident.service.ts';
import { getChallenge, submitTip } from '../../src/server/modules/tips/tip-public.service.ts';
import { recordTipReceipt } from '../../src/server/modules/tips/tip.service.ts';
import { solved, tipBody } from '../../src/server/modules/tips/tip.fixtures.ts';
import { actorFor } from '../../src/server/seed/factories.ts';
import { backends, DEMO_PASSWORD, openTestDb, unitIdByCode, type TestDb } from '../support/db.ts';

const act = (over: Partial<BoardAction>): BoardAction => ({ type: 'tip', id: 'x', code: 'x', title: 'x', reason: 'settle', dueAt: null, overdue: false, ...over });

describe('sortActions: overdue first, then nearest deadline, then in the order found', () => {
  it.each([
    [[act({ id: 'a' }), act({ id: 'b', overdue: true, dueAt: '2026-11-01T00:00:00Z' })], ['b', 'a']],
    [[act({ id: 'a', dueAt: '2026-12-05T00:00:00Z' }), act({ id: 'b', dueAt: '2026-12-01T00:00:00Z' })], ['b', 'a']],
    [[act({ id: 'a' }), act({ id: 'b', dueAt: '2026-12-01T00:00:00Z' })], ['b', 'a']],
    [[act({ id: 'a' }), act({ id: 'b' })], ['a', 'b']],
  ])('%#', (input, ids) => {
    expect(sortActions(input).map((a) => a.id)).toEqual(ids);
  });
});

describe.each(backends())('live board [%s]', (backend) => {
  let t: TestDb;
  const a: Record<string, Actor> = {};
  let bt: string;
  const sendTip = async (communeCode = '26743') => {
    const creds = await submitTip(t.ctx, { ...tipBody({ communeCode }), ...solved(await getChallenge(t.ctx)) } as Parameters<typeof submitTip>[1]);
    return (await sql<{ id: string }>`select id from tips where tracking_code = ${creds.trackingCode}`.execute(t.db)).rows[0]!.id;
  };

  beforeAll(async () => {
    t = await openTestDb(backend);
    bt = await unitIdByCode(t.db, 'CAX-26743');
    for (const name of ['thammuu', 'canbo.benthanh', 'canbo.saigon', 'theodoi']) a[name] = await actorFor(t.ctx, name, DEMO_PASSWORD);
  });
  afterAll(async () => t?.close());

  it('lists what waits for the viewer’s own action, and only that', async () => {
    const tipId = await sendTip();
    let board = await getBoard(t.ctx, a['canbo.benthanh']!);
    expect(board.actions).toContainEqual(expect.objectContaining({ type: 'tip', id: tipId, reason: 'record_receipt' }));
    expect(board.tips.map((x) => x.id)).toContain(tipId);
    // Commune B neither sees nor is asked to act on commune A's tip.
    const other = await getBoard(t.ctx, a['canbo.saigon']!);
    expect(other.actions.map((x) => x.id)).not.toContain(tipId);
    expect(other.tips.map((x) => x.id)).not.toContain(tipId);

    await recordTipReceipt(t.ctx, a['canbo.benthanh']!, tipId, { officerName: 'Trần Văn Trực', form: 'portal', content: 'Ghi nhận', materials: null });
    board = await getBoard(t.ctx, a['canbo.benthanh']!);
    expect(board.actions.filter((x) => x.id === tipId).map((x) => x.reason)).toEqual(['classify']);

    // A situation: new → the lead unit starts handling; closing report → the level above confirms; proposed → verified above.
    let i = await createIncident(t.ctx, a['canbo.benthanh']!, {
      title: 'Trộm cắp xe máy tại chung cư',
      category: 'social_order',
      severity: 'minor',
      occurredAt: new Date(Date.now() - 3600_000).toISOString(),
      communeCode: '26743',
      source: 'patrol',
      description: 'Mất một xe máy tại tầng hầm.',
      peopleInvolved: 1,
      injured: 0,
      dead: 0,
      damageVnd: 30_000_000,
      leadUnitId: bt,
      supporting: [],
    });
    board = await getBoard(t.ctx, a['canbo.benthanh']!);
    expect(board.actions).toContainEqual(expect.objectContaining({ type: 'incident', id: i.id, reason: 'start_handling' }));
    i = await decideSignificance(t.ctx, a['canbo.benthanh']!, i.id, { version: i.version, action: 'propose', reason: 'Nhiều vụ tương tự' });
    i = await reportClosing(t.ctx, a['canbo.benthanh']!, i.id, { version: i.version, report: 'Đã thu hồi xe, bàn giao cơ quan điều tra.' });
    const boss = await getBoard(t.ctx, a['thammuu']!);
    expect(boss.actions.filter((x) => x.id === i.id).map((x) => x.reason).sort()).toEqual(['confirm_closure', 'verify_significance']);
    expect(boss.counts.incidentActions).toBe(boss.actions.filter((x) => x.type === 'incident').length);
    const mine = await getBoard(t.ctx, a['canbo.benthanh']!);
    expect(mine.actions.map((x) => x.id)).not.toContain(i.id);
    // A read-only viewer sees records but is never asked to act.
    const viewer = await getBoard(t.ctx, a['theodoi']!);
    expect(viewer.actions).toEqual([]);
  });
});
