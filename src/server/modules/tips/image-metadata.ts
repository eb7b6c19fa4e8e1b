import { DomainError } from '../../kernel/errors.ts';

/**
 * Remove metadata (EXIF with GPS position, XMP, IPTC, comments, text chunks) from images before
 * they are stored: a tip's photo must not reveal where or on which device it was taken.
 * Pure byte surgery, no decoding: pixels are copied unchanged.
 *
 * - JPEG: segments before the scan are walked; APP0 (JFIF), APP2 (ICC colour profile) and APP14
 *   (Adobe colour transform) are kept, every other APPn (APP1 = EXIF/XMP, APP13 = IPTC…) and COM
 *   are dropped; from SOS on the bytes are copied verbatim.
 * - PNG: chunks are kept only when on a list of critical and colour/animation chunks; tEXt, zTXt,
 *   iTXt, eXIf, tIME and unknown chunks are dropped.
 * Malformed images are refused (`file.type_not_allowed`, reason `malformed_image`).
 */

const malformed = () => new DomainError('file.type_not_allowed', { reason: 'malformed_image' });

const JPEG_KEEP_APP = new Set([0xe0, 0xe2, 0xee]);

export function stripJpegMetadata(b: Buffer): Buffer {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) throw malformed();
  const out: Buffer[] = [b.subarray(0, 2)];
  let p = 2;
  while (p < b.length) {
    if (b[p] !== 0xff) throw malformed();
    let marker = b[p + 1]!;
    // fill bytes
    while (marker === 0xff && p + 2 < b.length) {
      p++;
      marker = b[p + 1]!;
    }
    if (marker === 0xd9) {
      out.push(b.subarray(p, p + 2));
      return Buffer.concat(out);
    }
    // standalone markers without a length
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      out.push(b.subarray(p, p + 2));
      p += 2;
      continue;
    }
    if (p + 4 > b.length) throw malformed();
    const len = b.readUInt16BE(p + 2);
    if (len < 2 || p + 2 + len > b.length) throw malformed();
    const end = p + 2 + len;
    if (marker === 0xda) {
      out.push(b.subarray(p)); // start of scan: the rest is entropy-coded data and the trailer
      return Buffer.concat(out);
    }
    const isApp = marker >= 0xe0 && marker <= 0xef;
    const drop = (isApp && !JPEG_KEEP_APP.has(marker)) || marker === 0xfe;
    if (!drop) out.push(b.subarray(p, end));
    p = end;
  }
  throw malformed();
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const PNG_KEEP = new Set(['IHDR', 'PLTE', 'IDAT', 'IEND', 'tRNS', 'gAMA', 'cHRM', 'sRGB', 'iCCP', 'sBIT', 'pHYs', 'bKGD', 'acTL', 'fcTL', 'fdAT']);

export function stripPngMetadata(b: Buffer): Buffer {
  if (b.length < 8 || !b.subarray(0, 8).equals(PNG_SIGNATURE)) throw malformed();
  const out: Buffer[] = [PNG_SIGNATURE];
  let p = 8;
  while (p + 12 <= b.length) {
    const len = b.readUInt32BE(p);
    const type = b.toString('latin1', p + 4, p + 8);
    const end = p + 12 + len;
    if (end > b.length) throw malformed();
    if (PNG_KEEP.has(type)) out.push(b.subarray(p, end));
    p = end;
    if (type === 'IEND') return Buffer.concat(out);
  }
  throw malformed();
}

/** Strip metadata from an image of a known type; other types are returned unchanged. */
export function stripImageMetadata(type: string, b: Buffer): Buffer {
  if (type === 'jpeg') return stripJpegMetadata(b);
  if (type === 'png') return stripPngMetadata(b);
  return b;
}
