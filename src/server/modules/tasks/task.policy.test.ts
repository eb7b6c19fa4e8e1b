import { describe, expect, it } from 'vitest';
import type { Role } from '../../../contracts/roles.ts';
import type { Actor } from '../../kernel/actor.ts';
import { canCreateSubtask, canEvaluateTask, canReportProgress, canRespondFor, canViewTask, isAssigner, taskAbilities, type TaskAccessRecord } from './task.policy.ts';

// A small tree: /city/ → police /city/police/ → PC02, commune BT (26743), commune SG (26740); /city/dept/ (Sở).
const U = {
  city: { id: 'city', path: '/city/', communeCode: null },
  police: { id: 'police', path: '/city/police/', communeCode: null },
  pc02: { id: 'pc02', path: '/city/police/pc02/', communeCode: null },
  bt: { id: 'bt', path: '/city/police/bt/', communeCode: '26743' },
  sg: { id: 'sg', path: '/city/police/sg/', communeCode: '26740' },
  dept: { id: 'dept', path: '/city/dept/', communeCode: null },
};
type K = keyof typeof U;

const actor = (unit: K, roles: Role[], scope: K[] = [], communes: string[] = []): Actor => ({
  kind: 'user',
  userId: `u-${unit}-${roles.join('-')}`,
  username: `${unit}.${roles.join('.')}`,
  unitId: U[unit].id,
  roles,
  scopeUnitIds: [unit, ...scope].map((k) => U[k].id),
  scopePaths: [unit, ...scope].map((k) => U[k].path),
  communeCodes: communes,
});

const task = (over: Partial<{ assigning: K; lead: K; coord: K[]; classification: string; state: string }> = {}): TaskAccessRecord => ({
  classification: over.classification ?? 'normal',
  state: over.state ?? 'open',
  assigningUnit: U[over.assigning ?? 'police'],
  leadUnit: U[over.lead ?? 'pc02'],
  coordinators: (over.coord ?? ['dept']).map((k) => ({ ...U[k], respondedAt: null })),
});

const A = {
  admin: actor('city', ['system_admin']),
  cityLeader: actor('city', ['leader'], ['city']),
  policeStaff: actor('police', ['staff_officer']),
  btOfficer: actor('bt', ['unit_officer'], [], ['26743']),
  sgOfficer: actor('sg', ['unit_officer'], [], ['26740']),
  deptStaff: actor('dept', ['staff_officer']),
  cityViewer: actor('city', ['viewer']),
  pc02Viewer: actor('pc02', ['viewer']),
};

describe('canViewTask', () => {
  const cases: [string, Actor, TaskAccessRecord, boolean][] = [
    ['admin sees all', A.admin, task({ classification: 'secret' }), true],
    ['leader sees the subtree', A.cityLeader, task(), true],
    ['commune officer: task of another unit', A.btOfficer, task(), false],
    ['commune officer: task their unit leads', A.btOfficer, task({ lead: 'bt' }), true],
    ['commune officer: task their unit coordinates', A.btOfficer, task({ coord: ['bt'] }), true],
    ['commune officer: neighbour commune', A.sgOfficer, task({ lead: 'bt', coord: [] }), false],
    ['dept staff: coordinating unit', A.deptStaff, task(), true],
    ['dept staff: not involved', A.deptStaff, task({ coord: [] }), false],
    ['viewer with the city in scope', A.cityViewer, task(), true],
    ['secret: viewer with the city in scope', A.cityViewer, task({ classification: 'secret' }), false],
    ['secret: leader above the lead unit', A.cityLeader, task({ classification: 'secret' }), true],
    ['secret: staff officer above the lead unit but not a member', A.policeStaff, task({ classification: 'secret', assigning: 'city' }), false],
    ['secret: staff officer of the assigning unit', A.policeStaff, task({ classification: 'secret' }), true],
    ['secret: staff officer whose scope holds the assigning unit (the assigner side)', actor('dept', ['staff_officer'], ['police']), task({ classification: 'secret', lead: 'bt', coord: [] }), true],
    ['secret: unit officer whose scope holds the assigning unit', actor('dept', ['unit_officer'], ['police']), task({ classification: 'secret', lead: 'bt', coord: [] }), false],
    ['secret: member of a coordinating unit', A.deptStaff, task({ classification: 'secret' }), true],
    ['secret: viewer who is a member of the lead unit', A.pc02Viewer, task({ classification: 'secret' }), true],
  ];
  it.each(cases)('%s → %s', (_l, a, t, expected) => expect(canViewTask(a, t)).toBe(expected));
});

