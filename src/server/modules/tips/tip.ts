import { randomInt } from 'node:crypto';
import type { TipPublicStatus, TipState } from '../../../contracts/tips.ts';

/** Pure rules of the tips module besides the legal clock (tip-deadlines.ts). */

/**
 * Bounding box of Ho Chi Minh City after the 2025 merger (former HCMC, Bình Dương, Bà Rịa – Vũng
 * Tàu, with the Côn Đảo special zone): approximate, with a margin of a few kilometres. A point
 * outside it is refused; a point inside is not checked against commune boundaries (these are
 * optional imports).
 */
export const CITY_BOUNDS = { minLat: 8.5, maxLat: 11.6, minLng: 106.2, maxLng: 107.7 } as const;

export const pointInCity = (p: { lat: number; lng: number }): boolean =>
  p.lat >= CITY_BOUNDS.minLat && p.lat <= CITY_BOUNDS.maxLat && p.lng >= CITY_BOUNDS.minLng && p.lng <= CITY_BOUNDS.maxLng;

/** Crockford base32 without I, L, O, U: nothing to confuse when read over the phone. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const randomString = (n: number): string => Array.from({ length: n }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');

/** A tracking code: 10 characters (50 bits) shown as XXXXX-XXXXX. */
export const newTrackingCode = (): string => formatTrackingCode(randomString(10));
/** A secret: 20 characters (100 bits) shown in groups of five. */
export const newSecret = (): string => randomString(20).replace(/(.{5})(?=.)/g, '$1-');

/** Canonical form of a typed tracking code or secret: upper case, no separators, O→0, I/L→1. */
export const normaliseCode = (s: string): string =>
  s
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');

export function formatTrackingCode(raw: string): string {
  const c = normaliseCode(raw);
  return c.length === 10 ? `${c.slice(0, 5)}-${c.slice(5)}` : c;
}

/** What the public status page shows for a state (never internal detail). */
export function publicStatusOf(state: TipState): TipPublicStatus['status'] {
  switch (state) {
    case 'received':
    case 'recorded':
    case 'classified':
      return 'received';
    case 'transferred':
      return 'processing';
    case 'suspended':
      return 'suspended';
    default:
      return 'completed';
  }
}
