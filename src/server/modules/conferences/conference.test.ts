import { describe, expect, it } from 'vitest';
import { DomainError } from '../../kernel/errors.ts';
import { assertUniqueUnits, citedReference, conferenceSearchText, sameDocument, sameName } from './conference.ts';

describe('conference rules', () => {
  it.each([
    [{ kind: 'nghi_quyet', symbol: '16-NQ/TW', number: 16 }, { kind: 'nghi_quyet', number: 16 }, true],
    [{ kind: 'nghi_quyet', symbol: '16-NQ/TW' }, { kind: 'nghi_quyet', symbol: '16-NQ/TU' }, false],
    [{ kind: 'nghi_quyet', number: 16 }, { kind: 'ket_luan', number: 16 }, false],
    [{ kind: 'nghi_quyet', plenum: 4, term: 'XII' }, { kind: 'nghi_quyet', plenum: 4 }, true],
    [{ kind: 'nghi_quyet', plenum: 4, term: 'XII' }, { kind: 'nghi_quyet', plenum: 4, term: 'XI' }, false],
    [{ kind: 'nghi_quyet', plenum: 4 }, { kind: 'nghi_quyet', number: 4 }, false],
    [{ kind: 'chi_thi' }, { kind: 'chi_thi' }, false],
  ])('sameDocument(%j, %j) = %s', (a, b, same) => expect(sameDocument(a, b)).toBe(same));

  it('citedReference picks the first draft document an item mentions', () => {
    const draft = [{ kind: 'nghi_quyet', symbol: '16-NQ/TW', number: 16 }, { kind: 'ket_luan', number: 21 }, { kind: 'nghi_quyet', plenum: 4, term: 'XII' }];
    expect(citedReference([{ kind: 'ket_luan', number: 21 }, { kind: 'nghi_quyet', number: 16 }], draft)).toBe(1);
    expect(citedReference([{ kind: 'nghi_quyet', plenum: 4, term: 'XII' }], draft)).toBe(2);
    expect(citedReference([{ kind: 'chi_thi', number: 46 }], draft)).toBeNull();
    expect(citedReference([], draft)).toBeNull();
  });

  it.each([
    ['Ban Thường vụ Thành ủy Thành phố Hồ Chí Minh', 'ban thuong vu thanh uy thanh pho ho chi minh', true],
    ['Ban Thường vụ Thành ủy Thành phố Hồ Chí Minh'.normalize('NFD'), 'Ban  Thường vụ Thành ủy Thành phố Hồ Chí Minh', true],
    ['Ban Thường vụ Đảng ủy Công an Trung ương', 'Đảng ủy Công an Trung ương', false],
  ])('sameName(%j, %j) = %s', (a, b, same) => expect(sameName(a, b)).toBe(same));

  it('refuses a unit listed twice', () => {
    expect(() => assertUniqueUnits([{ unitId: 'a' }, { unitId: 'b' }])).not.toThrow();
    try {
      assertUniqueUnits([{ unitId: 'a' }, { unitId: 'b' }, { unitId: 'a' }]);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).code).toBe('conference.duplicate_unit');
      expect((e as DomainError).issues).toEqual([{ path: 'units.2.unitId', code: 'duplicate' }]);
    }
  });

  it('search text holds title, place and co-chairs, folded', () => {
    expect(conferenceSearchText({ title: 'Hội nghị phối hợp', place: 'Hội trường A', chairs: [{ name: 'Tô Lâm' }] })).toBe('hoi nghi phoi hop hoi truong a to lam');
  });
});
