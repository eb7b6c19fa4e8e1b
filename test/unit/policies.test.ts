import { describe, expect, it } from 'vitest';
import type { Role } from '../../src/contracts/roles.ts';
import type { Actor } from '../../src/server/kernel/actor.ts';
import { operatorActor } from '../../src/server/kernel/actor.ts';
import { canCreateUnitUnder, canEditUnit, canViewUnit, unitAbilities, type UnitRecord } from '../../src/server/modules/organisation/unit.policy.ts';
import { canEditPerson, canViewPerson, personAbilities } from '../../src/server/modules/organisation/person.policy.ts';
import { canCreateUser, canDisableUser, canListUsers, canResetPassword, canUpdateUser, canViewUser, userAbilities } from '../../src/server/modules/accounts/user.policy.ts';
import { canReadAudit } from '../../src/server/modules/audit/audit.policy.ts';

/*
 * A small organisation: city (/C/) → police (/C/P/) → ward police Bến Thành (/C/P/BT/, commune 26743)
 * and ward police Sài Gòn (/C/P/SG/, commune 26740); a separate party branch (/C/D/).
 */
const units = {
  city: { id: 'C', path: '/C/', communeCode: null, parentId: null },
  police: { id: 'P', path: '/C/P/', communeCode: null, parentId: 'C' },
  benThanh: { id: 'BT', path: '/C/P/BT/', communeCode: '26743', parentId: 'P' },
  saiGon: { id: 'SG', path: '/C/P/SG/', communeCode: '26740', parentId: 'P' },
  party: { id: 'D', path: '/C/D/', communeCode: null, parentId: 'C' },
} satisfies Record<string, UnitRecord>;
type UnitKey = keyof typeof units;

function actor(roles: Role[], scope: UnitKey[], communes: string[] = [], userId = 'me'): Actor {
  return {
    kind: 'user',
    userId,
    username: userId,
    unitId: scope[0] ? units[scope[0]].id : null,
    roles,
    scopeUnitIds: scope.map((k) => units[k].id),
    scopePaths: scope.map((k) => units[k].path),
    communeCodes: communes,
  };
}

const ROLE_SCOPES: Record<string, Actor> = {
  admin: actor(['system_admin'], ['party']),
  operator: operatorActor('test'),
  'leader@city': actor(['leader'], ['city']),
  'leader@police': actor(['leader'], ['police']),
  'staff@police': actor(['staff_officer'], ['police']),
  'staff@party': actor(['staff_officer'], ['party']),
  'officer@benThanh': actor(['unit_officer'], ['benThanh'], ['26743']),
  'officer+commune@saiGon': actor(['unit_officer'], [], ['26740']),
  'viewer@city': actor(['viewer'], ['city']),
  'leader+commune@none': actor(['leader'], [], ['26743']),
  'nobody': actor([], []),
};

describe('unit.policy: role × scope → may edit', () => {
  const table: [string, UnitKey, boolean][] = [
    ['admin', 'benThanh', true], ['admin', 'city', true], ['operator', 'saiGon', true],
    ['leader@city', 'benThanh', true], ['leader@city', 'city', true], ['leader@city', 'party', true],
    ['leader@police', 'saiGon', true], ['leader@police', 'police', true], ['leader@police', 'city', false], ['leader@police', 'party', false],
    ['staff@police', 'benThanh', true], ['staff@party', 'benThanh', false], ['staff@party', 'party', true],
    ['officer@benThanh', 'benThanh', false], ['officer@benThanh', 'saiGon', false], ['officer+commune@saiGon', 'saiGon', false],
    ['viewer@city', 'benThanh', false], ['viewer@city', 'city', false],
    ['leader+commune@none', 'benThanh', true], ['leader+commune@none', 'saiGon', false],
    ['nobody', 'city', false],
  ];
  it.each(table)('%s on %s → %s', (who, unit, allowed) => {
    const a = ROLE_SCOPES[who]!;
    expect(canEditUnit(a, units[unit])).toBe(allowed);
    expect(canViewUnit(a, units[unit])).toBe(true); // the directory is visible to everyone signed in
    expect(unitAbilities(a, units[unit])).toEqual({ view: true, update: allowed, createChild: allowed });
  });

  it.each([
    ['admin', true], ['operator', true], ['leader@city', false], ['staff@police', false], ['officer@benThanh', false], ['viewer@city', false],
  ])('%s may create a root unit → %s', (who, allowed) => {
    expect(canCreateUnitUnder(ROLE_SCOPES[who]!, null)).toBe(allowed);
  });
});

