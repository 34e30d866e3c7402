/**
 * Routes of an answer's files: in the console, upload (multipart), remove, choose and link published documents, and
 * staff downloads (originals included); in public, the applicant's download with a token from the tracking page.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { type ConsoleBase, consoleMember, consolePage, consoleRoutes, recordParams } from '../console/console-page.tsx';
import { DomainError, forbidden, notFound } from '../shared/errors.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { formValues, sendPage } from '../web/http.ts';
import { idParam, textQuery, type ZodRoutes, zodRoutes } from '../web/params.ts';
import { serverSecret } from '../web/server-secret.ts';
import { registerUploads } from '../web/uploads.ts';
import { answerFilesPanel, searchDocumentsToLink } from './answer-files.queries.ts';
import { attachmentDisposition } from './answer-files.rules.ts';
import {
  addAnswerFiles,
  downloadAnswerFile,
  linkAnswerDocument,
  MAX_ANSWER_FILE_BYTES,
  MAX_ANSWER_FILES_PER_UPLOAD,
  removeAnswerFile,
} from './answer-files.service.ts';
import { AnswerDocumentsPage } from './answer-files.views.tsx';
import { applicationOfToken } from './applicant-token.ts';
import { can } from './applications.policy.ts';
import { loadCaseView } from './applications.queries.ts';
import { findApplication } from './applications.repo.ts';
import { CasePage } from './case.views.tsx';
import { onFile, uploadsOf } from './portal.routes.tsx';

const fileParams = recordParams.extend({ file: idParam() });
const documentParams = recordParams.extend({ document: idParam(), op: z.enum(['link', 'unlink']) });

/** Sends a stored file as a download: never rendered by the browser, never cached. */
function sendFile(reply: FastifyReply, file: { filename: string; contentType: string; data: Buffer }) {
  return reply
    .type(file.contentType)
    .header('content-disposition', attachmentDisposition(file.filename))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .send(file.data);
}

/** The console routes (under /admin). */
export async function registerAnswerFilesAdminRoutes(admin: FastifyInstance): Promise<void> {
  await admin.register(async (scope) => {
    const app = consoleRoutes(scope);
    consoleFileRoutes(app);
    await app.register(async (uploads) => {
      await registerUploads(
        uploads,
        {
          files: MAX_ANSWER_FILES_PER_UPLOAD + 1,
          fileBytes: MAX_ANSWER_FILE_BYTES,
          totalBytes: (MAX_ANSWER_FILES_PER_UPLOAD + 1) * MAX_ANSWER_FILE_BYTES,
          fields: 10,
          fieldBytes: 2000,
        },
        { attachFieldsToBody: 'keyValues', onFile, throwFileSizeLimit: false },
      );
      uploadRoutes(zodRoutes(uploads));
    });
  });
}

const caseHref = (b: ConsoleBase, id: number) => `/admin/${b.agency.code}/applications/${id}`;

/** Runs a change and goes back to the case's section; a refusal renders the case page with the message. */
async function change(
  app: ZodRoutes,
  request: FastifyRequest,
  reply: FastifyReply,
  id: number,
  done: 'added' | 'removed' | 'linked' | 'unlinked',
  run: (b: ConsoleBase) => Promise<unknown>,
) {
  const b = await consolePage(request, reply, '/applications');
  try {
    await run(b);
    return reply.redirect(`${caseHref(b, id)}?done=answer_files_${done}#answer-files-title`, 303);
  } catch (error) {
    if (!(error instanceof DomainError) || !['VALIDATION', 'INVALID_STATE', 'CONFLICT'].includes(error.code)) throw error;
    const view = await loadCaseView(app.deps, b.actor, b.agency, id);
    const values = formValues(request);
    const failed = { action: 'answer_files', state: { values, message: error.message, fields: error.fields } };
    return sendPage(reply, <CasePage {...b} view={view} failed={failed} />, error.code === 'VALIDATION' ? 400 : 409);
  }
}

function uploadRoutes(app: ZodRoutes): void {
  app.post('/:agency/applications/:id/answer-files', { schema: { params: recordParams } }, (request, reply) =>
    change(app, request, reply, request.params.id, 'added', (b) =>
      addAnswerFiles(app.deps, b.actor, b.agency, request.params.id, formValues(request), uploadsOf(request)),
    ),
  );
}

function consoleFileRoutes(app: ZodRoutes): void {
  const deps = app.deps;
  app.post('/:agency/applications/:id/answer-files/:file/remove', { schema: { params: fileParams } }, (request, reply) =>
    change(app, request, reply, request.params.id, 'removed', (b) => removeAnswerFile(deps, b.actor, b.agency, request.params.id, request.params.file)),
  );
  app.post('/:agency/applications/:id/answer-files/documents/:document/:op', { schema: { params: documentParams } }, (request, reply) =>
    change(app, request, reply, request.params.id, request.params.op === 'link' ? 'linked' : 'unlinked', (b) =>
      linkAnswerDocument(deps, b.actor, b.agency, request.params.id, request.params.document, request.params.op === 'link'),
    ),
  );
  app.get(
    '/:agency/applications/:id/answer-files/documents',
    { schema: { params: recordParams, querystring: z.object({ q: textQuery }) } },
    async (request, reply) => {
      const b = await consolePage(request, reply, '/applications');
      if (!can(b.actor, 'handle', b.agency.id)) throw forbidden();
      const row = await findApplication(deps.db, b.agency.id, request.params.id);
      if (!row) throw notFound();
      const q = request.query.q.slice(0, 100);
      const [results, panel] = await Promise.all([searchDocumentsToLink(deps.db, b.agency.id, q), answerFilesPanel(deps.db, row)]);
      const linked = new Set(panel.documents.map((d) => d.documentId));
      return sendPage(reply, <AnswerDocumentsPage {...b} id={row.id} ref={row.ref} q={q} results={results} linked={linked} />);
    },
  );
  // Staff read every file of the answer, the original included (it never leaves the console).
  app.get('/:agency/applications/:id/answer-files/:file', { schema: { params: fileParams } }, async (request, reply) => {
    const { actor, agency } = await consoleMember(request);
    if (!can(actor, 'view', agency.id)) throw forbidden();
    const file = await deps.db
      .selectFrom('answerFiles')
      .select(['filename', 'contentType', 'data'])
      .where('agencyId', '=', agency.id)
      .where('applicationId', '=', request.params.id)
      .where('id', '=', request.params.file)
      .executeTakeFirst();
    if (!file) throw notFound();
    return sendFile(reply, { ...file, data: Buffer.from(file.data) });
  });
}

/** The applicant's download: a token from the tracking page names the case; the service checks the rest. */
export async function registerAnswerFilesPortalRoutes(parent: FastifyInstance): Promise<void> {
  await parent.register(async (scope) => {
    const app = zodRoutes(scope);
    const deps = app.deps;
    app.get(
      '/track/answer-files/:file',
      { schema: { params: z.object({ file: idParam() }), querystring: z.object({ token: textQuery }) } },
      async (request, reply) => {
        const secret = await serverSecret(deps.db, deps.config);
        const applicationId = applicationOfToken(secret, 'download', request.query.token, deps.clock.now());
        if (applicationId === null) throw new DomainError('FORBIDDEN', t.applications.answerDownloads.tokenInvalid);
        return sendFile(reply, await downloadAnswerFile(deps, applicationId, request.params.file, { count: request.method === 'GET' }));
      },
    );
  });
}
