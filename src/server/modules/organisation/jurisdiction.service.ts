import { inTransaction } from '../../db/tx.ts';
import type { Actor } from '../../kernel/actor.ts';
import { isAdmin } from '../../kernel/actor.ts';
import { writeAudit } from '../../kernel/audit.ts';
import type { Ctx } from '../../kernel/context.ts';
import { DomainError, forbidden } from '../../kernel/errors.ts';
import { HCMC_COMMUNES, HCMC_PROVINCE_CODE, PROVINCES, REFORM_EFFECTIVE_ON } from './reference/admin-units.ts';
import { adminSearchText, adminSortKey, adminUnitFileSchema, boundaryFileSchema, featureCode, validGeometry, type AdminUnitFile } from './jurisdiction.ts';
import * as repo from './jurisdiction.repository.ts';

/** Lookups the organisation module offers other modules (they must not reach into its repositories). */
export { existingCommuneCodes } from './jurisdiction.repository.ts';

export async function listJurisdictions(ctx: Ctx, _actor: Actor, q: { province?: string | undefined; q?: string | undefined; type?: string | undefined; limit: number; offset: number }) {
  const r = await repo.listJurisdictions(ctx.db, q);
  return { total: r.total, limit: q.limit, offset: q.offset, items: r.items };
}

/** The current communes of a province (code and full name, Vietnamese order): public, no actor (the tip form). */
export async function listCurrentCommunes(ctx: Ctx, provinceCode: string): Promise<{ items: { code: string; name: string }[] }> {
  return { items: await repo.currentCommunesOf(ctx.db, provinceCode) };
}

export async function listProvinces(ctx: Ctx, _actor: Actor) {
  return { items: await repo.listProvinces(ctx.db) };
}

export interface ImportReport {
  provinces: { inserted: number; updated: number; unchanged: number };
  communes: { inserted: number; updated: number; unchanged: number };
}

/** Import provinces and communes from the units-2026.json format. Idempotent; one transaction. */
export async function importAdminUnits(ctx: Ctx, actor: Actor, raw: unknown, opts: { validFrom?: string } = {}): Promise<ImportReport> {
  if (!isAdmin(actor)) throw forbidden('jurisdiction.import');
  const parsed = adminUnitFileSchema.safeParse(raw);
  if (!parsed.success)
    throw new DomainError(
      'import.invalid_file',
      { format: 'admin-units' },
      parsed.error.issues.slice(0, 20).map((i) => ({ path: i.path.join('.'), code: i.code })),
    );
  return importParsed(ctx, actor, parsed.data, opts.validFrom ?? REFORM_EFFECTIVE_ON);
}

async function importParsed(ctx: Ctx, actor: Actor, data: AdminUnitFile, validFrom: string): Promise<ImportReport> {
  const seen = new Set<string>();
  for (const p of data)
    for (const c of p.units) {
      if (seen.has(c.code)) throw new DomainError('import.invalid_file', { format: 'admin-units', duplicateCode: c.code });
      seen.add(c.code);
    }
  return inTransaction(ctx.db, async (trx) => {
    const report: ImportReport = { provinces: { inserted: 0, updated: 0, unchanged: 0 }, communes: { inserted: 0, updated: 0, unchanged: 0 } };
    for (const p of data) {
      const r = await repo.upsertProvince(trx, { code: p.code, name: p.name, fullName: p.fullName, nameEn: p.nameEn ?? null, type: p.type, validFrom }, adminSearchText(p.name, p.fullName, p.code), adminSortKey(p.name));
      report.provinces[r]++;
      const c = await repo.upsertCommunes(
        trx,
        p.units.map((u) => ({
          c: { code: u.code, provinceCode: p.code, name: u.name, fullName: u.fullName, nameEn: u.nameEn ?? null, type: u.type, validFrom },
          searchText: adminSearchText(u.name, u.fullName, u.code),
          sortKey: adminSortKey(u.name),
        })),
      );
      report.communes.inserted += c.inserted;
      report.communes.updated += c.updated;
      report.communes.unchanged += c.unchanged;
    }
    if (report.provinces.inserted + report.provinces.updated + report.communes.inserted + report.communes.updated > 0)
      await writeAudit(trx, actor, { action: 'jurisdictions.imported', entityType: 'jurisdiction', entityId: null, data: { ...report } });
    return report;
  });
}

/** The reference data shipped with the project: 34 provinces and Ho Chi Minh City's 168 communes. */
export async function loadReferenceJurisdictions(ctx: Ctx, actor: Actor): Promise<ImportReport> {
  const data: AdminUnitFile = PROVINCES.map((p) => ({ ...p, units: p.code === HCMC_PROVINCE_CODE ? HCMC_COMMUNES : [] }));
  return importParsed(ctx, actor, data, REFORM_EFFECTIVE_ON);
}

export interface BoundaryReport {
  stored: number;
  unknownCodes: string[];
  invalid: number;
}

/** Store commune boundaries from GeoJSON (for maps). Unknown codes are reported, not stored. */
export async function importBoundaries(ctx: Ctx, actor: Actor, raw: unknown): Promise<BoundaryReport> {
  if (!isAdmin(actor)) throw forbidden('jurisdiction.import_boundaries');
  const parsed = boundaryFileSchema.safeParse(raw);
  if (!parsed.success)
    throw new DomainError('import.invalid_file', { format: 'geojson' }, parsed.error.issues.slice(0, 20).map((i) => ({ path: i.path.join('.'), code: i.code })));
  return inTransaction(ctx.db, async (trx) => {
    const codes = parsed.data.features.map(featureCode).filter((c): c is string => c !== null);
    const known = await repo.existingCommuneCodes(trx, codes);
    const report: BoundaryReport = { stored: 0, unknownCodes: [], invalid: 0 };
    for (const f of parsed.data.features) {
      const code = featureCode(f);
      if (!code || !validGeometry(f.geometry)) {
        report.invalid++;
        continue;
      }
      if (!known.has(code)) {
        report.unknownCodes.push(code);
        continue;
      }
      const area = typeof f.properties?.areaKm2 === 'number' ? f.properties.areaKm2 : null;
      await repo.setBoundary(trx, code, JSON.stringify(f.geometry), area);
      report.stored++;
    }
    if (report.stored > 0) await writeAudit(trx, actor, { action: 'jurisdictions.boundaries_imported', entityType: 'jurisdiction', entityId: null, data: { stored: report.stored, unknownCodes: report.unknownCodes.length, invalid: report.invalid } });
    return report;
  });
}

/** Boundaries of a province's communes as a GeoJSON FeatureCollection, for maps. */
export async function communeBoundaries(ctx: Ctx, _actor: Actor, province: string) {
  const rows = await repo.boundariesOf(ctx.db, province);
  return {
    type: 'FeatureCollection' as const,
    features: rows.map((r) => ({ type: 'Feature' as const, id: r.code, properties: { code: r.code, name: r.name, fullName: r.fullName }, geometry: r.boundary })),
  };
}
