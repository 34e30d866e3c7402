/** The appeals routes of the console: the list with the form to register one, and one appeal's result. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { agencyParams, type ConsoleBase, consolePage, consoleRoutes, recordParams } from '../console/console-page.tsx';
import { emptyForm, type FormState, formValues, sendPage, submitForm } from '../web/http.ts';
import { textQuery, type ZodRoutes } from '../web/params.ts';
import { appealForm, createAppeal, getAppeal, listAppeals, updateAppeal } from './appeals.service.ts';
import { AppealPage, AppealsPage } from './appeals.views.tsx';

/** The appeals routes of the console. */
export async function registerAppealAdminRoutes(admin: FastifyInstance): Promise<void> {
  await admin.register(async (scope) => appealRoutes(consoleRoutes(scope)));
}

function appealRoutes(app: ZodRoutes): void {
  const deps = app.deps;
  const page = (request: FastifyRequest, reply: FastifyReply) => consolePage(request, reply, '/appeals');
  const listPage = async (b: ConsoleBase, form: FormState, created?: string) => (
    <AppealsPage {...b} appeals={await listAppeals(deps.db, b.agency.id)} form={form} created={created} />
  );

  const listQuery = z.object({ created: z.string().optional(), application: textQuery });
  app.get('/:agency/appeals', { schema: { params: agencyParams, querystring: listQuery } }, async (request, reply) => {
    const b = await page(request, reply);
    const { application, created } = request.query;
    return sendPage(reply, await listPage(b, emptyForm(application ? { applicationRef: application.slice(0, 40) } : {}), created));
  });

  app.post('/:agency/appeals', { schema: { params: agencyParams } }, async (request, reply) => {
    const b = await page(request, reply);
    const values = formValues(request);
    return submitForm(
      reply,
      values,
      () => createAppeal(deps, b.actor, b.agency, values),
      (created) => `/admin/${b.agency.code}/appeals?created=${encodeURIComponent(created.ref)}`,
      (form) => listPage(b, form),
    );
  });

  app.get('/:agency/appeals/:id', { schema: { params: recordParams, querystring: z.object({ saved: textQuery }) } }, async (request, reply) => {
    const b = await page(request, reply);
    const appeal = await getAppeal(deps.db, b.agency.id, request.params.id);
    return sendPage(reply, <AppealPage {...b} appeal={appeal} form={emptyForm(appealForm(appeal))} saved={request.query.saved === '1'} />);
  });

  app.post('/:agency/appeals/:id', { schema: { params: recordParams } }, async (request, reply) => {
    const b = await page(request, reply);
    const { id } = request.params;
    const values = formValues(request);
    return submitForm(
      reply,
      values,
      () => updateAppeal(deps, b.actor, b.agency, id, values),
      () => `/admin/${b.agency.code}/appeals/${id}?saved=1`,
      async (form) => <AppealPage {...b} appeal={await getAppeal(deps.db, b.agency.id, id)} form={form} saved={false} />,
    );
  });
}
