import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserInput } from '../../src/contracts/accounts.ts';
import { createUser, updateUser } from '../../src/server/modules/accounts/user.service.ts';
import { inTransaction } from '../../src/server/db/tx.ts';
import { operatorActor, systemActor } from '../../src/server/kernel/actor.ts';
import { createNotifications, notifyUnitMembers } from '../../src/server/modules/notifications/notification.service.ts';
import { scanTaskReminders } from '../../src/server/modules/tasks/task.reminders.ts';
import { makeUnit, makeUser, TEST_PASSWORD } from '../../src/server/seed/factories.ts';
import { backends, countRows, openTestDb, type TestDb } from '../support/db.ts';
import { insertTask } from './jobs.fixtures.ts';

describe.each(backends())('notifications and the reminder scan [%s]', (backend) => {
  let t: TestDb;
  const op = operatorActor('test');
  const u: Record<string, string> = {};
  const tasks: Record<string, string> = {};
  const settings = { daysBefore: 3, escalationDays: 3 };

  /** (task label, kind) → sorted usernames, from the notifications table. */
  async function sent(): Promise<Record<string, string[]>> {
    const rows = await t.db
      .selectFrom('notifications as n')
      .innerJoin('users as us', 'us.id', 'n.user_id')
      .select(['n.task_id', 'n.kind', 'us.username'])
      .where('n.task_id', 'in', Object.values(tasks))
      .execute();
    const label = new Map(Object.entries(tasks).map(([k, v]) => [v, k]));
    const out: Record<string, string[]> = {};
    for (const r of rows) (out[`${label.get(r.task_id!)}:${r.kind}`] ??= []).push(r.username);
    for (const k of Object.keys(out)) out[k]!.sort();
    return out;
  }

  beforeAll(async () => {
    t = await openTestDb(backend);
    const ctx = t.ctx;
    // Parent P ⊃ lead unit L; assigning unit A; coordinating unit C; O holds a leader overseeing P.
    const P = await makeUnit(ctx, { name: 'Công an Thành phố (thử)' });
    const L = await makeUnit(ctx, { name: 'Công an phường (thử)', parentId: P.id, level: 'commune' });
    const A = await makeUnit(ctx, { name: 'Ban Chỉ đạo (thử)' });
    const C = await makeUnit(ctx, { name: 'Sở Y tế (thử)' });
    const O = await makeUnit(ctx, { name: 'Thành ủy (thử)' });
    const users: [string, string, ('leader' | 'staff_officer' | 'unit_officer' | 'viewer')[], string[]?][] = [
      ['r.leader.p', P.id, ['leader']],
      ['r.staff.p', P.id, ['staff_officer']],
      ['r.officer.p', P.id, ['unit_officer']],
      ['r.officer.l', L.id, ['unit_officer']],
      ['r.leader.l', L.id, ['leader']],
      ['r.viewer.l', L.id, ['viewer']],
      ['r.staff.a', A.id, ['staff_officer']],
      ['r.officer.a', A.id, ['unit_officer']],
      ['r.officer.c', C.id, ['unit_officer']],
      ['r.leader.o', O.id, ['leader'], [P.id]],
    ];
    for (const [username, unitId, roles, scope] of users) u[username] = (await makeUser(ctx, { username, unitId, roles, ...(scope ? { scopeUnitIds: scope } : {}) })).id;
    const lead = { leadUnitId: L.id, assigningUnitId: A.id };
    tasks.overdue5 = (await insertTask(t.db, { ...lead, title: 'Quá hạn 5 ngày', deadlineOn: '2026-12-05' })).id;
    tasks.overdue1 = (await insertTask(t.db, { ...lead, title: 'Quá hạn 1 ngày', deadlineOn: '2026-12-09' })).id;
    tasks.dueToday = (await insertTask(t.db, { ...lead, title: 'Đến hạn hôm nay', deadlineOn: '2026-12-10' })).id;
    tasks.dueSoon = (await insertTask(t.db, { ...lead, title: 'Sắp đến hạn', deadlineOn: '2026-12-12' })).id;
    tasks.far = (await insertTask(t.db, { ...lead, title: 'Còn xa', deadlineOn: '2027-01-30' })).id;
    tasks.submitted = (await insertTask(t.db, { ...lead, title: 'Chờ đánh giá', deadlineOn: '2026-12-20', state: 'submitted', submittedOn: '2026-12-01' })).id;
    tasks.completed = (await insertTask(t.db, { ...lead, title: 'Đã xong', deadlineOn: '2026-11-20', state: 'completed' })).id;
    tasks.paused = (await insertTask(t.db, { ...lead, title: 'Tạm dừng', deadlineOn: '2026-11-20', state: 'paused' })).id;
    tasks.coordinated = (await insertTask(t.db, { ...lead, title: 'Có phối hợp', deadlineOn: '2027-02-28' })).id;
    await t.db.insertInto('task_coordinators').values({ task_id: tasks.coordinated, unit_id: C.id, requested_at: new Date('2026-12-01T03:00:00Z') }).execute();
    await t.db.insertInto('task_coordinators').values({ task_id: tasks.coordinated, unit_id: O.id, requested_at: new Date('2026-12-01T03:00:00Z'), responded_at: new Date('2026-12-02T03:00:00Z'), response: 'Đã nhận' }).execute();
  });
  afterAll(async () => t?.close());

  it('the scan of 10/12/2026 reminds the lead unit, escalates to the superior, and chases evaluation and coordination', async () => {
    // The template's demo city has tasks of its own: count only what this file set up, and check
    // the totals against the table.
    const before = { n: await countRows(t.db, 'notifications'), seq: (await t.db.selectFrom('audit_log').select('seq').orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow()).seq };
    const r = await scanTaskReminders(t.ctx, systemActor('reminders'), { today: '2026-12-10', settings });
    const lead = ['r.leader.l', 'r.officer.l']; // never the viewer
    expect(await sent()).toEqual({
      'overdue5:overdue': lead,
      'overdue5:escalated': ['r.leader.o', 'r.leader.p', 'r.staff.p'], // not the parent's plain officer
      'overdue1:overdue': lead,
      'dueToday:due_today': lead,
      'dueSoon:due_soon': lead,
      'submitted:evaluation_pending': ['r.staff.a'],
      'coordinated:coordination_pending': ['r.officer.c'],
    });
    expect(r).toMatchObject({ today: '2026-12-10', emails: 0 });
    expect(r.created).toBeGreaterThanOrEqual(13);
    expect(r.created).toBe((await countRows(t.db, 'notifications')) - before.n);
    expect(Object.values(r.byKind).reduce((a, b) => a + b, 0)).toBe(r.created);
    const n = await t.db.selectFrom('notifications').select(['params', 'dedupe_key']).where('task_id', '=', tasks.overdue5!).where('kind', '=', 'escalated').executeTakeFirstOrThrow();
    expect(n.params).toEqual({ dueOn: '2026-12-05', daysOverdue: 5, leadUnitName: 'Công an phường (thử)' });
    expect(n.dedupe_key).toBe(`task:${tasks.overdue5}:escalated:2026-12-05`);
    // Audited in the same transactions, by the system actor, one row per page of tasks.
    const audit = await t.db.selectFrom('audit_log').selectAll().where('seq', '>', before.seq).execute();
    expect(audit.length).toBeGreaterThan(0);
    expect(new Set(audit.map((a) => `${a.action} ${a.actor_name}`))).toEqual(new Set(['notification.created system:reminders']));
    expect(audit.reduce((sum, a) => sum + (a.data as { created: number }).created, 0)).toBe(r.created);
  });

  it('is idempotent: a second run the same day creates nothing and writes no audit row', async () => {
    const before = { n: await countRows(t.db, 'notifications'), a: await countRows(t.db, 'audit_log') };
    const r = await scanTaskReminders(t.ctx, systemActor('reminders'), { today: '2026-12-10', settings });
    expect(r.created).toBe(0);
    expect(r.decisions).toBeGreaterThan(0);
    expect({ n: await countRows(t.db, 'notifications'), a: await countRows(t.db, 'audit_log') }).toEqual(before);
  });

  it('the following days: overdue weekly, escalation once, due today on the deadline', async () => {
    const count = async () => sent().then((s) => Object.fromEntries(Object.entries(s).map(([k, v]) => [k, v.length])));
    await scanTaskReminders(t.ctx, systemActor('reminders'), { today: '2026-12-11', settings });
    const d11 = await count();
    // 11/12: nothing new (same overdue week, escalation already sent, due soon already sent).
    expect(d11).toEqual({ 'overdue5:overdue': 2, 'overdue5:escalated': 3, 'overdue1:overdue': 2, 'dueToday:due_today': 2, 'dueSoon:due_soon': 2, 'submitted:evaluation_pending': 1, 'coordinated:coordination_pending': 1, 'dueToday:overdue': 2 });
    await scanTaskReminders(t.ctx, systemActor('reminders'), { today: '2026-12-13', settings });
    const d13 = await count();
    expect(d13['overdue5:overdue']).toBe(4); // second week (from 13/12)
    expect(d13['overdue5:escalated']).toBe(3); // once per deadline
    expect(d13['overdue1:escalated']).toBe(3); // 4 days overdue now
    // 12/12 had no scan: the deadline day passed unseen, so 13/12 says overdue (not due today).
    expect(d13['dueSoon:overdue']).toBe(2);
    expect(d13['dueSoon:due_today']).toBeUndefined();
  });

  it('createNotifications skips duplicates by key; notifyUnitMembers leaves out the actor and viewers', async () => {
    const unitL = (await t.db.selectFrom('users').select('unit_id').where('id', '=', u['r.officer.l']!).executeTakeFirstOrThrow()).unit_id;
    const actor = { ...op, kind: 'user' as const, userId: u['r.leader.l']!, username: 'r.leader.l' };
    const r1 = await inTransaction(t.db, (trx) => notifyUnitMembers(trx, actor, { unitIds: [unitL], kind: 'task_assigned', taskId: tasks.far!, params: { by: 'A' } }));
    expect(r1).toMatchObject({ created: 1, emails: 0 });
    const rows = await t.db.selectFrom('notifications').select('user_id').where('kind', '=', 'task_assigned').where('task_id', '=', tasks.far!).execute();
    expect(rows.map((r) => r.user_id)).toEqual([u['r.officer.l']]);
    const item = { userId: u['r.officer.a']!, kind: 'task_returned' as const, taskId: tasks.far!, dedupeKey: 'x:1' };
    expect((await inTransaction(t.db, (trx) => createNotifications(trx, op, [item, item]))).created).toBe(1);
    expect((await inTransaction(t.db, (trx) => createNotifications(trx, op, [item]))).created).toBe(0);
  });

  it('a notification created in a rolled-back transaction does not exist', async () => {
    const before = await countRows(t.db, 'notifications');
    await expect(
      inTransaction(t.db, async (trx) => {
        await createNotifications(trx, op, [{ userId: u['r.officer.c']!, kind: 'task_assigned' }]);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await countRows(t.db, 'notifications')).toBe(before);
  });

  it('accounts carry an optional e-mail address (create, change, clear)', async () => {
    const unitId = (await makeUnit(t.ctx)).id;
    const created = await createUser(t.ctx, op, createUserInput.parse({ username: 'mail.user', displayName: 'Người nhận thư', email: 'Nguoi.Nhan@Example.VN', unitId, roles: ['unit_officer'], password: TEST_PASSWORD }));
    expect(createUserInput.safeParse({ username: 'mail.user2', displayName: 'X', email: 'not-an-address', unitId, roles: ['unit_officer'], password: TEST_PASSWORD }).success).toBe(false);
    expect(created.email).toBe('nguoi.nhan@example.vn');
    const changed = await updateUser(t.ctx, op, created.id, { version: created.version, email: 'khac@example.vn' });
    expect(changed.email).toBe('khac@example.vn');
    const cleared = await updateUser(t.ctx, op, created.id, { version: changed.version, email: null });
    expect(cleared.email).toBeNull();
    expect((await makeUser(t.ctx, { unitId })).email).toBeNull();
  });
});
