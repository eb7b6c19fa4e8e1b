import type { FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { FILE_MAX_BYTES, fileIdParams, storedFileSchema } from '../../../contracts/files.ts';
import { actorOf } from '../../http/auth.ts';
import type { RouteDeps } from '../../http/routes.ts';
import { DomainError } from '../../kernel/errors.ts';
import { contentDisposition } from './file.ts';
import { downloadFile, uploadFile } from './file.service.ts';

/** Upload (multipart/form-data, one part named "file") and download of stored files. */
export function fileRoutes(api: FastifyInstance, { ctx }: RouteDeps): void {
  // Multipart parsing only in this scope. One byte over the limit is read so that "too large" is
  // told apart from "exactly the limit"; the bytes never reach storage.
  void api.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: FILE_MAX_BYTES + 1, files: 1, fields: 4, parts: 6, fieldSize: 1024 } });
    const r = scope.withTypeProvider<ZodTypeProvider>();
    const tags = ['files'];
    r.post(
      '/files',
      { schema: { tags, summary: 'Upload a file (PDF, DOCX; JPEG, PNG, WebP as evidence); type by content, at most 20 MiB', consumes: ['multipart/form-data'], response: { 201: storedFileSchema } } },
      async (req, reply) => {
        const actor = actorOf(req);
        let part;
        try {
          part = await req.file();
        } catch (e) {
          throw multipartError(e);
        }
        if (!part) throw new DomainError('validation_failed', { in: 'body' }, [{ path: 'body.file', code: 'required' }]);
        let bytes: Buffer;
        try {
          bytes = await part.toBuffer();
        } catch (e) {
          throw multipartError(e);
        }
        return reply.status(201).send(await uploadFile(ctx, actor, { filename: part.filename, bytes }));
      },
    );
    r.get('/files/:id', { schema: { tags, summary: 'Download a file (attachment, nosniff)', params: fileIdParams } }, async (req, reply) => {
      const f = await downloadFile(ctx, actorOf(req), req.params.id);
      return reply
        .header('content-type', f.mime)
        .header('content-length', String(f.bytes.length))
        .header('content-disposition', contentDisposition(f.filename))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(f.bytes);
    });
  });
}

function multipartError(e: unknown): unknown {
  const code = (e as { code?: string }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return new DomainError('file.too_large', { max: FILE_MAX_BYTES });
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') return new DomainError('unsupported_media_type', { expected: 'multipart/form-data' });
  if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') return new DomainError('bad_request', { reason: 'too_many_parts' });
  return e;
}
