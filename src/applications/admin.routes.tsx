import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { consoleAgency, csrfToken } from '../console/console.ts';
import { DomainError, forbidden, notFound } from '../shared/errors.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { emptyForm, formValues, sendPage } from '../web/http.ts';
import { registerUploads } from '../web/uploads.ts';
import { can } from './applications.policy.ts';
import { listQueue, loadAttachment, loadCaseView, queueFilterSchema } from './applications.queries.ts';
import { findApplication } from './applications.repo.ts';
import { type ActionName, actionSchemas } from './applications.schema.ts';
import { registerApplication } from './applications.service.ts';
import { APPLICATION_UPLOAD_LIMITS } from './attachments.ts';
import { actOnApplication } from './case.service.ts';
import { CasePage, type FailedAction, LetterPage } from './case.views.tsx';
import { onFile, uploadsOf } from './portal.routes.tsx';
import { QueuePage } from './queue.views.tsx';
import { RegisterPage } from './register.views.tsx';

type AgencyParams = { Params: { agency: string } };
type CaseParams = { Params: { agency: string; id: string } };

const caseId = (raw: string) => {
  const id = Number(raw);
  if (!Number.isInteger(id) || id <= 0) throw notFound();
  return id;
};

/** The console routes of 依申请公开: the queue, registration, the case page and its actions. */
export async function registerApplicationAdminRoutes(admin: FastifyInstance): Promise<void> {
  const deps = admin.deps;

  admin.get<AgencyParams & { Querystring: Record<string, string> }>('/:agency/applications', async (request, reply) => {
    const { actor, agency } = await consoleAgency(request);
    const filter = queueFilterSchema.parse(request.query ?? {});
    const result = await listQueue(deps, agency.id, filter);
    const thisYear = Number(result.today.slice(0, 4));
    const years = Array.from({ length: 8 }, (_, i) => thisYear - i);
    return sendPage(
      reply,
      <QueuePage actor={actor} csrf={csrfToken(reply)} agency={agency} filter={filter} {...result} years={years} canHandle={can(actor, 'handle', agency.id)} />,
    );
  });

  await admin.register(async (scope) => {
    await registerUploads(scope, APPLICATION_UPLOAD_LIMITS, { attachFieldsToBody: 'keyValues', onFile, throwFileSizeLimit: false });
    scope.get<AgencyParams>('/:agency/applications/new', async (request, reply) => {
      const { actor, agency } = await consoleAgency(request);
      if (!can(actor, 'handle', agency.id)) throw forbidden();
      return sendPage(reply, <RegisterPage actor={actor} csrf={csrfToken(reply)} agency={agency} form={emptyForm()} today={deps.clock.today()} />);
    });
    scope.post<AgencyParams>('/:agency/applications/new', async (request, reply) => {
      const { actor, agency } = await consoleAgency(request);
      const values = formValues(request);
      try {
        const result = await registerApplication(deps, actor, agency, values, uploadsOf(request));
        reply.header('cache-control', 'no-store');
        return sendPage(
          reply,
          <RegisterPage actor={actor} csrf={csrfToken(reply)} agency={agency} form={emptyForm()} today={deps.clock.today()} result={result} />,
        );
      } catch (error) {
        if (!(error instanceof DomainError) || (error.code !== 'VALIDATION' && error.code !== 'CONFLICT')) throw error;
        const form = { values, message: error.code === 'CONFLICT' ? error.message : t.errors.validation, fields: error.fields };
        return sendPage(reply, <RegisterPage actor={actor} csrf={csrfToken(reply)} agency={agency} form={form} today={deps.clock.today()} />, 400);
      }
    });
  });

  const renderCase = async (
    request: FastifyRequest<CaseParams & { Querystring: { done?: string } }>,
    reply: FastifyReply,
    failed?: FailedAction,
    status = 200,
  ) => {
    const { actor, agency } = await consoleAgency(request);
    const view = await loadCaseView(deps, actor, agency, caseId(request.params.id));
    const done = request.query?.done;
    const flash = done ? t.applications.console.done[done] : undefined;
    return sendPage(reply, <CasePage actor={actor} csrf={csrfToken(reply)} agency={agency} view={view} flash={flash} failed={failed} />, status);
  };

  admin.get<CaseParams & { Querystring: { done?: string } }>('/:agency/applications/:id', async (request, reply) => renderCase(request, reply));

  admin.post<CaseParams & { Params: { action: string } }>('/:agency/applications/:id/:action', async (request, reply) => {
    const { actor, agency } = await consoleAgency(request);
    const id = caseId(request.params.id);
    const action = request.params.action;
    if (!Object.hasOwn(actionSchemas, action)) throw notFound();
    const values = formValues(request);
    try {
      await actOnApplication(deps, actor, agency, id, action as ActionName, values);
      return reply.redirect(
        `/admin/${agency.code}/applications/${id}?done=${action}#${action === 'save_answer' || action.endsWith('_answer') ? 'answer' : 'deadlines'}`,
        303,
      );
    } catch (error) {
      if (!(error instanceof DomainError) || !['VALIDATION', 'INVALID_STATE', 'CONFLICT'].includes(error.code)) throw error;
      const message =
        error.code === 'VALIDATION' && Object.keys(error.fields).length > 0 && error.message === t.errors.validation ? t.errors.validation : error.message;
      const status = error.code === 'VALIDATION' ? 400 : 409;
      return renderCase(request as never, reply, { action, state: { values, message, fields: error.fields } }, status);
    }
  });

  admin.get<CaseParams & { Params: { attachment: string } }>('/:agency/applications/:id/attachments/:attachment', async (request, reply) => {
    const { actor, agency } = await consoleAgency(request);
    const file = await loadAttachment(deps, actor, agency, caseId(request.params.id), caseId(request.params.attachment));
    return reply
      .type(file.contentType)
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
      .header('cache-control', 'private, no-store')
      .send(Buffer.from(file.data));
  });

  admin.get<CaseParams>('/:agency/applications/:id/letter', async (request, reply) => {
    const { actor, agency } = await consoleAgency(request);
    if (!can(actor, 'view', agency.id)) throw forbidden();
    const row = await findApplication(deps.db, agency.id, caseId(request.params.id));
    if (!row?.answerLetter) throw notFound();
    return sendPage(reply, <LetterPage actor={actor} csrf={csrfToken(reply)} agency={agency} ref={row.ref} letter={row.answerLetter} id={row.id} />);
  });
}
