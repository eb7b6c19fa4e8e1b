import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import type { CreateIncidentInput, IncidentCategory } from '../../src/contracts/incidents.ts';
import { incidentMapSchema, type IncidentMap, type IncidentMapQuery, type IncidentStats, type IncidentStatsQuery } from '../../src/contracts/statistics.ts';
import { operatorActor, type Actor } from '../../src/server/kernel/actor.ts';
import { DomainError } from '../../src/server/kernel/errors.ts';
import { createIncident } from '../../src/server/modules/incidents/incident.service.ts';
import { STATS_HEADERS } from '../../src/server/modules/statistics/statistics-export.ts';
import { exportIncidentStatistics, incidentCountsByPeriod, incidentMap, incidentStatistics } from '../../src/server/modules/statistics/statistics.service.ts';
import { periodOf } from '../../src/server/modules/statistics/periods.ts';
import { importBoundaries } from '../../src/server/modules/organisation/jurisdiction.service.ts';
import { actorFor } from '../../src/server/seed/factories.ts';
import { backends, DEMO_PASSWORD, openTestDb, unitIdByCode, type TestDb } from '../support/db.ts';

/**
 * Hand-counted fixtures in 2023–2024 (the demo city's situations cover only the last twelve
 * months, so these years hold nothing else). Times are in Ho Chi Minh City (+07:00): the one at
 * 00:30 on 15 March 2024 is still 14 March in UTC and must count in the April statistical month.
 */
const FIXTURES: [occurredAt: string, category: IncidentCategory, commune: string, dead: number, injured: number][] = [
  ['2024-02-14T10:00:00+07:00', 'traffic_accident', '26743', 1, 2],
  ['2024-02-29T22:00:00+07:00', 'social_order', '26743', 0, 0],
  ['2024-03-14T23:30:00+07:00', 'social_order', '26743', 0, 1],
  ['2024-03-15T00:30:00+07:00', 'drugs', '26740', 0, 0],
  ['2023-02-20T09:00:00+07:00', 'social_order', '26743', 0, 0],
  ['2023-03-10T09:00:00+07:00', 'social_order', '26740', 0, 0],
  ['2023-03-20T09:00:00+07:00', 'drugs', '26743', 0, 0],
];
// May: 12 high-tech frauds in 2024 against 10 in 2023 (+20 %, base large enough); 3 economic against 2 (no percentage).
for (let k = 0; k < 12; k++) FIXTURES.push([`2024-05-${String(k + 1).padStart(2, '0')}T08:00:00+07:00`, 'high_tech', '26743', 0, 0]);
for (let k = 0; k < 10; k++) FIXTURES.push([`2023-05-${String(k + 1).padStart(2, '0')}T08:00:00+07:00`, 'high_tech', '26743', 0, 0]);
for (let k = 0; k < 3; k++) FIXTURES.push([`2024-05-2${k}T08:00:00+07:00`, 'economic', '26740', 0, 0]);
for (let k = 0; k < 2; k++) FIXTURES.push([`2023-05-2${k}T08:00:00+07:00`, 'economic', '26740', 0, 0]);

