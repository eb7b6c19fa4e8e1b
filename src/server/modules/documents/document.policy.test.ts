import { describe, expect, it } from 'vitest';
import type { Role } from '../../../contracts/roles.ts';
import type { Actor } from '../../kernel/actor.ts';
import { canCreateDocument, canEditDocument, canOwnSecret, canViewDocument } from './document.policy.ts';
import { canUploadFile, canViewFile, type FileAccess } from '../files/file.policy.ts';
import type { TaskAccessRecord } from '../tasks/task.policy.ts';
import { canEditConference, canHostConference, canViewConference, seesAllConferences } from '../conferences/conference.policy.ts';

const CITY = '/hcm/';
const CATP = '/hcm/catp/';
const WARD = '/hcm/catp/cax-26743/';
const CENTRAL = '/tw/ducatw/';

const actor = (roles: Role[], scopePaths: string[] = [], communeCodes: string[] = [], userId = 'u1'): Actor => ({
  kind: 'user',
  userId,
  username: 'x',
  unitId: 'unit',
  roles,
  scopeUnitIds: [],
  scopePaths,
  communeCodes,
});

const admin = actor(['system_admin']);
const cityLeader = actor(['leader'], [CITY]);
const policeStaff = actor(['staff_officer'], [CATP]);
const wardOfficer = actor(['unit_officer'], [WARD], ['26743']);
const otherWard = actor(['unit_officer'], ['/hcm/catp/cax-26740/'], ['26740']);
const viewer = actor(['viewer'], [CITY]);

describe('document policy', () => {
  const normal = { classification: 'normal', ownerUnitPath: CATP, ownerUnitCommune: null };
  const secret = { classification: 'secret', ownerUnitPath: CATP, ownerUnitCommune: null };
  const secretOfWard = { classification: 'secret', ownerUnitPath: WARD, ownerUnitCommune: '26743' };
  const secretNoOwner = { classification: 'secret', ownerUnitPath: null, ownerUnitCommune: null };
  it.each([
    ['admin', admin, normal, true, true],
    ['admin', admin, secretNoOwner, true, true],
    ['city leader', cityLeader, secret, true, true],
    ['police staff', policeStaff, secret, true, true],
    ['police staff', policeStaff, secretOfWard, true, true],
    ['ward officer', wardOfficer, normal, true, false],
    ['ward officer', wardOfficer, secret, false, false],
    ['ward officer', wardOfficer, secretOfWard, true, false],
    ['other ward', otherWard, secretOfWard, false, false],
    ['viewer', viewer, secret, true, false],
    ['police staff', policeStaff, secretNoOwner, false, false],
  ] as const)('%s on %j → view %s, edit %s', (_n, a, d, view, edit) => {
    expect(canViewDocument(a, d)).toBe(view);
    expect(canEditDocument(a, d)).toBe(edit);
  });

  it.each([
    [admin, true],
    [cityLeader, true],
    [policeStaff, true],
    [wardOfficer, false],
    [viewer, false],
  ])('create %#', (a, allowed) => expect(canCreateDocument(a)).toBe(allowed));

  it('a secret document must be owned within the scope', () => {
    expect(canOwnSecret(policeStaff, { path: WARD, communeCode: '26743' })).toBe(true);
    expect(canOwnSecret(policeStaff, { path: '/hcm/ubnd/', communeCode: null })).toBe(false);
    expect(canOwnSecret(policeStaff, null)).toBe(false);
    expect(canOwnSecret(admin, null)).toBe(true);
  });
});

/** A task assigned by the city police to one of its units (lead), for the evidence rules. */
const cityTask = (classification: string, coordinators: TaskAccessRecord['coordinators'] = [], unitPath = CATP): TaskAccessRecord => ({
  classification,
  state: 'open',
  assigningUnit: { id: 'assigning', path: unitPath, communeCode: null },
  leadUnit: { id: 'lead', path: unitPath, communeCode: null },
  coordinators,
});

