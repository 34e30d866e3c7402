import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { agencyParams, type ConsoleBase, consolePage } from '../console/console-page.tsx';
import { emptyForm, type FormState, formValues, sendPage, submitForm } from '../web/http.ts';
import { textQuery, type ZodRoutes } from '../web/params.ts';
import { canEditApplicationSettings } from './settings.policy.ts';
import { applicationSettings, settingsForm } from './settings.queries.ts';
import { saveApplicationSettings } from './settings.service.ts';
import { SettingsPage } from './settings.views.tsx';

/** 依申请公开设置: the 文号 pattern, the 复议机关 and court of the 救济途径, the download period (agency admins edit). */
export function settingsRoutes(app: ZodRoutes): void {
  const deps = app.deps;
  const page = (request: FastifyRequest, reply: FastifyReply) => consolePage(request, reply, '/applications');
  const render = (b: ConsoleBase, form: FormState, saved: boolean) => (
    <SettingsPage {...b} form={form} saved={saved} canEdit={canEditApplicationSettings(b.actor, b.agency.id)} year={Number(deps.clock.today().slice(0, 4))} />
  );

  app.get('/:agency/applications/settings', { schema: { params: agencyParams, querystring: z.object({ saved: textQuery }) } }, async (request, reply) => {
    const b = await page(request, reply);
    return sendPage(reply, render(b, emptyForm(settingsForm(await applicationSettings(deps.db, b.agency.id))), request.query.saved === '1'));
  });

  app.post('/:agency/applications/settings', { schema: { params: agencyParams } }, async (request, reply) => {
    const b = await page(request, reply);
    const values = formValues(request);
    return submitForm(
      reply,
      values,
      () => saveApplicationSettings(deps, b.actor, b.agency.id, values),
      () => `/admin/${b.agency.code}/applications/settings?saved=1`,
      (form) => render(b, form, false),
    );
  });
}
