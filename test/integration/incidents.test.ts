import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreateIncidentInput, Incident, IncidentLevel, IncidentState } from '../../src/contracts/incidents.ts';
import { INCIDENT_LEVELS, INCIDENT_STATES } from '../../src/contracts/incidents.ts';
import type { Actor } from '../../src/server/kernel/actor.ts';
import { operatorActor } from '../../src/server/kernel/actor.ts';
import { DomainError } from '../../src/server/kernel/errors.ts';
import { vnToday } from '../../src/server/kernel/context.ts';
import { deriveIncidentStatus } from '../../src/server/modules/incidents/incident.ts';
import { canViewIncident } from '../../src/server/modules/incidents/incident.policy.ts';
import { accessRecord } from '../../src/server/modules/incidents/incident.presenter.ts';
import { listIncidents as listRows, statusesInSql } from '../../src/server/modules/incidents/incident.repository.ts';
import {
  addLogEntry,
  addSupportingUnit,
  changeIncidentCategory,
  createIncident,
  decideClosure,
  decideSignificance,
  deescalateIncident,
  escalateIncident,
  reopenIncident,
  reportClosing,
} from '../../src/server/modules/incidents/incident.service.ts';
import { getIncident, listIncidents } from '../../src/server/modules/incidents/incident-queries.service.ts';
import { categoryChangeStatistics } from '../../src/server/modules/statistics/statistics.service.ts';
import { actorFor, makeUser } from '../../src/server/seed/factories.ts';
import { backends, countRows, DEMO_PASSWORD, openTestDb, unitIdByCode, type TestDb } from '../support/db.ts';

const TABLES = ['incidents', 'incident_units', 'incident_events', 'incident_category_changes', 'audit_log'] as const;

async function refused(p: Promise<unknown>, code: string): Promise<DomainError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).code).toBe(code);
    return e as DomainError;
  }
  throw new Error(`expected ${code}`);
}

