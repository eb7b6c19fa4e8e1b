import type { IncidentCategory, IncidentLevel, IncidentState, IncidentStatus } from '../../../contracts/incidents.ts';

/**
 * Pure rules for security and order situations (vụ việc, tình huống ANTT).
 *
 * - Status is derived from the stored lifecycle state (set by events), the handling level, whether
 *   anything was logged and whether the situation was reopened; it is never typed in.
 * - Categories carry a rank so that a change of category can be called a downgrade (CompStat's
 *   known failure: reclassifying offences to lower categories, shared/product §1.5): crimes (rank 2)
 *   → incidents that are not crimes by themselves (rank 1: traffic accident, fire, gathering) →
 *   other (rank 0).
 * - The city's extent is two boxes: the mainland (former HCMC, Bình Dương, Bà Rịa - Vũng Tàu) and
 *   the special zone of Côn Đảo. A point outside both is refused.
 */

export const incidentCode = (n: number): string => `VV-${String(n).padStart(5, '0')}`;

export const CATEGORY_RANK: Record<IncidentCategory, number> = {
  social_order: 2,
  economic: 2,
  drugs: 2,
  environment: 2,
  corruption: 2,
  high_tech: 2,
  traffic_accident: 1,
  fire_explosion: 1,
  mass_gathering: 1,
  other: 0,
};

export const isDowngrade = (from: IncidentCategory, to: IncidentCategory): boolean => CATEGORY_RANK[to] < CATEGORY_RANK[from];

/** [minLon, minLat, maxLon, maxLat] */
export const CITY_BOUNDS: readonly (readonly [number, number, number, number])[] = [
  [106.33, 10.3, 107.62, 11.52], // mainland
  [106.5, 8.6, 106.75, 8.82], // Đặc khu Côn Đảo
];

export function pointInCity(p: { lat: number; lon: number }): boolean {
  return CITY_BOUNDS.some(([x0, y0, x1, y1]) => p.lon >= x0 && p.lon <= x1 && p.lat >= y0 && p.lat <= y1);
}

export const LEVEL_RANK: Record<IncidentLevel, number> = { commune: 0, department: 1, leadership: 2 };

/** Escalation goes strictly up (a level may be skipped when the situation demands it). */
export const canEscalateTo = (from: IncidentLevel, to: IncidentLevel): boolean => LEVEL_RANK[to] > LEVEL_RANK[from];

/**
 * Which units may hold a level: a city department (police department, fire police, a department of
 * the city government) for `department`; a command or leadership body of the city (the city
 * police, the Party committee, the People's Committee, the steering committee 138) for `leadership`.
 */
export function unitFitsLevel(level: IncidentLevel, unit: { level: string; type: string }): boolean {
  if (level === 'commune') return unit.level === 'commune';
  if (unit.level !== 'city') return false;
  if (level === 'department') return unit.type === 'department' || unit.type === 'fire_rescue_police';
  return ['police_unit', 'party_committee', 'state_body', 'steering_committee'].includes(unit.type);
}

export interface IncidentStatusInput {
  state: IncidentState;
  level: IncidentLevel;
  logCount: number;
  reopenCount: number;
}

export function deriveIncidentStatus(i: IncidentStatusInput): IncidentStatus {
  if (i.state === 'closed') return 'closed';
  if (i.state === 'closing') return 'awaiting_confirmation';
  if (i.reopenCount > 0) return 'reopened';
  if (i.level !== 'commune') return 'escalated';
  return i.logCount > 0 ? 'handling' : 'new';
}

/**
 * Likely duplicates: the same place (commune) and category within a time window. Situations are
 * often recorded twice — a 113 call and a patrol, or two wards' reports of one gathering — and are
 * suggested for merging, never merged automatically.
 */
export const DUPLICATE_WINDOW_HOURS = 48;

export function isLikelyDuplicate(
  a: { id: string; communeCode: string; category: string; occurredAt: Date },
  b: { id: string; communeCode: string; category: string; occurredAt: Date },
  windowHours = DUPLICATE_WINDOW_HOURS,
): boolean {
  return a.id !== b.id && a.communeCode === b.communeCode && a.category === b.category && Math.abs(a.occurredAt.getTime() - b.occurredAt.getTime()) <= windowHours * 3600_000;
}

/** Statuses that count as still open work. */
export const OPEN_STATUSES: readonly IncidentStatus[] = ['new', 'handling', 'escalated', 'awaiting_confirmation', 'reopened'];

export interface LevelStep {
  level: IncidentLevel;
  unitId: string;
}

/**
 * The level to return to on de-escalation: the step before the current one in the history of
 * escalations (each escalation pushes a step, each de-escalation pops one). Null at the bottom.
 */
export function previousLevel(history: readonly LevelStep[]): LevelStep | null {
  return history.length >= 2 ? history[history.length - 2]! : null;
}
