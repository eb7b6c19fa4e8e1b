import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../src/server/db/tx.ts';
import { operatorActor } from '../../src/server/kernel/actor.ts';
import { createNotifications } from '../../src/server/modules/notifications/notification.service.ts';
import { backends, loginAs, testApp, unitIdByCode, type Session, type TestApp } from '../support/db.ts';
import { insertTask } from '../integration/jobs.fixtures.ts';

const MISSING_UUID = '00000000-0000-4000-8000-000000000000';

describe.each(backends())('HTTP notifications [%s]', (backend) => {
  let t: TestApp;
  let benthanh: Session;
  let saigon: Session;
  const mine: string[] = [];
  let theirs: string;
  let task: { id: string; number: number };

  const get = (url: string, s?: Session) => t.app.inject({ method: 'GET', url, headers: s?.read ?? {} });
  const post = (url: string, s?: Session) => t.app.inject({ method: 'POST', url, headers: s?.write ?? {} });

  beforeAll(async () => {
    t = await testApp(backend);
    [benthanh, saigon] = await Promise.all([loginAs(t.app, 'canbo.benthanh'), loginAs(t.app, 'canbo.saigon')]);
    // Start from empty inboxes: the demo city's year of tasks has already notified these officers.
    await t.db.deleteFrom('notifications').where('user_id', 'in', [benthanh.userId, saigon.userId]).execute();
    const unit = await unitIdByCode(t.db, 'CAX-26743');
    task = await insertTask(t.db, { title: 'Tuần tra khu vực chợ Bến Thành', leadUnitId: unit, assigningUnitId: unit, deadlineOn: '2026-12-10' });
    const op = operatorActor('test');
    // Created one by one so createdAt orders them.
    for (const [kind, params] of [['task_assigned', {}], ['due_soon', { dueOn: '2026-12-10', daysBefore: 3 }], ['overdue', { dueOn: '2026-12-10', daysOverdue: 1 }]] as const) {
      await inTransaction(t.db, (trx) => createNotifications(trx, op, [{ userId: benthanh.userId, kind, taskId: task.id, params }]));
      mine.unshift((await t.db.selectFrom('notifications').select('id').where('user_id', '=', benthanh.userId).orderBy('created_at', 'desc').limit(1).executeTakeFirstOrThrow()).id);
    }
    await inTransaction(t.db, (trx) => createNotifications(trx, op, [{ userId: saigon.userId, kind: 'task_assigned' }]));
    theirs = (await t.db.selectFrom('notifications').select('id').where('user_id', '=', saigon.userId).executeTakeFirstOrThrow()).id;
  });
  afterAll(async () => t?.close());

  it('401 without a session on every route', async () => {
    for (const r of [await get('/api/notifications'), await get('/api/notifications/unread-count'), await post(`/api/notifications/${MISSING_UUID}/read`), await post('/api/notifications/read-all')]) {
      expect(r.statusCode).toBe(401);
    }
  });

  it('GET /api/notifications: 400 per field; own only, newest first, with kind, task code and title, params, times', async () => {
    expect((await get('/api/notifications?unread=maybe', benthanh)).statusCode).toBe(400);
    expect((await get('/api/notifications?limit=0', benthanh)).statusCode).toBe(400);
    const r = await get('/api/notifications', benthanh);
    expect(r.statusCode).toBe(200);
    const body = r.json() as { total: number; unread: number; items: { id: string; kind: string; task: { id: string; code: string; title: string } | null; params: object; createdAt: string; readAt: string | null }[] };
    expect(body.total).toBe(3);
    expect(body.unread).toBe(3);
    expect(body.items.map((i) => i.id)).toEqual(mine);
    expect(body.items[0]).toMatchObject({
      kind: 'overdue',
      task: { id: task.id, code: `NV-${String(task.number).padStart(5, '0')}`, title: 'Tuần tra khu vực chợ Bến Thành' },
      params: { dueOn: '2026-12-10', daysOverdue: 1 },
      readAt: null,
    });
    expect(body.items.map((i) => i.id)).not.toContain(theirs);
    const page = (await get('/api/notifications?limit=1&offset=1', benthanh)).json() as { total: number; items: { id: string }[] };
    expect(page).toMatchObject({ total: 3, items: [{ id: mine[1] }] });
  });

  it("POST /api/notifications/:id/read: 400 bad id, 404 unknown, 404 for someone else's (audited, nothing changed), 200 own and audited once", async () => {
    expect((await post('/api/notifications/not-a-uuid/read', benthanh)).statusCode).toBe(400);
    expect((await post(`/api/notifications/${MISSING_UUID}/read`, benthanh)).statusCode).toBe(404);
    const other = await post(`/api/notifications/${theirs}/read`, benthanh);
    expect(other.statusCode).toBe(404);
    // Same answer as a missing one (only the id it echoes differs).
    expect(other.json()).toEqual({ error: { code: 'not_found', params: { entity: 'notification', id: theirs } } });
    expect((await post(`/api/notifications/${MISSING_UUID}/read`, benthanh)).json()).toEqual({ error: { code: 'not_found', params: { entity: 'notification', id: MISSING_UUID } } });
    const denied = await t.db.selectFrom('audit_log').select('entity_id').where('action', '=', 'access.denied').where('actor_user_id', '=', benthanh.userId).execute();
    expect(denied.length).toBeGreaterThan(0);
    expect((await t.db.selectFrom('notifications').select('read_at').where('id', '=', theirs).executeTakeFirstOrThrow()).read_at).toBeNull();
    // Without the CSRF token a cookie write is refused.
    expect((await t.app.inject({ method: 'POST', url: `/api/notifications/${mine[0]}/read`, headers: benthanh.read })).statusCode).toBe(403);

    const r = await post(`/api/notifications/${mine[0]}/read`, benthanh);
    expect(r.statusCode).toBe(200);
    expect((r.json() as { id: string; readAt: string | null }).readAt).not.toBeNull();
    expect((await post(`/api/notifications/${mine[0]}/read`, benthanh)).statusCode).toBe(200); // idempotent
    const audits = await t.db.selectFrom('audit_log').select('action').where('action', '=', 'notification.read').where('entity_id', '=', mine[0]!).execute();
    expect(audits).toHaveLength(1);
    expect((await get('/api/notifications/unread-count', benthanh)).json()).toEqual({ unread: 2 });
    const unread = (await get('/api/notifications?unread=true', benthanh)).json() as { total: number; items: { id: string }[] };
    expect(unread.total).toBe(2);
    expect(unread.items.map((i) => i.id)).toEqual([mine[1], mine[2]]);
  });

  it("POST /api/notifications/read-all marks only one's own, audited as one row", async () => {
    const before = await t.db.selectFrom('audit_log').select('seq').where('action', '=', 'notification.read_all').execute();
    const r = await post('/api/notifications/read-all', benthanh);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ marked: 2 });
    const after = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'notification.read_all').execute();
    expect(after).toHaveLength(before.length + 1);
    expect(after.at(-1)!.data).toEqual({ marked: 2 });
    expect((await get('/api/notifications/unread-count', benthanh)).json()).toEqual({ unread: 0 });
    expect((await post('/api/notifications/read-all', benthanh)).json()).toEqual({ marked: 0 });
    expect((await get('/api/notifications/unread-count', saigon)).json()).toEqual({ unread: 1 });
  });

  it('the routes are in the OpenAPI document', async () => {
    const doc = (await get('/api/openapi.json')).json() as { paths: Record<string, Record<string, unknown>> };
    expect(doc.paths['/api/notifications']?.get).toBeTruthy();
    expect(doc.paths['/api/notifications/unread-count']?.get).toBeTruthy();
    expect(doc.paths['/api/notifications/{id}/read']?.post).toBeTruthy();
    expect(doc.paths['/api/notifications/read-all']?.post).toBeTruthy();
  });
});
