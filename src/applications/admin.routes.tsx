import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { type ConsoleBase, consoleMember, consolePage, consoleRoutes, recordParams } from '../console/console-page.tsx';
import { DomainError, forbidden } from '../shared/errors.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { emptyForm, type FormState, formValues, runForm, sendPage } from '../web/http.ts';
import { idParam, pathParam, textQuery, type ZodRoutes, zodRoutes } from '../web/params.ts';
import { registerUploads } from '../web/uploads.ts';
import { can } from './applications.policy.ts';
import { listQueue, loadAttachment, loadCaseView, queueFilterSchema } from './applications.queries.ts';
import { type ActionName, actionSchemas } from './applications.schema.ts';
import { registerApplication } from './applications.service.ts';
import { APPLICATION_UPLOAD_LIMITS } from './attachments.ts';
import { actOnApplication } from './case.service.ts';
import { CasePage, type FailedAction } from './case.views.tsx';
import { letterConsoleRoutes } from './letter.routes.tsx';
import { onFile, uploadsOf } from './portal.routes.tsx';
import { QueuePage } from './queue.views.tsx';
import { RegisterPage } from './register.views.tsx';
import { applicationSettings } from './settings.queries.ts';
import { settingsRoutes } from './settings.routes.tsx';

const agencyParams = recordParams.pick({ agency: true });
const actionParams = recordParams.extend({ action: pathParam(z.enum(Object.keys(actionSchemas) as [ActionName, ...ActionName[]])) });
const attachmentParams = recordParams.extend({ attachment: idParam() });

/** The console routes of 依申请公开: the queue, registration, the case page and its actions. */
export async function registerApplicationAdminRoutes(admin: FastifyInstance): Promise<void> {
  await admin.register(async (scope) => {
    const app = consoleRoutes(scope);
    caseRoutes(app);
    settingsRoutes(app);
    letterConsoleRoutes(app);
    await app.register(async (uploads) => {
      await registerUploads(uploads, APPLICATION_UPLOAD_LIMITS, { attachFieldsToBody: 'keyValues', onFile, throwFileSizeLimit: false });
      registerRoutes(zodRoutes(uploads));
    });
  });
}

const page = (request: FastifyRequest, reply: FastifyReply) => consolePage(request, reply, '/applications');

/** Registration by staff (multipart, with attachments): the result is shown once, with the query code. */
function registerRoutes(app: ZodRoutes): void {
  const deps = app.deps;
  const registerPage = async (b: ConsoleBase, form: FormState, result?: Awaited<ReturnType<typeof registerApplication>>) => (
    <RegisterPage {...b} form={form} today={deps.clock.today()} result={result} emailRule={(await applicationSettings(deps.db, b.agency.id)).emailReceipt} />
  );
  app.get('/:agency/applications/new', { schema: { params: agencyParams } }, async (request, reply) => {
    const b = await consolePage(request, reply, '/applications/new');
    if (!can(b.actor, 'handle', b.agency.id)) throw forbidden();
    return sendPage(reply, await registerPage(b, emptyForm()));
  });
  app.post('/:agency/applications/new', { schema: { params: agencyParams } }, async (request, reply) => {
    const b = await consolePage(request, reply, '/applications/new');
    const values = formValues(request);
    const outcome = await runForm(values, () => registerApplication(deps, b.actor, b.agency, values, uploadsOf(request)));
    if (!outcome.ok) return sendPage(reply, await registerPage(b, outcome.state), 400);
    reply.header('cache-control', 'no-store');
    return sendPage(reply, await registerPage(b, emptyForm(), outcome.result));
  });
}

function caseRoutes(app: ZodRoutes): void {
  const deps = app.deps;

  app.get('/:agency/applications', { schema: { params: agencyParams, querystring: queueFilterSchema } }, async (request, reply) => {
    const b = await page(request, reply);
    const filter = request.query;
    const result = await listQueue(deps, b.agency.id, filter);
    const thisYear = Number(result.today.slice(0, 4));
    const years = Array.from({ length: 8 }, (_, i) => thisYear - i);
    return sendPage(reply, <QueuePage {...b} filter={filter} {...result} years={years} canHandle={can(b.actor, 'handle', b.agency.id)} />);
  });

  const casePage = async (b: ConsoleBase, id: number, done: string, failed?: FailedAction) => {
    const view = await loadCaseView(deps, b.actor, b.agency, id);
    const flash = done ? (t.applications.console.done[done] ?? (t.applications.clock.done as Record<string, string>)[done]) : undefined;
    return <CasePage {...b} view={view} flash={flash} failed={failed} />;
  };

  app.get('/:agency/applications/:id', { schema: { params: recordParams, querystring: z.object({ done: textQuery }) } }, async (request, reply) => {
    const b = await page(request, reply);
    return sendPage(reply, await casePage(b, request.params.id, request.query.done));
  });

  app.post('/:agency/applications/:id/:action', { schema: { params: actionParams } }, async (request, reply) => {
    const b = await page(request, reply);
    const { id, action } = request.params;
    const values = formValues(request);
    try {
      await actOnApplication(deps, b.actor, b.agency, id, action, values);
      return reply.redirect(
        `/admin/${b.agency.code}/applications/${id}?done=${action}#${action === 'save_answer' || action.endsWith('_answer') ? 'answer' : 'deadlines'}`,
        303,
      );
    } catch (error) {
      if (!(error instanceof DomainError) || !['VALIDATION', 'INVALID_STATE', 'CONFLICT'].includes(error.code)) throw error;
      const message =
        error.code === 'VALIDATION' && Object.keys(error.fields).length > 0 && error.message === t.errors.validation ? t.errors.validation : error.message;
      const status = error.code === 'VALIDATION' ? 400 : 409;
      return sendPage(reply, await casePage(b, id, '', { action, state: { values, message, fields: error.fields } }), status);
    }
  });

  app.get('/:agency/applications/:id/attachments/:attachment', { schema: { params: attachmentParams } }, async (request, reply) => {
    const { actor, agency } = await consoleMember(request);
    const file = await loadAttachment(deps, actor, agency, request.params.id, request.params.attachment);
    return reply
      .type(file.contentType)
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
      .header('cache-control', 'private, no-store')
      .send(Buffer.from(file.data));
  });
}
