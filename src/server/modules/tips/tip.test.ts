import { describe, expect, it } from 'vitest';
import { formatTrackingCode, newSecret, newTrackingCode, normaliseCode, pointInCity, publicStatusOf } from './tip.ts';

describe('tip rules', () => {
  it.each([
    [{ lat: 10.7769, lng: 106.7009 }, true], // Bến Thành
    [{ lat: 11.05, lng: 106.65 }, true], // Thủ Dầu Một (former Bình Dương)
    [{ lat: 10.35, lng: 107.08 }, true], // Vũng Tàu
    [{ lat: 8.68, lng: 106.6 }, true], // Côn Đảo
    [{ lat: 21.03, lng: 105.85 }, false], // Hà Nội
    [{ lat: 10.03, lng: 105.78 }, false], // Cần Thơ
    [{ lat: 0, lng: 0 }, false],
  ])('point %j in the city: %s', (p, want) => {
    expect(pointInCity(p)).toBe(want);
  });

  it.each([
    ['abcde-fghjk', 'ABCDE-FGHJK'],
    [' abcde fghjk ', 'ABCDE-FGHJK'],
    ['0O1IL-23456', '00111-23456'],
    ['short', 'SH0RT'],
  ])('tracking code %j reads as %j', (typed, want) => {
    expect(formatTrackingCode(typed)).toBe(want);
  });

  it('makes codes and secrets of the right shape, different each time', () => {
    expect(newTrackingCode()).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
    expect(normaliseCode(newSecret())).toHaveLength(20);
    expect(new Set(Array.from({ length: 50 }, newSecret)).size).toBe(50);
  });

  it.each([
    ['received', 'received'],
    ['recorded', 'received'],
    ['classified', 'received'],
    ['transferred', 'processing'],
    ['suspended', 'suspended'],
    ['decided', 'completed'],
    ['closed', 'completed'],
  ] as const)('state %s shows as %s', (state, want) => {
    expect(publicStatusOf(state)).toBe(want);
  });
});
