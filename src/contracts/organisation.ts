import { z } from 'zod';
import { communeCode, isoDate, pageOf, pageQuery, provinceCode, text, uuid } from './common.ts';

/** Kinds of unit (loại đơn vị). Labels live in the web dictionary under `unitType.*`. */
export const UNIT_TYPES = [
  'administrative_area', // Thành phố / tỉnh / xã as a territory root
  'party_committee', // cấp ủy, ban thường vụ
  'state_body', // UBND, HĐND, sở, ngành
  'police_unit', // Công an
  'fire_rescue_police', // Cảnh sát PCCC và CNCH
  'department', // phòng, ban chuyên môn
  'mass_organisation', // MTTQ và các đoàn thể
  'steering_committee', // Ban Chỉ đạo 138 …
] as const;
export type UnitType = (typeof UNIT_TYPES)[number];

export const UNIT_LEVELS = ['central', 'city', 'commune'] as const;
export type UnitLevel = (typeof UNIT_LEVELS)[number];

export const abilitiesSchema = z.record(z.string(), z.boolean());

export const unitSchema = z.object({
  id: uuid,
  code: z.string(),
  name: z.string(),
  shortName: z.string().nullable(),
  type: z.enum(UNIT_TYPES),
  level: z.enum(UNIT_LEVELS),
  parentId: uuid.nullable(),
  parentName: z.string().nullable(),
  communeCode: z.string().nullable(),
  validFrom: isoDate,
  validTo: isoDate.nullable(),
  childCount: z.number().int(),
  version: z.number().int(),
  abilities: abilitiesSchema,
});
export type Unit = z.infer<typeof unitSchema>;

export const unitListQuery = pageQuery.extend({
  q: z.string().max(200).optional(),
  parentId: uuid.optional(),
  /** `root` lists the top of the tree. */
  roots: z.enum(['true', 'false']).optional(),
  type: z.enum(UNIT_TYPES).optional(),
  level: z.enum(UNIT_LEVELS).optional(),
  /** Include units whose validity has ended (history). */
  includeEnded: z.enum(['true', 'false']).optional(),
});
export type UnitListQuery = z.infer<typeof unitListQuery>;
export const unitPage = pageOf(unitSchema);

const unitCode = z.string().trim().toUpperCase().regex(/^[A-Z0-9][A-Z0-9._-]{0,39}$/, 'unit_code');

export const createUnitInput = z.strictObject({
  code: unitCode,
  name: text(200),
  shortName: text(80).nullable().optional(),
  type: z.enum(UNIT_TYPES),
  level: z.enum(UNIT_LEVELS),
  parentId: uuid.nullable(),
  communeCode: communeCode.nullable().optional(),
  validFrom: isoDate.optional(),
});
export type CreateUnitInput = z.infer<typeof createUnitInput>;

export const updateUnitInput = z.strictObject({
  version: z.number().int(),
  name: text(200).optional(),
  shortName: text(80).nullable().optional(),
  type: z.enum(UNIT_TYPES).optional(),
  parentId: uuid.nullable().optional(),
  communeCode: communeCode.nullable().optional(),
  validTo: isoDate.nullable().optional(),
});
export type UpdateUnitInput = z.infer<typeof updateUnitInput>;

export const provinceSchema = z.object({
  code: z.string(),
  name: z.string(),
  fullName: z.string(),
  type: z.string(),
  communeCount: z.number().int(),
});

export const jurisdictionSchema = z.object({
  code: z.string(),
  provinceCode: z.string(),
  name: z.string(),
  fullName: z.string(),
  nameEn: z.string().nullable(),
  type: z.string(),
  hasBoundary: z.boolean(),
  areaKm2: z.number().nullable(),
  validFrom: isoDate,
  validTo: isoDate.nullable(),
});
export type Jurisdiction = z.infer<typeof jurisdictionSchema>;

export const jurisdictionListQuery = pageQuery.extend({
  province: provinceCode.optional(),
  q: z.string().max(200).optional(),
  type: z.string().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});
export const jurisdictionPage = pageOf(jurisdictionSchema);

export const personSchema = z.object({
  id: uuid,
  fullName: z.string(),
  rank: z.string().nullable(),
  unitId: uuid,
  unitName: z.string(),
  positions: z.array(
    z.object({ title: z.string(), unitId: uuid, unitName: z.string(), fromOn: isoDate, toOn: isoDate.nullable() }),
  ),
  abilities: abilitiesSchema,
});
export type Person = z.infer<typeof personSchema>;

export const personListQuery = pageQuery.extend({ q: z.string().max(200).optional(), unitId: uuid.optional() });
export const personPage = pageOf(personSchema);

export const createPersonInput = z.strictObject({
  fullName: text(120),
  rank: text(60).nullable().optional(),
  unitId: uuid,
  position: z.strictObject({ title: text(160), fromOn: isoDate }).optional(),
});
export type CreatePersonInput = z.infer<typeof createPersonInput>;