describe.each(backends())('statistics [%s]', (backend) => {
  let t: TestDb;
  const a: Record<string, Actor> = {};
  const q = (over: Partial<IncidentStatsQuery>): IncidentStatsQuery => ({ period: 'month', groupBy: 'category', ...over });
  const row = (s: IncidentStats, key: string) => s.rows.find((r) => r.key === key)!;
  const pairs = (s: IncidentStats) => Object.fromEntries(s.rows.filter((r) => r.current.incidents || r.base.incidents).map((r) => [r.key, [r.current.incidents, r.base.incidents]]));

  beforeAll(async () => {
    t = await openTestDb(backend);
    for (const name of ['admin', 'lanhdao', 'canbo.saigon', 'canbo.benthanh']) a[name] = await actorFor(t.ctx, name, DEMO_PASSWORD);
    const lead: Record<string, string> = { '26743': await unitIdByCode(t.db, 'CAX-26743'), '26740': await unitIdByCode(t.db, 'CAX-26740') };
    for (const [occurredAt, category, commune, dead, injured] of FIXTURES) {
      const input: CreateIncidentInput = {
        title: `Vụ việc thử ${occurredAt}`,
        category,
        severity: 'minor',
        occurredAt,
        communeCode: commune,
        source: 'patrol',
        description: 'Dữ liệu kiểm thử thống kê',
        peopleInvolved: 1,
        injured,
        dead,
        damageVnd: 1_000_000,
        leadUnitId: lead[commune]!,
        supporting: [],
      };
      await createIncident(t.ctx, a['admin']!, input);
    }
  });
  afterAll(async () => t?.close());

  it('statistical month 3/2024 (15/02–14/03/2024) against 15/02–14/03/2023', async () => {
    const s = await incidentStatistics(t.ctx, a['admin']!, q({ period: 'stat_month', year: 2024, index: 3 }));
    expect([s.period.from, s.period.to, s.base.from, s.base.to]).toEqual(['2024-02-15', '2024-03-14', '2023-02-15', '2023-03-14']);
    expect(s.period.label).toBe('tháng 3/2024 theo kỳ thống kê (từ 15/02/2024 đến 14/03/2024)');
    expect(pairs(s)).toEqual({ social_order: [2, 2] });
    expect(row(s, 'social_order').current.injured).toBe(1);
    expect(s.scope).toEqual({ label: 'toàn Thành phố', wholeCity: true });
    expect(s.rows.map((r) => r.key)).toHaveLength(10); // every category, zeros included
  });

  it('the 00:30 on 15 March (Ho Chi Minh City time) counts in the April statistical month and in calendar March', async () => {
    const s = await incidentStatistics(t.ctx, a['admin']!, q({ period: 'stat_month', year: 2024, index: 4 }));
    expect(pairs(s)).toEqual({ drugs: [1, 1] });
    const m = await incidentStatistics(t.ctx, a['admin']!, q({ period: 'month', year: 2024, index: 3 }));
    expect(pairs(m)).toEqual({ social_order: [1, 1], drugs: [1, 1] });
  });

  it('calendar February 2024 runs to the 29th; it compares with February 2023', async () => {
    const s = await incidentStatistics(t.ctx, a['admin']!, q({ period: 'month', year: 2024, index: 2 }));
    expect([s.period.to, s.base.to]).toEqual(['2024-02-29', '2023-02-28']);
    expect(pairs(s)).toEqual({ social_order: [1, 1], traffic_accident: [1, 0] });
    expect(row(s, 'traffic_accident').current).toMatchObject({ dead: 1, injured: 2 });
    expect(row(s, 'traffic_accident').change).toEqual({ difference: 1, percent: null, note: 'no_base' });
  });

  it('quarter I/2024 by commune, and the small-number rule on May', async () => {
    const s = await incidentStatistics(t.ctx, a['admin']!, q({ period: 'quarter', year: 2024, index: 1, groupBy: 'commune' }));
    // Rows in Vietnamese order of the commune names: Bến Thành before Sài Gòn.
    expect(s.rows.map((r) => [r.key, r.label, r.current.incidents, r.base.incidents])).toEqual([
      ['26743', 'Phường Bến Thành', 3, 2], // 14/02, 29/02, 14/03 against 20/02, 20/03
      ['26740', 'Phường Sài Gòn', 1, 1], // 15/03 against 10/03
    ]);
    expect(s.total.current.incidents).toBe(4);
    expect(s.total.base.incidents).toBe(3);
    const may = await incidentStatistics(t.ctx, a['admin']!, q({ period: 'month', year: 2024, index: 5 }));
    expect(row(may, 'high_tech').change).toEqual({ difference: 2, percent: 20, note: null });
    expect(row(may, 'economic').change).toEqual({ difference: 1, percent: null, note: 'base_too_small' });
    expect(may.total.change).toEqual({ difference: 3, percent: 25, note: null });
  });

  it('counts over several periods in one statement equal each period’s statistics, for every kind of viewer', async () => {
    const periods = [
      ...[1, 2, 3, 4, 5, 6].map((m) => periodOf('stat_month', 2024, m)),
      ...[2, 3, 5].map((m) => periodOf('month', 2024, m)),
      periodOf('quarter', 2024, 1),
      periodOf('year', 2025, 1),
    ];
    for (const name of Object.keys(a)) {
      const many = await incidentCountsByPeriod(t.ctx, a[name]!, periods);
      for (const [i, p] of periods.entries()) {
        const one = await incidentStatistics(t.ctx, a[name]!, p.kind === 'year' ? q({ period: 'year', year: p.year! }) : q({ period: p.kind as IncidentStatsQuery['period'], year: p.year!, index: p.index! }));
        expect([many[i]!.current, many[i]!.baseCount], `${name} ${p.label}`).toEqual([one.total.current.incidents, one.total.base.incidents]);
        expect(many[i]!.base.from).toBe(one.base.from);
      }
    }
    // The fixtures are seen: February 2024 holds its two.
    expect((await incidentCountsByPeriod(t.ctx, a['admin']!, [periodOf('month', 2024, 2)]))[0]!.current).toBe(2);
  });

  it('scoped to the viewer: the Sài Gòn officer counts only Sài Gòn', async () => {
    const s = await incidentStatistics(t.ctx, a['canbo.saigon']!, q({ period: 'quarter', year: 2024, index: 1 }));
    expect(pairs(s)).toEqual({ drugs: [1, 0], social_order: [0, 1] });
    expect(s.scope.wholeCity).toBe(false);
    expect(s.scope.label).toContain('Phường Sài Gòn');
  });

  it('a filter by category and commune, and a custom range shifted one year back', async () => {
    const s = await incidentStatistics(t.ctx, a['lanhdao']!, q({ period: 'custom', from: '2024-02-20', to: '2024-03-14', category: 'social_order', communeCode: '26743' }));
    expect([s.base.from, s.base.to]).toEqual(['2023-02-20', '2023-03-14']);
    expect(s.rows.map((r) => [r.key, r.current.incidents, r.base.incidents])).toEqual([['social_order', 2, 1]]);
  });

  it('an impossible period is refused with a code', async () => {
    for (const bad of [q({ period: 'quarter', year: 2024, index: 5 }), q({ period: 'custom', from: '2024-03-01' }), q({ period: 'custom', from: '2024-03-02', to: '2024-03-01' })]) {
      const e = await incidentStatistics(t.ctx, a['admin']!, bad).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).code).toBe('statistics.invalid_period');
    }
  });

  it('the XLSX states period, base and scope in its title rows and reads back the same numbers', async () => {
    const x = await exportIncidentStatistics(t.ctx, a['admin']!, q({ period: 'stat_month', year: 2024, index: 3 }));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.bytes as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(String(ws.getCell(1, 1).value)).toContain('THỐNG KÊ VỤ VIỆC');
    const sub = String(ws.getCell(2, 1).value);
    expect(sub).toContain('tháng 3/2024 theo kỳ thống kê (từ 15/02/2024 đến 14/03/2024)');
    expect(sub).toContain('so với cùng kỳ: tháng 3/2023 theo kỳ thống kê (từ 15/02/2023 đến 14/03/2023)');
    expect(sub).toContain('phạm vi: toàn Thành phố');
    expect((ws.getRow(3).values as unknown[]).slice(1)).toEqual([...STATS_HEADERS]);
    const first = ws.getRow(4).values as unknown[];
    expect(first.slice(1, 8)).toEqual([1, 'Phạm tội về trật tự xã hội', 2, 2, 0, null, 'Cùng kỳ dưới 10 vụ: không tính tỷ lệ'].map((v) => (v === null ? undefined : v)));
    const total = ws.getRow(4 + 10).values as unknown[];
    expect(total.slice(2, 5)).toEqual(['Tổng cộng', 2, 2]);
  });
});

