import { z } from 'zod';

/** Page request shared by every list endpoint. */
export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type PageQuery = z.infer<typeof pageQuery>;

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ total: z.number().int(), limit: z.number().int(), offset: z.number().int(), items: z.array(item) });

export const uuid = z.uuid();
/** Calendar date as YYYY-MM-DD (a `…On` field). */
export const isoDate = z.iso.date();
/** Official commune code: 5 digits, leading zeros kept (Quyết định 19/2025/QĐ-TTg). */
export const communeCode = z.string().regex(/^\d{5}$/, 'commune_code');
/** Official province code: 2 digits (Quyết định 19/2025/QĐ-TTg). */
export const provinceCode = z.string().regex(/^\d{2}$/, 'province_code');

/** Free text typed by people: trimmed, NFC-normalised, no control characters. */
export const text = (max: number, min = 1) =>
  z
    .string()
    .transform((s) => s.normalize('NFC').trim())
    .pipe(
      z
        .string()
        .min(min)
        .max(max)
        // eslint-disable-next-line no-control-regex -- reject control characters in names
        .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s), { message: 'control_characters' }),
    );

export const okResponse = z.object({ ok: z.literal(true) });
