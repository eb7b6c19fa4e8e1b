import { FILE_MAX_BYTES, FILE_TYPES, type FileType } from '../../../contracts/files.ts';
import { DomainError } from '../../kernel/errors.ts';

/**
 * Pure rules for stored files: the type is decided by the first bytes (magic bytes), never by the
 * name or the declared Content-Type, and files are refused before anything is stored.
 */

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0): boolean => b.length >= at + sig.length && sig.every((x, i) => b[at + i] === x);
const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));

const PDF = ascii('%PDF-');
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const JPEG = [0xff, 0xd8, 0xff];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const RIFF = ascii('RIFF');
const WEBP = ascii('WEBP');

/**
 * Names of the entries of a ZIP archive, read from its central directory (the authoritative list;
 * local headers may lie). Returns null when the bytes are not a readable ZIP.
 */
export function zipEntryNames(b: Uint8Array): string[] | null {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  // End of central directory record: 22 bytes + a comment of at most 65535 bytes.
  const min = Math.max(0, b.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = b.length - 22; i >= min; i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = view.getUint16(eocd + 10, true);
  let p = view.getUint32(eocd + 16, true);
  const names: string[] = [];
  const decoder = new TextDecoder('utf-8', { fatal: false });
  for (let n = 0; n < count; n++) {
    if (p + 46 > b.length || view.getUint32(p, true) !== 0x02014b50) return null;
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    if (p + 46 + nameLen > b.length) return null;
    names.push(decoder.decode(b.subarray(p + 46, p + 46 + nameLen)));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return names;
}

/** The accepted type of these bytes, or null (an executable, a plain ZIP, text, anything else). */
export function detectFileType(b: Uint8Array): FileType | null {
  if (startsWith(b, PDF)) return 'pdf';
  if (startsWith(b, JPEG)) return 'jpeg';
  if (startsWith(b, PNG)) return 'png';
  if (startsWith(b, RIFF) && startsWith(b, WEBP, 8)) return 'webp';
  if (startsWith(b, ZIP)) {
    const names = zipEntryNames(b);
    if (names && names.includes('[Content_Types].xml') && names.some((n) => n.startsWith('word/'))) return 'docx';
  }
  return null;
}

/** Lower-case extension of a file name ("" when none). */
export function extensionOf(filename: string): string {
  const base = filename.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

/** A file name safe to store and to send back: no path, no control characters, at most 200 characters. */
export function cleanFilename(raw: string): string {
  const base = (raw.split(/[\\/]/).pop() ?? '')
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex -- strip control characters from names
    .replace(/[\u0000-\u001f\u007f"]/g, '')
    .trim();
  return (base || 'tep').slice(-200);
}

export interface CheckedFile {
  type: FileType;
  mime: string;
  filename: string;
}

/**
 * Decide whether an upload may be stored. Refusals: `file.too_large` (over FILE_MAX_BYTES),
 * `file.empty`, `file.type_not_allowed` (bytes of no accepted type, or a name whose extension
 * says another type than the bytes: "bao-cao.pdf" holding a ZIP or a program).
 */
export function checkUpload(filename: string, bytes: Uint8Array, maxBytes = FILE_MAX_BYTES): CheckedFile {
  if (bytes.length > maxBytes) throw new DomainError('file.too_large', { size: bytes.length, max: maxBytes });
  if (bytes.length === 0) throw new DomainError('file.empty', {});
  const type = detectFileType(bytes);
  const ext = extensionOf(filename);
  if (!type) throw new DomainError('file.type_not_allowed', { reason: 'content', extension: ext });
  const info = FILE_TYPES[type];
  if (ext !== '' && !(info.extensions as readonly string[]).includes(ext)) throw new DomainError('file.type_not_allowed', { reason: 'extension_mismatch', extension: ext, detected: type });
  const name = cleanFilename(filename);
  return { type, mime: info.mime, filename: ext === '' ? `${name}.${info.extensions[0]}` : name };
}

/** Content-Disposition for a download: ASCII fallback plus the UTF-8 name (RFC 6266 / 5987). */
export function contentDisposition(filename: string): string {
  const fallback = filename
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đ]/g, 'd')
    .replace(/[Đ]/g, 'D')
    .replace(/[^\x20-\x7e]|["\\;]/g, '_');
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