/**
 * The map: located fixtures in 2024 (a year the demo city leaves empty) in Bến Thành (26743) and
 * Sài Gòn (26740), some without a point. Boundaries come from the shared reference file through
 * the organisation module's import, after the fallback without boundaries has been checked.
 */
const SHARED = path.resolve(import.meta.dirname, '../../../shared/data/vn-admin-units');
const MAP_FIXTURES: [occurredAt: string, category: IncidentCategory, commune: string, point: { lat: number; lon: number } | null][] = [
  ['2024-07-02T09:00:00+07:00', 'social_order', '26743', { lat: 10.7725, lon: 106.698 }],
  ['2024-07-03T09:00:00+07:00', 'drugs', '26743', { lat: 10.773, lon: 106.699 }],
  ['2024-07-04T09:00:00+07:00', 'drugs', '26743', null],
  ['2024-07-05T09:00:00+07:00', 'drugs', '26740', { lat: 10.78, lon: 106.702 }],
  ['2024-07-06T09:00:00+07:00', 'traffic_accident', '26740', null],
  ['2024-07-31T23:59:00+07:00', 'drugs', '26740', { lat: 10.781, lon: 106.703 }],
  ['2024-08-01T00:10:00+07:00', 'drugs', '26740', { lat: 10.781, lon: 106.703 }], // August: outside the July map
  ['2023-07-10T09:00:00+07:00', 'drugs', '26743', { lat: 10.7725, lon: 106.698 }], // the base
];

