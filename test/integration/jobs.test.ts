import nodemailer from 'nodemailer';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createUserInput } from '../../src/contracts/accounts.ts';
import { inTransaction } from '../../src/server/db/tx.ts';
import { enqueue, QUEUES } from '../../src/server/jobs/boss.ts';
import { startJobs, stopJobs } from '../../src/server/jobs/queue.ts';
import { operatorActor } from '../../src/server/kernel/actor.ts';
import { createUser } from '../../src/server/modules/accounts/user.service.ts';
import { createNotifications } from '../../src/server/modules/notifications/notification.service.ts';
import type { MailMessage } from '../../src/server/modules/notifications/notification.mail.ts';
import { makeUnit, makeUser, TEST_PASSWORD } from '../../src/server/seed/factories.ts';
import { backends, countRows, openTestDb, testConfig, type TestDb } from '../support/db.ts';
import { insertTask } from './jobs.fixtures.ts';
import { waitFor } from '../support/wait.ts';

/** nodemailer's JSON transport: builds the full message, sends nothing over the network. */
function jsonMailbox() {
  const json = nodemailer.createTransport({ jsonTransport: true });
  const sent: (MailMessage & { messageId?: string })[] = [];
  return {
    sent,
    transport: {
      async sendMail(m: MailMessage) {
        const info = await json.sendMail(m);
        const parsed = JSON.parse(String(info.message)) as { to: { address: string }[]; from: { address: string; name: string }; subject: string; text: string; messageId: string };
        sent.push({ from: `${parsed.from.name} <${parsed.from.address}>`, to: parsed.to[0]!.address, subject: parsed.subject, text: parsed.text, messageId: parsed.messageId });
        return info;
      },
    },
  };
}

const jobCount = async (t: TestDb, name: string): Promise<number> =>
  (await sql<{ n: number }>`select count(*)::int as n from pgboss.job where name = ${name}`.execute(t.db)).rows[0]!.n;

