import { z } from 'zod';
import { uuid } from './common.ts';

/**
 * Stored files (attachments of documents, evidence of progress reports). Browser-safe.
 * Types are decided by the file's first bytes (magic bytes), never by its name or declared type.
 */

/** Largest file accepted, in bytes (20 MiB). */
export const FILE_MAX_BYTES = 20 * 1024 * 1024;

/** Accepted types: documents (PDF, DOCX) and images for evidence (JPEG, PNG, WebP). */
export const FILE_TYPES = {
  pdf: { mime: 'application/pdf', extensions: ['pdf'] },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['docx'] },
  jpeg: { mime: 'image/jpeg', extensions: ['jpg', 'jpeg'] },
  png: { mime: 'image/png', extensions: ['png'] },
  webp: { mime: 'image/webp', extensions: ['webp'] },
} as const;
export type FileType = keyof typeof FILE_TYPES;
export const FILE_TYPE_NAMES = Object.keys(FILE_TYPES) as FileType[];

export const storedFileSchema = z.object({
  id: uuid,
  filename: z.string(),
  mime: z.string(),
  size: z.number().int(),
});
export type StoredFile = z.infer<typeof storedFileSchema>;

export const fileIdParams = z.object({ id: uuid });