describe.each(backends())('statistics map [%s]', (backend) => {
  let t: TestDb;
  const a: Record<string, Actor> = {};
  const july = (over: Partial<IncidentMapQuery> = {}): IncidentMapQuery => ({ period: 'month', year: 2024, index: 7, ...over });
  const counts = (m: IncidentMap) => Object.fromEntries(m.communes.features.filter((f) => f.properties.count || f.properties.baseCount).map((f) => [f.properties.code, [f.properties.count, f.properties.baseCount]]));

  beforeAll(async () => {
    t = await openTestDb(backend);
    for (const name of ['admin', 'lanhdao', 'canbo.saigon']) a[name] = await actorFor(t.ctx, name, DEMO_PASSWORD);
    const lead: Record<string, string> = { '26743': await unitIdByCode(t.db, 'CAX-26743'), '26740': await unitIdByCode(t.db, 'CAX-26740') };
    for (const [occurredAt, category, commune, point] of MAP_FIXTURES)
      await createIncident(t.ctx, a['admin']!, {
        title: `Vụ việc bản đồ ${occurredAt}`,
        category,
        severity: category === 'drugs' ? 'serious' : 'minor',
        occurredAt,
        communeCode: commune,
        point,
        source: 'patrol',
        description: 'Dữ liệu kiểm thử bản đồ',
        peopleInvolved: 0,
        injured: 0,
        dead: 0,
        damageVnd: 0,
        leadUnitId: lead[commune]!,
        supporting: [],
      });
  });
  afterAll(async () => t?.close());

  it('without imported boundaries: boundaries "missing", no communes, the points of the period still there', async () => {
    const m = await incidentMap(t.ctx, a['admin']!, july());
    expect(() => incidentMapSchema.parse(m)).not.toThrow();
    expect(m.boundaries).toBe('missing');
    expect(m.communes.features).toEqual([]);
    expect(m.points.features).toHaveLength(4);
    expect(m.total).toEqual({ count: 6, baseCount: 1 });
    expect(m.outsideBoundaries).toBe(6);
    expect([m.period.label, m.base.label]).toEqual(['tháng 7/2024', 'tháng 7/2023']);
  });

  it('after importing the shared boundaries: counts per commune, points newest first with code, severity and status', async () => {
    const file: unknown = JSON.parse(fs.readFileSync(path.join(SHARED, 'hcmc-wards.geojson'), 'utf8'));
    const r = await importBoundaries(t.ctx, operatorActor('test'), file);
    expect(r.stored).toBe(168);
    const m = await incidentMap(t.ctx, a['lanhdao']!, july());
    expect(m.boundaries).toBe('imported');
    expect(m.scope.wholeCity).toBe(true);
    expect(m.communes.features).toHaveLength(168);
    expect(counts(m)).toEqual({ '26743': [2 + 1, 1], '26740': [3, 0] });
    expect(m.outsideBoundaries).toBe(0);
    const bt = m.communes.features.find((f) => f.id === '26743')!;
    expect(bt.properties.name).toBe('Phường Bến Thành');
    expect(bt.geometry.type).toMatch(/Polygon/);
    const pts = m.points.features.map((f) => f.properties);
    expect(pts.map((p) => p.occurredOn)).toEqual(['2024-07-31', '2024-07-05', '2024-07-03', '2024-07-02']);
    expect(pts[0]).toMatchObject({ category: 'drugs', severity: 'serious', status: 'new', communeCode: '26740' });
    expect(pts[0]!.code).toMatch(/^VV-\d{5}$/);
    expect(m.points.features[0]!.geometry.coordinates).toEqual([106.703, 10.781]);
    expect([m.pointsTotal, m.pointsTruncated]).toEqual([4, false]);
  });

  it('a category filter and a point cap', async () => {
    const drugs = await incidentMap(t.ctx, a['admin']!, july({ category: 'drugs' }));
    expect(counts(drugs)).toEqual({ '26743': [2, 1], '26740': [2, 0] });
    expect(drugs.points.features.every((f) => f.properties.category === 'drugs')).toBe(true);
    const capped = await incidentMap(t.ctx, a['admin']!, july(), 2);
    expect([capped.points.features.length, capped.pointsTotal, capped.pointsTruncated, capped.pointsLimit]).toEqual([2, 4, true, 2]);
  });

  it('scope narrows: the Sài Gòn officer gets the Sài Gòn commune only, with its own situations', async () => {
    const m = await incidentMap(t.ctx, a['canbo.saigon']!, july());
    expect(m.scope.wholeCity).toBe(false);
    expect(m.communes.features.map((f) => f.id)).toEqual(['26740']);
    expect(counts(m)).toEqual({ '26740': [3, 0] });
    expect(m.points.features.every((f) => f.properties.communeCode === '26740')).toBe(true);
    expect(m.points.features).toHaveLength(2);
  });

  it('over the demo year, every commune count equals a count made from the records, and the statistics by commune', async () => {
    const q = { period: 'year' as const };
    const m = await incidentMap(t.ctx, a['admin']!, q);
    const { from, to } = m.period;
    const rows = await sql<{ commune: string; on: string }>`select commune_code as commune, to_char(occurred_on, 'YYYY-MM-DD') as on from incidents`.execute(t.db);
    const tally = (lo: string, hi: string) => {
      const out: Record<string, number> = {};
      for (const r of rows.rows) if (r.on >= lo && r.on <= hi) out[r.commune] = (out[r.commune] ?? 0) + 1;
      return out;
    };
    const cur = tally(from, to);
    const base = tally(m.base.from, m.base.to);
    expect(Object.keys(cur).length).toBeGreaterThan(0);
    for (const f of m.communes.features) expect([f.id, f.properties.count, f.properties.baseCount]).toEqual([f.id, cur[f.id] ?? 0, base[f.id] ?? 0]);
    expect(m.total.count).toBe(Object.values(cur).reduce((x, y) => x + y, 0));
    const s = await incidentStatistics(t.ctx, a['admin']!, { ...q, groupBy: 'commune' });
    for (const r of s.rows) {
      const f = m.communes.features.find((x) => x.id === r.key);
      expect([r.key, f?.properties.count ?? 0, f?.properties.baseCount ?? 0]).toEqual([r.key, r.current.incidents, r.base.incidents]);
    }
    expect(m.total).toEqual({ count: s.total.current.incidents, baseCount: s.total.base.incidents });
  });
});