describe.each(backends())('background jobs on pg-boss [%s]', (backend) => {
  let t: TestDb;
  const op = operatorActor('test');
  const fast = { JOBS_POLL_SECONDS: '0.5' };
  const rt = (env: Record<string, string> = {}) => ({ config: testConfig({ ...fast, ...env }), database: t.database, ctx: t.ctx });

  beforeAll(async () => {
    t = await openTestDb(backend);
  });
  afterEach(async () => stopJobs());
  afterAll(async () => {
    await stopJobs();
    await t?.close();
  });

  it('starts on the app connection: creates the pgboss schema, the queues and the 07:00 Asia/Ho_Chi_Minh schedule; stops cleanly', async () => {
    const h = await startJobs(rt());
    expect(h.workers).toBe(true);
    expect(await h.boss.isInstalled()).toBe(true);
    expect((await h.boss.getQueues()).map((q) => q.name).sort()).toEqual(expect.arrayContaining([QUEUES.email, QUEUES.reminders]));
    const schedules = await h.boss.getSchedules();
    expect(schedules.find((s) => s.name === QUEUES.reminders)).toMatchObject({ cron: '0 7 * * *', options: { tz: 'Asia/Ho_Chi_Minh' } });
    const t0 = Date.now();
    await h.stop();
    expect(Date.now() - t0).toBeLessThan(5_000);
    // The connection is the app's again: ordinary queries run, and a second start works.
    expect(await countRows(t.db, 'users')).toBeGreaterThan(0);
    const again = await startJobs(rt());
    await again.stop();
  });

  it('a job enqueued inside a rolled-back transaction never exists; one from a committed transaction runs', async () => {
    const mailbox = jsonMailbox();
    const h = await startJobs(rt({ SMTP_URL: 'smtp://mail.example.vn:587', SMTP_FROM: 'Phối Hợp <no-reply@example.vn>' }), { transport: mailbox.transport });
    expect(h.emailEnabled).toBe(true);
    const unitId = (await makeUnit(t.ctx)).id;
    const user = await createUser(t.ctx, op, createUserInput.parse({ username: `mail.${backend}`, displayName: 'Trần Thị Thư', email: `thu.${backend}@example.vn`, unitId, roles: ['unit_officer'], password: TEST_PASSWORD }));
    const task = await insertTask(t.db, { title: 'Kiểm tra cơ sở kinh doanh có điều kiện', leadUnitId: unitId, assigningUnitId: unitId, deadlineOn: '2026-12-10' });
    const before = await jobCount(t, QUEUES.email);

    await expect(
      inTransaction(t.db, async (trx) => {
        const r = await createNotifications(trx, op, [{ userId: user.id, kind: 'due_today', taskId: task.id, params: { dueOn: '2026-12-10' } }]);
        expect(r.emails).toBe(1); // enqueued… in a transaction that is about to roll back
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await jobCount(t, QUEUES.email)).toBe(before);

    const r = await inTransaction(t.db, (trx) => createNotifications(trx, op, [{ userId: user.id, kind: 'overdue', taskId: task.id, params: { dueOn: '2026-12-10', daysOverdue: 2 } }]));
    expect(r).toMatchObject({ created: 1, emails: 1 });
    await waitFor(async () => mailbox.sent.length, (n) => n >= 1);
    await new Promise((res) => setTimeout(res, 1200)); // two more polls: nothing else arrives
    expect(mailbox.sent).toHaveLength(1);
    expect(mailbox.sent[0]).toMatchObject({
      from: 'Phối Hợp <no-reply@example.vn>',
      to: `thu.${backend}@example.vn`,
      subject: `[Phối Hợp] Nhiệm vụ NV-${String(task.number).padStart(5, '0')} đã quá hạn 2 ngày (hạn 10/12/2026)`,
    });
    expect(mailbox.sent[0]!.text).toContain('Trần Thị Thư');
    expect(await jobCount(t, QUEUES.email)).toBe(before + 1);
    const state = await waitFor(
      async () => (await sql<{ state: string }>`select state::text as state from pgboss.job where name = ${QUEUES.email} order by created_on desc limit 1`.execute(t.db)).rows[0]?.state,
      (s) => s === 'completed',
    );
    expect(state).toBe('completed');
  });

  it('without SMTP_URL notifications enqueue no e-mail job', async () => {
    const h = await startJobs(rt());
    expect(h.emailEnabled).toBe(false);
    const user = await makeUser(t.ctx);
    const before = await jobCount(t, QUEUES.email);
    const r = await inTransaction(t.db, (trx) => createNotifications(trx, op, [{ userId: user.id, kind: 'task_assigned' }]));
    expect(r).toEqual({ created: 1, emails: 0, byKind: { task_assigned: 1 } });
    expect(await jobCount(t, QUEUES.email)).toBe(before);
  });

  it('a user without an address gets the notification but no e-mail; the job completes', async () => {
    const mailbox = jsonMailbox();
    await startJobs(rt({ SMTP_URL: 'smtp://mail.example.vn:587' }), { transport: mailbox.transport });
    const user = await makeUser(t.ctx);
    await inTransaction(t.db, (trx) => createNotifications(trx, op, [{ userId: user.id, kind: 'task_assigned' }]));
    const state = await waitFor(
      async () => (await sql<{ state: string }>`select state::text as state from pgboss.job where name = ${QUEUES.email} order by created_on desc limit 1`.execute(t.db)).rows[0]?.state,
      (s) => s === 'completed',
    );
    expect(state).toBe('completed');
    expect(mailbox.sent).toHaveLength(0);
  });

  it('the tasks.reminders job runs the scan through the queue', async () => {
    const h = await startJobs(rt());
    const unitId = (await makeUnit(t.ctx)).id;
    const officer = await makeUser(t.ctx, { unitId });
    const task = await insertTask(t.db, { title: 'Báo cáo tình hình', leadUnitId: unitId, assigningUnitId: unitId, deadlineOn: '2026-12-12' });
    await inTransaction(t.db, (trx) => enqueue(trx, QUEUES.reminders, [{ today: '2026-12-10' }]));
    const rows = await waitFor(
      () => t.db.selectFrom('notifications').select(['kind', 'user_id']).where('task_id', '=', task.id).execute(),
      (r) => r.length > 0,
    );
    expect(rows).toEqual([{ kind: 'due_soon', user_id: officer.id }]);
    expect(h.workers).toBe(true);
  });

  it('with workers off (JOBS=0, the CLI) jobs are enqueued but not run', async () => {
    const h = await startJobs(rt({ JOBS: '0' }));
    expect(h.workers).toBe(false);
    const before = await jobCount(t, QUEUES.reminders);
    await inTransaction(t.db, (trx) => enqueue(trx, QUEUES.reminders, [{ today: '2026-12-10' }]));
    await new Promise((res) => setTimeout(res, 1500));
    const rows = await sql<{ state: string }>`select state::text as state from pgboss.job where name = ${QUEUES.reminders} order by created_on desc limit 1`.execute(t.db);
    expect(await jobCount(t, QUEUES.reminders)).toBe(before + 1);
    expect(rows.rows[0]!.state).toBe('created');
    // Nothing is enqueued once the jobs are stopped.
    await h.stop();
    expect(await inTransaction(t.db, (trx) => enqueue(trx, QUEUES.reminders, [{}]))).toBe(0);
  });
});
