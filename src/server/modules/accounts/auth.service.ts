import { createHash, randomBytes } from 'node:crypto';
import { canRecordIncidents } from '../incidents/incident.policy.ts';
import type { Me } from '../../../contracts/accounts.ts';
import type { Role } from '../../../contracts/roles.ts';
import { inTransaction } from '../../db/tx.ts';
import type { Actor } from '../../kernel/actor.ts';
import { isAdmin, hasRole } from '../../kernel/actor.ts';
import { writeAudit } from '../../kernel/audit.ts';
import type { Ctx } from '../../kernel/context.ts';
import { DomainError } from '../../kernel/errors.ts';
import { pathsOf } from '../organisation/unit.service.ts';
import { dummyHash, hashPassword, passwordProblems, verifyPassword } from './password.ts';
import { presentUser } from './user.presenter.ts';
import { canAssignTasks } from '../tasks/task.policy.ts';
import { canCreateDocument } from '../documents/document.policy.ts';
import { canImportConference } from '../conferences/conference.policy.ts';
import * as repo from './user.repository.ts';

export interface AuthSettings {
  sessionTtlMs: number;
  maxFailures: number;
  lockMs: number;
}

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');
const token = (): string => randomBytes(32).toString('base64url');

export interface LoginResult {
  sessionToken: string;
  csrfToken: string;
  expiresAt: Date;
  userId: string;
}

/**
 * Sign in. Failures are counted per account; after `maxFailures` the account is locked for
 * `lockMs` (lock-out), on top of the per-address rate limit of the HTTP layer (throttling).
 * Unknown usernames cost the same time as known ones. Every outcome is audited.
 */
export async function login(
  ctx: Ctx,
  settings: AuthSettings,
  input: { username: string; password: string; ip: string | null; userAgent: string | null },
): Promise<LoginResult> {
  const user = await repo.findUserByUsername(ctx.db, input.username);
  const anon = { kind: 'user' as const, userId: null, username: input.username, unitId: null, roles: [] as Role[], scopeUnitIds: [], scopePaths: [], communeCodes: [] };
  if (!user) {
    await verifyPassword(await dummyHash(), input.password);
    await inTransaction(ctx.db, (trx) => writeAudit(trx, anon, { action: 'auth.login_failed', entityType: 'user', entityId: null, data: { username: input.username, reason: 'unknown_user', ip: input.ip } }));
    throw new DomainError('auth.invalid_credentials');
  }
  const now = ctx.now();
  const actor = { ...anon, userId: user.id };
  if (user.lockedUntil && user.lockedUntil > now) {
    await inTransaction(ctx.db, (trx) => writeAudit(trx, actor, { action: 'auth.login_refused', entityType: 'user', entityId: user.id, data: { reason: 'locked', ip: input.ip } }));
    throw new DomainError('auth.locked', { until: user.lockedUntil.toISOString() });
  }
  const ok = await verifyPassword(user.passwordHash, input.password);
  if (!ok) {
    const lock = await inTransaction(ctx.db, async (trx) => {
      const failures = await repo.incrementLoginFailures(trx, user.id);
      const until = failures >= settings.maxFailures ? new Date(now.getTime() + settings.lockMs) : null;
      if (until) await repo.recordLoginOutcome(trx, user.id, { failed_logins: 0, locked_until: until });
      await writeAudit(trx, actor, { action: until ? 'auth.locked' : 'auth.login_failed', entityType: 'user', entityId: user.id, data: { reason: 'wrong_password', failures, ip: input.ip } });
      return until;
    });
    if (lock) throw new DomainError('auth.locked', { until: lock.toISOString() });
    throw new DomainError('auth.invalid_credentials');
  }
  if (user.disabled) {
    await inTransaction(ctx.db, (trx) => writeAudit(trx, actor, { action: 'auth.login_refused', entityType: 'user', entityId: user.id, data: { reason: 'disabled', ip: input.ip } }));
    throw new DomainError('auth.account_disabled');
  }
  const sessionToken = token();
  const csrfToken = token();
  const expiresAt = new Date(now.getTime() + settings.sessionTtlMs);
  await inTransaction(ctx.db, async (trx) => {
    await repo.recordLoginOutcome(trx, user.id, { failed_logins: 0, locked_until: null, last_login_at: now });
    await repo.insertSession(trx, { id: sha256(sessionToken), userId: user.id, csrfToken, expiresAt, ip: input.ip, userAgent: input.userAgent?.slice(0, 300) ?? null });
    await writeAudit(trx, { ...actor, username: user.username }, { action: 'auth.login', entityType: 'user', entityId: user.id, data: { ip: input.ip } });
  });
  return { sessionToken, csrfToken, expiresAt, userId: user.id };
}

