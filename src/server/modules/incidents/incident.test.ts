import { describe, expect, it } from 'vitest';
import { canEscalateTo, deriveIncidentStatus, incidentCode, isDowngrade, pointInCity, previousLevel, unitFitsLevel } from './incident.ts';

describe('deriveIncidentStatus', () => {
  it.each([
    ['open', 'commune', 0, 0, 'new'],
    ['open', 'commune', 2, 0, 'handling'],
    ['open', 'department', 0, 0, 'escalated'],
    ['open', 'leadership', 3, 0, 'escalated'],
    ['open', 'commune', 3, 1, 'reopened'],
    ['open', 'department', 3, 2, 'reopened'],
    ['closing', 'commune', 1, 0, 'awaiting_confirmation'],
    ['closing', 'leadership', 1, 1, 'awaiting_confirmation'],
    ['closed', 'department', 1, 0, 'closed'],
    ['closed', 'commune', 0, 3, 'closed'],
  ] as const)('%s at %s, %i log entries, reopened %i → %s', (state, level, logCount, reopenCount, want) =>
    expect(deriveIncidentStatus({ state, level, logCount, reopenCount })).toBe(want),
  );
});

describe('categories', () => {
  it.each([
    ['social_order', 'other', true],
    ['social_order', 'traffic_accident', true],
    ['drugs', 'mass_gathering', true],
    ['fire_explosion', 'other', true],
    ['social_order', 'economic', false],
    ['other', 'social_order', false],
    ['traffic_accident', 'fire_explosion', false],
    ['high_tech', 'social_order', false],
  ] as const)('%s → %s downgrade: %s', (from, to, want) => expect(isDowngrade(from, to)).toBe(want));
});

describe('place', () => {
  it.each([
    [10.7726, 106.6981, true], // Bến Thành
    [10.98, 106.65, true], // Thủ Dầu Một (former Bình Dương)
    [10.346, 107.084, true], // Vũng Tàu
    [8.6833, 106.6083, true], // Côn Đảo
    [21.0285, 105.8542, false], // Hà Nội
    [9.5, 106.6, false], // sea between the mainland and Côn Đảo
    [10.03, 105.78, false], // Cần Thơ
    [0, 0, false],
  ])('(%f, %f) inside the city: %s', (lat, lon, want) => expect(pointInCity({ lat, lon })).toBe(want));
});

describe('levels', () => {
  it.each([
    ['commune', 'department', true],
    ['commune', 'leadership', true],
    ['department', 'leadership', true],
    ['department', 'department', false],
    ['leadership', 'department', false],
    ['department', 'commune', false],
  ] as const)('%s → %s: %s', (from, to, want) => expect(canEscalateTo(from, to)).toBe(want));

  it.each([
    ['department', { level: 'city', type: 'department' }, true],
    ['department', { level: 'city', type: 'fire_rescue_police' }, true],
    ['department', { level: 'commune', type: 'police_unit' }, false],
    ['department', { level: 'city', type: 'police_unit' }, false],
    ['leadership', { level: 'city', type: 'police_unit' }, true],
    ['leadership', { level: 'city', type: 'party_committee' }, true],
    ['leadership', { level: 'city', type: 'steering_committee' }, true],
    ['leadership', { level: 'city', type: 'department' }, false],
    ['leadership', { level: 'central', type: 'police_unit' }, false],
    ['commune', { level: 'commune', type: 'police_unit' }, true],
  ] as const)('%s held by %o: %s', (level, unit, want) => expect(unitFitsLevel(level, unit)).toBe(want));

  it('de-escalation returns to the step before the current one', () => {
    expect(previousLevel([{ level: 'commune', unitId: 'a' }])).toBeNull();
    expect(previousLevel([{ level: 'commune', unitId: 'a' }, { level: 'department', unitId: 'b' }])).toEqual({ level: 'commune', unitId: 'a' });
    expect(previousLevel([{ level: 'commune', unitId: 'a' }, { level: 'department', unitId: 'b' }, { level: 'leadership', unitId: 'c' }])).toEqual({ level: 'department', unitId: 'b' });
  });

  it('codes', () => expect([incidentCode(7), incidentCode(123456)]).toEqual(['VV-00007', 'VV-123456']));
});