describe.each(backends())('incidents [%s]', (backend) => {
  let t: TestDb;
  const u: Record<string, string> = {};
  const a: Record<string, Actor> = {};
  const counts = async () => {
    const out = {} as Record<(typeof TABLES)[number], number>;
    for (const x of TABLES) out[x] = await countRows(t.db, x);
    return out;
  };
  const anHourAgo = () => new Date(Date.now() - 3600_000).toISOString();
  const input = (over: Partial<CreateIncidentInput> = {}): CreateIncidentInput => ({
    title: 'Cướp giật tài sản trên đường Lê Lợi',
    category: 'social_order',
    severity: 'serious',
    occurredAt: anHourAgo(),
    communeCode: '26743',
    address: 'Đường Lê Lợi, phường Bến Thành',
    point: { lat: 10.7726, lon: 106.6981 },
    source: 'call_113',
    description: 'Người dân báo 113: hai đối tượng đi xe máy giật túi xách của người đi bộ.',
    peopleInvolved: 3,
    injured: 1,
    dead: 0,
    damageVnd: 15_000_000,
    leadUnitId: u['CAX-26743']!,
    supporting: [],
    ...over,
  });

  beforeAll(async () => {
    t = await openTestDb(backend);
    for (const code of ['HCM', 'CATP', 'CATP-PC02', 'CATP-PV01', 'CAX-26743', 'CAX-26740', 'SO-TP', 'TU-HCM-BTV']) u[code] = await unitIdByCode(t.db, code);
    for (const name of ['admin', 'lanhdao', 'thammuu', 'canbo.benthanh', 'canbo.saigon', 'theodoi']) a[name] = await actorFor(t.ctx, name, DEMO_PASSWORD);
    await makeUser(t.ctx, { username: 'inc.pc02', unitId: u['CATP-PC02']!, roles: ['unit_officer'] });
    a['inc.pc02'] = await actorFor(t.ctx, 'inc.pc02');
  });
  afterAll(async () => t?.close());

  it('a commune officer opens a situation of their unit; the level above (its parent) is the overseeing unit; audit and event written', async () => {
    const before = await counts();
    const i = await createIncident(t.ctx, a['canbo.benthanh']!, input({ supporting: [{ unitId: u['SO-TP']!, assignment: 'Hỗ trợ pháp lý' }] }));
    expect(i.code).toMatch(/^VV-\d{5}$/);
    expect(i.leadUnit.id).toBe(u['CAX-26743']);
    expect(i.assigningUnit.id).toBe(u['CATP']);
    expect(i.overseeingUnit.id).toBe(u['CATP']);
    expect([i.level, i.state, i.status, i.significance]).toEqual(['commune', 'open', 'new', 'none']);
    expect(i.supporting.map((s) => s.assignment)).toEqual(['Hỗ trợ pháp lý']);
    expect(i.abilities).toMatchObject({ view: true, log: true, escalate: true, reportClosing: true, decideClosure: false, verifySignificant: false });
    const after = await counts();
    expect(after.incidents - before.incidents).toBe(1);
    expect(after.incident_units - before.incident_units).toBe(1);
    expect(after.incident_events - before.incident_events).toBe(2);
    expect(after.audit_log - before.audit_log).toBe(1);
  });

  it('bad input is refused with a code and writes nothing', async () => {
    const before = await counts();
    const b = a['canbo.benthanh']!;
    const e1 = await refused(createIncident(t.ctx, b, input({ communeCode: '99999' })), 'incident.unknown_commune');
    expect(e1.issues?.[0]?.path).toBe('communeCode');
    await refused(createIncident(t.ctx, b, input({ point: { lat: 21.0285, lon: 105.8542 } })), 'incident.point_outside_city'); // Hà Nội
    await refused(createIncident(t.ctx, b, input({ occurredAt: new Date(Date.now() + 86_400_000).toISOString() })), 'incident.occurred_in_future');
    await refused(createIncident(t.ctx, b, input({ leadUnitId: '00000000-0000-4000-8000-000000000000' })), 'incident.unknown_unit');
    await refused(createIncident(t.ctx, b, input({ supporting: [{ unitId: u['CAX-26743']!, assignment: 'x' }] })), 'incident.duplicate_unit');
    // A commune officer cannot open a situation for another commune's police.
    await refused(createIncident(t.ctx, b, input({ leadUnitId: u['CAX-26740']! })), 'forbidden');
    expect(await counts()).toEqual(before);
  });

  it('a Côn Đảo point is inside the city; a point in the sea between is not', async () => {
    const i = await createIncident(t.ctx, a['thammuu']!, input({ communeCode: '26732', point: { lat: 8.6833, lon: 106.6083 }, leadUnitId: u['CATP-PC02']! }));
    expect(i.point).toEqual({ lat: 8.6833, lon: 106.6083 });
    await refused(createIncident(t.ctx, a['thammuu']!, input({ point: { lat: 9.5, lon: 106.6 } })), 'incident.point_outside_city');
  });

  it('commune A cannot see commune B’s situation (404), in the list or by id; leaders above see both', async () => {
    const i = await createIncident(t.ctx, a['canbo.benthanh']!, input());
    await refused(getIncident(t.ctx, a['canbo.saigon']!, i.id), 'not_found');
    const listed = await listIncidents(t.ctx, a['canbo.saigon']!, { limit: 200, offset: 0 });
    expect(listed.items.some((x) => x.id === i.id)).toBe(false);
    for (const who of ['lanhdao', 'thammuu', 'theodoi', 'admin']) expect((await getIncident(t.ctx, a[who]!, i.id)).id, who).toBe(i.id);
    // The viewer sees but may do nothing.
    const v = await getIncident(t.ctx, a['theodoi']!, i.id);
    expect(Object.entries(v.abilities).filter(([k, x]) => k !== 'view' && x)).toEqual([]);
    await refused(addLogEntry(t.ctx, a['theodoi']!, i.id, { unitId: u['CAX-26743']!, text: 'x' }), 'forbidden');
  });

  it('every situation the list scope returns passes canViewIncident, for every kind of user', async () => {
    for (const [name, actor] of Object.entries(a)) {
      const { items } = await listRows(t.db, actor, {}, null);
      for (const r of items) expect(canViewIncident(actor, accessRecord(r)), `${name} ${r.number}`).toBe(true);
    }
    // and the converse: every situation not listed is not viewable
    const all = (await listRows(t.db, operatorActor('t'), {}, null)).items;
    for (const [name, actor] of Object.entries(a)) {
      const ids = new Set((await listRows(t.db, actor, {}, null)).items.map((r) => r.id));
      for (const r of all) expect(canViewIncident(actor, accessRecord(r)), `${name} ${r.number}`).toBe(ids.has(r.id));
    }
  });

  it('joint handling: supporting unit with its assignment, log by unit, escalation to a department, verification gate, two-key closure, reopening, de-escalation', async () => {
    const bt = a['canbo.benthanh']!;
    let i = await createIncident(t.ctx, bt, input());
    // The Sài Gòn police is asked to support: now it sees the situation and logs for its unit.
    i = await addSupportingUnit(t.ctx, bt, i.id, { version: i.version, unitId: u['CAX-26740']!, assignment: 'Truy xét đối tượng bỏ chạy về phường Sài Gòn' });
    const sg = await getIncident(t.ctx, a['canbo.saigon']!, i.id);
    expect(sg.abilities).toMatchObject({ log: true, reportClosing: false, decideClosure: false, escalate: false });
    i = await addLogEntry(t.ctx, a['canbo.saigon']!, i.id, { unitId: u['CAX-26740']!, text: 'Đã trích xuất camera khu vực chợ.' });
    expect(i.status).toBe('handling');
    await refused(addLogEntry(t.ctx, a['canbo.saigon']!, i.id, { unitId: u['CAX-26743']!, text: 'ghi hộ' }), 'forbidden');
    await refused(addLogEntry(t.ctx, bt, i.id, { unitId: u['SO-TP']!, text: 'x' }), 'incident.not_participant');

    // Escalation: a commune police unit is not a department; commune → department with a reason.
    await refused(escalateIncident(t.ctx, bt, i.id, { version: i.version, toLevel: 'department', unitId: u['CAX-26740']!, reason: 'x' }), 'incident.invalid_escalation');
    await refused(escalateIncident(t.ctx, bt, i.id, { version: i.version, toLevel: 'commune', unitId: u['CAX-26740']!, reason: 'x' }), 'incident.invalid_escalation');
    await refused(escalateIncident(t.ctx, bt, i.id, { version: i.version - 1, toLevel: 'department', unitId: u['CATP-PC02']!, reason: 'x' }), 'stale_version');
    i = await escalateIncident(t.ctx, bt, i.id, { version: i.version, toLevel: 'department', unitId: u['CATP-PC02']!, reason: 'Đối tượng hoạt động liên phường, có dấu hiệu băng nhóm' });
    expect([i.level, i.overseeingUnit.id, i.status]).toEqual(['department', u['CATP-PC02'], 'escalated']);
    // The department's officer now sees it and holds the second key.
    expect((await getIncident(t.ctx, a['inc.pc02']!, i.id)).abilities).toMatchObject({ deescalate: true, escalate: true });

    // Verification gate: proposed by the commune, verified by a leader/staff officer above the overseeing unit.
    i = await decideSignificance(t.ctx, bt, i.id, { version: i.version, action: 'propose', reason: 'Dư luận quan tâm' });
    expect(i.significance).toBe('proposed');
    await refused(decideSignificance(t.ctx, bt, i.id, { version: i.version, action: 'verify' }), 'forbidden');
    await refused(decideSignificance(t.ctx, a['inc.pc02']!, i.id, { version: i.version, action: 'verify' }), 'forbidden');
    i = await decideSignificance(t.ctx, a['thammuu']!, i.id, { version: i.version, action: 'verify' });
    expect(i.significance).toBe('verified');
    const board = await listIncidents(t.ctx, a['lanhdao']!, { limit: 200, offset: 0, significant: 'true' });
    expect(board.items.map((x) => x.id)).toContain(i.id);

    // Closure: confirmation before any report is refused; only the lead reports; the commune cannot confirm (wrong level).
    const before = await counts();
    await refused(decideClosure(t.ctx, a['inc.pc02']!, i.id, { version: i.version, decision: 'confirm' }), 'incident.closing_report_required');
    await refused(reportClosing(t.ctx, a['canbo.saigon']!, i.id, { version: i.version, report: 'x' }), 'forbidden');
    await refused(reportClosing(t.ctx, a['inc.pc02']!, i.id, { version: i.version, report: 'x' }), 'forbidden');
    expect(await counts()).toEqual(before);
    i = await reportClosing(t.ctx, bt, i.id, { version: i.version, report: 'Đã bắt giữ 2 đối tượng, thu hồi tài sản trả bị hại.' });
    expect([i.state, i.status]).toEqual(['closing', 'awaiting_confirmation']);
    await refused(decideClosure(t.ctx, bt, i.id, { version: i.version, decision: 'confirm' }), 'forbidden');
    await refused(decideClosure(t.ctx, a['canbo.saigon']!, i.id, { version: i.version, decision: 'confirm' }), 'forbidden');
    // Returned with a reason, then confirmed.
    await refused(decideClosure(t.ctx, a['inc.pc02']!, i.id, { version: i.version, decision: 'return' }), 'incident.reason_required');
    i = await decideClosure(t.ctx, a['inc.pc02']!, i.id, { version: i.version, decision: 'return', reason: 'Bổ sung biên bản trả tài sản' });
    expect([i.state, i.closingReport]).toEqual(['open', null]);
    i = await reportClosing(t.ctx, bt, i.id, { version: i.version, report: 'Đã bổ sung biên bản trả tài sản.' });
    i = await decideClosure(t.ctx, a['inc.pc02']!, i.id, { version: i.version, decision: 'confirm' });
    expect([i.state, i.status]).toEqual(['closed', 'closed']);
    expect(i.closedAt).not.toBeNull();
    await refused(addLogEntry(t.ctx, bt, i.id, { unitId: u['CAX-26743']!, text: 'x' }), 'incident.invalid_transition');

    // Reopening is counted, by the overseeing level only.
    await refused(reopenIncident(t.ctx, bt, i.id, { version: i.version, reason: 'x' }), 'forbidden');
    i = await reopenIncident(t.ctx, a['inc.pc02']!, i.id, { version: i.version, reason: 'Phát hiện thêm bị hại' });
    expect([i.state, i.status, i.reopenCount]).toEqual(['open', 'reopened', 1]);

    // department → leadership → back to department → back to commune (overseen by the assigning unit again).
    i = await escalateIncident(t.ctx, a['inc.pc02']!, i.id, { version: i.version, toLevel: 'leadership', unitId: u['CATP']!, reason: 'Vụ việc phức tạp, cần chỉ đạo' });
    expect([i.level, i.overseeingUnit.id]).toEqual(['leadership', u['CATP']]);
    await refused(deescalateIncident(t.ctx, bt, i.id, { version: i.version, reason: 'x' }), 'forbidden');
    i = await deescalateIncident(t.ctx, a['thammuu']!, i.id, { version: i.version, reason: 'Giao Phòng Cảnh sát hình sự tiếp tục chủ trì' });
    expect([i.level, i.overseeingUnit.id]).toEqual(['department', u['CATP-PC02']]);
    i = await deescalateIncident(t.ctx, a['inc.pc02']!, i.id, { version: i.version, reason: 'Trả về địa phương' });
    expect([i.level, i.overseeingUnit.id]).toEqual(['commune', u['CATP']]);
    await refused(deescalateIncident(t.ctx, a['thammuu']!, i.id, { version: i.version, reason: 'x' }), 'incident.invalid_transition');

    const d = await getIncident(t.ctx, a['lanhdao']!, i.id);
    const levels = d.events.filter((e) => e.kind === 'escalated' || e.kind === 'deescalated').map((e) => `${e.kind}:${String(e.data.fromLevel)}→${String(e.data.toLevel)}`);
    expect(levels).toEqual(['escalated:commune→department', 'escalated:department→leadership', 'deescalated:leadership→department', 'deescalated:department→commune']);
    expect(d.events.find((e) => e.kind === 'log')).toMatchObject({ unitId: u['CAX-26740'], reason: 'Đã trích xuất camera khu vực chợ.' });
    expect(d.events.map((e) => e.kind)).toEqual(expect.arrayContaining(['opened', 'supporting_added', 'significance_proposed', 'significance_verified', 'closing_reported', 'closure_returned', 'closure_confirmed', 'reopened']));
  });

  it('a commune’s own situation (assigning = lead) is confirmed by a leader or staff officer above, never by the commune officer', async () => {
    let i = await createIncident(t.ctx, a['canbo.benthanh']!, input({ assigningUnitId: u['CAX-26743']! }));
    i = await reportClosing(t.ctx, a['canbo.benthanh']!, i.id, { version: i.version, report: 'Hòa giải xong.' });
    await refused(decideClosure(t.ctx, a['canbo.benthanh']!, i.id, { version: i.version, decision: 'confirm' }), 'forbidden');
    i = await decideClosure(t.ctx, a['thammuu']!, i.id, { version: i.version, decision: 'confirm' });
    expect(i.state).toBe('closed');
  });

  it('the user who filed the closing report cannot confirm it, even with the right to', async () => {
    let i = await createIncident(t.ctx, a['thammuu']!, input({ leadUnitId: u['CATP-PV01']!, assigningUnitId: u['CATP']! }));
    i = await reportClosing(t.ctx, a['thammuu']!, i.id, { version: i.version, report: 'Xong.' });
    expect(i.abilities.decideClosure).toBe(false);
    await refused(decideClosure(t.ctx, a['thammuu']!, i.id, { version: i.version, decision: 'confirm' }), 'forbidden');
    expect((await decideClosure(t.ctx, a['lanhdao']!, i.id, { version: i.version, decision: 'confirm' })).state).toBe('closed');
  });

  it('a change of category is recorded with its reason; downgrades show in the per-unit rate', async () => {
    let i = await createIncident(t.ctx, a['canbo.benthanh']!, input());
    await refused(changeIncidentCategory(t.ctx, a['canbo.benthanh']!, i.id, { version: i.version, category: 'social_order', reason: 'x' }), 'incident.same_category');
    await refused(changeIncidentCategory(t.ctx, a['canbo.saigon']!, i.id, { version: i.version, category: 'other', reason: 'x' }), 'not_found');
    i = await changeIncidentCategory(t.ctx, a['canbo.benthanh']!, i.id, { version: i.version, category: 'other', reason: 'Tài sản bị mất có giá trị nhỏ' });
    expect(i.category).toBe('other');
    const ev = (await getIncident(t.ctx, a['thammuu']!, i.id)).events.find((e) => e.kind === 'category_changed')!;
    expect([ev.reason, ev.data]).toEqual(['Tài sản bị mất có giá trị nhỏ', { from: 'social_order', to: 'other', downgrade: true }]);
    i = await changeIncidentCategory(t.ctx, a['thammuu']!, i.id, { version: i.version, category: 'drugs', reason: 'Phát hiện ma túy' });
    // Days in Vietnam (occurred_on is the Asia/Ho_Chi_Minh date): from the day it occurred to today.
    const s = await categoryChangeStatistics(t.ctx, a['canbo.benthanh']!, { period: 'custom', from: vnToday(new Date(i.occurredAt)), to: t.ctx.today(), groupBy: 'category' });
    const row = s.rows.find((r) => r.unitId === u['CAX-26743'])!;
    expect(row.changed).toBeGreaterThanOrEqual(1);
    expect(row.downgraded).toBeGreaterThanOrEqual(1);
    const rows = await t.db.selectFrom('incident_category_changes').select(['from_category', 'to_category', 'downgrade']).where('incident_id', '=', i.id).orderBy('at').execute();
    expect(rows).toEqual([
      { from_category: 'social_order', to_category: 'other', downgrade: true },
      { from_category: 'other', to_category: 'drugs', downgrade: false },
    ]);
  });

  it('the SQL status mirror agrees with deriveIncidentStatus on every combination', async () => {
    const probes: { state: IncidentState; level: IncidentLevel; logCount: number; reopenCount: number }[] = [];
    for (const state of INCIDENT_STATES) for (const level of INCIDENT_LEVELS) for (const logCount of [0, 1, 5]) for (const reopenCount of [0, 1, 2]) probes.push({ state, level, logCount, reopenCount });
    const sqlStatuses = await statusesInSql(t.db, probes);
    expect(sqlStatuses).toEqual(probes.map((p) => deriveIncidentStatus(p)));
  });

  it('status filter uses the derived status', async () => {
    const r = await listIncidents(t.ctx, a['admin']!, { limit: 200, offset: 0, status: 'closed' });
    expect(r.items.every((x: Incident) => x.status === 'closed')).toBe(true);
  });
});
