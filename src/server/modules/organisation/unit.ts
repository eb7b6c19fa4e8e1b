import { DomainError } from '../../kernel/errors.ts';
import { foldForSearch, vietnameseSortKey } from '../../kernel/text.ts';

/** Pure rules for units of the organisation (đơn vị). */

export function unitPath(parentPath: string | null, id: string): string {
  return `${parentPath ?? '/'}${id}/`;
}

/** A unit cannot be moved under itself or one of its descendants. */
export function assertNoCycle(unitPath: string, newParentPath: string | null): void {
  if (newParentPath !== null && newParentPath.startsWith(unitPath)) {
    throw new DomainError('organisation.cycle', {});
  }
}

export function assertValidity(validFrom: string, validTo: string | null): void {
  if (validTo !== null && validTo < validFrom) throw new DomainError('organisation.invalid_validity', { validFrom, validTo });
}

export function unitSearchText(u: { code: string; name: string; shortName?: string | null }): string {
  return foldForSearch([u.name, u.shortName ?? '', u.code].join(' '));
}

export const unitSortKey = (name: string): string => vietnameseSortKey(name);

/** Whether a unit is in force on a date (YYYY-MM-DD). */
export function inForce(u: { validFrom: string; validTo: string | null }, on: string): boolean {
  return u.validFrom <= on && (u.validTo === null || u.validTo >= on);
}
