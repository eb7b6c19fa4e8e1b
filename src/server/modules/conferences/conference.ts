import { DomainError } from '../../kernel/errors.ts';
import { foldForSearch } from '../../kernel/text.ts';

/** Pure rules for conferences (hội nghị). */

export function conferenceSearchText(c: { title: string; place?: string | null | undefined; chairs: readonly { name: string }[] }): string {
  return foldForSearch([c.title, c.place ?? '', ...c.chairs.map((x) => x.name)].join(' '));
}

/** A unit takes part once (as a party or a participant); the host is not listed among them twice. */
export function assertUniqueUnits(units: readonly { unitId: string }[]): void {
  const seen = new Set<string>();
  const issues: { path: string; code: string }[] = [];
  units.forEach((u, i) => {
    if (seen.has(u.unitId)) issues.push({ path: `units.${i}.unitId`, code: 'duplicate' });
    seen.add(u.unitId);
  });
  if (issues.length) throw new DomainError('conference.duplicate_unit', {}, issues);
}

/** Whether two names are the same once folded ("Ban Thường vụ Thành ủy …" = "ban thuong vu thanh uy …"). */
export const sameName = (a: string, b: string): boolean => foldForSearch(a) === foldForSearch(b);

type RefKey = { kind: string; symbol?: string | undefined; number?: number | undefined; plenum?: number | undefined; term?: string | undefined };

/** The same document: same kind and symbol, or number, or Central Committee plenum (and term when both say). */
export function sameDocument(a: RefKey, b: RefKey): boolean {
  if (a.kind !== b.kind) return false;
  if (a.symbol && b.symbol) return a.symbol === b.symbol;
  if (a.plenum !== undefined || b.plenum !== undefined) return a.plenum === b.plenum && (!a.term || !b.term || a.term === b.term);
  return a.number !== undefined && a.number === b.number;
}

/** Which of the draft's documents a conclusion item cites first (by the references found in the item's own text). */
export function citedReference(itemRefs: readonly RefKey[], draftRefs: readonly RefKey[]): number | null {
  for (const r of itemRefs) {
    const i = draftRefs.findIndex((d) => sameDocument(r, d));
    if (i >= 0) return i;
  }
  return null;
}
