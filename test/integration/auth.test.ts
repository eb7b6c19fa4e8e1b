import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operatorActor } from '../../src/server/kernel/actor.ts';
import { changeOwnPassword, login, resolveSession } from '../../src/server/modules/accounts/auth.service.ts';
import { resetPassword, updateUser } from '../../src/server/modules/accounts/user.service.ts';
import { makeUser, TEST_PASSWORD } from '../../src/server/seed/factories.ts';
import { backends, openTestDb, type TestDb } from '../support/db.ts';

const op = operatorActor('test');
const MAX = 3;
const LOCK_MS = 15 * 60_000;
const TTL = 2 * 3600_000;
const settings = { sessionTtlMs: TTL, maxFailures: MAX, lockMs: LOCK_MS };

describe.each(backends())('sign-in and sessions [%s]', (backend) => {
  let t: TestDb;
  let clock = Date.parse('2026-03-01T08:00:00Z');
  const signIn = (username: string, password: string) => login(t.ctx, settings, { username, password, ip: '10.1.2.3', userAgent: 'vitest' });
  const userRow = (id: string) => t.db.selectFrom('users').select(['failed_logins', 'locked_until', 'last_login_at']).where('id', '=', id).executeTakeFirstOrThrow();
  const auditOf = (id: string, action: string) => t.db.selectFrom('audit_log').select('data').where('entity_id', '=', id).where('action', '=', action).execute();

  beforeAll(async () => {
    t = await openTestDb(backend, { now: () => new Date(clock) });
  });
  afterAll(async () => t?.close());

  it('a correct password opens a session', async () => {
    const u = await makeUser(t.ctx);
    const r = await signIn(u.username, TEST_PASSWORD);
    const s = await resolveSession(t.ctx, r.sessionToken);
    expect(s?.actor).toMatchObject({ userId: u.id, username: u.username, roles: ['unit_officer'] });
    expect(r.expiresAt.getTime()).toBe(clock + TTL);
    expect((await userRow(u.id)).last_login_at).not.toBeNull();
    // The cookie token itself is never stored.
    expect(await t.db.selectFrom('sessions').select('id').where('id', '=', r.sessionToken).executeTakeFirst()).toBeUndefined();
  });

  it('usernames are matched case-insensitively via the contract, unknown ones fail like wrong passwords', async () => {
    await expect(signIn('khong.ton.tai', 'whatever-123')).rejects.toMatchObject({ code: 'auth.invalid_credentials' });
  });

  it('wrong passwords are counted and lock the account after LOGIN_MAX_FAILURES', async () => {
    const u = await makeUser(t.ctx);
    for (let i = 1; i < MAX; i++) {
      await expect(signIn(u.username, 'sai-mat-khau-1')).rejects.toMatchObject({ code: 'auth.invalid_credentials' });
      expect((await userRow(u.id)).failed_logins).toBe(i);
    }
    await expect(signIn(u.username, 'sai-mat-khau-1')).rejects.toMatchObject({ code: 'auth.locked' });
    expect((await userRow(u.id)).locked_until?.getTime()).toBe(clock + LOCK_MS);
    expect(await auditOf(u.id, 'auth.locked')).toHaveLength(1);
    // While locked, even the right password is refused.
    await expect(signIn(u.username, TEST_PASSWORD)).rejects.toMatchObject({ code: 'auth.locked' });
    clock += LOCK_MS - 1000;
    await expect(signIn(u.username, TEST_PASSWORD)).rejects.toMatchObject({ code: 'auth.locked' });
    clock += 2000;
    await signIn(u.username, TEST_PASSWORD);
    expect(await userRow(u.id)).toMatchObject({ failed_logins: 0, locked_until: null });
  });

  it('a successful sign-in resets the failure count', async () => {
    const u = await makeUser(t.ctx);
    await expect(signIn(u.username, 'sai-mat-khau-1')).rejects.toMatchObject({ code: 'auth.invalid_credentials' });
    await signIn(u.username, TEST_PASSWORD);
    expect((await userRow(u.id)).failed_logins).toBe(0);
  });

  it('concurrent wrong passwords are all counted (no lost updates)', async () => {
    const u = await makeUser(t.ctx);
    const results = await Promise.allSettled(Array.from({ length: MAX }, () => signIn(u.username, 'sai-mat-khau-2')));
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    const row = await userRow(u.id);
    expect(row.locked_until).not.toBeNull();
    await expect(signIn(u.username, TEST_PASSWORD)).rejects.toMatchObject({ code: 'auth.locked' });
  });

  it('an administrator’s password reset lifts the lock', async () => {
    const u = await makeUser(t.ctx);
    for (let i = 0; i < MAX; i++) await signIn(u.username, 'sai-mat-khau-3').catch(() => undefined);
    await expect(signIn(u.username, TEST_PASSWORD)).rejects.toMatchObject({ code: 'auth.locked' });
    await resetPassword(t.ctx, op, u.id, 'Mat-khau-dat-lai-7');
    await signIn(u.username, 'Mat-khau-dat-lai-7');
  });

  it('a disabled account is refused and its sessions end', async () => {
    const u = await makeUser(t.ctx);
    const r = await signIn(u.username, TEST_PASSWORD);
    await updateUser(t.ctx, op, u.id, { version: u.version, disabled: true });
    expect(await resolveSession(t.ctx, r.sessionToken)).toBeNull();
    await expect(signIn(u.username, TEST_PASSWORD)).rejects.toMatchObject({ code: 'auth.account_disabled' });
    expect(await auditOf(u.id, 'auth.login_refused')).toHaveLength(1);
    // A wrong password on a disabled account is still just wrong.
    await expect(signIn(u.username, 'sai-mat-khau-4')).rejects.toMatchObject({ code: 'auth.invalid_credentials' });
  });

  it('sessions expire after their lifetime and are then removed', async () => {
    const u = await makeUser(t.ctx);
    const r = await signIn(u.username, TEST_PASSWORD);
    clock += TTL - 1000;
    expect(await resolveSession(t.ctx, r.sessionToken)).not.toBeNull();
    clock += 1000;
    expect(await resolveSession(t.ctx, r.sessionToken)).toBeNull();
    expect(await t.db.selectFrom('sessions').select('id').where('user_id', '=', u.id).execute()).toHaveLength(0);
  });

  it('changing the password ends the other sessions, keeps this one, and the old password stops working', async () => {
    const u = await makeUser(t.ctx);
    const a = await signIn(u.username, TEST_PASSWORD);
    const b = await signIn(u.username, TEST_PASSWORD);
    const sa = (await resolveSession(t.ctx, a.sessionToken))!;
    await expect(changeOwnPassword(t.ctx, sa.actor, sa.sessionId, 'sai-mat-khau', 'Mat-khau-moi-2026')).rejects.toMatchObject({ code: 'auth.wrong_current_password' });
    await expect(changeOwnPassword(t.ctx, sa.actor, sa.sessionId, TEST_PASSWORD, 'aaaaaaaaaaaa')).rejects.toMatchObject({ code: 'auth.password_too_weak' });
    expect(await resolveSession(t.ctx, b.sessionToken)).not.toBeNull();
    await changeOwnPassword(t.ctx, sa.actor, sa.sessionId, TEST_PASSWORD, 'Mat-khau-moi-2026');
    expect(await resolveSession(t.ctx, a.sessionToken)).not.toBeNull();
    expect(await resolveSession(t.ctx, b.sessionToken)).toBeNull();
    await expect(signIn(u.username, TEST_PASSWORD)).rejects.toMatchObject({ code: 'auth.invalid_credentials' });
    await signIn(u.username, 'Mat-khau-moi-2026');
  });

  it('a forged token resolves to nothing', async () => {
    expect(await resolveSession(t.ctx, 'forged-token-that-was-never-issued')).toBeNull();
    expect(await resolveSession(t.ctx, '')).toBeNull();
  });
});