describe('acting', () => {
  it.each([
    ['assigner: staff officer of the assigning unit', A.policeStaff, task(), true],
    ['assigner: leader with the assigning unit in scope', A.cityLeader, task(), true],
    ['assigner: coordinating unit staff', A.deptStaff, task(), false],
    ['assigner: lead unit officer', A.btOfficer, task({ lead: 'bt' }), false],
    ['assigner: viewer of the assigning unit', actor('police', ['viewer']), task(), false],
  ] as const)('%s → %s', (_l, a, t, expected) => expect(isAssigner(a, t)).toBe(expected));

  it.each([
    ['lead member reports', A.btOfficer, task({ lead: 'bt' }), true],
    ['staff officer above the lead reports', A.policeStaff, task({ lead: 'bt' }), true],
    ['coordinating unit does not report', A.deptStaff, task({ lead: 'bt' }), false],
    ['viewer does not report', A.cityViewer, task({ lead: 'bt' }), false],
    ['no report on a submitted task', A.btOfficer, task({ lead: 'bt', state: 'submitted' }), false],
    ['reports on a returned task', A.btOfficer, task({ lead: 'bt', state: 'returned' }), true],
    ['no report on a paused task', A.btOfficer, task({ lead: 'bt', state: 'paused' }), false],
  ] as const)('report: %s → %s', (_l, a, t, expected) => expect(canReportProgress(a, t)).toBe(expected));

  it('evaluate only a submitted task, only by the assigner', () => {
    expect(canEvaluateTask(A.policeStaff, task({ state: 'submitted' }))).toBe(true);
    expect(canEvaluateTask(A.policeStaff, task({ state: 'open' }))).toBe(false);
    expect(canEvaluateTask(A.btOfficer, task({ lead: 'bt', state: 'submitted' }))).toBe(false);
  });

  it('coordination answers by a member of that unit', () => {
    expect(canRespondFor(A.deptStaff, task(), 'dept')).toBe(true);
    expect(canRespondFor(A.policeStaff, task(), 'dept')).toBe(false);
    expect(canRespondFor(A.deptStaff, task({ state: 'completed' }), 'dept')).toBe(false);
    expect(canRespondFor(A.deptStaff, task(), 'pc02')).toBe(false);
    expect(taskAbilities(A.deptStaff, task()).respond).toBe(true);
  });

  it('subtasks: a unit officer only under tasks their unit leads, from their unit, to units in scope', () => {
    expect(canCreateSubtask(A.btOfficer, task({ lead: 'bt' }), U.bt, U.bt)).toBe(true);
    expect(canCreateSubtask(A.btOfficer, task({ lead: 'bt' }), U.bt, U.sg)).toBe(false);
    expect(canCreateSubtask(A.btOfficer, task({ lead: 'bt' }), U.police, U.bt)).toBe(false);
    expect(canCreateSubtask(A.btOfficer, task({ coord: ['bt'] }), U.bt, U.bt)).toBe(false);
    expect(canCreateSubtask(A.policeStaff, task(), U.pc02, U.sg)).toBe(true);
    expect(canCreateSubtask(A.policeStaff, task({ state: 'completed' }), U.pc02, U.sg)).toBe(false);
  });
});
