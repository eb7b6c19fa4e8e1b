import { randomUUID } from 'node:crypto';
import type { CreateUnitInput, Unit } from '../../contracts/organisation.ts';
import type { CreateUserInput, User } from '../../contracts/accounts.ts';
import type { Role } from '../../contracts/roles.ts';
import { operatorActor, type Actor } from '../kernel/actor.ts';
import type { Ctx } from '../kernel/context.ts';
import { createUnit } from '../modules/organisation/unit.service.ts';
import { createPerson } from '../modules/organisation/person.service.ts';
import { createUser } from '../modules/accounts/user.service.ts';
import { actorOfUser, resolveSession, login } from '../modules/accounts/auth.service.ts';

/**
 * Factories shared by the tests and the demo city: they go through the same use cases as the
 * API, so demo data and test data cannot drift from the rules.
 */
const operator = operatorActor('factory');
let n = 0;
const next = (): number => ++n + Math.floor(Math.random() * 1e6);

export async function makeUnit(ctx: Ctx, overrides: Partial<CreateUnitInput> = {}, actor: Actor = operator): Promise<Unit> {
  const i = next();
  return createUnit(ctx, actor, {
    code: overrides.code ?? `U${i}`,
    name: overrides.name ?? `Đơn vị thử ${i}`,
    type: overrides.type ?? 'police_unit',
    level: overrides.level ?? 'city',
    parentId: overrides.parentId ?? null,
    shortName: overrides.shortName ?? null,
    communeCode: overrides.communeCode ?? null,
    ...(overrides.validFrom ? { validFrom: overrides.validFrom } : {}),
  });
}

export const TEST_PASSWORD = 'Mat-khau-thu-2026';

export async function makeUser(
  ctx: Ctx,
  overrides: Partial<CreateUserInput> & { unitId?: string; roles?: Role[] } = {},
  actor: Actor = operator,
): Promise<User> {
  const unitId = overrides.unitId ?? (await makeUnit(ctx)).id;
  return createUser(ctx, actor, {
    username: overrides.username ?? `user.${next()}`,
    displayName: overrides.displayName ?? 'Cán bộ thử nghiệm',
    unitId,
    roles: overrides.roles ?? ['unit_officer'],
    password: overrides.password ?? TEST_PASSWORD,
    ...(overrides.scopeUnitIds ? { scopeUnitIds: overrides.scopeUnitIds } : {}),
    ...(overrides.communeCodes ? { communeCodes: overrides.communeCodes } : {}),
  });
}

export async function makePerson(ctx: Ctx, unitId: string, fullName: string, rank: string | null, title?: string, fromOn = '2025-07-01') {
  return createPerson(ctx, operator, { fullName, rank, unitId, ...(title ? { position: { title, fromOn } } : {}) });
}

/** A signed-in actor for use-case tests. */
export async function actorFor(ctx: Ctx, username: string, password = TEST_PASSWORD): Promise<Actor> {
  const r = await login(ctx, { sessionTtlMs: 3600_000, maxFailures: 5, lockMs: 60_000 }, { username, password, ip: null, userAgent: null });
  return (await resolveSession(ctx, r.sessionToken))!.actor;
}

/**
 * A demo account's actor by username, without logging in (the demo loaders act as its users); the
 * operator when the account does not exist.
 */
export async function demoActor(ctx: Ctx, username: string): Promise<Actor> {
  const user = await ctx.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
  return (user && (await actorOfUser(ctx.db, user.id))) ?? operatorActor('demo');
}

export const uniqueCode = (prefix = 'T'): string => `${prefix}${randomUUID().slice(0, 8).toUpperCase()}`;
