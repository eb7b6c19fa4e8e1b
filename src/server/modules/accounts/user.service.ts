import type { CreateUserInput, UpdateUserInput, User } from '../../../contracts/accounts.ts';
import { inTransaction } from '../../db/tx.ts';
import type { Tx } from '../../db/schema.ts';
import type { Actor } from '../../kernel/actor.ts';
import { writeAudit } from '../../kernel/audit.ts';
import type { Ctx } from '../../kernel/context.ts';
import { DomainError, forbidden, hiddenNotFound, notFound, staleVersion } from '../../kernel/errors.ts';
import { foldForSearch } from '../../kernel/text.ts';
import { existingCommuneCodes } from '../organisation/jurisdiction.service.ts';
import { findUnitById, unitsExist } from '../organisation/unit.service.ts';
import { hashPassword, passwordProblems } from './password.ts';
import { canCreateUser, canDisableUser, canListUsers, canResetPassword, canUpdateUser, canViewUser } from './user.policy.ts';
import { presentUser } from './user.presenter.ts';
import * as repo from './user.repository.ts';

async function presentMany(db: Ctx['db'] | Tx, actor: Actor, rows: repo.UserRow[]): Promise<User[]> {
  const { scope, communes } = await repo.scopesOf(db, rows.map((r) => r.id));
  return rows.map((r) => presentUser(actor, r, scope.get(r.id) ?? [], communes.get(r.id) ?? []));
}

export async function listUsers(ctx: Ctx, actor: Actor, q: { q?: string | undefined; unitId?: string | undefined; limit: number; offset: number }) {
  if (!canListUsers(actor)) throw forbidden('user.list');
  const r = await repo.listUsers(ctx.db, q);
  return { total: r.total, limit: q.limit, offset: q.offset, items: await presentMany(ctx.db, actor, r.items) };
}

export async function getUser(ctx: Ctx, actor: Actor, id: string): Promise<User> {
  const row = await repo.findUserById(ctx.db, id);
  if (!row) throw notFound('user', id);
    if (!canViewUser(actor, row)) throw hiddenNotFound('user', id);
  return (await presentMany(ctx.db, actor, [row]))[0]!;
}

async function checkRefs(trx: Tx, input: { unitId?: string | undefined; scopeUnitIds?: string[] | undefined; communeCodes?: string[] | undefined }) {
  if (input.unitId && !(await findUnitById(trx, input.unitId)))
    throw new DomainError('organisation.unknown_unit', { id: input.unitId }, [{ path: 'unitId', code: 'unknown_unit' }]);
  if (input.scopeUnitIds?.length) {
    const found = new Set(await unitsExist(trx, input.scopeUnitIds));
    const missing = input.scopeUnitIds.filter((id) => !found.has(id));
    if (missing.length) throw new DomainError('organisation.unknown_unit', { ids: missing }, [{ path: 'scopeUnitIds', code: 'unknown_unit' }]);
  }
  if (input.communeCodes?.length) {
    const found = await existingCommuneCodes(trx, input.communeCodes);
    const missing = input.communeCodes.filter((c) => !found.has(c));
    if (missing.length) throw new DomainError('organisation.unknown_commune', { codes: missing }, [{ path: 'communeCodes', code: 'unknown_commune' }]);
  }
}

export async function createUser(ctx: Ctx, actor: Actor, input: CreateUserInput): Promise<User> {
  if (!canCreateUser(actor)) throw forbidden('user.create');
  const problem = passwordProblems(input.password, input.username);
  if (problem) throw new DomainError('auth.password_too_weak', { reason: problem }, [{ path: 'password', code: problem }]);
  const passwordHash = await hashPassword(input.password);
  return inTransaction(ctx.db, async (trx) => {
    await checkRefs(trx, input);
    if (await repo.findUserByUsername(trx, input.username))
      throw new DomainError('accounts.duplicate_username', { username: input.username }, [{ path: 'username', code: 'duplicate' }]);
    const roles = [...new Set(input.roles)];
    const id = await repo.insertUser(trx, {
      username: input.username,
      displayName: input.displayName,
      email: input.email ?? null,
      unitId: input.unitId,
      passwordHash,
      roles,
      searchText: foldForSearch(`${input.username} ${input.displayName}`),
    });
    // A user always sees their own unit's subtree.
    const scope = [...new Set([input.unitId, ...(input.scopeUnitIds ?? [])])];
    await repo.replaceScopes(trx, id, scope, [...new Set(input.communeCodes ?? [])]);
    const { password: _pw, ...safe } = input;
    await writeAudit(trx, actor, { action: 'user.created', entityType: 'user', entityId: id, data: { ...safe, roles, scopeUnitIds: scope } });
    return (await presentMany(trx, actor, [(await repo.findUserById(trx, id))!]))[0]!;
  });
}

