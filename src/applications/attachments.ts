/**
 * Attachments of an application: the type is decided by the file's content (its magic bytes), never by the name
 * or the browser's claim, and the size is limited. The bytes are stored in the database.
 */
import { t } from '../shared/i18n/zh-CN.ts';
import { inspectZip, zipRefusalMessage } from '../shared/zip-guard.ts';
import type { UploadLimits } from '../web/uploads.ts';

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const MAX_ATTACHMENTS = 5;

/**
 * The application forms' multipart limits (web/uploads.ts): one file more than allowed reaches the service, which
 * says how many are allowed; five full files and the fields fit in the total.
 */
export const APPLICATION_UPLOAD_LIMITS: UploadLimits = {
  files: MAX_ATTACHMENTS + 1,
  fileBytes: MAX_ATTACHMENT_BYTES,
  totalBytes: MAX_ATTACHMENTS * MAX_ATTACHMENT_BYTES + 1024 * 1024,
  fields: 40,
  fieldBytes: 20_000,
};

/** An uploaded file as the multipart parser hands it over. */
export type UploadedFile = { filename: string; data: Buffer; truncated: boolean };

export type CheckedFile = { filename: string; contentType: string; data: Buffer };

const ZIP_TYPES = new Set(['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/ofd']);

const starts = (b: Buffer, sig: readonly number[], at = 0) => sig.every((v, i) => b[at + i] === v);

/** The content type of a file from its first bytes, for the kinds an application may carry; null otherwise. */
export function sniffContentType(data: Buffer, filename: string): string | null {
  if (starts(data, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf';
  if (starts(data, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts(data, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts(data, [0x50, 0x4b, 0x03, 0x04])) {
    // A ZIP container: DOCX has word/ entries, OFD has OFD.xml; anything else is refused.
    const head = data.subarray(0, Math.min(data.length, 64 * 1024)).toString('latin1');
    if (/\.docx$/i.test(filename) && (head.includes('word/') || head.includes('[Content_Types].xml'))) {
      return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    }
    if (/\.ofd$/i.test(filename) && head.includes('OFD.xml')) return 'application/ofd';
  }
  return null;
}

/** A filename safe to store and to offer for download: no path, no control characters, at most 120 characters. */
export function safeFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = [...base]
    .filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f && !'"<>|:*?'.includes(c))
    .join('')
    .trim();
  return (clean || 'attachment').slice(-120);
}

/** The files actually chosen (a browser sends an empty part for an empty file input). */
export const givenFiles = (files: readonly UploadedFile[]) => files.filter((file) => file.filename !== '' || file.data.length > 0);

/** Checks one uploaded file: typed, or the Chinese message naming it. */
export async function checkAttachment(file: UploadedFile): Promise<{ file: CheckedFile; error?: undefined } | { file?: undefined; error: string }> {
  const f = t.applications.form;
  const name = safeFilename(file.filename);
  if (file.truncated || file.data.length > MAX_ATTACHMENT_BYTES) return { error: f.attachmentSize(name) };
  const contentType = sniffContentType(file.data, name);
  if (!contentType) return { error: f.attachmentType(name) };
  if (ZIP_TYPES.has(contentType)) {
    const verdict = await inspectZip(file.data);
    if (!verdict.ok) return { error: zipRefusalMessage(name, verdict.reason) };
  }
  return { file: { filename: name, contentType, data: file.data } };
}

/**
 * Checks the uploaded files; returns them typed, or the Chinese message for the attachments field. DOCX and OFD are
 * ZIP containers: their entry count and unpacked size are checked (nothing here unpacks them, but staff will).
 * `alreadyHeld`: files kept from an earlier refused submission, which count against the same number.
 */
export async function checkAttachments(files: readonly UploadedFile[], alreadyHeld = 0): Promise<{ files: CheckedFile[]; error?: string }> {
  const given = givenFiles(files);
  if (given.length + alreadyHeld > MAX_ATTACHMENTS) return { files: [], error: t.applications.form.attachmentCount };
  const out: CheckedFile[] = [];
  for (const file of given) {
    const checked = await checkAttachment(file);
    if (checked.error !== undefined) return { files: [], error: checked.error };
    out.push(checked.file);
  }
  return { files: out };
}
