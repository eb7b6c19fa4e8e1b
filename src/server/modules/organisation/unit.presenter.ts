import type { Unit } from '../../../contracts/organisation.ts';
import type { Actor } from '../../kernel/actor.ts';
import { unitAbilities } from './unit.policy.ts';
import type { UnitRow } from './unit.repository.ts';

export function presentUnit(actor: Actor, r: UnitRow): Unit {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    shortName: r.shortName,
    type: r.type as Unit['type'],
    level: r.level as Unit['level'],
    parentId: r.parentId,
    parentName: r.parentName,
    communeCode: r.communeCode,
    validFrom: r.validFrom,
    validTo: r.validTo,
    childCount: r.childCount,
    version: r.version,
    abilities: unitAbilities(actor, r),
  };
}
