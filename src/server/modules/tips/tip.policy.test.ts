import { describe, expect, it } from 'vitest';
import type { Role } from '../../../contracts/roles.ts';
import type { Actor } from '../../kernel/actor.ts';
import { canReadReporter, canViewTip, isTipHandler, tipAbilities, type TipAccessRecord } from './tip.policy.ts';

// City police /c/ with the commune police A (/c/a/, commune 1) and B (/c/b/, commune 2), and the
// criminal police department PC02 (/c/pc/).
const A = { id: 'a', path: '/c/a/', communeCode: '00001' };
const PC = { id: 'pc', path: '/c/pc/', communeCode: null };
const actor = (unitId: string, roles: Role[], scopePaths: string[], communeCodes: string[] = [], kind: Actor['kind'] = 'user'): Actor => ({
  kind,
  userId: `u-${unitId}-${roles.join('')}`,
  username: 'x',
  unitId,
  roles,
  scopeUnitIds: [],
  scopePaths,
  communeCodes,
});
const ACTORS = {
  officerA: actor('a', ['unit_officer'], ['/c/a/'], ['00001']),
  leaderA: actor('a', ['leader'], ['/c/a/'], ['00001']),
  viewerA: actor('a', ['viewer'], ['/c/a/'], ['00001']),
  officerB: actor('b', ['unit_officer'], ['/c/b/'], ['00002']),
  investigator: actor('pc', ['unit_officer'], ['/c/pc/']),
  cityLeader: actor('c', ['leader'], ['/c/']),
  cityStaff: actor('c', ['staff_officer'], ['/c/']),
  admin: actor('adm', ['system_admin'], []),
};
type Who = keyof typeof ACTORS;

const tip = (handling: typeof A | typeof PC, state: TipAccessRecord['state']): TipAccessRecord => ({
  state,
  classification: state === 'received' ? null : 'within_competence',
  receivingUnit: A,
  handlingUnit: handling,
  hasReporter: true,
  hasOutcome: false,
  senderNotified: false,
});
const atCommune = tip(A, 'received');
const transferred = tip(PC, 'transferred');

describe('tip policy', () => {
  it.each<[Who, boolean, boolean, boolean, boolean, boolean, boolean]>([
    //            view@A  handle@A reporter@A view@PC handle@PC reporter@PC
    ['officerA', true, true, true, true, false, false],
    ['leaderA', true, true, true, true, false, false],
    ['viewerA', true, false, false, true, false, false],
    ['officerB', false, false, false, false, false, false],
    ['investigator', false, false, false, true, true, true],
    ['cityLeader', true, true, false, true, true, false],
    ['cityStaff', true, true, false, true, true, false],
    ['admin', true, true, false, true, true, false],
  ])('%s', (who, viewA, handleA, repA, viewPc, handlePc, repPc) => {
    const a = ACTORS[who];
    expect([canViewTip(a, atCommune), isTipHandler(a, atCommune), canReadReporter(a, atCommune)]).toEqual([viewA, handleA, repA]);
    expect([canViewTip(a, transferred), isTipHandler(a, transferred), canReadReporter(a, transferred)]).toEqual([viewPc, handlePc, repPc]);
  });

  it.each<[TipAccessRecord['state'], string[]]>([
    ['received', ['recordReceipt', 'ask', 'linkIncident']],
    ['recorded', ['classify', 'ask', 'linkIncident']],
    ['classified', ['transfer', 'ask', 'linkIncident']],
    ['transferred', ['extend', 'suspend', 'decide', 'ask', 'linkIncident']],
    ['suspended', ['restore', 'ask', 'linkIncident']],
    // A decided tip may still be tied to its situation (a prosecution decided on a tip belongs to one).
    ['decided', ['linkIncident']],
    ['closed', []],
  ])('in state %s a handler may %j', (state, want) => {
    const t = { ...tip(A, state), classification: 'within_competence' };
    const ab = tipAbilities(ACTORS.officerA, t);
    expect(Object.keys(ab).filter((k) => ab[k] && k !== 'view' && k !== 'readReporter').sort()).toEqual([...want].sort());
  });

  it('the sender may be told once a decision exists and until told', () => {
    const decided = { ...tip(PC, 'decided'), hasOutcome: true };
    expect(tipAbilities(ACTORS.investigator, decided).notifySender).toBe(true);
    expect(tipAbilities(ACTORS.investigator, { ...decided, senderNotified: true }).notifySender).toBe(false);
  });

  it('a tip is linked to a situation once', () => {
    expect(tipAbilities(ACTORS.officerA, { ...tip(A, 'recorded'), linked: true }).linkIncident).toBe(false);
  });
});
