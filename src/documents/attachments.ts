import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import { DomainError } from '../shared/errors.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { inspectZip, zipRefusalMessage } from '../shared/zip-guard.ts';
import { extractText, type TextStatus } from './text-extraction.ts';

export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

/** An uploaded file as the route hands it over: the name and type the client claimed, and the bytes. */
export type UploadedFile = { fileName: string; data: Buffer };

export type CheckedFile = {
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
  data: Buffer;
  extractedText: string;
  textStatus: TextStatus;
};

// File name extension → what the content must be detected as (file-type's ext) and the type we store and serve.
// Old Office and WPS files are OLE compound files ("cfb").
const ALLOWED: Record<string, { detected: string[]; mediaType: string }> = {
  pdf: { detected: ['pdf'], mediaType: 'application/pdf' },
  docx: { detected: ['docx'], mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
  xlsx: { detected: ['xlsx'], mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  pptx: { detected: ['pptx'], mediaType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation' },
  doc: { detected: ['cfb'], mediaType: 'application/msword' },
  xls: { detected: ['cfb'], mediaType: 'application/vnd.ms-excel' },
  ppt: { detected: ['cfb'], mediaType: 'application/vnd.ms-powerpoint' },
  wps: { detected: ['cfb'], mediaType: 'application/vnd.ms-works' },
  jpg: { detected: ['jpg'], mediaType: 'image/jpeg' },
  jpeg: { detected: ['jpg'], mediaType: 'image/jpeg' },
  png: { detected: ['png'], mediaType: 'image/png' },
};

/** A safe display name: no path, no control characters, at most 120 characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? 'file';
  const cleaned = [...base]
    .filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f && !'"<>|:*?'.includes(c))
    .join('')
    .trim();
  return (cleaned || 'file').slice(-120);
}

// ZIP containers: their entry count and unpacked size are checked before anything opens them (shared/zip-guard.ts).
const ZIP_BASED = new Set(['docx', 'xlsx', 'pptx']);

/**
 * Accepts a file only when its content is what its name claims and the type is allowed (PDF, Office, WPS, images),
 * it is within the size limit, and, for ZIP-based types, within the unpacking limits; reads its text (PDF, DOCX) for
 * search and the personal-data check, in a child process under limits (text-extraction.ts). A file whose text cannot
 * be read is still accepted (its type was verified); its status says why the text is missing.
 */
export async function checkAttachment(file: UploadedFile): Promise<CheckedFile> {
  const fileName = cleanFileName(file.fileName);
  if (file.data.length > MAX_ATTACHMENT_BYTES)
    throw new DomainError('VALIDATION', t.documents.errors.fileTooLarge, { attachment: t.documents.errors.fileTooLarge });
  const ext = fileName.includes('.') ? (fileName.split('.').pop() ?? '').toLowerCase() : '';
  const rule = ALLOWED[ext];
  const detected = await fileTypeFromBuffer(file.data);
  if (!rule || !detected || !rule.detected.includes(detected.ext)) {
    const message = t.documents.errors.fileType(fileName);
    throw new DomainError('VALIDATION', message, { attachment: message });
  }
  if (ZIP_BASED.has(ext)) {
    const verdict = await inspectZip(file.data);
    if (!verdict.ok) {
      const message = zipRefusalMessage(fileName, verdict.reason);
      throw new DomainError('VALIDATION', message, { attachment: message });
    }
  }
  const { text, status } = ext === 'pdf' || ext === 'docx' ? await extractText(ext, file.data) : { text: '', status: 'none' as const };
  return {
    fileName,
    mediaType: rule.mediaType,
    size: file.data.length,
    sha256: createHash('sha256').update(file.data).digest('hex'),
    data: file.data,
    extractedText: text,
    textStatus: status,
  };
}
