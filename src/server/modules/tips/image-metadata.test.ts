import { describe, expect, it } from 'vitest';
import { detectFileType } from '../files/file.ts';
import { DomainError } from '../../kernel/errors.ts';
import { jpegWithGps, pngWithText } from './image-metadata.fixtures.ts';
import { stripJpegMetadata, stripPngMetadata } from './image-metadata.ts';

const has = (b: Buffer, s: string) => b.includes(Buffer.from(s, 'latin1'));

describe('image metadata stripping', () => {
  it('drops EXIF (GPS), XMP and comments from a JPEG, keeps JFIF, tables and the scan', () => {
    const src = jpegWithGps();
    const out = stripJpegMetadata(src);
    for (const s of ['Exif', 'GPSLatitude', 'xmpmeta', 'taken at home']) expect(has(out, s), s).toBe(false);
    expect(has(out, 'JFIF')).toBe(true);
    expect(out.subarray(-7)).toEqual(src.subarray(-7));
    expect(detectFileType(out)).toBe('jpeg');
    expect(stripJpegMetadata(out)).toEqual(out);
  });

  it('drops text and eXIf chunks from a PNG, keeps IHDR, IDAT, IEND', () => {
    const out = stripPngMetadata(pngWithText());
    for (const s of ['tEXt', 'eXIf', 'GPS']) expect(has(out, s), s).toBe(false);
    for (const s of ['IHDR', 'IDAT', 'IEND']) expect(has(out, s), s).toBe(true);
    expect(detectFileType(out)).toBe('png');
  });

  it.each([
    ['jpeg cut in a segment', () => stripJpegMetadata(jpegWithGps().subarray(0, 30))],
    ['jpeg without markers', () => stripJpegMetadata(Buffer.from([0xff, 0xd8, 0x00, 0x00, 0x00]))],
    ['png cut in a chunk', () => stripPngMetadata(pngWithText().subarray(0, 40))],
    ['png without IEND', () => stripPngMetadata(pngWithText().subarray(0, -12))],
  ])('refuses a malformed image: %s', (_n, fn) => {
    expect(fn).toThrow(DomainError);
  });
});
