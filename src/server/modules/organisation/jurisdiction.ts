import { z } from 'zod';
import { foldForSearch, vietnameseSortKey } from '../../kernel/text.ts';

/**
 * Administrative units (đơn vị hành chính) after the 2025 reform: provinces (2-digit codes) and
 * communes — phường, xã, đặc khu — (5-digit codes), Quyết định 19/2025/QĐ-TTg. Matched by code,
 * never by name: sources place tone marks differently ("Hòa"/"Hoà"), so names are NFC-normalised.
 */
const nfc = z.string().min(1).max(200).transform((s) => s.normalize('NFC').trim());

export const adminUnitFileSchema = z
  .array(
    z.object({
      code: z.string().regex(/^\d{2}$/),
      name: nfc,
      fullName: nfc,
      nameEn: nfc.optional(),
      type: nfc,
      units: z.array(
        z.object({
          code: z.string().regex(/^\d{5}$/),
          name: nfc,
          fullName: nfc,
          nameEn: nfc.optional(),
          type: nfc,
        }),
      ),
    }),
  )
  .min(1);
export type AdminUnitFile = z.infer<typeof adminUnitFileSchema>;

/** GeoJSON of commune boundaries: feature id / properties.code is the commune code. */
export const boundaryFileSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      id: z.union([z.string(), z.number()]).optional(),
      properties: z.object({ code: z.union([z.string(), z.number()]).optional(), areaKm2: z.number().optional() }).passthrough().nullable(),
      geometry: z.object({
        type: z.enum(['Polygon', 'MultiPolygon']),
        coordinates: z.array(z.unknown()),
      }),
    }),
  ),
});
export type BoundaryFile = z.infer<typeof boundaryFileSchema>;

export const adminSearchText = (name: string, fullName: string, code: string): string => foldForSearch(`${fullName} ${name} ${code}`);
export const adminSortKey = (name: string): string => vietnameseSortKey(name);

/** Every position of a (Multi)Polygon must be a finite [lon, lat] pair in WGS84 range. */
export function validGeometry(g: { type: string; coordinates: unknown[] }): boolean {
  const rings: unknown[] = g.type === 'Polygon' ? g.coordinates : g.coordinates.flatMap((p) => (Array.isArray(p) ? p : [null]));
  if (rings.length === 0) return false;
  return rings.every(
    (ring) =>
      Array.isArray(ring) &&
      ring.length >= 4 &&
      ring.every((pt) => Array.isArray(pt) && pt.length >= 2 && typeof pt[0] === 'number' && typeof pt[1] === 'number' && Math.abs(pt[0]) <= 180 && Math.abs(pt[1]) <= 90),
  );
}

export function featureCode(f: BoundaryFile['features'][number]): string | null {
  const raw = f.properties?.code ?? f.id;
  if (raw === undefined || raw === null) return null;
  const s = String(raw);
  return /^\d{5}$/.test(s) ? s : null;
}