export interface ResolvedSession {
  actor: Actor;
  sessionId: string;
  csrfToken: string;
}

/** Resolve a session cookie to an actor; null when unknown, expired, or the account is disabled. */
export async function resolveSession(ctx: Ctx, sessionToken: string): Promise<ResolvedSession | null> {
  const id = sha256(sessionToken);
  const s = await repo.findSession(ctx.db, id);
  if (!s) return null;
  if (s.expiresAt <= ctx.now()) {
    await repo.deleteSession(ctx.db, id);
    return null;
  }
  const actor = await actorOfUser(ctx.db, s.userId);
  if (!actor) return null;
  // Touch at most once a minute to keep writes off the hot path.
  if (ctx.now().getTime() - s.lastSeenAt.getTime() > 60_000) await repo.touchSession(ctx.db, id);
  return { sessionId: id, csrfToken: s.csrfToken, actor };
}

/**
 * The actor of a user as of now (roles, unit, scope), or null when the user is unknown or disabled.
 * Sessions resolve through it, and so do jobs that act for the user who asked (report runs): the
 * job sees what the user may see when it runs, not when it was queued.
 */
export async function actorOfUser(db: Ctx['db'], userId: string): Promise<Actor | null> {
  const user = await repo.findUserById(db, userId);
  if (!user || user.disabled) return null;
  const { scope, communes } = await repo.scopesOf(db, [user.id]);
  const scopeUnitIds = [...new Set([user.unitId, ...(scope.get(user.id) ?? [])])];
  return {
    kind: 'user',
    userId: user.id,
    username: user.username,
    unitId: user.unitId,
    roles: user.roles as Role[],
    scopeUnitIds,
    scopePaths: await pathsOf(db, scopeUnitIds),
    communeCodes: communes.get(user.id) ?? [],
  };
}

export async function logout(ctx: Ctx, actor: Actor, sessionId: string): Promise<void> {
  await inTransaction(ctx.db, async (trx) => {
    await repo.deleteSession(trx, sessionId);
    await writeAudit(trx, actor, { action: 'auth.logout', entityType: 'user', entityId: actor.userId, data: {} });
  });
}

export async function me(ctx: Ctx, actor: Actor, csrfToken: string): Promise<Me> {
  const row = await repo.findUserById(ctx.db, actor.userId!);
  if (!row) throw new DomainError('unauthenticated');
  const user = presentUser(actor, row, [...actor.scopeUnitIds], [...actor.communeCodes]);
  return {
    user,
    csrfToken,
    can: {
      manageUsers: isAdmin(actor),
      viewAudit: isAdmin(actor),
      editOrganisation: isAdmin(actor) || hasRole(actor, 'leader', 'staff_officer'),
      importReference: isAdmin(actor),
      assignTasks: canAssignTasks(actor),
      createDocument: canCreateDocument(actor),
      importConference: canImportConference(actor),
      recordIncidents: canRecordIncidents(actor),
    },
  };
}

/** A signed-in user changes their own password; other sessions end. */
export async function changeOwnPassword(ctx: Ctx, actor: Actor, sessionId: string, currentPassword: string, newPassword: string): Promise<void> {
  const user = await repo.findUserById(ctx.db, actor.userId!);
  if (!user) throw new DomainError('unauthenticated');
  if (!(await verifyPassword(user.passwordHash, currentPassword))) {
    await inTransaction(ctx.db, (trx) => writeAudit(trx, actor, { action: 'auth.password_change_failed', entityType: 'user', entityId: user.id, data: {} }));
    throw new DomainError('auth.wrong_current_password', {}, [{ path: 'currentPassword', code: 'wrong' }]);
  }
  const problem = passwordProblems(newPassword, user.username);
  if (problem) throw new DomainError('auth.password_too_weak', { reason: problem }, [{ path: 'newPassword', code: problem }]);
  const passwordHash = await hashPassword(newPassword);
  await inTransaction(ctx.db, async (trx) => {
    await repo.updateUserRow(trx, user.id, user.version, { password_hash: passwordHash, password_changed_at: new Date() });
    await repo.deleteSessionsOf(trx, user.id, sessionId);
    await writeAudit(trx, actor, { action: 'auth.password_changed', entityType: 'user', entityId: user.id, data: {} });
  });
}