export async function updateUser(ctx: Ctx, actor: Actor, id: string, input: UpdateUserInput): Promise<User> {
  return inTransaction(ctx.db, async (trx) => {
    const row = await repo.findUserById(trx, id);
    if (!row) throw notFound('user', id);
    if (!canViewUser(actor, row)) throw hiddenNotFound('user', id);
    if (!canUpdateUser(actor, row)) throw forbidden('user.update');
    if (input.disabled === true && !canDisableUser(actor, row)) throw new DomainError('accounts.cannot_disable_self', {});
    if (row.version !== input.version) throw staleVersion('user', id);
    await checkRefs(trx, input);
    const set: Parameters<typeof repo.updateUserRow>[3] = {};
    if (input.displayName !== undefined) {
      set.display_name = input.displayName;
      set.search_text = foldForSearch(`${row.username} ${input.displayName}`);
    }
    if (input.email !== undefined) set.email = input.email;
    if (input.unitId !== undefined) set.unit_id = input.unitId;
    if (input.roles !== undefined) set.roles = [...new Set(input.roles)];
    if (input.disabled !== undefined) set.disabled = input.disabled;
    if (!(await repo.updateUserRow(trx, id, input.version, set))) throw staleVersion('user', id);
    const unitId = input.unitId ?? row.unitId;
    // The own unit is always in scope. When the unit changes and no scope is given, the old own
    // unit leaves the scope: a moved user must not keep seeing their former unit's subtree.
    const kept = input.scopeUnitIds ?? ((await repo.scopesOf(trx, [id])).scope.get(id) ?? []).filter((u) => u !== row.unitId);
    const scope = input.scopeUnitIds !== undefined || input.unitId !== undefined ? [...new Set([unitId, ...kept])] : undefined;
    await repo.replaceScopes(trx, id, scope, input.communeCodes ? [...new Set(input.communeCodes)] : undefined);
    if (input.disabled === true) await repo.deleteSessionsOf(trx, id);
    const { version: _v, ...changes } = input;
    await writeAudit(trx, actor, { action: 'user.updated', entityType: 'user', entityId: id, data: { changes } });
    return (await presentMany(trx, actor, [(await repo.findUserById(trx, id))!]))[0]!;
  });
}

/** Administrator (or operator) sets a new password; the user's sessions end and any lock is lifted. */
export async function resetPassword(ctx: Ctx, actor: Actor, id: string, newPassword: string): Promise<void> {
  const row0 = await repo.findUserById(ctx.db, id);
  if (!row0) throw notFound('user', id);
  if (!canViewUser(actor, row0)) throw hiddenNotFound('user', id);
  if (!canResetPassword(actor, row0)) throw forbidden('user.reset_password');
  const problem = passwordProblems(newPassword, row0.username);
  if (problem) throw new DomainError('auth.password_too_weak', { reason: problem }, [{ path: 'newPassword', code: problem }]);
  const passwordHash = await hashPassword(newPassword);
  await inTransaction(ctx.db, async (trx) => {
    const row = (await repo.findUserById(trx, id))!;
    await repo.updateUserRow(trx, id, row.version, { password_hash: passwordHash, password_changed_at: new Date(), failed_logins: 0, locked_until: null });
    await repo.deleteSessionsOf(trx, id);
    await writeAudit(trx, actor, { action: 'user.password_reset', entityType: 'user', entityId: id, data: {} });
  });
}
