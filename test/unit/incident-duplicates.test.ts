import { describe, expect, it } from 'vitest';
import { DUPLICATE_WINDOW_HOURS, isLikelyDuplicate } from '../../src/server/modules/incidents/incident.ts';

const at = (h: number) => new Date(Date.UTC(2026, 10, 20, 12) + h * 3600_000);
const base = { id: 'a', communeCode: '26743', category: 'drugs', occurredAt: at(0) };

describe('isLikelyDuplicate (same commune and category within the window)', () => {
  it.each([
    ['same place, category, 1 h apart', { id: 'b', occurredAt: at(1) }, true],
    ['exactly at the window edge', { id: 'b', occurredAt: at(DUPLICATE_WINDOW_HOURS) }, true],
    ['just past the window', { id: 'b', occurredAt: at(DUPLICATE_WINDOW_HOURS + 0.01) }, false],
    ['earlier within the window', { id: 'b', occurredAt: at(-47) }, true],
    ['another commune', { id: 'b', communeCode: '26740', occurredAt: at(1) }, false],
    ['another category', { id: 'b', category: 'social_order', occurredAt: at(1) }, false],
    ['itself', { id: 'a', occurredAt: at(0) }, false],
  ] as const)('%s → %s', (_label, over, expected) => {
    expect(isLikelyDuplicate(base, { ...base, ...over })).toBe(expected);
  });
  it('takes a window in hours', () => {
    expect(isLikelyDuplicate(base, { ...base, id: 'b', occurredAt: at(5) }, 4)).toBe(false);
  });
});
