import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/server/config/env.ts';
import { DomainError } from '../../src/server/kernel/errors.ts';
import { assertNoCycle, assertValidity, inForce, unitPath } from '../../src/server/modules/organisation/unit.ts';
import { passwordProblems } from '../../src/server/modules/accounts/password.ts';
import { adminUnitFileSchema, boundaryFileSchema, featureCode, validGeometry } from '../../src/server/modules/organisation/jurisdiction.ts';

const codeOf = (fn: () => unknown): string | null => {
  try {
    fn();
    return null;
  } catch (e) {
    return e instanceof DomainError ? e.code : `not a DomainError: ${String(e)}`;
  }
};

describe('loadConfig', () => {
  it('defaults', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.databaseUrl).toBeUndefined();
    expect(c.loginMaxFailures).toBe(5);
    expect(c.sessionTtlMs).toBe(12 * 3600_000);
  });

  it.each([
    ['postgres://u:p@db.example:5432/phoihop'],
    ['postgresql://localhost/phoihop'],
  ])('accepts DATABASE_URL %s', (url) => {
    expect(loadConfig({ DATABASE_URL: url }).databaseUrl).toBe(url);
  });

  it.each([
    ['not a url', /DATABASE_URL is not a valid URL/],
    ['mysql://root@localhost/x', /DATABASE_URL must start with postgres:\/\//],
    ['http://localhost:5432/x', /DATABASE_URL must start with postgres:\/\//],
    ['postgres://host:99999/db', /DATABASE_URL is not a valid URL/],
    ['localhost:5432', /DATABASE_URL must start with postgres:\/\//],
  ])('refuses DATABASE_URL %j with a clear ConfigError', (url, message) => {
    let err: unknown;
    try {
      loadConfig({ DATABASE_URL: url });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toMatch(message);
    expect((err as Error).message).not.toMatch(/\n\s+at /); // no stack trace in the message
  });

  it('never echoes the password of a refused URL', () => {
    try {
      loadConfig({ DATABASE_URL: 'mysql://root:s3cret-pw@localhost/x' });
    } catch (e) {
      expect((e as Error).message).not.toContain('s3cret-pw');
    }
  });

  it.each([
    [{ PORT: 'abc' }, /PORT/],
    [{ PORT: '70000' }, /PORT/],
    [{ DEMO: 'yes' }, /DEMO/],
    [{ LOGIN_MAX_FAILURES: '0' }, /LOGIN_MAX_FAILURES/],
    [{ DEMO_PASSWORD: 'short' }, /DEMO_PASSWORD/],
    [{ SESSION_TTL_HOURS: '100000' }, /SESSION_TTL_HOURS/],
  ])('names the bad variable %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});

describe('unit rules', () => {
  it.each([
    ['/A/B/', '/A/', null],
    ['/A/B/', null, null],
    ['/A/B/', '/A/C/', null],
    ['/A/B/', '/A/BB/', null], // sibling whose id starts with the same characters
    ['/A/B/', '/A/B/', 'organisation.cycle'], // under itself
    ['/A/B/', '/A/B/C/', 'organisation.cycle'], // under its child
    ['/A/B/', '/A/B/C/D/', 'organisation.cycle'], // under a grandchild
    ['/A/', '/A/B/C/', 'organisation.cycle'],
  ])('assertNoCycle(%s under %s) → %s', (path, parent, code) => {
    expect(codeOf(() => assertNoCycle(path, parent))).toBe(code);
  });

  it.each([
    ['2025-07-01', null, null],
    ['2025-07-01', '2025-07-01', null],
    ['2025-07-01', '2026-01-01', null],
    ['2025-07-01', '2025-06-30', 'organisation.invalid_validity'],
    ['2025-07-01', '2024-12-31', 'organisation.invalid_validity'],
  ])('assertValidity(%s, %s) → %s', (from, to, code) => {
    expect(codeOf(() => assertValidity(from, to))).toBe(code);
  });

  it.each([
    [{ validFrom: '2025-07-01', validTo: null }, '2025-07-01', true],
    [{ validFrom: '2025-07-01', validTo: null }, '2025-06-30', false],
    [{ validFrom: '2025-07-01', validTo: '2025-12-31' }, '2025-12-31', true],
    [{ validFrom: '2025-07-01', validTo: '2025-12-31' }, '2026-01-01', false],
  ])('inForce(%j, %s) → %s', (u, on, expected) => expect(inForce(u, on)).toBe(expected));

  it('unitPath appends the id', () => {
    expect(unitPath(null, 'a')).toBe('/a/');
    expect(unitPath('/a/', 'b')).toBe('/a/b/');
  });
});

describe('passwordProblems', () => {
  it.each([
    ['Mat-khau-thu-2026', 'canbo', null],
    ['aaaaaaaaaaaa', 'canbo', 'too_few_distinct_characters'],
    ['abababababab', 'canbo', 'too_few_distinct_characters'],
    ['abcabcabcabc', 'canbo', 'too_few_distinct_characters'],
    ['abcdabcdabcd', 'canbo', null],
    ['canbo.benthanh-2026', 'canbo.benthanh', 'contains_username'],
    ['xxCANBO.BENTHANHxx1', 'canbo.benthanh', 'contains_username'],
    ['Bến Thành 2026!', 'canbo.saigon', null],
  ])('%j for %s → %s', (pw, user, problem) => expect(passwordProblems(pw, user)).toBe(problem));
});

describe('jurisdiction validators', () => {
  const ring = [[106.7, 10.77], [106.71, 10.77], [106.71, 10.78], [106.7, 10.77]];
  it.each([
    ['polygon', { type: 'Polygon', coordinates: [ring] }, true],
    ['polygon with a hole', { type: 'Polygon', coordinates: [ring, ring] }, true],
    ['multipolygon', { type: 'MultiPolygon', coordinates: [[ring], [ring]] }, true],
    ['empty polygon', { type: 'Polygon', coordinates: [] }, false],
    ['empty multipolygon', { type: 'MultiPolygon', coordinates: [] }, false],
    ['ring of 3 points', { type: 'Polygon', coordinates: [ring.slice(0, 3)] }, false],
    ['longitude out of range', { type: 'Polygon', coordinates: [[[200, 10], [106, 10], [106, 11], [200, 10]]] }, false],
    ['latitude out of range', { type: 'Polygon', coordinates: [[[106, 95], [106, 10], [107, 11], [106, 95]]] }, false],
    ['string coordinates', { type: 'Polygon', coordinates: [[['106', '10'], [106, 10], [107, 11], [106, 10]]] }, false],
    ['point instead of ring', { type: 'Polygon', coordinates: [[106, 10]] }, false],
    ['multipolygon holding a bare ring', { type: 'MultiPolygon', coordinates: [ring] }, false],
  ])('validGeometry: %s → %s', (_l, g, ok) => expect(validGeometry(g as { type: string; coordinates: unknown[] })).toBe(ok));

  const feature = (id: unknown, code: unknown) => ({ type: 'Feature' as const, ...(id !== undefined ? { id: id as string } : {}), properties: code === undefined ? null : { code: code as string }, geometry: { type: 'Polygon' as const, coordinates: [] } });
  it.each([
    [undefined, '26743', '26743'],
    ['26743', undefined, '26743'],
    [26743, undefined, '26743'],
    ['99999', '26740', '26740'], // properties.code wins
    [undefined, '2674', null],
    [undefined, '267430', null],
    [undefined, 'abcde', null],
    [undefined, undefined, null],
  ])('featureCode(id %j, code %j) → %j', (id, code, expected) => expect(featureCode(feature(id, code))).toBe(expected));

  it('adminUnitFileSchema keeps leading zeros and NFC-normalises names', () => {
    const r = adminUnitFileSchema.parse([{ code: '01', name: 'Hà Nội'.normalize('NFD'), fullName: 'Thành phố Hà Nội', type: 'Thành phố', units: [{ code: '00004', name: 'Ba Đình', fullName: 'Phường Ba Đình', type: 'Phường' }] }]);
    expect(r[0]!.units[0]!.code).toBe('00004');
    expect(r[0]!.name).toBe('Hà Nội'.normalize('NFC'));
  });

  it.each([
    ['empty list', []],
    ['numeric province code', [{ code: 1, name: 'x', fullName: 'x', type: 't', units: [] }]],
    ['3-digit province code', [{ code: '001', name: 'x', fullName: 'x', type: 't', units: [] }]],
    ['4-digit commune code', [{ code: '01', name: 'x', fullName: 'x', type: 't', units: [{ code: '0004', name: 'a', fullName: 'a', type: 'P' }] }]],
    ['empty name', [{ code: '01', name: '', fullName: 'x', type: 't', units: [] }]],
    ['not an array', { code: '01' }],
  ])('adminUnitFileSchema refuses %s', (_l, v) => expect(adminUnitFileSchema.safeParse(v).success).toBe(false));

  it.each([
    ['not a collection', { type: 'Feature' }],
    ['a point geometry', { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [1, 2] } }] }],
  ])('boundaryFileSchema refuses %s', (_l, v) => expect(boundaryFileSchema.safeParse(v).success).toBe(false));
});
