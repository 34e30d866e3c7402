/** The console's request bodies: the drafting form (multipart, with attachments) and checkbox lists. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { formText } from '../../web/http.ts';
import { registerUploads, type UploadLimits } from '../../web/uploads.ts';
import { MAX_ATTACHMENT_BYTES, type UploadedFile } from '../attachments.ts';

// Ten files of up to 20 MB each, 64 MB in all per request (the drafting form's fields are small beside them).
const DOCUMENT_UPLOAD_LIMITS: UploadLimits = { files: 10, fileBytes: MAX_ATTACHMENT_BYTES, totalBytes: 64 * 1024 * 1024, fields: 50, fieldBytes: 1024 * 1024 };

/** Multipart bodies for the scope's routes, within the drafting form's limits. */
export async function acceptDocumentUploads(scope: FastifyInstance): Promise<void> {
  await registerUploads(scope, DOCUMENT_UPLOAD_LIMITS, { attachFieldsToBody: true });
  // The CSRF check (a preHandler of the app) reads `_csrf` from the body; multipart gives a field object.
  scope.addHook('preValidation', async (request) => {
    const body = request.body as Record<string, unknown> | undefined;
    const field = body?._csrf as { value?: unknown } | undefined;
    if (request.isMultipart() && body && field && typeof field === 'object' && typeof field.value === 'string') body._csrf = field.value;
  });
}

type MultipartField = { type: 'field'; fieldname: string; value: unknown } | { type: 'file'; fieldname: string; filename: string; _buf: Buffer | null };

/** The fields and files of a multipart form (the plugin has already buffered the files, within the size limit). */
export function multipartForm(request: FastifyRequest): { values: Record<string, string>; files: UploadedFile[]; lists: Record<string, string[]> } {
  const body = (request.body ?? {}) as Record<string, MultipartField | MultipartField[]>;
  const values: Record<string, string> = {};
  const lists: Record<string, string[]> = {};
  const files: UploadedFile[] = [];
  for (const [key, entry] of Object.entries(body)) {
    for (const part of Array.isArray(entry) ? entry : [entry]) {
      if (part.type === 'file') {
        if (part.filename && part._buf && part._buf.length > 0) files.push({ fileName: part.filename, data: part._buf });
      } else if (typeof part.value === 'string' && key !== '_csrf') {
        const value = formText(part.value);
        values[key] = value;
        lists[key] = [...(lists[key] ?? []), value];
      }
    }
  }
  return { values, files, lists };
}

/** A repeated urlencoded field (checkboxes) as a list. */
export function formList(request: FastifyRequest, name: string): string[] {
  const v = (request.body as Record<string, unknown> | undefined)?.[name];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : [];
}
