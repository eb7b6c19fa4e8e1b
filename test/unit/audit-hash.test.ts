import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/server/kernel/canonical.ts';
import { auditHash, GENESIS_HASH, type HashedFields } from '../../src/server/kernel/audit.ts';

describe('canonicalJson', () => {
  it.each([
    [{ b: 1, a: 2 }, { a: 2, b: 1 }],
    [{ z: { y: 1, x: [{ d: 1, c: 2 }] }, a: null }, { a: null, z: { x: [{ c: 2, d: 1 }], y: 1 } }],
    [{ 'ư': 1, u: 2, 'Ư': 3 }, { 'Ư': 3, u: 2, 'ư': 1 }],
    [{ n: 1.5, s: 'Bến Thành', t: true }, { t: true, s: 'Bến Thành', n: 1.5 }],
  ])('is independent of key order (%#)', (a, b) => {
    expect(canonicalJson(a)).toBe(canonicalJson(b));
  });

  it.each([
    [{ a: 1 }, '{"a":1}'],
    [{ b: [3, 1, 2], a: 'x' }, '{"a":"x","b":[3,1,2]}'],
    [null, 'null'],
    [undefined, 'null'],
    [{ a: undefined, b: 1 }, '{"b":1}'],
    [{ d: new Date('2026-01-02T03:04:05.678Z') }, '{"d":"2026-01-02T03:04:05.678Z"}'],
  ])('%j → %s (no whitespace, arrays keep their order)', (v, expected) => {
    expect(canonicalJson(v)).toBe(expected);
  });

  it('survives a jsonb-like round trip (keys reordered by length then bytes)', () => {
    const v = { entityId: 'x', a: { longer: 1, s: 2 }, list: [{ bb: 1, a: 2 }] };
    const reordered = JSON.parse(JSON.stringify({ a: { s: 2, longer: 1 }, list: [{ a: 2, bb: 1 }], entityId: 'x' }));
    expect(canonicalJson(reordered)).toBe(canonicalJson(v));
  });
});

describe('auditHash', () => {
  const base: HashedFields = {
    at: '2026-07-01T01:02:03.456Z',
    actorUserId: '0d9f3a9e-1c39-4f5e-9d36-6f7f6b0f2a11',
    actorName: 'admin',
    action: 'unit.updated',
    entityType: 'unit',
    entityId: 'b0b5d1a4-3f43-45b9-9b0a-2e0a3c5f6e7d',
    data: { before: { name: 'Cũ' }, after: { name: 'Mới' } },
  };
  const h0 = auditHash(GENESIS_HASH, base);

  it('is a sha256 hex digest and deterministic', () => {
    expect(h0).toMatch(/^[0-9a-f]{64}$/);
    expect(auditHash(GENESIS_HASH, { ...base })).toBe(h0);
  });

  it('does not depend on the key order inside data', () => {
    expect(auditHash(GENESIS_HASH, { ...base, data: { after: { name: 'Mới' }, before: { name: 'Cũ' } } })).toBe(h0);
  });

  const changes: [string, Partial<HashedFields> | 'prev'][] = [
    ['previous hash', 'prev'],
    ['at', { at: '2026-07-01T01:02:03.457Z' }],
    ['actorUserId', { actorUserId: null }],
    ['actorName', { actorName: 'admin2' }],
    ['action', { action: 'unit.created' }],
    ['entityType', { entityType: 'user' }],
    ['entityId', { entityId: null }],
    ['data value', { data: { before: { name: 'Cũ' }, after: { name: 'Moi' } } }],
    ['data key', { data: { before: { name: 'Cũ' }, afterr: { name: 'Mới' } } }],
    ['data emptied', { data: {} }],
  ];
  it.each(changes)('changes when %s changes', (_label, change) => {
    const h = change === 'prev' ? auditHash('f'.repeat(64), base) : auditHash(GENESIS_HASH, { ...base, ...change });
    expect(h).not.toBe(h0);
  });
});
