import { containsAllWords, searchWords } from '../../db/search.ts';
import { sql } from 'kysely';
import type { Db, Tx } from '../../db/schema.ts';

export async function jurisdictionExists(db: Db | Tx, code: string): Promise<boolean> {
  return !!(await db.selectFrom('jurisdictions').select('code').where('code', '=', code).executeTakeFirst());
}

export async function existingCommuneCodes(db: Db | Tx, codes: string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await db.selectFrom('jurisdictions').select('code').where('code', 'in', codes).execute();
  return new Set(rows.map((r) => r.code));
}

/** Current communes (no valid_to) of a province, code and full name, in Vietnamese order (sort_key). */
export async function currentCommunesOf(db: Db | Tx, provinceCode: string): Promise<{ code: string; name: string }[]> {
  return db
    .selectFrom('jurisdictions as j')
    .select(['j.code', 'j.full_name as name'])
    .where('j.province_code', '=', provinceCode)
    .where('j.valid_to', 'is', null)
    .orderBy(sql`j.sort_key collate "C"`)
    .orderBy('j.code')
    .execute();
}

export interface JurisdictionFilter {
  province?: string | undefined;
  q?: string | undefined;
  type?: string | undefined;
  limit: number;
  offset: number;
}

export async function listJurisdictions(db: Db | Tx, f: JurisdictionFilter) {
  let q = db
    .selectFrom('jurisdictions as j')
    .select([
      'j.code',
      'j.province_code as provinceCode',
      'j.name',
      'j.full_name as fullName',
      'j.name_en as nameEn',
      'j.type',
      'j.area_km2 as areaKm2',
      sql<boolean>`j.boundary is not null`.as('hasBoundary'),
      'j.valid_from as validFrom',
      'j.valid_to as validTo',
    ]);
  if (f.province) q = q.where('j.province_code', '=', f.province);
  if (f.type) q = q.where('j.type', '=', f.type);
  const words = searchWords(f.q);
  if (words.length) q = q.where((eb) => containsAllWords(eb, 'j.search_text', words));
  const { n } = await q.clearSelect().select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  const items = await q.orderBy(sql`j.sort_key collate "C"`).orderBy('j.code').limit(f.limit).offset(f.offset).execute();
  return { total: n, items };
}

export async function listProvinces(db: Db | Tx) {
  return db
    .selectFrom('provinces as p')
    .select([
      'p.code',
      'p.name',
      'p.full_name as fullName',
      'p.type',
      sql<number>`(select count(*)::int from jurisdictions j where j.province_code = p.code)`.as('communeCount'),
    ])
    .orderBy(sql`p.sort_key collate "C"`)
    .execute();
}

export interface ProvinceValues {
  code: string;
  name: string;
  fullName: string;
  nameEn: string | null;
  type: string;
  validFrom: string;
}

export async function upsertProvince(trx: Tx, p: ProvinceValues, searchText: string, sortKey: string): Promise<'inserted' | 'updated' | 'unchanged'> {
  const existing = await trx.selectFrom('provinces').selectAll().where('code', '=', p.code).executeTakeFirst();
  if (existing && existing.name === p.name && existing.full_name === p.fullName && existing.type === p.type && existing.name_en === p.nameEn) return 'unchanged';
  await trx
    .insertInto('provinces')
    .values({ code: p.code, name: p.name, full_name: p.fullName, name_en: p.nameEn, type: p.type, search_text: searchText, sort_key: sortKey, valid_from: p.validFrom })
    .onConflict((oc) => oc.column('code').doUpdateSet({ name: p.name, full_name: p.fullName, name_en: p.nameEn, type: p.type, search_text: searchText, sort_key: sortKey }))
    .execute();
  return existing ? 'updated' : 'inserted';
}

export interface CommuneValues extends ProvinceValues {
  provinceCode: string;
}

export async function upsertCommunes(trx: Tx, rows: { c: CommuneValues; searchText: string; sortKey: string }[]): Promise<{ inserted: number; updated: number; unchanged: number }> {
  const codes = rows.map((r) => r.c.code);
  const existing = new Map(
    codes.length === 0 ? [] : (await trx.selectFrom('jurisdictions').select(['code', 'name', 'full_name', 'name_en', 'type', 'province_code']).where('code', 'in', codes).execute()).map((r) => [r.code, r]),
  );
  let inserted = 0;
  let updated = 0;
  let unchanged = 0;
  const toWrite = rows.filter(({ c }) => {
    const e = existing.get(c.code);
    if (!e) {
      inserted++;
      return true;
    }
    if (e.name === c.name && e.full_name === c.fullName && e.name_en === c.nameEn && e.type === c.type && e.province_code === c.provinceCode) {
      unchanged++;
      return false;
    }
    updated++;
    return true;
  });
  for (let i = 0; i < toWrite.length; i += 500) {
    const chunk = toWrite.slice(i, i + 500);
    await trx
      .insertInto('jurisdictions')
      .values(
        chunk.map(({ c, searchText, sortKey }) => ({
          code: c.code,
          province_code: c.provinceCode,
          name: c.name,
          full_name: c.fullName,
          name_en: c.nameEn,
          type: c.type,
          search_text: searchText,
          sort_key: sortKey,
          valid_from: c.validFrom,
        })),
      )
      .onConflict((oc) =>
        oc.column('code').doUpdateSet((eb) => ({
          province_code: eb.ref('excluded.province_code'),
          name: eb.ref('excluded.name'),
          full_name: eb.ref('excluded.full_name'),
          name_en: eb.ref('excluded.name_en'),
          type: eb.ref('excluded.type'),
          search_text: eb.ref('excluded.search_text'),
          sort_key: eb.ref('excluded.sort_key'),
        })),
      )
      .execute();
  }
  return { inserted, updated, unchanged };
}

export async function setBoundary(trx: Tx, code: string, geometry: string, areaKm2: number | null): Promise<void> {
  await trx.updateTable('jurisdictions').set({ boundary: geometry, area_km2: areaKm2 }).where('code', '=', code).execute();
}

export async function boundariesOf(db: Db | Tx, province: string) {
  return db
    .selectFrom('jurisdictions')
    .select(['code', 'name', 'full_name as fullName', 'boundary'])
    .where('province_code', '=', province)
    .where('boundary', 'is not', null)
    .execute();
}
