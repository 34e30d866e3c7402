/**
 * /admin/:agency/reports/check-file: any member checks one report file as published (issue 15) — what the command
 * `gongkai report check FILE` does, in the browser. The file is read for the answer and never stored.
 */
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { agencyParams, consolePage, consoleRoutes } from '../console/console-page.tsx';
import { t } from '../shared/i18n/zh-CN.ts';
import { sendPage } from '../web/http.ts';
import { registerUploads, type UploadLimits } from '../web/uploads.ts';
import { FileCheckPage, type FileCheckResult } from './file-check.views.tsx';
import { checkPublished } from './published/published-checks.ts';
import type { PublishedReport } from './published/read-model.ts';
import { PUBLISHED_EXTENSIONS, readPublishedFile } from './published/read-published.ts';
import { describeRead } from './report-check.ts';
import { ReportInputError, reportFileText } from './report-input.ts';

const F = t.reports.fileCheck;
const MB = 1024 * 1024;
/** The report and, for R5, the year before: 20 MB each (a DOCX with charts is a few MB). */
const LIMITS: UploadLimits = { files: 2, fileBytes: 20 * MB, totalBytes: 41 * MB, fields: 5, fieldBytes: 4096 };

type Upload = { fileName: string; data: Buffer; truncated: boolean };

async function onFile(this: FastifyRequest, part: MultipartFile): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of part.file) chunks.push(chunk as Buffer);
  const upload: Upload = { fileName: part.filename, data: Buffer.concat(chunks), truncated: part.file.truncated };
  (part as unknown as { value: Upload }).value = upload;
}

/** The chosen file of a field, or null when none was chosen (a browser sends an empty part). */
function uploadOf(request: FastifyRequest, field: string): Upload | null {
  const v = (request.body as Record<string, unknown> | undefined)?.[field];
  const one = Array.isArray(v) ? v[0] : v;
  if (typeof one !== 'object' || one === null || !('data' in one)) return null;
  const upload = one as Upload;
  return upload.fileName === '' && upload.data.length === 0 ? null : upload;
}

/** Reads one upload; a Chinese message when it cannot be (type, size, content). */
async function readUpload(upload: Upload): Promise<PublishedReport | string> {
  const name = upload.fileName || F.file;
  if (!PUBLISHED_EXTENSIONS.some((e) => name.toLowerCase().endsWith(e))) return F.badType(name);
  if (upload.truncated) return F.tooLarge;
  try {
    return await readPublishedFile(name, upload.data, reportFileText);
  } catch (error) {
    if (error instanceof ReportInputError) return F.unreadable(name, error.message);
    throw error;
  }
}

export async function registerReportFileCheckRoutes(admin: FastifyInstance): Promise<void> {
  await admin.register(async (scope) => {
    await registerUploads(scope, LIMITS, { attachFieldsToBody: 'keyValues', onFile, throwFileSizeLimit: false });
    const app = consoleRoutes(scope);
    const path = '/reports/check-file';

    app.get('/:agency/reports/check-file', { schema: { params: agencyParams } }, async (request, reply) =>
      sendPage(reply, <FileCheckPage {...(await consolePage(request, reply, path))} />),
    );

    app.post('/:agency/reports/check-file', { schema: { params: agencyParams } }, async (request, reply) => {
      const b = await consolePage(request, reply, path);
      // What was uploaded is shown back only to its uploader, never kept by a cache.
      reply.header('cache-control', 'no-store');
      const file = uploadOf(request, 'file');
      if (!file) return sendPage(reply, <FileCheckPage {...b} error={F.noFile} />, 400);
      const report = await readUpload(file);
      if (typeof report === 'string') return sendPage(reply, <FileCheckPage {...b} error={report} />, 400);
      const previousFile = uploadOf(request, 'previous');
      const previous = previousFile ? await readUpload(previousFile) : null;
      if (typeof previous === 'string') return sendPage(reply, <FileCheckPage {...b} error={previous} />, 400);
      const findings = checkPublished(report, previous).flatMap((c) => c.findings);
      const result: FileCheckResult = { fileName: file.fileName, report, findings, readAs: describeRead(report)[0] ?? '' };
      return sendPage(reply, <FileCheckPage {...b} result={result} />);
    });
  });
}
