import type { StoredFile } from '../../../contracts/files.ts';
import type { FileRow } from './file.repository.ts';

export function presentFile(r: FileRow): StoredFile {
  return { id: r.id, filename: r.filename, mime: r.mime, size: r.size };
}
