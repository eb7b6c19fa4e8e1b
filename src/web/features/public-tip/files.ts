import { TIP_FILE_MAX_BYTES } from '../../../contracts/tips.ts';

/**
 * Files of a tip, checked in the browser before sending (the server checks again by content):
 * at most 5 MB, JPEG/PNG images (their location data is removed by the server) or PDF/DOCX.
 * WebP is refused by the server (it cannot remove WebP metadata), so it is refused here too.
 */

export const TIP_FILE_ACCEPT = [
  '.jpg',
  '.jpeg',
  '.png',
  '.pdf',
  '.docx',
  'image/jpeg',
  'image/png',
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
].join(',');

export type TipFileProblem = 'too_large' | 'empty' | 'webp' | 'type';

const SIGNATURES: Record<string, number[]> = {
  jpg: [0xff, 0xd8, 0xff],
  jpeg: [0xff, 0xd8, 0xff],
  png: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  pdf: [0x25, 0x50, 0x44, 0x46, 0x2d], // %PDF-
  docx: [0x50, 0x4b, 0x03, 0x04], // a ZIP (the server also looks inside)
};

const extensionOf = (name: string): string => {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
};

/** What is wrong with a picked file, or null: size first, then the name and the first bytes. */
export async function checkTipFile(file: File): Promise<TipFileProblem | null> {
  if (file.size === 0) return 'empty';
  if (file.size > TIP_FILE_MAX_BYTES) return 'too_large';
  const ext = extensionOf(file.name);
  const head = new Uint8Array(await file.slice(0, 12).arrayBuffer());
  const isWebp = String.fromCharCode(...head.subarray(0, 4)) === 'RIFF' && String.fromCharCode(...head.subarray(8, 12)) === 'WEBP';
  if (isWebp || ext === 'webp' || file.type === 'image/webp') return 'webp';
  const sig = SIGNATURES[ext];
  if (!sig || !sig.every((b, i) => head[i] === b)) return 'type';
  return null;
}

/** The file's bytes as base64 (no data: prefix), as the intake's JSON body wants them. */
export function fileToBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('read_failed'));
    reader.readAsDataURL(file);
  });
}

/** Size for people: "320 KB", "2,4 MB". */
export function formatSize(bytes: number, lang: string): string {
  const nf = new Intl.NumberFormat(lang === 'en' ? 'en' : 'vi', { maximumFractionDigits: 1 });
  return bytes < 1024 * 1024 ? `${nf.format(Math.max(1, Math.round(bytes / 1024)))} KB` : `${nf.format(bytes / (1024 * 1024))} MB`;
}
