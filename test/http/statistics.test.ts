import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { operatorActor } from '../../src/server/kernel/actor.ts';
import { importBoundaries } from '../../src/server/modules/organisation/jurisdiction.service.ts';
import { backends, loginAs, testApp, type Session, type TestApp } from '../support/db.ts';

describe.each(backends())('HTTP statistics [%s]', (backend) => {
  let t: TestApp;
  let lanhdao: Session;
  let saigon: Session;
  const get = (url: string, s?: Session) => t.app.inject({ method: 'GET', url, headers: s?.read ?? {} });

  beforeAll(async () => {
    t = await testApp(backend);
    [lanhdao, saigon] = await Promise.all([loginAs(t.app, 'lanhdao'), loginAs(t.app, 'canbo.saigon')]);
  });
  afterAll(async () => t?.close());

  it('401 without a session; in the OpenAPI document', async () => {
    for (const url of ['/api/statistics/incidents', '/api/statistics/incidents/export.xlsx', '/api/statistics/incidents/map', '/api/statistics/category-changes']) expect((await get(url)).statusCode, url).toBe(401);
    const doc = (await get('/api/openapi.json', lanhdao)).json() as { paths: Record<string, Record<string, unknown>> };
    for (const p of ['/api/statistics/incidents', '/api/statistics/incidents/export.xlsx', '/api/statistics/incidents/map', '/api/statistics/category-changes']) expect(doc.paths[p]?.get, p).toBeTruthy();
  });

  it('400 on malformed parameters, 422 on an impossible period', async () => {
    expect((await get('/api/statistics/incidents?period=week', lanhdao)).statusCode).toBe(400);
    expect((await get('/api/statistics/incidents?year=abc', lanhdao)).statusCode).toBe(400);
    expect((await get('/api/statistics/incidents?groupBy=unit', lanhdao)).statusCode).toBe(400);
    const r = await get('/api/statistics/incidents?period=quarter&year=2026&index=7', lanhdao);
    expect([r.statusCode, (r.json() as { error: { code: string } }).error.code]).toEqual([422, 'statistics.invalid_period']);
    const c = await get('/api/statistics/incidents?period=custom&from=2026-03-01', lanhdao);
    expect(c.statusCode).toBe(422);
  });

  it('JSON states period, base and scope; a commune officer sees fewer than the city leader', async () => {
    const url = '/api/statistics/incidents?period=year&year=2026&groupBy=commune';
    const city = (await get(url, lanhdao)).json() as { period: { from: string; to: string; label: string }; base: { label: string }; scope: { wholeCity: boolean }; total: { current: { incidents: number } }; rows: { key: string }[] };
    expect(city.period).toMatchObject({ from: '2026-01-01', to: '2026-12-31', label: 'năm 2026' });
    expect(city.base.label).toBe('năm 2025');
    expect(city.scope.wholeCity).toBe(true);
    const ward = (await get(url, saigon)).json() as typeof city;
    expect(ward.scope.wholeCity).toBe(false);
    expect(ward.total.current.incidents).toBeLessThanOrEqual(city.total.current.incidents);
    // The ward's own situations and those of other communes it supports: never more than the city.
    for (const r of ward.rows) expect(city.rows.map((c) => c.key)).toContain(r.key);
  });

  it('the XLSX export has a title row with period, base and scope, and Vietnamese headers', async () => {
    const r = await get('/api/statistics/incidents/export.xlsx?period=stat_month&year=2026&index=1', lanhdao);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    expect(r.headers['content-disposition']).toContain('thong-ke-vu-viec-2025-12-15-2026-01-14.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(String(ws.getCell(2, 1).value)).toContain('Kỳ báo cáo: tháng 1/2026 theo kỳ thống kê (từ 15/12/2025 đến 14/01/2026) — so với cùng kỳ: tháng 1/2025 theo kỳ thống kê (từ 15/12/2024 đến 14/01/2025) — phạm vi: toàn Thành phố');
    expect(ws.getCell(3, 3).value).toBe('Số vụ kỳ này');
  });

  it('category-change rates per unit', async () => {
    const r = await get('/api/statistics/category-changes?period=year&year=2026', lanhdao);
    expect(r.statusCode).toBe(200);
    const b = r.json() as { minBaseForPercent: number; rows: { incidents: number; changed: number; changeRatePercent: number | null }[] };
    for (const row of b.rows) if (row.incidents < b.minBaseForPercent) expect(row.changeRatePercent).toBeNull();
  });

  it('the map: period, base and scope stated, boundaries missing in a fresh database (points only), then imported; the ward sees its commune', async () => {
    expect((await get('/api/statistics/incidents/map?period=week', lanhdao)).statusCode).toBe(400);
    expect((await get('/api/statistics/incidents/map?period=quarter&year=2026&index=6', lanhdao)).statusCode).toBe(422);
    type Map = {
      period: { from: string; to: string; label: string };
      base: { label: string };
      scope: { wholeCity: boolean };
      boundaries: string;
      communes: { type: string; features: { id: string; properties: { code: string; name: string; count: number; baseCount: number } }[] };
      points: { type: string; features: { geometry: { type: string; coordinates: number[] }; properties: { id: string; category: string; severity: string } }[] };
      pointsLimit: number;
      pointsTruncated: boolean;
      total: { count: number };
    };
    const url = '/api/statistics/incidents/map?period=year&year=2026';
    const before = (await get(url, lanhdao)).json() as Map;
    expect(before.period).toMatchObject({ from: '2026-01-01', to: '2026-12-31', label: 'năm 2026' });
    expect(before.base.label).toBe('năm 2025');
    expect(before.boundaries).toBe('missing');
    expect(before.communes).toEqual({ type: 'FeatureCollection', features: [] });
    expect(before.points.type).toBe('FeatureCollection');
    for (const f of before.points.features) expect(f.geometry.type).toBe('Point');
    expect([before.pointsLimit, before.pointsTruncated]).toEqual([5000, false]);

    const file: unknown = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../../shared/data/vn-admin-units/hcmc-wards.geojson'), 'utf8'));
    await importBoundaries(t.ctx, operatorActor('test'), file);
    const city = (await get(url, lanhdao)).json() as Map;
    expect(city.boundaries).toBe('imported');
    expect(city.communes.features).toHaveLength(168);
    expect(city.communes.features.reduce((n, f) => n + f.properties.count, 0)).toBe(city.total.count);
    const stats = (await get('/api/statistics/incidents?period=year&year=2026&groupBy=commune', lanhdao)).json() as { total: { current: { incidents: number } } };
    expect(city.total.count).toBe(stats.total.current.incidents);
    const ward = (await get(url, saigon)).json() as Map;
    expect(ward.scope.wholeCity).toBe(false);
    expect(ward.communes.features.map((f) => f.id)).toContain('26740');
    expect(ward.communes.features.length).toBeLessThan(168);
    expect(ward.points.features.length).toBeLessThanOrEqual(city.points.features.length);
  });
});
