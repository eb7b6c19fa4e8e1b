import type { IncidentSeverity } from '../../../contracts/incidents.ts';

/**
 * The colours of the situation map, shared by the map (lazy chunk) and its legend (main chunk):
 * a sequential blue scale for commune counts (ColorBrewer "Blues", 5 classes, equal intervals from
 * 1 to the largest count; zero is a neutral grey) and one colour per severity for the points.
 */
export const ZERO_COLOUR = '#f1f3f5';
export const SCALE_COLOURS = ['#deebf7', '#9ecae1', '#6baed6', '#3182bd', '#08519c'] as const;

export const SEVERITY_COLOURS: Record<IncidentSeverity, string> = {
  minor: '#2f9e44',
  serious: '#f08c00',
  very_serious: '#e03131',
  especially_serious: '#862e9c',
};
export const SEVERITY_RADIUS: Record<IncidentSeverity, number> = { minor: 5, serious: 6, very_serious: 7, especially_serious: 8 };

export interface ScaleClass {
  /** Inclusive bounds of the class. */
  min: number;
  max: number;
  colour: string;
}

/** Classes of the count scale: one per count when the largest is at most 5, else 5 equal intervals. */
export function countClasses(maxCount: number): ScaleClass[] {
  if (maxCount <= 0) return [];
  if (maxCount <= SCALE_COLOURS.length) {
    const offset = Math.max(0, SCALE_COLOURS.length - 1 - maxCount); // few classes: mid-to-dark blues, so 1 stands out from 0
    return Array.from({ length: maxCount }, (_, k) => ({ min: k + 1, max: k + 1, colour: SCALE_COLOURS[offset + k]! }));
  }
  const step = Math.ceil(maxCount / SCALE_COLOURS.length);
  return SCALE_COLOURS.map((colour, k) => ({ min: k * step + 1, max: Math.min((k + 1) * step, maxCount), colour })).filter((c) => c.min <= maxCount);
}
