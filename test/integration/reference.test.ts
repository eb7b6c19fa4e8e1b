import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operatorActor } from '../../src/server/kernel/actor.ts';
import { DomainError } from '../../src/server/kernel/errors.ts';
import { importAdminUnits, importBoundaries, listJurisdictions, loadReferenceJurisdictions } from '../../src/server/modules/organisation/jurisdiction.service.ts';
import { backends, countRows, openTestDb, type TestDb } from '../support/db.ts';
import { actorFor } from '../../src/server/seed/factories.ts';
import { DEMO_PASSWORD } from '../support/template.ts';

const SHARED = path.resolve(import.meta.dirname, '../../../shared/data/vn-admin-units');
const unitsFile = (): unknown => JSON.parse(fs.readFileSync(path.join(SHARED, 'units-2026.json'), 'utf8'));
const wardsFile = (): { type: string; features: { id?: unknown; properties: Record<string, unknown> | null; geometry: { type: string; coordinates: unknown[] } }[] } =>
  JSON.parse(fs.readFileSync(path.join(SHARED, 'hcmc-wards.geojson'), 'utf8'));
const op = operatorActor('test');
const collator = new Intl.Collator('vi');

describe.each(backends())('reference data and imports [%s]', (backend) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(backend);
  });
  afterAll(async () => t?.close());

  it('holds exactly the 168 communes of Ho Chi Minh City and the 34 provinces', async () => {
    const byType = await t.db.selectFrom('jurisdictions').select(['type', t.db.fn.countAll<number>().as('n')]).where('province_code', '=', '79').groupBy('type').execute();
    expect(Object.fromEntries(byType.map((r) => [r.type, Number(r.n)]))).toEqual({ Phường: 113, Xã: 54, 'Đặc khu': 1 });
    const conDao = await t.db.selectFrom('jurisdictions').selectAll().where('code', '=', '26732').executeTakeFirstOrThrow();
    expect(conDao.full_name).toBe('Đặc khu Côn Đảo');
    expect(await countRows(t.db, 'provinces')).toBe(34);
    expect(await countRows(t.db, 'jurisdictions')).toBe(168);
    const codes = await t.db.selectFrom('jurisdictions').select('code').execute();
    for (const { code } of codes) expect(code).toMatch(/^\d{5}$/);
  });

  it('lists communes of a province in Vietnamese order', async () => {
    const actor = await actorFor(t.ctx, 'theodoi', DEMO_PASSWORD);
    const r = await listJurisdictions(t.ctx, actor, { province: '79', limit: 500, offset: 0 });
    expect(r.total).toBe(168);
    const names = r.items.map((i) => i.name);
    expect(names).toEqual([...names].sort(collator.compare));
    const search = await listJurisdictions(t.ctx, actor, { q: 'ben thanh', limit: 10, offset: 0 });
    expect(search.items.map((i) => i.code)).toContain('26743');
  });

  it('loading the reference data again changes nothing and writes no audit row', async () => {
    const audit = await countRows(t.db, 'audit_log');
    const r = await loadReferenceJurisdictions(t.ctx, op);
    expect(r.provinces.inserted + r.provinces.updated + r.communes.inserted + r.communes.updated).toBe(0);
    expect(await countRows(t.db, 'audit_log')).toBe(audit);
  });

  it('imports the national list (3,321 communes) and is idempotent', async () => {
    const first = await importAdminUnits(t.ctx, op, unitsFile());
    expect(first.communes.inserted + first.communes.updated + first.communes.unchanged).toBe(3321);
    expect(first.communes.inserted).toBe(3321 - 168);
    expect(await countRows(t.db, 'jurisdictions')).toBe(3321);
    expect(await countRows(t.db, 'provinces')).toBe(34);
    const audit = await countRows(t.db, 'audit_log');
    const second = await importAdminUnits(t.ctx, op, unitsFile());
    expect(second.communes).toEqual({ inserted: 0, updated: 0, unchanged: 3321 });
    expect(second.provinces).toEqual({ inserted: 0, updated: 0, unchanged: 34 });
    expect(await countRows(t.db, 'jurisdictions')).toBe(3321);
    expect(await countRows(t.db, 'audit_log')).toBe(audit);
    // Leading zeros survive (Hà Nội's communes start with 000…).
    expect(await t.db.selectFrom('jurisdictions').select('code').where('code', '=', '00004').executeTakeFirst()).toBeTruthy();
  });

  it('refuses a malformed units file as a whole (nothing written)', async () => {
    const before = await countRows(t.db, 'jurisdictions');
    const bad = [{ code: '01', name: 'Hà Nội', fullName: 'Thành phố Hà Nội', type: 'Thành phố', units: [{ code: '123', name: 'x', fullName: 'x', type: 'Phường' }] }];
    await expect(importAdminUnits(t.ctx, op, bad)).rejects.toMatchObject({ code: 'import.invalid_file' });
    const dup = [{ code: '99', name: 'Thử', fullName: 'Tỉnh Thử', type: 'Tỉnh', units: [{ code: '99991', name: 'a', fullName: 'Xã a', type: 'Xã' }, { code: '99991', name: 'b', fullName: 'Xã b', type: 'Xã' }] }];
    await expect(importAdminUnits(t.ctx, op, dup)).rejects.toMatchObject({ code: 'import.invalid_file' });
    expect(await countRows(t.db, 'jurisdictions')).toBe(before);
    expect(await t.db.selectFrom('provinces').select('code').where('code', '=', '99').executeTakeFirst()).toBeUndefined();
  });

  it('only administrators import', async () => {
    const viewer = await actorFor(t.ctx, 'theodoi', DEMO_PASSWORD);
    await expect(importAdminUnits(t.ctx, viewer, unitsFile())).rejects.toMatchObject({ code: 'forbidden' });
    await expect(importBoundaries(t.ctx, viewer, wardsFile())).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('stores the 168 ward boundaries', async () => {
    const r = await importBoundaries(t.ctx, op, wardsFile());
    expect(r).toEqual({ stored: 168, unknownCodes: [], invalid: 0 });
    const n = await t.db.selectFrom('jurisdictions').select(t.db.fn.countAll<number>().as('n')).where('boundary', 'is not', null).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(168);
    const bt = await t.db.selectFrom('jurisdictions').select(['boundary', 'area_km2']).where('code', '=', '26743').executeTakeFirstOrThrow();
    expect((bt.boundary as { type: string }).type).toMatch(/Polygon/);
    expect(bt.area_km2).toBeGreaterThan(0);
  });

  it('rejects bad geometry and unknown codes, storing only the good features', async () => {
    const file = wardsFile();
    const good = file.features.find((f) => String(f.properties?.code ?? f.id) === '26740')!;
    const ring = [[106.7, 10.77], [106.71, 10.77], [106.71, 10.78], [106.7, 10.77]];
    const tiny = { type: 'Polygon', coordinates: [ring] };
    await t.db.updateTable('jurisdictions').set({ boundary: null }).where('code', 'in', ['26740', '26737']).execute();
    const r = await importBoundaries(t.ctx, op, {
      type: 'FeatureCollection',
      features: [
        { ...good, properties: { ...good.properties } },
        { type: 'Feature', id: '26737', properties: { code: '26737' }, geometry: { type: 'Polygon', coordinates: [[[500, 10], [106, 10], [106, 11], [500, 10]]] } },
        { type: 'Feature', id: '88888', properties: { code: '88888' }, geometry: tiny },
        { type: 'Feature', properties: { code: 'abc' }, geometry: tiny },
      ],
    });
    expect(r).toEqual({ stored: 1, unknownCodes: ['88888'], invalid: 2 });
    const rows = await t.db.selectFrom('jurisdictions').select(['code', 'boundary']).where('code', 'in', ['26740', '26737']).orderBy('code').execute();
    expect(rows.map((x) => [x.code, x.boundary !== null])).toEqual([['26737', false], ['26740', true]]);
    expect(await t.db.selectFrom('jurisdictions').select('code').where('code', '=', '88888').executeTakeFirst()).toBeUndefined();
    await expect(importBoundaries(t.ctx, op, { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: [] } }] })).rejects.toBeInstanceOf(DomainError);
  });
});