describe('person.policy: role × scope → view / edit', () => {
  const table: [string, UnitKey, boolean, boolean][] = [
    ['admin', 'saiGon', true, true],
    ['leader@city', 'benThanh', true, true],
    ['leader@police', 'party', false, false],
    ['staff@police', 'saiGon', true, true],
    ['officer@benThanh', 'benThanh', true, false],
    ['officer@benThanh', 'saiGon', false, false],
    ['officer@benThanh', 'police', false, false],
    ['officer+commune@saiGon', 'saiGon', true, false],
    ['officer+commune@saiGon', 'benThanh', false, false],
    ['viewer@city', 'benThanh', true, false],
    ['leader+commune@none', 'benThanh', true, true],
    ['leader+commune@none', 'city', false, false],
    ['nobody', 'benThanh', false, false],
  ];
  it.each(table)('%s on a person of %s → view %s, edit %s', (who, unit, view, edit) => {
    const a = ROLE_SCOPES[who]!;
    const rec = { unitPath: units[unit].path, unitCommune: units[unit].communeCode };
    expect(canViewPerson(a, rec)).toBe(view);
    expect(canEditPerson(a, rec)).toBe(edit);
    expect(personAbilities(a, rec)).toEqual({ view, update: edit });
  });

  it('a path prefix that is not a whole segment does not leak scope', () => {
    const a = actor(['unit_officer'], ['benThanh']);
    expect(canViewPerson(a, { unitPath: '/C/P/BTX/', unitCommune: null })).toBe(false);
  });
});

describe('user.policy', () => {
  const me = { id: 'me' };
  const other = { id: 'other' };
  const table: [string, Role[], { id: string }, { list: boolean; view: boolean; create: boolean; update: boolean; reset: boolean; disable: boolean }][] = [
    ['admin on other', ['system_admin'], other, { list: true, view: true, create: true, update: true, reset: true, disable: true }],
    ['admin on self', ['system_admin'], me, { list: true, view: true, create: true, update: true, reset: true, disable: false }],
    ['leader on other', ['leader'], other, { list: false, view: false, create: false, update: false, reset: false, disable: false }],
    ['leader on self', ['leader'], me, { list: false, view: true, create: false, update: false, reset: false, disable: false }],
    ['staff on other', ['staff_officer'], other, { list: false, view: false, create: false, update: false, reset: false, disable: false }],
    ['officer on self', ['unit_officer'], me, { list: false, view: true, create: false, update: false, reset: false, disable: false }],
    ['viewer on other', ['viewer'], other, { list: false, view: false, create: false, update: false, reset: false, disable: false }],
  ];
  it.each(table)('%s', (_l, roles, target, exp) => {
    const a = actor(roles, ['city'], [], 'me');
    expect(canListUsers(a)).toBe(exp.list);
    expect(canViewUser(a, target)).toBe(exp.view);
    expect(canCreateUser(a)).toBe(exp.create);
    expect(canUpdateUser(a, target)).toBe(exp.update);
    expect(canResetPassword(a, target)).toBe(exp.reset);
    expect(canDisableUser(a, target)).toBe(exp.disable);
    expect(userAbilities(a, target)).toEqual({ view: exp.view, update: exp.update, resetPassword: exp.reset, disable: exp.disable });
  });
});

describe('audit.policy', () => {
  it.each([
    ['admin', true], ['operator', true], ['leader@city', false], ['staff@police', false], ['officer@benThanh', false], ['viewer@city', false], ['nobody', false],
  ])('%s may read the audit trail → %s', (who, allowed) => {
    expect(canReadAudit(ROLE_SCOPES[who]!)).toBe(allowed);
  });
});