describe('file policy', () => {
  const base: FileAccess = { uploadedBy: 'someone', owner: { path: WARD, communeCode: '26743' }, documents: [], tasks: [] };
  it.each([
    ['uploader', actor(['unit_officer'], ['/elsewhere/'], [], 'someone'), base, true],
    ['scope holds the owner unit', policeStaff, base, true],
    ['commune assigned', actor(['unit_officer'], [], ['26743']), base, true],
    ['other ward', otherWard, base, false],
    ['other ward, attached to a normal document', otherWard, { ...base, documents: [{ classification: 'normal', ownerUnitPath: CATP, ownerUnitCommune: null }] }, true],
    ['other ward, attached to a secret document', otherWard, { ...base, documents: [{ classification: 'secret', ownerUnitPath: CATP, ownerUnitCommune: null }] }, false],
    ['other ward, evidence of a task it coordinates', otherWard, { ...base, tasks: [cityTask('normal', [{ id: 'cax-26740', path: '/hcm/catp/cax-26740/', communeCode: '26740', respondedAt: null }])] }, true],
    ['central unit, evidence of a city task', actor(['staff_officer'], [CENTRAL]), { ...base, tasks: [cityTask('normal')] }, false],
    ['scope holds the owner unit, evidence of a secret task it cannot see', policeStaff, { ...base, tasks: [cityTask('secret', [], '/hcm/ubnd/')] }, false],
    ['other ward, evidence of a secret task it coordinates', otherWard, { ...base, tasks: [cityTask('secret', [{ id: 'unit', path: '/hcm/catp/cax-26740/', communeCode: '26740', respondedAt: null }])] }, true],
    ['scope holds the owner unit, attached to a secret document outside scope', policeStaff, { ...base, documents: [{ classification: 'secret', ownerUnitPath: '/hcm/ubnd/', ownerUnitCommune: null }] }, false],
    ['admin', admin, { ...base, owner: null }, true],
  ] as [string, Actor, FileAccess, boolean][])('%s → %s', (_n, a, f, allowed) => expect(canViewFile(a, f)).toBe(allowed));

  it('viewers do not upload', () => {
    expect(canUploadFile(viewer)).toBe(false);
    expect(canUploadFile(wardOfficer)).toBe(true);
  });
});

describe('conference policy', () => {
  const demo = { host: { path: '/hcm/tu/btv/', communeCode: null }, units: [{ path: '/hcm/tu/btv/', communeCode: null }, { path: CENTRAL, communeCode: null }, { path: CATP, communeCode: null }] };
  const wardMeeting = { host: { path: WARD, communeCode: '26743' }, units: [] };
  it.each([
    ['admin', admin, demo, true, true],
    ['city leader (territory root)', cityLeader, demo, true, true],
    ['leader of a department only', actor(['leader'], [CATP]), demo, true, false],
    ['police staff (participant)', policeStaff, demo, true, false],
    ['police staff on a ward meeting', policeStaff, wardMeeting, true, true],
    ['ward officer', wardOfficer, demo, false, false],
    ['ward officer on their ward meeting', wardOfficer, wardMeeting, true, false],
    ['other ward', otherWard, wardMeeting, false, false],
    ['central staff', actor(['staff_officer'], [CENTRAL]), demo, true, false],
  ] as const)('%s → view %s, edit %s', (_n, a, c, view, edit) => {
    expect(canViewConference(a, c)).toBe(view);
    expect(canEditConference(a, c)).toBe(edit);
  });

  it('who sees every conference, who may host', () => {
    expect(seesAllConferences(cityLeader)).toBe(true);
    expect(seesAllConferences(viewer)).toBe(false);
    expect(seesAllConferences(actor(['leader'], [CATP]))).toBe(false);
    expect(canHostConference(policeStaff, { path: WARD, communeCode: '26743' })).toBe(true);
    expect(canHostConference(wardOfficer, { path: WARD, communeCode: '26743' })).toBe(false);
  });
});
